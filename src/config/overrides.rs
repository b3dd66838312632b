//! Changes to a scenario file by dotted path, as stress cases, sweeps and the solver make them:
//! `options.prompted.deprecation.at_month = 6` puts that value into the file's TOML tree before
//! the scenario is built, so the result is checked exactly like a file written that way.

use super::raw::{named_entries, ways_of};
use crate::distribution::fmt as fmt_num;

/// One change: the value at a dotted path (a constant, or a distribution as the file writes it).
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    /// Dotted path, e.g. `options.fine_tuned.project.success`.
    pub path: String,
    /// The new value.
    pub value: toml::Value,
}

impl Override {
    /// The constant `value` at `path`.
    pub fn number(path: &str, value: f64) -> Self {
        let value = if value.fract() == 0.0 && value.abs() < 9e15 {
            toml::Value::Integer(value as i64)
        } else {
            toml::Value::Float(value)
        };
        Override {
            path: path.to_string(),
            value,
        }
    }

    /// The value at `path` as a user types it: a number (`0.05`, `1_000`) or an inline table
    /// (`{ observed = 5, of = 100 }`) as TOML reads it, anything else (`"20 to 40"`, `15k`,
    /// `pert(1, 2, 4)`) as the text a quoted string of the file would hold.
    pub fn from_text(path: &str, text: &str) -> Self {
        let text = text.trim();
        let unquoted = text
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .filter(|t| !t.contains('"'));
        let read = (!text.contains('\n'))
            .then(|| format!("v = {text}").parse::<toml::Table>().ok())
            .flatten()
            .and_then(|mut t| t.remove("v"))
            .filter(|v| {
                matches!(
                    v,
                    toml::Value::Integer(_) | toml::Value::Float(_) | toml::Value::Table(_)
                )
            });
        let value = read.unwrap_or_else(|| toml::Value::String(unquoted.unwrap_or(text).into()));
        Override {
            path: path.to_string(),
            value,
        }
    }

    /// The value as the file would write it: `6`, `"uniform(0.7, 1)"`.
    pub fn value_text(&self) -> String {
        match &self.value {
            toml::Value::String(s) => s.clone(),
            toml::Value::Float(f) => fmt_num(*f),
            other => other.to_string(),
        }
    }
}

/// Top-level tables whose inputs may be changed, and the one scenario setting that may.
const SETTABLE: [&str; 4] = ["workload.", "options.", "errors.", "scenario.discount_rate"];

/// Puts `o.value` at `o.path` in the file's tree. Tables on the way are created when missing
/// (a deprecation the file did not have), but entries the file names itself (an option, an
/// error bucket, a project item, a monthly item, a benefit) must exist; whether the field
/// exists and takes the value is checked when the changed tree is built into a scenario.
/// Errors say what is wrong.
pub fn apply(doc: &mut toml::Table, o: &Override) -> Result<(), String> {
    let path = o.path.as_str();
    let settable = |p: &&str| match p.strip_suffix('.') {
        Some(table) => path.starts_with(p) && path.len() > p.len() && !table.is_empty(),
        None => path == *p,
    };
    if !SETTABLE.iter().any(settable) {
        return Err(format!(
            "`{path}` cannot be set: a change sets an input under workload, options or errors \
             (or scenario.discount_rate)"
        ));
    }
    let keys: Vec<&str> = path.split('.').collect();
    if keys.iter().any(|k| k.trim().is_empty()) {
        return Err(format!(
            "`{path}` has an empty part; write keys joined by dots"
        ));
    }
    let (leaf, parents) = keys.split_last().expect("a path has at least one key");
    if *leaf == "label" {
        return Err(format!(
            "`{path}` is a label, not an input: a change sets a number or a distribution"
        ));
    }
    let mut table = doc;
    for (depth, key) in parents.iter().enumerate() {
        known_entry(table, &keys[..depth], key, path)?;
        drop_alternatives(table, &keys[..depth], key);
        let entry = table
            .entry(key.to_string())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        table = entry.as_table_mut().ok_or_else(|| {
            format!(
                "`{}` is a value, not a table: `{path}` cannot be set",
                keys[..=depth].join(".")
            )
        })?;
    }
    known_entry(table, parents, leaf, path)?;
    drop_alternatives(table, parents, leaf);
    table.insert(leaf.to_string(), o.value.clone());
    Ok(())
}

/// Refuses `key` in `table` (the table at the dotted path `at`) when the file names that
/// table's entries itself and has no entry `key`: a change sets what the file has.
fn known_entry(table: &toml::Table, at: &[&str], key: &str, path: &str) -> Result<(), String> {
    let Some(what) = named_entries(at) else {
        return Ok(());
    };
    if table.contains_key(key) {
        return Ok(());
    }
    let names: Vec<&str> = table.keys().map(String::as_str).collect();
    // "the project items of options.a.project", not "… of options.a.project.items".
    let place = match at {
        [_] => String::new(),
        [owner @ .., _] => format!(" of {}", owner.join(".")),
        [] => String::new(),
    };
    let known = if names.is_empty() {
        format!("there are no {what}s{place}")
    } else {
        format!("the {what}s{place} are {}", names.join(", "))
    };
    Err(format!(
        "`{path}` names no {what} of the file: `{key}` is not one ({known}); a change sets \
         what the file has and adds no {what}"
    ))
}

