//! Fixture `guard-interprocedural`: checks in callers. A share in a helper is guarded when every
//! chain of callers from every entry point (a fn nothing calls: the `on_*` handlers here) passes
//! a check for its purpose; a `requires` fn moves the check to each of its calls.
//!
//! Guarded (no marker): a helper whose callers all check (by `if` or early return), also two
//! calls down and across modules; a check in the middle of the chain; a self-recursive helper;
//! methods reached through `self.` and `Self::`; shares inside `requires` fns; calls of a
//! `requires` fn that are checked, made from another `requires` fn for the same purpose, from a
//! helper whose callers all check, or under an all-purpose check; a `requires` fn nothing calls.
//!
//! Broken: one caller of a helper does not check, also two calls up, or checks only after the
//! call (`unguarded_share` at the share inside the helper); every caller checks, but one or all
//! of them for another purpose (`purpose_mismatch`); some callers check another purpose and the
//! others nothing (`unguarded_share`); a call of a `requires` fn with no check (`unguarded_share` at the call,
//! also for a method call split over lines, and inside a helper one of whose callers does not
//! check) or with a check for another purpose (`purpose_mismatch` at the call); a share for
//! another purpose inside a `requires` fn whose calls are all checked (`purpose_mismatch`).

mod app;
pub mod reports;
mod sync;

use app::{Account, AdNetwork, Metrics, Settings};
use sync::UsageReporter;

// ---- A helper whose callers all check ----

/// Checks with `if`, then calls the helper.
pub fn on_login(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.allows_analytics() {
        sync::upload_usage(metrics, account);
    }
}

/// Checks with an early return, then calls the same helper.
pub fn on_logout(settings: &Settings, metrics: &Metrics, account: &Account) {
    if !settings.allows_analytics() {
        return;
    }
    sync::upload_usage(metrics, account);
}

/// Checks, then calls a helper whose share is one call further down.
pub fn daily_job(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.allows_analytics() {
        sync::run_daily(metrics, account);
    }
}

/// Checks, then calls the same chain by its full path.
pub fn nightly_job(settings: &Settings, metrics: &Metrics, account: &Account) {
    if !settings.allows_analytics() {
        return;
    }
    crate::sync::run_daily(metrics, account);
}

/// Checks nothing; the helper it calls checks before going further.
pub fn on_profile_edited(settings: &Settings, metrics: &Metrics, account: &Account) {
    sync::sync_profile(settings, metrics, account);
}

/// Checks nothing either; same helper.
pub fn on_resume(settings: &Settings, metrics: &Metrics, account: &Account) {
    sync::sync_profile(settings, metrics, account);
}

/// Checks, then starts a helper that retries by calling itself.
pub fn on_sync_requested(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.allows_analytics() {
        sync::upload_with_retry(metrics, account, 3);
    }
}

/// Checks, then calls a method that calls an associated fn through `Self::`.
pub fn on_shutdown(settings: &Settings, reporter: &UsageReporter, account: &Account) {
    if settings.allows_analytics() {
        reporter.flush(account);
    }
}

/// Checks, then calls a method that calls `self.flush(..)`.
pub fn on_update(settings: &Settings, reporter: &UsageReporter, accounts: &[Account]) {
    if !settings.allows_analytics() {
        return;
    }
    reporter.flush_all(accounts);
}

// ---- A helper with an unchecked caller ----

/// Checks, then calls the helper.
pub fn on_settings_saved(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.allows_analytics() {
        sync::upload_contacts_count(metrics, account);
    }
}

/// Calls the same helper with no check.
pub fn on_app_start(metrics: &Metrics, account: &Account) {
    sync::upload_contacts_count(metrics, account);
}

/// Checks, then calls a helper whose share is one call further down.
pub fn weekly_job(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.allows_analytics() {
        sync::run_weekly(metrics, account);
    }
}

