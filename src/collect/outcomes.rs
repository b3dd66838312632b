//! Streaming aggregation of trial outcomes: per candidate, a fine payback histogram and
//! relative-error sketches (integer counts, so merging them in any order gives the same result)
//! and floating-point sums (merged in chunk order by the engine, so the totals are identical at
//! any thread count). Memory is fixed by the horizon and the sketches' range, not the trials.

use crate::model::{FinishedTrial, Outcome};
use crate::scenario::Scenario;
use crate::stats::{Moments, PaybackHistogram, QuantileSketch};

/// Relative accuracy of the quantile sketches of NPV, ROI and investment: a reported quantile
/// is within 0.1 % of the exact order statistic.
pub const SKETCH_ACCURACY: f64 = 0.001;
/// Relative accuracy of the monthly cumulative-net sketches behind the P10–P90 bands: 1 %, so
/// that a band over a long horizon stays small in memory (64 buckets an octave).
pub const BAND_ACCURACY: f64 = 0.01;
/// Most histogram bins over the horizon; the resolution is at most 1/1000 month.
const MAX_BINS: u32 = 65_536;

/// Histogram bins per month for a horizon: 1000 (about 43 minutes), fewer for horizons over 65
/// months so that a histogram stays within 512 KiB.
pub fn bins_per_month(horizon_months: u32) -> u32 {
    (MAX_BINS / horizon_months).clamp(1, 1000)
}

/// Floating-point sums of one candidate's outcomes, for means and their standard errors.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Sums {
    /// NPV.
    pub npv: Moments,
    /// Investment.
    pub upfront: Moments,
    /// ROI over trials with a positive investment.
    pub roi: Moments,
}

impl Sums {
    fn add(&mut self, other: &Sums) {
        self.npv.merge(&other.npv);
        self.upfront.merge(&other.upfront);
        self.roi.merge(&other.roi);
    }
}

/// Everything kept of one candidate's outcomes.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CandidateAggregate {
    /// Payback times.
    pub payback: PaybackHistogram,
    /// Payback times of the discounted cash.
    pub discounted_payback: PaybackHistogram,
    /// Upfront investment.
    pub upfront: QuantileSketch,
    /// NPV at the horizon.
    pub npv: QuantileSketch,
    /// ROI = NPV / investment, over trials with a positive investment.
    pub roi: QuantileSketch,
    /// Cumulative net cash at each month end 0..=H (none in an aggregate without the band).
    pub net_by_month: Vec<QuantileSketch>,
    /// Each part of the investment (items, training runs, contingency).
    pub upfront_parts: Vec<QuantileSketch>,
    /// Sums of each part, for means.
    pub upfront_part_sums: Vec<Moments>,
    /// Trials whose project succeeded.
    pub succeeded: u64,
    /// Sums for means.
    pub sums: Sums,
}

impl CandidateAggregate {
    /// Empty, with the monthly band when `band`.
    fn new(horizon_months: u32, parts: usize, band: bool) -> Self {
        let bins = bins_per_month(horizon_months);
        let band_months = if band { horizon_months as usize + 1 } else { 0 };
        CandidateAggregate {
            payback: PaybackHistogram::new(horizon_months, bins),
            discounted_payback: PaybackHistogram::new(horizon_months, bins),
            upfront: QuantileSketch::new(SKETCH_ACCURACY),
            npv: QuantileSketch::new(SKETCH_ACCURACY),
            roi: QuantileSketch::new(SKETCH_ACCURACY),
            net_by_month: (0..band_months)
                .map(|_| QuantileSketch::new(BAND_ACCURACY))
                .collect(),
            upfront_parts: (0..parts)
                .map(|_| QuantileSketch::new(SKETCH_ACCURACY))
                .collect(),
            upfront_part_sums: vec![Moments::default(); parts],
            succeeded: 0,
            sums: Sums::default(),
        }
    }

    #[inline]
    fn add(&mut self, o: &Outcome, month_end_net: &[f64], parts: &[f64]) {
        for ((sketch, sum), &part) in self
            .upfront_parts
            .iter_mut()
            .zip(&mut self.upfront_part_sums)
            .zip(parts)
        {
            sketch.add(part);
            sum.add(part);
        }
        for (sketch, &net) in self.net_by_month.iter_mut().zip(month_end_net) {
            sketch.add(net);
        }
        self.payback.add(o.payback);
        self.discounted_payback.add(o.discounted_payback);
        self.upfront.add(o.upfront);
        self.npv.add(o.npv);
        self.succeeded += u64::from(o.succeeded);
        self.sums.npv.add(o.npv);
        self.sums.upfront.add(o.upfront);
        if o.upfront > 0.0 {
            let roi = o.npv / o.upfront;
            self.roi.add(roi);
            self.sums.roi.add(roi);
        }
    }

