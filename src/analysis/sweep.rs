//! `payback sweep`: one run per value of one input (set as a constant at its dotted path), all
//! with the same trials and seed, so that the curve of P(payback ≤ T) and median payback
//! against the value moves only with the value (break-even volume curves are the main use).

use super::check_within;
use super::summarise::candidate_summaries;
use crate::collect::RunAggregate;
use crate::config::{Document, Override};
use crate::distribution::fmt;
use crate::engine::{Engine, Interrupted, RunSettings};
use crate::error::InputError;
use crate::error::{BadQuestion, QuestionPart};
use crate::numbers::{count, group};
use crate::results::sweep::{Sweep, SweepPoint, SweepStat};
use crate::scenario::{Months, Scenario};

/// Most values in one sweep.
pub const MAX_VALUES: usize = 1000;

/// The values of `--values`: `a..b/n` (n evenly spaced values from a to b, both included) or a
/// comma-separated list.
///
/// ```
/// use payback::analysis::sweep::parse_values;
/// assert_eq!(parse_values("1000..3000/3").unwrap(), vec![1000.0, 2000.0, 3000.0]);
/// assert_eq!(parse_values("0.5, 2").unwrap(), vec![0.5, 2.0]);
/// assert_eq!(parse_values("0.01..0.1/10").unwrap()[1], 0.02);
/// assert_eq!(parse_values("1_000,2_500").unwrap(), vec![1000.0, 2500.0]);
/// assert!(parse_values("3..1/1").is_err());
/// ```
pub fn parse_values(text: &str) -> Result<Vec<f64>, String> {
    let number = |s: &str| -> Result<f64, String> {
        s.trim()
            .replace('_', "")
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| format!("`{}` is not a number", s.trim()))
    };
    let form = "write a..b/n (n evenly spaced values from a to b) or a list a,b,c";
    let values = if let Some((range, steps)) = text.split_once('/') {
        let (a, b) = range
            .split_once("..")
            .ok_or_else(|| format!("`{text}` is not a range: {form}"))?;
        let (a, b) = (number(a)?, number(b)?);
        let n: usize = steps
            .trim()
            .parse()
            .ok()
            .filter(|n| (2..=MAX_VALUES).contains(n))
            .ok_or_else(|| {
                format!(
                    "`{}` is not allowed after /: must be a number of values in [2, {}]",
                    steps.trim(),
                    count(MAX_VALUES as u64)
                )
            })?;
        if a == b {
            return Err(format!("the range {a}..{b} is empty: {form}"));
        }
        // Each step rounded to 12 significant digits: 0.01..0.1/10 gives 0.02, not
        // 0.020000000000000004; the ends are the values given.
        (0..n)
            .map(|i| match i {
                0 => a,
                i if i == n - 1 => b,
                i => {
                    let x = a + (b - a) * i as f64 / (n - 1) as f64;
                    format!("{x:.11e}").parse().unwrap_or(x)
                }
            })
            .collect()
    } else {
        text.split(',').map(number).collect::<Result<Vec<_>, _>>()?
    };
    if values.is_empty() || values.len() > MAX_VALUES {
        return Err(format!(
            "{} values given: a sweep takes 1 to {}",
            count(values.len() as u64),
            count(MAX_VALUES as u64)
        ));
    }
    Ok(values)
}

/// A sweep checked before anything runs: the scenario of each value, and the whole months
/// of the target.
pub struct SweepPlan {
    /// The input's dotted path.
    pub param: String,
    /// The values, in the order given.
    pub values: Vec<f64>,
    /// One scenario per value: the base with the input set to it.
    pub scenarios: Vec<Scenario>,
    /// The target payback time T.
    pub within: u32,
}

impl SweepPlan {
    /// The sweep of `param` over `values` on `doc`; a value the input does not allow, or a
    /// target outside the horizon, is an error naming it.
    pub fn new(
        doc: &Document,
        param: &str,
        values: &[f64],
        within: Months,
    ) -> Result<Self, BadQuestion> {
        let within = check_within(within, doc.base().horizon_months)?;
        let scenarios = values
            .iter()
            .map(|&v| {
                doc.variant(&[Override::number(param, v)])
                    .map_err(|e: InputError| {
                        let message = format!(
                            "{param} = {} in {}: {}",
                            group(&fmt(v)),
                            e.file.display(),
                            e.message
                        );
                        BadQuestion::new(QuestionPart::Input, message)
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(SweepPlan {
            param: param.to_string(),
            values: values.to_vec(),
            scenarios,
            within,
        })
    }

    /// The empty collection of value `i`'s run: its outcomes without the monthly band, which a
    /// sweep does not show.
    pub fn empty(&self, i: usize) -> RunAggregate {
        RunAggregate::without_band(&self.scenarios[i])
    }

    /// The point of value `i` from the outcomes of its run of `settings`.
    pub fn point(&self, i: usize, settings: RunSettings, run: &RunAggregate) -> SweepPoint {
        let n = settings.trials as f64;
        let candidates = candidate_summaries(&self.scenarios[i], run)
            .iter()
            .zip(&run.candidates)
            .map(|(c, agg)| {
                let p = agg.payback.cdf_at(self.within);
                SweepStat {
                    name: c.name.clone(),
                    p_within: p,
                    p_within_stderr: (p * (1.0 - p) / n).sqrt(),
                    payback_p50_months: c.payback_months.p50,
                    p_never: c.p_never,
                    npv_mean: c.npv.mean,
                }
            })
            .collect();
        SweepPoint {
            value: self.values[i],
            candidates,
        }
    }

    /// The sweep of `doc` run with `settings`, from its points in value order.
    pub fn results(&self, doc: &Document, settings: RunSettings, points: Vec<SweepPoint>) -> Sweep {
        let base = doc.base();
        Sweep {
            scenario: base.name.clone(),
            param: self.param.clone(),
            within_months: self.within,
            trials: settings.trials,
            seed: settings.seed,
            horizon_months: base.horizon_months,
            currency: base.currency.clone(),
            labels: base.labels.clone(),
            points,
        }
    }
}

/// Runs the sweep of `plan`; `progress` is told the trials done so far, over all values. A
/// stop asked by the user is an [`Interrupted`] counting the whole sweep's trials.
pub fn run(
    engine: &Engine,
    doc: &Document,
    plan: &SweepPlan,
    settings: RunSettings,
    progress: &(dyn Fn(u64) + Sync),
) -> anyhow::Result<Sweep> {
    let total = settings.trials * plan.values.len() as u64;
    let mut points = Vec::new();
    for (i, scenario) in plan.scenarios.iter().enumerate() {
        let before = settings.trials * i as u64;
        let run = engine
            .simulate(scenario, settings, &|| plan.empty(i), &|done| {
                progress(before + done)
            })
            .map_err(|e| Interrupted::count_within(e, before, Some(total)))?;
        points.push(plan.point(i, settings, &run));
    }
    Ok(plan.results(doc, settings, points))
}
