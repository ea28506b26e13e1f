//! Fixture `guard-values`: a check's value keeps guarding after it leaves the condition: stored
//! in a `let`, combined with `&&` (or, for exits, `||`), negated, passed as a `bool` argument,
//! and captured by a closure. Shares for `analytics` use checks, shares for `ads` opt-outs.
//!
//! Guarded (no marker): a stored check, field or opt-out branched on later, also after copying
//! it, or from inside a loop; `&&` stored and branched on, or used as an exit; a stored
//! `OPT_OUT || other` that exits; negation in the `let`, in the `if`, or both; a `bool`
//! parameter whose every caller passes a check (directly, stored, negated opt-out, or forwarded
//! through another fn); a check captured by a closure; a closure called only under a check.
//!
//! Broken: a stored value overwritten on some path, a stored check shadowed before the branch
//! (`unguarded_share`, and `ignored_check` for the shadowed check), a stored `CHECK || other`,
//! a negated value branched on with the wrong polarity, a `bool` parameter with one caller
//! passing `true` or an opt-out (`unguarded_share` at the share inside the helper) or a check for
//! another purpose (`purpose_mismatch`), a captured check on the wrong side, and a closure also
//! called outside the check.

mod app;

use app::{is_debug_build, on_wifi, Account, AdNetwork, Metrics, Settings};

// ---- Stored in a `let` ----

/// A check method stored, then branched on.
pub fn stored_check_method(settings: &Settings, metrics: &Metrics, account: &Account) {
    let allowed = settings.allows_analytics();
    let phone = account.phone_number();
    if allowed {
        metrics.report("login", &phone);
    }
}

/// A check field stored, then branched on.
pub fn stored_check_field(settings: &Settings, metrics: &Metrics, account: &Account) {
    let allowed = settings.share_usage;
    if allowed {
        metrics.report("login", &account.phone_number());
    }
}

/// An opt-out field stored, then used for an early return.
pub fn stored_opt_out_exit(settings: &Settings, ads: &AdNetwork, account: &Account) {
    let opted_out = settings.ads_opt_out;
    if opted_out {
        return;
    }
    ads.upload_audience(&account.phone_number());
}

/// A stored check copied into another variable.
pub fn stored_check_copied(settings: &Settings, metrics: &Metrics, account: &Account) {
    let allowed = settings.allows_analytics();
    let may_upload = allowed;
    if may_upload {
        metrics.report("login", &account.phone_number());
    }
}

/// A check hoisted out of a loop and tested in every iteration.
pub fn stored_check_before_loop(settings: &Settings, metrics: &Metrics, accounts: &[Account]) {
    let allowed = settings.allows_analytics();
    for account in accounts {
        if !allowed {
            continue;
        }
        metrics.report("sync", &account.phone_number());
    }
}

/// In debug builds the stored check is overwritten with `true` before the branch.
pub fn stored_check_overwritten(settings: &Settings, metrics: &Metrics, account: &Account) {
    let mut allowed = settings.allows_analytics();
    if is_debug_build() {
        allowed = true;
    }
    if allowed {
        metrics.report("login", &account.phone_number()); //~ unguarded_share
    }
}

/// The check is shadowed by another `allowed`, which is what the `if` reads.
#[allow(unused_variables)] // The unused check is the bug this case shows.
pub fn stored_check_shadowed(settings: &Settings, metrics: &Metrics, account: &Account) {
    let allowed = settings.allows_analytics(); //~ ignored_check
    let allowed = on_wifi();
    if allowed {
        metrics.report("login", &account.phone_number()); //~ unguarded_share
    }
}

// ---- Combined with `&&` and `||` ----

/// `CHECK && other` stored, then branched on.
pub fn stored_check_and_other(settings: &Settings, metrics: &Metrics, account: &Account) {
    let upload = settings.allows_analytics() && on_wifi();
    if upload {
        metrics.report("login", &account.phone_number());
    }
}

/// `other && !OPT_OUT` stored, then branched on.
pub fn stored_other_and_not_opted_out(settings: &Settings, ads: &AdNetwork, account: &Account) {
    let upload = on_wifi() && !settings.ads_opt_out;
    if upload {
        ads.upload_audience(&account.phone_number());
    }
}

