//! Fixture `config-tokens`: `[[token]]`s naming dependencies' types (`segment::AutoBatcher`,
//! `acme_analytics::Analytics`). A value of such a type guards the shares for its purpose where
//! it is the receiver, an argument, a parameter, or a field of `self`; in return, the library
//! calls that make one (`Type::new`, `Type::builder()..build()`) must be guarded like a
//! workspace token's literal.
//!
//! Creations, guarded (no marker): `AutoBatcher::new` after an early return on the check, the
//! builder under `if CHECK`. Broken (`unchecked_token`): both with no check; a `.clone()` is no
//! creation.
//!
//! Shares, guarded: on a batcher taken out of the app's `Option`, in a fn taking a batcher, in
//! a method of a type holding one, and every ACME `track` (its receiver is the token). Broken
//! (`unguarded_share`): Segment's client used directly, in a method of a type with no batcher.

use acme_analytics::Analytics;
use segment::message::{Identify, Track, User};
use segment::{AutoBatcher, Batcher, Client, HttpClient};
use serde_json::json;

const WRITE_KEY: &str = "wk_4f1c";

/// What the user chose.
pub struct Settings {
    /// "Share usage analytics".
    pub analytics: bool,
    /// "Help improve the product".
    pub product_improvement: bool,
}

/// The signed-in user.
pub struct Account {
    address: String,
}

impl Account {
    /// The user's email address (a `[[source]]`).
    pub fn email(&self) -> String {
        self.address.clone()
    }
}

fn track(account: &Account) -> Track {
    Track {
        user: User::UserId {
            user_id: account.email(),
        },
        event: "signup".to_owned(),
        properties: json!({}),
        ..Default::default()
    }
}

// ---- Creating tokens ----

/// The batcher is made only once analytics is allowed.
pub fn start_batcher(settings: &Settings) -> Option<AutoBatcher> {
    if !settings.analytics {
        return None;
    }
    Some(AutoBatcher::new(
        HttpClient::default(),
        Batcher::new(None),
        WRITE_KEY.to_string(),
    ))
}

/// A batcher for the debug menu, made whatever the user chose.
pub fn debug_batcher() -> AutoBatcher {
    AutoBatcher::new(HttpClient::default(), Batcher::new(None), WRITE_KEY.to_string()) //~ unchecked_token
}

/// The ACME client, built only when the user allows product improvement.
pub fn connect_acme(settings: &Settings) -> Option<Analytics> {
    if settings.product_improvement {
        Some(Analytics::builder(WRITE_KEY).build())
    } else {
        None
    }
}

/// The ACME client of the beta build, built for everyone.
pub fn connect_acme_for_beta() -> Analytics {
    Analytics::builder(WRITE_KEY).build() //~ unchecked_token
}

/// A copy of a client in hand: no creation.
pub fn second_acme(analytics: &Analytics) -> Analytics {
    analytics.clone()
}

// ---- Sharing with a token in hand ----

/// The app, with the batcher it has only when the user opted in.
pub struct App {
    batcher: Option<AutoBatcher>,
}

impl App {
    /// The receiver is the batcher taken out of the `Option`.
    pub async fn on_signup(&mut self, account: &Account) -> segment::Result<()> {
        if let Some(batcher) = &mut self.batcher {
            batcher.push(track(account)).await?;
        }
        Ok(())
    }
}

/// A fn taking the batcher has consent: the client it sends with needs no check of its own.
pub async fn identify(batcher: &AutoBatcher, account: &Account) -> segment::Result<()> {
    let _ = batcher;
    let message = Identify {
        user: User::UserId {
            user_id: account.email(),
        },
        ..Default::default()
    };
    HttpClient::default().send(WRITE_KEY.to_string(), message).await
}

/// The ACME client is the token: every event it tracks has consent.
pub fn track_with_acme(analytics: &Analytics, account: &Account) {
    analytics.track("signup", &[("email", &account.email())]);
}

/// Holds a batcher: its methods have consent.
pub struct Telemetry {
    batcher: AutoBatcher,
    client: HttpClient,
}

impl Telemetry {
    pub async fn identify(&self, account: &Account) -> segment::Result<()> {
        let _ = &self.batcher;
        self.client
            .send(WRITE_KEY.to_string(), track(account))
            .await
    }
}

/// Holds no batcher: its methods have no consent.
pub struct Uploader {
    client: HttpClient,
}

impl Uploader {
    pub async fn identify(&self, account: &Account) -> segment::Result<()> {
        self.client
            .send(WRITE_KEY.to_string(), track(account)) //~ unguarded_share
            .await
    }
}
