//! The decision memo, as format-free blocks that `markdown` and `html` render: page one, the
//! summary a decision-maker acts on ([`super::executive`]), then (1) the cost of doing nothing
//! and where it goes, (2) the options with honest ranges, the charts and the stress tests,
//! (3) the recommendation's payback timeline and its biggest risks, (4) what drives each
//! candidate's risk, (5) what is worth measuring before deciding, the Monte Carlo error, and an
//! appendix of the assumptions.

use super::comparison::{deprecation_table, stress_table};
use super::executive::{executive_summary, failure_explains_never, no_investment};
use super::factors::Names;
use super::format::{count, money, months, none_of, percent, percent_err, significant};
use super::plots::slug;
use super::sensitivity::{biggest_risks, sensitivity_table};
use super::value_of_information::{value_sentences, value_table};
use crate::results::precision::{Figure, Precision};
use crate::results::provenance::Provenance;
use crate::results::summary::{CandidateSummary, Summary};
use crate::scenario::FactorKind;

/// A block of the memo; all text is plain (renderers escape it).
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading of level 1 to 3.
    Heading(u8, String),
    /// A paragraph.
    Paragraph(String),
    /// A bulleted list.
    List(Vec<String>),
    /// A table: header and rows.
    Table(Vec<String>, Vec<Vec<String>>),
    /// A chart: the stem of its SVG/PNG files, and what it shows.
    Chart(String, String),
    /// The end of a printed page (the end of page one).
    PageBreak,
}

/// The memo of a run.
pub fn memo(s: &Summary) -> Vec<Block> {
    let cur = &s.currency;
    let baseline = s.candidates.first().map_or_else(
        || "the baseline".into(),
        |c| Names::of(s).option(&c.baseline),
    );
    let pe = &s.point_estimate;
    let mut blocks = vec![Block::Heading(1, format!("{}: decision memo", s.scenario))];
    blocks.extend(executive_summary(s));
    blocks.extend([
        Block::PageBreak,
        Block::Paragraph(format!(
            "{} simulated trials (seed {}), horizon {} months, amounts in {cur}, discount rate {} a year. \
             Every uncertain input was drawn in every trial; ranges below are P10–P90 (8 trials in 10 fall \
             inside). All of each upfront investment is committed at the decision (month 0). Every figure \
             carries a 95 % confidence interval of its Monte Carlo error in summary.json and the CSV \
             files (for a percentile, between two order statistics of the trials, whatever the \
             distribution; for a share, Wilson's; for a mean, from its standard error); page one \
             gives those of the option it leads with.{}{}",
            count(s.trials),
            s.seed,
            s.horizon_months,
            percent(s.discount_rate),
            s.precision
                .as_ref()
                .map_or_else(String::new, |p| precision_sentence(s, p)),
            s.provenance.as_ref().map_or_else(String::new, made_by)
        )),
        Block::Heading(2, "1. The cost of doing nothing".into()),
        Block::Paragraph(format!(
            "Keeping {baseline} costs about {} {cur} a month today and {} {cur} over the {} months of the \
             horizon at the expected volume and prices (point estimate: every input at its mean).",
            money(pe.baseline_monthly_cost),
            money(pe.baseline_cost_over_horizon),
            s.horizon_months
        )),
    ]);
    blocks.extend(cost_parts(s, &baseline));
    blocks.extend([
        Block::Heading(2, "2. The options, with honest ranges".into()),
        options_table(s),
        Block::Paragraph(
            "The point estimate is the number a spreadsheet gives (every input at its mean, the project \
             succeeding); the distribution beside it is what that number hides."
                .into(),
        ),
        Block::Chart("payback-curve".into(), "Probability of having paid back, by month".into()),
        Block::Chart("npv".into(), format!("NPV at {} months", s.horizon_months)),
    ]);
    for c in &s.candidates {
        let (name, words) = (slug(&c.name), Names::of(s).option(&c.name));
        blocks.push(Block::Chart(
            format!("cumulative-net-{name}"),
            format!("Cumulative net cash of {words}"),
        ));
        blocks.push(Block::Chart(
            format!("payback-histogram-{name}"),
            format!("When {words} pays back"),
        ));
        if !c.upfront_items.is_empty() {
            blocks.push(Block::Chart(
                format!("upfront-{name}"),
                format!("Upfront investment of {words} by part"),
            ));
        }
    }
    blocks.extend(stress_blocks(s));
    blocks.extend(recommendation(s));
    blocks.extend(driver_blocks(s));
    blocks.extend(value_blocks(s));
    blocks.push(Block::Heading(2, "Monte Carlo error".into()));
    let mut errors: Vec<String> = s
        .candidates
        .iter()
        .map(|c| {
            format!(
                "{}: P(never) {}, mean NPV {} ± {} {cur} (one standard error).",
                Names::of(s).option(&c.name),
                never_share(s, c),
                money(c.npv.mean),
                money(c.npv.mean_stderr)
            )
        })
        .collect();
    errors.push(format!(
        "Percentiles are streamed: payback within {} months of the exact order statistic, NPV and \
         investment within {} relative, cumulative-net bands within {} relative.",
        s.accuracy.payback_months,
        percent(s.accuracy.relative),
        percent(s.accuracy.band_relative)
    ));
    blocks.push(Block::List(errors));
    blocks.push(Block::Heading(2, "Appendix: assumptions".into()));
    blocks.push(Block::Paragraph(
        "Every input the scenario file wrote: its value, or for an uncertain input the range \
         holding 90 % of its draws (from its 5th to its 95th percentile) and its median, then \
         the form the file gave and where it is in the file."
            .into(),
    ));
    let phrases = super::own_terms::phrases(s);
    if !phrases.is_empty() {
        blocks.push(Block::Paragraph(
            "Given together in the file, in its own words:".into(),
        ));
        blocks.push(Block::List(phrases));
    }
    blocks.push(Block::Table(
        vec![
            "input".into(),
            "value or range (5–95 %)".into(),
            "as written".into(),
            "path in the file".into(),
        ],
        s.assumptions
            .iter()
            .map(|a| {
                vec![
                    Names::of(s).input(&a.path, FactorKind::Input),
                    a.in_words.clone(),
                    a.written.clone(),
                    a.path.clone(),
                ]
            })
            .collect(),
    ));
    blocks
}

