//! The scenario in the user's own terms: numbers as people write them (`15k`, `2.5M`, `3%`,
//! `"15k to 40k"`) and the unit forms (people and weeks, minutes, GPU-hours, tokens, serving
//! throughput). Each is checked the strictest way there is: a scenario written with it gives
//! exactly the summary of the same scenario written in the plain forms (same seed), the
//! inputs' list (`assumptions`, which quotes the file) aside; and bad values of it are refused.

use crate::support::*;
use serde_json::Value;

/// The summary of a run of `text` (its own trials and seed), without the inputs as written
/// and without its provenance (the file's hash).
fn figures(text: &str) -> Value {
    let (_d, path) = scenario_file(text);
    let mut s = figures_only(run_json(&path, &[]));
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
    // What an eval set found, as a string: the Beta of the table form.
    same_figures(
        &scenario(&[("rate", "{ observed = 12, of = 400 }")]),
        &scenario(&[("rate", "\"12 of 400\"")]),
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
    assert!(
        stderr.contains("scenario.toml:"),
        "names the file and line: {stderr}"
    );
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

#[test]
fn people_for_weeks_minutes_and_training_compute_give_the_same_run() {
    // 2 people × 6 weeks × 40 hours × 125 = 60,000; 0.75 minutes = 45 seconds; a run of
    // 7.2e9 tokens at 1,000 tokens a second is 2,000 hours, 2,500 with a 25 % overhead, 20,000
    // GPU-hours on 8 GPUs, 40,000 at 2 an hour; 16,000 GPU-hours at 2.5 is 40,000 too.
    let runs = "planned_runs = 3\nfailed_runs = \"poisson(1)\"";
    same_figures(
        &scenario(&[
            ("item", "cost = 60000"),
            ("runs", &format!("{runs}\ncost_per_run = 40000")),
        ]),
        &scenario(&[
            ("item", "people = 2, weeks = 6, hourly = 125"),
            ("labour", "minutes = 0.75"),
            (
                "runs",
                &format!(
                    "{runs}\ncost_per_run = {{ tokens = 7.2e9, tokens_per_second = 1000, gpus = 8, \
                     hourly = 2, overhead = 0.25 }}"
                ),
            ),
        ]),
    );
    same_figures(
        &scenario(&[("runs", &format!("{runs}\ncost_per_run = 40000"))]),
        &scenario(&[(
            "runs",
            &format!("{runs}\ncost_per_run = {{ gpu_hours = \"16k\", hourly = 2.5 }}"),
        )]),
    );
}

#[test]
fn a_volume_in_tokens_and_serving_by_throughput_give_the_same_run() {
    // 10M tokens a day at 500 tokens an event is 20,000 events a day; 100 tokens a second at
    // half load over 720 hours is 129.6M tokens, 259,200 events a month per instance.
    let serving_events = "serving = { hourly = 2, capacity_per_instance = 259200 }";
    let serving_tokens = "serving = { hourly = 2, tokens_per_second = 100, utilization = \"50%\" }";
    same_figures(
        &scenario(&[
            ("volume", "events_per_day = 20000\ntokens_per_event = 500"),
            ("serving", serving_events),
        ]),
        &scenario(&[
            ("volume", "tokens_per_day = \"10M\"\ntokens_per_event = 500"),
            ("serving", serving_tokens),
        ]),
    );
}

/// Holes of the base scenario and what fills them.
type Fill<'a> = &'a [(&'a str, &'a str)];

#[test]
fn unit_forms_with_bad_values_are_refused_with_what_is_allowed() {
    let cases: [(Fill, &[&str]); 9] = [
        (
            &[("volume", "tokens_per_day = \"10M\"")],
            &[
                "workload.tokens_per_event",
                "missing",
                "tokens of one event",
            ],
        ),
        (
            &[("volume", "tokens_per_month = 5e8\ntokens_per_event = 0")],
            &[
                "workload.tokens_per_event",
                "0 is not allowed",
                "tokens in [1, 1e9]",
            ],
        ),
        (
            &[("volume", "events_per_day = 100\ntokens_per_month = 5e8")],
            &["workload.tokens_per_month", "the volume is given twice"],
        ),
        (
            &[("labour", "seconds = 45, minutes = 1")],
            &[
                "options.human.labour.minutes",
                "seconds or in minutes, not both",
            ],
        ),
        (
            &[(
                "item",
                "people = 2, weeks = 6, hourly = 125, hours_per_week = 200",
            )],
            &[
                "items.data.hours_per_week",
                "200",
                "hours a week in [0, 168]",
            ],
        ),
        (
            &[(
                "serving",
                "serving = { hourly = 2, tokens_per_second = 100, utilization = 0.5 }",
            )],
            &["workload.tokens_per_event", "serving sized by throughput"],
        ),
        (
            &[
                ("volume", "events_per_day = 100\ntokens_per_event = 500"),
                (
                    "serving",
                    "serving = { hourly = 2, tokens_per_second = 100, utilization = \"150%\" }",
                ),
            ],
            &["options.tuned.serving.utilization", "150% (1.5)", "(0, 1]"],
        ),
        (
            &[(
                "runs",
                "cost_per_run = { tokens = 1e9, tokens_per_second = 1000, gpus = 0, hourly = 2 }",
            )],
            &[
                "options.tuned.project.cost_per_run.gpus",
                "0 is not allowed",
                "(0, 1e6]",
            ],
        ),
        (
            &[(
                "runs",
                "cost_per_run = { gpu_hours = 10, hourly = 2, gpus = 4 }",
            )],
            &[
                "cost_per_run.gpus",
                "unknown field `gpus`",
                "gpu_hours, hourly",
            ],
        ),
    ];
    for (fill, said) in cases {
        let err = refused(&scenario(fill));
        assert_has(&err, said);
    }
}

/// The base scenario with the unit forms, each with an uncertain input.
fn in_units() -> String {
    scenario(&[
        (
            "volume",
            "tokens_per_day = \"5M to 15M\"\ntokens_per_event = 500",
        ),
        ("labour", "minutes = \"0.5 to 1.5\""),
        ("item", "people = 2, weeks = \"4 to 8\", hourly = 125"),
        (
            "serving",
            "serving = { hourly = 2, tokens_per_second = 100, utilization = \"pert(0.3, 0.45, 0.6)\" }",
        ),
        (
            "runs",
            "planned_runs = 2\ncost_per_run = { gpu_hours = \"100 to 300\", hourly = 2.5 }",
        ),
    ])
}

#[test]
fn unit_form_inputs_are_inputs_like_any_other() {
    let text = format!(
        "{}\n[[stress]]\nname = \"two more weeks\"\nset = {{ \"options.tuned.project.items.data.weeks\" = 10 }}\n\
         [[correlation]]\nbetween = [\"workload.tokens_per_day\", \"options.human.labour.minutes\"]\nrank = 0.5\n",
        in_units()
    );
    let (_d, path) = scenario_file(&text);
    let s = run_json(&path, &[]);
    // Sensitivity ranks them by their paths.
    let factors: Vec<&str> = s["sensitivity"][0]["factors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    for path in [
        "workload.tokens_per_day",
        "options.human.labour.minutes",
        "options.tuned.project.items.data.weeks",
        "options.tuned.serving.utilization",
        "options.tuned.project.cost_per_run.gpu_hours",
    ] {
        assert!(factors.contains(&path), "{path} not in {factors:?}");
    }
    // Ten weeks of two people at 125 cost more than 4 to 8 weeks, and nothing else changes.
    let stress = &s["stress"][0];
    assert_eq!(stress["name"], "two more weeks");
    let base_upfront = num(&candidate(&s, "tuned")["upfront"]["mean"]);
    let stressed = num(&stress["candidates"][0]["upfront"]["mean"]);
    assert!(stressed > base_upfront, "{stressed} <= {base_upfront}");
    // A sweep and a threshold on a unit-form input.
    let out = payback()
        .args(["sweep", "--param", "options.tuned.serving.utilization"])
        .args(["--values", "0.1,0.5,1", "--trials", "2000", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sweep: Value = serde_json::from_slice(&out.stdout).unwrap();
    let npv: Vec<f64> = sweep["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| num(&p["candidates"][0]["npv_mean"]))
        .collect();
    // Busier instances mean fewer of them: the NPV does not fall as utilization rises.
    assert!(npv[0] <= npv[1] && npv[1] <= npv[2], "{npv:?}");
    let out = payback()
        .args(["solve", "--for", "options.tuned.project.items.data.weeks"])
        .args([
            "--within",
            "6",
            "--confidence",
            "0.5",
            "--trials",
            "2000",
            "--json",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answers: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answers[0]["candidate"], "tuned", "{answers:#}");
}

#[test]
fn the_memo_says_the_unit_forms_in_the_files_own_words() {
    let (_d, path) = scenario_file(&in_units());
    let (dir, _) = run_json_kept(&path, &["--trials", "2000"]);
    let md = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    for said in [
        "volume: 5M to 15M tokens a day, at 500 tokens an event",
        "human: 0.5 to 1.5 minutes an event at 30 EUR an hour",
        "tuned: serving instances of 100 tokens a second, busy pert(0.3, 0.45, 0.6) of the time, at least 1, at 2 EUR an hour each",
        "tuned: a training run of 100 to 300 GPU-hours at 2.5 EUR a GPU-hour",
        "tuned: data: 2 people × 4 to 8 weeks × 40 hours a week at 125 EUR an hour",
    ] {
        assert!(md.contains(said), "missing {said:?} in:\n{md}");
    }
}

#[test]
fn an_error_kinds_cost_given_once_is_one_input_for_every_option() {
    // The same constant cost written in each option or once under [errors.wrong]: the same run.
    let once = scenario(&[])
        .replace(
            "errors.wrong = { rate = 0.03, cost = 4 }",
            "errors.wrong = { rate = 0.03 }",
        )
        .replace(
            "errors.wrong = { rate = \"0.005 to 0.02\", cost = 4 }",
            "errors.wrong = { rate = \"0.005 to 0.02\" }",
        )
        + "\n[errors.wrong]\ncost = 4\n";
    same_figures(&scenario(&[]), &once);
    // Uncertain, it is one factor drawn once a trial, not one per option.
    let uncertain = once.replace(
        "[errors.wrong]\ncost = 4",
        "[errors.wrong]\ncost = \"2 to 8\"",
    );
    let (_d, path) = scenario_file(&uncertain);
    let s = run_json(&path, &[]);
    let costs: Vec<&str> = s["sensitivity"][0]["factors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .filter(|p| p.ends_with(".cost"))
        .collect();
    assert_eq!(costs, ["errors.wrong.cost"]);
    // A kind no option makes, and a kind with no cost anywhere, are refused.
    let err = refused(&(scenario(&[]) + "\n[errors.typo]\ncost = 4\n"));
    assert_has(&err, &["errors.typo", "no option has errors.typo"]);
    let err = refused(&once.replace("\n[errors.wrong]\ncost = 4\n", ""));
    assert_has(
        &err,
        &[
            "options.human.errors.wrong.cost",
            "missing",
            "[errors.wrong] cost = ...",
        ],
    );
}
