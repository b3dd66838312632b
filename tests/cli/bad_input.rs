//! Every kind of bad input is refused with exit code 2, a message naming the file, the line,
//! the field, the bad value and what is allowed, no panic, and nothing written.

use crate::support::*;

/// A small valid scenario that each test breaks in one place.
const VALID: &str = r#"
[scenario]
name = "Bad input test"
currency = "EUR"
horizon_months = 24
trials = 1000

[workload]
events_per_day = 1000

[options.api]
baseline = true
cost_per_event = 0.05

[options.tuned]
cost_per_event = 0.01
serving = { hourly = 1.5, instances = 1 }

[options.tuned.project]
build_months = "triangular(1, 2, 3)"
success = 0.9
items.data = { cost = "10000 to 30000", overrun = "pert(1, 1.5, 3)" }
"#;

/// Runs `payback run` on `text` and asserts a clean refusal; returns standard error.
fn refused(text: &str) -> String {
    let (dir, path) = scenario_file(text);
    let out_dir = dir.path().join("out");
    let out = payback()
        .arg("run")
        .arg(&path)
        .arg("--out")
        .arg(&out_dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        out.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        !out_dir.exists(),
        "a refused run wrote {}",
        out_dir.display()
    );
    assert!(stderr.contains("scenario.toml"), "names the file: {stderr}");
    stderr
}

/// Replaces exactly one occurrence of `from` in the valid scenario.
fn with(from: &str, to: &str) -> String {
    assert_eq!(VALID.matches(from).count(), 1, "{from}");
    VALID.replace(from, to)
}

fn assert_has(stderr: &str, parts: &[&str]) {
    for part in parts {
        assert!(stderr.contains(part), "missing {part:?} in: {stderr}");
    }
}

#[test]
fn the_valid_base_runs() {
    let (_dir, path) = scenario_file(VALID);
    run_json(&path, &["--trials", "100"]);
}

#[test]
fn toml_syntax_error_names_the_line() {
    let err = refused(&with("trials = 1000", "trials = = 1000"));
    assert_has(&err, &["scenario.toml:6"]);
}

#[test]
fn unknown_field_suggests_the_nearest() {
    let err = refused(&with("horizon_months = 24", "horizon_month = 24"));
    assert_has(
        &err,
        &[
            "scenario.toml:5",
            "horizon_month",
            "did you mean `horizon_months`",
        ],
    );
}

#[test]
fn full_time_hours_outside_a_month_are_refused() {
    let err = refused(&with(
        "trials = 1000",
        "trials = 1000\nfte_hours_per_month = 0",
    ));
    assert_has(
        &err,
        &[
            "scenario.toml:7",
            "scenario.fte_hours_per_month",
            "0",
            "working hours a month in [1, 744]",
        ],
    );
    let err = refused(&with(
        "trials = 1000",
        "trials = 1000\nfte_hours_per_month = \"100 to 200\"",
    ));
    assert_has(
        &err,
        &["scenario.fte_hours_per_month", "must be a plain number"],
    );
}

#[test]
fn unknown_field_in_a_project_suggests_the_nearest() {
    let err = refused(&with("success = 0.9", "sucess = 0.9"));
    assert_has(&err, &["sucess", "did you mean `success`"]);
}

#[test]
fn missing_required_field() {
    let err = refused(&with("horizon_months = 24\n", ""));
    assert_has(&err, &["horizon_months"]);
}

#[test]
fn wrong_type() {
    let err = refused(&with("baseline = true", "baseline = \"yes\""));
    assert_has(&err, &["scenario.toml:12", "baseline", "yes"]);
}

#[test]
fn unknown_distribution() {
    let err = refused(&with("\"triangular(1, 2, 3)\"", "\"triangle(1, 2, 3)\""));
    assert_has(
        &err,
        &[
            "scenario.toml:20",
            "options.tuned.project.build_months",
            "triangle",
            "triangular",
        ],
    );
}

#[test]
fn bad_distribution_parameters() {
    let err = refused(&with("\"pert(1, 1.5, 3)\"", "\"pert(3, 1.5, 1)\""));
    assert_has(
        &err,
        &[
            "scenario.toml:22",
            "options.tuned.project.items.data.overrun",
            "pert(3, 1.5, 1)",
        ],
    );
}

