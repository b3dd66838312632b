//! Inputs that crashed or hung `payback`, found with the fuzz target (`fuzz/`; how each was
//! found is in docs/fuzzing.md), each test named after what broke. Each input is replayed
//! through the fuzz target's own path ([`exercise`], the same file the target runs) and, when
//! it must be refused, through `payback check`, which must exit with code 2 and a message
//! naming the file, the field and what is allowed.

#[path = "../fuzz/fuzz_targets/exercise.rs"]
mod exercise;
#[allow(dead_code)]
#[path = "cli/support.rs"]
mod support;

use exercise::{Outcome, exercise};
use std::path::Path;
use support::{payback, scenario_file};

/// A valid scenario whose candidate's `cost_per_event` is `value` (as the file writes it).
fn with_cost(value: &str) -> String {
    format!(
        r#"
[scenario]
name = "Fuzz regression"
horizon_months = 24

[workload]
events_per_day = 100

[options.api]
baseline = true
cost_per_event = 1

[options.tuned]
cost_per_event = {value}
"#
    )
}

/// Runs `payback check` on `text` and asserts a clean refusal naming every part of `parts`;
/// returns standard error.
fn refused_by_check(text: &str, parts: &[&str]) -> String {
    let (_dir, path) = scenario_file(text);
    let out = payback().arg("check").arg(&path).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for part in std::iter::once("scenario.toml").chain(parts.iter().copied()) {
        assert!(stderr.contains(part), "missing {part:?} in: {stderr}");
    }
    stderr
}

/// Asserts that the fuzz path refuses `text` with a message holding every part of `parts`.
fn refused_by_library(text: &str, parts: &[&str]) {
    match exercise(text) {
        Outcome::Refused(message) => {
            for part in parts {
                assert!(message.contains(part), "missing {part:?} in: {message}");
            }
        }
        Outcome::Simulated(_) => panic!("accepted: {text}"),
    }
}

/// The seed corpus (the example configs and the reference scenario) goes through the fuzz
/// path whole: the target itself holds on its seeds.
#[test]
fn every_seed_runs_through_the_fuzz_path() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/scenario");
    let mut count = 0;
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        match exercise(&text) {
            Outcome::Simulated(json) => assert!(json.contains("\"candidates\"")),
            Outcome::Refused(message) => panic!("{}: refused: {message}", path.display()),
        }
        count += 1;
    }
    assert!(count >= 10, "{count} seeds");
}

// Panics in the distribution forms: a parameter derived from finite ones overflowed (or came
// out 0), and the family's constructor, trusting the parser, panicked on it.

