//! P(paid back by month m) for every candidate, with its P10/P50/P90 marked (their values in
//! the legend) and the share that never pays back said above the level where the curve stops
//! rising (the curve's gap to 1).

use super::*;

pub fn draw<DB: DrawingBackend>(s: &Summary, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
    let h = f64::from(s.horizon_months);
    let baseline = s
        .candidates
        .first()
        .map_or_else(String::new, |c| Names::of(s).option(&c.baseline));
    let title = format!("Probability of having paid back against {baseline}, by month");
    let mut chart = payback_axes(root, &title, h)?;
    let at = |m: Option<f64>| m.map_or_else(|| "never".to_string(), |m| format!("{m:.1}"));
    for (i, c) in s.candidates.iter().enumerate() {
        let points: Vec<(f64, f64)> = c.payback_curve.iter().map(|p| (p[0], p[1])).collect();
        let p = &c.payback_months;
        // The percentiles are in the legend, not beside the markers, where they would cross
        // the other curves.
        let never = if c.p_never == 0.0 {
            "none".to_string()
        } else {
            format!("{:.1} %", 100.0 * c.p_never)
        };
        let median = p
            .p50
            .map_or_else(|| "never".to_string(), |m| format!("{m:.1} months"));
        let label = format!(
            "{}: median {median} (P10 {}, P90 {}); never: {never}",
            Names::of(s).option(&c.name),
            at(p.p10),
            at(p.p90),
        );
        draw_line(&mut chart, i, points, label)?;
        let marks = [(0.1, p.p10), (0.5, p.p50), (0.9, p.p90)];
        chart
            .draw_series(
                marks
                    .iter()
                    .filter_map(|&(q, m)| m.map(|m| Circle::new((m, q), 7, colour(i).filled()))),
            )
            .map_err(|e| e.to_string())?;
        if c.p_never > 0.0 {
            // Said just above where the curve levels off, the gap to 100 % being the trials
            // that never pay back; no mark at the horizon, which would read as a payback there.
            let x = h * if i % 2 == 0 { 0.45 } else { 0.68 };
            chart
                .draw_series([Text::new(
                    format!(
                        "{}: {:.1} % never pay back",
                        Names::of(s).option(&c.name),
                        100.0 * c.p_never
                    ),
                    (x, 1.0 - c.p_never + 0.045),
                    (FONT, TICK_SIZE).into_font().color(&colour(i)),
                )])
                .map_err(|e| e.to_string())?;
        }
    }
    draw_legend(&mut chart, SeriesLabelPosition::LowerRight)
}
