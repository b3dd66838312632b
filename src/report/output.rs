//! A run's files, every chosen format rendered into memory, for [`super::directory`] to write.

use super::{csv, html, markdown, memo, plots, sensitivity, summary_json, value_of_information};
use crate::results::summary::Summary;

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
                if !summary.head_to_head.is_empty() {
                    let table = csv::head_to_head_csv(summary);
                    files.push(("head-to-head.csv".into(), table.into_bytes()));
                }
                if let Some(v) = &summary.value_of_information {
                    let table = sensitivity::sensitivity_csv(summary);
                    files.push(("sensitivity.csv".into(), table.into_bytes()));
                    let table = value_of_information::value_csv(v);
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
