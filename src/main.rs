//! `cargo-consent`: the thin binary over the library. See `cargo consent --help`.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(cargo_consent::cli::run(std::env::args_os().collect()))
}
