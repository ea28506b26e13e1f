//! Method calls resolved by the receiver's type. Each way of knowing the type has a positive
//! case on `AnalyticsClient::send` (a sink) and a negative twin on `LocalLog::send` (not one),
//! then the fallback for receivers whose type cannot be known.

use std::sync::{Arc, OnceLock};

use crate::clients::{analytics_client, local_log, AnalyticsClient, LocalLog, Services};
use crate::profile::phone_number;

// the type of a parameter
pub fn parameter_type(client: &AnalyticsClient) {
    client.send(&phone_number()); //~ unguarded_share
}

// the type of a parameter: the log is not a sink
pub fn parameter_type_other(log: &LocalLog) {
    log.send(&phone_number());
}

// the type written on a `let`
pub fn let_type() {
    let client: AnalyticsClient = Default::default();
    client.send(&phone_number()); //~ unguarded_share
}

// the type written on a `let`: the log
pub fn let_type_other() {
    let log: LocalLog = Default::default();
    log.send(&phone_number());
}

// the declared type of a struct field
pub fn field_type(services: &Services) {
    services.analytics.send(&phone_number()); //~ unguarded_share
}

// the declared type of a struct field: the log
pub fn field_type_other(services: &Services) {
    services.log.send(&phone_number());
}

// the return type of a known fn, used directly and through a `let`
pub fn return_type() {
    analytics_client().send(&phone_number()); //~ unguarded_share
    let client = analytics_client();
    client.send(&phone_number()); //~ unguarded_share
}

// the return type of a known fn: the log
pub fn return_type_other() {
    local_log().send(&phone_number());
    let log = local_log();
    log.send(&phone_number());
}

// a constructor `Type::new()`
pub fn constructor() {
    let client = AnalyticsClient::new();
    client.send(&phone_number()); //~ unguarded_share
}

// a constructor `Type::new()`: the log
pub fn constructor_other() {
    let log = LocalLog::new();
    log.send(&phone_number());
}

// a struct literal `Type { .. }`
pub fn struct_literal() {
    let client = AnalyticsClient {
        endpoint: String::from("https://eu.collect.example.com"),
    };
    client.send(&phone_number()); //~ unguarded_share
}

// a struct literal `Type { .. }`: the log
pub fn struct_literal_other() {
    let log = LocalLog {
        path: String::from("/tmp/debug.log"),
    };
    log.send(&phone_number());
}

// a builder chain split over lines: the finding is on the line of `.send`
pub fn builder_chain() {
    AnalyticsClient::new()
        .with_endpoint("https://eu.collect.example.com")
        .send(&phone_number()); //~ unguarded_share
}

// through a smart pointer: `Arc<AnalyticsClient>` derefs to the client
pub fn smart_pointer(client: Arc<AnalyticsClient>) {
    client.send(&phone_number()); //~ unguarded_share
}

// through a smart pointer: `Arc<LocalLog>` derefs to the log
pub fn smart_pointer_other(log: Arc<LocalLog>) {
    log.send(&phone_number());
}

// a binding out of an `Option` field of known type
pub fn option_binding(services: &Services) {
    if let Some(client) = &services.optional_analytics {
        client.send(&phone_number()); //~ unguarded_share
    }
}

// a binding out of an `Option` field of known type: the log
pub fn option_binding_other(services: &Services) {
    if let Some(log) = &services.optional_log {
        log.send(&phone_number());
    }
}

// the items of a `Vec` of known element type
pub fn loop_items(clients: &[AnalyticsClient]) {
    for client in clients {
        client.send(&phone_number()); //~ unguarded_share
    }
}

// the items of a `Vec` of known element type: logs
pub fn loop_items_other(logs: &[LocalLog]) {
    for log in logs {
        log.send(&phone_number());
    }
}

/// The process-wide analytics client, created on first use.
static GLOBAL_CLIENT: OnceLock<AnalyticsClient> = OnceLock::new();

// the receiver comes out of a std generic method: if its type is not known, the name decides
pub fn receiver_from_external_fn() {
    GLOBAL_CLIENT
        .get_or_init(AnalyticsClient::new)
        .send(&phone_number()); //~ unguarded_share
}

// the receiver is the result of an unannotated closure: if its type is not known, the name decides
pub fn receiver_from_closure() {
    let connect = |endpoint: &str| AnalyticsClient::new().with_endpoint(endpoint);
    connect("https://eu.collect.example.com").send(&phone_number()); //~ unguarded_share
}
