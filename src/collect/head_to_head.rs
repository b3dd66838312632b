//! Every pair of choices compared trial by trial: for choices `i < j` (choice 0 staying with
//! the baseline, whose NPV against itself is 0; choice k + 1 candidate k), a sketch of
//! `NPV_i − NPV_j` from the same trials, its sums, and how often each one's NPV is the higher.

use super::outcomes::SKETCH_ACCURACY;
use crate::model::FinishedTrial;
use crate::stats::{Moments, QuantileSketch};

/// One pair's sums.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PairSums {
    /// The earlier choice.
    pub first: usize,
    /// The later choice.
    pub second: usize,
    /// `NPV_first − NPV_second` in every trial.
    pub difference: QuantileSketch,
    /// Sums of the differences.
    pub sum: Moments,
    /// Trials where the first's NPV is higher.
    pub first_higher: u64,
    /// Trials where the second's NPV is higher.
    pub second_higher: u64,
}

/// The sums of every pair of choices of a run (or of one chunk of it).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HeadToHeadSums {
    /// Trials aggregated.
    pub trials: u64,
    /// Every pair `(i, j)` with `i < j`, in order of `i`, then `j`.
    pub pairs: Vec<PairSums>,
}

impl HeadToHeadSums {
    /// Empty sums for `candidates` candidates and the baseline.
    pub fn new(candidates: usize) -> Self {
        let choices = candidates + 1;
        let pairs = (0..choices)
            .flat_map(|i| (i + 1..choices).map(move |j| (i, j)))
            .map(|(first, second)| PairSums {
                first,
                second,
                difference: QuantileSketch::new(SKETCH_ACCURACY),
                sum: Moments::default(),
                first_higher: 0,
                second_higher: 0,
            })
            .collect();
        HeadToHeadSums { trials: 0, pairs }
    }

    /// Adds `trial`.
    #[inline]
    pub fn add(&mut self, trial: &FinishedTrial) {
        self.trials += 1;
        let npv = |choice: usize| {
            if choice == 0 {
                0.0
            } else {
                trial.outcomes[choice - 1].npv
            }
        };
        for pair in &mut self.pairs {
            let d = npv(pair.first) - npv(pair.second);
            pair.difference.add(d);
            pair.sum.add(d);
            pair.first_higher += u64::from(d > 0.0);
            pair.second_higher += u64::from(d < 0.0);
        }
    }

    /// Visits every float that [`HeadToHeadSums::merge`] adds, in a fixed order.
    pub fn visit_sums(&mut self, each: &mut dyn FnMut(&mut f64)) {
        for pair in &mut self.pairs {
            pair.sum.visit(each);
        }
    }

    /// Adds the sums of a later chunk.
    pub fn merge(&mut self, other: &HeadToHeadSums) {
        self.trials += other.trials;
        for (a, b) in self.pairs.iter_mut().zip(&other.pairs) {
            a.difference.merge(&b.difference);
            a.sum.merge(&b.sum);
            a.first_higher += b.first_higher;
            a.second_higher += b.second_higher;
        }
    }
}
