//! What the live page of `payback serve` shows of a run, as data the page puts in place: each
//! candidate's payback percentiles, P(never) and mean NPV (the numbers and the memo's words for
//! them), page one's decision and options table as HTML, the charts as the memo's SVGs, and
//! each stress case's figures.

use super::executive::executive_summary;
use super::factors::Names;
use super::format::{money, months, share_or_none};
use super::html;
use super::memo::Block;
use super::plots;
use crate::results::summary::{CandidateSummary, Summary};
use serde::Serialize;

/// One run as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct LiveView {
    /// Trials of the run.
    pub trials: u64,
    /// Its seed.
    pub seed: u64,
    /// Each candidate's figures, in the file's order.
    pub options: Vec<OptionFigures>,
    /// Page one's decision and options table, as HTML elements.
    pub page_one: String,
    /// The charts, as SVG.
    pub charts: Vec<LiveChart>,
    /// Each stress case that ran, with its candidates' figures.
    pub stress: Vec<StressFigures>,
}

/// The figures of one candidate.
#[derive(Debug, Clone, Serialize)]
pub struct OptionFigures {
    /// The option's key in the file.
    pub key: String,
    /// Its readable name.
    pub name: String,
    /// P10 payback in months (`None`: never within the horizon).
    pub p10: Option<f64>,
    /// Median payback in months.
    pub p50: Option<f64>,
    /// P90 payback in months.
    pub p90: Option<f64>,
    /// Probability of never paying back within the horizon.
    pub p_never: f64,
    /// Mean NPV against the baseline.
    pub mean_npv: f64,
    /// The same figures in the memo's words.
    pub shown: ShownFigures,
}

/// A candidate's figures as the memo writes them.
#[derive(Debug, Clone, Serialize)]
pub struct ShownFigures {
    /// Payback P10 in months, or "never".
    pub p10: String,
    /// Median payback.
    pub p50: String,
    /// P90 payback.
    pub p90: String,
    /// P(never) as a percentage, or "none".
    pub p_never: String,
    /// Mean NPV in three significant figures.
    pub mean_npv: String,
}

/// One chart.
#[derive(Debug, Clone, Serialize)]
pub struct LiveChart {
    /// Its file stem in a report directory (`payback-curve`, `tornado-fine_tuned`).
    pub name: String,
    /// The SVG.
    pub svg: String,
}

/// One stress case's figures.
#[derive(Debug, Clone, Serialize)]
pub struct StressFigures {
    /// The case's name.
    pub name: String,
    /// Each candidate's figures in the case.
    pub options: Vec<OptionFigures>,
}

/// The view of `summary`.
pub fn view(summary: &Summary) -> Result<LiveView, String> {
    let names = Names::of(summary);
    let figures = |candidates: &[CandidateSummary]| -> Vec<OptionFigures> {
        candidates
            .iter()
            .map(|c| option_figures(&names, c))
            .collect()
    };
    let charts = plots::live_svgs(summary)?
        .into_iter()
        .map(|(name, svg)| LiveChart { name, svg })
        .collect();
    Ok(LiveView {
        trials: summary.trials,
        seed: summary.seed,
        options: figures(&summary.candidates),
        page_one: html::fragment(&decision_and_options(summary), &|_| None),
        charts,
        stress: summary
            .stress
            .iter()
            .map(|case| StressFigures {
                name: case.name.clone(),
                options: figures(&case.candidates),
            })
            .collect(),
    })
}

/// Page one's blocks up to its options table: the decision and the table.
fn decision_and_options(summary: &Summary) -> Vec<Block> {
    let mut blocks = Vec::new();
    for block in executive_summary(summary) {
        match block {
            Block::Heading(..) => {}
            Block::Table(..) => {
                blocks.push(block);
                break;
            }
            other => blocks.push(other),
        }
    }
    blocks
}

