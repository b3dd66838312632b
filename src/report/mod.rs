//! What a run produces: the [`Summary`] (the source of truth), and its renderings: the terminal
//! table, `summary.json`, the CSV files, and the point estimate of `payback check`; [`output`]
//! writes the chosen ones into a report directory.

mod assumptions;
pub mod comparison;
mod csv;
pub mod directory;
mod drivers;
pub mod format;
mod html;
mod markdown;
mod memo;
pub mod output;
pub mod plots;
pub mod point;
pub mod questions;
pub mod samples;
pub mod summary;
pub mod terminal;

pub use summary::Summary;

/// `summary.json` as written: pretty-printed JSON with a final newline.
pub fn summary_json(summary: &Summary) -> String {
    let mut text = serde_json::to_string_pretty(summary).expect("a summary always serializes");
    text.push('\n');
    text
}
