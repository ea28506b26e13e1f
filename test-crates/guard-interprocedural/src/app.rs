//! The annotated app code the cases share: the signed-in account (personal data), two
//! third-party clients, and the user's choices.

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
    /// "Don't use my data for ads".
    #[opt_out(purpose = "ads")]
    pub ads_opt_out: bool,
    /// The purposes accepted in the consent dialog; read through the check methods.
    granted: Vec<String>,
}

impl Settings {
    /// Whether the user accepted analytics.
    #[consent::check(purpose = "analytics")]
    pub fn allows_analytics(&self) -> bool {
        self.granted.iter().any(|purpose| purpose == "analytics")
    }

    /// Whether the user pressed "accept all" in the consent dialog.
    #[consent::check]
    pub fn accepted_all(&self) -> bool {
        self.granted.iter().any(|purpose| purpose == "all")
    }
}
