//! isahc: one-shot functions, an `HttpClient`, and `RequestExt::send` on an `http::Request`.

use isahc::{HttpClient, Request, RequestExt};

use crate::settings::Settings;
use crate::{install_id, RELEASES, TELEMETRY};

fn identified_client() -> Result<HttpClient, isahc::Error> {
    HttpClient::builder()
        .default_header("x-install-id", install_id())
        .default_headers([("x-app", "1.0")])
        .build()
}

/// Guarded: behind the opt-out.
pub fn report_usage(settings: &Settings) -> Result<(), isahc::Error> {
    if settings.no_telemetry {
        return Ok(());
    }
    identified_client()?.post(format!("{TELEMETRY}/events"), install_id())?;
    isahc::post(format!("{TELEMETRY}/events"), install_id())?;
    Ok(())
}

/// Not guarded: the identified client's default header goes with every request.
pub fn heartbeat() -> Result<(), isahc::Error> {
    let client = identified_client()?;
    client.get(format!("{TELEMETRY}/ping"))?; //~ unguarded_share
    client.put(format!("{TELEMETRY}/profile"), "{}")?; //~ unguarded_share
    client.delete(format!("{TELEMETRY}/profile"))?; //~ unguarded_share
    let request = Request::post(format!("{TELEMETRY}/events")).body(install_id()).map_err(|_| isahc::Error)?;
    client.send(request)?; //~ unguarded_share
    Ok(())
}

/// Not guarded: the one-shot functions.
pub fn upload_diagnostics() -> Result<(), isahc::Error> {
    isahc::get(format!("{TELEMETRY}/update?id={}", install_id()))?; //~ unguarded_share
    isahc::put(format!("{TELEMETRY}/profile"), install_id())?; //~ unguarded_share
    isahc::delete(format!("{TELEMETRY}/profile/{}", install_id()))?; //~ unguarded_share
    let request = Request::post(format!("{TELEMETRY}/events")).body(install_id()).map_err(|_| isahc::Error)?;
    isahc::send(request)?; //~ unguarded_share
    Request::post(format!("{TELEMETRY}/events"))
        .header("x-install-id", install_id())
        .body(())
        .map_err(|_| isahc::Error)?
        .send()?; //~ unguarded_share
    Ok(())
}

/// Not guarded: async.
pub async fn sync_state() -> Result<(), isahc::Error> {
    let client = HttpClient::new()?;
    client.get_async(format!("{TELEMETRY}/state?id={}", install_id())).await?; //~ unguarded_share
    client.post_async(format!("{TELEMETRY}/state"), install_id()).await?; //~ unguarded_share
    let request = Request::post(format!("{TELEMETRY}/state")).body(install_id()).map_err(|_| isahc::Error)?;
    client.send_async(request).await?; //~ unguarded_share
    isahc::get_async(format!("{TELEMETRY}/state?id={}", install_id())).await?; //~ unguarded_share
    isahc::post_async(format!("{TELEMETRY}/state"), install_id()).await?; //~ unguarded_share
    let request = Request::post(format!("{TELEMETRY}/state")).body(install_id()).map_err(|_| isahc::Error)?;
    isahc::send_async(request).await?; //~ unguarded_share
    let request = Request::post(format!("{TELEMETRY}/state")).body(install_id()).map_err(|_| isahc::Error)?;
    request.send_async().await?; //~ unguarded_share
    Ok(())
}

/// Clean: the release server.
pub fn latest_release() -> Result<(), isahc::Error> {
    isahc::get(format!("{RELEASES}?id={}", install_id()))?;
    Ok(())
}
