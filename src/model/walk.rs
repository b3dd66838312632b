//! The cash walk of one candidate against the baseline in one trial (docs/model.md, "One
//! trial"): the savings `baseline cost − candidate cost` accrued from go-live
//! to the horizon a month at a time, with the baseline's lumps as savings and the candidate's as
//! costs. A month with no deprecation or end of downtime inside it (almost every month) has one
//! baseline piece and one or two candidate pieces; a run of such months is priced in one pass
//! before the walk reaches it where [`PieceRule::plain_rates`] applies, else month by month as
//! the walk reaches them. Any other month, and go-live's, is cut in full
//! ([`PieceRule::month_pieces`]) and its pieces merged.

use crate::model::cash_path::CashPath;
use crate::model::timeline::{Lump, MonthClock, Piece, PieceRule};
use crate::scenario::{Money, Months};
use std::ops::Range;

/// Buffers of a walk, reused from trial to trial: the pieces of a month cut in full, and the
/// rates of a run of regular months.
#[derive(Debug, Clone, Default)]
pub struct MonthPieces {
    base: Vec<Piece>,
    cand: Vec<Piece>,
    /// The baseline's rate in each month of the run.
    base_rates: Vec<Money>,
    /// The candidate's rate in each month (before the clock steps, in a month it steps in).
    cand_rates: Vec<Money>,
    /// The candidate's rate after the clock steps, in each month it steps in.
    cand_rates_after: Vec<Money>,
}

/// Walks the candidate priced by `cand` against the baseline priced by `base` (live from 0, as
/// the baseline always is) from `go_live` to the horizon, `lumps` applied as they fall due, each
/// month's running flow discounted by `month_discount[month]` (its month-end factor), and
/// writes the net at each whole month end after go-live into `nets` (lumps at a month end
/// included; H + 1 entries).
#[allow(clippy::too_many_arguments)]
pub fn walk(
    base: &PieceRule,
    cand: &PieceRule,
    lumps: Lumps,
    go_live: Months,
    month_discount: &[f64],
    path: &mut CashPath,
    nets: &mut [Money],
    scratch: &mut MonthPieces,
) {
    let horizon_months = (nets.len() - 1) as u32;
    // The walker holds the path by value, so that its sums stay in registers from month to
    // month rather than going through memory.
    let mut walker = Walker {
        next_lump: lumps.next_at(),
        lumps,
        path: *path,
        nets,
        month_discount,
        last_month: horizon_months - 1,
    };
    let first = go_live as u32; // go_live ≥ 0: the cast is the floor
    walker.month_in_full(base, cand, first, go_live, scratch);
    let mut month = first + 1;
    while month < horizon_months {
        let cut = base
            .next_cut_month(month)
            .min(cand.next_cut_month(month))
            .min(horizon_months);
        walker.regular_months(base, cand, month..cut, scratch);
        if cut < horizon_months {
            walker.month_in_full(base, cand, cut, f64::from(cut), scratch);
        }
        month = cut + 1;
    }
    let horizon = f64::from(horizon_months);
    walker.apply_lumps_until(horizon);
    walker.nets[horizon_months as usize] = walker.path.net();
    *path = walker.path;
}

/// The state of one walk.
struct Walker<'w, 'l> {
    lumps: Lumps<'l>,
    /// When the next lump is due.
    next_lump: Months,
    path: CashPath,
    nets: &'w mut [Money],
    /// Month-end discount factor of each month.
    month_discount: &'w [f64],
    last_month: u32,
}

