//! The factors of the sensitivity and value-of-information sections named for people and for
//! the CSV files.

use crate::scenario::FactorKind;

/// A factor's name for people: an input's dotted path without the leading `options.`; a
/// project's success as `NAME project succeeds`; a deprecation as `NAME deprecation time`.
pub fn factor_label(path: &str, kind: FactorKind) -> String {
    let (path, option) = short_path(path);
    match kind {
        FactorKind::Input => path.to_string(),
        FactorKind::Success => format!("{option} project succeeds"),
        FactorKind::Deprecation => format!("{option} deprecation time"),
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
    fn factors_are_named_for_people() {
        assert_eq!(
            factor_label("options.ft.project.failed_runs", FactorKind::Input),
            "ft.project.failed_runs"
        );
        assert_eq!(
            factor_label("workload.events_per_day", FactorKind::Input),
            "workload.events_per_day"
        );
        assert_eq!(
            factor_label("options.ft.project.success#event", FactorKind::Success),
            "ft project succeeds"
        );
        assert_eq!(
            factor_label("options.api.deprecation#first", FactorKind::Deprecation),
            "api deprecation time"
        );
    }
}