/// A debug entry point nobody calls: still an entry point, and it checks nothing.
pub fn debug_force_weekly(metrics: &Metrics, account: &Account) {
    sync::run_weekly(metrics, account);
}

/// Calls the helper, and checks only afterwards.
pub fn on_background(settings: &Settings, metrics: &Metrics, account: &Account) {
    sync::upload_session(metrics, account);
    if !settings.allows_analytics() {
        return;
    }
    println!("analytics is on");
}

// ---- Callers that check another purpose ----

/// Checks the ads opt-out, then calls an ads helper (guarded) and an analytics one (not).
pub fn on_purchase(settings: &Settings, ads: &AdNetwork, metrics: &Metrics, account: &Account) {
    if settings.ads_opt_out {
        return;
    }
    sync::upload_buyer(ads, account);
    sync::upload_purchases(metrics, account);
}

/// Checks analytics, then calls the search helper.
pub fn on_search(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.allows_analytics() {
        sync::upload_search(metrics, account);
    }
}

/// Checks only the ads opt-out, then calls the same search helper.
pub fn on_voice_search(settings: &Settings, metrics: &Metrics, account: &Account) {
    if !settings.ads_opt_out {
        sync::upload_search(metrics, account);
    }
}

/// Checks only the ads opt-out, then calls the map helper.
pub fn on_map_opened(settings: &Settings, metrics: &Metrics, account: &Account) {
    if !settings.ads_opt_out {
        sync::upload_map_usage(metrics, account);
    }
}

/// Checks nothing, then calls the same map helper.
pub fn on_map_closed(metrics: &Metrics, account: &Account) {
    sync::upload_map_usage(metrics, account);
}

// ---- Calls of `requires` fns ----

/// Checks, then calls a `requires` fn.
pub fn on_tab_opened(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.allows_analytics() {
        reports::report_usage(metrics, account);
    }
}

/// Calls a `requires` fn with no check.
pub fn on_crash(metrics: &Metrics, account: &Account) {
    reports::report_usage(metrics, account); //~ unguarded_share
}

/// Calls a `requires` fn under a check for another purpose.
pub fn on_ad_clicked(settings: &Settings, metrics: &Metrics, account: &Account) {
    if !settings.ads_opt_out {
        reports::report_usage(metrics, account); //~ purpose_mismatch
    }
}

/// Calls a `requires` fn under the all-purpose check.
pub fn on_consent_accepted(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.accepted_all() {
        reports::report_usage(metrics, account);
    }
}

/// Checks, then calls a `requires` fn that calls another one.
pub fn on_session_end(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.allows_analytics() {
        reports::report_session(metrics, account);
    }
}

/// Checks, then calls a `requires` fn that also shares for ads.
pub fn on_home_screen(settings: &Settings, metrics: &Metrics, ads: &AdNetwork, account: &Account) {
    if settings.allows_analytics() {
        reports::report_home_screen(metrics, ads, account);
    }
}

/// Checks, then calls a helper that calls a `requires` fn.
pub fn on_wifi_connected(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.allows_analytics() {
        sync::send_reports(metrics, account);
    }
}

/// Checks, then calls a helper that calls a `requires` fn.
pub fn on_timer(settings: &Settings, metrics: &Metrics, account: &Account) {
    if !settings.allows_analytics() {
        return;
    }
    sync::send_reports_on_timer(metrics, account);
}

/// Calls the same helper with no check.
pub fn on_low_battery(metrics: &Metrics, account: &Account) {
    sync::send_reports_on_timer(metrics, account);
}

/// Checks, then calls a `requires` method.
pub fn on_midnight(settings: &Settings, reporter: &UsageReporter, account: &Account) {
    if settings.allows_analytics() {
        reporter.send_daily(account);
    }
}

/// Calls the `requires` method with no check; the call is split over two lines.
#[rustfmt::skip] // The line break is part of the case: the marker goes on the method's line.
pub fn on_wake(reporter: &UsageReporter, account: &Account) {
    reporter
        .send_daily(account); //~ unguarded_share
}
