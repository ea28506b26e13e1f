//! The data map (`cargo consent map`): every flow of personal data to a recipient, with its
//! category, purpose, sink call, sources and guard status; the declared sources, sinks and
//! checks that take part in no flow; and, with `--compare`, what changed since an earlier map.
//!
//! The map is not a second analysis: [`build`] reads what `check` computed (the judged sink
//! events of [`crate::lints::sinks`], the findings, the resolved declarations). This module
//! is the model, one versioned document that the JSON format writes as is (schema in
//! docs/map-schema.md) and `--compare` reads back; the other formats render it
//! (`crate::report::map`).

pub mod build;
pub mod compare;
mod declared;

use serde::{Deserialize, Serialize};

/// The version of the document; `--compare` refuses a map of another version.
pub const MAP_SCHEMA_VERSION: u32 = 1;

/// What `cargo consent map` found, or, with `comparison`, what changed since an earlier map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataMap {
    pub version: u32,
    pub tool: Tool,
    /// Sorted by recipient, purpose, category, then sink location.
    pub flows: Vec<Flow>,
    pub sources_reaching_no_recipient: Vec<DeclaredSource>,
    pub sinks_receiving_nothing: Vec<DeclaredSink>,
    pub checks_guarding_nothing: Vec<DeclaredCheck>,
    /// What the scan could not do (files it could not parse, config entries matching nothing).
    pub notes: Vec<String>,
    pub summary: Summary,
    /// Present in the output of `--compare`: `flows` then holds only the flows that changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison: Option<ComparisonSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

impl Tool {
    pub fn this() -> Tool {
        Tool {
            name: env!("CARGO_PKG_NAME").to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// A place in the scanned code, with the line's text for snippets.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// The line, trimmed.
    pub code: String,
}

impl std::fmt::Display for Location {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{}:{}", self.file, self.line)
    }
}

/// Whether a flow is guarded by a check for its purpose and recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Guarded,
    /// Checked on every path, but only for another purpose or recipient.
    PurposeMismatch,
    /// Some path has no check at all.
    Unguarded,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Guarded => "guarded",
            Status::PurposeMismatch => "purpose_mismatch",
            Status::Unguarded => "unguarded",
        }
    }

    /// How bad it is: a change to a higher severity is a flow losing its guard.
    pub fn severity(self) -> u8 {
        match self {
            Status::Guarded => 0,
            Status::PurposeMismatch => 1,
            Status::Unguarded => 2,
        }
    }
}

/// Personal data of one category reaching one sink call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flow {
    /// Stable across edits that only move lines (names, never line numbers): what
    /// `--compare` matches flows by.
    pub id: String,
    pub recipient: String,
    pub purpose: String,
    pub category: String,
    /// `contact` for `contact.phone_number`; `null` for a top-level category.
    pub category_parent: Option<String>,
    pub status: Status,
    /// The data is only named like personal data (`possible_personal_data` is on).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suspected: bool,
    pub sink: Sink,
    pub sources: Vec<Source>,
    /// The checks for this purpose and recipient found on the guarded paths (on some paths
    /// only, when the flow is not guarded).
    pub guarded_by: Vec<Check>,
    /// For `purpose_mismatch`: the checks found on the way, for another purpose or recipient.
    pub checked_instead: Vec<Check>,
    /// When the gap is in the callers: each call, from an entry point, made without a check.
    pub unguarded_callers: Vec<Step>,
    /// The lint that reports a flow with this status (`null` when guarded).
    pub lint: Option<String>,
    /// The finding of this run at the sink call, when one is reported.
    pub finding: Option<FindingRef>,
    /// In a comparison: how the flow changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
}

impl Flow {
    /// How the checks that guard it are written, sorted.
    fn guard_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .guarded_by
            .iter()
            .map(|check| check.written.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}

/// The sink call a flow ends at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sink {
    /// The sink as declared: `ParentCompany::report_metrics`, `acme_analytics::Analytics::track`,
    /// `a request to https://..`.
    pub callee: String,
    /// The fn the call is written in, `crate::module::Type::method`.
    #[serde(rename = "fn")]
    pub in_fn: String,
    pub location: Location,
    /// The receiver's type was not known: the method was matched by its name only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_name: bool,
}

