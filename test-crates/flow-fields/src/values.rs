//! Field-sensitivity of values built from personal and plain data. These structs are only
//! ever built with literals, never written field by field.

use crate::{app_version, phone_number, track};

/// A heartbeat the app sends: the user's number and the app's version.
#[derive(Debug, Clone)]
pub struct Heartbeat {
    pub phone: String,
    pub app_version: String,
}

/// A heartbeat with its sequence number.
#[derive(Debug)]
pub struct Envelope {
    pub heartbeat: Heartbeat,
    pub sequence: u32,
}

/// A number with the version it was seen in.
#[derive(Debug)]
pub struct Sighting(pub String, pub String);

/// Builds today's heartbeat.
fn heartbeat() -> Heartbeat {
    Heartbeat {
        phone: phone_number(),
        app_version: app_version(),
    }
}

/// The version a heartbeat carries.
fn version_of(heartbeat: &Heartbeat) -> String {
    heartbeat.app_version.clone()
}

/// The number a heartbeat carries.
fn phone_of(heartbeat: &Heartbeat) -> &str {
    &heartbeat.phone
}

// the whole struct, built in place
pub fn whole_struct() {
    let beat = Heartbeat {
        phone: phone_number(),
        app_version: app_version(),
    };
    track(&beat); //~ unguarded_share
}

// the personal field
pub fn personal_field() {
    let beat = Heartbeat {
        phone: phone_number(),
        app_version: app_version(),
    };
    track(&beat.phone); //~ unguarded_share
}

// the plain sibling field
pub fn plain_field() {
    let beat = Heartbeat {
        phone: phone_number(),
        app_version: app_version(),
    };
    track(&beat.app_version);
}

// a helper that takes the struct and returns its plain field
pub fn helper_returns_plain_field() {
    let beat = heartbeat();
    track(version_of(&beat));
}

// a helper that takes the struct and returns its personal field
pub fn helper_returns_personal_field() {
    let beat = heartbeat();
    track(phone_of(&beat)); //~ unguarded_share
}

// the fields of a struct returned by a helper
pub fn fields_of_returned_struct() {
    track(heartbeat().phone); //~ unguarded_share
    track(heartbeat().app_version);
}

// tuple fields
pub fn tuple_fields() {
    let pair = (phone_number(), app_version());
    track(&pair.0); //~ unguarded_share
    track(&pair.1);
}

// tuple-struct fields
pub fn tuple_struct_fields() {
    let sighting = Sighting(phone_number(), app_version());
    track(&sighting.0); //~ unguarded_share
    track(&sighting.1);
}

// nested struct fields
pub fn nested_fields() {
    let envelope = Envelope {
        heartbeat: heartbeat(),
        sequence: 7,
    };
    track(&envelope.heartbeat.phone); //~ unguarded_share
    track(&envelope.heartbeat.app_version);
    track(envelope.sequence);
}

// a nested struct, and the struct around it, as wholes
pub fn nested_wholes() {
    let envelope = Envelope {
        heartbeat: heartbeat(),
        sequence: 7,
    };
    track(&envelope.heartbeat); //~ unguarded_share
    track(&envelope); //~ unguarded_share
}

// struct update syntax takes the personal field from the base
pub fn struct_update() {
    let next = Heartbeat {
        app_version: String::from("5.13.0"),
        ..heartbeat()
    };
    track(&next.phone); //~ unguarded_share
    track(&next.app_version);
}

// destructuring binds each field's own data
pub fn destructuring() {
    let Heartbeat { phone, app_version } = heartbeat();
    track(phone); //~ unguarded_share
    track(app_version);
}

// tuple destructuring
pub fn tuple_destructuring() {
    let (phone, version) = (phone_number(), app_version());
    track(phone); //~ unguarded_share
    track(version);
}

// a struct of the same type built from plain data only
pub fn built_from_plain_data() {
    let test_beat = Heartbeat {
        phone: String::from("+15555550100"),
        app_version: app_version(),
    };
    track(&test_beat);
    track(&test_beat.phone);
}

// through a std wrapper and its clone (cargo-binstall's `Arc::new(Options { .. })`, cloned
// into each task): each field keeps its own data
pub fn wrapped_and_cloned() {
    let shared = std::sync::Arc::new(Heartbeat {
        phone: phone_number(),
        app_version: app_version(),
    });
    let copy = shared.clone();
    track(&copy.phone); //~ unguarded_share
    track(&copy.app_version);
    let locked = std::sync::Mutex::new(heartbeat());
    if let Ok(beat) = locked.lock() {
        track(&beat.app_version);
    };
}
