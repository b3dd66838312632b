//! The factors and inputs of the reports named for people (no dotted paths), with what would
//! mitigate each, and their kinds as the CSV files say them.

use crate::results::Summary;
use crate::scenario::{FactorKind, Labels};

/// The names of a run's options and inputs for readers who never saw the scenario file: the
/// file's labels (`label = "..."`) where it gives them, else words derived from the schema; no
/// dotted path.
#[derive(Debug, Clone, Copy)]
pub struct Names<'a>(pub &'a Labels);

impl<'a> Names<'a> {
    /// The names of the run `summary` describes.
    pub fn of(summary: &'a Summary) -> Self {
        Names(&summary.labels)
    }

    /// The option `key`'s name: its label, or its key with underscores as spaces.
    pub fn option(&self, key: &str) -> String {
        self.0.name(&format!("options.{key}"))
    }

    /// An input's or a factor's name: the option, then what the path holds, `fine tuned:
    /// wrong department error rate`.
    pub fn input(&self, path: &str, kind: FactorKind) -> String {
        let path = path.split('#').next().unwrap_or(path);
        let (table, rest) = match path.strip_prefix("options.") {
            Some(rest) => match rest.split_once('.') {
                Some((option, rest)) => (format!("options.{option}"), rest),
                None => (path.to_string(), ""),
            },
            None => (String::new(), path),
        };
        let owner = (!table.is_empty()).then(|| self.0.name(&table));
        let owner_or = |default: &str| owner.clone().unwrap_or_else(|| default.to_string());
        match kind {
            FactorKind::Success => match self.0.get(&format!("{table}.project")) {
                Some(project) => format!("whether {project} succeeds"),
                None => format!("whether the {} project succeeds", owner_or("candidate's")),
            },
            FactorKind::Deprecation => {
                format!("when the vendor retires {}'s model", owner_or("the option"))
            }
            FactorKind::Input => {
                let field = match self.0.get(path) {
                    Some(label) => label.to_string(),
                    None => self.field_words(&table, rest),
                };
                match owner {
                    Some(owner) => format!("{owner}: {field}"),
                    None => field,
                }
            }
        }
    }

