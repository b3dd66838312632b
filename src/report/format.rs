//! Number formats shared by the text reports: money with thousands separators, months, shares.

use crate::numbers::group;
pub use crate::numbers::{amount, count, short_amount};

/// An amount for a reader of the memo or the terminal: three significant figures, millions
/// and billions as `M` and `B` (`2.95M`, `59,600`); full precision stays in JSON and CSV.
pub fn money(x: f64) -> String {
    short_amount(x)
}

/// An amount rounded to whole units with thousands separators: `-1,234,568` (the point
/// estimate of `payback check`, which reproduces worked numbers to the unit).
pub fn whole_money(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    let rounded = x.round();
    // `{:.0}` of -0.4 rounded is "-0": no sign on a zero.
    group(&format!(
        "{:.0}",
        if rounded == 0.0 { 0.0 } else { rounded }
    ))
}

/// An amount with two decimals and thousands separators: `133,578.70`.
pub fn money_cents(x: f64) -> String {
    group(&format!("{x:.2}"))
}

/// Months with two decimals, or "never".
pub fn months(x: Option<f64>) -> String {
    x.map_or_else(|| "never".to_string(), |m| format!("{m:.2}"))
}

/// A whole number of months in words: `1 month`, `12 months`.
pub fn month_count(n: u32) -> String {
    if n == 1 {
        "1 month".to_string()
    } else {
        format!("{n} months")
    }
}

/// A share of zero in words: `none of 1,000,000 trials`.
pub fn none_of(trials: u64) -> String {
    format!("none of {} trials", count(trials))
}

/// IRRs above this (a year, as a fraction: 1,000 %) are said as above it, not as a number.
pub const IRR_SHOWN_UP_TO: f64 = 10.0;

/// A probability as a percentage with one decimal: `12.3 %`.
pub fn percent(p: f64) -> String {
    format!("{:.1} %", 100.0 * p)
}

/// A share of the trials in a table cell: a percentage, zero as "none".
pub fn share_or_none(p: f64) -> String {
    if p == 0.0 { "none".into() } else { percent(p) }
}

/// A small standard error as a percentage with two significant decimals: `0.033 %`.
pub fn percent_err(p: f64) -> String {
    format!("{:.3} %", 100.0 * p)
}

/// A number rounded to `digits` significant digits, with thousands separators:
/// `significant(1346.8, 4)` is `1,347`, `significant(0.120556, 4)` is `0.1206`.
pub fn significant(x: f64, digits: i32) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let decimals = (digits - 1 - x.abs().log10().floor() as i32).max(0) as usize;
    group(&format!("{x:.decimals$}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_thousands() {
        assert_eq!(whole_money(0.4), "0");
        assert_eq!(whole_money(999.0), "999");
        assert_eq!(whole_money(1000.0), "1,000");
        assert_eq!(whole_money(-1234567.6), "-1,234,568");
        assert_eq!(whole_money(148_500.0), "148,500");
        assert_eq!(money(-1234567.6), "-1.23M");
        assert_eq!(money(148_500.0), "149,000");
    }

    #[test]
    fn significant_digits_are_kept() {
        assert_eq!(significant(1346.8013, 4), "1,347");
        assert_eq!(significant(0.120555, 4), "0.1206");
        assert_eq!(significant(148_499.994, 6), "148,500");
        assert_eq!(money_cents(133_578.7), "133,578.70");
    }

    #[test]
    fn never_is_spelled_out() {
        assert_eq!(months(None), "never");
        assert_eq!(months(Some(1.616)), "1.62");
    }
}