/// `CHECK && other` stored, then used for an early return.
pub fn stored_conjunction_exit(settings: &Settings, metrics: &Metrics, account: &Account) {
    let upload = settings.share_usage && on_wifi();
    if !upload {
        return;
    }
    metrics.report("login", &account.phone_number());
}

/// A stored check combined with `&&` only in the `if`.
pub fn stored_check_combined_later(settings: &Settings, metrics: &Metrics, account: &Account) {
    let allowed = settings.allows_analytics();
    if allowed && on_wifi() {
        metrics.report("login", &account.phone_number());
    }
}

/// `OPT_OUT || other` stored as the reason to skip: past the exit, the opt-out is off.
pub fn stored_opted_out_or_other_exit(settings: &Settings, ads: &AdNetwork, account: &Account) {
    let skip = settings.ads_opt_out || !on_wifi();
    if skip {
        return;
    }
    ads.upload_audience(&account.phone_number());
}

/// `CHECK || other` stored: either side is enough to share.
pub fn stored_check_or_other(settings: &Settings, metrics: &Metrics, account: &Account) {
    let upload = settings.allows_analytics() || is_debug_build();
    if upload {
        metrics.report("login", &account.phone_number()); //~ unguarded_share
    }
}

// ---- Negated ----

/// The opt-out negated in the `let`.
pub fn stored_negated_opt_out(settings: &Settings, ads: &AdNetwork, account: &Account) {
    let personalised = !settings.ads_opt_out;
    if personalised {
        ads.upload_audience(&account.phone_number());
    }
}

/// The check negated in the `let`, then used for an early return.
pub fn stored_negated_check_exit(settings: &Settings, metrics: &Metrics, account: &Account) {
    let declined = !settings.allows_analytics();
    if declined {
        return;
    }
    metrics.report("login", &account.phone_number());
}

/// Negated in the `let` and again in the `if`.
pub fn negated_twice(settings: &Settings, ads: &AdNetwork, account: &Account) {
    let personalised = !settings.limits_ad_tracking();
    if !personalised {
        return;
    }
    ads.upload_audience(&account.phone_number());
}

/// The negated check is branched on as if it were the check.
pub fn stored_negated_check_shares(settings: &Settings, metrics: &Metrics, account: &Account) {
    let declined = !settings.allows_analytics();
    if declined {
        metrics.report("declined", &account.phone_number()); //~ unguarded_share
    }
}

/// The negated opt-out negated again in the `if`: the share runs for opted-out users.
pub fn stored_negated_opt_out_negated_again(
    settings: &Settings,
    ads: &AdNetwork,
    account: &Account,
) {
    let personalised = !settings.ads_opt_out;
    if !personalised {
        ads.upload_audience(&account.phone_number()); //~ unguarded_share
    }
}

// ---- Passed as a `bool` argument ----

/// Every caller passes an analytics check as `allowed`.
fn upload_usage(metrics: &Metrics, account: &Account, allowed: bool) {
    if allowed {
        metrics.report("usage", &account.phone_number());
    }
}

/// Passes the check method to `upload_usage`.
pub fn bool_argument_from_check_method(settings: &Settings, metrics: &Metrics, account: &Account) {
    upload_usage(metrics, account, settings.allows_analytics());
}

/// Passes the check field to `upload_usage`.
pub fn bool_argument_from_check_field(settings: &Settings, metrics: &Metrics, account: &Account) {
    upload_usage(metrics, account, settings.share_usage);
}

/// Passes a stored check to `upload_usage`.
pub fn bool_argument_from_stored_check(settings: &Settings, metrics: &Metrics, account: &Account) {
    let allowed = settings.allows_analytics();
    upload_usage(metrics, account, allowed);
}

/// Every caller passes a negated ads opt-out as `personalised`.
fn upload_audience_if_personalised(ads: &AdNetwork, account: &Account, personalised: bool) {
    if !personalised {
        return;
    }
    ads.upload_audience(&account.phone_number());
}

/// Passes the negated opt-out field.
pub fn bool_argument_from_opt_out_field(settings: &Settings, ads: &AdNetwork, account: &Account) {
    upload_audience_if_personalised(ads, account, !settings.ads_opt_out);
}

