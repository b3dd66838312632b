//! `payback solve`: the reverse questions, each at a confidence q and a target payback time T.
//! How large may the investment be, how small the volume, how large an extra cost per event,
//! so that P(payback ≤ T) ≥ q? Each answer is found by bisection on a knob of the scenario;
//! every evaluation runs the same trials (common random numbers), so P is a monotone step
//! function of the knob and the bisection is well posed. The Monte Carlo uncertainty of the
//! answer is the interval over which P crosses q ± its standard error `sqrt(q (1 − q) / n)`.
//! The answers are data ([`crate::results::solve`]); `report::answers` says them in words.

use super::bracket::{Bracket, Point};
use super::{Goal, RunCounter, check_goal};
use crate::config::{Document, Override};
use crate::engine::{Engine, RunSettings};
use crate::error::{BadQuestion, QuestionPart};
use crate::results::solve::{Answer, Outcome, Question};
use crate::scenario::{Money, Probability, Scenario};
use std::collections::HashMap;

/// Relative precision of every bisection in the knob, where P does not settle first
/// ([`super::settled_gap`]).
const TOLERANCE: f64 = 1e-7;
/// Most evaluations of one bisection (doubling and halving together).
const MAX_STEPS: usize = 200;
/// A coarse run has this share of the trials (the first of them, so the same draws): its
/// searches find a bracket of the frontier that the full runs then only narrow.
const COARSE_SHARE: u64 = 16;
/// Fewest trials of a coarse run; with fewer, every search runs at the full number.
const COARSE_MIN_TRIALS: u64 = 2_000;
/// Coarse standard errors beyond the outer levels q ± se at which the coarse bracket ends.
const COARSE_MARGIN: f64 = 3.0;

/// Where P(x) ≥ level holds, for a P that moves one way with x.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Frontier {
    /// At this value (the last x that holds, to the tolerance).
    At(f64),
    /// Nowhere in [0, max].
    Nowhere,
    /// Everywhere up to max (only for a P that falls with x).
    Beyond(f64),
}

/// How one frontier is searched for.
#[derive(Debug, Clone, Copy)]
struct Search {
    /// The level P must reach.
    level: Probability,
    /// Whether P rises with x (else it falls).
    rises: bool,
    /// The first guess of the scale of x.
    start: f64,
    /// The largest x looked at.
    max: f64,
    /// Stop when the bracket is this narrow, relative to x.
    tolerance: f64,
    /// Or when P at its good end is within this of the level.
    gap: Probability,
}

/// The largest x in [0, max] with P(x) ≥ level when P falls with x, the smallest when it
/// rises, P given by `p`. `known` are values already run: where two of them bracket the
/// frontier the search starts from the tightest such bracket, else it doubles from `start`.
fn frontier(
    p: &mut dyn FnMut(f64) -> anyhow::Result<Probability>,
    search: Search,
    known: &[Point],
) -> anyhow::Result<Frontier> {
    let Search {
        level,
        rises,
        start,
        max,
        tolerance,
        gap,
    } = search;
    let holds = |point: &Point| point.1 >= level;
    let zero = (0.0, p(0.0)?);
    if rises && holds(&zero) {
        return Ok(Frontier::At(0.0));
    }
    if !rises && !holds(&zero) {
        return Ok(Frontier::Nowhere);
    }
    // Bracket: `good` holds, `bad` does not.
    let (good, bad) = match known_bracket(known, zero, level, rises) {
        Some(bracket) => bracket,
        None => {
            let mut side = zero;
            let mut probe = start.min(max);
            loop {
                let at = (probe, p(probe)?);
                if holds(&at) != rises {
                    // Not yet across: on the side of 0.
                    side = at;
                    if probe >= max {
                        return Ok(if rises {
                            Frontier::Nowhere
                        } else {
                            Frontier::Beyond(max)
                        });
                    }
                    probe = (probe * 2.0).min(max);
                } else if rises {
                    break (at, side);
                } else {
                    break (side, at);
                }
            }
        }
    };
    let floor = start * 1e-12;
    let mut bracket = Bracket::new(good, bad, level);
    for _ in 0..MAX_STEPS {
        let (good, bad) = (bracket.good(), bracket.bad());
        let (lo, hi) = (good.0.min(bad.0), good.0.max(bad.0));
        if hi - lo <= tolerance * hi.max(floor) || good.1 - level <= gap {
            break;
        }
        let x = bracket.probe();
        if x == lo || x == hi {
            break;
        }
        bracket.take((x, p(x)?));
    }
    Ok(Frontier::At(bracket.good().0))
}

