//! `payback`: a Monte Carlo risk simulator for the decision between prompting a vendor's model,
//! fine-tuning one, or training one from scratch.
//!
//! Data flows one way: a scenario file ([`config`]) becomes a checked [`scenario::Scenario`]
//! whose numbers are [`inputs`]; the [`engine`] runs [`model`] trials in seeded parallel chunks
//! and feeds each finished trial to the [`collect`]ors (outcomes into [`stats`] aggregators,
//! sums by factor for sensitivity); [`analysis`] turns the aggregates
//! into [`results`] (data only: the summary, stress comparisons, sweeps, answers), which
//! [`report`] renders. [`app`] holds the use-cases from a loaded file to results, which [`cli`]
//! drives and renders.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod collect;
pub mod config;
pub mod distribution;
pub mod engine;
pub mod error;
pub mod files;
pub mod init;
pub mod inputs;
pub mod model;
pub mod numbers;
pub mod partial;
pub mod report;
pub mod results;
pub mod scenario;
pub mod serve;
pub mod stats;
pub mod streams;
