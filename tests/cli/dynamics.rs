//! Risk dynamics solved by hand (drift and retraining, deprecations, price trends, downtime on
//! a fallback, repeated deprecations), one closed-form stochastic case, and the probability of
//! having the best NPV.

use crate::support::*;

/// 1,000 events a month, horizon 24 months, no discounting; `options` holds the option tables.
fn scenario(options: &str) -> String {
    format!(
        r#"
[scenario]
name = "dynamics"
horizon_months = 24

[workload]
events_per_month = 1000

{options}
"#
    )
}

fn payback_p50(text: &str) -> Option<f64> {
    let (_d, path) = scenario_file(text);
    let s = run_json(&path, &["--trials", "10"]);
    s["candidates"][0]["payback_months"]["p50"].as_f64()
}

/// Baseline 0.5 an event (500 a month). The candidate's only cost is errors: rate 0.25 at 1 an
/// error (250 a month, saving 250) doubling every month (drift 1): saving 250, 0, −500, −500, …
const DRIFTING: &str = r#"
[options.api]
baseline = true
cost_per_event = 0.5

[options.tuned]
errors.e = { rate = 0.25, cost = 1 }
drift_per_month = 1.0
"#;

#[test]
fn drift_without_retraining_never_pays_back() {
    // −300 + 250 in month 0, nothing in month 1, losses after.
    let text = scenario(&format!(
        "{DRIFTING}\n[options.tuned.project]\nitems.x = {{ cost = 300 }}"
    ));
    assert_eq!(payback_p50(&text), None);
}

#[test]
fn retraining_resets_drift_and_pays_back_when_computed_by_hand() {
    // Retrain every 2 months for 50: −300 + 250 + 0 = −50 by t = 2, the retrain takes it to
    // −100, then 250 a month again: paid back at 2 + 100/250 = 2.4.
    let text = scenario(&format!(
        "{DRIFTING}retrain = {{ every_months = 2, cost = 50 }}\n[options.tuned.project]\nitems.x = {{ cost = 300 }}"
    ));
    assert_close(payback_p50(&text).unwrap(), 2.4);
}

#[test]
fn drift_is_capped_at_a_rate_of_one() {
    // Rate 0.25 × 2^k reaches 1 at k = 2 and stays there: the candidate's cost is 1,000 a
    // month from month 2 on, so over 24 months NPV = 250 + 0 − 22 × 500 − I.
    let text = scenario(&format!(
        "{DRIFTING}\n[options.tuned.project]\nitems.x = {{ cost = 300 }}"
    ));
    let (_d, path) = scenario_file(&text);
    let s = run_json(&path, &["--trials", "10"]);
    assert_close(
        num(&s["candidates"][0]["npv"]["p50"]),
        250.0 - 22.0 * 500.0 - 300.0,
    );
}

/// Baseline 1 an event (1,000 a month), candidate 0.9 (saving 100 a month), I = 1,000.
fn deprecating_baseline(deprecation: &str, build_months: f64) -> String {
    scenario(&format!(
        r#"
[options.api]
baseline = true
cost_per_event = 1
deprecation = {deprecation}

[options.tuned]
cost_per_event = 0.9

[options.tuned.project]
build_months = {build_months}
items.x = {{ cost = 1000 }}
"#
    ))
}

#[test]
fn a_baseline_migration_after_go_live_is_a_saving_that_jumps_the_path() {
    // At 2.5: −1,000 + 250 = −750, then the baseline's 1,000 migration (which the candidate
    // avoids) lifts the path to +250: paid back at the jump, 2.5.
    let text = deprecating_baseline("{ at_month = 2.5, migration_cost = 1000 }", 0.0);
    assert_close(payback_p50(&text).unwrap(), 2.5);
    let (_d, path) = scenario_file(&text);
    let s = run_json(&path, &["--trials", "10"]);
    assert_close(
        num(&s["candidates"][0]["npv"]["p50"]),
        -1000.0 + 2400.0 + 1000.0,
    );
}

#[test]
fn a_baseline_migration_before_go_live_saves_nothing() {
    // Go-live at 3, deprecation at 2.5: both sides pay it; payback 3 + 1,000/100 = 13.
    let text = deprecating_baseline("{ at_month = 2.5, migration_cost = 1000 }", 3.0);
    assert_close(payback_p50(&text).unwrap(), 13.0);
}

