//! Fixture `catalog-sdks`: one module per analytics or error-reporting SDK of the catalog,
//! each with a call behind the app's consent (clean) and one without it (found). Every sink of
//! the catalog is called.

pub mod mixpanel_sdk;
pub mod otel;
pub mod posthog_sdk;
pub mod rudderstack_sdk;
pub mod segment_sdk;
pub mod sentry_sdk;

pub mod config {
    //! The app's settings.

    pub struct Config {
        /// "Share usage analytics" in the settings.
        pub analytics: bool,
        /// "Send crash reports" in the settings.
        pub crash_reports: bool,
        /// The signed-in user's email.
        pub email: String,
    }
}

/// The install id: the machine id.
pub fn install_id() -> String {
    machine_uid::get().unwrap_or_default()
}
