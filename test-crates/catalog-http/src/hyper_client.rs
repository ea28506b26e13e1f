//! hyper 1 with hyper-util's pooled client, and a raw HTTP/1 or HTTP/2 connection.

use hyper::Request;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

use crate::settings::Settings;
use crate::{install_id, TELEMETRY};

pub struct Telemetry {
    client: Client<HttpConnector, String>,
}

impl Telemetry {
    pub fn new() -> Telemetry {
        Telemetry {
            client: Client::builder(TokioExecutor::new()).build_http(),
        }
    }

    /// Guarded: the request is built and sent behind the opt-out.
    pub async fn report_usage(&self, settings: &Settings) -> Result<(), Box<dyn std::error::Error>> {
        if settings.no_telemetry {
            return Ok(());
        }
        let body = serde_json::json!({ "install_id": install_id() }).to_string();
        let request = Request::post(format!("{TELEMETRY}/events")).header("content-type", "application/json").body(body)?;
        self.client.request(request).await?;
        Ok(())
    }

    /// Not guarded: the id in a header of a built request.
    pub async fn heartbeat(&self) -> Result<(), Box<dyn std::error::Error>> {
        let request = Request::builder()
            .uri(format!("{TELEMETRY}/ping"))
            .header("x-install-id", install_id())
            .body(String::new())?;
        self.client.request(request).await?; //~ unguarded_share
        Ok(())
    }

    /// Not guarded: the id in the query of a GET.
    pub async fn check_update(&self) -> Result<(), Box<dyn std::error::Error>> {
        self.client.get(&format!("{TELEMETRY}/update?id={}", install_id())).await?; //~ unguarded_share
        Ok(())
    }
}

/// A client with its own connector.
pub fn with_connector() -> Client<HttpConnector, String> {
    Client::builder(TokioExecutor::new()).build(HttpConnector::new())
}

/// Not guarded: over a raw HTTP/1 connection.
pub async fn send_over<T>(io: T) -> Result<(), Box<dyn std::error::Error>> {
    let (mut sender, _connection) = hyper::client::conn::http1::handshake(io).await?;
    let request = Request::post(format!("{TELEMETRY}/events")).body(install_id())?;
    sender.send_request(request).await?; //~ unguarded_share
    Ok(())
}

/// Not guarded: over a raw HTTP/2 connection.
pub async fn send_over_h2<T>(io: T) -> Result<(), Box<dyn std::error::Error>> {
    let (mut sender, _connection) = hyper::client::conn::http2::handshake(TokioExecutor::new(), io).await?;
    let request = Request::post(format!("{TELEMETRY}/events")).body(install_id())?;
    sender.send_request(request).await?; //~ unguarded_share
    Ok(())
}
