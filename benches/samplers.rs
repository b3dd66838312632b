//! The cost of one draw of each distribution family, as the engine makes it: a fresh keyed
//! stream (`streams::stream`) and one sample. Criterion reports the time per batch of 1,000
//! draws; divide by 1,000 for the cost of one draw. The Beta family (PERT and `beta(…)` and
//! `{ observed, of }`) draws two gammas when both shapes are at least 1, hence its higher cost,
//! and uses Cheng's algorithm below (`beta(0.5, 0.5)`). Then the cost of a draw by
//! inverse CDF, which correlated inputs need, exact and tabulated.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use payback::distribution::parse_text;
use payback::streams::{path_key, stream, trial_key};
use std::hint::black_box;

/// One form of each family the scenario files can write.
const FORMS: [&str; 14] = [
    "uniform(1, 2)",
    "triangular(1, 2, 4)",
    "pert(1, 1.5, 3)",
    "beta(51, 951)",
    "beta(0.5, 0.5)",
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

/// The cost of one draw by inverse CDF from a standard normal, `Q(Φ(z))`, as the copula draws
/// correlated inputs: exact, and from the table that the copula builds for the slow families.
fn inverse_cdf_cost(c: &mut Criterion) {
    let mut group = c.benchmark_group("inverse cdf");
    group.throughput(Throughput::Elements(DRAWS));
    let forms = [
        "uniform(1, 2)",
        "triangular(1, 2, 4)",
        "pert(1, 1.5, 3)",
        "gamma(2, 3)",
        "normal(0.01, 0.005)",
        "10 to 500",
        "poisson(3)",
    ];
    for form in forms {
        let exact = parse_text(form).unwrap_or_else(|e| panic!("{form}: {e}"));
        let mut tabulated = exact.clone();
        tabulated.tabulate_quantile();
        for (how, dist) in [("exact", &exact), ("tabulated", &tabulated)] {
            group.bench_function(format!("{form}, {how}"), |b| {
                b.iter(|| {
                    let mut sum = 0.0;
                    for i in 0..DRAWS {
                        sum += dist.quantile_of_normal(-3.0 + 6.0 * i as f64 / DRAWS as f64);
                    }
                    black_box(sum)
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, draw_cost, inverse_cdf_cost);
criterion_main!(benches);
