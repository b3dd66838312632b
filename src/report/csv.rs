//! The spreadsheet exports: `summary.csv` (one row per candidate), `monthly.csv` (one row per
//! candidate and month: payback CDF and cumulative-net percentiles) and `stress.csv`, all
//! written with the `csv` crate ([`Table`]): fields are quoted when they hold a comma, a quote
//! or a line break (RFC 4180), lines end in `\n`; "never" is written as the word. A figure's
//! 95 % interval is in the two columns beside it, `<name>_ci95_low` and `<name>_ci95_high`.

use crate::results::summary::{Spread, Summary};

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

/// One row of a table, built figure by figure under its column names; a figure with an
/// interval takes two more columns beside it, `<name>_ci95_low` and `<name>_ci95_high`.
#[derive(Default)]
struct Row {
    names: Vec<String>,
    fields: Vec<String>,
}

impl Row {
    fn field(&mut self, name: &str, value: String) {
        self.names.push(name.to_string());
        self.fields.push(value);
    }

    fn number(&mut self, name: &str, value: f64) {
        self.field(name, value.to_string());
    }

    fn with_interval(&mut self, name: &str, value: String, [low, high]: [String; 2]) {
        self.field(name, value);
        self.field(&format!("{name}_ci95_low"), low);
        self.field(&format!("{name}_ci95_high"), high);
    }

    fn number_with_interval(&mut self, name: &str, value: f64, interval: [f64; 2]) {
        self.with_interval(name, value.to_string(), interval.map(|x| x.to_string()));
    }

    fn months_with_interval(&mut self, name: &str, value: Option<f64>, interval: [Option<f64>; 2]) {
        self.with_interval(name, months_field(value), interval.map(months_field));
    }

    /// The mean and percentiles of `spread` as `<name>_mean`, `<name>_p10`, … with their
    /// intervals; empty fields when there is none.
    fn spread(&mut self, name: &str, spread: Option<&Spread>) {
        for (k, figure) in ["mean", "p10", "p50", "p90"].into_iter().enumerate() {
            let column = format!("{name}_{figure}");
            match spread {
                Some(s) => {
                    let (value, interval) = figures(s)[k];
                    self.number_with_interval(&column, value, interval);
                }
                None => self.with_interval(&column, String::new(), Default::default()),
            }
        }
    }
}

/// A spread's mean, P10, P50 and P90, each with its interval.
fn figures(s: &Spread) -> [(f64, [f64; 2]); 4] {
    [
        (s.mean, s.ci95.mean),
        (s.p10, s.ci95.p10),
        (s.p50, s.ci95.p50),
        (s.p90, s.ci95.p90),
    ]
}

/// Rows as a table under the first row's column names; no rows, no table (the report writes
/// a table only when it has rows: every summary has candidates, and stress.csv and
/// head-to-head.csv are left out of a run without stress cases or pairs).
fn table_of(rows: Vec<Row>) -> String {
    let Some(first) = rows.first() else {
        return String::new();
    };
    let mut t = Table::new(&first.names.iter().map(String::as_str).collect::<Vec<_>>());
    for row in rows {
        t.row(row.fields);
    }
    t.finish()
}

/// One row per candidate with every summary statistic, each with its 95 % interval beside it.
pub fn summary_csv(s: &Summary) -> String {
    let rows = s
        .candidates
        .iter()
        .enumerate()
        .map(|(index, c)| {
            let mut row = Row::default();
            row.field("candidate", c.name.clone());
            row.field("baseline", c.baseline.clone());
            row.number_with_interval("p_success", c.p_success, c.p_success_ci95);
            row.spread("upfront", Some(&c.upfront));
            let (p, n) = (&c.payback_months, &c.npv);
            row.months_with_interval("payback_p10", p.p10, p.ci95.p10);
            row.months_with_interval("payback_p50", p.p50, p.ci95.p50);
            row.months_with_interval("payback_p90", p.p90, p.ci95.p90);
            row.number_with_interval("p_never", c.p_never, c.p_never_ci95);
            row.number("p_never_stderr", c.p_never_stderr);
            row.number_with_interval("npv_mean", n.mean, n.ci95.mean);
            row.number("npv_mean_stderr", n.mean_stderr);
            row.number_with_interval("npv_p10", n.p10, n.ci95.p10);
            row.number_with_interval("npv_p50", n.p50, n.ci95.p50);
            row.number_with_interval("npv_p90", n.p90, n.ci95.p90);
            let ranked = s.expected_npv_ranking.iter().find(|r| r.name == c.name);
            row.number_with_interval(
                "p_best",
                ranked.map_or(0.0, |r| r.p_best),
                ranked.map_or([0.0, 0.0], |r| r.p_best_ci95),
            );
            row.number_with_interval("p_npv_negative", n.p_negative, n.p_negative_ci95);
            row.number("worst_10pct_mean_npv", c.downside.worst_10pct_mean_npv);
            let irr = c.irr.as_ref();
            row.with_interval(
                "irr_p_undefined",
                irr.map_or_else(String::new, |i| i.p_undefined.to_string()),
                irr.map_or_else(
                    || [String::new(), String::new()],
                    |i| i.p_undefined_ci95.map(|x| x.to_string()),
                ),
            );
            row.spread("irr", irr.and_then(|i| i.spread.as_ref()));
            row.field(
                "fte_equivalent",
                s.point_estimate
                    .candidates
                    .get(index)
                    .and_then(|p| p.fte_equivalent)
                    .map_or_else(String::new, |x| x.to_string()),
            );
            row
        })
        .collect();
    table_of(rows)
}

/// `head-to-head.csv`: one row per pair of the top options, the higher-ranked first: the share
/// of trials where its NPV is higher and the NPV difference's mean and percentiles.
pub fn head_to_head_csv(s: &Summary) -> String {
    let rows = s
        .head_to_head
        .iter()
        .map(|h| {
            let mut row = Row::default();
            row.field("a", h.a.clone());
            row.field("b", h.b.clone());
            row.number_with_interval("p_a_beats_b", h.p_a_beats_b, h.p_a_beats_b_ci95);
            row.spread("npv_difference", Some(&h.npv_difference));
            row
        })
        .collect();
    table_of(rows)
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
    let base = s.candidates.iter().map(|c| ("base case", c, None));
    let cases = s.stress.iter().flat_map(|case| {
        case.candidates
            .iter()
            .zip(&case.change_from_base)
            .map(move |(c, d)| (case.name.as_str(), c, Some(d)))
    });
    let rows = base
        .chain(cases)
        .map(|(case, c, change)| {
            let mut row = Row::default();
            let p = &c.payback_months;
            row.field("case", case.to_string());
            row.field("candidate", c.name.clone());
            row.field("payback_p10", months_field(p.p10));
            row.months_with_interval("payback_p50", p.p50, p.ci95.p50);
            row.field("payback_p90", months_field(p.p90));
            row.number_with_interval("p_never", c.p_never, c.p_never_ci95);
            row.number_with_interval("npv_mean", c.npv.mean, c.npv.ci95.mean);
            row.number("npv_p50", c.npv.p50);
            let text = |x: Option<f64>| x.map_or_else(String::new, |x| x.to_string());
            row.field(
                "change_payback_p50",
                text(change.and_then(|d| d.payback_p50_months)),
            );
            row.field("change_p_never", text(change.map(|d| d.p_never)));
            row.field("change_npv_mean", text(change.map(|d| d.npv_mean)));
            row.field("change_npv_p50", text(change.map(|d| d.npv_p50)));
            row
        })
        .collect();
    table_of(rows)
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
