//! `payback run --shard K/N --partial PATH` and `payback merge`: N processes on this machine
//! standing in for N machines, each simulating its range of chunks, then the merge; and every
//! kind of partial that does not belong refused.

use crate::support::*;
use payback::partial;
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
        "is a partial of format 2",
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
