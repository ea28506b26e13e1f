//! `cargo-consent`: the thin binary over the library. See `cargo consent --help`.

use std::process::ExitCode;

/// The analysis allocates many small, short-lived values on two threads or more; mimalloc
/// serves them markedly faster than the system allocator (as in ruff and uv).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cargo_consent::memory::disable_transparent_huge_pages();
    ExitCode::from(cargo_consent::cli::run(std::env::args_os().collect()))
}
