//! Progress on standard error: a bar (or, when the work's size is not known beforehand, a
//! count) shown once the work has taken a second on a terminal.

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
