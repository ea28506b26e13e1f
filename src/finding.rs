//! What the analysis reports: findings with their lint, level, location and the path the data took.

use crate::source::Location;

/// How seriously a lint is taken: `deny` fails the run, `warn` is shown, `allow` is hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Allow,
    Warn,
    Deny,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }
}

/// Where personal data came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInfo {
    pub categories: Vec<String>,
    /// What produced it, e.g. "call of `Device::phone_number`".
    pub description: String,
    pub location: Location,
}

/// The third party a sink sends to, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SinkInfo {
    pub recipient: String,
    pub purpose: String,
    /// The sink fn as written at its declaration, e.g. `ParentCompany::report_metrics`.
    pub callee: String,
    pub location: Location,
}

/// One step of the path from source to sink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowStep {
    pub description: String,
    pub location: Location,
}

/// One reported problem. The primary location is where the user should look first.
#[derive(Debug, Clone)]
pub struct Finding {
    pub lint: &'static str,
    pub level: Level,
    pub message: String,
    pub location: Location,
    /// The label under the primary location.
    pub label: String,
    pub source: Option<SourceInfo>,
    pub sink: Option<SinkInfo>,
    pub flow: Vec<FlowStep>,
    pub help: Option<String>,
    pub notes: Vec<String>,
    /// The enclosing item, e.g. `messenger::metrics::report_daily`: part of the fingerprint.
    pub enclosing_item: String,
}

impl Finding {
    /// A stable identity that survives edits which only move lines: the lint, the enclosing
    /// item, the sink and the data's origin, never line numbers. See [`stable_fingerprint`].
    pub fn fingerprint(&self) -> String {
        let mut parts: Vec<&str> = vec![self.lint, &self.enclosing_item];
        if let Some(sink) = &self.sink {
            parts.extend([
                sink.callee.as_str(),
                sink.recipient.as_str(),
                sink.purpose.as_str(),
            ]);
        }
        match &self.source {
            Some(source) => {
                parts.push(&source.description);
                parts.extend(source.categories.iter().map(String::as_str));
            }
            None => parts.push(&self.message),
        }
        stable_fingerprint(parts)
    }
}

/// An identity made of names (never of line numbers), so that it survives edits which only
/// move code: 16 hex digits of FNV-1a (64 bit) over the parts, each ended by a byte no UTF-8
/// text holds. Baselines (through [`Finding::fingerprint`]) and the data map's flow ids rest
/// on it.
pub fn stable_fingerprint<'p>(parts: impl IntoIterator<Item = &'p str>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}
