//! Scenario files: reads a TOML file, mirrors it in raw structs (`raw.rs`), and builds the checked
//! [`Scenario`] (`build.rs`); a [`Document`] also builds the file's variants: its `[[stress]]`
//! cases and any other set of [`Override`]s. Every problem becomes an [`InputError`] naming the
//! file, the line, the field, the bad value and what is allowed.

mod build;
mod domain;
pub mod edit;
mod overrides;
mod raw;

pub use domain::Domain;
pub use overrides::Override;

use crate::error::InputError;
use crate::scenario::Scenario;
use build::{Builder, line_of};
use indexmap::IndexMap;
use std::path::{Path, PathBuf};

/// Largest scenario file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 1 << 20;

/// A checked scenario file: the base scenario, its stress cases, and its TOML tree, from which
/// further variants are built.
#[derive(Debug, Clone)]
pub struct Document {
    file: PathBuf,
    /// The file's tree without its `[[stress]]` sections.
    tree: toml::Table,
    base: Scenario,
    /// The range of every number of the base, by dotted path.
    domains: IndexMap<String, Domain>,
    stress: Vec<StressCase>,
}

/// A variant of the file: its scenario, the range of its every number, and its tree.
type Variant = (Scenario, IndexMap<String, Domain>, toml::Table);

/// A `[[stress]]` case of the file: its name, its changes, and the scenario they give.
#[derive(Debug, Clone)]
pub struct StressCase {
    /// The case's name.
    pub name: String,
    /// Its changes, in file order.
    pub set: Vec<Override>,
    /// The base scenario with the changes made.
    pub scenario: Scenario,
}

impl Document {
    /// Reads and checks the scenario file at `path`, stress cases included.
    pub fn load(path: &Path) -> Result<Self, InputError> {
        Document::parse(&read(path)?, path)
    }

    /// Checks the scenario text `src`; `path` names it in errors.
    pub fn parse(src: &str, path: &Path) -> Result<Self, InputError> {
        let mut raw: raw::RawFile = toml::from_str(src).map_err(|e| toml_error(src, path, &e))?;
        let raw_stress = raw.stress.take().unwrap_or_default();
        let (base, domains) = Builder::new(path, src).build(raw)?;
        let mut tree: toml::Table = toml::from_str(src).map_err(|e| toml_error(src, path, &e))?;
        tree.remove("stress");
        let mut doc = Document {
            file: path.to_path_buf(),
            tree,
            base,
            domains,
            stress: Vec::new(),
        };
        for case in raw_stress {
            let case = doc.stress_case(src, case)?;
            doc.stress.push(case);
        }
        Ok(doc)
    }

    /// The scenario as written.
    pub fn base(&self) -> &Scenario {
        &self.base
    }

    /// The scenario as written, by value.
    pub fn into_base(self) -> Scenario {
        self.base
    }

    /// The values the number at `path` may take: that of a number the file's check looked at
    /// (its inputs, written or at their defaults, and its numeric settings such as
    /// `scenario.discount_rate` or `retrain.every_months`), else that of a field a change at
    /// `path` would add (`deprecation.at_month` where the file gives a hazard); `None` for any
    /// other path.
    pub fn domain_of(&self, path: &str) -> Option<Domain> {
        if let Some(domain) = self.domains.get(path) {
            return Some(*domain);
        }
        [1.0, 0.0].into_iter().find_map(|probe| {
            let (_, domains, _) = self.build_variant(&[Override::number(path, probe)]).ok()?;
            domains.get(path).copied()
        })
    }

