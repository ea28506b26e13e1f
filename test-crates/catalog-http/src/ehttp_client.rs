//! ehttp.

use crate::settings::Settings;
use crate::{event, install_id, TELEMETRY};

/// Guarded: the JSON event is fetched in the background, behind the opt-out.
pub fn report_usage(settings: &Settings) {
    if !settings.no_telemetry {
        if let Ok(request) = ehttp::Request::json(format!("{TELEMETRY}/events"), &event("start")) {
            ehttp::fetch(request, |_result| {});
        }
    }
}

/// Not guarded: the id in a header and in the body.
pub fn upload_diagnostics() -> ehttp::Result<ehttp::Response> {
    let mut request = ehttp::Request::get(format!("{TELEMETRY}/ping"));
    request.headers.insert("x-install-id", install_id());
    ehttp::fetch(request, |_result| {}); //~ unguarded_share
    let request = ehttp::Request::post(format!("{TELEMETRY}/diagnostics"), install_id().into_bytes());
    ehttp::fetch_blocking(&request) //~ unguarded_share
}

/// Not guarded: async.
pub async fn sync_state() -> ehttp::Result<ehttp::Response> {
    let request = ehttp::Request::post(format!("{TELEMETRY}/state"), install_id().into_bytes());
    ehttp::fetch_async(request).await //~ unguarded_share
}
