//! The running cost of one option in one trial: `C_o(m) = V(m) · unit_o(m) + fixed_o(m)` minus
//! its benefits (docs/model.md, "One trial"), in a given [`CostState`] (drift, successor models, ramp).
//! The per-trial constant parts are gathered once per trial by [`RunningCost::prepare`], with
//! the direct cost of every calendar month and the drift of every month of the clock;
//! [`RunningCost::rate`] then prices any month and state cheaply, and
//! [`RunningCost::rate_live`] the common state (the first model, drifting) with a few table
//! reads.

use crate::scenario::{DirectCost, ErrorRate, Instances, Labels, Money, OptionSpec};
use std::ops::Range;

/// What an option's cost depends on besides the calendar month.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CostState {
    /// Whole months since go-live: the ramp clock of benefits, and the clock of drift (which
    /// retrains reset).
    pub months_live: u32,
    /// Whether the error rates drift (not for a fallback model during a downtime).
    pub drifting: bool,
    /// Deprecations completed (downtime over): successor models in use.
    pub successors: u32,
}

/// Per-trial constants of one option's running cost, with the tables it needs by calendar
/// month and by months since go-live, refilled in place.
#[derive(Debug, Clone, Default)]
pub struct RunningCost {
    /// Direct (inference) cost per event in each calendar month, its price trend
    /// `(1 + p)^(m/12)` applied.
    direct: Vec<Money>,
    /// Drift multiplier `(1 + d)^k` for each whole month since go-live, k the months since go-live
    /// or the last retrain (all 1 without drift).
    drift: Vec<f64>,
    /// The benefits of each whole month since go-live (empty without benefits).
    benefit: Vec<Money>,
    /// Whether the error rates drift.
    drifts: bool,
    /// Cost of errors per event without drift or successors: `Σ rate · cost`.
    errors: Money,
    /// The largest error rate (to know when a multiplied rate reaches the cap of 1).
    max_rate: f64,
    /// Factor on the direct cost of each successor model.
    cost_factor: f64,
    /// Factor on the error rates of each successor model.
    error_factor: f64,
    /// Review, labour and premium cost per event.
    handling: Money,
    /// Review cost per event.
    review: Money,
    /// Labour cost per event.
    labour: Money,
    /// Fixed monthly items.
    fixed: Money,
    /// Fixed monthly items and serving, when the instance count is fixed.
    fixed_and_serving: Money,
    /// Cost of one serving instance for a month.
    instance_month: Money,
    /// Fixed instance count, or the minimum when serving scales with volume.
    instances: f64,
    /// Events per month one instance serves; 0 for a fixed count.
    capacity: f64,
    /// Whether any benefit ramps up (its value depends on months since go-live).
    ramped: bool,
}

