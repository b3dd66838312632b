//! One trial of `samples.csv` (`payback run --export-samples N`): its uncertain inputs as drawn
//! and every candidate's outcome.

use crate::scenario::{Money, Months};

/// One trial's draws and outcomes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample<'a> {
    /// The trial's index in the run.
    pub trial: u64,
    /// Every uncertain input's draw, in the scenario's input order.
    pub inputs: &'a [f64],
    /// Every candidate's outcome, in file order.
    pub candidates: &'a [SampleOutcome],
}

/// A candidate's outcome in one trial.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SampleOutcome {
    /// Whether its project succeeded.
    pub succeeded: bool,
    /// Upfront investment.
    pub upfront: Money,
    /// Payback in months, `None` for never.
    pub payback_months: Option<Months>,
    /// NPV at the horizon.
    pub npv: Money,
}
