//! `platform` in builds with the `extra` feature.

use crate::{phone_number, track};

pub fn upload_profile() {
    track(phone_number()); //~[default,tests,extra,all] unguarded_share
}
