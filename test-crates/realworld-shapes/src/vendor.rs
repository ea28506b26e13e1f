//! The vendor's upload endpoint.

/// Sends an event to the vendor.
#[consent::shares(with = "vendor", purpose = "analytics")]
pub fn report(_event: String) {}
