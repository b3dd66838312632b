//! Numbers as users read them, in every layer that writes one: thousands separators
//! (`1,000,000 trials`, `669,079 EUR`) and amounts to three significant digits (`21,300`).

/// `text` (a plain decimal number: optional sign, digits, optional fraction) with a comma
/// between each group of three digits of its integer part; anything else is returned as is.
///
/// ```
/// use payback::numbers::group;
/// assert_eq!(group("1234567.891"), "1,234,567.891");
/// assert_eq!(group("-1000"), "-1,000");
/// assert_eq!(group("999"), "999");
/// assert_eq!(group("inf"), "inf");
/// ```
pub fn group(text: &str) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return text.to_string();
    }
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A count with separators: `1,000,000`.
pub fn count(n: u64) -> String {
    group(&n.to_string())
}

/// A number for a reader: three significant digits, thousands separated (`21,300`, `0.0512`).
pub fn amount(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let digits = x.abs().log10().floor() as i32;
    if digits >= 3 {
        let unit = 10f64.powi(digits - 2);
        group(&format!("{:.0}", (x / unit).round() * unit))
    } else {
        let decimals = (2 - digits).max(0) as usize;
        let text = format!("{x:.decimals$}");
        if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            text
        }
    }
}

/// An amount for a memo's reader: three significant digits, millions and billions written
/// `M` and `B` (`2.95M`, `59,600`, `-75,900`, `1.23B`, `12.5`).
pub fn short_amount(x: f64) -> String {
    let a = x.abs();
    let scaled = |unit: f64, suffix: &str| {
        let v = x / unit;
        let decimals = if v.abs() >= 99.95 {
            0
        } else if v.abs() >= 9.995 {
            1
        } else {
            2
        };
        format!("{v:.decimals$}{suffix}")
    };
    if !x.is_finite() {
        format!("{x}")
    } else if a >= 999.5e6 {
        scaled(1e9, "B")
    } else if a >= 999.5e3 {
        scaled(1e6, "M")
    } else {
        amount(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_amounts_keep_three_significant_digits() {
        assert_eq!(short_amount(2_947_072.0), "2.95M");
        assert_eq!(short_amount(59_616.0), "59,600");
        assert_eq!(short_amount(-75_920.99), "-75,900");
        assert_eq!(short_amount(1_234_567_890.0), "1.23B");
        assert_eq!(short_amount(12_900_000.0), "12.9M");
        assert_eq!(short_amount(129_400_000.0), "129M");
        assert_eq!(short_amount(999_700.0), "1.00M");
        assert_eq!(short_amount(12.5), "12.5");
    }

    #[test]
    fn amounts_keep_three_significant_digits() {
        assert_eq!(amount(21_345.0), "21,300");
        assert_eq!(amount(1_234_567.0), "1,230,000");
        assert_eq!(amount(0.051234), "0.0512");
        assert_eq!(amount(1.5), "1.5");
        assert_eq!(amount(150.0), "150");
        assert_eq!(amount(-40_000.0), "-40,000");
    }
}
