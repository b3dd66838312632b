//! Where a summary comes from: enough to rerun it and get the same figures.

use serde::{Deserialize, Serialize};

/// What made a summary: the program, the scenario file as read, the settings that decide its
/// figures, and the command line. Rerunning the same version on a file with the same hash and
/// these settings gives the same figures, bit for bit, at any thread count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// The version of `payback` that ran.
    pub payback_version: String,
    /// The SHA-256 of the scenario file's bytes as read (hexadecimal).
    pub scenario_sha256: String,
    /// The settings that decide the figures.
    pub settings: RunRecord,
    /// The command line, as given (not compared when a summary is checked).
    pub command: Vec<String>,
}

/// The settings of a run that decide its figures (the threads do not).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    /// Trials of the base and of every stress case.
    pub trials: u64,
    /// Seed of every random stream.
    pub seed: u64,
    /// The option of the vendor-deprecation pack, when it ran (`--stress-deprecation`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub stress_deprecation: Option<String>,
    /// The precision goal the base ran to (`--precision`), when there was one: `trials` is
    /// then where it stopped.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub precision: Option<super::precision::PrecisionGoal>,
}
