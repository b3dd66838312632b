//! One question of `payback init`: what it asks, why it matters, an example answer, the
//! default (a guess of the sources' order of magnitude, marked as such in the file), and what
//! an answer may be: a choice, a list of names, text, or a number, written as people write
//! numbers (a value, a range `"15k to 40k"`, a distribution, or `"12 of 400"` from an eval
//! set).

use crate::config::Domain;
use crate::distribution::{self, parse_number};

/// What an answer may be.
#[derive(Debug, Clone)]
pub enum Kind {
    /// Free text (a name).
    Text,
    /// One of these words.
    Choice(&'static [&'static str]),
    /// One of these words, known only during the session (the options compared).
    OneOf(Vec<String>),
    /// Two or more of these words, separated by commas.
    Choices(&'static [&'static str]),
    /// Names of things to add (error kinds), separated by commas.
    Names,
    /// A number or a distribution of numbers in the domain.
    Number(Domain),
    /// A share in [0, 1]: a number, a percentage, a range, or `k of n` observed.
    Share,
    /// A whole number in `[lo, hi]` (a setting, not a distribution).
    Whole(u64, u64),
}

/// A question of the bank.
#[derive(Debug, Clone)]
pub struct Question {
    /// Where the answer goes in an answers file (`volume`, `rate.human.wrong_department`).
    pub key: String,
    /// The question.
    pub text: String,
    /// Why it matters, in one line.
    pub why: &'static str,
    /// An example answer.
    pub example: &'static str,
    /// The answer taken when none is given, a guess of the sources' order of magnitude;
    /// `None` when the question must be answered.
    pub default: Option<String>,
    /// What an answer may be.
    pub kind: Kind,
}

/// How to give a range, said with every numeric question.
pub const RANGE_HELP: &str = "not sure? give a range: \"20 to 45\" (you are 90 % sure it is in \
                              there), or a distribution such as \"pert(20, 30, 45)\"";

impl Question {
    /// A question with no default.
    pub fn new(key: impl Into<String>, text: impl Into<String>, kind: Kind) -> Self {
        Question {
            key: key.into(),
            text: text.into(),
            why: "",
            example: "",
            default: None,
            kind,
        }
    }

    /// The line on why it matters.
    pub fn why(mut self, why: &'static str) -> Self {
        self.why = why;
        self
    }

    /// The example answer.
    pub fn example(mut self, example: &'static str) -> Self {
        self.example = example;
        self
    }

    /// The default answer.
    pub fn default(mut self, default: impl Into<String>) -> Self {
        self.default = Some(default.into());
        self
    }

    /// The help shown under the question: why, an example, how to give a range.
    pub fn help(&self) -> String {
        let mut help = self.why.to_string();
        if !self.example.is_empty() {
            help.push_str(&format!(" Example: {}.", self.example));
        }
        if matches!(self.kind, Kind::Number(_) | Kind::Share) {
            help.push_str(&format!(" ({RANGE_HELP})"));
        }
        help
    }

    /// Checks `answer`; returns it cleaned (trimmed, choices in lower case) or what is wrong
    /// and what is allowed.
    pub fn check(&self, answer: &str) -> Result<String, String> {
        let a = answer.trim();
        match &self.kind {
            Kind::Text if a.is_empty() => Err("write something".into()),
            Kind::Text => Ok(a.to_string()),
            Kind::Choice(words) => {
                let a = a.to_lowercase();
                if words.contains(&a.as_str()) {
                    Ok(a)
                } else {
                    Err(format!("`{answer}` is not one of: {}", words.join(", ")))
                }
            }
            Kind::OneOf(words) => {
                let a = a.to_lowercase();
                if words.contains(&a) {
                    Ok(a)
                } else {
                    Err(format!("`{answer}` is not one of: {}", words.join(", ")))
                }
            }
            Kind::Choices(words) => {
                let picked = list(a);
                match picked.iter().find(|p| !words.contains(&p.as_str())) {
                    Some(p) => Err(format!("`{p}` is not one of: {}", words.join(", "))),
                    None if picked.len() < 2 => Err(format!(
                        "pick two or more of: {} (today's way and another)",
                        words.join(", ")
                    )),
                    None => Ok(picked.join(", ")),
                }
            }
            Kind::Names => {
                let names = list(a);
                let bad = names.iter().find(|n| {
                    !n.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                });
                match bad {
                    _ if names.is_empty() => Err("give at least one name".into()),
                    Some(n) => Err(format!(
                        "`{n}` is not a name: use letters, digits, - and _ (no spaces)"
                    )),
                    None => Ok(names.join(", ")),
                }
            }
            Kind::Number(domain) => toml_number(a, *domain).map(|_| a.to_string()),
            Kind::Share => toml_number(a, Domain::PROBABILITY).map(|_| a.to_string()),
            Kind::Whole(lo, hi) => match parse_number(a, a) {
                Ok(x) if x.fract() == 0.0 && (*lo as f64..=*hi as f64).contains(&x) => {
                    Ok(format!("{x}"))
                }
                _ => Err(format!("`{a}`: give a whole number in [{lo}, {hi}]")),
            },
        }
    }

    /// The checked answer `answer` as a TOML value: a number as written, a string for a
    /// range or distribution, a table for `k of n`.
    pub fn toml_value(&self, answer: &str) -> String {
        match &self.kind {
            Kind::Number(domain) => toml_number(answer, *domain).unwrap_or_default(),
            Kind::Share => toml_number(answer, Domain::PROBABILITY).unwrap_or_default(),
            Kind::Whole(..) => answer.to_string(),
            _ => quoted(answer),
        }
    }
}

/// Whether the checked numeric answer `answer` is exactly 0 (`0`, `0%`, `0.0`).
pub fn is_zero(answer: &str) -> bool {
    distribution::parse_text(answer).is_ok_and(|d| d.as_constant() == Some(0.0))
}

/// The words of a comma-separated list, in lower case, without blanks and repeats.
pub fn list(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split(',').map(|w| w.trim().to_lowercase()) {
        if !word.is_empty() && !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

/// `text` as a TOML string.
pub fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A numeric answer as TOML, checked against `domain`: `12 of 400` becomes `{ observed = 12,
/// of = 400 }`, a plain number stays a number, anything else is a distribution string.
fn toml_number(answer: &str, domain: Domain) -> Result<String, String> {
    let a = answer.trim();
    let observed = a.split_once(" of ").and_then(|(k, n)| {
        let (k, n) = (parse_number(k, a).ok()?, parse_number(n, a).ok()?);
        Some(format!("{{ observed = {k}, of = {n} }}"))
    });
    let value = match observed {
        Some(table) => table,
        // A number TOML reads as written stays a number; `.5` or `007` becomes a string.
        None if a.parse::<f64>().is_ok_and(f64::is_finite)
            && toml::from_str::<toml::Table>(&format!("x = {a}")).is_ok() =>
        {
            a.to_string()
        }
        None => quoted(a),
    };
    let parsed: toml::Table =
        toml::from_str(&format!("x = {value}")).map_err(|e| e.message().to_string())?;
    let dist = distribution::from_toml(&parsed["x"]).map_err(|e| e.message)?;
    domain.check(&dist)?;
    Ok(value)
}