impl Walker<'_, '_> {
    /// Walks the months `months`, after go-live's, with no deprecation or end of downtime inside
    /// any: where both options are priced by [`PieceRule::plain_rates`] and the candidate's
    /// clock is known from the month, their rates are computed first, for the whole run, and the
    /// walk reads them; else a month at a time. The same pieces and rates either way.
    fn regular_months(
        &mut self,
        base: &PieceRule,
        cand: &PieceRule,
        months: Range<u32>,
        scratch: &mut MonthPieces,
    ) {
        if months.is_empty() {
            return;
        }
        let from = months.start;
        let plain = base.plain_rates(months.clone(), from, &mut scratch.base_rates)
            && match cand.month_clock(from) {
                MonthClock::Whole { months_live } => {
                    cand.plain_rates(months.clone(), months_live, &mut scratch.cand_rates)
                }
                MonthClock::Split { before, .. } => {
                    cand.plain_rates(months.clone(), before, &mut scratch.cand_rates)
                        && cand.plain_rates(
                            months.clone(),
                            before + 1,
                            &mut scratch.cand_rates_after,
                        )
                }
                MonthClock::Unknown => false,
            };
        if !plain {
            for month in months {
                self.regular_month(base, cand, month);
            }
            return;
        }
        let piece = |start, rate| Piece {
            start,
            rate,
            follows_baseline: false,
        };
        for (i, month) in months.enumerate() {
            let (start, end) = (f64::from(month), f64::from(month + 1));
            let (base_rate, at) = (scratch.base_rates[i], month as usize);
            match cand.month_clock(month) {
                MonthClock::Split { step, .. } => {
                    let before = piece(start, scratch.cand_rates[i]);
                    self.segment_in(start, step, base_rate, before, at, Some(at));
                    let after = piece(step, scratch.cand_rates_after[i]);
                    self.segment_in(step, end, base_rate, after, at, None);
                }
                _ => {
                    let whole = piece(start, scratch.cand_rates[i]);
                    self.segment_in(start, end, base_rate, whole, at, Some(at));
                }
            }
        }
    }

    /// Walks month `month`, after go-live's, with no deprecation or end of downtime inside it:
    /// one baseline piece and one or two candidate pieces.
    #[inline(always)]
    fn regular_month(&mut self, base: &PieceRule, cand: &PieceRule, month: u32) {
        let (start, end) = (f64::from(month), f64::from(month + 1));
        // The baseline is live from 0: its piece is the month, `month` months after go-live.
        let base_rate = base.piece_at(start, end, month, month).rate;
        let at = month as usize;
        match cand.month_clock(month) {
            MonthClock::Split { step, before } => {
                let piece = cand.piece_at(start, step, month, before);
                self.segment_in(start, step, base_rate, piece, at, Some(at));
                let piece = cand.piece_at(step, end, month, before + 1);
                self.segment_in(step, end, base_rate, piece, at, None);
            }
            MonthClock::Whole { months_live } => {
                let piece = cand.piece_at(start, end, month, months_live);
                self.segment_in(start, end, base_rate, piece, at, Some(at));
            }
            MonthClock::Unknown => match cand.clock_step(month) {
                Some(step) => {
                    self.segment(start, step, base_rate, cand.piece(start, step));
                    self.segment(step, end, base_rate, cand.piece(step, end));
                }
                None => self.segment(start, end, base_rate, cand.piece(start, end)),
            },
        }
    }

    /// Walks month `month` from `from` with both options' pieces cut in full, merged.
    fn month_in_full(
        &mut self,
        base: &PieceRule,
        cand: &PieceRule,
        month: u32,
        from: Months,
        scratch: &mut MonthPieces,
    ) {
        base.month_pieces(month, &mut scratch.base);
        cand.month_pieces(month, &mut scratch.cand);
        let (bp, cp) = (&scratch.base, &scratch.cand);
        let month_end = f64::from(month + 1);
        // Where piece i of a month ends.
        let end_of = |pieces: &[Piece], i: usize| pieces.get(i + 1).map_or(month_end, |p| p.start);
        let mut b = bp.partition_point(|p| p.start <= from).saturating_sub(1);
        let mut c = 0;
        let (mut base_end, mut cand_end) = (end_of(bp, b), end_of(cp, c));
        let mut t = from;
        while t < month_end {
            let end = base_end.min(cand_end);
            self.segment(t, end, bp[b].rate, cp[c]);
            t = end;
            if base_end <= t && b + 1 < bp.len() {
                b += 1;
                base_end = end_of(bp, b);
            }
            if cand_end <= t && c + 1 < cp.len() {
                c += 1;
                cand_end = end_of(cp, c);
            }
        }
    }

