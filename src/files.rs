//! Scenario files written for the user: a new file only where none exists, or the user's own
//! file replaced whole (written beside it, then renamed over it) on their explicit say, never
//! half written either way; and files payback owns (a shard's partial) put in place whole.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The directory a file at `path` is in (`.` for a bare name).
fn dir_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `bytes` staged in a new file in `dir`, with the permissions a file created there gets (the
/// user's umask), not the private ones of a temporary file.
fn staged(dir: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    Ok(file)
}

/// Writes `text` to `path`, which must not exist: an existing file (or anything else there)
/// is never replaced, and the error says so (`AlreadyExists`).
pub fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    staged(&dir_of(path), text.as_bytes())?
        .persist_noclobber(path)
        .map(drop)
        .map_err(|e| e.error)
}

/// Replaces the file at `path` with `text`, keeping its permissions; when `path` is a link,
/// the file it points to is replaced and the link kept.
pub fn replace(path: &Path, text: &str) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let file = staged(&dir_of(&target), text.as_bytes())?;
    let permissions = std::fs::metadata(&target)?.permissions();
    std::fs::set_permissions(file.path(), permissions)?;
    file.persist(&target).map(drop).map_err(|e| e.error)
}

/// Writes `bytes` to `path` whole (beside it, then renamed), replacing what is there: only for
/// a file payback owns, which the caller has checked.
pub fn put(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    staged(&dir_of(path), bytes)?
        .persist(path)
        .map(drop)
        .map_err(|e| e.error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_never_replaces_one_and_a_replaced_one_keeps_its_link() {
        let dir = tempfile::tempdir().unwrap();
        let mine = dir.path().join("mine.toml");
        std::fs::write(&mine, "mine").unwrap();
        let err = write_new(&mine, "theirs").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&mine).unwrap(), "mine");
        let new = dir.path().join("new.toml");
        write_new(&new, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&new).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode();
            let plain = dir.path().join("plain");
            std::fs::File::create(&plain).unwrap();
            assert_eq!(
                mode(&new),
                mode(&plain),
                "the permissions of a file made there"
            );
            std::fs::remove_file(&plain).unwrap();
            let link = dir.path().join("link.toml");
            std::os::unix::fs::symlink(&mine, &link).unwrap();
            replace(&link, "changed").unwrap();
            assert!(
                std::fs::symlink_metadata(&link)
                    .unwrap()
                    .file_type()
                    .is_symlink()
            );
            assert_eq!(std::fs::read_to_string(&mine).unwrap(), "changed");
        }
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(
            names.len(),
            if cfg!(unix) { 3 } else { 2 },
            "nothing staged left"
        );
    }
}
