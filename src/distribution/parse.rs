//! The forms a user writes for a number: a constant, a text form (`"pert(1, 1.5, 3)"`,
//! `"10 to 500"`) or a table (`{ observed, of }`, `{ p10, p50, p90 }`, `{ values, weights }`,
//! `{ dist, clamp }`). Every parameter is checked here, with messages that quote the form as
//! written and say what is allowed.

use super::family::Family;
use super::truncated::Truncated;
use super::{Dist, DistError, Shape, fit, fmt};

/// The text families: name, parameters, and what they must satisfy.
const FAMILIES: [(&str, &str); 13] = [
    ("uniform", "uniform(a, b) needs a < b"),
    (
        "triangular",
        "triangular(min, mode, max) needs min <= mode <= max and min < max",
    ),
    (
        "pert",
        "pert(min, mode, max) needs min <= mode <= max and min < max",
    ),
    ("normal", "normal(mean, sd) needs sd > 0"),
    (
        "lognormal",
        "lognormal(mu, sigma) needs sigma > 0 (the parameters of the underlying normal)",
    ),
    (
        "beta",
        "beta(alpha, beta) needs alpha > 0 and beta > 0, both within [0.001, 1e6]",
    ),
    (
        "gamma",
        "gamma(shape, scale) needs shape > 0 and scale > 0 (shape <= 1e6, scale >= 1e-100)",
    ),
    ("exponential", "exponential(mean) needs mean > 0"),
    ("poisson", "poisson(lambda) needs lambda > 0"),
    (
        "binomial",
        "binomial(n, p) needs a whole n >= 0 and 0 <= p <= 1",
    ),
    (
        "uniform_int",
        "uniform_int(a, b) needs whole numbers a <= b",
    ),
    ("bernoulli", "bernoulli(p) needs 0 <= p <= 1"),
    ("to", "\"a to b\" needs 0 < a < b"),
];

/// Parameters allowed in `beta(alpha, beta)`. From a parameter of about 7e6 on (or one of
/// 1e-300 beside one of 1e6), statrs's inverse of the regularized incomplete beta function,
/// which quantiles need, overflows on its first step and never returns (`beta(1, 1e7)`).
const BETA_SHAPES: std::ops::RangeInclusive<f64> = 1e-3..=1e6;
/// Largest `of` in `{ observed, of }`: its Beta(k + 1, n − k + 1) then has parameters of at
/// most 1e6 + 1, well below where statrs fails (see [`BETA_SHAPES`]).
const MAX_OF: f64 = 1e6;
/// Largest gamma shape: statrs's incomplete gamma function slows down with the shape (checking
/// `gamma(1e12, 1)` took more than 5 s), and beyond it the gamma is all but a normal (skewness
/// 2/√shape ≤ 0.002).
const MAX_GAMMA_SHAPE: f64 = 1e6;
/// Smallest gamma scale: its CDF divides by the scale, which must stay finite at every bound a
/// clamp may give ([`MAX_CLAMP`]); statrs panics on an infinite argument.
const MIN_GAMMA_SCALE: f64 = 1e-100;
/// Largest magnitude of a clamp's bounds: every field's range lies within it, so wider bounds
/// change nothing, and the CDFs evaluated at them stay within what statrs accepts.
const MAX_CLAMP: f64 = 1e15;

/// The table forms, for messages.
const TABLE_FORMS: &str =
    "{ values, weights }, { p10, p50, p90 }, { observed, of } or { dist, clamp }";

