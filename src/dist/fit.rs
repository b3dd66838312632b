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

/// A lognormal with its 5th percentile at `a` and its 95th at `b` (`0 < a < b`).
pub fn range(a: f64, b: f64) -> Family {
    let mu = 0.5 * (a.ln() + b.ln());
    let sigma = (b.ln() - a.ln()) / (2.0 * Z95);
    Family::lognormal(mu, sigma, 0.0, 1.0)
}

/// The shifted lognormal through `(0.1, p10)`, `(0.5, p50)`, `(0.9, p90)`, `p10 < p50 < p90`.
pub fn three_point(p10: f64, p50: f64, p90: f64) -> Family {
    let (lower, upper) = (p50 - p10, p90 - p50);
    let ratio = upper / lower;
    if (ratio - 1.0).abs() < 1e-9 {
        return Family::normal(p50, upper / Z90);
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
    Family::lognormal(scale.ln(), sigma, p50 - sign * scale, sign)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn range_puts_the_bounds_at_the_5th_and_95th_percentiles() {
        let f = range(10.0, 500.0);
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
            let f = three_point(p10, p50, p90);
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
}
