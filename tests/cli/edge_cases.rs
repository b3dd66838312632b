//! Numerical edge cases through the real binary: zero savings, savings that repay the
//! investment exactly at the horizon, a one-month horizon, a billion events a day, success
//! probabilities of 0 and 1, every input constant, no investment, no volume, and the largest
//! volume, growth and horizon a file may give. Each run writes every format; every number in
//! `summary.json` must be finite (a `null` only where it means "never"), and no `NaN` or `inf`
//! may appear in the CSV files, the memo, the HTML page or the charts. Where the answer can be
//! computed by hand, it is asserted exactly (to the output's rounding, `assert_close`).

use crate::support::*;
use serde_json::Value;
use std::path::Path;

/// Runs `payback run` on `text` with every format into a fresh directory, checks every file it
/// wrote for non-finite numbers, and returns the summary (kept with its directory).
fn run_everything(text: &str, trials: u64) -> (tempfile::TempDir, Value) {
    let (_scenario_dir, path) = scenario_file(text);
    let trials = trials.to_string();
    let (dir, summary) = run_json_kept(&path, &["--seed", "7", "--trials", &trials]);
    check_report_dir(dir.path(), &summary);
    (dir, summary)
}

/// Every file of a report directory: the JSON holds `null` only where it means "never" (or an
/// event factor's missing edge), and the text files hold no `NaN`, `inf` or `infinity`.
fn check_report_dir(dir: &Path, summary: &Value) {
    check_json(summary, "");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for wanted in [
        "summary.json",
        "summary.csv",
        "monthly.csv",
        "report.md",
        "report.html",
    ] {
        assert!(
            names.iter().any(|n| n == wanted),
            "{wanted} missing: {names:?}"
        );
    }
    for name in names.iter().filter(|n| !n.ends_with(".png")) {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        for (line_no, line) in text.lines().enumerate() {
            // Words, so that "information" is not "inf".
            let bad = line
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| ["nan", "inf", "infinity"].contains(&w.to_lowercase().as_str()));
            assert!(
                bad.is_none(),
                "{name}:{}: {:?} in {line}",
                line_no + 1,
                bad.unwrap()
            );
        }
        if name.ends_with(".csv") {
            let widths: Vec<usize> = text.lines().map(|l| l.split(',').count()).collect();
            assert!(
                widths.iter().all(|&w| w == widths[0]),
                "{name}: ragged rows"
            );
        }
    }
}

/// serde_json writes a non-finite float as `null`: a `null` is allowed only for a payback
/// ("never") and an event factor's edge.
fn check_json(v: &Value, path: &str) {
    match v {
        Value::Null => assert!(
            path.contains("payback") || path.ends_with(".edge"),
            "null (a NaN or an infinity) at {path}"
        ),
        Value::Number(n) => assert!(n.as_f64().is_some_and(f64::is_finite), "{path}: {n}"),
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                check_json(x, &format!("{path}[{i}]"));
            }
        }
        Value::Object(fields) => {
            for (k, x) in fields {
                check_json(x, &format!("{path}.{k}"));
            }
        }
        Value::Bool(_) | Value::String(_) => {}
    }
}

/// Asserts P10, P50 and P90 of `v` (a `{p10, p50, p90}` object) all equal `x`.
fn assert_all(v: &Value, x: f64) {
    for p in ["p10", "p50", "p90"] {
        assert_close(num(&v[p]), x);
    }
}

/// Asserts the payback percentiles are all "never".
fn assert_never(c: &Value) {
    for p in ["p10", "p50", "p90"] {
        assert!(c["payback_months"][p].is_null(), "{}", c["payback_months"]);
    }
    assert_eq!(num(&c["p_never"]), 1.0);
    assert_eq!(num(&c["p_never_stderr"]), 0.0);
    assert!(
        c["payback_cdf"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| num(&p[1]) == 0.0),
        "{}",
        c["payback_cdf"]
    );
}

/// Asserts the cumulative net at month end m is `net(m)` in every trial, for m = 0..=H.
fn assert_net_by_month(c: &Value, horizon: u32, net: impl Fn(f64) -> f64) {
    let bands = c["cumulative_net"].as_array().unwrap();
    assert_eq!(bands.len(), horizon as usize + 1);
    for (m, band) in bands.iter().enumerate() {
        assert_eq!(band["month"], m);
        assert_all(band, net(m as f64));
    }
}

