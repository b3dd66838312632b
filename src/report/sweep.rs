//! The renderings of a sweep: its terminal table, `sweep.json`, `sweep.csv` and chart.

use super::csv::{Table, months_field};
use super::format::{count, money, months, percent, percent_err};
use super::plots;
use crate::numbers::group;
use crate::results::sweep::Sweep;
use std::fmt::Write;

/// `sweep.json` as written: pretty-printed with a final newline.
pub fn json(s: &Sweep) -> String {
    let mut text = serde_json::to_string_pretty(s).expect("a sweep always serializes");
    text.push('\n');
    text
}

/// One row per value and candidate.
pub fn csv(s: &Sweep) -> String {
    let mut t = Table::new(&[
        "value",
        "candidate",
        "p_payback_within",
        "p_payback_within_stderr",
        "payback_p50",
        "p_never",
        "npv_mean",
    ]);
    for p in &s.points {
        for c in &p.candidates {
            t.row([
                p.value.to_string(),
                c.name.clone(),
                c.p_within.to_string(),
                c.p_within_stderr.to_string(),
                months_field(c.payback_p50_months),
                c.p_never.to_string(),
                c.npv_mean.to_string(),
            ]);
        }
    }
    t.finish()
}

/// The files of a sweep's directory: `sweep.json`, `sweep.csv`, `sweep.svg`, `sweep.png`.
pub fn render(s: &Sweep) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut files = vec![
        ("sweep.json".to_string(), json(s).into_bytes()),
        ("sweep.csv".to_string(), csv(s).into_bytes()),
    ];
    files
        .extend(plots::render_sweep(s).map_err(|e| anyhow::anyhow!("cannot draw the chart: {e}"))?);
    Ok(files)
}

/// The terminal table of a sweep: per value, each candidate's P(payback ≤ T) ± its standard
/// error and median payback.
pub fn table(s: &Sweep) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", s.scenario);
    let _ = writeln!(
        out,
        "{} swept; {} trials per value, seed {} (the same trials at every value)",
        s.param,
        count(s.trials),
        s.seed
    );
    let names: Vec<&str> = s
        .points
        .first()
        .map(|p| p.candidates.iter().map(|c| c.name.as_str()).collect())
        .unwrap_or_default();
    let headers: Vec<String> = names
        .iter()
        .map(|name| {
            format!(
                "{name}: P(≤ {} mo.), P50, mean NPV ({})",
                s.within_months, s.currency
            )
        })
        .collect();
    let rows: Vec<(String, Vec<String>)> = s
        .points
        .iter()
        .map(|p| {
            let cells = p
                .candidates
                .iter()
                .map(|c| {
                    format!(
                        "{} ± {}, {}, {}",
                        percent(c.p_within),
                        percent_err(c.p_within_stderr),
                        months(c.payback_p50_months),
                        money(c.npv_mean)
                    )
                })
                .collect();
            (group(&crate::distribution::fmt(p.value)), cells)
        })
        .collect();
    let chars = |t: &String| t.chars().count();
    let widths: Vec<usize> = (0..names.len())
        .map(|j| {
            rows.iter()
                .map(|r| chars(&r.1[j]))
                .chain([chars(&headers[j])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let first = rows
        .iter()
        .map(|r| chars(&r.0))
        .chain([5])
        .max()
        .unwrap_or(5)
        .max(14);
    let _ = write!(out, "\n{:>first$}", "value");
    for (header, width) in headers.iter().zip(&widths) {
        let _ = write!(out, "  {header:>width$}");
    }
    let _ = writeln!(out);
    for (value, cells) in &rows {
        let _ = write!(out, "{value:>first$}");
        for (cell, width) in cells.iter().zip(&widths) {
            let _ = write!(out, "  {cell:>width$}");
        }
        let _ = writeln!(out);
    }
    out
}
