//! The inputs of a scenario in words a CFO reads ("12,000–38,000 (90 % range), median 21,000"),
//! and the deterministic point estimate: both carried in the summary so that every report is
//! rendered from it alone.

use super::summary::{Assumption, PointEstimate};
use crate::model::{CostState, TrialRunner};
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
                    "{} to {} (90 % range), median {}",
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
    PointEstimate {
        baseline_monthly_cost: monthly(0),
        baseline_cost_over_horizon: (0..scenario.horizon_months).map(monthly).sum(),
        candidates: runner
            .outcomes()
            .iter()
            .map(|o| super::summary::PointOutcome {
                upfront: o.upfront,
                payback_months: o.payback.is_finite().then_some(o.payback),
                npv: o.npv,
            })
            .collect(),
    }
}

/// A number for a reader: three significant digits, thousands separated (`21,300`, `0.0512`).
pub fn amount(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let digits = x.abs().log10().floor() as i32;
    if digits >= 3 {
        let unit = 10f64.powi(digits - 2);
        super::format::money((x / unit).round() * unit)
    } else {
        let decimals = (2 - digits).max(0) as usize;
        let text = format!("{x:.decimals$}");
        if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::amount;

    #[test]
    fn amounts_keep_three_significant_digits() {
        assert_eq!(amount(21_345.0), "21,300");
        assert_eq!(amount(1_234_567.0), "1,230,000");
        assert_eq!(amount(0.051234), "0.0512");
        assert_eq!(amount(1.5), "1.5");
        assert_eq!(amount(150.0), "150");
        assert_eq!(amount(-40_000.0), "-40,000");
    }
}
