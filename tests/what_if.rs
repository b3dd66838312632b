//! Every what-if works on every input: for each example config, every numeric input path it has
//! (written or left at its default, constant or uncertain, in every option and table) is set by
//! a `[[stress]]` case and swept over two values. Each must build and run, and change only what
//! it should: a stress case that sets a path to its own current value gives exactly the base's
//! results (common random numbers: same trials, same streams), and a swept value changes that
//! input alone.

use payback::analysis::summarise::summarise;
use payback::analysis::{RunCounter, stress};
use payback::config::Document;
use payback::engine::{self, Engine, RunSettings, Stop};
use payback::results::Summary;
use payback::scenario::Scenario;
use std::path::{Path, PathBuf};

/// Few trials: the checks are exact equalities and structure, not estimates.
const SETTINGS: RunSettings = RunSettings {
    trials: 2_000,
    seed: 9,
    threads: 1,
};

fn configs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("configs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 9, "{files:?}");
    files
}

/// The value at a dotted path of the file's tree, as written.
fn written<'a>(tree: &'a toml::Table, path: &str) -> Option<&'a toml::Value> {
    let (leaf, parents) = path.rsplit_once('.').map_or((path, ""), |(p, l)| (l, p));
    let mut table = tree;
    for key in parents.split('.').filter(|k| !k.is_empty()) {
        table = table.get(key)?.as_table()?;
    }
    table.get(leaf)
}

/// Every numeric input path of a scenario, and the one settable run setting.
fn paths(scenario: &Scenario) -> Vec<String> {
    let mut paths: Vec<String> = scenario.inputs.iter().map(|i| i.path.clone()).collect();
    paths.push("scenario.discount_rate".into());
    paths
}

/// The value of `path` as the file writes it (TOML inline text), or its default.
fn current(tree: &toml::Table, scenario: &Scenario, path: &str) -> String {
    if let Some(v) = written(tree, path) {
        return v.to_string();
    }
    let value = if path == "scenario.discount_rate" {
        scenario.discount_rate
    } else {
        let input = scenario.inputs.iter().find(|i| i.path == path).unwrap();
        input.dist.as_constant().expect("a default is a constant")
    };
    format!("{value:?}")
}

/// The engine of the tests' simulations.
fn engine() -> Engine {
    Engine::new(SETTINGS.threads, Stop::default()).unwrap()
}

fn run(scenario: &Scenario) -> Summary {
    let agg = engine::simulate(scenario, SETTINGS, &|_| {}).unwrap();
    summarise(scenario, SETTINGS.seed, &agg)
}

/// Each input's path and distribution, in words.
fn described(scenario: &Scenario) -> Vec<(String, String)> {
    scenario
        .inputs
        .iter()
        .map(|i| (i.path.clone(), format!("{:?}", i.dist)))
        .collect()
}

#[test]
fn a_stress_case_setting_any_input_to_its_own_value_equals_the_base() {
    let mut checked = 0;
    for file in configs() {
        let src = std::fs::read_to_string(&file).unwrap();
        let doc = Document::parse(&src, &file).unwrap();
        let tree: toml::Table = toml::from_str(&src).unwrap();
        let base = run(doc.base());
        let base_candidates = serde_json::to_value(&base.candidates).unwrap();
        for path in paths(doc.base()) {
            let value = current(&tree, doc.base(), &path);
            let text =
                format!("{src}\n[[stress]]\nname = \"same\"\nset = {{ \"{path}\" = {value} }}\n");
            let doc = Document::parse(&text, &file)
                .unwrap_or_else(|e| panic!("{}: {path} = {value}: {e}", file.display()));
            let cases = stress::file_cases(&doc);
            let case = cases.last().unwrap();
            assert_eq!(
                described(&case.scenario),
                described(doc.base()),
                "{}: {path} = {value} changed the inputs",
                file.display()
            );
            let engine = engine();
            let results = stress::run(&cases[cases.len() - 1..], &base, &mut |case| {
                engine.outcomes(&case.scenario, SETTINGS, &|_| {})
            })
            .unwrap();
            assert_eq!(
                serde_json::to_value(&results[0].candidates).unwrap(),
                base_candidates,
                "{}: {path} = {value}",
                file.display()
            );
            checked += 1;
        }
    }
    eprintln!("{checked} input paths checked");
    assert!(checked > 200, "only {checked} paths");
}

