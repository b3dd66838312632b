//! `payback init`: the question bank that walks a person through the inputs of a business
//! case (who does the work today and at what volume; time; the cost of errors; the system; the
//! candidate project; the risks over time; the horizon), one question at a time, and writes a
//! commented scenario file that `payback check` accepts. The answers come from a terminal
//! ([`prompt::Terminal`]) or from an answers file ([`answers::AnswerFile`]); the same questions
//! either way.

pub mod answers;
mod draft;
pub mod prompt;
pub mod question;
pub mod templates;

use crate::config::Domain;
use draft::Draft;
use question::{Kind, Question, is_zero, list};

/// Where the answers come from.
pub trait Ask {
    /// The checked answer to `q` and whether it is the default; an error ends the session.
    fn ask(&mut self, q: &Question) -> anyhow::Result<Answer>;
}

/// An answer.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The answer, checked by [`Question::check`].
    pub text: String,
    /// Whether it is the question's default, left as it was.
    pub defaulted: bool,
}

const AMOUNT: Domain = Domain::closed(0.0, 1e15, "an amount in [0, 1e15]");
const VOLUME: Domain = Domain::closed(0.0, 1e15, "a volume in [0, 1e15]");
const TOKENS: Domain = Domain::closed_above(0.0, 1e9, "a number of tokens in (0, 1e9]");
const SECONDS: Domain = Domain::closed(0.0, 1e6, "seconds in [0, 1e6]");
const MONTHS: Domain = Domain::closed(0.0, 600.0, "months in [0, 600]");
const GROWTH: Domain = Domain::closed(-1.0, 1.0, "a monthly growth in [-1, 1]");
const PRICE_CHANGE: Domain = Domain::closed(-1.0, 10.0, "a yearly change in [-1, 10]");
const HAZARD: Domain = Domain::closed(0.0, 12.0, "retirements a year in [0, 12]");
const COUNT: Domain = Domain::closed(0.0, 1e6, "a count in [0, 1e6]");
const SHARE_UP_TO_10: Domain = Domain::closed(0.0, 10.0, "a share in [0, 10]");
const DISCOUNT: Domain = Domain::closed(0.0, 1.0, "an annual rate in [0, 1]");

/// The ways of doing the work the bank knows.
const WAYS: &[&str] = &["people", "prompted", "fine_tuned"];

/// Asks the whole bank through `ask` and returns the scenario file's text.
pub fn scenario_text(ask: &mut dyn Ask) -> anyhow::Result<String> {
    let mut s = Session {
        ask,
        draft: Draft::default(),
    };
    s.run()?;
    Ok(s.draft.text(&[
        "Written by `payback init`. Every answer is below with why it matters; a line saying"
            .to_string(),
        "DEFAULT is a guess still to check. The fields: docs/scenario.md.".to_string(),
    ]))
}

struct Session<'a> {
    ask: &'a mut dyn Ask,
    draft: Draft,
}

