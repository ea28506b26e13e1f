//! Fixture `flow-cfg`: which `#[cfg]` code is analysed, in five runs (revisions, see
//! Cargo.toml): `default` (no flags: the union of every build, all cfg branches except `test`),
//! `tests` (`--include-tests`: the same union, `test` included), `extra` (`--features extra`,
//! with the default feature `telemetry`), `no-default` (`--no-default-features`) and `all`
//! (`--all-features`).
//!
//! Covers `cfg(feature)`, `cfg(not(feature))` and `cfg(all(..))` on fns, on a statement, on
//! `let`s that pick personal or plain data, on two definitions of one fn, on impl blocks that
//! make a method a sink or not, on a `mod` file; `cfg_attr(feature, consent::shares(..))`; a
//! consent check that exists only with one feature (it guards only the builds that have it);
//! non-feature cfgs (`target_os`, `not(test)`), analysed in every run; and `#[cfg(test)]` code,
//! analysed only with `--include-tests`; a `mod` whose file is chosen by
//! `cfg_attr(feature, path = ..)`, and one named with a raw identifier. Every marked case is an
//! `unguarded_share`.

#![allow(dead_code, unused)]

#[cfg(feature = "extra")]
mod beta;

// One module, two files: the one a build reads depends on a feature.
#[cfg_attr(feature = "extra", path = "platform/extra.rs")]
#[cfg_attr(not(feature = "extra"), path = "platform/plain.rs")]
mod platform;

// A raw identifier names the file without its `r#`: `src/type.rs`.
mod r#type;

use std::fmt::Debug;

/// The user's phone number.
#[consent::personal(contact.phone_number)]
pub fn phone_number() -> String {
    String::from("+15555550123")
}

/// Sends one analytics payload to the vendor.
#[consent::shares(with = "segment", purpose = "analytics")]
pub fn track<T: Debug>(payload: T) {}

/// Whether the user allows analytics.
#[consent::check(purpose = "analytics")]
pub fn analytics_allowed() -> bool {
    false
}

// no cfg: every run
pub fn unconditional() {
    track(phone_number()); //~ unguarded_share
}

// only with `extra`: the union, `--features extra` and `--all-features`
#[cfg(feature = "extra")]
pub fn extra_only() {
    track(phone_number()); //~[default,tests,extra,all] unguarded_share
}

// only without `extra`: the union and `--no-default-features`
#[cfg(not(feature = "extra"))]
pub fn without_extra() {
    track(phone_number()); //~[default,tests,no-default] unguarded_share
}

// only with the default feature: off with `--no-default-features`
#[cfg(feature = "telemetry")]
pub fn default_feature_only() {
    track(phone_number()); //~[default,tests,extra,all] unguarded_share
}

// only without the default feature
#[cfg(not(feature = "telemetry"))]
pub fn without_default_feature() {
    track(phone_number()); //~[default,tests,no-default] unguarded_share
}

// both features at once
#[cfg(all(feature = "telemetry", feature = "extra"))]
pub fn both_features() {
    track(phone_number()); //~[default,tests,extra,all] unguarded_share
}

// a statement under a cfg
pub fn statement_under_cfg() {
    let phone = phone_number();
    #[cfg(feature = "extra")]
    track(&phone); //~[default,tests,extra,all] unguarded_share
    println!("signed up");
}

// personal data in one build, plain data in the other: the union keeps the personal one
pub fn lets_under_cfg() {
    #[cfg(feature = "extra")]
    let label = phone_number();
    #[cfg(not(feature = "extra"))]
    let label = String::from("anonymous");
    track(label); //~[default,tests,extra,all] unguarded_share
}

/// The label for the user: their number in `extra` builds.
#[cfg(feature = "extra")]
fn user_label() -> String {
    phone_number()
}

/// The label for the user: a constant in other builds.
#[cfg(not(feature = "extra"))]
fn user_label() -> String {
    String::from("anonymous")
}

// one fn, two definitions under cfgs: the call reaches the one each build has
pub fn definitions_under_cfg() {
    track(user_label()); //~[default,tests,extra,all] unguarded_share
}

/// A crash reporter whose `log` uploads only in `extra` builds.
pub struct CrashLog;

#[cfg(feature = "extra")]
impl CrashLog {
    /// Uploads a breadcrumb to the crash vendor.
    #[consent::shares(with = "crash_vendor", purpose = "crash_reporting")]
    pub fn log(&self, breadcrumb: &str) {}
}

#[cfg(not(feature = "extra"))]
impl CrashLog {
    /// Keeps a breadcrumb on the device.
    pub fn log(&self, breadcrumb: &str) {}
}

// an unconditional call of a method that is a sink only in `extra` builds
pub fn impl_under_cfg() {
    CrashLog.log(&phone_number()); //~[default,tests,extra,all] unguarded_share
}

/// Mirrors the address book to the sync service in `extra` builds.
#[cfg_attr(
    feature = "extra",
    consent::shares(with = "sync_service", purpose = "product_improvement")
)]
pub fn mirror_contact(contact: &str) {}

// a sink declared through `cfg_attr`: a sink only in the builds where the attribute applies
pub fn sink_through_cfg_attr() {
    mirror_contact(&phone_number()); //~[default,tests,extra,all] unguarded_share
}

// a check that exists only in `extra` builds guards only those builds
pub fn check_only_in_some_builds() {
    #[cfg(feature = "extra")]
    if !analytics_allowed() {
        return;
    }
    track(phone_number()); //~[default,tests,no-default] unguarded_share
}

// a cfg that is not about features: analysed in every run
#[cfg(target_os = "android")]
pub fn android_only() {
    track(phone_number()); //~ unguarded_share
}

// `not(test)` holds in every non-test build
#[cfg(not(test))]
pub fn not_in_tests() {
    track(phone_number()); //~ unguarded_share
}

// `any(test, ..)`: without `--include-tests` only the feature counts
#[cfg(any(test, feature = "extra"))]
pub fn test_or_extra() {
    track(phone_number()); //~[default,tests,extra,all] unguarded_share
}

#[cfg(test)]
mod tests {
    use super::*;

    // test code is analysed only with `--include-tests`
    #[test]
    fn uploads_signup() {
        track(phone_number()); //~[tests] unguarded_share
    }
}

// a fn only for tests, outside a test module: the same
#[cfg(test)]
pub fn test_helper() {
    track(phone_number()); //~[tests] unguarded_share
}

/// A reporter whose test-support build records instead of sending (readyset's
/// `TelemetryReporter`): the `extra` helper that drives it never reaches the sending variant,
/// which exists only without `extra`. Only the checked start sends.
pub struct Reporter;

impl Reporter {
    pub fn run(&self) {
        self.run_once();
    }

    fn run_once(&self) {
        self.process();
    }

    #[cfg(not(feature = "extra"))]
    fn process(&self) {
        track(phone_number());
    }

    #[cfg(feature = "extra")]
    fn process(&self) {}

    #[cfg(feature = "extra")]
    pub fn run_for_tests(&self) {
        self.run();
    }
}

pub fn start_reporting(reporter: &Reporter) {
    if analytics_allowed() {
        reporter.run();
    }
}
