//! Properties of the model on small random scenarios: monotonicity in the upfront cost, the
//! candidate's cost per event and the success probability, payback never before go-live, and
//! ordered percentiles.
//!
//! Each case builds a random scenario file (every mechanism of the model may appear: growth,
//! error buckets, serving, monthly items, ramped benefits, drift and retrains, price trends,
//! deprecations of either side, discounting, a random build time and investment), then a
//! second file that differs from it in one constant, and runs both through the library: per
//! trial through [`TrialRunner`] and as a whole through [`engine::simulate`] and
//! [`summarise`].
//!
//! Why the comparisons are exact, not statistical: common random numbers. A trial's key depends
//! on the seed and the trial's index alone, and every input draws from its own stream keyed by
//! the trial and the input's dotted path, so the two files draw the same value for every other
//! input in every trial: trial `i` of one file and trial `i` of the other differ only in the one
//! changed number. A property of the model that holds trial by trial then holds for every
//! trial, and for any statistic that is monotone in the trials' values: the percentiles (an
//! order statistic's bin or bucket, clamped to the exact minimum and maximum) and P(never) (a
//! count). No tolerance is needed, and none is used: a single violating trial fails the test.
//!
//! `PROPTEST_CASES=N` runs N random scenarios per property instead of the default few.

use payback::analysis::summarise::summarise;
use payback::config::Document;
use payback::engine::{self, RunSettings};
use payback::model::{Outcome, TrialRunner};
use payback::results::summary::{CandidateSummary, PaybackPercentiles, Spread};
use payback::scenario::Scenario;
use payback::streams::trial_key;
use proptest::prelude::*;
use proptest::test_runner::Config;
use std::path::Path;

/// Trials compared one by one in each case.
const TRIALS_PER_CASE: u64 = 48;
/// Trials of each whole run whose summaries are compared.
const SUMMARY_TRIALS: u64 = 200;
/// Random scenarios per property: with the trials above the whole file takes about 1.5 s of
/// CPU in the test profile (`PROPTEST_CASES` asks for more: 8,000 per property take minutes).
const CASES: u32 = 64;