    fn merge(&mut self, other: &CandidateAggregate) {
        self.payback.merge(&other.payback);
        self.discounted_payback.merge(&other.discounted_payback);
        self.upfront.merge(&other.upfront);
        self.npv.merge(&other.npv);
        self.roi.merge(&other.roi);
        for (a, b) in self.net_by_month.iter_mut().zip(&other.net_by_month) {
            a.merge(b);
        }
        for (a, b) in self.upfront_parts.iter_mut().zip(&other.upfront_parts) {
            a.merge(b);
        }
        for (a, b) in self
            .upfront_part_sums
            .iter_mut()
            .zip(&other.upfront_part_sums)
        {
            a.merge(b);
        }
        self.succeeded += other.succeeded;
        self.sums.add(&other.sums);
    }
}

/// The aggregate of a run (or of one chunk of it).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RunAggregate {
    /// Trials aggregated.
    pub trials: u64,
    /// One aggregate per candidate, in the order of `Scenario::candidates`.
    pub candidates: Vec<CandidateAggregate>,
    /// Trials in which each choice had the best NPV: choice 0 is staying with the baseline (NPV
    /// 0 against itself), choice i + 1 candidate i. Ties go to the earlier choice.
    pub best: Vec<u64>,
}

impl RunAggregate {
    /// An empty aggregate for the candidates of `scenario`.
    pub fn new(scenario: &Scenario) -> Self {
        Self::with_band(scenario, true)
    }

    /// An empty aggregate for the candidates of `scenario` that keeps no monthly band (its
    /// summaries' `cumulative_net` is empty), for runs that show none: a sweep's values.
    pub fn without_band(scenario: &Scenario) -> Self {
        Self::with_band(scenario, false)
    }

    fn with_band(scenario: &Scenario, band: bool) -> Self {
        let candidates: Vec<CandidateAggregate> = scenario
            .candidates()
            .map(|c| {
                let parts = scenario.options[c]
                    .project
                    .as_ref()
                    .map_or(0, |p| p.part_count());
                CandidateAggregate::new(scenario.horizon_months, parts, band)
            })
            .collect();
        RunAggregate {
            trials: 0,
            best: vec![0; candidates.len() + 1],
            candidates,
        }
    }

    /// Adds `trial`: its outcomes, each candidate's cumulative net at every month end and its
    /// investment parts.
    #[inline]
    pub fn add(&mut self, trial: &FinishedTrial) {
        self.trials += 1;
        let (mut best, mut best_npv) = (0, 0.0);
        for (candidate, (agg, o)) in self.candidates.iter_mut().zip(trial.outcomes).enumerate() {
            agg.add(
                o,
                trial.month_end_net(candidate),
                trial.upfront_parts(candidate),
            );
            if o.npv > best_npv {
                (best, best_npv) = (candidate + 1, o.npv);
            }
        }
        self.best[best] += 1;
    }

    /// Whether this aggregate has the shape of `empty` (one of the scenario it claims to be
    /// of): its candidates, their histograms, monthly bands and investment parts.
    pub fn check_shape(&self, empty: &RunAggregate) -> Result<(), String> {
        let fits = self.best.len() == empty.best.len()
            && self.candidates.len() == empty.candidates.len()
            && self.candidates.iter().zip(&empty.candidates).all(|(a, b)| {
                a.payback.same_shape(&b.payback)
                    && a.discounted_payback.same_shape(&b.discounted_payback)
                    && a.net_by_month.len() == b.net_by_month.len()
                    && a.upfront_parts.len() == b.upfront_parts.len()
                    && a.upfront_part_sums.len() == b.upfront_part_sums.len()
            });
        if fits {
            Ok(())
        } else {
            Err("its outcomes are not of this scenario's options and horizon".into())
        }
    }

    /// Visits every float that [`RunAggregate::merge`] adds, in a fixed order.
    pub fn visit_sums(&mut self, each: &mut dyn FnMut(&mut f64)) {
        for c in &mut self.candidates {
            c.sums.npv.visit(each);
            c.sums.upfront.visit(each);
            c.sums.roi.visit(each);
            for part in &mut c.upfront_part_sums {
                part.visit(each);
            }
        }
    }

    /// Adds another aggregate. The engine calls this in chunk order, which makes the
    /// floating-point sums independent of the number of threads.
    pub fn merge(&mut self, other: &RunAggregate) {
        self.trials += other.trials;
        for (agg, o) in self.candidates.iter_mut().zip(&other.candidates) {
            agg.merge(o);
        }
        for (a, b) in self.best.iter_mut().zip(&other.best) {
            *a += b;
        }
    }
}
