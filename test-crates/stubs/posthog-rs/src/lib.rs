//! Stand-in for `posthog-rs` 0.3 (blocking client): <https://docs.rs/posthog-rs/0.3.7>.

use std::collections::HashMap;

#[derive(Debug)]
pub enum Error {
    Connection(String),
    Serialization(String),
}

pub struct ClientOptions {
    api_endpoint: String,
    api_key: String,
}

impl From<&str> for ClientOptions {
    fn from(api_key: &str) -> Self {
        ClientOptions {
            api_endpoint: String::from("https://us.i.posthog.com/capture/"),
            api_key: api_key.to_string(),
        }
    }
}

pub struct Client {
    options: ClientOptions,
}

/// Creates a client for the project with this API key.
pub fn client<C: Into<ClientOptions>>(options: C) -> Client {
    Client {
        options: options.into(),
    }
}

impl Client {
    /// Sends one event to PostHog.
    pub fn capture(&self, event: Event) -> Result<(), Error> {
        let _ = (&self.options.api_endpoint, &self.options.api_key, event);
        Ok(())
    }

    /// Sends several events in one request.
    pub fn capture_batch(&self, events: Vec<Event>) -> Result<(), Error> {
        let _ = events;
        Ok(())
    }
}

pub struct Event {
    event: String,
    distinct_id: String,
    properties: HashMap<String, String>,
}

impl Event {
    pub fn new<S: Into<String>>(event: S, distinct_id: S) -> Self {
        Event {
            event: event.into(),
            distinct_id: distinct_id.into(),
            properties: HashMap::new(),
        }
    }

    /// The real one takes any `Serialize` value; `ToString` keeps the stand-in dependency-free.
    pub fn insert_prop<K: Into<String>, P: ToString>(&mut self, key: K, prop: P) -> Result<(), Error> {
        self.properties.insert(key.into(), prop.to_string());
        let _ = (&self.event, &self.distinct_id);
        Ok(())
    }
}
