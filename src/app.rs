//! The use-cases behind the commands, from a loaded scenario file to results, shared by the
//! command line and the fuzz target: [`run`] simulates the base in detail, summarises it, and
//! runs every stress case beside it with the same trials.

use crate::analysis::stress::{self, Case, Pack};
use crate::analysis::summarise::summarise_detailed;
use crate::config::Document;
use crate::engine::{Engine, Factors, Interrupted, RunSettings};
use crate::results::Summary;
use std::sync::atomic::{AtomicU64, Ordering};

/// What `payback run` simulates beside the base: the file's stress cases and, when asked, the
/// vendor-deprecation pack.
#[derive(Debug, Clone)]
pub struct RunPlan {
    /// Stress cases, in the order they run (the file's, in file order).
    pub cases: Vec<Case>,
    /// The deprecation pack, run after them.
    pub pack: Option<Pack>,
}

impl RunPlan {
    /// The file's stress cases, and the deprecation pack when `pack` is given.
    pub fn new(doc: &Document, pack: Option<Pack>) -> Self {
        RunPlan {
            cases: stress::file_cases(doc),
            pack,
        }
    }

    /// Trials of the whole run at `trials` a case: the base's and every case's.
    pub fn trials(&self, trials: u64) -> u64 {
        let pack = self.pack.as_ref().map_or(0, |p| p.cases.len());
        trials * (1 + (self.cases.len() + pack) as u64)
    }
}

/// `payback run`: the base scenario of `doc` simulated in detail on `engine` and summarised, then
/// every case of `plan` beside it with the same trials (common random numbers). `progress` is
/// told the trials done over the whole run; a stop counts them too.
pub fn run(
    engine: &Engine,
    doc: &Document,
    plan: &RunPlan,
    settings: RunSettings,
    progress: &(dyn Fn(u64) + Sync),
) -> anyhow::Result<Summary> {
    let scenario = doc.base();
    let total = plan.trials(settings.trials);
    let done_before = AtomicU64::new(0);
    let progress = |done: u64| progress(done_before.load(Ordering::Relaxed) + done);
    let of_whole_run = |e: anyhow::Error| {
        Interrupted::count_within(e, done_before.load(Ordering::Relaxed), Some(total))
    };
    let factors = Factors::new(scenario);
    let run = engine
        .simulate_detailed(scenario, &factors, settings, &progress)
        .map_err(of_whole_run)?;
    let mut summary = summarise_detailed(scenario, settings.seed, &run);
    let next_case = || {
        done_before.fetch_add(settings.trials, Ordering::Relaxed);
    };
    summary.stress = stress::run(
        engine,
        &plan.cases,
        settings,
        &summary,
        &next_case,
        &progress,
    )
    .map_err(of_whole_run)?;
    if let Some(pack) = &plan.pack {
        let results = stress::run(
            engine,
            &pack.cases,
            settings,
            &summary,
            &next_case,
            &progress,
        )
        .map_err(of_whole_run)?;
        summary.deprecation_stress = Some(pack.summary(&results));
        summary.stress.extend(results);
    }
    Ok(summary)
}
