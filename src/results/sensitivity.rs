//! What drives each candidate's risk, factor by factor (the part of `summary.json` under
//! `sensitivity`).

use crate::scenario::{FactorKind, Money, Months, Probability};
use serde::{Deserialize, Serialize};

/// One candidate's factors, largest NPV swing first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateSensitivity {
    /// The candidate's name.
    pub candidate: String,
    /// Its mean NPV over all trials (the centre of the tornado).
    pub mean_npv: Money,
    /// Every factor, ranked by the size of its NPV swing (ties by path).
    pub factors: Vec<FactorEffect>,
}

/// How one factor moves one candidate's outcomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactorEffect {
    /// The factor's dotted path (an input's path, or `…project.success#event`,
    /// `…deprecation#first`).
    pub path: String,
    /// Input, project success or deprecation.
    pub kind: FactorKind,
    /// The trials where the factor fell in its lowest tenth; for a project's success, every
    /// trial where it succeeds.
    pub low: Decile,
    /// The trials where it fell in its highest tenth; for a project's success, every trial
    /// where it fails.
    pub high: Decile,
    /// `high.mean_npv − low.mean_npv`.
    pub npv_swing: Money,
    /// Monte Carlo standard error of the swing.
    pub npv_swing_stderr: Money,
    /// `high.p_never − low.p_never`.
    pub p_never_swing: Probability,
    /// `high.p50 − low.p50` in months; `null` when either median is never.
    pub p50_payback_swing: Option<Months>,
    /// First-order share of the NPV variance, `Var(E[NPV | factor]) / Var(NPV)`, from the means
    /// of the factor's twentieths (between-group variance less its sampling bias); 0 when NPV
    /// does not vary. Correlated inputs share variance, so shares may add up to more than 1.
    pub npv_variance_share: f64,
}

impl FactorEffect {
    /// Whether its swing stands out of its Monte Carlo noise (more than 2 standard errors).
    pub fn is_signal(&self) -> bool {
        self.npv_swing.abs() > 2.0 * self.npv_swing_stderr
    }
}

/// A candidate's outcomes in the trials where one factor fell in one tenth of its distribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decile {
    /// For an input, the edge of the tenth: its 10th percentile for the low tenth (every draw
    /// at or below), its 90th for the high one (every draw at or above); `null` for events.
    pub edge: Option<f64>,
    /// Trials in this tenth.
    pub trials: u64,
    /// Mean NPV.
    pub mean_npv: Money,
    /// Share of trials that never paid back.
    pub p_never: Probability,
    /// Median payback in months; `null` for never.
    pub p50_payback_months: Option<Months>,
}