/// `pert(-1e308, 1e308, 1e308)`: the width `max - min` overflowed, the Beta shape
/// `1 + 4 (mode - min) / width` was NaN ("checked by the parser: AlphaTooSmall").
#[test]
fn pert_with_bounds_too_far_apart_is_refused() {
    let text = with_cost(r#""pert(-1e308, 1e308, 1e308)""#);
    let parts = [
        "options.tuned.cost_per_event",
        "too far apart",
        "pert(min, mode, max)",
    ];
    refused_by_library(&text, &parts);
    refused_by_check(&text, &parts);
    for form in ["uniform(-1e308, 1e308)", "triangular(-1e308, 0, 1e308)"] {
        refused_by_library(&with_cost(&format!("\"{form}\"")), &["too far apart"]);
    }
}

/// `{ p10 = -1.7e308, p50 = 1.7e308, p90 = 1.79e308 }`: the spread `p50 - p10` overflowed,
/// the lognormal's sigma was infinite ("checked by the parser: BadVariance").
#[test]
fn three_point_estimate_whose_spread_overflows_is_refused() {
    let text = with_cost("{ p10 = -1.7e308, p50 = 1.7e308, p90 = 1.79e308 }");
    let parts = [
        "options.tuned.cost_per_event",
        "no distribution fits these three points",
    ];
    refused_by_library(&text, &parts);
    refused_by_check(&text, &parts);
    // One spread subnormal beside the other: their ratio overflows.
    let text = with_cost("{ p10 = 0, p50 = 1e-320, p90 = 1e300 }");
    refused_by_library(&text, &["no distribution fits these three points"]);
}

/// `"10000000000 to 10000000000.000002"`: two different numbers with the same logarithm, so the
/// lognormal's sigma was 0 ("checked: ScaleInvalid" in the CDF).
#[test]
fn range_whose_bounds_have_one_logarithm_is_refused() {
    let text = with_cost(r#""10000000000 to 10000000000.000002""#);
    let parts = ["options.tuned.cost_per_event", "too close to fit a spread"];
    refused_by_library(&text, &parts);
    refused_by_check(&text, &parts);
}

/// `{ dist = "gamma(1, 1e-10)", clamp = [0, 1e300] }` and `gamma(1, 1e-308)`: the CDF at the
/// bound divides by the scale, which overflowed, and statrs panicked on the infinite argument
/// ("called `Result::unwrap()` on an `Err` value: XInvalid").
#[test]
fn gamma_with_a_tiny_scale_or_a_clamp_beyond_1e15_is_refused() {
    let text = with_cost(r#"{ dist = "gamma(1, 1e-10)", clamp = [0, 1e300] }"#);
    let parts = [
        "options.tuned.cost_per_event",
        "clamp bounds must lie in [-1e15, 1e15]",
    ];
    refused_by_library(&text, &parts);
    refused_by_check(&text, &parts);
    let text = with_cost(r#"{ dist = "gamma(1, 1e-308)", clamp = [0, 1e15] }"#);
    let parts = ["options.tuned.cost_per_event", "scale >= 1e-100"];
    refused_by_library(&text, &parts);
    refused_by_check(&text, &parts);
}

// Hangs: valid-looking forms on which `payback check` never returned.

/// `{ dist = "uniform_int(0, 999999999999999)", clamp = [0, 1e15] }`: the truncated mean summed
/// the survival function over all 1e15 whole numbers. It now integrates it beyond 20,000.
#[test]
fn clamped_count_with_a_wide_range_has_its_mean_at_once() {
    for (form, mean, tolerance) in [
        (
            r#"{ dist = "uniform_int(0, 999999999999999)", clamp = [0, 1e15] }"#,
            5e14 - 0.5,
            1e-9,
        ),
        // Simpson's rule over [0, 1e15] in steps of 5e10 across a CDF that rises within 1e8.
        (
            r#"{ dist = "binomial(1e15, 0.5)", clamp = [0, 1e15] }"#,
            5e14,
            1e-3,
        ),
    ] {
        let table: toml::Table = toml::from_str(&format!("x = {form}")).unwrap();
        let dist = payback::distribution::from_toml(&table["x"]).unwrap();
        let relative = (dist.mean() - mean).abs() / mean;
        assert!(relative < tolerance, "{form}: mean {}", dist.mean());
        assert!(matches!(exercise(&with_cost(form)), Outcome::Simulated(_)));
    }
}

/// `beta(1, 1e7)`, `{ observed = 0, of = 1e7 }`: statrs's inverse regularized incomplete beta
/// function overflowed on its first step and looped for ever (in the quantiles of the
/// sensitivity factors).
#[test]
fn beta_with_a_parameter_beyond_1e6_is_refused() {
    for (form, rule) in [
        (r#""beta(1, 1e7)""#, "both within [0.001, 1e6]"),
        (r#""beta(1e-300, 1e6)""#, "both within [0.001, 1e6]"),
        ("{ observed = 0, of = 1e7 }", "of may be at most 1e6"),
    ] {
        let text = with_cost(form);
        let parts = ["options.tuned.cost_per_event", rule];
        refused_by_library(&text, &parts);
        refused_by_check(&text, &parts);
    }
    for form in [r#""beta(1, 1e6)""#, "{ observed = 3, of = 1e6 }"] {
        assert!(matches!(exercise(&with_cost(form)), Outcome::Simulated(_)));
    }
}

/// `{ dist = "gamma(1e12, 1)", clamp = [0, 1e15] }`: statrs's incomplete gamma function with
/// a huge shape took longer than any check should (more than 5 s under the fuzzer).
#[test]
fn gamma_with_a_shape_beyond_1e6_is_refused() {
    let text = with_cost(r#"{ dist = "gamma(1e12, 1)", clamp = [0, 1e15] }"#);
    let parts = ["options.tuned.cost_per_event", "shape <= 1e6"];
    refused_by_library(&text, &parts);
    refused_by_check(&text, &parts);
}

/// Found by the fuzzer: a go-live one ulp before the horizon made a piece whose midpoint rounds
/// up to the horizon, and its month indexed one past the last month (a panic).
#[test]
fn go_live_one_ulp_before_the_horizon_runs() {
    let text = r#"
[scenario]
name = "x"
horizon_months = 12
[workload]
events_per_day = 1
[options.a]
baseline = true
[options.b]
project = { build_months = 11.999999999999998 }
"#;
    assert!(matches!(exercise(text), Outcome::Simulated(_)));
}
