//! MODEL.md's worked numbers (every input fixed), reproduced through the binary.

use crate::support::*;

#[test]
fn case_1_fine_tune_pays_back_in_48_48_days() {
    let summary = run_json(&config("worked-1-email-triage.toml"), &["--trials", "1000"]);
    let ft = candidate(&summary, "fine_tuned");
    assert_eq!(ft["baseline"], "prompted");
    for p in ["p10", "p50", "p90"] {
        // 40,000 / (150,000 × (0.32 − 0.155)) months
        assert_close(num(&ft["payback_months"][p]), 40_000.0 / 24_750.0);
        assert_close(num(&ft["upfront"][p]), 40_000.0);
    }
    assert_close(num(&ft["payback_months"]["p50"]) * 30.0, 48.484848484848484);
    assert_eq!(num(&ft["p_never"]), 0.0);
    // 36 months of savings minus the investment.
    assert_close(num(&ft["npv"]["mean"]), 36.0 * 24_750.0 - 40_000.0);
}

#[test]
fn case_1_people_doing_the_work_are_counted_in_full_time_equivalents() {
    // 5,000 emails a day × 30 days × 30 seconds = 1,250 hours a month: 7.8125 people at 160
    // hours a month, which the human option needs and the prompted baseline does not; 10
    // people at 125 hours. Neither the baseline nor the fine-tune works with people: no figure.
    let point = |summary: &serde_json::Value, name: &str| {
        let at = summary["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .position(|c| c["name"] == name)
            .unwrap();
        summary["point_estimate"]["candidates"][at].clone()
    };
    let summary = run_json(&config("worked-1-email-triage.toml"), &["--trials", "10"]);
    assert_close(num(&point(&summary, "human")["fte_equivalent"]), -7.8125);
    assert!(
        point(&summary, "fine_tuned")
            .get("fte_equivalent")
            .is_none()
    );
    let text = std::fs::read_to_string(config("worked-1-email-triage.toml"))
        .unwrap()
        .replace("[scenario]\n", "[scenario]\nfte_hours_per_month = 125\n");
    assert!(text.contains("fte_hours_per_month = 125"));
    let (_d, path) = scenario_file(&text);
    let summary = run_json(&path, &["--trials", "10"]);
    assert_close(num(&point(&summary, "human")["fte_equivalent"]), -10.0);
}

#[test]
fn case_3_the_cost_of_doing_nothing_is_broken_down_by_component() {
    // 50,000 requests a day × 30 days: tokens (500 × 5 + 200 × 15) / 10⁶ = 0.0055 a request,
    // 8,250 a month; 2 % reviewed at 5 = 150,000 a month: the API bill is 5 % of the cost.
    let summary = run_json(
        &config("worked-3-api-replacement.toml"),
        &["--trials", "10"],
    );
    let pe = &summary["point_estimate"];
    let parts: Vec<(String, f64)> = pe["baseline_cost_parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap().to_string(), num(&p["monthly"])))
        .collect();
    assert_eq!(parts.len(), 2, "{parts:?}");
    assert_eq!(parts[0].0, "inference");
    assert_close(parts[0].1, 8_250.0);
    assert_eq!(parts[1].0, "review");
    assert_close(parts[1].1, 150_000.0);
    assert_close(num(&pe["baseline_monthly_cost"]), 158_250.0);
}

#[test]
fn every_baseline_cost_breakdown_adds_up_to_its_monthly_cost() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("reports");
    for entry in std::fs::read_dir(root).unwrap() {
        let file = entry.unwrap().path().join("summary.json");
        let summary: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let pe = &summary["point_estimate"];
        let sum: f64 = pe["baseline_cost_parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| num(&p["monthly"]))
            .sum();
        let total = num(&pe["baseline_monthly_cost"]);
        assert!(
            (sum - total).abs() <= 1e-9 * total.abs(),
            "{}: parts {sum} against {total}",
            file.display()
        );
    }
}

#[test]
fn case_1_point_estimate_shows_the_unit_costs() {
    let out = payback()
        .arg("check")
        .arg(config("worked-1-email-triage.toml"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("prompted                        0.3200"),
        "{text}"
    );
    assert!(
        text.contains("fine tuned                      0.1550"),
        "{text}"
    );
    assert!(
        text.contains("human                           0.8667"),
        "{text}"
    );
    assert!(text.contains("1.62 months (48.48 days)"), "{text}");
}

#[test]
fn case_1_gross_savings_over_180_days_are_148_500() {
    let text = std::fs::read_to_string(config("worked-1-email-triage.toml")).unwrap();
    let six_months = text.replace("horizon_months = 36", "horizon_months = 6");
    let (_dir, path) = scenario_file(&six_months);
    let summary = run_json(&path, &["--trials", "100"]);
    let ft = candidate(&summary, "fine_tuned");
    assert_close(
        num(&ft["npv"]["p50"]) + num(&ft["upfront"]["p50"]),
        148_500.0,
    );
}

#[test]
fn case_2_business_case_paybacks() {
    let summary = run_json(&config("worked-2-business-case.toml"), &["--trials", "100"]);
    assert_close(
        num(&candidate(&summary, "fine_tune")["payback_months"]["p50"]),
        3.125,
    );
    assert_close(
        num(&candidate(&summary, "from_scratch")["payback_months"]["p50"]),
        400_000.0 / 30_000.0,
    );
}

#[test]
fn case_3_api_replacement_never_pays_back() {
    let summary = run_json(
        &config("worked-3-api-replacement.toml"),
        &["--trials", "100"],
    );
    let sh = candidate(&summary, "self_hosted");
    assert_close(num(&sh["upfront"]["mean"]), 15_096.0);
    // By part: 100 engineer-hours × 150, 8 runs × 12, no contingency.
    let parts: Vec<(String, f64)> = sh["upfront_items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap().to_string(), num(&p["mean"])))
        .collect();
    assert_eq!(
        parts,
        [
            ("engineering".into(), 15_000.0),
            ("training runs".into(), 96.0),
            ("contingency".into(), 0.0)
        ]
    );
    assert!(sh["payback_months"]["p50"].is_null());
    assert_eq!(num(&sh["p_never"]), 1.0);
    // Monthly savings: (8,250 + 150,000) − (2,966.40 + 0.322 + 375,000).
    let monthly = 158_250.0 - (2_966.4 + 0.322 + 375_000.0);
    assert!((num(&sh["npv"]["mean"]) - (36.0 * monthly - 15_096.0)).abs() < 1e-6);
}

#[test]
fn case_3_point_estimate_shows_api_and_serving_costs() {
    let out = payback()
        .arg("check")
        .arg(config("worked-3-api-replacement.toml"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("158,250.00"), "{text}"); // 8,250 tokens + 150,000 review
    assert!(text.contains("2,966.72"), "{text}"); // 2,966.40 serving + 0.322 storage
    assert!(text.contains("15,096"), "{text}");
}

#[test]
fn case_4_low_volume_is_never_within_the_horizon_but_100_months_beyond() {
    let fast = run_json(
        &config("worked-4a-cheaper-calls.toml"),
        &["--trials", "100"],
    );
    let months = num(&candidate(&fast, "trained")["payback_months"]["p50"]);
    assert_close(months * 30.0, 1000.0 / 3.0);

    let slow = run_json(&config("worked-4b-low-volume.toml"), &["--trials", "100"]);
    assert!(candidate(&slow, "trained")["payback_months"]["p50"].is_null());
    let text = std::fs::read_to_string(config("worked-4b-low-volume.toml")).unwrap();
    let (_dir, path) = scenario_file(&text.replace("horizon_months = 36", "horizon_months = 120"));
    let long = run_json(&path, &["--trials", "100"]);
    assert_close(
        num(&candidate(&long, "trained")["payback_months"]["p50"]) * 30.0,
        3000.0,
    );
}
