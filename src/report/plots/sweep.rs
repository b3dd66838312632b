//! A sweep: every candidate's P(payback ≤ T) (left) and median payback (right) against the
//! swept input's value; a median of "never" is left out of the right panel.

use super::*;

pub fn draw<DB: DrawingBackend>(s: &Sweep, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
    let root = root
        .titled(&format!("Payback against {}", s.param), (FONT, TITLE_SIZE))
        .map_err(|e| e.to_string())?;
    let (left, right) = root.split_horizontally(SIZE.0 / 2);
    let (lo, hi) = s
        .points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.value), hi.max(p.value))
        });
    let p50_max = s
        .points
        .iter()
        .flat_map(|p| p.candidates.iter().filter_map(|c| c.payback_p50_months))
        .fold(1.0f64, f64::max);
    let names: Vec<&str> = s
        .points
        .first()
        .map(|p| p.candidates.iter().map(|c| c.name.as_str()).collect())
        .unwrap_or_default();
    for (panel, area) in [(0, &left), (1, &right)] {
        let y = if panel == 0 {
            0f64..1.05f64
        } else {
            0f64..p50_max * 1.1
        };
        let mut chart = ChartBuilder::on(area)
            .margin(20)
            .x_label_area_size(70)
            .y_label_area_size(90)
            .build_cartesian_2d(padded(lo, hi), y)
            .map_err(|e| e.to_string())?;
        let y_desc = if panel == 0 {
            format!("P(payback ≤ {} months)", s.within_months)
        } else {
            "Median payback (months)".to_string()
        };
        let y_format: &dyn Fn(&f64) -> String = if panel == 0 {
            &|y| format!("{:.0} %", y * 100.0)
        } else {
            &|y| format!("{y:.1}")
        };
        configure_mesh(&mut chart, &s.param, &y_desc, y_format)?;
        for (i, name) in names.iter().enumerate() {
            let points: Vec<(f64, f64)> = s
                .points
                .iter()
                .filter_map(|p| {
                    let c = &p.candidates[i];
                    let y = if panel == 0 {
                        Some(c.p_within)
                    } else {
                        c.payback_p50_months
                    };
                    y.map(|y| (p.value, y))
                })
                .collect();
            chart
                .draw_series(
                    points
                        .iter()
                        .map(|&p| Circle::new(p, 5, colour(i).filled())),
                )
                .map_err(|e| e.to_string())?;
            draw_line(&mut chart, i, points, name.to_string())?;
        }
        draw_legend(&mut chart, SeriesLabelPosition::LowerRight)?;
    }
    Ok(())
}
