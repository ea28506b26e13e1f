//! Fixture `guard-ignored`: checks whose result decides nothing (`ignored_check`, a warning,
//! reported at the check), and the uses that do count. When a share of personal data follows an
//! ignored check, the share is also `unguarded_share`.
//!
//! Ignored (marked): a check stored and never read, stored and only printed, called as a
//! statement, bound to `_` (a fn, a method split over lines, an opt-out field, a `Result`
//! check), an `Option` check stored and never read, `.is_ok()` discarded, and a check passed
//! as a `bool` to a fn that only logs it.
//!
//! Used (no `ignored_check`): branched on after printing it, tested by an `if` that does
//! nothing or by `||` (used, though neither guards anything), returned from a check fn that
//! delegates to it, passed as a `bool` to a fn that branches on it, `CHECK?`, `assert!`, a
//! stored opt-out negated in the `if`; and kept for later where the analysis does not follow
//! it (influxdb, risingwave, ockam, greptimedb): put into a struct literal's field, assigned to
//! a field, passed to a method that stores it, handed to library code.
//!
//! Not checks (no `ignored_check`): an unannotated fn that checks, then shares, and says in its
//! `Result` whether it did, called as a statement and bound to `_`.

#![allow(unused_must_use, unused_variables)] // The unused checks are what the cases show.

mod app;

use app::{analytics_enabled, on_wifi, Account, AdNetwork, Metrics, Settings};

// ---- Ignored ----

/// Stored and never read; the share after it is unguarded.
pub fn stored_never_read(settings: &Settings, metrics: &Metrics, account: &Account) {
    let allowed = settings.allows_analytics(); //~ ignored_check
    metrics.report("login", &account.phone_number()); //~ unguarded_share
}

/// Stored and printed, never tested: the lint page's example.
pub fn stored_only_printed(settings: &Settings, metrics: &Metrics, account: &Account) {
    let allowed = settings.allows_analytics(); //~ ignored_check
    eprintln!("analytics consent: {allowed}");
    metrics.report("login", &account.phone_number()); //~ unguarded_share
}

/// Called as a statement, its result dropped.
pub fn called_as_statement(settings: &Settings, metrics: &Metrics, account: &Account) {
    settings.allows_analytics(); //~ ignored_check
    metrics.report("login", &account.phone_number()); //~ unguarded_share
}

/// A check fn bound to `_`.
pub fn bound_to_underscore(metrics: &Metrics, account: &Account) {
    let _ = analytics_enabled(); //~ ignored_check
    metrics.report("login", &account.phone_number()); //~ unguarded_share
}

/// A check method bound to `_`, the method name on its own line.
#[rustfmt::skip] // The line break is part of the case: the marker goes on the method's line.
pub fn bound_to_underscore_split(settings: &Settings) {
    let _ = settings
        .allows_analytics(); //~ ignored_check
}

/// An opt-out field bound to `_`.
pub fn opt_out_field_bound_to_underscore(settings: &Settings, ads: &AdNetwork, account: &Account) {
    let _ = settings.ads_opt_out; //~ ignored_check
    ads.upload_audience(&account.phone_number()); //~ unguarded_share
}

/// A `Result` check bound to `_`.
pub fn result_check_bound_to_underscore(settings: &Settings, metrics: &Metrics, account: &Account) {
    let _ = settings.analytics_consent(); //~ ignored_check
    metrics.report("login", &account.phone_number()); //~ unguarded_share
}

/// An `Option` check stored and never read; nothing is shared.
pub fn option_check_never_read(settings: &Settings) {
    let given_at = settings.ads_consent(); //~ ignored_check
    println!("ads settings opened");
}

/// `.is_ok()` computed and dropped.
pub fn is_ok_discarded(settings: &Settings) {
    settings.analytics_consent().is_ok(); //~ ignored_check
}

/// Logs a choice; branches on nothing.
fn log_choice(name: &str, allowed: bool) {
    eprintln!("{name}: {allowed}");
}

/// A check passed to a fn that only logs it.
pub fn passed_to_logger(settings: &Settings) {
    log_choice("analytics", settings.allows_analytics()); //~ ignored_check
}

// ---- Used ----

/// Printed first, then branched on.
pub fn printed_then_branched(settings: &Settings, metrics: &Metrics, account: &Account) {
    let allowed = settings.allows_analytics();
    eprintln!("analytics consent: {allowed}");
    if allowed {
        metrics.report("login", &account.phone_number());
    }
}

