//! Two unrelated types that both have a `send` method: only `AnalyticsClient::send` shares
//! data. Calls are told apart by the receiver's type.

use crate::profile::phone_number;

/// The analytics vendor's client.
#[derive(Debug, Default)]
pub struct AnalyticsClient {
    pub endpoint: String,
}

impl AnalyticsClient {
    /// A client for the default endpoint.
    pub fn new() -> Self {
        Self {
            endpoint: String::from("https://collect.example.com"),
        }
    }

    /// The same client, pointed at another endpoint (a builder step).
    pub fn with_endpoint(mut self, endpoint: &str) -> Self {
        self.endpoint = endpoint.to_string();
        self
    }

    /// Sends one event to the vendor.
    #[consent::shares(with = "segment", purpose = "analytics")]
    pub fn send(&self, event: &str) {}

    // `self.send` in the client's own impl: the receiver is `Self`
    pub fn send_signup(&self) {
        self.send(&phone_number()); //~ unguarded_share
    }

    // `Self::send(self, ..)`: the method by its `Self::` path
    pub fn send_signup_by_path(&self) {
        Self::send(self, &phone_number()); //~ unguarded_share
    }

    // `Self::new()` as the receiver
    pub fn send_from_fresh_client() {
        Self::new().send(&phone_number()); //~ unguarded_share
    }
}

/// The app's local log file. Its `send` appends a line on the device.
#[derive(Debug, Default)]
pub struct LocalLog {
    pub path: String,
}

impl LocalLog {
    /// A log in the app's data directory.
    pub fn new() -> Self {
        Self {
            path: String::from("app.log"),
        }
    }

    /// Appends one line to the log file; nothing leaves the device.
    pub fn send(&self, line: &str) {}

    // `self.send` in the log's impl is the log's own method
    pub fn log_signup(&self) {
        self.send(&phone_number());
    }

    // `Self::new()` here is a `LocalLog`
    pub fn log_from_fresh_log() {
        Self::new().send(&phone_number());
    }
}

/// The app's service handles, as fields of known types.
#[derive(Debug, Default)]
pub struct Services {
    pub analytics: AnalyticsClient,
    pub log: LocalLog,
    pub optional_analytics: Option<AnalyticsClient>,
    pub optional_log: Option<LocalLog>,
}

/// The shared analytics client.
pub fn analytics_client() -> AnalyticsClient {
    AnalyticsClient::new()
}

/// The shared local log.
pub fn local_log() -> LocalLog {
    LocalLog::new()
}
