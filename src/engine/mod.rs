//! The Monte Carlo engine: trials in fixed-size chunks, each trial keyed from (seed, trial
//! index) ([`crate::streams`]), chunks run in parallel on rayon in waves, and each wave's chunk
//! aggregates merged in chunk order. The result is identical, bit for bit, at any number of
//! threads; memory is a wave of chunk aggregates, whatever the number of trials.

pub mod aggregate;

pub use aggregate::{RunAggregate, SKETCH_ACCURACY, bins_per_month};

use crate::model::TrialRunner;
use crate::scenario::Scenario;
use crate::streams::trial_key;
use rayon::prelude::*;

/// Trials per chunk: the unit of seeding and of parallel work.
pub const CHUNK_TRIALS: u64 = 1 << 16;

/// How to run a simulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunSettings {
    /// Number of trials.
    pub trials: u64,
    /// Seed of every random stream.
    pub seed: u64,
    /// Worker threads (at least 1).
    pub threads: usize,
}

/// Simulates `settings.trials` trials of `scenario`; `progress` is told the number of trials
/// done after each wave of chunks.
pub fn simulate(
    scenario: &Scenario,
    settings: RunSettings,
    progress: &(dyn Fn(u64) + Sync),
) -> anyhow::Result<RunAggregate> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(settings.threads.max(1))
        .build()?;
    let chunks = settings.trials.div_ceil(CHUNK_TRIALS);
    let wave = settings.threads.max(1) as u64;
    let mut total = RunAggregate::new(scenario);
    let mut first = 0;
    while first < chunks {
        let last = (first + wave).min(chunks);
        let parts: Vec<RunAggregate> = pool.install(|| {
            (first..last)
                .into_par_iter()
                .map(|chunk| run_chunk(scenario, settings, chunk))
                .collect()
        });
        for part in &parts {
            total.merge(part);
        }
        progress(total.trials);
        first = last;
    }
    Ok(total)
}

/// Runs chunk `chunk` of a run: its trials, each from its own key.
pub fn run_chunk(scenario: &Scenario, settings: RunSettings, chunk: u64) -> RunAggregate {
    let start = chunk * CHUNK_TRIALS;
    let end = (start + CHUNK_TRIALS).min(settings.trials);
    let mut runner = TrialRunner::new(scenario);
    let mut agg = RunAggregate::new(scenario);
    for index in start..end {
        runner.run(trial_key(settings.seed, index));
        agg.add(&runner);
    }
    agg
}
