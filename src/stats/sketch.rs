//! A mergeable quantile sketch with relative accuracy for unbounded signed values (NPV, ROI,
//! investment, cumulative net cash): logarithmic buckets as in DDSketch (Masson, Rim and Lee,
//! VLDB 2019), indexed straight from the bits of the float (exponent and leading mantissa
//! bits) instead of a logarithm, so adding a value costs a few integer operations.

use super::rank;

/// Magnitudes below this count as zero (a millionth of a cent).
const ZERO_BELOW: f64 = 1e-9;
/// Spare buckets added on each side when a store grows, so growth is rare.
const GROW_SLACK: usize = 64;

/// Quantiles of signed values within a relative accuracy `α`.
///
/// Each octave `[2^e, 2^(e+1))` of magnitudes is cut into `n = 2^k` equal buckets, the smallest
/// power of two with `1/(2n) ≤ α`: a magnitude's bucket is its float bits shifted right by
/// `52 − k` (exponent and the leading k mantissa bits). Negative values go to a mirrored store,
/// magnitudes below 10⁻⁹ to a zero count. A percentile is its bucket's midpoint, clamped to the
/// exact minimum and maximum; a bucket `[a, a + 2^e/n)` with `a ≥ 2^e` is at most `|x|/n` wide,
/// so for the exact order statistic `x` the result `v` satisfies `|v − x| ≤ |x|/(2n) ≤ α·|x|`
/// (and `v = x` when every value is equal). Memory: 8 bytes per bucket between the smallest and
/// largest magnitude seen, `n` per octave (512 at α = 0.001: 4 KiB an octave), whatever the
/// number of values.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct QuantileSketch {
    /// Right shift from float bits to bucket index: `52 − k`.
    shift: u32,
    positive: Store,
    negative: Store,
    zeros: u64,
    count: u64,
    min: f64,
    max: f64,
}

impl QuantileSketch {
    /// An empty sketch with relative accuracy `relative_accuracy` (in (0, 1)).
    pub fn new(relative_accuracy: f64) -> Self {
        assert!(relative_accuracy > 0.0 && relative_accuracy < 1.0);
        let buckets_per_octave = (0.5 / relative_accuracy).ceil().max(1.0) as u64;
        let k = buckets_per_octave
            .next_power_of_two()
            .trailing_zeros()
            .min(52);
        QuantileSketch {
            shift: 52 - k,
            positive: Store::default(),
            negative: Store::default(),
            zeros: 0,
            count: 0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        }
    }

    /// Adds a finite value.
    #[inline]
    pub fn add(&mut self, x: f64) {
        debug_assert!(x.is_finite(), "sketch value {x}");
        self.count += 1;
        // Plain comparisons: x is finite, and `f64::min` pays for NaN handling.
        if x < self.min {
            self.min = x;
        }
        if x > self.max {
            self.max = x;
        }
        let magnitude = x.abs();
        if magnitude < ZERO_BELOW {
            self.zeros += 1;
            return;
        }
        let bucket = (magnitude.to_bits() >> self.shift) as i64;
        if x > 0.0 {
            self.positive.add(bucket, 1);
        } else {
            self.negative.add(bucket, 1);
        }
    }

    /// Adds every value of another sketch with the same accuracy.
    pub fn merge(&mut self, other: &QuantileSketch) {
        assert_eq!(self.shift, other.shift, "sketches of different accuracy");
        self.positive.merge(&other.positive);
        self.negative.merge(&other.negative);
        self.zeros += other.zeros;
        self.count += other.count;
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
    }

    /// Number of values added.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Share of the values below zero (magnitudes under 10⁻⁹ count as zero); 0 when empty.
    pub fn fraction_negative(&self) -> f64 {
        if self.count == 0 {
            return 0.0;
        }
        self.negative.ascending().map(|(_, c)| c).sum::<u64>() as f64 / self.count as f64
    }

    /// The smallest value added (`+∞` when empty).
    pub fn min(&self) -> f64 {
        self.min
    }

    /// The largest value added (`−∞` when empty).
    pub fn max(&self) -> f64 {
        self.max
    }

    /// Percentile `p` (the ⌈p·n⌉-th smallest value, within the relative accuracy), `None` when
    /// empty.
    pub fn quantile(&self, p: f64) -> Option<f64> {
        if self.count == 0 {
            return None;
        }
        Some(self.at_rank(rank(p, self.count)))
    }

    /// The `k`-th smallest value (1-based), within the relative accuracy, as
    /// [`QuantileSketch::quantile`] gives it; rank 0 is the smallest value and a rank beyond
    /// the count the largest (the sketch knows nothing outside them). `+∞` when empty.
    pub fn at_rank(&self, k: u64) -> f64 {
        if self.count == 0 {
            return f64::INFINITY;
        }
        self.value_of_rank(k.clamp(1, self.count))
            .clamp(self.min, self.max)
    }

