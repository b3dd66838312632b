//! Stress cases: the file's `[[stress]]` sections and the built-in vendor-deprecation pack,
//! each a named set of changes to the base scenario, run with the base's trials and seed.

use super::summarise::candidate_summaries;
use crate::collect::RunAggregate;
use crate::config::{Document, Override};
use crate::error::InputError;
use crate::results::Summary;
use crate::results::stress::{
    Change, DeprecationPoint, DeprecationStress, PointStat, StressResult,
};
use crate::results::summary::CandidateSummary;
use crate::scenario::Scenario;

/// Months at which the deprecation pack retires the vendor's model.
pub const DEPRECATION_MONTHS: [u32; 4] = [3, 6, 12, 24];

/// A stress case ready to run.
#[derive(Debug, Clone)]
pub struct Case {
    /// The case's name, as reports show it.
    pub name: String,
    /// Its changes to the base scenario.
    pub set: Vec<Override>,
    /// The base scenario with the changes made.
    pub scenario: Scenario,
}

/// The deprecation pack: the option whose model is retired, and one case per month of
/// [`DEPRECATION_MONTHS`].
#[derive(Debug, Clone)]
pub struct Pack {
    /// The option whose vendor model is retired.
    pub option: String,
    /// One case per month, in the order of [`DEPRECATION_MONTHS`].
    pub cases: Vec<Case>,
}

impl Pack {
    /// The pack's results by month, from the results of its cases (in the same order).
    pub fn summary(&self, results: &[StressResult]) -> DeprecationStress {
        DeprecationStress {
            option: self.option.clone(),
            points: DEPRECATION_MONTHS
                .iter()
                .zip(results)
                .map(|(&month, case)| DeprecationPoint {
                    month,
                    case: case.name.clone(),
                    candidates: case.candidates.iter().map(PointStat::of).collect(),
                })
                .collect(),
        }
    }
}

/// Every case's results beside the `base`, from its outcomes (run with the base's trials
/// and seed: common random numbers), which `outcomes` gives case by case, in order.
pub fn run(
    cases: &[Case],
    base: &Summary,
    outcomes: &mut dyn FnMut(&Case) -> anyhow::Result<RunAggregate>,
) -> anyhow::Result<Vec<StressResult>> {
    cases
        .iter()
        .map(|case| {
            let run = outcomes(case)?;
            let candidates = candidate_summaries(&case.scenario, &run);
            Ok(compare(&case.name, &case.set, base, candidates))
        })
        .collect()
}

/// The file's own stress cases.
pub fn file_cases(doc: &Document) -> Vec<Case> {
    doc.stress()
        .iter()
        .map(|c| Case {
            name: c.name.clone(),
            set: c.set.clone(),
            scenario: c.scenario.clone(),
        })
        .collect()
}

/// The vendor-deprecation pack: the model of `option` (by default the baseline's when it has a
/// `deprecation` table, else the first candidate's that has one) retired at each month of
/// [`DEPRECATION_MONTHS`], once, with the migration cost, downtime and successor factors the
/// file gives it.
pub fn deprecation_pack(doc: &Document, option: Option<&str>) -> Result<Pack, String> {
    let base = doc.base();
    let name = match option {
        Some(name) => {
            if !base.options.iter().any(|o| o.name == name) {
                let names: Vec<&str> = base.options.iter().map(|o| o.name.as_str()).collect();
                return Err(format!(
                    "`{name}` is not an option; the options are {}",
                    names.join(", ")
                ));
            }
            name.to_string()
        }
        None => std::iter::once(base.baseline)
            .chain(base.candidates())
            .map(|i| &base.options[i])
            .find(|o| o.deprecation.is_some())
            .map(|o| o.name.clone())
            .ok_or_else(|| {
                "no option has a deprecation table: add [options.NAME.deprecation] with the \
                 vendor's migration cost to the vendor-hosted option, or name it: \
                 --stress-deprecation=NAME"
                    .to_string()
            })?,
    };
    let cases = DEPRECATION_MONTHS
        .iter()
        .map(|&month| {
            let set = vec![Override::number(
                &format!("options.{name}.deprecation.at_month"),
                f64::from(month),
            )];
            let scenario = doc.variant(&set).map_err(|e: InputError| e.to_string())?;
            Ok(Case {
                name: format!("{name}'s model deprecated in month {month}"),
                set,
                scenario,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(Pack {
        option: name,
        cases,
    })
}

/// The result of the case `name` with changes `set`, whose candidates' summaries are `case`,
/// beside the `base`.
pub fn compare(
    name: &str,
    set: &[Override],
    base: &Summary,
    case: Vec<CandidateSummary>,
) -> StressResult {
    let change_from_base = base
        .candidates
        .iter()
        .zip(&case)
        .map(|(b, c)| Change {
            name: c.name.clone(),
            payback_p50_months: c
                .payback_months
                .p50
                .zip(b.payback_months.p50)
                .map(|(c, b)| c - b),
            p_never: c.p_never - b.p_never,
            npv_mean: c.npv.mean - b.npv.mean,
            npv_p50: c.npv.p50 - b.npv.p50,
        })
        .collect();
    StressResult {
        name: name.to_string(),
        set: set
            .iter()
            .map(|o| (o.path.clone(), o.value_text()))
            .collect(),
        candidates: case,
        change_from_base,
    }
}
