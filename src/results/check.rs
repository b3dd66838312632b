//! The deterministic point estimate that `payback check` prints: every input at its mean, every
//! project succeeding, the single number a spreadsheet gives.

use crate::scenario::{Labels, Money, Months, Probability};

/// The point estimate of a scenario, in full.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckEstimate {
    /// The scenario's name.
    pub scenario: String,
    /// Horizon in months.
    pub horizon_months: u32,
    /// Currency of the amounts.
    pub currency: String,
    /// The names the file gives its options and inputs (`label = "..."`).
    pub labels: Labels,
    /// Annual discount rate (the discounted payback is shown when above 0).
    pub discount_rate: f64,
    /// Days in a month, for the payback in days.
    pub days_per_month: f64,
    /// Events in month 0.
    pub volume: f64,
    /// Every option's running cost once live, in file order.
    pub options: Vec<OptionCost>,
    /// Every candidate's outcome, in file order.
    pub candidates: Vec<CandidatePoint>,
}

/// An option's running cost in month 0 once live, with benefits at full ramp.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionCost {
    /// The option's name.
    pub name: String,
    /// Whether it is the baseline.
    pub baseline: bool,
    /// Cost per event.
    pub per_event: Money,
    /// Fixed cost a month (serving, monthly items).
    pub fixed: Money,
    /// Benefits a month.
    pub benefits: Money,
    /// Net cost a month: volume × per event + fixed − benefits.
    pub net: Money,
}

/// A candidate's point-estimate outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct CandidatePoint {
    /// The candidate's name.
    pub name: String,
    /// Upfront investment.
    pub upfront: Money,
    /// Payback in months, `None` for never.
    pub payback_months: Option<Months>,
    /// Discounted payback in months, `None` for never.
    pub discounted_payback_months: Option<Months>,
    /// NPV at the horizon.
    pub npv: Money,
    /// The project's success probability, when it has a project that may fail (the point
    /// estimate assumes it succeeds).
    pub success: Option<Probability>,
}
