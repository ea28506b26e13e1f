//! Fixture `guard-shapes`: the control-flow shapes that guard a share inside one fn, each with a
//! consent check (share for `analytics`) and with an opt-out (share for `ads`), as fns, methods
//! and `Classified` fields.
//!
//! Guarded (no marker): `if CHECK { .. }`, `if !OPT_OUT { .. }` and the `else` of `if OPT_OUT`;
//! `if CHECK && other` in either order; early exits on the forbidden side by `return`,
//! `return Err(..)`, `continue` (also to an outer loop's label), `break`, `Err(..)?`, `panic!`,
//! anyhow's `bail!` and `ensure!`, and `assert!`, also as `if OPT_OUT || other { return }`;
//! `match` on the check (`true =>`, `false =>`, `_ =>`) and a `match` arm guard; nested
//! conditions.
//!
//! Broken (marked `unguarded_share`): no check, an unrelated condition, the share in the wrong
//! branch or arm, an opt-out read as an allow, `CHECK || other`, an exit on the allowed side or
//! one that does not always leave, a `break` that leaves only the inner loop, a `return` that
//! leaves only a closure, a check on only some paths, only in debug builds (`debug_assert!`,
//! `#[cfg(debug_assertions)]`), or after the share, and `ensure!` with the polarity reversed.
//!
//! Checks whose result is ignored are in `guard-ignored`; stored, combined and passed-on checks
//! in `guard-values`; `Result`/`Option` checks in `guard-result-option`.

mod app;

use anyhow::{bail, ensure};
use app::{
    ads_opted_out, analytics_enabled, is_debug_build, on_wifi, Account, AdNetwork, Event, Metrics,
    Settings, SyncError,
};

// ---- No check ----

/// Nothing is checked before the share.
pub fn no_check(metrics: &Metrics, account: &Account) {
    metrics.report("login", &account.phone_number()); //~ unguarded_share
}

/// A condition that is not a check guards nothing.
pub fn unrelated_condition(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.dark_mode {
        metrics.report("theme", &account.phone_number()); //~ unguarded_share
    }
}

// ---- `if CHECK { .. }` and `if !OPT_OUT { .. }` ----

/// A check method.
pub fn if_check_method(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.allows_analytics() {
        metrics.report("login", &account.phone_number());
    }
}

/// A check field.
pub fn if_check_field(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.share_usage {
        metrics.report("login", &account.phone_number());
    }
}

/// A check fn.
pub fn if_check_fn(metrics: &Metrics, account: &Account) {
    if analytics_enabled() {
        metrics.report("login", &account.phone_number());
    }
}

/// The share in the `else` of the check runs exactly when the user said no.
pub fn share_in_else_of_check(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.allows_analytics() {
        println!("thanks for sharing usage data");
    } else {
        metrics.report("declined", &account.phone_number()); //~ unguarded_share
    }
}

/// An opt-out method, negated.
pub fn if_not_opted_out_method(settings: &Settings, ads: &AdNetwork, account: &Account) {
    if !settings.limits_ad_tracking() {
        ads.upload_audience(&account.phone_number());
    }
}

/// An opt-out field, negated.
pub fn if_not_opted_out_field(settings: &Settings, ads: &AdNetwork, account: &Account) {
    if !settings.ads_opt_out {
        ads.upload_audience(&account.phone_number());
    }
}

/// An opt-out fn, negated.
pub fn if_not_opted_out_fn(ads: &AdNetwork, account: &Account) {
    if !ads_opted_out() {
        ads.upload_audience(&account.phone_number());
    }
}

/// The share in the `else` of an opt-out runs only when the user did not opt out.
pub fn share_in_else_of_opt_out(settings: &Settings, ads: &AdNetwork, account: &Account) {
    if settings.ads_opt_out {
        println!("personalised ads are off");
    } else {
        ads.upload_audience(&account.phone_number());
    }
}

