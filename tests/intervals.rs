//! Coverage of the 95 % intervals: over many seeds at a small trial count, on a case whose
//! distributions have closed forms, each interval holds the true value about as often as it
//! should. Each check's tolerance is four standard errors of the observed coverage over the
//! runs, `sqrt(c (1 − c) / RUNS)`: a correct interval fails it with probability 6e-5, and with
//! fixed seeds the test is deterministic.

use payback::analysis::summarise::candidate_summaries;
use payback::config::Document;
use payback::engine::{self, RunSettings};
use payback::results::summary::CandidateSummary;
use payback::scenario::Scenario;
use payback::stats::{rank_interval, wilson};
use statrs::distribution::{Binomial, Discrete, DiscreteCDF};
use std::path::Path;

/// Independent runs, each its own seed.
const RUNS: u64 = 2000;
/// Trials of each run: few, so that the intervals are wide and their coverage shows.
const TRIALS: u64 = 400;
/// Success probability of the project.
const SUCCESS: f64 = 0.8;

/// The baseline costs 10,000 a month; the candidate costs nothing once live, after a project
/// of cost I ~ uniform(20,000, 60,000) at once that succeeds with probability 0.8. Given
/// success the payback is I / 10,000 ~ uniform(2, 6) months and the NPV over 24 months
/// 240,000 − I ~ uniform(180,000, 220,000); a failure never pays back and loses I.
const SCENARIO: &str = r#"
[scenario]
name = "coverage"
horizon_months = 24

[workload]
events_per_month = 1000

[options.old]
baseline = true
cost_per_event = 10

[options.new]

[options.new.project]
success = 0.8
items.x = { cost = "uniform(20000, 60000)" }
"#;

/// The true values, from the closed forms above.
mod truth {
    /// Payback percentile p ≤ 0.8: P(T ≤ t) = 0.8 (t − 2) / 4 on [2, 6].
    pub fn payback(p: f64) -> f64 {
        2.0 + 4.0 * p / super::SUCCESS
    }
    /// NPV percentiles: 20 % uniform on [−60k, −20k], 80 % on [180k, 220k].
    pub const NPV_P10: f64 = -40_000.0;
    pub const NPV_P50: f64 = 195_000.0;
    pub const NPV_P90: f64 = 215_000.0;
    /// 0.8 · 200,000 + 0.2 · (−40,000).
    pub const NPV_MEAN: f64 = 152_000.0;
    /// Upfront percentile p of uniform(20,000, 60,000).
    pub fn upfront(p: f64) -> f64 {
        20_000.0 + 40_000.0 * p
    }
}

fn scenario() -> Scenario {
    Document::parse(SCENARIO, Path::new("coverage.toml"))
        .expect("the scenario is valid")
        .into_base()
}

/// The candidate's summary of run `seed`.
fn run(scenario: &Scenario, seed: u64) -> CandidateSummary {
    let settings = RunSettings {
        trials: TRIALS,
        seed,
        threads: 1,
    };
    let run = engine::simulate(scenario, settings, &|_| {}).expect("the run completes");
    candidate_summaries(scenario, &run).remove(0)
}

