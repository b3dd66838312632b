//! The internal rate of return of a candidate's cash against the baseline in one trial
//! (docs/model.md, "IRR"): the flows are monthly, at month ends (the investment at month 0,
//! then each month's net cash with its lumps), and the IRR is the monthly rate `r` at which
//! their present value is zero, annualised as `(1 + r)^12 − 1`.

/// The present value is a polynomial in `x = 1 / (1 + r)`; the search covers `x` in
/// `[X_LOW, X_HIGH]`: monthly rates from −50 % (an annual −99.98 %) to 10⁶.
const X_LOW: f64 = 1e-6;
const X_HIGH: f64 = 2.0;
/// Flows of a smaller magnitude count as zero (a millionth of a cent).
const TINY: f64 = 1e-9;
/// Newton steps at most (each one safeguarded by bisection of the bracket).
const MAX_STEPS: u32 = 200;

/// The annual IRR of the flows whose cumulative sums at month ends 0..=H are `month_end_net`,
/// or `None` when there is none: the flows never change sign (a failed project, a candidate
/// without investment), or their present value keeps one sign over the rates searched. Where
/// it crosses zero at several rates, the one returned is in the bracket of the positive rates
/// when that bracket's ends differ in sign, else of the negative rates, else the first zero a
/// scan from 0 finds (`scan`).
pub fn annual_irr(month_end_net: &[f64]) -> Option<f64> {
    annual_irrs_in([month_end_net], &mut IrrScratch::default())[0]
}

/// Rows of flows [`annual_irrs_in`] solves side by side, one a lane.
const LANES: usize = 8;

/// The buffers an IRR solve reuses from one call to the next: the lanes and the rates found.
#[derive(Debug, Clone, Default)]
pub struct IrrScratch {
    lanes: Lanes,
    solved: Vec<Option<f64>>,
}

/// Up to [`LANES`] rows of an investment followed by returns, month-major, to be solved in
/// lock-step.
#[derive(Debug, Clone, Default)]
struct Lanes {
    /// The row each filled lane holds.
    rows: Vec<usize>,
    /// Each lane's cumulative net at month ends 0..=H.
    nets: Vec<[f64; LANES]>,
    /// Each lane's returns `f_m` of months 1..=H, then zeros up to a multiple of four months.
    flow: Vec<[f64; LANES]>,
    /// `m · f_m`, laid out as `flow`.
    weighted: Vec<[f64; LANES]>,
}

impl Lanes {
    /// Puts row `index` (`month_end_net`) into the next free lane.
    fn fill(&mut self, index: usize, month_end_net: &[f64]) {
        if self.nets.len() != month_end_net.len() {
            let padded = (month_end_net.len() - 1).div_ceil(4) * 4;
            self.nets = vec![[0.0; LANES]; month_end_net.len()];
            self.flow = vec![[0.0; LANES]; padded];
            self.weighted = vec![[0.0; LANES]; padded];
        }
        let lane = self.rows.len();
        for (month, &net) in self.nets.iter_mut().zip(month_end_net) {
            month[lane] = net;
        }
        self.rows.push(index);
    }

    /// Solves the filled lanes (the free ones given a copy of the first), writing each row's
    /// rate into `solved`, and empties them.
    fn solve_into(&mut self, solved: &mut [Option<f64>]) {
        for lane in self.rows.len()..LANES {
            for month in &mut self.nets {
                month[lane] = month[0];
            }
        }
        let x = conventional_roots(&self.nets, &mut self.flow, &mut self.weighted);
        for (lane, &row) in self.rows.iter().enumerate() {
            solved[row] = annual(x[lane]);
        }
        self.rows.clear();
    }
}

/// How the flows of a row lie.
enum Shape {
    /// They never change sign: no rate.
    OneSign,
    /// An investment, then only returns: one zero, found fast (see `conventional_roots`).
    Conventional,
    /// Anything else: bracketed first.
    General,
}

/// The shape of the flows whose cumulative sums are `month_end_net`.
fn shape(month_end_net: &[f64]) -> Shape {
    let first = month_end_net[0];
    let (mut later_negative, mut later_positive) = (false, false);
    for w in month_end_net.windows(2) {
        let flow = w[1] - w[0];
        later_negative |= flow < -TINY;
        later_positive |= flow > TINY;
    }
    if first < -TINY && !later_negative {
        if later_positive {
            Shape::Conventional
        } else {
            Shape::OneSign
        }
    } else {
        let negative = first < -TINY || later_negative;
        let positive = first > TINY || later_positive;
        if negative && positive {
            Shape::General
        } else {
            Shape::OneSign
        }
    }
}

