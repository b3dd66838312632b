//! The model of one trial: sampled inputs → each option's running cost → each candidate's cash
//! path against the baseline → payback, NPV and investment.

mod block;
mod cash_path;
mod events;
mod irr;
mod running_cost;
mod timeline;
mod trial;
mod walk;

pub use block::FinishedBlock;
pub use cash_path::CashPath;
pub use irr::{IrrScratch, annual_irr, annual_irrs_in};
pub use running_cost::{CostState, RunningCost};
pub use trial::{FinishedTrial, Outcome, TrialRunner};
