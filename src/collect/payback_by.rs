//! What a reverse question reads of each of its runs (`payback solve`, `solve --for`): every
//! candidate's payback histogram, for P(payback ≤ T), and the sum of its investment; nothing
//! else, so that a search of many runs spends its time on the trials. Both are collected as
//! [`super::RunAggregate`] collects them, so the figures are the same bit for bit.

use super::Collector;
use super::outcomes::bins_per_month;
use crate::model::FinishedBlock;
use crate::scenario::{Money, Probability, Scenario};
use crate::stats::{Moments, PaybackHistogram};

/// Every candidate's paybacks and investment over a run (or one chunk of it).
#[derive(Debug, Clone, PartialEq)]
pub struct PaybackBy {
    trials: u64,
    /// Each candidate's payback times, in the order of `Scenario::candidates`.
    payback: Vec<PaybackHistogram>,
    /// Each candidate's investment.
    upfront: Vec<Moments>,
}

impl PaybackBy {
    /// An empty collection for the candidates of `scenario`.
    pub fn new(scenario: &Scenario) -> Self {
        let h = scenario.horizon_months;
        let n = scenario.candidates().count();
        PaybackBy {
            trials: 0,
            payback: vec![PaybackHistogram::new(h, bins_per_month(h)); n],
            upfront: vec![Moments::default(); n],
        }
    }

    /// Each candidate's P(payback ≤ `month`).
    pub fn p_within(&self, month: u32) -> Vec<Probability> {
        self.payback.iter().map(|h| h.cdf_at(month)).collect()
    }

    /// Each candidate's mean investment.
    pub fn mean_upfront(&self) -> Vec<Money> {
        self.upfront.iter().map(|m| m.mean(self.trials)).collect()
    }
}

impl Collector for PaybackBy {
    /// A search's runs are short (10⁵ trials by default): in chunks this size they spread
    /// evenly over the workers.
    const CHUNK_TRIALS: u64 = 1 << 11;

    fn add_block(&mut self, block: &FinishedBlock) {
        for trial in block.trials() {
            self.trials += 1;
            for ((h, m), o) in self
                .payback
                .iter_mut()
                .zip(&mut self.upfront)
                .zip(trial.outcomes)
            {
                h.add(o.payback);
                m.add(o.upfront);
            }
        }
    }

    fn merge(&mut self, other: &Self) {
        self.trials += other.trials;
        for (a, b) in self.payback.iter_mut().zip(&other.payback) {
            a.merge(b);
        }
        for (a, b) in self.upfront.iter_mut().zip(&other.upfront) {
            a.merge(b);
        }
    }

    fn trials(&self) -> u64 {
        self.trials
    }

    fn visit_sums(&mut self, each: &mut dyn FnMut(&mut f64)) {
        for m in &mut self.upfront {
            m.visit(each);
        }
    }
}
