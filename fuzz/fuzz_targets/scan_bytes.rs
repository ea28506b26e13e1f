//! Arbitrary bytes as a package (`//@ PATH` lines start files; see the harness) through the
//! whole pipeline and every report format.
#![no_main]

use cargo_consent_fuzz::harness::{self, Flags, Package};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let flags = Flags {
        include_tests: true,
        suspect_names: true,
        ..Flags::default()
    };
    harness::run(&Package::from_bytes(bytes, flags));
});
