//! A path call inside `json!`.

pub struct System;

impl System {
    /// The operating system's name and version: a device fact.
    #[consent::personal(device.info)]
    pub fn name() -> String {
        String::from("Linux 6.1")
    }
}

pub fn unguarded() {
    let body = serde_json::json!({ "os": System::name(), "version": 3 });
    crate::report(body.to_string()); //~ unguarded_share
}

pub fn guarded() {
    if !crate::analytics_allowed() {
        return;
    }
    let body = serde_json::json!({ "os": System::name(), "version": 3 });
    crate::report(body.to_string());
}
