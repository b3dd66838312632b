//! What drives each candidate's risk, in words and tables, for the terminal, the memo and
//! `sensitivity.csv`: a candidate's biggest risks as sentences and its top factors as a table.

use super::csv::{Table, months_field};
use super::factors::{Names, kind_name, short_path};
use super::format::{money, months, percent, significant};
use crate::results::sensitivity::{CandidateSensitivity, FactorEffect};
use crate::results::summary::Summary;
use crate::scenario::FactorKind;

/// The bad side of a factor for one candidate, in words, as a sentence's start: which tenth
/// lowers the mean NPV.
fn bad_side(e: &FactorEffect, names: Names) -> String {
    let high_is_bad = e.npv_swing < 0.0;
    let (_, option) = short_path(&e.path);
    let option = names.option(option);
    let name = names.input(&e.path, e.kind);
    match (e.kind, high_is_bad) {
        (FactorKind::Input, true) => {
            format!("High {name} (its top tenth, {} or more)", edge(e.high.edge))
        }
        (FactorKind::Input, false) => format!(
            "Low {name} (its bottom tenth, {} or less)",
            edge(e.low.edge)
        ),
        (FactorKind::Success, true) => format!("The {option} project fails"),
        (FactorKind::Success, false) => format!("The {option} project succeeds"),
        (FactorKind::Deprecation, false) => {
            format!("The vendor retires {option}'s model early (the earliest tenth)")
        }
        (FactorKind::Deprecation, true) => {
            format!("The vendor retires {option}'s model late (the latest tenth)")
        }
    }
}

fn edge(x: Option<f64>) -> String {
    x.map_or_else(String::new, |x| significant(x, 3))
}

/// The `count` factors that move the candidate's NPV most (beyond their noise), as sentences:
/// the bad side, the mean NPV and P(never) there against the opposite tenth, and the factor's
/// share of the NPV variance.
pub fn biggest_risks(
    c: &CandidateSensitivity,
    currency: &str,
    count: usize,
    names: Names,
) -> Vec<String> {
    c.factors
        .iter()
        .filter(|e| e.is_signal())
        .take(count)
        .map(|e| {
            let (bad, good) = if e.npv_swing < 0.0 {
                (&e.high, &e.low)
            } else {
                (&e.low, &e.high)
            };
            let opposite = match (e.kind, e.npv_swing < 0.0) {
                (FactorKind::Success, true) => "where it succeeds",
                (FactorKind::Success, false) => "where it fails",
                _ => "in the opposite tenth",
            };
            format!(
                "{}: the mean NPV is {} {currency} there against {} {currency} {opposite}, and \
                 it never pays back in {} of those trials against {}; this factor alone \
                 explains {} of the NPV's variance.",
                bad_side(e, names),
                money(bad.mean_npv),
                money(good.mean_npv),
                percent(bad.p_never),
                percent(good.p_never),
                percent(e.npv_variance_share)
            )
        })
        .collect()
}

/// A candidate's top `count` factors as a table: header and rows.
pub fn sensitivity_table(
    c: &CandidateSensitivity,
    currency: &str,
    count: usize,
    names: Names,
) -> (Vec<String>, Vec<Vec<String>>) {
    let header = [
        "factor".to_string(),
        format!("mean NPV, low → high tenth ({currency})"),
        "swing ± s.e.".into(),
        "P(never), low → high".into(),
        "P50 payback, low → high".into(),
        "share of NPV variance".into(),
    ];
    let rows = c
        .factors
        .iter()
        .take(count)
        .map(|e| {
            vec![
                names.input(&e.path, e.kind),
                match e.kind {
                    FactorKind::Success => format!(
                        "succeeds {} → fails {}",
                        money(e.low.mean_npv),
                        money(e.high.mean_npv)
                    ),
                    _ => format!("{} → {}", money(e.low.mean_npv), money(e.high.mean_npv)),
                },
                format!("{} ± {}", money(e.npv_swing), money(e.npv_swing_stderr)),
                format!("{} → {}", percent(e.low.p_never), percent(e.high.p_never)),
                format!(
                    "{} → {}",
                    months(e.low.p50_payback_months),
                    months(e.high.p50_payback_months)
                ),
                percent(e.npv_variance_share),
            ]
        })
        .collect();
    (header.to_vec(), rows)
}

/// `sensitivity.csv`: one row per candidate and factor, in rank order.
pub fn sensitivity_csv(s: &Summary) -> String {
    let mut t = Table::new(&[
        "candidate",
        "factor",
        "kind",
        "low_edge",
        "high_edge",
        "low_trials",
        "high_trials",
        "low_mean_npv",
        "high_mean_npv",
        "npv_swing",
        "npv_swing_stderr",
        "low_p_never",
        "high_p_never",
        "low_p50_payback",
        "high_p50_payback",
        "npv_variance_share",
    ]);
    let opt = |x: Option<f64>| x.map_or_else(String::new, |x| x.to_string());
    for c in &s.sensitivity {
        for e in &c.factors {
            t.row([
                c.candidate.clone(),
                e.path.clone(),
                kind_name(e.kind).to_string(),
                opt(e.low.edge),
                opt(e.high.edge),
                e.low.trials.to_string(),
                e.high.trials.to_string(),
                e.low.mean_npv.to_string(),
                e.high.mean_npv.to_string(),
                e.npv_swing.to_string(),
                e.npv_swing_stderr.to_string(),
                e.low.p_never.to_string(),
                e.high.p_never.to_string(),
                months_field(e.low.p50_payback_months),
                months_field(e.high.p50_payback_months),
                e.npv_variance_share.to_string(),
            ]);
        }
    }
    t.finish()
}
