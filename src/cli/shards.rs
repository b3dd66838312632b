//! `payback run FILE --shard K/N --partial PATH`, `payback sweep FILE ... --shard K/N --partial
//! PATH` and `payback merge FILE PARTS...`: a run or a sweep cut into contiguous ranges of
//! chunks, each simulated on its own (another process, another machine), and put back
//! together into the single run's or sweep's report.

use super::args::{MergeArgs, SweepArgs};
use super::progress::{progress_bar, shown_on};
use super::{command_line, deliver, deliver_sweep, flagged, out_dir, sweep_flag, usage};
use crate::analysis::stress;
use crate::app::{self, RunPlan};
use crate::collect::{Detailed, Factors, RunAggregate};
use crate::config::Document;
use crate::engine::{CHUNK_TRIALS, Engine, RunSettings, Shard, Stop, shard_chunks};
use crate::error::InputError;
use crate::numbers::count;
use crate::partial::{self, Collections, FORMAT, Header, Job, Partial};
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
    let job = Job::Run {
        stress_deprecation: plan.pack.as_ref().map(|p| p.option.clone()),
        cases: case_names(plan),
    };
    let trials = base.total.run.trials;
    let base = Shard {
        chunks: base.chunks,
        total: base.total.state(),
        chunk_sums: base.chunk_sums,
    };
    let shard = Written {
        text,
        settings,
        k,
        n,
        trials,
    };
    shard.write(
        path,
        job,
        Collections::Run {
            base: Box::new(base),
            cases,
        },
    )?;
    println!("{}.", shard.said(path));
    Ok(())
}

/// `payback sweep FILE ... --shard K/N --partial PATH`: shard K of the sweep of `args` on
/// `doc` (read as `text`), written to `path`.
pub(super) fn sweep_shard(
    text: &str,
    doc: &Document,
    args: &SweepArgs,
    values: &[f64],
    settings: RunSettings,
    (shard, path): (&str, &Path),
    stop: &Stop,
) -> Result<()> {
    let (k, n) = parse_shard(shard)?;
    let bar = progress_bar(None);
    let engine = Engine::new(settings.threads, stop.clone())?;
    let points = app::sweep_shard(
        &engine,
        doc,
        &args.param,
        values,
        args.within,
        settings,
        (k, n),
        &shown_on(&bar),
    )
    .map_err(|e| flagged(e, sweep_flag))?;
    bar.finish_and_clear();
    let job = Job::Sweep {
        param: args.param.clone(),
        values: values.to_vec(),
        within: args.within,
    };
    let shard = Written {
        text,
        settings,
        k,
        n,
        trials: points.first().map_or(0, |p| p.total.trials),
    };
    shard.write(path, job, Collections::Sweep(points))?;
    println!(
        "{} at each of the {} values.",
        shard.said(path),
        count(values.len() as u64)
    );
    Ok(())
}

/// A shard about to be written: of the file read as `text`, run with `settings`, shard `k`
/// of `n`, holding `trials`.
struct Written<'a> {
    text: &'a str,
    settings: RunSettings,
    k: u64,
    n: u64,
    trials: u64,
}

impl Written<'_> {
    /// The partial of `job` holding `collections`, written to `path`.
    fn write(&self, path: &Path, job: Job, collections: Collections) -> Result<(), InputError> {
        let header = Header {
            format: FORMAT,
            payback_version: env!("CARGO_PKG_VERSION").to_string(),
            scenario_sha256: app::sha256(self.text),
            seed: self.settings.seed,
            trials: self.settings.trials,
            shard: self.k,
            shards: self.n,
            job,
        };
        partial::write(
            path,
            &Partial {
                header,
                collections,
            },
        )
    }

    /// What was written to `path`: the chunks and trials of the shard.
    fn said(&self, path: &Path) -> String {
        let (k, n) = (self.k, self.n);
        let all = self.settings.trials.div_ceil(CHUNK_TRIALS);
        let chunks = shard_chunks(self.settings.trials, k, n);
        let held = if chunks.is_empty() {
            let chunks_word = if all == 1 { "chunk" } else { "chunks" };
            format!(
                "no trials: the run's {} {chunks_word} (of up to {} trials) are fewer than its {} \
                 shards, so this one is empty (merge still needs it)",
                count(all),
                count(CHUNK_TRIALS),
                count(n)
            )
        } else {
            let which = if chunks.end - chunks.start == 1 {
                format!("chunk {}", count(chunks.end))
            } else {
                format!(
                    "chunks {} to {}",
                    count(chunks.start + 1),
                    count(chunks.end)
                )
            };
            format!(
                "{which} of {}, {} of the {} trials",
                count(all),
                count(self.trials),
                count(self.settings.trials)
            )
        };
        format!("Wrote shard {k} of {n} to {}: {held}", path.display())
    }
}