/// [`annual_irr`] of each of `rows` (cumulative nets at month ends 0..=H, all of one length),
/// in order, the same bit for bit: the rows of an investment followed by returns are solved
/// eight at a time in lock-step, each lane with its own start and its own stop
/// (`conventional_roots`), any other row on its own.
pub fn annual_irrs_in<'r>(
    rows: impl IntoIterator<Item = &'r [f64]>,
    scratch: &mut IrrScratch,
) -> &[Option<f64>] {
    let IrrScratch { lanes, solved, .. } = scratch;
    solved.clear();
    for (index, row) in rows.into_iter().enumerate() {
        match shape(row) {
            Shape::OneSign => solved.push(None),
            Shape::General => solved.push(general_irr(row)),
            Shape::Conventional => {
                // Written when its lanes are solved.
                solved.push(None);
                lanes.fill(index, row);
                if lanes.rows.len() == LANES {
                    lanes.solve_into(solved);
                }
            }
        }
    }
    if !lanes.rows.is_empty() {
        lanes.solve_into(solved);
    }
    solved
}

/// The annual rate of `x = 1 / (1 + r)` found for a monthly `r`, `None` outside the search.
fn annual(x: f64) -> Option<f64> {
    (X_LOW..=X_HIGH).contains(&x).then(|| x.powi(-12) - 1.0)
}

/// The IRR of flows that change sign but are not an investment followed by returns.
fn general_irr(month_end_net: &[f64]) -> Option<f64> {
    let value = |x: f64| present_value(month_end_net, x).0;
    let (at_low, at_one, at_high) = (value(X_LOW), value(1.0), value(X_HIGH));
    let (lo, hi) = if at_low.signum() != at_one.signum() {
        (X_LOW, 1.0)
    } else if at_one.signum() != at_high.signum() {
        (1.0, X_HIGH)
    } else {
        scan(month_end_net)?
    };
    annual(root(month_end_net, lo, hi))
}

/// The start of `conventional_roots`'s Newton steps, from the payback month `payback` (`+∞`
/// for none), the investment, the returns' total `Σ f_m`, `Σ m f_m` and `Σ m² f_m`.
#[inline]
fn newton_start(
    months: usize,
    investment: f64,
    returns: f64,
    timed: f64,
    timed_sq: f64,
    payback: f64,
) -> f64 {
    if payback < 0.25 * months as f64 {
        payback / (payback + 1.0)
    } else {
        let mean_time = timed / returns;
        let variance = timed_sq / returns - mean_time * mean_time;
        let target = (investment / returns).ln();
        let discriminant = mean_time * mean_time + 2.0 * variance * target;
        let u = if variance > 0.0 && discriminant >= 0.0 {
            (discriminant.sqrt() - mean_time) / variance
        } else {
            target / mean_time
        };
        u.exp()
    }
}

/// The zeros of the present values of [`LANES`] rows, each an investment followed by returns
/// only, `nets` their cumulative nets month-major (`flow` and `weighted` its buffers, laid out
/// as [`Lanes`] says), solved side by side: each lane with its own start and its own stop, its
/// root kept from its own stopping step on, while the steps run across the lanes until every
/// lane has stopped. Compiled for AVX-512 and AVX2 too, the widest the processor has chosen
/// when it runs.
///
/// Where a row's cash pays back within the first quarter of the horizon, at month `P`
/// (interpolated in its month), its start is `x = P / (P + 1)`: the zero for level returns that go on for ever, which is close
/// when the horizon is long against the payback (a far larger rate than the expansion below
/// reaches). Else, with `x = e^u`, `g(u) = ln Σ_{m ≥ 1} f_m e^{m u}` is convex in `u`, with
/// slope the returns' mean time `D` and curvature their variance `V` at `u = 0`; the start is the
/// zero of its quadratic approximation at 0, `ln Σ f_m + D u + V u²/2 = ln(−f_0)`, or of its
/// tangent where that has none. The present value is convex and increasing in `x` (every return
/// is at least 0), so Newton's method in `x` converges from either start without overstepping
/// more than once (a start left of the zero steps right of it). It stops after a step of at
/// most 1e-8 of `x`; from then on the error shrinks with the square of the step, so it is at
/// most `(H/2) · 1e-16` of `x` (the present value's `x·F''/F'` is below the horizon H).
#[multiversion::multiversion(targets("x86_64+avx512f", "x86_64+avx2"))]
fn conventional_roots(
    nets: &[[f64; LANES]],
    flow: &mut [[f64; LANES]],
    weighted: &mut [[f64; LANES]],
) -> [f64; LANES] {
    lanes_root(nets, flow, weighted)
}

