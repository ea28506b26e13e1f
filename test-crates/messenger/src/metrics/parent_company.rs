//! The parent company's metrics endpoint: a third party as far as the user is concerned.

/// Client for the parent company's metrics collector. Everything passed here leaves the app.
pub struct ParentCompany {
    endpoint: String,
}

impl ParentCompany {
    pub fn connect() -> ParentCompany {
        ParentCompany {
            endpoint: String::from("https://metrics.parent.example.com/ingest"),
        }
    }

    /// Sends one metrics event with its fields.
    #[consent::shares(with = "parent_company", purpose = "analytics")]
    pub fn report_metrics(&self, event: &str, fields: &[(&str, String)]) {
        println!("POST {} {} ({} fields)", self.endpoint, event, fields.len());
    }
}
