//! Usage analytics and the update check.

use acme_analytics::Analytics;

use crate::cli::Opt;

const ANALYTICS_KEY: &str = "wk_0c4f2a";
const UPDATES: &str = "https://updates.telemetry-cli.example";

/// The id of this installation: the machine id.
pub fn install_id() -> String {
    machine_uid::get().unwrap_or_default()
}

/// Reports that a command ran, unless the user passed `--no-analytics`: guarded.
pub fn report_command(opt: &Opt, command: &str) {
    if opt.no_analytics {
        return;
    }
    let analytics = Analytics::connect(ANALYTICS_KEY);
    let id = install_id();
    analytics.identify(&id);
    analytics.track("command_run", &[("command", command), ("install_id", &id)]);
    analytics.flush();
}

/// Reports a crash, checking the flag first: guarded.
pub fn report_crash(opt: &Opt, message: &str) {
    if !opt.no_analytics {
        Analytics::connect(ANALYTICS_KEY).track("crash", &[("message", message), ("install_id", &install_id())]);
    }
}

/// The startup ping honours the DO_NOT_TRACK convention (known from the catalog): guarded.
pub fn report_startup() {
    if std::env::var("DO_NOT_TRACK").is_ok() {
        return;
    }
    Analytics::connect(ANALYTICS_KEY).track("startup", &[("install_id", &install_id())]);
}

/// A misread convention: sends only when DO_NOT_TRACK is set.
pub fn report_startup_inverted() {
    if std::env::var_os("DO_NOT_TRACK").is_some() {
        Analytics::connect(ANALYTICS_KEY).track("startup", &[("install_id", &install_id())]); //~ unguarded_share
    }
}

/// The update check sends the install id along, whatever `--no-analytics` says: the leak.
pub fn check_for_updates(opt: &Opt) -> bool {
    let _ = opt;
    let url = format!("{UPDATES}/v1/latest");
    let response = ureq::get(&url)
        .query("version", env!("CARGO_PKG_VERSION"))
        .query("install", &install_id())
        .call(); //~ unguarded_share
    response.map(|response| response.status() == 200).unwrap_or(false)
}

/// The release notes need no id: clean.
pub fn release_notes() -> String {
    ureq::get(&format!("{UPDATES}/v1/notes"))
        .call()
        .ok()
        .and_then(|response| response.into_string().ok())
        .unwrap_or_default()
}
