//! The annotated app code the cases share: the signed-in account (personal data), two
//! third-party clients, and checks of every kind: `bool`, `Result` and `Option`, as fields,
//! methods and fns, and an opt-out.

/// The signed-in user.
pub struct Account {
    phone: String,
}

impl Account {
    /// The user's phone number.
    #[consent::personal(contact.phone_number)]
    pub fn phone_number(&self) -> String {
        self.phone.clone()
    }
}

/// The parent company's usage-metrics endpoint.
pub struct Metrics;

impl Metrics {
    /// Sends one usage event to the parent company.
    #[consent::shares(with = "parent_company", purpose = "analytics")]
    pub fn report(&self, event: &str, phone: &str) {
        let _ = (event, phone);
    }
}

/// The ad network's audience API.
pub struct AdNetwork;

impl AdNetwork {
    /// Adds a phone number to the advertisers' targeting audience.
    #[consent::shares(with = "ad_network", purpose = "ads")]
    pub fn upload_audience(&self, phone: &str) {
        let _ = phone;
    }
}

/// What the user chose on the privacy screen.
#[derive(consent::Classified)]
pub struct Settings {
    /// "Share usage analytics".
    #[check(purpose = "analytics")]
    pub share_usage: bool,
    /// "Don't use my data for ads".
    #[opt_out(purpose = "ads")]
    pub ads_opt_out: bool,
    /// The purposes accepted in the consent dialog; read through the methods.
    granted: Vec<String>,
    /// When the user accepted ads, if they did.
    ads_given_at: Option<u64>,
}

impl Settings {
    /// Whether the user accepted analytics.
    #[consent::check(purpose = "analytics")]
    pub fn allows_analytics(&self) -> bool {
        self.granted.iter().any(|purpose| purpose == "analytics")
    }

    /// `Ok` when the user accepted analytics.
    #[consent::check(purpose = "analytics")]
    pub fn analytics_consent(&self) -> Result<(), String> {
        if self.granted.iter().any(|purpose| purpose == "analytics") {
            Ok(())
        } else {
            Err(String::from("analytics was declined"))
        }
    }

    /// When the user accepted ads, `None` if they did not.
    #[consent::check(purpose = "ads")]
    pub fn ads_consent(&self) -> Option<u64> {
        self.ads_given_at
    }
}

/// Whether analytics is on for this installation (set by the installer's consent page).
#[consent::check(purpose = "analytics")]
pub fn analytics_enabled() -> bool {
    std::env::var_os("APP_ANALYTICS").is_some()
}

/// Not a check: whether the device is on Wi-Fi.
pub fn on_wifi() -> bool {
    true
}