fn options_table(s: &Summary) -> Block {
    let cur = &s.currency;
    let header = [
        "option".to_string(),
        format!("upfront P10–P90 ({cur})"),
        "payback P10 / P50 / P90 (months)".into(),
        "never pays back".into(),
        format!("NPV P10 / P50 / P90 ({cur})"),
        "best NPV in".into(),
        "point estimate".into(),
    ];
    let rows = s
        .candidates
        .iter()
        .zip(&s.point_estimate.candidates)
        .map(|(c, pe)| {
            let p = &c.payback_months;
            vec![
                format!(
                    "{} (vs {})",
                    Names::of(s).option(&c.name),
                    Names::of(s).option(&c.baseline)
                ),
                format!("{}–{}", money(c.upfront.p10), money(c.upfront.p90)),
                if no_investment(c) {
                    "no investment to pay back".into()
                } else {
                    format!("{} / {} / {}", months(p.p10), months(p.p50), months(p.p90))
                },
                never_share(s, c),
                format!(
                    "{} / {} / {}",
                    money(c.npv.p10),
                    money(c.npv.p50),
                    money(c.npv.p90)
                ),
                percent(
                    s.best_option_probability
                        .get(&c.name)
                        .copied()
                        .unwrap_or(0.0),
                ),
                format!(
                    "payback {}{}; NPV {}",
                    months(pe.payback_months),
                    if pe.payback_months.is_some() {
                        " months"
                    } else {
                        ""
                    },
                    money(pe.npv)
                ),
            ]
        })
        .collect();
    Block::Table(header.to_vec(), rows)
}

