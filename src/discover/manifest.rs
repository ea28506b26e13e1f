//! Reading `Cargo.toml`: workspace members (globs and `exclude`) and each package's targets.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use miette::{NamedSource, SourceSpan};

use super::glob::wildcard_match;
use super::{
    is_skipped_directory, CrateRoot, DiscoverOptions, Discovered, DiscoveryError, ManifestProblem,
    TargetKind,
};

/// A manifest that cannot be read or parsed.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("cannot read manifest `{path}`: {reason}")]
#[diagnostic(code(cargo_consent::bad_manifest))]
pub struct ManifestError {
    pub path: String,
    pub reason: String,
    #[source_code]
    pub source_code: Option<NamedSource<String>>,
    #[label("here")]
    pub span: Option<SourceSpan>,
}

fn read_manifest(path: &Path) -> Result<toml::Table, Box<ManifestError>> {
    let text = std::fs::read_to_string(path).map_err(|error| {
        Box::new(ManifestError {
            path: path.display().to_string(),
            reason: error.to_string(),
            source_code: None,
            span: None,
        })
    })?;
    text.parse::<toml::Table>().map_err(|error| {
        Box::new(ManifestError {
            path: path.display().to_string(),
            reason: error.message().to_string(),
            span: error
                .span()
                .map(|span| SourceSpan::from(span.start..span.end)),
            source_code: Some(NamedSource::new(path.display().to_string(), text.clone())),
        })
    })
}

/// Adds the crates of the package or workspace whose manifest is `manifest_path`.
pub(super) fn discover_manifest(
    manifest_path: &Path,
    options: &DiscoverOptions,
    discovered: &mut Discovered,
) -> Result<(), DiscoveryError> {
    let manifest = read_manifest(manifest_path)?;
    let root = manifest_path.parent().unwrap_or(Path::new("."));
    if let Some(workspace) = manifest.get("workspace").and_then(toml::Value::as_table) {
        let excluded = excluded_members(root, workspace);
        let listed = workspace_members(manifest_path, workspace, &excluded, discovered);
        let mut members = Members::new(root, workspace, excluded, listed);
        if manifest.contains_key("package") {
            add_package(root, &manifest, options, discovered);
            members.add_dependencies_of(root, &manifest);
        }
        let mut next = 0;
        while let Some(member) = members.list.get(next).cloned() {
            next += 1;
            let member_manifest = member.join("Cargo.toml");
            if member_manifest == manifest_path {
                continue;
            }
            match read_manifest(&member_manifest) {
                Ok(member_table) => {
                    add_package(&member, &member_table, options, discovered);
                    members.add_dependencies_of(&member, &member_table);
                }
                Err(error) => discovered
                    .warnings
                    .push(format!("skipped workspace member: {error}")),
            }
        }
    } else {
        add_package(root, &manifest, options, discovered);
    }
    Ok(())
}

