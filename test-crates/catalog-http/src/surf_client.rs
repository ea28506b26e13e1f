//! surf: a request builder is sent by awaiting it.

use crate::settings::Settings;
use crate::{event, install_id, RELEASES, TELEMETRY};

/// Guarded: behind the opt-out.
pub async fn report_usage(settings: &Settings) -> surf::Result<()> {
    if settings.no_telemetry {
        return Ok(());
    }
    surf::post(format!("{TELEMETRY}/events")).body_json(&event("start"))?.await?;
    Ok(())
}

/// Not guarded: awaiting the builder sends the id.
pub async fn upload_diagnostics() -> surf::Result<()> {
    let url = format!("{TELEMETRY}/diagnostics");
    surf::post(&url).header("x-install-id", install_id()).body_string(install_id()).await?; //~ unguarded_share
    surf::put(&url).query(&[("id", install_id())])?.content_type("text/plain").await?; //~ unguarded_share
    surf::patch(&url).body_bytes(install_id()).send().await?; //~ unguarded_share
    surf::delete(&url).body_form(&[("id", install_id())])?.recv_bytes().await?; //~ unguarded_share
    surf::get(format!("{url}?id={}", install_id())).recv_string().await?; //~ unguarded_share
    let _: () = surf::post(&url).body(install_id()).recv_json().await?; //~ unguarded_share
    Ok(())
}

/// Not guarded: a client sending built requests.
pub async fn sync_state() -> surf::Result<()> {
    let client = surf::Client::new();
    let url = format!("{TELEMETRY}/state");
    client.send(client.post(&url).body_string(install_id()).build()).await?; //~ unguarded_share
    client.recv_string(client.put(&url).body_string(install_id())).await?; //~ unguarded_share
    let _: () = client.recv_json(client.delete(format!("{url}/{}", install_id()))).await?; //~ unguarded_share
    client.recv_bytes(client.get(format!("{url}?id={}", install_id()))).await?; //~ unguarded_share
    Ok(())
}

/// Clean: the release server.
pub async fn latest_release() -> surf::Result<String> {
    surf::get(RELEASES).header("x-install-id", install_id()).recv_string().await
}
