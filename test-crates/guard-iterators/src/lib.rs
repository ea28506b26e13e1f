//! Fixture `guard-iterators`: checks that guard through closures: `CHECK.then(|| ..)` and
//! `.filter(|user| CHECK)` before the share in one iterator chain. Each user carries their own
//! choices; shares for `ads` and `analytics`.
//!
//! Guarded (no marker): `CHECK.then(..)`, `(!OPT_OUT).then(..)`; `.filter(..)` on a check or a
//! negated opt-out before `.for_each(..)`, also with `.map(..)` in between, with `&&` in the
//! predicate, with the filtered iterator stored in a `let`, consumed by a `for` loop, or as
//! `.filter_map(|user| CHECK.then(..))`; a check inside the `.for_each(..)` closure.
//!
//! Broken: `OPT_OUT.then(..)`, `CHECK.then_some(share(..))` (its argument runs first, whatever
//! the check says: `unguarded_share`, and `ignored_check` since the check decides nothing), a
//! filter on `CHECK || other`, on the opt-out itself or on something else, a filter after the
//! share, no filter (the share on a continuation line), a loop over the unfiltered list after
//! counting the filtered one (`unguarded_share`); `.then(..)` and `.filter(..)` on a check for
//! another purpose (`purpose_mismatch`).

mod app;

use app::{AdNetwork, Metrics, User};

// ---- `CHECK.then(|| ..)` ----

/// The share in a closure that runs only when the check allows.
pub fn then_on_check(user: &User, metrics: &Metrics) {
    user.allows_analytics()
        .then(|| metrics.report("seen", &user.advertising_id));
}

/// The same with a negated opt-out.
pub fn then_on_negated_opt_out(user: &User, ads: &AdNetwork) {
    (!user.ads_opt_out).then(|| ads.upload_audience(&user.phone));
}

/// The opt-out itself: the closure runs for opted-out users.
pub fn then_on_opt_out(user: &User, ads: &AdNetwork) {
    user.ads_opt_out.then(|| ads.upload_audience(&user.phone)); //~ unguarded_share
}

/// `then_some` takes a value, so the share runs before the check is even looked at.
pub fn then_some_runs_eagerly(user: &User, ads: &AdNetwork) {
    user.allows_ads() //~ ignored_check
        .then_some(ads.upload_audience(&user.phone)); //~ unguarded_share
}

/// The ads check does not allow an analytics share.
pub fn then_for_other_purpose(user: &User, metrics: &Metrics) {
    user.allows_ads()
        .then(|| metrics.report("seen", &user.advertising_id)); //~ purpose_mismatch
}

// ---- `.filter(|user| CHECK)` before the share ----

/// The filter keeps the users who allow ads; the share sees only them.
pub fn filter_then_for_each(users: &[User], ads: &AdNetwork) {
    users
        .iter()
        .filter(|user| user.allows_ads())
        .for_each(|user| ads.upload_audience(&user.phone));
}

/// A filter on the negated opt-out field.
pub fn filter_on_negated_opt_out(users: &[User], ads: &AdNetwork) {
    users
        .iter()
        .filter(|user| !user.ads_opt_out)
        .for_each(|user| ads.upload_audience(&user.phone));
}

/// Other adaptors between the filter and the share.
pub fn filter_then_map(users: &[User], metrics: &Metrics) {
    users
        .iter()
        .filter(|user| user.allows_analytics())
        .map(|user| &user.advertising_id)
        .for_each(|id| metrics.report("seen", id));
}

/// `other && CHECK` in the predicate.
pub fn filter_on_check_and_other(users: &[User], ads: &AdNetwork) {
    users
        .iter()
        .filter(|user| user.active && user.allows_ads())
        .for_each(|user| ads.upload_audience(&user.phone));
}

/// The filtered iterator is stored, then consumed.
pub fn filtered_iterator_stored(users: &[User], ads: &AdNetwork) {
    let opted_in = users.iter().filter(|user| user.allows_ads());
    opted_in.for_each(|user| ads.upload_audience(&user.phone));
}

/// A `for` loop over the filtered iterator.
pub fn for_loop_over_filter(users: &[User], metrics: &Metrics) {
    for user in users.iter().filter(|user| user.allows_analytics()) {
        metrics.report("seen", &user.advertising_id);
    }
}

/// `.filter_map(..)` keeps what `CHECK.then(..)` produced.
pub fn filter_map_with_then(users: &[User], ads: &AdNetwork) {
    users
        .iter()
        .filter_map(|user| user.allows_ads().then(|| &user.phone))
        .for_each(|phone| ads.upload_audience(phone));
}

/// The check inside the `for_each` closure.
pub fn check_inside_for_each(users: &[User], metrics: &Metrics) {
    users.iter().for_each(|user| {
        if user.allows_analytics() {
            metrics.report("seen", &user.advertising_id);
        }
    });
}

/// `other || CHECK`: active users are shared whatever they chose.
pub fn filter_on_check_or_other(users: &[User], ads: &AdNetwork) {
    users
        .iter()
        .filter(|user| user.active || user.allows_ads())
        .for_each(|user| ads.upload_audience(&user.phone)); //~ unguarded_share
}

/// A filter on the opt-out itself keeps exactly the users who opted out.
pub fn filter_on_opt_out(users: &[User], ads: &AdNetwork) {
    users
        .iter()
        .filter(|user| user.ads_opt_out)
        .for_each(|user| ads.upload_audience(&user.phone)); //~ unguarded_share
}

/// A filter that is not a check.
pub fn filter_on_unrelated_condition(users: &[User], ads: &AdNetwork) {
    users
        .iter()
        .filter(|user| user.active)
        .for_each(|user| ads.upload_audience(&user.phone)); //~ unguarded_share
}

/// The share runs in `inspect`, before the filter.
pub fn filter_after_share(users: &[User], metrics: &Metrics) -> usize {
    users
        .iter()
        .inspect(|user| metrics.report("seen", &user.advertising_id)) //~ unguarded_share
        .filter(|user| user.allows_analytics())
        .count()
}

/// No filter at all; the share's method name is on its own line.
#[rustfmt::skip] // The line break is part of the case: the marker goes on the method's line.
pub fn no_filter(users: &[User], metrics: &Metrics) {
    users.iter().for_each(|user| {
        metrics
            .report("seen", &user.advertising_id); //~ unguarded_share
    });
}

/// The filtered users are counted, then every user is uploaded.
pub fn loop_over_unfiltered_list(users: &[User], ads: &AdNetwork) {
    let opted_in = users.iter().filter(|user| user.allows_ads()).count();
    println!("{opted_in} users allow ads");
    for user in users {
        ads.upload_audience(&user.phone); //~ unguarded_share
    }
}

/// The ads check does not allow an analytics share.
pub fn filter_for_other_purpose(users: &[User], metrics: &Metrics) {
    users
        .iter()
        .filter(|user| user.allows_ads())
        .for_each(|user| metrics.report("seen", &user.advertising_id)); //~ purpose_mismatch
}
