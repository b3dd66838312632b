//! The use-cases behind the commands, from a loaded scenario file to results, shared by the
//! command line and the fuzz target: [`run`] simulates the base in detail, summarises it, and
//! runs every stress case beside it with the same trials; [`samples`] replays a run's first
//! trials; [`check`] gives the point estimate; [`sweep`] runs one input over values; [`solve`]
//! answers a reverse question; [`provenance`] records what made a run and [`reproduce`] reruns
//! it from that record.

use crate::analysis::precision;
use crate::analysis::stress::{self, Case, Pack};
use crate::analysis::summarise::{candidate_summaries, summarise_detailed};
use crate::analysis::sweep::{self as sweeping, SweepPlan};
use crate::analysis::{Goal, point_estimate, solve as solving, threshold};
use crate::collect::{Detailed, Factors, RunAggregate};
use crate::config::Document;
use crate::engine::{Engine, Interrupted, RunSettings, Shard, merge_shards, shard_chunks};
use crate::results::Summary;
use crate::results::check::CheckEstimate;
use crate::results::precision::{Achieved, Precision, PrecisionGoal};
use crate::results::provenance::{Provenance, RunRecord};
use crate::results::samples::Sample;
use crate::results::solve::{Answer, Question, Threshold};
use crate::results::sweep::Sweep;
use crate::scenario::{FactorKind, Months};
use std::sync::atomic::{AtomicU64, Ordering};

/// What `payback run` simulates beside the base: the file's stress cases and, when asked, the
/// vendor-deprecation pack.
#[derive(Debug, Clone)]
pub struct RunPlan {
    /// Stress cases, in the order they run (the file's, in file order).
    pub cases: Vec<Case>,
    /// The deprecation pack, run after them.
    pub pack: Option<Pack>,
    /// Whether, when staying with the baseline is best, the thresholds that would change that
    /// are solved for (many short simulations: the live page leaves them out).
    pub what_would_change: bool,
    /// When given, the base runs chunk by chunk until its figures meet these targets (or the
    /// most trials allowed), and every case then runs that many trials.
    pub precision: Option<PrecisionGoal>,
}

