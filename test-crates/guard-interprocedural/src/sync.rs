//! Helpers that share, with no check of their own: whether each share is guarded depends on the
//! chains of callers in `lib.rs` that reach it. Each helper's doc names its callers.

use crate::app::{Account, AdNetwork, Metrics, Settings};
use crate::reports;

/// Called by `on_login` and `on_logout`, which both check first.
pub fn upload_usage(metrics: &Metrics, account: &Account) {
    metrics.report("usage", &account.phone_number());
}

/// Called by `on_settings_saved`, which checks, and by `on_app_start`, which does not.
pub fn upload_contacts_count(metrics: &Metrics, account: &Account) {
    metrics.report("contacts", &account.phone_number()); //~ unguarded_share
}

/// Called by `daily_job` and `nightly_job`, which both check first; the share is one level down.
pub fn run_daily(metrics: &Metrics, account: &Account) {
    println!("daily sync");
    send_daily(metrics, account);
}

/// Called only by `run_daily`.
fn send_daily(metrics: &Metrics, account: &Account) {
    metrics.report("daily", &account.phone_number());
}

/// Called by `weekly_job`, which checks, and by `debug_force_weekly`, which does not.
pub fn run_weekly(metrics: &Metrics, account: &Account) {
    println!("weekly sync");
    send_weekly(metrics, account);
}

/// Called only by `run_weekly`: the gap is two calls up.
fn send_weekly(metrics: &Metrics, account: &Account) {
    metrics.report("weekly", &account.phone_number()); //~ unguarded_share
}

/// Checks, then calls `send_profile`; its own callers check nothing.
pub fn sync_profile(settings: &Settings, metrics: &Metrics, account: &Account) {
    if !settings.allows_analytics() {
        return;
    }
    send_profile(metrics, account);
}

/// Called only by `sync_profile`, after its check.
fn send_profile(metrics: &Metrics, account: &Account) {
    metrics.report("profile", &account.phone_number());
}

/// Called by `on_background`, which checks only after the call.
pub fn upload_session(metrics: &Metrics, account: &Account) {
    metrics.report("session", &account.phone_number()); //~ unguarded_share
}

/// Called only by `on_purchase`, which checks the ads opt-out.
pub fn upload_purchases(metrics: &Metrics, account: &Account) {
    metrics.report("purchase", &account.phone_number()); //~ purpose_mismatch
}

/// Called by `on_search`, which checks analytics, and `on_voice_search`, which checks ads.
pub fn upload_search(metrics: &Metrics, account: &Account) {
    metrics.report("search", &account.phone_number()); //~ purpose_mismatch
}

/// Called by `on_map_opened`, which checks ads, and `on_map_closed`, which checks nothing.
pub fn upload_map_usage(metrics: &Metrics, account: &Account) {
    metrics.report("map", &account.phone_number()); //~ unguarded_share
}

/// Called only by `on_purchase`, after its ads opt-out check.
pub fn upload_buyer(ads: &AdNetwork, account: &Account) {
    ads.upload_audience(&account.phone_number());
}

/// Retries by calling itself; its only outside caller, `on_sync_requested`, checks first.
pub fn upload_with_retry(metrics: &Metrics, account: &Account, attempts: u32) {
    metrics.report("sync", &account.phone_number());
    if attempts > 1 {
        upload_with_retry(metrics, account, attempts - 1);
    }
}

/// Uploads usage for whoever holds it; its callers decide.
pub struct UsageReporter {
    metrics: Metrics,
}

impl UsageReporter {
    /// Called by `on_shutdown`, which checks, and by `flush_all`.
    pub fn flush(&self, account: &Account) {
        Self::send(&self.metrics, account);
    }

    /// Called only by `on_update`, which checks.
    pub fn flush_all(&self, accounts: &[Account]) {
        for account in accounts {
            self.flush(account);
        }
    }

    /// Called only by `flush`.
    fn send(metrics: &Metrics, account: &Account) {
        metrics.report("flush", &account.phone_number());
    }

    /// Needs analytics checked by its callers: `on_midnight` checks, `on_wake` does not.
    #[consent::requires(purpose = "analytics")]
    pub fn send_daily(&self, account: &Account) {
        self.metrics.report("daily", &account.phone_number());
    }
}

/// Calls a `requires` fn; its only caller, `on_wifi_connected`, checks first.
pub fn send_reports(metrics: &Metrics, account: &Account) {
    reports::report_usage(metrics, account);
}

/// Calls a `requires` fn; `on_timer` checks first, `on_low_battery` does not.
pub fn send_reports_on_timer(metrics: &Metrics, account: &Account) {
    reports::report_usage(metrics, account); //~ unguarded_share
}
