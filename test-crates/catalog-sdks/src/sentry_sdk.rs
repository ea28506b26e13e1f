//! Sentry.

use sentry::protocol::{Event, Map, Value};
use sentry::{Breadcrumb, Hub, Level, User};

use crate::config::Config;
use crate::install_id;

/// Guarded: the user goes on the scope only with consent to crash reports.
pub fn set_user(config: &Config) {
    if config.crash_reports {
        sentry::configure_scope(|scope| {
            scope.set_user(Some(User {
                id: Some(install_id()),
                email: Some(config.email.clone()),
                ..Default::default()
            }));
        });
    }
}

/// Not guarded: identifying tags, extra data and context on the scope.
pub fn tag_scope(config: &Config) {
    sentry::configure_scope(|scope| {
        scope.set_tag("install_id", install_id()); //~ unguarded_share
        scope.set_extra("email", Value::String(config.email.clone())); //~ unguarded_share
        let mut account = Map::new();
        account.insert("email".to_string(), Value::String(config.email.clone()));
        scope.set_context("account", account); //~ unguarded_share
    });
}

/// Not guarded: a scope for one report.
pub fn report_sync_failure(config: &Config, error: &std::io::Error) {
    sentry::with_scope(
        |scope| scope.set_user(Some(User { email: Some(config.email.clone()), ..Default::default() })), //~ unguarded_share
        || sentry::capture_error(error),
    );
}

/// Not guarded: messages, events and breadcrumbs with personal data.
pub fn report_login_failure(config: &Config) {
    sentry::add_breadcrumb(Breadcrumb { //~ unguarded_share
        message: Some(format!("login as {}", config.email)),
        ..Default::default()
    });
    sentry::capture_message(&format!("login failed for {}", config.email), Level::Warning); //~ unguarded_share
    let event = Event {
        message: Some(format!("install {} failed", install_id())),
        level: Level::Error,
        ..Default::default()
    };
    sentry::capture_event(event); //~ unguarded_share
    Hub::current().capture_message(&format!("user {}", config.email), Level::Info); //~ unguarded_share
    Hub::current().capture_event(Event { //~ unguarded_share
        message: Some(install_id()),
        ..Default::default()
    });
}

/// Guarded: a crash report without the user unless they agreed.
pub fn report_crash(config: &Config, error: &std::io::Error) {
    if !config.crash_reports {
        return;
    }
    sentry::capture_message(&format!("crash for {}: {error}", config.email), Level::Fatal);
}
