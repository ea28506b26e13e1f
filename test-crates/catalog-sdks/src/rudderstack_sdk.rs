//! RudderStack.

use rudderanalytics::client::RudderAnalytics;
use rudderanalytics::message::{Identify, Message, Track};
use serde_json::json;

use crate::config::Config;
use crate::install_id;

fn client() -> RudderAnalytics {
    RudderAnalytics::load("wk_77e0".to_string(), "https://hosted.rudderlabs.example".to_string())
}

/// Guarded: identifies the user only with consent.
pub fn identify(config: &Config) -> Result<(), rudderanalytics::errors::Error> {
    if !config.analytics {
        return Ok(());
    }
    let msg = Message::Identify(Identify {
        user_id: Some(install_id()),
        traits: Some(json!({ "email": config.email })),
        ..Default::default()
    });
    client().send(&msg)
}

/// Not guarded: an event with the install id.
pub fn track_export(format: &str) -> Result<(), rudderanalytics::errors::Error> {
    let msg = Message::Track(Track {
        anonymous_id: Some(install_id()),
        event: "export".to_owned(),
        properties: Some(json!({ "format": format })),
        ..Default::default()
    });
    client().send(&msg) //~ unguarded_share
}
