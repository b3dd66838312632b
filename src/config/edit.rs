//! Changes written back into the scenario file's own text with `toml_edit`: every comment,
//! blank line and layout choice of the file is kept; only the changed values are replaced, each
//! keeping the comment written after it. Also the file's tables in file order, the groups a
//! page shows its inputs in.

use super::Override;
use toml_edit::{DocumentMut, Item, TableLike};

/// The text `src` with every change of `set` written in at its path. A change must name a value
/// the file writes (the inputs the live page lists): a path the file does not hold is refused
/// with what is missing.
pub fn with_changes(src: &str, set: &[Override]) -> Result<String, String> {
    let mut doc: DocumentMut = src
        .parse()
        .map_err(|e| format!("the file is not TOML: {e}"))?;
    for o in set {
        let keys: Vec<&str> = o.path.split('.').collect();
        let (leaf, parents) = keys
            .split_last()
            .ok_or_else(|| "an empty path names nothing".to_string())?;
        let mut table: &mut dyn TableLike = doc.as_table_mut();
        for (depth, key) in parents.iter().enumerate() {
            table = table
                .get_mut(key)
                .and_then(Item::as_table_like_mut)
                .ok_or_else(|| missing(&keys[..=depth], &o.path))?;
        }
        let old = table
            .get_mut(leaf)
            .and_then(Item::as_value_mut)
            .ok_or_else(|| missing(&keys, &o.path))?;
        let mut new = edit_value(&o.value);
        *new.decor_mut() = old.decor().clone();
        *old = new;
    }
    Ok(doc.to_string())
}

/// The message for a change at `path` whose part `keys` the file does not write.
fn missing(keys: &[&str], path: &str) -> String {
    format!(
        "`{}` is not written in the file, so `{path}` cannot be changed in it",
        keys.join(".")
    )
}

/// The value at the dotted `path` of `src` as the file writes it, for a user to edit: a string's
/// text without its quotes (`0.05 to 0.08`), any other value in its TOML form
/// (`{ p10 = 1, p50 = 2, p90 = 4 }`, `0.85`); `None` when the file does not write `path`.
pub fn source_text(doc: &DocumentMut, path: &str) -> Option<String> {
    let mut item: &Item = doc.as_item();
    for key in path.split('.') {
        item = item.as_table_like()?.get(key)?;
    }
    let value = item.as_value()?;
    Some(match value.as_str() {
        Some(text) => text.to_string(),
        None => value.clone().decorated("", "").to_string(),
    })
}

/// The tables of `doc` that have a header (`[workload]`, `[options.a.project]`), by dotted
/// path, in file order.
pub fn headers(doc: &DocumentMut) -> Vec<String> {
    let mut found = Vec::new();
    collect_headers(doc.as_table(), &mut Vec::new(), &mut found);
    found.sort_by_key(|(position, _)| *position);
    found.into_iter().map(|(_, path)| path).collect()
}

fn collect_headers(
    table: &toml_edit::Table,
    at: &mut Vec<String>,
    found: &mut Vec<(isize, String)>,
) {
    for (key, item) in table.iter() {
        let Some(child) = item.as_table() else {
            continue;
        };
        at.push(key.to_string());
        if let (false, false, Some(position)) =
            (child.is_implicit(), child.is_dotted(), child.position())
        {
            found.push((position, at.join(".")));
        }
        collect_headers(child, at, found);
        at.pop();
    }
}

/// `value` in `toml_edit`'s form, inline.
fn edit_value(value: &toml::Value) -> toml_edit::Value {
    match value {
        toml::Value::String(s) => s.as_str().into(),
        toml::Value::Integer(i) => (*i).into(),
        toml::Value::Float(f) => (*f).into(),
        toml::Value::Boolean(b) => (*b).into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(items) => items
            .iter()
            .map(edit_value)
            .collect::<toml_edit::Array>()
            .into(),
        toml::Value::Table(t) => t
            .iter()
            .map(|(k, v)| (k.as_str(), edit_value(v)))
            .collect::<toml_edit::InlineTable>()
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# top comment\n[workload]\nevents_per_day = 100   # a day\n\n\
        [options.a]\nbaseline = true\nlabour = { seconds = 30, hourly = 20 }  # people\n\
        errors.wrong = { rate = { observed = 5, of = 100 }, cost = 2 }\n\n\
        [options.a.project]\nitems.x = { cost = 10 }\n";

    fn set(path: &str, text: &str) -> Override {
        Override::from_text(path, text)
    }

    #[test]
    fn a_change_keeps_every_comment_and_the_layout() {
        let out = with_changes(
            FILE,
            &[
                set("workload.events_per_day", "pert(80, 100, 150)"),
                set("options.a.labour.seconds", "20 to 40"),
                set("options.a.errors.wrong.rate", "0.04"),
            ],
        )
        .unwrap();
        assert_eq!(
            out,
            FILE.replace("100   # a day", "\"pert(80, 100, 150)\"   # a day")
                .replace("seconds = 30", "seconds = \"20 to 40\"")
                .replace("{ observed = 5, of = 100 }", "0.04")
        );
    }

    #[test]
    fn a_table_value_is_written_inline() {
        let out = with_changes(
            FILE,
            &[set(
                "options.a.errors.wrong.rate",
                "{ observed = 7, of = 200 }",
            )],
        )
        .unwrap();
        assert!(out.contains("rate = { observed = 7, of = 200 }"), "{out}");
    }

    #[test]
    fn a_path_the_file_does_not_write_is_refused() {
        let err = with_changes(FILE, &[set("options.b.labour.seconds", "3")]).unwrap_err();
        assert!(err.contains("`options.b` is not written"), "{err}");
        let err = with_changes(FILE, &[set("workload.growth_per_month", "0.1")]).unwrap_err();
        assert!(
            err.contains("`workload.growth_per_month` is not written"),
            "{err}"
        );
    }

    #[test]
    fn a_value_is_given_as_the_file_writes_it() {
        let doc: DocumentMut = FILE.parse().unwrap();
        let text = |path| source_text(&doc, path);
        assert_eq!(text("workload.events_per_day").as_deref(), Some("100"));
        assert_eq!(
            text("options.a.errors.wrong.rate").as_deref(),
            Some("{ observed = 5, of = 100 }")
        );
        assert_eq!(
            text("options.a.labour").as_deref(),
            Some("{ seconds = 30, hourly = 20 }")
        );
        assert_eq!(text("options.a.labour.nope"), None);
        assert_eq!(text("options.a.project"), None, "a table is not a value");
    }

    #[test]
    fn headers_are_the_tables_with_a_header_in_file_order() {
        assert_eq!(
            headers(&FILE.parse().unwrap()),
            ["workload", "options.a", "options.a.project"]
        );
    }
}
