//! The speed ceiling on the reference scenario (`benches/reference.toml`): the model of
//! that one scenario hard-coded as a tight per-trial Rust loop, with rand_distr's exact samplers
//! (the Beta family as a ratio of two gammas, as `payback` draws it) on one sequential
//! Xoshiro256++ stream per chunk, and only the outputs the NumPy peer gives (payback, NPV). It
//! has none of what `payback`'s reports need besides: no keyed stream per input (common random
//! numbers), no sensitivity sums, no monthly bands, no discounted payback, no general timeline
//! (downtimes, successors, benefits, capacity serving). So it bounds from above what any engine
//! of the general tool can do on this machine, and `scripts/bench-peer --ceiling` runs it beside
//! the peer. Its P(never), mean NPV and P50 must agree with the peer's within Monte Carlo error,
//! which shows that it simulates the same model.
//!
//! `cargo bench --bench ceiling -- [--trials N] [--threads T] [--seed S] [--draws-only]
//! [--beta-table]` prints one JSON object. `--draws-only` draws the inputs and skips the model (the split);
//! `--beta-table` draws the Beta family by linear interpolation in a 4,096-interval table of its
//! quantile function instead (exactly in its two end intervals): approximate, for timing only, about
//! the cheapest Beta draw there is.

use rand::{Rng, RngExt, SeedableRng};
use rand_distr::{Distribution, Exp, Gamma, LogNormal, Normal, Poisson, Triangular};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;
use statrs::distribution::{Beta as BetaDist, ContinuousCDF};
use std::time::Instant;

/// Horizon in months.
const H: usize = 36;
/// The standard normal's 95th percentile: "lo to hi" puts 90 % of a lognormal in [lo, hi].
const Z95: f64 = 1.644_853_626_951_472_2;
/// Trials a chunk, each chunk one stream.
const CHUNK: u64 = 1 << 16;
/// Bins a month of the payback histogram behind the P50.
const BINS_PER_MONTH: usize = 1024;
/// Intervals of the `--beta-table` quantile table.
const TABLE_INTERVALS: usize = 4096;

/// Beta(a, b): exact as X / (X + Y) from two unit-scale gammas, or from a quantile table.
struct Beta {
    x: Gamma<f64>,
    y: Gamma<f64>,
    table: Option<Vec<f64>>,
}

impl Beta {
    fn new(a: f64, b: f64, tabulated: bool) -> Self {
        let table = tabulated.then(|| {
            let exact = BetaDist::new(a, b).expect("valid shapes");
            (0..=TABLE_INTERVALS)
                .map(|i| exact.inverse_cdf(i as f64 / TABLE_INTERVALS as f64))
                .collect()
        });
        Beta {
            x: Gamma::new(a, 1.0).expect("valid shape"),
            y: Gamma::new(b, 1.0).expect("valid shape"),
            table,
        }
    }

    #[inline]
    fn sample<R: Rng>(&self, rng: &mut R) -> f64 {
        if let Some(table) = &self.table {
            let at = rng.random::<f64>() * TABLE_INTERVALS as f64;
            let i = at as usize;
            // The end intervals, where the quantile is steep, are drawn exactly.
            if i > 0 && i < TABLE_INTERVALS - 1 {
                return table[i] + (at - i as f64) * (table[i + 1] - table[i]);
            }
        }
        let x = self.x.sample(rng);
        x / (x + self.y.sample(rng))
    }
}

/// PERT(lo, mode, hi) with λ = 4: `lo + (hi − lo) · Beta`.
struct Pert {
    lo: f64,
    width: f64,
    beta: Beta,
}

impl Pert {
    fn new(lo: f64, mode: f64, hi: f64, tabulated: bool) -> Self {
        let width = hi - lo;
        let (a, b) = (
            1.0 + 4.0 * (mode - lo) / width,
            1.0 + 4.0 * (hi - mode) / width,
        );
        Pert {
            lo,
            width,
            beta: Beta::new(a, b, tabulated),
        }
    }

    #[inline]
    fn sample<R: Rng>(&self, rng: &mut R) -> f64 {
        self.lo + self.width * self.beta.sample(rng)
    }
}

/// "lo to hi": the lognormal with 90 % of its mass in [lo, hi].
fn lognormal_90(lo: f64, hi: f64) -> LogNormal<f64> {
    let sigma = (hi.ln() - lo.ln()) / (2.0 * Z95);
    LogNormal::new(0.5 * (lo.ln() + hi.ln()), sigma).expect("valid")
}

/// The reference scenario's samplers and constants.
struct Reference {
    events_per_day: Pert,
    growth: Normal<f64>,
    baseline_cost: LogNormal<f64>,
    baseline_errors: Beta,
    deprecation: Exp<f64>,
    candidate_cost: LogNormal<f64>,
    candidate_errors: Beta,
    drift: Beta,
    build: Triangular<f64>,
    failed_runs: Poisson<f64>,
    cost_per_run: LogNormal<f64>,
    overrun: Pert,
    hours: Triangular<f64>,
    /// Month-end discount factor of each month.
    month_discount: [f64; H],
    /// Discount factor a month.
    monthly: f64,
}

