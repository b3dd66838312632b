//! The what-ifs users ask most, on the example configs: a sweep or a stress case that sets one
//! field of a table keeps the table's other fields (regressions: each of these once removed a
//! sibling field and was refused).

use crate::support::*;

/// Runs a two-value sweep of `param` on the email-triage example and returns sweep.json.
fn sweep(param: &str, values: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let out = payback()
        .args(["sweep"])
        .arg(config("email-triage.toml"))
        .args([
            "--param", param, "--values", values, "--trials", "4000", "--json",
        ])
        .arg("--out")
        .arg(dir.path().join("sweep"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{param}: {stderr}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `field` of `candidate` at each point of a sweep.
fn at_points(sweep: &serde_json::Value, candidate: &str, field: &str) -> Vec<f64> {
    sweep["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let c = p["candidates"].as_array().unwrap();
            num(&c.iter().find(|c| c["name"] == candidate).unwrap()[field])
        })
        .collect()
}

#[test]
fn sweeping_an_error_buckets_rate_keeps_its_cost() {
    let s = sweep(
        "options.fine_tuned.errors.wrong_department.rate",
        "0.01,0.05",
    );
    // Each misrouted email costs 8: at 5 % instead of 1 % of 5,000 a day, the fine-tune loses
    // about 0.04 × 5,000 × 30 × 8 = 48,000 a month against the prompted baseline.
    let npv = at_points(&s, "fine_tuned", "npv_mean");
    assert!(npv[0] - npv[1] > 1e6, "{npv:?}");
}

#[test]
fn sweeping_the_review_rate_keeps_its_cost() {
    sweep("options.prompted.review.rate", "0.01,0.05");
}

#[test]
fn sweeping_an_hourly_items_rate_keeps_its_hours() {
    let s = sweep(
        "options.fine_tuned.project.items.engineering.rate",
        "100,400",
    );
    // The hours (pert(76, 120, 188)) are kept: 300 more an hour costs about 36,000 more.
    let npv = at_points(&s, "fine_tuned", "npv_mean");
    assert!(npv[0] - npv[1] > 30_000.0, "{npv:?}");
}

#[test]
fn a_stress_case_turning_repeat_off_keeps_the_hazard() {
    let text = std::fs::read_to_string(config("email-triage.toml")).unwrap()
        + "\n[[stress]]\nname = \"once\"\nset = { \"options.prompted.deprecation.repeat\" = false }\n";
    let (_dir, path) = scenario_file(&text);
    let summary = run_json(&path, &["--trials", "4000"]);
    let case = summary["stress"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "once")
        .unwrap();
    assert_eq!(case["set"]["options.prompted.deprecation.repeat"], "false");
}

#[test]
fn a_sweep_value_the_field_refuses_names_the_flag_the_path_and_the_value_only() {
    let out = payback()
        .arg("sweep")
        .arg(config("email-triage.toml"))
        .args(["--param", "options.fine_tuned.errors.wrong_department.rate"])
        .args(["--values", "0.01,1.5", "--json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("--param: options.fine_tuned.errors.wrong_department.rate = 1.5 in ")
            && stderr.contains("email-triage.toml: 1.5 is not allowed: must be a probability"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("wrong_subclass"),
        "names a field not touched: {stderr}"
    );
}
