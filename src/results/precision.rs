//! A run that stops once its figures are precise enough (`payback run --precision`): what it
//! aimed at, what it reached, and where it stopped.

use serde::{Deserialize, Serialize};

/// A figure whose precision a run can aim at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// The 10th percentile of payback (relative half-width).
    PaybackP10,
    /// The median payback (relative).
    PaybackP50,
    /// The 90th percentile of payback (relative).
    PaybackP90,
    /// The mean NPV (relative).
    NpvMean,
    /// The median NPV (relative).
    NpvP50,
    /// P(never pays back) (absolute: a share, so 0.01 is one percentage point).
    PNever,
}

impl Figure {
    /// Every figure, in the order of the list `--precision` takes.
    pub const ALL: [Figure; 6] = [
        Figure::PaybackP10,
        Figure::PaybackP50,
        Figure::PaybackP90,
        Figure::NpvMean,
        Figure::NpvP50,
        Figure::PNever,
    ];

    /// Its name in `--precision` and in `summary.json`.
    pub fn name(self) -> &'static str {
        match self {
            Figure::PaybackP10 => "payback_p10",
            Figure::PaybackP50 => "payback_p50",
            Figure::PaybackP90 => "payback_p90",
            Figure::NpvMean => "npv_mean",
            Figure::NpvP50 => "npv_p50",
            Figure::PNever => "p_never",
        }
    }

    /// Whether its target is a share of its value (else an absolute half-width).
    pub fn relative(self) -> bool {
        self != Figure::PNever
    }
}

/// What a figure of every candidate must reach: the half-width of its 95 % interval at most
/// `half_width` (a share of the figure's value when the figure is relative).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// The figure.
    pub figure: Figure,
    /// The largest half-width allowed.
    pub half_width: f64,
}

/// What `--precision` asks: the targets, and the most trials to spend on them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrecisionGoal {
    /// Every target; all must be met.
    pub targets: Vec<Target>,
    /// Trials at most (the run stops there, met or not).
    pub max_trials: u64,
}

/// One candidate's figure where the run stopped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Achieved {
    /// The candidate.
    pub candidate: String,
    /// The figure.
    pub figure: Figure,
    /// The half-width of its 95 % interval, in the target's terms (relative or absolute);
    /// `null` when it has none (an interval reaching "never" from a finite value, or a
    /// relative target on a figure of 0).
    pub half_width: Option<f64>,
    /// Whether it meets its target.
    pub met: bool,
}

/// What a run with a precision goal reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Precision {
    /// The targets.
    pub target: Vec<Target>,
    /// Every candidate's figure at each target, where the run stopped.
    pub achieved: Vec<Achieved>,
    /// The trials run: a whole number of chunks of 65,536, or the maximum.
    pub trials: u64,
    /// The most it could run.
    pub max_trials: u64,
    /// Whether every target was met.
    pub converged: bool,
}