/// The baseline's monthly cost by component, largest first, with each one's share, and the
/// largest said in words.
fn cost_parts(s: &Summary, baseline: &str) -> Vec<Block> {
    let pe = &s.point_estimate;
    let total = pe.baseline_monthly_cost;
    if pe.baseline_cost_parts.len() < 2 || total <= 0.0 {
        return Vec::new();
    }
    let mut parts = pe.baseline_cost_parts.clone();
    parts.sort_by(|a, b| b.monthly.total_cmp(&a.monthly));
    let top = &parts[0];
    vec![
        Block::Paragraph(format!(
            "Where that cost goes: the largest part, {}, is {} of it.",
            top.name,
            percent(top.monthly / total)
        )),
        Block::Table(
            vec![
                format!("{baseline}, month 0"),
                format!("a month ({})", s.currency),
                "share".into(),
            ],
            parts
                .iter()
                .map(|p| vec![p.name.clone(), money(p.monthly), percent(p.monthly / total)])
                .chain(std::iter::once(vec![
                    "total".into(),
                    money(total),
                    percent(1.0),
                ]))
                .collect(),
        ),
    ]
}

/// The payback timeline in one sentence: the share paid back by each milestone, and what
/// becomes of the rest.
fn timeline(s: &Summary, c: &CandidateSummary) -> Option<String> {
    let first = c.p_payback_within.first()?;
    let last = c.p_payback_within.last()?;
    let flat = c
        .p_payback_within
        .iter()
        .all(|m| percent(m.probability) == percent(first.probability));
    let by_milestones = if flat {
        format!(
            "{} of trials pay back within {} months, and no more by {} months",
            percent(first.probability),
            first.months,
            last.months
        )
    } else {
        let list = |items: Vec<String>| match items.as_slice() {
            [one] => one.clone(),
            [init @ .., tail] => format!("{} and {tail}", init.join(", ")),
            [] => String::new(),
        };
        format!(
            "{} of trials pay back within {} months",
            list(
                c.p_payback_within
                    .iter()
                    .map(|m| percent(m.probability))
                    .collect()
            ),
            list(
                c.p_payback_within
                    .iter()
                    .map(|m| m.months.to_string())
                    .collect()
            )
        )
    };
    let failing = 1.0 - c.p_success;
    let rest = if c.p_never == 0.0 {
        format!("; every trial pays back within {} months", s.horizon_months)
    } else if failure_explains_never(c) {
        format!(
            "; the {} that never pay back within {} months are the trials where the project \
             fails",
            percent(c.p_never),
            s.horizon_months
        )
    } else {
        format!(
            "; {} never pay back within {} months ({} because the project fails)",
            percent(c.p_never),
            s.horizon_months,
            percent(failing)
        )
    };
    Some(format!("Payback timeline: {by_milestones}{rest}."))
}

/// P(never) with its standard error, or "none of N trials".
fn never_share(s: &Summary, c: &CandidateSummary) -> String {
    if c.p_never == 0.0 {
        none_of(s.trials)
    } else {
        format!("{} ± {}", percent(c.p_never), percent_err(c.p_never_stderr))
    }
}

fn recommendation(s: &Summary) -> Vec<Block> {
    let cur = &s.currency;
    let mut blocks = vec![Block::Heading(2, "3. Recommendation".into())];
    let best = s.expected_npv_ranking.first();
    let chosen: Option<&CandidateSummary> = best.and_then(|b| {
        s.candidates
            .iter()
            .find(|c| c.name == b.name)
            .filter(|_| b.mean_npv > 0.0)
    });
    let Some(c) = chosen else {
        let baseline = s.candidates.first().map_or_else(
            || "the baseline".into(),
            |c| Names::of(s).option(&c.baseline),
        );
        blocks.push(Block::Paragraph(format!(
            "Stay with {baseline}: no candidate has a positive expected NPV over {} months.",
            s.horizon_months
        )));
        return blocks;
    };
    let p = &c.payback_months;
    let h = s.horizon_months;
    let payback = match p.p50 {
        Some(m) => format!(
            "It pays back within {m:.1} months in half the trials{}",
            p.p90.map_or(String::new(), |m| format!(
                " and within {m:.1} months in 9 trials out of 10"
            ))
        ),
        None => format!("Half of the trials or more never pay back within {h} months"),
    };
    let never = if c.p_never == 0.0 {
        format!(
            "it paid back within {h} months in every one of {} trials",
            count(s.trials)
        )
    } else {
        format!(
            "in {} of trials it never pays back within {h} months",
            percent(c.p_never)
        )
    };
    blocks.push(Block::Paragraph(format!(
        "Choose {}: it has the highest expected NPV against {} ({} {cur}, P10–P90 {} to {}) and the best \
         NPV in {} of trials. {payback}; {never}.",
        Names::of(s).option(&c.name),
        Names::of(s).option(&c.baseline),
        money(c.npv.mean),
        money(c.npv.p10),
        money(c.npv.p90),
        percent(best.map_or(0.0, |b| b.p_best)),
    )));
    if let Some(line) = timeline(s, c) {
        blocks.push(Block::Paragraph(line));
    }
    if let Some(sensitivity) = s.sensitivity.iter().find(|x| x.candidate == c.name) {
        let risks = biggest_risks(sensitivity, cur, BIGGEST_RISKS, Names::of(s));
        blocks.push(Block::Paragraph(if sensitivity.factors.is_empty() {
            "Nothing else about it is uncertain in this scenario.".into()
        } else if risks.is_empty() {
            "No single factor moves its NPV beyond the Monte Carlo noise.".into()
        } else {
            let count = match risks.len() {
                1 => "biggest risk".to_string(),
                n => format!("{n} biggest risks"),
            };
            format!(
                "Its {count}, ranked by how far each moves the NPV between the factor's lowest \
                 and highest tenth of trials (section 4):"
            )
        }));
        if !risks.is_empty() {
            blocks.push(Block::List(risks));
        }
    }
    blocks
}

