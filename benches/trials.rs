//! Trials per second of the engine on realistic scenarios: `email-triage` (three options,
//! drift, retraining, a deprecating candidate, ramped benefits) and `managed-fine-tune` (token
//! prices with trends, repeated deprecations with downtime on both sides, drift, retraining).
//! Each is run as one chunk of 65,536 trials on one thread (outcomes alone, then with the
//! sensitivity sums of `payback run`), and as 8 chunks on every core; criterion reports the
//! throughput in trials (elements) per second.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use payback::engine::{
    self, CHUNK_TRIALS, Detailed, Factors, RunAggregate, RunSettings, SensitivityAggregate,
};
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
                let empty = Detailed {
                    run: RunAggregate::new(&scenario),
                    sensitivity: SensitivityAggregate::new(&scenario, &factors),
                };
                engine::run_chunk(&scenario, one_chunk, 0, empty)
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

criterion_group!(benches, trials_per_second);
criterion_main!(benches);
