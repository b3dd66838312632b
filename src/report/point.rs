//! The deterministic point estimate printed by `payback check`: every input at its mean, every
//! project succeeding: the single number a spreadsheet gives.

use super::factors::Names;
use super::format::{money_cents, months, whole_money};
use crate::results::check::CheckEstimate;
use std::fmt::Write;

/// Renders the point estimate `e`.
pub fn render(e: &CheckEstimate) -> String {
    let cur = &e.currency;
    let names = Names(&e.labels);
    let mut out = String::new();
    let _ = writeln!(out, "{}: the file is valid.", e.scenario);
    let _ = writeln!(
        out,
        "Point estimate (every input at its mean, every project succeeding), horizon {} months:",
        e.horizon_months
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "  month 0, {} events, running costs once live ({cur}; benefits at full ramp):",
        whole_money(e.volume)
    );
    let _ = writeln!(
        out,
        "    {:<24}{:>14}{:>16}{:>16}{:>16}",
        "option", "per event", "fixed a month", "benefits", "net a month"
    );
    for o in &e.options {
        let role = if o.baseline { "  (baseline)" } else { "" };
        let _ = writeln!(
            out,
            "    {:<24}{:>14.4}{:>16}{:>16}{:>16}{role}",
            names.option(&o.name),
            o.per_event,
            money_cents(o.fixed),
            money_cents(o.benefits),
            money_cents(o.net)
        );
    }
    for c in &e.candidates {
        let _ = writeln!(out);
        let _ = writeln!(out, "  {}:", names.option(&c.name));
        let _ = writeln!(
            out,
            "    upfront investment     {:>14} {cur}",
            whole_money(c.upfront)
        );
        let days = c.payback_months.map_or(String::new(), |m| {
            format!(" ({:.2} days)", m * e.days_per_month)
        });
        let unit = if c.payback_months.is_some() {
            " months"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "    payback                {:>14}{unit}{days}",
            months(c.payback_months)
        );
        if c.upfront <= 0.0 {
            let _ = writeln!(
                out,
                "    (no upfront investment: paid back at t = 0 by definition; NPV tells the rest)"
            );
        }
        if e.discount_rate > 0.0 {
            let d = c.discounted_payback_months;
            let unit = if d.is_some() { " months" } else { "" };
            let _ = writeln!(out, "    discounted payback     {:>14}{unit}", months(d));
        }
        let _ = writeln!(
            out,
            "    NPV at the horizon     {:>14} {cur}",
            whole_money(c.npv)
        );
        if let Some(success) = c.success {
            let _ = writeln!(
                out,
                "    (the project succeeds with probability {:.0} %; the point estimate ignores that)",
                100.0 * success
            );
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "`payback run` gives the distribution this single number hides."
    );
    out
}
