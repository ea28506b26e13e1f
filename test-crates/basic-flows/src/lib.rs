//! Fixture `basic-flows`: how personal data propagates inside one function.
//!
//! One case per propagation form (each expects `unguarded_share` on its sink line): direct
//! use, `let`, assignment, `&`, `.clone()`, `.to_string()`, `.into()`, other method calls,
//! unannotated fns, struct/tuple/array literals, `vec!`, `Some`/`Ok`, `?`, `.await`, `format!`
//! arguments and `{name}` captures; the kinds of source (free fn by `use` and by path, associated
//! fn, method) and of sink (free fn, method, `self` receiver, `args = [..]`). Then the forms that
//! stop propagation (`.len()`, comparisons, `.is_empty()`, `.is_some()`), which have no marker.

#![allow(dead_code, unused)]

mod api;

use api::{
    fetch_phone_number, normalize, phone_number, stored_phone_number, upload, upload_labelled,
    Beacon, Device, ReadError, TrackerClient,
};

/// An analytics event built from a struct literal.
#[derive(Debug)]
pub struct Event {
    pub name: &'static str,
    pub value: String,
}

// Sources.

pub fn source_in_argument() {
    upload(phone_number()); //~ unguarded_share
}

pub fn source_called_by_path() {
    upload(api::email_address()); //~ unguarded_share
}

pub fn source_associated_fn() {
    upload(Device::imei()); //~ unguarded_share
}

pub fn source_method(device: &Device) {
    upload(device.carrier_code()); //~ unguarded_share
}

// Propagation.

pub fn through_let() {
    let phone = phone_number();
    upload(phone); //~ unguarded_share
}

pub fn through_assignment() {
    let mut outgoing = String::new();
    outgoing = phone_number();
    upload(outgoing); //~ unguarded_share
}

pub fn through_reference() {
    let phone = phone_number();
    upload(&phone); //~ unguarded_share
}

pub fn through_clone() {
    let phone = phone_number();
    let copy = phone.clone();
    upload(copy); //~ unguarded_share
}

pub fn through_to_string() {
    let phone = phone_number();
    let text = phone.to_string();
    upload(text); //~ unguarded_share
}

pub fn through_into() {
    let phone = phone_number();
    let boxed: Box<str> = phone.into();
    upload(boxed); //~ unguarded_share
}

pub fn through_method_call() {
    let phone = phone_number();
    let national = phone.trim_start_matches("+1").replace('-', "");
    upload(national); //~ unguarded_share
}

pub fn through_unannotated_fn() {
    let phone = phone_number();
    let cleaned = normalize(&phone);
    upload(cleaned); //~ unguarded_share
}

pub fn through_struct_literal() {
    let phone = phone_number();
    let event = Event { name: "signup", value: phone };
    upload(event); //~ unguarded_share
}

pub fn through_tuple() {
    let phone = phone_number();
    let pair = ("signup", phone);
    upload(pair); //~ unguarded_share
}

pub fn through_array() {
    let phone = phone_number();
    let numbers = [phone, String::from("+15555550100")];
    upload(numbers); //~ unguarded_share
}

pub fn through_vec_macro() {
    let phone = phone_number();
    let batch = vec![String::from("+15555550100"), phone];
    upload(batch); //~ unguarded_share
}

pub fn through_some() {
    let maybe_phone = Some(phone_number());
    upload(maybe_phone); //~ unguarded_share
}

pub fn through_ok() {
    let phone = phone_number();
    let result: Result<String, ReadError> = Ok(phone);
    upload(result); //~ unguarded_share
}

pub fn through_question_mark() -> Result<(), ReadError> {
    let phone = stored_phone_number()?;
    upload(phone); //~ unguarded_share
    Ok(())
}

pub async fn through_await() {
    let phone = fetch_phone_number().await;
    upload(phone); //~ unguarded_share
}

pub fn through_format_argument() {
    let phone = phone_number();
    let uri = format!("tel:{}", phone);
    upload(uri); //~ unguarded_share
}

pub fn through_format_capture() {
    let phone = phone_number();
    let uri = format!("tel:{phone}");
    upload(uri); //~ unguarded_share
}

pub fn through_chain_of_lets() {
    let phone = phone_number();
    let first = phone;
    let second = first;
    let third = &second;
    upload(third); //~ unguarded_share
}

// Sinks.

pub fn sink_method(client: &TrackerClient) {
    let phone = phone_number();
    client.send(phone); //~ unguarded_share
}

pub fn sink_receiver() {
    let beacon = Beacon { payload: phone_number() };
    beacon.transmit(); //~ unguarded_share
}

pub fn sink_second_argument() {
    let phone = phone_number();
    upload_labelled("signup", phone); //~ unguarded_share
}

/// `upload_labelled` only counts `payload`: personal data in `trace_label` stays local.
pub fn sink_argument_not_listed() {
    let phone = phone_number();
    upload_labelled(&phone, "signup");
}

// Nothing personal reaches the sink.

pub fn literal_only() {
    upload("app_start");
}

pub fn unrelated_value(client: &TrackerClient) {
    let event = Event { name: "app_start", value: String::from("5.12.0") };
    client.send(event);
}

// Forms that stop propagation.

pub fn stops_at_len() {
    let phone = phone_number();
    let digits = phone.len();
    upload(digits);
}

pub fn stops_at_comparison() {
    let phone = phone_number();
    let is_test_account = phone == "+15555550100";
    upload(is_test_account);
}

pub fn stops_at_is_empty() {
    let phone = phone_number();
    upload(phone.is_empty());
}

pub fn stops_at_is_some() {
    let maybe_phone = Some(phone_number());
    let has_number = maybe_phone.is_some();
    upload(has_number);
}
