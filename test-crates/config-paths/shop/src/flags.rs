//! The binary's command-line flags.

pub struct Flags {
    /// `--no-tracking`: the `[[check]]` `shop::flags::Flags::no_tracking`.
    pub no_tracking: bool,
    pub install_id: String,
}

impl Flags {
    pub fn from_env() -> Flags {
        Flags {
            no_tracking: std::env::args().any(|arg| arg == "--no-tracking"),
            install_id: std::env::args().nth(1).unwrap_or_default(),
        }
    }
}