/// Parses a text form: a family call, `"a to b"`, or a number.
///
/// ```
/// let overrun = payback::distribution::parse_text("pert(1, 1.5, 3)").unwrap();
/// assert!((overrun.mean() - (1.0 + 4.0 * 1.5 + 3.0) / 6.0).abs() < 1e-12);
/// let cost = payback::distribution::parse_text("10 to 500").unwrap();
/// assert!((cost.quantile(0.95) - 500.0).abs() < 1e-9);
/// assert!(payback::distribution::parse_text("pert(3, 2, 1)").is_err());
/// ```
pub fn parse_text(text: &str) -> Result<Dist, DistError> {
    let s = text.trim();
    // "12 of 400": what an eval set found, the table form { observed = 12, of = 400 }.
    if let Some((k, n)) = s.split_once(" of ") {
        let value = |x: f64| {
            if x.fract() == 0.0 && x.abs() < 9e15 {
                toml::Value::Integer(x as i64)
            } else {
                toml::Value::Float(x)
            }
        };
        let mut t = toml::Table::new();
        t.insert("observed".into(), value(number(k, s)?));
        t.insert("of".into(), value(number(n, s)?));
        return Ok(table(&t)?.with_text(s.to_string()));
    }
    if let Some((a, b)) = s.split_once(" to ") {
        let (a, b) = (number(a, s)?, number(b, s)?);
        if !(a > 0.0 && a < b) {
            return Err(DistError::new(format!("`{s}`: {}", rule("to"))));
        }
        let family = fit::range(a, b).ok_or_else(|| {
            DistError::new(format!(
                "`{s}`: a and b are too close to fit a spread between them; for a fixed value \
                 write the number"
            ))
        })?;
        let text = if in_own_words(s) {
            s.to_string()
        } else {
            format!("{} to {}", fmt(a), fmt(b))
        };
        return Ok(Dist::plain(family, text));
    }
    let Some(open) = s.find('(') else {
        return number(s, s).map(|x| {
            if in_own_words(s) {
                Dist::plain(Family::Constant(x), s.to_string())
            } else {
                Dist::constant(x)
            }
        }).map_err(|e| {
            // A number written wrong gets the number's message; a word, the forms'.
            let numeric = s.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c));
            if numeric || s.contains(['$', '€', '£', '¥', '₹']) || currency_code(s) {
                return e;
            }
            DistError::new(format!(
                "`{s}` is neither a number nor a distribution; write e.g. \"pert(1, 2, 4)\" or \"10 to 50\""
            ))
        });
    };
    let name = s[..open].trim();
    let Some(inner) = s[open + 1..].strip_suffix(')') else {
        return Err(DistError::new(format!(
            "`{s}`: missing the closing parenthesis"
        )));
    };
    let Some((_, rule_text)) = FAMILIES.iter().find(|(n, _)| *n == name && *n != "to") else {
        return Err(unknown_family(name));
    };
    let args: Vec<f64> = if inner.trim().is_empty() {
        Vec::new()
    } else {
        inner
            .split(',')
            .map(|a| number(a, s))
            .collect::<Result<_, _>>()?
    };
    let bad = || DistError::new(format!("`{s}`: {rule_text}"));
    let arity = match name {
        "uniform" | "normal" | "lognormal" | "beta" | "gamma" | "binomial" | "uniform_int" => 2,
        "triangular" | "pert" => 3,
        _ => 1,
    };
    if args.len() != arity {
        return Err(DistError::new(format!(
            "`{s}`: {name} takes {arity} parameter(s), got {}; {rule_text}",
            args.len()
        )));
    }
    if matches!(name, "uniform" | "triangular" | "pert")
        && !(args[args.len() - 1] - args[0]).is_finite()
    {
        return Err(DistError::new(format!(
            "`{s}`: the bounds are too far apart (their difference is beyond the largest \
             number); {rule_text}"
        )));
    }
    let whole = |x: f64| x.fract() == 0.0;
    let family = match (name, args.as_slice()) {
        ("uniform", &[a, b]) => {
            if a == b {
                return Err(DistError::new(format!(
                    "`{s}`: {rule_text}; for a fixed value write the number {}",
                    fmt(a)
                )));
            }
            (a < b).then(|| Family::uniform(a, b))
        }
        ("triangular", &[lo, mode, hi]) => {
            (lo <= mode && mode <= hi && lo < hi).then(|| Family::triangular(lo, mode, hi))
        }
        ("pert", &[lo, mode, hi]) => (lo <= mode && mode <= hi && lo < hi).then(|| {
            let width = hi - lo;
            Family::scaled_beta(
                lo,
                hi,
                1.0 + 4.0 * (mode - lo) / width,
                1.0 + 4.0 * (hi - mode) / width,
            )
        }),
        ("normal", &[mean, sd]) => (sd > 0.0).then(|| Family::normal(mean, sd)),
        ("lognormal", &[mu, sigma]) => {
            (sigma > 0.0).then(|| Family::lognormal(mu, sigma, 0.0, 1.0))
        }
        ("beta", &[a, b]) => (BETA_SHAPES.contains(&a) && BETA_SHAPES.contains(&b))
            .then(|| Family::scaled_beta(0.0, 1.0, a, b)),
        ("gamma", &[shape, scale]) => {
            (shape > 0.0 && shape <= MAX_GAMMA_SHAPE && scale >= MIN_GAMMA_SCALE)
                .then(|| Family::gamma(shape, scale))
        }
        ("exponential", &[mean]) => (mean > 0.0).then_some(Family::Exponential { mean }),
        ("poisson", &[lambda]) => (lambda > 0.0 && lambda < 1e12).then(|| Family::poisson(lambda)),
        ("binomial", &[n, p]) => {
            (whole(n) && (0.0..=1e15).contains(&n) && (0.0..=1.0).contains(&p))
                .then(|| Family::binomial(n as u64, p))
        }
        ("uniform_int", &[a, b]) => {
            (whole(a) && whole(b) && a <= b && a.abs() < 1e15 && b.abs() < 1e15).then_some(
                Family::UniformInt {
                    a: a as i64,
                    b: b as i64,
                },
            )
        }
        ("bernoulli", &[p]) => (0.0..=1.0).contains(&p).then_some(Family::Bernoulli { p }),
        _ => None,
    };
    let family = family.ok_or_else(bad)?;
    let args: Vec<String> = args.iter().map(|&a| fmt(a)).collect();
    let text = if inner.contains(['k', 'K', 'M', 'B', '%']) {
        s.to_string()
    } else {
        format!("{name}({})", args.join(", "))
    };
    Ok(Dist::plain(family, text))
}

