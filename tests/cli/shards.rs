//! `payback run --shard K/N --partial PATH`, `payback sweep ... --shard K/N --partial PATH` and
//! `payback merge`: N processes on this machine standing in for N machines, each simulating
//! its range of chunks, then the merge; and every kind of partial that does not belong
//! refused.

use crate::support::*;
use payback::engine::shard_chunks;
use payback::partial;
use predicates::prelude::*;
use predicates::str::contains;
use std::path::{Path, PathBuf};

/// Seven whole chunks and a partial one, so that seven shards each hold one or two.
const TRIALS: &str = "459752";

/// Runs the N shards of email-triage (its stress case and the deprecation pack included) as
/// separate processes, two at a time, each on one thread; returns the partials' paths.
fn shards(dir: &Path, n: u32, flags: &[&str]) -> Vec<PathBuf> {
    let file = config("email-triage.toml");
    let paths: Vec<PathBuf> = (1..=n)
        .map(|k| dir.join(format!("part-{k}-of-{n}")))
        .collect();
    for pair in paths.chunks(2) {
        let children: Vec<_> = pair
            .iter()
            .map(|path| {
                let k = path.file_name().unwrap().to_string_lossy()[5..]
                    .split('-')
                    .next()
                    .unwrap()
                    .to_string();
                std::process::Command::new(env!("CARGO_BIN_EXE_payback"))
                    .arg("run")
                    .arg(&file)
                    .args(["--trials", TRIALS, "--stress-deprecation", "--threads", "1"])
                    .args(flags)
                    .arg(format!("--shard={k}/{n}"))
                    .arg("--partial")
                    .arg(path)
                    .stdout(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut child in children {
            assert!(child.wait().unwrap().success());
        }
    }
    paths
}

fn merge(parts: &[PathBuf], out: &Path) -> assert_cmd::assert::Assert {
    payback()
        .arg("merge")
        .arg(config("email-triage.toml"))
        .args(parts)
        .arg("--out")
        .arg(out)
        .assert()
}

#[test]
fn merged_shards_give_the_single_run_report() {
    let tmp = tempfile::tempdir().unwrap();
    let single = tmp.path().join("single");
    payback()
        .arg("run")
        .arg(config("email-triage.toml"))
        .args(["--trials", TRIALS, "--stress-deprecation", "--out"])
        .arg(&single)
        .assert()
        .success();
    for n in [1, 3, 7] {
        let dir = tmp.path().join(format!("n{n}"));
        std::fs::create_dir(&dir).unwrap();
        let mut parts = shards(&dir, n, &[]);
        // In any order.
        parts.reverse();
        let merged = dir.join("report");
        merge(&parts, &merged).success();
        assert_eq!(names(&merged), names(&single), "{n} shards: the same files");
        // Every file the same but for the command line (and the marker of their hashes).
        for name in names(&single)
            .into_iter()
            .filter(|n| n != ".payback-report")
        {
            assert!(
                without_command(&name, &merged) == without_command(&name, &single),
                "{n} shards: {name} differs"
            );
        }
        // The merged summary reproduces from the file on one machine.
        payback()
            .arg("run")
            .arg("--check-summary")
            .arg(merged.join("summary.json"))
            .arg(config("email-triage.toml"))
            .assert()
            .success();
    }
}

#[test]
fn partials_that_do_not_belong_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let parts = shards(dir, 3, &[]);
    let out = dir.join("report");
    let refuse = |parts: &[PathBuf], says: &str| {
        merge(parts, &out).code(2).stderr(contains(says));
        assert!(!out.exists(), "nothing written");
    };
    refuse(&parts[..2], "shard 3 of 3 is missing");
    refuse(
        &[parts.clone(), vec![parts[1].clone()]].concat(),
        "is shard 2 of 3, as",
    );
    // Another run of the same file: another seed.
    let other = tmp.path().join("other");
    std::fs::create_dir(&other).unwrap();
    let seeded = shards(&other, 3, &["--seed", "7"]);
    refuse(
        &[parts[0].clone(), parts[1].clone(), seeded[2].clone()],
        "is a shard of another run",
    );
    // Another scenario file.
    payback()
        .arg("merge")
        .arg(config("worked-1-email-triage.toml"))
        .args(&parts)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("is a shard of another scenario file"));
    // Damaged: cut short.
    let bytes = std::fs::read(&parts[2]).unwrap();
    let cut = dir.join("cut");
    std::fs::write(&cut, &bytes[..bytes.len() - 10]).unwrap();
    refuse(
        &[parts[0].clone(), parts[1].clone(), cut.clone()],
        "is damaged",
    );
    // Not a partial at all.
    let notes = dir.join("notes.txt");
    std::fs::write(&notes, "my notes").unwrap();
    refuse(
        &[parts[0].clone(), notes.clone()],
        "is not a payback partial file",
    );
    // Another version and another format, written as those would write them.
    let mut p = partial::read(&parts[2]).unwrap();
    p.header.payback_version = "0.0.1".into();
    let old = dir.join("old");
    partial::write(&old, &p).unwrap();
    refuse(
        &[parts[0].clone(), parts[1].clone(), old],
        "was written by payback 0.0.1",
    );
    let mut p = partial::read(&parts[2]).unwrap();
    p.header.format = partial::FORMAT + 1;
    let newer = dir.join("newer");
    partial::write(&newer, &p).unwrap();
    refuse(
        &[parts[0].clone(), parts[1].clone(), newer],
        &format!("is a partial of format {}", partial::FORMAT + 1),
    );
}

#[test]
fn bad_shard_flags_are_refused_and_a_users_file_is_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let file = config("worked-1-email-triage.toml");
    for shard in ["0/3", "4/3", "x", "2", "1/0"] {
        payback()
            .arg("run")
            .arg(&file)
            .arg(format!("--shard={shard}"))
            .arg("--partial")
            .arg(tmp.path().join("p"))
            .assert()
            .code(2)
            .stderr(contains("--shard"));
    }
    let mine = tmp.path().join("mine.txt");
    std::fs::write(&mine, "mine").unwrap();
    payback()
        .arg("run")
        .arg(&file)
        .args(["--shard", "1/2", "--partial"])
        .arg(&mine)
        .assert()
        .code(2)
        .stderr(contains("is not a payback partial file"));
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "mine");
    payback()
        .arg("run")
        .arg(&file)
        .args(["--shard", "1/2"])
        .assert()
        .code(2)
        .stderr(contains("--partial"));
}

