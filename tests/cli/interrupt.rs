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
