//! `platform` in builds without the `extra` feature.

use crate::{phone_number, track};

pub fn upload_profile() {
    track(format!("plain build: {}", phone_number())); //~[default,tests,no-default] unguarded_share
}
