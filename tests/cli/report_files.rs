//! The report directory: every format written and parseable, exact exports on a fixed run, the
//! directory replaced whole, and a failed, killed (SIGKILL) or interrupted (Ctrl-C) run leaving
//! the previous report untouched.

use crate::support::*;
use payback::report::directory::MARKER;
use std::path::Path;

fn run_into(dir: &Path, file: &Path, flags: &[&str]) -> std::process::Output {
    payback()
        .arg("run")
        .arg(file)
        .arg("--out")
        .arg(dir)
        .args(flags)
        .output()
        .unwrap()
}

/// Rows of a CSV file, split on commas (the files here hold no quoted fields).
fn rows(path: &Path) -> Vec<Vec<String>> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn every_file_is_written_and_parses() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("report");
    let out = run_into(
        &dir,
        &config("email-triage.toml"),
        &["--trials", "20000", "--stress-deprecation"],
    );
    assert!(out.status.success());
    let mut expected = vec![
        "head-to-head.csv".to_string(),
        "monthly.csv".into(),
        "stress.csv".into(),
        "sensitivity.csv".into(),
        "value-of-information.csv".into(),
        "summary.csv".into(),
        "summary.json".into(),
        "report.md".into(),
        "report.html".into(),
    ];
    for chart in [
        "payback-curve",
        "npv",
        "payback-histogram-prompted",
        "payback-histogram-fine_tuned",
    ]
    .into_iter()
    .map(String::from)
    .chain([
        "cumulative-net-prompted".into(),
        "cumulative-net-fine_tuned".into(),
        "upfront-prompted".into(),
        "upfront-fine_tuned".into(),
        "stress-prompted".into(),
        "stress-fine_tuned".into(),
        "deprecation-stress".into(),
        "tornado-prompted".into(),
        "tornado-fine_tuned".into(),
    ]) {
        expected.push(format!("{chart}.svg"));
        expected.push(format!("{chart}.png"));
    }
    expected.push(MARKER.into());
    expected.sort();
    assert_eq!(names(&dir), expected);
    for name in expected.iter().filter(|n| *n != MARKER) {
        let path = dir.join(name);
        if name.ends_with(".svg") {
            let text = std::fs::read_to_string(&path).unwrap();
            let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(doc.root_element().tag_name().name(), "svg");
            assert!(
                doc.descendants().any(|n| n.has_tag_name("text")),
                "{name}: no text"
            );
        } else if name == "report.html" {
            let html = std::fs::read_to_string(&path).unwrap();
            // Self-contained: every chart inline, nothing fetched, no scripts.
            let charts = expected.iter().filter(|n| n.ends_with(".svg")).count();
            assert_eq!(
                html.matches("<svg").count(),
                charts,
                "one inline SVG per chart"
            );
            for forbidden in ["<script", "src=", "href=", "<link", "@import"] {
                assert!(!html.contains(forbidden), "report.html holds {forbidden}");
            }
        } else if name == "report.md" {
            let md = std::fs::read_to_string(&path).unwrap();
            for section in [
                "## Summary",
                "## 1. The cost of doing nothing",
                "## 2. The options",
                "### Stress tests",
                "## Appendix: assumptions",
                "## 3. Recommendation",
                "## 4. What drives the risk",
                "## 5. What to measure before deciding",
            ] {
                assert!(md.contains(section), "report.md lacks {section}");
            }
            // Page one, the summary, ends before section 1.
            let summary_at = md.find("## Summary").unwrap();
            let break_at = md.find("\n---\n").expect("a page break");
            assert!(summary_at < break_at && break_at < md.find("## 1.").unwrap());
            for chart in expected.iter().filter(|n| n.ends_with(".svg")) {
                assert!(
                    md.contains(&format!("]({chart})")),
                    "report.md does not show {chart}"
                );
            }
        } else if name.ends_with(".png") {
            let image = image::load_from_memory(&std::fs::read(&path).unwrap()).unwrap();
            assert_eq!((image.width(), image.height()), (1280, 720), "{name}");
        }
    }
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    // stress.csv: the base case and 1 file case + 4 deprecation months, 2 candidates each.
    for (file, per_candidate) in [("summary.csv", 1), ("monthly.csv", 37), ("stress.csv", 6)] {
        let rows = rows(&dir.join(file));
        let width = rows[0].len();
        assert!(rows.iter().all(|r| r.len() == width), "{file}: ragged rows");
        assert_eq!(
            rows.len(),
            1 + 2 * per_candidate,
            "{file}: header + rows for 2 candidates"
        );
    }
    // sensitivity.csv: every factor of each candidate; value-of-information.csv: the EVPI and
    // every factor.
    let factors = summary["value_of_information"]["per_input"]
        .as_array()
        .unwrap()
        .len();
    assert!(factors > 20);
    for (file, data_rows) in [
        ("head-to-head.csv", 3),
        ("sensitivity.csv", 2 * factors),
        ("value-of-information.csv", 1 + factors),
    ] {
        let rows = rows(&dir.join(file));
        assert!(
            rows.iter().all(|r| r.len() == rows[0].len()),
            "{file}: ragged rows"
        );
        assert_eq!(rows.len(), 1 + data_rows, "{file}");
    }
    assert_eq!(summary["stress"].as_array().unwrap().len(), 5);
    let months: Vec<u64> = summary["deprecation_stress"]["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["month"].as_u64().unwrap())
        .collect();
    assert_eq!(months, [3, 6, 12, 24]);
    // Monthly rows agree with the JSON's CDF and bands.
    let monthly = rows(&dir.join("monthly.csv"));
    let c = &summary["candidates"][1];
    let row = &monthly[1 + 37 + 12];
    assert_eq!(row[0], c["name"].as_str().unwrap());
    assert_eq!(row[1], "12");
    assert_eq!(
        row[2].parse::<f64>().unwrap(),
        num(&c["payback_cdf"][12][1])
    );
    assert_eq!(
        row[4].parse::<f64>().unwrap(),
        num(&c["cumulative_net"][12]["p50"])
    );
}

