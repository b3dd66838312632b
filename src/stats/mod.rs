//! Streaming statistics whose state is integer counts plus exact extremes, so that merging
//! partial results gives the same answer in any order, and whose memory does not grow with the
//! number of values added.
//!
//! Percentile p of n values is the ⌈p·n⌉-th smallest (at least the first), as docs/model.md defines.

mod interval;
mod payback_histogram;
mod sketch;

pub use interval::{CONFIDENCE, Moments, mean_interval, rank_interval, wilson};
pub use payback_histogram::PaybackHistogram;
pub use sketch::QuantileSketch;

/// The 1-based rank of percentile `p` among `n` values: ⌈p·n⌉, at least 1. The product is
/// nudged down by a relative 1e-12 so that exact products (0.1 × 10) are not pushed up a rank by
/// the rounding of `p`.
///
/// ```
/// assert_eq!(payback::stats::rank(0.9, 10), 9);
/// assert_eq!(payback::stats::rank(0.5, 3), 2);
/// ```
pub fn rank(p: f64, n: u64) -> u64 {
    ((p * n as f64 * (1.0 - 1e-12)).ceil() as u64).clamp(1, n.max(1))
}

#[cfg(test)]
mod tests {
    use super::rank;

    #[test]
    fn rank_is_the_ceiling_of_p_n() {
        assert_eq!(rank(0.1, 10), 1);
        assert_eq!(rank(0.9, 10), 9);
        assert_eq!(rank(0.5, 3), 2);
        assert_eq!(rank(0.0, 5), 1);
        assert_eq!(rank(1.0, 5), 5);
        assert_eq!(rank(0.11, 100), 11);
    }
}
