//! Answers typed on a terminal, one question at a time, with `inquire`: the question, a line
//! on why it matters with an example, the default in brackets (Enter takes it), and an answer
//! checked as it is given, with the same messages as an answers file.

use super::question::Question;
use super::{Answer, Ask};
use inquire::validator::Validation;

/// The terminal session.
#[derive(Debug, Default)]
pub struct Terminal;

impl Ask for Terminal {
    fn ask(&mut self, q: &Question) -> anyhow::Result<Answer> {
        let help = q.help();
        let checked = q.clone();
        let mut prompt = inquire::Text::new(&q.text)
            .with_help_message(&help)
            .with_validator(move |answer: &str| {
                Ok(match checked.check(answer) {
                    Ok(_) => Validation::Valid,
                    Err(message) => Validation::Invalid(message.into()),
                })
            });
        if let Some(default) = &q.default {
            prompt = prompt.with_default(default);
        }
        let text = prompt.prompt().map_err(|e| match e {
            inquire::InquireError::OperationCanceled
            | inquire::InquireError::OperationInterrupted => {
                anyhow::anyhow!("stopped at the question {:?}: nothing was written", q.key)
            }
            other => anyhow::anyhow!("the terminal cannot ask questions ({other}); answer them from a file with --answers"),
        })?;
        let text = q.check(&text).map_err(anyhow::Error::msg)?;
        let defaulted = q.default.as_deref() == Some(text.as_str());
        Ok(Answer { text, defaulted })
    }
}
