//! When the vendor retires an option's model in one trial.
//!
//! A trial draws one 64-bit seed per option from that option's own stream
//! ([`crate::streams`]), and generates the exponential waiting times from that seed, however
//! many there are: a change of hazard moves no other draw.

use crate::scenario::{Deprecation, DeprecationTime, Months};
use rand::{RngExt, SeedableRng};
use rand_xoshiro::SplitMix64;

/// How a trial's deprecation times are drawn.
#[derive(Debug, Clone, Copy)]
pub enum EventDraw {
    /// From this seed (a random trial).
    Seed(u64),
    /// At the mean waiting time (the deterministic point estimate).
    Mean,
}

/// Writes into `out` the deprecation times of `deprecation` before `horizon`, ascending.
pub fn deprecation_times(
    deprecation: &Deprecation,
    draws: &[f64],
    draw: EventDraw,
    horizon: Months,
    out: &mut Vec<Months>,
) {
    out.clear();
    match deprecation.time {
        DeprecationTime::AtMonth(at) => {
            let t = at.get(draws);
            if t < horizon {
                out.push(t);
            }
        }
        DeprecationTime::Hazard { per_year, repeat } => {
            let per_month = per_year.get(draws) / 12.0;
            if per_month <= 0.0 {
                return;
            }
            let mut rng = match draw {
                EventDraw::Seed(seed) => Some(waits(seed)),
                EventDraw::Mean => None,
            };
            let mut t = 0.0;
            loop {
                let wait = match rng.as_mut() {
                    Some(rng) => -(1.0 - rng.random::<f64>()).ln() / per_month,
                    None => 1.0 / per_month,
                };
                t += wait;
                if t >= horizon {
                    return;
                }
                out.push(t);
                if !repeat {
                    return;
                }
            }
        }
    }
}

/// The generator of the waiting times drawn from `seed`.
fn waits(seed: u64) -> SplitMix64 {
    SplitMix64::seed_from_u64(seed)
}

/// The uniform behind the first waiting time drawn from `seed`: the first deprecation comes at
/// `−ln(1 − u) / hazard`, later the larger it is.
pub fn first_wait_uniform(seed: u64) -> f64 {
    waits(seed).random::<f64>()
}