impl Reference {
    fn new(tabulated: bool) -> Self {
        let monthly = 1.08f64.powf(-1.0 / 12.0);
        Reference {
            events_per_day: Pert::new(4000.0, 5000.0, 6500.0, tabulated),
            growth: Normal::new(0.01, 0.005).expect("valid"),
            baseline_cost: lognormal_90(0.25, 0.40),
            baseline_errors: Beta::new(51.0, 951.0, tabulated),
            deprecation: Exp::new(0.5 / 12.0).expect("valid"),
            candidate_cost: lognormal_90(0.12, 0.20),
            candidate_errors: Beta::new(21.0, 981.0, tabulated),
            drift: Beta::new(2.0, 50.0, tabulated),
            build: Triangular::new(1.0, 4.0, 2.0).expect("valid"),
            failed_runs: Poisson::new(3.0).expect("valid"),
            cost_per_run: lognormal_90(10.0, 500.0),
            overrun: Pert::new(1.0, 1.5, 3.0, tabulated),
            hours: Triangular::new(76.0, 188.0, 120.0).expect("valid"),
            month_discount: std::array::from_fn(|m| monthly.powi(m as i32 + 1)),
            monthly,
        }
    }

    /// One trial: (payback, +∞ for never; NPV). With `draws_only` the model is skipped and
    /// the payback is +∞, the NPV a sum of the draws (so that none is optimised away).
    #[inline]
    fn trial<R: Rng>(&self, rng: &mut R, draws_only: bool) -> (f64, f64) {
        let mut uniform = |a: f64, b: f64| a + (b - a) * rng.random::<f64>();
        let price_change = uniform(-0.3, 0.0);
        let migration = uniform(5000.0, 20000.0);
        let hourly = uniform(1.0, 1.3);
        let retrain = uniform(1000.0, 5000.0);
        let data_prep = uniform(5000.0, 40000.0);
        let rate = uniform(120.0, 180.0);
        let evaluation = uniform(2000.0, 10000.0);
        let succeeded = uniform(0.0, 1.0) < 0.85;
        let volume_per_day = self.events_per_day.sample(rng);
        let growth = 1.0 + self.growth.sample(rng);
        let cb = self.baseline_cost.sample(rng);
        let eb = self.baseline_errors.sample(rng);
        let deprecation = self.deprecation.sample(rng);
        let cf = self.candidate_cost.sample(rng);
        let ec = self.candidate_errors.sample(rng);
        let drift = self.drift.sample(rng);
        let go_live = self.build.sample(rng);
        let failed_runs: f64 = self.failed_runs.sample(rng);
        let cost_per_run = self.cost_per_run.sample(rng);
        let overrun = self.overrun.sample(rng);
        let hours = self.hours.sample(rng);
        let upfront =
            (data_prep * overrun + hours * rate + evaluation + (8.0 + failed_runs) * cost_per_run)
                * 1.2;
        if draws_only {
            let sum = volume_per_day + growth + cb + eb + deprecation + cf + ec + drift + go_live;
            let sum = sum + price_change + migration + hourly + retrain + f64::from(succeeded);
            return (f64::INFINITY, sum - upfront);
        }
        if !succeeded || go_live >= H as f64 {
            return (f64::INFINITY, -upfront);
        }
        let first = go_live as usize;
        let offset = go_live - first as f64;
        let trend = (1.0 + price_change).powf(1.0 / 12.0);
        let mut volume = volume_per_day * 30.0 * growth.powi(first as i32);
        let mut baseline_direct = volume * cb * trend.powi(first as i32);
        let serving = hourly * 720.0 * 2.0;
        // Saving per event except the baseline's direct cost, k months into a drift cycle.
        let mut margin = [0.0; 7];
        let mut factor = 1.0;
        for m in &mut margin {
            *m = 8.0 * eb.min(1.0) - cf - 8.0 * (ec * factor).min(1.0);
            factor *= 1.0 + drift;
        }
        let deprecated = go_live <= deprecation && deprecation < H as f64;
        let deprecation_month = if deprecated { deprecation as usize } else { H };
        let mut path = Path {
            net: -upfront,
            payback: f64::INFINITY,
        };
        let mut flows = 0.0;
        for month in first..H {
            let since = month - first;
            let start = month as f64;
            let step = start + offset;
            let after = volume * margin[since % 6] + baseline_direct - serving;
            let before = if since == 0 {
                0.0
            } else {
                volume * margin[(since - 1) % 6] + baseline_direct - serving
            };
            let retrain_lump = if since > 0 && since.is_multiple_of(6) {
                -retrain
            } else {
                0.0
            };
            if month == deprecation_month {
                let early = deprecation < step;
                let (t1, t2) = (deprecation.min(step), deprecation.max(step));
                path.flow(start, t1 - start, before);
                path.lump(t1, if early { migration } else { retrain_lump });
                path.flow(t1, t2 - t1, if early { before } else { after });
                path.lump(t2, if early { retrain_lump } else { migration });
                path.flow(t2, start + 1.0 - t2, after);
            } else {
                path.flow(start, offset, before);
                path.net += retrain_lump;
                path.flow(step, 1.0 - offset, after);
            }
            flows += (before * offset + after * (1.0 - offset)) * self.month_discount[month];
            volume *= growth;
            baseline_direct *= growth * trend;
        }
        let mut lumps = if deprecated {
            migration * self.monthly.powf(deprecation)
        } else {
            0.0
        };
        let mut at = go_live + 6.0;
        while at < H as f64 {
            lumps -= retrain * self.monthly.powf(at);
            at += 6.0;
        }
        (path.payback, flows + lumps - upfront)
    }
}

