//! The user's privacy choices, as set in Settings → Privacy.

/// What the user chose. Read on every path that shares data with another company.
#[derive(consent::Classified)]
pub struct Settings {
    /// "Don't use my data for ads": the opt-out the company promised in its privacy policy.
    #[opt_out(purpose = "ads")]
    pub ads_opt_out: bool,
    /// "Find my friends from my contacts".
    #[check(purpose = "friend_suggestions")]
    pub contact_sync: bool,
    /// "Help improve Messenger by sharing usage analytics"; read through `allows_analytics`.
    analytics_consent: bool,
}

impl Settings {
    /// Loads the choices saved on the device; the defaults are the most private ones.
    pub fn load() -> Settings {
        Settings {
            ads_opt_out: true,
            contact_sync: false,
            analytics_consent: false,
        }
    }

    /// Whether the user agreed to share usage analytics.
    #[consent::check(purpose = "analytics")]
    pub fn allows_analytics(&self) -> bool {
        self.analytics_consent
    }
}
