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
        return Ok(Dist::plain(family, format!("{} to {}", fmt(a), fmt(b))));
    }
    let Some(open) = s.find('(') else {
        return number(s, s).map(Dist::constant).map_err(|_| {
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
    Ok(Dist::plain(family, format!("{name}({})", args.join(", "))))
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
fn number(text: &str, form: &str) -> Result<f64, DistError> {
    let cleaned = text.trim().replace('_', "");
    match cleaned.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        _ => Err(DistError::new(format!(
            "`{form}`: `{}` is not a finite number",
            text.trim()
        ))),
    }
}

fn table_number(t: &toml::Table, key: &str, text: &str) -> Result<f64, DistError> {
    match &t[key] {
        toml::Value::Integer(i) => Ok(*i as f64),
        toml::Value::Float(f) if f.is_finite() => Ok(*f),
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
