//! Fixture `field-flows`: personal fields and field-sensitivity.
//!
//! Covers reads of `#[personal]` fields of a `#[derive(consent::Classified)]` struct next to
//! non-personal fields of the same struct (including reads through `self` in a method), a
//! personal method next to a non-personal method of the same type, and field-sensitivity of
//! plain struct and tuple values built from personal data: the personal field and the whole
//! value are personal, a sibling field is not.

#![allow(dead_code, unused)]

use std::fmt::Debug;

/// Sends anything to the analytics vendor.
#[consent::shares(with = "tracker", purpose = "analytics")]
pub fn upload<T: Debug>(data: T) {
    println!("{data:?}");
}

/// Today's activity: two personal counters and a non-personal version string.
#[derive(Debug, consent::Classified)]
pub struct UsageStats {
    #[personal(activity.usage)]
    pub messages_sent: u64,
    #[personal(activity.usage)]
    pub minutes_active: u32,
    pub app_version: String,
}

/// The signed-in user's profile: one personal method, one plain one.
pub struct Profile {
    number: String,
    version: String,
}

impl Profile {
    /// The number the user registered with.
    #[consent::personal(contact.phone_number)]
    pub fn phone_number(&self) -> String {
        self.number.clone()
    }

    /// The app version the profile was created with.
    pub fn app_version(&self) -> String {
        self.version.clone()
    }
}

/// A plain struct (no annotation) that carries one personal and one non-personal value.
#[derive(Debug)]
pub struct Payload {
    pub phone: String,
    pub app_version: String,
}

/// A plain struct wrapping a `Payload`.
#[derive(Debug)]
pub struct Envelope {
    pub payload: Payload,
    pub sequence: u32,
}

// Classified fields.

pub fn personal_field(stats: &UsageStats) {
    upload(stats.messages_sent); //~ unguarded_share
}

pub fn personal_field_by_reference(stats: &UsageStats) {
    upload(&stats.minutes_active); //~ unguarded_share
}

pub fn personal_field_through_let(stats: &UsageStats) {
    let sent = stats.messages_sent;
    let label = sent.to_string();
    upload(label); //~ unguarded_share
}

pub fn non_personal_field(stats: &UsageStats) {
    upload(&stats.app_version);
}

pub fn non_personal_field_cloned(stats: &UsageStats) {
    let version = stats.app_version.clone();
    upload(version);
}

impl UsageStats {
    /// Reads a personal field through `self`.
    pub fn report_messages(&self) {
        upload(self.messages_sent); //~ unguarded_share
    }

    /// Reads only the non-personal field through `self`.
    pub fn report_version(&self) {
        upload(&self.app_version);
    }
}

// Personal and non-personal methods of one type.

pub fn personal_method(profile: &Profile) {
    upload(profile.phone_number()); //~ unguarded_share
}

pub fn non_personal_method(profile: &Profile) {
    upload(profile.app_version());
}

// Field-sensitivity of values built from personal data.

pub fn whole_struct(profile: &Profile) {
    let phone = profile.phone_number();
    let app_version = profile.app_version();
    let payload = Payload { phone, app_version };
    upload(&payload); //~ unguarded_share
}

pub fn personal_field_of_struct(profile: &Profile) {
    let phone = profile.phone_number();
    let app_version = profile.app_version();
    let payload = Payload { phone, app_version };
    upload(payload.phone); //~ unguarded_share
}

pub fn other_field_of_struct(profile: &Profile) {
    let phone = profile.phone_number();
    let app_version = profile.app_version();
    let payload = Payload { phone, app_version };
    upload(payload.app_version);
}

pub fn other_field_of_struct_from_classified(profile: &Profile, stats: &UsageStats) {
    let payload = Payload {
        phone: profile.phone_number(),
        app_version: stats.app_version.clone(),
    };
    upload(&payload.app_version);
}

pub fn nested_personal_field(profile: &Profile) {
    let payload = Payload {
        phone: profile.phone_number(),
        app_version: profile.app_version(),
    };
    let envelope = Envelope { payload, sequence: 1 };
    upload(&envelope.payload.phone); //~ unguarded_share
}

pub fn tuple_personal_element(profile: &Profile) {
    let pair = (profile.phone_number(), profile.app_version());
    upload(pair.0); //~ unguarded_share
}

pub fn struct_from_personal_field(stats: &UsageStats) {
    let payload = Payload {
        phone: stats.messages_sent.to_string(),
        app_version: stats.app_version.clone(),
    };
    upload(payload); //~ unguarded_share
}
