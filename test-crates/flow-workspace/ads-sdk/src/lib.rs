//! Member `ads-sdk` of fixture `flow-workspace`: the ad network's SDK, which `app` depends on
//! under another name (`ads = { package = "ads-sdk", .. }`). No sink calls here.

#![allow(dead_code, unused)]

/// The ad network's audience API.
#[derive(Debug, Default)]
pub struct AudienceClient;

impl AudienceClient {
    /// Adds a person to the advertiser's matching audience.
    #[consent::shares(with = "ad_network", purpose = "ads")]
    pub fn add_to_audience(&self, member: &str) {}

    /// Remembers a person on the device, to skip them next time; nothing is sent.
    pub fn remember_locally(&self, member: &str) {}
}

/// Connects to the ad network.
pub fn connect() -> AudienceClient {
    AudienceClient
}
