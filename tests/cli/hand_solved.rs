//! Cases solved by hand: fixed inputs that exercise one mechanism each (exact), and stochastic
//! inputs whose payback distribution has a closed form (within Monte Carlo error).

use crate::support::*;

/// A scenario of a baseline with a fixed monthly cost and a candidate that saves `saving` a
/// month after a project; `extra_project` and `extra_scenario` add lines to those tables.
fn scenario(
    saving: f64,
    extra_scenario: &str,
    extra_candidate: &str,
    extra_project: &str,
) -> String {
    format!(
        r#"
[scenario]
name = "hand-solved"
horizon_months = 24
{extra_scenario}

[workload]
events_per_month = 1000

[options.old]
baseline = true
cost_per_event = {saving}

[options.new]
{extra_candidate}

[options.new.project]
{extra_project}
"#,
        saving = saving / 1000.0
    )
}

/// Monte Carlo bound used below: 4 standard errors (a correct engine fails such a check with
/// probability 6e-5; with fixed seeds the tests are deterministic).
const Z: f64 = 4.0;
const TRIALS: f64 = 200_000.0;

#[test]
fn fractional_go_live_is_pro_rated() {
    // I = 20,000, 10,000 a month from D = 1.5: paid back at 1.5 + 2 = 3.5.
    let text = scenario(
        10_000.0,
        "",
        "",
        "build_months = 1.5\nitems.x = { cost = 20000 }",
    );
    let (_d, path) = scenario_file(&text);
    let s = run_json(&path, &["--trials", "10"]);
    assert_close(num(&candidate(&s, "new")["payback_months"]["p50"]), 3.5);
    // NPV: 22.5 months of savings.
    assert_close(
        num(&candidate(&s, "new")["npv"]["p50"]),
        22.5 * 10_000.0 - 20_000.0,
    );
}

#[test]
fn a_ramped_benefit_steps_on_the_go_live_clock() {
    // Go-live 0.5, benefit 9,000 ramped over 3 months: 3,000 a month on [0.5, 1.5), 6,000 on
    // [1.5, 2.5), 9,000 after. I = 12,000: 3,000 + 6,000 by 2.5, the last 3,000 a third of a
    // month later: 2.8333.
    let text = scenario(
        0.0,
        "",
        "benefits.b = { monthly = 9000, ramp_months = 3 }",
        "build_months = 0.5\nitems.x = { cost = 12000 }",
    );
    let (_d, path) = scenario_file(&text);
    let s = run_json(&path, &["--trials", "10"]);
    assert_close(
        num(&candidate(&s, "new")["payback_months"]["p50"]),
        2.5 + 1.0 / 3.0,
    );
}

#[test]
fn growth_compounds_monthly() {
    // Saving 1,000 × 1.1^m in month m, I = 3,000: 1,000 + 1,100 = 2,100 by month 2, the
    // remaining 900 out of 1,210 in month 2.
    let text = scenario(1000.0, "", "", "items.x = { cost = 3000 }").replace(
        "events_per_month = 1000",
        "events_per_month = 1000\ngrowth_per_month = 0.1",
    );
    let (_d, path) = scenario_file(&text);
    let s = run_json(&path, &["--trials", "10"]);
    assert_close(
        num(&candidate(&s, "new")["payback_months"]["p50"]),
        2.0 + 900.0 / 1210.0,
    );
}

#[test]
fn discounting_uses_month_end_factors() {
    let r: f64 = 0.12;
    let text = scenario(
        1000.0,
        &format!("discount_rate = {r}"),
        "",
        "items.x = { cost = 5000 }",
    );
    let (_d, path) = scenario_file(&text);
    let s = run_json(&path, &["--trials", "10"]);
    let c = candidate(&s, "new");
    let factors: Vec<f64> = (0..24)
        .map(|m| (1.0 + r).powf(-((m + 1) as f64) / 12.0))
        .collect();
    let npv = -5000.0 + factors.iter().map(|f| 1000.0 * f).sum::<f64>();
    assert_close(num(&c["npv"]["p50"]), npv);
    assert_close(num(&c["payback_months"]["p50"]), 5.0);
    // Discounted: the first five months repay 1000 × Σ f_0..f_4 < 5000; the sixth finishes.
    let after5: f64 = factors[..5].iter().map(|f| 1000.0 * f).sum();
    let expected = 5.0 + (5000.0 - after5) / (1000.0 * factors[5]);
    assert_close(num(&c["discounted_payback"]["months"]["p50"]), expected);
}

