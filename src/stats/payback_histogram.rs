//! A fine histogram of payback times over [0, H] plus a count of "never".

use super::rank;

/// Payback times on bins of width `1/R` month over `[0, H]`, and a never-count.
///
/// Bin 0 holds paybacks at exactly 0 (no investment); bin `j ≥ 1` holds `((j−1)/R, j/R]`, so
/// the count of paybacks ≤ m at a whole month m is exact. Paybacks exactly on a whole month
/// (point masses, as a fixed event gives) are also counted by month, so that a percentile
/// falling on them is that month exactly. Memory: `8 · (R · H + H + 2)` bytes, whatever the
/// number of values. Invariant: `Σ counts + never = count`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PaybackHistogram {
    horizon_months: u32,
    bins_per_month: u32,
    counts: Vec<u64>,
    /// Of the values in the bin ending on month m, those exactly equal to m.
    on_month: Vec<u64>,
    never: u64,
    min: f64,
    max: f64,
}

impl PaybackHistogram {
    /// An empty histogram over `[0, horizon_months]` with `bins_per_month` bins a month.
    pub fn new(horizon_months: u32, bins_per_month: u32) -> Self {
        PaybackHistogram {
            horizon_months,
            bins_per_month,
            counts: vec![0; (horizon_months * bins_per_month) as usize + 1],
            on_month: vec![0; horizon_months as usize + 1],
            never: 0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        }
    }

    /// Adds one payback time in months; `+∞`, or any time beyond the horizon, is "never".
    #[inline]
    pub fn add(&mut self, t: f64) {
        debug_assert!(t >= 0.0, "payback time {t}");
        if t > f64::from(self.horizon_months) {
            self.never += 1;
            return;
        }
        // The ceiling by a u32 cast (x ≤ 65,536 bins): `f64::ceil` is a library call on
        // baseline x86-64.
        let x = t * f64::from(self.bins_per_month);
        let floor = x as u32; // x ≥ 0: the cast is the floor
        let bin = floor as usize + usize::from(x > f64::from(floor));
        let last = self.counts.len() - 1;
        self.counts[bin.min(last)] += 1;
        if x == f64::from(floor) && floor.is_multiple_of(self.bins_per_month) {
            let month = floor / self.bins_per_month;
            if t == f64::from(month) {
                self.on_month[month as usize] += 1;
            }
        }
        self.min = self.min.min(t);
        self.max = self.max.max(t);
    }

    /// Whether `other` has this one's horizon and bins (so that they can be merged).
    pub fn same_shape(&self, other: &PaybackHistogram) -> bool {
        (
            self.horizon_months,
            self.bins_per_month,
            self.counts.len(),
            self.on_month.len(),
        ) == (
            other.horizon_months,
            other.bins_per_month,
            other.counts.len(),
            other.on_month.len(),
        )
    }

    /// Adds every value of another histogram of the same shape.
    pub fn merge(&mut self, other: &PaybackHistogram) {
        assert_eq!(
            (self.horizon_months, self.bins_per_month),
            (other.horizon_months, other.bins_per_month),
            "histograms of different shapes"
        );
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        for (a, b) in self.on_month.iter_mut().zip(&other.on_month) {
            *a += b;
        }
        self.never += other.never;
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
    }

    /// Number of values added.
    pub fn count(&self) -> u64 {
        self.counts.iter().sum::<u64>() + self.never
    }

    /// Number of "never" values.
    pub fn never(&self) -> u64 {
        self.never
    }

    /// Share of "never" values (0 when empty).
    pub fn p_never(&self) -> f64 {
        let n = self.count();
        if n == 0 {
            0.0
        } else {
            self.never as f64 / n as f64
        }
    }

    /// Percentile `p`: `None` when the ⌈p·n⌉-th smallest value is "never" (or nothing was
    /// added). The month m itself when that value is one of those exactly on m (the largest of
    /// their bin). Otherwise the midpoint of its bin, clamped to the smallest and largest finite
    /// value added: within one bin width (`1/R` month) of the exact order statistic, and exact
    /// when all finite values in that bin equal the smallest or the largest one (as when every
    /// trial agrees).
    pub fn quantile(&self, p: f64) -> Option<f64> {
        let n = self.count();
        if n == 0 {
            return None;
        }
        self.value_of_rank(rank(p, n))
    }

    /// The `k`-th smallest value (1-based) as [`PaybackHistogram::quantile`] gives it:
    /// `None` when it is "never" or `k` is beyond the values added, 0 months for `k = 0` (a
    /// payback is never below 0).
    pub fn value_of_rank(&self, k: u64) -> Option<f64> {
        if k == 0 {
            return Some(0.0);
        }
        let mut seen = 0;
        let per_month = self.bins_per_month as usize;
        for (j, &c) in self.counts.iter().enumerate() {
            seen += c;
            if seen >= k {
                if j.is_multiple_of(per_month) && seen - self.on_month[j / per_month] < k {
                    return Some((j / per_month) as f64);
                }
                let mid = (j as f64 - 0.5).max(0.0) / f64::from(self.bins_per_month);
                return Some(mid.clamp(self.min, self.max));
            }
        }
        None
    }

    /// P(payback ≤ `month`) for a whole month in `0..=H` (exact: bins end on whole months).
    pub fn cdf_at(&self, month: u32) -> f64 {
        let n = self.count();
        if n == 0 {
            return 0.0;
        }
        let end = (month.min(self.horizon_months) * self.bins_per_month) as usize;
        self.counts[..=end].iter().sum::<u64>() as f64 / n as f64
    }

    /// `(t, P(payback ≤ t))` at `t = 0, step, 2·step, …, H` for a step of `bins_per_step`
    /// bins: exact counts at every point. One pass over the bins.
    pub fn cdf_grid(&self, bins_per_step: u32) -> Vec<(f64, f64)> {
        let n = self.count().max(1) as f64;
        let step = bins_per_step.max(1) as usize;
        let mut below = 0;
        let mut out = Vec::with_capacity(self.counts.len() / step + 1);
        for (j, &c) in self.counts.iter().enumerate() {
            below += c;
            if j % step == 0 {
                out.push((j as f64 / f64::from(self.bins_per_month), below as f64 / n));
            }
        }
        out
    }

    /// Bins per month.
    pub fn bins_per_month(&self) -> u32 {
        self.bins_per_month
    }

    /// `(month, P(payback ≤ month))` at every whole month `0..=H`.
    pub fn cdf_pairs(&self) -> Vec<(f64, f64)> {
        (0..=self.horizon_months)
            .map(|m| (f64::from(m), self.cdf_at(m)))
            .collect()
    }
}
