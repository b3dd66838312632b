//! One candidate's payback times, month by month, with a separate bar for "never within the
//! horizon".

use super::*;

pub fn draw<DB: DrawingBackend>(s: &Summary, i: usize, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
    let c = &s.candidates[i];
    let h = f64::from(s.horizon_months);
    let cdf = &c.payback_cdf;
    // Month m's bar: paybacks in (m, m + 1]; the first also holds paybacks at 0.
    let bars: Vec<(f64, f64)> = (0..cdf.len() - 1)
        .map(|m| {
            let below = if m == 0 { 0.0 } else { cdf[m][1] };
            (m as f64, cdf[m + 1][1] - below)
        })
        .collect();
    let never_at = h + 1.0;
    let top = bars.iter().map(|b| b.1).fold(c.p_never, f64::max).max(0.01) * 1.15;
    let mut chart = ChartBuilder::on(root)
        .caption(format!("When {} pays back against {}", c.name, c.baseline), (FONT, TITLE_SIZE))
        .margin(24)
        .x_label_area_size(70)
        .y_label_area_size(100)
        .build_cartesian_2d(0f64..never_at + 3.0, 0f64..top)
        .map_err(|e| e.to_string())?;
    configure_mesh(&mut chart, "Payback month (the bar right of the horizon: never)", "Share of trials", &|y| {
        format!("{:.0} %", y * 100.0)
    })?;
    let fill = colour(i).filled();
    chart
        .draw_series(bars.iter().map(|&(m, p)| Rectangle::new([(m + 0.08, 0.0), (m + 0.92, p)], fill)))
        .map_err(|e| e.to_string())?;
    chart
        .draw_series([
            Rectangle::new([(never_at, 0.0), (never_at + 2.0, c.p_never)], RGBColor(90, 90, 90).filled()).into_dyn(),
            Text::new(format!("never: {:.1} %", 100.0 * c.p_never), (never_at - 1.0, c.p_never + top * 0.03), (FONT, TICK_SIZE))
                .into_dyn(),
        ])
        .map_err(|e| e.to_string())?;
    Ok(())
}
