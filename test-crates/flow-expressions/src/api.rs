//! The annotated items the cases use: personal sources, plain values, one sink, and a
//! `declassify` fn.

use std::fmt::Debug;

/// Why reading stored data failed.
#[derive(Debug)]
pub struct StorageError;

/// The user's phone number.
#[consent::personal(contact.phone_number)]
pub fn phone_number() -> String {
    String::from("+15555550123")
}

/// The phone number, if the user gave one.
#[consent::personal(contact.phone_number)]
pub fn maybe_phone_number() -> Option<String> {
    Some(phone_number())
}

/// The phone number, read from storage that may fail.
#[consent::personal(contact.phone_number)]
pub fn stored_phone_number() -> Result<String, StorageError> {
    Ok(phone_number())
}

/// The phone number, fetched from the account server.
#[consent::personal(contact.phone_number)]
pub async fn fetch_phone_number() -> String {
    phone_number()
}

/// The numbers in the user's address book.
#[consent::personal(contact.address_book)]
pub fn contacts() -> Vec<String> {
    vec![String::from("+15555550100"), String::from("+15555550101")]
}

/// The user's year of birth.
#[consent::personal(identity.date_of_birth)]
pub fn birth_year() -> u32 {
    1990
}

/// Not personal: the app's version.
pub fn app_version() -> String {
    String::from("5.12.0")
}

/// Not personal: the app's version, fetched from the update server.
pub async fn fetch_app_version() -> String {
    app_version()
}

/// Sends one analytics event to the vendor.
#[consent::shares(with = "segment", purpose = "analytics")]
pub fn track<T: Debug>(event: T) {}

/// The country calling code of a number, like `+44`.
#[consent::declassify(reason = "a country calling code is shared by millions of people")]
pub fn country_calling_code(phone: &str) -> String {
    phone.chars().take(3).collect()
}

/// An analytics event.
#[derive(Debug)]
pub enum Event {
    Signup {
        phone: String,
        referrer: Option<String>,
    },
    Call(String),
    AppOpened,
}

/// An event as a plain struct.
#[derive(Debug)]
pub struct SignupEvent {
    pub name: &'static str,
    pub phone: String,
}
