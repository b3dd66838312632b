//! One option's cost over one trial as a piecewise-constant timeline from its go-live to the
//! horizon, and its lump-sum events (retrains, migrations). Pieces break at month boundaries
//! (volume and prices step there), where the option's clock steps (drift and ramps count whole
//! months since go-live), and at its deprecations and the ends of their downtimes.

use crate::model::running_cost::{CostState, RunningCost};
use crate::scenario::{Money, Months, OptionSpec, Scenario};

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
    /// Deprecations and ends of downtimes after go-live, ascending.
    extra: Vec<Months>,
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

        self.extra.clear();
        for &t in deprecations {
            self.extra.push(t);
            if downtime > 0.0 && t + downtime < horizon {
                self.extra.push(t + downtime);
            }
        }
        self.extra.sort_unstable_by(f64::total_cmp);

        // The cut points in ascending order, each closing the piece since the previous one:
        // every whole month after go-live, the clock's steps, the deprecations and the ends of
        // their downtimes, then the horizon.
        let rule = PieceRule {
            prices,
            option,
            spec,
            cost: &prices.costs[option],
            live,
            deprecations,
            downtime,
        };
        let mut cuts = Cuts {
            rule: &rule,
            pieces: &mut self.pieces,
            start: live,
            extra: &self.extra,
        };
        cuts.pieces.clear();
        let first = live as u32; // live ≥ 0: the cast is the floor
        let offset = live - f64::from(first);
        let clock_steps = rule.cost.depends_on_clock() && offset > 0.0;
        // Month `first` holds go-live (`first + offset` is exactly `live`): the cuts start with
        // the next month.
        for month in first + 1..scenario.horizon_months {
            let m = f64::from(month);
            cuts.cut(m);
            if clock_steps {
                cuts.cut(m + offset);
            }
        }
        cuts.cut(horizon);

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

/// What prices a piece of one option's timeline in one trial.
struct PieceRule<'a> {
    prices: TrialPrices<'a>,
    option: usize,
    /// The option and its per-trial cost constants.
    spec: &'a OptionSpec,
    cost: &'a RunningCost,
    live: Months,
    /// Deprecations at or after go-live.
    deprecations: &'a [Months],
    downtime: Months,
}

impl PieceRule<'_> {
    /// The piece `[start, end)`, priced at its midpoint.
    #[inline(always)]
    fn piece(&self, start: Months, end: Months) -> Piece {
        let PieceRule {
            prices,
            option,
            spec,
            cost,
            live,
            deprecations,
            downtime,
        } = *self;
        let scenario = prices.scenario;
        let mid = 0.5 * (start + end);
        // mid ≥ 0: the casts are floors. A piece one ulp short of the horizon can have its
        // midpoint round up to it: it still belongs to the last month.
        let month = (mid as u32).min(scenario.horizon_months - 1);
        // The emptiness tests are for speed: most pieces have no deprecation after go-live, and
        // without them the scans below cost 1 % of a trial's instructions (callgrind).
        let in_downtime = !deprecations.is_empty()
            && deprecations.iter().any(|&t| t <= mid && mid < t + downtime);
        if in_downtime {
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
                    months_live: month,
                    drifting: false,
                    successors: 0,
                };
                Piece {
                    start,
                    rate: prices.rate(fallback, month, plain),
                    follows_baseline: false,
                }
            }
        } else {
            let months_live = (mid - live) as u32;
            let volume = prices.volume[month as usize];
            let successors = if deprecations.is_empty() {
                0
            } else {
                deprecations
                    .iter()
                    .filter(|&&t| t + downtime <= mid)
                    .count() as u32
            };
            let rate = if successors == 0 {
                cost.rate_live(spec, prices.draws, month, volume, months_live)
            } else {
                let state = CostState {
                    months_live,
                    drifting: true,
                    successors,
                };
                cost.rate(spec, prices.draws, month, volume, state)
            };
            Piece {
                start,
                rate,
                follows_baseline: false,
            }
        }
    }
}

/// Cuts an option's timeline into pieces at ascending points, with the deprecations and ends
/// of downtimes (`extra`) merged in.
struct Cuts<'a> {
    rule: &'a PieceRule<'a>,
    pieces: &'a mut Vec<Piece>,
    /// Where the current piece starts.
    start: Months,
    /// The extra points not yet cut.
    extra: &'a [Months],
}

impl Cuts<'_> {
    /// Cuts at the extra points up to `at`, then at `at`.
    #[inline(always)]
    fn cut(&mut self, at: Months) {
        while let Some((&e, rest)) = self.extra.split_first().filter(|(e, _)| **e <= at) {
            self.close(e);
            self.extra = rest;
        }
        self.close(at);
    }

    /// Closes the current piece at `end` (a piece of no length is left out).
    #[inline(always)]
    fn close(&mut self, end: Months) {
        if end > self.start {
            self.pieces.push(self.rule.piece(self.start, end));
        }
        self.start = end;
    }
}
