//! The `payback` binary: parse the command line, run it, print any error once, exit.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    restore_sigpipe();
    let cli = payback::cli::Cli::parse();
    // The first Ctrl-C stops the simulation after its current wave and nothing is written; a
    // second one ends the process at once (a report directory is replaced whole, never half).
    let stop = payback::engine::Stop::default();
    let asked = stop.clone();
    let handler = ctrlc::set_handler(move || {
        if asked.requested() {
            std::process::exit(i32::from(payback::error::EXIT_INTERRUPTED));
        }
        asked.request();
    });
    if let Err(err) = handler {
        eprintln!("warning: Ctrl-C will end the process at once: {err}");
    }
    match payback::cli::run(cli, &stop) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(payback::error::exit_code(&err))
        }
    }
}

/// A closed standard output (`payback run FILE | head -1`) ends the process quietly, as it
/// does other Unix tools, with the conventional status of SIGPIPE: Rust ignores the signal and
/// would panic on the failed print instead. Reports are written before anything is printed, so
/// the signal never cuts one short.
#[cfg(unix)]
fn restore_sigpipe() {
    // SAFETY: called first in main, before any thread starts; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Elsewhere a closed pipe is an error like any other.
#[cfg(not(unix))]
fn restore_sigpipe() {}
