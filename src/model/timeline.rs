//! One option's cost over one trial as a piecewise-constant timeline from its go-live to the
//! horizon, and its lump-sum events (retrains, migrations). Pieces break at month boundaries
//! (volume and prices step there), where the option's clock steps (drift and ramps count whole
//! months since go-live), and at its deprecations and the ends of their downtimes. The pieces
//! are cut and priced a month at a time, as the cash walk needs them ([`PieceRule`]), and never
//! stored for the whole horizon.

use crate::model::running_cost::{CostState, RunningCost};
use crate::scenario::{Money, Months, OptionSpec, Scenario};
use std::ops::Range;

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
    /// Its discount factor, `(1 + r)^(−at/12)`.
    pub discount: f64,
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

/// An option's go-live, deprecations, lumps and cut points in one trial; its buffers are reused
/// from trial to trial.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    option: usize,
    live: Months,
    /// The downtime after each deprecation.
    downtime: Months,
    /// Deprecations at or after go-live, ascending.
    deprecations: Vec<Months>,
    /// Lumps before the horizon, in order of time.
    pub lumps: Vec<Lump>,
    /// Deprecations and ends of downtimes after go-live, ascending.
    extra: Vec<Months>,
}

impl Timeline {
    /// Gathers the lumps and cut points of `option`, live from `live`, whose deprecations happen
    /// at `deprecations` (ascending; those before `live` are ignored: before go-live a candidate
    /// is the baseline). A lump at `t` is discounted by `exp(−t · lump_rate)`.
    pub fn prepare(
        &mut self,
        prices: TrialPrices,
        option: usize,
        live: Months,
        deprecations: &[Months],
        lump_rate: f64,
    ) {
        let spec = &prices.scenario.options[option];
        let draws = prices.draws;
        let horizon = f64::from(prices.scenario.horizon_months);
        self.option = option;
        self.live = live;
        self.downtime = spec
            .deprecation
            .as_ref()
            .map_or(0.0, |d| d.downtime_months.get(draws));
        self.deprecations.clear();
        self.deprecations
            .extend_from_slice(&deprecations[deprecations.partition_point(|&t| t < live)..]);

        self.extra.clear();
        for &t in &self.deprecations {
            self.extra.push(t);
            if self.downtime > 0.0 && t + self.downtime < horizon {
                self.extra.push(t + self.downtime);
            }
        }
        self.extra.sort_unstable_by(f64::total_cmp);

        self.lumps.clear();
        if let Some(d) = &spec.deprecation {
            let amount = d.migration_cost.get(draws);
            self.lumps.extend(self.deprecations.iter().map(|&at| Lump {
                at,
                amount,
                discount: (-at * lump_rate).exp(),
            }));
        }
        if let Some(r) = &spec.retrain {
            let amount = r.cost.get(draws);
            let every = f64::from(r.every_months);
            let mut at = live + every;
            // The retrains' factors by repeated multiplication: two exponentials a trial
            // rather than one a retrain.
            let step = (-every * lump_rate).exp();
            let mut discount = (-at * lump_rate).exp();
            while at < horizon {
                self.lumps.push(Lump {
                    at,
                    amount,
                    discount,
                });
                at += every;
                discount *= step;
            }
        }
        self.lumps.sort_unstable_by(|a, b| a.at.total_cmp(&b.at));
    }

    /// What cuts and prices the pieces of the timeline last prepared, in the same trial.
    pub fn rule<'a>(&'a self, prices: TrialPrices<'a>) -> PieceRule<'a> {
        let spec = &prices.scenario.options[self.option];
        let cost = &prices.costs[self.option];
        let first = self.live as u32; // live ≥ 0: the cast is the floor
        let offset = self.live - f64::from(first);
        PieceRule {
            prices,
            option: self.option,
            spec,
            cost,
            live: self.live,
            first,
            offset,
            clock_steps: cost.depends_on_clock() && offset > 0.0,
            exact_clock: (EXACT_CLOCK_MARGIN..=1.0 - EXACT_CLOCK_MARGIN).contains(&offset),
            deprecations: &self.deprecations,
            downtime: self.downtime,
            extra: &self.extra,
        }
    }
}

/// How far from a month's boundaries go-live must fall for [`PieceRule::month_clock`] to know
/// the clock of the month's pieces without rounding.
const EXACT_CLOCK_MARGIN: f64 = 1.0 / (1u64 << 30) as f64;

