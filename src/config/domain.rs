//! The values each kind of input may take, and the check that a distribution stays inside them.

use crate::distribution::{Dist, fmt as fmt_num};
use crate::numbers::group;

/// Largest share of a distribution's mass allowed outside its field's range. Unbounded families
/// (a normal growth rate) always have some mass outside; below this share it is negligible at
/// any trial count we accept, above it the user must clamp the distribution.
pub const MAX_MASS_OUTSIDE: f64 = 1e-9;

/// The closed range `[lo, hi]` a field's values must lie in (`lo` excluded when `lo_open`).
#[derive(Debug, Clone, Copy)]
pub struct Domain {
    lo: f64,
    hi: f64,
    lo_open: bool,
    /// Whether only whole numbers are allowed (a setting such as `retrain.every_months`).
    whole: bool,
    what: &'static str,
}

impl Domain {
    /// Any value in `[lo, hi]`, described as `what` in errors.
    pub const fn closed(lo: f64, hi: f64, what: &'static str) -> Self {
        Domain {
            lo,
            hi,
            lo_open: false,
            whole: false,
            what,
        }
    }

    /// Any value in `(lo, hi]`, described as `what` in errors.
    pub const fn closed_above(lo: f64, hi: f64, what: &'static str) -> Self {
        Domain {
            lo,
            hi,
            lo_open: true,
            whole: false,
            what,
        }
    }

    /// Any whole number in `[lo, hi]`.
    pub const fn whole(lo: f64, hi: f64) -> Self {
        Domain {
            lo,
            hi,
            lo_open: false,
            whole: true,
            what: "a whole number",
        }
    }

    /// Whether only whole numbers are allowed.
    pub fn is_whole(&self) -> bool {
        self.whole
    }

    /// A probability or a share: `[0, 1]`.
    pub const PROBABILITY: Domain = Domain::closed(0.0, 1.0, "a probability in [0, 1]");

    /// The smallest allowed value: `lo`, or for a range open below the smallest value above
    /// `lo` that a search should try (a millionth of a millionth of the range above it).
    pub fn lowest(&self) -> f64 {
        if self.lo_open {
            self.lo + (self.hi - self.lo) * 1e-12
        } else {
            self.lo
        }
    }

    /// The largest allowed value.
    pub fn highest(&self) -> f64 {
        self.hi
    }

    /// Whether `x` is allowed.
    pub fn contains(&self, x: f64) -> bool {
        let above = if self.lo_open {
            x > self.lo
        } else {
            x >= self.lo
        };
        above && x <= self.hi
    }

    /// Checks a distribution against the range: its support must lie inside, or (for unbounded
    /// families) all but `MAX_MASS_OUTSIDE` of its mass. Returns what is wrong.
    pub fn check(&self, dist: &Dist) -> Result<(), String> {
        if let Some(x) = dist.as_constant() {
            return if self.contains(x) {
                Ok(())
            } else {
                let value = group(&fmt_num(x));
                // A number written as people write it is quoted as written too: `300% (3)`.
                let written = dist.describe();
                let said = if written == fmt_num(x) {
                    value
                } else {
                    format!("{written} ({value})")
                };
                Err(format!("{said} is not allowed: must be {}", self.what))
            };
        }
        let (lo, hi) = dist.support();
        if self.contains(lo) && self.contains(hi) {
            return Ok(());
        }
        let outside = if self.lo_open {
            dist.cdf(self.lo) + (1.0 - dist.cdf(self.hi))
        } else {
            dist.mass_outside(self.lo, self.hi)
        };
        if outside <= MAX_MASS_OUTSIDE {
            return Ok(());
        }
        Err(format!(
            "{} puts a share {:.2e} of its draws outside the allowed range (at most {:.0e} may \
             be): must be {}; narrow it or truncate it with {{ dist = ..., clamp = [{}, {}] }}",
            dist.describe(),
            outside,
            MAX_MASS_OUTSIDE,
            self.what,
            fmt_num(self.lo),
            fmt_num(self.hi),
        ))
    }
}
