//! Sensitivity and value of information on cases solved by hand: a one-month case whose NPV is
//! `1000 · (1 − c)` for a normal cost per event `c` (so NPV is normal), with an input that does
//! not enter the model beside it; a project that succeeds half the time; a vendor deprecation
//! that comes early or late. Monte Carlo bounds are 4 standard errors (a correct engine fails
//! such a check with probability 6e-5; the seeds are fixed, so the tests are deterministic).

use crate::support::*;
use serde_json::Value;
use statrs::distribution::{Continuous, ContinuousCDF, Normal};

const Z: f64 = 4.0;
const TRIALS: f64 = 200_000.0;
/// Twentieths of each factor's distribution, as the engine bins them.
const BINS: usize = 20;

/// One month, 1000 events; the baseline pays 1 an event, the candidate `normal(mean, sd)` an
/// event, so the candidate's NPV is normal with mean `1000 (1 − mean)` and sd `1000 sd`. The
/// baseline's review cost is uncertain but its rate is 0: it does not enter the model.
fn normal_case(mean: f64, sd: f64, extra_workload: &str) -> String {
    format!(
        r#"
[scenario]
name = "normal NPV"
horizon_months = 1

[workload]
events_per_month = 1000
{extra_workload}

[options.old]
baseline = true
cost_per_event = 1
review = {{ rate = 0, cost = "uniform(1, 2)" }}

[options.new]
cost_per_event = "normal({mean}, {sd})"
"#
    )
}

fn std_normal() -> Normal {
    Normal::new(0.0, 1.0).unwrap()
}

fn voi(s: &Value) -> &Value {
    &s["value_of_information"]
}

fn evppi(s: &Value, path: &str) -> f64 {
    let entry = voi(s)["per_input"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"] == path)
        .unwrap_or_else(|| panic!("no evppi for {path}"));
    num(&entry["evppi"])
}

/// The factors of candidate `name`, in rank order.
fn factors<'a>(s: &'a Value, name: &str) -> &'a Vec<Value> {
    s["sensitivity"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["candidate"] == name)
        .unwrap_or_else(|| panic!("no sensitivity for {name}"))["factors"]
        .as_array()
        .unwrap()
}

fn factor<'a>(s: &'a Value, name: &str, path: &str) -> &'a Value {
    factors(s, name)
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("no factor {path}"))
}

#[test]
fn evpi_of_a_normal_npv_is_its_closed_form() {
    // EVPI = E[max(0, X)] − max(μ, 0) = σ φ(μ/σ) + μ Φ(μ/σ) − max(μ, 0) for X ~ N(μ, σ²).
    for (cost, chosen) in [(0.95, "new"), (1.03, "old")] {
        let (_d, path) = scenario_file(&normal_case(cost, 0.15, ""));
        let s = run_json(&path, &["--trials", "200000", "--seed", "3"]);
        let (mu, sigma) = (1000.0 * (1.0 - cost), 150.0);
        let z = mu / sigma;
        let n = std_normal();
        let exact = sigma * n.pdf(z) + mu * n.cdf(z) - mu.max(0.0);
        let v = voi(&s);
        let (evpi, se) = (num(&v["evpi"]), num(&v["evpi_stderr"]));
        assert_eq!(v["decision"], chosen);
        assert!(se > 0.0 && se < sigma / TRIALS.sqrt(), "stderr {se}");
        assert!(
            (evpi - exact).abs() < Z * se,
            "cost {cost}: EVPI {evpi} against {exact} (se {se})"
        );
        // The decision's expected NPV is the chosen option's mean: μ for the candidate, 0 for
        // the baseline.
        assert!((num(&v["expected_npv"]) - mu.max(0.0)).abs() < Z * sigma / TRIALS.sqrt());
    }
}

