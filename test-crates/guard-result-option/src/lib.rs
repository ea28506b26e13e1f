//! Fixture `guard-result-option`: checks that answer with a `Result` (`Ok` = allowed, for
//! `analytics`) or an `Option` (`Some` = allowed, for `ads`), as methods and as a field.
//!
//! Guarded (no marker): `CHECK?` (also after `.map_err(..)` or `.ok_or(..)`, and binding the
//! value), `let Ok(..)`/`let Some(..) = CHECK else { return/continue }`, `if let Ok(..)`/
//! `if let Some(..)`, `match` with the share in the `Ok`/`Some` arm, after an `Err`/`None` arm
//! that returns, or under `_` after `Err(_) =>`; `.is_ok()`/`.is_some()` (kept) and
//! `.is_err()`/`.is_none()` (flipped), negated or not, stored, combined with `&&`, in
//! `matches!` and `assert!`; `.expect(..)`; `.map(|grant| ..)` on an `Option` check.
//!
//! Broken (`unguarded_share`): `let Err(..) = CHECK else { return }`, `if let Err(..)`, the
//! `else` of `if let Some(..)`, the share in the `Err`/`None` arm or under `_` after
//! `Some(_) =>`, `.is_err()`/`.is_none()`/`!.is_some()` branched on as an allow, `.is_ok() ||
//! other`, and `CHECK?` after the share.

mod app;

use app::{on_wifi, Account, AdNetwork, ConsentError, ConsentStore, Metrics, SyncError};

// ---- `CHECK?` ----

/// `?` on a `Result` check.
pub fn question_mark_on_result(
    store: &ConsentStore,
    metrics: &Metrics,
    account: &Account,
) -> Result<(), ConsentError> {
    store.analytics_consent()?;
    metrics.report("login", &account.phone_number());
    Ok(())
}

/// `?` on an `Option` check.
pub fn question_mark_on_option(
    store: &ConsentStore,
    ads: &AdNetwork,
    account: &Account,
) -> Option<()> {
    store.ads_consent()?;
    ads.upload_audience(&account.phone_number());
    Some(())
}

/// `?` that binds the grant.
pub fn question_mark_binding(
    store: &ConsentStore,
    ads: &AdNetwork,
    account: &Account,
) -> Option<u64> {
    let grant = store.ads_consent()?;
    ads.upload_audience(&account.phone_number());
    Some(grant.given_at)
}

/// `.map_err(..)` changes the error, not which side is `Ok`.
pub fn question_mark_after_map_err(
    store: &ConsentStore,
    metrics: &Metrics,
    account: &Account,
) -> Result<(), SyncError> {
    store
        .analytics_consent()
        .map_err(|_| SyncError::NoConsent)?;
    metrics.report("login", &account.phone_number());
    Ok(())
}

/// `.ok_or(..)` turns `None` into the error.
pub fn question_mark_after_ok_or(
    store: &ConsentStore,
    ads: &AdNetwork,
    account: &Account,
) -> Result<(), SyncError> {
    store.ads_consent().ok_or(SyncError::NoConsent)?;
    ads.upload_audience(&account.phone_number());
    Ok(())
}

/// The `?` comes after the share.
pub fn question_mark_after_share(
    store: &ConsentStore,
    metrics: &Metrics,
    account: &Account,
) -> Result<(), ConsentError> {
    metrics.report("login", &account.phone_number()); //~ unguarded_share
    store.analytics_consent()?;
    Ok(())
}

// ---- `let .. else` ----

/// `let Ok(..) = CHECK else { return }`.
pub fn let_else_ok(store: &ConsentStore, metrics: &Metrics, account: &Account) {
    let Ok(()) = store.analytics_consent() else {
        return;
    };
    metrics.report("login", &account.phone_number());
}

/// `let Some(..) = CHECK else { return }`.
pub fn let_else_some(store: &ConsentStore, ads: &AdNetwork, account: &Account) {
    let Some(grant) = store.ads_consent() else {
        return;
    };
    println!("ads consent given at {}", grant.given_at);
    ads.upload_audience(&account.phone_number());
}

/// `let Some(..) = CHECK else { continue }` in a loop.
pub fn let_else_some_continue(stores: &[(ConsentStore, Account)], ads: &AdNetwork) {
    for (store, account) in stores {
        let Some(_grant) = store.ads_consent() else {
            continue;
        };
        ads.upload_audience(&account.phone_number());
    }
}

/// Goes on only when the check said no, to report why.
pub fn let_else_err(store: &ConsentStore, metrics: &Metrics, account: &Account) {
    let Err(reason) = store.analytics_consent() else {
        return;
    };
    let event = format!("declined: {reason:?}");
    metrics.report(&event, &account.phone_number()); //~ unguarded_share
}

