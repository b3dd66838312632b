//! From aggregates to [`crate::results`]: a run's summary ([`summarise`]), the spreadsheet
//! number ([`point_estimate`]), what drives each candidate's risk ([`sensitivity`]) and what is
//! worth learning before deciding ([`value_of_information`]); and the questions asked beyond
//! one run, each answered with common random numbers (every case draws the same trials,
//! [`crate::streams`]): stress cases beside the base ([`stress`]), one input swept over values
//! ([`sweep`]), the reverse questions ([`solve`]) and any input's threshold ([`threshold`]);
//! the raw trials of `samples.csv` ([`samples`]); and how far a run's figures are from a
//! precision goal ([`precision`]).

pub mod bracket;
pub mod point_estimate;
pub mod precision;
pub mod samples;
pub mod sensitivity;
pub mod solve;
pub mod stress;
pub mod summarise;
pub mod sweep;
pub mod threshold;
pub mod value_of_information;

use crate::collect::{Collector, PaybackBy};
use crate::engine::{Engine, Interrupted, RunSettings};
use crate::error::{BadQuestion, QuestionPart};
use crate::scenario::{Money, Months, Probability, Scenario};

/// A search for where P(payback ≤ T) crosses a level stops once P at the value it would answer
/// (one that meets the level) is within this fraction of the Monte Carlo standard error
/// `sqrt(q (1 − q) / n)` of the level: every value between it and the exact crossing has a P
/// within that of the level, so searching on would refine the answer far below its own
/// uncertainty (its interval is ± one standard error). A P that jumps at one value (fixed
/// inputs) never settles this way, and is narrowed to the value tolerance.
pub const SETTLED_FRACTION: f64 = 0.1;

/// The distance in probability from the level at which a search at confidence `q` over `trials` trials
/// settles ([`SETTLED_FRACTION`]).
pub fn settled_gap(q: Probability, trials: u64) -> Probability {
    SETTLED_FRACTION * level_se(q, trials)
}

/// The Monte Carlo standard error `sqrt(q (1 − q) / n)` of a P near the level `q` over
/// `trials` trials: the half-width of a reverse answer's interval.
pub fn level_se(q: Probability, trials: u64) -> Probability {
    (q * (1.0 - q) / trials as f64).sqrt()
}

/// The runs of one question of many runs (a solve), counted: `progress` is told the trials
/// simulated so far over all of them, and a stop by the user is an [`Interrupted`] that counts
/// them all.
pub struct RunCounter<'a> {
    engine: &'a Engine,
    done: u64,
    progress: &'a (dyn Fn(u64) + Sync),
}

impl<'a> RunCounter<'a> {
    /// No runs yet; they will run on `engine`.
    pub fn new(engine: &'a Engine, progress: &'a (dyn Fn(u64) + Sync)) -> Self {
        RunCounter {
            engine,
            done: 0,
            progress,
        }
    }

    /// P(payback ≤ `within` months) and the mean investment of every candidate of
    /// `scenario`: from a run cut at month T + 1 (or the horizon, when sooner), since a payback
    /// is the first time the net reaches zero, so whether it comes by month T depends on the
    /// months up to T alone; the month after T keeps an event at exactly T (a lump falling
    /// due then) in the run, as the horizon leaves out an event at the horizon. Only those
    /// two figures are collected ([`PaybackBy`]). They are those of the whole horizon's run,
    /// bit for bit (tested: `tests/what_if.rs`), at the cost of T + 1 months a trial.
    pub fn p_within(
        &mut self,
        mut scenario: Scenario,
        settings: RunSettings,
        within: u32,
    ) -> anyhow::Result<(Vec<Probability>, Vec<Money>)> {
        scenario.horizon_months = (within + 1).min(scenario.horizon_months);
        let scenario = &scenario;
        let before = self.done;
        let progress = self.progress;
        let run = self
            .engine
            .simulate(scenario, settings, &|| PaybackBy::new(scenario), &|done| {
                progress(before + done)
            })
            .map_err(|e| Interrupted::count_within(e, before, None))?;
        self.done += run.trials();
        Ok((run.p_within(within), run.mean_upfront()))
    }
}

/// The candidates a question is asked of: every one, or the one named, as
/// (position among the candidates, option index) pairs.
pub fn chosen_candidates(
    scenario: &Scenario,
    name: Option<&str>,
) -> Result<Vec<(usize, usize)>, BadQuestion> {
    let all: Vec<(usize, usize)> = scenario.candidates().enumerate().collect();
    let Some(name) = name else {
        return Ok(all);
    };
    let found: Vec<_> = all
        .into_iter()
        .filter(|&(_, o)| scenario.options[o].name == name)
        .collect();
    if found.is_empty() {
        let names: Vec<&str> = scenario
            .candidates()
            .map(|o| scenario.options[o].name.as_str())
            .collect();
        return Err(BadQuestion::new(
            QuestionPart::Candidate,
            format!(
                "`{name}` is not a candidate; the candidates are {}",
                names.join(", ")
            ),
        ));
    }
    Ok(found)
}

/// The goal of a reverse question: P(payback ≤ `within` months) ≥ `confidence`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Goal {
    /// The confidence q, in (0, 1].
    pub confidence: Probability,
    /// The target T, a whole number of months of the horizon.
    pub within: Months,
}

/// Checks the goal of a reverse question: a confidence in (0, 1] and a target in whole months
/// of the horizon, which it returns.
pub fn check_goal(goal: Goal, horizon_months: u32) -> Result<u32, BadQuestion> {
    let (q, within) = (goal.confidence, goal.within);
    let within = check_within(within, horizon_months)?;
    if !(q > 0.0 && q <= 1.0) {
        return Err(BadQuestion::new(
            QuestionPart::Confidence,
            format!("{q} is not allowed: must be a probability in (0, 1]"),
        ));
    }
    Ok(within)
}

/// Checks a target payback time against the horizon: a whole month in `1..=H`.
pub fn check_within(within: Months, horizon_months: u32) -> Result<u32, BadQuestion> {
    if within.fract() != 0.0 || within < 1.0 || within > f64::from(horizon_months) {
        return Err(BadQuestion::new(
            QuestionPart::Within,
            format!(
                "{within} is not allowed: must be a whole number of months in [1, {horizon_months}] \
             (the scenario's horizon)"
            ),
        ));
    }
    Ok(within as u32)
}