/// The strings of a workspace's `members` or `exclude` list.
fn member_patterns(workspace: &toml::Table, key: &str) -> Vec<String> {
    workspace
        .get(key)
        .and_then(toml::Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The directories `exclude` keeps out of the workspace.
fn excluded_members(root: &Path, workspace: &toml::Table) -> Vec<PathBuf> {
    member_patterns(workspace, "exclude")
        .iter()
        .flat_map(|pattern| expand_glob(root, pattern))
        .collect()
}

/// Member directories from `members` (with `*` and `?` globs), minus `exclude`. A pattern
/// that names no package (no `Cargo.toml` there, a glob that matches nothing) is a problem:
/// cargo refuses such a workspace, and the code meant to be there is never read.
fn workspace_members(
    manifest_path: &Path,
    workspace: &toml::Table,
    excluded: &[PathBuf],
    discovered: &mut Discovered,
) -> Vec<PathBuf> {
    let root = manifest_path.parent().unwrap_or(Path::new("."));
    let mut members: Vec<PathBuf> = Vec::new();
    for pattern in member_patterns(workspace, "members") {
        let matched = expand_glob(root, &pattern);
        let packages: Vec<PathBuf> = matched
            .iter()
            .filter(|member| member.join("Cargo.toml").is_file())
            .cloned()
            .collect();
        if packages.is_empty() && !matched.iter().any(|member| is_excluded(member, excluded)) {
            let what = if pattern.contains(['*', '?']) {
                "matches no directory with a Cargo.toml"
            } else {
                "has no Cargo.toml"
            };
            discovered.problems.push(ManifestProblem {
                manifest: manifest_path.to_path_buf(),
                needle: pattern.clone(),
                message: format!("workspace member `{pattern}` {what}; nothing there is scanned"),
            });
        }
        members.extend(
            packages
                .into_iter()
                .filter(|member| !is_excluded(member, excluded)),
        );
    }
    members.sort();
    members.dedup();
    members
}

/// The directories of a package's `path` dependencies (normal, build and dev, target-specific
/// ones too; `workspace = true` ones through `[workspace.dependencies]`).
fn path_dependencies(
    package: &Path,
    manifest: &toml::Table,
    workspace: &toml::Table,
    root: &Path,
) -> Vec<PathBuf> {
    let inherited = workspace
        .get("dependencies")
        .and_then(toml::Value::as_table);
    let sections = ["dependencies", "build-dependencies", "dev-dependencies"];
    let tables = dependency_tables(manifest, &sections);
    let mut directories = Vec::new();
    for (name, dependency) in tables.iter().flat_map(|table| table.iter()) {
        let path_of = |value: &toml::Value| {
            value
                .get("path")
                .and_then(toml::Value::as_str)
                .map(str::to_string)
        };
        if let Some(path) = path_of(dependency) {
            directories.push(lexically_joined(package, &path));
        } else if dependency.get("workspace").and_then(toml::Value::as_bool) == Some(true) {
            if let Some(path) = inherited
                .and_then(|table| table.get(name))
                .and_then(path_of)
            {
                directories.push(lexically_joined(root, &path));
            }
        }
    }
    directories
}

/// A workspace's members as they grow: the listed ones, then (as cargo makes them, listed or
/// not) the path dependencies of members inside the workspace's directory. databend lists 25
/// packages; its binaries depend on the other 100.
struct Members<'w> {
    root: &'w Path,
    workspace: &'w toml::Table,
    /// `None` when the workspace's directory cannot be resolved: it then gets no more.
    canonical_root: Option<PathBuf>,
    excluded: Vec<PathBuf>,
    /// The canonical directories of `list` and of the workspace's own package.
    known: HashSet<PathBuf>,
    list: Vec<PathBuf>,
}

impl<'w> Members<'w> {
    fn new(
        root: &'w Path,
        workspace: &'w toml::Table,
        excluded: Vec<PathBuf>,
        listed: Vec<PathBuf>,
    ) -> Members<'w> {
        let canonical_root = root.canonicalize().ok();
        let known = listed
            .iter()
            .filter_map(|member| member.canonicalize().ok())
            .chain(canonical_root.clone())
            .collect();
        Members {
            root,
            workspace,
            canonical_root,
            excluded,
            known,
            list: listed,
        }
    }

    /// Adds the path dependencies of `package` (whose manifest is `manifest`) that cargo makes
    /// members: inside the workspace's directory, with a manifest, not excluded, not a member
    /// yet.
    fn add_dependencies_of(&mut self, package: &Path, manifest: &toml::Table) {
        let Some(canonical_root) = &self.canonical_root else {
            return;
        };
        for dependency in path_dependencies(package, manifest, self.workspace, self.root) {
            let Ok(canonical) = dependency.canonicalize() else {
                continue;
            };
            if canonical.starts_with(canonical_root)
                && dependency.join("Cargo.toml").is_file()
                && !is_excluded(&dependency, &self.excluded)
                && self.known.insert(canonical)
            {
                self.list.push(dependency);
            }
        }
    }
}

/// `base/relative` with `.` and `..` taken out as written (`src/a/../b` is `src/b`).
fn lexically_joined(base: &Path, relative: &str) -> PathBuf {
    let mut joined = PathBuf::new();
    for component in base.join(relative).components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if joined.file_name().is_some() => {
                joined.pop();
            }
            other => joined.push(other),
        }
    }
    joined
}

fn is_excluded(member: &Path, excluded: &[PathBuf]) -> bool {
    excluded.iter().any(|excluded| member.starts_with(excluded))
}

/// Directories under `root` matching a member pattern such as `crates/*`.
fn expand_glob(root: &Path, pattern: &str) -> Vec<PathBuf> {
    let start = if Path::new(pattern).is_absolute() {
        PathBuf::from("/")
    } else {
        root.to_path_buf()
    };
    let mut matches = vec![start];
    for part in pattern
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
    {
        let is_pattern = part.contains(['*', '?']);
        matches = matches
            .into_iter()
            .flat_map(|directory| {
                if !is_pattern {
                    return vec![directory.join(part)];
                }
                let mut children: Vec<PathBuf> = std::fs::read_dir(&directory)
                    .into_iter()
                    .flatten()
                    .filter_map(Result::ok)
                    .filter(|entry| entry.path().is_dir())
                    .filter(|entry| {
                        let name = entry.file_name().to_string_lossy().into_owned();
                        wildcard_match(part, &name) && name != "target"
                    })
                    .map(|entry| entry.path())
                    .collect();
                children.sort();
                children
            })
            .collect();
    }
    matches
}

