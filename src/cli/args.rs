//! The command line's arguments: the commands and their flags, as clap parses them.

use crate::report::output::Format;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Monte Carlo payback, NPV and risk for prompting, fine-tuning or training a model.
#[derive(Debug, Parser)]
#[command(name = "payback", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub(super) command: Command,
}

#[derive(Debug, Subcommand)]
pub(super) enum Command {
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
    /// Write a new scenario file by answering questions (on the terminal, or from an answers
    /// file), or start from one of the example scenarios.
    Init(InitArgs),
    /// Serve a local web page on which the scenario's inputs can be changed and the risk seen
    /// to move: every change re-simulates the same trials; the page saves the changed file
    /// and writes the full report.
    Serve(ServeArgs),
    /// Put the partial files of `payback run --shard K/N` (or `payback sweep --shard K/N`)
    /// together and write the run's (or sweep's) report: the same as on one machine, bit for
    /// bit.
    Merge(MergeArgs),
}

#[derive(Debug, clap::Args)]
pub(super) struct MergeArgs {
    /// The scenario file (TOML) the shards ran.
    pub(super) file: PathBuf,
    /// The partial files, one per shard, in any order.
    #[arg(required = true)]
    pub(super) parts: Vec<PathBuf>,
    /// Report directory (default: reports/<file stem>/, or reports/<file stem>-sweep/ for a
    /// sweep; with --json, none unless given).
    #[arg(long)]
    pub(super) out: Option<PathBuf>,
    /// Print summary.json (sweep.json for a sweep) to standard output instead of the table.
    #[arg(long)]
    pub(super) json: bool,
    /// Worker threads of what merging simulates (the thresholds that would change a decision
    /// to stay; default: every core).
    #[arg(long)]
    pub(super) threads: Option<usize>,
}

#[derive(Debug, clap::Args)]
pub(super) struct ServeArgs {
    /// The scenario file (TOML).
    pub(super) file: PathBuf,
    /// Port to listen on (0: any free port, said when the server starts).
    #[arg(long, default_value_t = 8177)]
    pub(super) port: u16,
    /// Address to listen on; anything but the loopback makes the page reachable by others.
    #[arg(long, default_value = "127.0.0.1")]
    pub(super) bind: std::net::IpAddr,
    /// Open the page in the default browser.
    #[arg(long)]
    pub(super) open: bool,
    /// Trials of each live run: two chunks of 65,536, one wave on two cores (the full report
    /// runs the file's `scenario.trials`).
    #[arg(long, default_value_t = 131_072)]
    pub(super) trials: u64,
    /// Seed of the random streams (default: the file's `scenario.seed`, else 42).
    #[arg(long)]
    pub(super) seed: Option<u64>,
    /// Worker threads of each run (default: every core).
    #[arg(long)]
    pub(super) threads: Option<usize>,
}

#[derive(Debug, clap::Args)]
pub(super) struct InitArgs {
    /// The scenario file to write; it must not exist yet.
    #[arg(default_value = "scenario.toml")]
    pub(super) file: PathBuf,
    /// Answer the questions from this TOML file (one key per question) instead of the terminal.
    #[arg(long, conflicts_with = "template")]
    pub(super) answers: Option<PathBuf>,
    /// Write one of the example scenarios instead of asking (e.g. email-triage).
    #[arg(long)]
    pub(super) template: Option<String>,
}

/// How many trials, from which seed, on how many threads.
#[derive(Debug, clap::Args)]
pub(super) struct TrialFlags {
    /// Number of trials (default: the file's `scenario.trials`, else 1,000,000; for solve
    /// and sweep, at most 100,000 a simulation unless given).
    #[arg(long)]
    pub(super) trials: Option<u64>,
    /// Seed of the random streams (default: the file's `scenario.seed`, else 42).
    #[arg(long)]
    pub(super) seed: Option<u64>,
    /// Worker threads (default: every core).
    #[arg(long)]
    pub(super) threads: Option<usize>,
}

