//! Nothing a user owns is lost: `--out` replaces only a new or empty directory or a report
//! `payback` wrote, never leaves staging folders behind, `--json` alone writes no directory,
//! and a closed standard output ends the process quietly.

use crate::support::*;
use payback::report::directory::MARKER;
use std::path::Path;
use std::process::{Output, Stdio};

/// A two-value, 100-trial `payback sweep` of the project's scenario, with `extra` flags.
fn sweep_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let sweep = [
        "sweep",
        "project/base.toml",
        "--param",
        "workload.events_per_day",
        "--values",
        "1,2",
        "--trials",
        "100",
    ];
    [&sweep[..], extra].concat()
}

/// `payback run` of the project's scenario writing only summary.json into `out`.
fn json_report(out: &str) -> [&str; 8] {
    [
        "run",
        "project/base.toml",
        "--out",
        out,
        "--trials",
        "100",
        "--format",
        "json",
    ]
}

fn run_in(cwd: &Path, args: &[&str]) -> Output {
    payback().current_dir(cwd).args(args).output().unwrap()
}

/// A project folder of the user's: the scenario and their notes.
fn project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    std::fs::create_dir(&project).unwrap();
    std::fs::copy(
        config("worked-1-email-triage.toml"),
        project.join("base.toml"),
    )
    .unwrap();
    std::fs::write(project.join("notes.txt"), "mine").unwrap();
    tmp
}

fn assert_refused(out: &Output, parts: &[&str]) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for part in parts {
        assert!(stderr.contains(part), "missing {part:?} in {stderr}");
    }
}

#[test]
fn out_pointed_at_the_users_folder_deletes_nothing() {
    let tmp = project();
    let out = run_in(
        tmp.path(),
        &[
            "run",
            "project/base.toml",
            "--out",
            "project",
            "--trials",
            "100",
        ],
    );
    assert_refused(
        &out,
        &[
            "project",
            "has no .payback-report",
            "new or empty directory",
        ],
    );
    assert_eq!(
        names(&tmp.path().join("project")),
        ["base.toml", "notes.txt"]
    );
    assert_eq!(
        names(tmp.path()),
        ["project"],
        "no staging folder left behind"
    );
}

#[test]
fn out_pointed_at_the_current_folder_deletes_nothing() {
    let tmp = project();
    let cwd = tmp.path().join("project");
    for _ in 0..2 {
        let out = run_in(&cwd, &["run", "base.toml", "--out", ".", "--trials", "100"]);
        assert_refused(&out, &["has no .payback-report"]);
    }
    assert_eq!(names(&cwd), ["base.toml", "notes.txt"]);
    assert_eq!(
        names(tmp.path()),
        ["project"],
        "no staging folder left behind"
    );
}

#[test]
fn out_pointed_at_a_file_keeps_the_file() {
    let tmp = project();
    let out = run_in(
        tmp.path(),
        &[
            "run",
            "project/base.toml",
            "--out",
            "project/notes.txt",
            "--trials",
            "100",
        ],
    );
    assert_refused(&out, &["notes.txt", "is a file, not a directory"]);
    let sweep = run_in(tmp.path(), &sweep_args(&["--out", "project/notes.txt"]));
    assert_refused(&sweep, &["is a file, not a directory"]);
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("project/notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(
        names(&tmp.path().join("project")),
        ["base.toml", "notes.txt"]
    );
}

#[test]
fn a_file_added_to_a_report_directory_is_never_removed() {
    let tmp = project();
    let args = json_report("rep");
    assert!(run_in(tmp.path(), &args).status.success());
    let rep = tmp.path().join("rep");
    assert_eq!(names(&rep), [MARKER, "summary.json"]);
    std::fs::write(rep.join("comments.md"), "mine").unwrap();
    assert_refused(
        &run_in(tmp.path(), &args),
        &["holds comments.md", "did not write"],
    );
    assert_eq!(names(&rep), [MARKER, "comments.md", "summary.json"]);
    std::fs::remove_file(rep.join("comments.md")).unwrap();
    assert!(
        run_in(tmp.path(), &args).status.success(),
        "a report of its own is replaced"
    );
    assert_eq!(names(tmp.path()), ["project", "rep"]);
}

#[test]
fn an_empty_folder_receives_the_report_and_stays_the_same_folder() {
    let tmp = project();
    let cwd = tmp.path().join("empty");
    std::fs::create_dir(&cwd).unwrap();
    let args = [
        "run",
        "../project/base.toml",
        "--out",
        ".",
        "--trials",
        "100",
        "--format",
        "json",
    ];
    assert!(run_in(&cwd, &args).status.success());
    // Run again in the same folder: it is a report now, and replaced.
    assert!(run_in(&cwd, &args).status.success());
    assert_eq!(names(&tmp.path().join("empty")), [MARKER, "summary.json"]);
    assert_eq!(names(tmp.path()), ["empty", "project"]);
}

