//! Integration tests of the `payback` binary, one module per topic.

mod bad_input;
mod committed_reports;
mod correlation;
mod data_safety;
mod determinism;
mod dynamics;
mod edge_cases;
mod hand_solved;
mod init;
mod interrupt;
mod own_terms;
mod precision;
mod print;
mod provenance;
mod report_files;
mod reverse_questions;
mod sensitivity;
mod serve;
mod serve_browser;
mod shards;
mod stress;
mod support;
mod what_if;
mod worked_cases;
