//! Page one of the memo, all a decision-maker needs to act: the decision in a sentence with its
//! payback range, P(never) and why, and the expected NPV against staying; the options in one
//! compact table; the downside and the head-to-head of the top two; the three biggest risks in
//! words with what would mitigate each, and what to measure first; how sure the numbers are.
//! Names are in words (no dotted paths) and amounts in three significant figures.

use super::factors::{Names, mitigation};
use super::format::{IRR_SHOWN_UP_TO, count, none_of, percent, percent_err, share_or_none};
use super::memo::Block;
use crate::numbers::short_amount;
use crate::results::sensitivity::FactorEffect;
use crate::results::solve::{Direction, Finding};
use crate::results::summary::{CandidateSummary, HeadToHead, Summary};
use crate::scenario::FactorKind;

/// Risks named on page one.
const RISKS: usize = 3;
/// A leader's chance of losing money this much (absolute) above the runner-up's is a trade the
/// recommendation names.
const MATERIAL_DOWNSIDE: f64 = 0.05;

/// The blocks of page one.
pub fn executive_summary(s: &Summary) -> Vec<Block> {
    let baseline = baseline_name(s);
    let leader = leading_candidate(s);
    let mut blocks = vec![Block::Heading(2, "Summary".into())];
    match leader {
        Some(c) => blocks.push(Block::Paragraph(choose(s, c, &baseline))),
        None => blocks.push(Block::Paragraph(stay(s, &baseline))),
    }
    blocks.push(options_table(s, &baseline));
    blocks.extend(cost_of_staying(s, &baseline).map(Block::Paragraph));
    blocks.push(Block::Paragraph("The downside:".into()));
    blocks.push(Block::List(downside(s, leader.is_none())));
    let focus = leader.or_else(|| best_candidate(s));
    if let Some(c) = focus {
        let risks = risks(s, c);
        if !risks.is_empty() {
            blocks.push(Block::Paragraph(format!(
                "The biggest risks of {}, and what would reduce them:",
                Names::of(s).option(&c.name)
            )));
            blocks.push(Block::List(risks));
        }
    }
    if let Some(line) = measure_first(s) {
        blocks.push(Block::Paragraph(line));
    }
    blocks.push(Block::Paragraph(how_sure(s, focus)));
    blocks
}

/// Cost parts named on page one; the others are said together.
const NAMED_COST_PARTS: usize = 4;

/// What staying costs, by its largest parts (the full breakdown is in section 1).
fn cost_of_staying(s: &Summary, baseline: &str) -> Option<String> {
    let pe = &s.point_estimate;
    let total = pe.baseline_monthly_cost;
    if total <= 0.0 {
        return None;
    }
    let mut parts: Vec<_> = pe
        .baseline_cost_parts
        .iter()
        .filter(|p| p.monthly > 0.0)
        .collect();
    parts.sort_by(|a, b| b.monthly.total_cmp(&a.monthly));
    let mut said: Vec<String> = parts
        .iter()
        .take(NAMED_COST_PARTS)
        .map(|p| format!("{} {}", p.name, percent(p.monthly / total)))
        .collect();
    if parts.len() > NAMED_COST_PARTS {
        let rest: f64 = parts[NAMED_COST_PARTS..].iter().map(|p| p.monthly).sum();
        said.push(format!("the rest {}", percent(rest / total)));
    }
    let parts = if said.len() > 1 {
        format!(" ({})", said.join(", "))
    } else {
        String::new()
    };
    Some(format!(
        "The cost of doing nothing: staying with {baseline} costs about {} a month today{parts} \
         and {} over the {} months (point estimate, section 1).",
        cash(s, total),
        cash(s, pe.baseline_cost_over_horizon),
        s.horizon_months
    ))
}

/// The baseline's name.
fn baseline_name(s: &Summary) -> String {
    s.candidates.first().map_or_else(
        || "the baseline".into(),
        |c| Names::of(s).option(&c.baseline),
    )
}

/// The candidate to recommend: the top of the expected-NPV ranking when it is a candidate with
/// a positive expected NPV; `None` when staying is best.
fn leading_candidate(s: &Summary) -> Option<&CandidateSummary> {
    let top = s.expected_npv_ranking.first()?;
    s.candidates
        .iter()
        .find(|c| c.name == top.name)
        .filter(|_| top.mean_npv > 0.0)
}

