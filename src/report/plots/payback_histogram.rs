//! One candidate's payback times as a histogram over the months where they fall, with a
//! separate bar for "never within the horizon".

use super::*;

/// Bars wanted over the range of finite paybacks.
const BARS: f64 = 40.0;

pub fn draw<DB: DrawingBackend>(
    s: &Summary,
    i: usize,
    root: &DrawingArea<DB, Shift>,
) -> Result<(), String> {
    let c = &s.candidates[i];
    let curve = &c.payback_curve;
    let paid = 1.0 - c.p_never;
    // The range of finite paybacks: up to where the curve reaches its final height.
    let last = curve
        .iter()
        .find(|p| p[1] >= paid - 1e-12)
        .map_or(0.0, |p| p[0]);
    let grid = curve.get(1).map_or(1.0, |p| p[0]);
    let width = ((last / BARS / grid).ceil() * grid).max(grid);
    let per_bar = (width / grid).round().max(1.0) as usize;
    // Bar k: paybacks in (k·w, (k+1)·w]; the first also holds paybacks at 0.
    let bars: Vec<(f64, f64)> = curve
        .iter()
        .step_by(per_bar)
        .zip(curve.iter().step_by(per_bar).skip(1))
        .enumerate()
        .map(|(k, (a, b))| (a[0], b[1] - if k == 0 { 0.0 } else { a[1] }))
        .take_while(|&(x, _)| x <= last)
        .collect();
    let top = bars.iter().map(|b| b.1).fold(c.p_never, f64::max).max(0.01) * 1.15;
    let root = root
        .margin(14, 0, 0, 0)
        .titled(
            &format!(
                "When {} pays back against {}",
                Names::of(s).option(&c.name),
                Names::of(s).option(&c.baseline)
            ),
            (FONT, TITLE_SIZE),
        )
        .map_err(|e| e.to_string())?;
    // The trials that never pay back get a panel of their own beside the months' axis, so
    // that their bar stands at no month.
    let (months_area, never_area) = root.split_horizontally(SIZE.0 * 4 / 5);
    let mut chart = ChartBuilder::on(&months_area)
        .margin(24)
        .x_label_area_size(70)
        .y_label_area_size(100)
        .build_cartesian_2d(0f64..last.max(width) + width, 0f64..top)
        .map_err(|e| e.to_string())?;
    let x_desc = format!("Payback month (bars {width:.2} months wide)");
    configure_mesh(
        &mut chart,
        &x_desc,
        "Share of trials",
        (&|y| format!("{:.0} %", y * 100.0), 10),
    )?;
    let fill = colour(i).filled();
    let gap = 0.08 * width;
    chart
        .draw_series(
            bars.iter()
                .map(|&(x, p)| Rectangle::new([(x + gap, 0.0), (x + width - gap, p)], fill)),
        )
        .map_err(|e| e.to_string())?;
    let mut never = ChartBuilder::on(&never_area)
        .margin(24)
        .margin_left(0)
        .x_label_area_size(70)
        .y_label_area_size(0)
        .build_cartesian_2d(0f64..1f64, 0f64..top)
        .map_err(|e| e.to_string())?;
    never
        .configure_mesh()
        .disable_mesh()
        .x_labels(0)
        .y_labels(0)
        .x_desc(format!("never within {} months", s.horizon_months))
        .axis_desc_style((FONT, LABEL_SIZE))
        .draw()
        .map_err(|e| e.to_string())?;
    never
        .draw_series([
            Rectangle::new(
                [(0.3, 0.0), (0.7, c.p_never)],
                RGBColor(90, 90, 90).filled(),
            )
            .into_dyn(),
            Text::new(
                format!("{:.1} %", 100.0 * c.p_never),
                (0.3, c.p_never + top * 0.03),
                (FONT, LABEL_SIZE),
            )
            .into_dyn(),
        ])
        .map_err(|e| e.to_string())?;
    Ok(())
}
