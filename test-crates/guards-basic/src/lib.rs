//! Fixture `guards-basic`: the guard shapes recognised inside one function.
//!
//! Guarded (no marker): `if CHECK { sink }`, `if CHECK && other { sink }`, `if !OPT_OUT { sink }`,
//! the early exits `if !CHECK { return; }` and `if OPT_OUT { return; }`, `let ok = CHECK; if ok`,
//! with checks and opt-outs as fns, methods and `Classified` fields, a check naming the sink's
//! recipient, and an all-purpose check. Broken (marked): the check in the wrong branch,
//! `CHECK || other`, the check after the sink, an opt-out read as an allow, an early exit on the
//! wrong side (`unguarded_share`); a check for another purpose or another recipient
//! (`purpose_mismatch`).

#![allow(dead_code, unused)]

mod api;

use api::{
    accepted_all, ads_allowed, ads_opted_out, analytics_allowed, is_debug_build,
    metrics_vendor_allowed, on_wifi, phone_number, report_metrics, send_to_metrics_vendor,
    AdsClient, Settings,
};

// No check at all.

pub fn no_check() {
    let phone = phone_number();
    report_metrics(phone); //~ unguarded_share
}

pub fn no_check_nothing_personal() {
    report_metrics("app_start");
}

// `if CHECK { sink }`.

pub fn if_check_fn() {
    let phone = phone_number();
    if analytics_allowed() {
        report_metrics(phone);
    }
}

pub fn if_check_method(settings: &Settings) {
    let phone = phone_number();
    if settings.allows_analytics() {
        report_metrics(phone);
    }
}

pub fn if_check_field(settings: &Settings) {
    let phone = phone_number();
    if settings.analytics_consent {
        report_metrics(phone);
    }
}

pub fn if_check_with_else() {
    let phone = phone_number();
    if analytics_allowed() {
        report_metrics(phone);
    } else {
        println!("analytics disabled");
    }
}

pub fn check_in_wrong_branch() {
    let phone = phone_number();
    if analytics_allowed() {
        println!("analytics enabled");
    } else {
        report_metrics(phone); //~ unguarded_share
    }
}

pub fn unrelated_condition(settings: &Settings) {
    let phone = phone_number();
    if settings.dark_mode {
        report_metrics(phone); //~ unguarded_share
    }
}

// `if CHECK && other { sink }`.

pub fn check_and_other() {
    let phone = phone_number();
    if analytics_allowed() && on_wifi() {
        report_metrics(phone);
    }
}

pub fn other_and_check(settings: &Settings) {
    let phone = phone_number();
    if on_wifi() && settings.allows_analytics() {
        report_metrics(phone);
    }
}

pub fn check_or_other() {
    let phone = phone_number();
    if analytics_allowed() || is_debug_build() {
        report_metrics(phone); //~ unguarded_share
    }
}

// `if !OPT_OUT { sink }`.

pub fn if_not_opted_out_fn(ads: &AdsClient) {
    let phone = phone_number();
    if !ads_opted_out() {
        ads.upload_audience(phone);
    }
}

pub fn if_not_opted_out_method(settings: &Settings, ads: &AdsClient) {
    let phone = phone_number();
    if !settings.limits_ad_tracking() {
        ads.upload_audience(phone);
    }
}

pub fn if_not_opted_out_field(settings: &Settings, ads: &AdsClient) {
    let phone = phone_number();
    if !settings.ads_opt_out {
        ads.upload_audience(phone);
    }
}

/// The sink runs exactly when the user opted out.
pub fn opt_out_read_as_allow(settings: &Settings, ads: &AdsClient) {
    let phone = phone_number();
    if settings.ads_opt_out {
        ads.upload_audience(phone); //~ unguarded_share
    }
}

/// The same mistake with an opt-out fn.
pub fn opt_out_fn_read_as_allow(ads: &AdsClient) {
    let phone = phone_number();
    if ads_opted_out() {
        ads.upload_audience(phone); //~ unguarded_share
    }
}

// Early exits.

pub fn early_return_unless_check() {
    if !analytics_allowed() {
        return;
    }
    let phone = phone_number();
    report_metrics(phone);
}

pub fn early_return_unless_check_method(settings: &Settings) {
    let phone = phone_number();
    if !settings.allows_analytics() {
        return;
    }
    report_metrics(phone);
}

pub fn early_return_if_opted_out(ads: &AdsClient) {
    if ads_opted_out() {
        return;
    }
    let phone = phone_number();
    ads.upload_audience(phone);
}

pub fn early_return_if_opted_out_field(settings: &Settings, ads: &AdsClient) {
    let phone = phone_number();
    if settings.ads_opt_out {
        return;
    }
    ads.upload_audience(phone);
}

/// Returns when the user allowed analytics, and shares when they did not.
pub fn early_return_on_wrong_side() {
    if analytics_allowed() {
        return;
    }
    let phone = phone_number();
    report_metrics(phone); //~ unguarded_share
}

/// Returns when the user did not opt out, and shares when they did.
pub fn early_return_on_wrong_side_opt_out(ads: &AdsClient) {
    if !ads_opted_out() {
        return;
    }
    let phone = phone_number();
    ads.upload_audience(phone); //~ unguarded_share
}

pub fn check_after_sink() {
    let phone = phone_number();
    report_metrics(phone); //~ unguarded_share
    if !analytics_allowed() {
        return;
    }
    println!("analytics enabled");
}

// `let ok = CHECK; if ok { sink }`.

pub fn check_in_let() {
    let phone = phone_number();
    let allowed = analytics_allowed();
    if allowed {
        report_metrics(phone);
    }
}

pub fn check_method_in_let(settings: &Settings) {
    let allowed = settings.allows_analytics();
    let phone = phone_number();
    if allowed {
        report_metrics(phone);
    }
}

// A check for another purpose.

pub fn check_for_other_purpose() {
    let phone = phone_number();
    if ads_allowed() {
        report_metrics(phone); //~ purpose_mismatch
    }
}

/// SPEC §5's example: the ads opt-out guarding a share for analytics.
pub fn ads_opt_out_guarding_analytics(settings: &Settings) {
    let phone = phone_number();
    if !settings.ads_opt_out {
        report_metrics(phone); //~ purpose_mismatch
    }
}

pub fn early_return_for_other_purpose(ads: &AdsClient) {
    if !analytics_allowed() {
        return;
    }
    let phone = phone_number();
    ads.upload_audience(phone); //~ purpose_mismatch
}

// Checks that name a recipient.

pub fn check_for_same_recipient() {
    let phone = phone_number();
    if metrics_vendor_allowed() {
        send_to_metrics_vendor(phone);
    }
}

pub fn check_for_other_recipient() {
    let phone = phone_number();
    if metrics_vendor_allowed() {
        report_metrics(phone); //~ purpose_mismatch
    }
}

// An all-purpose check.

pub fn all_purpose_check(ads: &AdsClient) {
    let phone = phone_number();
    if accepted_all() {
        report_metrics(&phone);
        ads.upload_audience(&phone);
    }
}

pub fn all_purpose_check_early_return() {
    if !accepted_all() {
        return;
    }
    let phone = phone_number();
    send_to_metrics_vendor(phone);
}
