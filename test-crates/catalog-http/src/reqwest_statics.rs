//! reqwest clients held in statics, as apps keep one client for the whole process: a request
//! made on one goes to the URL it names like one made on a local `Client::new()`.

use std::sync::{LazyLock, OnceLock};

use once_cell::sync::Lazy;
use reqwest::blocking::Client;

use crate::settings::Settings;
use crate::{install_id, TELEMETRY};

static CLIENT: LazyLock<Client> = LazyLock::new(Client::new);
static ONCE_CELL_CLIENT: Lazy<Client> = Lazy::new(Client::new);
static SHARED: OnceLock<Client> = OnceLock::new();

lazy_static::lazy_static! {
    static ref AGENT: Client = Client::new();
}

thread_local! {
    static PER_THREAD: Client = Client::new();
}

/// The client of `SHARED`, made on first use.
fn shared() -> &'static Client {
    SHARED.get_or_init(Client::new)
}

/// Guarded: the opt-out is checked first.
pub fn ping(settings: &Settings) -> reqwest::Result<()> {
    if settings.no_telemetry {
        return Ok(());
    }
    CLIENT.post(format!("{TELEMETRY}/ping")).body(install_id()).send()?;
    Ok(())
}

/// Not guarded: `std::sync::LazyLock`.
pub fn ping_lazy_lock() -> reqwest::Result<()> {
    CLIENT.post(format!("{TELEMETRY}/ping")).body(install_id()).send()?; //~ unguarded_share
    Ok(())
}

/// Not guarded: `once_cell::sync::Lazy`.
pub fn ping_once_cell() -> reqwest::Result<()> {
    ONCE_CELL_CLIENT.post(format!("{TELEMETRY}/ping")).body(install_id()).send()?; //~ unguarded_share
    Ok(())
}

/// Not guarded: `OnceLock::get_or_init`, in place and through a fn.
pub fn ping_once_lock() -> reqwest::Result<()> {
    SHARED.get_or_init(Client::new).post(format!("{TELEMETRY}/ping")).body(install_id()).send()?; //~ unguarded_share
    shared().post(format!("{TELEMETRY}/ping")).body(install_id()).send()?; //~ unguarded_share
    Ok(())
}

/// Not guarded: `lazy_static!`.
pub fn ping_lazy_static() -> reqwest::Result<()> {
    AGENT.post(format!("{TELEMETRY}/ping")).body(install_id()).send()?; //~ unguarded_share
    Ok(())
}

/// Not guarded: `thread_local!`.
pub fn ping_per_thread() -> reqwest::Result<()> {
    PER_THREAD.with(|client| client.post(format!("{TELEMETRY}/ping")).body(install_id()).send())?; //~ unguarded_share
    Ok(())
}