impl RunPlan {
    /// The file's stress cases, and the deprecation pack when `pack` is given.
    pub fn new(doc: &Document, pack: Option<Pack>) -> Self {
        RunPlan {
            cases: stress::file_cases(doc),
            pack,
            what_would_change: true,
            precision: None,
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
    run_watched(engine, doc, plan, settings, progress, &|_| {})
}

/// [`run`], with `watch` told the figures' precision after every chunk of the base when the
/// plan has a precision goal (`settings.trials` is then ignored: the goal's `max_trials` is
/// the most the base runs).
pub fn run_watched(
    engine: &Engine,
    doc: &Document,
    plan: &RunPlan,
    settings: RunSettings,
    progress: &(dyn Fn(u64) + Sync),
    watch: &(dyn Fn(&[Achieved]) + Sync),
) -> anyhow::Result<Summary> {
    let scenario = doc.base();
    let done_before = AtomicU64::new(0);
    let progress = |done: u64| progress(done_before.load(Ordering::Relaxed) + done);
    // The whole run's trials: known from the start unless the base runs to a precision goal.
    let of_whole_run = |e: anyhow::Error, total: Option<u64>| {
        Interrupted::count_within(e, done_before.load(Ordering::Relaxed), total)
    };
    let factors = Factors::new(scenario);
    let empty = || Detailed::new(scenario, &factors);
    let run = match &plan.precision {
        None => engine.simulate(scenario, settings, &empty, &progress),
        Some(goal) => {
            let most = RunSettings {
                trials: goal.max_trials,
                ..settings
            };
            let enough = |so_far: &Detailed| {
                let figures = candidate_summaries(scenario, &so_far.run);
                let achieved = precision::achieved(&goal.targets, &figures);
                watch(&achieved);
                precision::converged(&achieved)
            };
            engine.simulate_until(scenario, most, &empty, &enough, &progress)
        }
    }
    .map_err(|e| {
        let total = plan
            .precision
            .is_none()
            .then(|| plan.trials(settings.trials));
        of_whole_run(e, total)
    })?;
    // The cases run the trials the base ran.
    let settings = RunSettings {
        trials: run.run.trials,
        ..settings
    };
    let mut summary = summarise_detailed(scenario, settings.seed, &run);
    if let Some(goal) = &plan.precision {
        let achieved = precision::achieved(&goal.targets, &summary.candidates);
        summary.precision = Some(Precision {
            target: goal.targets.clone(),
            converged: precision::converged(&achieved),
            achieved,
            trials: settings.trials,
            max_trials: goal.max_trials,
        });
    }
    let mut outcomes = |case: &Case| {
        done_before.fetch_add(settings.trials, Ordering::Relaxed);
        engine.outcomes(&case.scenario, settings, &progress)
    };
    finish(engine, doc, plan, settings, summary, &mut outcomes)
        .map_err(|e| of_whole_run(e, Some(plan.trials(settings.trials))))
}

/// The rest of a run once its base is summarised: the file's cases beside it, what would
/// change a decision to stay, then the deprecation pack's cases, each case's outcomes from
/// `outcomes` in that order.
fn finish(
    engine: &Engine,
    doc: &Document,
    plan: &RunPlan,
    settings: RunSettings,
    mut summary: Summary,
    outcomes: &mut dyn FnMut(&Case) -> anyhow::Result<RunAggregate>,
) -> anyhow::Result<Summary> {
    summary.stress = stress::run(&plan.cases, &summary, outcomes)?;
    if plan.what_would_change && stays(&summary) {
        summary.what_would_change = what_would_change(engine, doc, &summary, settings)?;
    }
    if let Some(pack) = &plan.pack {
        let results = stress::run(&pack.cases, &summary, outcomes)?;
        summary.deprecation_stress = Some(pack.summary(&results));
        summary.stress.extend(results);
    }
    Ok(summary)
}

/// Every case a run simulates beside the base, in the order it runs them.
pub fn every_case(plan: &RunPlan) -> impl Iterator<Item = &Case> {
    plan.cases
        .iter()
        .chain(plan.pack.iter().flat_map(|p| &p.cases))
}

/// Shard `k` of `n` of the run of `plan` on `doc` with `settings` (`payback run --shard`): the
/// base's and every case's collections of that shard's chunks ([`shard_chunks`]).
pub fn run_shard<'f>(
    engine: &Engine,
    doc: &Document,
    factors: &'f Factors,
    plan: &RunPlan,
    settings: RunSettings,
    (k, n): (u64, u64),
    progress: &(dyn Fn(u64) + Sync),
) -> anyhow::Result<(Shard<Detailed<'f>>, Vec<Shard<RunAggregate>>)> {
    let chunks = shard_chunks(settings.trials, k, n);
    let scenario = doc.base();
    let base = engine.simulate_shard(
        scenario,
        settings,
        &|| Detailed::new(scenario, factors),
        chunks.clone(),
        progress,
    )?;
    let cases = every_case(plan)
        .map(|case| {
            let s = &case.scenario;
            engine.simulate_shard(
                s,
                settings,
                &|| RunAggregate::new(s),
                chunks.clone(),
                progress,
            )
        })
        .collect::<anyhow::Result<_>>()?;
    Ok((base, cases))
}

/// `payback merge`: the shards of a run of `plan` on `doc` with `settings`, in shard order (the
/// base's, and for each, every case's in [`run_shard`]'s order), put together and summarised:
/// the summary of the single run, bit for bit. What would change a decision to stay is solved
/// here, on `engine`. An error says what does not fit.
pub fn merge(
    engine: &Engine,
    doc: &Document,
    plan: &RunPlan,
    settings: RunSettings,
    base: Vec<Shard<Detailed>>,
    cases: Vec<Vec<Shard<RunAggregate>>>,
) -> anyhow::Result<Summary> {
    let scenario = doc.base();
    let run = merge_shards(base).map_err(|m| anyhow::anyhow!("{m}"))?;
    if run.run.trials != settings.trials {
        anyhow::bail!(
            "the shards hold {} trials of the {} of the run",
            run.run.trials,
            settings.trials
        );
    }
    let summary = summarise_detailed(scenario, settings.seed, &run);
    let mut merged = Vec::new();
    for shards in cases {
        merged.push(merge_shards(shards).map_err(|m| anyhow::anyhow!("{m}"))?);
    }
    if merged.len() != every_case(plan).count() {
        anyhow::bail!(
            "the shards hold {} stress cases, the run has {}",
            merged.len(),
            every_case(plan).count()
        );
    }
    let mut merged = merged.into_iter();
    let mut outcomes = |_: &Case| {
        merged
            .next()
            .ok_or_else(|| anyhow::anyhow!("a stress case is missing from the shards"))
    };
    finish(engine, doc, plan, settings, summary, &mut outcomes)
}

/// Inputs of the best candidate whose thresholds say what would change a decision to stay.
const CHANGE_INPUTS: usize = 2;
/// Trials of each evaluation of those thresholds, at most.
const CHANGE_TRIALS: u64 = 20_000;
/// The goal of those thresholds: P(payback ≤ 12 months, or the horizon) ≥ 80 %.
const CHANGE_CONFIDENCE: f64 = 0.8;
const CHANGE_WITHIN: u32 = 12;

/// Whether staying with the baseline is best: it tops the expected-NPV ranking.
fn stays(summary: &Summary) -> bool {
    let baseline = summary.candidates.first().map(|c| c.baseline.as_str());
    summary
        .expected_npv_ranking
        .first()
        .map(|r| r.name.as_str())
        == baseline
}

/// For the candidate with the highest expected NPV, the thresholds of its most influential
/// uncertain inputs (by the sensitivity ranking) at which it would meet the goal.
fn what_would_change(
    engine: &Engine,
    doc: &Document,
    summary: &Summary,
    settings: RunSettings,
) -> anyhow::Result<Vec<Threshold>> {
    let Some(best) = summary
        .expected_npv_ranking
        .iter()
        .find(|r| summary.candidates.iter().any(|c| c.name == r.name))
    else {
        return Ok(Vec::new());
    };
    let Some(sensitivity) = summary
        .sensitivity
        .iter()
        .find(|s| s.candidate == best.name)
    else {
        return Ok(Vec::new());
    };
    let goal = Goal {
        confidence: CHANGE_CONFIDENCE,
        within: f64::from(CHANGE_WITHIN.min(summary.horizon_months)),
    };
    let settings = RunSettings {
        trials: settings.trials.min(CHANGE_TRIALS),
        ..settings
    };
    let mut found = Vec::new();
    for factor in sensitivity
        .factors
        .iter()
        .filter(|f| f.kind == FactorKind::Input && f.is_signal())
        .take(CHANGE_INPUTS)
    {
        let thresholds = threshold::solve_for(
            engine,
            doc,
            &factor.path,
            Some(&best.name),
            goal,
            settings,
            &|_| {},
        )?;
        found.extend(thresholds);
    }
    Ok(found)
}

/// `payback run --export-samples N`: the first `n` trials of the run of `doc`'s base seeded
/// with `seed`, each trial's uncertain inputs (in the order of [`sample_paths`]) and every
/// candidate's outcome, handed to `each` in trial order.
pub fn samples(doc: &Document, seed: u64, n: u64, each: &mut dyn FnMut(Sample)) {
    crate::analysis::samples::samples(doc.base(), seed, n, each);
}

/// The dotted paths of the inputs in a sample of [`samples`].
pub fn sample_paths(doc: &Document) -> Vec<&str> {
    crate::analysis::samples::uncertain_paths(doc.base())
}

/// `payback check`: the deterministic point estimate of `doc`'s base scenario, with each
/// option's running cost.
pub fn check(doc: &Document) -> CheckEstimate {
    point_estimate::check_estimate(doc.base())
}

/// `payback sweep`: `doc` run once per value of the input at `path`, every value on the same
/// trials, with P(payback ≤ `within`) and the median payback of each candidate.
pub fn sweep(
    engine: &Engine,
    doc: &Document,
    path: &str,
    values: &[f64],
    within: Months,
    settings: RunSettings,
    progress: &(dyn Fn(u64) + Sync),
) -> anyhow::Result<Sweep> {
    let plan = SweepPlan::new(doc, path, values, within)?;
    sweeping::run(engine, doc, &plan, settings, progress)
}

/// Shard `k` of `n` of the sweep of `path` over `values` (`payback sweep --shard`): each
/// value's outcomes of that shard's chunks ([`shard_chunks`]), in value order.
#[allow(clippy::too_many_arguments)]
pub fn sweep_shard(
    engine: &Engine,
    doc: &Document,
    path: &str,
    values: &[f64],
    within: Months,
    settings: RunSettings,
    (k, n): (u64, u64),
    progress: &(dyn Fn(u64) + Sync),
) -> anyhow::Result<Vec<Shard<RunAggregate>>> {
    let plan = SweepPlan::new(doc, path, values, within)?;
    let chunks = shard_chunks(settings.trials, k, n);
    plan.scenarios
        .iter()
        .enumerate()
        .map(|(i, s)| {
            engine.simulate_shard(s, settings, &|| plan.empty(i), chunks.clone(), progress)
        })
        .collect()
}

/// `payback merge` of a sweep: for each value of [`sweep_shard`]'s sweep, its shards in shard
/// order put together, then the sweep's results: the single sweep's, bit for bit. An error
/// says what does not fit.
pub fn merge_sweep(
    doc: &Document,
    path: &str,
    values: &[f64],
    within: Months,
    settings: RunSettings,
    shards: Vec<Vec<Shard<RunAggregate>>>,
) -> anyhow::Result<Sweep> {
    let plan = SweepPlan::new(doc, path, values, within)?;
    if shards.len() != values.len() {
        anyhow::bail!(
            "the shards hold {} values, the sweep has {}",
            shards.len(),
            values.len()
        );
    }
    let mut points = Vec::new();
    for (i, value) in shards.into_iter().enumerate() {
        let empty = plan.empty(i);
        for shard in &value {
            shard
                .total
                .check_shape(&empty)
                .map_err(|m| anyhow::anyhow!("at {path} = {}: {m}", values[i]))?;
        }
        let run = merge_shards(value).map_err(|m| anyhow::anyhow!("{m}"))?;
        if run.trials != settings.trials {
            anyhow::bail!(
                "the shards hold {} trials of the {} of the sweep",
                run.trials,
                settings.trials
            );
        }
        points.push(plan.point(i, settings, &run));
    }
    Ok(plan.results(doc, settings, points))
}

/// What `payback solve` is asked.
#[derive(Debug, Clone, Copy)]
pub enum Ask<'a> {
    /// One of the named questions.
    Question(Question),
    /// The threshold of the input at this dotted path.
    For(&'a str),
}

/// What `payback solve` answers, one per candidate asked about.
#[derive(Debug, Clone)]
pub enum Answers {
    /// Answers to a named question.
    Question(Vec<Answer>),
    /// Thresholds of an input.
    For(Vec<Threshold>),
}

/// `payback solve`: the answer to `ask` for every candidate of `doc` (or the one named
/// `candidate`) at `goal`, each evaluation on `settings.trials` trials.
pub fn solve(
    engine: &Engine,
    doc: &Document,
    ask: Ask,
    candidate: Option<&str>,
    goal: Goal,
    settings: RunSettings,
    progress: &(dyn Fn(u64) + Sync),
) -> anyhow::Result<Answers> {
    Ok(match ask {
        Ask::Question(question) => Answers::Question(solving::solve(
            engine, doc, question, candidate, goal, settings, progress,
        )?),
        Ask::For(path) => Answers::For(threshold::solve_for(
            engine, doc, path, candidate, goal, settings, progress,
        )?),
    })
}

/// What made a run of `plan` with `settings` on the scenario file whose bytes are
/// `scenario_text`, given by `command`.
pub fn provenance(
    scenario_text: &str,
    plan: &RunPlan,
    settings: RunSettings,
    command: Vec<String>,
) -> Provenance {
    Provenance {
        payback_version: env!("CARGO_PKG_VERSION").to_string(),
        scenario_sha256: sha256(scenario_text),
        settings: RunRecord {
            trials: settings.trials,
            seed: settings.seed,
            stress_deprecation: plan.pack.as_ref().map(|p| p.option.clone()),
            precision: plan.precision.clone(),
        },
        command,
    }
}

/// The SHA-256 of a scenario file's text, in hexadecimal: what provenance and partial files
/// record of it.
pub fn sha256(scenario_text: &str) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(scenario_text.as_bytes()))
}

