//! The command line: `payback run`, `check`, `sweep` and `solve`, their flags, and what each
//! does.

use crate::analysis::{self, solve};
use crate::analysis::{stress, sweep, threshold};
use crate::app;
use crate::config::{self, Document};
use crate::engine::{self, Engine, RunSettings, Stop};
use crate::error::UsageError;
use crate::numbers::count;
use crate::report::directory;
use crate::report::output::{self, ALL_FORMATS, Format};
use crate::report::{self, samples};
use crate::results::solve::Question;
use crate::scenario::{MAX_TRIALS, Scenario};
use anyhow::Result;
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Monte Carlo payback, NPV and risk for prompting, fine-tuning or training a model.
#[derive(Debug, Parser)]
#[command(name = "payback", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Simulate a scenario and report payback, NPV and investment as distributions.
    Run(RunArgs),
    /// Validate a scenario file and print its deterministic point estimate.
    Check {
        /// The scenario file (TOML).
        file: PathBuf,
    },
    /// Run once per value of one input and report P(payback ≤ T) and the median payback
    /// against the value (common random numbers: every value runs the same trials).
    Sweep(SweepArgs),
    /// Answer a reverse question at a confidence q and a target T: the largest investment, the
    /// smallest volume, the largest extra cost per event, or the threshold of any input
    /// (--for PATH) with P(payback ≤ T) ≥ q.
    Solve(SolveArgs),
}

/// How many trials, from which seed, on how many threads.
#[derive(Debug, clap::Args)]
struct TrialFlags {
    /// Number of trials (default: the file's `scenario.trials`, else 1,000,000; for solve,
    /// at most 100,000 unless given).
    #[arg(long)]
    trials: Option<u64>,
    /// Seed of the random streams (default: the file's `scenario.seed`, else 42).
    #[arg(long)]
    seed: Option<u64>,
    /// Worker threads (default: every core).
    #[arg(long)]
    threads: Option<usize>,
}

#[derive(Debug, clap::Args)]
struct RunArgs {
    /// The scenario file (TOML).
    file: PathBuf,
    #[command(flatten)]
    flags: TrialFlags,
    /// Report directory (default: reports/<file stem>/; with --json, none unless given). It is
    /// replaced whole, so it must be new, empty, or a report payback wrote.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print summary.json to standard output instead of the table (and write the report
    /// directory only when --out is given).
    #[arg(long)]
    json: bool,
    /// Which files to write into the report directory (comma-separated; default: all).
    #[arg(long, value_enum, value_delimiter = ',')]
    format: Vec<Format>,
    /// Add the vendor-deprecation stress pack: the model of the named option (default: the
    /// baseline's, else the first candidate's with a deprecation table) retired at month 3, 6,
    /// 12 and 24 with its configured migration cost.
    #[arg(long, num_args = 0..=1, require_equals = true, value_name = "OPTION")]
    stress_deprecation: Option<Option<String>>,
    /// Also write samples.csv: the first N trials' uncertain inputs (by path) and every
    /// candidate's outcome.
    #[arg(long, value_name = "N")]
    export_samples: Option<u64>,
}

#[derive(Debug, clap::Args)]
struct SweepArgs {
    /// The scenario file (TOML).
    file: PathBuf,
    /// Dotted path of the input to sweep, e.g. workload.events_per_day.
    #[arg(long)]
    param: String,
    /// The values: a..b/n (n evenly spaced from a to b) or a list a,b,c.
    #[arg(long, allow_hyphen_values = true)]
    values: String,
    /// Target payback time T in whole months: the sweep reports P(payback ≤ T).
    #[arg(long, default_value_t = 12.0)]
    within: f64,
    #[command(flatten)]
    flags: TrialFlags,
    /// Output directory (default: reports/<file stem>-sweep/; with --json, none unless given).
    /// It is replaced whole, so it must be new, empty, or one payback wrote.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print sweep.json to standard output instead of the table (and write the output
    /// directory only when --out is given).
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("question").required(true)))]
struct SolveArgs {
    /// The scenario file (TOML).
    file: PathBuf,
    /// The largest upfront investment (a factor on the candidate's whole investment).
    #[arg(long, group = "question")]
    max_investment: bool,
    /// The smallest volume (events per day or per month, as the file gives it): `volume`.
    #[arg(long, group = "question", value_name = "volume", value_parser = ["volume"])]
    break_even: Option<String>,
    /// The largest extra cost per event the candidate may have.
    #[arg(long, group = "question")]
    max_premium: bool,
    /// Any numeric input, by dotted path: the value (set as a constant) at which
    /// P(payback ≤ T) crosses q, and on which side of it the goal is met.
    #[arg(long = "for", group = "question", value_name = "PATH")]
    for_path: Option<String>,
    /// Confidence q: the answer keeps P(payback ≤ T) ≥ q.
    #[arg(long, default_value_t = 0.8)]
    confidence: f64,
    /// Target payback time T in whole months.
    #[arg(long, default_value_t = 12.0)]
    within: f64,
    /// The candidate to solve for (default: every candidate).
    #[arg(long)]
    candidate: Option<String>,
    #[command(flatten)]
    flags: TrialFlags,
    /// Print the answers as JSON instead of sentences.
    #[arg(long)]
    json: bool,
}

