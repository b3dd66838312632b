//! `payback solve --for PATH`: the value of any numeric input (set to a constant) at which a
//! candidate's P(payback ≤ T) crosses q. "What error rate must the fine-tune reach?", "what
//! API price makes it pointless?". Every evaluation runs the same trials (common random
//! numbers), so P moves with the value only. The search first looks at the input's whole
//! allowed range on a coarse grid, which tells the direction (the goal is met at or below the
//! threshold, or at or above it), or that every value or none meets it; then it bisects the
//! one bracket where the goal switches. The Monte Carlo interval is where P crosses q ± its
//! standard error `sqrt(q (1 − q) / n)`, as for the other reverse questions. The thresholds
//! are data ([`crate::results::solve`]); `report::answers` says them in words.

use super::bracket::{Bracket, Point};
use super::{Goal, RunCounter};
use crate::config::{Document, Domain, Override};
use crate::distribution::fmt;
use crate::engine::{Engine, RunSettings};
use crate::error::{BadQuestion, QuestionPart};
use crate::numbers::group;
use crate::results::solve::{Direction, Finding, Threshold};
use crate::scenario::Probability;
use std::collections::HashMap;

/// Points of the first look over the input's range (both ends included).
const GRID: usize = 9;
/// Relative precision of the bisection, on the scale of the input, where P does not settle
/// first ([`super::settled_gap`]).
const TOLERANCE: f64 = 1e-6;
/// Most bisection steps of one threshold.
const MAX_STEPS: usize = 100;

/// Where the goal switches over the range, for one candidate at one level.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Switch {
    /// Between the last value that meets the goal and the first that does not (either order).
    Between { good: f64, bad: f64 },
    /// Every value looked at meets the goal.
    Everywhere,
    /// No value looked at meets it; the best P seen.
    Nowhere(Probability),
    /// The goal switches more than once over the grid: P does not move one way.
    NotMonotone,
    /// P is the same at every value looked at: the input does not move it (another option's
    /// input, or one that only matters beyond the target).
    Unmoved(Probability),
}

/// P(payback ≤ T) of every candidate at input values, each run once and kept.
struct Evaluations<'a> {
    doc: &'a Document,
    path: &'a str,
    settings: RunSettings,
    within: u32,
    runs: RunCounter<'a>,
    seen: HashMap<u64, Vec<Probability>>,
}

impl Evaluations<'_> {
    /// Every candidate's P(payback ≤ T) with the input at `x`.
    fn at(&mut self, x: f64) -> anyhow::Result<&[Probability]> {
        if !self.seen.contains_key(&x.to_bits()) {
            let set = [Override::number(self.path, x)];
            let scenario = self.doc.variant(&set).map_err(|e| {
                BadQuestion::new(
                    QuestionPart::Input,
                    format!("{} = {}: {}", self.path, group(&fmt(x)), e.message),
                )
            })?;
            let (p, _) = self.runs.p_within(scenario, self.settings, self.within)?;
            self.seen.insert(x.to_bits(), p);
        }
        Ok(&self.seen[&x.to_bits()])
    }
}

/// The input as the file gives it: its mean and in words (`None` when the file gives no
/// value at `path`, as for a fixed month where it gives a hazard).
fn as_written(doc: &Document, path: &str) -> Option<(f64, String)> {
    let base = doc.base();
    if let Some(input) = base.inputs.iter().find(|i| i.path == path) {
        return Some((input.dist.mean(), input.dist.describe()));
    }
    let x = if path == "scenario.discount_rate" {
        base.discount_rate
    } else {
        doc.written_number(path)?
    };
    Some((x, group(&fmt(x))))
}

/// The input's scale for the search: its mean's size, or the range's when the mean is 0.
fn scale_of(mean: f64, lo: f64, hi: f64) -> f64 {
    if mean != 0.0 && mean.is_finite() {
        mean.abs()
    } else {
        ((hi - lo) * 1e-3).max(1e-9)
    }
}

/// Whether the scenario allows the input at `path` to be `x`.
fn allows(doc: &Document, path: &str, x: f64) -> bool {
    doc.variant(&[Override::number(path, x)]).is_ok()
}

