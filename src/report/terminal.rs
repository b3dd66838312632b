//! The summary table printed at the end of `payback run`.

use super::comparison::{deprecation_table, stress_table};
use super::factors::Names;
use super::format::{
    IRR_SHOWN_UP_TO, count, money, months, none_of, percent, percent_err, significant,
};
use super::sensitivity::sensitivity_table;
use super::value_of_information::value_table;
use crate::results::summary::Summary;
use std::fmt::Write;

/// Renders the terminal summary of a run.
pub fn render(s: &Summary) -> String {
    let mut out = String::new();
    let cur = &s.currency;
    let _ = writeln!(out, "{}", s.scenario);
    let _ = writeln!(
        out,
        "{} trials, seed {}, horizon {} months, discount rate {}",
        count(s.trials),
        s.seed,
        s.horizon_months,
        percent(s.discount_rate)
    );
    for (index, c) in s.candidates.iter().enumerate() {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{} vs {} (baseline)",
            Names::of(s).option(&c.name),
            Names::of(s).option(&c.baseline)
        );
        let _ = writeln!(
            out,
            "  {:<26}{:>13}{:>13}{:>13}{:>13}",
            "", "P10", "P50", "P90", "mean"
        );
        let row = |out: &mut String, label: String, cells: [String; 4]| {
            let _ = writeln!(
                out,
                "  {label:<26}{:>13}{:>13}{:>13}{:>13}",
                cells[0], cells[1], cells[2], cells[3]
            );
        };
        let u = &c.upfront;
        row(
            &mut out,
            format!("upfront ({cur})"),
            [money(u.p10), money(u.p50), money(u.p90), money(u.mean)],
        );
        let p = &c.payback_months;
        row(
            &mut out,
            "payback (months)".into(),
            [months(p.p10), months(p.p50), months(p.p90), String::new()],
        );
        if let Some(d) = &c.discounted_payback {
            let p = &d.months;
            row(
                &mut out,
                "discounted payback (mo.)".into(),
                [months(p.p10), months(p.p50), months(p.p90), String::new()],
            );
        }
        let n = &c.npv;
        row(
            &mut out,
            format!("NPV ({cur})"),
            [money(n.p10), money(n.p50), money(n.p90), money(n.mean)],
        );
        if let Some(r) = &c.roi {
            let pct = |x: f64| format!("{} %", money(100.0 * x));
            row(
                &mut out,
                "ROI".into(),
                [pct(r.p10), pct(r.p50), pct(r.p90), pct(r.mean)],
            );
        }
        if c.p_never == 0.0 {
            let _ = writeln!(
                out,
                "  never pays back within {} months: {}",
                s.horizon_months,
                none_of(s.trials)
            );
        } else {
            let _ = writeln!(
                out,
                "  P(never pays back within {} months): {} ± {}",
                s.horizon_months,
                percent(c.p_never),
                percent_err(c.p_never_stderr)
            );
        }
        if !c.p_payback_within.is_empty() {
            let within: Vec<String> = c
                .p_payback_within
                .iter()
                .map(|m| format!("≤ {} months: {}", m.months, percent(m.probability)))
                .collect();
            let _ = writeln!(out, "  P(payback {})", within.join(", "));
        }
        let _ = writeln!(
            out,
            "  mean NPV ± standard error: {} ± {} {cur}",
            money(n.mean),
            money(n.mean_stderr)
        );
        let d = &c.downside;
        let _ = writeln!(
            out,
            "  loses money (NPV < 0) in {}; worst 10 % of trials: mean NPV {} {cur}",
            if d.p_npv_negative == 0.0 {
                none_of(s.trials)
            } else {
                format!("{} of trials", percent(d.p_npv_negative))
            },
            money(d.worst_10pct_mean_npv)
        );
        if let Some(irr) = &c.irr {
            let pct = |x: f64| {
                if x > IRR_SHOWN_UP_TO {
                    "> 1,000 %".to_string()
                } else {
                    format!("{} %", money(100.0 * x))
                }
            };
            let spread = irr.spread.as_ref().map_or_else(
                || "none".to_string(),
                |r| format!("{} / {} / {}", pct(r.p10), pct(r.p50), pct(r.p90)),
            );
            let undefined = if irr.p_undefined == 0.0 {
                String::new()
            } else {
                format!(
                    "; no IRR (no sign change) in {} of trials",
                    percent(irr.p_undefined)
                )
            };
            let _ = writeln!(out, "  IRR a year, P10 / P50 / P90: {spread}{undefined}");
        }
        if let Some(fte) = s
            .point_estimate
            .candidates
            .get(index)
            .and_then(|p| p.fte_equivalent)
        {
            let _ = writeln!(
                out,
                "  people's time saved (point estimate, month 0): {} full-time equivalents",
                significant(fte, 3)
            );
        }
        let _ = writeln!(
            out,
            "  project succeeded in {} of trials",
            percent(c.p_success)
        );
    }
    if !s.stress.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Stress cases (the same trials as the base: a change is the stress, not noise; {cur}):"
        );
        let (header, rows) = stress_table(s);
        columns(&mut out, &header, &rows);
    }
    if let Some(pack) = &s.deprecation_stress {
        let _ = writeln!(out);
        let (header, rows) = deprecation_table(pack, Names::of(s));
        columns(&mut out, &header, &rows);
    }
    let baseline = s.candidates.first().map_or("", |c| c.baseline.as_str());
    let _ = writeln!(out);
    let _ = writeln!(out, "Options by expected NPV against {baseline} ({cur}):");
    for (rank, o) in s.expected_npv_ranking.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {}. {:<24}{:>14}   best NPV in {} of trials",
            rank + 1,
            o.name,
            money(o.mean_npv),
            percent(o.p_best)
        );
    }
    if !s.head_to_head.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Head to head, trial by trial ({cur}):");
        for h in &s.head_to_head {
            let d = &h.npv_difference;
            let _ = writeln!(
                out,
                "  {} beats {} in {} of trials; NPV difference P10 / P50 / P90 {} / {} / {}, mean {}",
                h.a,
                h.b,
                percent(h.p_a_beats_b),
                money(d.p10),
                money(d.p50),
                money(d.p90),
                money(d.mean)
            );
        }
    }
    for c in &s.sensitivity {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "What moves the NPV of {} (its mean in the trials where a factor is in its lowest \
             or highest tenth; top {TOP_FACTORS} of {}):",
            Names::of(s).option(&c.candidate),
            c.factors.len()
        );
        let (header, rows) = sensitivity_table(c, cur, TOP_FACTORS, Names::of(s));
        columns(&mut out, &header, &rows);
    }
    if let Some(v) = &s.value_of_information {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "What learning a factor before choosing is worth (choosing now: {}):",
            Names::of(s).option(&v.decision)
        );
        let (header, rows) = value_table(v, cur, TOP_VALUES, Names::of(s));
        columns(&mut out, &header, &rows);
    }
    out
}

/// Factors shown per candidate in the terminal (every factor is in `sensitivity.csv`).
const TOP_FACTORS: usize = 6;
/// Factors shown in the terminal's value-of-information table.
const TOP_VALUES: usize = 5;

/// A table in aligned columns: the first two left-aligned, the rest right-aligned.
fn columns(out: &mut String, header: &[String], rows: &[Vec<String>]) {
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            std::iter::once(&header[i])
                .chain(rows.iter().map(|r| &r[i]))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, &w))| {
                if i < 2 {
                    format!("{cell:<w$}")
                } else {
                    format!("{cell:>w$}")
                }
            })
            .collect();
        let _ = writeln!(out, "  {}", cells.join("  ").trim_end());
    }
}
