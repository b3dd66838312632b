//! The Monte Carlo engine: trials in fixed-size chunks, each trial keyed from (seed, trial
//! index) ([`crate::streams`]), chunks run in parallel on rayon in waves, each chunk's trials
//! fed to a [`Collector`] of its own, and a wave's collectors merged in chunk order. The result
//! is identical, bit for bit, at any number of threads; memory is a wave of collectors,
//! whatever the number of trials.

use crate::collect::{Collector, RunAggregate};
pub use crate::error::Interrupted;
use crate::model::TrialRunner;
use crate::scenario::Scenario;
use crate::streams::trial_key;
use rayon::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A stop the user may ask for (Ctrl-C), shared by every simulation of a command: each one
/// checks it before it starts and after every wave of chunks (about 65,536 trials a thread),
/// and fails with [`Interrupted`] when it was asked. Clones share the one flag.
#[derive(Debug, Clone, Default)]
pub struct Stop(Arc<AtomicBool>);

impl Stop {
    /// Asks every running and later simulation watching this stop to stop.
    pub fn request(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether a stop was asked.
    pub fn requested(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// The engine of one command: its worker pool, built once and used by every simulation the
/// command runs (a solve runs many), and the [`Stop`] they all watch.
pub struct Engine {
    pool: rayon::ThreadPool,
    threads: usize,
    stop: Stop,
}

impl Engine {
    /// An engine of `threads` workers (at least 1) that stops when `stop` is asked.
    pub fn new(threads: usize, stop: Stop) -> anyhow::Result<Self> {
        let threads = threads.max(1);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()?;
        Ok(Engine {
            pool,
            threads,
            stop,
        })
    }

    /// Its number of workers.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// The outcomes of `settings.trials` trials of `scenario` (see [`Engine::simulate`]).
    pub fn outcomes(
        &self,
        scenario: &Scenario,
        settings: RunSettings,
        progress: &(dyn Fn(u64) + Sync),
    ) -> anyhow::Result<RunAggregate> {
        self.simulate(
            scenario,
            settings,
            &|| RunAggregate::new(scenario),
            progress,
        )
    }

    /// Simulates `settings.trials` trials of `scenario`: the chunks run in waves of one chunk
    /// per worker, each into a collector from `empty`, merged in chunk order; `progress` is
    /// told the number of trials done after each wave. A run stops with [`Interrupted`]
    /// before the first wave when a stop was asked already, else after the wave during which
    /// it was asked (the last wave included: the caller's work stops, not only this run).
    pub fn simulate<C: Collector>(
        &self,
        scenario: &Scenario,
        settings: RunSettings,
        empty: &(dyn Fn() -> C + Sync),
        progress: &(dyn Fn(u64) + Sync),
    ) -> anyhow::Result<C> {
        self.simulate_until(scenario, settings, empty, &|_| false, progress)
    }

    /// As [`Engine::simulate`], but ends early, at the first chunk boundary where `enough`
    /// holds of the collection so far: it is asked after every chunk is merged, in chunk
    /// order, so where a run ends depends on neither the threads nor the waves, and a run that
    /// ends after N trials is the run of `settings.trials = N`, bit for bit. The chunks of
    /// the last wave after that boundary are left out.
    pub fn simulate_until<C: Collector>(
        &self,
        scenario: &Scenario,
        settings: RunSettings,
        empty: &(dyn Fn() -> C + Sync),
        enough: &(dyn Fn(&C) -> bool + Sync),
        progress: &(dyn Fn(u64) + Sync),
    ) -> anyhow::Result<C> {
        let chunks = settings.trials.div_ceil(CHUNK_TRIALS);
        let wave = self.threads as u64;
        let mut total = empty();
        let interrupted = |done| Interrupted {
            done,
            total: Some(settings.trials),
        };
        if self.stop.requested() {
            return Err(interrupted(0).into());
        }
        let mut first = 0;
        while first < chunks {
            let last = (first + wave).min(chunks);
            let parts: Vec<C> = self.pool.install(|| {
                (first..last)
                    .into_par_iter()
                    .map(|chunk| run_chunk(scenario, settings, chunk, empty()))
                    .collect()
            });
            for part in &parts {
                total.merge(part);
                if enough(&total) {
                    progress(total.trials());
                    return Ok(total);
                }
            }
            progress(total.trials());
            if self.stop.requested() {
                return Err(interrupted(total.trials()).into());
            }
            first = last;
        }
        Ok(total)
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
    /// Worker threads (at least 1), for the [`Engine`] a command builds (its pool's size is
    /// the size of a wave of chunks).
    pub threads: usize,
}

/// The outcomes of `settings.trials` trials of `scenario`, simulated on an engine of its own
/// (`settings.threads` workers, no stop), for a caller that runs one simulation; a command
/// that runs many shares one [`Engine`].
pub fn simulate(
    scenario: &Scenario,
    settings: RunSettings,
    progress: &(dyn Fn(u64) + Sync),
) -> anyhow::Result<RunAggregate> {
    Engine::new(settings.threads, Stop::default())?.outcomes(scenario, settings, progress)
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
        collector.add(&runner.finished());
    }
    collector
}