/// The point estimate of candidate `name`.
fn point<'a>(s: &'a Value, name: &str) -> &'a Value {
    let i = s["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["name"] == name)
        .unwrap();
    &s["point_estimate"]["candidates"][i]
}

#[test]
fn zero_savings_never_pay_back_and_lose_the_investment() {
    // The candidate costs what the baseline costs, at any volume: savings are exactly 0 in
    // every month of every trial, so the net stays at −I: never, NPV = −I, ROI = −1.
    let text = r#"
[scenario]
name = "zero savings"
horizon_months = 24

[workload]
events_per_month = "uniform(500, 1500)"

[options.old]
baseline = true
cost_per_event = 0.25

[options.new]
cost_per_event = 0.25

[options.new.project]
build_months = 1
items.x = { cost = 10000 }
"#;
    let (_d, s) = run_everything(text, 2000);
    let c = candidate(&s, "new");
    assert_never(c);
    assert_eq!(num(&c["p_success"]), 1.0);
    assert_all(&c["npv"], -10_000.0);
    assert_close(num(&c["npv"]["mean"]), -10_000.0);
    assert_eq!(num(&c["npv"]["mean_stderr"]), 0.0);
    assert_eq!(num(&c["npv"]["p_negative"]), 1.0);
    assert_all(&c["roi"], -1.0);
    assert_net_by_month(c, 24, |_| -10_000.0);
    assert!(point(&s, "new")["payback_months"].is_null());
    assert_close(num(&point(&s, "new")["npv"]), -10_000.0);
    // Staying put is best in every trial.
    assert_eq!(num(&s["best_option_probability"]["old"]), 1.0);
}

#[test]
fn savings_equal_to_the_investment_pay_back_exactly_at_the_horizon() {
    // 1,000 events a month at 1.5 against 0.5: 1,000 a month; I = 12,000, H = 12: the net
    // reaches 0 exactly at month 12 (paid back at H, not never), NPV = 0, ROI = 0.
    let text = r#"
[scenario]
name = "exactly at the horizon"
horizon_months = 12

[workload]
events_per_month = 1000

[options.old]
baseline = true
cost_per_event = 1.5

[options.new]
cost_per_event = 0.5

[options.new.project]
items.x = { cost = 12000 }
"#;
    let (_d, s) = run_everything(text, 1000);
    let c = candidate(&s, "new");
    assert_all(&c["payback_months"], 12.0);
    assert_eq!(num(&c["p_never"]), 0.0);
    assert_all(&c["npv"], 0.0);
    assert_all(&c["roi"], 0.0);
    let cdf = c["payback_cdf"].as_array().unwrap();
    assert_eq!(num(&cdf[11][1]), 0.0);
    assert_eq!(num(&cdf[12][1]), 1.0);
    assert_net_by_month(c, 12, |m| -12_000.0 + 1000.0 * m);
    assert_close(num(&point(&s, "new")["payback_months"]), 12.0);
    // The same with decimal amounts (100 events a day × 30 days × (0.3 − 0.1) = 600 a month,
    // 7,200 over 12 months), which binary floating point cannot hold exactly.
    let decimal = text
        .replace("events_per_month = 1000", "events_per_day = 100")
        .replace("cost_per_event = 1.5", "cost_per_event = 0.3")
        .replace("cost_per_event = 0.5", "cost_per_event = 0.1")
        .replace("cost = 12000", "cost = 7200");
    let (_d, s) = run_everything(&decimal, 1000);
    let c = candidate(&s, "new");
    assert_all(&c["payback_months"], 12.0);
    assert_eq!(num(&c["p_never"]), 0.0);
    assert_close(num(&c["npv"]["p50"]), 0.0);
}

#[test]
fn a_one_month_horizon() {
    // Go-live at 0.25, 1,000 a month after it, I = 500: paid back at 0.25 + 0.5 = 0.75; the
    // net at month 1 is 0.75 × 1,000 − 500 = 250 (the go-live month pro-rated).
    let text = r#"
[scenario]
name = "one month"
horizon_months = 1

[workload]
events_per_month = 1000

[options.old]
baseline = true
cost_per_event = 1.5

[options.new]
cost_per_event = 0.5

[options.new.project]
build_months = 0.25
items.x = { cost = 500 }
"#;
    let (_d, s) = run_everything(text, 1000);
    let c = candidate(&s, "new");
    assert_all(&c["payback_months"], 0.75);
    assert_eq!(num(&c["p_never"]), 0.0);
    assert_all(&c["npv"], 250.0);
    assert_all(&c["roi"], 0.5);
    assert_eq!(
        c["payback_cdf"],
        serde_json::json!([[0.0, 0.0], [1.0, 1.0]])
    );
    assert_net_by_month(c, 1, |m| if m == 0.0 { -500.0 } else { 250.0 });
    // No milestone (6, 12, 24 months) lies within the horizon.
    assert_eq!(c["p_payback_within"], serde_json::json!([]));
}

