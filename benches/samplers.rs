//! The cost of one draw of each distribution family, as the engine makes it: a fresh keyed
//! stream (`streams::stream`) and one sample. Criterion reports the time per batch of 1,000
//! draws; divide by 1,000 for the cost of one draw. The Beta family (PERT and `beta(…)` and
//! `{ observed, of }`) draws two gammas, hence its higher cost.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use payback::dist::parse_text;
use payback::streams::{path_key, stream, trial_key};
use std::hint::black_box;

/// One form of each family the scenario files can write.
const FORMS: [&str; 13] = [
    "uniform(1, 2)",
    "triangular(1, 2, 4)",
    "pert(1, 1.5, 3)",
    "beta(51, 951)",
    "normal(0.01, 0.005)",
    "10 to 500",
    "lognormal(0, 0.5)",
    "gamma(2, 3)",
    "exponential(24)",
    "poisson(3)",
    "binomial(20, 0.3)",
    "uniform_int(1, 6)",
    "bernoulli(0.85)",
];

/// Draws per iteration.
const DRAWS: u64 = 1000;

fn draw_cost(c: &mut Criterion) {
    let mut group = c.benchmark_group("draw");
    group.throughput(Throughput::Elements(DRAWS));
    let key = path_key("bench.input");
    for form in FORMS {
        let dist = parse_text(form).unwrap_or_else(|e| panic!("{form}: {e}"));
        group.bench_function(form, |b| {
            b.iter_batched(
                || 0u64,
                |_| {
                    let mut sum = 0.0;
                    for i in 0..DRAWS {
                        sum += dist.sample(&mut stream(trial_key(42, i), key));
                    }
                    black_box(sum)
                },
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, draw_cost);
criterion_main!(benches);