/// `payback merge FILE PARTS...`: the partials checked against the file and each other,
/// merged, and the report written as `payback run` (or `payback sweep`, for the shards of a
/// sweep) writes it.
pub(super) fn run_merge(args: MergeArgs, stop: &Stop) -> Result<()> {
    let text = crate::config::read(&args.file)?;
    let doc = Document::parse(&text, &args.file)?;
    let threads = super::threads(args.threads)?;
    let parts: Vec<(PathBuf, Partial)> = args
        .parts
        .iter()
        .map(|p| Ok((p.clone(), partial::read(p)?)))
        .collect::<Result<_, InputError>>()?;
    let parts = in_shard_order(&args.file, &text, parts)?;
    let header = parts[0].1.header.clone();
    let settings = RunSettings {
        trials: header.trials,
        seed: header.seed,
        threads,
    };
    match &header.job {
        Job::Run {
            stress_deprecation,
            cases,
        } => {
            let pack = match stress_deprecation {
                None => None,
                Some(option) => Some(
                    stress::deprecation_pack(&doc, Some(option))
                        .map_err(|m| refused(&parts[0].0, format!("its deprecation pack: {m}")))?,
                ),
            };
            let plan = RunPlan::new(&doc, pack);
            if &case_names(&plan) != cases {
                return Err(refused(
                    &parts[0].0,
                    format!(
                        "holds the stress cases [{}]; the file's run has [{}]",
                        cases.join(", "),
                        case_names(&plan).join(", ")
                    ),
                )
                .into());
            }
            merge_run(&args, &text, &doc, &plan, settings, parts, stop)
        }
        Job::Sweep {
            param,
            values,
            within,
        } => {
            let mut shards: Vec<Vec<Shard<RunAggregate>>> = vec![Vec::new(); values.len()];
            for (path, part) in parts {
                let Collections::Sweep(points) = part.collections else {
                    return Err(
                        refused(&path, "holds a run's collections, not a sweep's".into()).into(),
                    );
                };
                if points.len() != values.len() {
                    return Err(refused(&path, "its values are not all there".into()).into());
                }
                for (value, point) in shards.iter_mut().zip(points) {
                    value.push(point);
                }
            }
            let out = out_dir(args.out.clone(), args.json, &args.file, "sweep")?;
            let result = app::merge_sweep(&doc, param, values, *within, settings, shards)
                .map_err(|e| refused(&args.parts[0], format!("the shards do not merge: {e}")))?;
            deliver_sweep(
                &result,
                out.as_deref(),
                args.json,
                stop,
                header.trials * values.len() as u64,
            )
        }
    }
}

/// The merge of the shards `parts` of the run of `plan` on `doc` (read as `text`).
fn merge_run(
    args: &MergeArgs,
    text: &str,
    doc: &Document,
    plan: &RunPlan,
    settings: RunSettings,
    parts: Vec<(PathBuf, Partial)>,
    stop: &Stop,
) -> Result<()> {
    let out = out_dir(args.out.clone(), args.json, &args.file, "run")?;
    let scenario = doc.base();
    let factors = Factors::new(scenario);
    let every_case: Vec<_> = app::every_case(plan).collect();
    // The shape every shard of a case must have.
    let empty: Vec<RunAggregate> = every_case
        .iter()
        .map(|c| RunAggregate::new(&c.scenario))
        .collect();
    let mut base = Vec::new();
    let mut cases: Vec<Vec<Shard<RunAggregate>>> = vec![Vec::new(); every_case.len()];
    for (path, part) in parts {
        let Collections::Run {
            base: part_base,
            cases: part_cases,
        } = part.collections
        else {
            return Err(refused(&path, "holds a sweep's collections, not a run's".into()).into());
        };
        let total = Detailed::from_state(scenario, &factors, part_base.total)
            .map_err(|m| refused(&path, m))?;
        base.push(Shard {
            chunks: part_base.chunks,
            total,
            chunk_sums: part_base.chunk_sums,
        });
        if part_cases.len() != every_case.len() {
            return Err(refused(&path, "its stress cases are not all there".into()).into());
        }
        for (((shards, shard), case), empty) in cases
            .iter_mut()
            .zip(part_cases)
            .zip(&every_case)
            .zip(&empty)
        {
            shard
                .total
                .check_shape(empty)
                .map_err(|m| refused(&path, format!("in stress case \"{}\": {m}", case.name)))?;
            shards.push(shard);
        }
    }
    let engine = Engine::new(settings.threads, stop.clone())?;
    let mut summary = app::merge(&engine, doc, plan, settings, base, cases)
        .map_err(|e| refused(&args.parts[0], format!("the shards do not merge: {e}")))?;
    summary.provenance = Some(app::provenance(text, plan, settings, command_line()));
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
        let job = match &h.job {
            Job::Run {
                stress_deprecation,
                cases,
            } => format!(
                "a run with the stress cases [{}]{}",
                cases.join(", "),
                stress_deprecation
                    .as_ref()
                    .map_or_else(String::new, |o| format!(", deprecation pack of {o}"))
            ),
            Job::Sweep {
                param,
                values,
                within,
            } => {
                let shown: Vec<String> = values.iter().take(6).map(|v| v.to_string()).collect();
                let more = if values.len() > shown.len() {
                    ", …"
                } else {
                    ""
                };
                format!(
                    "a sweep of {param} over {} values [{}{more}] within {within} months",
                    count(values.len() as u64),
                    shown.join(", ")
                )
            }
        };
        format!(
            "{job}, seed {}, {} trials, {} shards",
            h.seed,
            count(h.trials),
            count(h.shards),
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
        let same = (h.seed, h.trials, h.shards, &h.job)
            == (first.seed, first.trials, first.shards, &first.job);
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
        let holds =
            |chunks: &std::ops::Range<u64>| *chunks == shard_chunks(h.trials, h.shard, h.shards);
        let holds = (1..=h.shards).contains(&h.shard)
            && match &part.collections {
                Collections::Run { base, .. } => holds(&base.chunks),
                Collections::Sweep(points) => points.iter().all(|p| holds(&p.chunks)),
            };
        if !holds {
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
