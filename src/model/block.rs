//! A block of finished trials kept together, so that a collector can work across trials (the
//! IRRs of a block are solved side by side, [`crate::model::annual_irrs_in`]): each trial's
//! key, draws, outcomes, deprecation seeds, month-end nets and investment parts, copied in trial
//! order into buffers that grow once and are reused from block to block.

use crate::model::trial::{FinishedTrial, Outcome};
use crate::scenario::Money;

/// Finished trials of one scenario, in the order they were run (at most
/// [`FinishedBlock::CAPACITY`]).
#[derive(Debug, Clone, Default)]
pub struct FinishedBlock {
    keys: Vec<u64>,
    draws: Vec<f64>,
    outcomes: Vec<Outcome>,
    event_seeds: Vec<u64>,
    month_end_net: Vec<Money>,
    upfront_parts: Vec<Money>,
    /// Where each candidate's investment parts start in a trial's parts (one scenario's, the
    /// same for every trial).
    part_offsets: Vec<usize>,
    /// Month ends per candidate: H + 1.
    months: usize,
    /// What each trial holds: inputs, candidates, options, investment parts.
    widths: Widths,
}

/// The length of each of a trial's rows.
#[derive(Debug, Clone, Copy, Default)]
struct Widths {
    draws: usize,
    outcomes: usize,
    event_seeds: usize,
    upfront_parts: usize,
}

impl FinishedBlock {
    /// Trials a block holds when full: enough for the lanes of the IRRs' solve many times
    /// over, few enough that the block's buffers stay in the processor's cache.
    pub const CAPACITY: usize = 64;

    /// Trials held.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether it holds no trial.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Whether it holds [`FinishedBlock::CAPACITY`] trials.
    pub fn is_full(&self) -> bool {
        self.len() >= Self::CAPACITY
    }

    /// Drops every trial, keeping the buffers.
    pub fn clear(&mut self) {
        self.keys.clear();
        self.draws.clear();
        self.outcomes.clear();
        self.event_seeds.clear();
        self.month_end_net.clear();
        self.upfront_parts.clear();
    }

    /// Adds a copy of `trial` after the trials held (all of one scenario).
    pub fn push(&mut self, trial: &FinishedTrial) {
        if self.is_empty() {
            self.part_offsets.clear();
            self.part_offsets.extend_from_slice(trial.part_offsets);
            self.months = trial.months;
            self.widths = Widths {
                draws: trial.draws.len(),
                outcomes: trial.outcomes.len(),
                event_seeds: trial.event_seeds.len(),
                upfront_parts: trial.upfront_parts.len(),
            };
        }
        self.keys.push(trial.key);
        self.draws.extend_from_slice(trial.draws);
        self.outcomes.extend_from_slice(trial.outcomes);
        self.event_seeds.extend_from_slice(trial.event_seeds);
        self.month_end_net.extend_from_slice(trial.month_end_net);
        self.upfront_parts.extend_from_slice(trial.upfront_parts);
    }

    /// Trial `index` of the block, as it was pushed.
    pub fn trial(&self, index: usize) -> FinishedTrial<'_> {
        let row = |width: usize| index * width..(index + 1) * width;
        let w = self.widths;
        FinishedTrial {
            key: self.keys[index],
            draws: &self.draws[row(w.draws)],
            outcomes: &self.outcomes[row(w.outcomes)],
            event_seeds: &self.event_seeds[row(w.event_seeds)],
            months: self.months,
            month_end_net: &self.month_end_net[row(w.outcomes * self.months)],
            upfront_parts: &self.upfront_parts[row(w.upfront_parts)],
            part_offsets: &self.part_offsets,
        }
    }

    /// Its trials in order.
    pub fn trials(&self) -> impl ExactSizeIterator<Item = FinishedTrial<'_>> {
        (0..self.len()).map(|index| self.trial(index))
    }
}
