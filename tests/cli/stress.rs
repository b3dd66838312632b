//! Stress cases: common random numbers (a case that changes nothing is the base, exactly),
//! hand-solved deprecation stresses from the file and from the built-in pack, and the
//! comparison in summary.json.

use crate::support::*;

/// 1,000 events a month for 24 months. The API costs 0.5 an event (500 a month), the tuned
/// model 0.25 (250 a month, saving 250) for an investment of 1,000: payback at 4.0 months.
/// `extra` adds option fields to the API and the file's stress sections.
fn scenario(api_extra: &str, stress: &str) -> String {
    format!(
        r#"
[scenario]
name = "stress"
horizon_months = 24

[workload]
events_per_month = 1000

[options.api]
baseline = true
cost_per_event = 0.5
{api_extra}

[options.tuned]
cost_per_event = 0.25

[options.tuned.project]
items.x = {{ cost = 1000 }}

{stress}
"#
    )
}

fn case<'a>(summary: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    summary["stress"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no stress case {name}"))
}

fn p50(candidate: &serde_json::Value) -> f64 {
    num(&candidate["payback_months"]["p50"])
}

#[test]
fn stress_cases_with_a_fixed_deprecation_month_pay_back_when_computed_by_hand() {
    let text = scenario(
        "",
        r#"
[[stress]]
name = "migration"
set = { "options.api.deprecation.at_month" = 2, "options.api.deprecation.migration_cost" = 300 }

[[stress]]
name = "cheaper successor"
set = { "options.api.deprecation.at_month" = 2, "options.api.deprecation.cost_factor" = 0.6 }
"#,
    );
    let (_d, path) = scenario_file(&text);
    let s = run_json(&path, &["--trials", "10"]);
    assert_close(p50(&s["candidates"][0]), 4.0);
    // −1000 + 2 × 250 = −500 at month 2; the API's migration (300) is a saving: −200; then
    // 250 a month: paid back at 2 + 200/250 = 2.8.
    let migration = case(&s, "migration");
    assert_close(p50(&migration["candidates"][0]), 2.8);
    assert_close(
        num(&migration["change_from_base"][0]["payback_p50_months"]),
        2.8 - 4.0,
    );
    // The successor costs 0.3 an event: the saving falls to 50 a month from month 2, so the
    // remaining 500 takes 10 months: paid back at 12.
    assert_close(p50(&case(&s, "cheaper successor")["candidates"][0]), 12.0);
    assert_eq!(
        case(&s, "migration")["set"]["options.api.deprecation.at_month"],
        "2"
    );
}

#[test]
fn the_deprecation_pack_retires_the_model_at_3_6_12_and_24_months() {
    // The API's model retires at random (hazard) in the base; the pack fixes the month and
    // keeps the migration cost of 300. Month 3: −1000 + 750 + 300 = +50, paid back at the
    // deprecation itself, 3.0. Later months come after the payback at 4.0 (month 24 is the
    // horizon: left out).
    let text = scenario(
        "deprecation = { hazard_per_year = 0.5, migration_cost = 300 }",
        "",
    );
    let (_d, path) = scenario_file(&text);
    let s = run_json(&path, &["--trials", "10", "--stress-deprecation"]);
    let pack = &s["deprecation_stress"];
    assert_eq!(pack["option"], "api");
    let p50s: Vec<f64> = pack["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| num(&p["candidates"][0]["payback_p50_months"]))
        .collect();
    for (got, want) in p50s.iter().zip([3.0, 4.0, 4.0, 4.0]) {
        assert_close(*got, want);
    }
    assert_eq!(s["stress"].as_array().unwrap().len(), 4);
}

/// The base's candidates as a stress case reports them: without the IRR, which only the base
/// run collects.
fn base_candidates(summary: &serde_json::Value) -> serde_json::Value {
    let mut candidates = summary["candidates"].clone();
    for c in candidates.as_array_mut().unwrap() {
        assert!(c.as_object_mut().unwrap().remove("irr").is_some());
    }
    candidates
}

#[test]
fn a_stress_that_sets_what_was_already_there_is_the_base_exactly() {
    // Common random numbers: every input keeps its own stream, so rebuilding the scenario
    // with an unchanged value gives the same draws in every trial, bit for bit.
    let base = std::fs::read_to_string(config("email-triage.toml")).unwrap();
    let text = format!(
        "{base}\n[[stress]]\nname = \"unchanged\"\nset = {{ \"options.fine_tuned.project.success\" = 0.85, \
         \"workload.events_per_day\" = \"pert(4500, 5000, 6000)\" }}\n"
    );
    let (_d, path) = scenario_file(&text);
    let s = run_json(&path, &["--trials", "30000", "--threads", "2"]);
    let unchanged = case(&s, "unchanged");
    assert_eq!(unchanged["candidates"], base_candidates(&s));
    for change in unchanged["change_from_base"].as_array().unwrap() {
        assert_eq!(num(&change["p_never"]), 0.0);
        assert_eq!(num(&change["npv_mean"]), 0.0);
    }
    // A real change moves the result.
    let data = case(&s, "Data work takes 3x longer");
    assert!(num(&data["change_from_base"][1]["npv_mean"]) < 0.0);
}

#[test]
fn a_change_to_one_input_leaves_every_other_draw_alone() {
    // Only the prompted option's price changes: the fine-tuned candidate's results (against
    // the same baseline, from the same draws) are identical to the base's.
    let base = std::fs::read_to_string(config("email-triage.toml")).unwrap();
    let text = format!(
        "{base}\n[[stress]]\nname = \"prompted cheaper\"\nset = {{ \"options.prompted.cost_per_event\" = \"0.02 to 0.04\" }}\n"
    );
    let (_d, path) = scenario_file(&text);
    let s = run_json(&path, &["--trials", "20000"]);
    let stressed = case(&s, "prompted cheaper");
    let base = base_candidates(&s);
    assert_eq!(stressed["candidates"][1], base[1]);
    assert_ne!(stressed["candidates"][0], base[0]);
}