#[test]
fn evppi_of_the_driver_is_the_evpi_and_of_an_unused_input_about_zero() {
    // μ = 0: the twentieths of c split at its median, where the decision flips, so knowing c's
    // twentieth is as good as knowing everything: EVPPI = EVPI = σ φ(0). Each estimate is a
    // mean over trials of something with sd at most σ: bound Z σ / sqrt(n).
    let (_d, path) = scenario_file(&normal_case(1.0, 0.15, ""));
    let s = run_json(&path, &["--trials", "200000", "--seed", "5"]);
    let sigma = 150.0;
    let exact = sigma * std_normal().pdf(0.0);
    let bound = Z * sigma / TRIALS.sqrt();
    let evpi = num(&voi(&s)["evpi"]);
    let driver = evppi(&s, "options.new.cost_per_event");
    assert!((evpi - exact).abs() < bound, "EVPI {evpi} against {exact}");
    assert!(
        (driver - exact).abs() < bound,
        "EVPPI {driver} against {exact}"
    );
    // The unused input: only noise. Each twentieth's mean gain has sd σ / sqrt(n / 20), so
    // its expected positive part is below 0.4 of that: bound Z σ sqrt(20 / n), a tenth of
    // the EVPI here.
    let unused = evppi(&s, "options.old.review.cost");
    let noise = Z * sigma * (BINS as f64 / TRIALS).sqrt();
    assert!(
        (0.0..noise).contains(&unused),
        "unused input's EVPPI {unused}"
    );
    for e in voi(&s)["per_input"].as_array().unwrap() {
        assert!(
            num(&e["evppi"]) <= evpi * (1.0 + 1e-12),
            "{e} above EVPI {evpi}"
        );
    }
}

#[test]
fn evppi_never_exceeds_evpi_on_the_example() {
    let s = run_json(&config("email-triage.toml"), &["--trials", "100000"]);
    let evpi = num(&voi(&s)["evpi"]);
    let values: Vec<f64> = voi(&s)["per_input"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| num(&e["evppi"]))
        .collect();
    assert!(values.len() > 20, "every uncertain input is valued");
    for v in &values {
        // Jensen's inequality on the very trials of the run; 1e-9 relative is float rounding.
        assert!(
            *v >= 0.0 && *v <= evpi + 1e-9 * evpi.abs(),
            "{v} against EVPI {evpi}"
        );
    }
    assert!(
        values.windows(2).all(|w| w[0] >= w[1]),
        "ranked, largest first"
    );
}

#[test]
fn the_driver_ranks_first_with_its_hand_solved_swing_and_an_unused_input_has_none() {
    // NPV = V (1 − c), c ~ N(0.95, 0.15), V ~ U(900, 1100) events.
    let (_d, path) = scenario_file(&normal_case(0.95, 0.15, "").replace(
        "events_per_month = 1000",
        "events_per_month = \"uniform(900, 1100)\"",
    ));
    let s = run_json(&path, &["--trials", "200000", "--seed", "7"]);
    let ranked = factors(&s, "new");
    let paths: Vec<&str> = ranked.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "options.new.cost_per_event",
            "workload.events_per_month",
            "options.old.review.cost"
        ]
    );
    // The driver's tenths: E[c | c ≥ q90] = μ + σ φ(z90) / 0.1 (and mirrored below q10), so
    // with E[V] = 1000 the swing is −1000 · 2 σ φ(z90) / 0.1.
    let n = std_normal();
    let tail = 0.15 * n.pdf(n.inverse_cdf(0.9)) / 0.1;
    let driver = &ranked[0];
    let (swing, se) = (num(&driver["npv_swing"]), num(&driver["npv_swing_stderr"]));
    assert!(
        se > 0.0 && se < 2.0 * 160.0 / (0.1 * TRIALS).sqrt(),
        "stderr {se}"
    );
    assert!(
        (swing - (-2000.0 * tail)).abs() < Z * se,
        "swing {swing} against {}",
        -2000.0 * tail
    );
    assert_close(
        num(&driver["low"]["edge"]),
        0.95 + 0.15 * n.inverse_cdf(0.1),
    );
    // The tenths are cut at the input's own 10th and 90th percentiles: binomial counts.
    let expected = 0.1 * TRIALS;
    let count_se = (TRIALS * 0.1 * 0.9).sqrt();
    assert!((num(&driver["low"]["trials"]) - expected).abs() < Z * count_se);
    // Its first-order share: E[NPV | c] = 1000 (1 − c) has variance 150² = 22,500 out of
    // Var(NPV) = E[V²] E[(1 − c)²] − (E[V] E[1 − c])² = 22,583.3; the twentieths keep the
    // share Σ_b (φ(z_b) − φ(z_b+1))² / w of a normal's variance. The estimate's Monte Carlo
    // error is below 5e-4 at these trials.
    let edges: Vec<f64> = (0..=BINS)
        .map(|b| match b {
            0 => 0.0,
            b if b == BINS => 0.0,
            b => n.pdf(n.inverse_cdf(b as f64 / BINS as f64)),
        })
        .collect();
    let binned: f64 = edges
        .windows(2)
        .map(|w| (w[0] - w[1]).powi(2) * BINS as f64)
        .sum();
    let var_v = 200.0_f64.powi(2) / 12.0;
    let var_npv = (1e6 + var_v) * (0.05_f64.powi(2) + 0.15_f64.powi(2)) - 50.0_f64.powi(2);
    let exact = binned * 150.0_f64.powi(2) / var_npv;
    let share = num(&driver["npv_variance_share"]);
    assert!(
        (share - exact).abs() < 2e-3,
        "share {share} against {exact}"
    );
    // The unused input: a swing within its noise and no share of the variance.
    let unused = &ranked[2];
    assert!(num(&unused["npv_swing"]).abs() < Z * num(&unused["npv_swing_stderr"]));
    assert!(num(&unused["npv_variance_share"]) < 1e-3);
    assert_eq!(num(&unused["p_never_swing"]), 0.0);
}

