//! What it is worth to learn before deciding. The decision: choose the option (the baseline or
//! a candidate) with the highest expected NPV against the baseline.
//!
//! - EVPI, the expected value of perfect information: `E[max_o NPV_o] − max_o E[NPV_o]`, the
//!   mean over trials of the chosen option's regret (the best option's NPV less its own).
//! - EVPPI of one factor, the expected value of perfect information about that factor alone:
//!   `E_X[max_o E[NPV_o − NPV_chosen | X]]`, which equals `E_X[max_o E[NPV_o | X]] − max_o
//!   E[NPV_o]`. `E[· | X]` is estimated by the mean over the trials in the same twentieth of
//!   the factor's distribution (the single-parameter binning estimator of Strong and Oakley,
//!   2013). By Jensen's inequality it lies in [0, EVPI] on the very trials of the run; both are
//!   exactly 0 when the chosen option is the best in every trial.

use crate::collect::{FactorSums, RunAggregate};
use crate::results::value_of_information::{FactorValue, ValueOfInformation};
use crate::scenario::Scenario;

/// The value of information of a run of `scenario`, from its outcomes and sensitivity sums.
pub fn value_of_information(
    scenario: &Scenario,
    run: &RunAggregate,
    sums: &FactorSums,
) -> ValueOfInformation {
    let n = run.trials.max(1) as f64;
    let options: Vec<usize> = std::iter::once(scenario.baseline)
        .chain(scenario.candidates())
        .collect();
    let means: Vec<f64> = std::iter::once(0.0)
        .chain(run.candidates.iter().map(|c| c.sums.npv.sum / n))
        .collect();
    let chosen = (0..means.len()).fold(0, |best, o| if means[o] > means[best] { o } else { best });
    let evpi = sums.regret[chosen] / n;
    let regret_var = (sums.regret_sq[chosen] / n - evpi * evpi).max(0.0);
    // Choice 0 is staying with the baseline (NPV 0 against itself), choice i + 1 candidate i.
    let npv_sum = |choice: usize, f: usize, bin: usize| {
        if choice == 0 {
            0.0
        } else {
            sums.cells_of(choice - 1, f)[bin].npv
        }
    };
    let mut per_input: Vec<FactorValue> = sums
        .factors()
        .iter()
        .enumerate()
        .map(|(f, factor)| {
            let counts = sums.counts_of(f);
            // Σ over bins of (trials in the bin) × the best mean gain over the chosen option.
            let gain: f64 = (0..counts.len())
                .map(|bin| {
                    let chosen_sum = npv_sum(chosen, f, bin);
                    (0..means.len())
                        .map(|o| npv_sum(o, f, bin) - chosen_sum)
                        .fold(0.0, f64::max)
                })
                .sum();
            FactorValue {
                path: factor.path.clone(),
                kind: factor.kind,
                evppi: gain / n,
            }
        })
        .collect();
    per_input.sort_by(|a, b| {
        b.evppi
            .total_cmp(&a.evppi)
            .then_with(|| a.path.cmp(&b.path))
    });
    ValueOfInformation {
        decision: scenario.options[options[chosen]].name.clone(),
        expected_npv: means[chosen],
        evpi,
        evpi_stderr: (regret_var / n).sqrt(),
        per_input,
    }
}
