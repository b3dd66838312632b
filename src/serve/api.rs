//! The JSON endpoints: the scenario as the page lists it, a live run of the page's changes, a
//! save of them as TOML, and the full report. Each calls the use-cases `payback run` calls; a
//! bad request is an [`ApiError`] with its status, its message (the CLI's words) and, when it
//! is about one input, that input's path.

use super::state::{App, Served};
use crate::analysis::stress;
use crate::app::{self, RunPlan};
use crate::config::{Document, Override, edit};
use crate::engine::{Engine, Interrupted, RunSettings};
use crate::error::{InputError, RefusedDir};
use crate::files;
use crate::report::directory;
use crate::report::live::{self, OptionFigures};
use crate::report::output::{self, ALL_FORMATS};
use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// A request the server does not carry out, and why.
#[derive(Debug)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// What is wrong and what is allowed.
    pub message: String,
    /// The input (dotted path) or request field it is about.
    pub field: Option<String>,
}

impl ApiError {
    /// An error of `status` saying `message`.
    pub fn new(status: u16, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            field: None,
        }
    }

    /// The same error about `field`.
    fn about(mut self, field: &str) -> Self {
        self.field = Some(field.to_string());
        self
    }

    /// The body of the answer.
    pub fn body(&self) -> Value {
        json!({ "error": self.message, "field": self.field })
    }
}

/// An error of the work itself (not of the request): 500, or 409 when a newer change (or the
/// server stopping) cancelled the run.
fn failed(err: anyhow::Error) -> ApiError {
    if err.downcast_ref::<Interrupted>().is_some() {
        return ApiError::new(
            409,
            "cancelled: a newer change from the page replaced this run, or the server is stopping",
        )
        .about("cancelled");
    }
    if let Some(refused) = err.downcast_ref::<RefusedDir>() {
        return ApiError::new(409, refused.to_string()).about("out");
    }
    match err.downcast::<InputError>() {
        Ok(e) => invalid(e),
        Err(err) => ApiError::new(500, format!("{err:#}")),
    }
}

/// A scenario error as a 422 about its field.
fn invalid(e: InputError) -> ApiError {
    ApiError::new(422, e.message).about(&e.field)
}

/// A live run: the page's id and what it changes of the file: values by input path, as typed
/// (a number, a range `low to high`, a distribution), the stress cases to run by name, and the
/// deprecation pack.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimulateRequest {
    /// The page (tab) asking: its newer run cancels its older one.
    pub page: String,
    /// New values by dotted path.
    #[serde(default)]
    pub changes: IndexMap<String, String>,
    /// Names of the file's stress cases to run.
    #[serde(default)]
    pub stress: Vec<String>,
    /// Whether to run the vendor-deprecation pack.
    #[serde(default)]
    pub deprecation: bool,
}

/// A save: the changes, the file to write (default: the served file), and the confirmation
/// that the served file may be replaced.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveRequest {
    /// New values by dotted path.
    #[serde(default)]
    pub changes: IndexMap<String, String>,
    /// The file to write; a new one, or the served file.
    #[serde(default)]
    pub to: Option<String>,
    /// The user confirmed that the served file is replaced.
    #[serde(default)]
    pub replace: bool,
}

/// A full report: the changes and the deprecation pack as a live run is asked (the file's
/// stress cases all run, as in `payback run`), and the directory (default as `payback run`'s).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportRequest {
    /// The page asking: its newer report cancels its older one.
    pub page: String,
    /// New values by dotted path.
    #[serde(default)]
    pub changes: IndexMap<String, String>,
    /// Whether to run the vendor-deprecation pack.
    #[serde(default)]
    pub deprecation: bool,
    /// The report directory.
    #[serde(default)]
    pub out: Option<String>,
}

/// `GET /api/scenario`: the file as the page shows it, with the live run of its own values.
pub fn scenario(app: &App) -> Value {
    let served = app.served();
    let base = &served.base;
    let scenario = served.doc.base();
    let options: Vec<Value> = scenario
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            json!({
                "key": o.name,
                "name": live::option_name(base, &o.name),
                "baseline": i == scenario.baseline,
            })
        })
        .collect();
    let stress: Vec<Value> = served
        .doc
        .stress()
        .iter()
        .map(|c| {
            let set: IndexMap<&str, String> = c
                .set
                .iter()
                .map(|o| (o.path.as_str(), o.value_text()))
                .collect();
            json!({ "name": c.name, "set": set })
        })
        .collect();
    let deprecation = match stress::deprecation_pack(&served.doc, None) {
        Ok(pack) => json!({
            "available": true,
            "option": live::option_name(base, &pack.option),
            "months": stress::DEPRECATION_MONTHS,
        }),
        Err(why) => json!({ "available": false, "why": why }),
    };
    json!({
        "file": served.file.display().to_string(),
        "name": scenario.name,
        "currency": scenario.currency,
        "horizon_months": scenario.horizon_months,
        "live_trials": app.live.trials,
        "seed": app.live.seed,
        "full_trials": scenario.trials,
        "options": options,
        "groups": live::input_groups(base, &served.headers, &|path| {
            edit::source_text(&served.source, path)
        }),
        "stress": stress,
        "deprecation": deprecation,
        "base": served.base_view,
        "report_dir": directory::default_dir(&served.file, "").display().to_string(),
        "save_as": save_as(&served.file).display().to_string(),
    })
}

