//! Scenario files: reads a TOML file, mirrors it in raw structs ([`raw`]), and builds the checked
//! [`Scenario`] ([`build`]). Every problem becomes an [`InputError`] naming the file, the line,
//! the field, the bad value and what is allowed.

mod build;
mod domain;
mod raw;

use crate::error::InputError;
use crate::scenario::Scenario;
use build::{Builder, line_of};
use std::path::Path;

/// Largest scenario file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 1 << 20;

/// Reads and checks the scenario file at `path`.
pub fn load(path: &Path) -> Result<Scenario, InputError> {
    let fail = |message: String| InputError::new(path, None, "", message);
    let meta =
        std::fs::metadata(path).map_err(|e| fail(format!("cannot read the scenario file: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(format!(
            "the file has {} bytes; a scenario file may have at most {MAX_FILE_BYTES}",
            meta.len()
        )));
    }
    let src = std::fs::read_to_string(path)
        .map_err(|e| fail(format!("cannot read the scenario file: {e}")))?;
    parse(&src, path)
}

/// Checks the scenario text `src`; `path` names it in errors.
pub fn parse(src: &str, path: &Path) -> Result<Scenario, InputError> {
    let raw: raw::RawFile = toml::from_str(src).map_err(|e| toml_error(src, path, &e))?;
    Builder::new(path, src).build(raw)
}

/// Turns a TOML or schema error into an [`InputError`]: its line, the field it concerns where
/// that can be told, and for an unknown field the nearest known name.
fn toml_error(src: &str, path: &Path, err: &toml::de::Error) -> InputError {
    let line = err.span().map(|s| line_of(src, s.start));
    let mut message = err.message().trim().to_string();
    let at = err.span().map_or(0, |s| s.start);
    let key = if let Some((unknown, expected)) = unknown_field(&message) {
        if let Some(best) = nearest(&unknown, &expected) {
            message.push_str(&format!("; did you mean `{best}`?"));
        }
        Some(unknown)
    } else {
        err.span().and_then(|_| key_at(src, at))
    };
    let field = match (table_at(src, at), key) {
        (Some(table), Some(key)) => format!("{table}.{key}"),
        (table, key) => key.or(table).unwrap_or_default(),
    };
    InputError::new(path, line, &field, message)
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

/// The key written before `=` on the line holding byte `at`, when the error points at a value.
fn key_at(src: &str, at: usize) -> Option<String> {
    let start = src[..at.min(src.len())].rfind('\n').map_or(0, |i| i + 1);
    let line = src[start..].lines().next()?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    (!key.is_empty() && !key.starts_with('[')).then(|| key.to_string())
}

/// The `[table]` header in force at byte `at`, without its brackets.
fn table_at(src: &str, at: usize) -> Option<String> {
    src[..at.min(src.len())]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && !l.starts_with("[["))
        .and_then(|l| l.trim_start_matches('[').split(']').next())
        .map(|t| t.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn far_names_get_no_suggestion() {
        assert_eq!(nearest("zzz", &["baseline".into(), "project".into()]), None);
    }
}
