//! The inputs a file gives together in the units people estimate in, said back as one phrase
//! each, in the file's own words: "data: 2 people × 4 to 8 weeks × 40 hours a week at 125
//! EUR an hour". Fields left out are said at their defaults.

use super::factors::Names;
use crate::results::summary::{Assumption, Summary};

/// One phrase per composed form the file uses: a team item, labour, a training run from
/// compute, a volume in tokens, serving sized by throughput.
pub fn phrases(s: &Summary) -> Vec<String> {
    let written = |path: &str| {
        s.assumptions
            .iter()
            .find(|a: &&Assumption| a.path == path)
            .map(|a| a.written.clone())
    };
    let or = |path: &str, default: &str| written(path).unwrap_or_else(|| default.to_string());
    let names = Names::of(s);
    let cur = &s.currency;
    let mut said = Vec::new();
    for volume in ["tokens_per_day", "tokens_per_month"] {
        if let Some(v) = written(&format!("workload.{volume}")) {
            let per = if volume.ends_with("day") {
                "a day"
            } else {
                "a month"
            };
            said.push(format!(
                "volume: {v} tokens {per}, at {} tokens an event",
                or("workload.tokens_per_event", "?")
            ));
        }
    }
    let mut options: Vec<&str> = s
        .candidates
        .first()
        .map(|c| c.baseline.as_str())
        .into_iter()
        .chain(s.candidates.iter().map(|c| c.name.as_str()))
        .collect();
    options.dedup();
    for o in options {
        let at = |field: &str| format!("options.{o}.{field}");
        let who = names.option(o);
        for unit in ["seconds", "minutes"] {
            if let Some(t) = written(&at(&format!("labour.{unit}"))) {
                said.push(format!(
                    "{who}: {t} {unit} an event at {} {cur} an hour",
                    or(&at("labour.hourly"), "?")
                ));
            }
        }
        if let Some(tps) = written(&at("serving.tokens_per_second")) {
            said.push(format!(
                "{who}: serving instances of {tps} tokens a second, busy {} of the time, at \
                 least {}, at {} {cur} an hour each",
                or(&at("serving.utilization"), "?"),
                or(&at("serving.min_instances"), "1"),
                or(&at("serving.hourly"), "?")
            ));
        }
        let run = |field: &str| at(&format!("project.cost_per_run.{field}"));
        if let Some(hours) = written(&run("gpu_hours")) {
            said.push(format!(
                "{who}: a training run of {hours} GPU-hours at {} {cur} a GPU-hour",
                or(&run("hourly"), "?")
            ));
        }
        if let Some(tokens) = written(&run("tokens")) {
            said.push(format!(
                "{who}: a training run of {tokens} tokens at {} tokens a second on {} GPUs, at \
                 {} {cur} a GPU-hour, plus {} for checkpoints, evaluation and start-up",
                or(&run("tokens_per_second"), "?"),
                or(&run("gpus"), "1"),
                or(&run("hourly"), "?"),
                or(&run("overhead"), "0.15 (the default)")
            ));
        }
        let items = at("project.items.");
        let mut teams: Vec<&str> = s
            .assumptions
            .iter()
            .filter_map(|a| a.path.strip_prefix(&items)?.strip_suffix(".people"))
            .collect();
        teams.dedup();
        for item in teams {
            let field = |f: &str| format!("{items}{item}.{f}");
            let people = or(&field("people"), "?");
            let noun = if people == "1" { "person" } else { "people" };
            said.push(format!(
                "{who}: {}: {people} {noun} × {} weeks × {} hours a week at {} {cur} an hour",
                s.labels.name(&format!("{items}{item}")),
                or(&field("weeks"), "?"),
                or(&field("hours_per_week"), "40"),
                or(&field("hourly"), "?")
            ));
        }
    }
    said
}
