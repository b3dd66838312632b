//! The vendor-deprecation pack: every candidate's P(never) (left) and median payback (right)
//! against the month in which the vendor retires the model; a median of "never" is left out
//! of the right panel (its P(never) on the left is above 50 %).

use super::panels::{self, Layout, Series};
use super::*;

pub fn draw<DB: DrawingBackend>(s: &Summary, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
    let Some(pack) = &s.deprecation_stress else {
        return Ok(());
    };
    let series: Vec<Series> = s
        .candidates
        .iter()
        .enumerate()
        .map(|(i, c)| Series {
            name: Names::of(s).option(&c.name),
            probability: pack
                .points
                .iter()
                .map(|p| (f64::from(p.month), p.candidates[i].p_never))
                .collect(),
            months: pack
                .points
                .iter()
                .filter_map(|p| Some((f64::from(p.month), p.candidates[i].payback_p50_months?)))
                .collect(),
        })
        .collect();
    let last = pack.points.iter().map(|p| p.month).max().unwrap_or(1);
    let title = format!(
        "If the vendor retires {}'s model in month m",
        Names::of(s).option(&pack.option)
    );
    let layout = Layout {
        title: &title,
        x: 0.0..f64::from(last) * 1.05,
        x_desc: "Month of the deprecation",
        y_desc: ["P(never pays back)", "Median payback (months)"],
        legend: [
            SeriesLabelPosition::UpperRight,
            SeriesLabelPosition::UpperRight,
        ],
    };
    panels::draw(layout, &series, root)
}