/// The new file the page offers to save to: `<stem>-changed.toml` beside the served one.
fn save_as(file: &Path) -> PathBuf {
    let stem = file
        .file_stem()
        .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
    file.with_file_name(format!("{stem}-changed.toml"))
}

/// The changes as overrides, each value checked to be given.
fn overrides(changes: &IndexMap<String, String>) -> Result<Vec<Override>, ApiError> {
    changes
        .iter()
        .map(|(path, text)| {
            if text.trim().is_empty() {
                return Err(ApiError::new(
                    422,
                    "is empty: give a number (0.05, 15k, 3%), a range `low to high` (its 5 % \
                     and 95 % points) or a distribution such as pert(1, 2, 4)",
                )
                .about(path));
            }
            Ok(Override::from_text(path, text))
        })
        .collect()
}

/// The served file with `changes`, keeping the stress cases named in `stress`, and the plan of
/// its run (with the deprecation pack when `deprecation`).
fn changed(
    served: &Served,
    changes: &IndexMap<String, String>,
    stress: &[String],
    deprecation: bool,
) -> Result<(Document, RunPlan), ApiError> {
    let set = overrides(changes)?;
    if let Some(unknown) = stress
        .iter()
        .find(|name| !served.doc.stress().iter().any(|c| &c.name == *name))
    {
        let names: Vec<&str> = served
            .doc
            .stress()
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        return Err(ApiError::new(
            422,
            format!(
                "\"{unknown}\" is not a stress case of the file; its cases are: {}",
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            ),
        )
        .about("stress"));
    }
    let doc = served.doc.with_changes(&set, stress).map_err(invalid)?;
    let pack = if deprecation {
        Some(
            stress::deprecation_pack(&doc, None)
                .map_err(|m| ApiError::new(422, m).about("deprecation"))?,
        )
    } else {
        None
    };
    let plan = RunPlan::new(&doc, pack);
    Ok((doc, plan))
}

/// `POST /api/simulate`: the live run of the changes, beside the file's own figures.
pub fn simulate(app: &App, request: SimulateRequest) -> Result<Value, ApiError> {
    let page = page_id(&request.page)?;
    let served = app.served();
    let (doc, mut plan) = changed(
        &served,
        &request.changes,
        &request.stress,
        request.deprecation,
    )?;
    plan.what_would_change = false;
    let running = app.start(page);
    let engine = Engine::new(app.live.threads, running.stop.clone()).map_err(failed)?;
    let summary = app::run(&engine, &doc, &plan, app.live, &|_| {}).map_err(failed)?;
    let now = live::view(&summary).map_err(|e| ApiError::new(500, e))?;
    Ok(json!({ "base": served.base_view.options, "now": now }))
}

/// A page's id: a short word it chose.
fn page_id(page: &str) -> Result<&str, ApiError> {
    if page.is_empty() || page.len() > 64 {
        return Err(ApiError::new(422, "`page` must be 1 to 64 characters").about("page"));
    }
    Ok(page)
}

