//! The app's settings.

pub struct Settings {
    /// "Share anonymous usage data" in the preferences window.
    pub share_usage: bool,
}

impl Settings {
    pub fn load() -> Settings {
        Settings { share_usage: false }
    }
}