#[test]
fn success_probability_p_gives_p_never_of_one_minus_p() {
    let text = scenario(
        10_000.0,
        "",
        "",
        "success = 0.7\nitems.x = { cost = 20000 }",
    );
    let (_d, path) = scenario_file(&text);
    let s = run_json(&path, &["--trials", "200000", "--seed", "3"]);
    let c = candidate(&s, "new");
    let se = (0.3f64 * 0.7 / TRIALS).sqrt();
    assert!(
        (num(&c["p_never"]) - 0.3).abs() < Z * se,
        "{}",
        c["p_never"]
    );
    assert!((num(&c["p_success"]) - 0.7).abs() < Z * se);
    // Successful trials pay back at exactly 2 months; the never share puts P90 at never.
    assert_close(num(&c["payback_months"]["p10"]), 2.0);
    assert!(c["payback_months"]["p90"].is_null());
    assert_close(
        num(&c["p_never_stderr"]),
        (num(&c["p_never"]) * (1.0 - num(&c["p_never"])) / TRIALS).sqrt(),
    );
}

#[test]
fn a_uniform_build_time_shifts_payback_uniformly() {
    // D ~ U(1, 3), I = 30,000, 10,000 a month: payback = D + 3 ~ U(4, 6).
    let text = scenario(
        10_000.0,
        "",
        "",
        "build_months = \"uniform(1, 3)\"\nitems.x = { cost = 30000 }",
    );
    let (_d, path) = scenario_file(&text);
    let s = run_json(&path, &["--trials", "200000", "--seed", "5"]);
    let c = candidate(&s, "new");
    let bin = num(&s["accuracy"]["payback_months"]);
    for (p, key) in [(0.1, "p10"), (0.5, "p50"), (0.9, "p90")] {
        // Standard error of a sample quantile: sqrt(p(1 − p)/n) / density, density 1/2.
        let se = (p * (1.0 - p) / TRIALS).sqrt() * 2.0;
        let got = num(&c["payback_months"][key]);
        assert!(
            (got - (4.0 + 2.0 * p)).abs() < Z * se + bin,
            "{key} = {got}"
        );
    }
    // P(payback ≤ 5) = 1/2 from the exact month counts.
    let cdf = c["payback_cdf"].as_array().unwrap();
    assert_eq!(num(&cdf[5][0]), 5.0);
    assert!((num(&cdf[5][1]) - 0.5).abs() < Z * (0.25f64 / TRIALS).sqrt());
    assert_eq!(num(&cdf[4][1]), 0.0);
    assert_eq!(num(&cdf[6][1]), 1.0);
}