    /// Accrues `[t, end)`, on which the baseline costs `base_rate` a month and the candidate
    /// is priced by `cand`, after the lumps due by `t`.
    #[inline(always)]
    fn segment(&mut self, t: Months, end: Months, base_rate: Money, cand: Piece) {
        // A whole month (0 ≤ t < H ≤ 600): u32 casts are single instructions, while
        // `f64::fract` is a library call on baseline x86-64 and u64 casts branch.
        let whole = t as u32;
        let net_at = (t == f64::from(whole)).then_some(whole as usize);
        // t ≥ 0: the cast is the floor; a midpoint that rounds up to the horizon (a piece one
        // ulp long) belongs to the last month.
        let month = ((0.5 * (t + end)) as u32).min(self.last_month) as usize;
        self.segment_in(t, end, base_rate, cand, month, net_at);
    }

    /// Applies the lumps due by `t` to the path (through a copy, so that the path's own
    /// address is never taken).
    fn apply_lumps_until(&mut self, t: Months) {
        let mut path = self.path;
        self.lumps.apply_until(t, &mut path);
        self.path = path;
    }

    /// [`Walker::segment`] for a segment known to be in month `month`; `net_at` is the month
    /// end whose net the segment's start is (for a segment that starts a month).
    #[inline(always)]
    fn segment_in(
        &mut self,
        t: Months,
        end: Months,
        base_rate: Money,
        cand: Piece,
        month: usize,
        net_at: Option<usize>,
    ) {
        if self.next_lump <= t {
            self.apply_lumps_until(t);
            self.next_lump = self.lumps.next_at();
        }
        if let Some(at) = net_at {
            self.nets[at] = self.path.net();
        }
        let cand_rate = if cand.follows_baseline {
            base_rate
        } else {
            cand.rate
        };
        self.path.flow(
            t,
            end - t,
            base_rate - cand_rate,
            self.month_discount[month],
        );
    }
}

/// The lumps still to apply on a walk: the baseline's (savings) and the candidate's (costs).
pub struct Lumps<'a> {
    /// The baseline's lumps from go-live on (before it the candidate is the baseline and pays
    /// them too).
    pub base: &'a [Lump],
    /// The candidate's lumps.
    pub cand: &'a [Lump],
}

impl Lumps<'_> {
    /// The next lump due (the baseline's when both are due at once), if any is left.
    fn first(&self) -> Option<Lump> {
        match (self.base.first(), self.cand.first()) {
            (Some(a), Some(b)) if b.at < a.at => Some(*b),
            (Some(a), _) => Some(*a),
            (None, b) => b.copied(),
        }
    }

    /// When the next lump is, `+∞` when none is left.
    fn next_at(&self) -> Months {
        self.first().map_or(f64::INFINITY, |l| l.at)
    }

    /// Applies every lump at or before `t`, those at the same time together (a saving and a
    /// cost at one instant net out before the payback test, discounted by the first's factor).
    fn apply_until(&mut self, t: Months, path: &mut CashPath) {
        while let Some(first) = self.first().filter(|l| l.at <= t) {
            let (next, discount) = (first.at, first.discount);
            let mut amount = 0.0;
            while let Some((l, rest)) = self.base.split_first().filter(|(l, _)| l.at == next) {
                amount += l.amount;
                self.base = rest;
            }
            while let Some((l, rest)) = self.cand.split_first().filter(|(l, _)| l.at == next) {
                amount -= l.amount;
                self.cand = rest;
            }
            path.lump(next, amount, discount);
        }
    }
}