#[test]
fn a_price_trend_steps_monthly() {
    // The baseline's 1 an event halves a year: month m saves 1,000 × 0.5^(m/12) against a free
    // candidate. I = 2,500: months 0 and 1 save 1,000 + 943.87; month 2 finishes.
    let text = scenario(
        r#"
[options.api]
baseline = true
cost_per_event = 1
price_change_per_year = -0.5

[options.tuned]

[options.tuned.project]
items.x = { cost = 2500 }
"#,
    );
    let saving = |m: f64| 1000.0 * 0.5f64.powf(m / 12.0);
    let left = 2500.0 - saving(0.0) - saving(1.0);
    assert_close(payback_p50(&text).unwrap(), 2.0 + left / saving(2.0));
}

#[test]
fn downtime_runs_the_candidate_at_the_baseline_cost_then_the_successor_costs_more() {
    // Candidate 0.5 an event against 1 (saving 500 a month), I = 1,500. Its vendor retires the
    // model at 2 with 3 months of downtime on the baseline (saving 0), then the successor costs
    // 1.5 × 0.5 = 0.75 (saving 250): −1,500 + 1,000 by 2, nothing until 5, then 500 more at 250
    // a month: paid back at 7. Without the deprecation: 3.
    let options = |deprecation: &str| {
        scenario(&format!(
            r#"
[options.api]
baseline = true
cost_per_event = 1

[options.managed]
cost_per_event = 0.5
{deprecation}

[options.managed.project]
items.x = {{ cost = 1500 }}
"#
        ))
    };
    assert_close(payback_p50(&options("")).unwrap(), 3.0);
    let deprecated =
        options("deprecation = { at_month = 2, downtime_months = 3, cost_factor = 1.5 }");
    assert_close(payback_p50(&deprecated).unwrap(), 7.0);
}

#[test]
fn a_baseline_downtime_runs_at_its_named_fallback() {
    // Baseline 0.1 an event; its model is retired at 1 with 2 months on people at 0.25 an event.
    // Candidate 0.05: saving 50 a month, 200 during [1, 3). I = 250: −200 by 1, paid back at
    // 1 + 200/200 = 2.
    let text = scenario(
        r#"
[options.api]
baseline = true
cost_per_event = 0.1
deprecation = { at_month = 1, downtime_months = 2, fallback = "people" }

[options.tuned]
cost_per_event = 0.05

[options.tuned.project]
items.x = { cost = 250 }

[options.people]
cost_per_event = 0.25
"#,
    );
    assert_close(payback_p50(&text).unwrap(), 2.0);
}

#[test]
fn repeated_deprecations_recur_at_the_mean_interval_in_the_point_estimate() {
    // Hazard 4 a year repeating: the point estimate puts them every 3 months. Each costs the
    // baseline a 100 migration the candidate avoids; the candidate saves nothing else. I = 250:
    // −150, −50, +50 at 3, 6, 9: paid back at the third jump, 9 months.
    let text = scenario(
        r#"
[options.api]
baseline = true
cost_per_event = 1
deprecation = { hazard_per_year = 4, repeat = true, migration_cost = 100 }

[options.tuned]
cost_per_event = 1

[options.tuned.project]
items.x = { cost = 250 }
"#,
    );
    let (_d, path) = scenario_file(&text);
    let out = payback().arg("check").arg(&path).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(" 9.00 months (270.00 days)"), "{stdout}");
    // Seven migrations avoided before the horizon (3, 6, …, 21): NPV −250 + 700.
    assert!(stdout.contains(" 450 USD"), "{stdout}");
}

#[test]
fn repeated_deprecations_are_a_poisson_process() {
    // No investment, the candidate avoids each 100 migration of the baseline: NPV = 100 N with
    // N ~ Poisson(λ H / 12) = Poisson(2 × 24 / 12 = 4): mean 400, standard deviation 200.
    let text = scenario(
        r#"
[options.api]
baseline = true
cost_per_event = 1
deprecation = { hazard_per_year = 2, repeat = true, migration_cost = 100 }

[options.tuned]
cost_per_event = 1
"#,
    );
    let (_d, path) = scenario_file(&text);
    let s = run_json(&path, &["--trials", "200000", "--seed", "9"]);
    let npv = &s["candidates"][0]["npv"];
    let se = 200.0 / (200_000f64).sqrt();
    assert!(
        (num(&npv["mean"]) - 400.0).abs() < 4.0 * se,
        "{}",
        npv["mean"]
    );
    // The median of Poisson(4) is 4; the sketch reports it within its relative accuracy.
    let accuracy = num(&s["accuracy"]["relative"]);
    assert!(
        (num(&npv["p50"]) - 400.0).abs() <= accuracy * 400.0,
        "{}",
        npv["p50"]
    );
}

