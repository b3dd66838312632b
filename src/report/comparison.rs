//! The stress comparison and the deprecation pack as tables, shared by the terminal and the
//! memo.

use super::factors::Names;
use super::format::{money, months, share_or_none};
use crate::results::Summary;
use crate::results::stress::{Change, DeprecationStress};
use crate::results::summary::CandidateSummary;

/// The stress comparison as a table: the base case, then every stress case, one row per
/// candidate it changes, with the change from the base, and one row naming those it leaves
/// unchanged. Shared by the terminal and the memo.
pub fn stress_table(s: &Summary) -> (Vec<String>, Vec<Vec<String>>) {
    let header = [
        "case",
        "candidate",
        "payback P10 / P50 / P90 (months)",
        "never pays back",
        "mean NPV",
        "change of P50",
        "change of never",
        "change of mean NPV",
    ];
    let names = Names::of(s);
    let row = |case: &str, c: &CandidateSummary, change: Option<&Change>| {
        let p = &c.payback_months;
        let [d50, dnever, dnpv] = change.map_or_else(
            || ["".into(), "".into(), "".into()],
            |d| {
                [
                    d.payback_p50_months.map_or_else(
                        || "n/a (never)".into(),
                        // Rounded first, so that a tiny change reads +0.00, not -0.00.
                        |m| format!("{:+.2} months", (100.0 * m).round() / 100.0 + 0.0),
                    ),
                    format!("{:+.1} pts", (1000.0 * d.p_never).round() / 10.0 + 0.0),
                    signed_money(d.npv_mean),
                ]
            },
        );
        vec![
            case.to_string(),
            names.option(&c.name),
            format!("{} / {} / {}", months(p.p10), months(p.p50), months(p.p90)),
            share_or_none(c.p_never),
            money(c.npv.mean),
            d50,
            dnever,
            dnpv,
        ]
    };
    let mut rows: Vec<Vec<String>> = s
        .candidates
        .iter()
        .map(|c| row("base case", c, None))
        .collect();
    // A candidate the case leaves as it was (the same trials give the same figures) is not
    // repeated: one row names the unchanged ones.
    for case in &s.stress {
        let mut unchanged = Vec::new();
        for ((c, d), base) in case
            .candidates
            .iter()
            .zip(&case.change_from_base)
            .zip(&s.candidates)
        {
            if c.payback_months == base.payback_months
                && c.p_never == base.p_never
                && c.npv.mean == base.npv.mean
            {
                unchanged.push(names.option(&c.name));
            } else {
                rows.push(row(&case.name, c, Some(d)));
            }
        }
        if !unchanged.is_empty() {
            let mut note = vec![String::new(); header.len()];
            note[0] = case.name.clone();
            note[1] = format!("{}: unchanged", unchanged.join(", "));
            rows.push(note);
        }
    }
    (header.iter().map(|h| h.to_string()).collect(), rows)
}

/// The deprecation pack as a table: one row per month, P(never) and median payback of every
/// candidate.
pub fn deprecation_table(
    pack: &DeprecationStress,
    names: Names,
) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header = vec![format!(
        "{}'s model retired in month",
        names.option(&pack.option)
    )];
    if let Some(first) = pack.points.first() {
        header.extend(
            first
                .candidates
                .iter()
                .map(|c| format!("{}: never / P50", names.option(&c.name))),
        );
    }
    let rows = pack
        .points
        .iter()
        .map(|p| {
            std::iter::once(p.month.to_string())
                .chain(p.candidates.iter().map(|c| {
                    format!(
                        "{} / {}",
                        share_or_none(c.p_never),
                        months(c.payback_p50_months)
                    )
                }))
                .collect()
        })
        .collect();
    (header, rows)
}

/// An amount with its sign: `+1,234`, `-56`.
fn signed_money(x: f64) -> String {
    if x.round() > 0.0 {
        format!("+{}", money(x))
    } else {
        money(x)
    }
}
