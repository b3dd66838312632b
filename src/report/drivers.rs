//! Sensitivity and value of information in words and tables, for the terminal, the memo and
//! the CSV files: each factor named for people, a candidate's biggest risks as sentences, and
//! what measuring each factor before deciding is worth.

use super::csv::{Table, months_field};
use super::format::{money, months, percent, significant};
use crate::results::sensitivity::{CandidateSensitivity, FactorEffect};
use crate::results::summary::Summary;
use crate::results::value_of_information::{FactorValue, ValueOfInformation};
use crate::scenario::FactorKind;

/// A factor's name for people: an input's dotted path without the leading `options.`; a
/// project's success as `NAME project succeeds`; a deprecation as `NAME deprecation time`.
pub fn factor_label(path: &str, kind: FactorKind) -> String {
    let (path, option) = short_path(path);
    match kind {
        FactorKind::Input => path.to_string(),
        FactorKind::Success => format!("{option} project succeeds"),
        FactorKind::Deprecation => format!("{option} deprecation time"),
    }
}

/// A factor's path without the leading `options.`, and its first part (the option's name for
/// options' factors).
fn short_path(path: &str) -> (&str, &str) {
    let path = path.strip_prefix("options.").unwrap_or(path);
    (path, path.split('.').next().unwrap_or(path))
}

/// Whether a swing stands out of its Monte Carlo noise (more than 2 standard errors).
fn is_signal(e: &FactorEffect) -> bool {
    e.npv_swing.abs() > 2.0 * e.npv_swing_stderr
}

/// The bad side of a factor for one candidate, in words, as a sentence's start: which tenth
/// lowers the mean NPV.
fn bad_side(e: &FactorEffect) -> String {
    let high_is_bad = e.npv_swing < 0.0;
    let (path, option) = short_path(&e.path);
    match (e.kind, high_is_bad) {
        (FactorKind::Input, true) => {
            format!("High {path} (its top tenth, {} or more)", edge(e.high.edge))
        }
        (FactorKind::Input, false) => format!(
            "Low {path} (its bottom tenth, {} or less)",
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
pub fn biggest_risks(c: &CandidateSensitivity, currency: &str, count: usize) -> Vec<String> {
    c.factors
        .iter()
        .filter(|e| is_signal(e))
        .take(count)
        .map(|e| {
            let (bad, good) = if e.npv_swing < 0.0 {
                (&e.high, &e.low)
            } else {
                (&e.low, &e.high)
            };
            format!(
                "{}: the mean NPV is {} {currency} there against {} {currency} in the opposite \
                 tenth, and it never pays back in {} of those trials against {}; this factor \
                 alone explains {} of the NPV's variance.",
                bad_side(e),
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
                factor_label(&e.path, e.kind),
                format!("{} → {}", money(e.low.mean_npv), money(e.high.mean_npv)),
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

/// The value of information in sentences: the EVPI, and what measuring each of the `count`
/// most valuable factors (with a value above 0) before deciding is worth.
pub fn value_sentences(v: &ValueOfInformation, currency: &str, count: usize) -> Vec<String> {
    let mut lines = vec![format!(
        "Deciding now on expected NPV picks {} ({} {currency}). Knowing every uncertain input \
         before deciding would be worth {} ± {} {currency} (the expected value of perfect \
         information): no study, pilot or measurement can be worth more.",
        v.decision,
        money(v.expected_npv),
        money(v.evpi),
        money(v.evpi_stderr)
    )];
    if v.evpi <= 0.0 {
        lines.push(format!(
            "{} is the best option in every trial, so no measurement can change the decision.",
            v.decision
        ));
        return lines;
    }
    let valued: Vec<&FactorValue> = v
        .per_input
        .iter()
        .filter(|f| f.evppi > 0.0)
        .take(count)
        .collect();
    if valued.is_empty() {
        lines.push(
            "No single input is worth measuring on its own: the decision turns only on \
             several of them together."
                .into(),
        );
    }
    for f in valued {
        lines.push(format!(
            "{} before deciding is worth up to {} {currency}.",
            measuring(f),
            money(f.evppi)
        ));
    }
    lines
}

/// "Measuring X", or the event's equivalent, as a sentence's start.
fn measuring(f: &FactorValue) -> String {
    let (path, option) = short_path(&f.path);
    match f.kind {
        FactorKind::Input => format!("Measuring {path}"),
        FactorKind::Success => {
            format!("Knowing whether the {option} project will succeed (from a pilot)")
        }
        FactorKind::Deprecation => format!("Knowing when the vendor will retire {option}'s model"),
    }
}

/// The EVPI and the `count` most valuable factors with a value above 0 as a table (the others
/// in one last row): header and rows.
pub fn value_table(
    v: &ValueOfInformation,
    currency: &str,
    count: usize,
) -> (Vec<String>, Vec<Vec<String>>) {
    let header = vec![
        "learn before deciding".to_string(),
        format!("worth up to ({currency})"),
        "share of EVPI".into(),
    ];
    let share = |x: f64| {
        if v.evpi > 0.0 {
            percent(x / v.evpi)
        } else {
            "–".into()
        }
    };
    let mut rows = vec![vec![
        "everything (EVPI)".to_string(),
        money(v.evpi),
        share(v.evpi),
    ]];
    let valued = v.per_input.iter().take(count).take_while(|f| f.evppi > 0.0);
    rows.extend(valued.map(|f| {
        vec![
            factor_label(&f.path, f.kind),
            money(f.evppi),
            share(f.evppi),
        ]
    }));
    let others = v.per_input.len() + 1 - rows.len();
    if others > 0 {
        let most = v.per_input.get(rows.len() - 1).map_or(0.0, |f| f.evppi);
        rows.push(vec![
            format!("each of the other {others} factors"),
            if most > 0.0 {
                format!("{} or less", money(most))
            } else {
                money(0.0)
            },
            share(most),
        ]);
    }
    (header, rows)
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

/// `value-of-information.csv`: the EVPI first (factor `*`), then every factor's EVPPI.
pub fn value_csv(v: &ValueOfInformation) -> String {
    let mut t = Table::new(&["factor", "kind", "value"]);
    t.row(["*".to_string(), "all".to_string(), v.evpi.to_string()]);
    for f in &v.per_input {
        t.row([
            f.path.clone(),
            kind_name(f.kind).to_string(),
            f.evppi.to_string(),
        ]);
    }
    t.finish()
}

fn kind_name(kind: FactorKind) -> &'static str {
    match kind {
        FactorKind::Input => "input",
        FactorKind::Success => "success",
        FactorKind::Deprecation => "deprecation",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_are_named_for_people() {
        assert_eq!(
            factor_label("options.ft.project.failed_runs", FactorKind::Input),
            "ft.project.failed_runs"
        );
        assert_eq!(
            factor_label("workload.events_per_day", FactorKind::Input),
            "workload.events_per_day"
        );
        assert_eq!(
            factor_label("options.ft.project.success#event", FactorKind::Success),
            "ft project succeeds"
        );
        assert_eq!(
            factor_label("options.api.deprecation#first", FactorKind::Deprecation),
            "api deprecation time"
        );
    }
}
