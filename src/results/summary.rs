//! The summary of a run as one serializable struct: this struct *is* the schema of
//! `summary.json` (docs/outputs.md describes every field for users).

use super::sensitivity::CandidateSensitivity;
use super::stress::{DeprecationStress, StressResult};
use super::value_of_information::ValueOfInformation;
use crate::scenario::{Labels, Money, Months, Probability};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// The summary of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The scenario's name.
    pub scenario: String,
    /// Number of trials simulated.
    pub trials: u64,
    /// Seed of the random streams: the same seed and trials give the same summary.
    pub seed: u64,
    /// Horizon in months: cash flows and events after it are left out.
    pub horizon_months: u32,
    /// Currency of every amount.
    pub currency: String,
    /// The names the file gives its options and inputs (`label = "..."`), by dotted path;
    /// absent when it gives none.
    #[serde(skip_serializing_if = "Labels::is_empty", default)]
    pub labels: Labels,
    /// Annual discount rate of NPV and discounted payback.
    pub discount_rate: f64,
    /// How precise the streamed percentiles are.
    pub accuracy: Accuracy,
    /// One entry per candidate (every option but the baseline), in file order.
    pub candidates: Vec<CandidateSummary>,
    /// For every option (baseline included, its NPV against itself being 0), the probability
    /// that it has the best NPV at the horizon; they sum to 1.
    pub best_option_probability: IndexMap<String, Probability>,
    /// Every option ranked by expected NPV against the baseline, best first.
    pub expected_npv_ranking: Vec<RankedOption>,
    /// The top three options of the ranking compared pairwise on the same trials, each pair
    /// with the higher-ranked option first (`payback run` only).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub head_to_head: Vec<HeadToHead>,
    /// The deterministic point estimate: every input at its mean, every project succeeding.
    pub point_estimate: PointEstimate,
    /// Every input the scenario file wrote (its dotted path), as written and in words; fields
    /// left at their defaults are not listed.
    pub assumptions: Vec<Assumption>,
    /// Stress cases run beside the base with the same trials and seed (common random numbers),
    /// in file order, then the deprecation pack's; absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub stress: Vec<StressResult>,
    /// The vendor-deprecation pack's results by month (`--stress-deprecation`), when run.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub deprecation_stress: Option<DeprecationStress>,
    /// What drives each candidate's risk, factor by factor (`payback run` only).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub sensitivity: Vec<CandidateSensitivity>,
    /// What learning each factor before deciding is worth (`payback run` only).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub value_of_information: Option<ValueOfInformation>,
    /// When staying with the baseline is best (`payback run` only): for the candidate with
    /// the highest expected NPV, the value of each of its most influential inputs at which
    /// it would pay back within 12 months (or the horizon) in 80 % of trials.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub what_would_change: Vec<super::solve::Threshold>,
    /// The precision goal of the run and what it reached (`--precision`), when it had one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub precision: Option<super::precision::Precision>,
    /// What made this summary, to rerun it (`payback run` and the live page's full report).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub provenance: Option<super::provenance::Provenance>,
}

/// The single numbers a spreadsheet gives: every input at its mean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointEstimate {
    /// The baseline's running cost in month 0.
    pub baseline_monthly_cost: Money,
    /// The baseline's running cost summed over the horizon (volume growth and price trends
    /// included; drift and deprecations left out).
    pub baseline_cost_over_horizon: Money,
    /// `baseline_monthly_cost` by component (inference, each error bucket, review, people's
    /// time, each monthly item, serving, benefits as a negative part); they add up to it.
    pub baseline_cost_parts: Vec<CostPart>,
    /// One per candidate, in the order of `candidates`.
    pub candidates: Vec<PointOutcome>,
}

/// One component of a running cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostPart {
    /// What it is, in words.
    pub name: String,
    /// Its cost a month.
    pub monthly: Money,
}

/// A candidate's point estimate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointOutcome {
    /// Upfront investment.
    pub upfront: Money,
    /// Payback in months, `null` for never within the horizon.
    pub payback_months: Option<Months>,
    /// NPV at the horizon.
    pub npv: Money,
    /// The people's time the candidate saves against the baseline in month 0, in full-time
    /// equivalents (`scenario.fte_hours_per_month` hours each; negative when it needs more);
    /// absent when neither does the work with people.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub fte_equivalent: Option<f64>,
}