/// Parses a TOML value: a number, a text form, or a table form.
///
/// ```
/// let table: toml::Table = toml::from_str("rate = { observed = 50, of = 1000 }").unwrap();
/// let rate = payback::distribution::from_toml(&table["rate"]).unwrap();
/// assert!((rate.mean() - 51.0 / 1002.0).abs() < 1e-15); // Beta(51, 951)
/// ```
pub fn from_toml(value: &toml::Value) -> Result<Dist, DistError> {
    match value {
        toml::Value::Integer(i) => Ok(Dist::constant(*i as f64)),
        toml::Value::Float(f) if f.is_finite() => Ok(Dist::constant(*f)),
        toml::Value::Float(f) => Err(DistError::new(format!(
            "{f} is not allowed: numbers must be finite"
        ))),
        toml::Value::String(s) => parse_text(s),
        toml::Value::Table(t) => table(t),
        other => Err(DistError::new(format!(
            "`{other}` is not a number: write a number, a distribution such as \"pert(1, 2, 4)\", or a table {TABLE_FORMS}"
        ))),
    }
}

fn table(t: &toml::Table) -> Result<Dist, DistError> {
    let mut keys: Vec<&str> = t.keys().map(String::as_str).collect();
    keys.sort_unstable();
    let text = inline(t);
    match keys.as_slice() {
        ["observed", "of"] => {
            let (k, n) = (
                table_number(t, "observed", &text)?,
                table_number(t, "of", &text)?,
            );
            if !(k.fract() == 0.0 && n.fract() == 0.0 && 0.0 <= k && k <= n && n > 0.0) {
                return Err(DistError::new(format!(
                    "{text}: needs whole numbers 0 <= observed <= of, of > 0 (observed errors out of `of` cases)"
                )));
            }
            if n > MAX_OF {
                return Err(DistError::new(format!(
                    "{text}: of may be at most 1e6; for a rate measured on more cases, give its \
                     distribution directly, e.g. {{ dist = \"normal(rate, sd)\", clamp = [0, 1] }}"
                )));
            }
            Ok(Dist::plain(
                Family::scaled_beta(0.0, 1.0, k + 1.0, n - k + 1.0),
                text,
            ))
        }
        ["p10", "p50", "p90"] => {
            let p10 = table_number(t, "p10", &text)?;
            let p50 = table_number(t, "p50", &text)?;
            let p90 = table_number(t, "p90", &text)?;
            if !(p10 < p50 && p50 < p90) {
                return Err(DistError::new(format!(
                    "{text}: a three-point estimate needs p10 < p50 < p90"
                )));
            }
            let family = fit::three_point(p10, p50, p90).ok_or_else(|| {
                DistError::new(format!(
                    "{text}: no distribution fits these three points: their spreads p50 - p10 \
                     and p90 - p50 are too large, or one is too narrow against the other"
                ))
            })?;
            Ok(Dist::plain(family, text))
        }
        ["values"] | ["values", "weights"] => discrete(t, &text),
        ["clamp", "dist"] => clamp(t, &text),
        _ => {
            let known = [
                "values", "weights", "p10", "p50", "p90", "observed", "of", "dist", "clamp",
            ];
            let hint = match keys.iter().find(|k| !known.contains(k)) {
                Some(k) => format!("unknown key `{k}`"),
                None => "an incomplete or mixed table".to_string(),
            };
            Err(DistError::new(format!(
                "{text}: {hint}; a distribution table is one of {TABLE_FORMS}"
            )))
        }
    }
}

