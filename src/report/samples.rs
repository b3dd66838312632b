//! `samples.csv` (`payback run --export-samples N`): one row per trial with every uncertain
//! input as drawn (by dotted path) and every candidate's outcome, for users who want to look at
//! the raw draws in a spreadsheet.

pub use super::csv::Table;
use super::csv::months_field;
use crate::results::samples::Sample;

/// The table with its header: `trial`, the uncertain inputs' paths, then per candidate its
/// `succeeded`, `upfront`, `payback_months` and `npv`.
pub fn table(paths: &[&str], candidates: &[&str]) -> Table {
    let mut header: Vec<String> = vec!["trial".to_string()];
    header.extend(paths.iter().map(|p| p.to_string()));
    for name in candidates {
        for column in ["succeeded", "upfront", "payback_months", "npv"] {
            header.push(format!("{name}.{column}"));
        }
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    Table::new(&header)
}

/// Appends the row of one trial to `table`.
pub fn push_row(table: &mut Table, s: Sample) {
    let mut row = vec![s.trial.to_string()];
    row.extend(s.inputs.iter().map(f64::to_string));
    for o in s.candidates {
        row.push(u8::from(o.succeeded).to_string());
        row.push(o.upfront.to_string());
        row.push(months_field(o.payback_months));
        row.push(o.npv.to_string());
    }
    table.row(row);
}
