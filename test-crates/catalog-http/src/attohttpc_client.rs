//! attohttpc.

use std::time::Duration;

use crate::settings::Settings;
use crate::{event, install_id, TELEMETRY};

/// Guarded: behind the opt-out.
pub fn report_usage(settings: &Settings) -> attohttpc::Result {
    if settings.no_telemetry {
        return Ok(());
    }
    attohttpc::post(format!("{TELEMETRY}/events")).json(&event("start"))?.send()?;
    Ok(())
}

/// Not guarded: the id as header, parameter, and body.
pub fn upload_diagnostics(token: &str) -> attohttpc::Result {
    let url = format!("{TELEMETRY}/diagnostics");
    attohttpc::get(&url).header("x-install-id", install_id()).timeout(Duration::from_secs(5)).send()?; //~ unguarded_share
    attohttpc::get(&url).param("id", install_id()).bearer_auth(token).send()?; //~ unguarded_share
    attohttpc::put(&url).params([("id", install_id())]).basic_auth("app", Some(token)).send()?; //~ unguarded_share
    attohttpc::patch(&url).text(install_id()).send()?; //~ unguarded_share
    attohttpc::delete(&url).bytes(install_id()).send()?; //~ unguarded_share
    attohttpc::post(&url).form(&[("id", install_id())])?.send()?; //~ unguarded_share
    let mut prepared = attohttpc::post(&url).json(&event("crash"))?.prepare();
    prepared.send()?; //~ unguarded_share
    Ok(())
}

/// A session's requests: the id in a parameter is found (not guarded); the API key in the
/// shared headers is not personal.
pub fn session_ping() -> attohttpc::Result {
    let mut session = attohttpc::Session::new();
    session.header("x-api-key", "k-2f9a");
    session.get(format!("{TELEMETRY}/ping")).param("id", install_id()).send()?; //~ unguarded_share
    session.post(format!("{TELEMETRY}/ping")).send()?;
    Ok(())
}

/// A session whose shared headers carry the install id: every request it sends has it (not
/// guarded).
pub fn session_with_id_header() -> attohttpc::Result {
    let mut session = attohttpc::Session::new();
    session.header("x-install-id", install_id());
    session.get(format!("{TELEMETRY}/ping")).send()?; //~ unguarded_share
    Ok(())
}
