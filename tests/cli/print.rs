//! The memo in print: each committed `report.html` printed to PDF by headless Chromium on A4
//! and on US Letter, and page one read back with `pdftotext`. Page one must hold the decision,
//! the options table, the downside, the risks and how sure the numbers are, and no dotted
//! input path. Needs Debian's `chromium` and `poppler-utils` (`.ci/run` installs them); without
//! them the test says so and checks nothing.

use std::path::Path;
use std::process::Command;

/// Whether `program` runs and says its version when asked with `flag` (`pdftotext` knows
/// only `-v`).
fn available(program: &str, flag: &str) -> bool {
    Command::new(program)
        .arg(flag)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Page one of `report` printed on `paper`, its whitespace collapsed to single spaces.
fn page_one(report: &Path, paper: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let html = std::fs::read_to_string(report).unwrap().replacen(
        "<style>",
        &format!("<style>@page{{size:{paper};margin:14mm}}"),
        1,
    );
    let page = dir.path().join("report.html");
    std::fs::write(&page, html).unwrap();
    let pdf = dir.path().join("report.pdf");
    let status = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        pdf.exists(),
        "no PDF: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let text = Command::new("pdftotext")
        .args(["-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(text.status.success());
    String::from_utf8(text.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn page_one_of_the_printed_memo_holds_the_decision() {
    if !available("chromium", "--version") || !available("pdftotext", "-v") {
        eprintln!("chromium or pdftotext not found: the print test checks nothing here");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("reports");
    // A candidate is recommended (with a runner-up, with vendor deprecations, with a candidate
    // that invests nothing); staying is recommended, without and with uncertain inputs (the
    // latter says what would change the decision).
    for (report, decision) in [
        ("email-triage", "Recommendation: choose fine tuned"),
        ("fine-tune-vs-scratch", "Recommendation: choose fine tune"),
        (
            "managed-fine-tune",
            "Recommendation: choose managed fine tune",
        ),
        (
            "support-bot-in-tokens",
            "Recommendation: choose self-hosted fine-tune",
        ),
        ("worked-1-email-triage", "Recommendation: choose fine tuned"),
        (
            "worked-3-api-replacement",
            "Recommendation: stay with frontier api",
        ),
        (
            "api-to-self-hosted-lora",
            "Recommendation: stay with frontier api",
        ),
    ] {
        let dir = root.join(report);
        let summary: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap())
                .unwrap();
        for paper in ["A4", "Letter"] {
            let page = page_one(&dir.join("report.html"), paper);
            let wanted = [
                decision,
                "median (P10–P90)",
                "P(NPV < 0)",
                "IRR a year",
                "The cost of doing nothing:",
                "The downside:",
                "worst 10 % of trials",
                "How sure:",
            ];
            for part in wanted {
                assert!(
                    page.contains(part),
                    "{report}, {paper}: no {part:?} in {page}"
                );
            }
            if report == "worked-1-email-triage" {
                // The human option invests nothing: it has no payback time to give.
                assert!(
                    page.contains("no investment to pay back"),
                    "{report}, {paper}: {page}"
                );
            }
            if report == "api-to-self-hosted-lora" {
                for part in [
                    "What would change the decision:",
                    "Staying has risks of its own",
                ] {
                    assert!(
                        page.contains(part),
                        "{report}, {paper}: no {part:?} in {page}"
                    );
                }
            }
            if report == "email-triage" {
                for part in [
                    "The biggest risks of fine tuned",
                    "Mitigate with",
                    "What to measure first:",
                ] {
                    assert!(
                        page.contains(part),
                        "{report}, {paper}: no {part:?} in {page}"
                    );
                }
            }
            for a in summary["assumptions"].as_array().unwrap() {
                let path = a["path"].as_str().unwrap();
                assert!(
                    !page.contains(path),
                    "{report}, {paper}: {path} on page one: {page}"
                );
            }
            assert!(!page.contains("options."), "{report}, {paper}: {page}");
        }
    }
}
