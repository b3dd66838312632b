//! Writing a run's files: every chosen format rendered into memory first, then written into a
//! temporary directory beside the target, which then replaces the target whole. A run that
//! fails, or is stopped, leaves the previous report as it was.

use super::summary::Summary;
use super::{csv, drivers, html, markdown, memo, plots, summary_json};
use anyhow::Context;
use std::path::{Path, PathBuf};

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

/// Replaces the directory `dir` with one holding exactly `files`.
pub fn write_dir(dir: &Path, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let name = dir
        .file_name()
        .map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
    let staging = sibling(parent, &name, "new");
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir(&staging)
        .with_context(|| format!("cannot create {}", staging.display()))?;
    for (file, bytes) in files {
        let path = staging.join(file);
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let previous = sibling(parent, &name, "old");
    let _ = std::fs::remove_dir_all(&previous);
    let had_previous = dir.exists();
    if had_previous {
        std::fs::rename(dir, &previous)
            .with_context(|| format!("cannot replace {}", dir.display()))?;
    }
    std::fs::rename(&staging, dir).with_context(|| format!("cannot write {}", dir.display()))?;
    if had_previous {
        let _ = std::fs::remove_dir_all(&previous);
    }
    Ok(())
}

/// `.NAME.TAG-PID` beside the target: hidden, and private to this process.
fn sibling(parent: &Path, name: &str, tag: &str) -> PathBuf {
    parent.join(format!(".{name}.{tag}-{}", std::process::id()))
}
