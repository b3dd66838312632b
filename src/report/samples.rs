//! `samples.csv` (`payback run --export-samples N`): the first N trials of a run, one row each,
//! with every uncertain input as drawn (by dotted path) and every candidate's outcome, for users
//! who want to look at the raw draws in a spreadsheet. Trials are keyed by their index
//! ([`crate::streams`]), so these are exactly the run's first N trials.

use super::csv::field;
use crate::model::TrialRunner;
use crate::scenario::Scenario;
use crate::streams::trial_key;
use std::fmt::Write;

/// Most trials `--export-samples` writes (a file of some hundred MiB at most).
pub const MAX_SAMPLES: u64 = 1_000_000;

/// The CSV of the first `n` trials of the run of `scenario` seeded with `seed`.
pub fn samples_csv(scenario: &Scenario, seed: u64, n: u64) -> String {
    let uncertain: Vec<usize> = scenario
        .inputs
        .iter()
        .enumerate()
        .filter(|(_, i)| i.dist.as_constant().is_none())
        .map(|(k, _)| k)
        .collect();
    let paths = scenario.inputs.iter().map(|i| i.path.as_str());
    let mut out = String::from("trial");
    for path in paths.enumerate().filter(|(k, _)| uncertain.contains(k)) {
        let _ = write!(out, ",{}", field(path.1));
    }
    for c in scenario.candidates() {
        let name = &scenario.options[c].name;
        for column in ["succeeded", "upfront", "payback_months", "npv"] {
            let _ = write!(out, ",{}", field(&format!("{name}.{column}")));
        }
    }
    out.push('\n');
    let mut runner = TrialRunner::new(scenario);
    for index in 0..n {
        runner.run(trial_key(seed, index));
        let _ = write!(out, "{index}");
        for &k in &uncertain {
            let _ = write!(out, ",{}", runner.draws()[k]);
        }
        for o in runner.outcomes() {
            let payback = if o.payback.is_finite() {
                o.payback.to_string()
            } else {
                "never".to_string()
            };
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
    out
}
