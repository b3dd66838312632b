//! The `payback` binary: parse the command line, run it, print any error once, exit.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = payback::cli::Cli::parse();
    // The first Ctrl-C stops the simulation after its current wave and nothing is written; a
    // second one ends the process at once (a report directory is replaced whole, never half).
    let handler = ctrlc::set_handler(|| {
        if payback::engine::stop_requested() {
            std::process::exit(i32::from(payback::error::EXIT_INTERRUPTED));
        }
        payback::engine::request_stop();
    });
    if let Err(err) = handler {
        eprintln!("warning: Ctrl-C will end the process at once: {err}");
    }
    match payback::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(payback::error::exit_code(&err))
        }
    }
}
