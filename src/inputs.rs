//! The registry of a scenario's numeric inputs: every number in the file, constant or uncertain,
//! gets a slot with its dotted path and its distribution. A trial draws every slot once into a
//! flat buffer, each from its own stream keyed by its path ([`crate::streams`]); the model reads
//! its inputs from that buffer through [`Param`] handles.

use crate::dist::Dist;
use crate::streams::{path_key, stream};

/// Handle to one input: an index into a trial's draw buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param(pub(crate) usize);

impl Param {
    /// This input's value in a trial's draws.
    #[inline]
    pub fn get(self, draws: &[f64]) -> f64 {
        draws[self.0]
    }
}

/// One input: where it is in the scenario file and how it is distributed.
#[derive(Debug, Clone)]
pub struct Input {
    /// Dotted path in the scenario file, e.g. `options.fine_tuned.project.failed_runs`.
    pub path: String,
    /// Its distribution (a constant is a distribution too).
    pub dist: Dist,
    /// Whether the scenario file wrote it (else it holds the field's default).
    pub written: bool,
    /// The key of its random stream, from its path.
    key: u64,
}

/// Every input of a scenario, in the fixed order in which a trial draws them.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    list: Vec<Input>,
}

impl Inputs {
    /// Registers an input written in the scenario file and returns its handle.
    pub fn add(&mut self, path: impl Into<String>, dist: Dist) -> Param {
        self.push(path.into(), dist, true)
    }

    /// Registers a field the file left out, at its default value.
    pub fn add_default(&mut self, path: impl Into<String>, value: f64) -> Param {
        self.push(path.into(), Dist::constant(value), false)
    }

    fn push(&mut self, path: String, dist: Dist, written: bool) -> Param {
        self.list.push(Input {
            key: path_key(&path),
            path,
            dist,
            written,
        });
        Param(self.list.len() - 1)
    }

    /// Number of inputs (the length of a draw buffer).
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are no inputs.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// All inputs in draw order.
    pub fn iter(&self) -> impl Iterator<Item = &Input> {
        self.list.iter()
    }

    /// The input behind a handle.
    pub fn get(&self, param: Param) -> &Input {
        &self.list[param.0]
    }

    /// Fills `draws` (length [`Inputs::len`]) with one draw of every input in the trial keyed
    /// `trial`, each from its own stream.
    #[inline]
    pub fn sample_into(&self, trial: u64, draws: &mut [f64]) {
        for (slot, input) in draws.iter_mut().zip(&self.list) {
            *slot = input.dist.sample(&mut stream(trial, input.key));
        }
    }

    /// Fills `draws` with every input at its mean: the deterministic point estimate.
    pub fn means_into(&self, draws: &mut [f64]) {
        for (slot, input) in draws.iter_mut().zip(&self.list) {
            *slot = input.dist.mean();
        }
    }
}