/// Removes from `table` (the table at the dotted path `at`) the fields that are alternatives
/// to `key` in the schema ([`ways_of`]), keeping `key`'s companions. A field in several ways
/// (`min_instances`, a run's `hourly`) belongs to the one the table already uses.
fn drop_alternatives(table: &mut toml::Table, at: &[&str], key: &str) {
    let ways = ways_of(at);
    let mut own_ways = ways.iter().filter(|way| way.contains(&key));
    let first = own_ways.clone().next();
    let in_use = own_ways.find(|way| way.iter().any(|f| *f != key && table.contains_key(*f)));
    let Some(own) = in_use.or(first) else {
        return;
    };
    for other in ways.iter().filter(|way| *way != own) {
        for field in other.iter().filter(|f| !own.contains(f)) {
            table.remove(*field);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_becomes_the_value_the_file_would_hold() {
        let value = |text| Override::from_text("workload.events_per_day", text).value;
        assert_eq!(value("0.05"), toml::Value::Float(0.05));
        assert_eq!(value(" 1_000 "), toml::Value::Integer(1000));
        assert_eq!(value("15k"), toml::Value::String("15k".into()));
        assert_eq!(
            value("20000 to 60000"),
            toml::Value::String("20000 to 60000".into())
        );
        assert_eq!(
            value("\"pert(1, 2, 4)\""),
            toml::Value::String("pert(1, 2, 4)".into())
        );
        assert!(value("{ observed = 5, of = 100 }").is_table());
        // Text TOML would read as more than one value stays text.
        assert_eq!(value("1\nx = 2"), toml::Value::String("1\nx = 2".into()));
        assert_eq!(value("true"), toml::Value::String("true".into()));
    }

    fn doc() -> toml::Table {
        toml::from_str(
            "[workload]\nevents_per_day = 10\n[options.a]\nbaseline = true\n\
             [options.a.deprecation]\nhazard_per_year = 0.5\nrepeat = true\n",
        )
        .unwrap()
    }

    #[test]
    fn a_fixed_month_replaces_the_hazard() {
        let mut d = doc();
        apply(
            &mut d,
            &Override::number("options.a.deprecation.at_month", 6.0),
        )
        .unwrap();
        let dep = d["options"]["a"]["deprecation"].as_table().unwrap();
        assert_eq!(dep.get("at_month"), Some(&toml::Value::Integer(6)));
        assert!(!dep.contains_key("hazard_per_year") && !dep.contains_key("repeat"));
    }

    fn set<'a>(d: &'a mut toml::Table, path: &str, value: f64) -> &'a toml::Table {
        apply(d, &Override::number(path, value)).unwrap();
        let parent = path.rsplit_once('.').unwrap().0;
        parent.split('.').fold(&*d, |t, k| t[k].as_table().unwrap())
    }

    fn keys(t: &toml::Table) -> Vec<&str> {
        t.keys().map(String::as_str).collect()
    }

    #[test]
    fn companions_stay_when_one_of_them_is_set() {
        let mut d: toml::Table = toml::from_str(
            "[options.a]\nerrors.x = { rate = 0.1, cost = 8 }\nreview = { rate = 0.1, cost = 2 }\n\
             deprecation = { hazard_per_year = 0.5, repeat = true, migration_cost = 5 }\n\
             serving = { hourly = 1, capacity_per_instance = 9, min_instances = 1 }\n\
             project.items.e = { hours = 3, rate = 100, overrun = 1.2 }\n",
        )
        .unwrap();
        assert_eq!(
            keys(set(&mut d, "options.a.errors.x.rate", 0.2)),
            ["rate", "cost"]
        );
        assert_eq!(
            keys(set(&mut d, "options.a.review.rate", 0.2)),
            ["rate", "cost"]
        );
        let dep = set(&mut d, "options.a.deprecation.repeat", 0.0);
        assert_eq!(keys(dep), ["hazard_per_year", "repeat", "migration_cost"]);
        let serving = set(&mut d, "options.a.serving.min_instances", 2.0);
        assert_eq!(
            keys(serving),
            ["hourly", "capacity_per_instance", "min_instances"]
        );
        let item = set(&mut d, "options.a.project.items.e.rate", 120.0);
        assert_eq!(keys(item), ["hours", "rate", "overrun"]);
        let item = set(&mut d, "options.a.project.items.e.cost", 900.0);
        assert_eq!(keys(item), ["overrun", "cost"]);
        let serving = set(&mut d, "options.a.serving.instances", 2.0);
        assert_eq!(keys(serving), ["hourly", "instances"]);
        let option = set(&mut d, "options.a.accuracy", 0.9);
        assert!(!option.contains_key("errors"), "{:?}", keys(option));
    }

    #[test]
    fn missing_tables_are_created_but_options_must_exist() {
        let mut d = doc();
        apply(&mut d, &Override::number("options.a.retrain.cost", 5.0)).unwrap();
        assert_eq!(d["options"]["a"]["retrain"]["cost"].as_integer(), Some(5));
        let err = apply(&mut d, &Override::number("options.b.cost_per_event", 1.0)).unwrap_err();
        assert!(err.contains("the options are a"), "{err}");
    }

    #[test]
    fn named_entries_must_exist() {
        let mut d: toml::Table = toml::from_str(
            "[options.a]\nmonthly.monitoring = 5\nproject.items.data = { cost = 1 }\n",
        )
        .unwrap();
        let typo = Override::number("options.a.monthly.monitorin", 9.0);
        let err = apply(&mut d, &typo).unwrap_err();
        assert!(
            err.contains("the monthly items of options.a are monitoring"),
            "{err}"
        );
        let typo = Override::number("options.a.project.items.dat.cost", 9.0);
        assert!(apply(&mut d, &typo).unwrap_err().contains("are data"));
    }

    #[test]
    fn run_settings_and_values_as_tables_are_refused() {
        let mut d = doc();
        for path in [
            "scenario.seed",
            "workload.events_per_day.x",
            "stress.x",
            "options..a",
            "options.a.label",
        ] {
            assert!(
                apply(&mut d, &Override::number(path, 1.0)).is_err(),
                "{path}"
            );
        }
    }
}
