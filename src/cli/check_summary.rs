//! `payback run --check-summary SUMMARY FILE`: the run a summary records, rerun and compared.

use super::progress::{progress_bar, shown_on};
use crate::analysis::precision::check_goal;
use crate::app::{self, Reproduction};
use crate::config::Document;
use crate::engine::{Engine, Stop};
use crate::error::InputError;
use crate::numbers::count;
use crate::results::provenance::Provenance;
use crate::scenario::MAX_TRIALS;
use anyhow::{Result, anyhow};
use std::path::Path;

/// Differences listed, at most; the rest are counted.
const LISTED: usize = 20;

/// Reruns the run recorded in the summary at `recorded` on `doc` (the file `file`, read as
/// `text`) with `threads` workers, and says whether it reproduces: exit 0 when every value is
/// the same, an error (exit 1) when the file or a value differs, exit 2 when the summary cannot
/// be read as one.
pub fn run(
    file: &Path,
    text: &str,
    doc: &Document,
    recorded: &Path,
    threads: Option<usize>,
    stop: &Stop,
) -> Result<()> {
    let (json, provenance) = read_summary(recorded)?;
    let version = env!("CARGO_PKG_VERSION");
    if provenance.payback_version != version {
        eprintln!(
            "warning: {} was made by payback {}; this is payback {version}, whose figures may differ",
            recorded.display(),
            provenance.payback_version
        );
    }
    let threads = super::threads(threads)?;
    let engine = Engine::new(threads, stop.clone())?;
    let bar = progress_bar(None);
    let found = app::reproduce(&engine, doc, text, &provenance, &json, &shown_on(&bar))?;
    bar.finish_and_clear();
    let settings = &provenance.settings;
    match found {
        Reproduction::Exact { numbers } => {
            println!(
                "{} reproduces exactly: {} trials, seed {}, every one of its {} numbers the same, \
                 bit for bit.",
                recorded.display(),
                count(settings.trials),
                settings.seed,
                count(numbers as u64)
            );
            Ok(())
        }
        Reproduction::OtherFile {
            sha256,
            recorded: was,
        } => Err(anyhow!(
            "does not reproduce: {} is not the scenario file {} was made from (its SHA-256 is \
             {sha256}; the summary records {was})",
            file.display(),
            recorded.display()
        )),
        Reproduction::Differs(differences) => {
            println!(
                "{} does not reproduce: {} ({} trials, seed {}):",
                recorded.display(),
                values_differ(differences.len()),
                count(settings.trials),
                settings.seed
            );
            for (path, was, now) in differences.iter().take(LISTED) {
                println!("  {path}: {was} in the summary, {now} now");
            }
            if differences.len() > LISTED {
                println!("  and {} more", count((differences.len() - LISTED) as u64));
            }
            Err(anyhow!(
                "does not reproduce: {} of {}",
                values_differ(differences.len()),
                recorded.display()
            ))
        }
    }
}

/// "1 value differs", "3 values differ".
fn values_differ(n: usize) -> String {
    if n == 1 {
        "1 value differs".into()
    } else {
        format!("{} values differ", count(n as u64))
    }
}

/// The summary at `path` as JSON, and its provenance; an error naming the file otherwise.
fn read_summary(path: &Path) -> Result<(serde_json::Value, Provenance), InputError> {
    let fail = |line, field: &str, message: String| InputError::new(path, line, field, message);
    let text = std::fs::read_to_string(path)
        .map_err(|e| fail(None, "", format!("cannot read the summary: {e}")))?;
    let json: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| fail(Some(e.line()), "", format!("is not a summary.json: {e}")))?;
    let Some(recorded) = json.get("provenance") else {
        return Err(fail(
            None,
            "provenance",
            "records no provenance, so there is nothing to rerun: only a summary.json that \
             payback run wrote (version 0.1.0 on) can be checked"
                .into(),
        ));
    };
    let provenance: Provenance = serde_json::from_value(recorded.clone()).map_err(|e| {
        fail(
            None,
            "provenance",
            format!("is not a provenance record: {e}"),
        )
    })?;
    if !(1..=MAX_TRIALS).contains(&provenance.settings.trials) {
        return Err(fail(
            None,
            "provenance.settings.trials",
            format!(
                "{} is out of range: must be in [1, {}]",
                count(provenance.settings.trials),
                count(MAX_TRIALS)
            ),
        ));
    }
    if let Some(goal) = &provenance.settings.precision {
        check_goal(goal, MAX_TRIALS).map_err(|m| fail(None, "provenance.settings.precision", m))?;
    }
    Ok((json, provenance))
}