/// The candidate with the highest expected NPV, positive or not.
fn best_candidate(s: &Summary) -> Option<&CandidateSummary> {
    s.expected_npv_ranking
        .iter()
        .find_map(|r| s.candidates.iter().find(|c| c.name == r.name))
}

/// An amount in the scenario's currency, three significant figures.
fn cash(s: &Summary, x: f64) -> String {
    format!("{} {}", short_amount(x), s.currency)
}

/// Months with one decimal, or "never".
fn months(m: Option<f64>) -> String {
    m.map_or_else(|| "never".into(), |m| format!("{m:.1}"))
}

/// A share of the trials; zero said as "none of N trials".
fn share(s: &Summary, p: f64) -> String {
    if p == 0.0 {
        none_of(s.trials)
    } else {
        percent(p)
    }
}

/// Why a candidate never pays back: how much of P(never) the project's failure explains.
fn never_reason(c: &CandidateSummary) -> String {
    let failing = 1.0 - c.p_success;
    if failing <= 0.0 {
        return String::new();
    }
    if failure_explains_never(c) {
        ", all of it from the project failing".into()
    } else {
        format!(
            ", {} from the project failing and the rest because the savings do not cover the \
             investment within the horizon",
            percent(failing)
        )
    }
}

/// Whether the candidate invests nothing in any trial: its cash starts at zero, which counts
/// as paid back at month 0 whatever follows, so a payback time says nothing about it.
pub(super) fn no_investment(c: &CandidateSummary) -> bool {
    c.upfront.p10 == 0.0 && c.upfront.p90 == 0.0 && c.upfront.mean == 0.0
}

/// Whether the project's failure explains all of P(never): they differ by at most 3 standard
/// errors of P(never).
pub(super) fn failure_explains_never(c: &CandidateSummary) -> bool {
    let failing = 1.0 - c.p_success;
    failing > 0.0 && (c.p_never - failing).abs() <= 3.0 * c.p_never_stderr.max(1e-12)
}

/// The recommendation when a candidate leads.
fn choose(s: &Summary, c: &CandidateSummary, baseline: &str) -> String {
    let p = &c.payback_months;
    let never = if c.p_never == 0.0 {
        format!(
            "; it paid back within {} months in every one of {} trials",
            s.horizon_months,
            count(s.trials)
        )
    } else {
        format!(
            "; in {} of trials it never pays back within {} months{}",
            percent(c.p_never),
            s.horizon_months,
            never_reason(c)
        )
    };
    let mut text = format!(
        "Recommendation: choose {} over staying with {baseline}. Its expected NPV against staying \
         is {} (P10 {}, P90 {}); it pays back in {} months at the median (P10 {}, P90 {}){never}.",
        Names::of(s).option(&c.name),
        cash(s, c.npv.mean),
        cash(s, c.npv.p10),
        cash(s, c.npv.p90),
        months(p.p50),
        months(p.p10),
        months(p.p90),
    );
    let d = &c.downside;
    if d.p_npv_negative == 0.0 {
        text.push_str(&format!(
            " It loses money in {}; its worst 10 % of trials still gain {} on average.",
            share(s, 0.0),
            cash(s, d.worst_10pct_mean_npv)
        ));
    } else {
        text.push_str(&format!(
            " It loses money in {} of trials, and its worst 10 % of trials average {}.",
            percent(d.p_npv_negative),
            cash(s, d.worst_10pct_mean_npv)
        ));
    }
    if let Some((runner, pair)) = runner_up(s, c) {
        text.push_str(&format!(
            " Against the runner-up, {}, it has the higher NPV in {} of trials; the difference \
             is {} at P10, {} at the median and {} at P90.",
            Names::of(s).option(&runner.name),
            percent(pair.p_a_beats_b),
            cash(s, pair.npv_difference.p10),
            cash(s, pair.npv_difference.p50),
            cash(s, pair.npv_difference.p90),
        ));
        let [low, high] = pair.npv_difference.ci95.mean;
        if low <= 0.0 && 0.0 <= high {
            text.push_str(&format!(
                " On expected NPV the two cannot be told apart on these trials: the 95 % \
                 interval of the expected difference, {} to {}, holds zero (more trials would \
                 narrow it).",
                short_amount(low),
                cash(s, high)
            ));
        }
        let (mine, theirs) = (d.p_npv_negative, runner.downside.p_npv_negative);
        if mine - theirs > MATERIAL_DOWNSIDE {
            text.push_str(&format!(
                " That is the trade: {} more expected NPV for a {} chance of losing money, \
                 where {} loses money in {}.",
                cash(s, pair.npv_difference.mean),
                percent(mine),
                Names::of(s).option(&runner.name),
                if theirs == 0.0 {
                    share(s, 0.0)
                } else {
                    format!("{} of trials", percent(theirs))
                }
            ));
        }
    }
    text
}

