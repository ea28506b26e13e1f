//! Fixture `suppressions`: `#[consent::allow(LINT, reason = "...")]` on fns, impl blocks and
//! inline modules silences that lint inside; an allow that silences nothing is `unused_allow`.

#![allow(dead_code, unused)]

/// The device's install id.
#[consent::personal(device.id)]
pub fn install_id() -> String {
    String::from("7f3c")
}

/// Uploads a diagnostic record to the vendor.
#[consent::shares(with = "metrics_vendor", purpose = "analytics")]
pub fn upload(record: &str) {}

#[consent::check(purpose = "analytics")]
pub fn analytics_allowed() -> bool {
    false
}

// no allow: reported
pub fn report_install() {
    upload(&install_id()); //~ unguarded_share
}

// allowed on the fn
#[consent::allow(unguarded_share, reason = "the support tool uploads only on the user's request")]
pub fn support_dump() {
    upload(&install_id());
}

// an allow of another lint does not silence this one
#[consent::allow(ignored_check, reason = "kept for the audit log")] //~ unused_allow
pub fn other_lint_allowed() {
    upload(&install_id()); //~ unguarded_share
}

/// A debug console, only built into internal builds.
pub struct DebugConsole;

// allowed on the impl block
#[consent::allow(unguarded_share, reason = "internal builds only")]
impl DebugConsole {
    pub fn send_state(&self) {
        upload(&install_id());
    }
}

// allowed on an inline module
#[consent::allow(unguarded_share, reason = "the crash reporter runs after the user clicks Send")]
pub mod crash {
    pub fn send_report() {
        super::upload(&super::install_id());
    }
}

// an allow with nothing to suppress: it is reported
#[consent::allow(unguarded_share, reason = "only the app version")] //~ unused_allow
pub fn report_version() {
    upload("5.12.0");
}

// a warn-level lint allowed too
#[consent::allow(ignored_check, reason = "the value is logged for support")]
pub fn log_choice() {
    let allowed = analytics_allowed();
    eprintln!("analytics: {allowed}");
}
