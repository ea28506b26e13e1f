//! Discovery: from the paths on the command line to the crate roots to parse.
//!
//! A path inside a cargo package or workspace scans that manifest's package (or, for a workspace
//! root, every member); a directory with no `Cargo.toml` above it is walked for `.rs` files.
//! Module files are found later, while parsing, by following `mod` items from these roots.

mod features;
pub mod glob;
mod manifest;
mod walk;

pub use features::FeatureSelection;

use std::path::{Path, PathBuf};

pub use manifest::ManifestError;

/// What kind of cargo target a crate root is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TargetKind {
    Lib,
    Bin,
    Test,
    Bench,
    Example,
    /// A file from a directory walk, outside any cargo package.
    Loose,
}

/// One crate to analyse, starting from its root file.
#[derive(Debug, Clone)]
pub struct CrateRoot {
    /// The name other crates use for it (`my-app` is `my_app`).
    pub crate_name: String,
    pub kind: TargetKind,
    pub root_file: PathBuf,
    /// Module path of the root file (non-empty only for loose files).
    pub module_path: Vec<String>,
    /// Whether `mod x;` items are followed (not for loose files, which are all walked anyway).
    pub follow_modules: bool,
    /// The enabled cargo features when feature flags were given; `None`: every `cfg` branch.
    pub features: Option<std::collections::BTreeSet<String>>,
    /// The directory of the package's manifest (`None` for loose files).
    pub package_dir: Option<PathBuf>,
    /// Dependencies the package renames (`ads = { package = "ads-sdk" }`): the name the
    /// code uses, and the crate name of the package.
    pub renamed_dependencies: Vec<(String, String)>,
    /// The crate names of the packages its package depends on (a renamed one by its own
    /// name, not the code's): which other crates' public items it can reach.
    pub dependency_crates: Vec<String>,
}

/// Everything discovery found, plus what it had to skip.
#[derive(Debug, Default)]
pub struct Discovered {
    pub crates: Vec<CrateRoot>,
    /// Directories whose manifest was read: where config files and dependencies are looked up.
    pub package_roots: Vec<PathBuf>,
    /// The cargo workspace around the first path (the nearest `[workspace]` manifest above its
    /// package, else the package itself): whose `target/` holds the run cache. `None` when the
    /// first path is in no cargo package.
    pub workspace_root: Option<PathBuf>,
    /// Problems that did not stop the scan (a broken member manifest, a symlink loop).
    pub warnings: Vec<String>,
    /// What a manifest asks to scan that is not there: reported as `parse_error` findings.
    pub problems: Vec<ManifestProblem>,
    /// The features each scanned package declares, by package name (`-` as `_`).
    pub declared_features: std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
    /// The crates the scanned packages depend on, by the name the code uses (`-` as `_`,
    /// renamed dependencies by their new name): which catalog files apply.
    pub dependencies: std::collections::BTreeSet<String>,
}

/// Something a manifest names that cannot be scanned (a member without a `Cargo.toml`, a
/// target path that does not exist, a package with no target): code the scan never reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestProblem {
    pub manifest: PathBuf,
    /// Text of the manifest the problem is about (a member pattern, a path): the finding
    /// points at its first occurrence.
    pub needle: String,
    pub message: String,
}

/// Discovery that cannot go on: the tool cannot do its job (exit status 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum DiscoveryError {
    #[error("cannot read `{path}`: {reason}")]
    #[diagnostic(code(cargo_consent::unreadable_path))]
    UnreadablePath { path: String, reason: String },
    #[error(transparent)]
    #[diagnostic(transparent)]
    Manifest(#[from] Box<ManifestError>),
}

/// Options that change what is scanned.
#[derive(Debug, Clone, Default)]
pub struct DiscoverOptions {
    /// Also scan `tests/`, `benches/` and `examples/`.
    pub include_tests: bool,
    /// Feature flags; `None`: every `cfg(feature)` branch is analysed.
    pub features: Option<FeatureSelection>,
}

