//! Provenance: what a summary records of the run that made it, and `--check-summary`, which
//! reruns it and says whether every figure comes out the same.

use crate::support::*;
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;

/// A copy of an example in a directory of its own, and its summary written there by
/// `payback run` with `flags`.
fn summarised(example: &str, flags: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(example);
    std::fs::copy(config(example), &file).unwrap();
    payback()
        .arg("run")
        .arg(&file)
        .args(flags)
        .arg("--out")
        .arg(dir.path().join("report"))
        .assert()
        .success();
    (dir, file)
}

fn check(summary: &Path, file: &Path, flags: &[&str]) -> assert_cmd::assert::Assert {
    payback()
        .arg("run")
        .arg("--check-summary")
        .arg(summary)
        .arg(file)
        .args(flags)
        .assert()
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_summary_records_what_made_it() {
    let (dir, file) = summarised(
        "worked-2-business-case.toml",
        &["--trials", "3000", "--seed", "7"],
    );
    let summary = read_json(&dir.path().join("report/summary.json"));
    let p = &summary["provenance"];
    assert_eq!(p["payback_version"], env!("CARGO_PKG_VERSION"));
    let sha = format!("{:x}", Sha256::digest(std::fs::read(&file).unwrap()));
    assert_eq!(p["scenario_sha256"], sha.as_str());
    assert_eq!(p["settings"]["trials"], 3000);
    assert_eq!(p["settings"]["seed"], 7);
    assert!(p["settings"].get("stress_deprecation").is_none());
    let command: Vec<&str> = p["command"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(command[..2], ["payback", "run"]);
    assert!(
        command.contains(&"--seed") && command.contains(&"7"),
        "{command:?}"
    );
    // The memo's method line says it too.
    let memo = std::fs::read_to_string(dir.path().join("report/report.md")).unwrap();
    assert!(
        memo.contains(&format!("SHA-256 {sha}")),
        "the memo names the file's hash"
    );
    assert!(memo.contains("--check-summary"), "and how to check it");
}

#[test]
fn a_summary_reproduces_exactly_at_any_thread_count() {
    let (dir, file) = summarised(
        "email-triage.toml",
        &[
            "--trials",
            "140000",
            "--threads",
            "2",
            "--stress-deprecation",
        ],
    );
    let summary = dir.path().join("report/summary.json");
    let recorded = read_json(&summary);
    assert_eq!(
        recorded["provenance"]["settings"]["stress_deprecation"],
        "prompted"
    );
    check(&summary, &file, &["--threads", "1"])
        .success()
        .stdout(contains("reproduces exactly: 140,000 trials, seed 42"));
}

#[test]
fn a_changed_figure_is_named() {
    let (dir, file) = summarised("worked-1-email-triage.toml", &["--trials", "2000"]);
    let summary = dir.path().join("report/summary.json");
    let mut changed = read_json(&summary);
    let mean = changed["candidates"][0]["npv"]["mean"].as_f64().unwrap();
    // One float step up: the smallest change a number can have.
    changed["candidates"][0]["npv"]["mean"] = Value::from(f64::from_bits(mean.to_bits() + 1));
    let edited = dir.path().join("edited.json");
    std::fs::write(&edited, serde_json::to_string_pretty(&changed).unwrap()).unwrap();
    check(&edited, &file, &[])
        .code(1)
        .stdout(contains("does not reproduce: 1 value differs"))
        .stdout(contains("candidates[0].npv.mean:"))
        .stderr(contains("does not reproduce"));
}

#[test]
fn another_scenario_file_does_not_reproduce() {
    let (dir, file) = summarised("worked-1-email-triage.toml", &["--trials", "2000"]);
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\n# a comment changes the bytes, so the hash\n");
    std::fs::write(&file, text).unwrap();
    check(&dir.path().join("report/summary.json"), &file, &[])
        .code(1)
        .stderr(contains("is not the scenario file"))
        .stderr(contains("SHA-256"));
}

/// A summary whose provenance records a precision goal of `targets` (JSON) and `max_trials`.
fn recorded_goal(targets: &str, max_trials: u64) -> String {
    format!(
        r#"{{"provenance": {{"payback_version": "0.1.0", "scenario_sha256": "00",
           "settings": {{"trials": 1000, "seed": 1,
             "precision": {{"targets": {targets}, "max_trials": {max_trials}}}}},
           "command": []}}}}"#
    )
}

#[test]
fn a_summary_that_cannot_be_checked_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = config("worked-1-email-triage.toml");
    let cases = [
        ("not-json.json", "{ trials: ", "is not a summary.json"),
        (
            "no-provenance.json",
            "{\"trials\": 5}",
            "provenance: records no provenance",
        ),
        (
            "bad-provenance.json",
            "{\"provenance\": {\"payback_version\": 1}}",
            "is not a provenance record",
        ),
        (
            "no-trials.json",
            r#"{"provenance": {"payback_version": "0.1.0", "scenario_sha256": "00",
               "settings": {"trials": 0, "seed": 1}, "command": []}}"#,
            "provenance.settings.trials: 0 is out of range",
        ),
        (
            "no-targets.json",
            &recorded_goal("[]", 100_000),
            "provenance.settings.precision: has no targets",
        ),
        (
            "zero-half-width.json",
            &recorded_goal(r#"[{"figure": "npv_mean", "half_width": 0.0}]"#, 100_000),
            "the half-width 0 of npv_mean is out of range",
        ),
        (
            "twice.json",
            &recorded_goal(
                r#"[{"figure": "p_never", "half_width": 0.01},
                    {"figure": "p_never", "half_width": 0.02}]"#,
                100_000,
            ),
            "names p_never twice",
        ),
        (
            "no-max-trials.json",
            &recorded_goal(r#"[{"figure": "npv_mean", "half_width": 0.01}]"#, 0),
            "max_trials 0 is out of range",
        ),
    ];
    for (name, text, says) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        check(&path, &file, &[])
            .code(2)
            .stderr(contains(name))
            .stderr(contains(says));
    }
    check(&dir.path().join("missing.json"), &file, &[])
        .code(2)
        .stderr(contains("cannot read the summary"));
    // Its threads are checked as a run's are.
    let (dir, file) = summarised("worked-1-email-triage.toml", &["--trials", "1000"]);
    for threads in ["0", "1025"] {
        check(
            &dir.path().join("report/summary.json"),
            &file,
            &["--threads", threads],
        )
        .code(2)
        .stderr(contains("--threads").and(contains("out of range")));
    }
    // The run's own settings come from the summary: flags that would change them are refused.
    check(&dir.path().join("missing.json"), &file, &["--trials", "5"])
        .code(2)
        .stderr(contains("cannot be used with"));
}
