//! The sums behind sensitivity and value of information, streamed from every trial: for every candidate, factor and
//! equal-probability bin of the factor ([`super::factors`]), the trials, Σ NPV, Σ NPV² and the
//! never-count; payback histograms of each factor's low and high deciles; and each option's
//! regret against the best option of each trial, which the expected value of perfect
//! information needs. Memory is fixed by the factors and
//! the horizon, not the trials.

use super::factors::{BINS, BINS_PER_DECILE, Factors};
use crate::model::FinishedTrial;
use crate::scenario::Scenario;
use crate::stats::PaybackHistogram;

/// Most bins of a decile's payback histogram over the horizon: P50 within H/512 months (0.07
/// at 36 months) while a factor's two histograms per candidate stay within 8 KiB, so that the
/// chunk aggregates of a wave stay small.
const MAX_TAIL_BINS: u32 = 512;

/// The sums of one (candidate, factor, bin) cell.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Cell {
    /// Σ NPV.
    pub npv: f64,
    /// Σ NPV².
    pub npv_sq: f64,
    /// Trials that never paid back.
    pub never: u64,
}

impl Cell {
    fn merge(&mut self, other: &Cell) {
        self.npv += other.npv;
        self.npv_sq += other.npv_sq;
        self.never += other.never;
    }
}

/// The sensitivity sums of a run (or of one chunk of it).
#[derive(Debug, Clone)]
pub struct FactorSums<'f> {
    factors: &'f Factors,
    candidates: usize,
    /// The bins of the trial being added, one per factor.
    scratch: Vec<usize>,
    /// Trials aggregated.
    pub trials: u64,
    /// Trials in each (factor, bin), factor-major.
    pub counts: Vec<u64>,
    /// The cells, candidate-major, then factor, then bin.
    pub cells: Vec<Cell>,
    /// Payback histograms of each (candidate, factor)'s low and high decile, in that order.
    pub tails: Vec<PaybackHistogram>,
    /// Σ over trials of each option's regret, the best NPV among all options (the baseline's
    /// being 0) less the option's: choice 0 the baseline, choice i + 1 candidate i. Every term is
    /// at least 0, and exactly 0 in a trial where the option is the best.
    pub regret: Vec<f64>,
    /// Σ of the squared regrets, for the standard error of the EVPI.
    pub regret_sq: Vec<f64>,
}

impl<'f> FactorSums<'f> {
    /// Empty sums for the factors of `scenario`.
    pub fn new(scenario: &Scenario, factors: &'f Factors) -> Self {
        let candidates = scenario.candidates().count();
        let cells = candidates * factors.len() * BINS;
        let bins_per_month = (MAX_TAIL_BINS / scenario.horizon_months).clamp(1, 1000);
        FactorSums {
            factors,
            candidates,
            scratch: vec![0; factors.len()],
            trials: 0,
            counts: vec![0; factors.len() * BINS],
            cells: vec![Cell::default(); cells],
            tails: (0..candidates * factors.len() * 2)
                .map(|_| PaybackHistogram::new(scenario.horizon_months, bins_per_month))
                .collect(),
            regret: vec![0.0; candidates + 1],
            regret_sq: vec![0.0; candidates + 1],
        }
    }

