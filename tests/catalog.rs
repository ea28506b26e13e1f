//! Every catalog entry is exercised by a fixture (STYLE.md, point 4): the built binary runs
//! with the hidden `--catalog-coverage` flag on each fixture crate in `test-crates/`, which
//! notes every entry of the catalogs that applied that no call matched. An entry fails the
//! test when no fixture its catalog applies to matched it, and a catalog file fails when it
//! applies to no fixture at all. The catalog files are read from `lints/catalog/`, so a new
//! file without a fixture fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod support;
use support::{consent, relative, repository_root};

/// The catalog files: name and the crates they apply to.
fn catalog_files() -> Vec<(String, Vec<String>)> {
    let folder = repository_root().join("lints/catalog");
    let mut files: Vec<(String, Vec<String>)> = std::fs::read_dir(&folder)
        .expect("lints/catalog is readable")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .map(|path| {
            let name = path
                .file_stem()
                .and_then(|stem| stem.to_str())
                .expect("catalog file names are UTF-8")
                .to_string();
            let text = std::fs::read_to_string(&path).expect("catalog files are readable");
            let table: toml::Table = text
                .parse()
                .unwrap_or_else(|error| panic!("catalog/{name}.toml does not parse: {error}"));
            let crates = table
                .get("crates")
                .and_then(toml::Value::as_array)
                .map(|crates| {
                    crates
                        .iter()
                        .filter_map(toml::Value::as_str)
                        .map(|krate| krate.replace('-', "_"))
                        .collect()
                })
                .unwrap_or_default();
            (name, crates)
        })
        .collect();
    files.sort();
    files
}

/// The fixture crates with the names their code uses for their dependencies (`-` read as
/// `_`), as the catalog's `crates` are matched against.
fn fixture_crates() -> Vec<(PathBuf, BTreeSet<String>)> {
    let mut crates: Vec<(PathBuf, BTreeSet<String>)> =
        std::fs::read_dir(repository_root().join("test-crates"))
            .expect("test-crates/ is readable")
            .filter_map(|entry| Some(entry.ok()?.path()))
            .filter(|path| path.join("Cargo.toml").is_file())
            .map(|path| {
                let dependencies = dependency_names(&path);
                (path, dependencies)
            })
            .collect();
    crates.sort();
    crates
}

fn dependency_names(crate_dir: &Path) -> BTreeSet<String> {
    let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml"))
        .expect("fixture manifests are readable");
    let table: toml::Table = manifest.parse().expect("fixture manifests parse");
    ["dependencies", "build-dependencies"]
        .iter()
        .filter_map(|section| table.get(*section).and_then(toml::Value::as_table))
        .flat_map(|section| section.keys())
        .map(|name| name.replace('-', "_"))
        .collect()
}

/// The `catalog/NAME.toml:LINE` of every catalog entry a scan of `crate_dir` left unmatched,
/// with the note that says so.
fn unmatched_entries(crate_dir: &Path) -> BTreeMap<String, String> {
    let document = consent(
        &repository_root(),
        &[
            "check",
            "--catalog-coverage",
            "--format",
            "json",
            &relative(crate_dir),
        ],
    )
    .json();
    document["notes"]
        .as_array()
        .expect("notes is an array")
        .iter()
        .filter_map(serde_json::Value::as_str)
        .filter(|note| note.contains("catalog entry"))
        .filter_map(|note| {
            let (place, _) = note.split_once(": catalog entry")?;
            Some((place.to_string(), note.to_string()))
        })
        .collect()
}

#[test]
fn every_catalog_entry_is_matched_by_a_fixture() {
    let catalogs = catalog_files();
    assert!(!catalogs.is_empty(), "no catalog files found");
    let fixtures = fixture_crates();
    let mut failures = Vec::new();
    // The fixtures each catalog applies to (`std` applies to every crate).
    let mut applying: BTreeMap<&str, Vec<&Path>> = BTreeMap::new();
    for (name, crates) in &catalogs {
        let users: Vec<&Path> = fixtures
            .iter()
            .filter(|(_, dependencies)| {
                crates
                    .iter()
                    .any(|krate| krate == "std" || dependencies.contains(krate))
            })
            .map(|(path, _)| path.as_path())
            .collect();
        if users.is_empty() {
            failures.push(format!(
                "catalog/{name}.toml: no fixture crate in test-crates/ depends on any of {crates:?}; \
                 add one that calls every entry"
            ));
        }
        applying.insert(name, users);
    }
    let mut runs: BTreeMap<&Path, BTreeMap<String, String>> = BTreeMap::new();
    for users in applying.values() {
        for fixture in users {
            if !runs.contains_key(fixture) {
                runs.insert(fixture, unmatched_entries(fixture));
            }
        }
    }
    for (name, users) in &applying {
        let prefix = format!("catalog/{name}.toml:");
        // An entry is covered when any run of a fixture its catalog applies to matched it.
        let mut uncovered: Option<BTreeMap<String, String>> = None;
        for fixture in users {
            let unmatched: BTreeMap<String, String> = runs[fixture]
                .iter()
                .filter(|(place, _)| place.starts_with(&prefix))
                .map(|(place, note)| (place.clone(), note.clone()))
                .collect();
            uncovered = Some(match uncovered {
                None => unmatched,
                Some(so_far) => so_far
                    .into_iter()
                    .filter(|(place, _)| unmatched.contains_key(place))
                    .collect(),
            });
        }
        failures.extend(uncovered.unwrap_or_default().into_values());
    }
    assert!(
        failures.is_empty(),
        "catalog entries no fixture exercises:\n{}",
        failures.join("\n")
    );
}
