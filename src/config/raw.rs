//! Serde structs that mirror the scenario file (MODEL.md, "The scenario file"). Unknown fields are
//! rejected here; every number is kept as a spanned TOML value so that `build` can parse its
//! distribution and report the line of a bad one.

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

/// A numeric input as written: a number, a distribution string or a distribution table.
pub type Num = Spanned<toml::Value>;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub scenario: RawScenario,
    pub workload: RawWorkload,
    pub options: Spanned<IndexMap<String, Spanned<RawOption>>>,
    pub stress: Option<Vec<RawStress>>,
    pub correlation: Option<Vec<RawCorrelation>>,
}

/// `[[correlation]]`: a rank correlation between two inputs.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCorrelation {
    pub between: Spanned<Vec<String>>,
    pub rank: Num,
}

/// `[[stress]]`: a named case that changes inputs by dotted path.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStress {
    pub name: Spanned<String>,
    pub set: Spanned<IndexMap<String, Num>>,
}

/// `[scenario]`: name and run settings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub name: Spanned<String>,
    pub currency: Option<Spanned<String>>,
    pub horizon_months: Num,
    pub discount_rate: Option<Num>,
    pub trials: Option<Num>,
    pub seed: Option<Num>,
    pub days_per_month: Option<Num>,
    pub hours_per_month: Option<Num>,
}

/// `[workload]`: volume and growth.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWorkload {
    pub events_per_day: Option<Num>,
    pub events_per_month: Option<Num>,
    pub growth_per_month: Option<Num>,
}

/// `[options.NAME]`: one way of doing the work.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub baseline: Option<bool>,
    pub cost_per_event: Option<Num>,
    pub price_change_per_year: Option<Num>,
    pub errors: Option<IndexMap<String, Spanned<RawBucket>>>,
    pub accuracy: Option<Num>,
    pub error_cost: Option<Num>,
    pub review: Option<RawReview>,
    pub labour: Option<RawLabour>,
    pub monthly: Option<IndexMap<String, Num>>,
    pub serving: Option<Spanned<RawServing>>,
    pub benefits: Option<IndexMap<String, RawBenefit>>,
    pub project: Option<RawProject>,
    pub drift_per_month: Option<Num>,
    pub retrain: Option<Spanned<RawRetrain>>,
    pub deprecation: Option<Spanned<RawDeprecation>>,
}

/// `retrain = { every_months, cost }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRetrain {
    pub every_months: Num,
    pub cost: Num,
}

/// `deprecation = { at_month | hazard_per_year, migration_cost, downtime_months, cost_factor,
/// error_factor, repeat, fallback }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeprecation {
    pub at_month: Option<Num>,
    pub hazard_per_year: Option<Num>,
    pub migration_cost: Option<Num>,
    pub downtime_months: Option<Num>,
    pub cost_factor: Option<Num>,
    pub error_factor: Option<Num>,
    pub repeat: Option<Spanned<bool>>,
    pub fallback: Option<Spanned<String>>,
}

/// `errors.NAME = { rate, cost }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBucket {
    pub rate: Num,
    pub cost: Num,
}

/// `review = { rate, cost }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReview {
    pub rate: Num,
    pub cost: Num,
}

/// `labour = { seconds, hourly }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLabour {
    pub seconds: Num,
    pub hourly: Num,
}

/// `serving = { hourly, instances }` or `{ hourly, capacity_per_instance, min_instances }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawServing {
    pub hourly: Num,
    pub instances: Option<Num>,
    pub capacity_per_instance: Option<Num>,
    pub min_instances: Option<Num>,
}

/// `benefits.NAME = { monthly, ramp_months }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBenefit {
    pub monthly: Num,
    pub ramp_months: Option<Num>,
}

/// `[options.NAME.project]`: what building the candidate costs and how long it takes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProject {
    pub build_months: Option<Num>,
    pub success: Option<Num>,
    pub contingency: Option<Num>,
    pub planned_runs: Option<Num>,
    pub failed_runs: Option<Num>,
    pub cost_per_run: Option<Num>,
    pub items: Option<IndexMap<String, Spanned<RawItem>>>,
}

/// `items.NAME = { cost, overrun }` or `{ hours, rate, overrun }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub cost: Option<Num>,
    pub hours: Option<Num>,
    pub rate: Option<Num>,
    pub overrun: Option<Num>,
}
