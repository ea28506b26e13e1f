//! Fixture `flow-fields`: field-sensitivity and writes into fields.
//!
//! Covers (`values.rs`) values built from personal and plain data: the whole value and its
//! personal field are personal, a plain sibling is not, for struct, tuple, tuple-struct and
//! nested fields, struct update syntax, destructuring, and across helpers that take or return
//! the struct, and through `Arc::new`, `.clone()` and `Mutex::new(..).lock()`. Then
//! (`writes.rs`) fields set by the type's own constructor and read by a method with no caller,
//! and fields written after construction: `self.x = personal` in one method read in another,
//! a setter called with personal data, `.push(personal)` into a `Vec` field, a field written
//! through a `&mut` parameter, and out-parameters (`&mut Vec`, `&mut String`, `&mut Option`),
//! each next to a sibling field or a buffer filled with plain data. Then (`statics.rs`) a `static` filled with personal data in one fn and shared from
//! another, next to one that only holds plain data. Nothing is guarded: every marked case is
//! an `unguarded_share`.

#![allow(dead_code, unused)]

mod statics;
mod values;
mod writes;

use std::fmt::Debug;

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

/// Not personal: the app's version.
pub fn app_version() -> String {
    String::from("5.12.0")
}

/// Sends one analytics payload to the vendor.
#[consent::shares(with = "parent_company", purpose = "analytics")]
pub fn track<T: Debug>(payload: T) {}
