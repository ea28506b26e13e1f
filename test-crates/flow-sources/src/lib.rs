//! Fixture `flow-sources`: every kind of source SPEC §4 names, each sent straight to a sink.
//!
//! Covers `personal` fns, methods and associated fns; a `personal` trait method declaration
//! (every impl inherits it) and a `personal` impl method (calls that may reach it); the
//! annotation imported with `use consent::personal` and inside `cfg_attr`; `personal` types
//! (struct, enum, type alias): construction (`Phone(..)`, `Phone::new(..)`, `Phone { .. }`,
//! enum variants), a parameter, `self`, a field, a fn's return value, a typed `let`, wrapped in
//! `Option`/`Vec`, and values that contain one; `Classified` fields read directly, through
//! `self`, by destructuring and nested. Negatives: plain methods and fields next to personal
//! ones, an associated const of a personal type, a plain tuple of the same shape as a personal
//! alias, and plain parameters. Nothing is guarded: every marked case is an `unguarded_share`.

#![allow(dead_code, unused)]

mod model;

use std::fmt::Debug;

use model::{
    account_id, last_fix, lookup_number, map_center, primary_number, BuildInfo, Connection,
    Contact, Coordinates, Describe, Device, Guest, Identified, LastLocation, Member, PhoneNumber,
    PostalAddress, Session,
};

/// Sends a payload to the analytics vendor.
#[consent::shares(with = "segment", purpose = "analytics")]
pub fn upload<T: Debug>(payload: T) {}

// ---- personal fns and methods ----

// a `personal` free fn
pub fn personal_fn() {
    upload(account_id()); //~ unguarded_share
}

// a `personal` method
pub fn personal_method(device: &Device) {
    upload(device.model()); //~ unguarded_share
}

// a plain method of the same type
pub fn plain_method(device: &Device) {
    upload(device.battery_percent());
}

// a `personal` associated fn
pub fn personal_associated_fn() {
    upload(Device::imei()); //~ unguarded_share
}

// ---- personal trait methods ----

// an impl inherits `personal` from the trait's declaration
pub fn trait_declaration_member(member: &Member) {
    upload(member.account_ref()); //~ unguarded_share
}

// so does every other impl
pub fn trait_declaration_guest() {
    upload(Guest.account_ref()); //~ unguarded_share
}

// through a generic bound
pub fn trait_declaration_generic<T: Identified>(who: &T) {
    upload(who.account_ref()); //~ unguarded_share
}

// through `dyn Trait`
pub fn trait_declaration_dyn(who: &dyn Identified) {
    upload(who.account_ref()); //~ unguarded_share
}

// a plain method of the same trait
pub fn trait_plain_method(member: &Member) {
    upload(member.kind());
}

// the one impl annotated `personal`
pub fn annotated_impl(contact: &Contact) {
    upload(contact.describe()); //~ unguarded_share
}

// another impl of the same trait, not annotated
pub fn unannotated_impl(build: &BuildInfo) {
    upload(build.describe());
}

// a `dyn Trait` call may reach the annotated impl
pub fn dyn_reaches_annotated_impl(item: &dyn Describe) {
    upload(item.describe()); //~ unguarded_share
}

// ---- personal types: construction ----

// a tuple-struct constructor
pub fn tuple_struct_construction() {
    upload(PhoneNumber(String::from("+15555550123"))); //~ unguarded_share
}

// `Type::new(..)` returns `Self`
pub fn constructor_fn() {
    let number = PhoneNumber::new("+1 555 555 0123");
    upload(number); //~ unguarded_share
}

// a struct literal
pub fn struct_literal() {
    let home = PostalAddress {
        street: String::from("1 Main St"),
        city: String::from("Springfield"),
    };
    upload(home); //~ unguarded_share
}

// an enum struct variant
pub fn enum_struct_variant() {
    let fix = LastLocation::Precise {
        latitude: 52.52,
        longitude: 13.40,
    };
    upload(fix); //~ unguarded_share
}

// an enum tuple variant
pub fn enum_tuple_variant() {
    upload(LastLocation::City(String::from("Berlin"))); //~ unguarded_share
}

// a unit variant is still a value of the personal type
pub fn enum_unit_variant() {
    upload(LastLocation::Unknown); //~ unguarded_share
}

// an associated const of a personal type is not a value of that type
pub fn associated_const() {
    upload(PhoneNumber::MAX_DIGITS);
}

// ---- personal types: parameters, self, fields, returns ----

// a parameter of the type, in a fn with no callers
pub fn parameter(number: PhoneNumber) {
    upload(number); //~ unguarded_share
}

