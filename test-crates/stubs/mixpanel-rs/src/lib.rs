//! Stand-in for `mixpanel-rs` 0.3: <https://docs.rs/mixpanel-rs/0.3.1>.

use std::collections::HashMap;

use serde_json::Value;

pub mod people {
    //! User profiles.

    use std::collections::HashMap;

    use serde_json::Value;

    use crate::{Modifiers, Result};

    #[derive(Debug, Clone, Default)]
    pub struct MixpanelPeople {
        pub(crate) token: String,
    }

    impl MixpanelPeople {
        pub async fn set<S: Into<String>>(
            &self,
            distinct_id: S,
            properties: HashMap<String, Value>,
            modifiers: Option<Modifiers>,
        ) -> Result<()> {
            let _ = (&self.token, distinct_id.into(), properties, modifiers);
            Ok(())
        }

        pub async fn set_once<S: Into<String>>(
            &self,
            distinct_id: S,
            properties: HashMap<String, Value>,
            modifiers: Option<Modifiers>,
        ) -> Result<()> {
            self.set(distinct_id, properties, modifiers).await
        }
    }
}

#[derive(Debug)]
pub struct Error;

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("mixpanel error")
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

#[derive(Debug, Clone, Default)]
pub struct Modifiers {
    pub ip: Option<String>,
    pub ignore_time: Option<bool>,
    pub ignore_alias: Option<bool>,
}

#[derive(Debug, Clone, Default)]
pub struct Config {
    pub test: bool,
    pub debug: bool,
    pub host: String,
    pub secret: Option<String>,
    pub geolocate: bool,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub event: String,
    pub properties: HashMap<String, Value>,
}

#[derive(Debug, Clone)]
pub struct Mixpanel {
    pub token: String,
    pub config: Config,
    pub people: people::MixpanelPeople,
}

impl Mixpanel {
    pub fn init(token: &str, config: Option<Config>) -> Self {
        Mixpanel {
            token: token.to_string(),
            config: config.unwrap_or_default(),
            people: people::MixpanelPeople {
                token: token.to_string(),
            },
        }
    }

    pub async fn track<S: Into<String>>(&self, event: S, properties: Option<HashMap<String, Value>>) -> Result<()> {
        let _ = (event.into(), properties);
        Ok(())
    }

    pub async fn track_batch(&self, events: Vec<Event>) -> Result<()> {
        let _ = events;
        Ok(())
    }

    pub async fn alias<S: Into<String>>(&self, distinct_id: S, alias: S) -> Result<()> {
        let _ = (distinct_id.into(), alias.into());
        Ok(())
    }
}
