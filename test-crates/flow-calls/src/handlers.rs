//! Request handlers: the entry points of the four-level chain (handler → session service →
//! event builder → transport, each in its own module).

use crate::services::session;
use crate::{app_version, phone_number};

// personal data four calls deep: the finding is at the sink in `telemetry/transport.rs`
pub fn on_login() {
    session::start(&phone_number());
}

// the parallel chain with plain data only
pub fn on_app_update() {
    session::announce_version(&app_version());
}