/// An opt-out field read as if it were an allow: the share runs exactly when the user opted out.
pub fn opt_out_field_read_as_allow(settings: &Settings, ads: &AdNetwork, account: &Account) {
    if settings.ads_opt_out {
        ads.upload_audience(&account.phone_number()); //~ unguarded_share
    }
}

/// The same mistake with an opt-out method.
pub fn opt_out_method_read_as_allow(settings: &Settings, ads: &AdNetwork, account: &Account) {
    if settings.limits_ad_tracking() {
        ads.upload_audience(&account.phone_number()); //~ unguarded_share
    }
}

// ---- `if CHECK && other` ----

/// The check first.
pub fn check_and_other(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.allows_analytics() && on_wifi() {
        metrics.report("login", &account.phone_number());
    }
}

/// The check second.
pub fn other_and_check(settings: &Settings, metrics: &Metrics, account: &Account) {
    if on_wifi() && settings.share_usage {
        metrics.report("login", &account.phone_number());
    }
}

/// A negated opt-out second.
pub fn other_and_not_opted_out(settings: &Settings, ads: &AdNetwork, account: &Account) {
    if on_wifi() && !settings.ads_opt_out {
        ads.upload_audience(&account.phone_number());
    }
}

/// Either side of `||` is enough to share, so the check alone does not decide.
pub fn check_or_other(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.allows_analytics() || is_debug_build() {
        metrics.report("login", &account.phone_number()); //~ unguarded_share
    }
}

/// The opt-out form of the same mistake.
pub fn not_opted_out_or_other(settings: &Settings, ads: &AdNetwork, account: &Account) {
    if !settings.ads_opt_out || is_debug_build() {
        ads.upload_audience(&account.phone_number()); //~ unguarded_share
    }
}

// ---- Early exits on the forbidden side ----

/// `return` unless the check allows.
pub fn return_unless_allowed(settings: &Settings, metrics: &Metrics, account: &Account) {
    if !settings.allows_analytics() {
        return;
    }
    metrics.report("login", &account.phone_number());
}

/// `return` when opted out.
pub fn return_if_opted_out(settings: &Settings, ads: &AdNetwork, account: &Account) {
    if settings.ads_opt_out {
        return;
    }
    ads.upload_audience(&account.phone_number());
}

/// `return` from the `else` of the check.
pub fn return_from_else(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.share_usage {
        println!("uploading usage");
    } else {
        return;
    }
    metrics.report("login", &account.phone_number());
}

/// `return Err(..)` unless the check allows.
pub fn return_err_unless_allowed(
    settings: &Settings,
    metrics: &Metrics,
    account: &Account,
) -> Result<(), SyncError> {
    if !settings.allows_analytics() {
        return Err(SyncError::NoConsent);
    }
    metrics.report("login", &account.phone_number());
    Ok(())
}

/// `return` when either the opt-out or something else says no: past it, the opt-out is off.
pub fn return_if_opted_out_or_other(settings: &Settings, ads: &AdNetwork, account: &Account) {
    if settings.ads_opt_out || !on_wifi() {
        return;
    }
    ads.upload_audience(&account.phone_number());
}

/// `return` when the check says no or something else does: past it, the check said yes.
pub fn return_unless_allowed_or_other(settings: &Settings, metrics: &Metrics, account: &Account) {
    if !settings.allows_analytics() || !on_wifi() {
        return;
    }
    metrics.report("login", &account.phone_number());
}

/// `return` only when opted out *and* on Wi-Fi: off Wi-Fi, opted-out users are shared anyway.
pub fn return_if_opted_out_and_other(settings: &Settings, ads: &AdNetwork, account: &Account) {
    if settings.ads_opt_out && on_wifi() {
        return;
    }
    ads.upload_audience(&account.phone_number()); //~ unguarded_share
}

/// `continue` to the next account unless the check allows.
pub fn continue_unless_allowed(settings: &Settings, metrics: &Metrics, accounts: &[Account]) {
    for account in accounts {
        if !settings.allows_analytics() {
            continue;
        }
        metrics.report("sync", &account.phone_number());
    }
}

