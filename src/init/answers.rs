//! Answers from a file (`payback init --answers answers.toml`): one key per question
//! (`volume = 5000`, `"rate.people.wrong_department" = "5%"`, or nested: `[rate.people]`),
//! each checked like a typed answer; a missing one takes the question's default, and a key
//! that is no question of the session is refused, so that a misspelt answer is never ignored.

use super::question::Question;
use super::{Answer, Ask};
use crate::error::InputError;
use indexmap::IndexMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The answers of a file, by dotted key, with their lines.
#[derive(Debug)]
pub struct AnswerFile {
    file: PathBuf,
    answers: IndexMap<String, (String, usize)>,
    asked: Vec<String>,
}

impl AnswerFile {
    /// Reads the answers file at `path`.
    pub fn load(path: &Path) -> Result<Self, InputError> {
        let src = std::fs::read_to_string(path)
            .map_err(|e| InputError::new(path, None, "answers", format!("cannot read it: {e}")))?;
        let top: IndexMap<String, Spanned<toml::Value>> = toml::from_str(&src).map_err(|e| {
            let line = e.span().map(|s| src[..s.start].lines().count().max(1));
            InputError::new(path, line, "answers", e.message().to_string())
        })?;
        let mut answers = IndexMap::new();
        for (key, value) in top {
            let line = src[..value.span().start].lines().count().max(1);
            flatten(&key, value.get_ref(), line, &mut answers)
                .map_err(|(key, message)| InputError::new(path, Some(line), &key, message))?;
        }
        Ok(AnswerFile {
            file: path.to_path_buf(),
            answers,
            asked: Vec::new(),
        })
    }

    /// Refuses every answer that no question of the session asked for.
    pub fn finish(&self) -> Result<(), InputError> {
        let Some((key, (_, line))) = self.answers.iter().find(|(k, _)| !self.asked.contains(k))
        else {
            return Ok(());
        };
        let nearest = self
            .asked
            .iter()
            .min_by(|a, b| strsim::levenshtein(key, a).cmp(&strsim::levenshtein(key, b)))
            .filter(|n| strsim::levenshtein(key, n) <= 3)
            .map_or(String::new(), |n| format!(" (did you mean `{n}`?)"));
        Err(InputError::new(
            &self.file,
            Some(*line),
            key,
            format!(
                "is not a question of this session{nearest}; the questions asked were: {}",
                self.asked.join(", ")
            ),
        ))
    }
}

impl Ask for AnswerFile {
    fn ask(&mut self, q: &Question) -> anyhow::Result<Answer> {
        self.asked.push(q.key.clone());
        let Some((text, line)) = self.answers.get(&q.key) else {
            return match &q.default {
                Some(default) => Ok(Answer {
                    text: default.clone(),
                    defaulted: true,
                }),
                None => Err(InputError::new(
                    &self.file,
                    None,
                    &q.key,
                    format!(
                        "missing: {} (e.g. {} = {})",
                        q.text,
                        q.key,
                        example_value(q.example)
                    ),
                )
                .into()),
            };
        };
        let text = q.check(text).map_err(|message| {
            InputError::new(
                &self.file,
                Some(*line),
                &q.key,
                format!("`{text}`: {message}"),
            )
        })?;
        Ok(Answer {
            text,
            defaulted: false,
        })
    }
}

/// `value` under `key` as dotted keys with their answers as text.
fn flatten(
    key: &str,
    value: &toml::Value,
    line: usize,
    out: &mut IndexMap<String, (String, usize)>,
) -> Result<(), (String, String)> {
    let text = match value {
        toml::Value::Table(t) => {
            for (k, v) in t {
                flatten(&format!("{key}.{k}"), v, line, out)?;
            }
            return Ok(());
        }
        toml::Value::String(s) => s.clone(),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => f.to_string(),
        toml::Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join(", "),
        other => {
            return Err((
                key.to_string(),
                format!("{other} is not an answer: write text or a number"),
            ));
        }
    };
    out.insert(key.to_string(), (text, line));
    Ok(())
}

/// An example answer as an answers file writes it.
fn example_value(example: &str) -> String {
    let first = example.split(", or ").next().unwrap_or(example).trim();
    if first.parse::<f64>().is_ok() || first.starts_with('"') {
        first.to_string()
    } else {
        format!("\"{first}\"")
    }
}
