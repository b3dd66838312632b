//! The cumulative net cash of one candidate against the baseline in one trial, walked forward in
//! time: piecewise linear inside months, with jumps at lump-sum events. It records the first
//! crossing of zero (payback), undiscounted and discounted, and the discounted total (NPV).

use crate::scenario::{Money, Months};

/// Relative distance from a whole month within which a crossing time counts as that month.
pub const WHOLE_MONTH_TOLERANCE: f64 = 1e-9;

/// A crossing time computed as a whole month `m` give or take rounding (`m ± a few ulps`, from
/// `t0 + x / rate`) is `m` itself, so that a point mass on a month falls on one side of the
/// month's boundary in every CDF and percentile, not on both.
#[inline]
fn on_whole_month(t: Months) -> Months {
    let month = t.round();
    if (t - month).abs() <= WHOLE_MONTH_TOLERANCE * month.max(1.0) {
        month
    } else {
        t
    }
}

/// State of the walk along one trial's cash path.
#[derive(Debug, Clone, Copy)]
pub struct CashPath {
    net: Money,
    discounted: Money,
    payback: Months,
    discounted_payback: Months,
}

impl CashPath {
    /// A path that starts at `−investment` at t = 0 (all of `I` is committed at the decision).
    /// With no investment it has paid back at t = 0.
    #[inline]
    pub fn start(investment: Money) -> Self {
        let paid = if investment <= 0.0 {
            0.0
        } else {
            f64::INFINITY
        };
        // 0 − I rather than −I: no investment starts at +0, not −0.
        let start = 0.0 - investment;
        CashPath {
            net: start,
            discounted: start,
            payback: paid,
            discounted_payback: paid,
        }
    }

    /// Accrues a running flow of `rate` per month uniformly over `[t0, t0 + len)`; its
    /// discounted value uses the month-end factor `discount` of the month holding the piece.
    #[inline]
    pub fn flow(&mut self, t0: Months, len: Months, rate: Money, discount: f64) {
        let end = self.net + rate * len;
        if self.payback == f64::INFINITY && end >= 0.0 {
            self.payback = on_whole_month(t0 + (-self.net).max(0.0) / rate);
        }
        self.net = end;
        let drate = rate * discount;
        let dend = self.discounted + drate * len;
        if self.discounted_payback == f64::INFINITY && dend >= 0.0 {
            self.discounted_payback = on_whole_month(t0 + (-self.discounted).max(0.0) / drate);
        }
        self.discounted = dend;
    }

    /// Adds a lump `amount` at time `at` (positive: a saving); its discounted value uses the
    /// factor `discount`. A saving may complete the payback at `at`.
    #[inline]
    pub fn lump(&mut self, at: Months, amount: Money, discount: f64) {
        self.net += amount;
        if self.payback == f64::INFINITY && self.net >= 0.0 {
            self.payback = at;
        }
        self.discounted += amount * discount;
        if self.discounted_payback == f64::INFINITY && self.discounted >= 0.0 {
            self.discounted_payback = at;
        }
    }

    /// First time the undiscounted net reached zero, `+∞` for never.
    pub fn payback(&self) -> Months {
        self.payback
    }

    /// First time the discounted net reached zero, `+∞` for never.
    pub fn discounted_payback(&self) -> Months {
        self.discounted_payback
    }

    /// The discounted net so far: the NPV once the walk reached the horizon.
    pub fn discounted_net(&self) -> Money {
        self.discounted
    }

    /// The undiscounted net so far.
    pub fn net(&self) -> Money {
        self.net
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crossing_a_rounding_error_away_from_a_month_is_that_month() {
        let month = 10.0_f64;
        for t in [month.next_up(), month.next_down(), month * (1.0 + 5e-10)] {
            assert_eq!(on_whole_month(t), month, "{t}");
        }
        assert_eq!(on_whole_month(month * (1.0 + 2e-9)), month * (1.0 + 2e-9));
        assert_eq!(on_whole_month(0.5), 0.5);
        assert_eq!(on_whole_month(1e-12), 0.0);
        // 20,000 invested, 1,000 a month saved and a 10,000 lump at 3.7: rounding in the
        // crossing of the flow that follows would land beside month 10.
        let mut path = CashPath::start(20_000.0);
        path.flow(0.0, 3.7, 1000.0, 1.0);
        path.lump(3.7, 10_000.0, 1.0);
        path.flow(3.7, 10.0, 1000.0, 1.0);
        assert_eq!(path.payback(), 10.0);
    }

    #[test]
    fn crossing_is_interpolated_inside_a_piece() {
        let mut path = CashPath::start(100.0);
        path.flow(0.0, 1.0, 40.0, 1.0);
        path.flow(1.0, 1.0, 40.0, 1.0);
        assert_eq!(path.payback(), f64::INFINITY);
        path.flow(2.0, 1.0, 40.0, 1.0);
        assert_eq!(path.payback(), 2.5);
        assert_eq!(path.net(), 20.0);
    }

    #[test]
    fn a_later_dip_does_not_undo_a_payback() {
        let mut path = CashPath::start(10.0);
        path.flow(0.0, 1.0, 20.0, 1.0);
        path.flow(1.0, 1.0, -50.0, 1.0);
        assert_eq!(path.payback(), 0.5);
        assert_eq!(path.net(), -40.0);
    }

    #[test]
    fn no_investment_pays_back_at_zero() {
        let path = CashPath::start(0.0);
        assert_eq!(path.payback(), 0.0);
        assert_eq!(path.discounted_payback(), 0.0);
    }

    #[test]
    fn discounting_delays_the_discounted_payback() {
        let mut path = CashPath::start(100.0);
        path.flow(0.0, 1.0, 100.0, 0.5);
        path.flow(1.0, 1.0, 100.0, 0.5);
        assert_eq!(path.payback(), 1.0);
        assert_eq!(path.discounted_payback(), 2.0);
        assert_eq!(path.discounted_net(), 0.0);
    }
}
