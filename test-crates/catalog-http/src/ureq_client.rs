//! ureq 2.

use std::time::Duration;

use crate::settings::Settings;
use crate::{event, install_id, RELEASES, TELEMETRY};

/// Guarded: an agent with the install id in its user agent, behind the opt-out.
pub fn report_usage(settings: &Settings) -> Result<(), ureq::Error> {
    if settings.no_telemetry {
        return Ok(());
    }
    let agent = ureq::AgentBuilder::new()
        .user_agent(&format!("app/1.0 ({})", install_id()))
        .build();
    agent.post(&format!("{TELEMETRY}/events")).send_json(event("start"))?;
    Ok(())
}

/// Not guarded: the id as header, query, and body.
pub fn upload_diagnostics(report: &str) -> Result<(), ureq::Error> {
    let url = format!("{TELEMETRY}/diagnostics");
    ureq::post(&url).set("x-install-id", &install_id()).timeout(Duration::from_secs(5)).send_string(report)?; //~ unguarded_share
    ureq::get(&url).query("id", &install_id()).call()?; //~ unguarded_share
    ureq::post(&url).send_bytes(install_id().as_bytes())?; //~ unguarded_share
    ureq::post(&url).send_form(&[("id", &install_id())])?; //~ unguarded_share
    let agent = ureq::agent();
    agent.put(&url).send(std::io::Cursor::new(install_id()))?; //~ unguarded_share
    Ok(())
}

/// Clean: nothing personal goes to the release server.
pub fn latest_release() -> Option<String> {
    ureq::get(RELEASES).query("id", &install_id()).call().ok()?.into_string().ok()
}
