//! Progress on standard error: a bar (or, when the work's size is not known beforehand, a
//! count) shown once the work has taken a second on a terminal.

use crate::app::RunPlan;
use crate::results::precision::Achieved;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Instant;

/// A progress bar on standard error, hidden until the work has taken a second: of `trials`
/// when known beforehand, else a count of the trials simulated so far.
pub(super) fn progress_bar(trials: Option<u64>) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(trials, ProgressDrawTarget::hidden());
    let template = if trials.is_some() {
        "{bar:40} {human_pos}/{human_len} trials, {eta} left"
    } else {
        "{spinner} {human_pos} trials simulated, {elapsed}; {msg}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

/// The progress callback of `bar`: sets the trials done, and shows the bar once the work has
/// taken a second on a terminal.
pub(super) fn shown_on(bar: &ProgressBar) -> impl Fn(u64) + Sync + '_ {
    let started = Instant::now();
    move |done: u64| {
        if bar.is_hidden()
            && started.elapsed().as_secs_f64() > 1.0
            && std::io::stderr().is_terminal()
        {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        bar.set_position(done);
    }
}

/// The half-widths a precision run has reached, figure by figure (the farthest candidate's),
/// against their targets: `payback_p50 ±0.42 % (1 %), p_never ±0.30 pp (1 pp)`.
pub(super) fn precision_message(achieved: &[Achieved], plan: &RunPlan) -> String {
    let Some(goal) = &plan.precision else {
        return String::new();
    };
    goal.targets
        .iter()
        .map(|t| {
            let worst = achieved
                .iter()
                .filter(|a| a.figure == t.figure)
                .map(|a| a.half_width.unwrap_or(f64::INFINITY))
                .fold(0.0, f64::max);
            let unit = if t.figure.relative() { "%" } else { "pp" };
            let now = if worst.is_finite() {
                format!("±{:.2} {unit}", 100.0 * worst)
            } else {
                "open".to_string()
            };
            format!(
                "{} {now} ({} {unit})",
                t.figure.name(),
                100.0 * t.half_width
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}
