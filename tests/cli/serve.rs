//! `payback serve`: every endpoint against the running server on the loopback, with good and
//! bad requests; the live figures equal `payback run`'s at the same trials and seed; a save
//! keeps the file's comments and never overwrites a file unasked; the full report is the
//! report directory `payback run` writes; a newer change cancels an older one; Ctrl-C stops
//! the server.

use crate::support::*;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Stdio};

/// A `payback serve` process on a free port of the loopback, killed when dropped.
pub struct Server {
    child: Child,
    /// What it printed after its first line.
    pub stdout: BufReader<ChildStdout>,
    /// Its address, `http://127.0.0.1:PORT`.
    pub url: String,
    /// The page's address as printed, with its key: `http://127.0.0.1:PORT/?key=…`.
    pub page: String,
    /// The key the page sends on every request.
    pub key: String,
    agent: ureq::Agent,
}

impl Server {
    /// Starts `payback serve FILE --port 0 FLAGS` and waits for its address.
    pub fn start(file: &Path, flags: &[&str]) -> Server {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("payback"))
            .arg("serve")
            .arg(file)
            .args(["--port", "0"])
            .args(flags)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let page = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        let (url, key) = page
            .split_once("/?key=")
            .unwrap_or_else(|| panic!("no key in {page}"));
        let (url, key) = (url.to_string(), key.to_string());
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        Server {
            child,
            stdout,
            url,
            page,
            key,
            agent,
        }
    }

    /// `GET path`: the status and the body.
    pub fn get(&self, path: &str) -> (u16, String) {
        let mut answer = self
            .agent
            .get(format!("{}{path}", self.url))
            .header("X-Payback-Key", &self.key)
            .call()
            .unwrap();
        (
            answer.status().as_u16(),
            answer.body_mut().read_to_string().unwrap(),
        )
    }

    /// `GET path` of a JSON endpoint.
    pub fn get_json(&self, path: &str) -> (u16, Value) {
        let (status, body) = self.get(path);
        (status, serde_json::from_str(&body).unwrap())
    }

    /// `POST path` with `body` as JSON: the status and the JSON answer.
    pub fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        self.post_raw(path, "application/json", &body.to_string())
    }

    /// `POST path` with `body` of `content_type`.
    pub fn post_raw(&self, path: &str, content_type: &str, body: &str) -> (u16, Value) {
        let mut answer = self
            .agent
            .post(format!("{}{path}", self.url))
            .header("Content-Type", content_type)
            .header("X-Payback-Key", &self.key)
            .send(body)
            .unwrap();
        let text = answer.body_mut().read_to_string().unwrap();
        (
            answer.status().as_u16(),
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}")),
        )
    }

    /// `request` sent as written on a socket (`HOST` and `KEY` in it replaced by the server's
    /// address and key): the whole answer, up to the server closing the connection (each
    /// request says `Connection: close`).
    pub fn raw(&self, request: &str) -> String {
        let addr = self.url.trim_start_matches("http://");
        let request = request.replace("HOST", addr).replace("KEY", &self.key);
        let mut socket = std::net::TcpStream::connect(addr).unwrap();
        socket
            .set_read_timeout(Some(std::time::Duration::from_secs(20)))
            .unwrap();
        // The server may answer and close before the whole of a refused body is sent.
        let _ = socket.write_all(request.as_bytes());
        let mut answer = Vec::new();
        let _ = socket.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    }

    /// The process id.
    pub fn pid(&self) -> i32 {
        i32::try_from(self.child.id()).unwrap()
    }

    /// Waits for the process to end: its exit code and what it wrote on standard error.
    pub fn wait(mut self) -> (Option<i32>, String) {
        let status = self.child.wait().unwrap();
        let mut stderr = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        (status.code(), stderr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A copy of the example `name` in a fresh directory, with `scenario.trials` set to `trials`.
pub fn example_copy(name: &str, trials: u64) -> (tempfile::TempDir, PathBuf) {
    let text = std::fs::read_to_string(config(name)).unwrap();
    let text = text.replace("trials = 1_000_000", &format!("trials = {trials}"));
    assert!(text.contains(&format!("trials = {trials}")));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// Trials of a live run unless `--trials` says otherwise.
pub const LIVE_TRIALS: &str = "131072";

const RATE: &str = "options.fine_tuned.errors.wrong_subclass.rate";
const DATA_COST: &str = "options.fine_tuned.project.items.data_prep.cost";
const STRESS: &str = "Data work takes 3x longer";

/// The page's figures of the option `key` in a view.
fn option<'a>(view: &'a Value, key: &str) -> &'a Value {
    view["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["key"] == key)
        .unwrap_or_else(|| panic!("no option {key} in {view}"))
}

/// Asserts that the page's figures of every candidate equal those of `summary` exactly.
fn assert_figures_equal(view: &Value, candidates: &Value) {
    for c in candidates.as_array().unwrap() {
        let o = option(view, c["name"].as_str().unwrap());
        for p in ["p10", "p50", "p90"] {
            assert_eq!(o[p], c["payback_months"][p], "{p} of {}", c["name"]);
        }
        assert_eq!(o["p_never"], c["p_never"]);
        assert_eq!(o["mean_npv"], c["npv"]["mean"]);
    }
}

#[test]
fn the_page_and_its_files_are_served_from_the_binary() {
    let server = Server::start(&config("email-triage.toml"), &[]);
    let (status, html) = server.get(&format!("/?key={}", server.key));
    assert_eq!(status, 200);
    // Without the key, neither the page nor an endpoint answers.
    let (status, _) = server.get("/");
    assert_eq!(status, 403);
    let (status, _) = server.get("/?key=0123");
    assert_eq!(status, 403);
    let answer =
        server.raw("GET /api/scenario HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    assert!(answer.contains("x-payback-key"), "{answer}");
    assert!(html.contains("<script src=\"/app.js\"") && html.contains("/app.css"));
    for path in ["/app.js", "/app.css"] {
        let (status, text) = server.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(text.len() > 500, "{path}");
    }
    // Nothing is fetched from elsewhere: no address in the page's files but its own paths.
    for path in [
        format!("/?key={}", server.key),
        "/app.js".into(),
        "/app.css".into(),
    ] {
        let (_, text) = server.get(&path);
        assert!(
            !text.contains("http://") && !text.contains("https://"),
            "{path}"
        );
        assert!(
            !text.contains("//cdn") && !text.contains("@import"),
            "{path}"
        );
    }
}

#[test]
fn the_scenario_lists_every_input_the_file_writes_and_its_base_is_payback_runs() {
    let file = config("email-triage.toml");
    let server = Server::start(&file, &[]);
    let (status, s) = server.get_json("/api/scenario");
    assert_eq!(status, 200);
    let run = run_json(&file, &["--trials", LIVE_TRIALS]);
    let mut listed: Vec<&str> = s["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["inputs"].as_array().unwrap())
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    let mut written: Vec<&str> = run["assumptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    listed.sort_unstable();
    written.sort_unstable();
    assert_eq!(listed, written, "every input the file writes, each once");
    let tables: Vec<&str> = s["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["table"].as_str().unwrap())
        .collect();
    assert_eq!(
        tables,
        [
            "workload",
            "options.human",
            "options.prompted",
            "options.prompted.project",
            "options.fine_tuned",
            "options.fine_tuned.project"
        ],
        "grouped as the file's tables"
    );
    let rate = s["groups"][4]["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"] == RATE)
        .unwrap();
    assert_eq!(rate["name"], "wrong subclass error rate");
    assert_eq!(rate["written"], "{ observed = 30, of = 1000 }");
    assert_eq!(s["stress"][0]["name"], STRESS);
    assert_eq!(s["deprecation"]["available"], true);
    assert_eq!(s["live_trials"], 131_072);
    assert_eq!(s["full_trials"], 1_000_000);
    assert_figures_equal(&s["base"], &run["candidates"]);
    assert_eq!(
        s["base"]["page_one"]
            .as_str()
            .unwrap()
            .matches("<table>")
            .count(),
        1
    );
    let charts: Vec<&str> = s["base"]["charts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        charts,
        [
            "payback-curve",
            "npv",
            "tornado-prompted",
            "tornado-fine_tuned"
        ]
    );
}

#[test]
fn a_live_run_equals_payback_run_of_the_saved_file_stress_case_included() {
    let (dir, file) = example_copy("email-triage.toml", 1_000_000);
    let server = Server::start(&file, &[]);
    let changes = json!({ RATE: "0.06", DATA_COST: "20000 to 60000" });
    let (status, answer) = server.post(
        "/api/simulate",
        &json!({ "page": "t", "changes": changes, "stress": [STRESS] }),
    );
    assert_eq!(status, 200, "{answer}");
    let saved = dir.path().join("changed.toml");
    let (status, save) = server.post(
        "/api/save",
        &json!({ "changes": changes, "to": saved.display().to_string() }),
    );
    assert_eq!(status, 200, "{save}");
    let run = run_json(&saved, &["--trials", LIVE_TRIALS]);
    assert_figures_equal(&answer["now"], &run["candidates"]);
    assert_eq!(answer["now"]["stress"][0]["name"], STRESS);
    assert_figures_equal(&answer["now"]["stress"][0], &run["stress"][0]["candidates"]);
    // The base beside it is the file's own run; the change moved the fine-tuned model.
    let base = run_json(&file, &["--trials", LIVE_TRIALS]);
    let base_view = json!({ "options": answer["base"] });
    assert_figures_equal(&base_view, &base["candidates"]);
    assert_ne!(
        option(&answer["now"], "fine_tuned")["mean_npv"],
        option(&base_view, "fine_tuned")["mean_npv"]
    );
    // The deprecation pack runs its four months beside it.
    let (status, answer) = server.post(
        "/api/simulate",
        &json!({ "page": "t", "changes": changes, "deprecation": true }),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["now"]["stress"].as_array().unwrap().len(), 4);
    assert!(
        answer["now"]["charts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["name"] == "deprecation-stress")
    );
}

#[test]
fn bad_requests_get_a_clear_4xx_and_the_server_goes_on() {
    let server = Server::start(&config("email-triage.toml"), &[]);
    let simulate = |body: Value| server.post("/api/simulate", &body);
    let (status, e) = simulate(json!({ "page": "t", "changes": { RATE: "2" } }));
    assert_eq!(status, 422);
    assert_eq!(e["field"], RATE);
    assert_eq!(
        e["error"],
        "2 is not allowed: must be a probability in [0, 1]"
    );
    let (status, e) = simulate(json!({ "page": "t", "changes": { RATE: "  " } }));
    assert_eq!((status, e["field"].as_str()), (422, Some(RATE)));
    assert!(e["error"].as_str().unwrap().contains("is empty"), "{e}");
    let (status, e) = simulate(json!({ "page": "t", "changes": { DATA_COST: "fast" } }));
    assert_eq!((status, e["field"].as_str()), (422, Some(DATA_COST)), "{e}");
    let (status, e) = simulate(json!({ "page": "t", "changes": { "options.nope.x": "1" } }));
    assert_eq!(status, 422, "{e}");
    assert!(
        e["error"].as_str().unwrap().contains("names no option"),
        "{e}"
    );
    let (status, e) = simulate(json!({ "page": "t", "stress": ["no such case"] }));
    assert_eq!((status, e["field"].as_str()), (422, Some("stress")), "{e}");
    let (status, e) = simulate(json!({ "page": "", "changes": {} }));
    assert_eq!((status, e["field"].as_str()), (422, Some("page")), "{e}");
    let (status, e) = simulate(json!({ "page": "t", "chagnes": {} }));
    assert_eq!(status, 400, "an unknown field: {e}");
    assert!(e["error"].as_str().unwrap().contains("chagnes"), "{e}");
    let (status, e) = server.post_raw("/api/simulate", "application/json", "{\"page\": ");
    assert_eq!(status, 400, "{e}");
    let (status, _) = server.post_raw("/api/simulate", "text/plain", "{}");
    assert_eq!(status, 415);
    let big = format!(
        "{{\"page\": \"t\", \"changes\": {{\"{RATE}\": \"{}\"}}}}",
        "1".repeat(70_000)
    );
    let (status, e) = server.post_raw("/api/simulate", "application/json", &big);
    assert_eq!(status, 413, "{e}");
    let (status, e) = server.get_json("/api/simulate");
    assert_eq!(status, 405, "{e}");
    let (status, e) = server.post("/api/scenario", &json!({}));
    assert_eq!(status, 405, "{e}");
    let (status, e) = server.get_json("/nope");
    assert_eq!(status, 404, "{e}");
    // Paths outside the page's files, as a client that does not tidy them sends them.
    for path in [
        "/../Cargo.toml",
        "/app.js/../../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "//etc/passwd",
    ] {
        let answer = server.raw(&format!(
            "GET {path} HTTP/1.1\r\nHost: HOST\r\nx-payback-key: KEY\r\nConnection: close\r\n\r\n"
        ));
        assert!(answer.starts_with("HTTP/1.1 404"), "{path}: {answer}");
    }
    // A wrong method says which one is allowed; HEAD is a GET without the body.
    let answer = server.raw(
        "DELETE /api/scenario HTTP/1.1\r\nHost: HOST\r\nx-payback-key: KEY\r\nConnection: close\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 405"), "{answer}");
    assert!(
        answer.to_lowercase().contains("allow: get, head"),
        "{answer}"
    );
    let answer = server.raw(
        "HEAD /api/scenario HTTP/1.1\r\nHost: HOST\r\nx-payback-key: KEY\r\nConnection: close\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with("\r\n\r\n"), "no body: {answer}");
    // `localhost` at the server's port is the server too.
    let port = server.url.rsplit(':').next().unwrap();
    let answer = server.raw(&format!(
        "GET /api/scenario HTTP/1.1\r\nHost: localhost:{port}\r\nx-payback-key: KEY\r\nConnection: close\r\n\r\n"
    ));
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    // A body declared far larger than allowed is refused from its length, none of it read.
    for (length, status) in [
        ("100000", "413"),
        ("1000000000000000", "413"),
        // Beyond what a length can be: the HTTP layer refuses it as malformed.
        ("18446744073709551616", "400"),
    ] {
        let answer = server.raw(&format!(
            "POST /api/simulate HTTP/1.1\r\nHost: HOST\r\nx-payback-key: KEY\r\n\
             Content-Type: application/json\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n{{"
        ));
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status}")),
            "{length}: {answer}"
        );
        assert!(
            answer.contains("connection: close"),
            "the body is not read: {answer}"
        );
    }
    // A chunked body is refused once it grows past the limit.
    let chunk = "a".repeat(0x8000);
    let chunks = format!("8000\r\n{chunk}\r\n").repeat(3);
    let answer = server.raw(&format!(
        "POST /api/simulate HTTP/1.1\r\nHost: HOST\r\nx-payback-key: KEY\r\n\
         Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{chunks}0\r\n\r\n"
    ));
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    // A request for another host (a page of another site, through DNS rebinding) is refused.
    let answer = server.raw(
        "GET /api/scenario HTTP/1.1\r\nHost: evil.example:80\r\nx-payback-key: KEY\r\nConnection: close\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    let answer = server.raw("NOT HTTP AT ALL\r\n\r\n");
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 4"),
        "garbage: {answer}"
    );
    // Clients that send part of a body and wait hold nothing up: others are answered.
    let addr = server.url.trim_start_matches("http://").to_string();
    let slow: Vec<std::net::TcpStream> = (0..12)
        .map(|_| {
            let mut socket = std::net::TcpStream::connect(&addr).unwrap();
            let head = format!(
                "POST /api/simulate HTTP/1.1\r\nHost: {addr}\r\nx-payback-key: {}\r\n\
                 Content-Type: application/json\r\nContent-Length: 2000\r\n\r\n{{\"pa",
                server.key
            );
            socket.write_all(head.as_bytes()).unwrap();
            socket
        })
        .collect();
    let (status, _) = server.get_json("/api/scenario");
    assert_eq!(status, 200, "the server still answers");
    drop(slow);
}

#[test]
fn save_keeps_the_layout_and_never_overwrites_a_file_unasked() {
    let (dir, file) = example_copy("email-triage.toml", 1_000_000);
    let original = std::fs::read_to_string(&file).unwrap();
    let server = Server::start(&file, &[]);
    let changes = json!({ RATE: "0.06" });
    // Over the served file: only when confirmed.
    let (status, e) = server.post("/api/save", &json!({ "changes": changes }));
    assert_eq!((status, e["field"].as_str()), (409, Some("replace")), "{e}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), original);
    // Over another file: never.
    let theirs = dir.path().join("theirs.toml");
    std::fs::write(&theirs, "mine").unwrap();
    let (status, e) = server.post(
        "/api/save",
        &json!({ "changes": changes, "to": theirs.display().to_string(), "replace": true }),
    );
    assert_eq!(status, 409, "{e}");
    assert!(
        e["error"].as_str().unwrap().contains("never overwrites"),
        "{e}"
    );
    assert_eq!(std::fs::read_to_string(&theirs).unwrap(), "mine");
    for to in [
        dir.path().join("x.txt"),
        dir.path().join(".toml"),
        dir.path().join("no/such/dir/x.toml"),
    ] {
        let (status, e) = server.post(
            "/api/save",
            &json!({ "changes": changes, "to": to.display().to_string() }),
        );
        assert_eq!((status, e["field"].as_str()), (422, Some("to")), "{e}");
        assert!(
            !e["error"].as_str().unwrap().contains("at path"),
            "no staging name: {e}"
        );
    }
    let (status, e) = server.post(
        "/api/save",
        &json!({ "changes": { RATE: "2" }, "to": "n.toml" }),
    );
    assert_eq!((status, e["field"].as_str()), (422, Some(RATE)), "{e}");
    // Confirmed: the file is the original with the one value replaced, its comment kept.
    let (status, e) = server.post("/api/save", &json!({ "changes": changes, "replace": true }));
    assert_eq!(status, 200, "{e}");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        saved,
        original.replace(
            "errors.wrong_subclass   = { rate = { observed = 30, of = 1000 }, cost = 2 }",
            "errors.wrong_subclass   = { rate = 0.06, cost = 2 }"
        )
    );
    payback().arg("check").arg(&file).assert().success();
    // The page now starts from the saved file.
    let (_, s) = server.get_json("/api/scenario");
    let run = run_json(&file, &["--trials", LIVE_TRIALS]);
    assert_figures_equal(&s["base"], &run["candidates"]);
    // A file changed on disk since it was read is not replaced.
    std::fs::write(&file, format!("{saved}\n# edited by hand\n")).unwrap();
    let (status, e) = server.post("/api/save", &json!({ "changes": changes, "replace": true }));
    assert_eq!(status, 409, "{e}");
    assert!(
        e["error"].as_str().unwrap().contains("changed on disk"),
        "{e}"
    );
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .ends_with("# edited by hand\n")
    );
}

#[test]
fn the_full_report_is_the_directory_payback_run_writes() {
    let (dir, file) = example_copy("email-triage.toml", 100_000);
    let server = Server::start(&file, &[]);
    let changes = json!({ RATE: "0.06" });
    let out = dir.path().join("report");
    let (status, a) = server.post(
        "/api/report",
        &json!({ "page": "t", "changes": changes, "out": out.display().to_string() }),
    );
    assert_eq!(status, 200, "{a}");
    assert_eq!(a["trials"], 100_000);
    let saved = dir.path().join("changed.toml");
    server.post(
        "/api/save",
        &json!({ "changes": changes, "to": saved.display().to_string() }),
    );
    let by_run = dir.path().join("by-run");
    payback()
        .arg("run")
        .arg(&saved)
        .arg("--out")
        .arg(&by_run)
        .assert()
        .success();
    assert_eq!(names(&out), names(&by_run), "the same files");
    assert!(
        names(&out).contains(&"stress.csv".to_string()),
        "every stress case of the file"
    );
    // Every file the same but for the command line each records (and the marker, which
    // holds the files' hashes).
    for name in names(&out).into_iter().filter(|n| n != ".payback-report") {
        assert_eq!(
            without_command(&name, &out),
            without_command(&name, &by_run),
            "{name}"
        );
    }
    // The page's report records the file as the page saves it: it reproduces from that file.
    payback()
        .arg("run")
        .arg("--check-summary")
        .arg(out.join("summary.json"))
        .arg(&saved)
        .assert()
        .success()
        .stdout(predicates::str::contains("reproduces exactly"));
    // A directory payback did not write is refused, and left as it was.
    let theirs = dir.path().join("theirs");
    std::fs::create_dir(&theirs).unwrap();
    std::fs::write(theirs.join("notes.txt"), "mine").unwrap();
    let (status, e) = server.post(
        "/api/report",
        &json!({ "page": "t", "out": theirs.display().to_string() }),
    );
    assert_eq!((status, e["field"].as_str()), (409, Some("out")), "{e}");
    assert_eq!(names(&theirs), ["notes.txt"]);
    let (status, e) = server.post("/api/report", &json!({ "page": "t", "out": " " }));
    assert_eq!((status, e["field"].as_str()), (422, Some("out")), "{e}");
}

#[test]
fn a_newer_change_from_the_same_page_cancels_the_older_run_and_other_pages_run_on() {
    let server = Server::start(&config("email-triage.toml"), &["--trials", "3000000"]);
    std::thread::scope(|scope| {
        let older = scope.spawn(|| server.post("/api/simulate", &json!({ "page": "a" })));
        let other = scope.spawn(|| server.post("/api/simulate", &json!({ "page": "b" })));
        // The older run is under way well before this: 3,000,000 trials take seconds.
        std::thread::sleep(std::time::Duration::from_millis(500));
        let newer = server.post(
            "/api/simulate",
            &json!({ "page": "a", "changes": { RATE: "0.06" } }),
        );
        let (status, e) = older.join().unwrap();
        assert_eq!(
            (status, e["field"].as_str()),
            (409, Some("cancelled")),
            "{e}"
        );
        assert_eq!(newer.0, 200, "{}", newer.1);
        assert_eq!(other.join().unwrap().0, 200);
    });
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let mut server = Server::start(&config("email-triage.toml"), &[]);
    assert_eq!(server.get_json("/api/scenario").0, 200);
    // SAFETY: our own child, still running (a server runs until stopped).
    assert_eq!(unsafe { libc::kill(server.pid(), libc::SIGINT) }, 0);
    let mut rest = String::new();
    server.stdout.read_to_string(&mut rest).unwrap();
    assert!(rest.contains("stopped"), "{rest}");
    let (code, stderr) = server.wait();
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn another_address_is_said_to_be_reachable_and_a_bad_file_starts_nothing() {
    let server = Server::start(&config("email-triage.toml"), &["--bind", "0.0.0.0"]);
    // SAFETY: our own child, still running.
    assert_eq!(unsafe { libc::kill(server.pid(), libc::SIGINT) }, 0);
    let (code, stderr) = server.wait();
    assert_eq!(code, Some(0));
    assert!(
        stderr.contains("anyone who can reach this machine"),
        "{stderr}"
    );
    let (_dir, bad) = scenario_file("[scenario]\nhorizon_months = -3\n");
    payback()
        .arg("serve")
        .arg(&bad)
        .args(["--port", "0"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("scenario.toml"));
    payback()
        .arg("serve")
        .arg(config("email-triage.toml"))
        .args(["--port", "0", "--trials", "0"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--trials"));
}

#[test]
fn a_port_in_use_is_refused_with_exit_2() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    payback()
        .arg("serve")
        .arg(config("email-triage.toml"))
        .args(["--port", &port])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--port"));
}

#[test]
fn every_input_of_every_example_is_written_back_where_the_file_has_it() {
    use payback::config::{Document, Override, edit};
    for entry in std::fs::read_dir(config("")).unwrap() {
        let file = entry.unwrap().path();
        let text = std::fs::read_to_string(&file).unwrap();
        let doc = Document::parse(&text, &file).unwrap();
        let inputs = payback::analysis::point_estimate::assumptions(doc.base());
        assert!(!inputs.is_empty());
        // Each input written back as the page shows it: the file reads the same scenario.
        let source: toml_edit::DocumentMut = text.parse().unwrap();
        let set: Vec<Override> = inputs
            .iter()
            .map(|a| {
                let shown = edit::source_text(&source, &a.path)
                    .unwrap_or_else(|| panic!("{}: {} is not in the file", file.display(), a.path));
                Override::from_text(&a.path, &shown)
            })
            .collect();
        let saved =
            edit::with_changes(&text, &set).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let again = Document::parse(&saved, &file).unwrap();
        assert_eq!(
            payback::app::check(&again),
            payback::app::check(&doc),
            "{}",
            file.display()
        );
        // And a change lands where the file writes that input, and nowhere else.
        let first = &inputs[0];
        let changed =
            edit::with_changes(&text, &[Override::from_text(&first.path, "12345")]).unwrap();
        let changed_lines = text
            .lines()
            .zip(changed.lines())
            .filter(|(a, b)| a != b)
            .count();
        assert_eq!(changed_lines, 1, "{}: {}", file.display(), first.path);
        assert_eq!(text.lines().count(), changed.lines().count());
    }
}
