//! 95 % confidence intervals of what a run reports: of a percentile, distribution-free from the
//! binomial law of ranks; of a probability, the Wilson score interval; of a mean, the normal
//! interval of the central limit theorem. docs/model.md states each.

use statrs::distribution::{Binomial, DiscreteCDF};

/// Confidence of every interval `payback` reports.
pub const CONFIDENCE: f64 = 0.95;
/// The standard normal quantile at 1 − (1 − [`CONFIDENCE`]) / 2.
const Z: f64 = 1.959_963_984_540_054;

/// The ranks `(l, u)` of the order statistics that bracket percentile `p` of `n` values with
/// probability at least [`CONFIDENCE`], whatever the (continuous) distribution: the number of
/// values at or below the true percentile is Binomial(n, p), so the `l`-th smallest is at or
/// below it and the `u`-th at or above it unless that number falls outside `l..u`; each tail
/// holds at most 2.5 %. Rank 0 stands for "below every value" and rank `n + 1` for "above
/// every value" (few values, or an extreme `p`: the interval is open on that side).
///
/// ```
/// let (l, u) = payback::stats::rank_interval(0.5, 100);
/// assert_eq!((l, u), (40, 61));
/// ```
pub fn rank_interval(p: f64, n: u64) -> (u64, u64) {
    if n == 0 {
        return (0, 1);
    }
    let tail = (1.0 - CONFIDENCE) / 2.0;
    let Ok(binomial) = Binomial::new(p.clamp(0.0, 1.0), n) else {
        return (0, n + 1);
    };
    // l − 1 is the largest k with F(k) ≤ tail; u − 1 the smallest k with F(k) ≥ 1 − tail.
    let below = last_at_most(&binomial, n, tail);
    let above = first_at_least(&binomial, n, 1.0 - tail);
    (below.map_or(0, |k| k + 1), above + 1)
}

/// The largest `k` in `0..=n` with `F(k) ≤ level`, `None` when even `F(0)` exceeds it.
fn last_at_most(binomial: &Binomial, n: u64, level: f64) -> Option<u64> {
    if binomial.cdf(0) > level {
        return None;
    }
    // Invariant: F(lo) ≤ level < F(hi) (F(n) = 1 > level).
    let (mut lo, mut hi) = (0, n);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if binomial.cdf(mid) <= level {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(lo)
}

/// The smallest `k` in `0..=n` with `F(k) ≥ level` (`n` at worst: F(n) = 1).
fn first_at_least(binomial: &Binomial, n: u64, level: f64) -> u64 {
    if binomial.cdf(0) >= level {
        return 0;
    }
    // Invariant: F(lo) < level ≤ F(hi).
    let (mut lo, mut hi) = (0, n);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if binomial.cdf(mid) >= level {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

/// The Wilson score interval of a probability seen `k` times in `n` trials: inside `[0, 1]`,
/// and not of width zero when `k` is 0 or `n` (`[0, 0]` when `n` is 0).
///
/// ```
/// let [lo, hi] = payback::stats::wilson(0, 1000);
/// assert_eq!(lo, 0.0);
/// assert!(hi > 0.003 && hi < 0.004);
/// ```
pub fn wilson(k: u64, n: u64) -> [f64; 2] {
    if n == 0 {
        return [0.0, 0.0];
    }
    let (n, p) = (n as f64, k as f64 / n as f64);
    let z2 = Z * Z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    // At k = 0 (k = n) the low (high) end is 0 (1) exactly; the formula leaves rounding.
    let low = if k == 0 {
        0.0
    } else {
        (centre - half).max(0.0)
    };
    let high = if k as f64 == n {
        1.0
    } else {
        (centre + half).min(1.0)
    };
    [low, high]
}

/// The interval of a mean from its standard error: `mean ± 1.96 · stderr`.
pub fn mean_interval(mean: f64, stderr: f64) -> [f64; 2] {
    [mean - Z * stderr, mean + Z * stderr]
}

/// The sum and the sum of squares of values, for a mean and its standard error; merged by
/// adding, in chunk order.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Moments {
    /// Σ x.
    pub sum: f64,
    /// Σ x².
    pub sum_sq: f64,
}

impl Moments {
    /// Adds a value.
    #[inline]
    pub fn add(&mut self, x: f64) {
        self.sum += x;
        self.sum_sq += x * x;
    }

    /// Adds the values of another.
    pub fn merge(&mut self, other: &Moments) {
        self.sum += other.sum;
        self.sum_sq += other.sum_sq;
    }

    /// Visits the two sums.
    pub fn visit(&mut self, each: &mut dyn FnMut(&mut f64)) {
        each(&mut self.sum);
        each(&mut self.sum_sq);
    }

    /// The mean of `n` values (0 when there are none).
    pub fn mean(&self, n: u64) -> f64 {
        if n == 0 { 0.0 } else { self.sum / n as f64 }
    }

    /// The standard error of the mean of `n` values: the sample standard deviation over √n
    /// (0 for fewer than two values).
    pub fn stderr(&self, n: u64) -> f64 {
        if n < 2 {
            return 0.0;
        }
        let m = n as f64;
        let mean = self.sum / m;
        let variance = (self.sum_sq / m - mean * mean).max(0.0) * m / (m - 1.0);
        (variance / m).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use statrs::distribution::{Binomial, DiscreteCDF};

    /// The ranks hold at least 95 % and are the tightest such: moving either end inwards by
    /// one drops the coverage of that side's tail below its 2.5 % share.
    #[test]
    fn rank_intervals_cover_and_are_tight() {
        for &n in &[20_u64, 100, 1000, 65_536, 1_000_000] {
            for &p in &[0.1, 0.5, 0.9] {
                let (l, u) = rank_interval(p, n);
                let b = Binomial::new(p, n).unwrap();
                let f = |k: u64| if k == 0 { 0.0 } else { b.cdf(k - 1) };
                // P(l ≤ B ≤ u − 1) with B ~ Bin(n, p): the coverage.
                let coverage = f(u) - f(l);
                assert!(coverage >= CONFIDENCE, "n {n} p {p}: {coverage}");
                assert!(f(l) <= 0.025 && f(l + 1) > 0.025, "n {n} p {p} lower");
                assert!(f(u) >= 0.975 && f(u - 1) < 0.975, "n {n} p {p} upper");
            }
        }
    }

    #[test]
    fn rank_intervals_open_where_there_are_too_few_values() {
        assert_eq!(rank_interval(0.5, 3), (0, 4));
        assert_eq!(rank_interval(0.1, 10), (0, 4));
        assert_eq!(rank_interval(0.9, 10), (7, 11));
    }

    #[test]
    fn wilson_matches_the_textbook_case() {
        // 8 of 10, by hand: centre 0.71674, half-width 0.22658.
        let [lo, hi] = wilson(8, 10);
        assert!((lo - 0.4902).abs() < 1e-4, "{lo}");
        assert!((hi - 0.9433).abs() < 1e-4, "{hi}");
        assert_eq!(wilson(10, 10)[1], 1.0);
        assert_eq!(wilson(0, 10)[0], 0.0);
    }

    #[test]
    fn moments_give_the_sample_standard_error() {
        let mut m = Moments::default();
        for x in [1.0, 2.0, 3.0, 4.0] {
            m.add(x);
        }
        assert_eq!(m.mean(4), 2.5);
        // Sample variance 5/3, over 4.
        assert!((m.stderr(4) - (5.0_f64 / 12.0).sqrt()).abs() < 1e-15);
    }
}