#[test]
fn an_unused_input_in_a_fixed_case_has_exactly_no_swing() {
    let (_d, path) =
        scenario_file(&normal_case(0.95, 0.15, "").replace("\"normal(0.95, 0.15)\"", "0.95"));
    let s = run_json(&path, &["--trials", "20000"]);
    let only = factors(&s, "new");
    assert_eq!(only.len(), 1);
    assert_eq!(only[0]["path"], "options.old.review.cost");
    assert!(num(&only[0]["npv_swing"]).abs() < 1e-9);
    assert_eq!(num(&only[0]["npv_swing_stderr"]), 0.0);
    assert_eq!(num(&only[0]["npv_variance_share"]), 0.0);
    assert_eq!(num(&voi(&s)["evpi"]), 0.0);
    assert_eq!(evppi(&s, "options.old.review.cost"), 0.0);
}

/// A project of 20,000 that succeeds half the time and then saves 10,000 a month for 12
/// months.
const COIN_FLIP: &str = r#"
[scenario]
name = "coin flip"
horizon_months = 12

[workload]
events_per_month = 1000

[options.old]
baseline = true
cost_per_event = 10

[options.new]
cost_per_event = 0

[options.new.project]
success = 0.5
items.x = { cost = 20000 }
"#;

#[test]
fn a_project_that_fails_half_the_time_swings_p_never_from_zero_to_one() {
    // The success draw is uniform: its lowest tenth always succeeds (u < 0.5), its highest
    // always fails. Succeeding, 20,000 is paid back at 10,000 a month by month 2.
    let (_d, path) = scenario_file(COIN_FLIP);
    let s = run_json(&path, &["--trials", "20000"]);
    let f = factor(&s, "new", "options.new.project.success#event");
    assert_eq!(f["kind"], "success");
    assert_eq!(num(&f["low"]["p_never"]), 0.0);
    assert_eq!(num(&f["high"]["p_never"]), 1.0);
    assert_eq!(num(&f["p_never_swing"]), 1.0);
    assert_close(num(&f["low"]["p50_payback_months"]), 2.0);
    assert!(f["high"]["p50_payback_months"].is_null());
    assert!(f["p50_payback_swing"].is_null());
    // Failing loses the 20,000; succeeding earns 12 · 10,000 − 20,000.
    assert_close(num(&f["npv_swing"]), -20_000.0 - 100_000.0);
    assert!(f["low"]["edge"].is_null());
}