/// The runner-up candidate to `c` in the ranking and their head-to-head, when the runner-up is
/// a candidate.
fn runner_up<'s>(
    s: &'s Summary,
    c: &CandidateSummary,
) -> Option<(&'s CandidateSummary, &'s HeadToHead)> {
    let second = s.expected_npv_ranking.get(1)?;
    let runner = s.candidates.iter().find(|r| r.name == second.name)?;
    let pair = s
        .head_to_head
        .iter()
        .find(|h| h.a == c.name && h.b == runner.name)?;
    Some((runner, pair))
}

/// The recommendation when staying is best.
fn stay(s: &Summary, baseline: &str) -> String {
    let mut text = format!(
        "Recommendation: stay with {baseline}. No candidate has a positive expected NPV over {} \
         months.",
        s.horizon_months
    );
    if let Some(c) = best_candidate(s) {
        text.push_str(&format!(
            " The best of them, {}, has an expected NPV of {} against staying (P10 {}, P90 {}), \
             loses money in {} of trials and never pays back in {}{}.",
            Names::of(s).option(&c.name),
            cash(s, c.npv.mean),
            cash(s, c.npv.p10),
            cash(s, c.npv.p90),
            percent(c.downside.p_npv_negative),
            percent(c.p_never),
            never_reason(c)
        ));
        let thresholds = break_evens(s);
        if !thresholds.is_empty() {
            text.push_str(&format!(" What would change the decision: {thresholds}."));
        } else if let Some(turn) = what_would_change(s, c) {
            text.push(' ');
            text.push_str(&turn);
        }
    }
    if let Some(risks) = risks_of_staying(s) {
        text.push(' ');
        text.push_str(&risks);
    }
    text
}

/// The thresholds of `what_would_change` in words, joined: at which value of each input the
/// best candidate would meet the goal, or that none would.
fn break_evens(s: &Summary) -> String {
    let said: Vec<String> = s
        .what_would_change
        .iter()
        .filter_map(|t| {
            let name = Names::of(s).input(&t.path, FactorKind::Input);
            let goal = format!(
                "pay back within {} months in {} of trials",
                t.within_months,
                percent(t.confidence)
            );
            let c = Names::of(s).option(&t.candidate);
            match (t.finding, t.value, t.direction) {
                (_, Some(v), Some(Direction::AtMost)) => Some(format!(
                    "{c} would {goal} if {name} were at most {} (the file has {})",
                    short_amount(v),
                    t.as_written
                )),
                (_, Some(v), Some(Direction::AtLeast)) => Some(format!(
                    "{c} would {goal} if {name} were at least {} (the file has {})",
                    short_amount(v),
                    t.as_written
                )),
                (Finding::Nowhere { best }, ..) => Some(format!(
                    "no value of {name} alone makes {c} {goal} (at best {})",
                    percent(best)
                )),
                _ => None,
            }
        })
        .collect();
    said.join("; ")
}

/// The risks of staying that the file gives: the baseline's own deprecation and price trend.
fn risks_of_staying(s: &Summary) -> Option<String> {
    let baseline = s.candidates.first()?.baseline.as_str();
    let own = |field: &str| {
        let prefix = format!("options.{baseline}.{field}");
        s.assumptions.iter().find(|a| a.path.starts_with(&prefix))
    };
    let mut risks = Vec::new();
    if let Some(a) = own("deprecation.hazard_per_year") {
        risks.push(format!(
            "the vendor may retire its model ({} a year in the file)",
            a.in_words
        ));
    } else if let Some(a) = own("deprecation.at_month") {
        risks.push(format!(
            "the vendor retires its model in month {}",
            a.in_words
        ));
    }
    if let Some(a) = own("price_change_per_year") {
        risks.push(format!("its price changes by {} a year", a.in_words));
    }
    (!risks.is_empty()).then(|| {
        format!(
            "Staying has risks of its own, which the figures include: {}.",
            risks.join(", and ")
        )
    })
}

