//! From a run's aggregates to its [`Summary`]: percentiles, P(never), NPV and ROI per
//! candidate, the best-option probabilities and the ranking by expected NPV.

use super::sensitivity::sensitivity;
use super::value_of_information::value_of_information;
use crate::collect::outcomes::{BAND_ACCURACY, CandidateAggregate};
use crate::collect::{Detailed, HeadToHeadSums, RunAggregate, SKETCH_ACCURACY, bins_per_month};
use crate::results::summary::*;
use crate::scenario::{Probability, Scenario};
use crate::stats::{
    Moments, PaybackHistogram, QuantileSketch, mean_interval, rank_interval, wilson,
};
use indexmap::IndexMap;

/// Steps of the fine payback curve over the horizon (at most).
const CURVE_STEPS: u32 = 360;
/// Months at which `p_payback_within` is reported (those within the horizon).
pub const MILESTONES: [u32; 3] = [6, 12, 24];

/// Every candidate's summary of a run of `scenario`, in file order: all that a stress case or a
/// sweep value reports (without the point estimate and assumptions, which are the base's).
pub fn candidate_summaries(scenario: &Scenario, run: &RunAggregate) -> Vec<CandidateSummary> {
    let baseline = &scenario.options[scenario.baseline].name;
    scenario
        .candidates()
        .zip(&run.candidates)
        .map(|(i, agg)| candidate(i, baseline, scenario, run.trials, agg))
        .collect()
}

/// Summarises a run of `scenario` made with `seed`.
pub fn summarise(scenario: &Scenario, seed: u64, run: &RunAggregate) -> Summary {
    let candidates = candidate_summaries(scenario, run);
    let n = run.trials as f64;
    let names: Vec<usize> = std::iter::once(scenario.baseline)
        .chain(scenario.candidates())
        .collect();
    let best_option_probability: IndexMap<String, Probability> = names
        .iter()
        .zip(&run.best)
        .map(|(&i, &count)| (scenario.options[i].name.clone(), count as f64 / n))
        .collect();
    let mut expected_npv_ranking: Vec<RankedOption> = names
        .into_iter()
        .zip(std::iter::once(0.0).chain(run.candidates.iter().map(|c| c.sums.npv.sum / n)))
        .map(|(i, mean_npv)| {
            let name = scenario.options[i].name.clone();
            let p_best = best_option_probability[&name];
            let mean_npv_ci95 = candidates
                .iter()
                .find(|c| c.name == name)
                .map_or([0.0, 0.0], |c| c.npv.ci95.mean);
            RankedOption {
                name,
                mean_npv,
                mean_npv_ci95,
                p_best,
                p_best_ci95: share_interval(p_best, run.trials),
            }
        })
        .collect();
    expected_npv_ranking.sort_by(|a, b| b.mean_npv.total_cmp(&a.mean_npv));
    Summary {
        scenario: scenario.name.clone(),
        trials: run.trials,
        seed,
        horizon_months: scenario.horizon_months,
        currency: scenario.currency.clone(),
        labels: scenario.labels.clone(),
        discount_rate: scenario.discount_rate,
        accuracy: Accuracy {
            payback_months: 1.0 / f64::from(bins_per_month(scenario.horizon_months)),
            relative: SKETCH_ACCURACY,
            band_relative: BAND_ACCURACY,
        },
        candidates,
        best_option_probability,
        expected_npv_ranking,
        head_to_head: Vec::new(),
        point_estimate: super::point_estimate::point_estimate(scenario),
        assumptions: super::point_estimate::assumptions(scenario),
        stress: Vec::new(),
        deprecation_stress: None,
        sensitivity: Vec::new(),
        value_of_information: None,
        what_would_change: Vec::new(),
        precision: None,
        provenance: None,
    }
}

/// Options compared head to head: the top of the expected-NPV ranking.
const HEAD_TO_HEAD_OPTIONS: usize = 3;

