//! The annotated app code the cases share: the signed-in account (personal data), three consent
//! tokens (a struct, a tuple struct and an enum), the third-party clients that take them, and the
//! user's choices.

/// The signed-in user.
#[derive(Default)]
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

/// A client for the metrics vendor. Holding one means the user agreed to analytics.
#[consent::token(purpose = "analytics")]
#[derive(Clone, Default)]
pub struct Tracker {
    pub(crate) endpoint: String,
}

impl Tracker {
    /// Connects to the vendor. It creates a token, so only call it once analytics is allowed.
    pub fn connect() -> Tracker {
        Tracker {
            endpoint: String::from("https://metrics.example.com/v1"),
        }
    }

    /// Sends one event to the metrics vendor.
    #[consent::shares(with = "metrics_vendor", purpose = "analytics")]
    pub fn track(&self, event: &str, phone: &str) {
        let _ = (&self.endpoint, event, phone);
    }

    /// A request builder, as generated SDK clients hand out (`client.post_metrics()`).
    pub fn batch(&self) -> Batch {
        Batch {
            events: Vec::new(),
        }
    }
}

/// A request being built on the tracker: it exists only where a tracker does.
pub struct Batch {
    events: Vec<String>,
}

impl Batch {
    pub fn event(mut self, event: String) -> Batch {
        self.events.push(event);
        self
    }

    #[consent::shares(with = "metrics_vendor", purpose = "analytics")]
    pub fn send(self) {
        let _ = self.events;
    }
}

/// A batch built from nothing but a `Default`: no tracker behind it.
impl Default for Batch {
    fn default() -> Batch {
        Batch {
            events: Vec::new(),
        }
    }
}

/// Sends a batch of events to the metrics vendor.
#[consent::shares(with = "metrics_vendor", purpose = "analytics")]
pub fn upload_batch(events: &[String]) {
    let _ = events;
}

/// Proof that the user allowed ads, with the time they did.
#[consent::token(purpose = "ads")]
pub struct AdsConsent(pub u64);

/// How much of the address book the user let friend suggestions read.
#[consent::token(purpose = "friend_suggestions")]
pub enum ContactsAccess {
    All,
    Favourites,
}

/// The parent company's usage-metrics endpoint; it takes no token.
#[derive(Default)]
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
    /// Adds a phone number to the targeting audience; the caller hands over its consent.
    #[consent::shares(with = "ad_network", purpose = "ads")]
    pub fn upload_audience(&self, consent: &AdsConsent, phone: &str) {
        let _ = (consent.0, phone);
    }

    /// Matches a phone number against the advertisers' customer lists.
    #[consent::shares(with = "ad_network", purpose = "ads")]
    pub fn match_customer(&self, phone: &str) {
        let _ = phone;
    }
}

/// The friend-suggestion service.
pub struct FriendFinder;

impl FriendFinder {
    /// Looks up which contacts use the app; the caller hands over the access the user granted.
    #[consent::shares(with = "friend_finder", purpose = "friend_suggestions")]
    pub fn suggest(&self, access: &ContactsAccess, phone: &str) {
        let _ = (access, phone);
    }
}

/// What the user chose on the privacy screen.
pub struct Settings {
    /// The purposes accepted in the consent dialog; read through the check methods.
    granted: Vec<String>,
    /// When the user accepted ads, if they did.
    pub ads_given_at: Option<u64>,
    /// "Suggest friends from all contacts" and "from favourites only".
    pub all_contacts: bool,
    pub favourite_contacts: bool,
}

impl Settings {
    /// Whether the user accepted analytics.
    #[consent::check(purpose = "analytics")]
    pub fn allows_analytics(&self) -> bool {
        self.granted.iter().any(|purpose| purpose == "analytics")
    }

    /// Whether the user accepted ads.
    #[consent::check(purpose = "ads")]
    pub fn allows_ads(&self) -> bool {
        self.ads_given_at.is_some()
    }
}

/// The consents of the current session, set up when the user signs in.
pub struct Session {
    pub ads_consent: Option<AdsConsent>,
    pub contacts_access: Option<ContactsAccess>,
}
