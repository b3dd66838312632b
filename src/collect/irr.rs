//! Each candidate's annual internal rate of return over trials: a sketch of it where it
//! exists, its sum, and the trials where it does not ([`crate::model::annual_irr`]).

use super::outcomes::SKETCH_ACCURACY;
use crate::model::{FinishedBlock, IrrScratch, annual_irrs_in};
use crate::stats::{Moments, QuantileSketch};

/// One candidate's IRRs.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CandidateIrr {
    /// The IRR of every trial where it exists.
    pub irr: QuantileSketch,
    /// Sums of those IRRs.
    pub sum: Moments,
    /// Trials without one.
    pub undefined: u64,
}

/// Every candidate's IRRs of a run (or of one chunk of it), in the order of the candidates.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct IrrSums {
    /// One per candidate.
    pub candidates: Vec<CandidateIrr>,
}

impl IrrSums {
    /// Empty sums for `candidates` candidates.
    pub fn new(candidates: usize) -> Self {
        IrrSums {
            candidates: (0..candidates)
                .map(|_| CandidateIrr {
                    irr: QuantileSketch::new(SKETCH_ACCURACY),
                    sum: Moments::default(),
                    undefined: 0,
                })
                .collect(),
        }
    }

    /// Adds the trials of `block` in order, their IRRs solved side by side in the buffers of
    /// `scratch`.
    pub fn add_block(&mut self, block: &FinishedBlock, scratch: &mut IrrScratch) {
        for (candidate, sums) in self.candidates.iter_mut().enumerate() {
            let rows = block.trials().map(|trial| trial.month_end_net(candidate));
            for &irr in annual_irrs_in(rows, scratch) {
                match irr {
                    Some(irr) => {
                        sums.irr.add(irr);
                        sums.sum.add(irr);
                    }
                    None => sums.undefined += 1,
                }
            }
        }
    }

    /// Visits every float that [`IrrSums::merge`] adds, in a fixed order.
    pub fn visit_sums(&mut self, each: &mut dyn FnMut(&mut f64)) {
        for c in &mut self.candidates {
            c.sum.visit(each);
        }
    }

    /// Adds the sums of a later chunk.
    pub fn merge(&mut self, other: &IrrSums) {
        for (a, b) in self.candidates.iter_mut().zip(&other.candidates) {
            a.irr.merge(&b.irr);
            a.sum.merge(&b.sum);
            a.undefined += b.undefined;
        }
    }
}
