//! What measuring each factor before deciding is worth, in words and tables, for the terminal,
//! the memo and `value-of-information.csv`.

use super::csv::Table;
use super::factors::{Names, kind_name, short_path};
use super::format::{money, percent};
use crate::results::value_of_information::{FactorValue, ValueOfInformation};
use crate::scenario::FactorKind;

/// The value of information in sentences: the EVPI, and what measuring each of the `count`
/// most valuable factors (with a value above 0) before deciding is worth.
pub fn value_sentences(
    v: &ValueOfInformation,
    currency: &str,
    count: usize,
    names: Names,
) -> Vec<String> {
    let mut lines = vec![format!(
        "Deciding now on expected NPV picks {} ({} {currency}). Knowing every uncertain input \
         before deciding would be worth {} ± {} {currency} (the expected value of perfect \
         information): no study, pilot or measurement can be worth more.",
        names.option(&v.decision),
        money(v.expected_npv),
        money(v.evpi),
        money(v.evpi_stderr)
    )];
    if v.evpi <= 0.0 {
        lines.push(format!(
            "{} is the best option in every trial, so no measurement can change the decision.",
            names.option(&v.decision)
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
            measuring(f, names),
            money(f.evppi)
        ));
    }
    lines
}

/// "Measuring X", or the event's equivalent, as a sentence's start.
fn measuring(f: &FactorValue, names: Names) -> String {
    let (_, option) = short_path(&f.path);
    let option = names.option(option);
    match f.kind {
        FactorKind::Input => format!("Measuring {}", names.input(&f.path, f.kind)),
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
    names: Names,
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
    rows.extend(valued.map(|f| vec![names.input(&f.path, f.kind), money(f.evppi), share(f.evppi)]));
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