/// Counts how often each named interval holds its true value.
struct Coverage(Vec<(&'static str, u64, f64)>);

impl Coverage {
    /// Records whether `interval` holds `truth` for the check `name`, expected to cover with
    /// probability `expected`.
    fn record(&mut self, name: &'static str, expected: f64, [low, high]: [f64; 2], truth: f64) {
        let hit = u64::from(low <= truth && truth <= high);
        match self.0.iter_mut().find(|(n, _, _)| *n == name) {
            Some(entry) => entry.1 += hit,
            None => self.0.push((name, hit, expected)),
        }
    }

    /// Asserts every check's coverage within four standard errors of what it should be.
    fn assert_all(&self) {
        let mut failures = Vec::new();
        for &(name, hits, expected) in &self.0 {
            let observed = hits as f64 / RUNS as f64;
            let tolerance = 4.0 * (expected * (1.0 - expected) / RUNS as f64).sqrt();
            eprintln!("{name}: {observed:.4} (expected {expected:.4} ± {tolerance:.4})");
            if (observed - expected).abs() > tolerance {
                failures.push(format!("{name}: {observed:.4}, expected {expected:.4}"));
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }
}

/// The exact coverage of the order-statistic interval for percentile `p` of `n` values from a
/// continuous distribution: P(l ≤ B ≤ u − 1) with B ~ Binomial(n, p).
fn rank_coverage(p: f64, n: u64) -> f64 {
    let (l, u) = rank_interval(p, n);
    let b = Binomial::new(p, n).unwrap();
    let below = |k: u64| if k == 0 { 0.0 } else { b.cdf(k - 1) };
    below(u) - below(l)
}

/// The exact coverage of the Wilson interval of a probability `p` at `n` trials: the chance
/// of every count whose interval holds `p`.
fn wilson_coverage(p: f64, n: u64) -> f64 {
    let b = Binomial::new(p, n).unwrap();
    (0..=n)
        .filter(|&k| {
            let [low, high] = wilson(k, n);
            low <= p && p <= high
        })
        .map(|k| b.pmf(k))
        .sum()
}

fn months(ends: [Option<f64>; 2]) -> [f64; 2] {
    ends.map(|m| m.unwrap_or(f64::INFINITY))
}

#[test]
fn intervals_hold_the_true_values_as_often_as_they_should() {
    let scenario = scenario();
    let mut coverage = Coverage(Vec::new());
    // The upfront's percentiles are of all TRIALS values; the payback's and the NPV's too.
    let order = |p: f64| rank_coverage(p, TRIALS);
    let reaches_never = {
        let (_, upper) = rank_interval(0.9, TRIALS);
        Binomial::new(SUCCESS, TRIALS).unwrap().cdf(upper - 1)
    };
    for seed in 0..RUNS {
        let c = run(&scenario, seed);
        let payback = &c.payback_months.ci95;
        coverage.record(
            "payback P10",
            order(0.1),
            months(payback.p10),
            truth::payback(0.1),
        );
        coverage.record(
            "payback P50",
            order(0.5),
            months(payback.p50),
            truth::payback(0.5),
        );
        // The 90th percentile is "never" (P(never) = 0.2): its interval holds it when the
        // upper rank is beyond the finite paybacks, Binomial(TRIALS, 0.8).
        coverage.record(
            "payback P90",
            reaches_never,
            months(payback.p90),
            f64::INFINITY,
        );
        coverage.record("NPV P10", order(0.1), c.npv.ci95.p10, truth::NPV_P10);
        coverage.record("NPV P50", order(0.5), c.npv.ci95.p50, truth::NPV_P50);
        coverage.record("NPV P90", order(0.9), c.npv.ci95.p90, truth::NPV_P90);
        coverage.record(
            "upfront P10",
            order(0.1),
            c.upfront.ci95.p10,
            truth::upfront(0.1),
        );
        coverage.record(
            "upfront P50",
            order(0.5),
            c.upfront.ci95.p50,
            truth::upfront(0.5),
        );
        coverage.record(
            "upfront P90",
            order(0.9),
            c.upfront.ci95.p90,
            truth::upfront(0.9),
        );
        let never = wilson_coverage(1.0 - SUCCESS, TRIALS);
        coverage.record("P(never)", never, c.p_never_ci95, 1.0 - SUCCESS);
        coverage.record("P(success)", never, c.p_success_ci95, SUCCESS);
        // Means: the normal interval, 95 % up to the central limit theorem's error.
        coverage.record("NPV mean", 0.95, c.npv.ci95.mean, truth::NPV_MEAN);
        coverage.record("upfront mean", 0.95, c.upfront.ci95.mean, 40_000.0);
    }
    coverage.assert_all();
}
