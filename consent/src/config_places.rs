//! Where a package's consent config lives (SPEC §6), one rule for the `consent` crate and the
//! scanner (which includes this file with `#[path]`), so both read the same files.
//!
//! From the package's directory upwards: a `consent.toml` in each directory, the package's own
//! `[package.metadata.consent]`, and the `[workspace.metadata.consent]` of the workspace root,
//! which is the first directory whose `Cargo.toml` has a `[workspace]` table (the search stops
//! there; without one it goes up to the filesystem root).

use std::path::{Path, PathBuf};

/// One place a config may be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigPlace {
    /// A `consent.toml` file.
    File(PathBuf),
    /// The `[package.metadata.consent]` or `[workspace.metadata.consent]` table of a manifest.
    Metadata {
        manifest: PathBuf,
        section: &'static str,
    },
}

/// The places, nearest first. `manifest_of` reads a `Cargo.toml` (`None` when absent or
/// unparsable); `exists` tells whether a `consent.toml` is there.
pub fn config_places(
    package_dir: &Path,
    mut manifest_of: impl FnMut(&Path) -> Option<toml::Table>,
    mut exists: impl FnMut(&Path) -> bool,
) -> Vec<ConfigPlace> {
    let mut places = Vec::new();
    for dir in package_dir.ancestors() {
        let consent_toml = dir.join("consent.toml");
        if exists(&consent_toml) {
            places.push(ConfigPlace::File(consent_toml));
        }
        let cargo_toml = dir.join("Cargo.toml");
        let Some(manifest) = manifest_of(&cargo_toml) else {
            continue;
        };
        if dir == package_dir && metadata(&manifest, "package").is_some() {
            places.push(ConfigPlace::Metadata {
                manifest: cargo_toml.clone(),
                section: "package",
            });
        }
        if manifest.contains_key("workspace") {
            if metadata(&manifest, "workspace").is_some() {
                places.push(ConfigPlace::Metadata {
                    manifest: cargo_toml,
                    section: "workspace",
                });
            }
            break;
        }
    }
    places
}

/// `[package.metadata.consent]` or `[workspace.metadata.consent]` of a manifest.
pub fn metadata<'a>(manifest: &'a toml::Table, section: &str) -> Option<&'a toml::Table> {
    manifest
        .get(section)?
        .get("metadata")?
        .get("consent")?
        .as_table()
}
