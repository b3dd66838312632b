//! What learning each factor before deciding is worth (the part of `summary.json` under
//! `value_of_information`).

use crate::scenario::{FactorKind, Money};
use serde::{Deserialize, Serialize};

/// The value of information of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueOfInformation {
    /// The option chosen without more information: the highest expected NPV.
    pub decision: String,
    /// Its expected NPV against the baseline (0 for the baseline itself).
    pub expected_npv: Money,
    /// The expected value of perfect information about everything uncertain.
    pub evpi: Money,
    /// Monte Carlo standard error of `evpi`.
    pub evpi_stderr: Money,
    /// The expected value of perfect information about each factor alone, largest first
    /// (ties by path).
    pub per_input: Vec<FactorValue>,
}

/// The value of perfect information about one factor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactorValue {
    /// The factor's dotted path.
    pub path: String,
    /// Input, project success or deprecation.
    pub kind: FactorKind,
    /// Its EVPPI in the scenario's currency.
    pub evppi: Money,
}