/// The values of the input this scenario allows: its field's range, narrowed where other
/// fields limit it (a growth compounding beyond what the horizon allows): from a value that is
/// allowed (the input's mean, else the first of a grid), each end that is not allowed is
/// bisected to the last value that is.
fn allowed_range(
    doc: &Document,
    path: &str,
    domain: Domain,
    mean: f64,
    s: f64,
) -> anyhow::Result<(f64, f64)> {
    let (lo, hi) = (domain.lowest(), domain.highest());
    let (u_lo, u_hi) = (to_u(lo, s), to_u(hi, s));
    let mean = mean.clamp(lo, hi);
    let inside = std::iter::once(mean)
        .chain(
            (0..=32).map(|i| from_u(u_lo + (u_hi - u_lo) * f64::from(i) / 32.0, s).clamp(lo, hi)),
        )
        .find(|&x| allows(doc, path, x));
    let Some(inside) = inside else {
        let e = doc.variant(&[Override::number(path, mean)]).unwrap_err();
        return Err(BadQuestion::new(
            QuestionPart::Input,
            format!(
                "no value of {path} can be set in this scenario: {}",
                e.message
            ),
        )
        .into());
    };
    let edge = |end: f64| {
        if allows(doc, path, end) {
            return end;
        }
        let (mut good, mut bad) = (to_u(inside, s), to_u(end, s));
        let whole = domain.is_whole();
        for _ in 0..60 {
            let mid = 0.5 * (good + bad);
            let x = from_u(mid, s).clamp(lo, hi);
            if allows(doc, path, if whole { x.round() } else { x }) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        let x = from_u(good, s).clamp(lo, hi);
        if whole { x.round() } else { x }
    };
    Ok((edge(lo), edge(hi)))
}

/// The search coordinate: `u = asinh(x / s)`, linear near 0 and logarithmic for large values,
/// so a grid and a bisection reach small thresholds in a range as wide as [0, 1e15].
fn to_u(x: f64, s: f64) -> f64 {
    (x / s).asinh()
}

fn from_u(u: f64, s: f64) -> f64 {
    s * u.sinh()
}

/// Finds, for every candidate (or the one named) of the file, the value of the input at
/// `path` at which P(payback ≤ `within`) crosses `q`; `progress` is told the trials done.
pub fn solve_for(
    engine: &Engine,
    doc: &Document,
    path: &str,
    candidate: Option<&str>,
    goal: Goal,
    settings: RunSettings,
    progress: &(dyn Fn(u64) + Sync),
) -> anyhow::Result<Vec<Threshold>> {
    let base = doc.base();
    let within = super::check_goal(goal, base.horizon_months)?;
    let q = goal.confidence;
    let domain = doc.domain_of(path).ok_or_else(|| {
        BadQuestion::new(
            QuestionPart::Input,
            format!(
                "`{path}` is not a numeric input of this scenario; give the dotted path of a \
                 number the file writes or whose default it uses (such as \
                 options.NAME.project.success), or scenario.discount_rate"
            ),
        )
    })?;
    let chosen = super::chosen_candidates(base, candidate)?;
    let (mean, written) = as_written(doc, path).map_or_else(
        || (domain.lowest(), "no value for it".to_string()),
        |(mean, words)| (mean, words),
    );
    let s = scale_of(mean, domain.lowest(), domain.highest());
    let (lo, hi) = allowed_range(doc, path, domain, mean, s)?;
    let (u_lo, u_hi) = (to_u(lo, s), to_u(hi, s));
    let whole = domain.is_whole();
    let mut grid: Vec<f64> = (0..GRID)
        .map(|i| match i {
            0 => lo,
            i if i == GRID - 1 => hi,
            i => {
                let x = from_u(u_lo + (u_hi - u_lo) * i as f64 / (GRID - 1) as f64, s);
                if whole { x.round() } else { x }.clamp(lo, hi)
            }
        })
        .collect();
    grid.dedup();
    let mut evals = Evaluations {
        doc,
        path,
        settings,
        within,
        runs: RunCounter::new(engine, progress),
        seen: HashMap::new(),
    };
    let se = super::level_se(q, settings.trials);
    let gap = super::settled_gap(q, settings.trials);
    let mut answers = Vec::new();
    for (position, option) in chosen {
        let mut find = |level: f64| -> anyhow::Result<(Switch, Option<f64>)> {
            let level = level.clamp(0.0, 1.0);
            let switch = locate(&mut evals, &grid, position, level)?;
            let value = match switch {
                Switch::Between { good, bad } => {
                    let bracket = [good, bad];
                    Some(narrow(&mut evals, position, level, bracket, s, whole, gap)?)
                }
                _ => None,
            };
            Ok((switch, value))
        };
        let (switch, value) = find(q)?;
        let band = [find(q + se)?.1, find(q - se)?.1];
        let direction = match switch {
            Switch::Between { good, bad } if good < bad => Some(Direction::AtMost),
            Switch::Between { .. } => Some(Direction::AtLeast),
            _ => None,
        };
        // A band level met nowhere (the stricter one) or everywhere (the looser one) puts that
        // end of the interval at the end of the range.
        let ends = match direction {
            Some(Direction::AtMost) => [lo, hi],
            _ => [hi, lo],
        };
        let interval = value.map(|_| {
            let [a, b] = [band[0].unwrap_or(ends[0]), band[1].unwrap_or(ends[1])];
            [a.min(b), a.max(b)]
        });
        answers.push(Threshold {
            candidate: base.options[option].name.clone(),
            path: path.to_string(),
            value,
            interval,
            direction,
            trials: settings.trials,
            seed: settings.seed,
            within_months: within,
            confidence: q,
            range: [lo, hi],
            finding: match switch {
                Switch::Between { .. } => Finding::Threshold,
                Switch::Unmoved(p) => Finding::Unmoved { p },
                Switch::Everywhere => Finding::Everywhere,
                Switch::Nowhere(best) => Finding::Nowhere { best },
                Switch::NotMonotone => Finding::NotMonotone,
            },
            as_written: written.clone(),
        });
    }
    Ok(answers)
}

/// Where, over the grid, the goal P ≥ `level` of the candidate at `position` switches.
fn locate(
    evals: &mut Evaluations,
    grid: &[f64],
    position: usize,
    level: f64,
) -> anyhow::Result<Switch> {
    let mut holds = Vec::with_capacity(grid.len());
    let (mut best, mut worst): (Probability, Probability) = (0.0, 1.0);
    for &x in grid {
        let p = evals.at(x)?[position];
        (best, worst) = (best.max(p), worst.min(p));
        holds.push(p >= level);
    }
    if best == worst {
        return Ok(Switch::Unmoved(best));
    }
    let switches: Vec<usize> = (1..grid.len())
        .filter(|&i| holds[i] != holds[i - 1])
        .collect();
    Ok(match switches.as_slice() {
        [] if holds[0] => Switch::Everywhere,
        [] => Switch::Nowhere(best),
        [i] if holds[*i - 1] => Switch::Between {
            good: grid[*i - 1],
            bad: grid[*i],
        },
        [i] => Switch::Between {
            good: grid[*i],
            bad: grid[*i - 1],
        },
        _ => Switch::NotMonotone,
    })
}

/// Narrows the bracket between a value that meets the goal of the candidate at `position` and
/// one that does not ([`Bracket`], on the search coordinate) until they are within the
/// tolerance (adjacent, for whole numbers) or P at the one that meets it is within `gap` of
/// the level; returns that value.
fn narrow(
    evals: &mut Evaluations,
    position: usize,
    level: f64,
    [mut good, mut bad]: [f64; 2],
    s: f64,
    whole: bool,
    gap: Probability,
) -> anyhow::Result<f64> {
    // Start from the tightest bracket the values already run give (those of other levels and
    // candidates): P moves one way inside the bracket.
    let inside = |x: f64, a: f64, b: f64| x > a.min(b) && x < a.max(b);
    let mut known: Vec<(f64, bool)> = evals
        .seen
        .iter()
        .map(|(bits, p)| (f64::from_bits(*bits), p[position] >= level))
        .filter(|&(x, _)| inside(x, good, bad))
        .collect();
    known.sort_by(|a, b| (a.0 - bad).abs().total_cmp(&(b.0 - bad).abs()));
    if let Some(&(x, _)) = known.iter().find(|(_, meets)| *meets) {
        good = x;
    }
    known.sort_by(|a, b| (a.0 - good).abs().total_cmp(&(b.0 - good).abs()));
    if let Some(&(x, _)) = known
        .iter()
        .find(|&&(x, meets)| !meets && inside(x, good, bad))
    {
        bad = x;
    }
    let point = |evals: &mut Evaluations, x: f64| -> anyhow::Result<Point> {
        Ok((to_u(x, s), evals.at(x)?[position]))
    };
    let mut bracket = Bracket::new(point(evals, good)?, point(evals, bad)?, level);
    for _ in 0..MAX_STEPS {
        let width = (good - bad).abs();
        if width <= TOLERANCE * good.abs().max(bad.abs()).max(s * 1e-3) || whole && width <= 1.0 {
            break;
        }
        if bracket.good().1 - level <= gap {
            break;
        }
        let mut next = from_u(bracket.probe(), s);
        if whole {
            // Near the ends the probe may round onto one: step one toward the other.
            next = next.round();
            if next == good || next == bad {
                next = good + (bad - good).signum();
            }
        }
        // Rounding may put the probe on an end when they are a few ulps apart.
        if next == good || next == bad {
            break;
        }
        let at = point(evals, next)?;
        if at.1 >= level {
            good = next;
        } else {
            bad = next;
        }
        bracket.take(at);
    }
    Ok(good)
}
