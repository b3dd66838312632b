//! The deterministic point estimate printed by `payback check`: every input at its mean, every
//! project succeeding: the single number a spreadsheet gives.

use super::format::{money, money_cents, months};
use crate::model::{CostState, TrialRunner};
use crate::scenario::Scenario;
use std::fmt::Write;

/// Renders the point estimate of `scenario`.
pub fn render(scenario: &Scenario) -> String {
    let mut runner = TrialRunner::new(scenario);
    let outcomes = runner.run_point_estimate().to_vec();
    let cur = &scenario.currency;
    let mut out = String::new();
    let _ = writeln!(out, "{}: the file is valid.", scenario.name);
    let _ = writeln!(
        out,
        "Point estimate (every input at its mean, every project succeeding), horizon {} months:",
        scenario.horizon_months
    );
    let _ = writeln!(out);
    let volume = runner.volume(0);
    let _ = writeln!(
        out,
        "  month 0, {} events, running costs once live ({cur}; benefits at full ramp):",
        money(volume)
    );
    let _ = writeln!(
        out,
        "    {:<24}{:>14}{:>16}{:>16}{:>16}",
        "option", "per event", "fixed a month", "benefits", "net a month"
    );
    for (i, option) in scenario.options.iter().enumerate() {
        let cost = runner.running_cost(i);
        let role = if i == scenario.baseline {
            "  (baseline)"
        } else {
            ""
        };
        let state = CostState::default();
        let per_event = cost.per_event(option, runner.draws(), 0, state);
        let fixed = cost.fixed(volume);
        let benefits = option
            .benefits
            .iter()
            .map(|b| b.monthly.get(runner.draws()))
            .sum::<f64>()
            + 0.0;
        let _ = writeln!(
            out,
            "    {:<24}{per_event:>14.4}{:>16}{:>16}{:>16}{role}",
            option.name,
            money_cents(fixed),
            money_cents(benefits),
            money_cents(volume * per_event + fixed - benefits)
        );
    }
    for (slot, c) in scenario.candidates().enumerate() {
        let o = &outcomes[slot];
        let option = &scenario.options[c];
        let _ = writeln!(out);
        let _ = writeln!(out, "  {}:", option.name);
        let _ = writeln!(
            out,
            "    upfront investment     {:>14} {cur}",
            money(o.upfront)
        );
        let payback = o.payback.is_finite().then_some(o.payback);
        let days = payback.map_or(String::new(), |m| {
            format!(" ({:.2} days)", m * scenario.days_per_month)
        });
        let unit = if payback.is_some() { " months" } else { "" };
        let _ = writeln!(
            out,
            "    payback                {:>14}{unit}{days}",
            months(payback)
        );
        if o.upfront <= 0.0 {
            let _ = writeln!(
                out,
                "    (no upfront investment: paid back at t = 0 by definition; NPV tells the rest)"
            );
        }
        if scenario.discount_rate > 0.0 {
            let d = o
                .discounted_payback
                .is_finite()
                .then_some(o.discounted_payback);
            let unit = if d.is_some() { " months" } else { "" };
            let _ = writeln!(out, "    discounted payback     {:>14}{unit}", months(d));
        }
        let _ = writeln!(out, "    NPV at the horizon     {:>14} {cur}", money(o.npv));
        if let Some(p) = &option.project {
            let success = scenario.inputs.get(p.success).dist.mean();
            if success < 1.0 {
                let _ = writeln!(
                    out,
                    "    (the project succeeds with probability {:.0} %; the point estimate ignores that)",
                    100.0 * success
                );
            }
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "`payback run` gives the distribution this single number hides."
    );
    out
}
