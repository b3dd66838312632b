//! The Monte Carlo engine: trials in fixed-size chunks, each trial keyed from (seed, trial
//! index) ([`crate::streams`]), chunks run in parallel on rayon in waves, and each wave's chunk
//! aggregates merged in chunk order. The result is identical, bit for bit, at any number of
//! threads; memory is a wave of chunk aggregates, whatever the number of trials.

pub mod aggregate;
pub mod factors;
pub mod sensitivity;

pub use aggregate::{RunAggregate, SKETCH_ACCURACY, bins_per_month};
pub use factors::Factors;
pub use sensitivity::SensitivityAggregate;

use crate::model::TrialRunner;
use crate::numbers::count;
use crate::scenario::Scenario;
use crate::streams::trial_key;
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set when the user asks the process to stop (Ctrl-C): every simulation stops after its
/// current wave of chunks.
static STOP: AtomicBool = AtomicBool::new(false);

/// Asks every running and later simulation to stop after its current wave (about 65,536
/// trials a thread); they then fail with [`Interrupted`].
pub fn request_stop() {
    STOP.store(true, Ordering::Relaxed);
}

/// Whether a stop was asked.
pub fn stop_requested() -> bool {
    STOP.load(Ordering::Relaxed)
}

/// Work stopped by the user: a simulation, or a command of many (a sweep, a solve).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interrupted {
    /// Trials simulated before the stop.
    pub done: u64,
    /// Trials the work would have simulated, when known beforehand (a solve's are not).
    pub total: Option<u64>,
}

impl std::fmt::Display for Interrupted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.total {
            Some(total) if total == self.done => write!(
                f,
                "stopped by the user after all {} trials, before anything was written",
                count(total)
            ),
            Some(total) => write!(
                f,
                "stopped by the user after {} of {} trials; nothing was written",
                count(self.done),
                count(total)
            ),
            None => write!(
                f,
                "stopped by the user after {} trials; nothing was written",
                count(self.done)
            ),
        }
    }
}

impl std::error::Error for Interrupted {}

impl Interrupted {
    /// This stop, counted as part of larger work: `before` trials were simulated earlier, and
    /// the whole work would have simulated `total`.
    pub fn within(self, before: u64, total: Option<u64>) -> Self {
        Interrupted {
            done: before + self.done,
            total,
        }
    }
}

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

/// What a run keeps of its trials: built empty per chunk, fed every trial, merged in chunk
/// order.
pub trait Collector: Send {
    /// Adds the last trial of `runner`.
    fn add(&mut self, runner: &TrialRunner);
    /// Adds the collection of a later chunk.
    fn merge(&mut self, other: &Self);
    /// Trials collected.
    fn trials(&self) -> u64;
}

impl Collector for RunAggregate {
    #[inline]
    fn add(&mut self, runner: &TrialRunner) {
        RunAggregate::add(self, runner);
    }

    fn merge(&mut self, other: &Self) {
        RunAggregate::merge(self, other);
    }

    fn trials(&self) -> u64 {
        self.trials
    }
}

/// A run's outcomes and its sensitivity sums, collected from the same trials.
#[derive(Debug, Clone)]
pub struct Detailed<'f> {
    /// The outcomes.
    pub run: RunAggregate,
    /// The sums behind sensitivity and value of information.
    pub sensitivity: SensitivityAggregate<'f>,
}

impl Collector for Detailed<'_> {
    #[inline]
    fn add(&mut self, runner: &TrialRunner) {
        self.run.add(runner);
        self.sensitivity.add(runner);
    }

    fn merge(&mut self, other: &Self) {
        self.run.merge(&other.run);
        self.sensitivity.merge(&other.sensitivity);
    }

    fn trials(&self) -> u64 {
        self.run.trials
    }
}

/// Simulates `settings.trials` trials of `scenario`; `progress` is told the number of trials
/// done after each wave of chunks.
pub fn simulate(
    scenario: &Scenario,
    settings: RunSettings,
    progress: &(dyn Fn(u64) + Sync),
) -> anyhow::Result<RunAggregate> {
    simulate_into(
        scenario,
        settings,
        &|| RunAggregate::new(scenario),
        progress,
    )
}

/// Simulates like [`simulate`] and also sums the sensitivity of every factor of `factors`
/// (which must be the factors of `scenario`).
pub fn simulate_detailed<'f>(
    scenario: &Scenario,
    factors: &'f Factors,
    settings: RunSettings,
    progress: &(dyn Fn(u64) + Sync),
) -> anyhow::Result<Detailed<'f>> {
    let empty = || Detailed {
        run: RunAggregate::new(scenario),
        sensitivity: SensitivityAggregate::new(scenario, factors),
    };
    simulate_into(scenario, settings, &empty, progress)
}

/// Runs the chunks of a run in waves of one chunk per thread, each into a collector from
/// `empty`, and merges them in chunk order; stops with [`Interrupted`] before the first wave
/// when a stop was asked already, else after the wave during which it was asked (the last
/// wave included: the caller's work stops, not only this run).
fn simulate_into<C: Collector>(
    scenario: &Scenario,
    settings: RunSettings,
    empty: &(dyn Fn() -> C + Sync),
    progress: &(dyn Fn(u64) + Sync),
) -> anyhow::Result<C> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(settings.threads.max(1))
        .build()?;
    let chunks = settings.trials.div_ceil(CHUNK_TRIALS);
    let wave = settings.threads.max(1) as u64;
    let mut total = empty();
    let interrupted = |done| Interrupted {
        done,
        total: Some(settings.trials),
    };
    if stop_requested() {
        return Err(interrupted(0).into());
    }
    let mut first = 0;
    while first < chunks {
        let last = (first + wave).min(chunks);
        let parts: Vec<C> = pool.install(|| {
            (first..last)
                .into_par_iter()
                .map(|chunk| run_chunk(scenario, settings, chunk, empty()))
                .collect()
        });
        for part in &parts {
            total.merge(part);
        }
        progress(total.trials());
        if stop_requested() {
            return Err(interrupted(total.trials()).into());
        }
        first = last;
    }
    Ok(total)
}

/// Runs chunk `chunk` of a run into `collector`: its trials, each from its own key.
pub fn run_chunk<C: Collector>(
    scenario: &Scenario,
    settings: RunSettings,
    chunk: u64,
    mut collector: C,
) -> C {
    let start = chunk * CHUNK_TRIALS;
    let end = (start + CHUNK_TRIALS).min(settings.trials);
    let mut runner = TrialRunner::new(scenario);
    for index in start..end {
        runner.run(trial_key(settings.seed, index));
        collector.add(&runner);
    }
    collector
}