/// The body of `conventional_roots`, for any target.
#[inline(always)]
fn lanes_root(
    nets: &[[f64; LANES]],
    flow: &mut [[f64; LANES]],
    weighted: &mut [[f64; LANES]],
) -> [f64; LANES] {
    let months = nets.len() - 1;
    let (mut timed, mut timed_sq) = ([0.0; LANES], [0.0; LANES]);
    // The first month whose net is at least 0 (0: none yet; month 0's net is below 0).
    let mut crossing = [0usize; LANES];
    for m in 1..=months {
        let month = m as f64;
        for l in 0..LANES {
            let f = nets[m][l] - nets[m - 1][l];
            let w = month * f;
            flow[m - 1][l] = f;
            weighted[m - 1][l] = w;
            timed[l] += w;
            timed_sq[l] += month * w;
            crossing[l] = if crossing[l] == 0 && nets[m][l] >= 0.0 {
                m
            } else {
                crossing[l]
            };
        }
    }
    let mut x = [0.0; LANES];
    let mut investment = [0.0; LANES];
    for l in 0..LANES {
        let m = crossing[l];
        let payback = if m == 0 {
            f64::INFINITY
        } else {
            (m - 1) as f64 - nets[m - 1][l] / flow[m - 1][l]
        };
        investment[l] = -nets[0][l];
        let returns = nets[months][l] - nets[0][l];
        x[l] = newton_start(
            months,
            investment[l],
            returns,
            timed[l],
            timed_sq[l],
            payback,
        );
    }
    let blocks = flow.len() / 4;
    // Whether each lane has yet to make its stopping step.
    let mut going = [true; LANES];
    for _ in 0..MAX_STEPS {
        let x4 = x.map(|x| (x * x) * (x * x));
        let (mut p, mut q) = ([[0.0; LANES]; 4], [[0.0; LANES]; 4]);
        for b in (0..blocks).rev() {
            for k in 0..4 {
                let (f, w) = (&flow[4 * b + k], &weighted[4 * b + k]);
                for l in 0..LANES {
                    p[k][l] = p[k][l] * x4[l] + f[l];
                    q[k][l] = q[k][l] * x4[l] + w[l];
                }
            }
        }
        // Horner's rule in `x⁴` on four interleaved sums (months 1, 5, 9, …; 2, 6, 10, …; …)
        // above, so that each chain of multiply-adds is a quarter as long; their combination
        // here, and the step below, each in a loop of its own across the lanes.
        let (mut value, mut slope) = ([0.0; LANES], [0.0; LANES]);
        for l in 0..LANES {
            value[l] = p[0][l] + x[l] * (p[1][l] + x[l] * (p[2][l] + x[l] * p[3][l]));
            slope[l] = q[0][l] + x[l] * (q[1][l] + x[l] * (q[2][l] + x[l] * q[3][l]));
        }
        let mut any = false;
        for l in 0..LANES {
            let step = (x[l] * value[l] - investment[l]) / slope[l];
            let next = x[l] - step;
            let stop = step.abs() <= 1e-8 * next;
            x[l] = if going[l] { next } else { x[l] };
            going[l] &= !stop;
            any |= going[l];
        }
        if !any {
            break;
        }
    }
    x
}

/// Points of the scan for a pair of zeros: on the positive rates (x from 1 down to
/// `X_LOW`) and on the negative ones (x from 1 up to `X_HIGH`), evenly in `ln x`.
const SCAN_POSITIVE: u32 = 128;
const SCAN_NEGATIVE: u32 = 16;