/// The clock of a month after go-live's, as [`PieceRule::month_clock`] knows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MonthClock {
    /// One piece, the whole month, `months_live` whole months after go-live (or priced the same
    /// at any clock, when the cost does not depend on it).
    Whole { months_live: u32 },
    /// Two pieces: `[month, step)` `before` whole months after go-live, `[step, month + 1)`
    /// one more.
    Split { step: Months, before: u32 },
    /// Not known without the midpoints: price the pieces with [`PieceRule::piece`].
    Unknown,
}

/// What cuts and prices the pieces of one option's timeline in one trial.
#[derive(Debug, Clone, Copy)]
pub struct PieceRule<'a> {
    prices: TrialPrices<'a>,
    option: usize,
    /// The option and its per-trial cost constants.
    spec: &'a OptionSpec,
    cost: &'a RunningCost,
    live: Months,
    /// The month holding go-live, and go-live's offset in it.
    first: u32,
    offset: Months,
    /// Whether the pieces break where the clock steps, `offset` after each month's start.
    clock_steps: bool,
    /// Whether `offset` is far enough from 0 and 1 (2⁻³⁰) that the midpoints of a month's two
    /// pieces fall in the month and in the clock's whole months that integer arithmetic gives:
    /// months are below 2¹⁰ (the horizon is at most 600), so each rounding is below 2⁻⁴².
    exact_clock: bool,
    /// Deprecations at or after go-live.
    deprecations: &'a [Months],
    downtime: Months,
    /// Deprecations and ends of downtimes after go-live, ascending.
    extra: &'a [Months],
}

