//! Every input in `fuzz/regressions/` that once crashed a fuzz target, replayed through the
//! fuzz harness itself (`fuzz/src/`): the whole pipeline and every report format, with the
//! harness's checks (machine formats are JSON, locations lie in their files, every fingerprint
//! is unique). A crash the fuzzer finds is copied into `bytes/` or `structured/` (after its
//! target) with a name that says what it was.

#[path = "../fuzz/src/harness.rs"]
mod harness;
#[path = "../fuzz/src/structured.rs"]
mod structured;

use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&directory)
        .into_iter()
        .flatten()
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    inputs.sort();
    inputs
}

/// One test for both targets: the harness writes each package into a directory of this
/// process, so the inputs run one at a time.
#[test]
fn every_input_that_once_crashed_the_fuzzer_now_runs_clean() {
    let bytes_inputs = inputs("bytes");
    let structured_inputs = inputs("structured");
    assert!(
        !bytes_inputs.is_empty(),
        "no regression inputs in fuzz/regressions/bytes"
    );
    for input in bytes_inputs {
        let bytes = std::fs::read(&input).expect("the input can be read");
        // The flags of the scan_bytes target.
        let flags = harness::Flags {
            include_tests: true,
            suspect_names: true,
            ..harness::Flags::default()
        };
        harness::run(&harness::Package::from_bytes(&bytes, flags));
    }
    for input in structured_inputs {
        let bytes = std::fs::read(&input).expect("the input can be read");
        harness::run(&structured::package(&bytes));
    }
}
