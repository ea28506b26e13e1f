//! Telemetry: events (third level) and their transport (fourth level).

pub mod events;
pub mod transport;
