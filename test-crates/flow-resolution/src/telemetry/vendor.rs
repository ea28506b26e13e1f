//! The vendor's event API, a file module inside the `telemetry` file module.

use std::fmt::Debug;

/// Sends a named event with its properties to the vendor.
#[consent::shares(with = "segment", purpose = "analytics")]
pub fn send_event<T: Debug>(name: &str, properties: T) {}