/// A bracket of a zero when the present value has one sign at both ends of both brackets:
/// the first sign change from `x = 1` towards the positive rates, else towards the negative
/// ones, over a grid about 6 % apart in `x` (zeros closer than that are not told apart).
fn scan(month_end_net: &[f64]) -> Option<(f64, f64)> {
    let value = |x: f64| present_value(month_end_net, x).0;
    for (end, points) in [(X_LOW, SCAN_POSITIVE), (X_HIGH, SCAN_NEGATIVE)] {
        let (mut x, mut at): (f64, f64) = (1.0, value(1.0));
        for k in 1..=points {
            let next = end.powf(f64::from(k) / f64::from(points));
            let at_next = value(next);
            if at_next.signum() != at.signum() {
                return Some((x.min(next), x.max(next)));
            }
            (x, at) = (next, at_next);
        }
    }
    None
}

/// The present value of the flows at `x = 1 / (1 + r)` and its derivative in `x`, by Horner's
/// rule from the last month down.
#[inline]
fn present_value(month_end_net: &[f64], x: f64) -> (f64, f64) {
    let (mut p, mut dp) = (0.0, 0.0);
    for m in (0..month_end_net.len()).rev() {
        let flow = if m == 0 {
            month_end_net[0]
        } else {
            month_end_net[m] - month_end_net[m - 1]
        };
        dp = dp * x + p;
        p = p * x + flow;
    }
    (p, dp)
}

