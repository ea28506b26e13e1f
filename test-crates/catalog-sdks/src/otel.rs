//! OpenTelemetry: span and metric attributes leave through the installed exporter.

use opentelemetry::global;
use opentelemetry::trace::{Span, Tracer};
use opentelemetry::KeyValue;

use crate::config::Config;
use crate::install_id;

/// Guarded: the user's id goes on the span only with consent.
pub fn traced_checkout(config: &Config) {
    let tracer = global::tracer("shop");
    let mut span = tracer.start("checkout");
    if config.analytics {
        span.set_attribute(KeyValue::new("enduser.id", install_id()));
    }
    span.end();
}

/// Not guarded: attributes and events on spans.
pub fn traced_login(config: &Config) {
    let tracer = global::tracer("auth");
    let mut span = tracer.span_builder("login").with_attributes([KeyValue::new("enduser.id", install_id())]).start(&tracer); //~ unguarded_share
    span.set_attributes([KeyValue::new("user.email", config.email.clone())]); //~ unguarded_share
    span.add_event("password_checked", vec![KeyValue::new("user.email", config.email.clone())]); //~ unguarded_share
    span.end();
}

/// Not guarded: metric attributes identify the user.
pub fn record_login_metrics(config: &Config, seconds: f64) {
    let meter = global::meter("auth");
    let logins = meter.u64_counter("logins").build();
    logins.add(1, &[KeyValue::new("install_id", install_id())]); //~ unguarded_share
    let sessions = meter.i64_up_down_counter("sessions").build();
    sessions.add(1, &[KeyValue::new("user.email", config.email.clone())]); //~ unguarded_share
    let latency = meter.f64_histogram("login.duration").build();
    latency.record(seconds, &[KeyValue::new("install_id", install_id())]); //~ unguarded_share
    let open = meter.u64_gauge("open_windows").build();
    open.record(2, &[KeyValue::new("install_id", install_id())]); //~ unguarded_share
}

/// Clean: aggregate metrics without attributes about the user.
pub fn record_startup(seconds: f64) {
    let meter = global::meter("app");
    meter.f64_histogram("startup.duration").build().record(seconds, &[KeyValue::new("os", "linux")]);
}
