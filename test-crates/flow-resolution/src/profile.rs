//! Where this fixture's personal data comes from.

/// The number the user signed up with.
#[consent::personal(contact.phone_number)]
pub fn phone_number() -> String {
    String::from("+15555550123")
}

/// The user's e-mail address.
#[consent::personal(contact.email)]
pub fn email_address() -> String {
    String::from("ada@example.com")
}

/// Not personal: the version of this build.
pub fn app_version() -> String {
    String::from("5.12.0")
}