fn option_figures(names: &Names, c: &CandidateSummary) -> OptionFigures {
    let p = &c.payback_months;
    OptionFigures {
        key: c.name.clone(),
        name: names.option(&c.name),
        p10: p.p10,
        p50: p.p50,
        p90: p.p90,
        p_never: c.p_never,
        mean_npv: c.npv.mean,
        shown: ShownFigures {
            p10: months(p.p10),
            p50: months(p.p50),
            p90: months(p.p90),
            p_never: share_or_none(c.p_never),
            mean_npv: money(c.npv.mean),
        },
    }
}

/// The inputs of one table of the file, as the page lists them.
#[derive(Debug, Clone, Serialize)]
pub struct InputGroup {
    /// The table's dotted path (`options.fine_tuned.project`).
    pub table: String,
    /// Its title in words (`Fine-tuned model: project`).
    pub title: String,
    /// Its inputs, in file order.
    pub inputs: Vec<LiveInput>,
}

/// One input the file writes.
#[derive(Debug, Clone, Serialize)]
pub struct LiveInput {
    /// Its dotted path.
    pub path: String,
    /// Its readable name, as the memo names it.
    pub name: String,
    /// Its text as the file writes it (a string without its quotes), the field's text.
    pub written: String,
    /// Its value or range in words.
    pub in_words: String,
}

/// The inputs `summary` lists (those its file wrote), each in the table of `headers` (the
/// file's tables with a header, in file order) that holds it: the longest header its path
/// starts with; `source` gives an input's text as the file writes it, by path (else the
/// canonical form is shown). Tables without an input are left out.
pub fn input_groups(
    summary: &Summary,
    headers: &[String],
    source: &dyn Fn(&str) -> Option<String>,
) -> Vec<InputGroup> {
    let names = Names::of(summary);
    let mut groups: Vec<InputGroup> = headers
        .iter()
        .map(|table| InputGroup {
            table: table.clone(),
            title: table_title(&names, table),
            inputs: Vec::new(),
        })
        .collect();
    for a in &summary.assumptions {
        let holder = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| a.path.starts_with(&format!("{}.", g.table)))
            .max_by_key(|(_, g)| g.table.len())
            .map(|(i, _)| i);
        let i = holder.unwrap_or_else(|| {
            // Inputs outside any table with a header share one group.
            groups
                .iter()
                .position(|g| g.table.is_empty())
                .unwrap_or_else(|| {
                    groups.push(InputGroup {
                        table: String::new(),
                        title: "Other inputs".into(),
                        inputs: Vec::new(),
                    });
                    groups.len() - 1
                })
        });
        let name = names.input(&a.path, crate::scenario::FactorKind::Input);
        // Within an option's table its name is said by the title: `cost per event`, not
        // `prompted: cost per event`.
        let owner = match a.path.split('.').collect::<Vec<_>>().as_slice() {
            ["options", key, ..] => Some(format!("{}: ", names.option(key))),
            _ => None,
        };
        let name = owner
            .and_then(|o| name.strip_prefix(&o).map(str::to_string))
            .unwrap_or(name);
        groups[i].inputs.push(LiveInput {
            path: a.path.clone(),
            name,
            written: source(&a.path).unwrap_or_else(|| a.written.clone()),
            in_words: a.in_words.clone(),
        });
    }
    groups.retain(|g| !g.inputs.is_empty());
    groups
}

/// A table's title: an option's by its name (`Fine-tuned model: project`), any other by its
/// keys in words (`Workload`, `Errors: escalation`).
fn table_title(names: &Names, table: &str) -> String {
    let keys: Vec<&str> = table.split('.').collect();
    let (head, rest) = match keys.as_slice() {
        ["options", key, rest @ ..] => (names.option(key), rest),
        [first, rest @ ..] => (capitalised(&first.replace('_', " ")), rest),
        [] => (String::new(), &[][..]),
    };
    if rest.is_empty() {
        head
    } else {
        format!("{head}: {}", rest.join(" ").replace('_', " "))
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The readable name of the option `key` in `summary`.
pub fn option_name(summary: &Summary, key: &str) -> String {
    Names::of(summary).option(key)
}
