//! Events: the SDK's sink fn and helpers that share what they are given.

use std::fmt::Debug;

/// Sends a named event with its properties to the vendor.
#[consent::shares(with = "sdk_vendor", purpose = "analytics")]
pub fn track<T: Debug>(name: &str, properties: T) {}

/// Reports a sign-up with the user's e-mail address. `app` passes personal data.
pub fn report_signup(email: &str) {
    track("signup", email); //~ unguarded_share
}

/// Reports a screen view. `app` passes only screen names.
pub fn report_screen(screen: &str) {
    track("screen", screen);
}