/// A sweep of email-triage's volume over three values, at 200,000 trials: three whole chunks
/// and a partial one.
const SWEEP: [&str; 8] = [
    "--param",
    "workload.events_per_day",
    "--values",
    "1000,4000,16000",
    "--within",
    "6",
    "--trials",
    "200000",
];

/// [`SWEEP`] with `flag`'s value replaced by `value`.
fn sweep_with<'a>(flag: &str, value: &'a str) -> Vec<&'a str> {
    let mut sweep = SWEEP.to_vec();
    let i = sweep.iter().position(|f| *f == flag).unwrap();
    sweep[i + 1] = value;
    sweep
}

/// Shard `k` of `n` of the sweep of `sweep`'s flags written to `path`, on one thread.
fn sweep_shard(k: u32, n: u32, path: &Path, sweep: &[&str]) -> assert_cmd::assert::Assert {
    payback()
        .arg("sweep")
        .arg(config("email-triage.toml"))
        .args(sweep)
        .args(["--threads", "1"])
        .arg(format!("--shard={k}/{n}"))
        .arg("--partial")
        .arg(path)
        .assert()
}

#[test]
fn merged_sweep_shards_give_the_single_sweep() {
    let tmp = tempfile::tempdir().unwrap();
    let single = tmp.path().join("single");
    let printed = payback()
        .arg("sweep")
        .arg(config("email-triage.toml"))
        .args(SWEEP)
        .arg("--json")
        .arg("--out")
        .arg(&single)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    // Seven shards of four chunks: three of them are empty, and said to be.
    for n in [1, 3, 7] {
        let dir = tmp.path().join(format!("n{n}"));
        std::fs::create_dir(&dir).unwrap();
        let mut parts = Vec::new();
        for k in 1..=n {
            let path = dir.join(format!("part-{k}"));
            let empty = shard_chunks(200_000, u64::from(k), u64::from(n)).is_empty();
            let said = if empty {
                "no trials"
            } else {
                "at each of the 3 values"
            };
            sweep_shard(k, n, &path, &SWEEP)
                .success()
                .stdout(contains(said));
            parts.push(path);
        }
        parts.reverse();
        let merged = dir.join("sweep");
        let output = payback()
            .arg("merge")
            .arg(config("email-triage.toml"))
            .args(&parts)
            .arg("--json")
            .arg("--out")
            .arg(&merged)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert!(output == printed, "{n} shards: sweep.json printed differs");
        assert_eq!(names(&merged), names(&single), "{n} shards: the same files");
        for name in names(&single) {
            assert!(
                std::fs::read(merged.join(&name)).unwrap()
                    == std::fs::read(single.join(&name)).unwrap(),
                "{n} shards: {name} differs"
            );
        }
    }
}

#[test]
fn sweep_partials_of_another_sweep_or_of_a_run_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let part = |name: &str, k: u32, sweep: &[&str]| {
        let path = dir.join(name);
        sweep_shard(k, 2, &path, sweep).success();
        path
    };
    let first = part("first", 1, &SWEEP);
    let other_values = part("other-values", 2, &sweep_with("--values", "1000,4000"));
    let other_target = part("other-target", 2, &sweep_with("--within", "9"));
    let run = shards(dir, 2, &[]);
    for (second, says) in [
        (
            &other_values,
            "a sweep of workload.events_per_day over 2 values [1000, 4000]",
        ),
        (&other_target, "within 9 months"),
        (&run[1], "a run with the stress cases"),
    ] {
        payback()
            .arg("merge")
            .arg(config("email-triage.toml"))
            .arg(&first)
            .arg(second)
            .arg("--out")
            .arg(dir.join("out"))
            .assert()
            .code(2)
            .stderr(contains("is a shard of another run").and(contains(says)));
        assert!(!dir.join("out").exists(), "nothing written");
    }
    // A sweep's shard flags are checked as a run's are, and its input and values as a
    // sweep's are, before anything runs.
    sweep_shard(3, 2, &dir.join("p"), &SWEEP)
        .code(2)
        .stderr(contains("--shard"));
    sweep_shard(
        1,
        2,
        &dir.join("p"),
        &sweep_with("--param", "workload.events_per_dya"),
    )
    .code(2)
    .stderr(contains("--param"));
    assert!(!dir.join("p").exists());
}