impl Session<'_> {
    /// Asks `q`; returns the answer.
    fn answer(&mut self, q: &Question) -> anyhow::Result<Answer> {
        self.ask.ask(q)
    }

    /// Asks `q`; returns it with its answer.
    fn given(&mut self, q: Question) -> anyhow::Result<Given> {
        let answer = self.answer(&q)?;
        Ok(Given {
            question: q,
            answer,
        })
    }

    /// Asks `q` and writes its answer as `key` in `[header]`; returns the answer.
    fn put(&mut self, header: &str, key: &str, q: Question) -> anyhow::Result<String> {
        let g = self.given(q)?;
        self.draft
            .set(header, key, g.toml(), g.question.why, g.answer.defaulted);
        Ok(g.answer.text)
    }

    /// Writes `key = { field = answer, ... }` in `[header]` with the comment `why`; a default
    /// among the answers marks the line.
    fn put_inline(&mut self, header: &str, key: &str, why: &str, parts: &[(&str, &Given)]) {
        self.put_inline_with(header, key, why, parts, &[]);
    }

    /// [`Session::put_inline`] with fixed fields after the answers (`repeat = true`).
    fn put_inline_with(
        &mut self,
        header: &str,
        key: &str,
        why: &str,
        parts: &[(&str, &Given)],
        fixed: &[(&str, &str)],
    ) {
        let fields: Vec<String> = parts
            .iter()
            .map(|(field, g)| format!("{field} = {}", g.toml()))
            .chain(
                fixed
                    .iter()
                    .map(|(field, value)| format!("{field} = {value}")),
            )
            .collect();
        let guessed = parts.iter().any(|(_, g)| g.answer.defaulted);
        let value = format!("{{ {} }}", fields.join(", "));
        self.draft.set(header, key, value, why, guessed);
    }

    fn run(&mut self) -> anyhow::Result<()> {
        // Who does the work today, and the options.
        self.put(
            "scenario",
            "name",
            Question::new("name", "What is the decision called?", Kind::Text)
                .why("It titles the memo and every chart.")
                .example("Email triage: people vs prompted model vs fine-tuned model"),
        )?;
        self.put(
            "scenario",
            "currency",
            Question::new("currency", "Which currency are the amounts in?", Kind::Text)
                .why("Every amount is in it; nothing is converted.")
                .example("EUR")
                .default("USD"),
        )?;
        let ways = list(&self.answer(
            &Question::new(
                "options",
                "Which ways of doing the work do you compare (people, prompted, fine_tuned)?",
                Kind::Choices(WAYS),
            )
            .why("Each becomes an option; the one done today is the baseline the others are judged against.")
            .example("people, prompted, fine_tuned")
            .default("prompted, fine_tuned"),
        )?
        .text);
        let today = self
            .answer(
                &Question::new(
                    "today",
                    format!("Which of them does the work today ({})?", ways.join(", ")),
                    Kind::OneOf(ways.clone()),
                )
                .why("Staying with it is the cost of doing nothing; every other option is judged against it.")
                .example("prompted")
                .default(ways[0].clone()),
            )?
            .text;

        self.volume()?;
        let people = ways.iter().any(|w| w == "people");
        if people {
            self.time()?;
        }
        self.errors(&ways)?;
        for way in &ways {
            let header = format!("options.{way}");
            if *way == today {
                self.draft.field(
                    &header,
                    "baseline",
                    "true".into(),
                    "How the work is done today.".into(),
                );
            }
            self.system(way, &today)?;
        }
        self.horizon()?;
        Ok(())
    }

    /// The volume: events or tokens, per day or month, and its growth.
    fn volume(&mut self) -> anyhow::Result<()> {
        let unit = self
            .answer(
                &Question::new(
                    "volume_unit",
                    "Do you count the volume in events (emails, tickets, requests) or in tokens?",
                    Kind::Choice(&["events", "tokens"]),
                )
                .why("The model counts events; a volume in tokens is divided by the tokens of one event.")
                .example("events")
                .default("events"),
            )?
            .text;
        let per = self
            .answer(
                &Question::new(
                    "volume_per",
                    "Per day or per month?",
                    Kind::Choice(&["day", "month"]),
                )
                .why("A month has 30 days unless the file says otherwise.")
                .example("day")
                .default("day"),
            )?
            .text;
        let key = format!("{unit}_per_{per}");
        self.put(
            "workload",
            &key,
            Question::new("volume", format!("How many {unit} a {per}, today?"), Kind::Number(VOLUME))
                .why(if unit == "tokens" {
                    "Every saving scales with the volume; break-even often sits between 10 and 100 million tokens a month."
                } else {
                    "Every saving scales with the volume of work."
                })
                .example("5000, or \"4k to 6k\""),
        )?;
        if unit == "tokens" {
            self.put(
                "workload",
                "tokens_per_event",
                Question::new(
                    "tokens_per_event",
                    "How many tokens does one event take, prompt and answer?",
                    Kind::Number(TOKENS),
                )
                .why("It turns the tokens into events, the unit every cost per event is in.")
                .example("800"),
            )?;
        }
        self.put(
            "workload",
            "growth_per_month",
            Question::new(
                "growth",
                "How much does the volume grow a month?",
                Kind::Number(GROWTH),
            )
            .why("Growth compounds: 3 % a month is 2.9 times the volume after three years.")
            .example("2%, or \"0% to 4%\"")
            .default("0"),
        )?;
        Ok(())
    }

    /// People's time: handling seconds and the hourly cost.
    fn time(&mut self) -> anyhow::Result<()> {
        let seconds = self.given(
            Question::new(
                "people.seconds",
                "How many seconds does a person take per event?",
                Kind::Number(SECONDS),
            )
            .why("People's time is often the largest cost of doing nothing.")
            .example("30, or \"20 to 45\""),
        )?;
        let hourly = self.given(
            Question::new(
                "people.hourly",
                "What does an hour of a person's time cost, all in (salary, overhead)?",
                Kind::Number(AMOUNT),
            )
            .why("All-in, not the salary alone: employers pay about 1.3 to 1.5 times it.")
            .example("20"),
        )?;
        self.put_inline(
            "options.people",
            "labour",
            "People doing the work: seconds per event at an all-in hourly cost.",
            &[("seconds", &seconds), ("hourly", &hourly)],
        );
        Ok(())
    }

    /// The cost of errors: buckets with a cost each, or one accuracy and one cost.
    fn errors(&mut self, ways: &[String]) -> anyhow::Result<()> {
        let style = self
            .answer(
                &Question::new(
                    "errors",
                    "Do you count errors by kind (each with its own cost) or as one accuracy?",
                    Kind::Choice(&["kinds", "accuracy"]),
                )
                .why("Errors are the collapsed confusion matrix: a rate and a cost per kind of mistake.")
                .example("kinds")
                .default("kinds"),
            )?
            .text;
        if style == "accuracy" {
            let cost = self.given(
                Question::new(
                    "error_cost",
                    "What does one error cost?",
                    Kind::Number(AMOUNT),
                )
                .why("Rework, a refund, a lost customer: the cost of a wrong answer on average.")
                .example("5"),
            )?;
            for way in ways {
                let header = format!("options.{way}");
                self.put(
                    &header,
                    "accuracy",
                    Question::new(
                        format!("accuracy.{way}"),
                        format!("What share of events does {} handle correctly?", words(way)),
                        Kind::Share,
                    )
                    .why("From an eval set: \"370 of 400\" turns into the matching uncertainty.")
                    .example("92%, or \"370 of 400\""),
                )?;
                self.draft.set(
                    &header,
                    "error_cost",
                    cost.toml(),
                    cost.question.why,
                    cost.answer.defaulted,
                );
            }
            return Ok(());
        }
        let kinds = list(
            &self
                .answer(
                    &Question::new(
                        "error_kinds",
                        "Which kinds of error count? Name them, separated by commas.",
                        Kind::Names,
                    )
                    .why("Each kind gets its own rate per option and its own cost.")
                    .example("wrong_department, wrong_subclass")
                    .default("wrong_answer"),
                )?
                .text,
        );
        for kind in &kinds {
            let cost = self.given(
                Question::new(
                    format!("cost.{kind}"),
                    format!("What does one {} error cost?", words(kind)),
                    Kind::Number(AMOUNT),
                )
                .why("One cost for every option that makes this kind of error; the errors' costs are often the whole case for a change.")
                .example("8"),
            )?;
            self.draft.set(
                &format!("errors.{kind}"),
                "cost",
                cost.toml(),
                cost.question.why,
                cost.answer.defaulted,
            );
            for way in ways {
                let rate = self.given(
                    Question::new(
                        format!("rate.{way}.{kind}"),
                        format!(
                            "What share of events does {} get {} wrong?",
                            words(way),
                            words(kind)
                        ),
                        Kind::Share,
                    )
                    .why("A share of events, a range, or what an eval set found: \"12 of 400\".")
                    .example("2%, or \"12 of 400\""),
                )?;
                self.put_inline(
                    &format!("options.{way}"),
                    &format!("errors.{kind}"),
                    "An error kind: the share of events it happens to (its cost is under [errors]).",
                    &[("rate", &rate)],
                );
            }
        }
        Ok(())
    }

    /// The system of one way: its cost per event, serving and fixed costs, review, the
    /// project (for a candidate that is built) and its risks over time.
    fn system(&mut self, way: &str, today: &str) -> anyhow::Result<()> {
        let header = format!("options.{way}");
        if way == "people" {
            return Ok(());
        }
        let w = words(way);
        self.put(
            &header,
            "cost_per_event",
            Question::new(
                format!("{way}.cost_per_event"),
                format!("What does one event cost in inference on the {w} model (tokens × price)?"),
                Kind::Number(AMOUNT),
            )
            .why("The API bill or the per-event compute: 500 tokens in at 3 a million and 200 out at 15 a million is 0.0045.")
            .example("0.06"),
        )?;
        let review = self.given(
            Question::new(
                format!("{way}.review"),
                format!("What share of the {w} model's outputs does a person review?"),
                Kind::Share,
            )
            .why("Review keeps errors down and costs people's time on every reviewed event.")
            .example("10%")
            .default("0"),
        )?;
        if !is_zero(&review.answer.text) {
            let cost = self.given(
                Question::new(
                    format!("{way}.review_cost"),
                    "What does one review cost?".to_string(),
                    Kind::Number(AMOUNT),
                )
                .why("A reviewer's time per event at the all-in hourly cost.")
                .example("0.10"),
            )?;
            self.put_inline(
                &header,
                "review",
                "People reviewing a share of the outputs, at a cost per review.",
                &[("rate", &review), ("cost", &cost)],
            );
        }
        if way == "fine_tuned" {
            let hourly = self.given(
                Question::new(
                    "fine_tuned.serving_hourly",
                    "If the fine-tuned model runs on instances of its own, what does one cost an hour? (0 when billed per event)",
                    Kind::Number(AMOUNT),
                )
                .why("Self-hosted serving is billed by the hour whether busy or not.")
                .example("2.06")
                .default("0"),
            )?;
            if !is_zero(&hourly.answer.text) {
                let n = self.given(
                    Question::new(
                        "fine_tuned.instances",
                        "How many instances run?",
                        Kind::Number(COUNT),
                    )
                    .why("Each is billed every hour of the month.")
                    .example("2")
                    .default("1"),
                )?;
                self.put_inline(
                    &header,
                    "serving",
                    "Serving instances billed by the hour.",
                    &[("hourly", &hourly), ("instances", &n)],
                );
            }
            self.put(
                &header,
                "monthly.operations",
                Question::new(
                    "fine_tuned.monthly",
                    "What does running it cost a month besides (monitoring, storage, MLOps time)?",
                    Kind::Number(AMOUNT),
                )
                .why("Fixed monthly costs, paid whatever the volume.")
                .example("1500")
                .default("0"),
            )?;
            if way != today {
                self.project(&header)?;
            }
            let drift = self.put(
                &header,
                "drift_per_month",
                Question::new(
                    "fine_tuned.drift",
                    "By how much do its error rates grow a month as the data drifts?",
                    Kind::Number(Domain::closed(0.0, 1.0, "a monthly drift in [0, 1]")),
                )
                .why("Drift erodes a fine-tune's advantage until it is retrained.")
                .example("2%")
                .default("0"),
            )?;
            if !is_zero(&drift) {
                let every = self.given(
                    Question::new(
                        "fine_tuned.retrain_every",
                        "Every how many months is it retrained?",
                        Kind::Whole(1, 600),
                    )
                    .why("Each retraining resets the drift and costs a lump.")
                    .example("6")
                    .default("6"),
                )?;
                let cost = self.given(
                    Question::new(
                        "fine_tuned.retrain_cost",
                        "What does one retraining cost?",
                        Kind::Number(AMOUNT),
                    )
                    .why("Data refresh, a training run and an evaluation.")
                    .example("5000"),
                )?;
                self.put_inline(
                    &header,
                    "retrain",
                    "Retraining every few months, at a cost each.",
                    &[("every_months", &every), ("cost", &cost)],
                );
            }
        }
        if way == "prompted" {
            self.put(
                &header,
                "price_change_per_year",
                Question::new(
                    "prompted.price_trend",
                    "How do the vendor's prices change a year?",
                    Kind::Number(PRICE_CHANGE),
                )
                .why("API prices have fallen fast; a falling price helps staying.")
                .example("-20%, or \"-40% to 0%\"")
                .default("0"),
            )?;
            let hazard = self.given(
                Question::new(
                    "prompted.deprecation",
                    "How often a year does the vendor retire the model you prompt?",
                    Kind::Number(HAZARD),
                )
                .why(
                    "A retirement forces a migration: new prompts, new evaluation, maybe downtime.",
                )
                .example("0.5 (once every two years)")
                .default("0"),
            )?;
            if !is_zero(&hazard.answer.text) {
                let cost = self.given(
                    Question::new(
                        "prompted.migration_cost",
                        "What does one migration to the successor cost?",
                        Kind::Number(AMOUNT),
                    )
                    .why("Re-prompting and re-evaluating on the successor model.")
                    .example("10000"),
                )?;
                self.put_inline_with(
                    &header,
                    "deprecation",
                    "The vendor retiring the model at random, with a migration cost each time.",
                    &[("hazard_per_year", &hazard), ("migration_cost", &cost)],
                    &[("repeat", "true")],
                );
            }
        }
        Ok(())
    }

    /// The candidate project: data, engineering, evaluation, runs, contingency, build time,
    /// success.
    fn project(&mut self, option: &str) -> anyhow::Result<()> {
        let header = format!("{option}.project");
        // Data and engineering are asked without a default: a project that costs nothing up
        // front is rarely what anyone means.
        for (item, what, example, default) in [
            (
                "data",
                "preparing and labelling the data",
                "\"15k to 40k\"",
                None,
            ),
            (
                "engineering",
                "the engineering (pipeline, integration), in money",
                "\"20k to 35k\"",
                None,
            ),
            ("evaluation", "building the evaluation", "5000", Some("0")),
        ] {
            let mut q = Question::new(
                format!("project.{item}"),
                format!("What does {what} cost?"),
                Kind::Number(AMOUNT),
            )
            .why("Part of the upfront investment the savings must pay back.")
            .example(example);
            if let Some(default) = default {
                q = q.default(default);
            }
            let cost = self.given(q)?;
            let why = cost.question.why;
            self.put_inline(&header, &format!("items.{item}"), why, &[("cost", &cost)]);
        }
        let runs = self.put(
            &header,
            "planned_runs",
            Question::new(
                "project.runs",
                "How many training runs do you plan?",
                Kind::Number(COUNT),
            )
            .why("Each run costs compute; failed runs are paid for too.")
            .example("3")
            .default("0"),
        )?;
        if !is_zero(&runs) {
            self.put(
                &header,
                "failed_runs",
                Question::new(
                    "project.failed_runs",
                    "How many runs may fail and be redone?",
                    Kind::Number(COUNT),
                )
                .why("Runs fail: a count distribution such as \"poisson(1)\" says how many.")
                .example("\"poisson(1)\"")
                .default("0"),
            )?;
            self.put(
                &header,
                "cost_per_run",
                Question::new("project.cost_per_run", "What does one training run cost?", Kind::Number(AMOUNT))
                    .why("GPU-hours times their price (docs/scenario.md gives the GPU-hours and tokens forms).")
                    .example("\"1k to 4k\""),
            )?;
        }
        self.put(
            &header,
            "contingency",
            Question::new(
                "project.contingency",
                "What contingency do you add on top?",
                Kind::Number(SHARE_UP_TO_10),
            )
            .why("A share of the items and runs, for what nobody listed.")
            .example("15%")
            .default("0"),
        )?;
        self.put(
            &header,
            "build_months",
            Question::new(
                "project.build_months",
                "How many months until it goes live?",
                Kind::Number(MONTHS),
            )
            .why("Every month of building is a month of paying for today's way as well.")
            .example("\"1 to 3\"")
            .default("1 to 3"),
        )?;
        self.put(
            &header,
            "success",
            Question::new(
                "project.success",
                "How likely is it that the project succeeds and goes live?",
                Kind::Share,
            )
            .why("A failed project spends its budget and never pays back.")
            .example("85%")
            .default("85%"),
        )?;
        Ok(())
    }

    /// The horizon and the discount rate.
    fn horizon(&mut self) -> anyhow::Result<()> {
        self.put(
            "scenario",
            "horizon_months",
            Question::new(
                "horizon_months",
                "Over how many months do you judge the decision?",
                Kind::Whole(1, 600),
            )
            .why("Savings after the horizon are left out; three years is usual for a model.")
            .example("36")
            .default("36"),
        )?;
        self.put(
            "scenario",
            "discount_rate",
            Question::new(
                "discount_rate",
                "What discount rate a year does finance use?",
                Kind::Number(DISCOUNT),
            )
            .why("It turns later savings into today's money for the NPV.")
            .example("8%")
            .default("8%"),
        )?;
        Ok(())
    }
}

