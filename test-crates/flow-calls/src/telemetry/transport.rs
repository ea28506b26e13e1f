//! Posts events to the vendor: the fourth level of the chain, where the sink call is.

use crate::track;

/// Posts one event.
pub fn post(body: &str) {
    track(body); //~ unguarded_share
}

/// Posts one event that carries plain data only.
pub fn post_plain(body: &str) {
    track(body);
}