#[test]
fn a_success_is_split_by_its_outcome_at_any_probability() {
    // At a success probability of 0.95 (and an uncertain one, mean 0.95) a tenth of the
    // success draw would mix successes and failures; the outcome split does not: `low` is
    // every success, `high` every failure, and their trials add up to the run's. The variance
    // share is then that of a yes/no outcome, p (1 − p) Δ² / Var(NPV) = 1 here, since nothing
    // else is uncertain; and knowing the outcome is worth what a failure loses, 0.05 × 20,000
    // = 1,000, within 3 standard errors of the share of failures (20,000 × sqrt(0.05 · 0.95
    // / 40,000) = 21.8).
    for success in ["0.95", "\"uniform(0.9, 1)\""] {
        let text = COIN_FLIP.replace("success = 0.5", &format!("success = {success}"));
        let (_d, path) = scenario_file(&text);
        let trials = 40_000.0;
        let s = run_json(&path, &["--trials", "40000"]);
        let f = factor(&s, "new", "options.new.project.success#event");
        let (low, high) = (num(&f["low"]["trials"]), num(&f["high"]["trials"]));
        assert_eq!(low + high, trials, "{success}");
        let p_success = num(&candidate(&s, "new")["p_success"]);
        assert_eq!(low, (p_success * trials).round(), "{success}");
        assert_eq!(num(&f["low"]["p_never"]), 0.0, "{success}");
        assert_eq!(num(&f["high"]["p_never"]), 1.0, "{success}");
        assert_close(num(&f["npv_swing"]), -120_000.0);
        assert!(
            (num(&f["npv_variance_share"]) - 1.0).abs() < 1e-3,
            "{success}"
        );
        let worth = evppi(&s, "options.new.project.success#event");
        assert!(
            (worth - 20_000.0 * (1.0 - p_success)).abs() < 1e-6,
            "{success}: {worth}"
        );
        assert!((worth - 1_000.0).abs() < 3.0 * 21.8, "{success}: {worth}");
    }
}

#[test]
fn an_early_deprecation_costs_its_migration() {
    // Hazard 1 a month: the earliest tenth of first deprecations comes before month
    // −ln(0.9) = 0.105, the latest after −ln(0.1) = 2.3, beyond the 2-month horizon. Only the
    // migration of 500 differs.
    let text = r#"
[scenario]
name = "early or late"
horizon_months = 2

[workload]
events_per_month = 1000

[options.old]
baseline = true
cost_per_event = 1

[options.new]
cost_per_event = 0.5

[options.new.deprecation]
hazard_per_year = 12
migration_cost = 500
"#;
    let (_d, path) = scenario_file(text);
    let s = run_json(&path, &["--trials", "20000"]);
    let f = factor(&s, "new", "options.new.deprecation#first");
    assert_eq!(f["kind"], "deprecation");
    assert_close(num(&f["low"]["mean_npv"]), 1000.0 - 500.0);
    assert_close(num(&f["high"]["mean_npv"]), 1000.0);
    assert_close(num(&f["npv_swing"]), 500.0);
}

#[test]
fn the_memo_names_the_biggest_risk_and_what_a_pilot_is_worth() {
    // Choosing the project (mean NPV 40,000) loses 20,000 in every trial where it fails;
    // knowing the outcome first would avoid exactly that, so the EVPPI of the success, like
    // the EVPI, is 20,000 times the share of failed trials.
    let (_d, path) = scenario_file(COIN_FLIP);
    let tmp = tempfile::tempdir().unwrap();
    let out = payback()
        .arg("run")
        .arg(&path)
        .args(["--trials", "20000", "--format", "json,md", "--out"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = std::fs::read_to_string(tmp.path().join("summary.json")).unwrap();
    let s: Value = serde_json::from_str(&text).unwrap();
    let failed = 1.0 - num(&candidate(&s, "new")["p_success"]);
    assert_close(num(&voi(&s)["evpi"]), 20_000.0 * failed);
    assert_close(
        evppi(&s, "options.new.project.success#event"),
        20_000.0 * failed,
    );
    let md = std::fs::read_to_string(tmp.path().join("report.md")).unwrap();
    let risks = md
        .split("Its biggest risk")
        .nth(1)
        .expect("a list of biggest risks");
    assert!(
        risks.starts_with(
            ", ranked by how far each moves the NPV between the factor's lowest and highest \
             tenth of trials (section 4):\n\n- The new project fails: the mean NPV is -20,000 USD"
        ),
        "{risks}"
    );
    let worth = format!(
        "Knowing whether the new project will succeed (from a pilot) before deciding is worth \
         up to {} USD.",
        payback::report::format::money(20_000.0 * failed)
    );
    assert!(md.contains(&worth), "no {worth} in {md}");
}
