//! Distributions fitted to what users know: a range (`"a to b"`) and an expert's three-point
//! estimate (`{ p10, p50, p90 }`).
//!
//! The three-point estimate is fitted with a *shifted lognormal* (three-parameter lognormal)
//! through the three quantiles exactly: `X = c + exp(μ + σZ)` when the upper spread
//! `p90 − p50` exceeds the lower `p50 − p10` (right skew, bounded below at `c`), mirrored
//! `X = c − exp(μ − σZ)` for left skew (bounded above at `c`), and a normal when the spreads are
//! equal. It has a closed form, is monotone for every `p10 < p50 < p90` (a three-term metalog is
//! infeasible for strongly skewed estimates) and keeps the skew experts usually mean; its one
//! bound `c` follows from the three points, so clamp it if that bound is not physical.

use super::family::Family;

/// The standard normal's 95th percentile: `"a to b"` puts 5 % of the mass below a and above b.
pub const Z95: f64 = 1.644_853_626_951_472_2;
/// The standard normal's 90th percentile.
pub const Z90: f64 = 1.281_551_565_544_600_4;

/// A lognormal with its 5th percentile at `a` and its 95th at `b` (`0 < a < b`); `None` when
/// `a` and `b` are so close that their logarithms are equal (no spread left to fit).
pub fn range(a: f64, b: f64) -> Option<Family> {
    let mu = 0.5 * (a.ln() + b.ln());
    let sigma = (b.ln() - a.ln()) / (2.0 * Z95);
    lognormal(mu, sigma, 0.0, 1.0)
}

/// The shifted lognormal through `(0.1, p10)`, `(0.5, p50)`, `(0.9, p90)`, `p10 < p50 < p90`;
/// `None` when the fit overflows (spreads beyond the largest float, or one spread so much
/// narrower than the other that their ratio does).
pub fn three_point(p10: f64, p50: f64, p90: f64) -> Option<Family> {
    let (lower, upper) = (p50 - p10, p90 - p50);
    if !(lower.is_finite() && upper.is_finite()) {
        return None;
    }
    let ratio = upper / lower;
    if (ratio - 1.0).abs() < 1e-9 {
        let sd = upper / Z90;
        return (sd > 0.0).then(|| Family::normal(p50, sd));
    }
    // With r = wide spread / narrow spread > 1: σ = ln r / z, and e^μ (1 − 1/r) = narrow spread.
    let (wide, narrow, sign) = if ratio > 1.0 {
        (upper, lower, 1.0)
    } else {
        (lower, upper, -1.0)
    };
    let r = wide / narrow;
    let sigma = r.ln() / Z90;
    let scale = narrow / (1.0 - 1.0 / r);
    lognormal(scale.ln(), sigma, p50 - sign * scale, sign)
}

/// `shift + sign · exp(N(mu, sigma))` when its parameters are finite and `sigma > 0`, as the
/// samplers and the exact CDF need them.
fn lognormal(mu: f64, sigma: f64, shift: f64, sign: f64) -> Option<Family> {
    let usable = mu.is_finite() && sigma.is_finite() && sigma > 0.0 && shift.is_finite();
    usable.then(|| Family::lognormal(mu, sigma, shift, sign))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn range_puts_the_bounds_at_the_5th_and_95th_percentiles() {
        let f = range(10.0, 500.0).unwrap();
        assert!(close(f.quantile(0.05), 10.0), "{}", f.quantile(0.05));
        assert!(close(f.quantile(0.95), 500.0), "{}", f.quantile(0.95));
    }

    #[test]
    fn three_point_fits_pass_through_the_three_points() {
        for (p10, p50, p90) in [
            (1.0, 2.0, 5.0),
            (1.0, 4.0, 5.0),
            (1.0, 3.0, 5.0),
            (-10.0, 0.0, 1.0),
        ] {
            let f = three_point(p10, p50, p90).unwrap();
            for (p, x) in [(0.1, p10), (0.5, p50), (0.9, p90)] {
                assert!(
                    close(f.quantile(p), x),
                    "{p10},{p50},{p90}: q({p}) = {}",
                    f.quantile(p)
                );
                assert!((f.cdf(x) - p).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn fits_that_overflow_or_have_no_spread_are_refused() {
        // ln a == ln b: no spread left (docs/fuzzing.md).
        assert!(range(1e10, 1e10 + 2e-6).is_none());
        // p90 - p10 beyond f64::MAX, in one spread or in both.
        assert!(three_point(-1.7e308, 1.7e308, 1.79e308).is_none());
        assert!(three_point(-1e308, 1e308, 1.5e308).is_none());
        // One spread subnormal against the other: their ratio overflows.
        assert!(three_point(0.0, 1e-320, 1e300).is_none());
        assert!(three_point(0.0, 1e-300, 1.0).is_some());
    }
}