/// The zero of the present value between `lo` and `hi`, where it changes sign: Newton steps
/// from the end nearer `x = 1`, each replaced by a bisection when it would leave the bracket.
fn root(month_end_net: &[f64], lo: f64, hi: f64) -> f64 {
    let rising = present_value(month_end_net, hi).0 > present_value(month_end_net, lo).0;
    let (mut below, mut above) = if rising { (lo, hi) } else { (hi, lo) };
    let mut x = if lo == 1.0 { lo } else { hi };
    for _ in 0..MAX_STEPS {
        let (p, dp) = present_value(month_end_net, x);
        if p == 0.0 {
            return x;
        }
        if p < 0.0 {
            below = x;
        } else {
            above = x;
        }
        let newton = x - p / dp;
        let next = if dp != 0.0 && newton > below.min(above) && newton < below.max(above) {
            newton
        } else {
            0.5 * (below + above)
        };
        if (next - x).abs() <= 1e-13 * x {
            return next;
        }
        x = next;
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row at a time, with the same sums, start and steps as a lane of
    /// `conventional_roots`: the reference the lanes are tested against, bit for bit.
    fn conventional_root(month_end_net: &[f64], blocks: &mut Vec<FlowBlock>) -> f64 {
        let months = month_end_net.len() - 1;
        let investment = -month_end_net[0];
        let returns = month_end_net[months] - month_end_net[0];
        blocks.clear();
        blocks.resize(months.div_ceil(4), FlowBlock::default());
        let (mut timed, mut timed_sq) = (0.0, 0.0);
        let mut payback = f64::INFINITY;
        for m in 1..=months {
            let flow = month_end_net[m] - month_end_net[m - 1];
            let weighted = m as f64 * flow;
            let block = &mut blocks[(m - 1) / 4];
            block.flow[(m - 1) % 4] = flow;
            block.weighted[(m - 1) % 4] = weighted;
            timed += weighted;
            timed_sq += m as f64 * weighted;
            if payback.is_infinite() && month_end_net[m] >= 0.0 {
                payback = (m - 1) as f64 - month_end_net[m - 1] / flow;
            }
        }
        let mut x = newton_start(months, investment, returns, timed, timed_sq, payback);
        for _ in 0..MAX_STEPS {
            let (p, q) = returns_at(blocks, x);
            let step = (x * p - investment) / q;
            x -= step;
            if step.abs() <= 1e-8 * x {
                break;
            }
        }
        x
    }

    /// Four consecutive months' returns `f_m` and `m · f_m` (zero past the horizon).
    #[derive(Debug, Clone, Copy, Default)]
    struct FlowBlock {
        flow: [f64; 4],
        weighted: [f64; 4],
    }

    /// `Σ_{m ≥ 1} f_m x^(m−1)` and `Σ_{m ≥ 1} m f_m x^(m−1)` over the returns `f_m` in `blocks`:
    /// Horner's rule in `x⁴` on four interleaved sums (months 1, 5, 9, …; 2, 6, 10, …; …), which
    /// are independent, so the chain of multiply-adds is a quarter as long.
    #[inline]
    fn returns_at(blocks: &[FlowBlock], x: f64) -> (f64, f64) {
        let x4 = (x * x) * (x * x);
        let (mut p, mut q) = ([0.0; 4], [0.0; 4]);
        for block in blocks.iter().rev() {
            for k in 0..4 {
                p[k] = p[k] * x4 + block.flow[k];
                q[k] = q[k] * x4 + block.weighted[k];
            }
        }
        let combine = |s: [f64; 4]| s[0] + x * (s[1] + x * (s[2] + x * s[3]));
        (combine(p), combine(q))
    }

    /// [`annual_irr`] one row at a time, through `conventional_root`.
    fn annual_irr_alone(month_end_net: &[f64]) -> Option<f64> {
        match shape(month_end_net) {
            Shape::OneSign => None,
            Shape::Conventional => annual(conventional_root(month_end_net, &mut Vec::new())),
            Shape::General => general_irr(month_end_net),
        }
    }

    fn cumulative(flows: &[f64]) -> Vec<f64> {
        flows
            .iter()
            .scan(0.0, |sum, f| {
                *sum += f;
                Some(*sum)
            })
            .collect()
    }

    #[test]
    fn flows_of_one_sign_have_no_irr() {
        assert_eq!(annual_irr(&cumulative(&[-10_000.0, 0.0, 0.0])), None);
        assert_eq!(annual_irr(&cumulative(&[0.0, 500.0, 500.0])), None);
    }

    #[test]
    fn flows_with_two_rates_give_the_smaller_positive_one() {
        // −100, +230, −132: −100 (1 + r)² + 230 (1 + r) − 132 = 0 at 1 + r = 1.1 and 1.2.
        let irr = annual_irr(&cumulative(&[-100.0, 230.0, -132.0])).unwrap();
        assert!((irr - (1.1f64.powi(12) - 1.0)).abs() < 1e-9, "{irr}");
    }

    /// For random investments followed by random returns (some months without any), the rate
    /// returned makes the present value zero to within 1e-9 of the flows' size.
    #[test]
    fn the_rate_found_zeroes_the_present_value() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand_xoshiro::SplitMix64::seed_from_u64(3);
        let mut found = 0;
        for _ in 0..2000 {
            let months = rng.random_range(1..120usize);
            let mut flows = vec![-rng.random_range(1.0..1e6)];
            flows.extend((0..months).map(|_| {
                if rng.random::<f64>() < 0.3 {
                    0.0
                } else {
                    rng.random_range(0.0..1e5)
                }
            }));
            let Some(irr) = annual_irr(&cumulative(&flows)) else {
                continue;
            };
            let x = (1.0 + irr).powf(-1.0 / 12.0);
            let size: f64 = flows.iter().map(|f| f.abs()).sum();
            let pv: f64 = flows.iter().rev().fold(0.0, |p, f| p * x + f);
            assert!(pv.abs() <= 1e-9 * size, "{flows:?}: irr {irr}, pv {pv}");
            found += 1;
        }
        assert!(found > 1500, "only {found} of 2,000 had an IRR");
    }

    /// For random investments followed by random returns (growing, level or shrinking, some
    /// months without any, horizons up to the longest allowed), the rate found is that of a
    /// bisection to the last bit within 1e-12 of `x`: the stop after a step of 1e-8 leaves an
    /// error below (H/2) · 1e-16 of `x`.
    #[test]
    fn an_investment_then_returns_has_the_rate_a_bisection_finds() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand_xoshiro::SplitMix64::seed_from_u64(11);
        for _ in 0..3000 {
            let months = rng.random_range(1..=600usize);
            let growth = rng.random_range(-0.05..0.05);
            let live = rng.random_range(0..months.min(12));
            let level = rng.random_range(1.0..1e5);
            let mut flows = vec![-rng.random_range(1.0..1e7)];
            flows.extend((1..=months).map(|m| {
                if m <= live || rng.random::<f64>() < 0.1 {
                    0.0
                } else {
                    level * (1.0f64 + growth).powi(m as i32)
                }
            }));
            if flows[1..].iter().all(|&f| f == 0.0) {
                continue;
            }
            let month_end_net = cumulative(&flows);
            let Some(irr) = annual_irr(&month_end_net) else {
                continue;
            };
            let x = conventional_root(&month_end_net, &mut Vec::new());
            assert_eq!(irr, x.powi(-12) - 1.0);
            // x·P(x) − I rises with x: bisect it on [X_LOW, X_HIGH] until the ends meet.
            let value = |x: f64| present_value(&month_end_net, x).0;
            let (mut lo, mut hi) = (X_LOW, X_HIGH);
            while hi - lo > f64::EPSILON * hi {
                let mid = 0.5 * (lo + hi);
                if value(mid) < 0.0 {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let exact = 0.5 * (lo + hi);
            assert!(
                (x - exact).abs() <= 1e-12 * exact,
                "{months} months, growth {growth}: x {x} against {exact}"
            );
        }
    }

    /// Rows of every shape (investments then returns of any length and growth, flows that
    /// change sign more than once, flows of one sign) solved many at a time, in lock-step lanes
    /// with full and partly filled last lanes, give each row's rate one at a time, bit for bit;
    /// so does the lanes' body compiled for the baseline target alone.
    #[test]
    fn rows_solved_side_by_side_give_each_rows_rate() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand_xoshiro::SplitMix64::seed_from_u64(5);
        for round in 0..200 {
            let months = rng.random_range(1..=120usize);
            let count = rng.random_range(1..=3 * LANES);
            let rows: Vec<Vec<f64>> = (0..count)
                .map(|_| {
                    let mut flows = vec![-rng.random_range(1.0..1e6)];
                    let growth = rng.random_range(-0.05..0.05);
                    let kind = rng.random::<f64>();
                    flows.extend((1..=months).map(|m| {
                        let level = rng.random_range(0.0..1e5) * (1.0f64 + growth).powi(m as i32);
                        // A sixth or so of the rows change sign more than once, some have
                        // no returns at all, the rest are investments followed by returns.
                        let idle = kind < 0.2 || rng.random::<f64>() < 0.1;
                        if kind < 0.15 {
                            level - 6e4
                        } else if idle {
                            0.0
                        } else {
                            level
                        }
                    }));
                    cumulative(&flows)
                })
                .collect();
            let mut scratch = IrrScratch::default();
            let one_at_a_time: Vec<_> = rows.iter().map(|r| annual_irr_alone(r)).collect();
            let together = annual_irrs_in(rows.iter().map(Vec::as_slice), &mut scratch);
            let bits =
                |v: &[Option<f64>]| v.iter().map(|r| r.map(f64::to_bits)).collect::<Vec<_>>();
            assert_eq!(bits(together), bits(&one_at_a_time), "round {round}");
            // The body for the baseline target, on the first lanes' worth of investments.
            let conventional: Vec<&Vec<f64>> = rows
                .iter()
                .filter(|r| matches!(shape(r), Shape::Conventional))
                .take(LANES)
                .collect();
            if conventional.len() == LANES {
                let mut nets = vec![[0.0; LANES]; months + 1];
                for (lane, row) in conventional.iter().enumerate() {
                    for (m, &net) in row.iter().enumerate() {
                        nets[m][lane] = net;
                    }
                }
                let padded = months.div_ceil(4) * 4;
                let (mut flow, mut weighted) =
                    (vec![[0.0; LANES]; padded], vec![[0.0; LANES]; padded]);
                let x = lanes_root(&nets, &mut flow, &mut weighted);
                for (lane, row) in conventional.iter().enumerate() {
                    assert_eq!(
                        x[lane].to_bits(),
                        conventional_root(row, &mut Vec::new()).to_bits(),
                        "round {round}, lane {lane}"
                    );
                }
            }
        }
    }

    #[test]
    fn two_flows_give_their_growth() {
        // −100 now, +110 in a month: 10 % a month, (1.1)^12 − 1 a year.
        let irr = annual_irr(&cumulative(&[-100.0, 110.0])).unwrap();
        assert!((irr - (1.1f64.powi(12) - 1.0)).abs() < 1e-9, "{irr}");
        // −100 now, +90 in a month: −10 % a month.
        let irr = annual_irr(&cumulative(&[-100.0, 90.0])).unwrap();
        assert!((irr - (0.9f64.powi(12) - 1.0)).abs() < 1e-9, "{irr}");
    }
}
