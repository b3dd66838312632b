//! Serde structs that mirror the scenario file (docs/scenario.md). Unknown fields are
//! rejected here; every number is kept as a spanned TOML value so that `build` can parse its
//! distribution and report the line of a bad one.

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

/// A numeric input as written: a number, a distribution string or a distribution table.
pub type Num = Spanned<toml::Value>;

/// The ways one kind of table lets a quantity be given: each way is a list of fields that go
/// together (companions), and fields of different ways exclude each other (alternatives). A
/// change that sets a field of one way removes the fields of the others and keeps its
/// companions, so that a stress case can switch a deprecation from a hazard to a fixed month.
pub type Ways = &'static [&'static [&'static str]];

/// What the entries of the table at the dotted path `table` are, when the file names them
/// itself (`errors.wrong_department`, `items.data_prep`): a change may set a field of an entry
/// the file has, never add one (a misspelt name would add a cost silently).
pub fn named_entries(table: &[&str]) -> Option<&'static str> {
    match table {
        ["options"] => Some("option"),
        ["errors"] => Some("error kind"),
        ["options", _, "errors"] => Some("error bucket"),
        ["options", _, "monthly"] => Some("monthly item"),
        ["options", _, "benefits"] => Some("benefit"),
        ["options", _, "project", "items"] => Some("project item"),
        _ => None,
    }
}

/// The [`Ways`] of the table at the dotted path `table` (`["options", "a", "deprecation"]`),
/// by the kind of table the schema puts there; none for a table without alternatives.
pub fn ways_of(table: &[&str]) -> Ways {
    match table {
        ["workload"] => RawWorkload::WAYS,
        ["options", _] => RawOption::WAYS,
        ["options", _, "deprecation"] => RawDeprecation::WAYS,
        ["options", _, "serving"] => RawServing::WAYS,
        ["options", _, "labour"] => RawLabour::WAYS,
        ["options", _, "project", "cost_per_run"] => RUN_COST_WAYS,
        ["options", _, "project", "items", _] => RawItem::WAYS,
        _ => &[],
    }
}

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub scenario: RawScenario,
    pub workload: RawWorkload,
    pub options: Spanned<IndexMap<String, Spanned<RawOption>>>,
    pub errors: Option<IndexMap<String, Spanned<RawErrorKind>>>,
    pub stress: Option<Vec<RawStress>>,
    pub correlation: Option<Vec<RawCorrelation>>,
}

/// `[errors.NAME]`: the cost of one kind of error, the same for every option that names it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawErrorKind {
    pub cost: Num,
    /// What the memo calls this kind of error (`label = "..."`).
    pub label: Option<Spanned<String>>,
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
    pub fte_hours_per_month: Option<Num>,
}

/// `[workload]`: volume and growth.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWorkload {
    pub events_per_day: Option<Num>,
    pub events_per_month: Option<Num>,
    pub tokens_per_day: Option<Num>,
    pub tokens_per_month: Option<Num>,
    pub tokens_per_event: Option<Num>,
    pub growth_per_month: Option<Num>,
    /// What the memo calls this table (`label = "..."`).
    pub label: Option<Spanned<String>>,
}

impl RawWorkload {
    /// The volume in events or in tokens, per day or per month (`tokens_per_event` goes
    /// with any of them).
    pub const WAYS: Ways = &[
        &["events_per_day"],
        &["events_per_month"],
        &["tokens_per_day"],
        &["tokens_per_month"],
    ];
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
    /// What the memo calls this table (`label = "..."`).
    pub label: Option<Spanned<String>>,
}

impl RawOption {
    /// Errors as named buckets, or as one accuracy with the cost of an error.
    pub const WAYS: Ways = &[&["errors"], &["accuracy", "error_cost"]];
}

/// `retrain = { every_months, cost }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRetrain {
    pub every_months: Num,
    pub cost: Num,
    /// What the memo calls this table (`label = "..."`).
    pub label: Option<Spanned<String>>,
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
    /// What the memo calls this table (`label = "..."`).
    pub label: Option<Spanned<String>>,
}

impl RawLabour {
    /// Handling time in seconds or in minutes.
    pub const WAYS: Ways = &[&["seconds"], &["minutes"]];
}

/// The ways of giving a training run's cost as a table: GPU-hours, or the tokens trained on
/// (each at an hourly price).
pub const RUN_COST_WAYS: Ways = &[
    &["gpu_hours", "hourly"],
    &["tokens", "tokens_per_second", "gpus", "hourly", "overhead"],
];