impl RunningCost {
    /// Gathers the option's per-trial constants from the trial's draws, for a horizon of
    /// `horizon` months; allocates only the first time.
    pub fn prepare(
        &mut self,
        option: &OptionSpec,
        draws: &[f64],
        hours_per_month: f64,
        horizon: u32,
    ) {
        let direct = match &option.direct {
            DirectCost::None => 0.0,
            DirectCost::PerEvent(p) => p.get(draws),
            DirectCost::Tokens {
                tokens_in,
                tokens_out,
                price_in,
                price_out,
            } => {
                (tokens_in.get(draws) * price_in.get(draws)
                    + tokens_out.get(draws) * price_out.get(draws))
                    / 1e6
            }
        };
        self.direct.resize(horizon as usize, direct);
        match option.price_change_per_year {
            Some(p) => {
                let step = (1.0 + p.get(draws)).powf(1.0 / 12.0);
                let mut trend = 1.0;
                for cost in &mut self.direct {
                    *cost = direct * trend;
                    trend *= step;
                }
            }
            None => self.direct.fill(direct),
        }
        let drift = option.drift_per_month.map_or(0.0, |d| d.get(draws));
        self.drifts = drift > 0.0;
        self.drift.resize(horizon as usize + 1, 1.0);
        if self.drifts {
            let reset = option.retrain.as_ref().map_or(0, |r| r.every_months);
            fill_drift(&mut self.drift, 1.0 + drift, reset);
        } else {
            self.drift.fill(1.0);
        }
        let errors = option
            .errors
            .iter()
            .map(|b| b.rate.get(draws) * b.cost.get(draws))
            .sum();
        let max_rate = option
            .errors
            .iter()
            .map(|b| b.rate.get(draws))
            .fold(0.0, f64::max);
        let (cost_factor, error_factor) = option.deprecation.as_ref().map_or((1.0, 1.0), |d| {
            (d.cost_factor.get(draws), d.error_factor.get(draws))
        });
        let review = option
            .review
            .as_ref()
            .map_or(0.0, |r| r.rate.get(draws) * r.cost.get(draws));
        let labour = option
            .labour
            .as_ref()
            .map_or(0.0, |l| l.hours(draws) * l.hourly.get(draws));
        let fixed = option.monthly.iter().map(|(_, p)| p.get(draws)).sum();
        let (instance_month, instances, capacity) = match &option.serving {
            None => (0.0, 0.0, 0.0),
            Some(s) => {
                let month = s.hourly.get(draws) * hours_per_month;
                match &s.instances {
                    Instances::Fixed(n) => (month, n.get(draws), 0.0),
                    Instances::Capacity {
                        capacity_per_instance,
                        min_instances,
                    } => (
                        month,
                        min_instances.get(draws),
                        capacity_per_instance.get(draws),
                    ),
                    Instances::Throughput {
                        tokens_per_second,
                        utilization,
                        min_instances,
                        tokens_per_event,
                    } => {
                        // Events a month one instance serves at its busy share of the time.
                        let tokens = tokens_per_second.get(draws)
                            * hours_per_month
                            * 3600.0
                            * utilization.get(draws);
                        (
                            month,
                            min_instances.get(draws),
                            tokens / tokens_per_event.get(draws),
                        )
                    }
                }
            }
        };
        self.errors = errors;
        self.max_rate = max_rate;
        self.cost_factor = cost_factor;
        self.error_factor = error_factor;
        self.handling = review + labour + option.premium_per_event;
        self.review = review;
        self.labour = labour;
        self.fixed = fixed;
        self.instance_month = instance_month;
        self.instances = instances;
        self.capacity = capacity;
        self.fixed_and_serving = fixed + self.serving(0.0);
        self.ramped = option
            .benefits
            .iter()
            .any(|b| b.ramp_months.get(draws) > 0.0);
        self.benefit.clear();
        if !option.benefits.is_empty() {
            // Once every ramp is complete the benefits stay what they are then.
            let ramping = (0..=horizon).take_while(|&clock| !ramps_done(option, draws, clock));
            self.benefit
                .extend(ramping.map(|clock| benefits(option, draws, clock)));
            let done = self.benefit.len() as u32;
            if done <= horizon {
                let full = benefits(option, draws, done);
                self.benefit.resize(horizon as usize + 1, full);
            }
        }
    }

    /// Whether the cost changes with the months elapsed since go-live (a ramped benefit, or
    /// drift), so a month with a fractional go-live must be split where that clock steps.
    pub fn depends_on_clock(&self) -> bool {
        self.ramped || (self.drifts && self.errors > 0.0)
    }

    /// Cost per month during calendar month `month` with `volume` events, in `state`.
    #[inline(always)]
    pub fn rate(
        &self,
        option: &OptionSpec,
        draws: &[f64],
        month: u32,
        volume: f64,
        state: CostState,
    ) -> Money {
        let rate = volume * self.per_event(option, draws, month, state) + self.fixed(volume);
        self.less_benefits(rate, state.months_live)
    }

    /// [`RunningCost::rate`] in the common state: `months_live` whole months after go-live,
    /// drifting, on the first model (no successor).
    #[inline(always)]
    pub fn rate_live(
        &self,
        option: &OptionSpec,
        draws: &[f64],
        month: u32,
        volume: f64,
        months_live: u32,
    ) -> Money {
        let multiplier = self.drift[months_live as usize];
        let per_event =
            self.direct[month as usize] + self.errors(option, draws, multiplier) + self.handling;
        let rate = volume * per_event + self.fixed(volume);
        self.less_benefits(rate, months_live)
    }

    /// The rates [`RunningCost::rate`] gives the calendar months `months` (each a whole month
    /// of `volume[m]` events), drifting on the model after `successors` deprecations, the first
    /// month `live_at_start` whole months after go-live and each next one a month more, written
    /// into `out`: one straight-line pass the compiler can vectorise. `false` (and `out` left
    /// unspecified) where a month takes more than that formula: serving that scales with
    /// volume, or an error rate at the cap of 1.
    pub fn plain_rates(
        &self,
        months: Range<u32>,
        live_at_start: u32,
        successors: u32,
        volume: &[f64],
        out: &mut Vec<Money>,
    ) -> bool {
        if self.capacity > 0.0 {
            return false;
        }
        let (first, count) = (months.start as usize, months.len());
        let live = live_at_start as usize;
        let months = self.direct[first..first + count]
            .iter()
            .zip(&self.drift[live..live + count])
            .zip(&volume[first..first + count]);
        out.clear();
        // Without benefits the pass subtracts a constant 0, which the compiler drops.
        let capped = if !self.benefit.is_empty() {
            let benefits = self.benefit[live..live + count].iter().copied();
            self.fill_rates(months.zip(benefits), successors, out)
        } else {
            self.fill_rates(months.zip(std::iter::repeat(0.0)), successors, out)
        };
        !capped
    }