#[test]
fn exports_of_a_fixed_run_are_exact() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("report");
    assert!(
        run_into(
            &dir,
            &config("worked-2-business-case.toml"),
            &["--trials", "100"]
        )
        .status
        .success()
    );
    let text = std::fs::read_to_string(dir.join("summary.csv")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let cells: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(header.len(), cells.len());
    let cell = |name: &str| cells[header.iter().position(|h| *h == name).expect(name)];
    // Upfront 25,000; payback 3.125 in every trial; NPV 36 × 8,000 − 25,000 = 263,000; best in
    // none (from_scratch's 680,000 wins every trial). Every trial agrees, so each percentile's
    // interval is the value itself and each mean's too (a standard error of 0).
    let exact = [
        ("candidate", "fine_tune"),
        ("baseline", "status_quo"),
        ("p_success", "1"),
        ("upfront_mean", "25000"),
        ("upfront_p10", "25000"),
        ("upfront_p50", "25000"),
        ("upfront_p90", "25000"),
        ("payback_p10", "3.125"),
        ("payback_p50", "3.125"),
        ("payback_p90", "3.125"),
        ("p_never", "0"),
        ("p_never_stderr", "0"),
        ("npv_mean", "263000"),
        ("npv_mean_stderr", "0"),
        ("npv_p10", "263000"),
        ("npv_p50", "263000"),
        ("npv_p90", "263000"),
        ("p_best", "0"),
        ("p_npv_negative", "0"),
        ("worst_10pct_mean_npv", "263000"),
        ("irr_p_undefined", "0"),
    ];
    for (name, value) in exact {
        assert_eq!(cell(name), value, "{name}");
        if let Some(low) = header.iter().position(|h| *h == format!("{name}_ci95_low")) {
            let interval: Vec<f64> = [cells[low], cells[low + 1]]
                .iter()
                .map(|c| c.parse().unwrap())
                .collect();
            // A share of 0 or 1 in n = 100 trials: Wilson's other end is z² / (n + z²) from it.
            let z2 = 1.959_963_984_540_054_f64.powi(2);
            let gap = z2 / (100.0 + z2);
            let x: f64 = value.parse().unwrap();
            let expected = match (name, value) {
                ("p_success", _) => [1.0 - gap, 1.0],
                (_, "0") if name.starts_with("p_") || name == "irr_p_undefined" => [0.0, gap],
                _ => [x, x],
            };
            for (end, want) in interval.iter().zip(expected) {
                assert!(
                    (end - want).abs() <= 1e-12,
                    "{name}: {interval:?}, expected {expected:?}"
                );
            }
        }
    }
    // The IRR columns (mean, P10, P50, P90): the same in every trial (the mean a sum of 100
    // of them, so to rounding), the monthly rate r with 8,000 · (1 − (1 + r)^−36) / r =
    // 25,000, annualised; no people: no full-time equivalents.
    let irr: Vec<f64> = ["irr_mean", "irr_p10", "irr_p50", "irr_p90"]
        .iter()
        .map(|c| cell(c).parse().unwrap())
        .collect();
    assert!(irr[2..].iter().all(|&x| x == irr[1]), "{irr:?}");
    assert!((irr[0] - irr[1]).abs() < 1e-12 * irr[1], "{irr:?}");
    let r = (1.0 + irr[1]).powf(1.0 / 12.0) - 1.0;
    let value = 8_000.0 * (1.0 - (1.0 + r).powi(-36)) / r;
    assert!((value - 25_000.0).abs() < 1e-6, "{value}");
    assert_eq!(cell("fte_equivalent"), "");
    let monthly = std::fs::read_to_string(dir.join("monthly.csv")).unwrap();
    let month4: Vec<&str> = monthly
        .lines()
        .filter(|l| l.starts_with("fine_tune,4,"))
        .collect();
    // By month 4: −25,000 + 4 × 8,000 = 7,000, paid back in every trial.
    assert_eq!(month4, ["fine_tune,4,1,7000,7000,7000"]);
}

