//! What a run keeps of its trials: collectors the engine builds empty per chunk, feeds every
//! finished trial and merges in chunk order. [`RunAggregate`] keeps the outcomes (payback,
//! NPV, investment, the monthly band); [`FactorSums`] the sums by factor bin behind
//! sensitivity and value of information, over the [`Factors`] of a scenario;
//! [`HeadToHeadSums`] every pair of options compared trial by trial; [`IrrSums`] each
//! candidate's internal rate of return. Memory is fixed
//! by the scenario, not the trials.

pub mod factor_sums;
pub mod factors;
pub mod head_to_head;
pub mod irr;
pub mod outcomes;

pub use factor_sums::FactorSums;
pub use factors::Factors;
pub use head_to_head::HeadToHeadSums;
pub use irr::IrrSums;
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
    /// Visits every float that [`Collector::merge`] adds (sums, not extremes), always in
    /// the same order: with each chunk's sums kept, collections of separate ranges of chunks
    /// merge into the single run's, bit for bit ([`crate::engine::merge_shards`]).
    fn visit_sums(&mut self, each: &mut dyn FnMut(&mut f64));
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

    fn visit_sums(&mut self, each: &mut dyn FnMut(&mut f64)) {
        RunAggregate::visit_sums(self, each);
    }
}

/// Everything `payback run` keeps of the base's trials: the outcomes, the sensitivity sums,
/// the head-to-head comparisons and the IRRs, collected from the same trials.
#[derive(Debug, Clone)]
pub struct Detailed<'f> {
    /// The outcomes.
    pub run: RunAggregate,
    /// The sums behind sensitivity and value of information.
    pub sensitivity: FactorSums<'f>,
    /// Every pair of options compared.
    pub head_to_head: HeadToHeadSums,
    /// Each candidate's IRR.
    pub irr: IrrSums,
}

impl<'f> Detailed<'f> {
    /// Empty collections for `scenario` and its `factors`.
    pub fn new(scenario: &Scenario, factors: &'f Factors) -> Self {
        let candidates = scenario.candidates().count();
        Detailed {
            run: RunAggregate::new(scenario),
            sensitivity: FactorSums::new(scenario, factors),
            head_to_head: HeadToHeadSums::new(candidates),
            irr: IrrSums::new(candidates),
        }
    }
}

impl Collector for Detailed<'_> {
    #[inline]
    fn add(&mut self, trial: &FinishedTrial) {
        self.run.add(trial);
        self.sensitivity.add(trial);
        self.head_to_head.add(trial);
        self.irr.add(trial);
    }

    fn merge(&mut self, other: &Self) {
        self.run.merge(&other.run);
        self.sensitivity.merge(&other.sensitivity);
        self.head_to_head.merge(&other.head_to_head);
        self.irr.merge(&other.irr);
    }

    fn trials(&self) -> u64 {
        self.run.trials
    }

    fn visit_sums(&mut self, each: &mut dyn FnMut(&mut f64)) {
        self.run.visit_sums(each);
        self.sensitivity.visit_sums(each);
        self.head_to_head.visit_sums(each);
        self.irr.visit_sums(each);
    }
}
