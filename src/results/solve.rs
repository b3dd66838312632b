//! The answers of `payback solve`: the reverse questions' ([`Answer`], the schema of `payback
//! solve --json`) and any input's threshold ([`Threshold`], of `payback solve --for --json`).

use crate::scenario::{Money, Probability};
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
    /// How the search ended.
    pub outcome: Outcome,
    /// The currency of the scenario's amounts.
    pub currency: String,
    /// For `max_investment`: the mean investment as written (else `null`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub planned_investment: Option<Money>,
    /// P(payback ≤ T) with the knob at 0 (a free project, no premium, no volume).
    pub p_at_zero: Probability,
    /// For `max_investment`: the answer as a factor on the investment as written.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub scale: Option<f64>,
}

/// How a reverse question's search ended.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Outcome {
    /// An answer: `value`.
    Found,
    /// Only nothing at all works (no investment, no extra cost per event).
    NothingWorks,
    /// No value in the range searched meets the goal.
    Nowhere,
    /// Every value searched meets it, up to `max` (in the answer's unit).
    Beyond {
        /// The largest value searched.
        max: f64,
    },
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
    /// What the search found.
    pub finding: Finding,
    /// The input as the file gives it, in words (`no value for it` when the file gives none).
    pub as_written: String,
}

/// What `payback solve --for` found over the input's range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Finding {
    /// The goal switches once: a threshold (`value`, `direction`).
    Threshold,
    /// P(payback ≤ T) is `p` at every value looked at: the input does not move it.
    Unmoved {
        /// The P at every value.
        p: Probability,
    },
    /// Every value looked at meets the goal.
    Everywhere,
    /// No value looked at meets it; `best` is the highest P seen.
    Nowhere {
        /// The highest P(payback ≤ T) seen.
        best: Probability,
    },
    /// The goal switches more than once: P does not move one way with the input.
    NotMonotone,
}
