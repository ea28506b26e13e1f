//! `requires` fns: the shares for their purpose inside them are guarded, and every call of them
//! must be checked instead.

use crate::app::{Account, AdNetwork, Metrics};

/// Needs analytics checked by every caller.
#[consent::requires(purpose = "analytics")]
pub fn report_usage(metrics: &Metrics, account: &Account) {
    metrics.report("usage", &account.phone_number());
}

/// Needs analytics too, so it may call `report_usage` without a check of its own.
#[consent::requires(purpose = "analytics")]
pub fn report_session(metrics: &Metrics, account: &Account) {
    report_usage(metrics, account);
    metrics.report("session", &account.phone_number());
}

/// Needs analytics, but also shares for ads: its callers' analytics checks do not cover that.
#[consent::requires(purpose = "analytics")]
pub fn report_home_screen(metrics: &Metrics, ads: &AdNetwork, account: &Account) {
    metrics.report("home", &account.phone_number());
    ads.upload_audience(&account.phone_number()); //~ purpose_mismatch
}

/// Needs analytics, and nothing calls it: there is no call to check.
#[consent::requires(purpose = "analytics")]
pub fn report_install(metrics: &Metrics, account: &Account) {
    metrics.report("install", &account.phone_number());
}
