//! What `payback` computes, as data: the [`Summary`] of a run (the schema of `summary.json`)
//! with its stress comparisons, sensitivity and value of information, a sweep's points, the
//! answers of `payback solve`, the point estimate of `payback check` and the trials of
//! `samples.csv`, the precision a run reached, and where a summary comes from. [`crate::analysis`] builds them and [`crate::report`] renders
//! them; nothing here computes.

pub mod check;
pub mod precision;
pub mod provenance;
pub mod samples;
pub mod sensitivity;
pub mod solve;
pub mod stress;
pub mod summary;
pub mod sweep;
pub mod value_of_information;

pub use summary::Summary;
