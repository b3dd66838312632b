//! `payback solve`: the reverse questions, each at a confidence q and a target payback time T.
//! How large may the investment be, how small the volume, how large an extra cost per event,
//! so that P(payback ≤ T) ≥ q? Each answer is found by bisection on a knob of the scenario;
//! every evaluation runs the same trials (common random numbers), so P is a monotone step
//! function of the knob and the bisection is well posed. The Monte Carlo uncertainty of the
//! answer is the interval over which P crosses q ± its standard error `sqrt(q (1 − q) / n)`.
//! The answers are data ([`crate::results::solve`]); `report::answers` says them in words.

use super::{Goal, RunCounter, check_goal};
use crate::config::{Document, Override};
use crate::engine::{Engine, RunSettings};
use crate::error::{BadQuestion, QuestionPart};
use crate::results::solve::{Answer, Outcome, Question};
use crate::scenario::{Money, Probability, Scenario};
use std::collections::HashMap;

/// Relative precision of every bisection.
const TOLERANCE: f64 = 1e-7;
/// Most evaluations of one bisection (doubling and halving together).
const MAX_STEPS: usize = 200;

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

/// The largest x in [0, max] with `holds(x)` when `rises` is false (holds falls with x), the
/// smallest when it is true; `start` is the first guess of the scale of x.
fn frontier(
    holds: &mut dyn FnMut(f64) -> anyhow::Result<bool>,
    rises: bool,
    start: f64,
    max: f64,
    tolerance: f64,
) -> anyhow::Result<Frontier> {
    let zero_holds = holds(0.0)?;
    if rises && zero_holds {
        return Ok(Frontier::At(0.0));
    }
    if !rises && !zero_holds {
        return Ok(Frontier::Nowhere);
    }
    // Bracket: `good` holds, `bad` does not.
    let (mut good, mut bad) = (0.0, start.min(max));
    if rises {
        std::mem::swap(&mut good, &mut bad);
    }
    let mut probe = start.min(max);
    loop {
        if holds(probe)? != rises {
            // Not yet across: on the side of 0.
            if rises {
                bad = probe;
            } else {
                good = probe;
            }
            if probe >= max {
                return Ok(if rises {
                    Frontier::Nowhere
                } else {
                    Frontier::Beyond(max)
                });
            }
            probe = (probe * 2.0).min(max);
        } else {
            if rises {
                good = probe;
            } else {
                bad = probe;
            }
            break;
        }
    }
    let floor = start * 1e-12;
    for _ in 0..MAX_STEPS {
        let (lo, hi) = if good < bad { (good, bad) } else { (bad, good) };
        if hi - lo <= tolerance * hi.max(floor) {
            break;
        }
        let mid = 0.5 * (lo + hi);
        if holds(mid)? {
            good = mid;
        } else {
            bad = mid;
        }
    }
    Ok(Frontier::At(good))
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
    let volume_path = base.workload.volume_path();
    // Every candidate's (P(payback ≤ T), mean investment) by knob value: the volume is one
    // knob for all candidates, the others are each candidate's own.
    let mut volume_cache: HashMap<u64, Vec<(Probability, Money)>> = HashMap::new();
    let mut answers = Vec::new();
    for &(position, option) in &chosen {
        let name = base.options[option].name.clone();
        let mut own_cache: HashMap<u64, Vec<(Probability, Money)>> = HashMap::new();
        let mut evaluate = |x: f64| -> anyhow::Result<(Probability, Money)> {
            let cache = match question {
                Question::BreakEvenVolume => &mut volume_cache,
                _ => &mut own_cache,
            };
            if let Some(found) = cache.get(&x.to_bits()) {
                return Ok(found[position]);
            }
            let scenario = knob(doc, question, option, volume_path, x)?;
            let (p, upfront) = runs.p_within(scenario, settings, within)?;
            let found: Vec<_> = p.into_iter().zip(upfront).collect();
            let here = found[position];
            cache.insert(x.to_bits(), found);
            Ok(here)
        };
        let se = (q * (1.0 - q) / settings.trials as f64).sqrt();
        let (rises, start, max) = match question {
            Question::MaxInvestment => (false, 1.0, 1e6),
            Question::BreakEvenVolume => {
                let mean = base.inputs.get(base.workload.volume).dist.mean();
                (true, if mean > 0.0 { mean } else { 1.0 }, 1e12)
            }
            Question::MaxPremium => (false, 0.01, 1e6),
        };
        let mut at_level = |level: f64| {
            let level = level.clamp(0.0, 1.0);
            frontier(
                &mut |x| Ok(evaluate(x)?.0 >= level),
                rises,
                start,
                max,
                TOLERANCE,
            )
        };
        let answer = at_level(q)?;
        let band = [at_level(q + se)?, at_level(q - se)?];
        let planned = match question {
            Question::MaxInvestment => evaluate(1.0)?.1,
            _ => 0.0,
        };
        let zero = evaluate(0.0)?.0;
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

    fn find(threshold: f64, rises: bool) -> Frontier {
        let mut holds = |x: f64| {
            Ok(if rises {
                x >= threshold
            } else {
                x <= threshold
            })
        };
        frontier(&mut holds, rises, 1.0, 1e6, 1e-9).unwrap()
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

    #[test]
    fn no_frontier_in_range_is_said() {
        assert_eq!(find(-1.0, false), Frontier::Nowhere);
        assert_eq!(find(2e6, true), Frontier::Nowhere);
        assert_eq!(find(2e6, false), Frontier::Beyond(1e6));
        assert_eq!(find(0.0, true), Frontier::At(0.0));
    }
}
