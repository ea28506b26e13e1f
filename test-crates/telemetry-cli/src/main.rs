//! Fixture `telemetry-cli`: the shape of issue 5's acceptance test. A CLI with Segment-style
//! analytics from a vendor SDK behind `--no-analytics`, the machine id as install id, and an
//! update check that sends the install id without asking. Nothing here is annotated: the
//! crate's consent.toml describes the SDK, the source, the flag and the update server.

#![allow(dead_code)]

mod cli;
mod telemetry;

use clap::Parser;

fn main() {
    let opt = cli::Opt::parse();
    match opt.command {
        cli::Command::Build => {
            telemetry::report_command(&opt, "build");
            if std::panic::catch_unwind(|| ()).is_err() {
                telemetry::report_crash(&opt, "build failed");
            }
        }
        cli::Command::Update => {
            if telemetry::check_for_updates(&opt) {
                println!("{}", telemetry::release_notes());
            }
        }
    }
}
