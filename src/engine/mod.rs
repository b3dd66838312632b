//! The Monte Carlo engine: trials in fixed-size chunks (their size chosen by the collector,
//! [`Collector::CHUNK_TRIALS`]), each trial keyed from (seed, trial index)
//! ([`crate::streams`]), chunks queued on rayon's workers up to two waves ahead, each chunk's
//! trials fed to a [`Collector`] of its own a [`FinishedBlock`] at a time, and the chunks'
//! collectors merged in chunk order on the calling thread while the workers go on. The result
//! is identical, bit for bit, at any number of threads; memory is two waves of collectors,
//! whatever the number of trials.

use crate::collect::{Collector, RunAggregate};
pub use crate::error::Interrupted;
use crate::model::{FinishedBlock, TrialRunner};
use crate::scenario::Scenario;
use crate::streams::trial_key;
use std::collections::BTreeMap;
use std::ops::Range;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

/// A stop the user may ask for (Ctrl-C), shared by every simulation of a command: each one
/// checks it before it starts and after every wave of chunks (65,536 trials a thread),
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

    /// Simulates `settings.trials` trials of `scenario`: each chunk into a collector from
    /// `empty`, merged in chunk order; `progress` is told the number of trials done after each
    /// wave's worth of chunks ([`CHUNK_TRIALS`] trials a worker). A run stops with
    /// [`Interrupted`] before the first wave when a stop was asked already, else after the wave
    /// during which it was asked (the last wave included: the caller's work stops, not only this
    /// run).
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
        let mut total = empty();
        let chunks = 0..settings.trials.div_ceil(C::CHUNK_TRIALS);
        self.waves(scenario, settings, empty, chunks, progress, &mut |part| {
            total.merge(&part);
            (enough(&total), total.trials())
        })?;
        Ok(total)
    }

    /// Simulates the chunks `chunks` of the run of `settings` (a shard of it), merged in chunk
    /// order, keeping each chunk's sums so that [`merge_shards`] can put the shards together
    /// into the single run, bit for bit.
    pub fn simulate_shard<C: Collector>(
        &self,
        scenario: &Scenario,
        settings: RunSettings,
        empty: &(dyn Fn() -> C + Sync),
        chunks: Range<u64>,
        progress: &(dyn Fn(u64) + Sync),
    ) -> anyhow::Result<Shard<C>> {
        let mut total = empty();
        let mut chunk_sums = Vec::new();
        let range = chunks.clone();
        self.waves(
            scenario,
            settings,
            empty,
            range,
            progress,
            &mut |mut part| {
                let mut sums = Vec::new();
                part.visit_sums(&mut |x| sums.push(*x));
                chunk_sums.push(sums);
                total.merge(&part);
                (false, total.trials())
            },
        )?;
        Ok(Shard {
            chunks,
            total,
            chunk_sums,
        })
    }

    /// Runs `chunks` on the workers, handing each chunk's collection to `take` in chunk order;
    /// `take` answers whether to end there and the trials done so far. The workers never wait
    /// for one another: up to two waves of chunks ([`CHUNK_TRIALS`] trials a worker, one
    /// chunk each or more of a collector's smaller chunks) are queued or waiting to be taken,
    /// and a new chunk is queued as each is taken, so this thread merges while the workers go
    /// on. `progress` is told after each wave's worth of chunks is taken, and a stop is looked
    /// for then, as [`Engine::simulate`] says; chunks not yet started when a run ends are left
    /// out.
    fn waves<C: Collector>(
        &self,
        scenario: &Scenario,
        settings: RunSettings,
        empty: &(dyn Fn() -> C + Sync),
        chunks: Range<u64>,
        progress: &(dyn Fn(u64) + Sync),
        take: &mut dyn FnMut(C) -> (bool, u64),
    ) -> anyhow::Result<()> {
        let wave = self.threads as u64 * (CHUNK_TRIALS / C::CHUNK_TRIALS).max(1);
        let interrupted = |done| Interrupted {
            done,
            total: Some(settings.trials),
        };
        if self.stop.requested() {
            return Err(interrupted(0).into());
        }
        let ended = AtomicBool::new(false);
        let (sender, finished) = mpsc::channel::<(u64, std::thread::Result<C>)>();
        let outcome = self.pool.in_place_scope_fifo(|scope| {
            let queue = |chunk: u64| {
                let (sender, ended) = (sender.clone(), &ended);
                scope.spawn_fifo(move |_| {
                    if !ended.load(Ordering::Relaxed) {
                        let part = panic::catch_unwind(AssertUnwindSafe(|| {
                            run_chunk(scenario, settings, chunk, empty())
                        }));
                        // The receiver outlives every chunk: the scope ends after them.
                        let _ = sender.send((chunk, part));
                    }
                });
            };
            let mut queued = chunks.start;
            while queued < chunks.end && queued - chunks.start < 2 * wave {
                queue(queued);
                queued += 1;
            }
            let mut waiting = BTreeMap::new();
            let mut next = chunks.start;
            let result = loop {
                if next == chunks.end {
                    break Ok(());
                }
                let Some(part) = waiting.remove(&next) else {
                    // Every queued chunk sends once, and `next` is queued and not yet taken.
                    let (chunk, part) = finished.recv().expect("a queued chunk sends its part");
                    waiting.insert(chunk, part);
                    continue;
                };
                let part = match part {
                    Ok(part) => part,
                    Err(panicked) => {
                        ended.store(true, Ordering::Relaxed);
                        panic::resume_unwind(panicked);
                    }
                };
                if queued < chunks.end {
                    queue(queued);
                    queued += 1;
                }
                let (end, done) = take(part);
                next += 1;
                if end {
                    progress(done);
                    break Ok(());
                }
                if (next - chunks.start).is_multiple_of(wave) || next == chunks.end {
                    progress(done);
                    if self.stop.requested() {
                        break Err(interrupted(done));
                    }
                }
            };
            ended.store(true, Ordering::Relaxed);
            result
        });
        Ok(outcome?)
    }
}

