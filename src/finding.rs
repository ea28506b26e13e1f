//! What the analysis reports: findings with their lint, level, location and the path the data took.

use serde::{Deserialize, Serialize};

use crate::source::Location;

/// How seriously a lint is taken: `deny` fails the run, `warn` is shown, `allow` is hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    pub categories: Vec<String>,
    /// What produced it, e.g. "call of `Device::phone_number`".
    pub description: String,
    pub location: Location,
}

/// The third party a sink sends to, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SinkInfo {
    pub recipient: String,
    pub purpose: String,
    /// The sink fn as written at its declaration, e.g. `ParentCompany::report_metrics`.
    pub callee: String,
    pub location: Location,
}

/// One step of the path from source to sink.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowStep {
    pub description: String,
    pub location: Location,
}

/// A lint's name. An alias, because serde's derive borrows every field written `&str` from
/// the input, which a `'static` one cannot be.
pub type LintName = &'static str;

/// One reported problem. The primary location is where the user should look first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Finding {
    /// Read back (from the run cache) as the interned name, so it stays `&'static`.
    #[serde(deserialize_with = "interned_str")]
    pub lint: LintName,
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
    /// How many findings before this one (in report order) have everything else of its
    /// fingerprint in common: the same leak written twice in one fn. Part of the fingerprint
    /// when not 0, so every finding has its own; set by the scan once findings are sorted.
    pub twin: u32,
}

impl Finding {
    /// A stable identity that survives edits which only move lines: the lint, the enclosing
    /// item, the sink and the data's origin, never line numbers, and for the second and later
    /// of twins their rank among them. 16 hex digits (FNV-1a, 64 bit).
    pub fn fingerprint(&self) -> String {
        let base = self.twin_fingerprint();
        if self.twin == 0 {
            return base;
        }
        stable_fingerprint([base.as_str(), &self.twin.to_string()])
    }

    /// What twins share: the fingerprint without the rank.
    pub fn twin_fingerprint(&self) -> String {
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

/// Numbers twins (findings whose fingerprints would otherwise be equal) in the order given,
/// which is the report's: the first keeps the plain fingerprint.
pub fn number_twins(findings: &mut [Finding]) {
    let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for finding in findings {
        let count = seen.entry(finding.twin_fingerprint()).or_default();
        finding.twin = *count;
        *count += 1;
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

/// A `&'static str` read back through the name table: lint names are a handful of strings,
/// each interned once.
fn interned_str<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<&'static str, D::Error> {
    let text = String::deserialize(deserializer)?;
    Ok(crate::names::Name::new(&text).as_str())
}
