//! minreq.

use crate::settings::Settings;
use crate::{event, install_id, TELEMETRY};

/// Guarded: behind the opt-out.
pub fn report_usage(settings: &Settings) -> Result<(), minreq::Error> {
    if !settings.no_telemetry {
        minreq::post(format!("{TELEMETRY}/events")).with_json(&event("start"))?.send()?;
    }
    Ok(())
}

/// Not guarded: the id as header, parameter, and body.
pub fn upload_diagnostics() -> Result<(), minreq::Error> {
    let url = format!("{TELEMETRY}/diagnostics");
    minreq::get(&url).with_header("x-install-id", install_id()).with_timeout(5).send()?; //~ unguarded_share
    minreq::get(&url).with_param("id", install_id()).send_lazy()?; //~ unguarded_share
    minreq::put(&url).with_headers([("x-install-id", install_id())]).send()?; //~ unguarded_share
    minreq::patch(&url).with_body(install_id()).send()?; //~ unguarded_share
    minreq::delete(format!("{url}/{}", install_id())).send()?; //~ unguarded_share
    Ok(())
}
