//! The renderings of [`crate::results`]: the terminal table, `summary.json`, the CSV files, the
//! memo and its charts, the point estimate of `payback check`, a sweep's files ([`sweep`]) and
//! solve's answers in words ([`answers`]); [`output`] renders the chosen files of a run and
//! [`directory`] writes them into a report directory.

pub mod answers;
pub mod comparison;
mod csv;
pub mod directory;
mod executive;
mod factors;
pub mod format;
mod html;
pub mod live;
mod markdown;
mod memo;
pub mod output;
mod own_terms;
pub mod plots;
pub mod point;
pub mod samples;
mod sensitivity;
pub mod sweep;
pub mod terminal;
mod value_of_information;

use crate::results::Summary;

/// `summary.json` as written: pretty-printed JSON with a final newline.
pub fn summary_json(summary: &Summary) -> String {
    let mut text = serde_json::to_string_pretty(summary).expect("a summary always serializes");
    text.push('\n');
    text
}
