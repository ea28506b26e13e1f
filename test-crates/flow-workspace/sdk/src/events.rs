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

/// A banner of the SDK's own; its label is not personal.
pub struct Banner {
    pub label: String,
}

/// Shares the label of the banner a callback hands over. The banner's type is lost in the
/// callback, so the `label` read is matched by the field's name: it can be a `Banner`'s, never
/// a field of a type of a crate `sdk` cannot name (`app`'s `Settings::label` holds an e-mail
/// address).
pub fn share_banner_label(pick: impl Fn() -> Banner) {
    let banner = pick();
    track("banner", &banner.label);
}
