//! A sweep: every candidate's P(payback ≤ T) (left) and median payback (right) against the
//! swept input's value; a median of "never" is left out of the right panel.

use super::panels::{self, Layout, Series};
use super::*;
use crate::scenario::FactorKind;

pub fn draw<DB: DrawingBackend>(s: &Sweep, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
    let (lo, hi) = s
        .points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.value), hi.max(p.value))
        });
    let count = s.points.first().map_or(0, |p| p.candidates.len());
    let series: Vec<Series> = (0..count)
        .map(|i| Series {
            name: Names(&s.labels).option(&s.points[0].candidates[i].name),
            probability: s
                .points
                .iter()
                .map(|p| (p.value, p.candidates[i].p_within))
                .collect(),
            months: s
                .points
                .iter()
                .filter_map(|p| Some((p.value, p.candidates[i].payback_p50_months?)))
                .collect(),
        })
        .collect();
    let input = Names(&s.labels).input(&s.param, FactorKind::Input);
    let title = format!("Payback against {input}");
    let within = format!("P(payback ≤ {} months)", s.within_months);
    // P(payback ≤ T) mostly rises with the value and the median falls: each legend goes in
    // the corner its curves leave free.
    let layout = Layout {
        title: &title,
        x: padded(lo, hi),
        x_desc: &input,
        y_desc: [&within, "Median payback (months)"],
        legend: [
            SeriesLabelPosition::LowerRight,
            SeriesLabelPosition::UpperRight,
        ],
    };
    panels::draw(layout, &series, root)
}
