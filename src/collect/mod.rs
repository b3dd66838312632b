//! What a run keeps of its trials: collectors the engine builds empty per chunk, feeds every
//! finished trial and merges in chunk order. [`RunAggregate`] keeps the outcomes (payback,
//! NPV, investment, the monthly band); [`FactorSums`] the sums by factor bin behind
//! sensitivity and value of information, over the [`Factors`] of a scenario. Memory is fixed
//! by the scenario, not the trials.

pub mod factor_sums;
pub mod factors;
pub mod outcomes;

pub use factor_sums::FactorSums;
pub use factors::Factors;
pub use outcomes::{RunAggregate, SKETCH_ACCURACY, bins_per_month};

use crate::model::FinishedTrial;
use crate::scenario::Scenario;

/// What a run keeps of its trials: built empty per chunk, fed every trial, merged in chunk
/// order.
pub trait Collector: Send {
    /// Adds a finished trial.
    fn add(&mut self, trial: &FinishedTrial);
    /// Adds the collection of a later chunk.
    fn merge(&mut self, other: &Self);
    /// Trials collected.
    fn trials(&self) -> u64;
}

impl Collector for RunAggregate {
    #[inline]
    fn add(&mut self, trial: &FinishedTrial) {
        RunAggregate::add(self, trial);
    }

    fn merge(&mut self, other: &Self) {
        RunAggregate::merge(self, other);
    }

    fn trials(&self) -> u64 {
        self.trials
    }
}

/// A run's outcomes and its sensitivity sums, collected from the same trials.
#[derive(Debug, Clone)]
pub struct Detailed<'f> {
    /// The outcomes.
    pub run: RunAggregate,
    /// The sums behind sensitivity and value of information.
    pub sensitivity: FactorSums<'f>,
}

impl<'f> Detailed<'f> {
    /// Empty outcomes and sums for `scenario` and its `factors`.
    pub fn new(scenario: &Scenario, factors: &'f Factors) -> Self {
        Detailed {
            run: RunAggregate::new(scenario),
            sensitivity: FactorSums::new(scenario, factors),
        }
    }
}

impl Collector for Detailed<'_> {
    #[inline]
    fn add(&mut self, trial: &FinishedTrial) {
        self.run.add(trial);
        self.sensitivity.add(trial);
    }

    fn merge(&mut self, other: &Self) {
        self.run.merge(&other.run);
        self.sensitivity.merge(&other.sensitivity);
    }

    fn trials(&self) -> u64 {
        self.run.trials
    }
}
