//! Config: `consent.toml`, `[package.metadata.consent]`, `[workspace.metadata.consent]` and
//! `--config FILE` (SPEC §6), and the catalog of popular crates ([`catalog`]), which uses the
//! same format.
//!
//! Loading reads and validates every file, so a broken config stops the run (exit status 2)
//! with a diagnostic that points into the TOML. What the entries mean is decided later: paths
//! into the scanned code become annotations of the items they name, paths into dependencies
//! are matched against calls ([`crate::resolve::configured`]).

pub mod catalog;

#[path = "../../consent/src/config_places.rs"]
mod places;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{NamedSource, SourceSpan};
use serde::Deserialize;
use toml::Spanned;

use crate::finding::Level;
use crate::names::{Name, NamePath};
use crate::taxonomy;
pub use places::ConfigPlace;

/// A config that cannot be used: the run stops with exit status 2.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("invalid config `{path}`: {message}")]
#[diagnostic(code(cargo_consent::bad_config))]
pub struct ConfigError {
    pub path: String,
    pub message: String,
    #[source_code]
    pub source_code: Option<NamedSource<String>>,
    #[label("here")]
    pub span: Option<SourceSpan>,
    #[help]
    pub help: Option<String>,
}

/// Where an entry was written, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The config file, or the catalog entry's name (`catalog/segment.toml`).
    pub file: String,
    pub line: u32,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{}:{}", self.file, self.line)
    }
}

/// Whether `true` (or `Ok`/`Some`) means "allowed" or "opted out".
pub use crate::facts::Polarity;

/// What one entry says about the item or call its path names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryKind {
    /// `[[source]]`: its result (or the field's value) is personal data.
    Source {
        categories: Vec<String>,
    },
    /// `[[sink]]` with a `path`: data passed to it leaves to `recipient` for `purpose`.
    Sink {
        recipient: String,
        purpose: String,
        /// Positions (0 is the receiver of a method) or parameter names that count.
        args: Option<Vec<String>>,
    },
    /// `[[check]]`.
    Check {
        purpose: Option<String>,
        recipient: Option<String>,
        polarity: Polarity,
        /// Only calls whose first argument is this string literal (`"DO_NOT_TRACK"`).
        arg: Option<String>,
        /// `required = true`: every share for the purpose must pass this check (or another
        /// required one); the purpose's other checks alone do not guard it.
        required: bool,
    },
    Token {
        purpose: String,
    },
    Requires {
        purpose: String,
    },
    Declassify,
    Allow {
        lint: String,
    },
    /// Catalog: what a library fn returns, for method calls on its result.
    Returns {
        type_path: NamePath,
    },
    /// Catalog: a call that sends an HTTP request; what goes into it goes to its URL.
    HttpSend,
}

/// One `[[...]]` entry with a path.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its index in [`Config::entries`].
    pub id: usize,
    pub kind: EntryKind,
    pub path: NamePath,
    /// The package a `crate::` path belongs to (`None`: every scanned package).
    pub package: Option<String>,
    pub origin: Origin,
}

/// `[[sink]]` with a `url`: any request to a URL starting with it is a sink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlSink {
    pub url: String,
    pub recipient: String,
    pub purpose: String,
    pub origin: Origin,
}

/// Everything the config and the catalog say, merged.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The lints `[lints]` and `[[allow]]` may name (the lints stage's registry, handed in by
    /// the driver: config comes before the lints in the pipeline).
    pub known_lints: Vec<&'static str>,
    pub categories: Vec<String>,
    pub purposes: Vec<String>,
    /// Lint levels from `[lints]` (the command line overrides them).
    pub lint_levels: Vec<(String, Level)>,
    /// `[scan] exclude`: glob patterns, each with the directory it is relative to.
    pub exclude: Vec<(PathBuf, String)>,
    pub include_tests: Option<bool>,
    pub entries: Vec<Arc<Entry>>,
    pub url_sinks: Vec<Arc<UrlSink>>,
}

