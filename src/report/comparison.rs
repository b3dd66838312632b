//! Stress cases beside the base: each case's candidates in the base's shape, the change from
//! the base, and the deprecation pack's results by month (the parts of `summary.json` under
//! `stress` and `deprecation_stress`).

use super::format::{money, months, percent};
use super::summary::{CandidateSummary, Summary};
use crate::config::Override;
use crate::scenario::{Money, Months, Probability};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// One stress case's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StressResult {
    /// The case's name.
    pub name: String,
    /// What it changes: dotted path → value as written.
    pub set: IndexMap<String, String>,
    /// One entry per candidate, in the base's shape and order.
    pub candidates: Vec<CandidateSummary>,
    /// Each candidate's change from the base (this case minus the base), in the same order.
    pub change_from_base: Vec<Change>,
}

/// A candidate's change from the base under a stress case: stressed minus base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The candidate's name.
    pub name: String,
    /// Change of the median payback in months; `null` when either median is "never".
    pub payback_p50_months: Option<Months>,
    /// Change of P(never).
    pub p_never: Probability,
    /// Change of the mean NPV.
    pub npv_mean: Money,
    /// Change of the median NPV.
    pub npv_p50: Money,
}

/// The vendor-deprecation pack (`--stress-deprecation`): the option whose model is retired and,
/// for each month, every candidate's P(never) and median payback.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeprecationStress {
    /// The option whose vendor model is retired.
    pub option: String,
    /// One point per deprecation month, ascending.
    pub points: Vec<DeprecationPoint>,
}

/// The deprecation pack at one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeprecationPoint {
    /// The month of the deprecation.
    pub month: u32,
    /// The name of the stress case (in `stress`) behind this point.
    pub case: String,
    /// Every candidate, in the base's order.
    pub candidates: Vec<PointStat>,
}

/// A candidate's payback risk at one point of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointStat {
    /// The candidate's name.
    pub name: String,
    /// P(never pays back within the horizon).
    pub p_never: Probability,
    /// Median payback in months, `null` for never.
    pub payback_p50_months: Option<Months>,
}

impl StressResult {
    /// The result of the case `name` with changes `set`, whose run is summarised in `case`,
    /// beside the `base`.
    pub fn new(name: &str, set: &[Override], base: &Summary, case: Summary) -> Self {
        let change_from_base = base
            .candidates
            .iter()
            .zip(&case.candidates)
            .map(|(b, c)| Change {
                name: c.name.clone(),
                payback_p50_months: c
                    .payback_months
                    .p50
                    .zip(b.payback_months.p50)
                    .map(|(c, b)| c - b),
                p_never: c.p_never - b.p_never,
                npv_mean: c.npv.mean - b.npv.mean,
                npv_p50: c.npv.p50 - b.npv.p50,
            })
            .collect();
        StressResult {
            name: name.to_string(),
            set: set
                .iter()
                .map(|o| (o.path.clone(), o.value_text()))
                .collect(),
            candidates: case.candidates,
            change_from_base,
        }
    }
}

impl PointStat {
    /// The payback risk of one candidate's summary.
    pub fn of(c: &CandidateSummary) -> Self {
        PointStat {
            name: c.name.clone(),
            p_never: c.p_never,
            payback_p50_months: c.payback_months.p50,
        }
    }
}

/// The stress comparison as a table: the base case, then every stress case, one row per
/// candidate, with the change from the base. Shared by the terminal and the memo.
pub fn stress_table(s: &Summary) -> (Vec<String>, Vec<Vec<String>>) {
    let header = [
        "case",
        "candidate",
        "payback P10 / P50 / P90 (months)",
        "never pays back",
        "mean NPV",
        "change of P50",
        "change of never",
        "change of mean NPV",
    ];
    let row = |case: &str, c: &CandidateSummary, change: Option<&Change>| {
        let p = &c.payback_months;
        let [d50, dnever, dnpv] = change.map_or_else(
            || ["".into(), "".into(), "".into()],
            |d| {
                [
                    d.payback_p50_months.map_or_else(
                        || "n/a (never)".into(),
                        // Rounded first, so that a tiny change reads +0.00, not -0.00.
                        |m| format!("{:+.2} months", (100.0 * m).round() / 100.0 + 0.0),
                    ),
                    format!("{:+.1} pts", (1000.0 * d.p_never).round() / 10.0 + 0.0),
                    signed_money(d.npv_mean),
                ]
            },
        );
        vec![
            case.to_string(),
            c.name.clone(),
            format!("{} / {} / {}", months(p.p10), months(p.p50), months(p.p90)),
            percent(c.p_never),
            money(c.npv.mean),
            d50,
            dnever,
            dnpv,
        ]
    };
    let mut rows: Vec<Vec<String>> = s
        .candidates
        .iter()
        .map(|c| row("base case", c, None))
        .collect();
    for case in &s.stress {
        for (c, d) in case.candidates.iter().zip(&case.change_from_base) {
            rows.push(row(&case.name, c, Some(d)));
        }
    }
    (header.iter().map(|h| h.to_string()).collect(), rows)
}

/// The deprecation pack as a table: one row per month, P(never) and median payback of every
/// candidate.
pub fn deprecation_table(pack: &DeprecationStress) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header = vec![format!("{}'s model retired in month", pack.option)];
    if let Some(first) = pack.points.first() {
        header.extend(
            first
                .candidates
                .iter()
                .map(|c| format!("{}: never / P50", c.name)),
        );
    }
    let rows =
        pack.points
            .iter()
            .map(|p| {
                std::iter::once(p.month.to_string())
                    .chain(p.candidates.iter().map(|c| {
                        format!("{} / {}", percent(c.p_never), months(c.payback_p50_months))
                    }))
                    .collect()
            })
            .collect();
    (header, rows)
}

/// An amount with its sign: `+1,234`, `-56`.
fn signed_money(x: f64) -> String {
    if x.round() > 0.0 {
        format!("+{}", money(x))
    } else {
        money(x)
    }
}
