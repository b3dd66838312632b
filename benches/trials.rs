//! Trials per second of the engine on realistic scenarios: `email-triage` (three options,
//! drift, retraining, a deprecating candidate, ramped benefits) and `managed-fine-tune` (token
//! prices with trends, repeated deprecations with downtime on both sides, drift, retraining).
//! Each is run as one chunk of 65,536 trials on one thread (outcomes alone, then with the
//! sensitivity sums of `payback run`), and as 8 chunks on every core; criterion reports the
//! throughput in trials (elements) per second.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use payback::collect::{Detailed, Factors, RunAggregate};
use payback::engine::{self, CHUNK_TRIALS, RunSettings};
use payback::model::TrialRunner;
use payback::streams::trial_key;
use std::path::Path;

fn trials_per_second(c: &mut Criterion) {
    for name in ["email-triage", "managed-fine-tune"] {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("configs/{name}.toml"));
        let scenario = payback::config::load(&file).expect("the example config is valid");
        let mut group = c.benchmark_group(name);
        group.sample_size(10);

        let one_chunk = RunSettings {
            trials: CHUNK_TRIALS,
            seed: 42,
            threads: 1,
        };
        group.throughput(Throughput::Elements(one_chunk.trials));
        group.bench_function("1 thread", |b| {
            b.iter(|| engine::run_chunk(&scenario, one_chunk, 0, RunAggregate::new(&scenario)))
        });
        let factors = Factors::new(&scenario);
        group.bench_function("1 thread, with sensitivity", |b| {
            b.iter(|| {
                engine::run_chunk(&scenario, one_chunk, 0, Detailed::new(&scenario, &factors))
            })
        });

        let threads = rayon::current_num_threads();
        let all_cores = RunSettings {
            trials: 8 * CHUNK_TRIALS,
            seed: 42,
            threads,
        };
        group.throughput(Throughput::Elements(all_cores.trials));
        group.bench_function(format!("{threads} threads"), |b| {
            b.iter(|| engine::simulate(&scenario, all_cores, &|_| {}).expect("runs"))
        });
        group.finish();
    }
}

/// Where a trial's time goes, on the peers' reference scenario, one thread, 65,536 trials:
/// drawing the inputs alone; the whole trial (inputs, each option's costs, the cash walk);
/// the trial and the run's aggregation; and that with the sensitivity sums as `payback run`
/// collects them. The differences are the monthly loop's and the aggregation's shares.
fn split(c: &mut Criterion) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/reference.toml");
    let Ok(scenario) = payback::config::load(&file) else {
        eprintln!("split: {} not found, skipped", file.display());
        return;
    };
    let mut group = c.benchmark_group("reference");
    group.sample_size(10);
    group.throughput(Throughput::Elements(CHUNK_TRIALS));
    let mut draws = vec![0.0; scenario.inputs.len()];
    group.bench_function("inputs only", |b| {
        b.iter(|| {
            for i in 0..CHUNK_TRIALS {
                scenario.inputs.sample_into(trial_key(42, i), &mut draws);
            }
            draws[0]
        })
    });
    group.bench_function("whole trials", |b| {
        b.iter(|| {
            let mut runner = TrialRunner::new(&scenario);
            let mut npv = 0.0;
            for i in 0..CHUNK_TRIALS {
                npv += runner.run(trial_key(42, i))[0].npv;
            }
            npv
        })
    });
    let one_chunk = RunSettings {
        trials: CHUNK_TRIALS,
        seed: 42,
        threads: 1,
    };
    group.bench_function("trials and aggregation", |b| {
        b.iter(|| engine::run_chunk(&scenario, one_chunk, 0, RunAggregate::new(&scenario)))
    });
    let factors = Factors::new(&scenario);
    group.bench_function("trials, aggregation and sensitivity", |b| {
        b.iter(|| engine::run_chunk(&scenario, one_chunk, 0, Detailed::new(&scenario, &factors)))
    });
    group.finish();
}

criterion_group!(benches, trials_per_second, split);
criterion_main!(benches);