/// The file layout of a config (and of a catalog file).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConfig {
    #[serde(default)]
    categories: Vec<Spanned<String>>,
    #[serde(default)]
    purposes: Vec<Spanned<String>>,
    #[serde(default)]
    lints: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    scan: Option<RawScan>,
    #[serde(default)]
    source: Vec<Spanned<RawSource>>,
    #[serde(default)]
    sink: Vec<Spanned<RawSink>>,
    #[serde(default)]
    check: Vec<Spanned<RawCheck>>,
    #[serde(default)]
    allow: Vec<Spanned<RawAllow>>,
    #[serde(default)]
    token: Vec<Spanned<RawPurposeEntry>>,
    #[serde(default)]
    requires: Vec<Spanned<RawPurposeEntry>>,
    #[serde(default)]
    declassify: Vec<Spanned<RawDeclassify>>,
    /// Catalog files: the crates they describe (they apply when the code depends on one).
    #[serde(default)]
    pub(crate) crates: Vec<String>,
    /// Catalog files: what library fns return.
    #[serde(default)]
    returns: Vec<Spanned<RawReturns>>,
    /// Catalog files: calls that send an HTTP request.
    #[serde(default)]
    http_send: Vec<Spanned<RawPathOnly>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScan {
    #[serde(default)]
    exclude: Vec<String>,
    include_tests: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "expected a category name or a list of category names"
)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    path: String,
    category: OneOrMany,
}

