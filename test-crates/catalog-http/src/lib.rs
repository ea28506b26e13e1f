//! Fixture `catalog-http`: one module per HTTP client of the catalog, each with a telemetry
//! call behind the `no_telemetry` setting (clean), one without it (found), and requests that
//! carry no personal data (clean). Every builder method and send call of the catalog is used.

pub mod attohttpc_client;
pub mod ehttp_client;
pub mod hyper_client;
pub mod isahc_client;
pub mod minreq_client;
pub mod reqwest_async;
pub mod reqwest_blocking;
pub mod reqwest_statics;
pub mod surf_client;
pub mod ureq_client;

pub mod settings {
    //! The app's settings.

    pub struct Settings {
        /// `--no-telemetry`, or "Send usage statistics" unticked.
        pub no_telemetry: bool,
    }
}

/// The telemetry endpoint.
pub const TELEMETRY: &str = "https://telemetry.example.com/v1";
/// The release server: no personal data goes there.
pub const RELEASES: &str = "https://releases.example.org/latest";

/// The install id: the machine id.
pub fn install_id() -> String {
    machine_uid::get().unwrap_or_default()
}

/// A usage event.
#[derive(serde::Serialize)]
pub struct Event {
    pub name: String,
    pub install_id: String,
}

pub fn event(name: &str) -> Event {
    Event {
        name: name.to_string(),
        install_id: install_id(),
    }
}
