//! The command line.

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "telemetry-cli", version)]
pub struct Opt {
    /// Do not send usage analytics.
    #[arg(long)]
    pub no_analytics: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Builds the project.
    Build,
    /// Looks for a newer release.
    Update,
}
