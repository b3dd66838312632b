//! `payback solve`'s search on the email-triage example at its default 100,000 trials: the
//! coarse bracket leaves the full runs only the narrowing, and the answers are the same at one
//! and at two threads, bit for bit.

use payback::analysis::Goal;
use payback::analysis::solve::solve;
use payback::config::Document;
use payback::engine::{Engine, RunSettings, Stop};
use payback::results::solve::{Answer, Question};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

const TRIALS: u64 = 100_000;

/// The answers of `--max-investment` at `threads`, and the trials simulated for them.
fn max_investment(threads: usize) -> (Vec<Answer>, u64) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = Document::load(&root.join("configs/email-triage.toml")).unwrap();
    let settings = RunSettings {
        trials: TRIALS,
        seed: 42,
        threads,
    };
    let engine = Engine::new(threads, Stop::default()).unwrap();
    let simulated = AtomicU64::new(0);
    let goal = Goal {
        confidence: 0.8,
        within: 12.0,
    };
    let answers = solve(
        &engine,
        &doc,
        Question::MaxInvestment,
        None,
        goal,
        settings,
        &|done| {
            simulated.fetch_max(done, Ordering::Relaxed);
        },
    )
    .unwrap();
    (answers, simulated.into_inner())
}

#[test]
fn a_solve_runs_few_full_simulations_and_is_the_same_at_any_thread_count() {
    let (two, simulated) = max_investment(2);
    let (one, _) = max_investment(1);
    assert_eq!(one, two);
    assert_eq!(two.len(), 2);
    for a in &two {
        assert!(a.value.is_some() && a.interval.is_some(), "{a:?}");
    }
    // Per candidate: the run at 0, the two coarse ends, about three probes at q and one or two
    // at each of q ± se, and the run as planned; the coarse searches (a sixteenth of the
    // trials each) about 20 more, in all at most 12 + 24 / 16 full runs. Doubling from the
    // start at full size instead, as the search did before the coarse bracket, took 16 and
    // 15 full runs.
    let most = 2 * (12 * TRIALS + 24 * TRIALS / 16);
    assert!(simulated <= most, "{simulated} trials > {most}");
}