#[test]
fn format_chooses_the_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("report");
    let out = run_into(
        &dir,
        &config("worked-1-email-triage.toml"),
        &["--trials", "100", "--format", "csv"],
    );
    assert!(out.status.success());
    assert_eq!(
        names(&dir),
        [
            MARKER,
            "head-to-head.csv",
            "monthly.csv",
            "sensitivity.csv",
            "summary.csv",
            "value-of-information.csv"
        ]
    );
}

#[test]
fn a_report_directory_is_replaced_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("report");
    let file = config("worked-1-email-triage.toml");
    let out = run_into(&dir, &file, &["--trials", "100", "--format", "json,csv"]);
    assert!(out.status.success());
    assert!(names(&dir).contains(&"monthly.csv".to_string()));
    let out = run_into(&dir, &file, &["--trials", "100", "--format", "json"]);
    assert!(out.status.success());
    assert_eq!(names(&dir), [MARKER, "summary.json"]);
    assert_eq!(
        names(tmp.path()),
        ["report"],
        "no staging directory left behind"
    );
}

#[test]
fn a_failed_run_leaves_the_previous_report_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("report");
    let flags = ["--trials", "100", "--format", "json,csv"];
    let out = run_into(&dir, &config("worked-1-email-triage.toml"), &flags);
    assert!(out.status.success());
    let before = std::fs::read(dir.join("summary.json")).unwrap();
    let (_d, bad) = scenario_file("[scenario]\nname = \"broken\"\n");
    let out = run_into(&dir, &bad, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(dir.join("summary.json")).unwrap(), before);
    assert_eq!(
        names(&dir),
        [
            MARKER,
            "head-to-head.csv",
            "monthly.csv",
            "sensitivity.csv",
            "summary.csv",
            "summary.json",
            "value-of-information.csv"
        ]
    );
}

#[test]
fn the_memo_of_a_fixed_run_is_exact() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("report");
    let flags = ["--trials", "100", "--format", "md"];
    assert!(
        run_into(&dir, &config("worked-2-business-case.toml"), &flags)
            .status
            .success()
    );
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    let expected_rows = [
        "| fine tune (vs status quo) | 25,000–25,000 | 3.12 / 3.12 / 3.12 | none of 100 trials | 263,000 / 263,000 / 263,000 | 0.0 % | payback 3.12 months; NPV 263,000 |",
        "| from scratch (vs status quo) | 400,000–400,000 | 13.33 / 13.33 / 13.33 | none of 100 trials | 680,000 / 680,000 / 680,000 | 100.0 % | payback 13.33 months; NPV 680,000 |",
        "| fine tune: net benefit a month | 8,000 | 8000 | options.fine\\_tune.benefits.net.monthly |",
    ];
    for row in expected_rows {
        assert!(md.contains(row), "missing {row} in:\n{md}");
    }
    assert!(md.contains(
        "Choose from scratch: it has the highest expected NPV against status quo (680,000 USD"
    ));
    assert!(md.contains("it paid back within 36 months in every one of 100 trials."));
}

#[test]
fn text_from_the_scenario_is_escaped_in_the_html() {
    let text = std::fs::read_to_string(config("worked-2-business-case.toml"))
        .unwrap()
        .replace(
            "name = \"Worked case 2",
            "name = \"<script>alert('x')</script> & Worked case 2",
        )
        .replace("[options.fine_tune]", "[options.\"fine<b>tune\"]")
        .replace(
            "[options.fine_tune.project]",
            "[options.\"fine<b>tune\".project]",
        );
    let (_d, path) = scenario_file(&text);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("report");
    assert!(
        run_into(&dir, &path, &["--trials", "10", "--format", "html"])
            .status
            .success()
    );
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(!html.contains("<script"), "unescaped script");
    assert!(!html.contains("fine<b>tune"), "unescaped option name");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Worked case 2"));
    assert!(html.contains("fine&lt;b&gt;tune"));
}

