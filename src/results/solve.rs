//! The answers of `payback solve`: the reverse questions' ([`Answer`], the schema of `payback
//! solve --json`) and any input's threshold ([`Threshold`], of `payback solve --for --json`).

use crate::scenario::Probability;
use serde::{Deserialize, Serialize};

/// A reverse question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Question {
    /// The largest upfront investment, as a factor on the candidate's whole investment.
    MaxInvestment,
    /// The smallest volume (events per day, or per month, as the file gives it).
    BreakEvenVolume,
    /// The largest extra cost per event the candidate may have.
    MaxPremium,
}

/// The answer for one candidate: the schema of `payback solve --json` (a list of these).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// The candidate.
    pub candidate: String,
    /// The question.
    pub question: Question,
    /// Target T in months.
    pub within_months: u32,
    /// Confidence q: the answer keeps P(payback ≤ T) ≥ q.
    pub confidence: Probability,
    /// Trials of every evaluation.
    pub trials: u64,
    /// Seed of every evaluation.
    pub seed: u64,
    /// What `value` counts: an amount in the currency, events per day or per month, or an
    /// amount per event.
    pub unit: String,
    /// The answer; `null` when none exists in the range searched.
    pub value: Option<f64>,
    /// Monte Carlo uncertainty: the values at which P(payback ≤ T) crosses q + its standard
    /// error and q − its standard error, ascending (`null` without an answer).
    pub interval: Option<[f64; 2]>,
    /// For `max_investment`: the answer as a factor on the investment as written.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub scale: Option<f64>,
    /// What the answer means, or why there is none, in words.
    pub explanation: String,
}

/// On which side of the threshold the goal is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The goal is met at the value and below it.
    AtMost,
    /// The goal is met at the value and above it.
    AtLeast,
}

/// One candidate's threshold: the schema of `payback solve --for PATH --json` (a list of
/// these).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Threshold {
    /// The candidate.
    pub candidate: String,
    /// The dotted path of the input.
    pub path: String,
    /// The threshold; `null` when every value of the range meets the goal, or none does.
    pub value: Option<f64>,
    /// Monte Carlo uncertainty: the values at which P(payback ≤ T) crosses q + its standard
    /// error and q − its standard error, ascending (`null` without a threshold).
    pub interval: Option<[f64; 2]>,
    /// Whether the goal is met at or below the value, or at or above it (`null` without one).
    pub direction: Option<Direction>,
    /// Trials of every evaluation.
    pub trials: u64,
    /// Seed of every evaluation.
    pub seed: u64,
    /// Target T in months.
    pub within_months: u32,
    /// Confidence q: the goal is P(payback ≤ T) ≥ q.
    pub confidence: Probability,
    /// The values of the input searched, `[lowest, highest]`: its field's range, narrowed where
    /// the scenario's other fields limit it (a growth rate, by the horizon).
    pub range: [f64; 2],
    /// What the answer means, or why there is none, in words.
    pub explanation: String,
}
