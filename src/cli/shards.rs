//! `payback run FILE --shard K/N --partial PATH` and `payback merge FILE PARTS...`: a run cut
//! into contiguous ranges of chunks, each simulated on its own (another process, another
//! machine), and put back together into the single run's report.

use super::args::MergeArgs;
use super::progress::{progress_bar, shown_on};
use super::{command_line, deliver, out_dir, usage};
use crate::analysis::stress;
use crate::app::{self, RunPlan};
use crate::collect::{Detailed, Factors, RunAggregate};
use crate::config::Document;
use crate::engine::{Engine, RunSettings, Shard, Stop, shard_chunks};
use crate::error::InputError;
use crate::numbers::count;
use crate::partial::{self, FORMAT, Header, Partial};
use crate::report::output::{self, ALL_FORMATS};
use anyhow::Result;
use std::path::{Path, PathBuf};

/// Shards a run may be cut into, at most.
const MAX_SHARDS: u64 = 100_000;

/// `--shard K/N`: K and N, with 1 ≤ K ≤ N.
fn parse_shard(text: &str) -> Result<(u64, u64)> {
    let bad = || {
        usage(
            "--shard",
            format!(
                "`{text}` is not a shard: give K/N, this process's shard K of N, with \
                 1 ≤ K ≤ N ≤ {}, e.g. 2/8",
                count(MAX_SHARDS)
            ),
        )
    };
    let (k, n) = text.split_once('/').ok_or_else(bad)?;
    let (k, n): (u64, u64) = (
        k.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if k == 0 || k > n || n > MAX_SHARDS {
        return Err(bad());
    }
    Ok((k, n))
}

/// The names of every case of `plan`, in the order a run simulates them.
fn case_names(plan: &RunPlan) -> Vec<String> {
    app::every_case(plan).map(|c| c.name.clone()).collect()
}

/// `payback run --shard K/N --partial PATH`: shard K of the run of `plan`, written to `path`.
pub(super) fn run_shard(
    text: &str,
    doc: &Document,
    plan: &RunPlan,
    settings: RunSettings,
    shard: &str,
    path: &Path,
    stop: &Stop,
) -> Result<()> {
    let (k, n) = parse_shard(shard)?;
    let chunks = shard_chunks(settings.trials, k, n);
    let bar = progress_bar(None);
    let engine = Engine::new(settings.threads, stop.clone())?;
    let factors = Factors::new(doc.base());
    let (base, cases) = app::run_shard(
        &engine,
        doc,
        &factors,
        plan,
        settings,
        (k, n),
        &shown_on(&bar),
    )?;
    bar.finish_and_clear();
    let header = Header {
        format: FORMAT,
        payback_version: env!("CARGO_PKG_VERSION").to_string(),
        scenario_sha256: app::sha256(text),
        seed: settings.seed,
        trials: settings.trials,
        shard: k,
        shards: n,
        stress_deprecation: plan.pack.as_ref().map(|p| p.option.clone()),
        cases: case_names(plan),
    };
    let trials = base.total.run.trials;
    let base = Shard {
        chunks: base.chunks,
        total: base.total.state(),
        chunk_sums: base.chunk_sums,
    };
    partial::write(
        path,
        &Partial {
            header,
            base,
            cases,
        },
    )?;
    println!(
        "Wrote shard {k} of {n} to {}: chunks {} to {} of {}, {} of the {} trials.",
        path.display(),
        chunks.start + 1,
        chunks.end,
        settings.trials.div_ceil(crate::engine::CHUNK_TRIALS),
        count(trials),
        count(settings.trials)
    );
    Ok(())
}

/// `payback merge FILE PARTS...`: the partials checked against the file and each other,
/// merged, and the report written as `payback run` writes it.
pub(super) fn run_merge(args: MergeArgs, stop: &Stop) -> Result<()> {
    let text = crate::config::read(&args.file)?;
    let doc = Document::parse(&text, &args.file)?;
    let parts: Vec<(PathBuf, Partial)> = args
        .parts
        .iter()
        .map(|p| Ok((p.clone(), partial::read(p)?)))
        .collect::<Result<_, InputError>>()?;
    let parts = in_shard_order(&args.file, &text, parts)?;
    let header = parts[0].1.header.clone();
    let pack = match &header.stress_deprecation {
        None => None,
        Some(option) => Some(
            stress::deprecation_pack(&doc, Some(option))
                .map_err(|m| refused(&parts[0].0, format!("its deprecation pack: {m}")))?,
        ),
    };
    let plan = RunPlan::new(&doc, pack);
    if case_names(&plan) != header.cases {
        return Err(refused(
            &parts[0].0,
            format!(
                "holds the stress cases [{}]; the file's run has [{}]",
                header.cases.join(", "),
                case_names(&plan).join(", ")
            ),
        )
        .into());
    }
    let threads = args
        .threads
        .unwrap_or_else(rayon::current_num_threads)
        .max(1);
    let settings = RunSettings {
        trials: header.trials,
        seed: header.seed,
        threads,
    };
    let out = out_dir(args.out, args.json, &args.file, "run")?;
    let scenario = doc.base();
    let factors = Factors::new(scenario);
    let mut base = Vec::new();
    let mut cases: Vec<Vec<Shard<RunAggregate>>> = vec![Vec::new(); header.cases.len()];
    let every_case: Vec<_> = app::every_case(&plan).collect();
    for (path, part) in parts {
        let total = Detailed::from_state(scenario, &factors, part.base.total)
            .map_err(|m| refused(&path, m))?;
        base.push(Shard {
            chunks: part.base.chunks,
            total,
            chunk_sums: part.base.chunk_sums,
        });
        if part.cases.len() != every_case.len() {
            return Err(refused(&path, "its stress cases are not all there".into()).into());
        }
        for ((shards, shard), case) in cases.iter_mut().zip(part.cases).zip(&every_case) {
            shard
                .total
                .check_shape(&RunAggregate::new(&case.scenario))
                .map_err(|m| refused(&path, format!("in stress case \"{}\": {m}", case.name)))?;
            shards.push(shard);
        }
    }
    let engine = Engine::new(threads, stop.clone())?;
    let mut summary = app::merge(&engine, &doc, &plan, settings, base, cases)
        .map_err(|e| refused(&args.parts[0], format!("the shards do not merge: {e}")))?;
    summary.provenance = Some(app::provenance(&text, &plan, settings, command_line()));
    let files = output::render(&summary, &ALL_FORMATS)?;
    deliver(
        &summary,
        &files,
        out.as_deref(),
        args.json,
        stop,
        settings.trials,
    )
}

/// An error about the partial at `path`.
fn refused(path: &Path, message: String) -> InputError {
    InputError::new(path, None, "", message)
}

/// The partials sorted by shard, once each checked to be shards of one run of the scenario
/// file `file` (read as `text`) by this version, every shard there once, each holding its
/// own chunks.
fn in_shard_order(
    file: &Path,
    text: &str,
    mut parts: Vec<(PathBuf, Partial)>,
) -> Result<Vec<(PathBuf, Partial)>, InputError> {
    let sha = app::sha256(text);
    let version = env!("CARGO_PKG_VERSION");
    let (first_path, first) = (parts[0].0.clone(), parts[0].1.header.clone());
    let run_of = |h: &Header| {
        format!(
            "seed {}, {} trials, {} shards, stress cases [{}]{}",
            h.seed,
            count(h.trials),
            count(h.shards),
            h.cases.join(", "),
            h.stress_deprecation
                .as_ref()
                .map_or_else(String::new, |o| format!(", deprecation pack of {o}"))
        )
    };
    for (path, part) in &parts {
        let h = &part.header;
        if h.payback_version != version {
            return Err(refused(
                path,
                format!(
                    "was written by payback {}; this is payback {version}: run every shard and \
                     the merge with one version",
                    h.payback_version
                ),
            ));
        }
        if h.scenario_sha256 != sha {
            return Err(refused(
                path,
                format!(
                    "is a shard of another scenario file: its SHA-256 is {}, {}'s is {sha}",
                    h.scenario_sha256,
                    file.display()
                ),
            ));
        }
        let same = (h.seed, h.trials, h.shards, &h.cases, &h.stress_deprecation)
            == (
                first.seed,
                first.trials,
                first.shards,
                &first.cases,
                &first.stress_deprecation,
            );
        if !same {
            return Err(refused(
                path,
                format!(
                    "is a shard of another run ({}) than {} ({})",
                    run_of(h),
                    first_path.display(),
                    run_of(&first)
                ),
            ));
        }
        let chunks = shard_chunks(h.trials, h.shard, h.shards);
        if h.shard == 0 || h.shard > h.shards || part.base.chunks != chunks {
            return Err(refused(
                path,
                format!(
                    "does not hold the chunks of shard {} of {}",
                    h.shard, h.shards
                ),
            ));
        }
    }
    parts.sort_by_key(|(_, p)| p.header.shard);
    for pair in parts.windows(2) {
        if pair[0].1.header.shard == pair[1].1.header.shard {
            return Err(refused(
                &pair[1].0,
                format!(
                    "is shard {} of {}, as {} is: give each shard once",
                    pair[1].1.header.shard,
                    first.shards,
                    pair[0].0.display()
                ),
            ));
        }
    }
    if let Some(missing) =
        (1..=first.shards).find(|k| !parts.iter().any(|(_, p)| p.header.shard == *k))
    {
        return Err(InputError::new(
            file,
            None,
            "",
            format!(
                "shard {missing} of {} is missing: merge needs the partial of every shard",
                first.shards
            ),
        ));
    }
    Ok(parts)
}
