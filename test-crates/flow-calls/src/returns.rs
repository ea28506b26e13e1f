//! Return values across fns: what a helper returns is personal when it is computed from a
//! personal argument or source, and only for the calls that pass one.

use crate::{app_version, phone_number, track, StorageError};

/// Returns its argument unchanged.
fn passthrough(value: String) -> String {
    value
}

/// Formats a number for display.
fn pretty_print(number: &str) -> String {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    format!("+{} {}", &digits[..1], &digits[1..])
}

/// Returns a copy of its argument.
fn copy_of(value: String) -> String {
    value.clone()
}

/// Hides its argument.
fn redact(_value: &str) -> String {
    String::from("<redacted>")
}

/// Counts the characters of its argument.
fn character_count(value: &str) -> usize {
    value.len()
}

/// Returns its second argument; the first only names the log line.
fn pick_label<'a>(_context: &str, label: &'a str) -> &'a str {
    label
}

/// The label for the user: their number in verbose mode.
fn user_label(verbose: bool) -> String {
    if verbose {
        return phone_number();
    }
    String::from("anonymous")
}

/// Reads the number from storage.
fn load_phone() -> Result<String, StorageError> {
    Ok(phone_number())
}

/// A source hidden inside a helper with no arguments.
fn greeting() -> String {
    format!("hello {}", phone_number())
}

/// Strips leading zeros, one per recursive call.
fn strip_zeros(number: &str) -> &str {
    match number.strip_prefix('0') {
        Some(rest) => strip_zeros(rest),
        None => number,
    }
}

/// Counts the characters of a string, one per recursive call.
fn depth(value: &str) -> usize {
    if value.is_empty() {
        0
    } else {
        1 + depth(&value[1..])
    }
}

/// Calls `use_number` with the user's number.
fn with_phone(use_number: impl FnOnce(&str)) {
    use_number(&phone_number());
}

/// Calls `use_version` with the app's version.
fn with_version(use_version: impl FnOnce(&str)) {
    use_version(&app_version());
}

// personal in, personal out
pub fn returns_its_argument() {
    track(passthrough(phone_number())); //~ unguarded_share
}

// a copy made inside the helper is as personal as the argument
pub fn returns_a_clone_of_its_argument() {
    track(copy_of(phone_number())); //~ unguarded_share
}

// the same helper, given plain data: plain out
pub fn returns_its_plain_argument() {
    track(passthrough(app_version()));
}

// a result computed from the argument
pub fn returns_computed_value() {
    track(pretty_print(&phone_number())); //~ unguarded_share
}

// a result that does not depend on the argument
pub fn returns_constant() {
    track(redact(&phone_number()));
}

// a result that is the argument's length
pub fn returns_length() {
    track(character_count(&phone_number()));
}

// a result that is the other argument
pub fn returns_other_argument() {
    track(pick_label(&phone_number(), "signup"));
}

// a result that is the personal argument
pub fn returns_personal_argument() {
    track(pick_label("signup", &phone_number())); //~ unguarded_share
}

// an early `return` of personal data
pub fn early_return() {
    track(user_label(true)); //~ unguarded_share
}

// `Ok(personal)` unwrapped with `?` in the caller
pub fn result_and_question_mark() -> Result<(), StorageError> {
    let phone = load_phone()?;
    track(phone); //~ unguarded_share
    Ok(())
}

// a helper that reads a source itself
pub fn source_inside_helper() {
    track(greeting()); //~ unguarded_share
}

// a recursive helper that returns (part of) its argument
pub fn recursive_return() {
    track(strip_zeros(&phone_number())); //~ unguarded_share
}

// a recursive helper whose result only counts
pub fn recursive_count() {
    track(depth(&phone_number()));
}

// a callback called by a helper with personal data
pub fn callback_given_personal_data() {
    with_phone(|number| track(number)); //~ unguarded_share
}

// a callback called by a helper with plain data
pub fn callback_given_plain_data() {
    with_version(|version| track(version));
}

// a constant is not personal
pub fn constant() {
    const SUPPORT_LINE: &str = "+18005550199";
    track(SUPPORT_LINE);
}

// an entry point's plain parameter is not personal
pub fn entry_point_parameter(phone: String) {
    track(phone);
}
