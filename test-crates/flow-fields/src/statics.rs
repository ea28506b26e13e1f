//! Statics written in one fn and read in another: what was put into a static is personal
//! wherever the static is read; a static that only ever holds plain data is not.

use std::sync::Mutex;

use crate::{app_version, phone_number, track};

static RECENT_CALLERS: Mutex<Vec<String>> = Mutex::new(Vec::new());
static BUILD_LABEL: Mutex<String> = Mutex::new(String::new());

pub fn remember_caller() {
    RECENT_CALLERS.lock().unwrap().push(phone_number());
}

pub fn label_build() {
    BUILD_LABEL.lock().unwrap().push_str(&app_version());
}

pub fn export_recent_callers() {
    let callers = RECENT_CALLERS.lock().unwrap().join(",");
    track(callers); //~ unguarded_share
}

pub fn export_build_label() {
    let label = BUILD_LABEL.lock().unwrap().clone();
    track(label);
}