/// Finds the crates to scan for each of `paths`.
pub fn discover(
    paths: &[PathBuf],
    options: &DiscoverOptions,
) -> Result<Discovered, DiscoveryError> {
    let mut discovered = Discovered::default();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|error| DiscoveryError::UnreadablePath {
            path: path.display().to_string(),
            reason: error.to_string(),
        })?;
        if !metadata.is_file() && !metadata.is_dir() {
            return Err(DiscoveryError::UnreadablePath {
                path: path.display().to_string(),
                reason: format!(
                    "{}, not a directory, a Cargo.toml or a .rs file",
                    file_kind(&metadata)
                ),
            });
        }
        if metadata.is_file() {
            if path.extension().is_some_and(|extension| extension == "rs") {
                discovered
                    .crates
                    .push(loose_root(path, path.parent().unwrap_or(Path::new("."))));
                continue;
            }
            if path.file_name().is_some_and(|name| name == "Cargo.toml") {
                note_workspace_root(path, &mut discovered);
                manifest::discover_manifest(path, options, &mut discovered)?;
                continue;
            }
            return Err(DiscoveryError::UnreadablePath {
                path: path.display().to_string(),
                reason: "not a directory, a Cargo.toml or a .rs file".to_string(),
            });
        }
        match find_manifest(path) {
            Some(manifest_path) => {
                note_workspace_root(&manifest_path, &mut discovered);
                manifest::discover_manifest(&manifest_path, options, &mut discovered)?
            }
            None => walk::discover_directory(path, options, &mut discovered),
        }
    }
    if let Some(selection) = &options.features {
        let unknown = features::unknown_features(selection, &discovered.declared_features);
        discovered.warnings.extend(unknown);
    }
    discovered
        .crates
        .sort_by(|a, b| (&a.root_file, a.kind).cmp(&(&b.root_file, b.kind)));
    discovered
        .crates
        .dedup_by(|a, b| a.root_file == b.root_file && a.kind == b.kind);
    discovered.package_roots.sort();
    discovered.package_roots.dedup();
    Ok(discovered)
}

/// What a path that is not a regular file is, for messages: "a directory", "a FIFO", ...
pub fn file_kind(metadata: &std::fs::Metadata) -> &'static str {
    let file_type = metadata.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else if file_type.is_file() {
        "a file"
    } else {
        "not a regular file"
    }
}

/// Why `path` cannot be read as a source file although something is there: it is a FIFO, a
/// directory, a device, or a symbolic link that leads nowhere (a loop, a dangling link).
/// `None` when nothing is there, or a regular file is.
pub fn not_a_file(path: &Path) -> Option<String> {
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_file() => None,
        Ok(metadata) => Some(format!("is {}, not a file", file_kind(&metadata))),
        Err(error) if std::fs::symlink_metadata(path).is_ok() => Some(format!(
            "is a symbolic link that leads to no file ({error})"
        )),
        Err(_) => None,
    }
}

/// Sets [`Discovered::workspace_root`] from the first manifest discovery reads: the nearest
/// directory at or above it whose `Cargo.toml` has a `[workspace]` table, as cargo finds the
/// workspace whose `target/` a package builds into.
fn note_workspace_root(manifest_path: &Path, discovered: &mut Discovered) {
    if discovered.workspace_root.is_some() {
        return;
    }
    let package_dir = manifest_path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let package_dir = package_dir
        .canonicalize()
        .unwrap_or_else(|_| package_dir.to_path_buf());
    let has_workspace = |directory: &Path| {
        std::fs::read_to_string(directory.join("Cargo.toml"))
            .ok()
            .and_then(|text| text.parse::<toml::Table>().ok())
            .is_some_and(|table| table.contains_key("workspace"))
    };
    let root = package_dir
        .ancestors()
        .find(|directory| has_workspace(directory))
        .unwrap_or(&package_dir);
    discovered.workspace_root = Some(root.to_path_buf());
}

/// The nearest `Cargo.toml` in `directory` or above it.
fn find_manifest(directory: &Path) -> Option<PathBuf> {
    let start = directory.canonicalize().ok()?;
    start
        .ancestors()
        .map(|ancestor| ancestor.join("Cargo.toml"))
        .find(|candidate| candidate.is_file())
}

/// A crate root for one loose `.rs` file, its module path taken from its place under `base`.
fn loose_root(file: &Path, base: &Path) -> CrateRoot {
    let relative = file.strip_prefix(base).unwrap_or(file);
    let mut module_path: Vec<String> = relative
        .with_extension("")
        .iter()
        .map(|part| part.to_string_lossy().into_owned())
        .collect();
    if matches!(
        module_path.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        module_path.pop();
    }
    let crate_name = base
        .canonicalize()
        .ok()
        .and_then(|base| {
            base.file_name()
                .map(|name| name.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "crate".to_string())
        .replace('-', "_");
    CrateRoot {
        crate_name,
        kind: TargetKind::Loose,
        root_file: file.to_path_buf(),
        module_path,
        follow_modules: false,
        features: None,
        package_dir: None,
        renamed_dependencies: Vec::new(),
        dependency_crates: Vec::new(),
    }
}

/// Directories that never hold scanned source, and test-only ones unless asked for.
fn is_skipped_directory(name: &str, options: &DiscoverOptions) -> bool {
    let test_only = matches!(name, "tests" | "benches" | "examples");
    matches!(name, "target" | "node_modules")
        || name.starts_with('.')
        || (test_only && !options.include_tests)
}