// ---- `if let` ----

/// `if let Ok(..) = CHECK`.
pub fn if_let_ok(store: &ConsentStore, metrics: &Metrics, account: &Account) {
    if let Ok(()) = store.analytics_consent() {
        metrics.report("login", &account.phone_number());
    }
}

/// `if let Some(..) = CHECK`.
pub fn if_let_some(store: &ConsentStore, ads: &AdNetwork, account: &Account) {
    if let Some(_grant) = store.ads_consent() {
        ads.upload_audience(&account.phone_number());
    }
}

/// `if let Some(..)` on a check field.
pub fn if_let_some_field(store: &ConsentStore, ads: &AdNetwork, account: &Account) {
    if let Some(_grant) = &store.ads_grant {
        ads.upload_audience(&account.phone_number());
    }
}

/// The share runs when the check failed.
pub fn if_let_err(store: &ConsentStore, metrics: &Metrics, account: &Account) {
    if let Err(reason) = store.analytics_consent() {
        let event = format!("declined: {reason:?}");
        metrics.report(&event, &account.phone_number()); //~ unguarded_share
    }
}

/// The share in the `else` of `if let Some(..)`.
pub fn if_let_some_else(store: &ConsentStore, ads: &AdNetwork, account: &Account) {
    if let Some(grant) = store.ads_consent() {
        println!("ads consent given at {}", grant.given_at);
    } else {
        ads.upload_audience(&account.phone_number()); //~ unguarded_share
    }
}

// ---- `match` ----

/// The share in the `Ok` arm.
pub fn match_ok_arm(store: &ConsentStore, metrics: &Metrics, account: &Account) {
    match store.analytics_consent() {
        Ok(()) => metrics.report("login", &account.phone_number()),
        Err(reason) => eprintln!("no analytics: {reason:?}"),
    }
}

/// The share after a `match` whose `Err` arm returns.
pub fn match_err_arm_returns(store: &ConsentStore, metrics: &Metrics, account: &Account) {
    match store.analytics_consent() {
        Ok(()) => {}
        Err(_) => return,
    }
    metrics.report("login", &account.phone_number());
}

/// `_` after `Err(_) =>` is the `Ok` case.
pub fn match_wildcard_after_err(store: &ConsentStore, metrics: &Metrics, account: &Account) {
    match store.analytics_consent() {
        Err(_) => {}
        _ => metrics.report("login", &account.phone_number()),
    }
}

/// The share in the `Some` arm.
pub fn match_some_arm(store: &ConsentStore, ads: &AdNetwork, account: &Account) {
    match store.ads_consent() {
        Some(_grant) => ads.upload_audience(&account.phone_number()),
        None => println!("no ads consent"),
    }
}

/// The grant taken out by a `match` whose `None` arm returns.
pub fn match_none_arm_returns(store: &ConsentStore, ads: &AdNetwork, account: &Account) {
    let grant = match store.ads_consent() {
        Some(grant) => grant,
        None => return,
    };
    println!("ads consent given at {}", grant.given_at);
    ads.upload_audience(&account.phone_number());
}

/// The share in the `Err` arm.
pub fn match_err_arm_shares(store: &ConsentStore, metrics: &Metrics, account: &Account) {
    match store.analytics_consent() {
        Ok(()) => println!("thanks"),
        Err(_) => metrics.report("declined", &account.phone_number()), //~ unguarded_share
    }
}

/// The share in the `None` arm.
pub fn match_none_arm_shares(store: &ConsentStore, ads: &AdNetwork, account: &Account) {
    match store.ads_consent() {
        Some(grant) => println!("ads consent given at {}", grant.given_at),
        None => ads.upload_audience(&account.phone_number()), //~ unguarded_share
    }
}

/// `_` after `Some(_) =>` is the `None` case.
pub fn match_wildcard_after_some(store: &ConsentStore, ads: &AdNetwork, account: &Account) {
    match store.ads_consent() {
        Some(_) => {}
        _ => ads.upload_audience(&account.phone_number()), //~ unguarded_share
    }
}

// ---- `.is_ok()`, `.is_err()`, `.is_some()`, `.is_none()` ----

/// `.is_ok()` keeps the polarity.
pub fn is_ok(store: &ConsentStore, metrics: &Metrics, account: &Account) {
    if store.analytics_consent().is_ok() {
        metrics.report("login", &account.phone_number());
    }
}

/// `.is_some()` keeps the polarity.
pub fn is_some(store: &ConsentStore, ads: &AdNetwork, account: &Account) {
    if store.ads_consent().is_some() {
        ads.upload_audience(&account.phone_number());
    }
}

/// `.is_some()` on a check field.
pub fn is_some_field(store: &ConsentStore, ads: &AdNetwork, account: &Account) {
    if store.ads_grant.is_some() {
        ads.upload_audience(&account.phone_number());
    }
}

