//! A module compiled only with `extra` (`#[cfg(feature = "extra")] mod beta;`).

use crate::{phone_number, track};

// a sink in a module that exists only with `extra`
pub fn beta_signup() {
    track(phone_number()); //~[default,tests,extra,all] unguarded_share
}