/// One input of the scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assumption {
    /// Dotted path in the scenario file.
    pub path: String,
    /// Whether it is uncertain (a distribution rather than a constant).
    pub uncertain: bool,
    /// The form as written, in canonical text (`pert(1, 1.5, 3)`).
    pub written: String,
    /// Its range in words: the value, or its 5th to 95th percentile and the median.
    pub in_words: String,
}

/// An option's place in the expected-NPV ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedOption {
    /// The option's name.
    pub name: String,
    /// Its mean NPV against the baseline (0 for the baseline).
    pub mean_npv: Money,
    /// Its 95 % confidence interval (`[0, 0]` for the baseline).
    pub mean_npv_ci95: [Money; 2],
    /// Probability that it has the best NPV.
    pub p_best: Probability,
    /// Its 95 % confidence interval (Wilson).
    pub p_best_ci95: [Probability; 2],
}

/// Precision of the streamed statistics (besides Monte Carlo error).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Accuracy {
    /// Payback percentiles are within this many months of the exact order statistic (the width
    /// of one histogram bin).
    pub payback_months: f64,
    /// NPV, ROI and upfront percentiles are within this share (relative) of the exact order
    /// statistic.
    pub relative: f64,
    /// The cumulative-net bands (`cumulative_net`) are within this share (relative).
    pub band_relative: f64,
}

/// What a run found for one candidate against the baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateSummary {
    /// The candidate's name (its key under `[options]`).
    pub name: String,
    /// The name of the option it is judged against.
    pub baseline: String,
    /// Share of trials whose project succeeded (went live, possibly after the horizon).
    pub p_success: Probability,
    /// Its 95 % confidence interval (Wilson).
    pub p_success_ci95: [Probability; 2],
    /// Upfront investment `I`, committed at t = 0.
    pub upfront: Spread,
    /// The investment by part: each project item (cost × overrun), the training runs, the
    /// contingency (empty without a project).
    pub upfront_items: Vec<NamedSpread>,
    /// Payback in months: percentiles, `null` meaning "never within the horizon".
    pub payback_months: PaybackPercentiles,
    /// Probability of never paying back within the horizon (failed projects included).
    pub p_never: Probability,
    /// Monte Carlo standard error of `p_never`: `sqrt(p (1 − p) / trials)`.
    pub p_never_stderr: Probability,
    /// The 95 % confidence interval of `p_never` (Wilson: never of zero width, even at 0).
    pub p_never_ci95: [Probability; 2],
    /// P(payback ≤ 6, 12, 24 months), for those within the horizon.
    pub p_payback_within: Vec<Milestone>,
    /// `[month, P(paid back by month)]` at every whole month 0..=horizon.
    pub payback_cdf: Vec<[f64; 2]>,
    /// The same curve on a finer grid (about 360 steps over the horizon), for plots.
    pub payback_curve: Vec<[f64; 2]>,
    /// Payback of the discounted cash flows (present only with a discount rate above 0).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub discounted_payback: Option<DiscountedPayback>,
    /// Net present value at the horizon.
    pub npv: Npv,
    /// Cumulative net cash (undiscounted, `−I` plus savings so far) at every month end 0..=H:
    /// the P10–P90 band and the median.
    pub cumulative_net: Vec<MonthBand>,
    /// The downside against the baseline: how likely and how bad a loss is.
    pub downside: Downside,
    /// Return on investment `NPV / I` over trials with `I > 0` (absent when no trial has one).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub roi: Option<Spread>,
    /// The annual internal rate of return of the cash against the baseline (`payback run`
    /// only).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub irr: Option<Irr>,
}

/// How likely and how bad a loss against the baseline is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Downside {
    /// Probability that the NPV is below zero (`npv.p_negative`).
    pub p_npv_negative: Probability,
    /// The mean NPV of the worst 10 % of trials.
    pub worst_10pct_mean_npv: Money,
}

