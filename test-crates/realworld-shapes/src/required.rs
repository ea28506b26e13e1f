//! Two switches for one purpose, one of them the user's choice (risingwave: the config file's
//! `telemetry_enabled`, and the `ENABLE_TELEMETRY` environment variable). The config marks the
//! setting `required = true`: a ping that checks only the environment variable ignores the
//! user's choice, the way risingwave's Scarf ping does.

/// The app's settings, as the user wrote them.
pub struct Settings {
    /// `[[check]]`, required: the user's choice.
    pub telemetry_enabled: bool,
}

/// `[[check]]`, not required: a second switch.
pub fn env_enabled() -> bool {
    std::env::var("ENABLE_TELEMETRY").map_or(true, |value| value != "false")
}

#[consent::shares(with = "gateway", purpose = "product_improvement")]
fn ping(_os: String) {}

/// The OS name: personal data.
#[consent::personal(device.info)]
fn os_name() -> String {
    String::from("linux")
}

/// Both switches.
pub fn report(settings: &Settings) {
    if settings.telemetry_enabled && env_enabled() {
        ping(os_name());
    }
}

/// The setting alone.
pub fn report_on_setting(settings: &Settings) {
    if settings.telemetry_enabled {
        ping(os_name());
    }
}

/// The environment variable alone: the user's setting is not asked.
pub fn ping_on_env() {
    if env_enabled() {
        ping(os_name()); //~ unguarded_share
    }
}
