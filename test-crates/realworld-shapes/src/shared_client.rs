//! One call of the HTTP client sends every request of the app (cargo-binstall's rate-limited
//! `DelayRequest::call`): the guarded usage report and the unguarded download both pass
//! through it. The report's URL is the telemetry endpoint; the download's is not. The two
//! sends meet at one span of the wrapper, but the endpoint must not travel from the guarded
//! request to the checks of the unguarded one: nothing here is reported.

use reqwest::{Client, Request};

use crate::{analytics_allowed, machine_id};

use super::urls::TELEMETRY_URL;

pub struct Http {
    client: Client,
}

impl Http {
    pub fn new() -> Http {
        Http {
            client: Client::new(),
        }
    }

    /// Every request of the app, whatever its URL.
    async fn execute(&self, request: Request) -> reqwest::Result<()> {
        self.client.execute(request).await?;
        Ok(())
    }

    async fn report_install(&self) -> reqwest::Result<()> {
        let request = self.client.post(TELEMETRY_URL).body(machine_id()).build()?;
        self.execute(request).await
    }

    async fn download(&self) -> reqwest::Result<()> {
        let url = format!("https://downloads.realworld.example/{}", machine_id());
        let request = self.client.get(url).build()?;
        self.execute(request).await
    }
}

/// The download runs always, the report only when the user allowed it.
pub async fn install(http: &Http) -> reqwest::Result<()> {
    http.download().await?;
    if analytics_allowed() {
        http.report_install().await?;
    }
    Ok(())
}

pub async fn run() -> reqwest::Result<()> {
    let http = Http::new();
    install(&http).await
}