    /// What the dotted path `rest` under `table` (an option's, or the top) holds, in words;
    /// a labelled entry goes by its label, and a field of a labelled table is followed by
    /// the table's label in brackets.
    fn field_words(&self, table: &str, rest: &str) -> String {
        let parts: Vec<&str> = rest.split('.').collect();
        let under = |depth: usize| {
            let sub = parts[..=depth.min(parts.len() - 1)].join(".");
            if table.is_empty() {
                sub
            } else {
                format!("{table}.{sub}")
            }
        };
        let named = |i: usize| self.0.name(&under(i));
        let words = match parts.as_slice() {
            ["workload", "events_per_day"] => "events a day".into(),
            ["workload", "events_per_month"] => "events a month".into(),
            ["workload", "growth_per_month"] => "volume growth a month".into(),
            ["workload", "tokens_per_day"] => "tokens a day".into(),
            ["workload", "tokens_per_month"] => "tokens a month".into(),
            ["workload", "tokens_per_event"] => "tokens per event".into(),
            ["scenario", "discount_rate"] => "discount rate".into(),
            ["errors", _, "rate"] => return format!("{} error rate", named(1)),
            ["errors", _, "cost"] => return format!("cost of {} error", with_article(&named(1))),
            ["accuracy"] => "accuracy".into(),
            ["error_cost"] => "cost of an error".into(),
            ["cost_per_event"] => "cost per event".into(),
            ["cost_per_event", "tokens_in"] => "input tokens per event".into(),
            ["cost_per_event", "tokens_out"] => "output tokens per event".into(),
            ["cost_per_event", "price_in"] => "price per million input tokens".into(),
            ["cost_per_event", "price_out"] => "price per million output tokens".into(),
            ["price_change_per_year"] => "price change a year".into(),
            ["labour", "seconds"] => "handling time per event (seconds)".into(),
            ["labour", "minutes"] => "handling time per event (minutes)".into(),
            ["labour", "hourly"] => "hourly cost of the people".into(),
            ["review", "rate"] => "share of events reviewed".into(),
            ["review", "cost"] => "cost of a review".into(),
            ["serving", "hourly"] => "serving cost an hour".into(),
            ["serving", "instances"] => "serving instances".into(),
            ["serving", "tokens_per_second"] => "serving throughput (tokens a second)".into(),
            ["serving", "utilization"] => "serving utilization".into(),
            ["serving", field] => format!("serving {}", words(field)),
            ["monthly", _] => return format!("{} a month", named(1)),
            ["benefits", _, "monthly"] => return format!("{} benefit a month", named(1)),
            ["benefits", _, "ramp_months"] => return format!("{} ramp-up (months)", named(1)),
            ["drift_per_month"] => "drift a month".into(),
            ["retrain", "cost"] => "cost of a retraining".into(),
            ["retrain", "every_months"] => "months between retrainings".into(),
            ["deprecation", "hazard_per_year"] => "deprecations a year".into(),
            ["deprecation", "at_month"] => "month of the deprecation".into(),
            ["deprecation", "migration_cost"] => "migration cost".into(),
            ["deprecation", "downtime_months"] => "downtime after a deprecation (months)".into(),
            ["deprecation", "cost_factor"] => "successor's cost factor".into(),
            ["project", "build_months"] => "build time (months)".into(),
            ["project", "success"] => "project success probability".into(),
            ["project", "contingency"] => "contingency".into(),
            ["project", "planned_runs"] => "planned training runs".into(),
            ["project", "failed_runs"] => "failed training runs".into(),
            ["project", "cost_per_run"] => "cost of a training run".into(),
            ["project", "cost_per_run", "gpu_hours"] => "GPU-hours of a training run".into(),
            ["project", "cost_per_run", "hourly"] => "price of a training GPU-hour".into(),
            ["project", "cost_per_run", "tokens"] => "tokens of a training run".into(),
            ["project", "cost_per_run", "tokens_per_second"] => {
                "training throughput (tokens a second)".into()
            }
            ["project", "cost_per_run", "gpus"] => "GPUs of a training run".into(),
            ["project", "cost_per_run", "overhead"] => "training time overhead".into(),
            ["project", "items", _, "cost"] => return format!("{} cost", named(2)),
            ["project", "items", _, "overrun"] => return format!("{} overrun", named(2)),
            ["project", "items", _, "hours"] => return format!("{} hours", named(2)),
            ["project", "items", _, "rate"] => return format!("{} hourly rate", named(2)),
            ["project", "items", _, "people"] => return format!("{} people", named(2)),
            ["project", "items", _, "weeks"] => return format!("{} weeks", named(2)),
            ["project", "items", _, "hourly"] => return format!("{} hourly cost", named(2)),
            ["project", "items", _, "hours_per_week"] => {
                return format!("{} hours a week", named(2));
            }
            _ => parts.iter().map(|p| words(p)).collect::<Vec<_>>().join(" "),
        };
        match self.0.get(&under(0)).filter(|_| parts.len() > 1) {
            Some(group) => format!("{words} ({group})"),
            None => words,
        }
    }
}

/// `noun` after "a" or "an", by its first letter: `an escalated ticket`, `a wrong answer`.
fn with_article(noun: &str) -> String {
    let vowel = noun.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']);
    format!("{} {noun}", if vowel { "an" } else { "a" })
}

/// A name from the file with its underscores as spaces.
pub(super) fn words(name: &str) -> String {
    name.replace('_', " ")
}

