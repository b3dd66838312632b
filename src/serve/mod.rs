//! `payback serve FILE`: a local web page on which a user changes an input of the scenario and
//! sees payback, P(never), NPV and the tornado move. The server (axum on tokio) answers on the
//! loopback unless told otherwise, to requests that carry its key; its JSON endpoints (`api.rs`) call the same use-cases as
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
    /// The server's command line, recorded in the provenance of the reports it writes.
    pub command: Vec<String>,
}

/// How long requests under way may take to end once the server is stopping (their
/// simulations are stopped at once; a client still sending a body is not waited for longer).
const GRACE: std::time::Duration = std::time::Duration::from_secs(5);

/// Serves the page of `settings.file` until `stop` is asked (Ctrl-C), then stops the runs
/// under way, lets their requests end, and returns.
pub fn serve(settings: Settings, stop: &Stop) -> Result<()> {
    let served = Served::load(&settings.file, settings.live)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let result = runtime.block_on(run(settings, served, stop));
    runtime.shutdown_timeout(GRACE);
    result
}

async fn run(settings: Settings, served: Served, stop: &Stop) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(settings.addr)
        .await
        .map_err(|e| {
            let (flag, other) = if e.kind() == std::io::ErrorKind::AddrInUse {
                ("--port", "another port with --port (0: any free one)")
            } else {
                (
                    "--bind",
                    "another address with --bind, or another port with --port",
                )
            };
            crate::error::UsageError::new(
                flag,
                format!("cannot listen on {}: {e}; give {other}", settings.addr),
            )
        })?;
    let addr = listener.local_addr().context("the server has no address")?;
    let app = std::sync::Arc::new(state::App::new(
        served,
        settings.live,
        addr,
        settings.command,
    )?);
    let url = format!("http://{addr}/?key={}", app.key());
    println!(
        "payback serve: {} at {url} (live runs of {} trials; Ctrl-C stops it)",
        settings.file.display(),
        crate::numbers::count(settings.live.trials)
    );
    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: listening on {}: anyone who can reach this machine on port {} and has \
             the address above (its key) can read the scenario, save files and write reports",
            addr.ip(),
            addr.port()
        );
    }
    if settings.open
        && let Err(e) = open::that(&url)
    {
        eprintln!("warning: could not open a browser ({e}); open {url} yourself");
    }
    let stopping = {
        let app = std::sync::Arc::clone(&app);
        let stop = stop.clone();
        async move {
            while !stop.requested() {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            app.stop_all();
        }
    };
    let (stopped_tx, stopped_rx) = tokio::sync::oneshot::channel::<()>();
    let server = axum::serve(listener, http::router(std::sync::Arc::clone(&app)))
        .with_graceful_shutdown(async move {
            stopping.await;
            let _ = stopped_tx.send(());
        });
    let server = tokio::spawn(server.into_future());
    let _ = stopped_rx.await;
    if let Ok(Ok(Err(e))) = tokio::time::timeout(GRACE, server).await {
        eprintln!("warning: the server ended with an error: {e}");
    }
    println!("payback serve: stopped");
    Ok(())
}
