//! From a run's aggregates to its [`Summary`]: percentiles, P(never), NPV and ROI per
//! candidate, the best-option probabilities and the ranking by expected NPV.

use super::sensitivity::sensitivity;
use super::value_of_information::value_of_information;
use crate::collect::outcomes::{BAND_ACCURACY, CandidateAggregate};
use crate::collect::{Detailed, HeadToHeadSums, RunAggregate, SKETCH_ACCURACY, bins_per_month};
use crate::results::summary::*;
use crate::scenario::{Probability, Scenario};
use crate::stats::{PaybackHistogram, QuantileSketch};
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
        .zip(std::iter::once(0.0).chain(run.candidates.iter().map(|c| c.sums.npv / n)))
        .map(|(i, mean_npv)| {
            let name = scenario.options[i].name.clone();
            let p_best = best_option_probability[&name];
            RankedOption {
                name,
                mean_npv,
                p_best,
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
            spread: (defined > 0).then(|| spread(irr.sum / defined as f64, &irr.irr)),
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
    let npv_mean = agg.sums.npv / n;
    let npv_var = (agg.sums.npv_sq / n - npv_mean * npv_mean).max(0.0) * n / (n - 1.0).max(1.0);
    let roi_trials = agg.roi.count();
    CandidateSummary {
        name: name.to_string(),
        baseline: baseline.to_string(),
        p_success: agg.succeeded as f64 / n,
        upfront: spread(agg.sums.upfront / n, &agg.upfront),
        upfront_items: spec
            .project
            .iter()
            .flat_map(|p| p.part_names())
            .zip(agg.upfront_parts.iter().zip(&agg.upfront_part_sums))
            .map(|(part, (sketch, sum))| NamedSpread {
                name: part.to_string(),
                spread: spread(sum / n, sketch),
            })
            .collect(),
        payback_months: percentiles(&agg.payback),
        p_never,
        p_never_stderr: stderr(p_never),
        p_payback_within: MILESTONES
            .iter()
            .filter(|&&m| m <= scenario.horizon_months)
            .map(|&months| {
                let probability = agg.payback.cdf_at(months);
                Milestone {
                    months,
                    probability,
                    stderr: stderr(probability),
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
        }),
        npv: Npv {
            p_negative: agg.npv.fraction_negative(),
            percentiles: (1..100)
                .map(|i| {
                    let p = f64::from(i) / 100.0;
                    [p, quantile(&agg.npv, p)]
                })
                .collect(),
            mean: npv_mean,
            // Exactly 0 when every trial agrees (the sums would leave rounding noise).
            mean_stderr: if agg.npv.min() == agg.npv.max() {
                0.0
            } else {
                (npv_var / n).sqrt()
            },
            p10: quantile(&agg.npv, 0.1),
            p50: quantile(&agg.npv, 0.5),
            p90: quantile(&agg.npv, 0.9),
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
            p_npv_negative: agg.npv.fraction_negative(),
            worst_10pct_mean_npv: agg.npv.lower_mean(0.1).unwrap_or(0.0),
        },
        roi: (roi_trials > 0).then(|| spread(agg.sums.roi / roi_trials as f64, &agg.roi)),
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
            let at = |q| {
                let v = if a_first {
                    d.quantile(q)
                } else {
                    d.quantile_of_negated(q)
                };
                v.unwrap_or(0.0)
            };
            let (wins, sum) = if a_first {
                (pair.first_higher, pair.sum)
            } else {
                (pair.second_higher, -pair.sum)
            };
            out.push(HeadToHead {
                a: a.to_string(),
                b: b.to_string(),
                p_a_beats_b: wins as f64 / n,
                npv_difference: Spread {
                    mean: sum / n,
                    p10: at(0.1),
                    p50: at(0.5),
                    p90: at(0.9),
                },
            });
        }
    }
    out
}

fn percentiles(h: &PaybackHistogram) -> PaybackPercentiles {
    PaybackPercentiles {
        p10: h.quantile(0.1),
        p50: h.quantile(0.5),
        p90: h.quantile(0.9),
    }
}

fn spread(mean: f64, sketch: &QuantileSketch) -> Spread {
    Spread {
        mean,
        p10: quantile(sketch, 0.1),
        p50: quantile(sketch, 0.5),
        p90: quantile(sketch, 0.9),
    }
}

/// A percentile of a sketch; the sketches summarised here hold at least one value (a run has
/// at least one trial), so the fallback is never used.
fn quantile(sketch: &QuantileSketch, p: f64) -> f64 {
    sketch.quantile(p).unwrap_or(0.0)
}