#[test]
fn probability_out_of_range() {
    let err = refused(&with("success = 0.9", "success = 1.5"));
    assert_has(
        &err,
        &[
            "scenario.toml:21",
            "options.tuned.project.success",
            "1.5",
            "[0, 1]",
        ],
    );
}

#[test]
fn distribution_reaching_outside_the_allowed_range() {
    let err = refused(&with("success = 0.9", "success = \"normal(0.9, 0.2)\""));
    assert_has(
        &err,
        &["options.tuned.project.success", "normal", "[0, 1]", "clamp"],
    );
}

#[test]
fn negative_cost() {
    let err = refused(&with("cost_per_event = 0.05", "cost_per_event = -0.05"));
    assert_has(
        &err,
        &[
            "scenario.toml:13",
            "options.api.cost_per_event",
            "-0.05",
            "[0, 1e15]",
        ],
    );
}

#[test]
fn no_baseline() {
    let err = refused(&with("baseline = true\n", ""));
    assert_has(&err, &["options", "baseline = true"]);
}

#[test]
fn two_baselines() {
    let err = refused(&with(
        "[options.tuned]\n",
        "[options.tuned]\nbaseline = true\n",
    ));
    assert_has(&err, &["2 options have baseline = true", "api", "tuned"]);
}

#[test]
fn a_single_option() {
    let text = VALID.split("[options.tuned]").next().unwrap();
    let err = refused(text);
    assert_has(&err, &["at least two"]);
}

#[test]
fn a_project_on_the_baseline() {
    let err = refused(&format!("{VALID}\n[options.api.project]\nsuccess = 1\n"));
    assert_has(&err, &["options.api.project", "baseline"]);
}

#[test]
fn volume_given_twice() {
    let err = refused(&with(
        "events_per_day = 1000",
        "events_per_day = 1000\nevents_per_month = 30000",
    ));
    assert_has(
        &err,
        &["workload.events_per_month", "the volume is given twice"],
    );
}

#[test]
fn volume_missing() {
    let err = refused(&with("events_per_day = 1000", ""));
    assert_has(
        &err,
        &[
            "workload",
            "events_per_day, events_per_month, tokens_per_day or tokens_per_month",
        ],
    );
}

#[test]
fn serving_given_two_ways() {
    let err = refused(&with(
        "instances = 1 }",
        "instances = 1, capacity_per_instance = 1000 }",
    ));
    assert_has(&err, &["options.tuned.serving", "not several"]);
}

#[test]
fn project_item_without_a_cost() {
    let err = refused(&with(
        "items.data = { cost = \"10000 to 30000\", ",
        "items.data = { ",
    ));
    assert_has(
        &err,
        &[
            "options.tuned.project.items.data",
            "gives no cost",
            "cost; hours and rate (hours × rate); people, weeks and hourly",
        ],
    );
}

#[test]
fn a_project_item_given_two_ways_names_what_it_gives() {
    let err = refused(&with(
        "items.data = { cost = \"10000 to 30000\", ",
        "items.data = { cost = \"10000 to 30000\", people = 2, ",
    ));
    assert_has(
        &err,
        &[
            "options.tuned.project.items.data",
            "gives cost, people: give one of",
        ],
    );
}

#[test]
fn accuracy_without_an_error_cost() {
    let err = refused(&with(
        "cost_per_event = 0.01",
        "cost_per_event = 0.01\naccuracy = 0.9",
    ));
    assert_has(&err, &["options.tuned.accuracy", "error_cost"]);
}

#[test]
fn absurd_horizon_is_refused_with_the_limit() {
    let err = refused(&with("horizon_months = 24", "horizon_months = 1000000"));
    assert_has(&err, &["scenario.horizon_months", "1,000,000", "[1, 600]"]);
}

#[test]
fn absurd_trials_in_the_file_are_refused_with_the_limit() {
    let err = refused(&with("trials = 1000", "trials = 1_000_000_000_000_000"));
    assert_has(
        &err,
        &[
            "scenario.trials",
            "1,000,000,000,000,000",
            "[1, 10,000,000,000]",
        ],
    );
}