/// Where the data of a flow comes from, and the steps it takes to the sink.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// e.g. "call of `Account::phone_number`".
    pub description: String,
    pub categories: Vec<String>,
    #[serde(rename = "fn")]
    pub in_fn: String,
    pub location: Location,
    /// The annotations and config or catalog entries that make it personal data.
    pub declared_by: Vec<Origin>,
    pub steps: Vec<Step>,
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub description: String,
    pub location: Location,
}

/// A consent check or opt-out as it is written in the code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    /// e.g. "the opt-out `settings.ads_opt_out` for `ads`".
    pub description: String,
    /// How the code writes it, e.g. `settings.ads_opt_out`.
    pub written: String,
    pub polarity: Polarity,
    /// `null`: a check for every purpose.
    pub purpose: Option<String>,
    /// `null`: a check for every recipient.
    pub recipient: Option<String>,
    pub location: Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// `true` means the user allows the purpose.
    Allow,
    /// `true` means the user opted out.
    OptOut,
}

impl From<crate::facts::Polarity> for Polarity {
    fn from(polarity: crate::facts::Polarity) -> Polarity {
        match polarity {
            crate::facts::Polarity::Allow => Polarity::Allow,
            crate::facts::Polarity::OptOut => Polarity::OptOut,
        }
    }
}

/// The finding that reports a flow's sink call in this run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingRef {
    pub lint: String,
    pub level: String,
    /// The finding's fingerprint, as in `check --format json` and baselines.
    pub fingerprint: String,
}

/// What made something a source, sink or check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Origin {
    pub kind: OriginKind,
    /// The annotated file, the config file, or the catalog file (`catalog/machine-uid.toml`).
    pub file: String,
    pub line: u32,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            formatter,
            "{} {}:{}",
            self.kind.as_str(),
            self.file,
            self.line
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OriginKind {
    /// A `#[consent::...]` attribute (or a derive helper) in the code.
    Annotation,
    /// An entry of a `consent.toml`, a `Cargo.toml` metadata table or `--config`.
    Config,
    /// An entry of the built-in catalog (`lints/catalog/`).
    Catalog,
}

impl OriginKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OriginKind::Annotation => "annotation",
            OriginKind::Config => "config",
            OriginKind::Catalog => "catalog",
        }
    }
}

/// A declared source none of whose values reaches a recipient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeclaredSource {
    /// The fn, field, type or library path declared: `Account::phone_number`,
    /// `AddressBook.entries`, `machine_uid::get`.
    pub item: String,
    pub categories: Vec<String>,
    pub declared_by: Origin,
    /// Where the code reads it; empty when it never does.
    pub used_at: Vec<Location>,
}

/// A declared sink that no personal data reaches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeclaredSink {
    pub item: String,
    pub recipient: String,
    pub purpose: String,
    pub declared_by: Origin,
    /// Where the code calls it (for a URL sink: the fns naming the URL); empty when nowhere.
    pub used_at: Vec<Location>,
}

/// A declared check that guards no flow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeclaredCheck {
    pub item: String,
    pub polarity: Polarity,
    pub purpose: Option<String>,
    pub recipient: Option<String>,
    pub declared_by: Origin,
    pub used_at: Vec<Location>,
    /// How many flows meet it on their way, checked for another purpose or recipient.
    pub checked_instead_for: usize,
}

/// Counts for people and dashboards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub flows: usize,
    pub guarded: usize,
    pub purpose_mismatch: usize,
    pub unguarded: usize,
    pub recipients: Vec<String>,
    pub categories: Vec<String>,
    /// Files read and crate targets scanned (a package's lib and bin count as two).
    pub files: usize,
    pub crates: usize,
}

impl Summary {
    pub fn of_flows(flows: &[Flow], files: usize, crates: usize) -> Summary {
        let count = |status: Status| flows.iter().filter(|flow| flow.status == status).count();
        let mut recipients: Vec<String> = flows.iter().map(|flow| flow.recipient.clone()).collect();
        recipients.sort();
        recipients.dedup();
        let mut categories: Vec<String> = flows.iter().map(|flow| flow.category.clone()).collect();
        categories.sort();
        categories.dedup();
        Summary {
            flows: flows.len(),
            guarded: count(Status::Guarded),
            purpose_mismatch: count(Status::PurposeMismatch),
            unguarded: count(Status::Unguarded),
            recipients,
            categories,
            files,
            crates,
        }
    }
}