/// What a rerun of a recorded summary found.
#[derive(Debug, Clone, PartialEq)]
pub enum Reproduction {
    /// Every value of the summary came out the same; the count of numbers compared.
    Exact { numbers: usize },
    /// The scenario file is not the one summarised: its hash and the recorded one.
    OtherFile { sha256: String, recorded: String },
    /// Values that came out differently, as (path, recorded, now), in document order.
    Differs(Vec<(String, String, String)>),
}

/// `payback run --check-summary`: the run that `recorded` (a `summary.json`, parsed) records
/// in its provenance, rerun on `doc` (read from `scenario_text`) on `engine`, and compared with
/// it value by value. Every value is compared but the command line; numbers are compared as
/// written, which for floats written shortest-round-trip is bit for bit.
pub fn reproduce(
    engine: &Engine,
    doc: &Document,
    scenario_text: &str,
    recorded: &Provenance,
    recorded_json: &serde_json::Value,
    progress: &(dyn Fn(u64) + Sync),
) -> anyhow::Result<Reproduction> {
    let record = &recorded.settings;
    let pack = match &record.stress_deprecation {
        None => None,
        Some(option) => Some(stress::deprecation_pack(doc, Some(option)).map_err(|m| {
            crate::error::UsageError::new("provenance.settings.stress_deprecation", m)
        })?),
    };
    let plan = RunPlan {
        precision: record.precision.clone(),
        ..RunPlan::new(doc, pack)
    };
    let settings = RunSettings {
        trials: record.trials,
        seed: record.seed,
        threads: engine.threads(),
    };
    let mut provenance = provenance(scenario_text, &plan, settings, recorded.command.clone());
    // Another version is warned about by the caller; its figures are compared all the same.
    provenance.payback_version = recorded.payback_version.clone();
    if provenance.scenario_sha256 != recorded.scenario_sha256 {
        return Ok(Reproduction::OtherFile {
            sha256: provenance.scenario_sha256,
            recorded: recorded.scenario_sha256.clone(),
        });
    }
    let mut summary = run(engine, doc, &plan, settings, progress)?;
    summary.provenance = Some(provenance);
    // Through text, as the recorded one was: the same parser reads both.
    let now: serde_json::Value = serde_json::from_str(&serde_json::to_string(&summary)?)?;
    let mut differences = Vec::new();
    let numbers = compare("", recorded_json, &now, &mut differences);
    Ok(if differences.is_empty() {
        Reproduction::Exact { numbers }
    } else {
        Reproduction::Differs(differences)
    })
}

/// Compares `a` with `b` at `path`, pushing every difference; returns the numbers compared.
fn compare(
    path: &str,
    a: &serde_json::Value,
    b: &serde_json::Value,
    out: &mut Vec<(String, String, String)>,
) -> usize {
    use serde_json::Value;
    let at = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut numbers = 0;
            for (key, value) in x {
                let here = at(key);
                match y.get(key) {
                    Some(other) => numbers += compare(&here, value, other, out),
                    None => out.push((here, value.to_string(), "absent".into())),
                }
            }
            for (key, value) in y.iter().filter(|(key, _)| !x.contains_key(*key)) {
                out.push((at(key), "absent".into(), value.to_string()));
            }
            numbers
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .map(|(i, (u, v))| compare(&format!("{path}[{i}]"), u, v, out))
            .sum(),
        (Value::Array(x), Value::Array(y)) => {
            let length = |n: usize| format!("a list of {n}");
            out.push((path.to_string(), length(x.len()), length(y.len())));
            0
        }
        _ if a == b => usize::from(a.is_number()),
        _ => {
            out.push((path.to_string(), a.to_string(), b.to_string()));
            0
        }
    }
}
