//! Ctrl-C: a run stops after its current wave of trials, writes nothing and exits with 130.

use crate::support::*;
use std::process::Stdio;
use std::time::{Duration, Instant};

#[test]
fn ctrl_c_stops_the_run_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("payback"))
        .arg("run")
        .arg(config("email-triage.toml"))
        .args(["--trials", "100000000", "--threads", "1", "--out"])
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Let it start simulating (reading and checking the file takes milliseconds).
    std::thread::sleep(Duration::from_millis(1500));
    let pid = i32::try_from(child.id()).unwrap();
    // SAFETY: `pid` is our own child, still running (100 million trials take minutes).
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let asked = Instant::now();
    let result = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("stopped by the user after") && stderr.contains("nothing was written"),
        "{stderr}"
    );
    // It stops after its current wave: one chunk of 65,536 trials, well under 10 s.
    assert!(asked.elapsed() < Duration::from_secs(10));
    assert!(!out.exists(), "no report directory");
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(left.is_empty(), "no staging directory left behind");
}

/// Starts `payback ARGS`, sends one Ctrl-C after `after`, and returns how long it took to
/// end after it, its exit code and standard error.
fn interrupted(args: &[&str], after: Duration) -> (Duration, Option<i32>, String) {
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("payback"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(after);
    let pid = i32::try_from(child.id()).unwrap();
    // SAFETY: `pid` is our own child, still running (the commands below take many seconds).
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let asked = Instant::now();
    let result = child.wait_with_output().unwrap();
    assert!(
        result.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&result.stdout)
    );
    let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
    (asked.elapsed(), result.status.code(), stderr)
}

#[test]
fn one_ctrl_c_stops_solve_and_prints_no_answer() {
    let file = config("email-triage.toml");
    let file = file.to_str().unwrap();
    for question in [
        &["--max-investment"][..],
        &["--for", "options.prompted.review.rate"],
    ] {
        let args = [&["solve", file][..], question, &["--threads", "1"]].concat();
        let (took, code, stderr) = interrupted(&args, Duration::from_millis(1500));
        assert_eq!(code, Some(130), "{stderr}");
        assert!(stderr.contains("stopped by the user after"), "{stderr}");
        // One evaluation of 100,000 trials takes a fraction of a second here; 5 s is the
        // bound of a loaded machine, not the expectation (closing notes give the figure).
        assert!(took < Duration::from_secs(5), "{took:?}");
    }
}

#[test]
fn ctrl_c_stops_a_sweep_and_counts_all_of_its_trials() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sweep");
    let file = config("email-triage.toml");
    let args = [
        "sweep",
        file.to_str().unwrap(),
        "--param",
        "workload.events_per_day",
        "--values",
        "1000..5000/20",
        "--trials",
        "300000",
        "--threads",
        "1",
        "--out",
        out.to_str().unwrap(),
    ];
    let (took, code, stderr) = interrupted(&args, Duration::from_millis(1500));
    assert_eq!(code, Some(130), "{stderr}");
    assert!(
        stderr.contains("of 6,000,000 trials; nothing was written"),
        "{stderr}"
    );
    assert!(took < Duration::from_secs(5), "{took:?}");
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        0,
        "nothing left behind"
    );
}

#[test]
fn ctrl_c_stops_a_precision_run_whose_total_is_not_known() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    let file = config("email-triage.toml");
    // A goal far out of reach: the run would go on to the most trials allowed.
    let args = [
        "run",
        file.to_str().unwrap(),
        "--precision",
        "0.001%",
        "--max-trials",
        "100000000",
        "--threads",
        "1",
        "--out",
        out.to_str().unwrap(),
    ];
    let (took, code, stderr) = interrupted(&args, Duration::from_millis(1500));
    assert_eq!(code, Some(130), "{stderr}");
    // Where it would have stopped is not known, so no total is claimed.
    let said = stderr
        .lines()
        .find(|l| l.contains("stopped by the user after"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        said.ends_with("trials; nothing was written") && !said.contains(" of "),
        "{said}"
    );
    assert!(took < Duration::from_secs(5), "{took:?}");
    assert!(!out.exists());
}
