//! `requires` fns and recipients: every call of a `requires` fn must be checked for its purpose
//! with the recipients of the shares inside it (SPEC §3). A caller's check for the purpose with
//! that recipient covers the call; one with another recipient does not.
//!
//! Guarded (no marker): the vendor's check for a fn that shares with the vendor, directly,
//! through a helper, and with no personal data; the check with no recipient for a fn that
//! shares with both recipients. Broken (`purpose_mismatch` at the call): the vendor's check for
//! a fn that also shares with the parent company; the parent company's opt-out for a fn that
//! shares with the vendor.

use crate::app::{Account, Metrics, Settings, Vendor};

/// Shares with the metrics vendor; its callers must have checked analytics.
#[consent::requires(purpose = "analytics")]
fn sync_with_vendor(vendor: &Vendor, account: &Account) {
    vendor.track("sync", &account.phone_number());
}

/// Shares with the metrics vendor through a helper.
#[consent::requires(purpose = "analytics")]
fn sync_with_vendor_through_helper(vendor: &Vendor, account: &Account) {
    track_sync(vendor, account);
}

fn track_sync(vendor: &Vendor, account: &Account) {
    vendor.track("sync", &account.phone_number());
}

/// Pings the metrics vendor: no personal data, but a share with the vendor all the same.
#[consent::requires(purpose = "analytics")]
fn ping_vendor(vendor: &Vendor) {
    vendor.track("ping", "");
}

/// Shares with both analytics recipients.
#[consent::requires(purpose = "analytics")]
fn sync_everywhere(vendor: &Vendor, metrics: &Metrics, account: &Account) {
    vendor.track("sync", &account.phone_number());
    metrics.report("sync", &account.phone_number());
}

// ---- Guarded ----

/// The vendor's check, for a fn that shares with the vendor.
pub fn vendor_check_for_vendor_sync(settings: &Settings, vendor: &Vendor, account: &Account) {
    if settings.allows_vendor_analytics() {
        sync_with_vendor(vendor, account);
    }
}

/// The vendor's check as a field, for a fn that shares with the vendor through a helper.
pub fn vendor_field_for_helper_sync(settings: &Settings, vendor: &Vendor, account: &Account) {
    if settings.vendor_analytics {
        sync_with_vendor_through_helper(vendor, account);
    }
}

/// The vendor's check, for a fn that sends the vendor no personal data.
pub fn vendor_check_for_ping(settings: &Settings, vendor: &Vendor) {
    if settings.allows_vendor_analytics() {
        ping_vendor(vendor);
    }
}

/// A check with no recipient covers every recipient.
pub fn analytics_check_for_both(
    settings: &Settings,
    vendor: &Vendor,
    metrics: &Metrics,
    account: &Account,
) {
    if settings.allows_analytics() {
        sync_everywhere(vendor, metrics, account);
    }
}

// ---- Broken ----

/// The vendor's check says nothing about the parent company.
pub fn vendor_check_for_both(
    settings: &Settings,
    vendor: &Vendor,
    metrics: &Metrics,
    account: &Account,
) {
    if settings.allows_vendor_analytics() {
        sync_everywhere(vendor, metrics, account); //~ purpose_mismatch
    }
}

/// The parent company's opt-out says nothing about the vendor.
pub fn parent_opt_out_for_vendor_sync(settings: &Settings, vendor: &Vendor, account: &Account) {
    if settings.no_parent_sharing {
        return;
    }
    sync_with_vendor(vendor, account); //~ purpose_mismatch
}
