//! The first N trials of a run, one at a time (`payback run --export-samples N`): trials are keyed
//! by their index ([`crate::streams`]), so these are exactly the run's first N trials.

use crate::model::TrialRunner;
use crate::results::samples::{Sample, SampleOutcome};
use crate::scenario::Scenario;
use crate::streams::trial_key;

/// Most trials `--export-samples` writes (a file of some hundred MiB at most).
pub const MAX_SAMPLES: u64 = 1_000_000;

/// The dotted paths of the uncertain inputs, in the order of [`Sample::inputs`].
pub fn uncertain_paths(scenario: &Scenario) -> Vec<&str> {
    scenario
        .inputs
        .iter()
        .filter(|i| i.dist.as_constant().is_none())
        .map(|i| i.path.as_str())
        .collect()
}

/// Runs the first `n` trials of the run of `scenario` seeded with `seed`, handing each to `each`.
pub fn samples(scenario: &Scenario, seed: u64, n: u64, each: &mut dyn FnMut(Sample)) {
    let uncertain: Vec<usize> = scenario
        .inputs
        .iter()
        .enumerate()
        .filter(|(_, i)| i.dist.as_constant().is_none())
        .map(|(k, _)| k)
        .collect();
    let mut runner = TrialRunner::new(scenario);
    let mut inputs = vec![0.0; uncertain.len()];
    let mut candidates = Vec::new();
    for trial in 0..n {
        runner.run(trial_key(seed, trial));
        for (input, &k) in inputs.iter_mut().zip(&uncertain) {
            *input = runner.draws()[k];
        }
        candidates.clear();
        candidates.extend(runner.outcomes().iter().map(|o| SampleOutcome {
            succeeded: o.succeeded,
            upfront: o.upfront,
            payback_months: o.payback.is_finite().then_some(o.payback),
            npv: o.npv,
        }));
        each(Sample {
            trial,
            inputs: &inputs,
            candidates: &candidates,
        });
    }
}