impl RawDeprecation {
    /// When: at a month, or at random with a yearly hazard (once or recurring).
    pub const WAYS: Ways = &[&["at_month"], &["hazard_per_year", "repeat"]];
}

/// `errors.NAME = { rate, cost }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBucket {
    pub rate: Num,
    pub cost: Option<Num>,
    /// What the memo calls this table (`label = "..."`).
    pub label: Option<Spanned<String>>,
}

/// `review = { rate, cost }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReview {
    pub rate: Num,
    pub cost: Num,
    /// What the memo calls this table (`label = "..."`).
    pub label: Option<Spanned<String>>,
}

/// `labour = { seconds | minutes, hourly }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLabour {
    pub seconds: Option<Num>,
    pub minutes: Option<Num>,
    pub hourly: Num,
    /// What the memo calls this table (`label = "..."`).
    pub label: Option<Spanned<String>>,
}

/// `serving = { hourly, instances }`, `{ hourly, capacity_per_instance, min_instances }` or
/// `{ hourly, tokens_per_second, utilization, min_instances }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawServing {
    pub hourly: Num,
    pub instances: Option<Num>,
    pub capacity_per_instance: Option<Num>,
    pub tokens_per_second: Option<Num>,
    pub utilization: Option<Num>,
    pub min_instances: Option<Num>,
    /// What the memo calls this table (`label = "..."`).
    pub label: Option<Spanned<String>>,
}

impl RawServing {
    /// A fixed instance count, or instances scaling with the volume (by events an instance
    /// serves, or by its token throughput).
    pub const WAYS: Ways = &[
        &["instances"],
        &["capacity_per_instance", "min_instances"],
        &["tokens_per_second", "utilization", "min_instances"],
    ];
}

/// `benefits.NAME = { monthly, ramp_months }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBenefit {
    pub monthly: Num,
    pub ramp_months: Option<Num>,
    /// What the memo calls this table (`label = "..."`).
    pub label: Option<Spanned<String>>,
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
    /// What the memo calls this table (`label = "..."`).
    pub label: Option<Spanned<String>>,
}

/// `items.NAME = { cost, overrun }`, `{ hours, rate, overrun }` or `{ people, weeks, hourly,
/// hours_per_week, overrun }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub cost: Option<Num>,
    pub hours: Option<Num>,
    pub rate: Option<Num>,
    pub people: Option<Num>,
    pub weeks: Option<Num>,
    pub hourly: Option<Num>,
    pub hours_per_week: Option<Num>,
    pub overrun: Option<Num>,
    /// What the memo calls this table (`label = "..."`).
    pub label: Option<Spanned<String>>,
}

impl RawItem {
    /// An amount, hours at an hourly rate, or people for some weeks.
    pub const WAYS: Ways = &[
        &["cost"],
        &["hours", "rate"],
        &["people", "weeks", "hourly", "hours_per_week"],
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `field` is a field of the table `T` (serde names every unknown one).
    fn is_field_of<T: serde::de::DeserializeOwned>(field: &str) -> bool {
        let text = format!("{field} = 1");
        match toml::from_str::<T>(&text) {
            Ok(_) => true,
            Err(e) => !e.message().contains("unknown field"),
        }
    }

    #[test]
    fn every_way_names_fields_of_its_table() {
        fn check<T: serde::de::DeserializeOwned>(ways: Ways) {
            assert!(ways.len() >= 2, "{ways:?}");
            for field in ways.iter().flat_map(|w| w.iter()) {
                assert!(is_field_of::<T>(field), "{field}");
            }
            assert!(!is_field_of::<T>("no_such_field"));
        }
        check::<RawWorkload>(RawWorkload::WAYS);
        check::<RawOption>(RawOption::WAYS);
        check::<RawDeprecation>(RawDeprecation::WAYS);
        check::<RawServing>(RawServing::WAYS);
        check::<RawItem>(RawItem::WAYS);
    }

    #[test]
    fn tables_are_told_by_their_place_in_the_file() {
        assert_eq!(
            ways_of(&["options", "a", "deprecation"]),
            RawDeprecation::WAYS
        );
        assert_eq!(
            ways_of(&["options", "a", "project", "items", "x"]),
            RawItem::WAYS
        );
        assert!(ways_of(&["options", "a", "errors", "x"]).is_empty());
        assert!(ways_of(&["options", "a", "review"]).is_empty());
        assert_eq!(
            named_entries(&["options", "a", "monthly"]),
            Some("monthly item")
        );
        assert_eq!(named_entries(&["options", "a", "project"]), None);
    }
}