#[test]
fn an_exponential_deprecation_time_gives_the_closed_form_payback_curve() {
    // The candidate saves nothing but the baseline's 1,000 migration at T ~ Exp(hazard 0.5 a
    // year); I = 100 and go-live D = 2, so it pays back exactly at T when D <= T < 24:
    // P(payback <= t) = exp(−λD/12) − exp(−λt/12) for t >= D (λ = 0.5), 0 before.
    let text = scenario(
        r#"
[options.api]
baseline = true
cost_per_event = 1
deprecation = { hazard_per_year = 0.5, migration_cost = 1000 }

[options.tuned]
cost_per_event = 1

[options.tuned.project]
build_months = 2
items.x = { cost = 100 }
"#,
    );
    let (_d, path) = scenario_file(&text);
    let n: f64 = 200_000.0;
    let s = run_json(&path, &["--trials", "200000", "--seed", "11"]);
    let cdf = s["candidates"][0]["payback_cdf"].as_array().unwrap();
    for month in [1usize, 2, 6, 12, 24] {
        let t = month as f64;
        let expected = if t < 2.0 {
            0.0
        } else {
            (-0.5 * 2.0 / 12.0f64).exp() - (-0.5 * t / 12.0f64).exp()
        };
        let got = num(&cdf[month][1]);
        let se = (expected * (1.0 - expected) / n).sqrt();
        assert!(
            (got - expected).abs() <= 4.0 * se,
            "P(payback <= {month}) = {got}, expected {expected}"
        );
    }
}

#[test]
fn best_option_probabilities_sum_to_one_and_match_a_hand_built_case() {
    // Horizon 10 months. "steady": I = 30, benefit 5 a month: NPV 20 in every trial.
    // "gamble": I = 50, benefit b ~ U(0, 12): NPV 10b − 50, best when above 20, i.e. b > 7:
    // P = 5/12; otherwise "steady" (20 > 0); the baseline never. Means: 20, 10, 0.
    let text = r#"
[scenario]
name = "best option"
horizon_months = 10

[workload]
events_per_month = 0

[options.status_quo]
baseline = true

[options.steady]
benefits.b = { monthly = 5 }
project.items.x = { cost = 30 }

[options.gamble]
benefits.b = { monthly = "uniform(0, 12)" }
project.items.x = { cost = 50 }
"#;
    let (_d, path) = scenario_file(text);
    let n: f64 = 200_000.0;
    let s = run_json(&path, &["--trials", "200000", "--seed", "13"]);
    let p = &s["best_option_probability"];
    let total: f64 = p.as_object().unwrap().values().map(num).sum();
    assert!((total - 1.0).abs() < 1e-12);
    let se = (5.0 / 12.0 * 7.0 / 12.0 / n).sqrt();
    assert!((num(&p["gamble"]) - 5.0 / 12.0).abs() < 4.0 * se, "{p}");
    assert_eq!(num(&p["status_quo"]), 0.0);
    let ranking: Vec<&str> = s["expected_npv_ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(ranking, ["steady", "gamble", "status_quo"]);
}

#[test]
fn the_reference_with_fixed_inputs_matches_the_numpy_peers_hand_computation() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reference-fixed.toml");
    let s = run_json(&file, &["--trials", "10"]);
    let c = &s["candidates"][0];
    // numpy_peer.py --deterministic: payback 8.568129409907021, NPV 1,166,355.261105855.
    assert!((num(&c["payback_months"]["p50"]) - 8.568129409907021).abs() < 1e-9);
    assert!((num(&c["npv"]["p50"]) - 1_166_355.261105855).abs() < 1e-6);
    assert_close(num(&c["upfront"]["p50"]), 390_120.0);
}