/// Most worker threads accepted.
const MAX_THREADS: usize = 1024;

/// Runs the command line; every simulation stops when `stop` is asked (Ctrl-C).
pub fn run(cli: Cli, stop: &Stop) -> Result<()> {
    match cli.command {
        Command::Check { file } => {
            let scenario = config::load(&file)?;
            print!(
                "{}",
                report::point::render(&analysis::point_estimate::check_estimate(&scenario))
            );
            Ok(())
        }
        Command::Run(args) => run_scenario(args, stop),
        Command::Sweep(args) => run_sweep(args, stop),
        Command::Solve(args) => run_solve(args, stop),
    }
}

/// The run settings of the flags for `scenario`; `default_trials` caps the file's trials.
fn settings(flags: &TrialFlags, scenario: &Scenario, default_trials: u64) -> Result<RunSettings> {
    let trials = flags.trials.unwrap_or(scenario.trials.min(default_trials));
    if !(1..=MAX_TRIALS).contains(&trials) {
        return Err(usage(
            "--trials",
            format!(
                "{} is out of range: must be in [1, {}]",
                count(trials),
                count(MAX_TRIALS)
            ),
        ));
    }
    let threads = flags.threads.unwrap_or_else(rayon::current_num_threads);
    if !(1..=MAX_THREADS).contains(&threads) {
        return Err(usage(
            "--threads",
            format!(
                "{} is out of range: must be in [1, {}]",
                count(threads as u64),
                count(MAX_THREADS as u64)
            ),
        ));
    }
    Ok(RunSettings {
        trials,
        seed: flags.seed.unwrap_or(scenario.seed),
        threads,
    })
}

fn run_scenario(args: RunArgs, stop: &Stop) -> Result<()> {
    let doc = Document::load(&args.file)?;
    let scenario = doc.base();
    let settings = settings(&args.flags, scenario, MAX_TRIALS)?;
    if let Some(n) = args.export_samples {
        let most = settings.trials.min(analysis::samples::MAX_SAMPLES);
        if !(1..=most).contains(&n) {
            return Err(usage(
                "--export-samples",
                format!(
                    "{} is out of range: must be in [1, {}] (the trials, at most 1,000,000)",
                    count(n),
                    count(most)
                ),
            ));
        }
    }
    let pack = match &args.stress_deprecation {
        None => None,
        Some(option) => Some(
            stress::deprecation_pack(&doc, option.as_deref())
                .map_err(|m| usage("--stress-deprecation", m))?,
        ),
    };
    let out = out_dir(args.out, args.json, &args.file, "run")?;
    if out.is_none() && (args.export_samples.is_some() || !args.format.is_empty()) {
        let flag = if args.export_samples.is_some() {
            "--export-samples"
        } else {
            "--format"
        };
        return Err(usage(
            flag,
            format!(
                "{flag} chooses files of the report directory, which --json alone does not write; give --out DIR too"
            ),
        ));
    }
    let plan = app::RunPlan::new(&doc, pack);
    let total = plan.trials(settings.trials);
    let bar = progress_bar(Some(total));
    let engine = Engine::new(settings.threads, stop.clone())?;
    let summary = app::run(&engine, &doc, &plan, settings, &shown_on(&bar))?;
    bar.finish_and_clear();
    let formats = if args.format.is_empty() {
        ALL_FORMATS.to_vec()
    } else {
        args.format
    };
    let mut files = output::render(&summary, &formats)?;
    if let Some(n) = args.export_samples {
        let names: Vec<&str> = scenario
            .candidates()
            .map(|c| scenario.options[c].name.as_str())
            .collect();
        let mut table = samples::table(&analysis::samples::uncertain_paths(scenario), &names);
        analysis::samples::samples(scenario, settings.seed, n, &mut |s| {
            samples::push_row(&mut table, s)
        });
        files.push(("samples.csv".into(), table.finish().into_bytes()));
    }
    if let Some(out) = &out {
        stop_check(stop, total)?;
        directory::write_dir(out, "run", &files)?;
    }
    if args.json {
        print!("{}", report::summary_json(&summary));
    } else {
        print!("{}", report::terminal::render(&summary));
        if let Some(out) = &out {
            println!("\nWrote {}", out.display());
        }
    }
    Ok(())
}

