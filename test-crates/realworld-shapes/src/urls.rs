//! Telemetry endpoints as real apps keep them: in a field of the reporter (greptimedb,
//! quickwit), passed to a helper that posts (risingwave, cargo-binstall), behind the app's own
//! wrapper around the client. The URL sink must be found wherever the URL travels.

use reqwest::Client;

use crate::{analytics_allowed, machine_id};

pub const TELEMETRY_URL: &str = "https://telemetry.realworld.example/v1/report";

/// The reporter keeps its endpoint in a field; it is sent from another method.
pub struct Reporter {
    client: Client,
    endpoint: &'static str,
    owned_endpoint: String,
}

impl Reporter {
    pub fn new() -> Reporter {
        Reporter {
            client: Client::new(),
            endpoint: TELEMETRY_URL,
            owned_endpoint: TELEMETRY_URL.to_string(),
        }
    }

    pub async fn report(&self) {
        let _ = self.client.post(self.endpoint).json(&machine_id()).send().await; //~ unguarded_share
    }

    pub async fn report_owned(&self) {
        let _ = self.client.post(&self.owned_endpoint).body(machine_id()).send().await; //~ unguarded_share
    }

    pub async fn report_if_allowed(&self) {
        if analytics_allowed() {
            let _ = self.client.post(self.endpoint).json(&machine_id()).send().await;
        }
    }
}

/// A helper that posts whatever it is given, to the URL it is given.
async fn post(url: &str, body: String) {
    let _ = Client::new().post(url).body(body).send().await; //~ unguarded_share
}

pub async fn report_through_helper() {
    post(TELEMETRY_URL, machine_id()).await;
    let meta = TELEMETRY_URL.to_owned() + "/meta";
    post(&meta, machine_id()).await;
}

pub async fn report_through_helper_if_allowed() {
    if !analytics_allowed() {
        return;
    }
    post(TELEMETRY_URL, machine_id()).await;
}

/// A helper whose URL is not the telemetry endpoint: nothing to report.
pub async fn fetch_update() {
    post("https://updates.realworld.example/latest", machine_id()).await;
}

/// Before a request to the endpoint is sent, one of its headers is looked up: the value's
/// type is lost (the catalog does not type `build`), so `.get(..)` is matched by the crate its
/// chain starts at. That `get` is no second request: `reqwest::blocking::get` is a free fn,
/// never a method a receiver could be calling (cargo-binstall's retry loop reads headers so).
pub async fn send_unless_skipped(client: &Client) -> reqwest::Result<()> {
    let request = client.post(TELEMETRY_URL).body(machine_id()).build()?;
    if request.headers().get("x-skip").is_none() {
        client.execute(request).await?; //~ unguarded_share
    }
    Ok(())
}

/// The endpoint as a setting whose default is written in an attribute (openobserve's
/// `#[env_config(default = "https://..")]`; here clap's `default_value`): reading the field
/// yields that URL unless the user sets another.
#[derive(clap::Parser)]
pub struct Options {
    /// Where usage reports go.
    #[arg(long, default_value = "https://telemetry.realworld.example/v2")]
    pub telemetry_url: String,
    /// Where updates are looked for.
    #[arg(long, default_value = "https://updates.realworld.example/")]
    pub update_url: String,
}

pub async fn report_to_configured_endpoint(options: &Options) {
    let _ = Client::new().post(&options.telemetry_url).body(machine_id()).send().await; //~ unguarded_share
}

pub async fn check_for_updates(options: &Options) {
    let _ = Client::new().post(&options.update_url).body(machine_id()).send().await;
}