/// The tightest (good, bad) bracket of the frontier among the values run (and 0), if two of
/// them bracket it: P moves one way, so the good side is every value that holds.
fn known_bracket(
    known: &[Point],
    zero: Point,
    level: Probability,
    rises: bool,
) -> Option<(Point, Point)> {
    let points = known.iter().copied().chain([zero]);
    // Along x away from 0 when P falls, towards 0 when it rises: holding, then failing.
    let key = |x: f64| if rises { -x } else { x };
    let good = points
        .clone()
        .filter(|p| p.1 >= level)
        .max_by(|a, b| key(a.0).total_cmp(&key(b.0)))?;
    let bad = points
        .filter(|p| p.1 < level && key(p.0) > key(good.0))
        .min_by(|a, b| key(a.0).total_cmp(&key(b.0)))?;
    Some((good, bad))
}

/// Every candidate's (P(payback ≤ T), mean investment) by knob value, each run once.
type Runs = HashMap<u64, Vec<(Probability, Money)>>;

/// The knob of one question for one candidate.
struct Target<'k> {
    doc: &'k Document,
    question: Question,
    option: usize,
    /// Its position among the candidates.
    position: usize,
    volume_path: &'k str,
    within: u32,
}

/// A target's knob run at one number of trials, with the runs made so far.
struct Knob<'k, 'r> {
    target: &'k Target<'k>,
    settings: RunSettings,
    runs: &'k mut RunCounter<'r>,
    /// The runs by value: the volume is one knob for all candidates, the others are each
    /// candidate's own.
    seen: &'k mut Runs,
}

impl Knob<'_, '_> {
    /// The candidate's P(payback ≤ T) and mean investment with the knob at `x`.
    fn at(&mut self, x: f64) -> anyhow::Result<(Probability, Money)> {
        let t = self.target;
        if let Some(found) = self.seen.get(&x.to_bits()) {
            return Ok(found[t.position]);
        }
        let scenario = knob(t.doc, t.question, t.option, t.volume_path, x)?;
        let (p, upfront) = self.runs.p_within(scenario, self.settings, t.within)?;
        let found: Vec<_> = p.into_iter().zip(upfront).collect();
        let here = found[t.position];
        self.seen.insert(x.to_bits(), found);
        Ok(here)
    }

    /// The values run so far with the candidate's P.
    fn known(&self) -> Vec<Point> {
        self.seen
            .iter()
            .map(|(bits, found)| (f64::from_bits(*bits), found[self.target.position].0))
            .collect()
    }

    /// Where P(x) ≥ level holds (see [`frontier`]), starting from the values run so far.
    fn frontier(&mut self, search: Search) -> anyhow::Result<Frontier> {
        let known = self.known();
        frontier(&mut |x| Ok(self.at(x)?.0), search, &known)
    }
}

/// Answers `question` for every candidate (or the one named) of the file, at confidence `q`
/// and target `within` months; `progress` is told the trials simulated so far.
pub fn solve(
    engine: &Engine,
    doc: &Document,
    question: Question,
    candidate: Option<&str>,
    goal: Goal,
    settings: RunSettings,
    progress: &(dyn Fn(u64) + Sync),
) -> anyhow::Result<Vec<Answer>> {
    let base = doc.base();
    let within = check_goal(goal, base.horizon_months)?;
    let q = goal.confidence;
    let chosen = super::chosen_candidates(base, candidate)?;
    let mut runs = RunCounter::new(engine, progress);
    // The full and the coarse runs of the volume, shared by the candidates.
    let mut volume_runs = [Runs::new(), Runs::new()];
    let coarse = RunSettings {
        trials: settings.trials / COARSE_SHARE,
        ..settings
    };
    let mut answers = Vec::new();
    for &(position, option) in &chosen {
        let name = base.options[option].name.clone();
        let target = Target {
            doc,
            question,
            option,
            position,
            volume_path: base.workload.volume_path(),
            within,
        };
        let mut own_runs = [Runs::new(), Runs::new()];
        let [full_seen, coarse_seen] = match question {
            Question::BreakEvenVolume => &mut volume_runs,
            _ => &mut own_runs,
        };
        let (rises, start, max) = match question {
            Question::MaxInvestment => (false, 1.0, 1e6),
            Question::BreakEvenVolume => {
                let mean = base.inputs.get(base.workload.volume).dist.mean();
                (true, if mean > 0.0 { mean } else { 1.0 }, 1e12)
            }
            Question::MaxPremium => (false, 0.01, 1e6),
        };
        let search = |level: f64, trials: u64| Search {
            level: level.clamp(0.0, 1.0),
            rises,
            start,
            max,
            tolerance: TOLERANCE,
            gap: super::settled_gap(q, trials),
        };
        // The coarse bracket: where the coarse P crosses q ± (se + a margin of coarse
        // standard errors), the full P almost surely lies beyond q ± se, so the two values
        // bracket all three full searches.
        let mut ends = Vec::new();
        if coarse.trials >= COARSE_MIN_TRIALS {
            let mut knob = Knob {
                target: &target,
                settings: coarse,
                runs: &mut runs,
                seen: coarse_seen,
            };
            let margin = super::level_se(q, settings.trials)
                + COARSE_MARGIN * super::level_se(q, coarse.trials);
            for level in [q + margin, q - margin] {
                if let Frontier::At(x) = knob.frontier(search(level, coarse.trials))? {
                    ends.push(x);
                }
            }
        }
        let mut knob = Knob {
            target: &target,
            settings,
            runs: &mut runs,
            seen: full_seen,
        };
        for x in ends {
            knob.at(x)?;
        }
        let mut at_level = |level: f64| knob.frontier(search(level, settings.trials));
        let answer = at_level(q)?;
        let se = super::level_se(q, settings.trials);
        let band = [at_level(q + se)?, at_level(q - se)?];
        let planned = match question {
            Question::MaxInvestment => knob.at(1.0)?.1,
            _ => 0.0,
        };
        let zero = knob.at(0.0)?.0;
        answers.push(describe(
            &Context {
                candidate: &name,
                question,
                within,
                q,
                settings,
                currency: &base.currency,
                volume_unit: base.workload.volume_unit(),
                planned,
                p_at_zero: zero,
            },
            answer,
            band,
        ));
    }
    Ok(answers)
}

