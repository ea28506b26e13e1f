//! The annotated app code the cases share: users with personal fields and their own choices
//! (checks and an opt-out), and two third-party clients.

/// One user of the app, with the choices they made.
#[derive(consent::Classified)]
pub struct User {
    /// The user's phone number.
    #[personal(contact.phone_number)]
    pub phone: String,
    /// The user's advertising id.
    #[personal(device.id)]
    pub advertising_id: String,
    /// "Don't use my data for ads".
    #[opt_out(purpose = "ads")]
    pub ads_opt_out: bool,
    /// Not a check: whether the user was active this week.
    pub active: bool,
    /// The purposes the user accepted in the consent dialog; read through the check methods.
    granted: Vec<String>,
}

impl User {
    /// Whether the user accepted ads.
    #[consent::check(purpose = "ads")]
    pub fn allows_ads(&self) -> bool {
        self.granted.iter().any(|purpose| purpose == "ads")
    }

    /// Whether the user accepted analytics.
    #[consent::check(purpose = "analytics")]
    pub fn allows_analytics(&self) -> bool {
        self.granted.iter().any(|purpose| purpose == "analytics")
    }
}

/// The parent company's usage-metrics endpoint.
pub struct Metrics;

impl Metrics {
    /// Sends one usage event to the parent company.
    #[consent::shares(with = "parent_company", purpose = "analytics")]
    pub fn report(&self, event: &str, id: &str) {
        let _ = (event, id);
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