    /// The factors summed.
    pub fn factors(&self) -> &'f Factors {
        self.factors
    }

    /// The cells of candidate `candidate` and factor `factor`, one per bin.
    pub fn cells_of(&self, candidate: usize, factor: usize) -> &[Cell] {
        let start = (candidate * self.factors.len() + factor) * BINS;
        &self.cells[start..start + BINS]
    }

    /// Trials in each bin of factor `factor`.
    pub fn counts_of(&self, factor: usize) -> &[u64] {
        &self.counts[factor * BINS..(factor + 1) * BINS]
    }

    /// The payback histograms of candidate `candidate`'s trials in the low and high decile of
    /// factor `factor`.
    pub fn tails_of(
        &self,
        candidate: usize,
        factor: usize,
    ) -> (&PaybackHistogram, &PaybackHistogram) {
        let at = (candidate * self.factors.len() + factor) * 2;
        (&self.tails[at], &self.tails[at + 1])
    }

    /// Adds `trial`.
    #[inline]
    pub fn add(&mut self, trial: &FinishedTrial) {
        self.trials += 1;
        let factors = self.factors.len();
        self.factors.bins_into(trial, &mut self.scratch);
        for (f, &bin) in self.scratch.iter().enumerate() {
            self.counts[f * BINS + bin] += 1;
        }
        let outcomes = trial.outcomes;
        for (candidate, o) in outcomes.iter().enumerate() {
            let never = u64::from(o.payback.is_infinite());
            for (f, &bin) in self.scratch.iter().enumerate() {
                let cell = &mut self.cells[(candidate * factors + f) * BINS + bin];
                cell.npv += o.npv;
                cell.npv_sq += o.npv * o.npv;
                cell.never += never;
                let tail = if bin < BINS_PER_DECILE {
                    0
                } else if bin >= BINS - BINS_PER_DECILE {
                    1
                } else {
                    continue;
                };
                self.tails[(candidate * factors + f) * 2 + tail].add(o.payback);
            }
        }
        let best = outcomes.iter().map(|o| o.npv).fold(0.0, f64::max);
        let npvs = std::iter::once(0.0).chain(outcomes.iter().map(|o| o.npv));
        for ((sum, sq), npv) in self.regret.iter_mut().zip(&mut self.regret_sq).zip(npvs) {
            let regret = best - npv;
            *sum += regret;
            *sq += regret * regret;
        }
    }

    /// Adds the sums of another chunk over the same factors.
    pub fn merge(&mut self, other: &FactorSums) {
        debug_assert_eq!(self.cells.len(), other.cells.len());
        self.trials += other.trials;
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        for (a, b) in self.cells.iter_mut().zip(&other.cells) {
            a.merge(b);
        }
        for (a, b) in self.tails.iter_mut().zip(&other.tails) {
            a.merge(b);
        }
        for (a, b) in self.regret.iter_mut().zip(&other.regret) {
            *a += b;
        }
        for (a, b) in self.regret_sq.iter_mut().zip(&other.regret_sq) {
            *a += b;
        }
    }

    /// Number of candidates.
    pub fn candidates(&self) -> usize {
        self.candidates
    }

    /// Every float merged by adding, in a fixed order: each cell's sums, then the regrets.
    pub fn visit_sums(&mut self, each: &mut dyn FnMut(&mut f64)) {
        for cell in &mut self.cells {
            each(&mut cell.npv);
            each(&mut cell.npv_sq);
        }
        self.regret
            .iter_mut()
            .chain(&mut self.regret_sq)
            .for_each(each);
    }

    /// What the sums hold, without the factors they are over (for a partial file).
    pub fn state(&self) -> FactorState {
        FactorState {
            trials: self.trials,
            counts: self.counts.clone(),
            cells: self.cells.clone(),
            tails: self.tails.clone(),
            regret: self.regret.clone(),
            regret_sq: self.regret_sq.clone(),
        }
    }

    /// The sums of `state` over the `factors` of `scenario`; an error when its shape is not
    /// theirs.
    pub fn from_state(
        scenario: &Scenario,
        factors: &'f Factors,
        state: FactorState,
    ) -> Result<Self, String> {
        let empty = FactorSums::new(scenario, factors);
        let shape = |s: &FactorState| {
            (
                s.counts.len(),
                s.cells.len(),
                s.tails.len(),
                s.regret.len(),
                s.regret_sq.len(),
            )
        };
        if shape(&state) != shape(&empty.state())
            || state
                .tails
                .iter()
                .zip(&empty.tails)
                .any(|(a, b)| !a.same_shape(b))
        {
            return Err("its sensitivity sums are not of this scenario's factors".into());
        }
        Ok(FactorSums {
            trials: state.trials,
            counts: state.counts,
            cells: state.cells,
            tails: state.tails,
            regret: state.regret,
            regret_sq: state.regret_sq,
            ..empty
        })
    }
}

/// The data of [`FactorSums`], for a partial file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FactorState {
    trials: u64,
    counts: Vec<u64>,
    cells: Vec<Cell>,
    tails: Vec<PaybackHistogram>,
    regret: Vec<f64>,
    regret_sq: Vec<f64>,
}
