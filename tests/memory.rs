//! Streaming aggregation: the peak memory of a run does not grow with the number of trials.
//! Its own test binary, so that no other test's child processes enter the measurement.

use assert_cmd::Command;
use std::path::Path;

/// Largest peak resident memory of the waited-for children so far, in KiB (Linux: ru_maxrss).
fn children_peak_kib() -> i64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct we own; RUSAGE_CHILDREN is a valid target.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(rc, 0);
    usage.ru_maxrss
}

fn run(trials: &str) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("configs/email-triage.toml");
    let out = tempfile::tempdir().unwrap();
    Command::new(assert_cmd::cargo::cargo_bin!("payback"))
        .arg("run")
        .arg(&file)
        .args(["--trials", trials, "--threads", "2", "--json", "--out"])
        .arg(out.path())
        .assert()
        .success();
}

#[test]
fn peak_memory_at_ten_million_trials_is_within_4_mib_of_that_at_a_hundred_thousand() {
    run("100000");
    let small = children_peak_kib();
    run("10000000");
    // The peak over both children: the larger run's, unless it stayed below the small one's.
    let large = children_peak_kib();
    eprintln!("peak RSS: {small} KiB at 1e5 trials, {large} KiB at 1e7 trials");
    assert!(
        large - small <= 4 * 1024,
        "{small} KiB at 1e5, {large} KiB at 1e7"
    );
}
