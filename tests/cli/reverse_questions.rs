//! `payback solve` against the closed forms of worked case 1 and a stochastic case solvable by
//! hand, its answer run back through `payback run`; `payback sweep` and its files.

use crate::support::*;
use payback::report::directory::MARKER;
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
    assert_eq!(
        names,
        [
            MARKER,
            "report.html",
            "report.md",
            "sweep.csv",
            "sweep.json",
            "sweep.png",
            "sweep.svg"
        ]
    );
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    assert!(md.contains("what if events a day changes"), "{md}");
    assert!(md.contains("](sweep.svg)"), "{md}");
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert_eq!(html.matches("<svg").count(), 1, "the chart inline");
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

#[test]
fn a_zero_investment_answer_is_said_as_no_investment_works() {
    // The tuned model costs what the API costs: only a free project pays back (at t = 0).
    let text = uniform_savings(1000.0).replace("\"uniform(0.1, 0.4)\"", "0.5");
    let (_d, path) = scenario_file(&text);
    let a = &solve(
        &path,
        &[
            "--max-investment",
            "--within",
            "12",
            "--confidence",
            "0.5",
            "--trials",
            "2000",
        ],
    )[0];
    assert!(
        a["value"].is_null() && a["interval"].is_null() && a["scale"].is_null(),
        "{a}"
    );
    let words = a["explanation"].as_str().unwrap();
    assert!(words.starts_with("no upfront investment works"), "{words}");
    assert!(!words.contains("up to 0"), "{words}");
}

#[test]
fn no_break_even_volume_is_said_in_plain_grammar() {
    let a = &solve(
        &config("worked-1-email-triage.toml"),
        &[
            "--break-even",
            "volume",
            "--within",
            "1",
            "--candidate",
            "fine_tuned",
        ],
    )[0];
    // 1.616 months at any volume the project pays back at all: volume 1e12 pays back at once,
    // so the answer exists; within 1 month it needs 2,177 emails a day or more.
    assert_rel(num(&a["value"]), 40_000.0 / (0.165 * 30.0));
    let text = uniform_savings(1000.0).replace("items.x", "success = 0.5\nitems.x");
    let (_d, path) = scenario_file(&text);
    let a = &solve(
        &path,
        &[
            "--break-even",
            "volume",
            "--within",
            "6",
            "--trials",
            "2000",
        ],
    )[0];
    let words = a["explanation"].as_str().unwrap();
    assert!(
        words.contains("makes tuned pay back within 6 months"),
        "{words}"
    );
}

/// `payback solve --for PATH` on worked case 1 for fine_tuned within 6 months.
fn solve_for(path: &str, extra: &[&str]) -> Value {
    let args = [&["--for", path][..], &WORKED_1[..], extra].concat();
    solve(&config("worked-1-email-triage.toml"), &args)
        .into_iter()
        .next()
        .unwrap()
}

#[test]
fn solve_for_an_error_rate_is_the_closed_form() {
    // Savings per email 0.32 − (0.015 + 0.06 + 8 r); 900,000 emails in 6 months must repay
    // 40,000: r ≤ (0.245 − 40,000 / 900,000) / 8 = 0.025069.
    let a = solve_for("options.fine_tuned.errors.wrong_department.rate", &[]);
    assert_eq!(a["candidate"], "fine_tuned");
    assert_eq!(a["path"], "options.fine_tuned.errors.wrong_department.rate");
    assert_eq!(a["direction"], "at_most");
    assert_eq!(
        num(&a["trials"]),
        10_000.0,
        "the file's trials, below the solve cap"
    );
    let expected = (0.245 - 40_000.0 / 900_000.0) / 8.0;
    // The bisection stops at a relative width of 1e-6 of the value.
    assert!(
        (num(&a["value"]) - expected).abs() <= 2e-6 * expected,
        "{a}"
    );
    // Every input fixed: the interval has no width beyond the bisection's.
    for end in [&a["interval"][0], &a["interval"][1]] {
        assert!((num(end) - expected).abs() <= 2e-6 * expected, "{a}");
    }
}