/// `continue` when opted out.
pub fn continue_if_opted_out(ads: &AdNetwork, accounts: &[Account]) {
    for account in accounts {
        if ads_opted_out() {
            continue;
        }
        ads.upload_audience(&account.phone_number());
    }
}

/// `continue 'users` from an inner loop skips the rest of that user.
pub fn continue_outer_loop_if_opted_out(ads: &AdNetwork, users: &[(Account, Settings)]) {
    'users: for (account, settings) in users {
        for segment in ["travellers", "gamers"] {
            if settings.ads_opt_out {
                continue 'users;
            }
            ads.upload_audience(&format!("{segment}:{}", account.phone_number()));
        }
    }
}

/// `break` out of the loop unless the check allows.
pub fn break_unless_allowed(metrics: &Metrics, accounts: &[Account]) {
    for account in accounts {
        if !analytics_enabled() {
            break;
        }
        metrics.report("sync", &account.phone_number());
    }
}

/// `break` out of the upload queue when opted out.
pub fn break_if_opted_out(settings: &Settings, ads: &AdNetwork, queue: &mut Vec<Account>) {
    while let Some(account) = queue.pop() {
        if settings.limits_ad_tracking() {
            break;
        }
        ads.upload_audience(&account.phone_number());
    }
}

/// The `break` leaves only the inner loop; the share after it still runs.
pub fn break_leaves_only_inner_loop(settings: &Settings, ads: &AdNetwork, accounts: &[Account]) {
    for account in accounts {
        loop {
            if settings.ads_opt_out {
                break;
            }
            println!("waiting for the network");
            break;
        }
        ads.upload_audience(&account.phone_number()); //~ unguarded_share
    }
}

/// `Err(..)?` unless the check allows.
pub fn error_unless_allowed(
    settings: &Settings,
    metrics: &Metrics,
    account: &Account,
) -> Result<(), SyncError> {
    if !settings.share_usage {
        Err(SyncError::NoConsent)?;
    }
    metrics.report("login", &account.phone_number());
    Ok(())
}

/// `Err(..)?` when opted out.
pub fn error_if_opted_out(
    settings: &Settings,
    ads: &AdNetwork,
    account: &Account,
) -> Result<(), SyncError> {
    if settings.ads_opt_out {
        Err(SyncError::NoConsent)?;
    }
    ads.upload_audience(&account.phone_number());
    Ok(())
}

/// `panic!` unless the check allows.
pub fn panic_unless_allowed(settings: &Settings, metrics: &Metrics, account: &Account) {
    if !settings.allows_analytics() {
        panic!("usage upload started without consent");
    }
    metrics.report("login", &account.phone_number());
}

/// `panic!` when opted out.
pub fn panic_if_opted_out(settings: &Settings, ads: &AdNetwork, account: &Account) {
    if settings.limits_ad_tracking() {
        panic!("audience upload started for an opted-out user");
    }
    ads.upload_audience(&account.phone_number());
}

/// anyhow's `bail!` unless the check allows.
pub fn bail_unless_allowed(
    settings: &Settings,
    metrics: &Metrics,
    account: &Account,
) -> anyhow::Result<()> {
    if !settings.allows_analytics() {
        bail!("the user declined analytics");
    }
    metrics.report("login", &account.phone_number());
    Ok(())
}

/// anyhow's `bail!` when opted out.
pub fn bail_if_opted_out(
    settings: &Settings,
    ads: &AdNetwork,
    account: &Account,
) -> anyhow::Result<()> {
    if settings.ads_opt_out {
        bail!("the user opted out of ads");
    }
    ads.upload_audience(&account.phone_number());
    Ok(())
}

/// anyhow's `ensure!` on the check.
pub fn ensure_allowed(
    settings: &Settings,
    metrics: &Metrics,
    account: &Account,
) -> anyhow::Result<()> {
    ensure!(settings.share_usage, "the user declined analytics");
    metrics.report("login", &account.phone_number());
    Ok(())
}