#[test]
fn a_distribution_where_a_plain_number_is_needed() {
    let err = refused(&with(
        "trials = 1000",
        "trials = 1000\ndiscount_rate = \"uniform(0, 0.1)\"",
    ));
    assert_has(&err, &["scenario.discount_rate", "plain number"]);
}

#[test]
fn absurd_trials_on_the_command_line() {
    let (_dir, path) = scenario_file(VALID);
    let out = payback()
        .arg("run")
        .arg(&path)
        .args(["--trials", "1000000000000000"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_has(
        &err,
        &["--trials", "1,000,000,000,000,000", "[1, 10,000,000,000]"],
    );
}

#[test]
fn zero_threads_on_the_command_line() {
    let (_dir, path) = scenario_file(VALID);
    let out = payback()
        .arg("run")
        .arg(&path)
        .args(["--threads", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_has(&String::from_utf8(out.stderr).unwrap(), &["--threads", "0"]);
}

#[test]
fn a_missing_file() {
    let out = payback()
        .args(["check", "no/such/file.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_has(
        &String::from_utf8(out.stderr).unwrap(),
        &["no/such/file.toml", "cannot read"],
    );
}

#[test]
fn check_refuses_what_run_refuses() {
    let (_dir, path) = scenario_file(&with("success = 0.9", "success = 1.5"));
    let out = payback().arg("check").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn absurd_volume_is_refused_with_the_limit() {
    let err = refused(&with("events_per_day = 1000", "events_per_day = 1e300"));
    assert_has(&err, &["workload.events_per_day", "1e300", "[0, 1e12]"]);
}

#[test]
fn a_table_form_with_an_unknown_key() {
    let err = refused(&with("success = 0.9", "success = { mean = 0.9 }"));
    assert_has(
        &err,
        &["options.tuned.project.success", "unknown key `mean`"],
    );
}

#[test]
fn drift_out_of_range() {
    let err = refused(&with(
        "cost_per_event = 0.01",
        "cost_per_event = 0.01\ndrift_per_month = 1.5",
    ));
    assert_has(&err, &["options.tuned.drift_per_month", "1.5", "[0, 1]"]);
}

#[test]
fn retrain_every_zero_or_fractional_months() {
    for every in ["0", "2.5"] {
        let line =
            format!("cost_per_event = 0.01\nretrain = {{ every_months = {every}, cost = 100 }}");
        let err = refused(&with("cost_per_event = 0.01", &line));
        assert_has(
            &err,
            &[
                "options.tuned.retrain.every_months",
                every,
                "whole number in [1, 600]",
            ],
        );
    }
}

#[test]
fn retrain_without_a_cost() {
    let err = refused(&with(
        "cost_per_event = 0.01",
        "cost_per_event = 0.01\nretrain = { every_months = 6 }",
    ));
    assert_has(&err, &["cost"]);
}

/// The valid base with a deprecation table on the baseline.
fn deprecated(table: &str) -> String {
    with(
        "cost_per_event = 0.05",
        &format!("cost_per_event = 0.05\ndeprecation = {table}"),
    )
}

#[test]
fn deprecation_with_both_times() {
    let err = refused(&deprecated("{ at_month = 6, hazard_per_year = 0.5 }"));
    assert_has(&err, &["options.api.deprecation", "not both"]);
}

#[test]
fn deprecation_without_a_time() {
    let err = refused(&deprecated("{ migration_cost = 100 }"));
    assert_has(
        &err,
        &["options.api.deprecation", "at_month or hazard_per_year"],
    );
}

#[test]
fn deprecation_repeating_at_a_fixed_month() {
    let err = refused(&deprecated("{ at_month = 6, repeat = true }"));
    assert_has(&err, &["options.api.deprecation.repeat", "hazard_per_year"]);
}

#[test]
fn deprecation_hazard_out_of_range() {
    let err = refused(&deprecated("{ hazard_per_year = 50 }"));
    assert_has(
        &err,
        &["options.api.deprecation.hazard_per_year", "50", "[0, 12]"],
    );
}

#[test]
fn deprecation_negative_factor() {
    let err = refused(&deprecated("{ at_month = 6, cost_factor = -1 }"));
    assert_has(
        &err,
        &["options.api.deprecation.cost_factor", "-1", "[0, 100]"],
    );
}

#[test]
fn deprecation_with_an_unknown_fallback() {
    let err = refused(&deprecated(
        "{ at_month = 6, downtime_months = 1, fallback = \"people\" }",
    ));
    assert_has(
        &err,
        &[
            "options.api.deprecation.fallback",
            "`people` is not an option",
            "api, tuned",
        ],
    );
}

#[test]
fn deprecation_falling_back_on_itself() {
    let err = refused(&deprecated(
        "{ at_month = 6, downtime_months = 1, fallback = \"api\" }",
    ));
    assert_has(&err, &["options.api.deprecation.fallback", "itself"]);
}

#[test]
fn baseline_downtime_without_a_fallback() {
    let err = refused(&deprecated("{ at_month = 6, downtime_months = 1 }"));
    assert_has(
        &err,
        &["options.api.deprecation.fallback", "needs a fallback"],
    );
}

#[test]
fn deprecation_with_an_unknown_key_suggests_the_nearest() {
    let err = refused(&deprecated("{ at_month = 6, migration = 100 }"));
    assert_has(&err, &["migration", "did you mean `migration_cost`"]);
}

/// Runs `payback ARGS` and asserts a clean refusal naming `parts`.
fn refused_command(args: &[&str], parts: &[&str]) {
    let out = payback().args(args).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_has(&stderr, parts);
}

#[test]
fn stress_with_an_unknown_field_names_it_and_its_line() {
    let text = format!(
        "{VALID}\n[[stress]]\nname = \"typo\"\nset = {{ \"options.tuned.project.sucess\" = 0.5 }}\n"
    );
    let stderr = refused(&text);
    assert_has(
        &stderr,
        &[
            "scenario.toml:26:",
            "options.tuned.project.sucess",
            "stress case \"typo\"",
            "did you mean `success`",
        ],
    );
}

#[test]
fn stress_on_an_unknown_option_lists_the_options() {
    let text =
        format!("{VALID}\n[[stress]]\nname = \"x\"\nset = {{ \"options.tunde.success\" = 0.5 }}\n");
    assert_has(
        &refused(&text),
        &["options.tunde.success", "the options are api, tuned"],
    );
}

#[test]
fn stress_with_a_bad_value_names_the_value_and_what_is_allowed() {
    let text = format!(
        "{VALID}\n[[stress]]\nname = \"x\"\nset = {{ \"options.tuned.project.success\" = 1.5 }}\n"
    );
    assert_has(
        &refused(&text),
        &[
            "options.tuned.project.success",
            "1.5",
            "probability in [0, 1]",
        ],
    );
}

#[test]
fn stress_that_sets_a_run_setting_or_nothing_is_refused() {
    let seed = format!("{VALID}\n[[stress]]\nname = \"x\"\nset = {{ \"scenario.seed\" = 3 }}\n");
    assert_has(&refused(&seed), &["scenario.seed", "cannot be set"]);
    let empty = format!("{VALID}\n[[stress]]\nname = \"x\"\nset = {{}}\n");
    assert_has(&refused(&empty), &["stress.set", "changes nothing"]);
    let twice = format!(
        "{VALID}\n[[stress]]\nname = \"x\"\nset = {{ \"options.tuned.project.success\" = 0.5 }}\n\
         [[stress]]\nname = \"x\"\nset = {{ \"options.tuned.project.success\" = 0.6 }}\n"
    );
    assert_has(&refused(&twice), &["stress.name", "names two stress cases"]);
}

#[test]
fn deprecation_pack_without_a_vendor_option_says_what_to_add() {
    let (_d, path) = scenario_file(VALID);
    let file = path.to_str().unwrap();
    refused_command(
        &["run", file, "--stress-deprecation"],
        &["--stress-deprecation", "no option has a deprecation table"],
    );
    refused_command(
        &["run", file, "--stress-deprecation=nope"],
        &["--stress-deprecation", "`nope` is not an option"],
    );
}

#[test]
fn sweep_with_a_bad_path_or_bad_values_is_refused() {
    let (_d, path) = scenario_file(VALID);
    let file = path.to_str().unwrap();
    refused_command(
        &[
            "sweep",
            file,
            "--param",
            "workload.events_per_dya",
            "--values",
            "1,2",
        ],
        &[
            "--param",
            "workload.events_per_dya",
            "did you mean `events_per_day`",
        ],
    );
    refused_command(
        &[
            "sweep",
            file,
            "--param",
            "options.tuned.project.success",
            "--values",
            "0.5,2",
        ],
        &["options.tuned.project.success", "probability in [0, 1]"],
    );
    for values in ["1..2", "1..2/1", "a,b", "3..3/4"] {
        refused_command(
            &[
                "sweep",
                file,
                "--param",
                "workload.events_per_day",
                "--values",
                values,
            ],
            &["--values"],
        );
    }
    refused_command(
        &[
            "sweep",
            file,
            "--param",
            "workload.events_per_day",
            "--values",
            "1,2",
            "--within",
            "30",
        ],
        &["--within", "[1, 24]"],
    );
}

#[test]
fn solve_with_bad_flags_is_refused() {
    let (_d, path) = scenario_file(VALID);
    let file = path.to_str().unwrap();
    refused_command(
        &["solve", file, "--max-investment", "--confidence", "1.5"],
        &["--confidence", "1.5", "(0, 1]"],
    );
    refused_command(
        &["solve", file, "--max-investment", "--within", "2.5"],
        &["--within", "2.5", "whole number of months"],
    );
    refused_command(
        &["solve", file, "--max-premium", "--candidate", "api"],
        &["--candidate", "`api` is not a candidate", "tuned"],
    );
    refused_command(&["solve", file], &["--max-investment"]);
}

#[test]
fn export_samples_out_of_range_is_refused() {
    let (_d, path) = scenario_file(VALID);
    let file = path.to_str().unwrap();
    for (n, shown) in [("0", "0"), ("1001", "1,001")] {
        refused_command(
            &["run", file, "--export-samples", n],
            &["--export-samples", shown, "[1, 1,000]"],
        );
    }
}

#[test]
fn impossible_correlations_are_refused_naming_the_pairs() {
    let three = |ab: f64, ac: f64, bc: f64| {
        let with_three = VALID
            .replace(
                "cost_per_event = 0.01",
                "cost_per_event = \"uniform(0.005, 0.015)\"",
            )
            .replace(
                "success = 0.9",
                "success = 0.9\nfailed_runs = \"poisson(2)\"",
            );
        format!(
            "{with_three}\n[[correlation]]\nbetween = [\"options.tuned.cost_per_event\", \"options.tuned.project.build_months\"]\nrank = {ab}\n\
             [[correlation]]\nbetween = [\"options.tuned.cost_per_event\", \"options.tuned.project.failed_runs\"]\nrank = {ac}\n\
             [[correlation]]\nbetween = [\"options.tuned.project.build_months\", \"options.tuned.project.failed_runs\"]\nrank = {bc}\n"
        )
    };
    let (_d, path) = scenario_file(&three(0.5, 0.3, 0.2));
    run_json(&path, &["--trials", "100"]);
    assert_has(
        &refused(&three(0.9, 0.9, -0.9)),
        &[
            "correlation",
            "not positive definite",
            "options.tuned.cost_per_event ~ options.tuned.project.build_months (0.9)",
            "options.tuned.project.build_months ~ options.tuned.project.failed_runs (-0.9)",
        ],
    );
}

#[test]
fn correlations_of_unknown_or_constant_inputs_or_bad_ranks_are_refused() {
    let pair = |a: &str, b: &str, rank: &str| {
        format!("{VALID}\n[[correlation]]\nbetween = [\"{a}\", \"{b}\"]\nrank = {rank}\n")
    };
    let build = "options.tuned.project.build_months";
    let overrun = "options.tuned.project.items.data.overrun";
    assert_has(
        &refused(&pair("options.tuned.nope", build, "0.5")),
        &[
            "correlation.between",
            "`options.tuned.nope` is not an input",
        ],
    );
    assert_has(
        &refused(&pair("options.tuned.cost_per_event", build, "0.5")),
        &["`options.tuned.cost_per_event` is a constant"],
    );
    assert_has(
        &refused(&pair(overrun, build, "1.5")),
        &["correlation.rank", "1.5", "[-1, 1]"],
    );
    assert_has(
        &refused(&pair(build, build, "0.5")),
        &["correlation.between", "itself"],
    );
}

#[test]
fn growth_that_compounds_beyond_a_million_fold_is_refused() {
    // 90 % a month for 24 months is a 4,899,000-fold growth; 77.8 % is the most for 24 months.
    let err = refused(&with(
        "events_per_day = 1000",
        "events_per_day = 1000\ngrowth_per_month = \"uniform(0.8, 0.9)\"",
    ));
    assert_has(
        &err,
        &[
            "scenario.toml:10",
            "workload.growth_per_month",
            "uniform(0.8, 0.9)",
            "4.899e6-fold over the 24-month horizon",
            "at most a 1e6-fold growth is allowed",
            "at or below 0.7783 a month",
        ],
    );
    // An unbounded growth is judged at its 1 − 1e-9 quantile: 0.1 + 6 · 0.1 = 0.7 is allowed.
    let (_d, path) = scenario_file(&with(
        "events_per_day = 1000",
        "events_per_day = 1000\ngrowth_per_month = \"normal(0.1, 0.1)\"",
    ));
    payback().arg("check").arg(&path).assert().success();
}

#[test]
fn an_unknown_field_in_an_inline_table_is_named_by_its_whole_path() {
    let err = refused(&with(
        "items.data = { cost",
        "items.data = { wekks = 3, cost",
    ));
    assert_has(
        &err,
        &[
            "scenario.toml:22:",
            "options.tuned.project.items.data.wekks",
            "did you mean `weeks`",
        ],
    );
}

#[test]
fn a_stress_case_that_leaves_another_field_wrong_names_the_case_the_set_path_and_its_line() {
    let text = format!(
        "{VALID}\n[[stress]]\nname = \"by the hour\"\n\
         set = {{ \"options.tuned.project.items.data.hours\" = 10 }}\n"
    );
    let stderr = refused(&text);
    assert_has(
        &stderr,
        &[
            "scenario.toml:26:",
            "options.tuned.project.items.data.hours:",
            "stress case \"by the hour\"",
            "set to 10, it leaves `options.tuned.project.items.data` wrong",
            "hours and rate",
        ],
    );
}

#[test]
fn labels_must_be_one_line_of_text() {
    let err = refused(&with(
        "[options.tuned]\n",
        "[options.tuned]\nlabel = \"  \"\n",
    ));
    assert_has(
        &err,
        &[
            "scenario.toml:16",
            "options.tuned.label",
            "one line of 1 to 60 characters",
        ],
    );
    let long = "x".repeat(61);
    let err = refused(&with(
        "overrun = \"pert(1, 1.5, 3)\" }",
        &format!("overrun = \"pert(1, 1.5, 3)\", label = \"{long}\" }}"),
    ));
    assert_has(
        &err,
        &["options.tuned.project.items.data.label", &long, "1 to 60"],
    );
    let err = refused(&with("[options.tuned]\n", "[options.tuned]\nlabel = 5\n"));
    assert_has(&err, &["scenario.toml:16", "label", "5"]);
}

#[test]
fn a_label_in_a_distribution_table_must_be_text() {
    let err = refused(&with(
        "cost_per_event = 0.01",
        "cost_per_event = { p10 = 0.01, p50 = 0.02, p90 = 0.04, label = 3 }",
    ));
    assert_has(
        &err,
        &[
            "scenario.toml:16",
            "options.tuned.cost_per_event.label",
            "3 is not allowed: a label is text in quotes",
        ],
    );
}

#[test]
fn a_stress_case_cannot_set_a_label() {
    let err = refused(&format!(
        "{VALID}\n[[stress]]\nname = \"relabel\"\nset = {{ \"options.tuned.label\" = 1 }}\n"
    ));
    assert_has(&err, &["options.tuned.label", "is a label, not an input"]);
}