/// The annual internal rate of return: monthly flows at month ends (the investment at month
/// 0, lumps in the month they fall in), the monthly rate `r` at which their present value is
/// zero, annualised as `(1 + r)^12 − 1`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Irr {
    /// Share of trials without an IRR: the flows never change sign (a failed project), or
    /// their present value keeps one sign for every monthly rate from −50 % to 10⁶.
    pub p_undefined: Probability,
    /// Its 95 % confidence interval (Wilson).
    pub p_undefined_ci95: [Probability; 2],
    /// Mean and percentiles over the trials with one (absent when none has one).
    #[serde(flatten)]
    pub spread: Option<Spread>,
}

/// Two options compared on the same trials.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeadToHead {
    /// The higher-ranked option.
    pub a: String,
    /// The other one.
    pub b: String,
    /// Probability that `a`'s NPV is higher than `b`'s in a trial (the baseline's being 0).
    pub p_a_beats_b: Probability,
    /// Its 95 % confidence interval (Wilson).
    pub p_a_beats_b_ci95: [Probability; 2],
    /// `NPV_a − NPV_b`, trial by trial.
    pub npv_difference: Spread,
}

/// Mean and percentiles of a quantity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// Mean.
    pub mean: f64,
    /// 10th percentile.
    pub p10: f64,
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 95 % confidence intervals of the mean and the percentiles.
    pub ci95: Intervals,
}

/// 95 % confidence intervals, each `[low, high]`: of a mean from its standard error
/// (`mean ± 1.96 · stderr`), of a percentile distribution-free, between two order statistics
/// (docs/model.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Intervals {
    /// Of the mean.
    pub mean: [f64; 2],
    /// Of the 10th percentile.
    pub p10: [f64; 2],
    /// Of the median.
    pub p50: [f64; 2],
    /// Of the 90th percentile.
    pub p90: [f64; 2],
}

/// Mean and percentiles of a named part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamedSpread {
    /// The part's name.
    pub name: String,
    /// Its mean and percentiles.
    #[serde(flatten)]
    pub spread: Spread,
}

/// Payback percentiles; `None` (JSON `null`) is "never within the horizon".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaybackPercentiles {
    /// 10th percentile, months.
    pub p10: Option<Months>,
    /// Median, months.
    pub p50: Option<Months>,
    /// 90th percentile, months.
    pub p90: Option<Months>,
    /// 95 % confidence intervals of the percentiles, distribution-free; an end `null` is
    /// "never" (the interval reaches beyond the horizon).
    pub ci95: PaybackIntervals,
}

/// 95 % confidence intervals of payback percentiles, each `[low, high]` in months, `null`
/// being "never".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaybackIntervals {
    /// Of the 10th percentile.
    pub p10: [Option<Months>; 2],
    /// Of the median.
    pub p50: [Option<Months>; 2],
    /// Of the 90th percentile.
    pub p90: [Option<Months>; 2],
}

/// The probability of paying back within a number of months.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    /// Months from the decision.
    pub months: u32,
    /// P(payback ≤ months).
    pub probability: Probability,
    /// Its Monte Carlo standard error.
    pub stderr: Probability,
    /// Its 95 % confidence interval (Wilson).
    pub ci95: [Probability; 2],
}

/// Percentiles of the cumulative net cash at one month end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthBand {
    /// Months from the decision.
    pub month: u32,
    /// 10th percentile.
    pub p10: Money,
    /// Median.
    pub p50: Money,
    /// 90th percentile.
    pub p90: Money,
}

/// Payback of the discounted cash flows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiscountedPayback {
    /// Percentiles in months, `null` = never.
    pub months: PaybackPercentiles,
    /// Probability of never paying back within the horizon once discounted.
    pub p_never: Probability,
    /// Its 95 % confidence interval (Wilson).
    pub p_never_ci95: [Probability; 2],
}

/// NPV at the horizon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Npv {
    /// Probability that the NPV is below zero.
    pub p_negative: Probability,
    /// Its 95 % confidence interval (Wilson).
    pub p_negative_ci95: [Probability; 2],
    /// `[p, NPV percentile p]` for p = 0.01, 0.02, …, 0.99: the distribution, for plots.
    pub percentiles: Vec<[f64; 2]>,
    /// Mean.
    pub mean: Money,
    /// Monte Carlo standard error of the mean.
    pub mean_stderr: Money,
    /// 10th percentile.
    pub p10: Money,
    /// Median.
    pub p50: Money,
    /// 90th percentile.
    pub p90: Money,
    /// 95 % confidence intervals of the mean and the percentiles.
    pub ci95: Intervals,
}
