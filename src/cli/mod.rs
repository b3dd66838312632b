//! The command line: `payback run`, `check`, `sweep`, `solve`, `init`, `serve` and `merge`.
//! Each loads the file, checks its flags, calls its use-case in [`crate::app`], and renders the
//! results with [`crate::report`]; errors of the analysis are said as errors about the flag
//! that gave the part of the question.

mod args;
mod check_summary;
mod progress;
mod shards;

pub use args::Cli;

use crate::analysis::{self, stress, sweep};
use crate::app::{self, Answers, Ask};
use crate::config::Document;
use crate::engine::{self, Engine, RunSettings, Stop};
use crate::error::{BadQuestion, QuestionPart, UsageError};
use crate::numbers::count;
use crate::report::directory;
use crate::report::output::{self, ALL_FORMATS};
use crate::report::{self, samples};
use crate::results::precision::PrecisionGoal;
use crate::results::solve::Question;
use crate::scenario::{MAX_TRIALS, Scenario};
use anyhow::Result;
use args::{Command, InitArgs, RunArgs, ServeArgs, SolveArgs, SweepArgs, TrialFlags};
use progress::{progress_bar, shown_on};
use std::path::{Path, PathBuf};

/// Most worker threads accepted.
const MAX_THREADS: usize = 1024;

/// Runs the command line; every simulation stops when `stop` is asked (Ctrl-C).
pub fn run(cli: Cli, stop: &Stop) -> Result<()> {
    match cli.command {
        Command::Check { file } => {
            let doc = Document::load(&file)?;
            print!("{}", report::point::render(&app::check(&doc)));
            Ok(())
        }
        Command::Run(args) => run_scenario(args, stop),
        Command::Sweep(args) => run_sweep(args, stop),
        Command::Solve(args) => run_solve(args, stop),
        Command::Init(args) => run_init(args),
        Command::Serve(args) => run_serve(args, stop),
        Command::Merge(args) => shards::run_merge(args, stop),
    }
}

/// `payback serve`: the file checked, the flags checked as `payback run`'s, then the server
/// until Ctrl-C.
fn run_serve(args: ServeArgs, stop: &Stop) -> Result<()> {
    let doc = Document::load(&args.file)?;
    let flags = TrialFlags {
        trials: Some(args.trials),
        seed: args.seed,
        threads: args.threads,
    };
    let live = settings(&flags, doc.base(), MAX_TRIALS)?;
    crate::serve::serve(
        crate::serve::Settings {
            file: args.file,
            addr: std::net::SocketAddr::new(args.bind, args.port),
            open: args.open,
            live,
            command: command_line(),
        },
        stop,
    )
}

/// `payback init`: the scenario text from the question bank (or a template), checked as
/// `payback check` checks it, then written to a file that did not exist.
fn run_init(args: InitArgs) -> Result<()> {
    use crate::init::{self, answers::AnswerFile, prompt::Terminal, templates};
    use std::io::IsTerminal;
    if args.file.exists() {
        return Err(usage(
            "FILE",
            format!(
                "{} exists already: payback init writes a new file and never overwrites one; \
                 give another name",
                args.file.display()
            ),
        ));
    }
    let text = match (&args.template, &args.answers) {
        (Some(name), _) => templates::template(name)
            .ok_or_else(|| {
                usage(
                    "--template",
                    format!(
                        "`{name}` is not an example scenario; they are: {}",
                        templates::names().join(", ")
                    ),
                )
            })?
            .to_string(),
        (None, Some(path)) => {
            let mut file = AnswerFile::load(path)?;
            let text = init::scenario_text(&mut file)?;
            file.finish()?;
            text
        }
        (None, None) => {
            if !std::io::stdin().is_terminal() {
                return Err(usage(
                    "--answers",
                    "standard input is not a terminal: answer the questions from a file with \
                     --answers FILE, or start from an example with --template NAME"
                        .to_string(),
                ));
            }
            init::scenario_text(&mut Terminal)?
        }
    };
    Document::parse(&text, &args.file)?;
    crate::files::write_new(&args.file, &text).map_err(|e| {
        usage(
            "FILE",
            format!("{} could not be written: {e}", args.file.display()),
        )
    })?;
    println!(
        "Wrote {file}. Check it with `payback check {file}`, then run it with `payback run {file}`.",
        file = args.file.display()
    );
    Ok(())
}

/// A number of trials given by `flag`, refused outside [1, MAX_TRIALS].
fn trials_in_range(flag: &str, trials: u64) -> Result<()> {
    if (1..=MAX_TRIALS).contains(&trials) {
        return Ok(());
    }
    Err(usage(
        flag,
        format!(
            "{} is out of range: must be in [1, {}]",
            count(trials),
            count(MAX_TRIALS)
        ),
    ))
}

