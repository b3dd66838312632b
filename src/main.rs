//! The `payback` binary: parse the command line, run it, print any error once, exit.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = payback::cli::Cli::parse();
    match payback::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(payback::error::exit_code(&err))
        }
    }
}
