//! The command line.

/// The options the shop was started with.
pub struct Opt {
    /// `--no-analytics`: the `[[check]]` `Opt::no_analytics`.
    pub no_analytics: bool,
    /// `--no-ads`: the `[[check]]` `cli::Opt::no_ads`.
    pub no_ads: bool,
}