fn discrete(t: &toml::Table, text: &str) -> Result<Dist, DistError> {
    let values = number_list(t, "values", text)?;
    let weights = match t.get("weights") {
        Some(_) => number_list(t, "weights", text)?,
        None => vec![1.0; values.len()],
    };
    if values.is_empty() || values.len() != weights.len() {
        return Err(DistError::new(format!(
            "{text}: needs at least one value and as many weights as values ({} values, {} weights)",
            values.len(),
            weights.len()
        )));
    }
    if weights.iter().any(|&w| w < 0.0) || weights.iter().sum::<f64>() <= 0.0 {
        return Err(DistError::new(format!(
            "{text}: weights must be >= 0 with a positive sum"
        )));
    }
    Ok(Dist::plain(
        Family::discrete(&values, &weights),
        text.to_string(),
    ))
}

fn clamp(t: &toml::Table, text: &str) -> Result<Dist, DistError> {
    let inner = from_toml(&t["dist"])?;
    let bounds = number_list(t, "clamp", text)?;
    let &[lo, hi] = bounds.as_slice() else {
        return Err(DistError::new(format!(
            "{text}: clamp needs two bounds [lo, hi]"
        )));
    };
    if lo >= hi {
        return Err(DistError::new(format!(
            "{text}: clamp = [lo, hi] needs lo < hi"
        )));
    }
    if lo.abs() > MAX_CLAMP || hi.abs() > MAX_CLAMP {
        return Err(DistError::new(format!(
            "{text}: clamp bounds must lie in [-1e15, 1e15] (every field's range does)"
        )));
    }
    let family = match inner.shape {
        Shape::Plain(f) => f,
        Shape::Truncated(_) => {
            return Err(DistError::new(format!(
                "{text}: clamp a distribution once, with the narrowest bounds"
            )));
        }
    };
    let truncated = Truncated::new(family, lo, hi).ok_or_else(|| {
        DistError::new(format!(
            "{text}: {} has (almost) no mass in [{}, {}]",
            inner.text,
            fmt(lo),
            fmt(hi)
        ))
    })?;
    Ok(Dist {
        shape: Shape::Truncated(Box::new(truncated)),
        text: format!("{} clamped to [{}, {}]", inner.text, fmt(lo), fmt(hi)),
        table: None,
    })
}

