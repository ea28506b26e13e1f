//! The annotated items the cases use: a personal source, sinks for two purposes and two
//! recipients, and checks and opt-outs as fns, methods and `Classified` fields.

use std::fmt::Debug;

/// The user's phone number.
#[consent::personal(contact.phone_number)]
pub fn phone_number() -> String {
    String::from("+15555550123")
}

/// Sends data to the parent company for analytics.
#[consent::shares(with = "parent_company", purpose = "analytics")]
pub fn report_metrics<T: Debug>(data: T) {
    println!("{data:?}");
}

/// Sends data to the metrics vendor for analytics.
#[consent::shares(with = "metrics_vendor", purpose = "analytics")]
pub fn send_to_metrics_vendor<T: Debug>(data: T) {
    println!("{data:?}");
}

/// Client for the ad network.
pub struct AdsClient;

impl AdsClient {
    /// Adds data to the advertiser's targeting audience.
    #[consent::shares(with = "ad_network", purpose = "ads")]
    pub fn upload_audience<T: Debug>(&self, data: T) {
        println!("{data:?}");
    }
}

/// Whether the user agreed to analytics.
#[consent::check(purpose = "analytics")]
pub fn analytics_allowed() -> bool {
    false
}

/// Whether the user agreed to ads.
#[consent::check(purpose = "ads")]
pub fn ads_allowed() -> bool {
    false
}

/// Whether the user opted out of ads.
#[consent::opt_out(purpose = "ads")]
pub fn ads_opted_out() -> bool {
    true
}

/// Whether the user agreed to analytics by the metrics vendor, and only by it.
#[consent::check(purpose = "analytics", with = "metrics_vendor")]
pub fn metrics_vendor_allowed() -> bool {
    false
}

/// Whether the user accepted all sharing ("accept all" on the consent screen).
#[consent::check]
pub fn accepted_all() -> bool {
    false
}

/// Not a check: whether the device is on Wi-Fi.
pub fn on_wifi() -> bool {
    true
}

/// Not a check: whether this is a debug build.
pub fn is_debug_build() -> bool {
    cfg!(debug_assertions)
}

/// The user's choices, with a check and an opt-out as fields and as methods.
#[derive(consent::Classified)]
pub struct Settings {
    #[opt_out(purpose = "ads")]
    pub ads_opt_out: bool,
    #[check(purpose = "analytics")]
    pub analytics_consent: bool,
    /// Not a check: the user's theme choice.
    pub dark_mode: bool,
}

impl Settings {
    /// Whether the user agreed to analytics.
    #[consent::check(purpose = "analytics")]
    pub fn allows_analytics(&self) -> bool {
        self.analytics_consent
    }

    /// Whether the user turned on "limit ad tracking".
    #[consent::opt_out(purpose = "ads")]
    pub fn limits_ad_tracking(&self) -> bool {
        self.ads_opt_out
    }
}
