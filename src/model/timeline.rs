//! One option's cost over one trial as a piecewise-constant timeline from its go-live to the
//! horizon, and its lump-sum events (retrains, migrations). Pieces break at month boundaries
//! (volume and prices step there), where the option's clock steps (drift and ramps count whole
//! months since go-live), and at its deprecations and the ends of their downtimes.

use crate::model::running_cost::{CostState, RunningCost};
use crate::scenario::{Money, Months, Scenario};

/// A stretch of constant cost, from `start` to the next piece's start (or the horizon).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Piece {
    /// Where the piece starts.
    pub start: Months,
    /// Cost per month on the piece.
    pub rate: Money,
    /// During a downtime whose fallback is the baseline: the cost is the baseline's.
    pub follows_baseline: bool,
}

/// A lump-sum cost at a point in time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lump {
    /// When it is paid.
    pub at: Months,
    /// How much (a cost of the option).
    pub amount: Money,
}

/// What pricing an option needs from the current trial.
#[derive(Debug, Clone, Copy)]
pub struct TrialPrices<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// The trial's draws.
    pub draws: &'a [f64],
    /// Events in each month.
    pub volume: &'a [f64],
    /// Each option's per-trial cost constants.
    pub costs: &'a [RunningCost],
}

impl TrialPrices<'_> {
    #[inline(always)]
    fn rate(&self, option: usize, month: u32, state: CostState) -> Money {
        let spec = &self.scenario.options[option];
        self.costs[option].rate(spec, self.draws, month, self.volume[month as usize], state)
    }
}

/// An option's cost timeline in one trial; its buffers are reused from trial to trial.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    /// Pieces covering `[go-live, horizon)`, in order.
    pub pieces: Vec<Piece>,
    /// Lumps before the horizon, in order of time.
    pub lumps: Vec<Lump>,
    points: Vec<Months>,
    extra: Vec<Months>,
    merged: Vec<Months>,
}

impl Timeline {
    /// Builds the timeline of `option`, live from `live`, whose deprecations happen at
    /// `deprecations` (ascending; those before `live` are ignored: before go-live a candidate
    /// is the baseline).
    pub fn build(
        &mut self,
        prices: TrialPrices,
        option: usize,
        live: Months,
        deprecations: &[Months],
    ) {
        let scenario = prices.scenario;
        let spec = &scenario.options[option];
        let draws = prices.draws;
        let horizon = f64::from(scenario.horizon_months);
        let deprecations = &deprecations[deprecations.partition_point(|&t| t < live)..];
        let downtime = spec
            .deprecation
            .as_ref()
            .map_or(0.0, |d| d.downtime_months.get(draws));
        let retrain_every = spec.retrain.as_ref().map_or(0, |r| r.every_months);

        self.points.clear();
        self.points.push(live);
        let first = live as u32; // live ≥ 0: the cast is the floor
        let offset = live - f64::from(first);
        let clock_steps = prices.costs[option].depends_on_clock() && offset > 0.0;
        for month in first..scenario.horizon_months {
            let m = f64::from(month);
            if m > live {
                self.points.push(m);
            }
            if clock_steps && m + offset > live {
                self.points.push(m + offset);
            }
        }
        self.extra.clear();
        for &t in deprecations {
            self.extra.push(t);
            if downtime > 0.0 && t + downtime < horizon {
                self.extra.push(t + downtime);
            }
        }
        if !self.extra.is_empty() {
            self.extra.sort_unstable_by(f64::total_cmp);
            merge_sorted(&self.points, &self.extra, &mut self.merged);
            std::mem::swap(&mut self.points, &mut self.merged);
        }

        self.pieces.clear();
        for (i, &start) in self.points.iter().enumerate() {
            let end = self.points.get(i + 1).copied().unwrap_or(horizon);
            if end <= start {
                continue;
            }
            let mid = 0.5 * (start + end);
            // mid ≥ 0: the casts are floors. A piece one ulp short of the horizon can have its
            // midpoint round up to it: it still belongs to the last month.
            let month = (mid as u32).min(scenario.horizon_months - 1);
            let in_downtime = !deprecations.is_empty()
                && deprecations.iter().any(|&t| t <= mid && mid < t + downtime);
            let piece = if in_downtime {
                let fallback = spec
                    .deprecation
                    .as_ref()
                    .and_then(|d| d.fallback)
                    .unwrap_or(scenario.baseline);
                if fallback == scenario.baseline && option != scenario.baseline {
                    Piece {
                        start,
                        rate: 0.0,
                        follows_baseline: true,
                    }
                } else {
                    // The fallback at its plain cost: live since the decision, its own drift and
                    // deprecations not applied.
                    let plain = CostState {
                        drift_months: 0,
                        ramp_months: month,
                        successors: 0,
                    };
                    Piece {
                        start,
                        rate: prices.rate(fallback, month, plain),
                        follows_baseline: false,
                    }
                }
            } else {
                let since_live = (mid - live) as u32;
                let drift_months = if retrain_every > 0 {
                    since_live % retrain_every
                } else {
                    since_live
                };
                let successors = if deprecations.is_empty() {
                    0
                } else {
                    deprecations
                        .iter()
                        .filter(|&&t| t + downtime <= mid)
                        .count() as u32
                };
                let state = CostState {
                    drift_months,
                    ramp_months: since_live,
                    successors,
                };
                Piece {
                    start,
                    rate: prices.rate(option, month, state),
                    follows_baseline: false,
                }
            };
            self.pieces.push(piece);
        }

        self.lumps.clear();
        if let Some(d) = &spec.deprecation {
            let amount = d.migration_cost.get(draws);
            self.lumps
                .extend(deprecations.iter().map(|&at| Lump { at, amount }));
        }
        if let Some(r) = &spec.retrain {
            let amount = r.cost.get(draws);
            let every = f64::from(r.every_months);
            let mut at = live + every;
            while at < horizon {
                self.lumps.push(Lump { at, amount });
                at += every;
            }
        }
        self.lumps.sort_unstable_by(|a, b| a.at.total_cmp(&b.at));
    }
}

/// Merges the ascending `a` and `b` into `out`, dropping exact duplicates.
fn merge_sorted(a: &[Months], b: &[Months], out: &mut Vec<Months>) {
    out.clear();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let next = if j >= b.len() || (i < a.len() && a[i] <= b[j]) {
            i += 1;
            a[i - 1]
        } else {
            j += 1;
            b[j - 1]
        };
        if out.last() != Some(&next) {
            out.push(next);
        }
    }
}
