//! Fixture `guard-purposes`: a check guards only its purpose (or every purpose, when it names
//! none) and only its recipient (when it names one). When every path is checked, but not for
//! the share's purpose and recipient, the finding is `purpose_mismatch`; when some path has no
//! check at all, it is `unguarded_share`.
//!
//! Guarded (no marker): a check with no recipient for shares to two recipients; checks for two
//! purposes combined with `&&` or nested; different fitting checks on different paths; a check
//! and an opt-out naming the share's recipient (as method and field); a recipient-only check;
//! the all-purpose check, opt-out field and opt-out fn for shares of four purposes.
//!
//! Broken: a check or opt-out for another purpose (the ads opt-out guarding an analytics share),
//! one of two shares under a check that fits only the other, analytics consent for a crash
//! report, a fitting check on one path and another purpose's on the other, a check or opt-out
//! for another recipient, a recipient-only check for another recipient (`purpose_mismatch`);
//! another purpose's check on one path and none on the other, the all-purpose opt-out read as
//! an allow (`unguarded_share`).
//!
//! `requires`: a call of a `requires` fn checked for its purpose with the recipients of the
//! shares inside it (module `requires`).

mod app;
pub mod requires;

use app::{
    global_privacy_control, Account, AdNetwork, CrashReporter, FriendFinder, Metrics, Settings,
    Vendor,
};

// ---- Purposes ----

/// An analytics check with no recipient covers both analytics recipients.
pub fn analytics_check_any_recipient(
    settings: &Settings,
    metrics: &Metrics,
    vendor: &Vendor,
    account: &Account,
) {
    if settings.allows_analytics() {
        metrics.report("login", &account.phone_number());
        vendor.track("login", &account.phone_number());
    }
}

/// The ads check does not allow an analytics share.
pub fn ads_check_for_analytics(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.allows_ads() {
        metrics.report("login", &account.phone_number()); //~ purpose_mismatch
    }
}

/// SPEC's example: the ads opt-out, the only switch the app had, guarding an analytics share.
pub fn ads_opt_out_for_analytics(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.ads_opt_out {
        return;
    }
    metrics.report("daily_active", &account.phone_number()); //~ purpose_mismatch
}

/// Under the ads check, the ads share is guarded and the analytics share is not.
pub fn one_check_two_purposes(
    settings: &Settings,
    ads: &AdNetwork,
    metrics: &Metrics,
    account: &Account,
) {
    if settings.allows_ads() {
        ads.upload_audience(&account.phone_number());
        metrics.report("audience", &account.phone_number()); //~ purpose_mismatch
    }
}

/// Both purposes checked with `&&`.
pub fn both_purposes_checked(
    settings: &Settings,
    ads: &AdNetwork,
    metrics: &Metrics,
    account: &Account,
) {
    if settings.allows_ads() && settings.allows_analytics() {
        ads.upload_audience(&account.phone_number());
        metrics.report("audience", &account.phone_number());
    }
}

/// The ads opt-out outside, the analytics check inside.
pub fn nested_checks(settings: &Settings, ads: &AdNetwork, metrics: &Metrics, account: &Account) {
    if !settings.ads_opt_out {
        ads.upload_audience(&account.phone_number());
        if settings.allows_analytics() {
            metrics.report("audience", &account.phone_number());
        }
    }
}

/// Analytics consent says nothing about crash reports.
pub fn analytics_check_for_crash_report(
    settings: &Settings,
    crashes: &CrashReporter,
    account: &Account,
) {
    if settings.allows_analytics() {
        crashes.send("panic in sync", &account.phone_number()); //~ purpose_mismatch
    }
}

/// Each path has a check that fits: the analytics check, or the parent-company opt-out.
pub fn fitting_checks_on_each_path(
    settings: &Settings,
    metrics: &Metrics,
    account: &Account,
    from_settings_screen: bool,
) {
    if from_settings_screen {
        if !settings.allows_analytics() {
            return;
        }
    } else if settings.no_parent_sharing {
        return;
    }
    metrics.report("sync", &account.phone_number());
}