#[derive(Debug, clap::Args)]
pub(super) struct RunArgs {
    /// The scenario file (TOML).
    pub(super) file: PathBuf,
    #[command(flatten)]
    pub(super) flags: TrialFlags,
    /// Report directory (default: reports/<file stem>/; with --json, none unless given). It is
    /// replaced whole, so it must be new, empty, or a report payback wrote.
    #[arg(long)]
    pub(super) out: Option<PathBuf>,
    /// Print summary.json to standard output instead of the table (and write the report
    /// directory only when --out is given).
    #[arg(long)]
    pub(super) json: bool,
    /// Which files to write into the report directory (comma-separated; default: all).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub(super) format: Vec<Format>,
    /// Add the vendor-deprecation stress pack: the model of the named option (default: the
    /// baseline's, else the first candidate's with a deprecation table) retired at month 3, 6,
    /// 12 and 24 with its configured migration cost.
    #[arg(long, num_args = 0..=1, require_equals = true, value_name = "OPTION")]
    pub(super) stress_deprecation: Option<Option<String>>,
    /// Also write samples.csv: the first N trials' uncertain inputs (by path) and every
    /// candidate's outcome.
    #[arg(long, value_name = "N")]
    pub(super) export_samples: Option<u64>,
    /// Run until the figures are precise enough, in chunks of 65,536 trials: `1%` puts the 95 %
    /// interval of every candidate's median payback and mean NPV within 1 % of the value and
    /// of P(never) within 1 percentage point; a list sets others (payback_p10, payback_p50,
    /// payback_p90, npv_mean, npv_p50, p_never), e.g. `1%,payback_p90=5%,p_never=0.5pp`.
    #[arg(long, value_name = "TARGETS", conflicts_with_all = ["trials", "export_samples"])]
    pub(super) precision: Option<String>,
    /// With --precision, the most trials to run (default: the file's trials × 10).
    #[arg(long, value_name = "N", requires = "precision")]
    pub(super) max_trials: Option<u64>,
    /// Simulate only shard K of N of the run (contiguous ranges of its chunks of 65,536
    /// trials) and write its collections to --partial; `payback merge` puts them together.
    #[arg(long, value_name = "K/N", requires = "partial", conflicts_with_all = ["out", "json", "format", "export_samples", "precision"])]
    pub(super) shard: Option<String>,
    /// The partial file a shard writes (a new path, or a partial file to replace).
    #[arg(long, value_name = "PATH", requires = "shard")]
    pub(super) partial: Option<PathBuf>,
    /// Rerun the run a summary.json records (its trials, seed and settings) on FILE and say
    /// whether every figure comes out the same; writes nothing.
    #[arg(
        long,
        value_name = "SUMMARY",
        conflicts_with_all = ["trials", "seed", "out", "json", "format", "stress_deprecation", "export_samples", "precision", "shard"]
    )]
    pub(super) check_summary: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub(super) struct SweepArgs {
    /// The scenario file (TOML).
    pub(super) file: PathBuf,
    /// Dotted path of the input to sweep, e.g. workload.events_per_day.
    #[arg(long)]
    pub(super) param: String,
    /// The values: a..b/n (n evenly spaced from a to b) or a list a,b,c.
    #[arg(long, allow_hyphen_values = true)]
    pub(super) values: String,
    /// Target payback time T in whole months: the sweep reports P(payback ≤ T).
    #[arg(long, default_value_t = 12.0)]
    pub(super) within: f64,
    #[command(flatten)]
    pub(super) flags: TrialFlags,
    /// Output directory (default: reports/<file stem>-sweep/; with --json, none unless given).
    /// It is replaced whole, so it must be new, empty, or one payback wrote.
    #[arg(long)]
    pub(super) out: Option<PathBuf>,
    /// Print sweep.json to standard output instead of the table (and write the output
    /// directory only when --out is given).
    #[arg(long)]
    pub(super) json: bool,
    /// Simulate only shard K of N of every value's run (contiguous ranges of its chunks of
    /// 65,536 trials) and write the collections to --partial; `payback merge` puts them
    /// together.
    #[arg(long, value_name = "K/N", requires = "partial", conflicts_with_all = ["out", "json"])]
    pub(super) shard: Option<String>,
    /// The partial file a shard writes (a new path, or a partial file to replace).
    #[arg(long, value_name = "PATH", requires = "shard")]
    pub(super) partial: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("question").required(true)))]
pub(super) struct SolveArgs {
    /// The scenario file (TOML).
    pub(super) file: PathBuf,
    /// The largest upfront investment (a factor on the candidate's whole investment).
    #[arg(long, group = "question")]
    pub(super) max_investment: bool,
    /// The smallest volume (events per day or per month, as the file gives it): `volume`.
    #[arg(long, group = "question", value_name = "volume", value_parser = ["volume"])]
    pub(super) break_even: Option<String>,
    /// The largest extra cost per event the candidate may have.
    #[arg(long, group = "question")]
    pub(super) max_premium: bool,
    /// Any numeric input, by dotted path: the value (set as a constant) at which
    /// P(payback ≤ T) crosses q, and on which side of it the goal is met.
    #[arg(long = "for", group = "question", value_name = "PATH")]
    pub(super) for_path: Option<String>,
    /// Confidence q: the answer keeps P(payback ≤ T) ≥ q.
    #[arg(long, default_value_t = 0.8)]
    pub(super) confidence: f64,
    /// Target payback time T in whole months.
    #[arg(long, default_value_t = 12.0)]
    pub(super) within: f64,
    /// The candidate to solve for (default: every candidate).
    #[arg(long)]
    pub(super) candidate: Option<String>,
    #[command(flatten)]
    pub(super) flags: TrialFlags,
    /// Print the answers as JSON instead of sentences.
    #[arg(long)]
    pub(super) json: bool,
}
