//! Where propagation stops: comparisons and other boolean results, lengths and counts, and
//! `declassify` fns. None of these is a finding.

use crate::api::{
    contacts, country_calling_code, maybe_phone_number, phone_number, stored_phone_number, track,
};

// a comparison
pub fn comparison() {
    let is_test_account = phone_number() == "+15555550100";
    track(is_test_account);
}

// an ordering comparison
pub fn ordering() {
    track(phone_number() < String::from("+2"));
}

// a boolean method
pub fn boolean_method() {
    track(phone_number().starts_with("+44"));
    track(phone_number().contains("555"));
}

// `.len()`
pub fn len() {
    let digits = phone_number().len();
    track(digits);
}

// `.is_empty()`
pub fn is_empty() {
    track(phone_number().is_empty());
}

// `.is_some()` and `.is_none()`
pub fn is_some_is_none() {
    track(maybe_phone_number().is_some());
    track(maybe_phone_number().is_none());
}

// `.is_ok()` and `.is_err()`
pub fn is_ok_is_err() {
    track(stored_phone_number().is_ok());
    track(stored_phone_number().is_err());
}

// `.count()`
pub fn count() {
    track(contacts().into_iter().count());
}

// a stopped value stays stopped through `let`, `format!` and arithmetic
pub fn stopped_value_propagated() {
    let digits = phone_number().len();
    let doubled = digits * 2;
    track(format!("digits={doubled}"));
}

// a `declassify` fn
pub fn declassified() {
    let code = country_calling_code(&phone_number());
    track(format!("country={code}"));
}
