//! Advertising: the ad network learns which devices to target, unless the user opted out of ads.

use crate::device::Device;
use crate::settings::Settings;

/// One device in an ad audience: who to target, and on which carrier and in which country.
pub struct Audience {
    pub device_id: String,
    pub carrier_code: String,
    pub country_code: String,
}

/// Client for the ad network's audience API. Everything passed here leaves the app.
pub struct AdsClient {
    endpoint: String,
}

impl AdsClient {
    pub fn new() -> AdsClient {
        AdsClient {
            endpoint: String::from("https://ads.example.net/v2"),
        }
    }

    /// Adds a device to the advertiser's targeting audience.
    #[consent::shares(with = "ad_network", purpose = "ads")]
    pub fn upload_audience(&self, audience: &Audience) {
        println!("POST {}/audience {}", self.endpoint, audience.country_code);
    }

    /// Tells the ad network that this install came from one of its campaigns.
    #[consent::shares(with = "ad_network", purpose = "ads")]
    pub fn report_install(&self, device_id: &str) {
        println!("POST {}/installs", self.endpoint);
    }
}

/// Shares the device with the ad network for targeting. Honours the ads opt-out: clean.
pub fn share_audience(settings: &Settings, device: &Device, ads: &AdsClient) {
    if settings.ads_opt_out {
        return;
    }
    let audience = Audience {
        device_id: device.device_id(),
        carrier_code: device.carrier_code(),
        country_code: device.country_code(),
    };
    ads.upload_audience(&audience);
}

/// Install attribution for the ad campaigns. Also honours the ads opt-out: clean.
pub fn attribute_install(settings: &Settings, device: &Device, ads: &AdsClient) {
    if !settings.ads_opt_out {
        let device_id = device.device_id();
        ads.report_install(&device_id);
    }
}