#[test]
fn exported_samples_are_the_runs_first_trials() {
    // With N equal to the trials, the exported outcomes are the run's: their means and the
    // share of "never" equal the summary's (the same values summed in the same order).
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("report");
    let out = run_into(
        &dir,
        &config("email-triage.toml"),
        &[
            "--trials",
            "3000",
            "--export-samples",
            "3000",
            "--format",
            "json",
        ],
    );
    assert!(out.status.success());
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    let rows = rows(&dir.join("samples.csv"));
    assert_eq!(rows.len(), 1 + 3000);
    let column = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let mean = |name: &str| {
        let k = column(name);
        rows[1..]
            .iter()
            .map(|r| r[k].parse::<f64>().unwrap())
            .sum::<f64>()
            / 3000.0
    };
    let fine = candidate(&summary, "fine_tuned");
    assert_close(mean("fine_tuned.npv"), num(&fine["npv"]["mean"]));
    assert_close(mean("fine_tuned.upfront"), num(&fine["upfront"]["mean"]));
    let k = column("fine_tuned.payback_months");
    let never = rows[1..].iter().filter(|r| r[k] == "never").count();
    assert_close(never as f64 / 3000.0, num(&fine["p_never"]));
    // Inputs are exported by path, within their distribution's support.
    let k = column("options.fine_tuned.project.items.data_prep.overrun");
    assert!(rows[1..].iter().all(|r| {
        let x: f64 = r[k].parse().unwrap();
        (1.0..=3.0).contains(&x)
    }));
}

/// Every file of a directory with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    names(dir)
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(dir.join(&name)).unwrap();
            (name, bytes)
        })
        .collect()
}

/// A child process that is killed if a test fails before it ended (a run of minutes must not
/// outlive its test).
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if self.0.try_wait().ok().flatten().is_none() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// Writes a report, starts a long run into the same directory, sends it `signal` while it
/// simulates, and checks that the previous report is there byte for byte, with nothing added
/// and no staging directory left beside it. A report is only ever written whole after the
/// simulation (rendered in memory, staged beside the target, swapped in), so a run that dies
/// or stops before that leaves the directory as it was.
fn a_run_stopped_by(signal: i32) -> std::process::ExitStatus {
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("report");
    let file = config("email-triage.toml");
    assert!(
        run_into(&dir, &file, &["--trials", "2000"])
            .status
            .success()
    );
    let before = snapshot(&dir);
    assert!(before.len() > 20, "every format: {:?}", names(&dir));

    let mut child = KillOnDrop(
        std::process::Command::new(assert_cmd::cargo::cargo_bin!("payback"))
            .arg("run")
            .arg(&file)
            .args(["--trials", "50000000", "--threads", "1", "--out"])
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let child = &mut child.0;
    // Reading and checking the file takes milliseconds; after a second it is simulating (50
    // million trials take minutes on one thread).
    std::thread::sleep(Duration::from_secs(1));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the run ended before the signal"
    );
    let pid = i32::try_from(child.id()).unwrap();
    // SAFETY: `pid` is our own child, still running and not yet waited for.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
    let sent = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            sent.elapsed() < Duration::from_secs(10),
            "the run did not end within 10 s of signal {signal}"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(!status.success(), "a stopped run reports failure: {status}");
    assert!(
        snapshot(&dir) == before,
        "the previous report changed: {:?}",
        names(&dir)
    );
    assert_eq!(
        names(tmp.path()),
        ["report"],
        "no staging directory left behind"
    );
    status
}

#[test]
fn a_killed_run_leaves_the_previous_report_intact() {
    use std::os::unix::process::ExitStatusExt;
    let status = a_run_stopped_by(libc::SIGKILL);
    assert_eq!(status.signal(), Some(libc::SIGKILL));
}

#[test]
fn an_interrupted_run_leaves_the_previous_report_intact() {
    // Ctrl-C: the run stops after its current wave and writes nothing (exit 130 today; only
    // the untouched report is asserted here, see interrupt.rs for the rest).
    a_run_stopped_by(libc::SIGINT);
}

/// A scenario whose file names its option, an error bucket, a project item and a
/// distribution-table input with `label`.
const LABELLED: &str = r#"
[scenario]
name = "Labels"
currency = "EUR"
horizon_months = 24
trials = 4000