/// `.is_err()` flips it: return when it is true.
pub fn is_err_exit(store: &ConsentStore, metrics: &Metrics, account: &Account) {
    if store.analytics_consent().is_err() {
        return;
    }
    metrics.report("login", &account.phone_number());
}

/// `.is_none()` flips it: return when it is true.
pub fn is_none_exit(store: &ConsentStore, ads: &AdNetwork, account: &Account) {
    if store.ads_consent().is_none() {
        return;
    }
    ads.upload_audience(&account.phone_number());
}

/// `!.is_err()` is an allow.
pub fn not_is_err(store: &ConsentStore, metrics: &Metrics, account: &Account) {
    if !store.analytics_consent().is_err() {
        metrics.report("login", &account.phone_number());
    }
}

/// `!.is_none()` is an allow.
pub fn not_is_none(store: &ConsentStore, ads: &AdNetwork, account: &Account) {
    if !store.ads_consent().is_none() {
        ads.upload_audience(&account.phone_number());
    }
}

/// `!.is_ok()` is a refusal: return when it is true.
pub fn not_is_ok_exit(store: &ConsentStore, metrics: &Metrics, account: &Account) {
    if !store.analytics_consent().is_ok() {
        return;
    }
    metrics.report("login", &account.phone_number());
}

/// `.is_ok()` stored, then branched on.
pub fn is_ok_stored(store: &ConsentStore, metrics: &Metrics, account: &Account) {
    let allowed = store.analytics_consent().is_ok();
    if allowed {
        metrics.report("login", &account.phone_number());
    }
}

/// `.is_none()` stored, then used for an early return.
pub fn is_none_stored_exit(store: &ConsentStore, ads: &AdNetwork, account: &Account) {
    let missing = store.ads_consent().is_none();
    if missing {
        return;
    }
    ads.upload_audience(&account.phone_number());
}

/// `.is_ok() && other`.
pub fn is_ok_and_other(store: &ConsentStore, metrics: &Metrics, account: &Account) {
    if store.analytics_consent().is_ok() && on_wifi() {
        metrics.report("login", &account.phone_number());
    }
}

/// `matches!(CHECK, Ok(..))`.
pub fn matches_ok(store: &ConsentStore, metrics: &Metrics, account: &Account) {
    if matches!(store.analytics_consent(), Ok(())) {
        metrics.report("login", &account.phone_number());
    }
}

/// `assert!(CHECK.is_some())`.
pub fn assert_is_some(store: &ConsentStore, ads: &AdNetwork, account: &Account) {
    assert!(
        store.ads_consent().is_some(),
        "the consent screen runs first"
    );
    ads.upload_audience(&account.phone_number());
}

/// `.expect(..)` panics unless the check allowed.
pub fn expect_ok(store: &ConsentStore, metrics: &Metrics, account: &Account) {
    store
        .analytics_consent()
        .expect("the consent screen runs first");
    metrics.report("login", &account.phone_number());
}

/// `.is_err()` branched on as if it were the allow.
pub fn is_err_shares(store: &ConsentStore, metrics: &Metrics, account: &Account) {
    if store.analytics_consent().is_err() {
        metrics.report("declined", &account.phone_number()); //~ unguarded_share
    }
}

/// `.is_none()` branched on as if it were the allow.
pub fn is_none_shares(store: &ConsentStore, ads: &AdNetwork, account: &Account) {
    if store.ads_consent().is_none() {
        ads.upload_audience(&account.phone_number()); //~ unguarded_share
    }
}

/// `!.is_some()` branched on as if it were the allow.
pub fn not_is_some_shares(store: &ConsentStore, ads: &AdNetwork, account: &Account) {
    if !store.ads_consent().is_some() {
        ads.upload_audience(&account.phone_number()); //~ unguarded_share
    }
}

/// `.is_none()` on the check field, branched on as if it were the allow.
pub fn is_none_field_shares(store: &ConsentStore, ads: &AdNetwork, account: &Account) {
    if store.ads_grant.is_none() {
        ads.upload_audience(&account.phone_number()); //~ unguarded_share
    }
}

/// `.is_ok() || other`: either side is enough.
pub fn is_ok_or_other(store: &ConsentStore, metrics: &Metrics, account: &Account) {
    if store.analytics_consent().is_ok() || on_wifi() {
        metrics.report("login", &account.phone_number()); //~ unguarded_share
    }
}

// ---- Closures on the check's value ----

/// `.map(..)` on an `Option` check runs its closure only for `Some`.
pub fn option_map(store: &ConsentStore, ads: &AdNetwork, account: &Account) {
    store
        .ads_consent()
        .map(|_grant| ads.upload_audience(&account.phone_number()));
}