/// The names a package's code uses for its dependencies (and dev-dependencies, with
/// `--include-tests`), target-specific ones included.
fn dependency_names(manifest: &toml::Table, include_tests: bool) -> Vec<String> {
    let sections: &[&str] = if include_tests {
        &["dependencies", "build-dependencies", "dev-dependencies"]
    } else {
        &["dependencies", "build-dependencies"]
    };
    dependency_tables(manifest, sections)
        .iter()
        .flat_map(|table| table.keys())
        .map(|name| name.replace('-', "_"))
        .collect()
}

/// A manifest's dependency tables of these sections, target-specific ones included.
fn dependency_tables<'m>(manifest: &'m toml::Table, sections: &[&str]) -> Vec<&'m toml::Table> {
    let mut tables: Vec<&toml::Table> = Vec::new();
    for section in sections {
        tables.extend(manifest.get(*section).and_then(toml::Value::as_table));
    }
    if let Some(targets) = manifest.get("target").and_then(toml::Value::as_table) {
        for target in targets.values() {
            for section in sections {
                tables.extend(target.get(*section).and_then(toml::Value::as_table));
            }
        }
    }
    tables
}

/// `name = { package = "other-name" }` dependencies: (name, other crate name).
fn renamed_dependencies(manifest: &toml::Table) -> Vec<(String, String)> {
    ["dependencies", "dev-dependencies", "build-dependencies"]
        .iter()
        .filter_map(|section| manifest.get(*section).and_then(toml::Value::as_table))
        .flatten()
        .filter_map(|(name, spec)| {
            let package = spec.get("package")?.as_str()?;
            Some((name.replace('-', "_"), package.replace('-', "_")))
        })
        .collect()
}

/// Adds every target of one package.
fn add_package(
    root: &Path,
    manifest: &toml::Table,
    options: &DiscoverOptions,
    discovered: &mut Discovered,
) {
    let Some(package) = manifest.get("package").and_then(toml::Value::as_table) else {
        return;
    };
    let package_name = package
        .get("name")
        .and_then(toml::Value::as_str)
        .unwrap_or("crate")
        .to_string();
    discovered.package_roots.push(root.to_path_buf());
    discovered.declared_features.insert(
        package_name.replace('-', "_"),
        super::features::declared_features(manifest),
    );
    discovered
        .dependencies
        .extend(dependency_names(manifest, options.include_tests));
    let lib_table = manifest.get("lib").and_then(toml::Value::as_table);
    let crate_name = lib_table
        .and_then(|lib| lib.get("name"))
        .and_then(toml::Value::as_str)
        .unwrap_or(&package_name)
        .replace('-', "_");
    let features = options
        .features
        .as_ref()
        .map(|selection| super::features::enabled_features(&package_name, manifest, selection));
    let renamed = renamed_dependencies(manifest);
    let dependency_crates: Vec<String> = dependency_names(manifest, options.include_tests)
        .into_iter()
        .map(
            |name| match renamed.iter().find(|(alias, _)| *alias == name) {
                Some((_, real)) => real.clone(),
                None => name,
            },
        )
        .collect();
    let manifest_path = root.join("Cargo.toml");
    let crates_before = discovered.crates.len();
    let mut problems: Vec<ManifestProblem> = Vec::new();
    // `written`: the path as the manifest declares it; `None` for a place cargo looks at by
    // itself, which may well be absent (but not a FIFO or a loop).
    let mut push = |kind: TargetKind, file: PathBuf, written: Option<&str>| {
        let unreadable = super::not_a_file(&file);
        if unreadable.is_none() && !file.is_file() && written.is_none() {
            return;
        }
        if let Some(reason) =
            unreadable.or_else(|| (!file.is_file()).then(|| "does not exist".to_string()))
        {
            let shown = written.map_or_else(
                || {
                    file.strip_prefix(root)
                        .unwrap_or(&file)
                        .display()
                        .to_string()
                },
                str::to_string,
            );
            problems.push(ManifestProblem {
                manifest: manifest_path.clone(),
                needle: written.map_or_else(|| "[package]".to_string(), str::to_string),
                message: format!(
                    "{} target `{shown}` {reason}; it is not scanned",
                    target_kind_name(kind)
                ),
            });
            return;
        }
        {
            discovered.crates.push(CrateRoot {
                crate_name: crate_name.clone(),
                kind,
                root_file: file,
                module_path: Vec::new(),
                follow_modules: true,
                features: features.clone(),
                package_dir: Some(root.to_path_buf()),
                renamed_dependencies: renamed.clone(),
                dependency_crates: dependency_crates.clone(),
            });
        }
    };
    let declared_path = |table: &toml::Table| -> Option<(PathBuf, String)> {
        let written = table.get("path").and_then(toml::Value::as_str)?;
        Some((root.join(written), written.to_string()))
    };
    match lib_table.and_then(declared_path) {
        Some((file, written)) => push(TargetKind::Lib, file, Some(&written)),
        None => push(TargetKind::Lib, root.join("src/lib.rs"), None),
    }
    let auto = |key: &str| {
        package
            .get(key)
            .and_then(toml::Value::as_bool)
            .unwrap_or(true)
    };
    // A target declared without `path` (common in manifests that `cargo vendor` and
    // `cargo package` normalise, next to `autobins = false`) is where cargo infers it from
    // its name; a name whose file cannot be found there is reported at the name.
    let declared_targets = |key: &str, folder: &str| -> Vec<(PathBuf, String)> {
        manifest
            .get(key)
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(toml::Value::as_table)
            .filter_map(|table| {
                declared_path(table).or_else(|| {
                    let name = table.get("name").and_then(toml::Value::as_str)?;
                    let file = inferred_target_path(root, folder, table, &package_name)
                        .unwrap_or_else(|| root.join(folder).join(format!("{name}.rs")));
                    Some((file, name.to_string()))
                })
            })
            .collect()
    };
    let mut add_kind = |kind: TargetKind,
                        manifest_key: &str,
                        auto_key: &str,
                        folder: &str,
                        extra: Option<PathBuf>| {
        for (file, written) in declared_targets(manifest_key, folder) {
            push(kind, file, Some(&written));
        }
        if auto(auto_key) {
            if let Some(extra) = extra {
                push(kind, extra, None);
            }
            for file in folder_targets(&root.join(folder), options) {
                push(kind, file, None);
            }
        }
    };
    add_kind(
        TargetKind::Bin,
        "bin",
        "autobins",
        "src/bin",
        Some(root.join("src/main.rs")),
    );
    if options.include_tests {
        add_kind(TargetKind::Test, "test", "autotests", "tests", None);
        add_kind(TargetKind::Bench, "bench", "autobenches", "benches", None);
        add_kind(
            TargetKind::Example,
            "example",
            "autoexamples",
            "examples",
            None,
        );
    }
    if discovered.crates.len() == crates_before && problems.is_empty() {
        problems.push(ManifestProblem {
            manifest: manifest_path,
            needle: "[package]".to_string(),
            message: format!(
                "package `{package_name}` has no target to scan: no src/lib.rs, src/main.rs, \
                 src/bin/ or declared target"
            ),
        });
    }
    discovered.problems.extend(problems);
}

