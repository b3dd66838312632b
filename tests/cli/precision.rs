//! `payback run --precision`: the base runs chunk by chunk until its figures are precise
//! enough, and a run that stopped at N trials is the run of `--trials N`, bit for bit.

use crate::support::*;
use predicates::str::contains;
use serde_json::Value;

/// A project that succeeds half the time: P(never) = 0.5, so the 95 % half-width of P(never)
/// is about 1.96 · sqrt(0.25 / n), within 0.2 points from n = 240,100 trials: four chunks
/// (262,144 trials). The payback and NPV are exact given success, so only P(never) decides.
const COIN: &str = r#"
[scenario]
name = "coin"
horizon_months = 24
trials = 100000

[workload]
events_per_month = 1000

[options.old]
baseline = true
cost_per_event = 10

[options.new]

[options.new.project]
success = 0.5
items.x = { cost = 20000 }
"#;

/// The figures of a summary, without how the run was asked for.
fn figures(mut summary: Value) -> Value {
    summary.as_object_mut().unwrap().remove("precision");
    figures_only(summary)
}

#[test]
fn a_precision_run_stops_at_a_chunk_boundary_and_is_that_plain_run() {
    let (_d, file) = scenario_file(COIN);
    let target = ["--precision", "p_never=0.2pp"];
    let one = run_json(&file, &[target[0], target[1], "--threads", "1"]);
    let two = run_json(&file, &[target[0], target[1], "--threads", "2"]);
    let p = &two["precision"];
    assert_eq!(p["trials"], 262_144, "{p:#}");
    assert_eq!(p["converged"], true);
    // The file's trials × 10.
    assert_eq!(p["max_trials"], 1_000_000);
    assert_eq!(two["trials"], 262_144);
    let half = p["achieved"][0]["half_width"].as_f64().unwrap();
    assert!(half <= 0.002 && p["achieved"][0]["met"] == true, "{p:#}");
    // Where it stops depends on neither the threads nor the waves.
    assert_eq!(figures(one.clone()), figures(two.clone()));
    let plain = run_json(&file, &["--trials", "262144"]);
    assert_eq!(figures(two), figures(plain));
    // Three chunks were not enough: the 95 % half-width at 196,608 trials is above 0.2 points.
    let fewer = run_json(&file, &["--trials", "196608"]);
    let [low, high] = [0, 1].map(|i| num(&candidate(&fewer, "new")["p_never_ci95"][i]));
    assert!((high - low) / 2.0 > 0.002, "{low} {high}");
}

#[test]
fn a_goal_out_of_reach_stops_at_the_most_trials_and_says_so() {
    let (_d, file) = scenario_file(COIN);
    let out = payback()
        .arg("run")
        .arg(&file)
        .args([
            "--precision",
            "p_never=0.1pp",
            "--max-trials",
            "100000",
            "--json",
        ])
        .assert()
        .success()
        .stderr(contains(
            "warning: the precision goal was not reached in 100,000 trials",
        ))
        .get_output()
        .stdout
        .clone();
    let summary: Value = serde_json::from_slice(&out).unwrap();
    let p = &summary["precision"];
    assert_eq!(p["converged"], false);
    assert_eq!(p["trials"], 100_000);
    assert_eq!(summary["trials"], 100_000);
    assert_eq!(p["achieved"][0]["met"], false);
}

#[test]
fn a_precision_run_reproduces_from_its_summary() {
    let (dir, file) = scenario_file(COIN);
    let out = dir.path().join("report");
    payback()
        .arg("run")
        .arg(&file)
        .args(["--precision", "npv_mean=1%,p_never=0.3pp", "--out"])
        .arg(&out)
        .assert()
        .success();
    let memo = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        memo.contains("The trials ran in chunks of 65,536 until"),
        "the memo says how it ran"
    );
    payback()
        .arg("run")
        .arg("--check-summary")
        .arg(out.join("summary.json"))
        .arg(&file)
        .assert()
        .success()
        .stdout(contains("reproduces exactly"));
}

#[test]
fn bad_precision_flags_are_refused() {
    let file = config("worked-1-email-triage.toml");
    for (flags, says) in [
        (
            vec!["--precision", "npv=1%"],
            "--precision: `npv` is not a figure",
        ),
        (vec!["--precision", "0"], "out of range"),
        (
            vec!["--precision", "1%", "--max-trials", "0"],
            "--max-trials: 0 is out of range",
        ),
        (
            vec!["--precision", "1%", "--trials", "5"],
            "cannot be used with",
        ),
        (vec!["--max-trials", "5"], "--precision"),
        // The samples are of the run's first trials; where it stops is not known beforehand.
        (
            vec!["--precision", "1%", "--export-samples", "5", "--out", "x"],
            "cannot be used with",
        ),
    ] {
        payback()
            .arg("run")
            .arg(&file)
            .args(&flags)
            .args(["--json"])
            .assert()
            .code(2)
            .stderr(contains(says));
    }
}
