//! P(paid back by month m) for every candidate, with its P10/P50/P90 marked and the share that
//! never pays back labelled at the horizon (the curve's gap to 1).

use super::*;

pub fn draw<DB: DrawingBackend>(s: &Summary, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
    let h = f64::from(s.horizon_months);
    let mut chart = payback_axes(root, "Probability of having paid back, by month", h)?;
    for (i, c) in s.candidates.iter().enumerate() {
        let style = line_style(i);
        let points: Vec<(f64, f64)> = c.payback_curve.iter().map(|p| (p[0], p[1])).collect();
        let label = format!(
            "{} vs {}: never within {} months {:.1} %",
            c.name,
            c.baseline,
            s.horizon_months,
            100.0 * c.p_never
        );
        draw_line(&mut chart, i, points, label)?;
        let p = &c.payback_months;
        for (name, q, at) in [
            ("P10", 0.1, p.p10),
            ("P50", 0.5, p.p50),
            ("P90", 0.9, p.p90),
        ] {
            if let Some(m) = at {
                chart
                    .draw_series([
                        Circle::new((m, q), 7, colour(i).filled()).into_dyn(),
                        // Labels right of the marker, below it for odd series, so neighbours do not collide.
                        Text::new(
                            format!("{name} {m:.1}"),
                            (m + 0.012 * h, q + if i % 2 == 0 { 0.035 } else { -0.015 }),
                            (FONT, TICK_SIZE),
                        )
                        .into_dyn(),
                    ])
                    .map_err(|e| e.to_string())?;
            }
        }
        if c.p_never > 0.0 {
            let y = 1.0 - c.p_never;
            chart
                .draw_series([
                    PathElement::new(
                        vec![(h * 0.985, y), (h * 0.985, 1.0)],
                        style.stroke_width(2),
                    )
                    .into_dyn(),
                    Text::new(
                        format!("never: {:.1} %", 100.0 * c.p_never),
                        (h * 0.86, y + 0.5 * c.p_never),
                        (FONT, TICK_SIZE),
                    )
                    .into_dyn(),
                ])
                .map_err(|e| e.to_string())?;
        }
    }
    draw_legend(&mut chart, SeriesLabelPosition::LowerRight)
}
