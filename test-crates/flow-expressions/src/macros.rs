//! Propagation through macros: formatting, `serde_json::json!`, `lazy_static!`,
//! `thread_local!`, `tokio::select!`, `tokio::join!`, `futures::select!`, `matches!`, and a
//! local `macro_rules!` macro whose tokens are read as expressions.

use std::cell::{Cell, RefCell};
use std::fmt::Write;

use lazy_static::lazy_static;
use serde_json::json;

use crate::api::{app_version, fetch_app_version, fetch_phone_number, phone_number, track};

/// Builds a list of event properties from values (a local macro the scanner cannot expand).
macro_rules! properties {
    ($($value:expr),* $(,)?) => {
        vec![$($value.to_string()),*]
    };
}

lazy_static! {
    /// The owner's number, read once at start-up.
    static ref OWNER_PHONE: String = phone_number();
    /// The label of this build.
    static ref BUILD_LABEL: String = format!("messenger {}", app_version());
}

thread_local! {
    /// The number of the user this thread serves.
    static CURRENT_PHONE: RefCell<String> = RefCell::new(phone_number());
    /// How many requests this thread served.
    static REQUESTS_SERVED: Cell<u32> = const { Cell::new(0) };
}

// `format!` with a positional argument
pub fn format_argument() {
    let phone = phone_number();
    track(format!("tel:{}", phone)); //~ unguarded_share
}

// `format!` with an inline `{name}` capture
pub fn format_capture() {
    let phone = phone_number();
    track(format!("tel:{phone}")); //~ unguarded_share
}

// `write!` into a `String`
pub fn write_macro() {
    let mut line = String::new();
    write!(line, "tel:{}", phone_number()).unwrap();
    track(line); //~ unguarded_share
}

// `format!` with only plain values
pub fn format_plain() {
    let version = app_version();
    track(format!("messenger/{version}"));
}

// `println!` and `eprintln!` print on the device: they are not sinks
pub fn print_macros() {
    let phone = phone_number();
    println!("signed in as {phone}");
    eprintln!("signed in as {}", phone);
}

// `serde_json::json!` with a personal value
pub fn json_macro() {
    let phone = phone_number();
    let body = json!({ "event": "signup", "phone": phone });
    track(body); //~ unguarded_share
}

// `serde_json::json!` with only plain values
pub fn json_macro_plain() {
    let body = json!({ "event": "app_open", "version": app_version() });
    track(body);
}

// a local macro: its tokens are treated as expressions
pub fn local_macro() {
    let phone = phone_number();
    track(properties!("signup", phone)); //~ unguarded_share
}

// the same macro with only plain values
pub fn local_macro_plain() {
    track(properties!("app_open", app_version()));
}

// a `lazy_static!` initialised with personal data, read in another fn
pub fn lazy_static_personal() {
    track(&*OWNER_PHONE); //~ unguarded_share
}

// a `lazy_static!` initialised with plain data
pub fn lazy_static_plain() {
    track(&*BUILD_LABEL);
}

// a `thread_local!` initialised with personal data, read through `with`
pub fn thread_local_personal() {
    CURRENT_PHONE.with(|phone| track(phone.borrow().clone())); //~ unguarded_share
}

// a `thread_local!` holding a plain counter
pub fn thread_local_plain() {
    REQUESTS_SERVED.with(|served| track(served.get()));
}

// `tokio::select!`: the arm bound to personal data, and the arm bound to plain data
pub async fn tokio_select() {
    tokio::select! {
        phone = fetch_phone_number() => track(phone), //~ unguarded_share
        version = fetch_app_version() => track(version),
    }
}

// `tokio::join!`: each result keeps its own data
pub async fn tokio_join() {
    let (phone, version) = tokio::join!(fetch_phone_number(), fetch_app_version());
    track(phone); //~ unguarded_share
    track(version);
}

// `futures::select!`: the arm bound to personal data, and the arm bound to plain data
pub async fn futures_select() {
    use futures::FutureExt;

    let phone = fetch_phone_number().fuse();
    let version = fetch_app_version().fuse();
    futures::pin_mut!(phone, version);
    futures::select! {
        number = phone => track(number), //~ unguarded_share
        label = version => track(label),
    }
}

// `matches!` yields a boolean
pub fn matches_macro() {
    let phone = phone_number();
    track(matches!(phone.as_bytes().first(), Some(b'+')));
}