#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "expected an argument position (0 is the receiver of a method) or a parameter name"
)]
enum ArgRef {
    Position(u32),
    Name(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSink {
    path: Option<String>,
    url: Option<String>,
    with: String,
    purpose: Spanned<String>,
    args: Option<Vec<ArgRef>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    path: String,
    purpose: Option<Spanned<String>>,
    with: Option<String>,
    polarity: Option<Spanned<String>>,
    arg: Option<String>,
    required: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllow {
    path: String,
    lint: Spanned<String>,
    reason: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPurposeEntry {
    path: String,
    purpose: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeclassify {
    path: String,
    reason: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReturns {
    path: String,
    #[serde(rename = "type")]
    type_path: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPathOnly {
    path: String,
}

/// Cargo.toml with the parts that can hold a config.
#[derive(Debug, Default, Deserialize)]
struct RawManifest {
    package: Option<RawMetadataHolder>,
    workspace: Option<RawMetadataHolder>,
}

#[derive(Debug, Default, Deserialize)]
struct RawMetadataHolder {
    metadata: Option<RawMetadata>,
}

#[derive(Debug, Default, Deserialize)]
struct RawMetadata {
    consent: Option<RawConfig>,
}

/// One config text, parsed, with what is needed to point into it.
pub(crate) struct ParsedConfig {
    pub(crate) raw: RawConfig,
    text: String,
    shown: String,
    /// The package `crate::` means in it.
    package: Option<String>,
    /// The directory `[scan] exclude` patterns are relative to.
    base: PathBuf,
}

impl ParsedConfig {
    pub(crate) fn parse(
        text: String,
        shown: String,
        package: Option<String>,
        base: PathBuf,
    ) -> Result<ParsedConfig, Box<ConfigError>> {
        let raw: RawConfig =
            toml::from_str(&text).map_err(|error| toml_error(&shown, &text, &error))?;
        Ok(ParsedConfig {
            raw,
            text,
            shown,
            package,
            base,
        })
    }

    fn line_of(&self, offset: usize) -> u32 {
        self.text[..offset.min(self.text.len())]
            .matches('\n')
            .count() as u32
            + 1
    }

    fn origin(&self, span: &std::ops::Range<usize>) -> Origin {
        Origin {
            file: self.shown.clone(),
            line: self.line_of(span.start),
        }
    }

    /// Where `value` is written as a string inside `span`, else `span` itself. A value read
    /// through an untagged enum (one category or a list) keeps no span of its own.
    fn quoted_within(&self, span: std::ops::Range<usize>, value: &str) -> std::ops::Range<usize> {
        let Some(written) = self.text.get(span.clone()) else {
            return span;
        };
        ['"', '\'']
            .iter()
            .find_map(|quote| written.find(&format!("{quote}{value}{quote}")))
            .map_or(span.clone(), |offset| {
                let start = span.start + offset;
                start..start + value.len() + 2
            })
    }

    fn error(
        &self,
        span: std::ops::Range<usize>,
        message: String,
        help: Option<String>,
    ) -> Box<ConfigError> {
        Box::new(ConfigError {
            path: self.shown.clone(),
            message,
            source_code: Some(NamedSource::new(self.shown.clone(), self.text.clone())),
            span: Some(SourceSpan::from(span)),
            help,
        })
    }
}

fn toml_error(shown: &str, text: &str, error: &toml::de::Error) -> Box<ConfigError> {
    Box::new(ConfigError {
        path: shown.to_string(),
        message: error.message().trim_end().to_string(),
        source_code: Some(NamedSource::new(shown, text.to_string())),
        span: error.span().map(SourceSpan::from),
        help: None,
    })
}

/// The package (crate name) and directory of each scanned package, for finding configs.
#[derive(Debug, Clone)]
pub struct PackagePlace {
    pub crate_name: String,
    pub dir: PathBuf,
}

/// Reads the configs of `packages` and `--config` (`explicit`), validated and merged.
pub fn load(
    packages: &[PackagePlace],
    explicit: Option<&Path>,
    working_directory: &Path,
    known_lints: Vec<&'static str>,
) -> Result<Config, Box<ConfigError>> {
    let shown = |path: &Path| {
        path.strip_prefix(working_directory)
            .unwrap_or(path)
            .display()
            .to_string()
    };
    let mut parsed: Vec<ParsedConfig> = Vec::new();
    // One place may serve several packages (a workspace's consent.toml): read it once.
    let mut seen: Vec<ConfigPlace> = Vec::new();
    // `--config ./consent.toml` may name a file discovery finds too: it is read once, where
    // discovery found it, and counts first as `--config` does.
    let explicit_file = explicit.and_then(|path| std::fs::canonicalize(path).ok());
    let mut explicit_found_at: Option<usize> = None;
    // Every package of a workspace looks up to its root's manifest: each is parsed once.
    let mut manifests: HashMap<PathBuf, Option<(toml::Table, String)>> = HashMap::new();
    for package in packages {
        let places = places::config_places(
            &package.dir,
            |path| {
                let manifest = manifests.entry(path.to_path_buf()).or_insert_with(|| {
                    let text = std::fs::read_to_string(path).ok()?;
                    let table = text.parse::<toml::Table>().ok()?;
                    Some((table, text))
                });
                manifest.as_ref().map(|(table, _)| table.clone())
            },
            Path::is_file,
        );
        for place in places {
            if seen.contains(&place) {
                continue;
            }
            seen.push(place.clone());
            match &place {
                ConfigPlace::File(path) => {
                    let text = std::fs::read_to_string(path).map_err(|error| {
                        Box::new(ConfigError {
                            path: shown(path),
                            message: error.to_string(),
                            source_code: None,
                            span: None,
                            help: None,
                        })
                    })?;
                    // A consent.toml in the package's own directory speaks for it; one
                    // further up (the workspace's) for every package.
                    let owner =
                        (path.parent() == Some(&package.dir)).then(|| package.crate_name.clone());
                    let base = path.parent().unwrap_or(Path::new(".")).to_path_buf();
                    if explicit_file.is_some() && std::fs::canonicalize(path).ok() == explicit_file
                    {
                        explicit_found_at = Some(parsed.len());
                    }
                    parsed.push(ParsedConfig::parse(text, shown(path), owner, base)?);
                }
                ConfigPlace::Metadata { manifest, section } => {
                    let Some(Some((_, text))) = manifests.get(manifest) else {
                        continue;
                    };
                    let raw: RawManifest = toml::from_str(text)
                        .map_err(|error| toml_error(&shown(manifest), text, &error))?;
                    let holder = if *section == "package" {
                        raw.package
                    } else {
                        raw.workspace
                    };
                    let Some(config) = holder.and_then(|h| h.metadata).and_then(|m| m.consent)
                    else {
                        continue;
                    };
                    let owner = (*section == "package").then(|| package.crate_name.clone());
                    let base = manifest.parent().unwrap_or(Path::new(".")).to_path_buf();
                    parsed.push(ParsedConfig {
                        raw: config,
                        text: text.clone(),
                        shown: shown(manifest),
                        package: owner,
                        base,
                    });
                }
            }
        }
    }
    if let Some(index) = explicit_found_at {
        let found = parsed.remove(index);
        parsed.insert(0, found);
    } else if let Some(path) = explicit {
        let text = std::fs::read_to_string(path).map_err(|error| {
            Box::new(ConfigError {
                path: shown(path),
                message: format!("cannot read it: {error}"),
                source_code: None,
                span: None,
                help: None,
            })
        })?;
        let base = working_directory.to_path_buf();
        // First: for a lint's level the first config that sets it wins, and a config named
        // on the command line speaks louder than the ones found beside the packages.
        parsed.insert(0, ParsedConfig::parse(text, shown(path), None, base)?);
    }
    let mut config = Config {
        known_lints,
        ..Config::default()
    };
    // Categories and purposes first: the entries are checked against them.
    for file in &parsed {
        config
            .categories
            .extend(file.raw.categories.iter().map(|c| c.get_ref().clone()));
        config
            .purposes
            .extend(file.raw.purposes.iter().map(|p| p.get_ref().clone()));
    }
    config.categories.sort();
    config.categories.dedup();
    config.purposes.sort();
    config.purposes.dedup();
    for file in &parsed {
        config.add(file)?;
    }
    Ok(config)
}

/// A `a::b::C` path as names; `None` when it is not one.
fn parse_path(path: &str) -> Option<NamePath> {
    let segments: Vec<&str> = path.split("::").collect();
    let valid = segments.iter().all(|segment| {
        !segment.is_empty() && segment.chars().all(|ch| ch.is_alphanumeric() || ch == '_')
    });
    (valid && !segments.is_empty()).then(|| segments.into_iter().map(Name::new).collect())
}

impl Config {
    /// The registered lint a config names, written with `-` or `_`.
    fn known_lint(&self, name: &str) -> Option<&'static str> {
        let name = name.replace('-', "_");
        self.known_lints
            .iter()
            .copied()
            .find(|known| *known == name)
    }

    /// Adds one parsed file's entries, validated.
    pub(crate) fn add(&mut self, file: &ParsedConfig) -> Result<(), Box<ConfigError>> {
        let raw = &file.raw;
        for category in &raw.categories {
            self.check_not_builtin_category(file, category)?;
        }
        for (lint, level) in &raw.lints {
            let Some(known) = self.known_lint(lint) else {
                return Err(file.error(
                    level.span(),
                    format!("unknown lint `{lint}` in [lints]"),
                    crate::taxonomy::closest_name(lint, self.known_lints.iter().copied())
                        .map(|name| format!("did you mean `{name}`?")),
                ));
            };
            let parsed_level = match level.get_ref().as_str() {
                "deny" => Level::Deny,
                "warn" => Level::Warn,
                "allow" => Level::Allow,
                other => {
                    return Err(file.error(
                        level.span(),
                        format!("`{other}` is not a lint level"),
                        Some("use \"deny\", \"warn\" or \"allow\"".to_string()),
                    ))
                }
            };
            self.lint_levels.push((known.to_string(), parsed_level));
        }
        if let Some(scan) = &raw.scan {
            for pattern in &scan.exclude {
                self.exclude.push((file.base.clone(), pattern.clone()));
            }
            if scan.include_tests.is_some() {
                self.include_tests = scan.include_tests;
            }
        }
        for entry in &raw.source {
            let categories = match &entry.get_ref().category {
                OneOrMany::One(category) => vec![category.clone()],
                OneOrMany::Many(categories) => categories.clone(),
            };
            let mut resolved = Vec::new();
            for category in categories {
                match taxonomy::resolve_category(&category, &self.categories) {
                    Ok(category) => resolved.push(category),
                    Err(_) => {
                        return Err(file.error(
                            file.quoted_within(entry.span(), &category),
                            format!("unknown category `{category}`"),
                            taxonomy::closest_name(
                                &category,
                                taxonomy::BUILTIN_CATEGORIES
                                    .iter()
                                    .copied()
                                    .chain(self.categories.iter().map(String::as_str)),
                            )
                            .map(|name| {
                                format!("did you mean `{name}`? (or add it to `categories`)")
                            }),
                        ))
                    }
                }
            }
            self.push_entry(
                file,
                &entry.get_ref().path,
                entry.span(),
                EntryKind::Source {
                    categories: resolved,
                },
            )?;
        }
        for entry in &raw.sink {
            let sink = entry.get_ref();
            let purpose = self.purpose(file, &sink.purpose)?;
            match (&sink.path, &sink.url) {
                (Some(path), None) => {
                    let args = sink.args.as_ref().map(|args| {
                        args.iter()
                            .map(|arg| match arg {
                                ArgRef::Position(position) => position.to_string(),
                                ArgRef::Name(name) => name.clone(),
                            })
                            .collect()
                    });
                    self.push_entry(
                        file,
                        path,
                        entry.span(),
                        EntryKind::Sink {
                            recipient: sink.with.clone(),
                            purpose,
                            args,
                        },
                    )?;
                }
                (None, Some(url)) => {
                    if !url.contains("://") {
                        return Err(file.error(
                            entry.span(),
                            format!("`{url}` is not a URL"),
                            Some(
                                "write the scheme and host: \"https://telemetry.example.com/\""
                                    .to_string(),
                            ),
                        ));
                    }
                    self.url_sinks.push(Arc::new(UrlSink {
                        url: url.clone(),
                        recipient: sink.with.clone(),
                        purpose,
                        origin: file.origin(&entry.span()),
                    }));
                }
                _ => {
                    return Err(file.error(
                        entry.span(),
                        "a [[sink]] has either a `path` or a `url`".to_string(),
                        None,
                    ))
                }
            }
        }
        for entry in &raw.check {
            let check = entry.get_ref();
            let purpose = match &check.purpose {
                Some(purpose) => Some(self.purpose(file, purpose)?),
                None => None,
            };
            if check.required == Some(true) && purpose.is_none() {
                return Err(file.error(
                    entry.span(),
                    "a `required` [[check]] needs a `purpose`".to_string(),
                    Some("required means: every share for this purpose must pass it".to_string()),
                ));
            }
            let polarity = match check
                .polarity
                .as_ref()
                .map(|p| (p.get_ref().as_str(), p.span()))
            {
                None | Some(("allow", _)) => Polarity::Allow,
                Some(("opt_out", _)) => Polarity::OptOut,
                Some((other, span)) => return Err(file.error(
                    span,
                    format!("`{other}` is not a polarity"),
                    Some(
                        "use \"allow\" (true means allowed) or \"opt_out\" (true means opted out)"
                            .to_string(),
                    ),
                )),
            };
            self.push_entry(
                file,
                &check.path,
                entry.span(),
                EntryKind::Check {
                    purpose,
                    recipient: check.with.clone(),
                    polarity,
                    arg: check.arg.clone(),
                    required: check.required.unwrap_or(false),
                },
            )?;
        }
        for entry in &raw.allow {
            let allow = entry.get_ref();
            let Some(lint) = self.known_lint(allow.lint.get_ref()) else {
                return Err(file.error(
                    allow.lint.span(),
                    format!("unknown lint `{}`", allow.lint.get_ref()),
                    None,
                ));
            };
            if allow.reason.get_ref().trim().is_empty() {
                return Err(file.error(
                    allow.reason.span(),
                    "an [[allow]] needs a reason".to_string(),
                    Some("say why the finding is acceptable, for the next reader".to_string()),
                ));
            }
            self.push_entry(
                file,
                &allow.path,
                entry.span(),
                EntryKind::Allow {
                    lint: lint.to_string(),
                },
            )?;
        }
        for entry in &raw.token {
            let purpose = self.purpose(file, &entry.get_ref().purpose)?;
            self.push_entry(
                file,
                &entry.get_ref().path,
                entry.span(),
                EntryKind::Token { purpose },
            )?;
        }
        for entry in &raw.requires {
            let purpose = self.purpose(file, &entry.get_ref().purpose)?;
            self.push_entry(
                file,
                &entry.get_ref().path,
                entry.span(),
                EntryKind::Requires { purpose },
            )?;
        }
        for entry in &raw.declassify {
            if entry.get_ref().reason.get_ref().trim().is_empty() {
                return Err(file.error(
                    entry.get_ref().reason.span(),
                    "a [[declassify]] needs a reason".to_string(),
                    None,
                ));
            }
            self.push_entry(
                file,
                &entry.get_ref().path,
                entry.span(),
                EntryKind::Declassify,
            )?;
        }
        for entry in &raw.returns {
            let Some(type_path) = parse_path(&entry.get_ref().type_path) else {
                return Err(file.error(entry.span(), "`type` is not a path".to_string(), None));
            };
            self.push_entry(
                file,
                &entry.get_ref().path,
                entry.span(),
                EntryKind::Returns { type_path },
            )?;
        }
        for entry in &raw.http_send {
            self.push_entry(
                file,
                &entry.get_ref().path,
                entry.span(),
                EntryKind::HttpSend,
            )?;
        }
        Ok(())
    }

    fn check_not_builtin_category(
        &self,
        file: &ParsedConfig,
        category: &Spanned<String>,
    ) -> Result<(), Box<ConfigError>> {
        let name = category.get_ref();
        let valid = !name.is_empty()
            && name.split('.').all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            });
        if !valid {
            return Err(file.error(
                category.span(),
                format!("`{name}` is not a category name"),
                Some(
                    "categories are dotted snake_case names, like `contact.whatsapp_id`"
                        .to_string(),
                ),
            ));
        }
        Ok(())
    }

    fn purpose(
        &self,
        file: &ParsedConfig,
        purpose: &Spanned<String>,
    ) -> Result<String, Box<ConfigError>> {
        let name = purpose.get_ref();
        if taxonomy::is_known_purpose(name, &self.purposes) {
            return Ok(name.clone());
        }
        Err(file.error(
            purpose.span(),
            format!("unknown purpose `{name}`"),
            Some(
                match taxonomy::closest_name(
                    name,
                    taxonomy::BUILTIN_PURPOSES
                        .iter()
                        .copied()
                        .chain(self.purposes.iter().map(String::as_str)),
                ) {
                    Some(close) => format!("did you mean `{close}`? (or add it to `purposes`)"),
                    None => "use a built-in purpose, or add it to `purposes`".to_string(),
                },
            ),
        ))
    }

    fn push_entry(
        &mut self,
        file: &ParsedConfig,
        path: &str,
        span: std::ops::Range<usize>,
        kind: EntryKind,
    ) -> Result<(), Box<ConfigError>> {
        let Some(parsed) = parse_path(path) else {
            return Err(file.error(
                span,
                format!("`{path}` is not a path"),
                Some(
                    "write it like `crate::module::Type::method` or `some_crate::function`"
                        .to_string(),
                ),
            ));
        };
        self.entries.push(Arc::new(Entry {
            id: self.entries.len(),
            kind,
            path: parsed,
            package: file.package.clone(),
            origin: file.origin(&span),
        }));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Box<ConfigError>> {
        let file = ParsedConfig::parse(
            text.to_string(),
            "consent.toml".to_string(),
            Some("app".to_string()),
            PathBuf::from("."),
        )?;
        let mut config = Config {
            purposes: file
                .raw
                .purposes
                .iter()
                .map(|p| p.get_ref().clone())
                .collect(),
            categories: file
                .raw
                .categories
                .iter()
                .map(|c| c.get_ref().clone())
                .collect(),
            known_lints: crate::lints::ALL.iter().map(|lint| lint.name).collect(),
            ..Config::default()
        };
        config.add(&file)?;
        Ok(config)
    }

    #[test]
    fn every_table_of_the_spec_reads() {
        let config = parse(
            r#"
            categories = ["contact.whatsapp_id"]
            purposes = ["metrics"]

            [lints]
            possible_personal_data = "warn"

            [scan]
            exclude = ["src/generated/**"]
            include_tests = false

            [[source]]
            path = "machine_uid::get"
            category = "device.id"

            [[source]]
            path = "crate::Profile::whatsapp"
            category = ["whatsapp_id", "contact.email"]

            [[sink]]
            path = "segment::HttpClient::send"
            with = "segment"
            purpose = "analytics"
            args = [1]

            [[sink]]
            url = "https://telemetry.example.com/"
            with = "example"
            purpose = "metrics"

            [[check]]
            path = "Opt::no_analytics"
            purpose = "analytics"
            polarity = "opt_out"

            [[check]]
            path = "std::env::var"
            arg = "DO_NOT_TRACK"
            polarity = "opt_out"

            [[allow]]
            path = "crate::debug::dump_profile"
            lint = "unguarded_share"
            reason = "local file, never uploaded"

            [[token]]
            path = "crate::analytics::Tracker"
            purpose = "analytics"

            [[requires]]
            path = "crate::analytics::send"
            purpose = "analytics"

            [[declassify]]
            path = "crate::stats::bucket"
            reason = "k-anonymous"
            "#,
        )
        .expect("the spec's example is valid");
        assert_eq!(config.entries.len(), 9);
        assert_eq!(config.url_sinks.len(), 1);
        assert_eq!(
            config.lint_levels,
            [("possible_personal_data".to_string(), Level::Warn)]
        );
        assert_eq!(config.exclude.len(), 1);
        let check = config
            .entries
            .iter()
            .find(|entry| matches!(&entry.kind, EntryKind::Check { arg: Some(_), .. }))
            .expect("the env var check");
        assert_eq!(check.origin.line, 36, "the line of its `[[check]]`");
    }

    #[test]
    fn unknown_keys_point_at_the_key() {
        let error = parse(
            "[[sink]]\npath = \"a::b\"\nwith = \"x\"\npurpose = \"ads\"\nrecipient = \"y\"\n",
        )
        .expect_err("an unknown key is an error");
        assert!(
            error.message.contains("unknown field `recipient`"),
            "{}",
            error.message
        );
        assert!(error.span.is_some());
    }

    #[test]
    fn unknown_purposes_and_categories_are_errors_with_suggestions() {
        let error = parse("[[sink]]\npath = \"a::b\"\nwith = \"x\"\npurpose = \"analytic\"\n")
            .expect_err("unknown purpose");
        assert_eq!(error.message, "unknown purpose `analytic`");
        assert!(error.help.unwrap_or_default().contains("`analytics`"));
        let error = parse("[[source]]\npath = \"a::b\"\ncategory = \"device.idd\"\n")
            .expect_err("unknown category");
        assert!(error.message.contains("unknown category"));
    }

    #[test]
    fn bad_values_are_located_errors() {
        for text in [
            "[lints]\nunguarded_share = \"loud\"\n",
            "[lints]\nno_such_lint = \"deny\"\n",
            "[[check]]\npath = \"a::b\"\npolarity = \"sideways\"\n",
            "[[sink]]\nwith = \"x\"\npurpose = \"ads\"\n",
            "[[sink]]\npath = \"not a path\"\nwith = \"x\"\npurpose = \"ads\"\n",
            "[[allow]]\npath = \"crate::x\"\nlint = \"unguarded_share\"\nreason = \" \"\n",
            "categories = [\"Bad Name\"]\n",
            "purposes = 3\n",
        ] {
            let error = parse(text).expect_err(text);
            assert!(error.span.is_some(), "{text}: {}", error.message);
        }
    }
}
