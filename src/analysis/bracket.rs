//! Narrowing a bracket of a probability that moves one way with a knob (the reverse questions'
//! P(payback ≤ T)) to where it crosses a level: each probe is where the straight line through
//! the two ends crosses the level, with the Illinois rule (an end kept twice in a row has its
//! distance to the level halved) so that neither end stays behind, and the midpoint where the
//! line would put a probe on an end. On a P that is smooth at the scale of the bracket (a run
//! of many trials) this takes a few probes where halving takes a dozen; on a P that jumps at
//! one value (fixed inputs) it still closes in on the jump.

/// A value of the knob, on the search's coordinate, with its P.
pub type Point = (f64, f64);

/// A bracket: `good` meets the level, `bad` does not.
#[derive(Debug, Clone, Copy)]
pub struct Bracket {
    good: Point,
    bad: Point,
    level: f64,
    /// The distances to the level the next probe interpolates with, good's (≥ 0) and bad's
    /// (< 0).
    weights: [f64; 2],
    /// Which end the last probe replaced (`Some(true)`: good).
    last: Option<bool>,
}

impl Bracket {
    /// The bracket of `good` (P ≥ level) and `bad` (P < level).
    pub fn new(good: Point, bad: Point, level: f64) -> Self {
        Bracket {
            good,
            bad,
            level,
            weights: [good.1 - level, bad.1 - level],
            last: None,
        }
    }

    /// The end that meets the level.
    pub fn good(&self) -> Point {
        self.good
    }

    /// The end that does not.
    pub fn bad(&self) -> Point {
        self.bad
    }

    /// The next value to probe, strictly inside the bracket unless its ends are adjacent
    /// floats (then it is an end, and the search is over).
    pub fn probe(&self) -> f64 {
        let (lo, hi) = (self.good.0.min(self.bad.0), self.good.0.max(self.bad.0));
        let [g, b] = self.weights;
        let line = (self.good.0 * -b + self.bad.0 * g) / (g - b);
        if line > lo && line < hi {
            line
        } else {
            0.5 * (lo + hi)
        }
    }

    /// Puts the probed point in place of the end on its side.
    pub fn take(&mut self, at: Point) {
        let meets = at.1 >= self.level;
        let distance = at.1 - self.level;
        if meets {
            self.good = at;
            self.weights[0] = distance;
        } else {
            self.bad = at;
            self.weights[1] = distance;
        }
        if self.last == Some(meets) {
            // The other end was kept twice: pull the next probe towards it.
            self.weights[usize::from(meets)] *= 0.5;
        }
        self.last = Some(meets);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Probes `p` from the bracket [lo, hi] (P falling) until the ends are within `width`;
    /// the good end and the number of probes.
    fn narrow(p: impl Fn(f64) -> f64, level: f64, [lo, hi]: [f64; 2], width: f64) -> (f64, usize) {
        let mut bracket = Bracket::new((lo, p(lo)), (hi, p(hi)), level);
        let mut probes = 0;
        while bracket.bad().0 - bracket.good().0 > width {
            let x = bracket.probe();
            bracket.take((x, p(x)));
            probes += 1;
            assert!(probes < 200, "no end in sight");
        }
        (bracket.good().0, probes)
    }

    #[test]
    fn a_smooth_p_is_found_in_fewer_probes_than_halving_takes() {
        // A normal survival function: P(x) = 0.8 at x = Φ⁻¹(0.2) = −0.8416212335729143.
        let p = |x: f64| 0.5 * statrs::function::erf::erfc(x / std::f64::consts::SQRT_2);
        let (x, probes) = narrow(p, 0.8, [-4.0, 4.0], 1e-9);
        let root = -0.841_621_233_572_914_3;
        assert!((root - 2e-9..=root + 1e-15).contains(&x), "{x}");
        // Halving 8 down to 1e-9 takes 33 probes.
        assert!(probes < 33, "{probes}");
    }

    #[test]
    fn a_jump_is_closed_in_on() {
        for jump in [0.003, 0.5, 0.999] {
            let p = |x: f64| if x <= jump { 1.0 } else { 0.0 };
            let (x, probes) = narrow(p, 0.8, [0.0, 1.0], 1e-9);
            assert!(x <= jump && jump - x <= 1e-9, "{x} vs {jump}");
            assert!(probes <= 60, "{probes}");
        }
    }

    #[test]
    fn every_probe_is_inside_the_bracket() {
        // P equal to the level at the good end: the line gives that end, the probe the middle.
        let bracket = Bracket::new((1.0, 0.8), (2.0, 0.1), 0.8);
        assert_eq!(bracket.probe(), 1.5);
    }
}
