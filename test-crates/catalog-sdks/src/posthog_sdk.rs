//! PostHog (blocking client).

use posthog_rs::Event;

use crate::config::Config;
use crate::install_id;

const API_KEY: &str = "phc_8a2e";

/// Guarded: the event is captured only with consent.
pub fn capture_login(config: &Config) -> Result<(), posthog_rs::Error> {
    if !config.analytics {
        return Ok(());
    }
    let client = posthog_rs::client(API_KEY);
    let mut event = Event::new("login".to_string(), install_id());
    event.insert_prop("plan", "pro")?;
    client.capture(event)
}

/// Not guarded: a batch of events keyed by the install id.
pub fn capture_screens(screens: &[&str]) -> Result<(), posthog_rs::Error> {
    let client = posthog_rs::client(API_KEY);
    let mut events = Vec::new();
    for screen in screens {
        let mut event = Event::new("screen".to_string(), install_id());
        event.insert_prop("name", screen)?;
        events.push(event);
    }
    client.capture_batch(events) //~ unguarded_share
}

/// Not guarded: the install id goes in as a property of an anonymous event.
pub fn capture_update_check() -> Result<(), posthog_rs::Error> {
    let client = posthog_rs::client(API_KEY);
    let mut event = Event::new("update_check".to_string(), "anonymous".to_string());
    event.insert_prop("install_id", install_id())?;
    client.capture(event) //~ unguarded_share
}