#[test]
fn solve_for_finds_the_direction_itself() {
    // The price of a fine-tuned email: at most 0.32 − 0.14 − 40,000 / 900,000 = 0.135556.
    let a = solve_for("options.fine_tuned.cost_per_event", &[]);
    assert_eq!(a["direction"], "at_most");
    assert!((num(&a["value"]) - (0.18 - 40_000.0 / 900_000.0)).abs() <= 2e-6 * 0.14);
    // The volume: at least 40,000 / (0.165 × 30 × 6) = 1,346.80 a day, as --break-even says.
    let a = solve_for("workload.events_per_day", &[]);
    assert_eq!(a["direction"], "at_least");
    let expected = 40_000.0 / (0.165 * 30.0 * 6.0);
    assert!(
        (num(&a["value"]) - expected).abs() <= 2e-6 * expected,
        "{a}"
    );
    let words = a["explanation"].as_str().unwrap();
    assert!(
        words.contains("needs workload.events_per_day at least 1,347"),
        "{words}"
    );
}

#[test]
fn solve_for_a_success_probability_is_its_quantile_within_monte_carlo_error() {
    // Every trial pays back in 1.616 months when its project succeeds (u < success): P is the
    // share of the trials' u below the value, so the threshold at q = 0.8 is the 0.8 quantile
    // of 100,000 uniforms: 0.8 with standard error sqrt(0.8 · 0.2 / 1e5) = 0.00126 (4 of them
    // allowed), and the interval spans about ± one of them.
    let a = solve_for(
        "options.fine_tuned.project.success",
        &["--trials", "100000"],
    );
    assert_eq!(a["direction"], "at_least");
    let se = (0.8f64 * 0.2 / 1e5).sqrt();
    assert!((num(&a["value"]) - 0.8).abs() <= 4.0 * se, "{a}");
    let width = num(&a["interval"][1]) - num(&a["interval"][0]);
    assert!(width > 1.0 * se && width < 3.0 * se, "{width} vs 2 × {se}");
}

#[test]
fn solve_for_says_when_no_value_or_every_value_works() {
    // P(payback ≤ 6) = success × P(6 s ≥ 1,000) = success × (400 − 166.7) / 300 ≤ 0.778 for
    // savings s ~ U(100, 400): no success rate reaches 90 %; at best about 77.8 % (the share of
    // 2,000 trials, within 4 standard errors of 0.0093).
    let (_d, path) = scenario_file(&uniform_savings(1000.0));
    let args = ["--for", "options.tuned.project.success", "--within", "6"];
    let a = &solve(
        &path,
        &[&args[..], &["--confidence", "0.9", "--trials", "2000"]].concat(),
    )[0];
    assert!(a["value"].is_null() && a["direction"].is_null(), "{a}");
    let words = a["explanation"].as_str().unwrap();
    assert!(
        words.contains("no value of options.tuned.project.success in its allowed range [0, 1]"),
        "{words}"
    );
    let best: f64 = words.split("at best ").nth(1).unwrap()[..4]
        .parse()
        .unwrap();
    assert!((best / 100.0 - 0.7778).abs() <= 4.0 * 0.0093, "{words}");
    // The people's hourly rate does not touch the fine-tune against the prompted baseline,
    // and within 1 month no success rate moves a payback that takes 1.616 months.
    for (path, within, every) in [
        ("options.human.labour.hourly", "6", "every value"),
        ("options.fine_tuned.project.success", "1", "no value"),
    ] {
        let args = [
            "--for",
            path,
            "--within",
            within,
            "--candidate",
            "fine_tuned",
        ];
        let a = &solve(&config("worked-1-email-triage.toml"), &args)[0];
        assert!(a["value"].is_null() && a["direction"].is_null(), "{a}");
        let words = a["explanation"].as_str().unwrap();
        assert!(
            words.contains("this input does not move it, so ") && words.contains(every),
            "{words}"
        );
    }
}

#[test]
fn solve_for_a_path_that_is_not_an_input_is_refused() {
    for (path, why) in [
        ("options.fine_tuned.nope", "not a numeric input"),
        ("options.fine_tuned.project", "not a numeric input"),
        ("scenario.trials", "cannot be set"),
    ] {
        let out = payback()
            .arg("solve")
            .arg(config("worked-1-email-triage.toml"))
            .args(["--for", path])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("--for") && stderr.contains(why), "{stderr}");
    }
}