/// What would reduce a factor's risk, as a clause to follow "mitigate by": the sources' usual
/// answers, by what the factor is.
pub fn mitigation(path: &str, kind: FactorKind) -> &'static str {
    let field = path.split('#').next().unwrap_or(path);
    let last = field.rsplit('.').next().unwrap_or(field);
    match kind {
        FactorKind::Success => {
            "a pilot on a slice of the traffic, with a go/no-go gate before the rest of the budget"
        }
        FactorKind::Deprecation => {
            "a contract with notice of retirement, and a tested fallback or successor model"
        }
        FactorKind::Input => match last {
            "failed_runs" | "planned_runs" | "cost_per_run" => {
                "a staged training budget: small runs and an evaluation gate before the large ones"
            }
            _ if field.contains(".cost_per_run.") => {
                "a staged training budget: small runs and an evaluation gate before the large ones"
            }
            "overrun" | "cost" | "hours" | "rate" | "people" | "weeks" | "hourly"
            | "hours_per_week" | "contingency"
                if field.contains(".items.") =>
            {
                "a fixed-price or phased scope for this work, estimated from a sample first"
            }
            "build_months" => "a time-boxed first release that goes live with a reduced scope",
            "rate" if field.contains(".errors.") => {
                "an eval set that measures this error rate before deciding"
            }
            "accuracy" => "an eval set that measures the accuracy before deciding",
            "events_per_day" | "events_per_month" | "growth_per_month" | "tokens_per_day"
            | "tokens_per_month" | "tokens_per_event" => {
                "a measurement of the real volume (logs of a month) before deciding"
            }
            "drift_per_month" | "every_months" => {
                "monitoring of the error rate in production, and a retraining budget"
            }
            "price_change_per_year" | "cost_per_event" => {
                "a price agreement with the vendor, or a second vendor quoted"
            }
            _ => "measuring it before deciding (its value of information is in the memo)",
        },
    }
}

/// A factor's path without the leading `options.`, and its first part (the option's name for
/// options' factors).
pub(super) fn short_path(path: &str) -> (&str, &str) {
    let path = path.strip_prefix("options.").unwrap_or(path);
    (path, path.split('.').next().unwrap_or(path))
}

/// The kind of a factor, as the CSV files say it.
pub(super) fn kind_name(kind: FactorKind) -> &'static str {
    match kind {
        FactorKind::Input => "input",
        FactorKind::Success => "success",
        FactorKind::Deprecation => "deprecation",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_names_have_no_dotted_path() {
        let labels = Labels::default();
        let names = Names(&labels);
        let name = |p| names.input(p, FactorKind::Input);
        assert_eq!(
            name("options.fine_tuned.errors.wrong_department.rate"),
            "fine tuned: wrong department error rate"
        );
        assert_eq!(
            name("options.ft.project.items.data_prep.overrun"),
            "ft: data prep overrun"
        );
        assert_eq!(name("workload.events_per_day"), "events a day");
        assert_eq!(name("options.x.some.new_field"), "x: some new field");
        assert_eq!(
            names.input("options.ft.project.success#event", FactorKind::Success),
            "whether the ft project succeeds"
        );
        assert_eq!(
            names.input("options.api.deprecation#first", FactorKind::Deprecation),
            "when the vendor retires api's model"
        );
        assert_eq!(names.option("fine_tuned"), "fine tuned");
    }

    #[test]
    fn labels_replace_the_derived_names() {
        let mut labels = Labels::default();
        labels.insert("options.ft", "fine-tuned model");
        labels.insert("options.ft.errors.wrong_department", "wrong-department");
        labels.insert("options.ft.project.items.data_prep", "data labelling");
        labels.insert("options.ft.project", "the LoRA build");
        labels.insert("options.ft.serving", "GPU pool");
        labels.insert("options.ft.cost_per_event", "tokens an email");
        let names = Names(&labels);
        let name = |p| names.input(p, FactorKind::Input);
        assert_eq!(
            name("options.ft.errors.wrong_department.rate"),
            "fine-tuned model: wrong-department error rate"
        );
        assert_eq!(
            name("options.ft.errors.wrong_department.cost"),
            "fine-tuned model: cost of a wrong-department error"
        );
        assert_eq!(
            name("options.ft.project.items.data_prep.overrun"),
            "fine-tuned model: data labelling overrun"
        );
        assert_eq!(
            name("options.ft.serving.hourly"),
            "fine-tuned model: serving cost an hour (GPU pool)"
        );
        assert_eq!(
            name("options.ft.cost_per_event"),
            "fine-tuned model: tokens an email"
        );
        assert_eq!(
            names.input("options.ft.project.success#event", FactorKind::Success),
            "whether the LoRA build succeeds"
        );
        assert_eq!(
            names.input("options.ft.deprecation#first", FactorKind::Deprecation),
            "when the vendor retires fine-tuned model's model"
        );
        assert_eq!(names.option("ft"), "fine-tuned model");
        assert_eq!(names.option("other_one"), "other one");
    }
}
