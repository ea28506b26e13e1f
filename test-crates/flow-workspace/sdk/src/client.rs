//! The SDK's client object.

/// A client bound to the app's API key.
#[derive(Debug)]
pub struct Client {
    api_key: String,
}

impl Client {
    /// A client for this API key.
    pub fn new(api_key: &str) -> Self {
        Client {
            api_key: api_key.to_string(),
        }
    }

    /// Tells the vendor who the user is.
    #[consent::shares(with = "sdk_vendor", purpose = "analytics")]
    pub fn identify(&self, user: &str) {}

    /// Sets the language of the SDK's own UI; stays on the device.
    pub fn set_locale(&self, locale: &str) {}
}
