//! A shard's collections as a file (`payback run --shard K/N --partial PATH`), read back by
//! `payback merge`: a magic line, the SHA-256 of the contents, then the contents in postcard
//! (every float as its bits). The contents say which run they are a shard of: the format, the
//! version of `payback`, the scenario file's hash, the seed, the trials, K and N, and the job:
//! a run with its stress cases, or a sweep with its input and values, so that `merge` can
//! refuse what does not belong together.

use crate::collect::{DetailedState, RunAggregate};
use crate::engine::Shard;
use crate::error::InputError;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::Path;

/// The first bytes of every partial file.
const MAGIC: &[u8] = b"payback partial file\n";
/// The version of the layout below; a partial of another is refused.
pub const FORMAT: u32 = 2;

/// Which run a partial is a shard of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// [`FORMAT`] when written.
    pub format: u32,
    /// The version of `payback` that wrote it.
    pub payback_version: String,
    /// The SHA-256 of the scenario file's bytes.
    pub scenario_sha256: String,
    /// The run's seed.
    pub seed: u64,
    /// The run's trials (all shards together).
    pub trials: u64,
    /// This shard, 1-based.
    pub shard: u64,
    /// The number of shards.
    pub shards: u64,
    /// What the shard is of.
    pub job: Job,
}

/// What was sharded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Job {
    /// `payback run`.
    Run {
        /// The option of the deprecation pack, when the run has it.
        stress_deprecation: Option<String>,
        /// The names of the stress cases, in the order they run.
        cases: Vec<String>,
    },
    /// `payback sweep`.
    Sweep {
        /// The swept input's dotted path.
        param: String,
        /// The values, in the order given.
        values: Vec<f64>,
        /// The target payback time T, in months.
        within: f64,
    },
}

/// A shard's collections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Collections {
    /// A run's.
    Run {
        /// The base's collections of the shard's chunks.
        base: Box<Shard<DetailedState>>,
        /// Each stress case's outcomes of the same chunks, in the order of the job's cases.
        cases: Vec<Shard<RunAggregate>>,
    },
    /// A sweep's: each value's outcomes of the shard's chunks, in the order of the values.
    Sweep(Vec<Shard<RunAggregate>>),
}

/// A partial file's contents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Partial {
    /// Which run it is a shard of.
    pub header: Header,
    /// Its collections, of the kind of `header.job`.
    pub collections: Collections,
}

/// Writes `partial` to `path`, whole or not at all (a temporary file beside it, renamed). A
/// file already there is replaced only when it is a partial file itself (a shard run again);
/// anything else is the user's and is refused.
pub fn write(path: &Path, partial: &Partial) -> Result<(), InputError> {
    let fail = |message: String| InputError::new(path, None, "", message);
    if path.exists() && !is_partial(path) {
        return Err(fail(
            "exists and is not a payback partial file: give a new path (payback replaces only \
             a partial file it wrote)"
                .into(),
        ));
    }
    let body = postcard::to_stdvec(partial)
        .map_err(|e| fail(format!("cannot encode the partial: {e}")))?;
    let bytes = [MAGIC, &Sha256::digest(&body)[..], &body].concat();
    crate::files::put(path, &bytes).map_err(|e| fail(format!("cannot write the partial: {e}")))
}

/// Whether the file at `path` starts as a partial file does.
fn is_partial(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|bytes| bytes.starts_with(MAGIC))
}

/// Reads the partial file at `path`; an error naming it when it is not one, is damaged, or
/// is of another format.
pub fn read(path: &Path) -> Result<Partial, InputError> {
    let fail = |message: String| InputError::new(path, None, "", message);
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read the partial: {e}")))?;
    let Some(rest) = bytes.strip_prefix(MAGIC) else {
        return Err(fail(
            "is not a payback partial file (written by payback run --shard K/N --partial PATH)"
                .into(),
        ));
    };
    if rest.len() < 32 || Sha256::digest(&rest[32..])[..] != rest[..32] {
        return Err(fail(
            "is damaged: its contents do not match their SHA-256 (cut short or changed)".into(),
        ));
    }
    // The format comes first, so a partial of another format is said as such.
    let (format, _) = postcard::take_from_bytes::<u32>(&rest[32..])
        .map_err(|e| fail(format!("cannot be read: {e}")))?;
    if format != FORMAT {
        return Err(fail(format!(
            "is a partial of format {format}; this payback reads format {FORMAT} (rerun the \
             shards with the payback that merges them)"
        )));
    }
    postcard::from_bytes(&rest[32..]).map_err(|e| fail(format!("cannot be read: {e}")))
}
