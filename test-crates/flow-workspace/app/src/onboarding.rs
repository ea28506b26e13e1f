//! Sign-up flow: calls into `sdk` and `user-model` by path, `use` and re-export.

use sdk::events;
use sdk::{Client, PhoneNumber};
use user_model::account::account_id;
use user_model::Profile;

// another crate's sink and source by full paths (`user_model` is package `user-model`)
pub fn full_paths() {
    sdk::events::track("signup", user_model::email_address()); //~ unguarded_share
}

// names imported with `use`
pub fn imported_names() {
    events::track("account", account_id()); //~ unguarded_share
}

// a personal type re-exported across crates: `sdk::PhoneNumber` is `user_model::PhoneNumber`
pub fn reexported_type(number: PhoneNumber) {
    Client::new("app-key").identify(&number.0); //~ unguarded_share
}

// a crate re-exported as a module: `sdk::model` is `user_model`
pub fn reexported_crate() {
    Client::new("app-key").identify(&sdk::model::email_address()); //~ unguarded_share
}

// `sdk`'s prelude glob inside the fn shadows this module's own `track`; `sdk`'s own source
pub fn prelude_glob() {
    use sdk::prelude::*;
    track("install", sdk::install_id()); //~ unguarded_share
}

// a `Classified` field of another crate's struct
pub fn classified_field(profile: &Profile) {
    events::track("profile", &profile.display_name); //~ unguarded_share
}

// its plain sibling
pub fn classified_sibling(profile: &Profile) {
    events::track("profile", &profile.locale);
}

// personal data into an `sdk` helper that shares it: the finding is at its sink in `sdk`
pub fn complete_signup() {
    sdk::events::report_signup(&user_model::email_address());
}

// plain data into another `sdk` helper
pub fn show_home() {
    sdk::events::report_screen("home");
}

// plain data into the sink
pub fn app_opened() {
    sdk::events::track("app_open", user_model::app_version());
}

// a method of `sdk`'s client that is not a sink
pub fn set_locale(profile: &Profile) {
    Client::new("app-key").set_locale(&profile.display_name);
}

/// The app's own local session, with a method named like the SDK's sink.
struct LocalSession;

impl LocalSession {
    /// Remembers the signed-in user on the device.
    fn identify(&self, user: &str) {}
}

/// The app's own `track`, which only counts events on the device.
fn track(name: &str, value: String) {}

// app items named like `sdk`'s sinks are not sinks
pub fn local_namesakes() {
    LocalSession.identify(&user_model::email_address());
    track("signup", user_model::email_address());
}

/// The app's own settings: its `label` holds the user's e-mail address.
pub struct Settings {
    pub label: String,
}

pub fn remember_email(settings: &mut Settings) {
    settings.label = user_model::email_address();
}
