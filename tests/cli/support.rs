//! Running the binary on files and reading what it wrote.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The `payback` binary.
pub fn payback() -> Command {
    Command::new(assert_cmd::cargo::cargo_bin!("payback"))
}

/// Path of an example config.
pub fn config(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("configs")
        .join(name)
}

/// Runs `payback run FILE --json` with extra flags into a fresh directory and returns the
/// summary printed on standard output, checking that it equals the written summary.json.
pub fn run_json(file: &Path, flags: &[&str]) -> Value {
    run_json_kept(file, flags).1
}

/// Like [`run_json`], and also returns the report directory, kept until the value is dropped.
pub fn run_json_kept(file: &Path, flags: &[&str]) -> (tempfile::TempDir, Value) {
    let dir = tempfile::tempdir().unwrap();
    let out = payback()
        .arg("run")
        .arg(file)
        .args(["--json", "--out"])
        .arg(dir.path())
        .args(flags)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "run failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: Value =
        serde_json::from_slice(&out.stdout).expect("stdout is only the summary JSON");
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("summary.json")).unwrap())
            .unwrap();
    assert_eq!(printed, written);
    (dir, printed)
}

/// A summary without what made it (`provenance`: the file's hash and the command line), for
/// comparing the figures of two runs.
pub fn figures_only(mut summary: Value) -> Value {
    let provenance = summary.as_object_mut().unwrap().remove("provenance");
    assert!(provenance.is_some(), "payback run records its provenance");
    summary
}

/// Writes `text` as a scenario file in a fresh directory; returns the directory and the path.
pub fn scenario_file(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scenario.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// The candidate named `name` in a summary.
pub fn candidate<'a>(summary: &'a Value, name: &str) -> &'a Value {
    summary["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no candidate {name}"))
}

/// A number field.
pub fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// Asserts `a` and `b` agree to a relative `1e-9` (the output's rounding, not a tolerance).
pub fn assert_close(a: f64, b: f64) {
    assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{a} != {b}");
}

/// The names in a directory, sorted (hidden ones included).
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The file `name` of the report directory `dir` without the command line its provenance
/// records: removed from summary.json, cut from the memo's method line.
pub fn without_command(name: &str, dir: &Path) -> String {
    let text = String::from_utf8_lossy(&std::fs::read(dir.join(name)).unwrap()).into_owned();
    if name == "summary.json" {
        let mut summary: Value = serde_json::from_str(&text).unwrap();
        let command = summary["provenance"]
            .as_object_mut()
            .unwrap()
            .remove("command");
        assert!(command.is_some(), "a command line is recorded");
        return summary.to_string();
    }
    let phrase = ["by the command ", "from the live page of "]
        .iter()
        .find_map(|p| text.find(p));
    match phrase {
        Some(start) => {
            let end = start + text[start..].find("; ").expect("the sentence goes on");
            format!("{}{}", &text[..start], &text[end..])
        }
        None => text,
    }
}