    /// [`RunningCost::plain_rates`]'s pass over (direct cost, drift, volume, benefit) of each
    /// month; whether a month's error rate passed the cap.
    #[inline(always)]
    fn fill_rates<'m>(
        &self,
        months: impl Iterator<Item = (((&'m Money, &'m f64), &'m f64), Money)>,
        successors: u32,
        out: &mut Vec<Money>,
    ) -> bool {
        let mut capped = false;
        out.extend(months.map(|(((&direct, &multiplier), &volume), benefit)| {
            // The successors' factors one multiplication at a time, as per_event applies them;
            // then the sums of per_event and rate, in their order.
            let (mut direct, mut multiplier) = (direct, multiplier);
            for _ in 0..successors {
                direct *= self.cost_factor;
                multiplier *= self.error_factor;
            }
            capped |= multiplier * self.max_rate > 1.0;
            let per_event = direct + multiplier * self.errors + self.handling;
            volume * per_event + self.fixed_and_serving - benefit
        }));
        capped
    }

    /// Cost per event in calendar month `month` and `state`: direct cost (with its price trend
    /// and successors' cost factor), errors (with drift and successors' error factor, each rate
    /// capped at 1), review and labour.
    #[inline(always)]
    pub fn per_event(
        &self,
        option: &OptionSpec,
        draws: &[f64],
        month: u32,
        state: CostState,
    ) -> Money {
        let mut direct = self.direct[month as usize];
        let mut multiplier = if state.drifting {
            self.drift[state.months_live as usize]
        } else {
            1.0
        };
        // Successor models: a loop rather than powi, which the optimiser would call even for
        // zero successors.
        for _ in 0..state.successors {
            direct *= self.cost_factor;
            multiplier *= self.error_factor;
        }
        direct + self.errors(option, draws, multiplier) + self.handling
    }

    /// Cost of errors per event with every rate multiplied by `multiplier` and capped at 1.
    #[inline(always)]
    fn errors(&self, option: &OptionSpec, draws: &[f64], multiplier: f64) -> Money {
        if multiplier * self.max_rate <= 1.0 {
            multiplier * self.errors
        } else {
            option
                .errors
                .iter()
                .map(|b| (b.rate.get(draws) * multiplier).min(1.0) * b.cost.get(draws))
                .sum()
        }
    }

    /// `rate` less the option's benefits `months_live` whole months after go-live.
    #[inline(always)]
    fn less_benefits(&self, rate: Money, months_live: u32) -> Money {
        if !self.benefit.is_empty() {
            rate - self.benefit[months_live as usize]
        } else {
            rate
        }
    }

    /// The cost of calendar month 0 with `volume` events, on the first model, without drift,
    /// `months_live` 0, by component: inference, each error bucket, review, people's time, an
    /// extra cost per event, each monthly item, serving, and the benefits (negative). Parts
    /// that are zero are left out; the parts add up to [`RunningCost::rate`] in that state.
    /// Entries are called by their labels in `labels`, or by their names.
    pub fn parts(
        &self,
        option: &OptionSpec,
        draws: &[f64],
        volume: f64,
        labels: &Labels,
    ) -> Vec<(String, Money)> {
        let at = |table: &str, entry: &str| {
            labels.name(&format!("options.{}.{table}.{entry}", option.name))
        };
        let mut parts = vec![("inference".to_string(), volume * self.direct[0])];
        for b in &option.errors {
            let name = match b.rate {
                ErrorRate::Rate(_) => format!("{} errors", at("errors", &b.name)),
                ErrorRate::Accuracy(_) => "errors".to_string(),
            };
            parts.push((
                name,
                volume * b.rate.get(draws).min(1.0) * b.cost.get(draws),
            ));
        }
        parts.push(("review".into(), volume * self.review));
        parts.push(("people's time".into(), volume * self.labour));
        parts.push((
            "extra cost per event".into(),
            volume * option.premium_per_event,
        ));
        for (name, p) in &option.monthly {
            parts.push((at("monthly", name), p.get(draws)));
        }
        parts.push(("serving".into(), self.serving(volume)));
        if !self.benefit.is_empty() {
            parts.push(("benefits".into(), -benefits(option, draws, 0)));
        }
        parts.retain(|(_, x)| *x != 0.0);
        parts
    }

    /// Fixed cost of a month with `volume` events: monthly items and serving.
    #[inline]
    pub fn fixed(&self, volume: f64) -> Money {
        if self.capacity > 0.0 {
            self.fixed + self.serving(volume)
        } else {
            self.fixed_and_serving
        }
    }

    /// Serving cost for a month with `volume` events.
    #[inline]
    fn serving(&self, volume: f64) -> Money {
        if self.instance_month == 0.0 {
            return 0.0;
        }
        let instances = if self.capacity > 0.0 {
            self.instances.max((volume / self.capacity).ceil())
        } else {
            self.instances
        };
        self.instance_month * instances
    }
}

/// Monthly benefits `clock` whole months after go-live: each ramps linearly to its full value,
/// `min(1, (clock + 1) / ramp_months)`, so the first month after go-live earns `1/ramp` of it.
#[inline]
fn benefits(option: &OptionSpec, draws: &[f64], clock: u32) -> Money {
    option
        .benefits
        .iter()
        .map(|b| b.monthly.get(draws) * ramp_share(b.ramp_months.get(draws), clock))
        .sum()
}

/// The share of a benefit ramping up over `ramp` months that it earns `clock` whole months
/// after go-live; 1 from the month its ramp completes on (and for no ramp).
#[inline]
fn ramp_share(ramp: f64, clock: u32) -> f64 {
    if ramp > 0.0 {
        ((clock as f64 + 1.0) / ramp).min(1.0)
    } else {
        1.0
    }
}

/// Whether every benefit of `option` earns its full value `clock` whole months after go-live,
/// and so at every later clock.
fn ramps_done(option: &OptionSpec, draws: &[f64], clock: u32) -> bool {
    option
        .benefits
        .iter()
        .all(|b| ramp_share(b.ramp_months.get(draws), clock) == 1.0)
}

/// `out[k] = step^(k mod reset)` (`step^k` when `reset` is 0), by repeated multiplication.
fn fill_drift(out: &mut [f64], step: f64, reset: u32) {
    let mut x = 1.0;
    let mut since_reset = 0;
    for power in out.iter_mut() {
        if since_reset == reset {
            x = 1.0;
            since_reset = 0;
        }
        *power = x;
        x *= step;
        since_reset += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drift_restarts_at_every_retrain_and_grows_without_one() {
        let mut table = [0.0; 8];
        fill_drift(&mut table, 2.0, 3);
        assert_eq!(table, [1.0, 2.0, 4.0, 1.0, 2.0, 4.0, 1.0, 2.0]);
        fill_drift(&mut table, 2.0, 0);
        assert_eq!(table, [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0]);
    }

    /// The benefit table holds each clock's benefits, bit for bit, ramps of whole and
    /// fractional months and none among them.
    #[test]
    fn the_benefit_table_is_the_benefits_of_each_clock() {
        let file = "[scenario]\nname = \"b\"\nhorizon_months = 40\n[workload]\n\
            events_per_month = 1000\n[options.a]\nbaseline = true\ncost_per_event = 1\n\
            [options.b]\ncost_per_event = 0.5\n\
            benefits.x = { monthly = 300, ramp_months = 3 }\n\
            benefits.y = { monthly = 70.3, ramp_months = \"uniform(6, 13)\" }\n\
            benefits.z = { monthly = 11, ramp_months = 0 }\n";
        let scenario = crate::config::Document::parse(file, std::path::Path::new("b.toml"))
            .unwrap()
            .into_base();
        let option = &scenario.options[1];
        let mut draws = vec![0.0; scenario.inputs.len()];
        for ramp in [6.0, 7.5, 12.999, 13.0] {
            scenario.inputs.means_into(&mut draws);
            for (draw, input) in draws.iter_mut().zip(scenario.inputs.iter()) {
                if input.path.ends_with("benefits.y.ramp_months") {
                    *draw = ramp;
                }
            }
            let mut cost = RunningCost::default();
            cost.prepare(option, &draws, 720.0, 40);
            assert_eq!(cost.benefit.len(), 41);
            for (clock, &b) in cost.benefit.iter().enumerate() {
                assert_eq!(
                    b,
                    benefits(option, &draws, clock as u32),
                    "ramp {ramp}, {clock}"
                );
            }
            assert!(cost.benefit[3] < cost.benefit[40], "ramp {ramp}");
        }
    }
}
