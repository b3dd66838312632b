//! Questions asked of a scenario beyond one run, each answered with common random numbers
//! (every case draws the same trials, [`crate::streams`]): stress cases beside the base
//! ([`stress`]), one input swept over values ([`sweep`]), and the reverse questions: how much
//! may we invest, at what volume, at what premium ([`solve`]). And within one run: what drives
//! each candidate's risk ([`sensitivity`]) and what is worth learning before deciding
//! ([`value_of_information`]).

pub mod sensitivity;
pub mod solve;
pub mod stress;
pub mod sweep;
pub mod value_of_information;

use crate::engine::{self, RunAggregate, RunSettings};
use crate::scenario::{Months, Probability, Scenario};

/// P(payback ≤ `within` months) of every candidate of `scenario`, and the run behind it.
pub fn p_within(
    scenario: &Scenario,
    settings: RunSettings,
    within: u32,
) -> anyhow::Result<(Vec<Probability>, RunAggregate)> {
    let run = engine::simulate(scenario, settings, &|_| {})?;
    let p = run
        .candidates
        .iter()
        .map(|c| c.payback.cdf_at(within))
        .collect();
    Ok((p, run))
}

/// Checks a target payback time against the horizon: a whole month in `1..=H`.
pub fn check_within(within: Months, horizon_months: u32) -> Result<u32, String> {
    if within.fract() != 0.0 || within < 1.0 || within > f64::from(horizon_months) {
        return Err(format!(
            "{within} is not allowed: must be a whole number of months in [1, {horizon_months}] \
             (the scenario's horizon)"
        ));
    }
    Ok(within as u32)
}
