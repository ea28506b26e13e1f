//! Segment.

use segment::message::{BatchMessage, Identify, Track, User};
use segment::{AutoBatcher, Batcher, Client, HttpClient};
use serde_json::json;

use crate::config::Config;
use crate::install_id;

const WRITE_KEY: &str = "wk_4f1c";

fn user() -> User {
    User::UserId {
        user_id: install_id(),
    }
}

/// Guarded: identifies the user only with consent.
pub async fn identify(config: &Config) -> segment::Result<()> {
    if !config.analytics {
        return Ok(());
    }
    let client = HttpClient::default();
    let msg = Identify {
        user: user(),
        traits: json!({ "email": config.email }),
        ..Default::default()
    };
    client.send(WRITE_KEY.to_string(), msg).await
}

/// Not guarded: events through the auto-batcher.
pub async fn track_commands(commands: &[&str]) -> segment::Result<()> {
    let mut batcher = AutoBatcher::new(HttpClient::default(), Batcher::new(None), WRITE_KEY.to_string());
    for command in commands {
        let msg = Track {
            user: user(),
            event: "command".to_owned(),
            properties: json!({ "name": command }),
            ..Default::default()
        };
        batcher.push(msg).await?; //~ unguarded_share
    }
    batcher.flush().await //~ unguarded_share
}

/// Not guarded: a manual batch sent at the end.
pub async fn track_session(config: &Config) -> segment::Result<()> {
    let client = HttpClient::default();
    let mut batcher = Batcher::new(None);
    let msg: BatchMessage = Track {
        user: user(),
        event: "session".to_owned(),
        properties: json!({ "email": config.email }),
        ..Default::default()
    }
    .into();
    if let Some(full) = batcher.push(msg)? {
        client.send(WRITE_KEY.to_string(), batcher.into_message()).await?; //~ unguarded_share
        batcher = Batcher::new(None);
        batcher.push(full)?;
    }
    client.send(WRITE_KEY.to_string(), batcher.into_message()).await //~ unguarded_share
}

/// Generic over the client (a test double in tests): through the trait.
pub async fn track_with<C: Client>(client: &C, config: &Config) -> segment::Result<()> {
    if config.analytics {
        let msg = Track {
            user: user(),
            event: "generic".to_owned(),
            ..Default::default()
        };
        client.send(WRITE_KEY.to_string(), msg).await?;
    }
    Ok(())
}
