//! Precision goals (`payback run --precision`): the targets as the flag gives them, and how
//! far a run's figures are from them.

use crate::numbers::count;
use crate::results::precision::{Achieved, Figure, PrecisionGoal, Target};
use crate::results::summary::CandidateSummary;

/// The figures a bare target (`--precision 1%`) applies to.
pub const DEFAULT_FIGURES: [Figure; 3] = [Figure::PaybackP50, Figure::NpvMean, Figure::PNever];

/// The targets of a `--precision` list: `1%` (the median payback and the mean NPV within 1 %
/// of their values, P(never) within 1 percentage point), or `NAME=VALUE` items (`payback_p90=2%`,
/// `p_never=0.5pp`), comma-separated, a bare value and names together; the last word on a
/// figure holds. In [`Figure::ALL`]'s order. The error says what is wrong with which item.
pub fn parse_targets(text: &str) -> Result<Vec<Target>, String> {
    let mut targets: Vec<Target> = Vec::new();
    let mut set = |figure: Figure, half_width: f64| {
        targets.retain(|t| t.figure != figure);
        targets.push(Target { figure, half_width });
    };
    for item in text.split(',').map(str::trim) {
        if item.is_empty() {
            return Err(format!(
                "`{text}` has an empty item; give e.g. `1%` or `payback_p50=2%,p_never=0.5pp`"
            ));
        }
        match item.split_once('=') {
            None => {
                for figure in DEFAULT_FIGURES {
                    set(figure, half_width(item, figure)?);
                }
            }
            Some((name, value)) => {
                let name = name.trim();
                let Some(&figure) = Figure::ALL.iter().find(|f| f.name() == name) else {
                    let names: Vec<&str> = Figure::ALL.iter().map(|f| f.name()).collect();
                    return Err(format!(
                        "`{name}` is not a figure a precision target can name; they are: {}",
                        names.join(", ")
                    ));
                };
                set(figure, half_width(value.trim(), figure)?);
            }
        }
    }
    targets.sort_by_key(|t| Figure::ALL.iter().position(|&f| f == t.figure));
    Ok(targets)
}

/// A target's half-width: `2%` or `0.02` (a share of the value, or for P(never) percentage
/// points), `0.5pp` (P(never) only); in (0, 1].
fn half_width(value: &str, figure: Figure) -> Result<f64, String> {
    let (number, scale) = if let Some(n) = value.strip_suffix("pp") {
        if figure.relative() {
            return Err(format!(
                "`{value}` for {}: percentage points are for p_never; give a share of the value, e.g. `1%`",
                figure.name()
            ));
        }
        (n, 0.01)
    } else if let Some(n) = value.strip_suffix('%') {
        (n, 0.01)
    } else {
        (value, 1.0)
    };
    let x = number
        .trim()
        .parse::<f64>()
        .map(|x| x * scale)
        .map_err(|_| format!("`{value}` is not a precision: give e.g. `1%`, `0.01` or `0.5pp`"))?;
    if x > 0.0 && x <= 1.0 {
        Ok(x)
    } else {
        Err(format!(
            "`{value}` for {} is out of range: a half-width must be above 0 and at most 100 %",
            figure.name()
        ))
    }
}

/// Whether `goal` (as a summary records it) is one `--precision` could have given: at least
/// one target, each figure once with a half-width in (0, 1], and `max_trials` in
/// [1, `most_trials`]. The error says what is not.
pub fn check_goal(goal: &PrecisionGoal, most_trials: u64) -> Result<(), String> {
    if goal.targets.is_empty() {
        return Err("has no targets: a precision goal has at least one".into());
    }
    for (i, t) in goal.targets.iter().enumerate() {
        if !(t.half_width > 0.0 && t.half_width <= 1.0) {
            return Err(format!(
                "the half-width {} of {} is out of range: it must be above 0 and at most 1",
                t.half_width,
                t.figure.name()
            ));
        }
        if goal.targets[..i].iter().any(|u| u.figure == t.figure) {
            return Err(format!("names {} twice", t.figure.name()));
        }
    }
    if !(1..=most_trials).contains(&goal.max_trials) {
        return Err(format!(
            "max_trials {} is out of range: must be in [1, {}]",
            count(goal.max_trials),
            count(most_trials)
        ));
    }
    Ok(())
}