/// Passes the negated opt-out method.
pub fn bool_argument_from_opt_out_method(settings: &Settings, ads: &AdNetwork, account: &Account) {
    upload_audience_if_personalised(ads, account, !settings.limits_ad_tracking());
}

/// Forwards its `allowed` parameter; its only caller passes a check.
fn sync_profile(metrics: &Metrics, account: &Account, allowed: bool) {
    println!("syncing the profile");
    sync_profile_now(metrics, account, allowed);
}

/// Gets `allowed` from `sync_profile`, which got it from a check.
fn sync_profile_now(metrics: &Metrics, account: &Account, allowed: bool) {
    if allowed {
        metrics.report("profile", &account.phone_number());
    }
}

/// The start of the forwarding chain.
pub fn bool_argument_forwarded(settings: &Settings, metrics: &Metrics, account: &Account) {
    sync_profile(metrics, account, settings.allows_analytics());
}

/// One caller passes the check, the debug menu passes `true`.
fn upload_contact_usage(metrics: &Metrics, account: &Account, allowed: bool) {
    if allowed {
        metrics.report("contacts", &account.phone_number()); //~ unguarded_share
    }
}

/// The checked caller of `upload_contact_usage`.
pub fn contacts_opened(settings: &Settings, metrics: &Metrics, account: &Account) {
    upload_contact_usage(metrics, account, settings.allows_analytics());
}

/// The debug menu's "upload now" forces the upload.
pub fn debug_menu_upload_now(metrics: &Metrics, account: &Account) {
    upload_contact_usage(metrics, account, true);
}

/// Its only caller passes the opt-out itself as `allowed`.
fn upload_audience_when(ads: &AdNetwork, account: &Account, allowed: bool) {
    if allowed {
        ads.upload_audience(&account.phone_number()); //~ unguarded_share
    }
}

/// Passes the opt-out where an allow is expected.
pub fn bool_argument_opt_out_as_allow(settings: &Settings, ads: &AdNetwork, account: &Account) {
    upload_audience_when(ads, account, settings.ads_opt_out);
}

/// Its only caller passes the ads check to an analytics share.
fn upload_session(metrics: &Metrics, account: &Account, allowed: bool) {
    if allowed {
        metrics.report("session", &account.phone_number()); //~ purpose_mismatch
    }
}

/// Passes the check for another purpose.
pub fn bool_argument_for_other_purpose(settings: &Settings, metrics: &Metrics, account: &Account) {
    upload_session(metrics, account, settings.allows_ads());
}

// ---- Closures ----

/// A closure captures the stored check and branches on it.
pub fn closure_captures_check(settings: &Settings, metrics: &Metrics, accounts: &[Account]) {
    let allowed = settings.allows_analytics();
    let upload = |account: &Account| {
        if allowed {
            metrics.report("sync", &account.phone_number());
        }
    };
    for account in accounts {
        upload(account);
    }
}

/// A `for_each` closure captures the opt-out and returns early from each call.
pub fn closure_captures_opt_out(settings: &Settings, ads: &AdNetwork, accounts: &[Account]) {
    let opted_out = settings.ads_opt_out;
    accounts.iter().for_each(|account| {
        if opted_out {
            return;
        }
        ads.upload_audience(&account.phone_number());
    });
}

/// The captured check is tested with the wrong polarity.
pub fn closure_captures_check_wrong_side(
    settings: &Settings,
    metrics: &Metrics,
    account: &Account,
) {
    let allowed = settings.allows_analytics();
    let upload = |account: &Account| {
        if !allowed {
            metrics.report("declined", &account.phone_number()); //~ unguarded_share
        }
    };
    upload(account);
}

/// The closure holding the share is called only under the check.
pub fn closure_called_under_check(settings: &Settings, metrics: &Metrics, account: &Account) {
    let upload = || metrics.report("login", &account.phone_number());
    if settings.allows_analytics() {
        upload();
    }
}

/// The closure is called under the check and once more after it.
pub fn closure_called_outside_check(settings: &Settings, metrics: &Metrics, account: &Account) {
    let upload = || metrics.report("login", &account.phone_number()); //~ unguarded_share
    if settings.allows_analytics() {
        upload();
    }
    upload();
}