/// A number inside a text form; `_` separators allowed.
/// A number as people write it, from the form `form`: `15000`, `15_000`, `15,000` (groups of
/// three), `15k`, `2.5M`, `1B`, `3%`, `12.5 %`. Suffixes and percent signs scale the decimal
/// exponent, so `3%` is exactly the number `0.03` and `15k` exactly `15000`. A currency symbol
/// or code is refused: the currency is set once, in `scenario.currency`.
pub fn number(text: &str, form: &str) -> Result<f64, DistError> {
    let t = text.trim();
    // "15k-40k" is a range written with a dash: say how to write one.
    let dashed = t
        .get(1..)
        .and_then(|rest| rest.split_once('-'))
        .is_some_and(|(a, b)| !a.ends_with(['e', 'E']) && !b.trim().is_empty());
    let range_hint = match t.get(1..).and_then(|rest| rest.split_once('-')) {
        Some((a, b)) if dashed => {
            let a = format!("{}{a}", &t[..1]);
            // "10-20%" means 10% to 20%.
            let a = if b.ends_with('%') && !a.ends_with('%') {
                format!("{a}%")
            } else {
                a
            };
            format!("; for a range write \"{a} to {}\"", b.trim())
        }
        _ => String::new(),
    };
    let not_a_number = || {
        DistError::new(format!(
            "`{form}`: `{t}` is not a finite number; write e.g. 15000, 15k, 2.5M, 1B or \
             3%{range_hint}"
        ))
    };
    if t.contains(['$', '€', '£', '¥', '₹']) || currency_code(t) {
        return Err(DistError::new(format!(
            "`{form}`: `{t}` has a currency; write the amount alone (the currency is set once, \
             in scenario.currency)"
        )));
    }
    let (digits, exponent) = if let Some(x) = t.strip_suffix('%') {
        (x.trim_end(), -2)
    } else if let Some(x) = t.strip_suffix(['k', 'K']) {
        (x, 3)
    } else if let Some(x) = t.strip_suffix('M') {
        (x, 6)
    } else if let Some(x) = t.strip_suffix('B') {
        (x, 9)
    } else {
        (t, 0)
    };
    let digits = digits.replace('_', "");
    let digits = if digits.contains(',') {
        thousands(&digits).ok_or_else(not_a_number)?
    } else {
        digits
    };
    let plain = !digits.is_empty()
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    if exponent != 0 && !plain {
        return Err(not_a_number());
    }
    let written = if exponent == 0 {
        digits
    } else {
        // The scale goes into the exponent, so that the decimal is rounded once.
        match digits.split_once(['e', 'E']) {
            Some((m, e)) => {
                let e: i32 = e.parse().map_err(|_| not_a_number())?;
                let e = e.checked_add(exponent).ok_or_else(not_a_number)?;
                format!("{m}e{e}")
            }
            None => format!("{digits}e{exponent}"),
        }
    };
    match written.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        _ => Err(not_a_number()),
    }
}

/// `15,000.5` without its thousands separators, when every group after the first has three
/// digits; `None` otherwise.
fn thousands(digits: &str) -> Option<String> {
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let mut groups = whole.split(',');
    let first = groups.next()?;
    let unsigned = first.trim_start_matches(['-', '+']);
    let first_ok =
        (1..=3).contains(&unsigned.len()) && unsigned.chars().all(|c| c.is_ascii_digit());
    let rest: Vec<&str> = groups.collect();
    let rest_ok = rest
        .iter()
        .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()));
    (first_ok && rest_ok && !fraction.contains(',')).then(|| {
        let mut out = format!("{first}{}", rest.concat());
        if !fraction.is_empty() || digits.ends_with('.') {
            out.push('.');
            out.push_str(fraction);
        }
        out
    })
}

/// Whether `t` starts or ends with a three-letter currency code (`USD 5`, `5 EUR`).
fn currency_code(t: &str) -> bool {
    let code = |w: &str| w.len() == 3 && w.chars().all(|c| c.is_ascii_uppercase());
    let mut words = t.split_whitespace();
    let first = words.next().unwrap_or("");
    let last = t.split_whitespace().last().unwrap_or("");
    t.split_whitespace().count() > 1 && (code(first) || code(last))
}

/// Whether a form was written with a suffix or a percent sign, so that reports quote it as
/// written rather than as plain numbers.
fn in_own_words(text: &str) -> bool {
    text.contains(['k', 'K', 'M', 'B', '%', ','])
}

fn table_number(t: &toml::Table, key: &str, text: &str) -> Result<f64, DistError> {
    match &t[key] {
        toml::Value::Integer(i) => Ok(*i as f64),
        toml::Value::Float(f) if f.is_finite() => Ok(*f),
        toml::Value::String(written) => number(written, text),
        other => Err(DistError::new(format!(
            "{text}: {key} = {other} is not a finite number"
        ))),
    }
}

fn number_list(t: &toml::Table, key: &str, text: &str) -> Result<Vec<f64>, DistError> {
    let Some(list) = t[key].as_array() else {
        return Err(DistError::new(format!(
            "{text}: {key} must be a list of numbers"
        )));
    };
    list.iter()
        .map(|v| match v {
            toml::Value::Integer(i) => Ok(*i as f64),
            toml::Value::Float(f) if f.is_finite() => Ok(*f),
            toml::Value::String(written) => number(written, text),
            other => Err(DistError::new(format!(
                "{text}: {key} holds {other}, not a finite number"
            ))),
        })
        .collect()
}

/// A table as one line of TOML, for messages and reports.
fn inline(t: &toml::Table) -> String {
    let parts: Vec<String> = t.iter().map(|(k, v)| format!("{k} = {v}")).collect();
    format!("{{ {} }}", parts.join(", "))
}

fn rule(name: &str) -> &'static str {
    FAMILIES
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("", |(_, r)| r)
}