fn run_sweep(args: SweepArgs, stop: &Stop) -> Result<()> {
    let doc = Document::load(&args.file)?;
    let settings = settings(&args.flags, doc.base(), MAX_TRIALS)?;
    let values = sweep::parse_values(&args.values).map_err(|m| usage("--values", m))?;
    let out = out_dir(args.out, args.json, &args.file, "sweep")?;
    let bar = progress_bar(Some(settings.trials * values.len() as u64));
    let progress = shown_on(&bar);
    let engine = Engine::new(settings.threads, stop.clone())?;
    let result = sweep::run(
        &engine,
        &doc,
        &args.param,
        &values,
        args.within,
        settings,
        &progress,
    )?;
    bar.finish_and_clear();
    if let Some(out) = &out {
        let files = report::sweep::render(&result)?;
        stop_check(stop, settings.trials * values.len() as u64)?;
        directory::write_dir(out, "sweep", &files)?;
    }
    if args.json {
        print!("{}", report::sweep::json(&result));
    } else {
        print!("{}", report::sweep::table(&result));
        if let Some(out) = &out {
            println!("\nWrote {}", out.display());
        }
    }
    Ok(())
}

/// Trials of each `payback solve` evaluation unless `--trials` says otherwise: a solve runs
/// many evaluations.
const SOLVE_TRIALS: u64 = 100_000;

fn run_solve(args: SolveArgs, stop: &Stop) -> Result<()> {
    let doc = Document::load(&args.file)?;
    let settings = settings(&args.flags, doc.base(), SOLVE_TRIALS)?;
    let engine = Engine::new(settings.threads, stop.clone())?;
    let goal = analysis::Goal {
        confidence: args.confidence,
        within: args.within,
    };
    let bar = progress_bar(None);
    bar.set_message("solving");
    let progress = shown_on(&bar);
    let text = if let Some(path) = &args.for_path {
        let answers = threshold::solve_for(
            &engine,
            &doc,
            path,
            args.candidate.as_deref(),
            goal,
            settings,
            &progress,
        )?;
        answers_text(
            &answers,
            args.json,
            report::answers::thresholds,
            report::answers::thresholds_json,
        )
    } else {
        let question = if args.max_investment {
            Question::MaxInvestment
        } else if args.max_premium {
            Question::MaxPremium
        } else {
            Question::BreakEvenVolume
        };
        let answers = solve::solve(
            &engine,
            &doc,
            question,
            args.candidate.as_deref(),
            goal,
            settings,
            &progress,
        )?;
        answers_text(
            &answers,
            args.json,
            report::answers::answers,
            report::answers::answers_json,
        )
    };
    bar.finish_and_clear();
    print!("{text}");
    Ok(())
}

/// Answers as JSON (`to_json`), or in words.
fn answers_text<T>(
    answers: &[T],
    json: bool,
    words: fn(&[T]) -> String,
    to_json: fn(&[T]) -> String,
) -> String {
    if json {
        to_json(answers)
    } else {
        words(answers)
    }
}

/// The directory `command` (`run`, `sweep`) writes: `--out`, else without `--json` the default
/// one; checked before any work, so that a directory that may not be replaced is refused at
/// once.
fn out_dir(
    out: Option<PathBuf>,
    json: bool,
    file: &Path,
    command: &str,
) -> Result<Option<PathBuf>> {
    let suffix = if command == "run" { "" } else { "-sweep" };
    let out = match out {
        Some(dir) => Some(dir),
        None if json => None,
        None => Some(default_out_dir(file, suffix)),
    };
    if let Some(dir) = &out {
        directory::check_dir(dir, command)?;
    }
    Ok(out)
}

/// `reports/<file stem><suffix>/`.
fn default_out_dir(file: &Path, suffix: &str) -> PathBuf {
    let stem = file
        .file_stem()
        .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
    Path::new("reports").join(format!("{stem}{suffix}"))
}

/// A progress bar on standard error, hidden until the work has taken a second: of `trials`
/// when known beforehand, else a count of the trials simulated so far.
fn progress_bar(trials: Option<u64>) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(trials, ProgressDrawTarget::hidden());
    let template = if trials.is_some() {
        "{bar:40} {human_pos}/{human_len} trials, {eta} left"
    } else {
        "{spinner} {human_pos} trials simulated, {elapsed}; {msg}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

/// The progress callback of `bar`: sets the trials done, and shows the bar once the work has
/// taken a second on a terminal.
fn shown_on(bar: &ProgressBar) -> impl Fn(u64) + Sync + '_ {
    let started = Instant::now();
    move |done: u64| {
        if bar.is_hidden()
            && started.elapsed().as_secs_f64() > 1.0
            && std::io::stderr().is_terminal()
        {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        bar.set_position(done);
    }
}

/// Fails with [`engine::Interrupted`] when the user asked to stop while the work was being
/// finished (rendering, writing), so that nothing is written; `trials` were all simulated.
fn stop_check(stop: &Stop, trials: u64) -> Result<()> {
    if stop.requested() {
        return Err(engine::Interrupted {
            done: trials,
            total: Some(trials),
        }
        .into());
    }
    Ok(())
}

fn usage(flag: &str, message: String) -> anyhow::Error {
    UsageError::new(flag, message).into()
}
