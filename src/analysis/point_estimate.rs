//! The inputs of a scenario in words a CFO reads ("12,000–38,000 (5–95 %), median 21,000"),
//! and the deterministic point estimate: both carried in the summary so that every report is
//! rendered from it alone.

use crate::model::{CostState, TrialRunner};
use crate::numbers::amount;
use crate::results::check::{CandidatePoint, CheckEstimate, OptionCost};
use crate::results::summary::{Assumption, CostPart, PointEstimate, PointOutcome};
use crate::scenario::Scenario;

/// Every input the scenario file wrote, in file order, with its range in words.
pub fn assumptions(scenario: &Scenario) -> Vec<Assumption> {
    scenario
        .inputs
        .iter()
        .filter(|input| input.written)
        .map(|input| {
            let d = &input.dist;
            let in_words = match d.as_constant() {
                Some(v) => amount(v),
                None => format!(
                    "{}–{} (5–95 %), median {}",
                    amount(d.quantile(0.05)),
                    amount(d.quantile(0.95)),
                    amount(d.quantile(0.5))
                ),
            };
            Assumption {
                path: input.path.clone(),
                uncertain: d.as_constant().is_none(),
                written: d.describe(),
                in_words,
            }
        })
        .collect()
}

/// The point estimate of `scenario`: every input at its mean, every project succeeding.
pub fn point_estimate(scenario: &Scenario) -> PointEstimate {
    let mut runner = TrialRunner::new(scenario);
    runner.run_point_estimate();
    let b = scenario.baseline;
    let spec = &scenario.options[b];
    let cost = runner.running_cost(b);
    let monthly = |m: u32| {
        let state = CostState {
            months_live: m,
            drifting: false,
            successors: 0,
        };
        cost.rate(spec, runner.draws(), m, runner.volume(m), state)
    };
    // Hours of people's work a month, at month 0's volume, of each option doing it with people.
    let people_hours = |o: usize| {
        scenario.options[o]
            .labour
            .as_ref()
            .map(|l| runner.volume(0) * l.hours(runner.draws()))
    };
    PointEstimate {
        baseline_monthly_cost: monthly(0),
        baseline_cost_over_horizon: (0..scenario.horizon_months).map(monthly).sum(),
        baseline_cost_parts: cost
            .parts(spec, runner.draws(), runner.volume(0), &scenario.labels)
            .into_iter()
            .map(|(name, monthly)| CostPart { name, monthly })
            .collect(),
        candidates: scenario
            .candidates()
            .zip(runner.outcomes())
            .map(|(c, o)| PointOutcome {
                upfront: o.upfront,
                payback_months: o.payback.is_finite().then_some(o.payback),
                npv: o.npv,
                fte_equivalent: match (people_hours(b), people_hours(c)) {
                    (None, None) => None,
                    (base, cand) => Some(
                        (base.unwrap_or(0.0) - cand.unwrap_or(0.0)) / scenario.fte_hours_per_month,
                    ),
                },
            })
            .collect(),
    }
}

/// The point estimate of `scenario` in full, as `payback check` prints it: every option's
/// running cost in month 0 and every candidate's outcome.
pub fn check_estimate(scenario: &Scenario) -> CheckEstimate {
    let mut runner = TrialRunner::new(scenario);
    let outcomes = runner.run_point_estimate().to_vec();
    let volume = runner.volume(0);
    let options = scenario
        .options
        .iter()
        .enumerate()
        .map(|(i, option)| {
            let cost = runner.running_cost(i);
            let per_event = cost.per_event(option, runner.draws(), 0, CostState::default());
            let fixed = cost.fixed(volume);
            let benefits = option
                .benefits
                .iter()
                .map(|b| b.monthly.get(runner.draws()))
                .sum::<f64>()
                + 0.0;
            OptionCost {
                name: option.name.clone(),
                baseline: i == scenario.baseline,
                per_event,
                fixed,
                benefits,
                net: volume * per_event + fixed - benefits,
            }
        })
        .collect();
    let candidates = scenario
        .candidates()
        .zip(&outcomes)
        .map(|(c, o)| {
            let option = &scenario.options[c];
            let success = option
                .project
                .as_ref()
                .map(|p| scenario.inputs.get(p.success).dist.mean())
                .filter(|&s| s < 1.0);
            CandidatePoint {
                name: option.name.clone(),
                upfront: o.upfront,
                payback_months: o.payback.is_finite().then_some(o.payback),
                discounted_payback_months: o
                    .discounted_payback
                    .is_finite()
                    .then_some(o.discounted_payback),
                npv: o.npv,
                success,
            }
        })
        .collect();
    CheckEstimate {
        scenario: scenario.name.clone(),
        horizon_months: scenario.horizon_months,
        currency: scenario.currency.clone(),
        labels: scenario.labels.clone(),
        discount_rate: scenario.discount_rate,
        days_per_month: scenario.days_per_month,
        volume,
        options,
        candidates,
    }
}
