//! Distributions of the scenario's numeric inputs: the forms a user writes (see `parse.rs`), a
//! fast sampler for each, and the exact CDF, quantile, mean and support that validation, the
//! point estimate and the statistical tests need (from statrs, or closed forms).

mod beta_sampler;
mod family;
mod fit;
mod parse;
mod quantile_table;
mod truncated;

pub use parse::{from_toml, number as parse_number, parse_text};

use family::Family;
use quantile_table::QuantileTable;
use rand::Rng;
use std::sync::Arc;
use truncated::Truncated;

/// A bad distribution: what is wrong and what is allowed, with the value as written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct DistError {
    /// The message shown to the user.
    pub message: String,
}

impl DistError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        DistError {
            message: message.into(),
        }
    }
}

/// A checked probability distribution of one numeric input (a constant is one too).
#[derive(Debug, Clone)]
pub struct Dist {
    shape: Shape,
    /// The canonical text of the form, for messages and reports.
    text: String,
    /// The quantile function, tabulated for fast inverse-CDF draws ([`Dist::tabulate_quantile`]),
    /// shared by the scenarios that tabulate the same distribution.
    table: Option<Arc<QuantileTable>>,
}

#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Plain(Family),
    Truncated(Box<Truncated>),
}

impl Dist {
    /// The constant `v`.
    pub fn constant(v: f64) -> Dist {
        Dist::plain(Family::Constant(v), fmt(v))
    }

    /// The same distribution, described as `text` (the form as the user wrote it).
    pub(crate) fn with_text(mut self, text: String) -> Dist {
        self.text = text;
        self
    }

    pub(crate) fn plain(family: Family, text: String) -> Dist {
        Dist {
            shape: Shape::Plain(family),
            text,
            table: None,
        }
    }

    /// One draw; whole numbers for the count families. Allocates nothing.
    #[inline]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match &self.shape {
            Shape::Plain(f) => f.sample(rng),
            Shape::Truncated(t) => t.sample(rng),
        }
    }

    /// The mean (of the truncated distribution for a clamped form).
    pub fn mean(&self) -> f64 {
        match &self.shape {
            Shape::Plain(f) => f.mean(),
            Shape::Truncated(t) => t.mean(),
        }
    }

    /// `P(X ≤ x)`.
    pub fn cdf(&self, x: f64) -> f64 {
        match &self.shape {
            Shape::Plain(f) => f.cdf(x),
            Shape::Truncated(t) => t.cdf(x),
        }
    }

    /// The smallest `x` with `P(X ≤ x) ≥ p`, for `p` in [0, 1].
    pub fn quantile(&self, p: f64) -> f64 {
        match &self.shape {
            Shape::Plain(f) => f.quantile(p),
            Shape::Truncated(t) => t.quantile(p),
        }
    }

    /// Tabulates `Q(Φ(z))` when the family finds its quantile by a slow search (the Beta
    /// family, PERT included, and the Gamma), so that [`Dist::quantile_of_normal`] is fast.
    pub fn tabulate_quantile(&mut self) {
        self.tabulate_quantile_sharing(std::iter::empty());
    }

    /// [`Dist::tabulate_quantile`], sharing the table of the first of `known` that is the
    /// same distribution and has one, instead of building it again (the table is a function
    /// of the distribution alone): a changed scenario (a sweep value, a solver step, a change
    /// on the live page) keeps the tables of the inputs it leaves as they were.
    pub fn tabulate_quantile_sharing<'k>(&mut self, known: impl IntoIterator<Item = &'k Dist>) {
        let family = match &self.shape {
            Shape::Plain(f) => f,
            Shape::Truncated(t) => t.inner(),
        };
        if !family.slow_quantile() {
            return;
        }
        let same = known
            .into_iter()
            .find(|k| k.shape == self.shape && k.table.is_some());
        self.table = match same {
            Some(k) => k.table.clone(),
            None => Some(Arc::new(QuantileTable::new(|p| self.quantile(p)))),
        };
    }

    /// Whether this distribution's quantile table is `other`'s, not a copy.
    #[cfg(test)]
    pub(crate) fn shares_table_with(&self, other: &Dist) -> bool {
        matches!((&self.table, &other.table), (Some(a), Some(b)) if Arc::ptr_eq(a, b))
    }

    /// The draw by inverse CDF from a standard normal `z`, `Q(Φ(z))`, as a Gaussian copula
    /// makes it: from the table when there is one (linear between 16,385 exact knots for
    /// |z| ≤ 6, within 1e-7 of the distribution's 0.1–99.9 % range), else exact.
    #[inline]
    pub fn quantile_of_normal(&self, z: f64) -> f64 {
        match &self.table {
            Some(table) => table.quantile_of_normal(z, |p| self.quantile(p)),
            None => self.quantile(quantile_table::normal_cdf(z)),
        }
    }

    /// The smallest closed interval holding all the mass (bounds may be infinite).
    pub fn support(&self) -> (f64, f64) {
        match &self.shape {
            Shape::Plain(f) => f.support(),
            Shape::Truncated(t) => t.support(),
        }
    }

    /// `P(X < lo) + P(X > hi)`.
    pub fn mass_outside(&self, lo: f64, hi: f64) -> f64 {
        (self.cdf_below(lo) + (1.0 - self.cdf(hi))).clamp(0.0, 1.0)
    }

    /// `P(X < x)`.
    pub(crate) fn cdf_below(&self, x: f64) -> f64 {
        match &self.shape {
            Shape::Plain(f) => f.cdf_below(x),
            Shape::Truncated(t) => t.cdf_below(x),
        }
    }

    /// `Some(v)` for a constant.
    pub fn as_constant(&self) -> Option<f64> {
        match &self.shape {
            Shape::Plain(Family::Constant(v)) => Some(*v),
            _ => None,
        }
    }

    /// The form in canonical text, e.g. `pert(1, 1.5, 3)` or `10 to 500`.
    pub fn describe(&self) -> String {
        self.text.clone()
    }
}

/// A number as a user writes it: no trailing `.0`, exponent form for very large or small
/// magnitudes (`1e300`), `inf` for infinity.
pub fn fmt(x: f64) -> String {
    let magnitude = x.abs();
    if magnitude.is_finite() && (magnitude >= 1e16 || (magnitude > 0.0 && magnitude < 1e-6)) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}
