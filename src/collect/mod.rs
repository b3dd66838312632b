//! What a run keeps of its trials: collectors the engine builds empty per chunk, feeds every
//! finished trial (a block of them at a time) and merges in chunk order. [`RunAggregate`]
//! keeps the outcomes (payback, NPV, investment, the monthly band); [`FactorSums`] the sums by
//! factor bin behind sensitivity and value of information, over the [`Factors`] of a
//! scenario; [`HeadToHeadSums`] every pair of options compared trial by trial; [`IrrSums`]
//! each candidate's internal rate of return. Memory is fixed by the scenario, not the trials.

pub mod factor_sums;
pub mod factors;
pub mod head_to_head;
pub mod irr;
pub mod outcomes;
pub mod payback_by;

pub use factor_sums::FactorSums;
pub use factors::Factors;
pub use head_to_head::HeadToHeadSums;
pub use irr::IrrSums;
pub use outcomes::{RunAggregate, SKETCH_ACCURACY, bins_per_month};
pub use payback_by::PaybackBy;

use crate::model::{FinishedBlock, IrrScratch};
use crate::scenario::Scenario;

/// Trials per chunk of a run into a collector that keeps the default
/// ([`Collector::CHUNK_TRIALS`]): the report's collections, and the unit of shards.
pub const CHUNK_TRIALS: u64 = 1 << 16;

/// What a run keeps of its trials: built empty per chunk, fed every trial, merged in chunk
/// order.
pub trait Collector: Send {
    /// Trials per chunk of a run into this collector, a power of two dividing
    /// [`CHUNK_TRIALS`]: a large collector keeps the default, so that a run holds and merges
    /// few of them; a small one may take smaller chunks, so that a short run spreads evenly
    /// over the workers.
    const CHUNK_TRIALS: u64 = CHUNK_TRIALS;
    /// Adds the finished trials of a block, in order.
    fn add_block(&mut self, block: &FinishedBlock);
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
    fn add_block(&mut self, block: &FinishedBlock) {
        for trial in block.trials() {
            self.add(&trial);
        }
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
    /// The buffers the IRRs are solved in.
    irr_scratch: IrrScratch,
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
            irr_scratch: IrrScratch::default(),
        }
    }
}

/// The data of [`Detailed`], for a partial file: the same collections, the sensitivity sums
/// without the factors they are over.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DetailedState {
    run: RunAggregate,
    sensitivity: factor_sums::FactorState,
    head_to_head: HeadToHeadSums,
    irr: IrrSums,
}

impl<'f> Detailed<'f> {
    /// Its data, for a partial file.
    pub fn state(&self) -> DetailedState {
        DetailedState {
            run: self.run.clone(),
            sensitivity: self.sensitivity.state(),
            head_to_head: self.head_to_head.clone(),
            irr: self.irr.clone(),
        }
    }

    /// The collections of `state` for `scenario` and its `factors`; an error when they are
    /// not of its shape (another scenario's).
    pub fn from_state(
        scenario: &Scenario,
        factors: &'f Factors,
        state: DetailedState,
    ) -> Result<Self, String> {
        let empty = Detailed::new(scenario, factors);
        state.run.check_shape(&empty.run)?;
        let pairs = |h: &HeadToHeadSums| {
            h.pairs
                .iter()
                .map(|p| (p.first, p.second))
                .collect::<Vec<_>>()
        };
        if pairs(&state.head_to_head) != pairs(&empty.head_to_head)
            || state.irr.candidates.len() != empty.irr.candidates.len()
        {
            return Err("its comparisons are not of this scenario's options".into());
        }
        Ok(Detailed {
            run: state.run,
            sensitivity: FactorSums::from_state(scenario, factors, state.sensitivity)?,
            head_to_head: state.head_to_head,
            irr: state.irr,
            irr_scratch: IrrScratch::default(),
        })
    }
}

impl Collector for Detailed<'_> {
    /// Adds each trial's outcomes, sensitivity sums and comparisons, then the block's IRRs,
    /// solved side by side.
    fn add_block(&mut self, block: &FinishedBlock) {
        for trial in block.trials() {
            self.run.add(&trial);
            self.sensitivity.add(&trial);
            self.head_to_head.add(&trial);
        }
        self.irr.add_block(block, &mut self.irr_scratch);
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
