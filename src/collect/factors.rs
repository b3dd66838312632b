//! The uncertain quantities of a scenario that sensitivity and value of information rank: every
//! uncertain input (by its dotted path), each candidate's project success and each option's
//! random deprecation time. Each trial puts every input and deprecation time in one of
//! [`BINS`] equal-probability bins of its own distribution (bin `k` holds the quantiles
//! `[k/B, (k+1)/B)`), known while streaming because the distributions are known before the
//! run. A project's success is a yes/no outcome: its trials go to the first bin when the project
//! succeeds and to the last when it fails, so that its "low" and "high" tenths are exactly the
//! successes and the failures, whatever the success probability.

use crate::model::FinishedTrial;
use crate::scenario::{DeprecationTime, FactorKind, Scenario};
use crate::streams::{path_key, stream};
use rand::RngExt;

/// Equal-probability bins of each factor: twentieths, so that the low and high deciles are
/// bins 0–1 and 18–19.
pub const BINS: usize = 20;
/// Bins in one decile.
pub const BINS_PER_DECILE: usize = BINS / 10;

/// Where a factor's bin comes from in a trial.
#[derive(Debug, Clone)]
enum Source {
    /// Input `index` of the scenario, with its bin boundaries.
    Input { index: usize, bounds: Box<Bounds> },
    /// Whether candidate `candidate`'s project succeeded.
    Success { candidate: usize },
    /// The deprecation seed of option `option`.
    Deprecation { option: usize },
}

/// One factor: its name and where its bin comes from.
#[derive(Debug, Clone)]
pub struct Factor {
    /// The dotted path: an input's path; `options.NAME.project.success#event` for a project's
    /// success; `options.NAME.deprecation#first` for the first deprecation time.
    pub path: String,
    /// What kind of quantity it is.
    pub kind: FactorKind,
    /// For an input, its 10th and 90th percentiles (the edges of the low and high deciles).
    pub decile_edges: Option<(f64, f64)>,
    source: Source,
}

/// The bin boundaries of one input: `quantile(k/B)` for k = 1..B−1, and at each the CDF just
/// below and at it, for splitting an atom of a discrete distribution that spans several bins.
#[derive(Debug, Clone)]
struct Bounds {
    /// The boundaries: a fixed number of them, so counting those below a draw compiles to a
    /// few vector compares.
    at: [f64; BINS - 1],
    below: Vec<f64>,
    upto: Vec<f64>,
    /// The key of the stream that splits atoms.
    split_key: u64,
}

impl Bounds {
    /// The bin of `x` in the trial keyed `trial`. A draw strictly between two boundaries is in
    /// the bin they enclose. A draw equal to boundaries (an atom of a discrete distribution
    /// spanning bins `lo..=hi`) gets the quantile `P(X < x) + V · P(X = x)` with `V` uniform from
    /// its own stream, which makes the bins exactly equal in probability.
    #[inline]
    fn bin(&self, x: f64, trial: u64) -> usize {
        // The boundaries ascend, so this count is `partition_point`; it compiles to vector
        // compares with no chain of dependent loads, which a binary search over 19 values is.
        let lo = self.at.iter().filter(|&&b| b < x).count();
        if self.at.get(lo).is_none_or(|&b| b > x) {
            return lo;
        }
        let hi = self.at.partition_point(|&b| b <= x);
        let v: f64 = stream(trial, self.split_key).random();
        let u = self.below[lo] + v * (self.upto[lo] - self.below[lo]);
        ((u * BINS as f64) as u32 as usize).clamp(lo, hi)
    }
}

/// Every factor of a scenario, in a fixed order: inputs in draw order, then each candidate's
/// success, then each option's deprecation.
#[derive(Debug, Clone)]
pub struct Factors {
    list: Vec<Factor>,
}