#[test]
fn a_point_mass_on_a_whole_month_falls_on_that_month() {
    // I = 20,000 saved at 1,000 a month, and the baseline's model retired at T ~ Exp(1 a year)
    // with a 10,000 migration lump, once: the lump alone pays back when T is in [10, 20], the
    // savings at exactly 10 when T < 10 and at exactly 20 when T > 20. So payback =
    // clamp(T, 10, 20), with point masses on months 10 and 20: P(payback ≤ 10) =
    // 1 − e^(−10/12) = 0.5654, P(≤ 15) = 1 − e^(−15/12) = 0.7135, P(≤ 20) = 1.
    let text = scenario(1_000.0, "", "", "items.x = { cost = 20000 }")
        .replace(
            "[options.new]",
            "deprecation = { hazard_per_year = 1, migration_cost = 10000 }\n\n[options.new]",
        )
        .replace("[options.new]\n", "[options.new]\ncost_per_event = 0\n");
    let (_dir, path) = scenario_file(&text);
    let s = run_json(&path, &["--trials", "200000"]);
    let c = candidate(&s, "new");
    let cdf = c["payback_cdf"].as_array().unwrap();
    for (month, p) in [
        (10, 1.0 - (-10.0_f64 / 12.0).exp()),
        (15, 1.0 - (-15.0_f64 / 12.0).exp()),
    ] {
        let se = (p * (1.0 - p) / TRIALS).sqrt();
        assert_eq!(num(&cdf[month][0]), month as f64);
        let got = num(&cdf[month][1]);
        assert!(
            (got - p).abs() <= Z * se,
            "P(payback <= {month}) = {got}, expected {p} ± {}",
            Z * se
        );
    }
    assert_eq!(num(&cdf[20][1]), 1.0);
    assert_eq!(num(&cdf[9][1]), 0.0);
    assert_eq!(num(&c["payback_months"]["p50"]), 10.0);
    assert_eq!(num(&c["payback_months"]["p10"]), 10.0);
    assert_eq!(num(&c["payback_months"]["p90"]), 20.0);
}

/// A baseline costing 1,000 a month and, for each `(name, investment, success)`, a candidate
/// that costs nothing once live (from month 0): it saves 1,000 a month after its investment.
fn savers(horizon: u32, candidates: &[(&str, f64, f64)]) -> String {
    let mut text = format!(
        "[scenario]\nname = \"savers\"\nhorizon_months = {horizon}\n\n[workload]\nevents_per_month = 1000\n\n[options.old]\nbaseline = true\ncost_per_event = 1\n"
    );
    for (name, investment, success) in candidates {
        text.push_str(&format!(
            "\n[options.{name}]\n\n[options.{name}.project]\nsuccess = {success}\nitems.x = {{ cost = {investment} }}\n"
        ));
    }
    text
}

#[test]
fn the_irr_of_an_annuity_is_its_hand_solved_rate() {
    // −10,000 at month 0, then 1,000 at the end of each of 12 months: the monthly rate r with
    // 1,000 · (1 − (1 + r)^−12) / r = 10,000, found here by bisection (r = 2.9229 %), and the
    // annual IRR (1 + r)^12 − 1 = 41.3 %. Every trial is the same, so the sketch is exact.
    let annuity = |r: f64| 1000.0 * (1.0 - (1.0 + r).powi(-12)) / r - 10_000.0;
    let (mut lo, mut hi) = (0.001, 0.1);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if annuity(mid) > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let monthly = 0.5 * (lo + hi);
    assert!((monthly - 0.029229).abs() < 1e-6, "{monthly}");
    let annual = (1.0 + monthly).powi(12) - 1.0;
    let (_d, path) = scenario_file(&savers(12, &[("new", 10_000.0, 1.0)]));
    let s = run_json(&path, &["--trials", "10"]);
    let irr = &candidate(&s, "new")["irr"];
    assert_eq!(num(&irr["p_undefined"]), 0.0);
    for field in ["p10", "p50", "p90", "mean"] {
        let got = num(&irr[field]);
        assert!(
            (got - annual).abs() < 1e-9 * annual,
            "{field}: {got} vs {annual}"
        );
    }
}

#[test]
fn a_failed_project_has_no_irr() {
    // A failed project spends its investment and never saves: no sign change, no IRR. The
    // share without one is P(failure) = 0.4 within 4 standard errors of 100,000 trials
    // (sqrt(0.24 / 100,000) = 0.0015).
    let (_d, path) = scenario_file(&savers(12, &[("new", 10_000.0, 0.6)]));
    let s = run_json(&path, &["--trials", "100000"]);
    let undefined = num(&candidate(&s, "new")["irr"]["p_undefined"]);
    assert!((undefined - 0.4).abs() < 4.0 * 0.0015, "{undefined}");
}