/// One path checks analytics, the other only the ads opt-out.
pub fn other_purpose_on_one_path(
    settings: &Settings,
    metrics: &Metrics,
    account: &Account,
    from_settings_screen: bool,
) {
    if from_settings_screen {
        if !settings.allows_analytics() {
            return;
        }
    } else if settings.ads_opt_out {
        return;
    }
    metrics.report("sync", &account.phone_number()); //~ purpose_mismatch
}

/// One path checks only the ads opt-out, the other nothing: unguarded, not a mismatch.
pub fn other_purpose_or_nothing(
    settings: &Settings,
    metrics: &Metrics,
    account: &Account,
    from_settings_screen: bool,
) {
    if from_settings_screen && settings.ads_opt_out {
        return;
    }
    metrics.report("sync", &account.phone_number()); //~ unguarded_share
}

// ---- Recipients ----

/// A check naming the vendor guards the vendor's share.
pub fn recipient_check_method(settings: &Settings, vendor: &Vendor, account: &Account) {
    if settings.allows_vendor_analytics() {
        vendor.track("login", &account.phone_number());
    }
}

/// The same as a field.
pub fn recipient_check_field(settings: &Settings, vendor: &Vendor, account: &Account) {
    if settings.vendor_analytics {
        vendor.track("login", &account.phone_number());
    }
}

/// Consent for the vendor is not consent for the parent company.
pub fn recipient_check_for_other_recipient(
    settings: &Settings,
    metrics: &Metrics,
    account: &Account,
) {
    if settings.allows_vendor_analytics() {
        metrics.report("login", &account.phone_number()); //~ purpose_mismatch
    }
}

/// An opt-out naming the parent company guards the parent company's share.
pub fn recipient_opt_out(settings: &Settings, metrics: &Metrics, account: &Account) {
    if !settings.no_parent_sharing {
        metrics.report("login", &account.phone_number());
    }
}

/// Not opting out of the parent company is no consent for the vendor.
pub fn recipient_opt_out_for_other_recipient(
    settings: &Settings,
    vendor: &Vendor,
    account: &Account,
) {
    if !settings.no_parent_sharing {
        vendor.track("login", &account.phone_number()); //~ purpose_mismatch
    }
}

/// A check naming only the recipient covers every purpose for that recipient.
pub fn recipient_only_check(settings: &Settings, vendor: &Vendor, account: &Account) {
    if settings.trusts_metrics_vendor() {
        vendor.track("login", &account.phone_number());
    }
}

/// Trusting the vendor says nothing about the parent company.
pub fn recipient_only_check_for_other_recipient(
    settings: &Settings,
    metrics: &Metrics,
    account: &Account,
) {
    if settings.trusts_metrics_vendor() {
        metrics.report("login", &account.phone_number()); //~ purpose_mismatch
    }
}

// ---- All purposes ----

/// "Accept all" covers every purpose and recipient.
pub fn all_purpose_check(
    settings: &Settings,
    ads: &AdNetwork,
    metrics: &Metrics,
    friends: &FriendFinder,
    crashes: &CrashReporter,
    account: &Account,
) {
    if settings.accepted_all() {
        ads.upload_audience(&account.phone_number());
        metrics.report("login", &account.phone_number());
        friends.suggest(&account.phone_number());
        crashes.send("startup", &account.phone_number());
    }
}

/// "Share nothing" is an opt-out of every purpose; returning on it guards them all.
pub fn all_purpose_opt_out_field(
    settings: &Settings,
    ads: &AdNetwork,
    vendor: &Vendor,
    account: &Account,
) {
    if settings.do_not_share {
        return;
    }
    ads.upload_audience(&account.phone_number());
    vendor.track("login", &account.phone_number());
}

/// The Global Privacy Control signal, as an all-purpose opt-out fn.
pub fn all_purpose_opt_out_fn(friends: &FriendFinder, account: &Account) {
    if !global_privacy_control() {
        friends.suggest(&account.phone_number());
    }
}

/// "Share nothing" read as if it were "share everything".
pub fn all_purpose_opt_out_read_as_allow(
    settings: &Settings,
    metrics: &Metrics,
    account: &Account,
) {
    if settings.do_not_share {
        metrics.report("login", &account.phone_number()); //~ unguarded_share
    }
}
