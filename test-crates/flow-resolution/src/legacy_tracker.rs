//! The tracker of the app's first version, declared as
//! `#[path = "legacy_tracker.rs"] mod legacy;`.

use std::fmt::Debug;

/// Pings the old tracking server with a payload.
#[consent::shares(with = "legacy_tracker", purpose = "analytics")]
pub fn ping<T: Debug>(payload: T) {}
