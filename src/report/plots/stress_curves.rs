//! One candidate's payback curve in the base case and in every stress case, overlaid: what
//! each stress does to P(paid back by month m), with the share that never pays back in the
//! legend.

use super::*;
use crate::results::summary::CandidateSummary;

pub fn draw<DB: DrawingBackend>(
    s: &Summary,
    i: usize,
    root: &DrawingArea<DB, Shift>,
) -> Result<(), String> {
    let base = &s.candidates[i];
    let title = format!(
        "{}: payback under stress, against {}",
        Names::of(s).option(&base.name),
        Names::of(s).option(&base.baseline)
    );
    let mut chart = payback_axes(root, &title, f64::from(s.horizon_months))?;
    let cases: Vec<(&str, &CandidateSummary)> = std::iter::once(("base case", base))
        .chain(s.stress.iter().map(|c| (c.name.as_str(), &c.candidates[i])))
        .collect();
    for (k, &(name, c)) in cases.iter().enumerate() {
        let points: Vec<(f64, f64)> = c.payback_curve.iter().map(|p| (p[0], p[1])).collect();
        let label = format!(
            "{name}: P50 {}, never {:.1} %",
            super::super::format::months(c.payback_months.p50),
            100.0 * c.p_never
        );
        draw_line(&mut chart, k, points, label)?;
    }
    // The legend goes where the curves are not: above them when none climbs past 55 %.
    let highest = cases
        .iter()
        .map(|(_, c)| 1.0 - c.p_never)
        .fold(0.0, f64::max);
    let position = if highest < 0.55 {
        SeriesLabelPosition::UpperRight
    } else {
        SeriesLabelPosition::LowerRight
    };
    draw_legend(&mut chart, position)
}