/// What would make the best candidate worth it: the factor whose good tenth lifts its mean NPV
/// above zero, if one does.
fn what_would_change(s: &Summary, c: &CandidateSummary) -> Option<String> {
    let sensitivity = s.sensitivity.iter().find(|x| x.candidate == c.name)?;
    let e = sensitivity
        .factors
        .iter()
        .filter(|e| e.is_signal())
        .find(|e| e.low.mean_npv.max(e.high.mean_npv) > 0.0)?;
    let good = if e.npv_swing > 0.0 { &e.high } else { &e.low };
    Some(format!(
        "What would change the decision: where {} is in its best tenth{}, {} has a mean NPV \
         of {}; measuring it comes first.",
        Names::of(s).input(&e.path, e.kind),
        edge_words(e, e.npv_swing > 0.0),
        Names::of(s).option(&c.name),
        cash(s, good.mean_npv)
    ))
}

/// "(600 or more)" for an input's tenth: at or above its high edge, or at or below its low one.
fn edge_words(e: &FactorEffect, high: bool) -> String {
    let (edge, side) = if high {
        (e.high.edge, "or more")
    } else {
        (e.low.edge, "or less")
    };
    edge.map_or_else(String::new, |x| format!(" ({} {side})", short_amount(x)))
}

/// The options in at most six columns.
fn options_table(s: &Summary, baseline: &str) -> Block {
    let header = [
        format!("option (against {baseline})"),
        "payback, months: median (P10–P90)".into(),
        "never pays back".into(),
        format!("NPV ({}): median (P10)", s.currency),
        "P(NPV < 0)".into(),
        "IRR a year, median".into(),
    ];
    let rows = s
        .candidates
        .iter()
        .map(|c| {
            let p = &c.payback_months;
            vec![
                Names::of(s).option(&c.name),
                if no_investment(c) {
                    "no investment to pay back".into()
                } else {
                    format!("{} ({}–{})", months(p.p50), months(p.p10), months(p.p90))
                },
                share_or_none(c.p_never),
                format!("{} ({})", short_amount(c.npv.p50), short_amount(c.npv.p10)),
                share_or_none(c.downside.p_npv_negative),
                irr_words(c),
            ]
        })
        .collect();
    Block::Table(header.to_vec(), rows)
}

/// The median IRR as a percentage a year ("over 1,000 %" beyond that), or why there is none.
fn irr_words(c: &CandidateSummary) -> String {
    let Some(irr) = &c.irr else {
        return "not computed".into();
    };
    match &irr.spread {
        None => "none (no sign change)".into(),
        Some(spread) if spread.p50 > IRR_SHOWN_UP_TO => "over 1,000 %".into(),
        Some(spread) => format!("{} %", short_amount(100.0 * spread.p50)),
    }
}

/// The downside of each candidate, then, with `head_to_head` (the recommendation has not
/// said it), the head-to-head of the top two options.
fn downside(s: &Summary, head_to_head: bool) -> Vec<String> {
    let mut lines: Vec<String> = s
        .candidates
        .iter()
        .map(|c| {
            let d = &c.downside;
            let loses = if d.p_npv_negative == 0.0 {
                format!("loses money in {}", share(s, 0.0))
            } else {
                format!("loses money in {} of trials", percent(d.p_npv_negative))
            };
            format!(
                "{} {loses}; the mean NPV of its worst 10 % of trials is {}.",
                Names::of(s).option(&c.name),
                cash(s, d.worst_10pct_mean_npv)
            )
        })
        .collect();
    if let Some(h) = s.head_to_head.first().filter(|_| head_to_head) {
        lines.push(format!(
            "{} against {}, trial by trial: {} has the higher NPV in {} of trials; the NPV \
             difference is {} at P10, {} at the median, {} at P90 (mean {}).",
            Names::of(s).option(&h.a),
            Names::of(s).option(&h.b),
            Names::of(s).option(&h.a),
            percent(h.p_a_beats_b),
            cash(s, h.npv_difference.p10),
            cash(s, h.npv_difference.p50),
            cash(s, h.npv_difference.p90),
            cash(s, h.npv_difference.mean),
        ));
    }
    lines
}