/// The scenario with the knob of `question` at `x`.
fn knob(
    doc: &Document,
    question: Question,
    option: usize,
    volume_path: &str,
    x: f64,
) -> anyhow::Result<Scenario> {
    let mut scenario = match question {
        Question::BreakEvenVolume => doc
            .variant(&[Override::number(volume_path, x)])
            .map_err(|e| BadQuestion::new(QuestionPart::Question, e.to_string()))?,
        _ => doc.base().clone(),
    };
    let spec = &mut scenario.options[option];
    match question {
        Question::MaxInvestment => match spec.project.as_mut() {
            Some(p) => p.scale = x,
            None => {
                return Err(BadQuestion::new(
                    QuestionPart::Question,
                    format!(
                        "`{}` has no project: there is no investment to scale",
                        spec.name
                    ),
                )
                .into());
            }
        },
        Question::MaxPremium => spec.premium_per_event = x,
        Question::BreakEvenVolume => {}
    }
    Ok(scenario)
}

/// What an answer is about, for its words.
struct Context<'a> {
    candidate: &'a str,
    question: Question,
    within: u32,
    q: Probability,
    settings: RunSettings,
    currency: &'a str,
    /// What the volume counts, per what (`events per day`).
    volume_unit: &'static str,
    /// Mean investment as written (for `max_investment`).
    planned: Money,
    /// P(payback ≤ T) with the knob at 0.
    p_at_zero: Probability,
}