    /// Percentile `p` of the negated values (the ⌈p·n⌉-th smallest of `−x`, within the
    /// relative accuracy), `None` when empty: the percentiles of `b − a` from a sketch of
    /// `a − b`.
    pub fn quantile_of_negated(&self, p: f64) -> Option<f64> {
        if self.count == 0 {
            return None;
        }
        let k = self.count + 1 - rank(p, self.count);
        Some(-self.value_of_rank(k).clamp(self.min, self.max))
    }

    /// The mean of the ⌈p·n⌉ smallest values (the mean of the worst `p` share), each value
    /// taken at its bucket's representative, so within the relative accuracy of the mean of
    /// their magnitudes; `None` when empty.
    pub fn lower_mean(&self, p: f64) -> Option<f64> {
        if self.count == 0 {
            return None;
        }
        let k = rank(p, self.count);
        let (mut left, mut sum) = (k, 0.0);
        for (value, c) in self.ascending_values() {
            let take = c.min(left);
            sum += take as f64 * value.clamp(self.min, self.max);
            left -= take;
            if left == 0 {
                break;
            }
        }
        Some(sum / k as f64)
    }

    /// Every non-empty bucket from the smallest value up, as (representative, count):
    /// negatives from the largest magnitude down, then zeros, then positives from the smallest
    /// magnitude up.
    fn ascending_values(&self) -> impl Iterator<Item = (f64, u64)> + '_ {
        let negatives = self
            .negative
            .descending()
            .map(|(bucket, c)| (-self.representative(bucket), c));
        let zeros = (self.zeros > 0).then_some((0.0, self.zeros));
        let positives = self
            .positive
            .ascending()
            .map(|(bucket, c)| (self.representative(bucket), c));
        negatives.chain(zeros).chain(positives)
    }

    /// The representative of the k-th smallest value (1-based).
    fn value_of_rank(&self, k: u64) -> f64 {
        let mut seen = 0;
        for (value, c) in self.ascending_values() {
            seen += c;
            if seen >= k {
                return value;
            }
        }
        self.max
    }

    /// The midpoint of a bucket.
    fn representative(&self, bucket: i64) -> f64 {
        let low = f64::from_bits((bucket as u64) << self.shift);
        let high = f64::from_bits(((bucket + 1) as u64) << self.shift);
        0.5 * (low + high)
    }
}

/// Counts of consecutive buckets `offset, offset + 1, …`.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
struct Store {
    offset: i64,
    counts: Vec<u64>,
}

impl PartialEq for Store {
    /// Equal when every bucket holds the same count, whatever the spare room around them.
    fn eq(&self, other: &Store) -> bool {
        self.ascending().eq(other.ascending())
    }
}

impl Store {
    /// Adds `n` to `bucket`'s count; the store grows (rarely) in [`Store::grow_and_add`].
    #[inline(always)]
    fn add(&mut self, bucket: i64, n: u64) {
        // A bucket below the offset wraps to an index past any length.
        let index = bucket.wrapping_sub(self.offset) as usize;
        match self.counts.get_mut(index) {
            Some(count) => *count += n,
            None => self.grow_and_add(bucket, n),
        }
    }

    /// Adds to a bucket outside the store, growing it (with slack) to cover the bucket.
    #[cold]
    #[inline(never)]
    fn grow_and_add(&mut self, bucket: i64, n: u64) {
        if self.counts.is_empty() {
            self.offset = bucket - GROW_SLACK as i64;
            self.counts = vec![0; 2 * GROW_SLACK + 1];
        }
        if bucket < self.offset {
            let extra = (self.offset - bucket) as usize + GROW_SLACK;
            self.counts.splice(0..0, std::iter::repeat_n(0, extra));
            self.offset -= extra as i64;
        }
        let index = (bucket - self.offset) as usize;
        if index >= self.counts.len() {
            self.counts.resize(index + GROW_SLACK + 1, 0);
        }
        self.counts[index] += n;
    }

    fn merge(&mut self, other: &Store) {
        for (bucket, c) in other.ascending() {
            self.add(bucket, c);
        }
    }

    /// Non-empty buckets in increasing order.
    fn ascending(&self) -> impl DoubleEndedIterator<Item = (i64, u64)> + '_ {
        self.counts
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(i, c)| (self.offset + i as i64, *c))
    }

    /// Non-empty buckets in decreasing order.
    fn descending(&self) -> impl Iterator<Item = (i64, u64)> + '_ {
        self.ascending().rev()
    }
}