/// How a message names a kind of target.
fn target_kind_name(kind: TargetKind) -> &'static str {
    match kind {
        TargetKind::Lib => "library",
        TargetKind::Bin => "binary",
        TargetKind::Test => "test",
        TargetKind::Bench => "bench",
        TargetKind::Example => "example",
        TargetKind::Loose => "file",
    }
}

/// The file of a target declared by `name` alone, found as cargo finds it: `FOLDER/NAME.rs`,
/// `FOLDER/NAME/main.rs`, and for a binary named like its package, `src/main.rs`.
fn inferred_target_path(
    root: &Path,
    folder: &str,
    target: &toml::Table,
    package_name: &str,
) -> Option<PathBuf> {
    let name = target.get("name").and_then(toml::Value::as_str)?;
    let folder = root.join(folder);
    let mut candidates = vec![
        folder.join(format!("{name}.rs")),
        folder.join(name).join("main.rs"),
    ];
    if folder.ends_with("src/bin") && name == package_name {
        candidates.push(root.join("src/main.rs"));
    }
    candidates.into_iter().find(|candidate| candidate.is_file())
}

/// Cargo's auto-discovered targets in a folder: `x.rs` and `x/main.rs`.
fn folder_targets(folder: &Path, options: &DiscoverOptions) -> Vec<PathBuf> {
    let mut targets: Vec<PathBuf> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                let skipped = is_skipped_directory(&entry.file_name().to_string_lossy(), options);
                let main = path.join("main.rs");
                (!skipped && main.is_file()).then_some(main)
            } else {
                path.extension()
                    .is_some_and(|ext| ext == "rs")
                    .then_some(path)
            }
        })
        .collect();
    targets.sort();
    targets
}

#[cfg(test)]
mod tests {
    use super::wildcard_match;

    #[test]
    fn wildcards_match_like_cargo_member_globs() {
        assert!(wildcard_match("*", "anything"));
        assert!(wildcard_match("app-*", "app-core"));
        assert!(!wildcard_match("app-*", "lib-core"));
        assert!(wildcard_match("v?", "v1"));
    }
}
