//! The analytics vendor's free fns, in a file module that has a file module of its own.

pub mod vendor;

use std::fmt::Debug;

/// Sends one analytics payload to the vendor.
#[consent::shares(with = "segment", purpose = "analytics")]
pub fn upload<T: Debug>(payload: T) {}

/// Writes a payload to the local debug log; nothing leaves the device.
pub fn record_locally<T: Debug>(payload: T) {}
