//! The spreadsheet exports: `summary.csv` (one row per candidate), `monthly.csv` (one row per
//! candidate and month: payback CDF and cumulative-net percentiles) and `stress.csv`, all
//! written with the `csv` crate ([`Table`]): fields are quoted when they hold a comma, a quote
//! or a line break (RFC 4180), lines end in `\n`; "never" is written as the word.

use crate::results::summary::Summary;

/// A CSV table being written: a header, then rows of fields.
pub struct Table(csv::Writer<Vec<u8>>);

impl Table {
    /// A table with the columns `header`.
    pub fn new(header: &[&str]) -> Self {
        let mut table = Table(csv::Writer::from_writer(Vec::new()));
        table.row(header.iter().map(|h| h.to_string()));
        table
    }

    /// Appends one row.
    pub fn row(&mut self, fields: impl IntoIterator<Item = String>) {
        self.0
            .write_record(fields)
            .expect("writing into memory cannot fail");
    }

    /// The table's text.
    pub fn finish(self) -> String {
        let bytes = self
            .0
            .into_inner()
            .expect("writing into memory cannot fail");
        String::from_utf8(bytes).expect("every field is text")
    }
}

/// Months, or "never".
pub(super) fn months_field(m: Option<f64>) -> String {
    m.map_or_else(|| "never".to_string(), |m| m.to_string())
}

/// One row per candidate with every summary statistic.
pub fn summary_csv(s: &Summary) -> String {
    let mut t = Table::new(&[
        "candidate",
        "baseline",
        "p_success",
        "upfront_mean",
        "upfront_p10",
        "upfront_p50",
        "upfront_p90",
        "payback_p10",
        "payback_p50",
        "payback_p90",
        "p_never",
        "p_never_stderr",
        "npv_mean",
        "npv_mean_stderr",
        "npv_p10",
        "npv_p50",
        "npv_p90",
        "p_best",
        "p_npv_negative",
        "worst_10pct_mean_npv",
        "irr_p_undefined",
        "irr_mean",
        "irr_p10",
        "irr_p50",
        "irr_p90",
        "fte_equivalent",
    ]);
    let opt = |x: Option<f64>| x.map_or_else(String::new, |x| x.to_string());
    for (index, c) in s.candidates.iter().enumerate() {
        let p_best = s
            .best_option_probability
            .get(&c.name)
            .copied()
            .unwrap_or(0.0);
        let (u, p, n) = (&c.upfront, &c.payback_months, &c.npv);
        let irr = c.irr.as_ref().and_then(|i| i.spread.as_ref());
        t.row([
            c.name.clone(),
            c.baseline.clone(),
            c.p_success.to_string(),
            u.mean.to_string(),
            u.p10.to_string(),
            u.p50.to_string(),
            u.p90.to_string(),
            months_field(p.p10),
            months_field(p.p50),
            months_field(p.p90),
            c.p_never.to_string(),
            c.p_never_stderr.to_string(),
            n.mean.to_string(),
            n.mean_stderr.to_string(),
            n.p10.to_string(),
            n.p50.to_string(),
            n.p90.to_string(),
            p_best.to_string(),
            c.downside.p_npv_negative.to_string(),
            c.downside.worst_10pct_mean_npv.to_string(),
            opt(c.irr.as_ref().map(|i| i.p_undefined)),
            opt(irr.map(|r| r.mean)),
            opt(irr.map(|r| r.p10)),
            opt(irr.map(|r| r.p50)),
            opt(irr.map(|r| r.p90)),
            opt(s
                .point_estimate
                .candidates
                .get(index)
                .and_then(|p| p.fte_equivalent)),
        ]);
    }
    t.finish()
}

/// `head-to-head.csv`: one row per pair of the top options, the higher-ranked first: the share
/// of trials where its NPV is higher and the NPV difference's mean and percentiles.
pub fn head_to_head_csv(s: &Summary) -> String {
    let mut t = Table::new(&[
        "a",
        "b",
        "p_a_beats_b",
        "npv_difference_mean",
        "npv_difference_p10",
        "npv_difference_p50",
        "npv_difference_p90",
    ]);
    for h in &s.head_to_head {
        let d = &h.npv_difference;
        t.row([
            h.a.clone(),
            h.b.clone(),
            h.p_a_beats_b.to_string(),
            d.mean.to_string(),
            d.p10.to_string(),
            d.p50.to_string(),
            d.p90.to_string(),
        ]);
    }
    t.finish()
}

/// One row per candidate and whole month: P(paid back by then) and the cumulative net's
/// P10/P50/P90.
pub fn monthly_csv(s: &Summary) -> String {
    let mut t = Table::new(&[
        "candidate",
        "month",
        "p_paid_back",
        "net_p10",
        "net_p50",
        "net_p90",
    ]);
    for c in &s.candidates {
        for (cdf, band) in c.payback_cdf.iter().zip(&c.cumulative_net) {
            t.row([
                c.name.clone(),
                band.month.to_string(),
                cdf[1].to_string(),
                band.p10.to_string(),
                band.p50.to_string(),
                band.p90.to_string(),
            ]);
        }
    }
    t.finish()
}

/// One row per stress case and candidate (the base case first): payback percentiles,
/// P(never), NPV, and the change from the base.
pub fn stress_csv(s: &Summary) -> String {
    let mut t = Table::new(&[
        "case",
        "candidate",
        "payback_p10",
        "payback_p50",
        "payback_p90",
        "p_never",
        "npv_mean",
        "npv_p50",
        "change_payback_p50",
        "change_p_never",
        "change_npv_mean",
        "change_npv_p50",
    ]);
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
            || vec![String::new(); 4],
            |d| {
                vec![
                    d.payback_p50_months
                        .map_or(String::new(), |m| m.to_string()),
                    d.p_never.to_string(),
                    d.npv_mean.to_string(),
                    d.npv_p50.to_string(),
                ]
            },
        );
        let row = [
            case.to_string(),
            c.name.clone(),
            months_field(p.p10),
            months_field(p.p50),
            months_field(p.p90),
            c.p_never.to_string(),
            c.npv.mean.to_string(),
            c.npv.p50.to_string(),
        ];
        t.row(row.into_iter().chain(changes));
    }
    t.finish()
}

#[cfg(test)]
mod tests {
    use super::Table;

    #[test]
    fn fields_with_commas_and_quotes_are_quoted() {
        let mut t = Table::new(&["a", "b"]);
        t.row(["plain".to_string(), "a,b".to_string()]);
        t.row(["say \"hi\"".to_string(), String::new()]);
        assert_eq!(t.finish(), "a,b\nplain,\"a,b\"\n\"say \"\"hi\"\"\",\n");
    }
}
