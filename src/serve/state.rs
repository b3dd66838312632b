//! What the server holds: the file as loaded (its text, its checked document, the live run of
//! its own values, the base), and the simulations under way, each with its [`Stop`] so that a
//! newer change from the same page cancels it.

use crate::app::{self, RunPlan};
use crate::config::{Document, edit};
use crate::engine::{Engine, RunSettings, Stop};
use crate::report::live::{self, LiveView};
use crate::results::Summary;
use anyhow::Result;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

/// The served file.
pub struct Served {
    /// Its path, as given.
    pub file: PathBuf,
    /// Its text as read.
    pub text: String,
    /// The checked file.
    pub doc: Document,
    /// The live run of the file as written, without stress cases.
    pub base: Summary,
    /// The page's view of it.
    pub base_view: LiveView,
    /// The file's tables with a header, in file order.
    pub headers: Vec<String>,
    /// Its text as `toml_edit` reads it: the values as written.
    pub source: toml_edit::DocumentMut,
}

impl Served {
    /// Reads and checks `file` and runs its base at `live`.
    pub fn load(file: &Path, live: RunSettings) -> Result<Self> {
        let text = crate::config::read(file)?;
        Served::from_text(file, text, live)
    }

    /// The served file of `text`, read from `file`.
    pub fn from_text(file: &Path, text: String, live: RunSettings) -> Result<Self> {
        let doc = Document::parse(&text, file)?;
        let source = text
            .parse()
            .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        let engine = Engine::new(live.threads, Stop::default())?;
        let plan = RunPlan {
            cases: Vec::new(),
            pack: None,
            what_would_change: false,
            precision: None,
        };
        let base = app::run(&engine, &doc, &plan, live, &|_| {})?;
        let base_view = live::view(&base).map_err(anyhow::Error::msg)?;
        Ok(Served {
            file: file.to_path_buf(),
            headers: edit::headers(&source),
            source,
            text,
            doc,
            base,
            base_view,
        })
    }
}

/// The server's state, shared by its workers.
pub struct App {
    served: RwLock<Arc<Served>>,
    /// Live runs and reports under way: by page (or report), its number and its stop.
    running: Mutex<HashMap<String, (u64, Stop)>>,
    next: AtomicU64,
    /// Settings of every live run.
    pub live: RunSettings,
    /// The address the server listens on (requests must name it as their host).
    pub addr: SocketAddr,
    /// The server's command line, for the provenance of its reports.
    pub command: Vec<String>,
    /// The key every request of the page carries, in hex: 128 random bits.
    key: String,
    /// Held while a save over the served file checks, writes and reloads it.
    saving: Mutex<()>,
}

impl App {
    /// The state of a server of `served` started by `command`, with a new random key.
    pub fn new(
        served: Served,
        live: RunSettings,
        addr: SocketAddr,
        command: Vec<String>,
    ) -> Result<Self> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes)
            .map_err(|e| anyhow::anyhow!("no random key for the page: {e}"))?;
        Ok(App {
            served: RwLock::new(Arc::new(served)),
            running: Mutex::default(),
            next: AtomicU64::new(0),
            live,
            addr,
            command,
            key: bytes.iter().map(|b| format!("{b:02x}")).collect(),
            saving: Mutex::new(()),
        })
    }

    /// The page's key.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Whether `key` is the page's.
    pub fn key_is(&self, key: &str) -> bool {
        key == self.key
    }

    /// Held while the served file is saved over and reloaded: one save at a time.
    pub fn saving(&self) -> std::sync::MutexGuard<'_, ()> {
        self.saving.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The served file now.
    pub fn served(&self) -> Arc<Served> {
        Arc::clone(&self.served.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Serves `served` from now on (after the file was saved over).
    pub fn replace(&self, served: Served) {
        *self.served.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(served);
    }

    /// A stop for a new run of `owner` (a page's id), asking the run `owner` had under way to
    /// stop; dropped from the running runs when the returned guard is.
    pub fn start(&self, owner: &str) -> Running<'_> {
        let number = self.next.fetch_add(1, Ordering::Relaxed);
        let stop = Stop::default();
        let mut running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, older)) = running.insert(owner.to_string(), (number, stop.clone())) {
            older.request();
        }
        Running {
            app: self,
            owner: owner.to_string(),
            number,
            stop,
        }
    }

    /// Asks every run under way to stop (the server is stopping).
    pub fn stop_all(&self) {
        let running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        for (_, stop) in running.values() {
            stop.request();
        }
    }
}

/// A run under way; its entry is dropped with it unless a newer run took its place.
pub struct Running<'a> {
    app: &'a App,
    owner: String,
    number: u64,
    /// The run's stop.
    pub stop: Stop,
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        let mut running = self
            .app
            .running
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if running
            .get(&self.owner)
            .is_some_and(|(n, _)| *n == self.number)
        {
            running.remove(&self.owner);
        }
    }
}