fn config() -> Config {
    Config {
        cases: CASES,
        // A failing case is kept in the test's output; no regression files in the tree.
        failure_persistence: None,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Random scenario files
// ---------------------------------------------------------------------------------------------

/// A float as a TOML value (`Display` of an `f64` never uses exponents and round-trips).
fn lit(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e15 {
        format!("{x:.1}")
    } else {
        format!("{x}")
    }
}

/// A number in `[lo, hi]` as a scenario file writes it: a constant, or a distribution whose
/// support lies inside `[lo, hi]` (bounded forms inside the range, a normal clamped to it).
fn num(lo: f64, hi: f64) -> BoxedStrategy<String> {
    let span = hi - lo;
    // Two ordered points a < b inside [lo, hi], at least half a percent of the range apart.
    let pair = (0.0..0.9f64, 0.05..=1.0f64).prop_map(move |(f, g)| {
        let a = lo + f * span;
        (a, a + g * (hi - a))
    });
    prop_oneof![
        (0.0..=1.0f64).prop_map(move |f| lit(lo + f * span)),
        pair.clone()
            .prop_map(|(a, b)| format!("\"uniform({}, {})\"", lit(a), lit(b))),
        (pair.clone(), 0.1..0.9f64).prop_map(|((a, b), f)| format!(
            "\"triangular({}, {}, {})\"",
            lit(a),
            lit(a + f * (b - a)),
            lit(b)
        )),
        (pair, 0.1..0.9f64).prop_map(|((a, b), f)| format!(
            "\"pert({}, {}, {})\"",
            lit(a),
            lit(a + f * (b - a)),
            lit(b)
        )),
        (0.0..=1.0f64, 0.01..0.5f64).prop_map(move |(f, s)| format!(
            "{{ dist = \"normal({}, {})\", clamp = [{}, {}] }}",
            lit(lo + f * span),
            lit(s * span),
            lit(lo),
            lit(hi)
        )),
    ]
    .boxed()
}

/// An optional line `key = value`.
fn maybe(key: &'static str, value: BoxedStrategy<String>) -> BoxedStrategy<String> {
    prop::option::of(value)
        .prop_map(move |v| v.map_or_else(String::new, |v| format!("{key} = {v}\n")))
        .boxed()
}

/// An optional deprecation table of option `option`: at a month or from a hazard, with a
/// migration cost, successor factors and (for a candidate) a downtime on the baseline.
fn deprecation(option: &'static str, downtime: bool) -> BoxedStrategy<String> {
    let when = prop_oneof![
        num(0.0, 48.0).prop_map(|m| format!("at_month = {m}\n")),
        (0.0..2.0f64, any::<bool>())
            .prop_map(|(h, r)| format!("hazard_per_year = {}\nrepeat = {r}\n", lit(h))),
    ];
    let downtime = if downtime {
        num(0.0, 3.0)
    } else {
        Just("0".to_string()).boxed()
    };
    prop::option::of((
        when,
        num(0.0, 5000.0),
        downtime,
        num(0.5, 1.5),
        num(0.5, 1.5),
    ))
    .prop_map(move |d| match d {
        None => String::new(),
        Some((when, migration, downtime, cost, error)) => format!(
            "\n[options.{option}.deprecation]\n{when}migration_cost = {migration}\n\
             downtime_months = {downtime}\ncost_factor = {cost}\nerror_factor = {error}\n"
        ),
    })
    .boxed()
}

/// A random scenario of a baseline `old` and a candidate `new` with a project, except for the
/// three knobs the properties turn: the constant `extra` investment item, the candidate's
/// constant cost per event and its constant success probability.
#[derive(Debug, Clone)]
struct Case {
    /// `[scenario]` lines.
    scenario: String,
    /// `[workload]` lines.
    workload: String,
    /// `[options.old]` lines and its deprecation table.
    baseline: String,
    /// `[options.new]` lines (without `cost_per_event`) and its deprecation table.
    candidate: String,
    /// `[options.new.project]` lines (without `success` and `items.extra`).
    project: String,
    /// The trials' seed.
    seed: u64,
}

fn case() -> impl Strategy<Value = Case> {
    let horizon = prop_oneof![1 => 1u32..=6, 4 => 6u32..=48];
    let scenario = (horizon, prop_oneof![Just(0.0), 0.0..0.2f64]).prop_map(|(h, r)| {
        format!(
            "name = \"property\"\nhorizon_months = {h}\ndiscount_rate = {}\n",
            lit(r)
        )
    });
    let workload = (num(0.0, 20000.0), num(-0.05, 0.05))
        .prop_map(|(v, g)| format!("events_per_month = {v}\ngrowth_per_month = {g}\n"));
    let baseline = (
        num(0.5, 2.0),
        prop::option::of((num(0.0, 0.2), num(0.0, 5.0))),
        maybe("monthly.hosting", num(0.0, 500.0)),
        maybe("price_change_per_year", num(-0.5, 0.5)),
        deprecation("old", false),
    )
        .prop_map(|(cost, errors, monthly, trend, dep)| {
            let errors = errors.map_or_else(String::new, |(rate, cost)| {
                format!("errors.wrong = {{ rate = {rate}, cost = {cost} }}\n")
            });
            format!("baseline = true\ncost_per_event = {cost}\n{errors}{monthly}{trend}{dep}")
        });
    let serving = prop_oneof![
        (num(0.0, 2.0), 1u32..=3)
            .prop_map(|(h, n)| format!("serving = {{ hourly = {h}, instances = {n} }}\n")),
        (num(0.0, 2.0), 100.0..5000.0f64, 0u32..=2).prop_map(|(h, cap, min)| format!(
            "serving = {{ hourly = {h}, capacity_per_instance = {}, min_instances = {min} }}\n",
            lit(cap)
        )),
    ]
    .boxed();
    let candidate = (
        (
            prop::option::of((num(0.0, 0.2), num(0.0, 5.0))),
            prop::option::of(serving).prop_map(Option::unwrap_or_default),
            maybe("monthly.monitoring", num(0.0, 300.0)),
            prop::option::of((num(0.0, 1000.0), num(0.0, 6.0))),
        ),
        (
            prop::option::of((num(0.0, 0.1), 1u32..=12, num(0.0, 2000.0))),
            maybe("price_change_per_year", num(-0.5, 0.5)),
            maybe("review", num(0.0, 0.2).prop_map(|r| format!("{{ rate = {r}, cost = 1.5 }}")).boxed()),
            deprecation("new", true),
        ),
    )
        .prop_map(
            |((errors, serving, monthly, benefit), (drift, trend, review, dep))| {
                let errors = errors.map_or_else(String::new, |(rate, cost)| {
                    format!("errors.wrong = {{ rate = {rate}, cost = {cost} }}\n")
                });
                let benefit = benefit.map_or_else(String::new, |(m, ramp)| {
                    format!("benefits.lift = {{ monthly = {m}, ramp_months = {ramp} }}\n")
                });
                let drift = drift.map_or_else(String::new, |(d, every, cost)| {
                    format!(
                        "drift_per_month = {d}\nretrain = {{ every_months = {every}, cost = {cost} }}\n"
                    )
                });
                format!("{errors}{serving}{monthly}{benefit}{drift}{trend}{review}{dep}")
            },
        );
    let costly = (
        num(0.0, 6.0),
        num(0.0, 0.5),
        0u32..=5,
        prop_oneof![
            (0u32..=3).prop_map(|n| n.to_string()),
            (0.1..3.0f64).prop_map(|l| format!("\"poisson({})\"", lit(l))),
        ],
        num(0.0, 1000.0),
        num(0.0, 10000.0),
        num(0.8, 2.0),
    )
        .prop_map(
            |(build, contingency, planned, failed, per_run, cost, overrun)| {
                format!(
                    "build_months = {build}\ncontingency = {contingency}\nplanned_runs = {planned}\n\
                     failed_runs = {failed}\ncost_per_run = {per_run}\n\
                     items.main = {{ cost = {cost}, overrun = {overrun} }}\n"
                )
            },
        );
    // Now and then a project that costs nothing but the `extra` item (which may be 0).
    let free = num(0.0, 6.0).prop_map(|build| format!("build_months = {build}\n"));
    let project = prop_oneof![6 => costly, 1 => free];
    (scenario, workload, baseline, candidate, project, 0u64..1000).prop_map(
        |(scenario, workload, baseline, candidate, project, seed)| Case {
            scenario,
            workload,
            baseline,
            candidate,
            project,
            seed,
        },
    )
}

/// The three constants the properties turn.
#[derive(Debug, Clone, Copy)]
struct Knobs {
    /// The cost of the investment item `extra` (its overrun is 1).
    extra: f64,
    /// The candidate's cost per event.
    cost_per_event: f64,
    /// The project's success probability.
    success: f64,
}

impl Case {
    /// The scenario file with the knobs set.
    fn text(&self, k: Knobs) -> String {
        // The deprecation tables come last in their option's lines: put each option's plain
        // keys before them.
        let (old, old_dep) = split_table(&self.baseline);
        let (new, new_dep) = split_table(&self.candidate);
        format!(
            "[scenario]\n{}\n[workload]\n{}\n[options.old]\n{old}{old_dep}\n[options.new]\n\
             cost_per_event = {}\n{new}{new_dep}\n[options.new.project]\n{}success = {}\n\
             items.extra = {{ cost = {} }}\n",
            self.scenario,
            self.workload,
            lit(k.cost_per_event),
            self.project,
            lit(k.success),
            lit(k.extra),
        )
    }

    /// The checked scenario with the knobs set.
    fn build(&self, k: Knobs) -> Scenario {
        let text = self.text(k);
        Document::parse(&text, Path::new("property.toml"))
            .unwrap_or_else(|e| panic!("{e}\nin the generated file:\n{text}"))
            .into_base()
    }
}

/// Splits option lines at their sub-table (`\n[options.…`), if any.
fn split_table(lines: &str) -> (&str, &str) {
    lines
        .find("\n[options.")
        .map_or((lines, ""), |i| lines.split_at(i + 1))
}

fn knobs() -> impl Strategy<Value = Knobs> {
    // Mostly likely projects, so that most trials have a payback to compare.
    let success = prop_oneof![1 => 0.0..=1.0f64, 2 => 0.8..=1.0f64, 1 => Just(1.0)];
    let extra = prop_oneof![1 => Just(0.0), 4 => 0.0..10000.0f64];
    (extra, 0.0..1.0f64, success).prop_map(|(extra, cost_per_event, success)| Knobs {
        extra,
        cost_per_event,
        success,
    })
}

// ---------------------------------------------------------------------------------------------
// Running them
// ---------------------------------------------------------------------------------------------

/// The candidate's outcome in trials `0..TRIALS_PER_CASE` of `scenario`, with its drawn build
/// time.
fn trials(scenario: &Scenario, seed: u64) -> Vec<(Outcome, f64)> {
    let candidate = scenario.candidates().next().expect("one candidate");
    let project = scenario.options[candidate]
        .project
        .as_ref()
        .expect("a project");
    let mut runner = TrialRunner::new(scenario);
    (0..TRIALS_PER_CASE)
        .map(|i| {
            let outcome = runner.run(trial_key(seed, i))[0];
            let build = project.build_months.get(runner.draws());
            check_outcome(&outcome, f64::from(scenario.horizon_months));
            (outcome, build)
        })
        .collect()
}

/// What every single outcome satisfies.
fn check_outcome(o: &Outcome, horizon: f64) {
    assert!(o.upfront.is_finite() && o.upfront >= 0.0, "{o:?}");
    assert!(o.npv.is_finite(), "{o:?}");
    assert!(o.payback >= 0.0 && o.discounted_payback >= 0.0, "{o:?}");
    assert!(o.payback == f64::INFINITY || o.payback <= horizon, "{o:?}");
    if !o.succeeded {
        // A failed project spends I and never goes live (MODEL.md).
        assert_eq!(o.payback, f64::INFINITY, "{o:?}");
        assert_eq!(o.npv, -o.upfront, "{o:?}");
    } else if o.upfront == 0.0 {
        // Net(0) = 0 ≥ 0 (docs/model.md, "No investment").
        assert_eq!(o.payback, 0.0, "{o:?}");
    }
}

/// The candidate's summary of a whole run of `scenario`.
fn summary(scenario: &Scenario, seed: u64) -> CandidateSummary {
    let settings = RunSettings {
        trials: SUMMARY_TRIALS,
        seed,
        threads: 1,
    };
    let run = engine::simulate(scenario, settings, &|_| {}).expect("the run completes");
    let mut summary = summarise(scenario, seed, &run);
    check_order(&summary.candidates[0]);
    summary.candidates.remove(0)
}

/// A payback percentile as a number, never = +∞.
fn months(p: Option<f64>) -> f64 {
    p.unwrap_or(f64::INFINITY)
}

fn payback_triple(p: &PaybackPercentiles) -> [f64; 3] {
    [months(p.p10), months(p.p50), months(p.p90)]
}

/// `a[i] ≤ b[i]` for every percentile.
fn assert_all_le(a: [f64; 3], b: [f64; 3], what: &str) {
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        assert!(x <= y, "{what}: P{} {x} > {y}", [10, 50, 90][i]);
    }
}

fn assert_ordered(p: [f64; 3], what: &str) {
    assert!(
        p[0] <= p[1] && p[1] <= p[2],
        "{what}: P10 {} / P50 {} / P90 {} out of order",
        p[0],
        p[1],
        p[2]
    );
    assert!(p.iter().all(|x| !x.is_nan()), "{what}: {p:?}");
}

fn spread(s: &Spread) -> [f64; 3] {
    [s.p10, s.p50, s.p90]
}

/// Percentiles of the summary are ordered and its probabilities consistent.
fn check_order(c: &CandidateSummary) {
    assert_ordered(payback_triple(&c.payback_months), "payback");
    if let Some(d) = &c.discounted_payback {
        assert_ordered(payback_triple(&d.months), "discounted payback");
    }
    assert_ordered([c.npv.p10, c.npv.p50, c.npv.p90], "NPV");
    assert_ordered(spread(&c.upfront), "upfront");
    for part in &c.upfront_items {
        assert_ordered(spread(&part.spread), &part.name);
    }
    if let Some(roi) = &c.roi {
        assert_ordered(spread(roi), "ROI");
    }
    for band in &c.cumulative_net {
        assert_ordered(
            [band.p10, band.p50, band.p90],
            &format!("cumulative net at month {}", band.month),
        );
    }
    // The NPV's whole percentile curve, and the payback CDF, never go down.
    for w in c.npv.percentiles.windows(2) {
        assert!(w[0][1] <= w[1][1], "NPV percentiles {w:?}");
    }
    for w in c.payback_cdf.windows(2) {
        assert!(w[0][1] <= w[1][1], "payback CDF {w:?}");
    }
    // Paid back by the horizon, or never: nothing else.
    let at_horizon = c.payback_cdf.last().expect("month H")[1];
    assert!((at_horizon + c.p_never - 1.0).abs() < 1e-12, "{c:?}");
    assert!((0.0..=1.0).contains(&c.p_never));
}

// ---------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// Raising the upfront cost never shortens payback, nor raises the NPV.
    ///
    /// Why: `I` is committed at t = 0 and enters the cash path only as its start,
    /// `Net(t) = −I + ∫₀ᵗ s + lumps`; nothing else in a trial depends on it. A larger `I`
    /// lowers `Net(t)` at every t by the same amount, so its first zero crossing cannot come
    /// earlier (discounted or not), and the NPV (the discounted net at H) is lower.
    #[test]
    fn raising_the_upfront_cost_never_shortens_payback(
        case in case(),
        k in knobs(),
        more in 1.0..10000.0f64,
    ) {
        let cheap = case.build(k);
        let dear = case.build(Knobs { extra: k.extra + more, ..k });
        for (i, ((a, _), (b, _))) in trials(&cheap, case.seed)
            .iter()
            .zip(&trials(&dear, case.seed))
            .enumerate()
        {
            prop_assert!(b.upfront > a.upfront, "trial {i}: {a:?} vs {b:?}");
            prop_assert!(b.payback >= a.payback, "trial {i}: {a:?} vs {b:?}");
            prop_assert!(b.discounted_payback >= a.discounted_payback, "trial {i}: {a:?} vs {b:?}");
            prop_assert!(b.npv <= a.npv, "trial {i}: {a:?} vs {b:?}");
            prop_assert_eq!(a.succeeded, b.succeeded);
        }
        let (a, b) = (summary(&cheap, case.seed), summary(&dear, case.seed));
        assert_all_le(payback_triple(&a.payback_months), payback_triple(&b.payback_months), "payback");
        assert_all_le([b.npv.p10, b.npv.p50, b.npv.p90], [a.npv.p10, a.npv.p50, a.npv.p90], "NPV");
        assert_all_le(spread(&a.upfront), spread(&b.upfront), "upfront");
        prop_assert!(b.p_never >= a.p_never, "P(never) {} < {}", b.p_never, a.p_never);
    }

    /// Raising the candidate's per-event cost never raises its NPV, nor shortens its payback.
    ///
    /// Why: the candidate's running cost `C_c(m) = V(m) · unit_c(m) + fixed_c(m)` grows with
    /// its direct cost per event (price trends and successor factors multiply it by
    /// non-negative factors), so the savings `C_b − C_c` fall on every piece of the path after
    /// go-live (during a downtime the candidate runs at the baseline's cost, unchanged), the
    /// lumps and `I` are unchanged, and every discount factor is positive.
    #[test]
    fn raising_the_cost_per_event_never_raises_npv(
        case in case(),
        k in knobs(),
        more in 0.001..1.0f64,
    ) {
        let cheap = case.build(k);
        let dear = case.build(Knobs { cost_per_event: k.cost_per_event + more, ..k });
        for (i, ((a, _), (b, _))) in trials(&cheap, case.seed)
            .iter()
            .zip(&trials(&dear, case.seed))
            .enumerate()
        {
            prop_assert!(b.npv <= a.npv, "trial {i}: {a:?} vs {b:?}");
            prop_assert!(b.payback >= a.payback, "trial {i}: {a:?} vs {b:?}");
            prop_assert!(b.discounted_payback >= a.discounted_payback, "trial {i}: {a:?} vs {b:?}");
            prop_assert_eq!(a.upfront, b.upfront);
        }
        let (a, b) = (summary(&cheap, case.seed), summary(&dear, case.seed));
        assert_all_le([b.npv.p10, b.npv.p50, b.npv.p90], [a.npv.p10, a.npv.p50, a.npv.p90], "NPV");
        prop_assert!(b.npv.mean <= a.npv.mean, "mean NPV {} > {}", b.npv.mean, a.npv.mean);
        assert_all_le(payback_triple(&a.payback_months), payback_triple(&b.payback_months), "payback");
        prop_assert!(b.p_never >= a.p_never, "P(never) {} < {}", b.p_never, a.p_never);
    }

    /// Raising the success probability never raises P(never).
    ///
    /// Why: a trial's project succeeds when its own uniform draw `u` is below the probability,
    /// and that draw is the same in both files; so every trial that succeeds at the lower
    /// probability succeeds at the higher one, with the very same outcome (success changes
    /// nothing else), and a trial that fails at the higher one failed at the lower one too.
    /// Per trial the payback can only move from never to a time, never the other way.
    #[test]
    fn raising_the_success_probability_never_raises_p_never(
        case in case(),
        k in knobs(),
        higher in 0.0..=1.0f64,
    ) {
        let low = case.build(k);
        let success = k.success + higher * (1.0 - k.success);
        let high = case.build(Knobs { success, ..k });
        for (i, ((a, _), (b, _))) in trials(&low, case.seed)
            .iter()
            .zip(&trials(&high, case.seed))
            .enumerate()
        {
            prop_assert!(b.succeeded || !a.succeeded, "trial {i}: {a:?} vs {b:?}");
            if a.succeeded {
                prop_assert_eq!(a, b, "trial {}", i);
            }
            prop_assert!(b.payback <= a.payback, "trial {i}: {a:?} vs {b:?}");
        }
        let (a, b) = (summary(&low, case.seed), summary(&high, case.seed));
        prop_assert!(b.p_never <= a.p_never, "P(never) {} > {}", b.p_never, a.p_never);
        prop_assert!(b.p_success >= a.p_success);
        assert_all_le(payback_triple(&b.payback_months), payback_triple(&a.payback_months), "payback");
    }

    /// Payback is never below the build time when there is an investment.
    ///
    /// Why: before go-live `D` the candidate is the baseline, so nothing accrues (the
    /// baseline's lumps before `D` are paid by both sides) and `Net(t) = −I < 0` for t < D.
    /// Checked per trial against the build time the trial drew, and, when the build time is
    /// a constant, on the payback percentiles (each at least the smallest payback).
    #[test]
    fn payback_is_never_before_go_live(case in case(), k in knobs()) {
        let scenario = case.build(k);
        for (i, (o, build)) in trials(&scenario, case.seed).iter().enumerate() {
            if o.upfront > 0.0 {
                prop_assert!(o.payback >= *build, "trial {i}: build {build}, {o:?}");
                prop_assert!(o.discounted_payback >= *build, "trial {i}: build {build}, {o:?}");
                if *build >= f64::from(scenario.horizon_months) {
                    prop_assert_eq!(o.payback, f64::INFINITY, "trial {}", i);
                }
            }
        }
        let candidate = scenario.candidates().next().unwrap();
        let build = &scenario.inputs.get(scenario.options[candidate].project.as_ref().unwrap().build_months);
        if let Some(d) = build.dist.as_constant() {
            let s = summary(&scenario, case.seed);
            if s.upfront.p10 > 0.0 {
                for p in payback_triple(&s.payback_months) {
                    prop_assert!(p >= d, "payback percentile {p} before go-live {d}");
                }
            }
        }
    }

    /// Every percentile triple of the summary is ordered: payback (never = +∞), discounted
    /// payback, NPV, upfront and its parts, ROI, and the cumulative net's band at every month
    /// end; the payback CDF and the NPV's percentile curve never go down.
    ///
    /// Why: P10, P50 and P90 are the ⌈0.1 n⌉-th, ⌈0.5 n⌉-th and ⌈0.9 n⌉-th smallest values of
    /// the same sample; the histogram and the sketches report an order statistic's bin or
    /// bucket, which is monotone in the rank, clamped to the same minimum and maximum. This
    /// holds for any sample, so it needs no common random numbers: it is exact on every run.
    #[test]
    fn percentiles_are_ordered(case in case(), k in knobs()) {
        let scenario = case.build(k);
        // `summary` checks the order of every percentile triple.
        let s = summary(&scenario, case.seed);
        prop_assert!(s.payback_cdf.len() == scenario.horizon_months as usize + 1);
    }
}