/// A shard of a run: the collection of a range of its chunks, merged in chunk order, and each
/// chunk's sums ([`Collector::visit_sums`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Shard<C> {
    /// The chunks it holds.
    pub chunks: Range<u64>,
    /// Their collection.
    pub total: C,
    /// Each chunk's sums, in chunk order.
    pub chunk_sums: Vec<Vec<f64>>,
}

/// The chunks of shard `k` (1-based) of `n` of a run of `trials` into collectors of the
/// default chunk size ([`CHUNK_TRIALS`]): contiguous ranges in order,
/// their sizes differing by at most one chunk (a shard may be empty when there are fewer
/// chunks than shards).
pub fn shard_chunks(trials: u64, k: u64, n: u64) -> Range<u64> {
    let chunks = trials.div_ceil(CHUNK_TRIALS);
    let start = |i: u64| (chunks * i) / n;
    start(k - 1)..start(k)
}

/// The shards of a run, in chunk order and together covering it from chunk 0, merged into
/// the single run's collection, bit for bit: the counts and extremes merge in any order; each
/// later shard's sums are added chunk by chunk, as the single run adds them. An error when
/// the shards do not follow one another or their sums are not of one shape.
pub fn merge_shards<C: Collector>(shards: Vec<Shard<C>>) -> Result<C, String> {
    let mut shards = shards.into_iter();
    let Some(first) = shards.next() else {
        return Err("there are no shards to merge".into());
    };
    if first.chunks.start != 0 {
        return Err("the first shard does not start at the first chunk".into());
    }
    let (mut end, mut total) = (first.chunks.end, first.total);
    for shard in shards {
        if shard.chunks.start != end || shard.chunk_sums.len() as u64 != shard.chunks.end - end {
            return Err(format!(
                "the shard of chunks {}..{} does not follow chunk {end}",
                shard.chunks.start, shard.chunks.end
            ));
        }
        let mut kept = Vec::new();
        total.visit_sums(&mut |x| kept.push(*x));
        total.merge(&shard.total);
        let mut kept = kept.into_iter();
        total.visit_sums(&mut |x| *x = kept.next().unwrap_or(*x));
        for sums in &shard.chunk_sums {
            let mut count = 0;
            total.visit_sums(&mut |x| {
                if let Some(s) = sums.get(count) {
                    *x += s;
                }
                count += 1;
            });
            if count != sums.len() {
                return Err("a shard's sums are not of this scenario's shape".into());
            }
        }
        end = shard.chunks.end;
    }
    Ok(total)
}

pub use crate::collect::CHUNK_TRIALS;

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

/// Runs chunk `chunk` of a run into `collector`: its trials, each from its own key, handed to
/// the collector a [`FinishedBlock`] at a time.
pub fn run_chunk<C: Collector>(
    scenario: &Scenario,
    settings: RunSettings,
    chunk: u64,
    mut collector: C,
) -> C {
    let start = chunk * C::CHUNK_TRIALS;
    let end = (start + C::CHUNK_TRIALS).min(settings.trials);
    let mut runner = TrialRunner::new(scenario);
    let mut block = FinishedBlock::default();
    for index in start..end {
        runner.run(trial_key(settings.seed, index));
        block.push(&runner.finished());
        if block.is_full() || index + 1 == end {
            collector.add_block(&block);
            block.clear();
        }
    }
    collector
}
