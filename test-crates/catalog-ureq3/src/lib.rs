//! Fixture `catalog-ureq3`: ureq 3's API (`RequestBuilder`, `header`, `send*`), which
//! catalog-http cannot use beside ureq 2. The update check sends the install id without
//! asking; the usage report is behind the opt-out.

use ureq::Agent;

pub struct Settings {
    pub no_telemetry: bool,
}

const TELEMETRY: &str = "https://telemetry.example.com/v1";

fn install_id() -> String {
    machine_uid::get().unwrap_or_default()
}

/// An agent that tags every request with the install id in its user agent.
fn identified_agent() -> Agent {
    let config = Agent::config_builder()
        .user_agent(&format!("app/1.0 ({})", install_id()))
        .build();
    Agent::new_with_config(config)
}

pub struct Telemetry {
    agent: Agent,
}

impl Telemetry {
    pub fn new() -> Telemetry {
        Telemetry {
            agent: Agent::new_with_defaults(),
        }
    }

    /// Guarded: behind the opt-out.
    pub fn report_usage(&self, settings: &Settings) -> Result<(), ureq::Error> {
        if settings.no_telemetry {
            return Ok(());
        }
        let event = serde_json::json!({ "name": "start", "install_id": install_id() });
        self.agent.post(format!("{TELEMETRY}/events")).send_json(&event)?;
        Ok(())
    }

    /// Not guarded: the id in a header.
    pub fn heartbeat(&self) -> Result<(), ureq::Error> {
        self.agent.post(format!("{TELEMETRY}/ping")).header("x-install-id", install_id()).send_empty()?; //~ unguarded_share
        Ok(())
    }
}

/// Not guarded: the id as header, query, form and body.
pub fn check_update() -> Result<(), ureq::Error> {
    let url = format!("{TELEMETRY}/update");
    ureq::get(&url).header("x-install-id", install_id()).query("channel", "stable").call()?; //~ unguarded_share
    ureq::get(&url).query_pairs([("id", install_id())]).call()?; //~ unguarded_share
    ureq::post(&url).content_type("text/plain").send(install_id())?; //~ unguarded_share
    ureq::put(&url).send_form([("id", install_id())])?; //~ unguarded_share
    let agent = identified_agent();
    agent.get(&url).query("channel", "stable").call()?; //~ unguarded_share
    Ok(())
}

/// Clean: nothing personal.
pub fn latest_release() -> Result<u16, ureq::Error> {
    ureq::get(format!("{TELEMETRY}/latest")).query("channel", "stable").call().map(|response| response.status())
}
