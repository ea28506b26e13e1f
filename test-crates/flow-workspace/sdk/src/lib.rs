//! Member `sdk` of fixture `flow-workspace`: the analytics SDK. Holds the sinks (a free fn, a
//! method, a trait method declaration), a source, re-exports of `user-model` (a type, and the
//! whole crate as a module), a prelude, and helpers that share their argument: the finding for
//! `report_signup` is here, because `app` passes it personal data.

#![allow(dead_code, unused)]

pub mod client;
pub mod events;

pub use client::Client;
pub use user_model as model;
pub use user_model::PhoneNumber;

/// Everything an app needs, for `use sdk::prelude::*`.
pub mod prelude {
    pub use crate::client::Client;
    pub use crate::events::track;
}

/// Exports records to the vendor's warehouse; every implementation, in any crate, uploads.
pub trait Exporter {
    #[consent::shares(with = "sdk_vendor", purpose = "analytics")]
    fn export(&self, record: &str);
}

/// The id the SDK gave this installation.
#[consent::personal(device.id)]
pub fn install_id() -> String {
    String::from("f3b1c2d4")
}