impl Factors {
    /// The factors of `scenario`: every input whose distribution is not a constant, every
    /// candidate whose success probability is not certainly 1, every option deprecated under a
    /// hazard that is not certainly 0.
    pub fn new(scenario: &Scenario) -> Self {
        let mut list = Vec::new();
        for (index, input) in scenario.inputs.iter().enumerate() {
            if input.dist.as_constant().is_some() {
                continue;
            }
            let at: [f64; BINS - 1] =
                std::array::from_fn(|k| input.dist.quantile((k + 1) as f64 / BINS as f64));
            let bounds = Bounds {
                below: at.iter().map(|&b| input.dist.cdf_below(b)).collect(),
                upto: at.iter().map(|&b| input.dist.cdf(b)).collect(),
                at,
                split_key: path_key(&format!("{}#bin", input.path)),
            };
            list.push(Factor {
                path: input.path.clone(),
                kind: FactorKind::Input,
                decile_edges: Some((input.dist.quantile(0.1), input.dist.quantile(0.9))),
                source: Source::Input {
                    index,
                    bounds: Box::new(bounds),
                },
            });
        }
        let constant = |param| scenario.inputs.get(param).dist.as_constant();
        for (candidate, c) in scenario.candidates().enumerate() {
            let option = &scenario.options[c];
            if let Some(project) = &option.project
                && constant(project.success) != Some(1.0)
            {
                list.push(Factor {
                    path: format!("options.{}.project.success#event", option.name),
                    kind: FactorKind::Success,
                    decile_edges: None,
                    source: Source::Success { candidate },
                });
            }
        }
        for (o, option) in scenario.options.iter().enumerate() {
            if let Some(d) = &option.deprecation
                && let DeprecationTime::Hazard { per_year, .. } = d.time
                && constant(per_year) != Some(0.0)
            {
                list.push(Factor {
                    path: format!("options.{}.deprecation#first", option.name),
                    kind: FactorKind::Deprecation,
                    decile_edges: None,
                    source: Source::Deprecation { option: o },
                });
            }
        }
        Factors { list }
    }

    /// Number of factors.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether the scenario has no uncertain quantity.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// All factors.
    pub fn iter(&self) -> impl Iterator<Item = &Factor> {
        self.list.iter()
    }

    /// Writes the bin of every factor in `trial` into `bins`.
    #[inline]
    pub fn bins_into(&self, trial: &FinishedTrial, bins: &mut [usize]) {
        for (bin, factor) in bins.iter_mut().zip(&self.list) {
            *bin = match &factor.source {
                Source::Input { index, bounds } => bounds.bin(trial.draws[*index], trial.key),
                Source::Success { candidate } => {
                    if trial.outcomes[*candidate].succeeded {
                        0
                    } else {
                        BINS - 1
                    }
                }
                Source::Deprecation { option } => {
                    uniform_bin(trial.first_deprecation_uniform(*option))
                }
            };
        }
    }
}

/// The bin of a uniform in [0, 1).
#[inline]
fn uniform_bin(u: f64) -> usize {
    ((u * BINS as f64) as u32 as usize).min(BINS - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::distribution::parse_text;

    fn bounds_of(text: &str) -> Bounds {
        let dist = parse_text(text).unwrap();
        let at: [f64; BINS - 1] =
            std::array::from_fn(|k| dist.quantile((k + 1) as f64 / BINS as f64));
        Bounds {
            below: at.iter().map(|&b| dist.cdf_below(b)).collect(),
            upto: at.iter().map(|&b| dist.cdf(b)).collect(),
            at,
            split_key: 7,
        }
    }

    /// Bins of draws by quantile must be equally likely, atoms of discrete distributions
    /// included: the share of 200,000 draws in each bin is 1/20 within 5 standard errors
    /// (sqrt(0.05 · 0.95 / 200,000) = 0.00049).
    #[test]
    fn bins_are_equally_likely_for_continuous_and_discrete_inputs() {
        use rand::SeedableRng;
        for text in [
            "normal(10, 2)",
            "poisson(3)",
            "pert(1, 1.5, 3)",
            "bernoulli(0.3)",
        ] {
            let dist = parse_text(text).unwrap();
            let bounds = bounds_of(text);
            let mut rng = rand_xoshiro::SplitMix64::seed_from_u64(1);
            let n = 200_000;
            let mut counts = [0u64; BINS];
            for trial in 0..n {
                counts[bounds.bin(dist.sample(&mut rng), trial)] += 1;
            }
            let se = (0.05 * 0.95 / n as f64).sqrt();
            for (k, &c) in counts.iter().enumerate() {
                let share = c as f64 / n as f64;
                assert!(
                    (share - 0.05).abs() < 5.0 * se,
                    "{text}: bin {k} has {share}"
                );
            }
        }
    }

    #[test]
    fn a_draw_between_boundaries_is_in_the_bin_of_its_quantile() {
        let bounds = bounds_of("uniform(0, 1)");
        assert_eq!(bounds.bin(0.01, 0), 0);
        assert_eq!(bounds.bin(0.5001, 0), 10);
        assert_eq!(bounds.bin(0.99, 0), 19);
    }
}
