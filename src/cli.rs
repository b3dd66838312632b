//! The command line: `payback run` and `payback check`, their flags, and what each does.

use crate::config;
use crate::engine::{self, RunSettings};
use crate::error::UsageError;
use crate::report::output::{self, ALL_FORMATS, Format};
use crate::report::{self, Summary};
use crate::scenario::MAX_TRIALS;
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
}

#[derive(Debug, clap::Args)]
struct RunArgs {
    /// The scenario file (TOML).
    file: PathBuf,
    /// Number of trials (default: the file's `scenario.trials`, else 1,000,000).
    #[arg(long)]
    trials: Option<u64>,
    /// Seed of the random streams (default: the file's `scenario.seed`, else 42).
    #[arg(long)]
    seed: Option<u64>,
    /// Worker threads (default: every core).
    #[arg(long)]
    threads: Option<usize>,
    /// Report directory, replaced whole (default: reports/<file stem>/).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print summary.json to standard output instead of the table.
    #[arg(long)]
    json: bool,
    /// Which files to write into the report directory (comma-separated; default: all).
    #[arg(long, value_enum, value_delimiter = ',')]
    format: Vec<Format>,
}

/// Most worker threads accepted.
const MAX_THREADS: usize = 1024;

/// Runs the command line; returns the process exit code on success.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Check { file } => {
            let scenario = config::load(&file)?;
            print!("{}", report::point::render(&scenario));
            Ok(())
        }
        Command::Run(args) => run_scenario(args),
    }
}

fn run_scenario(args: RunArgs) -> Result<()> {
    let scenario = config::load(&args.file)?;
    let trials = args.trials.unwrap_or(scenario.trials);
    if !(1..=MAX_TRIALS).contains(&trials) {
        return Err(usage(
            "--trials",
            format!("{trials} is out of range: must be in [1, {MAX_TRIALS}]"),
        ));
    }
    let threads = args.threads.unwrap_or_else(rayon::current_num_threads);
    if !(1..=MAX_THREADS).contains(&threads) {
        return Err(usage(
            "--threads",
            format!("{threads} is out of range: must be in [1, {MAX_THREADS}]"),
        ));
    }
    let settings = RunSettings {
        trials,
        seed: args.seed.unwrap_or(scenario.seed),
        threads,
    };
    let out = args.out.unwrap_or_else(|| default_out_dir(&args.file));
    let bar = progress_bar(trials);
    let started = Instant::now();
    let progress = |done: u64| {
        if bar.is_hidden()
            && started.elapsed().as_secs_f64() > 1.0
            && std::io::stderr().is_terminal()
        {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        bar.set_position(done);
    };
    let run = engine::simulate(&scenario, settings, &progress)?;
    bar.finish_and_clear();
    let summary = Summary::new(&scenario, settings.seed, &run);
    let formats = if args.format.is_empty() {
        ALL_FORMATS.to_vec()
    } else {
        args.format
    };
    output::write_dir(&out, &output::render(&summary, &formats)?)?;
    if args.json {
        print!("{}", report::summary_json(&summary));
    } else {
        print!("{}", report::terminal::render(&summary));
        println!("\nWrote {}", out.display());
    }
    Ok(())
}

/// `reports/<file stem>/`.
fn default_out_dir(file: &Path) -> PathBuf {
    let stem = file
        .file_stem()
        .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
    Path::new("reports").join(stem)
}

/// A progress bar on standard error, hidden until the run has taken a second.
fn progress_bar(trials: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(trials), ProgressDrawTarget::hidden());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {human_pos}/{human_len} trials, {eta} left")
    {
        bar.set_style(style);
    }
    bar
}

fn usage(flag: &str, message: String) -> anyhow::Error {
    UsageError {
        flag: flag.to_string(),
        message,
    }
    .into()
}
