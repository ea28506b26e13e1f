//! Fixture `flow-calls`: personal data followed across fns.
//!
//! Covers return values (`returns.rs`): a helper that returns its argument or something
//! computed from it, one that returns a constant, a length or its other argument, early
//! returns, `Result` and `?`, a source inside a helper, recursion, and a callback called with
//! personal data. Arguments (`arguments.rs`): a helper that shares its argument, one called with
//! personal data and with a constant (one finding, in the helper), one called only with
//! constants (none), one reached from several callers (one finding), recursion and mutual
//! recursion, `args = [..]` on a sink, and `self` as the shared value. A chain of four helpers
//! across modules (`handlers.rs` → `services/session.rs` → `telemetry/events.rs` →
//! `telemetry/transport.rs`), next to the same chain carrying plain data. Nothing is guarded:
//! every marked case is an `unguarded_share`.

#![allow(dead_code, unused)]

mod arguments;
mod handlers;
mod returns;
mod services;
mod telemetry;

use std::fmt::Debug;

/// Why reading stored data failed.
#[derive(Debug)]
pub struct StorageError;

/// The user's phone number.
#[consent::personal(contact.phone_number)]
pub fn phone_number() -> String {
    String::from("+15555550123")
}

/// The numbers in the user's address book.
#[consent::personal(contact.address_book)]
pub fn contacts() -> Vec<String> {
    vec![String::from("+15555550100"), String::from("+15555550101")]
}

/// Not personal: the app's version.
pub fn app_version() -> String {
    String::from("5.12.0")
}

/// Sends one analytics payload to the vendor.
#[consent::shares(with = "segment", purpose = "analytics")]
pub fn track<T: Debug>(payload: T) {}

/// Sends a crash report. Only `report` leaves the device; `tag` names the local log file.
#[consent::shares(with = "crash_vendor", purpose = "crash_reporting", args = ["report"])]
pub fn send_crash_report(tag: &str, report: &str) {}
