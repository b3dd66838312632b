//! Report directories: written whole into a hidden sibling that then takes the target's place,
//! and recognised by the [`MARKER`] file each holds, which names the command that wrote it and
//! every file with its SHA-256. A directory is replaced only when it is new, empty, or a report
//! of the same command none of whose files was changed or added since: nothing a user owns is
//! ever removed.

use crate::error::RefusedDir;
use anyhow::Context;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The file every report directory holds: it says `payback` wrote the directory, with which
/// command, and lists the files it wrote with their SHA-256 (as `sha256sum` writes them, so
/// `sha256sum -c` checks them; its first lines are then reported as improperly formatted).
pub const MARKER: &str = ".payback-report";

/// First line of [`MARKER`]: how a report directory is recognised.
const MARKER_HEADER: &str = "payback report directory";

/// The [`MARKER`] file's text for a directory of `command` (`run`, `sweep`) holding `files`.
fn marker(command: &str, files: &[(String, Vec<u8>)]) -> String {
    let mut text = format!(
        "{MARKER_HEADER}\nWritten by `payback {command}`; the next `payback {command}` into it \
         replaces it whole, unless a file was added or changed since. Its files:\n"
    );
    for (name, bytes) in files {
        text.push_str(&format!("{:x}  {name}\n", Sha256::digest(bytes)));
    }
    text
}

/// The command and the files (name, SHA-256 in hex) a [`MARKER`] text records; `None` when the
/// text is not a marker.
fn parse_marker(text: &str) -> Option<(&str, Vec<(&str, &str)>)> {
    let mut lines = text.lines();
    if lines.next() != Some(MARKER_HEADER) {
        return None;
    }
    let command = lines.next()?.split('`').nth(1)?.strip_prefix("payback ")?;
    let files = lines
        .map(|l| l.split_once("  ").map(|(hash, name)| (name, hash)))
        .collect::<Option<Vec<_>>>()?;
    Some((command, files))
}

/// The report directory of the scenario file `file` when none is given:
/// `reports/<file stem><suffix>/` (`suffix` is `-sweep` for a sweep's).
pub fn default_dir(file: &Path, suffix: &str) -> std::path::PathBuf {
    let stem = file
        .file_stem()
        .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
    Path::new("reports").join(format!("{stem}{suffix}"))
}

/// Checks that `dir` may receive a report of `command`: it does not exist, or is an empty
/// directory, or is a report directory of the same command whose every file is one the
/// [`MARKER`] lists, unchanged. Anything else is refused, before any work, saying what is in
/// the way.
pub fn check_dir(dir: &Path, command: &str) -> Result<(), RefusedDir> {
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
    let Ok(text) = std::fs::read_to_string(dir.join(MARKER)) else {
        return Err(refuse(
            "is not empty and has no .payback-report, so payback did not write it; a report \
             replaces its directory whole: give --out a new or empty directory. (A report of \
             a payback older than the marker has none: remove it yourself if it is one.)"
                .into(),
        ));
    };
    let Some((wrote, listed)) = parse_marker(&text) else {
        return Err(refuse(
            "holds a .payback-report that payback cannot read (was it edited?), so it cannot \
             tell its files from yours: give --out a new or empty directory"
                .into(),
        ));
    };
    if wrote != command {
        return Err(refuse(format!(
            "holds the files of `payback {wrote}`, which `payback {command}` would replace; give \
             --out another directory"
        )));
    }
    let mut foreign = Vec::new();
    let mut changed = Vec::new();
    for (name, is_file) in &names {
        if name == MARKER {
            continue;
        }
        match listed.iter().find(|(n, _)| n == name) {
            Some((_, hash)) if *is_file => {
                let bytes = std::fs::read(dir.join(name))
                    .map_err(|e| refuse(format!("cannot be read ({name}: {e})")))?;
                if format!("{:x}", Sha256::digest(&bytes)) != *hash {
                    changed.push(name.as_str());
                }
            }
            _ => foreign.push(name.as_str()),
        }
    }
    let them = |list: &[&str]| if list.len() == 1 { "it" } else { "them" };
    if !foreign.is_empty() {
        foreign.sort_unstable();
        return Err(refuse(format!(
            "holds {}, which payback did not write, and a report replaces its directory \
             whole; move {} out, or give --out another directory",
            foreign.join(", "),
            them(&foreign)
        )));
    }
    if !changed.is_empty() {
        changed.sort_unstable();
        return Err(refuse(format!(
            "holds {}, changed since payback wrote {}, and a report replaces its directory \
             whole; move {} out, or give --out another directory",
            changed.join(", "),
            them(&changed),
            them(&changed)
        )));
    }
    Ok(())
}

/// Replaces the directory `dir` with one holding exactly `files` and the [`MARKER`] of
/// `command`, after [`check_dir`] allows it: they are written into a hidden sibling, which then
/// takes `dir`'s place in one atomic exchange on Linux (two renames elsewhere, or when `dir` is
/// new), so `dir` holds the whole previous report or the whole new one, whenever the process
/// stops. An empty `dir` is kept and the files move into it. The sibling is removed on every
/// path out, error or not, but a second Ctrl-C, which ends the process at once.
pub fn write_dir(dir: &Path, command: &str, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    check_dir(dir, command)?;
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
    std::fs::write(&path, marker(command, files))
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
        // Put the previous directory back; if that fails too, keep it where it is and say so.
        if moved {
            let aside = previous.keep();
            if std::fs::rename(&aside, &dir).is_err() {
                return Err(e).with_context(|| {
                    format!(
                        "cannot write {}; the previous report is kept in {}",
                        dir.display(),
                        aside.display()
                    )
                });
            }
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
            "run",
            &[
                ("a.txt".into(), b"old".to_vec()),
                ("b.txt".into(), b"old".to_vec()),
            ],
        )
        .unwrap();
        write_dir(&dir, "run", &[("a.txt".into(), b"new".to_vec())]).unwrap();
        assert_eq!(listing(&dir), [MARKER, "a.txt"]);
        assert_eq!(std::fs::read(dir.join("a.txt")).unwrap(), b"new");
        assert_eq!(
            listing(root.path()),
            ["report"],
            "no staging directory left"
        );
    }

    #[test]
    fn a_marker_records_the_command_and_each_files_sha256() {
        let text = marker("sweep", &[("a.txt".into(), b"abc".to_vec())]);
        let (command, files) = parse_marker(&text).unwrap();
        assert_eq!(command, "sweep");
        // SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(files, [("a.txt", abc)]);
        assert!(parse_marker("notes\n").is_none());
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
