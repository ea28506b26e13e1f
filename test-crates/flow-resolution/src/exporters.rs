//! Traits whose methods share data: `SessionExporter::export` is a sink on the trait's
//! declaration (so in every impl), `Notifier::notify` only in the push impl. `CsvReport` has an
//! unrelated inherent `export`.

/// Exports a finished app session to an analytics backend.
pub trait SessionExporter {
    /// Uploads one session record; every implementation sends it to its backend.
    #[consent::shares(with = "analytics_backend", purpose = "analytics")]
    fn export(&self, record: &str);

    /// Exports several records, one `export` call each.
    fn export_all(&self, records: &[String]) {
        for record in records {
            self.export(record); //~ unguarded_share
        }
    }
}

/// Exports to Segment.
#[derive(Debug, Default)]
pub struct SegmentExporter;

impl SessionExporter for SegmentExporter {
    fn export(&self, record: &str) {}
}

/// Exports to Mixpanel.
#[derive(Debug, Default)]
pub struct MixpanelExporter;

impl SessionExporter for MixpanelExporter {
    fn export(&self, record: &str) {}
}

/// A CSV file the user saves locally; its `export` writes a row to disk.
#[derive(Debug, Default)]
pub struct CsvReport;

impl CsvReport {
    /// Appends one row to the local file.
    pub fn export(&self, row: &str) {}
}

/// Shows the user a message.
pub trait Notifier {
    /// Delivers `text` to the user.
    fn notify(&self, text: &str);
}

/// Delivers through a push gateway, which sees the text.
#[derive(Debug, Default)]
pub struct PushNotifier;

impl Notifier for PushNotifier {
    #[consent::shares(with = "push_gateway", purpose = "essential")]
    fn notify(&self, text: &str) {}
}

/// Prints on the device's console.
#[derive(Debug, Default)]
pub struct ConsoleNotifier;

impl Notifier for ConsoleNotifier {
    fn notify(&self, text: &str) {}
}
