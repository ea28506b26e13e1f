//! Mixpanel.

use std::collections::HashMap;

use mixpanel_rs::{Event, Mixpanel};
use serde_json::json;

use crate::config::Config;
use crate::install_id;

const TOKEN: &str = "mp_93bd";

/// Guarded: tracked only with consent.
pub async fn track_signup(config: &Config) -> mixpanel_rs::Result<()> {
    if config.analytics {
        let mp = Mixpanel::init(TOKEN, None);
        let mut properties = HashMap::new();
        properties.insert("distinct_id".to_string(), json!(install_id()));
        mp.track("signup", Some(properties)).await?;
    }
    Ok(())
}

/// Not guarded: the profile, an alias and a batch.
pub async fn sync_profile(config: &Config) -> mixpanel_rs::Result<()> {
    let mp = Mixpanel::init(TOKEN, None);
    let mut profile = HashMap::new();
    profile.insert("$email".to_string(), json!(config.email));
    mp.people.set(install_id(), profile.clone(), None).await?; //~ unguarded_share
    mp.people.set_once(install_id(), profile, None).await?; //~ unguarded_share
    mp.alias(install_id(), config.email.clone()).await?; //~ unguarded_share
    let events = vec![Event {
        event: "sync".to_string(),
        properties: HashMap::from([("distinct_id".to_string(), json!(install_id()))]),
    }];
    mp.track_batch(events).await //~ unguarded_share
}
