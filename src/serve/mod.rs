//! `payback serve FILE`: a local web page on which a user changes an input of the scenario and
//! sees payback, P(never), NPV and the tornado move. The server (`tiny_http`) answers on the
//! loopback unless told otherwise; its JSON endpoints (`api.rs`) call the same use-cases as
//! `payback run` ([`crate::app`]) on the file with the page's changes; the page itself
//! (`page/`) is embedded in the binary and fetches nothing else.

mod api;
mod http;
mod state;

use crate::engine::{RunSettings, Stop};
use anyhow::{Context, Result};
use state::Served;
use std::net::SocketAddr;
use std::path::PathBuf;

/// How `payback serve` runs.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The scenario file.
    pub file: PathBuf,
    /// The address to listen on (port 0: any free port).
    pub addr: SocketAddr,
    /// Open the page in the user's browser.
    pub open: bool,
    /// Trials, seed and threads of every live run; the full report runs the file's trials.
    pub live: RunSettings,
}

/// Request workers: requests answered at once (several tabs, a save during a run).
const WORKERS: usize = 8;

/// Serves the page of `settings.file` until `stop` is asked (Ctrl-C), then lets the requests
/// under way end (their simulations are stopped) and returns.
pub fn serve(settings: Settings, stop: &Stop) -> Result<()> {
    let served = Served::load(&settings.file, settings.live)?;
    let server = tiny_http::Server::http(settings.addr).map_err(|e| {
        crate::error::UsageError::new(
            "--port",
            format!(
                "cannot listen on {}: {e}; give another port with --port (0: any free one)",
                settings.addr
            ),
        )
    })?;
    let addr = server
        .server_addr()
        .to_ip()
        .context("the server has no IP address")?;
    let url = format!("http://{addr}/");
    let app = state::App::new(served, settings.live, addr);
    println!(
        "payback serve: {} at {url} (live runs of {} trials; Ctrl-C stops it)",
        settings.file.display(),
        crate::numbers::count(settings.live.trials)
    );
    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: listening on {}: anyone who can reach this machine on port {} can read \
             the scenario, save files and write reports",
            addr.ip(),
            addr.port()
        );
    }
    if settings.open
        && let Err(e) = open::that(&url)
    {
        eprintln!("warning: could not open a browser ({e}); open {url} yourself");
    }
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            scope.spawn(|| {
                while !stop.requested() {
                    match server.recv_timeout(std::time::Duration::from_millis(100)) {
                        Ok(Some(request)) => http::answer(&app, request),
                        Ok(None) => {}
                        Err(e) => {
                            eprintln!("warning: a request could not be read: {e}");
                        }
                    }
                }
                app.stop_all();
            });
        }
    });
    println!("payback serve: stopped");
    Ok(())
}