#[test]
fn head_to_head_compares_two_candidates_on_the_same_trials() {
    // Over 12 months without discounting, `sure` invests 5,000 and saves 12,000: NPV 7,000 in
    // every trial. `risky` invests 2,000 and succeeds with probability 0.3: NPV 10,000, else
    // −2,000 (mean 1,600). So sure − risky is −3,000 (risky succeeds) or 9,000 (it fails):
    // P(sure beats risky) = 0.7, P10 −3,000, P50 and P90 9,000, mean 0.7 · 9,000 − 0.3 · 3,000
    // = 5,400. Bounds: 4 standard errors of 100,000 trials, sqrt(0.21 / 100,000) = 0.00145
    // for the probabilities and 12,000 · sqrt(0.21) / sqrt(100,000) = 17.4 for the mean; the
    // differences' sketch is within 0.1 % of each value.
    let text = savers(12, &[("sure", 5_000.0, 1.0), ("risky", 2_000.0, 0.3)]);
    let (_d, path) = scenario_file(&text);
    let s = run_json(&path, &["--trials", "100000"]);
    let pairs = s["head_to_head"].as_array().expect("head_to_head");
    let pair = |a: &str, b: &str| {
        pairs
            .iter()
            .find(|p| p["a"] == a && p["b"] == b)
            .unwrap_or_else(|| panic!("no pair {a}, {b} in {pairs:?}"))
    };
    let p = pair("sure", "risky");
    assert!((num(&p["p_a_beats_b"]) - 0.7).abs() < 4.0 * 0.00145, "{p}");
    let d = &p["npv_difference"];
    assert!((num(&d["p10"]) + 3_000.0).abs() <= 3.0, "{d}");
    assert!((num(&d["p50"]) - 9_000.0).abs() <= 9.0, "{d}");
    assert!((num(&d["p90"]) - 9_000.0).abs() <= 9.0, "{d}");
    assert!((num(&d["mean"]) - 5_400.0).abs() < 4.0 * 17.4, "{d}");
    // Against staying: sure always wins by 7,000; risky wins when it succeeds.
    let p = pair("sure", "old");
    assert_eq!(num(&p["p_a_beats_b"]), 1.0);
    assert!((num(&p["npv_difference"]["p50"]) - 7_000.0).abs() <= 7.0);
    let p = pair("risky", "old");
    assert!((num(&p["p_a_beats_b"]) - 0.3).abs() < 4.0 * 0.00145, "{p}");
    // The downside of risky: P(NPV < 0) = 0.7, and its worst tenth all lose 2,000.
    let risky = &candidate(&s, "risky")["downside"];
    assert!((num(&risky["p_npv_negative"]) - 0.7).abs() < 4.0 * 0.00145);
    assert!((num(&risky["worst_10pct_mean_npv"]) + 2_000.0).abs() <= 2.0);
}

#[test]
fn when_staying_is_best_the_memo_says_what_volume_would_change_it() {
    // Over 12 months a candidate invests 30,000 and saves 1 an event on V events a month,
    // V uniform on [1,000, 3,000]: NPV 12 V − 30,000, negative on average (−6,000), so staying
    // is best. With V set to a constant, it pays back at 30,000 / V months, within 12 months
    // when V ≥ 2,500: the volume that would change the decision.
    let text = r#"
[scenario]
name = "stay"
horizon_months = 12

[workload]
events_per_month = "uniform(1000, 3000)"

[options.old]
baseline = true
cost_per_event = 1

[options.new]

[options.new.project]
items.x = { cost = 30000 }
"#;
    let (_d, path) = scenario_file(text);
    let s = run_json(&path, &["--trials", "20000"]);
    assert_eq!(s["expected_npv_ranking"][0]["name"], "old");
    let change = s["what_would_change"]
        .as_array()
        .expect("what_would_change");
    assert_eq!(change.len(), 1, "{change:?}");
    let t = &change[0];
    assert_eq!(t["path"], "workload.events_per_month");
    assert_eq!(t["direction"], "at_least");
    assert_eq!(num(&t["within_months"]), 12.0);
    let v = num(&t["value"]);
    assert!((v - 2_500.0).abs() <= 0.01 * 2_500.0, "{v}");
}