/// The answer with its uncertainty.
fn describe(c: &Context, answer: Frontier, band: [Frontier; 2]) -> Answer {
    let to_value = |x: f64| match c.question {
        Question::MaxInvestment => x * c.planned,
        _ => x,
    };
    let unit = match c.question {
        Question::MaxInvestment => c.currency.to_string(),
        Question::BreakEvenVolume => c.volume_unit.to_string(),
        Question::MaxPremium => format!("{} per event", c.currency),
    };
    // An answer of nothing at all (no investment, no premium) is no answer.
    let nothing_works = |x: f64| match c.question {
        Question::MaxInvestment => to_value(x).round() == 0.0,
        Question::MaxPremium => x == 0.0,
        Question::BreakEvenVolume => false,
    };
    let (value, outcome) = match answer {
        Frontier::At(x) if nothing_works(x) => (None, Outcome::NothingWorks),
        Frontier::At(x) => (Some(to_value(x)), Outcome::Found),
        Frontier::Nowhere => (None, Outcome::Nowhere),
        Frontier::Beyond(max) => (None, Outcome::Beyond { max: to_value(max) }),
    };
    let interval = match (value, band) {
        (Some(_), [Frontier::At(a), Frontier::At(b)]) => {
            let (a, b) = (to_value(a), to_value(b));
            Some([a.min(b), a.max(b)])
        }
        _ => None,
    };
    Answer {
        candidate: c.candidate.to_string(),
        question: c.question,
        within_months: c.within,
        confidence: c.q,
        trials: c.settings.trials,
        seed: c.settings.seed,
        unit,
        value,
        interval,
        outcome,
        currency: c.currency.to_string(),
        planned_investment: (c.question == Question::MaxInvestment).then_some(c.planned),
        p_at_zero: c.p_at_zero,
        scale: match (c.question, answer, value) {
            (Question::MaxInvestment, Frontier::At(x), Some(_)) => Some(x),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    fn search(level: f64, rises: bool, tolerance: f64, gap: f64) -> Search {
        Search {
            level,
            rises,
            start: 1.0,
            max: 1e6,
            tolerance,
            gap,
        }
    }

    /// A P that jumps from 1 to 0 at `threshold` (fixed inputs).
    fn find(threshold: f64, rises: bool) -> Frontier {
        let mut p = |x: f64| {
            let holds = if rises {
                x >= threshold
            } else {
                x <= threshold
            };
            Ok(if holds { 1.0 } else { 0.0 })
        };
        frontier(&mut p, search(0.5, rises, 1e-9, 1e-3), &[]).unwrap()
    }

    #[test]
    fn bisection_finds_the_frontier_either_way() {
        for threshold in [0.003, 0.5, 1.0, 3.7125, 12345.0] {
            for rises in [false, true] {
                let Frontier::At(x) = find(threshold, rises) else {
                    panic!("no frontier for {threshold}")
                };
                assert!(
                    (x - threshold).abs() <= 1e-8 * threshold,
                    "{x} vs {threshold}"
                );
                // The returned value holds.
                assert!(if rises {
                    x >= threshold
                } else {
                    x <= threshold
                });
            }
        }
    }

    /// P(x) = the share of `n` thresholds spread evenly over (1, 3] that are at least x, a
    /// step function as the trials of a run give one; and the values it was asked at.
    fn steps(
        n: usize,
    ) -> (
        impl FnMut(f64) -> anyhow::Result<f64>,
        Rc<RefCell<Vec<f64>>>,
    ) {
        let asked = Rc::new(RefCell::new(Vec::new()));
        let seen = asked.clone();
        let p = move |x: f64| {
            seen.borrow_mut().push(x);
            let above = (1..=n)
                .filter(|&i| 1.0 + 2.0 * i as f64 / n as f64 >= x)
                .count();
            Ok(above as f64 / n as f64)
        };
        (p, asked)
    }

    #[test]
    fn a_bisection_stops_once_p_has_settled_within_the_gap() {
        let n = 10_000;
        let (level, gap) = (0.8, 0.1 * (0.8_f64 * 0.2 / n as f64).sqrt());
        let (mut p, asked) = steps(n);
        let Frontier::At(x) = frontier(&mut p, search(level, false, 1e-7, gap), &[]).unwrap()
        else {
            panic!("no frontier")
        };
        // It holds, and P there is within the gap of the level; the exact frontier is the
        // 8,000th threshold from the top, 1 + 2 · 2,001 / 10,000 = 1.4002.
        let px = p(x).unwrap();
        assert!(px >= level && px - level <= gap, "P({x}) = {px}");
        assert!(
            x <= 1.4002 && 1.4002 - x <= 2.0 * gap + 2.0 / n as f64,
            "{x}"
        );
        // Never settling (a negative gap), it runs on to the value tolerance: more evaluations.
        let settled = asked.borrow().len();
        let (mut p, asked) = steps(n);
        let Frontier::At(fine) = frontier(&mut p, search(level, false, 1e-7, -1.0), &[]).unwrap()
        else {
            panic!("no frontier")
        };
        assert!(fine <= 1.4002 && 1.4002 - fine <= 1e-6, "{fine}");
        let fine_count = asked.borrow().len();
        assert!(settled + 8 <= fine_count, "{settled} vs {fine_count}");
    }

    #[test]
    fn a_bracket_among_the_values_run_skips_the_doubling() {
        let (mut p, asked) = steps(1000);
        let known = [
            (1.5, p(1.5).unwrap()),
            (2.0, p(2.0).unwrap()),
            (2.9, p(2.9).unwrap()),
        ];
        asked.borrow_mut().clear();
        // Level 0.4: the frontier is the 400th threshold from the top, 1 + 2 · 601 / 1,000 =
        // 2.202, between the known 2.0 (P = 0.501) and 2.9 (P = 0.051).
        let Frontier::At(x) = frontier(&mut p, search(0.4, false, 1e-3, 0.0), &known).unwrap()
        else {
            panic!("no frontier")
        };
        assert!(x <= 2.202 && 2.202 - x <= 2.3e-3, "{x}");
        // Besides 0, every value asked is inside the known bracket: no doubling from 1.
        let asked = asked.borrow();
        assert_eq!(asked[0], 0.0);
        assert!(asked[1..].iter().all(|&x| x > 2.0 && x < 2.9), "{asked:?}");
    }

    #[test]
    fn no_frontier_in_range_is_said() {
        assert_eq!(find(-1.0, false), Frontier::Nowhere);
        assert_eq!(find(2e6, true), Frontier::Nowhere);
        assert_eq!(find(2e6, false), Frontier::Beyond(1e6));
        assert_eq!(find(0.0, true), Frontier::At(0.0));
    }
}
