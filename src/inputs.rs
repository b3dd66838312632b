//! The registry of a scenario's numeric inputs: every number in the file, constant or uncertain,
//! gets an entry with its dotted path and its distribution. A trial draws every entry once into a
//! flat buffer, each uncertain one from its own stream keyed by its path ([`crate::streams`]), a
//! constant with no stream at all (a copy); the model reads its inputs from that buffer through
//! [`Param`] handles. Inputs with rank correlations are drawn together through a Gaussian
//! copula, each by inverse CDF so that its marginal is kept (exactly, or within 1e-7 of its
//! range where the quantile is tabulated).

use crate::distribution::Dist;
use crate::streams::{path_key, stream};
use rand_distr::{Distribution, StandardNormal};

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
    /// How a trial draws it.
    draw: Draw,
}

/// How a trial draws an input.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Draw {
    /// A constant: its value, with no stream to start.
    Constant(f64),
    /// From its own stream.
    Own,
    /// Through the copula.
    Copula,
}

/// Inputs drawn together: a standard normal per member from the member's own stream, mixed by
/// the lower Cholesky factor of their normal correlation matrix, then `quantile(Φ(x))`
/// ([`Dist::quantile_of_normal`], tabulated where the exact quantile is slow).
#[derive(Debug, Clone, Default)]
struct Copula {
    /// Indices of the correlated inputs.
    members: Vec<usize>,
    /// The lower Cholesky factor, row-major, members × members.
    lower: Vec<f64>,
}

/// A rank correlation between two inputs, as `[[correlation]]` gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankCorrelation {
    /// One input.
    pub a: Param,
    /// The other.
    pub b: Param,
    /// Spearman's rank correlation, in [−1, 1].
    pub rank: f64,
}

/// Every input of a scenario, in the fixed order in which a trial draws them.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    list: Vec<Input>,
    copula: Copula,
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
            draw: dist.as_constant().map_or(Draw::Own, Draw::Constant),
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
        for (draw, input) in draws.iter_mut().zip(&self.list) {
            match input.draw {
                Draw::Constant(value) => *draw = value,
                Draw::Own => *draw = input.dist.sample(&mut stream(trial, input.key)),
                Draw::Copula => {}
            }
        }
        let members = &self.copula.members;
        if members.is_empty() {
            return;
        }
        // The members' normals go into their draws first, then each draw is replaced by its
        // mix of the normals before it (the factor is lower triangular): row i needs z_0..z_i.
        for &m in members {
            draws[m] = StandardNormal.sample(&mut stream(trial, self.list[m].key));
        }
        let n = members.len();
        for i in (0..n).rev() {
            let row = &self.copula.lower[i * n..i * n + i + 1];
            let x: f64 = row.iter().zip(members).map(|(l, &m)| l * draws[m]).sum();
            draws[members[i]] = self.list[members[i]].dist.quantile_of_normal(x);
        }
    }

    /// Draws the inputs of `pairs` together through a Gaussian copula with these rank
    /// correlations (each turned into the normal correlation `2 sin(π ρ / 6)`, which gives
    /// exactly Spearman's ρ). A member's quantile table is taken from `known` (the inputs of
    /// the scenario this one is a variant of) where it tabulated the same distribution, else
    /// built. Fails, naming the pairs, when the matrix is not positive definite.
    pub fn correlate(
        &mut self,
        pairs: &[RankCorrelation],
        known: Option<&Inputs>,
    ) -> Result<(), String> {
        let mut members: Vec<usize> = Vec::new();
        for p in pairs {
            for m in [p.a.0, p.b.0] {
                if !members.contains(&m) {
                    members.push(m);
                }
            }
        }
        members.sort_unstable();
        let n = members.len();
        let at = |param: Param| {
            members
                .iter()
                .position(|&m| m == param.0)
                .expect("a member")
        };
        let mut matrix = vec![0.0; n * n];
        for i in 0..n {
            matrix[i * n + i] = 1.0;
        }
        for p in pairs {
            let r = 2.0 * (std::f64::consts::PI * p.rank / 6.0).sin();
            let (i, j) = (at(p.a), at(p.b));
            matrix[i * n + j] = r;
            matrix[j * n + i] = r;
        }
        let lower = cholesky(&matrix, n).ok_or_else(|| {
            let names: Vec<String> = pairs
                .iter()
                .map(|p| {
                    format!(
                        "{} ~ {} ({})",
                        self.list[p.a.0].path, self.list[p.b.0].path, p.rank
                    )
                })
                .collect();
            format!(
                "these rank correlations cannot hold together (their matrix is not positive \
                 definite): {}; weaken one of them",
                names.join(", ")
            )
        })?;
        for &m in &members {
            self.list[m].draw = Draw::Copula;
            let known = known.iter().flat_map(|k| k.list.iter().map(|i| &i.dist));
            self.list[m].dist.tabulate_quantile_sharing(known);
        }
        self.copula = Copula { members, lower };
        Ok(())
    }

    /// Fills `draws` with every input at its mean: the deterministic point estimate.
    pub fn means_into(&self, draws: &mut [f64]) {
        for (draw, input) in draws.iter_mut().zip(&self.list) {
            *draw = input.dist.mean();
        }
    }
}

/// The lower Cholesky factor of the symmetric `n × n` matrix `a` (row-major); `None` when `a`
/// is not positive definite.
fn cholesky(a: &[f64], n: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let dot: f64 = (0..j).map(|k| l[i * n + k] * l[j * n + k]).sum();
            if i == j {
                let pivot = a[i * n + i] - dot;
                if pivot <= 1e-10 {
                    return None;
                }
                l[i * n + i] = pivot.sqrt();
            } else {
                l[i * n + j] = (a[i * n + j] - dot) / l[j * n + j];
            }
        }
    }
    Some(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cholesky_rebuilds_its_matrix_and_refuses_an_impossible_one() {
        let a = [1.0, 0.5, 0.2, 0.5, 1.0, 0.3, 0.2, 0.3, 1.0];
        let l = cholesky(&a, 3).unwrap();
        for i in 0..3 {
            for j in 0..3 {
                let back: f64 = (0..3).map(|k| l[i * 3 + k] * l[j * 3 + k]).sum();
                assert!((back - a[i * 3 + j]).abs() < 1e-12);
            }
        }
        // Two inputs each strongly like a third but unlike each other.
        assert!(cholesky(&[1.0, 0.9, 0.9, 0.9, 1.0, -0.9, 0.9, -0.9, 1.0], 3).is_none());
    }
}