/// The run settings of the flags for `scenario`; `default_trials` caps the file's trials.
fn settings(flags: &TrialFlags, scenario: &Scenario, default_trials: u64) -> Result<RunSettings> {
    let trials = flags.trials.unwrap_or(scenario.trials.min(default_trials));
    trials_in_range("--trials", trials)?;
    Ok(RunSettings {
        trials,
        seed: flags.seed.unwrap_or(scenario.seed),
        threads: threads(flags.threads)?,
    })
}

/// The worker threads of `--threads` (default: every core), refused outside [1, MAX_THREADS].
fn threads(given: Option<usize>) -> Result<usize> {
    let threads = given.unwrap_or_else(rayon::current_num_threads);
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
    Ok(threads)
}

fn run_scenario(args: RunArgs, stop: &Stop) -> Result<()> {
    let text = crate::config::read(&args.file)?;
    let doc = Document::parse(&text, &args.file)?;
    if let Some(recorded) = &args.check_summary {
        return check_summary::run(&args.file, &text, &doc, recorded, args.flags.threads, stop);
    }
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
    if let Some(shard) = &args.shard {
        let partial = args
            .partial
            .as_deref()
            .expect("clap requires --partial with --shard");
        let plan = app::RunPlan::new(&doc, pack);
        return shards::run_shard(&text, &doc, &plan, settings, shard, partial, stop);
    }
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
    let plan = app::RunPlan {
        precision: precision_goal(args.precision.as_deref(), args.max_trials, scenario)?,
        ..app::RunPlan::new(&doc, pack)
    };
    let bar = progress_bar(
        plan.precision
            .is_none()
            .then(|| plan.trials(settings.trials)),
    );
    let engine = Engine::new(settings.threads, stop.clone())?;
    let watch = |achieved: &[_]| bar.set_message(progress::precision_message(achieved, &plan));
    let mut summary = app::run_watched(&engine, &doc, &plan, settings, &shown_on(&bar), &watch)?;
    bar.finish_and_clear();
    let settings = RunSettings {
        trials: summary.trials,
        ..settings
    };
    if let Some(p) = summary.precision.as_ref().filter(|p| !p.converged) {
        eprintln!(
            "warning: the precision goal was not reached in {} trials (the most allowed: \
             --max-trials); now {}",
            count(p.trials),
            progress::precision_message(&p.achieved, &plan)
        );
    }
    summary.provenance = Some(app::provenance(&text, &plan, settings, command_line()));
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
        let mut table = samples::table(&app::sample_paths(&doc), &names);
        app::samples(&doc, settings.seed, n, &mut |s| {
            samples::push_row(&mut table, s)
        });
        files.push(("samples.csv".into(), table.finish().into_bytes()));
    }
    let total = plan.trials(settings.trials);
    deliver(&summary, &files, out.as_deref(), args.json, stop, total)
}

/// A run's report: the directory written (when `out` is given), then the summary printed as
/// JSON or as the terminal's table.
fn deliver(
    summary: &crate::results::Summary,
    files: &[(String, Vec<u8>)],
    out: Option<&Path>,
    json: bool,
    stop: &Stop,
    total: u64,
) -> Result<()> {
    if let Some(out) = out {
        stop_check(stop, total)?;
        directory::write_dir(out, "run", files)?;
    }
    if json {
        print!("{}", report::summary_json(summary));
    } else {
        print!("{}", report::terminal::render(summary));
        if let Some(out) = out {
            println!("\nWrote {}", out.display());
        }
    }
    Ok(())
}

/// The precision goal of `--precision` and `--max-trials`, when given.
fn precision_goal(
    text: Option<&str>,
    max_trials: Option<u64>,
    scenario: &Scenario,
) -> Result<Option<PrecisionGoal>> {
    let Some(text) = text else {
        return Ok(None);
    };
    let targets = analysis::precision::parse_targets(text).map_err(|m| usage("--precision", m))?;
    let max_trials =
        max_trials.unwrap_or_else(|| scenario.trials.saturating_mul(10).min(MAX_TRIALS));
    trials_in_range("--max-trials", max_trials)?;
    Ok(Some(PrecisionGoal {
        targets,
        max_trials,
    }))
}

/// The command line as given, the program named `payback` (its path is the machine's, not the
/// run's).
fn command_line() -> Vec<String> {
    std::iter::once("payback".to_string())
        .chain(
            std::env::args_os()
                .skip(1)
                .map(|a| a.to_string_lossy().into_owned()),
        )
        .collect()
}

/// Trials of each simulation of `payback solve` and of each value of `payback sweep`, at
/// most, unless `--trials` says otherwise: both run many simulations, and at 100,000 trials
/// the standard error of a probability is at most 0.16 percentage points.
const QUESTION_TRIALS: u64 = 100_000;

