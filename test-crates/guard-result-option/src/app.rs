//! The annotated app code the cases share: the signed-in account (personal data), two
//! third-party clients, and consent checks that answer with a `Result` or an `Option`.

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

/// Why a consent lookup said no.
#[derive(Debug)]
pub enum ConsentError {
    NeverAsked,
    Declined,
}

/// When and where the user said yes to ads. Not a token: just a record.
#[derive(Debug, Clone)]
pub struct AdsGrant {
    pub given_at: u64,
}

/// The consent records kept by the consent-management platform.
#[derive(consent::Classified)]
pub struct ConsentStore {
    /// The ads grant, when the user gave one.
    #[check(purpose = "ads")]
    pub ads_grant: Option<AdsGrant>,
    /// Raw records, read through the check methods.
    analytics_answer: Option<bool>,
    ads_given_at: Option<u64>,
}

impl ConsentStore {
    /// `Ok` when the user accepted analytics; the error says why not.
    #[consent::check(purpose = "analytics")]
    pub fn analytics_consent(&self) -> Result<(), ConsentError> {
        match self.analytics_answer {
            Some(true) => Ok(()),
            Some(false) => Err(ConsentError::Declined),
            None => Err(ConsentError::NeverAsked),
        }
    }

    /// The user's ads grant, `None` when they never gave one.
    #[consent::check(purpose = "ads")]
    pub fn ads_consent(&self) -> Option<AdsGrant> {
        self.ads_given_at.map(|given_at| AdsGrant { given_at })
    }
}

/// Not a check: whether the device is on Wi-Fi.
pub fn on_wifi() -> bool {
    true
}

/// Why a sync did not run.
#[derive(Debug)]
pub enum SyncError {
    NoConsent,
    Consent(ConsentError),
}

impl From<ConsentError> for SyncError {
    fn from(error: ConsentError) -> SyncError {
        SyncError::Consent(error)
    }
}
