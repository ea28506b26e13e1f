//! Marketing: an app type implementing `sdk`'s sharing trait, and the ad network's SDK under
//! its renamed dependency `ads`.

use sdk::Exporter;

/// Exports to the company's data warehouse, through the vendor's trait.
struct WarehouseExporter;

impl Exporter for WarehouseExporter {
    fn export(&self, record: &str) {}
}

// an impl in this crate inherits the `shares` on `sdk`'s trait declaration
pub fn export_profile() {
    WarehouseExporter.export(&user_model::email_address()); //~ unguarded_share
}

// `dyn` of another crate's trait
pub fn export_with(exporter: &dyn sdk::Exporter) {
    exporter.export(&user_model::email_address()); //~ unguarded_share
}

// a renamed dependency, with the receiver typed by its `connect()`
pub fn add_to_audience() {
    let audience = ads::connect();
    audience.add_to_audience(&user_model::email_address()); //~ unguarded_share
}

// a method of the same client that is not a sink
pub fn remember_locally() {
    ads::connect().remember_locally(&user_model::email_address());
}

// the renamed crate's type by path
pub fn audience_by_type_path() {
    let email = user_model::email_address();
    ads::AudienceClient::default().add_to_audience(&email); //~ unguarded_share
}