/// Every candidate's figure at each target.
pub fn achieved(targets: &[Target], candidates: &[CandidateSummary]) -> Vec<Achieved> {
    candidates
        .iter()
        .flat_map(|c| {
            targets.iter().map(move |t| {
                let half_width = half_width_of(t.figure, c);
                Achieved {
                    candidate: c.name.clone(),
                    figure: t.figure,
                    half_width,
                    met: half_width.is_some_and(|h| h <= t.half_width),
                }
            })
        })
        .collect()
}

/// Whether every figure meets its target.
pub fn converged(achieved: &[Achieved]) -> bool {
    achieved.iter().all(|a| a.met)
}

/// The half-width of a candidate's figure, in its target's terms.
fn half_width_of(figure: Figure, c: &CandidateSummary) -> Option<f64> {
    let payback = |value: Option<f64>, [low, high]: [Option<f64>; 2]| match (value, low, high) {
        // Never, and never at both ends: as sure as it gets.
        (None, None, None) => Some(0.0),
        (Some(v), Some(low), Some(high)) => relative(v, low, high),
        _ => None,
    };
    let p = &c.payback_months;
    match figure {
        Figure::PaybackP10 => payback(p.p10, p.ci95.p10),
        Figure::PaybackP50 => payback(p.p50, p.ci95.p50),
        Figure::PaybackP90 => payback(p.p90, p.ci95.p90),
        Figure::NpvMean => relative(c.npv.mean, c.npv.ci95.mean[0], c.npv.ci95.mean[1]),
        Figure::NpvP50 => relative(c.npv.p50, c.npv.ci95.p50[0], c.npv.ci95.p50[1]),
        Figure::PNever => Some((c.p_never_ci95[1] - c.p_never_ci95[0]) / 2.0),
    }
}

/// Half of `[low, high]` as a share of `value`; 0 for an interval of no width, none for a
/// wider one around 0.
fn relative(value: f64, low: f64, high: f64) -> Option<f64> {
    let half = (high - low) / 2.0;
    if half == 0.0 {
        Some(0.0)
    } else if value == 0.0 {
        None
    } else {
        Some(half / value.abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_target_sets_the_three_default_figures() {
        let t = parse_targets("1%").unwrap();
        let figures: Vec<Figure> = t.iter().map(|t| t.figure).collect();
        assert_eq!(figures, DEFAULT_FIGURES);
        assert!(t.iter().all(|t| t.half_width == 0.01));
    }

    #[test]
    fn named_targets_add_to_and_override_the_bare_one() {
        let t = parse_targets("2%, p_never=0.5pp, payback_p90=0.05").unwrap();
        let pairs: Vec<(&str, f64)> = t.iter().map(|t| (t.figure.name(), t.half_width)).collect();
        assert_eq!(
            pairs,
            [
                ("payback_p50", 0.02),
                ("payback_p90", 0.05),
                ("npv_mean", 0.02),
                ("p_never", 0.005)
            ]
        );
    }

    #[test]
    fn bad_targets_say_what_is_wrong() {
        for (text, says) in [
            ("", "empty item"),
            ("1%,", "empty item"),
            ("npv=1%", "is not a figure"),
            ("payback_p50=1pp", "percentage points are for p_never"),
            ("0", "out of range"),
            ("150%", "out of range"),
            ("-1%", "out of range"),
            ("abc", "is not a precision"),
        ] {
            let e = parse_targets(text).unwrap_err();
            assert!(e.contains(says), "{text}: {e}");
        }
    }
}
