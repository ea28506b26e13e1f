//! Usage metrics for the parent company. Three reports go out: a version ping (nothing personal),
//! engagement analytics (only with the user's consent) and the daily-active report, which sends
//! the user's phone number and message counts "for metrics" with only the ads opt-out checked
//! on the way: the leak.

mod parent_company;

pub use parent_company::ParentCompany;

use crate::account::Account;
use crate::settings::Settings;

/// Today's activity on this device.
#[derive(consent::Classified)]
pub struct ActivityStats {
    /// How many messages the user sent today.
    #[personal(activity.usage)]
    pub messages_sent: u64,
    /// How many times the user opened the app today.
    #[personal(activity.usage)]
    pub sessions_today: u32,
    /// The installed version: the same for every user of a release, so not personal.
    pub app_version: String,
}

impl ActivityStats {
    /// Reads today's counters from the local database.
    pub fn today() -> ActivityStats {
        ActivityStats {
            messages_sent: 42,
            sessions_today: 7,
            app_version: String::from("5.12.0"),
        }
    }
}

/// Start-up ping: only the app version, nothing about the user: clean.
pub fn report_app_start(stats: &ActivityStats, parent: &ParentCompany) {
    let app_version = stats.app_version.clone();
    parent.report_metrics("app_start", &[("app_version", app_version)]);
}

/// Engagement analytics, sent only when the user agreed to analytics: clean.
pub fn report_engagement(settings: &Settings, stats: &ActivityStats, parent: &ParentCompany) {
    if !settings.allows_analytics() {
        return;
    }
    let sessions = stats.sessions_today.to_string();
    parent.report_metrics("engagement", &[("sessions_today", sessions)]);
}

/// The daily-active report the parent company asked for "for metrics". It sends the phone number
/// and the message count; its only caller checks the ads opt-out, not the analytics consent.
pub fn report_daily_active(account: &Account, stats: &ActivityStats, parent: &ParentCompany) {
    let msisdn = account.phone_number();
    let messages_sent = stats.messages_sent.to_string();
    parent.report_metrics("daily_active", &[("msisdn", msisdn), ("messages_sent", messages_sent)]); //~ purpose_mismatch
}