// a parameter by reference
pub fn parameter_by_reference(home: &PostalAddress) {
    upload(home); //~ unguarded_share
}

// a parameter of an enum type
pub fn enum_parameter(location: &LastLocation) {
    upload(location); //~ unguarded_share
}

// a parameter of a type alias
pub fn alias_parameter(fix: Coordinates) {
    upload(fix); //~ unguarded_share
}

// a method's result computed from a personal value
pub fn method_on_parameter(number: &PhoneNumber) {
    upload(number.country_code()); //~ unguarded_share
}

// a parameter of a container of the type
pub fn vec_parameter(numbers: Vec<PhoneNumber>) {
    upload(&numbers); //~ unguarded_share
}

// a plain parameter is not personal
pub fn plain_parameter(build: &BuildInfo, label: &str) {
    upload(build);
    upload(label);
}

impl PostalAddress {
    // `self` of a personal type
    pub fn report(&self) {
        upload(self); //~ unguarded_share
    }

    // a field of `self`, read from a personal value
    pub fn report_city(&self) {
        upload(&self.city); //~ unguarded_share
    }
}

// a field whose type is personal
pub fn personal_typed_field(contact: &Contact) {
    upload(&contact.phone); //~ unguarded_share
}

// a sibling field of a plain type
pub fn plain_field(contact: &Contact) {
    upload(&contact.ringtone);
}

// a value that contains a field of a personal type
pub fn value_containing_personal_field(contact: &Contact) {
    upload(contact); //~ unguarded_share
}

// a fn whose return type is personal
pub fn return_type() {
    upload(primary_number()); //~ unguarded_share
}

// a fn returning `Option` of the type
pub fn option_return_type() {
    upload(lookup_number("mum")); //~ unguarded_share
}

// a fn returning the type alias
pub fn alias_return_type() {
    upload(last_fix()); //~ unguarded_share
}

// a `let` declared with the alias
pub fn alias_let() {
    let here: Coordinates = (48.85, 2.35);
    upload(here); //~ unguarded_share
}

// a plain tuple of the alias's shape is not personal
pub fn plain_tuple_of_same_shape() {
    upload(map_center());
    let origin: (f64, f64) = (0.0, 0.0);
    upload(origin);
}

// ---- Classified fields ----

// a `#[personal]` field
pub fn classified_field(session: &Session) {
    upload(&session.ip_address); //~ unguarded_share
}

// a `#[personal]` field through a method call
pub fn classified_field_converted(session: &Session) {
    upload(session.account_id.to_string()); //~ unguarded_share
}

// sibling fields without `#[personal]`
pub fn classified_sibling_fields(session: &Session) {
    upload(&session.app_version);
    upload(session.started_at);
}

// a `#[personal]` field bound by destructuring
pub fn classified_field_destructured(session: Session) {
    let Session { ip_address, .. } = session;
    upload(ip_address); //~ unguarded_share
}

// a plain field bound by destructuring
pub fn classified_sibling_destructured(session: Session) {
    let Session {
        app_version,
        started_at,
        ..
    } = session;
    upload(app_version);
    upload(started_at);
}

// a `#[personal]` field of a nested struct
pub fn classified_nested_field(connection: &Connection) {
    upload(connection.session.account_id); //~ unguarded_share
}

// a plain field next to the nested struct
pub fn classified_nested_sibling(connection: &Connection) {
    upload(connection.retries);
    upload(&connection.session.app_version);
}

// the whole struct carries its `#[personal]` fields
pub fn classified_whole_struct(session: &Session) {
    upload(session); //~ unguarded_share
}

impl Session {
    // a `#[personal]` field through `self`
    pub fn report_ip(&self) {
        upload(&self.ip_address); //~ unguarded_share
    }

    // a plain field through `self`
    pub fn report_version(&self) {
        upload(&self.app_version);
    }
}

/// The attribute imported by name and behind `cfg_attr`.
pub mod annotation_forms {
    use consent::personal;

    /// The device's host name, annotated as `personal` after `use consent::personal`.
    #[personal(device.hostname)]
    pub fn hostname() -> String {
        String::from("adas-laptop")
    }

    /// The carrier's network code, annotated through `cfg_attr` (true in every build but tests).
    #[cfg_attr(not(test), consent::personal(device.carrier))]
    pub fn carrier_code() -> String {
        String::from("26201")
    }

    // a source annotated after `use consent::personal`
    pub fn imported_attribute() {
        super::upload(hostname()); //~ unguarded_share
    }

    // a source annotated inside `cfg_attr`
    pub fn cfg_attr_annotation() {
        super::upload(carrier_code()); //~ unguarded_share
    }
}
