//! The spreadsheet exports: `summary.csv` (one row per candidate) and `monthly.csv` (one row per
//! candidate and month: payback CDF and cumulative-net percentiles). Fields are quoted when they
//! hold a comma, a quote or a line break; "never" is written as the word.

use crate::results::summary::Summary;
use std::fmt::Write;

/// One row per candidate with every summary statistic.
pub fn summary_csv(s: &Summary) -> String {
    let mut out = String::from(
        "candidate,baseline,p_success,upfront_mean,upfront_p10,upfront_p50,upfront_p90,\
         payback_p10,payback_p50,payback_p90,p_never,p_never_stderr,\
         npv_mean,npv_mean_stderr,npv_p10,npv_p50,npv_p90,p_best\n",
    );
    for c in &s.candidates {
        let months = |m: Option<f64>| m.map_or_else(|| "never".to_string(), |m| m.to_string());
        let p_best = s
            .best_option_probability
            .get(&c.name)
            .copied()
            .unwrap_or(0.0);
        let (u, p, n) = (&c.upfront, &c.payback_months, &c.npv);
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            field(&c.name),
            field(&c.baseline),
            c.p_success,
            u.mean,
            u.p10,
            u.p50,
            u.p90,
            months(p.p10),
            months(p.p50),
            months(p.p90),
            c.p_never,
            c.p_never_stderr,
            n.mean,
            n.mean_stderr,
            n.p10,
            n.p50,
            n.p90,
            p_best
        );
    }
    out
}

/// One row per candidate and whole month: P(paid back by then) and the cumulative net's
/// P10/P50/P90.
pub fn monthly_csv(s: &Summary) -> String {
    let mut out = String::from("candidate,month,p_paid_back,net_p10,net_p50,net_p90\n");
    for c in &s.candidates {
        for (cdf, band) in c.payback_cdf.iter().zip(&c.cumulative_net) {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{}",
                field(&c.name),
                band.month,
                cdf[1],
                band.p10,
                band.p50,
                band.p90
            );
        }
    }
    out
}

/// A CSV field, quoted when needed (RFC 4180).
/// One row per stress case and candidate (the base case first): payback percentiles,
/// P(never), NPV, and the change from the base.
pub fn stress_csv(s: &Summary) -> String {
    let mut out = String::from(
        "case,candidate,payback_p10,payback_p50,payback_p90,p_never,npv_mean,npv_p50,\
         change_payback_p50,change_p_never,change_npv_mean,change_npv_p50\n",
    );
    let months = |m: Option<f64>| m.map_or_else(|| "never".to_string(), |m| m.to_string());
    let base = s.candidates.iter().map(|c| ("base case", c, None));
    let cases = s.stress.iter().flat_map(|case| {
        case.candidates
            .iter()
            .zip(&case.change_from_base)
            .map(move |(c, d)| (case.name.as_str(), c, Some(d)))
    });
    for (case, c, change) in base.chain(cases) {
        let p = &c.payback_months;
        let changes = change.map_or_else(
            || ",,,".to_string(),
            |d| {
                format!(
                    "{},{},{},{}",
                    d.payback_p50_months
                        .map_or(String::new(), |m| m.to_string()),
                    d.p_never,
                    d.npv_mean,
                    d.npv_p50
                )
            },
        );
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{changes}",
            field(case),
            field(&c.name),
            months(p.p10),
            months(p.p50),
            months(p.p90),
            c.p_never,
            c.npv.mean,
            c.npv.p50
        );
    }
    out
}

pub(super) fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_with_commas_and_quotes_are_quoted() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
