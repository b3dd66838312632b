//! The running cost of one option in one trial: `C_o(m) = V(m) · unit_o(m) + fixed_o(m)` minus
//! its benefits (MODEL.md, "Options"). The per-trial constant parts are gathered once per trial
//! by [`RunningCost::prepare`]; [`RunningCost::rate`] then prices any month cheaply.

use crate::scenario::{DirectCost, Instances, Money, OptionSpec};

/// Per-trial constants of one option's running cost.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunningCost {
    /// Direct (inference) cost per event in month 0.
    direct: Money,
    /// Monthly factor of the direct cost's price trend, `(1 + p)^(1/12)`.
    price_step: f64,
    /// Cost of errors per event: `Σ min(1, rate) · cost`.
    errors: Money,
    /// Review and labour cost per event.
    handling: Money,
    /// Fixed monthly items.
    fixed: Money,
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
    /// Gathers the option's per-trial constants from the trial's draws.
    pub fn prepare(option: &OptionSpec, draws: &[f64], hours_per_month: f64) -> Self {
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
        let price_step = option
            .price_change_per_year
            .map_or(1.0, |p| (1.0 + p.get(draws)).powf(1.0 / 12.0));
        let errors = option
            .errors
            .iter()
            .map(|b| b.rate.get(draws).min(1.0) * b.cost.get(draws))
            .sum();
        let review = option
            .review
            .as_ref()
            .map_or(0.0, |r| r.rate.get(draws) * r.cost.get(draws));
        let labour = option
            .labour
            .as_ref()
            .map_or(0.0, |l| l.seconds.get(draws) / 3600.0 * l.hourly.get(draws));
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
                }
            }
        };
        RunningCost {
            direct,
            price_step,
            errors,
            handling: review + labour,
            fixed,
            instance_month,
            instances,
            capacity,
            ramped: option
                .benefits
                .iter()
                .any(|b| b.ramp_months.get(draws) > 0.0),
        }
    }

    /// Whether the cost changes with the months elapsed since go-live (a ramped benefit), so a
    /// month with a fractional go-live must be split where that clock steps.
    pub fn depends_on_clock(&self) -> bool {
        self.ramped
    }

    /// Cost per month during calendar month `month` with `volume` events that month, when
    /// `clock` whole months have elapsed since go-live (the ramp clock).
    #[inline]
    pub fn rate(
        &self,
        option: &OptionSpec,
        draws: &[f64],
        month: u32,
        volume: f64,
        clock: u32,
    ) -> Money {
        volume * self.per_event(month) + self.fixed(volume) - benefits(option, draws, clock)
    }

    /// Cost per event in calendar month `month`: direct cost (with its price trend), errors,
    /// review and labour.
    #[inline]
    pub fn per_event(&self, month: u32) -> Money {
        let direct = if self.price_step == 1.0 {
            self.direct
        } else {
            self.direct * self.price_step.powi(month as i32)
        };
        direct + self.errors + self.handling
    }

    /// Fixed cost of a month with `volume` events: monthly items and serving.
    #[inline]
    pub fn fixed(&self, volume: f64) -> Money {
        self.fixed + self.serving(volume)
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
        .map(|b| {
            let ramp = b.ramp_months.get(draws);
            let share = if ramp > 0.0 {
                ((clock as f64 + 1.0) / ramp).min(1.0)
            } else {
                1.0
            };
            b.monthly.get(draws) * share
        })
        .sum()
}