#[test]
fn solve_and_sweep_say_their_numbers_with_thousands_separators() {
    let file = config("worked-1-email-triage.toml");
    let out = payback()
        .arg("solve")
        .arg(&file)
        .args(["--max-investment"])
        .args(WORKED_1)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("may cost up to 148,500 EUR upfront"),
        "{text}"
    );
    assert!(
        text.contains("answer 148,500 EUR") && text.contains("10,000 trials"),
        "{text}"
    );
    assert!(
        text.contains("and still pay back within 6 months"),
        "{text}"
    );
    let tmp = tempfile::tempdir().unwrap();
    let out = payback()
        .arg("sweep")
        .arg(&file)
        .args([
            "--param",
            "workload.events_per_day",
            "--values",
            "1000,2500",
            "--trials",
            "2000",
        ])
        .arg("--out")
        .arg(tmp.path().join("s"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("2,000 trials per value"), "{text}");
    assert!(
        text.contains("         1,000  ") && text.contains("         2,500  "),
        "{text}"
    );
}

#[test]
fn solve_for_searches_only_the_values_the_scenario_allows() {
    // Growth is in [-1, 1] as a field, but over a 24-month horizon at most a 1e6-fold growth
    // is allowed: g ≤ 1e6^(1/24) − 1 = 0.7783. The search narrows its range to that instead of
    // failing at g = 1. More growth, more savings: the goal is met at or above the threshold.
    let (_d, path) = scenario_file(&uniform_savings(1000.0));
    let a = &solve(
        &path,
        &[
            "--for",
            "workload.growth_per_month",
            "--within",
            "6",
            "--trials",
            "2000",
        ],
    )[0];
    let most = 1e6f64.powf(1.0 / 24.0) - 1.0;
    assert_eq!(num(&a["range"][0]), -1.0);
    assert!((num(&a["range"][1]) - most).abs() <= 1e-9, "{a}");
    assert_eq!(a["direction"], "at_least", "{a}");
}

#[test]
fn solve_for_a_whole_number_setting_answers_a_whole_number() {
    // A retrain costing 900 every k months eats into savings of U(100, 400) a month: the
    // longer k, the likelier a payback within 12 months. k is a whole number of months.
    let text = uniform_savings(1000.0).replace(
        "[options.tuned]\n",
        "[options.tuned]\nretrain = { every_months = 3, cost = 900 }\n",
    );
    let (_d, path) = scenario_file(&text);
    let args = [
        "--for",
        "options.tuned.retrain.every_months",
        "--within",
        "12",
    ];
    let a = &solve(
        &path,
        &[&args[..], &["--confidence", "0.5", "--trials", "20000"]].concat(),
    )[0];
    assert_eq!(a["direction"], "at_least", "{a}");
    let k = num(&a["value"]);
    assert!(k.fract() == 0.0 && (1.0..=24.0).contains(&k), "{a}");
    for end in [&a["interval"][0], &a["interval"][1]] {
        assert_eq!(num(end).fract(), 0.0, "{a}");
    }
    assert_eq!(num(&a["range"][0]), 1.0);
}

/// A sweep value and a solve simulation run the file's trials up to 100,000 unless `--trials`
/// is given, so that their many runs stay short; a file asking fewer runs its own.
#[test]
fn sweep_and_solve_run_at_most_100_000_trials_a_simulation_unless_told() {
    let worked = std::fs::read_to_string(config("worked-1-email-triage.toml")).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let trials_of_sweep = |file_trials: &str, flags: &[&str]| {
        let file = tmp.path().join(format!("t{file_trials}.toml"));
        let text = worked.replace("trials = 10_000 ", &format!("trials = {file_trials} "));
        assert_ne!(text, worked, "the fixture's trials line moved");
        std::fs::write(&file, text).unwrap();
        let out = payback()
            .arg("sweep")
            .arg(&file)
            .args([
                "--param",
                "workload.events_per_day",
                "--values",
                "1000,2500",
            ])
            .args(flags)
            .args(["--json", "--out"])
            .arg(tmp.path().join(format!("s{file_trials}")))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let solve = solve(
            &file,
            &[&["--max-investment"][..], &WORKED_1, flags].concat(),
        );
        let sweep: Value = serde_json::from_slice(&out.stdout).unwrap();
        (num(&sweep["trials"]), num(&solve[0]["trials"]))
    };
    assert_eq!(trials_of_sweep("1_000_000", &[]), (100_000.0, 100_000.0));
    assert_eq!(trials_of_sweep("3_000", &[]), (3_000.0, 3_000.0));
    assert_eq!(
        trials_of_sweep("1_000_000", &["--trials", "150000"]),
        (150_000.0, 150_000.0)
    );
}
