//! Structure-aware input: flags and a `consent.toml` generated from the front of the input,
//! naming items of the package that the rest of it holds (mutations of the fixture crates).
#![no_main]

use cargo_consent_fuzz::{harness, structured};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    harness::run(&structured::package(bytes));
});
