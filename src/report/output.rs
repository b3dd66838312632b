//! Writing a run's files: every chosen format rendered into memory first, then written into a
//! temporary directory beside the target, which then replaces the target whole. A run that
//! fails, or is stopped, leaves the previous report as it was.

use super::summary::Summary;
use super::{csv, drivers, html, markdown, memo, plots, summary_json};
use crate::error::RefusedDir;
use anyhow::Context;
use std::path::Path;

/// A kind of output `payback run` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `summary.json`.
    Json,
    /// `summary.csv`, `monthly.csv`, `stress.csv` with stress cases, and for `payback run`
    /// `sensitivity.csv` and `value-of-information.csv`.
    Csv,
    /// Every chart, as SVG and PNG.
    Plots,
    /// `report.md`, the decision memo (its charts are the SVG plots).
    Md,
    /// `report.html`, the memo as one self-contained page with inline charts.
    Html,
}

/// Every format, the default.
pub const ALL_FORMATS: [Format; 5] = [
    Format::Json,
    Format::Csv,
    Format::Plots,
    Format::Md,
    Format::Html,
];

/// The files of `formats` for `summary`: (file name, contents).
pub fn render(summary: &Summary, formats: &[Format]) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    let needs_plots = formats
        .iter()
        .any(|f| matches!(f, Format::Plots | Format::Md | Format::Html));
    let plots = if needs_plots {
        plots::render(summary).map_err(|e| anyhow::anyhow!("cannot draw the charts: {e}"))?
    } else {
        Vec::new()
    };
    let memo = memo::memo(summary);
    for format in formats {
        match format {
            Format::Json => files.push(("summary.json".into(), summary_json(summary).into_bytes())),
            Format::Csv => {
                files.push(("summary.csv".into(), csv::summary_csv(summary).into_bytes()));
                files.push(("monthly.csv".into(), csv::monthly_csv(summary).into_bytes()));
                if !summary.stress.is_empty() {
                    files.push(("stress.csv".into(), csv::stress_csv(summary).into_bytes()));
                }
                if let Some(v) = &summary.value_of_information {
                    let table = drivers::sensitivity_csv(summary);
                    files.push(("sensitivity.csv".into(), table.into_bytes()));
                    let table = drivers::value_csv(v);
                    files.push(("value-of-information.csv".into(), table.into_bytes()));
                }
            }
            Format::Plots => files.extend(plots.iter().cloned()),
            Format::Md => {
                files.push(("report.md".into(), markdown::render(&memo).into_bytes()));
                // The memo's images: its SVG charts, whether or not plots were asked for.
                if !formats.contains(&Format::Plots) {
                    files.extend(
                        plots
                            .iter()
                            .filter(|(name, _)| name.ends_with(".svg"))
                            .cloned(),
                    );
                }
            }
            Format::Html => {
                let svg = |stem: &str| {
                    let name = format!("{stem}.svg");
                    plots
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
                };
                files.push(("report.html".into(), html::render(&memo, &svg).into_bytes()));
            }
        }
    }
    Ok(files)
}

/// The file every report directory holds: it says `payback` wrote the directory, and lists the
/// files it wrote, so that a later run replaces the directory only when nothing else is in it.
pub const MARKER: &str = ".payback-report";

/// First line of [`MARKER`]: how a report directory is recognised.
const MARKER_HEADER: &str = "payback report directory";

/// Checks that `dir` may receive a report: it does not exist, or is an empty directory, or is
/// a report directory `payback` wrote (its [`MARKER`] lists every file in it). Anything else
/// (a file, a directory holding files `payback` did not write) is refused, before any work.
pub fn check_dir(dir: &Path) -> Result<(), RefusedDir> {
    let refuse = |reason: String| RefusedDir {
        dir: dir.display().to_string(),
        reason,
    };
    let meta = match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if std::fs::symlink_metadata(dir).is_ok() {
                return Err(refuse(
                    "is a link to nothing; give --out a directory".into(),
                ));
            }
            return Ok(());
        }
        Err(e) => return Err(refuse(format!("cannot be read ({e})"))),
        Ok(meta) => meta,
    };
    if !meta.is_dir() {
        return Err(refuse(
            "is a file, not a directory; give --out a directory for the report (a new one, or \
             one payback wrote before)"
                .into(),
        ));
    }
    let entries = std::fs::read_dir(dir).map_err(|e| refuse(format!("cannot be read ({e})")))?;
    // Every entry, and whether it is a plain file (payback writes no directories).
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| refuse(format!("cannot be read ({e})")))?;
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        names.push((entry.file_name().to_string_lossy().into_owned(), is_file));
    }
    if names.is_empty() {
        return Ok(());
    }
    let listed = match std::fs::read_to_string(dir.join(MARKER)) {
        Ok(text) if text.lines().next() == Some(MARKER_HEADER) => text,
        _ => {
            return Err(refuse(
                "is not empty and is not a report directory payback wrote (it has no \
                 .payback-report), and a report replaces its directory whole; give --out a new \
                 or empty directory (a report of a payback older than the marker has none: \
                 remove it yourself if that is what it is)"
                    .into(),
            ));
        }
    };
    let ours: Vec<&str> = listed.lines().skip(2).collect();
    let mut foreign: Vec<&str> = names
        .iter()
        .filter(|(n, is_file)| n != MARKER && !(*is_file && ours.contains(&n.as_str())))
        .map(|(n, _)| n.as_str())
        .collect();
    if !foreign.is_empty() {
        foreign.sort_unstable();
        return Err(refuse(format!(
            "holds {}, which payback did not write, and a report replaces its directory \
             whole; move {} out, or give --out another directory",
            foreign.join(", "),
            if foreign.len() == 1 { "it" } else { "them" }
        )));
    }
    Ok(())
}

