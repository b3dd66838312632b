//! The scenario in the user's own terms: numbers as people write them (`15k`, `2.5M`, `3%`,
//! `"15k to 40k"`) and the unit forms (people and weeks, minutes, GPU-hours, tokens, serving
//! throughput). Each is checked the strictest way there is: a scenario written with it gives
//! exactly the summary of the same scenario written in the plain forms (same seed), the
//! inputs' list (`assumptions`, which quotes the file) aside; and bad values of it are refused.

use crate::support::*;
use serde_json::Value;

/// The summary of a run of `text` (its own trials and seed), without the inputs as written.
fn figures(text: &str) -> Value {
    let (_d, path) = scenario_file(text);
    let mut s = run_json(&path, &[]);
    let object = s.as_object_mut().unwrap();
    object.remove("assumptions");
    object.remove("labels");
    s
}

/// Asserts that `plain` and `words` give the same figures, bit for bit.
fn same_figures(plain: &str, words: &str) {
    let (a, b) = (figures(plain), figures(words));
    assert!(a == b, "the summaries differ:\n{a:#}\n---\n{b:#}");
}

/// A scenario in today's plain forms, with `{volume}`-style holes for the forms under test.
const BASE: &str = r#"
[scenario]
name = "Own terms"
currency = "EUR"
horizon_months = 24
trials = {trials}

[workload]
{volume}

[options.human]
baseline = true
labour = { {labour}, hourly = 30 }
errors.wrong = { rate = {rate}, cost = 4 }

[options.tuned]
cost_per_event = 0.002
errors.wrong = { rate = "0.005 to 0.02", cost = 4 }
{serving}

[options.tuned.project]
build_months = "1 to 3"
success = 0.85
{runs}
items.data = { {item}, overrun = "pert(1, 1.2, 2)" }
"#;

/// The base scenario with the holes filled: `(hole, text)` pairs, the rest in plain forms.
fn scenario(fill: &[(&str, &str)]) -> String {
    let plain = [
        ("trials", "20000"),
        ("volume", "events_per_day = \"15000 to 40000\""),
        ("labour", "seconds = 45"),
        ("rate", "0.03"),
        ("serving", ""),
        ("runs", ""),
        ("item", "cost = 25000"),
    ];
    let mut text = BASE.to_string();
    for (hole, value) in plain {
        let value = fill
            .iter()
            .find(|(h, _)| *h == hole)
            .map_or(value, |(_, v)| *v);
        text = text.replace(&format!("{{{hole}}}"), value);
    }
    text
}

#[test]
fn numbers_as_people_write_them_give_the_same_run() {
    same_figures(
        &scenario(&[]),
        &scenario(&[
            ("trials", "\"20k\""),
            ("volume", "events_per_day = \"15k to 40k\""),
            ("rate", "\"3%\""),
            ("item", "cost = \"25k\""),
        ]),
    );
}

/// Runs `payback check` on `text`, asserts the refusal (exit 2, nothing on stdout) and
/// returns standard error.
fn refused(text: &str) -> String {
    let (_d, path) = scenario_file(text);
    let out = payback().arg("check").arg(&path).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("scenario.toml:"), "names the file and line: {stderr}");
    stderr
}

fn assert_has(stderr: &str, parts: &[&str]) {
    for part in parts {
        assert!(stderr.contains(part), "missing {part:?} in: {stderr}");
    }
}

#[test]
fn numbers_written_wrong_are_refused_with_what_is_allowed() {
    let err = refused(&scenario(&[("rate", "\"3 percent\"")]));
    assert_has(&err, &["options.human.errors.wrong.rate", "3 percent"]);
    let err = refused(&scenario(&[("item", "cost = \"2.5m\"")]));
    assert_has(
        &err,
        &[
            "options.tuned.project.items.data.cost",
            "`2.5m` is not a finite number",
            "15k, 2.5M, 1B or 3%",
        ],
    );
    let err = refused(&scenario(&[("item", "cost = \"€25,000\"")]));
    assert_has(
        &err,
        &["items.data.cost", "€25,000", "the currency is set once"],
    );
    let err = refused(&scenario(&[("rate", "\"300%\"")]));
    assert_has(&err, &["options.human.errors.wrong.rate", "300%", "[0, 1]"]);
    let err = refused(&scenario(&[("trials", "\"2.5k5\"")]));
    assert_has(&err, &["scenario.trials", "whole number"]);
}