#[test]
fn a_billion_events_a_day() {
    // 3·10¹⁰ events a month at 0.002 against 0.0005: 4.5·10⁷ a month. I = 5,000: paid back
    // after 5,000 / 4.5·10⁷ months (about 9.6 seconds); NPV = 36 × 4.5·10⁷ − 5,000.
    let text = r#"
[scenario]
name = "a billion a day"
horizon_months = 36

[workload]
events_per_day = 1_000_000_000

[options.old]
baseline = true
cost_per_event = 0.002

[options.new]
cost_per_event = 0.0005

[options.new.project]
items.x = { cost = 5000 }

[options.uncertain]
cost_per_event = "uniform(0.0004, 0.0006)"

[options.uncertain.project]
items.x = { cost = "uniform(4000, 6000)" }
"#;
    let (_d, s) = run_everything(text, 5000);
    let saving = 3e10 * (0.002 - 0.0005);
    let c = candidate(&s, "new");
    assert_all(&c["payback_months"], 5000.0 / saving);
    assert_eq!(num(&c["p_never"]), 0.0);
    assert_all(&c["npv"], 36.0 * saving - 5000.0);
    assert_all(&c["roi"], (36.0 * saving - 5000.0) / 5000.0);
    assert_close(num(&c["cumulative_net"][36]["p50"]), 36.0 * saving - 5000.0);
    // The uncertain copy: NPVs near 1.6·10⁹, spread by its cost per event.
    let u = candidate(&s, "uncertain");
    let (lo, hi) = (
        36.0 * 3e10 * (0.002 - 0.0006) - 6000.0,
        36.0 * 3e10 * (0.002 - 0.0004) - 4000.0,
    );
    for p in ["p10", "p50", "p90", "mean"] {
        let x = num(&u["npv"][p]);
        assert!(lo <= x && x <= hi, "NPV {p} = {x} outside [{lo}, {hi}]");
    }
    // Uniform over a width of 0.0002 · 36 · 3·10¹⁰: standard deviation 6.24·10⁷, standard
    // error of the mean about 8.8·10⁵ at 5,000 trials.
    let se = num(&u["npv"]["mean_stderr"]);
    let expected = 0.0002 * 36.0 * 3e10 / 12f64.sqrt() / 5000f64.sqrt();
    assert!((se / expected - 1.0).abs() < 0.1, "{se} vs {expected}");
}

#[test]
fn success_probabilities_of_zero_and_one() {
    // Success 0: every project fails, spends I and never goes live: never, NPV = −I, the net
    // stays −I. Success 1: every project goes live at 2 and repays 10,000 at 1,000 a month by
    // 12; NPV = 22 × 1,000 − 10,000.
    let text = r#"
[scenario]
name = "success 0 and 1"
horizon_months = 24

[workload]
events_per_month = 1000

[options.old]
baseline = true
cost_per_event = 1.5

[options.doomed]
cost_per_event = 0.5

[options.doomed.project]
success = 0
build_months = 2
items.x = { cost = 10000 }

[options.sure]
cost_per_event = 0.5

[options.sure.project]
success = 1
build_months = 2
items.x = { cost = 10000 }
"#;
    let (_d, s) = run_everything(text, 2000);
    let doomed = candidate(&s, "doomed");
    assert_never(doomed);
    assert_eq!(num(&doomed["p_success"]), 0.0);
    assert_all(&doomed["npv"], -10_000.0);
    assert_eq!(num(&doomed["npv"]["mean_stderr"]), 0.0);
    assert_all(&doomed["roi"], -1.0);
    assert_net_by_month(doomed, 24, |_| -10_000.0);
    // The point estimate lets a project succeed only when its probability is above 0.
    assert!(point(&s, "doomed")["payback_months"].is_null());
    assert_close(num(&point(&s, "doomed")["npv"]), -10_000.0);

    let sure = candidate(&s, "sure");
    assert_eq!(num(&sure["p_success"]), 1.0);
    assert_eq!(num(&sure["p_never"]), 0.0);
    assert_all(&sure["payback_months"], 12.0);
    assert_all(&sure["npv"], 12_000.0);
    assert_net_by_month(sure, 24, |m| -10_000.0 + 1000.0 * (m - 2.0).max(0.0));
    assert_eq!(num(&s["best_option_probability"]["sure"]), 1.0);
}