/// `POST /api/save`: the file's text with the changes written in, comments and layout kept,
/// to a new file (never over one that exists) or, confirmed, over the served file when it is
/// still as it was read.
pub fn save(app: &App, request: SaveRequest) -> Result<Value, ApiError> {
    let served = app.served();
    let set = overrides(&request.changes)?;
    served.doc.variant(&set).map_err(invalid)?;
    let text = edit::with_changes(&served.text, &set).map_err(|m| ApiError::new(422, m))?;
    let target = match request.to.as_deref().map(str::trim) {
        None => served.file.clone(),
        Some("") => {
            return Err(ApiError::new(422, "give the name of the file to write").about("to"));
        }
        Some(to) => PathBuf::from(to),
    };
    let same = target == served.file
        || matches!(
            (std::fs::canonicalize(&target), std::fs::canonicalize(&served.file)),
            (Ok(a), Ok(b)) if a == b
        );
    Document::parse(&text, &target).map_err(invalid)?;
    if same {
        replace_served(app, &text, request.replace)?;
        return Ok(json!({ "saved": served.file.display().to_string(), "replaced": true }));
    }
    if target.extension().is_none_or(|e| e != "toml") {
        return Err(ApiError::new(
            422,
            format!(
                "`{}` is not a scenario file name: give one ending in .toml (my-case.toml)",
                target.display()
            ),
        )
        .about("to"));
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(ApiError::new(
            422,
            format!(
                "the directory {} does not exist: give a file in one that does",
                dir.display()
            ),
        )
        .about("to"));
    }
    files::write_new(&target, &text).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            ApiError::new(
                409,
                format!(
                    "{} exists already: payback never overwrites a file it did not write; give \
                     another name",
                    target.display()
                ),
            )
        } else {
            ApiError::new(
                422,
                format!("{} could not be written: {e}", target.display()),
            )
        }
        .about("to")
    })?;
    Ok(json!({ "saved": target.display().to_string(), "replaced": false }))
}

/// Writes `text` over the served file, when `confirmed` and the file is still as it was read,
/// and serves the new text from then on; one such save at a time.
fn replace_served(app: &App, text: &str, confirmed: bool) -> Result<(), ApiError> {
    let _one_at_a_time = app.saving();
    let served = app.served();
    let file = &served.file;
    if !confirmed {
        return Err(ApiError::new(
            409,
            format!(
                "saving over {} replaces it; confirm (\"replace\": true) or give a new file",
                file.display()
            ),
        )
        .about("replace"));
    }
    let on_disk = crate::config::read(file).map_err(invalid)?;
    if on_disk != served.text {
        return Err(ApiError::new(
            409,
            format!(
                "{} changed on disk since payback serve read it; it was not replaced: save to a \
                 new file, or restart payback serve to read it again",
                file.display()
            ),
        )
        .about("replace"));
    }
    let reloaded = Served::from_text(file, text.to_string(), app.live).map_err(failed)?;
    files::replace(file, text)
        .map_err(|e| ApiError::new(500, format!("cannot write {}: {e}", file.display())))?;
    app.replace(reloaded);
    Ok(())
}

/// `POST /api/report`: the changes run at the file's trials and seed, and the report directory
/// written as `payback run` writes it (the same files, the same rules for the directory).
pub fn report(app: &App, request: ReportRequest) -> Result<Value, ApiError> {
    let page = page_id(&request.page)?;
    let served = app.served();
    // The report is `payback run`'s: every stress case of the file runs, whatever the page
    // shows live.
    let every_case: Vec<String> = served.doc.stress().iter().map(|c| c.name.clone()).collect();
    let (doc, plan) = changed(&served, &request.changes, &every_case, request.deprecation)?;
    let out = match request.out.as_deref().map(str::trim) {
        None => directory::default_dir(&served.file, ""),
        Some("") => {
            return Err(ApiError::new(422, "give the report directory to write").about("out"));
        }
        Some(dir) => PathBuf::from(dir),
    };
    directory::check_dir(&out, "run")
        .map_err(|e| ApiError::new(409, e.to_string()).about("out"))?;
    let settings = RunSettings {
        trials: doc.base().trials,
        seed: doc.base().seed,
        threads: app.live.threads,
    };
    let running = app.start(&format!("report {page}"));
    let engine = Engine::new(settings.threads, running.stop.clone()).map_err(failed)?;
    // The file as the page would save it: what a rerun of this report needs. A change the
    // file's text cannot take in place (a table it does not write) leaves the report without
    // a provenance rather than without a report.
    let text = if request.changes.is_empty() {
        Some(served.text.clone())
    } else {
        edit::with_changes(&served.text, &overrides(&request.changes)?).ok()
    };
    let mut summary = app::run(&engine, &doc, &plan, settings, &|_| {}).map_err(failed)?;
    summary.provenance =
        text.map(|text| app::provenance(&text, &plan, settings, app.command.clone()));
    let files = output::render(&summary, &ALL_FORMATS).map_err(failed)?;
    if running.stop.requested() {
        return Err(failed(
            Interrupted {
                done: settings.trials,
                total: Some(settings.trials),
            }
            .into(),
        ));
    }
    directory::write_dir(&out, "run", &files).map_err(failed)?;
    let options: Vec<OptionFigures> = live::view(&summary)
        .map_err(|e| ApiError::new(500, e))?
        .options;
    Ok(json!({
        "dir": out.display().to_string(),
        "files": files.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>(),
        "trials": settings.trials,
        "seed": settings.seed,
        "options": options,
    }))
}
