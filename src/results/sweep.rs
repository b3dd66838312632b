//! A sweep's points: every candidate's P(payback ≤ T), median payback, P(never) and mean NPV
//! at each value of one input (the schema of `sweep.json`).

use crate::scenario::{Labels, Money, Months, Probability};
use serde::{Deserialize, Serialize};

/// The result of a sweep: the schema of `sweep.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sweep {
    /// The scenario's name.
    pub scenario: String,
    /// The dotted path of the swept input.
    pub param: String,
    /// The target payback time T in months: `p_within` is P(payback ≤ T).
    pub within_months: u32,
    /// Trials per value.
    pub trials: u64,
    /// Seed of every run (the same for every value).
    pub seed: u64,
    /// Horizon in months.
    pub horizon_months: u32,
    /// Currency of the amounts.
    pub currency: String,
    /// The names the file gives its options and inputs (`label = "..."`), by dotted path;
    /// absent when it gives none.
    #[serde(skip_serializing_if = "Labels::is_empty", default)]
    pub labels: Labels,
    /// One point per value, in the order given.
    pub points: Vec<SweepPoint>,
}

/// The runs at one value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepPoint {
    /// The value the input was set to.
    pub value: f64,
    /// Every candidate, in file order.
    pub candidates: Vec<SweepStat>,
}

/// One candidate at one value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepStat {
    /// The candidate's name.
    pub name: String,
    /// P(payback ≤ `within_months`).
    pub p_within: Probability,
    /// Its Monte Carlo standard error.
    pub p_within_stderr: Probability,
    /// Median payback in months, `null` for never.
    pub payback_p50_months: Option<Months>,
    /// P(never pays back within the horizon).
    pub p_never: Probability,
    /// Mean NPV at the horizon.
    pub npv_mean: Money,
}
