//! The session service: the second level of the chain.

use crate::telemetry::events;

/// Starts a session for the user with this number.
pub fn start(phone: &str) {
    let description = format!("login by {phone}");
    events::emit("session_start", &description);
}

/// Tells the backend which version is running.
pub fn announce_version(version: &str) {
    events::emit_plain("version", version);
}