    /// The number the file writes at `path`, when it writes a plain number there.
    pub fn written_number(&self, path: &str) -> Option<f64> {
        let (parents, leaf) = path.rsplit_once('.')?;
        let mut table = &self.tree;
        for key in parents.split('.') {
            table = table.get(key)?.as_table()?;
        }
        match table.get(leaf)? {
            toml::Value::Integer(i) => Some(*i as f64),
            toml::Value::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// The file's stress cases, in file order.
    pub fn stress(&self) -> &[StressCase] {
        &self.stress
    }

    /// The scenario with the changes `set` made, checked like a file written that way. An error
    /// names the change that caused it (its path as the field, so callers can tell where it was
    /// asked for) and, when another field is what became wrong, that field; it has no line: the
    /// changed file exists only in memory.
    pub fn variant(&self, set: &[Override]) -> Result<Scenario, InputError> {
        self.checked_variant(set).map(|(scenario, ..)| scenario)
    }

    /// [`Document::build_variant`], with an error as [`Document::variant`] says it.
    fn checked_variant(&self, set: &[Override]) -> Result<Variant, InputError> {
        let err = match self.build_variant(set) {
            Ok(variant) => return Ok(variant),
            Err(err) => err,
        };
        if set.is_empty() {
            return Err(err);
        }
        // The first change whose addition makes the file wrong is the one to name, with the
        // error that change alone leads to.
        let (culprit, err) = (1..set.len())
            .find_map(|k| self.build_variant(&set[..k]).err().map(|e| (k - 1, e)))
            .unwrap_or((set.len() - 1, err));
        let o = &set[culprit];
        let message = if err.field == o.path {
            err.message
        } else if err.field.is_empty() {
            format!("set to {}: {}", o.value_text(), err.message)
        } else {
            format!(
                "set to {}, it leaves `{}` wrong: {}",
                o.value_text(),
                err.field,
                err.message
            )
        };
        Err(InputError::new(&self.file, None, &o.path, message))
    }

    /// The file as if written with the changes `set`, with the stress cases named in `keep`
    /// only: its base is [`Document::variant`]'s scenario, and each kept case makes its own
    /// changes on top of `set` (a case that sets an input `set` changes too has the last word).
    /// Errors as `variant`'s; a kept stress case that the changes leave wrong is named in the
    /// message.
    pub fn with_changes(&self, set: &[Override], keep: &[String]) -> Result<Document, InputError> {
        let (base, domains, tree) = self.checked_variant(set)?;
        let mut changed = Document {
            file: self.file.clone(),
            tree,
            base,
            domains,
            stress: Vec::new(),
        };
        for case in self.stress.iter().filter(|c| keep.contains(&c.name)) {
            let scenario = changed.variant(&case.set).map_err(|e| {
                InputError::new(
                    &self.file,
                    None,
                    &e.field,
                    format!("in stress case \"{}\": {}", case.name, e.message),
                )
            })?;
            changed.stress.push(StressCase {
                name: case.name.clone(),
                set: case.set.clone(),
                scenario,
            });
        }
        Ok(changed)
    }

    /// The scenario with the changes `set` made, the range of its every number and the
    /// changed tree, or the first error of the changed file.
    fn build_variant(&self, set: &[Override]) -> Result<Variant, InputError> {
        let mut tree = self.tree.clone();
        for o in set {
            overrides::apply(&mut tree, o)
                .map_err(|message| InputError::new(&self.file, None, &o.path, message))?;
        }
        let text = toml::to_string(&tree).map_err(|e| {
            InputError::new(
                &self.file,
                None,
                "",
                format!("cannot write the changed file: {e}"),
            )
        })?;
        let raw: raw::RawFile =
            toml::from_str(&text).map_err(|e| toml_error(&text, &self.file, &e))?;
        let (scenario, domains) = Builder::new(&self.file, &text)
            .for_variant_of(&self.base)
            .build(raw)?;
        Ok((scenario, domains, tree))
    }

    /// Checks one `[[stress]]` section and builds its scenario.
    fn stress_case(&self, src: &str, raw: raw::RawStress) -> Result<StressCase, InputError> {
        let at = |span: std::ops::Range<usize>| Some(line_of(src, span.start));
        let name = raw.name.get_ref().trim().to_string();
        if name.is_empty() {
            return Err(InputError::new(
                &self.file,
                at(raw.name.span()),
                "stress.name",
                "must not be empty",
            ));
        }
        if self.stress.iter().any(|c| c.name == name) {
            return Err(InputError::new(
                &self.file,
                at(raw.name.span()),
                "stress.name",
                format!("\"{name}\" names two stress cases; give each its own name"),
            ));
        }
        let set_span = raw.set.span();
        let entries = raw.set.into_inner();
        if entries.is_empty() {
            return Err(InputError::new(
                &self.file,
                at(set_span),
                "stress.set",
                format!("stress case \"{name}\" changes nothing; set at least one input"),
            ));
        }
        let mut set = Vec::new();
        let mut lines = Vec::new();
        for (path, value) in entries {
            lines.push(at(value.span()));
            set.push(Override {
                path,
                value: value.into_inner(),
            });
        }
        let scenario = self.variant(&set).map_err(|e| {
            let line = set
                .iter()
                .position(|o| o.path == e.field)
                .map_or(at(set_span.clone()), |i| lines[i]);
            InputError::new(
                &self.file,
                line,
                &e.field,
                format!("in stress case \"{name}\": {}", e.message),
            )
        })?;
        Ok(StressCase {
            name,
            set,
            scenario,
        })
    }
}

/// Reads and checks the scenario file at `path` (its stress cases checked too), and returns
/// the scenario as written.
pub fn load(path: &Path) -> Result<Scenario, InputError> {
    Document::load(path).map(Document::into_base)
}

/// The text of the scenario file at `path`, refused when it is too large to be one.
pub fn read(path: &Path) -> Result<String, InputError> {
    let fail = |message: String| InputError::new(path, None, "", message);
    let meta =
        std::fs::metadata(path).map_err(|e| fail(format!("cannot read the scenario file: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(format!(
            "the file has {} bytes; a scenario file may have at most {MAX_FILE_BYTES}",
            meta.len()
        )));
    }
    std::fs::read_to_string(path).map_err(|e| fail(format!("cannot read the scenario file: {e}")))
}

/// Turns a TOML or schema error into an [`InputError`]: its line, the field it concerns where
/// that can be told, and for an unknown field the nearest known name.
fn toml_error(src: &str, path: &Path, err: &toml::de::Error) -> InputError {
    let line = err.span().map(|s| line_of(src, s.start));
    let mut message = plain_types(err.message().trim());
    if let Some((unknown, expected)) = unknown_field(&message)
        && let Some(best) = nearest(&unknown, &expected)
    {
        message.push_str(&format!("; did you mean `{best}`?"));
    }
    let field = err
        .span()
        .and_then(|s| key_path_at(src, s.start))
        .unwrap_or_default();
    InputError::new(path, line, &field, message)
}

/// The dotted path of the deepest key whose name or value holds byte `at` of the TOML text
/// `src` (`options.b.project.items.engineering.weeks`), however the file nests its tables:
/// headers, dotted keys or inline tables. Arrays of tables add no index (`stress.name`).
fn key_path_at(src: &str, at: usize) -> Option<String> {
    use toml::de::{DeTable, DeValue};
    fn walk(table: &DeTable, at: usize, path: &mut Vec<String>) -> bool {
        for (key, value) in table {
            path.push(key.get_ref().to_string());
            let holds = |span: std::ops::Range<usize>| span.contains(&at);
            let found = match value.get_ref() {
                DeValue::Table(t) => walk(t, at, path),
                DeValue::Array(items) => items.iter().any(|item| match item.get_ref() {
                    DeValue::Table(t) => walk(t, at, path),
                    _ => false,
                }),
                _ => false,
            };
            if found || holds(key.span()) || holds(value.span()) {
                return true;
            }
            path.pop();
        }
        false
    }
    let doc = DeTable::parse(src).ok()?;
    let mut path = Vec::new();
    walk(doc.get_ref(), at, &mut path).then(|| path.join("."))
}

/// serde's message with the schema's type names said in the file's words: "expected struct
/// RawItem" is "expected a table of fields".
fn plain_types(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(at) = rest.find("struct Raw") {
        out.push_str(&rest[..at]);
        out.push_str("a table of fields");
        rest = rest[at + "struct Raw".len()..].trim_start_matches(|c: char| c.is_alphanumeric());
    }
    out.push_str(rest);
    out.replace("a map", "a table")
}

/// From serde's "unknown field `x`, expected one of `a`, `b`": the field and the known names.
fn unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (unknown, expected) = rest.split_once('`')?;
    let names = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((unknown.to_string(), names))
}

