//! The layering rules of docs/architecture.md that grep can check: data flows one way
//! (config → scenario → model → collect → engine → analysis → results → report), there is no global
//! mutable state, and the docs stand on their own.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/<dir>`.
fn sources(dir: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir),
        &mut out,
    );
    assert!(!out.is_empty(), "no sources under src/{dir}");
    out
}

/// The code lines (comments left out) of the files under `src/<dir>` that mention any of
/// `needles`, as `file:line: text`.
fn mentions(dir: &str, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in sources(dir) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, line) in text.lines().enumerate() {
            let code = line.trim();
            if !code.starts_with("//") && needles.iter().any(|n| code.contains(n)) {
                found.push(format!("{}:{}: {}", file.display(), i + 1, code));
            }
        }
    }
    found
}

#[test]
fn report_renders_results_and_never_drives_the_model() {
    let found = mentions(
        "report",
        &[
            "crate::model",
            "crate::engine",
            "crate::analysis",
            "crate::collect",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_live_page_runs_the_use_cases_and_has_no_model_of_its_own() {
    // It runs `app`'s use-cases on the `Engine`; what a trial is and what is kept of it are
    // not its business, nor the command line's flags.
    let found = mentions(
        "serve",
        &[
            "crate::model",
            "crate::collect",
            "crate::stats",
            "crate::cli",
            "TrialRunner",
            ".simulate(",
            "engine::simulate",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn analysis_speaks_neither_words_nor_flags() {
    let found = mentions("analysis", &["crate::report", "crate::cli", "UsageError"]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_engine_knows_collectors_only_through_their_trait() {
    // The one collector it names is the outcomes one, for `Engine::outcomes`.
    let found = mentions(
        "engine",
        &["factor", "Factor", "sensitivity", "Detailed", "analysis"],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn collectors_read_finished_trials_not_the_runner() {
    // A collector keys its own streams (a factor's atom splitting) but never re-derives the
    // model's: the trial's draws and uniforms come from the view.
    let found = mentions(
        "collect",
        &["TrialRunner", "event_seed", "first_wait", "crate::engine"],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn results_are_data_only() {
    let layers = [
        "config", "model", "collect", "engine", "analysis", "report", "cli", "stats",
    ];
    let needles: Vec<String> = layers.iter().map(|l| format!("crate::{l}")).collect();
    let needles: Vec<&str> = needles.iter().map(String::as_str).collect();
    let found = mentions("results", &needles);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn there_is_no_global_mutable_state() {
    // Statics that can change: `static mut`, atomics, locks and cells. The font registration's
    // `Once` (plotters keeps its font table globally) is the one exception.
    let kinds = [
        "static mut",
        "Atomic",
        "Mutex<",
        "RwLock<",
        "OnceLock<",
        "RefCell<",
        "Cell<",
    ];
    let mut found = Vec::new();
    for line in mentions("", &["static "]) {
        let code = line.split_once(": ").map_or("", |(_, l)| l);
        let declared = code
            .trim_start_matches("pub(crate) ")
            .trim_start_matches("pub ");
        if declared.starts_with("static ") && kinds.iter().any(|k| declared.contains(k)) {
            found.push(line);
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_docs_refer_to_nothing_outside_the_repository() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&docs).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.contains("../") || line.contains("MODEL.md") {
                found.push(format!("{}:{}: {}", path.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_architecture_map_names_every_module_of_the_tree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let map = std::fs::read_to_string(root.join("docs/architecture.md")).unwrap();
    for entry in std::fs::read_dir(root.join("src")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name == "lib.rs" || name == "main.rs" {
            continue;
        }
        let shown = if name.ends_with(".rs") {
            name.clone()
        } else {
            format!("{name}/")
        };
        assert!(
            map.contains(&format!("`{shown}`")),
            "docs/architecture.md misses `{shown}`"
        );
    }
}
