//! The path the fuzz target exercises, shared with `tests/fuzz_regressions.rs` (which includes
//! this file by path) so that a crash found by the fuzzer is replayed exactly by a test.
//!
//! Text goes through [`Document::parse`] as `payback run` reads a file. A bad file must come
//! back as an error naming the file; a valid one is given its point estimate (`payback check`),
//! a short detailed simulation, its first stress cases (the file's, then the vendor-deprecation
//! pack's), a summary, and the JSON and CSV files rendered from it. Every number of the summary
//! must be finite. Any panic is a crash.

// The fuzz target and the tests each use a part of this file.
#![allow(dead_code)]

use payback::analysis::stress;
use payback::app;
use payback::config::Document;
use payback::engine::{Engine, RunSettings, Stop};
use payback::report;
use payback::report::output::{self, Format};
use payback::results::Summary;
use std::path::Path;

/// Trials of every simulation: enough for every aggregator to see a few trials, few enough
/// that a 600-month horizon with many options still runs in milliseconds.
pub const TRIALS: u64 = 64;
/// Stress cases simulated per input; the others are only built and checked.
pub const MAX_STRESS_RUNS: usize = 3;
/// The name errors must give the file.
pub const FILE: &str = "fuzz.toml";

/// What became of a text.
#[derive(Debug)]
pub enum Outcome {
    /// Refused, with this message (file, line, field, value, what is allowed).
    Refused(String),
    /// Valid, simulated and summarised; the summary as `summary.json` writes it.
    Simulated(String),
}

/// Runs `text` through the whole path; panics on any crash.
pub fn exercise(text: &str) -> Outcome {
    let doc = match Document::parse(text, Path::new(FILE)) {
        Ok(doc) => doc,
        Err(e) => {
            let message = e.to_string();
            assert!(
                message.starts_with(FILE),
                "the error names no file: {message}"
            );
            return Outcome::Refused(message);
        }
    };
    let _ = report::point::render(&app::check(&doc));

    let settings = RunSettings {
        trials: TRIALS,
        seed: 1,
        threads: 1,
    };
    let engine = Engine::new(settings.threads, Stop::default()).expect("a pool of one thread");
    // The use-case `payback run` runs, with the deprecation pack when an option has a
    // deprecation table, and at most MAX_STRESS_RUNS cases simulated.
    let pack = stress::deprecation_pack(&doc, None).ok();
    let mut plan = app::RunPlan::new(&doc, pack);
    plan.cases.truncate(MAX_STRESS_RUNS);
    if let Some(pack) = &mut plan.pack {
        pack.cases
            .truncate(MAX_STRESS_RUNS.saturating_sub(plan.cases.len()));
    }
    let summary =
        app::run(&engine, &doc, &plan, settings, &|_| {}).expect("a valid scenario simulates");

    if let Some(path) = non_finite(&summary) {
        panic!("the summary holds a NaN or an infinity at {path}");
    }
    let _ = report::terminal::render(&summary);
    output::render(&summary, &[Format::Json, Format::Csv]).expect("JSON and CSV render");
    Outcome::Simulated(report::summary_json(&summary))
}

/// The dotted path of the first number of `summary` that is not finite. serde_json writes NaN
/// and infinities as `null`, which `summary.json` also uses for "never", so the summary is
/// converted into a TOML tree instead, which keeps them (`nan`, `inf`).
pub fn non_finite(summary: &Summary) -> Option<String> {
    let tree = toml::Value::try_from(summary).expect("a summary converts into a TOML tree");
    find_non_finite(&tree, "summary")
}

fn find_non_finite(value: &toml::Value, path: &str) -> Option<String> {
    match value {
        toml::Value::Float(f) if !f.is_finite() => Some(format!("{path} = {f}")),
        toml::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| find_non_finite(v, &format!("{path}[{i}]"))),
        toml::Value::Table(table) => table
            .iter()
            .find_map(|(k, v)| find_non_finite(v, &format!("{path}.{k}"))),
        _ => None,
    }
}
