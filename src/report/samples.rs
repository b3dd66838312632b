//! `samples.csv` (`payback run --export-samples N`): one row per trial with every uncertain
//! input as drawn (by dotted path) and every candidate's outcome, for users who want to look at
//! the raw draws in a spreadsheet.

use super::csv::field;
use crate::results::samples::Sample;
use std::fmt::Write;

/// The header row: `trial`, the uncertain inputs' paths, then per candidate its `succeeded`,
/// `upfront`, `payback_months` and `npv`.
pub fn header(paths: &[&str], candidates: &[&str]) -> String {
    let mut out = String::from("trial");
    for path in paths {
        let _ = write!(out, ",{}", field(path));
    }
    for name in candidates {
        for column in ["succeeded", "upfront", "payback_months", "npv"] {
            let _ = write!(out, ",{}", field(&format!("{name}.{column}")));
        }
    }
    out.push('\n');
    out
}

/// Appends the row of one trial to `out`.
pub fn push_row(out: &mut String, s: Sample) {
    let _ = write!(out, "{}", s.trial);
    for x in s.inputs {
        let _ = write!(out, ",{x}");
    }
    for o in s.candidates {
        let payback = o
            .payback_months
            .map_or_else(|| "never".to_string(), |m| m.to_string());
        let _ = write!(
            out,
            ",{},{},{payback},{}",
            u8::from(o.succeeded),
            o.upfront,
            o.npv
        );
    }
    out.push('\n');
}