fn unknown_family(name: &str) -> DistError {
    let names: Vec<&str> = FAMILIES
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| *n != "to")
        .collect();
    let best = names
        .iter()
        .map(|n| (strsim::jaro_winkler(name, n), *n))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let hint = best.map_or(String::new(), |(_, n)| format!("; did you mean `{n}`?"));
    DistError::new(format!(
        "unknown distribution `{name}`{hint} known: {}, \"a to b\"",
        names.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> f64 {
        number(text, text).unwrap_or_else(|e| panic!("{text}: {}", e.message))
    }

    #[test]
    fn numbers_as_people_write_them_are_the_same_floats() {
        for (written, plain) in [
            ("15k", 15_000.0),
            ("15K", 15_000.0),
            ("2.5M", 2_500_000.0),
            ("1B", 1e9),
            ("1.5e2k", 150_000.0),
            ("3%", 0.03),
            ("12.5 %", 0.125),
            ("0.1%", 0.001),
            ("15,000", 15_000.0),
            ("1,234,567.25", 1_234_567.25),
            ("15_000", 15_000.0),
            ("-2.5k", -2_500.0),
        ] {
            assert_eq!(value(written).to_bits(), f64::to_bits(plain), "{written}");
        }
    }

    #[test]
    fn numbers_written_wrong_say_what_is_allowed() {
        for bad in ["2.5m", "1,5", "15,00", "k", "%", "1.2.3k", "12 k 3"] {
            let e = number(bad, bad).unwrap_err().message;
            assert!(e.contains("15k, 2.5M, 1B or 3%"), "{bad}: {e}");
        }
        let e = number("15k-40k", "15k-40k").unwrap_err().message;
        assert!(e.contains("for a range write \"15k to 40k\""), "{e}");
        let e = number("10-20%", "10-20%").unwrap_err().message;
        assert!(e.contains("for a range write \"10% to 20%\""), "{e}");
        let e = number("-15k-40k", "-15k-40k").unwrap_err().message;
        assert!(e.contains("\"-15k to 40k\""), "{e}");
        for bad in ["1e2147483647k", "2e,001k", "1e-,005"] {
            assert!(number(bad, bad).is_err(), "{bad}");
        }
        assert!(number("-1e-3", "-1e-3").is_ok());
        for money in ["$5", "5 €", "USD 15000", "15k EUR", "£3"] {
            let e = parse_text(money).unwrap_err().message;
            assert!(e.contains("the currency is set once"), "{money}: {e}");
        }
    }

    #[test]
    fn ranges_and_families_take_them_and_keep_the_words() {
        let pairs = [
            ("15k to 40k", "15000 to 40000"),
            ("3% to 5%", "0.03 to 0.05"),
            ("15,000 to 40,000", "15000 to 40000"),
            ("pert(10k, 15k, 40k)", "pert(10000, 15000, 40000)"),
            ("uniform(1%, 2.5%)", "uniform(0.01, 0.025)"),
        ];
        for (words, plain) in pairs {
            let (a, b) = (parse_text(words).unwrap(), parse_text(plain).unwrap());
            for q in [0.01, 0.1, 0.5, 0.9, 0.99] {
                assert_eq!(a.quantile(q).to_bits(), b.quantile(q).to_bits(), "{words}");
            }
            assert_eq!(a.describe(), words);
            assert_eq!(b.describe(), plain);
        }
        assert_eq!(parse_text("2.5M").unwrap().describe(), "2.5M");
        let found = parse_text("12 of 400").unwrap();
        assert!((found.mean() - 13.0 / 402.0).abs() < 1e-15, "Beta(13, 389)");
        assert_eq!(found.describe(), "12 of 400");
        assert!(parse_text("13 of 12").is_err());
        assert_eq!(parse_text("2500000").unwrap().describe(), "2500000");
        let t: toml::Table =
            toml::from_str("x = { p10 = \"10k\", p50 = \"15k\", p90 = 40000 }").unwrap();
        let u: toml::Table =
            toml::from_str("x = { p10 = 10000, p50 = 15000, p90 = 40000 }").unwrap();
        let (a, b) = (from_toml(&t["x"]).unwrap(), from_toml(&u["x"]).unwrap());
        assert_eq!(a.quantile(0.3).to_bits(), b.quantile(0.3).to_bits());
    }
}