/// Risks named in words in the recommendation.
const BIGGEST_RISKS: usize = 3;
/// Factors per candidate in the memo's sensitivity table (every factor is in
/// `sensitivity.csv`).
const TABLE_FACTORS: usize = 10;

/// Section 4: each candidate's tornado chart and its sensitivity table.
fn driver_blocks(s: &Summary) -> Vec<Block> {
    if s.sensitivity.is_empty() {
        return Vec::new();
    }
    let mut blocks = vec![
        Block::Heading(2, "4. What drives the risk".into()),
        Block::Paragraph(
            "For each uncertain factor, the trials are split by where the factor fell in its own \
             distribution; the tables compare the trials in its lowest tenth with those in its \
             highest. For a project's success they compare the trials where it succeeds with those \
             where it fails; for a deprecation, the earliest retirements with the latest. Factors are ranked by the \
             swing of the mean NPV; the share of variance is the part of the NPV's variance \
             that the factor explains alone (first order)."
                .into(),
        ),
    ];
    for c in &s.sensitivity {
        blocks.push(Block::Heading(3, Names::of(s).option(&c.candidate)));
        if c.factors.is_empty() {
            blocks.push(Block::Paragraph("Nothing about it is uncertain.".into()));
            continue;
        }
        blocks.push(Block::Chart(
            format!("tornado-{}", slug(&c.candidate)),
            format!(
                "What moves the NPV of {}",
                Names::of(s).option(&c.candidate)
            ),
        ));
        let (header, rows) = sensitivity_table(c, &s.currency, TABLE_FACTORS, Names::of(s));
        blocks.push(Block::Table(header, rows));
    }
    blocks
}

/// Factors in the memo's value-of-information table, and named in its sentences.
const TABLE_VALUES: usize = 10;
const NAMED_VALUES: usize = 3;

/// Section 5: the value of information, in words and as a table.
fn value_blocks(s: &Summary) -> Vec<Block> {
    let Some(v) = &s.value_of_information else {
        return Vec::new();
    };
    let mut blocks = vec![
        Block::Heading(2, "5. What to measure before deciding".into()),
        Block::List(value_sentences(v, &s.currency, NAMED_VALUES, Names::of(s))),
    ];
    if v.per_input.is_empty() {
        return blocks;
    }
    let (header, rows) = value_table(v, &s.currency, TABLE_VALUES, Names::of(s));
    blocks.extend([
        Block::Paragraph(
            "Each value is the expected gain in NPV from learning that factor alone before \
             choosing, then choosing the option with the best expected NPV given it (EVPPI): \
             an upper bound on what a baseline measurement, an eval set or a pilot that \
             reveals it is worth."
                .into(),
        ),
        Block::Table(header, rows),
    ]);
    blocks
}