/// Summarises a detailed run of `scenario` made with `seed`: the outcomes, the head-to-head
/// comparisons, the IRRs, the sensitivity and the value of information.
pub fn summarise_detailed(scenario: &Scenario, seed: u64, detailed: &Detailed) -> Summary {
    let mut summary = summarise(scenario, seed, &detailed.run);
    let n = detailed.run.trials as f64;
    for (c, irr) in summary.candidates.iter_mut().zip(&detailed.irr.candidates) {
        let defined = irr.irr.count();
        c.irr = Some(Irr {
            p_undefined: irr.undefined as f64 / n,
            p_undefined_ci95: wilson(irr.undefined, detailed.run.trials),
            spread: (defined > 0).then(|| spread(&irr.sum, &irr.irr)),
        });
    }
    summary.head_to_head = head_to_head(scenario, &summary, &detailed.head_to_head);
    summary.sensitivity = sensitivity(scenario, &detailed.run, &detailed.sensitivity);
    summary.value_of_information = Some(value_of_information(
        scenario,
        &detailed.run,
        &detailed.sensitivity,
    ));
    summary
}

fn candidate(
    option: usize,
    baseline: &str,
    scenario: &Scenario,
    trials: u64,
    agg: &CandidateAggregate,
) -> CandidateSummary {
    let spec = &scenario.options[option];
    let name = &spec.name;
    let n = trials as f64;
    let stderr = |p: f64| (p * (1.0 - p) / n).sqrt();
    let p_never = agg.payback.p_never();
    let npv = spread(&agg.sums.npv, &agg.npv);
    let p_negative = agg.npv.fraction_negative();
    CandidateSummary {
        name: name.to_string(),
        baseline: baseline.to_string(),
        p_success: agg.succeeded as f64 / n,
        p_success_ci95: wilson(agg.succeeded, trials),
        upfront: spread(&agg.sums.upfront, &agg.upfront),
        upfront_items: spec
            .project
            .iter()
            .flat_map(|p| p.part_names())
            .zip(agg.upfront_parts.iter().zip(&agg.upfront_part_sums))
            .map(|(part, (sketch, sums))| NamedSpread {
                name: part.to_string(),
                spread: spread(sums, sketch),
            })
            .collect(),
        payback_months: percentiles(&agg.payback),
        p_never,
        p_never_stderr: stderr(p_never),
        p_never_ci95: wilson(agg.payback.never(), trials),
        p_payback_within: MILESTONES
            .iter()
            .filter(|&&m| m <= scenario.horizon_months)
            .map(|&months| {
                let probability = agg.payback.cdf_at(months);
                Milestone {
                    months,
                    probability,
                    stderr: stderr(probability),
                    ci95: share_interval(probability, trials),
                }
            })
            .collect(),
        payback_cdf: agg
            .payback
            .cdf_pairs()
            .into_iter()
            .map(|(m, p)| [m, p])
            .collect(),
        payback_curve: {
            let bins = scenario.horizon_months * agg.payback.bins_per_month();
            let grid = agg.payback.cdf_grid(bins.div_ceil(CURVE_STEPS));
            grid.into_iter().map(|(t, p)| [t, p]).collect()
        },
        discounted_payback: (scenario.discount_rate > 0.0).then(|| DiscountedPayback {
            months: percentiles(&agg.discounted_payback),
            p_never: agg.discounted_payback.p_never(),
            p_never_ci95: wilson(agg.discounted_payback.never(), trials),
        }),
        npv: Npv {
            p_negative,
            p_negative_ci95: share_interval(p_negative, trials),
            percentiles: (1..100)
                .map(|i| {
                    let p = f64::from(i) / 100.0;
                    [p, quantile(&agg.npv, p)]
                })
                .collect(),
            mean: npv.mean,
            mean_stderr: mean_stderr(&agg.sums.npv, &agg.npv),
            p10: npv.p10,
            p50: npv.p50,
            p90: npv.p90,
            ci95: npv.ci95,
        },
        cumulative_net: agg
            .net_by_month
            .iter()
            .zip(0..)
            .map(|(sketch, month)| MonthBand {
                month,
                p10: quantile(sketch, 0.1),
                p50: quantile(sketch, 0.5),
                p90: quantile(sketch, 0.9),
            })
            .collect(),
        downside: Downside {
            p_npv_negative: p_negative,
            worst_10pct_mean_npv: agg.npv.lower_mean(0.1).unwrap_or(0.0),
        },
        roi: (agg.roi.count() > 0).then(|| spread(&agg.sums.roi, &agg.roi)),
        irr: None,
    }
}