#[test]
fn every_input_constant_gives_the_hand_computed_numbers() {
    // 1,000 events a day × 30 = 30,000 a month.
    // Baseline per event: tokens (1,000 × 2 + 200 × 10) / 10⁶ = 0.004, errors 0.05 × 2 = 0.1:
    //   0.104 → 3,120 a month.
    // Candidate per event: 0.001 + 0.02 × 2 = 0.041 → 1,230 a month; serving 0.5 × 720 = 360,
    //   monitoring 30: 1,620 a month. Savings: 1,500 a month from go-live at 2.
    // I = (4,000 × 1.5 + 20 h × 100 + (3 + 1) runs × 500) × 1.25 = 10,000 × 1.25 = 12,500.
    // Payback 2 + 12,500 / 1,500 = 10.333…; NPV at 6 % a year, month m's flow discounted at
    // its end (1.06^(−(m+1)/12)), over months 2..23.
    let text = r#"
[scenario]
name = "all constant"
horizon_months = 24
discount_rate = 0.06

[workload]
events_per_day = 1000

[options.old]
baseline = true
cost_per_event = { tokens_in = 1000, tokens_out = 200, price_in = 2, price_out = 10 }
errors.wrong = { rate = 0.05, cost = 2 }

[options.new]
cost_per_event = 0.001
errors.wrong = { rate = 0.02, cost = 2 }
serving = { hourly = 0.5, instances = 1 }
monthly.monitoring = 30

[options.new.project]
build_months = 2
contingency = 0.25
planned_runs = 3
failed_runs = 1
cost_per_run = 500
items.data = { cost = 4000, overrun = 1.5 }
items.engineering = { hours = 20, rate = 100 }
"#;
    let (_d, s) = run_everything(text, 1000);
    let c = candidate(&s, "new");
    let saving = 1500.0;
    let investment = 12_500.0;
    let factor = |m: f64| 1.06f64.powf(-(m + 1.0) / 12.0);
    let npv = -investment + (2..24).map(|m| saving * factor(f64::from(m))).sum::<f64>();
    assert_all(&c["upfront"], investment);
    assert_all(&c["payback_months"], 2.0 + investment / saving);
    assert_all(&c["npv"], npv);
    assert_close(num(&c["npv"]["mean"]), npv);
    assert_eq!(num(&c["npv"]["mean_stderr"]), 0.0);
    assert_all(&c["roi"], npv / investment);
    assert_eq!(num(&c["p_never"]), 0.0);
    // The discounted payback: the months from go-live until the discounted savings reach I.
    let mut left = investment;
    let mut m = 2.0;
    while saving * factor(m) < left {
        left -= saving * factor(m);
        m += 1.0;
    }
    assert_all(
        &c["discounted_payback"]["months"],
        m + left / (saving * factor(m)),
    );
    // The investment by part: the data item, the engineering item, the runs, the contingency.
    let parts: Vec<(String, f64)> = c["upfront_items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap().to_string(), num(&p["p50"])))
        .collect();
    let expected = [
        ("data", 6000.0),
        ("engineering", 2000.0),
        ("training runs", 2000.0),
        ("contingency", 2500.0),
    ];
    assert_eq!(parts.len(), expected.len(), "{parts:?}");
    for ((name, got), (want_name, want)) in parts.iter().zip(expected) {
        assert_eq!(name, want_name);
        assert_close(*got, want);
    }
    assert_close(num(&s["point_estimate"]["baseline_monthly_cost"]), 3120.0);
    assert_close(
        num(&point(&s, "new")["payback_months"]),
        2.0 + investment / saving,
    );
    assert_close(num(&point(&s, "new")["npv"]), npv);
    // Nothing is uncertain: no factor, no value of information.
    assert_eq!(num(&s["value_of_information"]["evpi"]), 0.0);
}

#[test]
fn no_investment_pays_back_at_once_unless_the_project_fails() {
    // No project: live at 0 for free, payback 0, NPV 12 × 1,000. A free project with a build
    // time of 3: payback 0 still (Net(0) = 0 ≥ 0, docs/model.md "No investment"), NPV
    // 9 × 1,000. A free project that always fails: never, NPV −I = 0. ROI is undefined
    // without an investment and left out.
    let text = r#"
[scenario]
name = "no investment"
horizon_months = 12

[workload]
events_per_month = 1000

[options.old]
baseline = true
cost_per_event = 1.5

[options.free]
cost_per_event = 0.5

[options.free_build]
cost_per_event = 0.5

[options.free_build.project]
build_months = 3

[options.free_but_fails]
cost_per_event = 0.5

[options.free_but_fails.project]
success = 0
"#;
    let (_d, s) = run_everything(text, 1000);
    for (name, npv) in [("free", 12_000.0), ("free_build", 9000.0)] {
        let c = candidate(&s, name);
        assert_all(&c["upfront"], 0.0);
        assert_all(&c["payback_months"], 0.0);
        assert_eq!(num(&c["p_never"]), 0.0);
        assert_eq!(num(&c["payback_cdf"][0][1]), 1.0);
        assert_all(&c["npv"], npv);
        assert!(c.get("roi").is_none(), "{name}: ROI of no investment");
        assert_close(num(&point(&s, name)["payback_months"]), 0.0);
    }
    let c = candidate(&s, "free_but_fails");
    assert_never(c);
    assert_all(&c["npv"], 0.0);
    assert_net_by_month(c, 12, |_| 0.0);
}

#[test]
fn zero_volume_leaves_only_the_fixed_costs() {
    // No events: per-event costs are 0 on both sides; the candidate's serving (a capacity per
    // instance, so max(1, ceil(0 / capacity)) = 1 instance at 0.1 × 720 = 72) and monitoring
    // (28) cost 100 a month: never, NPV = −5,000 − 12 × 100. Without fixed costs: −5,000.
    let text = r#"
[scenario]
name = "zero volume"
horizon_months = 12

[workload]
events_per_day = 0
growth_per_month = 0.05

[options.old]
baseline = true
cost_per_event = 0.5

[options.hosted]
cost_per_event = 0.1
serving = { hourly = 0.1, capacity_per_instance = 1000, min_instances = 1 }
monthly.monitoring = 28

[options.hosted.project]
items.x = { cost = 5000 }

[options.api]
cost_per_event = 0.1

[options.api.project]
items.x = { cost = 5000 }
"#;
    let (_d, s) = run_everything(text, 1000);
    let hosted = candidate(&s, "hosted");
    assert_never(hosted);
    assert_all(&hosted["npv"], -6200.0);
    assert_net_by_month(hosted, 12, |m| -5000.0 - 100.0 * m);
    let api = candidate(&s, "api");
    assert_never(api);
    assert_all(&api["npv"], -5000.0);
    assert_net_by_month(api, 12, |_| -5000.0);
    assert_close(num(&s["point_estimate"]["baseline_monthly_cost"]), 0.0);
}

#[test]
fn the_largest_volume_growth_and_horizon_stay_finite() {
    // The limits a file may give: 10¹² events a month growing by up to 2.3 % a month for 600
    // months (the most that stays within a million-fold growth over the horizon), at 1,000
    // against 1 per event. NPVs reach about 10²². Everything must stay finite, and since the
    // growth is uncertain the NPV varies between trials: its standard error cannot be 0.
    let text = r#"
[scenario]
name = "limits"
horizon_months = 600

[workload]
events_per_month = 1_000_000_000_000
growth_per_month = "uniform(0.02, 0.023)"

[options.old]
baseline = true
cost_per_event = 1000

[options.new]
cost_per_event = 1

[options.new.project]
items.x = { cost = "uniform(1, 2)" }
"#;
    let (_d, s) = run_everything(text, 2000);
    let c = candidate(&s, "new");
    assert_eq!(num(&c["p_never"]), 0.0);
    let (p10, p90) = (num(&c["npv"]["p10"]), num(&c["npv"]["p90"]));
    assert!(p10 > 1e21 && p90 > 1.5 * p10, "NPV P10 {p10}, P90 {p90}");
    assert!(
        num(&c["npv"]["mean_stderr"]) > 0.0,
        "NPV from {p10} to {p90}, yet a standard error of 0"
    );
    // The growth drives all of it: its share of the NPV's variance is not 0.
    let factors = s["sensitivity"][0]["factors"].as_array().unwrap();
    let growth = factors
        .iter()
        .find(|f| f["path"] == "workload.growth_per_month")
        .unwrap();
    assert!(num(&growth["npv_variance_share"]) > 0.5, "{growth}");
    assert!(num(&growth["npv_swing_stderr"]) > 0.0, "{growth}");
}