/// anyhow's `ensure!` on the negated opt-out.
pub fn ensure_not_opted_out(
    settings: &Settings,
    ads: &AdNetwork,
    account: &Account,
) -> anyhow::Result<()> {
    ensure!(!settings.ads_opt_out, "the user opted out of ads");
    ads.upload_audience(&account.phone_number());
    Ok(())
}

/// `ensure!` on the opt-out itself goes on only when the user opted out.
pub fn ensure_opted_out(
    settings: &Settings,
    ads: &AdNetwork,
    account: &Account,
) -> anyhow::Result<()> {
    ensure!(settings.ads_opt_out, "expected an opted-out user");
    ads.upload_audience(&account.phone_number()); //~ unguarded_share
    Ok(())
}

/// `assert!` on the check.
pub fn assert_allowed(settings: &Settings, metrics: &Metrics, account: &Account) {
    assert!(settings.allows_analytics(), "usage upload without consent");
    metrics.report("login", &account.phone_number());
}

/// `assert!` on the negated opt-out.
pub fn assert_not_opted_out(ads: &AdNetwork, account: &Account) {
    assert!(!ads_opted_out());
    ads.upload_audience(&account.phone_number());
}

/// `debug_assert!` is compiled out of release builds, so release builds share unchecked.
pub fn debug_assert_allowed(settings: &Settings, metrics: &Metrics, account: &Account) {
    debug_assert!(settings.allows_analytics());
    metrics.report("login", &account.phone_number()); //~ unguarded_share
}

/// A check that exists only in debug builds does not guard the release build.
pub fn check_only_in_debug_builds(settings: &Settings, metrics: &Metrics, account: &Account) {
    #[cfg(debug_assertions)]
    if !settings.allows_analytics() {
        return;
    }
    metrics.report("login", &account.phone_number()); //~ unguarded_share
}

/// The exit sits on the allowed side: the share runs when the user said no.
pub fn return_if_allowed(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.allows_analytics() {
        return;
    }
    metrics.report("login", &account.phone_number()); //~ unguarded_share
}

/// The opt-out form: returns when the user did not opt out, shares when they did.
pub fn return_unless_opted_out(settings: &Settings, ads: &AdNetwork, account: &Account) {
    if !settings.ads_opt_out {
        return;
    }
    ads.upload_audience(&account.phone_number()); //~ unguarded_share
}

/// The exit is taken only in verbose mode, so a declined check can fall through to the share.
pub fn exit_not_always_taken(
    settings: &Settings,
    metrics: &Metrics,
    account: &Account,
    verbose: bool,
) {
    if !settings.allows_analytics() {
        if verbose {
            println!("analytics is off");
            return;
        }
    }
    metrics.report("login", &account.phone_number()); //~ unguarded_share
}

/// The check runs only on the fast path; the slow path shares unchecked.
pub fn check_on_one_path_only(settings: &Settings, ads: &AdNetwork, account: &Account, fast: bool) {
    if fast {
        if settings.ads_opt_out {
            return;
        }
    }
    ads.upload_audience(&account.phone_number()); //~ unguarded_share
}

/// The check comes after the share.
pub fn check_after_share(settings: &Settings, metrics: &Metrics, account: &Account) {
    metrics.report("login", &account.phone_number()); //~ unguarded_share
    if !settings.allows_analytics() {
        return;
    }
    println!("analytics is on");
}

/// The opt-out is read after the share in each iteration.
pub fn opt_out_after_share(settings: &Settings, ads: &AdNetwork, accounts: &[Account]) {
    for account in accounts {
        ads.upload_audience(&account.phone_number()); //~ unguarded_share
        if settings.ads_opt_out {
            continue;
        }
        println!("audience updated");
    }
}

/// A `return` inside a closure leaves the closure, not the fn.
pub fn return_inside_closure(settings: &Settings, metrics: &Metrics, account: &Account) {
    let stop_unless_allowed = || {
        if !settings.allows_analytics() {
            return;
        }
        println!("analytics is on");
    };
    stop_unless_allowed();
    metrics.report("login", &account.phone_number()); //~ unguarded_share
}