[workload]
events_per_day = "800 to 1200"

[options.human]
baseline = true
label = "support agents"
labour = { seconds = "40 to 80", hourly = 30 }
errors.wrong_dept = { rate = "0.05 to 0.10", cost = 3, label = "misrouted" }

[options.ft]
label = "fine-tuned model"
cost_per_event = { p10 = 0.001, p50 = 0.002, p90 = 0.004, label = "inference per email" }
errors.wrong_dept = { rate = "0.01 to 0.04", cost = 3, label = "misrouted" }

[options.ft.project]
build_months = "1 to 3"
success = 0.8
items.data_prep = { cost = "10000 to 30000", overrun = "pert(1, 1.3, 2)", label = "data labelling" }
"#;

#[test]
fn labels_name_the_options_and_inputs_in_the_memo_and_charts() {
    let (_d, path) = scenario_file(LABELLED);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("report");
    assert!(run_into(&dir, &path, &[]).status.success());
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    let (page_one, rest) = md
        .split_once("\n---\n")
        .expect("page one ends with a break");
    for said in [
        "choose fine-tuned model over staying with support agents",
        "| fine-tuned model |",
    ] {
        assert!(page_one.contains(said), "missing {said:?} in:\n{page_one}");
    }
    // No key of the file is shown as a name anywhere but in the appendix's paths.
    let (body, appendix) = rest.split_once("## Appendix").expect("an appendix");
    for key in ["wrong\\_dept", "data\\_prep", "ft:", "ft (", "human"] {
        assert!(!page_one.contains(key), "{key:?} on page one:\n{page_one}");
        assert!(!body.contains(key), "{key:?} in the memo:\n{body}");
    }
    for said in [
        "fine-tuned model (vs support agents)",
        "misrouted errors",
        "support agents: misrouted error rate",
        "fine-tuned model: data labelling overrun",
        "fine-tuned model: inference per email",
    ] {
        assert!(md.contains(said), "missing {said:?} in:\n{md}");
    }
    assert!(
        appendix.contains("options.ft.cost\\_per\\_event"),
        "{appendix}"
    );
    let tornado = std::fs::read_to_string(dir.join("tornado-ft.svg")).unwrap();
    assert!(tornado.contains("What moves the NPV of fine-tuned model"));
    let upfront = std::fs::read_to_string(dir.join("upfront-ft.svg")).unwrap();
    assert!(upfront.contains("data labelling"), "upfront chart");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    assert_eq!(json["labels"]["options.ft"], "fine-tuned model");
    assert_eq!(
        json["labels"]["options.ft.cost_per_event"],
        "inference per email"
    );
    assert_eq!(json["candidates"][0]["name"], "ft");
    let check = payback().arg("check").arg(&path).output().unwrap();
    let said = String::from_utf8(check.stdout).unwrap();
    assert!(said.contains("  fine-tuned model:"), "check: {said}");
    assert!(said.contains("support agents "), "check: {said}");
}

/// Two candidates alike but for independent draws: their expected NPVs differ by noise alone.
/// Page one says so exactly when the 95 % interval of the expected difference holds zero.
#[test]
fn page_one_says_when_two_options_cannot_be_told_apart() {
    let text = r#"
[scenario]
name = "twins"
horizon_months = 24
trials = 4000

[workload]
events_per_month = 1000

[options.old]
baseline = true
cost_per_event = 10

[options.a]
cost_per_event = "uniform(1, 3)"

[options.b]
cost_per_event = "uniform(1, 3)"
"#;
    let (dir, file) = scenario_file(text);
    let mut seen = [false, false];
    for seed in ["1", "2", "3", "4", "5", "6"] {
        let out = dir.path().join(format!("report-{seed}"));
        payback()
            .arg("run")
            .arg(&file)
            .args(["--seed", seed, "--out"])
            .arg(&out)
            .assert()
            .success();
        let summary: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap())
                .unwrap();
        let mean = &summary["head_to_head"][0]["npv_difference"]["ci95"]["mean"];
        let holds_zero = num(&mean[0]) <= 0.0 && 0.0 <= num(&mean[1]);
        let memo = std::fs::read_to_string(out.join("report.md")).unwrap();
        let page_one = &memo[..memo.find("\n---").unwrap()];
        assert_eq!(
            page_one.contains("cannot be told apart on these trials"),
            holds_zero,
            "seed {seed}: {mean}"
        );
        seen[usize::from(holds_zero)] = true;
    }
    assert!(seen[1], "some seed gives an interval holding zero");
}
