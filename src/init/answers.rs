//! Answers from a file (`payback init --answers answers.toml`): one key per question
//! (`volume = 5000`, `"rate.people.wrong_department" = "5%"`, or nested: `[rate.people]`),
//! each checked like a typed answer; a missing one takes the question's default, and a key
//! that is no question of the session is refused, so that a misspelt answer is never ignored.

use super::question::Question;
use super::{Answer, Ask};
use crate::error::InputError;
use indexmap::IndexMap;
use std::path::{Path, PathBuf};

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
        let line_at = |at: usize| src[..at.min(src.len())].lines().count().max(1);
        let top = toml::de::DeTable::parse(&src).map_err(|e| {
            let line = e.span().map(|s| line_at(s.start));
            InputError::new(path, line, "answers", e.message().to_string())
        })?;
        let mut answers = IndexMap::new();
        flatten("", top.get_ref(), &src, &mut answers).map_err(|(key, at, message)| {
            InputError::new(path, Some(line_at(at)), &key, message)
        })?;
        let answers = answers
            .into_iter()
            .map(|(key, (text, at))| (key, (text, line_at(at))))
            .collect();
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
            let said = if message.contains(text.as_str()) {
                message
            } else {
                format!("`{text}`: {message}")
            };
            InputError::new(&self.file, Some(*line), &q.key, said)
        })?;
        Ok(Answer {
            text,
            defaulted: false,
        })
    }
}

/// The answers of `table` (at the dotted path `prefix`) as dotted keys with their text and
/// where in `src` each value starts.
fn flatten(
    prefix: &str,
    table: &toml::de::DeTable,
    src: &str,
    out: &mut IndexMap<String, (String, usize)>,
) -> Result<(), (String, usize, String)> {
    for (key, value) in table {
        let key = if prefix.is_empty() {
            key.get_ref().to_string()
        } else {
            format!("{prefix}.{}", key.get_ref())
        };
        let at = value.span().start;
        let raw = |span: std::ops::Range<usize>| src.get(span).unwrap_or("").trim().to_string();
        let text = match value.get_ref() {
            toml::de::DeValue::Table(t) => {
                flatten(&key, t, src, out)?;
                continue;
            }
            toml::de::DeValue::String(s) => s.to_string(),
            toml::de::DeValue::Integer(_) | toml::de::DeValue::Float(_) => raw(value.span()),
            toml::de::DeValue::Array(items) => items
                .iter()
                .map(|i| match i.get_ref() {
                    toml::de::DeValue::String(s) => s.to_string(),
                    _ => raw(i.span()),
                })
                .collect::<Vec<_>>()
                .join(", "),
            _ => {
                return Err((
                    key,
                    at,
                    format!(
                        "{} is not an answer: write text or a number",
                        raw(value.span())
                    ),
                ));
            }
        };
        if out.contains_key(&key) {
            return Err((
                key,
                at,
                "is answered twice: keep one of the two".to_string(),
            ));
        }
        out.insert(key, (text, at));
    }
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