/// The stress tests: the comparison table and each candidate's overlaid payback curves, then
/// the deprecation pack's table and chart (nothing without stress cases).
fn stress_blocks(s: &Summary) -> Vec<Block> {
    if s.stress.is_empty() {
        return Vec::new();
    }
    let (header, rows) = stress_table(s);
    let mut blocks = vec![
        Block::Heading(3, "Stress tests".into()),
        Block::Paragraph(format!(
            "Each stress case runs the same {} trials as the base case (common random numbers), \
             so a change from the base is the stress itself, not sampling noise. Amounts in {}.",
            count(s.trials),
            s.currency
        )),
        Block::Table(header, rows),
    ];
    blocks.push(Block::List(
        s.stress
            .iter()
            .map(|c| {
                let set: Vec<String> = c
                    .set
                    .iter()
                    .map(|(p, v)| format!("{} = {v}", Names::of(s).input(p, FactorKind::Input)))
                    .collect();
                format!("{}: {}", c.name, set.join("; "))
            })
            .collect(),
    ));
    for c in &s.candidates {
        blocks.push(Block::Chart(
            format!("stress-{}", slug(&c.name)),
            format!("Payback of {} under stress", Names::of(s).option(&c.name)),
        ));
    }
    if let Some(pack) = &s.deprecation_stress {
        let (header, rows) = deprecation_table(pack, Names::of(s));
        blocks.push(Block::Paragraph(format!(
            "If the vendor retires {}'s model (once, with its configured migration cost, \
             downtime and successor):",
            Names::of(s).option(&pack.option)
        )));
        blocks.push(Block::Table(header, rows));
        blocks.push(Block::Chart(
            "deprecation-stress".into(),
            format!(
                "P(never) and median payback against the month {}'s model is retired",
                Names::of(s).option(&pack.option)
            ),
        ));
    }
    blocks
}

/// Where the memo comes from, in one sentence of the method line.
fn made_by(p: &Provenance) -> String {
    let command: Vec<String> = p.command.iter().map(|a| shell_word(a)).collect();
    let how = if p.command.get(1).is_some_and(|c| c == "serve") {
        "from the live page of"
    } else {
        "by the command"
    };
    format!(
        " Made by payback {} from the scenario file of SHA-256 {}, {how} \"{}\"; \
         \"payback run --check-summary summary.json FILE\" reruns it and says whether every \
         figure comes out the same.",
        p.payback_version,
        p.scenario_sha256,
        command.join(" ")
    )
}

/// A word of a command line as a shell reads it back: quoted when it holds anything but
/// letters, digits and `-_./=:,%+@`.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,%+@".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// How a run with a precision goal went, in one sentence of the method line.
fn precision_sentence(s: &Summary, p: &Precision) -> String {
    let targets: Vec<String> = p
        .target
        .iter()
        .map(|t| {
            format!(
                "{} {}",
                figure_words(t.figure),
                half_width_words(t.figure, t.half_width)
            )
        })
        .collect();
    let goal = format!(
        "every option's 95 % intervals within {}",
        targets.join(", ")
    );
    if p.converged {
        format!(
            " The trials ran in chunks of 65,536 until they brought {goal}: {} trials did.",
            count(p.trials)
        )
    } else {
        let missed: Vec<String> = p
            .achieved
            .iter()
            .filter(|a| !a.met)
            .map(|a| {
                let now = a
                    .half_width
                    .map_or_else(|| "open".to_string(), |h| half_width_words(a.figure, h));
                let option = Names::of(s).option(&a.candidate);
                format!("{} of {option} ({now})", figure_words(a.figure))
            })
            .collect();
        format!(
            " The trials ran in chunks of 65,536 to bring {goal}, and stopped short of it at the \
             most allowed, {} trials: not reached for {}.",
            count(p.trials),
            missed.join(", ")
        )
    }
}

/// A figure of a precision goal in words.
fn figure_words(figure: Figure) -> &'static str {
    match figure {
        Figure::PaybackP10 => "the P10 payback",
        Figure::PaybackP50 => "the median payback",
        Figure::PaybackP90 => "the P90 payback",
        Figure::NpvMean => "the mean NPV",
        Figure::NpvP50 => "the median NPV",
        Figure::PNever => "P(never)",
    }
}

/// A half-width in the terms of its figure: `±1 %` of the value, or `±0.5 points`.
fn half_width_words(figure: Figure, half_width: f64) -> String {
    let x = significant(100.0 * half_width, 2);
    if figure.relative() {
        format!("±{x} %")
    } else {
        format!("±{x} points")
    }
}
