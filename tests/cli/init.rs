//! `payback init`: the question bank from an answers file reproduces the sources' worked
//! email-triage case and passes `payback check`; bad answers, unknown keys and an existing
//! file are refused with exit 2; `--template` writes an example as it is; and a whole session
//! typed on a pseudo-terminal writes a file that `payback check` accepts.

use crate::support::*;
use std::path::Path;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs `payback init FILE --answers ANSWERS` in a fresh directory; returns the directory,
/// the file's path and the process output.
fn init_from(answers: &Path) -> (tempfile::TempDir, std::path::PathBuf, std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("new.toml");
    let out = payback()
        .arg("init")
        .arg(&file)
        .arg("--answers")
        .arg(answers)
        .output()
        .unwrap();
    (dir, file, out)
}

#[test]
fn answers_reproduce_the_worked_email_triage_case() {
    let (_dir, file, out) = init_from(&fixture("init-worked-1.toml"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let check = payback().arg("check").arg(&file).output().unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let said = String::from_utf8(check.stdout).unwrap();
    // All-in cost per email: people 30 s at 20 an hour plus 0.15 · 2 + 0.05 · 8 = 0.8667,
    // prompted 0.06 + 0.05 · 2 + 0.02 · 8 = 0.32, fine-tuned 0.015 + 0.03 · 2 + 0.01 · 8 =
    // 0.155; 40,000 / (150,000 · 0.165) = 1.616 months = 48.48 days.
    for part in ["0.8667", "0.3200", "0.1550", "1.62 months (48.48 days)"] {
        assert!(said.contains(part), "missing {part} in:\n{said}");
    }
    let s = run_json(&file, &["--trials", "1000"]);
    let c = candidate(&s, "fine_tuned");
    assert_close(
        num(&c["payback_months"]["p50"]),
        40_000.0 / (150_000.0 * 0.165),
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("DEFAULT"), "defaults are marked:\n{text}");
    assert!(text.contains("baseline = true"));
}

#[test]
fn a_bad_answer_is_refused_with_its_line_key_and_what_is_allowed() {
    let good = std::fs::read_to_string(fixture("init-worked-1.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            format!("\"cost.wrong_department\" = 500\n{good}"),
            &[
                "answers.toml:",
                "cost.wrong_department",
                "is answered twice",
            ][..],
        ),
        (
            good.replace("wrong_subclass = \"15%\"", "wrong_subclass = \"150%\"")
                .to_string(),
            &[
                "answers.toml:23:",
                "rate.people.wrong_subclass",
                "150%",
                "[0, 1]",
            ][..],
        ),
        (
            good.replace("volume = 5000", "volume = \"lots\""),
            &[
                "answers.toml:9",
                "volume",
                "`lots`",
                "neither a number nor a distribution",
            ][..],
        ),
        (
            good.replace("growth = 0", "growht = 0"),
            &[
                "answers.toml:10",
                "growht",
                "is not a question",
                "did you mean `growth`",
            ][..],
        ),
        (
            good.replace("volume = 5000\n", ""),
            &["volume", "missing: How many events a day"][..],
        ),
        (
            good.replace("today = \"prompted\"", "today = \"scratch\""),
            &["today", "not one of: people, prompted, fine_tuned"][..],
        ),
    ];
    for (text, said) in cases {
        let answers = dir.path().join("answers.toml");
        std::fs::write(&answers, text).unwrap();
        let (out_dir, file, out) = init_from(&answers);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        for part in said {
            assert!(stderr.contains(part), "missing {part:?} in {stderr}");
        }
        assert!(!file.exists(), "a refused session wrote {}", file.display());
        drop(out_dir);
    }
}

#[test]
fn init_never_overwrites_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    std::fs::write(&file, "my notes").unwrap();
    let out = payback()
        .arg("init")
        .arg(&file)
        .args(["--template", "email-triage"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("exists already"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "my notes");
}

#[test]
fn a_template_is_the_example_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let examples = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("configs"))
        .unwrap()
        .map(|e| e.unwrap().path());
    for example in examples {
        let stem = example.file_stem().unwrap().to_string_lossy().into_owned();
        let file = dir.path().join(format!("{stem}.toml"));
        let out = payback()
            .arg("init")
            .arg(&file)
            .args(["--template", &stem])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{stem}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            std::fs::read_to_string(&example).unwrap(),
            "{stem}"
        );
    }
    let out = payback()
        .arg("init")
        .arg(dir.path().join("other.toml"))
        .args(["--template", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("email-triage"));
}

