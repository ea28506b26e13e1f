//! The annotated app code the cases share: the signed-in account (personal data), shares for
//! four purposes and two analytics recipients, and checks and opt-outs for one purpose, for one
//! purpose and recipient, for one recipient, and for everything.

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

/// The metrics vendor's SDK.
pub struct Vendor;

impl Vendor {
    /// Sends one event to the metrics vendor.
    #[consent::shares(with = "metrics_vendor", purpose = "analytics")]
    pub fn track(&self, event: &str, phone: &str) {
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

/// The friend-suggestion service.
pub struct FriendFinder;

impl FriendFinder {
    /// Looks up which of the user's contacts use the app.
    #[consent::shares(with = "friend_finder", purpose = "friend_suggestions")]
    pub fn suggest(&self, phone: &str) {
        let _ = phone;
    }
}

/// The crash-reporting service.
pub struct CrashReporter;

impl CrashReporter {
    /// Uploads a crash report with the user's details attached.
    #[consent::shares(with = "crash_vendor", purpose = "crash_reporting")]
    pub fn send(&self, report: &str, phone: &str) {
        let _ = (report, phone);
    }
}

/// What the user chose on the privacy screen.
#[derive(consent::Classified)]
pub struct Settings {
    /// "Don't use my data for ads".
    #[opt_out(purpose = "ads")]
    pub ads_opt_out: bool,
    /// "Let our metrics vendor analyse my usage".
    #[check(purpose = "analytics", with = "metrics_vendor")]
    pub vendor_analytics: bool,
    /// "Don't share my usage with the parent company".
    #[opt_out(purpose = "analytics", with = "parent_company")]
    pub no_parent_sharing: bool,
    /// "Don't share anything with anyone".
    #[opt_out]
    pub do_not_share: bool,
    /// The purposes and recipients accepted in the consent dialog; read through the methods.
    granted: Vec<String>,
}

impl Settings {
    /// Whether the user accepted analytics, by anyone.
    #[consent::check(purpose = "analytics")]
    pub fn allows_analytics(&self) -> bool {
        self.accepted("analytics")
    }

    /// Whether the user accepted ads.
    #[consent::check(purpose = "ads")]
    pub fn allows_ads(&self) -> bool {
        self.accepted("ads")
    }

    /// Whether the user accepted analytics by the metrics vendor, and only by it.
    #[consent::check(purpose = "analytics", with = "metrics_vendor")]
    pub fn allows_vendor_analytics(&self) -> bool {
        self.accepted("analytics:metrics_vendor")
    }

    /// Whether the user trusts the metrics vendor with anything.
    #[consent::check(with = "metrics_vendor")]
    pub fn trusts_metrics_vendor(&self) -> bool {
        self.accepted("*:metrics_vendor")
    }

    /// Whether the user pressed "accept all".
    #[consent::check]
    pub fn accepted_all(&self) -> bool {
        self.accepted("*")
    }

    fn accepted(&self, entry: &str) -> bool {
        self.granted.iter().any(|granted| granted == entry)
    }
}

/// Whether the browser sent the Global Privacy Control signal: no sharing at all.
#[consent::opt_out]
pub fn global_privacy_control() -> bool {
    std::env::var_os("SEC_GPC").is_some()
}
