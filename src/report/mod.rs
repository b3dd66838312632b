//! What a run produces: the [`Summary`] (the source of truth), and its renderings: the terminal
//! table, `summary.json`, and the point estimate of `payback check`.

mod format;
pub mod point;
pub mod summary;
pub mod terminal;

pub use summary::Summary;

use anyhow::Context;
use std::path::Path;

/// `summary.json` as written: pretty-printed JSON with a final newline.
pub fn summary_json(summary: &Summary) -> String {
    let mut text = serde_json::to_string_pretty(summary).expect("a summary always serializes");
    text.push('\n');
    text
}

/// Writes `summary.json` into `dir` (created if needed): to a temporary file first, then renamed,
/// so an interrupted run never leaves a half-written summary.
pub fn write_summary(dir: &Path, summary: &Summary) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let tmp = dir.join(".summary.json.tmp");
    let path = dir.join("summary.json");
    std::fs::write(&tmp, summary_json(summary))
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
