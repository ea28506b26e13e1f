//! The annotated items the cases use: personal sources and third-party sinks.

use std::fmt::Debug;

/// Why reading a stored value failed.
#[derive(Debug)]
pub struct ReadError;

/// The user's phone number.
#[consent::personal(contact.phone_number)]
pub fn phone_number() -> String {
    String::from("+15555550123")
}

/// The user's phone number, read from storage that may fail.
#[consent::personal(contact.phone_number)]
pub fn stored_phone_number() -> Result<String, ReadError> {
    Ok(String::from("+15555550123"))
}

/// The user's phone number, fetched from the account server.
#[consent::personal(contact.phone_number)]
pub async fn fetch_phone_number() -> String {
    String::from("+15555550123")
}

/// The user's e-mail address; called by path (`api::email_address()`) in the cases.
#[consent::personal(contact.email)]
pub fn email_address() -> String {
    String::from("ada@example.com")
}

/// The handset.
pub struct Device;

impl Device {
    /// The hardware identifier, read without an instance.
    #[consent::personal(device.id)]
    pub fn imei() -> String {
        String::from("490154203237518")
    }

    /// The mobile network code of the SIM's carrier.
    #[consent::personal(device.carrier)]
    pub fn carrier_code(&self) -> String {
        String::from("260")
    }
}

/// Sends anything to the analytics vendor.
#[consent::shares(with = "tracker", purpose = "analytics")]
pub fn upload<T: Debug>(data: T) {
    println!("{data:?}");
}

/// Sends a labelled value; only `payload` leaves the app, `trace_label` stays in local logs.
#[consent::shares(with = "tracker", purpose = "analytics", args = ["payload"])]
pub fn upload_labelled<T: Debug>(trace_label: &str, payload: T) {
    println!("{payload:?}");
}

/// A client object for the analytics vendor.
pub struct TrackerClient;

impl TrackerClient {
    /// Sends one event through the client.
    #[consent::shares(with = "tracker", purpose = "analytics")]
    pub fn send<T: Debug>(&self, event: T) {
        println!("{event:?}");
    }
}

/// A value that can send itself to the analytics vendor.
#[derive(Debug)]
pub struct Beacon {
    pub payload: String,
}

impl Beacon {
    /// Sends `self`: whatever the beacon holds leaves the app.
    #[consent::shares(with = "tracker", purpose = "analytics")]
    pub fn transmit(&self) {
        println!("{self:?}");
    }
}

/// A plain helper with no annotation: its result is computed from its argument.
pub fn normalize(raw: &str) -> String {
    raw.replace(' ', "")
}