fn run_sweep(args: SweepArgs, stop: &Stop) -> Result<()> {
    let text = crate::config::read(&args.file)?;
    let doc = Document::parse(&text, &args.file)?;
    let settings = settings(&args.flags, doc.base(), QUESTION_TRIALS)?;
    let values = sweep::parse_values(&args.values).map_err(|m| usage("--values", m))?;
    if let (Some(shard), Some(partial)) = (&args.shard, &args.partial) {
        return shards::sweep_shard(
            &text,
            &doc,
            &args,
            &values,
            settings,
            (shard, partial),
            stop,
        );
    }
    let out = out_dir(args.out, args.json, &args.file, "sweep")?;
    let total = settings.trials * values.len() as u64;
    let bar = progress_bar(Some(total));
    let progress = shown_on(&bar);
    let engine = Engine::new(settings.threads, stop.clone())?;
    let result = app::sweep(
        &engine,
        &doc,
        &args.param,
        &values,
        args.within,
        settings,
        &progress,
    )
    .map_err(|e| flagged(e, sweep_flag))?;
    bar.finish_and_clear();
    deliver_sweep(&result, out.as_deref(), args.json, stop, total)
}

/// A sweep's output: the directory written (when `out` is given), then the sweep printed as
/// JSON or as the terminal's table; `total` trials were simulated.
fn deliver_sweep(
    result: &crate::results::sweep::Sweep,
    out: Option<&Path>,
    json: bool,
    stop: &Stop,
    total: u64,
) -> Result<()> {
    if let Some(out) = out {
        let files = report::sweep::render(result)?;
        stop_check(stop, total)?;
        directory::write_dir(out, "sweep", &files)?;
    }
    if json {
        print!("{}", report::sweep::json(result));
    } else {
        print!("{}", report::sweep::table(result));
        if let Some(out) = out {
            println!("\nWrote {}", out.display());
        }
    }
    Ok(())
}

fn run_solve(args: SolveArgs, stop: &Stop) -> Result<()> {
    let doc = Document::load(&args.file)?;
    let settings = settings(&args.flags, doc.base(), QUESTION_TRIALS)?;
    let engine = Engine::new(settings.threads, stop.clone())?;
    let goal = analysis::Goal {
        confidence: args.confidence,
        within: args.within,
    };
    let bar = progress_bar(None);
    bar.set_message("solving");
    let progress = shown_on(&bar);
    let ask = match &args.for_path {
        Some(path) => Ask::For(path),
        None if args.max_investment => Ask::Question(Question::MaxInvestment),
        None if args.max_premium => Ask::Question(Question::MaxPremium),
        None => Ask::Question(Question::BreakEvenVolume),
    };
    let answers = app::solve(
        &engine,
        &doc,
        ask,
        args.candidate.as_deref(),
        goal,
        settings,
        &progress,
    )
    .map_err(|e| flagged(e, |part| solve_flag(part, ask)))?;
    let text = match (&answers, args.json) {
        (Answers::Question(a), false) => report::answers::answers(a),
        (Answers::Question(a), true) => report::answers::answers_json(a),
        (Answers::For(t), false) => report::answers::thresholds(t),
        (Answers::For(t), true) => report::answers::thresholds_json(t),
    };
    bar.finish_and_clear();
    print!("{text}");
    Ok(())
}

/// `err` said as an error about the flag that gave the part of the question it is about.
fn flagged(err: anyhow::Error, flag: impl Fn(QuestionPart) -> &'static str) -> anyhow::Error {
    match err.downcast::<BadQuestion>() {
        Ok(bad) => UsageError::new(flag(bad.part), bad.message).into(),
        Err(err) => err,
    }
}

/// The flag of `payback sweep` that gives `part`.
fn sweep_flag(part: QuestionPart) -> &'static str {
    match part {
        QuestionPart::Within => "--within",
        _ => "--param",
    }
}

/// The flag of `payback solve` that gives `part` when it is asked `ask`.
fn solve_flag(part: QuestionPart, ask: Ask) -> &'static str {
    match (part, ask) {
        (QuestionPart::Candidate, _) => "--candidate",
        (QuestionPart::Within, _) => "--within",
        (QuestionPart::Confidence, _) => "--confidence",
        (_, Ask::For(_)) => "--for",
        (_, Ask::Question(Question::MaxInvestment)) => "--max-investment",
        (_, Ask::Question(Question::MaxPremium)) => "--max-premium",
        (_, Ask::Question(Question::BreakEvenVolume)) => "--break-even",
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
        None => Some(directory::default_dir(file, suffix)),
    };
    if let Some(dir) = &out {
        directory::check_dir(dir, command)?;
    }
    Ok(out)
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
