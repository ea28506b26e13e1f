//! Compile tests for the attributes: `ui/pass` must compile, `ui/fail` must fail with exactly the
//! errors in the `.stderr` file beside each input (regenerate with `TRYBUILD=overwrite`, then read
//! every changed message and where it points).

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
