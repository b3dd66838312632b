//! Integration tests of the `payback` binary, one module per topic.

mod bad_input;
mod determinism;
mod support;
mod worked_cases;