/// The candidate's biggest risks in words: what goes wrong, its effect on the mean NPV and on
/// P(never), and what would mitigate it.
fn risks(s: &Summary, c: &CandidateSummary) -> Vec<String> {
    let Some(sensitivity) = s.sensitivity.iter().find(|x| x.candidate == c.name) else {
        return Vec::new();
    };
    sensitivity
        .factors
        .iter()
        .filter(|e| e.is_signal())
        .take(RISKS)
        .map(|e| {
            let high_is_bad = e.npv_swing < 0.0;
            let bad = if high_is_bad { &e.high } else { &e.low };
            let what = match e.kind {
                FactorKind::Success => "The project fails".to_string(),
                FactorKind::Deprecation => format!(
                    "The vendor retires {}'s model {}",
                    Names::of(s).option(option_of(&e.path)),
                    if high_is_bad { "late" } else { "early" }
                ),
                FactorKind::Input => capitalised(&format!(
                    "{} in its {} tenth{}",
                    Names::of(s).input(&e.path, e.kind),
                    if high_is_bad { "highest" } else { "lowest" },
                    edge_words(e, high_is_bad)
                )),
            };
            format!(
                "{what}: the mean NPV falls to {} (from {} over all trials) and it never pays \
                 back in {} of those trials. Mitigate with {}.",
                cash(s, bad.mean_npv),
                cash(s, sensitivity.mean_npv),
                percent(bad.p_never),
                mitigation(&e.path, e.kind)
            )
        })
        .collect()
}

/// `text` with its first letter in capitals.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The option a factor's path belongs to.
fn option_of(path: &str) -> &str {
    path.strip_prefix("options.")
        .and_then(|p| p.split('.').next())
        .unwrap_or(path)
}

/// What to measure first: the factor whose perfect knowledge is worth most, in money.
fn measure_first(s: &Summary) -> Option<String> {
    let v = s.value_of_information.as_ref()?;
    let top = v.per_input.first().filter(|f| f.evppi > 0.0);
    Some(match top {
        Some(f) => format!(
            "What to measure first: {}. Knowing it before deciding is worth up to {} in expected \
             NPV; knowing everything uncertain, up to {}.",
            Names::of(s).input(&f.path, f.kind),
            cash(s, f.evppi),
            cash(s, v.evpi)
        ),
        None => format!(
            "No measurement is worth making first: whatever the uncertain inputs turn out to \
             be, {} stays the best choice (the value of perfect information is {}).",
            Names::of(s).option(&v.decision),
            cash(s, v.evpi)
        ),
    })
}

/// How sure the numbers are, in one line.
fn how_sure(s: &Summary, focus: Option<&CandidateSummary>) -> String {
    let errors = focus.map_or_else(String::new, |c| {
        if c.p_never_stderr == 0.0 && c.npv.mean_stderr == 0.0 {
            return format!(
                "; every trial gives {} the same outcome, so there is no Monte Carlo error",
                Names::of(s).option(&c.name)
            );
        }
        let [low, high] = c.p_never_ci95;
        let share = if high - low < 0.002 {
            percent_err
        } else {
            percent
        };
        let [npv_low, npv_high] = c.npv.ci95.mean;
        let [p50_low, p50_high] = c.payback_months.ci95.p50;
        format!(
            "; 95 % confidence intervals of the Monte Carlo error for {}: median payback {}, \
             P(never) {} to {}, expected NPV {} to {}",
            Names::of(s).option(&c.name),
            match (p50_low, p50_high) {
                (None, _) => "never, the whole interval".to_string(),
                (Some(low), None) => format!("{low:.2} months to never"),
                (Some(low), Some(high)) => format!("{low:.2} to {high:.2} months"),
            },
            share(low),
            share(high),
            short_amount(npv_low),
            cash(s, npv_high)
        )
    });
    format!(
        "How sure: {} trials, seed {}{errors}. Ranges are P10–P90 of the trials; amounts are \
         rounded to three significant figures.",
        count(s.trials),
        s.seed
    )
}