/// The known name closest to `unknown`, when it is close enough to be a typo.
fn nearest(unknown: &str, known: &[String]) -> Option<String> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(unknown, k), k))
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "[scenario]\nname = \"t\"\nhorizon_months = 12\n\
        [workload]\nevents_per_day = 1000\n[options.a]\nbaseline = true\n\
        cost_per_event = 1\n[options.b]\ncost_per_event = 0.5\n\
        [[stress]]\nname = \"dear\"\nset = { \"options.b.cost_per_event\" = 0.9 }\n\
        [[stress]]\nname = \"busy\"\nset = { \"workload.events_per_day\" = 2000 }\n";

    fn cost_of_b(s: &Scenario) -> f64 {
        let input = s
            .inputs
            .iter()
            .find(|i| i.path == "options.b.cost_per_event")
            .unwrap();
        input.dist.as_constant().unwrap()
    }

    #[test]
    fn changes_hold_under_the_kept_stress_cases_which_have_the_last_word() {
        let doc = Document::parse(FILE, Path::new("f.toml")).unwrap();
        let set = [Override::number("options.b.cost_per_event", 0.7)];
        let changed = doc
            .with_changes(&set, &["busy".into(), "dear".into()])
            .unwrap();
        assert_eq!(cost_of_b(changed.base()), 0.7);
        let names: Vec<&str> = changed.stress().iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["dear", "busy"], "in file order");
        assert_eq!(
            cost_of_b(&changed.stress()[0].scenario),
            0.9,
            "the case's own value"
        );
        assert_eq!(
            cost_of_b(&changed.stress()[1].scenario),
            0.7,
            "the change under the case"
        );
        let none = doc.with_changes(&set, &[]).unwrap();
        assert!(none.stress().is_empty());
    }

    /// A variant that leaves a correlated input as it was shares the base's quantile table of
    /// it; one that changes the input builds its own.
    #[test]
    fn a_variant_shares_the_quantile_tables_of_the_inputs_it_leaves() {
        let file = "[scenario]\nname = \"t\"\nhorizon_months = 12\n\
            [workload]\nevents_per_day = \"pert(900, 1000, 1300)\"\n\
            growth_per_month = \"uniform(0, 0.02)\"\n[options.a]\nbaseline = true\n\
            cost_per_event = 1\n[options.b]\ncost_per_event = 0.5\n\
            [[correlation]]\nbetween = [\"workload.events_per_day\", \"workload.growth_per_month\"]\n\
            rank = 0.5\n";
        let doc = Document::parse(file, Path::new("f.toml")).unwrap();
        let volume = |s: &Scenario| {
            s.inputs
                .iter()
                .find(|i| i.path == "workload.events_per_day")
                .unwrap()
                .dist
                .clone()
        };
        let base = volume(doc.base());
        let other = doc
            .variant(&[Override::number("options.b.cost_per_event", 0.7)])
            .unwrap();
        assert!(volume(&other).shares_table_with(&base));
        let text = |t: &str| Override::from_text("workload.events_per_day", t);
        let same = doc.variant(&[text("pert(900, 1000, 1300)")]).unwrap();
        assert!(
            volume(&same).shares_table_with(&base),
            "the same distribution"
        );
        let changed = doc.variant(&[text("pert(900, 1100, 1300)")]).unwrap();
        assert!(!volume(&changed).shares_table_with(&base));
        assert!(volume(&changed).shares_table_with(&volume(&changed)));
    }

    #[test]
    fn unknown_field_is_split_into_name_and_choices() {
        let (name, known) =
            unknown_field("unknown field `horizon`, expected one of `name`, `horizon_months`")
                .unwrap();
        assert_eq!(name, "horizon");
        assert_eq!(known, vec!["name", "horizon_months"]);
        assert_eq!(nearest(&name, &known).as_deref(), Some("horizon_months"));
    }

    #[test]
    fn a_key_is_named_by_its_whole_path_however_its_tables_are_written() {
        let src = "[options.b.project]\nitems.engineering = { hours = 3, weeks = 2 }\n\
                   [options.b.serving]\nhourly = 1\n[[stress]]\nname = \"x\"\n";
        let at = |needle: &str| key_path_at(src, src.find(needle).unwrap());
        assert_eq!(
            at("weeks").as_deref(),
            Some("options.b.project.items.engineering.weeks")
        );
        assert_eq!(
            at("3").as_deref(),
            Some("options.b.project.items.engineering.hours")
        );
        assert_eq!(at("hourly").as_deref(), Some("options.b.serving.hourly"));
        assert_eq!(at("\"x\"").as_deref(), Some("stress.name"));
    }

    #[test]
    fn type_names_of_the_schema_are_said_in_the_files_words() {
        assert_eq!(
            plain_types("invalid type: integer `1`, expected struct RawItem"),
            "invalid type: integer `1`, expected a table of fields"
        );
        assert_eq!(plain_types("expected a map"), "expected a table");
    }

    #[test]
    fn far_names_get_no_suggestion() {
        assert_eq!(nearest("zzz", &["baseline".into(), "project".into()]), None);
    }
}
