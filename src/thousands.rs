//! Thousands separators for every number shown to a user (`1,000,000 trials`, `669,079 EUR`),
//! on the integer part of a number written in plain decimal form.

/// `text` (a plain decimal number: optional sign, digits, optional fraction) with a comma
/// between each group of three digits of its integer part; anything else is returned as is.
///
/// ```
/// use payback::thousands::group;
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