#[test]
fn json_alone_writes_no_report_directory() {
    let tmp = project();
    let out = run_in(
        tmp.path(),
        &["run", "project/base.toml", "--json", "--trials", "100"],
    );
    assert!(out.status.success());
    serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap();
    let sweep = run_in(tmp.path(), &sweep_args(&["--json"]));
    assert!(sweep.status.success());
    assert_eq!(names(tmp.path()), ["project"], "no reports/ appeared");
    let samples = run_in(
        tmp.path(),
        &[
            "run",
            "project/base.toml",
            "--json",
            "--trials",
            "100",
            "--export-samples",
            "5",
        ],
    );
    assert_refused(&samples, &["--export-samples", "give --out DIR too"]);
}

#[cfg(unix)]
#[test]
fn a_closed_standard_output_ends_the_process_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let tmp = project();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("payback"))
        .current_dir(tmp.path())
        .args([
            "run",
            "project/base.toml",
            "--trials",
            "100",
            "--out",
            "rep",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.signal(),
        Some(libc::SIGPIPE),
        "{:?}: {stderr}",
        out.status
    );
    assert!(stderr.is_empty(), "{stderr}");
    // The report was written before the print that failed.
    assert!(tmp.path().join("rep").join(MARKER).exists());
}

#[cfg(unix)]
#[test]
fn links_and_folders_in_a_report_directory_are_never_followed_into_removal() {
    let tmp = project();
    let args = json_report("rep");
    assert!(run_in(tmp.path(), &args).status.success());
    // A folder of the user's under the name of a file payback writes is not payback's.
    let rep = tmp.path().join("rep");
    std::fs::remove_file(rep.join("summary.json")).unwrap();
    std::fs::create_dir(rep.join("summary.json")).unwrap();
    std::fs::write(rep.join("summary.json").join("mine.txt"), "mine").unwrap();
    assert_refused(
        &run_in(tmp.path(), &args),
        &["holds summary.json", "did not write"],
    );
    assert!(rep.join("summary.json").join("mine.txt").exists());
    // A link to nothing is refused; a link to a report directory replaces the report, not
    // the link.
    std::os::unix::fs::symlink(tmp.path().join("nowhere"), tmp.path().join("dangling")).unwrap();
    let dangling = [
        "run",
        "project/base.toml",
        "--out",
        "dangling",
        "--trials",
        "100",
    ];
    assert_refused(&run_in(tmp.path(), &dangling), &["link to nothing"]);
    assert!(!tmp.path().join("nowhere").exists());
    let fresh = json_report("fresh");
    assert!(run_in(tmp.path(), &fresh).status.success());
    std::os::unix::fs::symlink(tmp.path().join("fresh"), tmp.path().join("link")).unwrap();
    let via_link = json_report("link");
    assert!(run_in(tmp.path(), &via_link).status.success());
    assert!(
        std::fs::symlink_metadata(tmp.path().join("link"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(names(&tmp.path().join("fresh")), [MARKER, "summary.json"]);
    assert_eq!(
        names(tmp.path()),
        ["dangling", "fresh", "link", "project", "rep"]
    );
}

#[test]
fn a_report_file_changed_by_hand_is_never_overwritten() {
    let tmp = project();
    let args = [
        "run",
        "project/base.toml",
        "--out",
        "rep",
        "--trials",
        "100",
        "--format",
        "md",
    ];
    assert!(run_in(tmp.path(), &args).status.success());
    let memo = tmp.path().join("rep/report.md");
    let mut text = std::fs::read_to_string(&memo).unwrap();
    text.push_str("\nMy note for the steering committee.\n");
    std::fs::write(&memo, &text).unwrap();
    assert_refused(
        &run_in(tmp.path(), &args),
        &["holds report.md, changed since payback wrote it"],
    );
    assert_eq!(std::fs::read_to_string(&memo).unwrap(), text);
}

#[test]
fn a_sweep_never_replaces_a_run_report_nor_a_run_a_sweep() {
    let tmp = project();
    assert!(run_in(tmp.path(), &json_report("rep")).status.success());
    let sweep = sweep_args(&["--out", "rep"]);
    assert_refused(
        &run_in(tmp.path(), &sweep),
        &["holds the files of `payback run`"],
    );
    assert_eq!(names(&tmp.path().join("rep")), [MARKER, "summary.json"]);
    let sweep = sweep_args(&["--out", "sw"]);
    assert!(run_in(tmp.path(), &sweep).status.success());
    assert_refused(
        &run_in(tmp.path(), &json_report("sw")),
        &["holds the files of `payback sweep`"],
    );
    assert!(
        run_in(tmp.path(), &sweep).status.success(),
        "a sweep replaces its own"
    );
}

#[test]
fn a_marker_edited_by_hand_is_not_trusted() {
    let tmp = project();
    assert!(run_in(tmp.path(), &json_report("rep")).status.success());
    let marker = tmp.path().join("rep").join(MARKER);
    let text = std::fs::read_to_string(&marker)
        .unwrap()
        .replace("  summary.json", " summary.json");
    std::fs::write(&marker, &text).unwrap();
    assert_refused(
        &run_in(tmp.path(), &json_report("rep")),
        &["cannot read (was it edited?)"],
    );
    assert_eq!(names(&tmp.path().join("rep")), [MARKER, "summary.json"]);
}
