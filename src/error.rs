//! Errors the user can act on: bad scenario files, bad command-line values, questions that
//! cannot be answered as asked and report directories that may not be replaced (exit code 2),
//! failures to read or write files (exit code 1), and a run stopped by Ctrl-C (exit code 130).

use crate::numbers::count;
use std::fmt;
use std::path::{Path, PathBuf};

/// Exit code for bad input: a scenario file or a flag that cannot be used as given.
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit code for everything else that stops a run (an unreadable file, a full disk).
pub const EXIT_FAILURE: u8 = 1;
/// Exit code of a run stopped by Ctrl-C: 128 + SIGINT, as shells report it.
pub const EXIT_INTERRUPTED: u8 = 130;

/// A scenario file that cannot be used as written: where, which field, the bad value, and what
/// is allowed.
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    /// The scenario file.
    pub file: PathBuf,
    /// 1-based line of the offending value, when known.
    pub line: Option<usize>,
    /// Dotted path of the field (`options.fine_tuned.project.success`), empty for file-level errors.
    pub field: String,
    /// What is wrong and what is allowed, including the bad value.
    pub message: String,
}

impl InputError {
    /// An error about `field` at `line` of `file`.
    pub fn new(file: &Path, line: Option<usize>, field: &str, message: impl Into<String>) -> Self {
        InputError {
            file: file.to_path_buf(),
            line,
            field: field.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if self.field.is_empty() {
            write!(f, ": {}", self.message)
        } else {
            write!(f, ": {}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for InputError {}

/// A command-line value outside what is allowed (`--trials 0`).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{flag}: {message}")]
pub struct UsageError {
    /// The flag, e.g. `--trials`.
    pub flag: String,
    /// What is wrong and what is allowed.
    pub message: String,
}

impl UsageError {
    /// An error about `flag`: what is wrong and what is allowed.
    pub fn new(flag: &str, message: impl Into<String>) -> Self {
        UsageError {
            flag: flag.to_string(),
            message: message.into(),
        }
    }
}

/// A question put to the analysis (a sweep, a reverse question) that cannot be answered as
/// asked: which part of it is wrong, what is wrong, and what is allowed. The command line says
/// it as an error about the flag that gave the part.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{part}: {message}")]
pub struct BadQuestion {
    /// The part of the question.
    pub part: QuestionPart,
    /// What is wrong and what is allowed.
    pub message: String,
}

impl BadQuestion {
    /// An error about `part`: what is wrong and what is allowed.
    pub fn new(part: QuestionPart, message: impl Into<String>) -> Self {
        BadQuestion {
            part,
            message: message.into(),
        }
    }
}

/// The parts of a question to the analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionPart {
    /// The candidate asked about.
    Candidate,
    /// The target payback time T.
    Within,
    /// The confidence q.
    Confidence,
    /// The input swept or solved for, or a value it is set to.
    Input,
    /// What is asked (the largest investment, the smallest volume, the largest extra cost).
    Question,
}

impl fmt::Display for QuestionPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            QuestionPart::Candidate => "the candidate",
            QuestionPart::Within => "the target payback time",
            QuestionPart::Confidence => "the confidence",
            QuestionPart::Input => "the input",
            QuestionPart::Question => "the question",
        })
    }
}

/// Work stopped by the user: a simulation, or a command of many (a sweep, a solve).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interrupted {
    /// Trials simulated before the stop.
    pub done: u64,
    /// Trials the work would have simulated, when known beforehand (a solve's are not).
    pub total: Option<u64>,
}

impl std::fmt::Display for Interrupted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.total {
            Some(total) if total == self.done => write!(
                f,
                "stopped by the user after all {} trials, before anything was written",
                count(total)
            ),
            Some(total) => write!(
                f,
                "stopped by the user after {} of {} trials; nothing was written",
                count(self.done),
                count(total)
            ),
            None => write!(
                f,
                "stopped by the user after {} trials; nothing was written",
                count(self.done)
            ),
        }
    }
}

impl std::error::Error for Interrupted {}

impl Interrupted {
    /// `err` counted as part of larger work when it is a stop: `before` trials were simulated
    /// earlier, and the whole work would have simulated `total`. Any other error is `err`.
    pub fn count_within(err: anyhow::Error, before: u64, total: Option<u64>) -> anyhow::Error {
        match err.downcast::<Interrupted>() {
            Ok(stop) => Interrupted {
                done: before + stop.done,
                total,
            }
            .into(),
            Err(err) => err,
        }
    }
}

/// Why a directory may not be replaced by a report: nothing was written or removed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("cannot write into {dir}: it {reason}; nothing was written")]
pub struct RefusedDir {
    /// The directory as given.
    pub dir: String,
    /// What is in the way and what to do.
    pub reason: String,
}

/// The exit code for an error chain: 2 when bad input caused it, 130 when the user stopped
/// the run, 1 otherwise.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    let bad_input = err.chain().any(|e| {
        e.is::<InputError>()
            || e.is::<UsageError>()
            || e.is::<BadQuestion>()
            || e.is::<RefusedDir>()
    });
    if bad_input {
        EXIT_BAD_INPUT
    } else if err.chain().any(|e| e.is::<Interrupted>()) {
        EXIT_INTERRUPTED
    } else {
        EXIT_FAILURE
    }
}