// ---- `match` on the check ----

/// The share in the `true` arm.
pub fn match_true_arm(settings: &Settings, metrics: &Metrics, account: &Account) {
    match settings.allows_analytics() {
        true => metrics.report("login", &account.phone_number()),
        false => println!("analytics is off"),
    }
}

/// `_` after `false =>` is the `true` case.
pub fn match_wildcard_after_false(settings: &Settings, metrics: &Metrics, account: &Account) {
    match settings.share_usage {
        false => {}
        _ => metrics.report("login", &account.phone_number()),
    }
}

/// The share after a `match` whose `false` arm returns.
pub fn match_false_arm_returns(metrics: &Metrics, account: &Account) {
    match analytics_enabled() {
        false => return,
        true => {}
    }
    metrics.report("login", &account.phone_number());
}

/// The share in the `false` arm of an opt-out.
pub fn match_opt_out_false_arm(settings: &Settings, ads: &AdNetwork, account: &Account) {
    match settings.ads_opt_out {
        true => println!("personalised ads are off"),
        false => ads.upload_audience(&account.phone_number()),
    }
}

/// `_` after `true =>` is the `false` case of an opt-out.
pub fn match_opt_out_wildcard_after_true(settings: &Settings, ads: &AdNetwork, account: &Account) {
    match settings.limits_ad_tracking() {
        true => {}
        _ => ads.upload_audience(&account.phone_number()),
    }
}

/// The share in the `false` arm of a check.
pub fn match_false_arm_shares(settings: &Settings, metrics: &Metrics, account: &Account) {
    match settings.allows_analytics() {
        true => {}
        false => metrics.report("declined", &account.phone_number()), //~ unguarded_share
    }
}

/// `_` after `false =>` of an opt-out is the opted-out case.
pub fn match_opt_out_wildcard_after_false(settings: &Settings, ads: &AdNetwork, account: &Account) {
    match settings.ads_opt_out {
        false => println!("personalised ads are on"),
        _ => ads.upload_audience(&account.phone_number()), //~ unguarded_share
    }
}

/// A `match` arm guard: the arm runs only when the check allows.
pub fn match_arm_guard(settings: &Settings, metrics: &Metrics, account: &Account, event: Event) {
    match event {
        Event::Login if settings.allows_analytics() => {
            metrics.report("login", &account.phone_number());
        }
        Event::Login | Event::Logout => {}
    }
}

/// The arm after a guarded one runs when the guard said no.
pub fn match_arm_after_guard(
    settings: &Settings,
    metrics: &Metrics,
    account: &Account,
    event: Event,
) {
    match event {
        Event::Login if settings.allows_analytics() => println!("welcome back"),
        Event::Login => metrics.report("login", &account.phone_number()), //~ unguarded_share
        Event::Logout => {}
    }
}

// ---- Nested conditions ----

/// The check outside, another condition inside.
pub fn check_outside_other_inside(settings: &Settings, ads: &AdNetwork, account: &Account) {
    if !settings.ads_opt_out {
        if on_wifi() {
            ads.upload_audience(&account.phone_number());
        }
    }
}

/// Another condition outside, the check inside, the share in a loop deeper still.
pub fn check_nested_deep(settings: &Settings, metrics: &Metrics, accounts: &[Account]) {
    if on_wifi() {
        if settings.allows_analytics() {
            for account in accounts {
                if !account.phone_number().is_empty() {
                    metrics.report("sync", &account.phone_number());
                }
            }
        }
    }
}

/// The share comes after the checked block has closed.
pub fn share_after_checked_block(settings: &Settings, metrics: &Metrics, account: &Account) {
    if settings.allows_analytics() {
        println!("analytics is on");
    }
    if on_wifi() {
        metrics.report("login", &account.phone_number()); //~ unguarded_share
    }
}