/// The [`MARKER`] file's text for a directory holding `files`.
fn marker(files: &[(String, Vec<u8>)]) -> String {
    let mut text = format!(
        "{MARKER_HEADER}\nWritten by payback; the next run replaces this directory whole. Its files:\n"
    );
    for (name, _) in files {
        text.push_str(name);
        text.push('\n');
    }
    text
}

/// Replaces the directory `dir` with one holding exactly `files` and the [`MARKER`], after
/// [`check_dir`] allows it: they are written into a hidden sibling, which then takes `dir`'s
/// place in one atomic exchange on Linux (two renames elsewhere, or when `dir` is new), so `dir`
/// holds the whole previous report or the whole new one, whenever the process stops. The
/// sibling is removed on every path out, error or not.
pub fn write_dir(dir: &Path, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    check_dir(dir)?;
    let dir = if dir.exists() {
        dir.canonicalize()
            .with_context(|| format!("cannot read {}", dir.display()))?
    } else {
        dir.to_path_buf()
    };
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let name = dir
        .file_name()
        .map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(parent)
        .with_context(|| format!("cannot create a directory in {}", parent.display()))?;
    for (file, bytes) in files {
        let path = staging.path().join(file);
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let path = staging.path().join(MARKER);
    std::fs::write(&path, marker(files))
        .with_context(|| format!("cannot write {}", path.display()))?;
    if is_empty_dir(&dir) {
        // The user's own empty directory is kept (it may be where they stand): the files move
        // in one by one, the marker first, so an interrupted move is still a report's.
        let mut names: Vec<&str> = vec![MARKER];
        names.extend(files.iter().map(|(n, _)| n.as_str()));
        for name in names {
            std::fs::rename(staging.path().join(name), dir.join(name))
                .with_context(|| format!("cannot write {}", dir.join(name).display()))?;
        }
        return Ok(());
    }
    if dir.exists() && exchange(staging.path(), &dir).is_ok() {
        // The staging name now holds the previous report, removed when `staging` drops.
        return Ok(());
    }
    // No previous report, or a file system without an atomic exchange: two renames, with the
    // previous report kept aside until the new one is in place.
    let previous = tempfile::Builder::new()
        .prefix(&format!(".{name}.old-"))
        .tempdir_in(parent)
        .with_context(|| format!("cannot create a directory in {}", parent.display()))?;
    let moved = dir.exists();
    if moved {
        std::fs::rename(&dir, previous.path())
            .with_context(|| format!("cannot replace {}", dir.display()))?;
    }
    if let Err(e) = std::fs::rename(staging.path(), &dir) {
        // Put the previous directory back; `staging` is removed when it drops.
        if moved && std::fs::rename(previous.path(), &dir).is_ok() {
            let _ = previous.keep();
        }
        return Err(e).with_context(|| format!("cannot write {}", dir.display()));
    }
    // `staging` is now `dir`: keep it from being removed.
    let _ = staging.keep();
    Ok(())
}

/// Whether `dir` is a directory with nothing in it.
fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// Swaps the paths `a` and `b` in one step (Linux's `renameat2` with `RENAME_EXCHANGE`): a
/// reader of either path sees the old entry or the new one, never neither.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(std::io::Error::other);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are NUL-terminated strings that outlive the call.
    let status = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if status == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Elsewhere there is no portable atomic exchange: the caller falls back to two renames.
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_report_replaces_the_previous_one_whole_and_leaves_nothing_beside_it() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("report");
        write_dir(
            &dir,
            &[
                ("a.txt".into(), b"old".to_vec()),
                ("b.txt".into(), b"old".to_vec()),
            ],
        )
        .unwrap();
        write_dir(&dir, &[("a.txt".into(), b"new".to_vec())]).unwrap();
        assert_eq!(listing(&dir), [MARKER, "a.txt"]);
        assert_eq!(std::fs::read(dir.join("a.txt")).unwrap(), b"new");
        assert_eq!(
            listing(root.path()),
            ["report"],
            "no staging directory left"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn exchange_swaps_two_directories_in_one_step() {
        let root = tempfile::tempdir().unwrap();
        let (a, b) = (root.path().join("a"), root.path().join("b"));
        for (dir, file) in [(&a, "from-a"), (&b, "from-b")] {
            std::fs::create_dir(dir).unwrap();
            std::fs::write(dir.join(file), b"").unwrap();
        }
        exchange(&a, &b).unwrap();
        assert_eq!(listing(&a), ["from-b"]);
        assert_eq!(listing(&b), ["from-a"]);
        assert!(exchange(&a, &root.path().join("missing")).is_err());
    }
}