impl PieceRule<'_> {
    /// The first month from `from` on with a deprecation or the end of a downtime strictly
    /// inside it, `u32::MAX` when there is none.
    #[inline]
    pub fn next_cut_month(&self, from: u32) -> u32 {
        let start = f64::from(from);
        // The points ascend, and one on a month boundary is inside no month. e > 0: the casts
        // are floors.
        self.extra
            .iter()
            .find(|&&e| start < e && e != f64::from(e as u32))
            .map_or(u32::MAX, |&e| e as u32)
    }

    /// The pieces of month `month` (after go-live's month, no deprecation or end of downtime
    /// inside it) and their clock, when it follows from the month alone: then each piece of
    /// the month is in calendar month `month`, and [`PieceRule::piece_at`] prices it exactly as
    /// [`PieceRule::piece`] would.
    #[inline]
    pub fn month_clock(&self, month: u32) -> MonthClock {
        let since_first = month - self.first;
        if !self.clock_steps {
            // Go-live at a whole month, or a cost that is the same at every clock (no ramp, no
            // drift of a cost of errors): `since_first` prices the month as its midpoint would.
            MonthClock::Whole {
                months_live: since_first,
            }
        } else if self.exact_clock {
            MonthClock::Split {
                step: f64::from(month) + self.offset,
                before: since_first - 1,
            }
        } else {
            MonthClock::Unknown
        }
    }

    /// The rates of the pieces [`PieceRule::piece_at`] gives the whole months `months` (after
    /// go-live's month, with no deprecation or end of downtime inside), the first
    /// `live_at_start` whole months after go-live and each next one a month more, written into
    /// `out` by [`RunningCost::plain_rates`]: `false` where a downtime overlaps the months, or
    /// that formula does not apply.
    pub fn plain_rates(
        &self,
        months: Range<u32>,
        live_at_start: u32,
        out: &mut Vec<Money>,
    ) -> bool {
        // Every piece's midpoint is inside the months, more than 2⁻³¹ from their ends (a piece
        // is a whole month, or ends where the clock steps, at least 2⁻³⁰ inside a month). When
        // each deprecation's downtime is over by the start or begins at or after the end, no
        // piece is in a downtime and every one is on the model after the deprecations over by
        // the start, as `priced` finds them.
        let (start, end) = (f64::from(months.start), f64::from(months.end));
        let downtime = self.downtime;
        if !self
            .deprecations
            .iter()
            .all(|&t| t + downtime <= start || t >= end)
        {
            return false;
        }
        let successors = self
            .deprecations
            .iter()
            .filter(|&&t| t + downtime <= start)
            .count() as u32;
        self.cost
            .plain_rates(months, live_at_start, successors, self.prices.volume, out)
    }

    /// Where the clock steps inside month `month` (after go-live's month), if it does: the
    /// month then has two pieces, `[month, step)` and `[step, month + 1)`.
    #[inline]
    pub fn clock_step(&self, month: u32) -> Option<Months> {
        let start = f64::from(month);
        let step = start + self.offset;
        (self.clock_steps && start < step && step < f64::from(month + 1)).then_some(step)
    }

    /// Writes the pieces of month `month` into `pieces`, from go-live in go-live's month: the
    /// general case, with deprecations and ends of downtimes among the cuts.
    pub fn month_pieces(&self, month: u32, pieces: &mut Vec<Piece>) {
        pieces.clear();
        let start = if month == self.first {
            self.live
        } else {
            f64::from(month)
        };
        let mut cuts = Cuts {
            rule: self,
            pieces,
            start,
            extra: &self.extra[self.extra.partition_point(|&e| e <= start)..],
        };
        if self.clock_steps && month > self.first {
            cuts.cut(f64::from(month) + self.offset);
        }
        cuts.cut(f64::from(month + 1));
    }

    /// The piece `[start, end)`, priced at its midpoint.
    #[inline(always)]
    pub fn piece(&self, start: Months, end: Months) -> Piece {
        let mid = 0.5 * (start + end);
        // mid ≥ 0: the casts are floors. A piece one ulp short of the horizon can have its
        // midpoint round up to it: it still belongs to the last month.
        let month = (mid as u32).min(self.prices.scenario.horizon_months - 1);
        self.priced(start, mid, month, (mid - self.live) as u32)
    }

    /// The piece `[start, end)` of calendar month `month`, `months_live` whole months after
    /// go-live (what [`PieceRule::piece`] finds from the midpoint).
    #[inline(always)]
    pub fn piece_at(&self, start: Months, end: Months, month: u32, months_live: u32) -> Piece {
        self.priced(start, 0.5 * (start + end), month, months_live)
    }

    /// The piece from `start` whose midpoint is `mid`, in calendar month `month`, `months_live`
    /// whole months after go-live.
    #[inline(always)]
    fn priced(&self, start: Months, mid: Months, month: u32, months_live: u32) -> Piece {
        let PieceRule {
            prices,
            option,
            spec,
            cost,
            deprecations,
            downtime,
            ..
        } = *self;
        let scenario = prices.scenario;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Document;
    use std::path::Path;

    /// Both options drift, ramp a benefit and reset with retrains, so a piece's price changes
    /// with its clock; the horizon is the longest allowed, where rounding is coarsest.
    const SCENARIO: &str = r#"
        [scenario]
        name = "clock"
        horizon_months = 600
        [workload]
        events_per_month = 100000
        growth_per_month = 0.001
        [options.api]
        baseline = true
        cost_per_event = 0.3
        errors.misroute = { rate = 0.05, cost = 8 }
        drift_per_month = 0.01
        benefits.speed = { monthly = 500, ramp_months = 7 }
        [options.tuned]
        cost_per_event = 0.1
        errors.misroute = { rate = 0.02, cost = 8 }
        drift_per_month = 0.03
        retrain = { every_months = 6, cost = 1000 }
        benefits.speed = { monthly = 900, ramp_months = 5 }
        [options.tuned.project]
        build_months = 1
        items.build = { cost = 10000 }
    "#;

    /// A scenario with every input at its mean, priced as a trial prices it.
    struct AtMeans {
        scenario: Scenario,
        draws: Vec<f64>,
        volume: Vec<f64>,
        costs: Vec<RunningCost>,
    }

    impl AtMeans {
        fn of(text: &str) -> Self {
            let scenario = Document::parse(text, Path::new("clock.toml"))
                .unwrap()
                .into_base();
            let horizon = scenario.horizon_months;
            let mut draws = vec![0.0; scenario.inputs.len()];
            scenario.inputs.means_into(&mut draws);
            let (start, growth) = (
                scenario.workload.volume.get(&draws),
                scenario.workload.growth.get(&draws),
            );
            let volume = (0..horizon)
                .map(|m| start * (1.0 + growth).powi(m as i32))
                .collect();
            let mut costs = vec![RunningCost::default(); scenario.options.len()];
            for (cost, option) in costs.iter_mut().zip(&scenario.options) {
                cost.prepare(option, &draws, 720.0, horizon);
            }
            AtMeans {
                scenario,
                draws,
                volume,
                costs,
            }
        }

        fn prices(&self) -> TrialPrices<'_> {
            TrialPrices {
                scenario: &self.scenario,
                draws: &self.draws,
                volume: &self.volume,
                costs: &self.costs,
            }
        }
    }

    /// The shortcut of [`PieceRule::month_clock`] prices every piece exactly as its midpoint
    /// does, at go-live offsets on the margin, inside it and near the horizon; offsets closer
    /// to a month boundary than the margin get no shortcut.
    #[test]
    fn month_clock_prices_each_piece_as_its_midpoint_does() {
        let at_means = AtMeans::of(SCENARIO);
        let (scenario, prices) = (&at_means.scenario, at_means.prices());
        let horizon = scenario.horizon_months;
        let candidate = scenario.candidates().next().unwrap();
        let mut base = Timeline::default();
        base.prepare(prices, scenario.baseline, 0.0, &[], 0.0);
        let base_rule = base.rule(prices);
        let margin = EXACT_CLOCK_MARGIN;
        for first in [0, 1, 17, 598] {
            for offset in [0.0, margin, 0.25, 0.5, 0.75, 1.0 - margin] {
                let live = f64::from(first) + offset;
                let mut timeline = Timeline::default();
                timeline.prepare(prices, candidate, live, &[], 0.0);
                let rule = timeline.rule(prices);
                for month in first + 1..horizon {
                    let (start, end) = (f64::from(month), f64::from(month + 1));
                    assert_eq!(
                        base_rule.piece_at(start, end, month, month),
                        base_rule.piece(start, end)
                    );
                    match rule.month_clock(month) {
                        MonthClock::Split { step, before } => {
                            assert_eq!(rule.clock_step(month), Some(step));
                            assert_eq!(
                                rule.piece_at(start, step, month, before),
                                rule.piece(start, step)
                            );
                            assert_eq!(
                                rule.piece_at(step, end, month, before + 1),
                                rule.piece(step, end)
                            );
                            assert_eq!((0.5 * (step + end)) as u32, month);
                        }
                        MonthClock::Whole { months_live } => {
                            assert_eq!(offset, 0.0);
                            assert_eq!(
                                rule.piece_at(start, end, month, months_live),
                                rule.piece(start, end)
                            );
                        }
                        MonthClock::Unknown => panic!("no shortcut at offset {offset}"),
                    }
                }
            }
        }
        for offset in [margin / 2.0, 1.0 - margin / 2.0] {
            let mut timeline = Timeline::default();
            timeline.prepare(prices, candidate, 3.0 + offset, &[], 0.0);
            let rule = timeline.rule(prices);
            assert_eq!(rule.month_clock(4), MonthClock::Unknown);
        }
        // A candidate whose cost is the same at every clock (no drift, a benefit without a
        // ramp) has whole months at any go-live, each priced as its midpoint prices it.
        let flat = SCENARIO
            .replacen("drift_per_month = 0.03\n", "", 1)
            .replacen("ramp_months = 5", "ramp_months = 0", 1);
        assert_ne!(flat, SCENARIO);
        let at_means = AtMeans::of(&flat);
        let prices = at_means.prices();
        for live in [0.5, 3.0 + margin / 2.0, 17.25, 598.9] {
            let mut timeline = Timeline::default();
            timeline.prepare(prices, candidate, live, &[], 0.0);
            let rule = timeline.rule(prices);
            for month in live as u32 + 1..horizon {
                let (start, end) = (f64::from(month), f64::from(month + 1));
                let MonthClock::Whole { months_live } = rule.month_clock(month) else {
                    panic!("no whole month {month} from go-live {live}");
                };
                assert_eq!(
                    rule.piece_at(start, end, month, months_live),
                    rule.piece(start, end),
                    "go-live {live}, month {month}"
                );
            }
        }
    }

    /// Fixed serving, drift reset by retrains, a price trend and a ramped benefit: every rate
    /// of the pieces has the straight formula of [`RunningCost::plain_rates`].
    const PLAIN: &str = r#"
        [scenario]
        name = "plain"
        horizon_months = 120
        [workload]
        events_per_month = 50000
        growth_per_month = 0.004
        [options.api]
        baseline = true
        cost_per_event = 0.3
        price_change_per_year = -0.2
        errors.misroute = { rate = 0.05, cost = 8 }
        drift_per_month = 0.01
        deprecation = { hazard_per_year = 0.5, migration_cost = 1000, downtime_months = 2, fallback = "tuned", cost_factor = 0.8, error_factor = 1.2 }
        [options.tuned]
        cost_per_event = 0.1
        errors.misroute = { rate = 0.02, cost = 8 }
        drift_per_month = 0.03
        retrain = { every_months = 6, cost = 1000 }
        serving = { hourly = 1.2, instances = 2 }
        benefits.speed = { monthly = 800, ramp_months = 4 }
        [options.tuned.project]
        build_months = 1
        items.build = { cost = 10000 }
    "#;

    /// Plain rates are the rates of the pieces, bit for bit: the baseline's whole months, on its
    /// first model and on a successor, and a candidate's whole or split months from go-live at
    /// a whole month or inside one, its benefit ramping up. A downtime or drift up to the error
    /// cap give none.
    #[test]
    fn plain_rates_are_the_rates_of_the_pieces() {
        let at_means = AtMeans::of(PLAIN);
        let (scenario, prices) = (&at_means.scenario, at_means.prices());
        let horizon = scenario.horizon_months;
        let (mut rates, mut after) = (Vec::new(), Vec::new());
        let mut base = Timeline::default();
        base.prepare(prices, scenario.baseline, 0.0, &[], 0.0);
        let base_rule = base.rule(prices);
        assert!(base_rule.plain_rates(1..horizon, 1, &mut rates));
        for (month, &rate) in (1..horizon).zip(&rates) {
            let (start, end) = (f64::from(month), f64::from(month + 1));
            assert_eq!(rate, base_rule.piece_at(start, end, month, month).rate);
        }
        let candidate = scenario.candidates().next().unwrap();
        for live in [1.0, 2.25, 7.5] {
            let mut timeline = Timeline::default();
            timeline.prepare(prices, candidate, live, &[], 0.0);
            let rule = timeline.rule(prices);
            let months = live as u32 + 1..horizon;
            match rule.month_clock(months.start) {
                MonthClock::Whole { months_live } => {
                    assert!(rule.plain_rates(months.clone(), months_live, &mut rates));
                    for (i, month) in months.enumerate() {
                        let (start, end) = (f64::from(month), f64::from(month + 1));
                        let piece = rule.piece_at(start, end, month, months_live + i as u32);
                        assert_eq!(rates[i], piece.rate, "go-live {live}, month {month}");
                    }
                }
                MonthClock::Split { before, .. } => {
                    assert!(rule.plain_rates(months.clone(), before, &mut rates));
                    assert!(rule.plain_rates(months.clone(), before + 1, &mut after));
                    for (i, month) in months.enumerate() {
                        let MonthClock::Split { step, before } = rule.month_clock(month) else {
                            panic!("the clock of month {month} changed");
                        };
                        let (start, end) = (f64::from(month), f64::from(month + 1));
                        let first = rule.piece_at(start, step, month, before);
                        let second = rule.piece_at(step, end, month, before + 1);
                        assert_eq!(rates[i], first.rate, "go-live {live}, month {month}");
                        assert_eq!(after[i], second.rate, "go-live {live}, month {month}");
                    }
                }
                MonthClock::Unknown => panic!("no clock from go-live {live}"),
            }
        }
        // A deprecation at 30.5 with 2 months of downtime: the first model before it, none
        // during the downtime, the successor (cost × 0.8, error rates × 1.2) from 33 on.
        let mut deprecated = Timeline::default();
        deprecated.prepare(prices, scenario.baseline, 0.0, &[30.5], 0.0);
        let rule = deprecated.rule(prices);
        assert!(rule.plain_rates(1..30, 1, &mut rates));
        assert!(!rule.plain_rates(1..31, 1, &mut rates));
        assert!(!rule.plain_rates(32..33, 32, &mut rates));
        assert!(rule.plain_rates(33..horizon, 33, &mut rates));
        for (month, &rate) in (33..horizon).zip(&rates) {
            let (start, end) = (f64::from(month), f64::from(month + 1));
            let piece = rule.piece_at(start, end, month, month);
            assert_eq!(rate, piece.rate, "month {month}");
            assert_ne!(rate, base_rule.piece_at(start, end, month, month).rate);
        }
        // 0.05 · 1.03^m passes 1 after month 101.
        let capped = AtMeans::of(&PLAIN.replacen("0.01", "0.03", 1));
        let prices = capped.prices();
        base.prepare(prices, capped.scenario.baseline, 0.0, &[], 0.0);
        assert!(base.rule(prices).plain_rates(1..101, 1, &mut rates));
        assert!(!base.rule(prices).plain_rates(1..horizon, 1, &mut rates));
    }
}