/// The top options of the ranking compared pairwise, the higher-ranked first.
fn head_to_head(scenario: &Scenario, summary: &Summary, sums: &HeadToHeadSums) -> Vec<HeadToHead> {
    let choice_of = |name: &str| {
        std::iter::once(scenario.baseline)
            .chain(scenario.candidates())
            .position(|o| scenario.options[o].name == name)
    };
    let top: Vec<(&str, usize)> = summary
        .expected_npv_ranking
        .iter()
        .take(HEAD_TO_HEAD_OPTIONS)
        .filter_map(|r| Some((r.name.as_str(), choice_of(&r.name)?)))
        .collect();
    let n = sums.trials as f64;
    let mut out = Vec::new();
    for (k, &(a, i)) in top.iter().enumerate() {
        for &(b, j) in &top[k + 1..] {
            let Some(pair) = sums
                .pairs
                .iter()
                .find(|p| (p.first, p.second) == (i.min(j), i.max(j)))
            else {
                continue;
            };
            let d = &pair.difference;
            // The sketch holds first − second; a − b is its negation when a is the second.
            let a_first = i < j;
            let forward = spread(&pair.sum, d);
            let (wins, npv_difference) = if a_first {
                (pair.first_higher, forward)
            } else {
                (pair.second_higher, negated(&forward, d))
            };
            out.push(HeadToHead {
                a: a.to_string(),
                b: b.to_string(),
                p_a_beats_b: wins as f64 / n,
                p_a_beats_b_ci95: wilson(wins, sums.trials),
                npv_difference,
            });
        }
    }
    out
}

fn percentiles(h: &PaybackHistogram) -> PaybackPercentiles {
    let n = h.count();
    let interval = |p| {
        let (low, high) = rank_interval(p, n);
        [h.value_of_rank(low), h.value_of_rank(high)]
    };
    PaybackPercentiles {
        p10: h.quantile(0.1),
        p50: h.quantile(0.5),
        p90: h.quantile(0.9),
        ci95: PaybackIntervals {
            p10: interval(0.1),
            p50: interval(0.5),
            p90: interval(0.9),
        },
    }
}

/// The mean (from `sums`) and percentiles (from `sketch`, of the same values) with their
/// intervals.
fn spread(sums: &Moments, sketch: &QuantileSketch) -> Spread {
    let n = sketch.count();
    let mean = sums.mean(n);
    let interval = |p| {
        let (low, high) = rank_interval(p, n);
        [sketch.at_rank(low), sketch.at_rank(high)]
    };
    Spread {
        mean,
        p10: quantile(sketch, 0.1),
        p50: quantile(sketch, 0.5),
        p90: quantile(sketch, 0.9),
        ci95: Intervals {
            mean: mean_interval(mean, mean_stderr(sums, sketch)),
            p10: interval(0.1),
            p50: interval(0.5),
            p90: interval(0.9),
        },
    }
}

/// The spread of the negated values from that of the values and their sketch: percentile p of
/// `−x` is minus percentile 1 − p of `x` in rank terms (the ⌈p·n⌉-th smallest of `−x` is the
/// (n + 1 − ⌈p·n⌉)-th smallest of `x`), and so are the ends of its interval.
fn negated(forward: &Spread, sketch: &QuantileSketch) -> Spread {
    let n = sketch.count();
    let at = |p| sketch.quantile_of_negated(p).unwrap_or(0.0);
    let interval = |p| {
        let (low, high) = rank_interval(p, n);
        let of_rank = |k: u64| -sketch.at_rank(n + 1 - k.min(n + 1));
        [of_rank(low), of_rank(high)]
    };
    let [low, high] = forward.ci95.mean;
    Spread {
        mean: -forward.mean,
        p10: at(0.1),
        p50: at(0.5),
        p90: at(0.9),
        ci95: Intervals {
            mean: [-high, -low],
            p10: interval(0.1),
            p50: interval(0.5),
            p90: interval(0.9),
        },
    }
}

/// The standard error of a mean, exactly 0 when every value agrees (the sums would leave
/// rounding noise).
fn mean_stderr(sums: &Moments, sketch: &QuantileSketch) -> f64 {
    if sketch.min() == sketch.max() {
        0.0
    } else {
        sums.stderr(sketch.count())
    }
}

/// The Wilson interval of a share `p` of `n` trials (the share being a count over `n`).
fn share_interval(p: Probability, n: u64) -> [Probability; 2] {
    wilson((p * n as f64).round() as u64, n)
}

/// A percentile of a sketch; the sketches summarised here hold at least one value (a run has
/// at least one trial), so the fallback is never used.
fn quantile(sketch: &QuantileSketch, p: f64) -> f64 {
    sketch.quantile(p).unwrap_or(0.0)
}
