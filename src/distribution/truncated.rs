//! Truncation of any family to `[lo, hi]`: the conditional distribution given `lo ≤ X ≤ hi`.
//! Sampled by rejection when the interval holds at least a quarter of the mass (two tries on
//! average at most, exact), else by inverse CDF.

use super::family::Family;
use rand::{Rng, RngExt};

/// Below this share of mass inside `[lo, hi]`, sample by inverse CDF instead of rejection.
const REJECTION_MIN_MASS: f64 = 0.25;
/// Intervals used to integrate the survival function for the mean.
const MEAN_STEPS: usize = 20_000;

/// A family conditioned on `[lo, hi]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Truncated {
    inner: Family,
    lo: f64,
    hi: f64,
    /// `P(X < lo)`.
    below: f64,
    /// `P(X ≤ hi)`.
    upto: f64,
}

impl Truncated {
    /// `inner` conditioned on `[lo, hi]`; `None` when that interval holds no mass.
    pub fn new(inner: Family, lo: f64, hi: f64) -> Option<Self> {
        let below = inner.cdf_below(lo);
        let upto = inner.cdf(hi);
        (upto - below > 1e-12).then_some(Truncated {
            inner,
            lo,
            hi,
            below,
            upto,
        })
    }

    /// The family before truncation.
    pub fn inner(&self) -> &Family {
        &self.inner
    }

    fn mass(&self) -> f64 {
        self.upto - self.below
    }

    #[inline]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        if self.mass() >= REJECTION_MIN_MASS {
            loop {
                let x = self.inner.sample(rng);
                if x >= self.lo && x <= self.hi {
                    return x;
                }
            }
        }
        let u = self.below + self.mass() * rng.random::<f64>();
        self.inner.quantile(u).clamp(self.lo, self.hi)
    }

    pub fn cdf(&self, x: f64) -> f64 {
        if x < self.lo {
            0.0
        } else if x >= self.hi {
            1.0
        } else {
            ((self.inner.cdf(x) - self.below) / self.mass()).clamp(0.0, 1.0)
        }
    }

    pub fn cdf_below(&self, x: f64) -> f64 {
        if x <= self.lo {
            0.0
        } else if x > self.hi {
            1.0
        } else {
            ((self.inner.cdf_below(x) - self.below) / self.mass()).clamp(0.0, 1.0)
        }
    }

    pub fn quantile(&self, p: f64) -> f64 {
        let u = self.below + self.mass() * p.clamp(0.0, 1.0);
        self.inner.quantile(u).clamp(self.lo, self.hi)
    }

    pub fn support(&self) -> (f64, f64) {
        let (lo, hi) = self.inner.support();
        (
            self.quantile(0.0).max(lo).max(self.lo),
            self.quantile(1.0).min(hi).min(self.hi),
        )
    }

    /// `E[X | lo ≤ X ≤ hi] = a + ∫_a^b P(X > x | …) dx` over the truncated support `[a, b]`:
    /// summed exactly over whole numbers for count families spanning at most `MEAN_STEPS`
    /// of them and over the values of a discrete form; otherwise integrated with Simpson's
    /// rule (tails beyond the 1e-15 quantiles cut).
    pub fn mean(&self) -> f64 {
        let (mut a, mut b) = self.support();
        if !a.is_finite() {
            a = self.quantile(1e-15);
        }
        if !b.is_finite() {
            b = self.quantile(1.0 - 1e-15);
        }
        if b <= a {
            return a;
        }
        let survival = |x: f64| 1.0 - self.cdf(x);
        if let Family::Discrete { values, .. } = &self.inner {
            let inside = values.iter().filter(|&&v| v >= a && v <= b);
            let mut prev = a;
            return a + inside
                .map(|&v| {
                    let part = (v - prev) * (1.0 - self.cdf_below(v));
                    prev = v;
                    part
                })
                .sum::<f64>();
        }
        // On a lattice the survival function is constant between whole numbers, so their sum
        // is its integral; over more than MEAN_STEPS of them (a count clamped to [0, 1e15])
        // the sum would take hours, and Simpson's rule below integrates the same function.
        if self.inner.integer_steps() && b - a <= MEAN_STEPS as f64 {
            let steps = (b - a) as u64;
            return a + (0..steps).map(|k| survival(a + k as f64)).sum::<f64>();
        }
        let h = (b - a) / MEAN_STEPS as f64;
        let mut sum = survival(a) + survival(b);
        for i in 1..MEAN_STEPS {
            let weight = if i % 2 == 1 { 4.0 } else { 2.0 };
            sum += weight * survival(a + i as f64 * h);
        }
        a + sum * h / 3.0
    }
}