#[test]
fn without_a_terminal_it_says_how_to_answer_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = payback()
        .arg("init")
        .arg(dir.path().join("x.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--answers FILE"));
}

/// A whole session typed on a pseudo-terminal: each question appears, a wrong answer is
/// refused and asked again, Enter takes a default, and the file written passes `check`.
#[cfg(unix)]
#[test]
fn a_session_on_a_terminal_writes_a_checked_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("typed.toml");
    let bin = assert_cmd::cargo::cargo_bin!("payback");
    let mut command = std::process::Command::new(bin);
    command.arg("init").arg(&file);
    let mut p = rexpect::session::spawn_command(command, Some(20_000)).unwrap();
    let enter = "\r";
    let steps: [(&str, &str); 33] = [
        ("What is the decision called?", "Typed on a terminal\r"),
        ("Which currency", enter),
        ("Which ways of doing the work", enter),
        ("Which of them does the work today", enter),
        ("in events", enter),
        ("Per day or per month?", enter),
        ("How many events a day, today?", "lots\r"),
        ("neither a number nor a distribution", ""),
        (
            "How many events a day, today?",
            "\u{7f}\u{7f}\u{7f}\u{7f}4k to 6k\r",
        ),
        ("How much does the volume grow", enter),
        ("by kind", enter),
        ("Which kinds of error count?", enter),
        ("What does one wrong answer error cost?", "5\r"),
        (
            "What share of events does prompted get wrong answer wrong?",
            "4%\r",
        ),
        (
            "What share of events does fine tuned get wrong answer wrong?",
            "12 of 400\r",
        ),
        ("on the prompted model", "0.01\r"),
        ("does a person review?", enter),
        ("How do the vendor's prices change", enter),
        ("retire the model you prompt?", enter),
        ("on the fine tuned model", "0.002\r"),
        ("does a person review?", enter),
        ("instances of its own", enter),
        ("cost a month besides", enter),
        ("preparing and labelling the data", "20k to 40k\r"),
        ("the engineering", "0\r"),
        ("building the evaluation", enter),
        ("How many training runs", enter),
        ("What contingency", enter),
        ("until it goes live?", enter),
        ("project succeeds", enter),
        ("error rates grow a month", enter),
        ("Over how many months", enter),
        ("What discount rate", enter),
    ];
    for (question, answer) in steps {
        p.exp_string(question)
            .unwrap_or_else(|e| panic!("waiting for {question:?}: {e}"));
        if !answer.is_empty() {
            p.send(answer).unwrap();
            p.flush().unwrap();
        }
    }
    p.exp_string("Wrote").unwrap();
    p.exp_eof().unwrap();
    let check = payback().arg("check").arg(&file).output().unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    for written in [
        "name = \"Typed on a terminal\"",
        "events_per_day = \"4k to 6k\"",
        "errors.wrong_answer = { rate = { observed = 12, of = 400 } }",
        "[errors.wrong_answer]",
        "cost = 5",
        "items.data = { cost = \"20k to 40k\" }",
        "success = \"85%\"",
    ] {
        assert!(text.contains(written), "missing {written:?} in:\n{text}");
    }
}

#[test]
fn numbers_toml_cannot_read_and_zeros_written_any_way_are_understood() {
    // `.5` is a number to people, not to TOML; "0%" review needs no review cost.
    let text = std::fs::read_to_string(fixture("init-worked-1.toml"))
        .unwrap()
        .replace("success = 1", "success = \".5\"")
        .replace("[fine_tuned]\n", "[fine_tuned]\nreview = \"0%\"\n");
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.toml");
    std::fs::write(&answers, text).unwrap();
    let (_d, file, out) = init_from(&answers);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("success = \".5\""), "{written}");
    assert!(!written.contains("review ="), "{written}");
}
