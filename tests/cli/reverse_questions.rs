//! `payback solve` against the closed forms of worked case 1 and a stochastic case solvable by
//! hand, its answer run back through `payback run`; `payback sweep` and its files.

use crate::support::*;
use serde_json::Value;

/// Runs `payback solve FILE ARGS --json` and returns the answers.
fn solve(file: &std::path::Path, args: &[&str]) -> Vec<Value> {
    let out = payback()
        .arg("solve")
        .arg(file)
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "solve failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Vec<Value>>(&out.stdout).unwrap()
}

/// The bisection stops at a relative width of 1e-7; the answers are checked to 1e-6.
fn assert_rel(a: f64, b: f64) {
    assert!((a - b).abs() <= 1e-6 * b.abs(), "{a} != {b}");
}

const WORKED_1: [&str; 4] = ["--within", "6", "--candidate", "fine_tuned"];

#[test]
fn max_investment_on_worked_case_1_is_the_savings_over_180_days() {
    // (0.32 − 0.155) € × 5,000 × 30 × 6 = €148,500 (MODEL.md, worked case 1).
    let a = &solve(
        &config("worked-1-email-triage.toml"),
        &[&["--max-investment"], &WORKED_1[..]].concat(),
    )[0];
    assert_rel(num(&a["value"]), 148_500.0);
    assert_rel(num(&a["scale"]), 148_500.0 / 40_000.0);
    // Every input fixed: no Monte Carlo uncertainty.
    assert_rel(num(&a["interval"][0]), 148_500.0);
    assert_rel(num(&a["interval"][1]), 148_500.0);
}

#[test]
fn break_even_volume_on_worked_case_1_is_the_closed_form() {
    // 40,000 = 0.165 € × v × 30 × 6  ⇒  v = 1,346.80 emails a day.
    let a = &solve(
        &config("worked-1-email-triage.toml"),
        &[&["--break-even", "volume"], &WORKED_1[..]].concat(),
    )[0];
    assert_rel(num(&a["value"]), 40_000.0 / (0.165 * 30.0 * 6.0));
    assert_eq!(a["unit"], "events per day");
}

#[test]
fn max_premium_on_worked_case_1_is_the_closed_form() {
    // (0.165 − p) × 900,000 emails in 6 months = 40,000  ⇒  p = 0.165 − 0.0444.
    let a = &solve(
        &config("worked-1-email-triage.toml"),
        &[&["--max-premium"], &WORKED_1[..]].concat(),
    )[0];
    assert_rel(num(&a["value"]), 0.165 - 40_000.0 / 900_000.0);
}

/// Savings uniform on [100, 400] a month from t = 0 (the candidate costs U(0.1, 0.4) an event
/// against 0.5, at 1,000 events a month), investment `cost`.
fn uniform_savings(cost: f64) -> String {
    format!(
        r#"
[scenario]
name = "uniform savings"
horizon_months = 24

[workload]
events_per_month = 1000

[options.api]
baseline = true
cost_per_event = 0.5

[options.tuned]
cost_per_event = "uniform(0.1, 0.4)"

[options.tuned.project]
items.x = {{ cost = {cost} }}
"#
    )
}

#[test]
fn max_investment_under_uncertainty_holds_when_run_back() {
    // P(6 s ≥ I) = 0.8 with s ~ U(100, 400) ⇒ I / 6 = 160 ⇒ I = 960 (by hand).
    let (_d, path) = scenario_file(&uniform_savings(1000.0));
    let a = &solve(
        &path,
        &[
            "--max-investment",
            "--within",
            "6",
            "--confidence",
            "0.8",
            "--trials",
            "100000",
        ],
    )[0];
    let answer = num(&a["value"]);
    let [lo, hi] = [num(&a["interval"][0]), num(&a["interval"][1])];
    assert!(lo < answer && answer < hi, "{lo} < {answer} < {hi}");
    // The interval is ± one standard error: the truth lies within four of them.
    let half = 0.5 * (hi - lo);
    assert!(
        (answer - 960.0).abs() <= 4.0 * half,
        "{answer} vs 960 ± 4 × {half}"
    );
    // Run back with another seed: P(payback ≤ 6) is within Monte Carlo error of 0.8. Both
    // runs have 100,000 trials: sd of the difference sqrt(2 · 0.16 / 1e5) = 0.0018; 4 sd.
    let (_d2, back) = scenario_file(&uniform_savings(answer));
    let s = run_json(&back, &["--trials", "100000", "--seed", "7"]);
    let p6 = num(&s["candidates"][0]["payback_cdf"][6][1]);
    assert!((p6 - 0.8).abs() <= 4.0 * 0.0018, "P(payback ≤ 6) = {p6}");
}

#[test]
fn no_answer_in_range_is_said() {
    // The project succeeds in 50 % of trials: no investment reaches 80 % confidence.
    let text = uniform_savings(1000.0).replace("items.x", "success = 0.5\nitems.x");
    let (_d, path) = scenario_file(&text);
    let a = &solve(
        &path,
        &["--max-investment", "--within", "6", "--trials", "2000"],
    )[0];
    assert!(a["value"].is_null());
    let words = a["explanation"].as_str().unwrap();
    assert!(
        words.contains("even at zero") && words.contains("no value"),
        "{a}"
    );
}

#[test]
fn sweep_writes_its_files_and_moves_with_the_value() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sweep");
    let out = payback()
        .arg("sweep")
        .arg(config("worked-1-email-triage.toml"))
        .args([
            "--param",
            "workload.events_per_day",
            "--values",
            "1000..2000/5",
        ])
        .args(["--within", "6", "--trials", "100", "--json", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sweep: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["sweep.csv", "sweep.json", "sweep.png", "sweep.svg"]);
    let svg = std::fs::read_to_string(dir.join("sweep.svg")).unwrap();
    roxmltree::Document::parse(&svg).unwrap();
    // fine_tuned's payback is 40,000 / (0.165 × 30 v): within 6 months from v = 1,346.8 on.
    let points = sweep["points"].as_array().unwrap();
    assert_eq!(points.len(), 5);
    for p in points {
        let v = num(&p["value"]);
        let c = p["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "fine_tuned")
            .unwrap();
        assert_eq!(
            num(&c["p_within"]),
            if v >= 1346.81 { 1.0 } else { 0.0 },
            "at {v}"
        );
        assert_close(num(&c["payback_p50_months"]), 40_000.0 / (0.165 * 30.0 * v));
    }
}