/// How a flow changed since the earlier map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// One line for people: "new category for a known recipient", "was guarded by ...".
    pub detail: String,
    /// The status it had before (`null` for a flow that appeared).
    pub before: Option<Status>,
    /// It appeared, or its status got worse: what `--fail-on-new` fails on.
    pub fails: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Appeared,
    /// Its status got worse: guarded before, or checked (for another purpose) before.
    LostGuard,
    /// Its status got better.
    Guarded,
    /// Same status, other checks.
    ChecksChanged,
    Disappeared,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Appeared => "appeared",
            ChangeKind::LostGuard => "lost_guard",
            ChangeKind::Guarded => "guarded",
            ChangeKind::ChecksChanged => "checks_changed",
            ChangeKind::Disappeared => "disappeared",
        }
    }
}

/// The counts of a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparisonSummary {
    pub appeared: usize,
    pub lost_guard: usize,
    pub guarded: usize,
    pub checks_changed: usize,
    pub disappeared: usize,
    pub unchanged: usize,
    /// Flows that appeared or lost their guard: `--fail-on-new` exits 1 when this is not 0.
    pub failing: usize,
}

/// The parent of a dotted category: `contact` for `contact.phone_number`.
pub fn category_parent(category: &str) -> Option<String> {
    category
        .rsplit_once('.')
        .map(|(parent, _)| parent.to_string())
}

/// A map document that cannot be read back (`--compare OLD.json`): exit status 2.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum MapFileError {
    #[error("cannot read the map `{path}`")]
    #[diagnostic(
        code(cargo_consent::map),
        help("write one with `cargo consent map --format json -o {path}`")
    )]
    Unreadable {
        path: String,
        source: std::io::Error,
    },
    #[error("`{path}` is not a cargo-consent map: {reason}")]
    #[diagnostic(
        code(cargo_consent::map),
        help("write one with `cargo consent map --format json -o {path}`")
    )]
    Malformed { path: String, reason: String },
    #[error("the map `{path}` has version {found}; this cargo-consent reads version {MAP_SCHEMA_VERSION}")]
    #[diagnostic(
        code(cargo_consent::map),
        help(
            "write it again with this cargo-consent: `cargo consent map --format json -o {path}`"
        )
    )]
    UnknownVersion { path: String, found: u32 },
    #[error("`{path}` is a comparison, not a map")]
    #[diagnostic(
        code(cargo_consent::map),
        help("compare with a map written without `--compare`: `cargo consent map --format json -o {path}`")
    )]
    Comparison { path: String },
}

impl DataMap {
    /// Reads a map written by `cargo consent map --format json`. `shown` names the file in
    /// errors.
    pub fn from_json(text: &str, shown: &str) -> Result<DataMap, MapFileError> {
        // The version is read first, so that a future format is named as such, not as garbage.
        #[derive(Deserialize)]
        struct VersionOnly {
            version: u32,
        }
        let malformed = |error: serde_json::Error| MapFileError::Malformed {
            path: shown.to_string(),
            reason: error.to_string(),
        };
        let version: VersionOnly = serde_json::from_str(text).map_err(malformed)?;
        if version.version != MAP_SCHEMA_VERSION {
            return Err(MapFileError::UnknownVersion {
                path: shown.to_string(),
                found: version.version,
            });
        }
        let map: DataMap = serde_json::from_str(text).map_err(malformed)?;
        if map.comparison.is_some() {
            return Err(MapFileError::Comparison {
                path: shown.to_string(),
            });
        }
        Ok(map)
    }

    /// Reads a map file (the edge of `--compare` that does IO).
    pub fn load(path: &std::path::Path) -> Result<DataMap, MapFileError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| MapFileError::Unreadable {
            path: shown.clone(),
            source,
        })?;
        DataMap::from_json(&text, &shown)
    }

    /// Whether `--fail-on-new` fails: a flow appeared or lost its guard.
    pub fn has_failing_changes(&self) -> bool {
        self.comparison
            .as_ref()
            .is_some_and(|comparison| comparison.failing > 0)
    }
}
