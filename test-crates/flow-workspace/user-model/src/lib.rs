//! Member `user-model` of fixture `flow-workspace`: personal types and sources that the other
//! crates name `user_model::...` (the `-` of the package name read as `_`), directly or through
//! `sdk`'s re-exports. No sink calls here.

#![allow(dead_code, unused)]

/// A phone number: every value is personal.
#[consent::personal(contact.phone_number)]
#[derive(Debug, Clone)]
pub struct PhoneNumber(pub String);

/// The user's e-mail address.
#[consent::personal(contact.email)]
pub fn email_address() -> String {
    String::from("ada@example.com")
}

/// Not personal: the app's version.
pub fn app_version() -> String {
    String::from("5.12.0")
}

/// The user's profile: a personal name and a plain locale.
#[derive(Debug, consent::Classified)]
pub struct Profile {
    #[personal(identity.name)]
    pub display_name: String,
    pub locale: String,
}

/// The account.
pub mod account {
    /// The account id of the signed-in user.
    #[consent::personal(identity.account_id)]
    pub fn account_id() -> u64 {
        8731
    }
}
