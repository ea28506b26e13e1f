//! reqwest's async client.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Client, Method};

use crate::settings::Settings;
use crate::{event, install_id, RELEASES, TELEMETRY};

/// A client that tags every request with the install id.
fn identified_client() -> reqwest::Result<Client> {
    let mut headers = HeaderMap::new();
    headers.insert("x-install-id", HeaderValue::from_str(&install_id()).unwrap());
    Client::builder()
        .default_headers(headers)
        .user_agent(format!("app/1.0 ({})", install_id()))
        .timeout(Duration::from_secs(5))
        .build()
}

/// Guarded: the opt-out is checked first.
pub async fn report_usage(settings: &Settings) -> reqwest::Result<()> {
    if settings.no_telemetry {
        return Ok(());
    }
    let client = identified_client()?;
    client.post(format!("{TELEMETRY}/events")).json(&event("start")).send().await?;
    client.put(format!("{TELEMETRY}/profile")).form(&[("id", install_id())]).send().await?;
    Ok(())
}

/// Not guarded: the identified client's default headers go along.
pub async fn heartbeat() -> reqwest::Result<()> {
    let client = identified_client()?;
    client.head(format!("{TELEMETRY}/ping")).send().await?; //~ unguarded_share
    Ok(())
}

/// Not guarded: the id in a header, the query and the body of built requests.
pub async fn sync_state(token: &str) -> reqwest::Result<()> {
    let client = Client::new();
    let request = client
        .patch(format!("{TELEMETRY}/state"))
        .header("x-install-id", install_id())
        .bearer_auth(token)
        .timeout(Duration::from_secs(2))
        .build()?;
    client.execute(request).await?; //~ unguarded_share
    let mut extra = HeaderMap::new();
    extra.insert("x-device", HeaderValue::from_str(&install_id()).unwrap());
    client.delete(format!("{TELEMETRY}/state")).headers(extra).basic_auth("app", Some(token)).send().await?; //~ unguarded_share
    client.request(Method::POST, format!("{TELEMETRY}/raw")).body(install_id()).send().await?; //~ unguarded_share
    Ok(())
}

/// Not guarded: the id in the query string of a one-shot GET.
pub async fn check_update() -> reqwest::Result<String> {
    let response = reqwest::get(format!("{TELEMETRY}/update?id={}", install_id())).await?; //~ unguarded_share
    response.text().await
}

/// Clean: the release server is not a sink, and the telemetry query carries no id.
pub async fn latest_release() -> reqwest::Result<String> {
    let client = Client::new();
    let notes = client.get(RELEASES).query(&[("id", install_id())]).send().await?;
    client.get(TELEMETRY).query(&[("version", "1.0")]).send().await?;
    notes.text().await
}
