//! Stress cases beside the base: each case's candidates in the base's shape, the change from
//! the base, and the deprecation pack's results by month (the parts of `summary.json` under
//! `stress` and `deprecation_stress`).

use super::summary::CandidateSummary;
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