/// A question with its answer.
struct Given {
    question: Question,
    answer: Answer,
}

impl Given {
    /// The answer as a TOML value.
    fn toml(&self) -> String {
        self.question.toml_value(&self.answer.text)
    }
}

/// A key with its underscores as spaces.
fn words(key: &str) -> String {
    key.replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Document;

    /// Answers every question with its default, checked as a typed answer would be, and
    /// with a plain answer of its kind where it has none; records the keys.
    struct Defaults(Vec<String>);

    impl Ask for Defaults {
        fn ask(&mut self, q: &Question) -> anyhow::Result<Answer> {
            self.0.push(q.key.clone());
            if let Some(default) = &q.default {
                let text = q.check(default).unwrap_or_else(|e| {
                    panic!("the default {default:?} of {} is refused: {e}", q.key)
                });
                return Ok(Answer {
                    text,
                    defaulted: true,
                });
            }
            let text = match &q.kind {
                Kind::Text => "A decision",
                Kind::Names => "wrong",
                Kind::Share => "0.1",
                _ => "2",
            };
            Ok(Answer {
                text: q.check(text).unwrap(),
                defaulted: false,
            })
        }
    }

    #[test]
    fn every_default_is_a_valid_answer_and_the_file_is_a_valid_scenario() {
        let mut defaults = Defaults(Vec::new());
        let text = scenario_text(&mut defaults).unwrap();
        Document::parse(&text, std::path::Path::new("defaults.toml"))
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert!(defaults.0.contains(&"project.success".to_string()));
        let keys = defaults.0.len();
        let mut unique = defaults.0.clone();
        unique.dedup();
        assert_eq!(unique.len(), keys, "a key asked twice: {:?}", defaults.0);
    }

    #[test]
    fn numeric_answers_become_toml_as_written() {
        let share = Question::new("s", "", Kind::Share);
        assert_eq!(share.toml_value("12 of 400"), "{ observed = 12, of = 400 }");
        assert_eq!(share.toml_value("3%"), "\"3%\"");
        assert_eq!(share.toml_value("0.25"), "0.25");
        assert!(share.check("120%").unwrap_err().contains("[0, 1]"));
        assert!(share.check("13 of 12").is_err());
        let amount = Question::new("a", "", Kind::Number(AMOUNT));
        assert_eq!(amount.toml_value("15k to 40k"), "\"15k to 40k\"");
        assert!(amount.check("$40").unwrap_err().contains("currency"));
        let months = Question::new("m", "", Kind::Whole(1, 600));
        assert!(months.check("12.5").is_err());
        assert_eq!(months.check("36").unwrap(), "36");
    }
}
