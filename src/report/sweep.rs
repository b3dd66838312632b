//! The renderings of a sweep: its terminal table, `sweep.json`, `sweep.csv` and chart.

use super::csv::{Table, months_field};
use super::factors::Names;
use super::format::{count, money, months, percent, percent_err};
use super::memo::Block;
use super::plots;
use super::{html, markdown};
use crate::numbers::group;
use crate::results::sweep::Sweep;
use crate::scenario::FactorKind;
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

/// The files of a sweep's directory: `sweep.json`, `sweep.csv`, `sweep.svg`, `sweep.png`, and
/// the sweep's memo as `report.md` and `report.html` (the chart inline).
pub fn render(s: &Sweep) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut files = vec![
        ("sweep.json".to_string(), json(s).into_bytes()),
        ("sweep.csv".to_string(), csv(s).into_bytes()),
    ];
    let charts =
        plots::render_sweep(s).map_err(|e| anyhow::anyhow!("cannot draw the chart: {e}"))?;
    let blocks = memo(s);
    let svg = |stem: &str| {
        let name = format!("{stem}.svg");
        charts
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
    };
    files.push(("report.md".into(), markdown::render(&blocks).into_bytes()));
    files.push((
        "report.html".into(),
        html::render(&blocks, &svg).into_bytes(),
    ));
    files.extend(charts);
    Ok(files)
}

/// The sweep's memo: what was swept and how, a table of every candidate at every value, and
/// the chart.
fn memo(s: &Sweep) -> Vec<Block> {
    let names_of = Names(&s.labels);
    let input = names_of.input(&s.param, FactorKind::Input);
    let names: Vec<&str> = s
        .points
        .first()
        .map(|p| p.candidates.iter().map(|c| c.name.as_str()).collect())
        .unwrap_or_default();
    let mut header = vec![format!("{input} (value)")];
    header.extend(names.iter().map(|n| {
        format!(
            "{}: P(payback ≤ {} months), median payback, mean NPV ({})",
            names_of.option(n),
            s.within_months,
            s.currency
        )
    }));
    let rows = s
        .points
        .iter()
        .map(|p| {
            std::iter::once(group(&crate::distribution::fmt(p.value)))
                .chain(p.candidates.iter().map(|c| {
                    format!(
                        "{}, {}, {}",
                        percent(c.p_within),
                        months(c.payback_p50_months),
                        money(c.npv_mean)
                    )
                }))
                .collect()
        })
        .collect();
    vec![
        Block::Heading(1, format!("{}: what if {input} changes", s.scenario)),
        Block::Paragraph(format!(
            "The input {input} ({} in the file) set to each value below in turn, every other input as \
             the file gives it; {} trials per value, seed {}, the same trials at every value \
             (common random numbers), so a change between values is the input's, not noise. \
             Horizon {} months; a median of \"never\" means half the trials or more never pay back \
             within it.",
            s.param,
            count(s.trials),
            s.seed,
            s.horizon_months
        )),
        Block::Table(header, rows),
        Block::Chart(
            "sweep".into(),
            format!(
                "P(payback ≤ {} months) and the median payback against {input}",
                s.within_months
            ),
        ),
    ]
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