/// Two values of an input that its field allows: two of its quantiles when uncertain, half
/// and all of it when constant.
fn two_values(scenario: &Scenario, path: &str) -> [f64; 2] {
    if path == "scenario.discount_rate" {
        return [0.0, scenario.discount_rate.max(0.05)];
    }
    let input = scenario.inputs.iter().find(|i| i.path == path).unwrap();
    match input.dist.as_constant() {
        Some(c) => [0.5 * c, c],
        None => [input.dist.quantile(0.3), input.dist.quantile(0.7)],
    }
}

#[test]
fn a_two_value_sweep_of_any_input_changes_that_input_alone() {
    let mut checked = 0;
    for file in configs() {
        let doc = Document::load(&file).unwrap();
        let base = described(doc.base());
        let horizon = doc.base().horizon_months;
        for path in paths(doc.base()) {
            let values = two_values(doc.base(), &path);
            let result = payback::app::sweep(
                &engine(),
                &doc,
                &path,
                &values,
                f64::from(horizon.min(12)),
                SETTINGS,
                &|_| {},
            )
            .unwrap_or_else(|e| panic!("{}: {path} = {values:?}: {e:#}", file.display()));
            assert_eq!(result.points.len(), 2);
            for (point, &v) in result.points.iter().zip(&values) {
                assert_eq!(point.value, v);
                assert_eq!(point.candidates.len(), doc.base().candidates().count());
            }
            for v in values {
                let set = [payback::config::Override::number(&path, v)];
                let variant = doc.variant(&set).unwrap();
                let now = described(&variant);
                let changed: Vec<&str> = now
                    .iter()
                    .zip(&base)
                    .filter(|(a, b)| a != b)
                    .map(|(a, _)| a.0.as_str())
                    .collect();
                assert_eq!(now.len(), base.len(), "{path}");
                let expected: &[&str] = if path == "scenario.discount_rate" {
                    assert_eq!(variant.discount_rate, v);
                    &[]
                } else {
                    &[path.as_str()]
                };
                // A constant set to its own value changes nothing.
                if changed.is_empty() && !expected.is_empty() {
                    let input = doc.base().inputs.iter().find(|i| i.path == path).unwrap();
                    assert_eq!(input.dist.as_constant(), Some(v), "{path}");
                } else {
                    assert_eq!(changed, expected, "{}: {path} = {v}", file.display());
                }
            }
            checked += 1;
        }
    }
    eprintln!("{checked} input paths checked");
    assert!(checked > 200, "only {checked} paths");
}

/// Whether a payback comes by month T depends on the months up to T alone, so the reverse
/// questions run to month T + 1 only and collect P(payback ≤ T) and the investment alone
/// (`RunCounter::p_within`; the month after T keeps an event at exactly T, which a horizon of
/// T would leave out): both are the full horizon's run's, bit for bit, in every example, its
/// stress cases and its deprecation pack (deprecations at whole months, downtimes, retrains
/// and successors).
#[test]
fn a_run_cut_after_month_t_has_the_full_runs_payback_by_t_and_investment() {
    let mut checked = 0;
    for file in configs() {
        let doc = Document::load(&file).unwrap();
        let mut scenarios = vec![doc.base().clone()];
        scenarios.extend(stress::file_cases(&doc).into_iter().map(|c| c.scenario));
        if let Ok(pack) = stress::deprecation_pack(&doc, None) {
            scenarios.extend(pack.cases.into_iter().map(|c| c.scenario));
        }
        for scenario in scenarios {
            let full = engine().outcomes(&scenario, SETTINGS, &|_| {}).unwrap();
            let h = scenario.horizon_months;
            for t in [1, 2, h / 3, h / 2, h - 1].into_iter().filter(|&t| t >= 1) {
                let engine = engine();
                let mut runs = RunCounter::new(&engine, &|_| {});
                let (p, upfront) = runs.p_within(scenario.clone(), SETTINGS, t).unwrap();
                for ((a, p), upfront) in full.candidates.iter().zip(p).zip(upfront) {
                    assert_eq!(
                        a.payback.cdf_at(t).to_bits(),
                        p.to_bits(),
                        "{}: {} at T = {t}",
                        file.display(),
                        scenario.name
                    );
                    let mean = a.sums.upfront.sum / full.trials as f64;
                    assert_eq!(mean.to_bits(), upfront.to_bits());
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "{checked}");
}