/// An `if` that does nothing still branches on the check.
pub fn empty_if(settings: &Settings) {
    if settings.allows_analytics() {}
}

/// `CHECK || other` reads the check, even though it guards nothing.
pub fn used_in_or(settings: &Settings) {
    if settings.share_usage || on_wifi() {
        println!("sync is on");
    }
}

/// A check fn that delegates to another check passes its value on.
#[consent::check(purpose = "analytics")]
fn analytics_allowed_everywhere(settings: &Settings) -> bool {
    settings.allows_analytics()
}

/// Branches on the delegating check.
pub fn delegating_check(settings: &Settings, metrics: &Metrics, account: &Account) {
    if analytics_allowed_everywhere(settings) {
        metrics.report("login", &account.phone_number());
    }
}

/// Branches on its `bool` parameter.
fn upload_if(metrics: &Metrics, account: &Account, allowed: bool) {
    if allowed {
        metrics.report("usage", &account.phone_number());
    }
}

/// A check passed to a fn that branches on it.
pub fn passed_to_branching_fn(settings: &Settings, metrics: &Metrics, account: &Account) {
    upload_if(metrics, account, settings.allows_analytics());
}

/// `CHECK?`.
pub fn question_mark(
    settings: &Settings,
    metrics: &Metrics,
    account: &Account,
) -> Result<(), String> {
    settings.analytics_consent()?;
    metrics.report("login", &account.phone_number());
    Ok(())
}

/// `assert!` on a check field.
pub fn asserted(settings: &Settings, metrics: &Metrics, account: &Account) {
    assert!(settings.share_usage);
    metrics.report("login", &account.phone_number());
}

/// A stored opt-out negated in the `if`.
pub fn stored_opt_out_negated(settings: &Settings, ads: &AdNetwork, account: &Account) {
    let opted_out = settings.ads_opt_out;
    if !opted_out {
        ads.upload_audience(&account.phone_number());
    }
}

/// The opt-out as the telemetry task will read it: kept in a struct (influxdb's
/// `TelemetryStoreSetupArgs { disable_upload: config.disable_telemetry_upload, .. }`).
pub struct UploadOptions {
    pub opted_out: bool,
    pub allowed: bool,
}

/// Put into a struct literal's fields: decided on where they are read, which is not followed.
pub fn kept_in_a_struct(settings: &Settings) -> UploadOptions {
    UploadOptions {
        opted_out: settings.ads_opt_out,
        allowed: settings.allows_analytics(),
    }
}

/// Assigned to a field, and passed to a method that keeps it (ockam's
/// `state.set_tracing_enabled(config.is_enabled())`).
pub fn kept_in_a_field(settings: &Settings, options: &mut UploadOptions) {
    options.allowed = settings.allows_analytics();
    options.keep_opt_out(settings.ads_opt_out);
}

impl UploadOptions {
    fn keep_opt_out(&mut self, opted_out: bool) {
        self.opted_out = opted_out;
    }
}

/// Handed to library code, which may decide on it (an atomic the telemetry thread reads;
/// greptimedb's `Debug` impl hands `.field("enable_telemetry", ..)` its check field so).
pub fn handed_to_a_library(settings: &Settings) -> std::sync::atomic::AtomicBool {
    std::sync::atomic::AtomicBool::new(settings.allows_analytics())
}

// ---- Not checks ----

/// Sends the daily usage report when the user allows analytics; its `Result` says whether it
/// sent. Its answer depends on a check, but it is no check itself: it is called for what it
/// does.
fn upload_daily(settings: &Settings, metrics: &Metrics, account: &Account) -> Result<(), String> {
    if !settings.allows_analytics() {
        return Err(String::from("analytics is off"));
    }
    metrics.report("daily", &account.phone_number());
    Ok(())
}

/// The wrapper called as a statement: its result dropped is no ignored check.
pub fn wrapper_called_as_statement(settings: &Settings, metrics: &Metrics, account: &Account) {
    upload_daily(settings, metrics, account);
}

/// The wrapper bound to `_`.
pub fn wrapper_bound_to_underscore(settings: &Settings, metrics: &Metrics, account: &Account) {
    let _ = upload_daily(settings, metrics, account);
}
