//! Fuzz target `scenario`: any bytes through the whole path of `payback run`, in memory (see
//! `exercise.rs`). Bytes that are not UTF-8 are skipped: a scenario file must be text, and
//! `payback` refuses other files before parsing them.

#![no_main]

mod exercise;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        exercise::exercise(text);
    }
});
