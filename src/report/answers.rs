//! The answers of `payback solve` in words and as JSON: for each candidate, what the answer
//! means (or why there is none) and its Monte Carlo uncertainty.

use super::format::{count, month_count, percent, significant, whole_money};
use crate::distribution::fmt;
use crate::numbers::group;
use crate::results::solve::{Answer, Direction, Finding, Outcome, Question, Threshold};
use serde::Serialize;
use std::fmt::Write;

/// An answer with its words, as `--json` prints it: every field of the answer, then
/// `explanation`.
#[derive(Serialize)]
struct Worded<'a, T> {
    #[serde(flatten)]
    answer: &'a T,
    explanation: String,
}

/// Answers as pretty JSON with a final newline, each with its `explanation`.
fn json<T: Serialize>(answers: &[T], words: fn(&T) -> String) -> String {
    let worded: Vec<Worded<T>> = answers
        .iter()
        .map(|answer| Worded {
            answer,
            explanation: words(answer),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&worded).expect("answers always serialize");
    text.push('\n');
    text
}

/// `payback solve --json`.
pub fn answers_json(answers: &[Answer]) -> String {
    json(answers, explain_answer)
}

/// `payback solve --for --json`.
pub fn thresholds_json(answers: &[Threshold]) -> String {
    json(answers, explain_threshold)
}

/// The goal in words after "it" and after "may" or "makes it": ("pays back …", "pay back …").
fn goal(within: u32, q: f64) -> (String, String) {
    let target = format!(
        "within {} in at least {} of trials",
        month_count(within),
        percent(q)
    );
    (format!("pays back {target}"), format!("pay back {target}"))
}

/// What a reverse question's answer means, or why there is none.
pub fn explain_answer(a: &Answer) -> String {
    let (goal, to_goal) = goal(a.within_months, a.confidence);
    let c = &a.candidate;
    let within = month_count(a.within_months);
    match (a.outcome, a.value) {
        (Outcome::NothingWorks, _) => {
            let what = match a.question {
                Question::MaxInvestment => "no upfront investment",
                _ => "no extra cost per event",
            };
            format!(
                "{what} works: {c} would {to_goal} only if it cost nothing at all (at zero, {} \
                 of trials pay back within {within})",
                percent(a.p_at_zero)
            )
        }
        (Outcome::Found, Some(v)) => match a.question {
            Question::MaxInvestment => format!(
                "{c} may cost up to {} {} upfront ({:.4} × its planned investment, whose mean is \
                 {}) and still {to_goal}",
                whole_money(v),
                a.currency,
                a.scale.unwrap_or_default(),
                whole_money(a.planned_investment.unwrap_or_default())
            ),
            Question::BreakEvenVolume => {
                format!("{c} {goal} from {} {} on", significant(v, 4), a.unit)
            }
            Question::MaxPremium => format!(
                "{c} may cost up to {} {} more per event and still {to_goal}",
                significant(v, 4),
                a.currency
            ),
        },
        (Outcome::Beyond { max }, _) => format!(
            "{c} {goal} at every value searched, up to {} {}: the answer lies beyond",
            significant(max, 4),
            a.unit
        ),
        _ => match a.question {
            Question::BreakEvenVolume => {
                format!("no volume up to 1e12 {} makes {c} {to_goal}", a.unit)
            }
            _ => format!(
                "even at zero, {c} pays back within {within} in only {} of trials (failed \
                 projects never pay back): no value lets it {to_goal}",
                percent(a.p_at_zero)
            ),
        },
    }
}

/// A value of an input in words: `1e15` rather than a row of zeros, four significant digits
/// when not whole.
fn bound(x: f64) -> String {
    if x.abs() >= 1e9 {
        format!("{x:e}")
    } else if x.fract() == 0.0 {
        group(&fmt(x))
    } else {
        significant(x, 4)
    }
}

/// What an input's threshold means, or why there is none.
pub fn explain_threshold(t: &Threshold) -> String {
    let (_, goal) = goal(t.within_months, t.confidence);
    let range = format!("[{}, {}]", bound(t.range[0]), bound(t.range[1]));
    let (c, path) = (&t.candidate, &t.path);
    let within = month_count(t.within_months);
    match (t.finding, t.value, t.direction) {
        (_, Some(v), Some(Direction::AtMost)) => format!(
            "{c} needs {path} at most {} to {goal} (the file has {})",
            bound(v),
            t.as_written
        ),
        (_, Some(v), Some(Direction::AtLeast)) => format!(
            "{c} needs {path} at least {} to {goal} (the file has {})",
            bound(v),
            t.as_written
        ),
        (Finding::Unmoved { p }, ..) => format!(
            "{c} pays back within {within} in {} of trials at every value of {path} in its \
             allowed range {range}: this input does not move it, so {} value makes it {goal}",
            percent(p),
            if p >= t.confidence { "every" } else { "no" }
        ),
        (Finding::Everywhere, ..) => format!(
            "{c} would {goal} at every value of {path} in its allowed range {range}: this input \
             does not decide it"
        ),
        (Finding::Nowhere { best }, ..) => format!(
            "no value of {path} in its allowed range {range} makes {c} {goal}: at best {} of \
             trials pay back within {within}",
            percent(best)
        ),
        _ => format!(
            "whether {c} would {goal} switches more than once over the allowed range {range} of \
             {path}: the answer is not one threshold; `payback sweep` shows the curve"
        ),
    }
}

/// The sentences of `payback solve`: one answer per candidate with its uncertainty.
pub fn answers(answers: &[Answer]) -> String {
    let mut out = String::new();
    for a in answers {
        let _ = writeln!(out, "{}.", explain_answer(a));
        if let (Some(value), Some(interval)) = (a.value, a.interval) {
            let label = format!("answer {} {}", significant(value, 6), a.unit);
            let (goal, run) = ((a.within_months, a.confidence), (a.trials, a.seed));
            out.push_str(&uncertainty(&label, interval, goal, run));
        }
    }
    out
}

/// The sentences of `payback solve --for`: one threshold per candidate with its uncertainty.
pub fn thresholds(answers: &[Threshold]) -> String {
    let mut out = String::new();
    for a in answers {
        let _ = writeln!(out, "{}.", explain_threshold(a));
        if let (Some(value), Some(interval)) = (a.value, a.interval) {
            let label = format!("threshold {}", significant(value, 6));
            let (goal, run) = ((a.within_months, a.confidence), (a.trials, a.seed));
            out.push_str(&uncertainty(&label, interval, goal, run));
        }
    }
    out
}

/// The line under an answer: its value (`label`), its Monte Carlo interval, the goal
/// (T months, confidence q) and the runs (trials, seed).
fn uncertainty(label: &str, [lo, hi]: [f64; 2], goal: (u32, f64), run: (u64, u64)) -> String {
    format!(
        "  {label}; Monte Carlo uncertainty {} to {} (where P(payback ≤ {}) crosses {} ± \
         one standard error); {} trials, seed {}\n",
        significant(lo, 6),
        significant(hi, 6),
        month_count(goal.0),
        percent(goal.1),
        count(run.0),
        run.1
    )
}