/// The undiscounted cumulative net and its first crossing of zero.
struct Path {
    net: f64,
    payback: f64,
}

impl Path {
    #[inline]
    fn flow(&mut self, start: f64, len: f64, rate: f64) {
        let end = self.net + rate * len;
        if self.payback == f64::INFINITY && end >= 0.0 {
            self.payback = start + (-self.net).max(0.0) / rate;
        }
        self.net = end;
    }

    #[inline]
    fn lump(&mut self, at: f64, amount: f64) {
        self.net += amount;
        if self.payback == f64::INFINITY && self.net >= 0.0 {
            self.payback = at;
        }
    }
}

/// Sums over trials.
#[derive(Clone)]
struct Totals {
    trials: u64,
    never: u64,
    npv: f64,
    npv_sq: f64,
    /// Paybacks by bins of 1/BINS_PER_MONTH month.
    histogram: Vec<u64>,
}

impl Totals {
    fn new() -> Self {
        Totals {
            trials: 0,
            never: 0,
            npv: 0.0,
            npv_sq: 0.0,
            histogram: vec![0; H * BINS_PER_MONTH + 1],
        }
    }

    fn add(&mut self, payback: f64, npv: f64) {
        self.trials += 1;
        self.npv += npv;
        self.npv_sq += npv * npv;
        if payback.is_finite() {
            self.histogram[(payback * BINS_PER_MONTH as f64) as usize] += 1;
        } else {
            self.never += 1;
        }
    }

    fn merge(mut self, other: Totals) -> Totals {
        self.trials += other.trials;
        self.never += other.never;
        self.npv += other.npv;
        self.npv_sq += other.npv_sq;
        for (a, b) in self.histogram.iter_mut().zip(&other.histogram) {
            *a += b;
        }
        self
    }

    /// The bin middle holding the ⌈n/2⌉-th smallest payback (NaN when that is never).
    fn p50(&self) -> f64 {
        let mut below = 0;
        for (bin, &count) in self.histogram.iter().enumerate() {
            below += count;
            if 2 * below >= self.trials {
                return (bin as f64 + 0.5) / BINS_PER_MONTH as f64;
            }
        }
        f64::NAN
    }
}

fn main() {
    let mut trials = 10_000_000u64;
    let mut threads = 2usize;
    let mut seed = 42u64;
    let (mut draws_only, mut tabulated) = (false, false);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--trials" => {
                trials = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--trials N")
            }
            "--threads" => {
                threads = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--threads T")
            }
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).expect("--seed S"),
            "--draws-only" => draws_only = true,
            "--beta-table" => tabulated = true,
            _ => {} // `cargo bench` adds --bench
        }
    }
    let reference = Reference::new(tabulated);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    let start = Instant::now();
    let totals = pool.install(|| {
        (0..trials.div_ceil(CHUNK))
            .into_par_iter()
            .fold(Totals::new, |mut totals, chunk| {
                let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed.rotate_left(32) ^ chunk);
                for _ in chunk * CHUNK..((chunk + 1) * CHUNK).min(trials) {
                    let (payback, npv) = reference.trial(&mut rng, draws_only);
                    totals.add(payback, npv);
                }
                totals
            })
            .reduce(Totals::new, Totals::merge)
    });
    let seconds = start.elapsed().as_secs_f64();
    let n = totals.trials as f64;
    let p_never = totals.never as f64 / n;
    let mean = totals.npv / n;
    let sd = (totals.npv_sq / n - mean * mean).max(0.0).sqrt();
    println!(
        "{}",
        serde_json::json!({
            "trials": totals.trials,
            "threads": threads,
            "seed": seed,
            "draws_only": draws_only,
            "beta_table": tabulated,
            "seconds": seconds,
            "trials_per_second": n / seconds,
            "p_never": p_never,
            "p_never_stderr": (p_never * (1.0 - p_never) / n).sqrt(),
            "npv": { "mean": mean, "mean_stderr": sd / n.sqrt() },
            "p50": totals.p50(),
        })
    );
}
