//! The catalog: config entries for popular crates (analytics SDKs, HTTP clients, identifier
//! producers, opt-out conventions), in `lints/catalog/*.toml` and embedded in the binary. A file
//! applies when the scanned code depends on one of its `crates` (`std` always applies);
//! `--no-catalog` turns them all off.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::{Config, ConfigError, ParsedConfig};

/// Every catalog file, by name. A test checks this list against the folder.
pub const FILES: &[(&str, &str)] = &[
    (
        "attohttpc",
        include_str!("../../lints/catalog/attohttpc.toml"),
    ),
    ("ehttp", include_str!("../../lints/catalog/ehttp.toml")),
    (
        "gethostname",
        include_str!("../../lints/catalog/gethostname.toml"),
    ),
    (
        "hostname",
        include_str!("../../lints/catalog/hostname.toml"),
    ),
    ("hyper", include_str!("../../lints/catalog/hyper.toml")),
    (
        "if-addrs",
        include_str!("../../lints/catalog/if-addrs.toml"),
    ),
    ("isahc", include_str!("../../lints/catalog/isahc.toml")),
    (
        "local-ip-address",
        include_str!("../../lints/catalog/local-ip-address.toml"),
    ),
    (
        "mac_address",
        include_str!("../../lints/catalog/mac_address.toml"),
    ),
    (
        "machine-uid",
        include_str!("../../lints/catalog/machine-uid.toml"),
    ),
    ("minreq", include_str!("../../lints/catalog/minreq.toml")),
    (
        "mixpanel-rs",
        include_str!("../../lints/catalog/mixpanel-rs.toml"),
    ),
    (
        "opentelemetry",
        include_str!("../../lints/catalog/opentelemetry.toml"),
    ),
    (
        "posthog-rs",
        include_str!("../../lints/catalog/posthog-rs.toml"),
    ),
    ("reqwest", include_str!("../../lints/catalog/reqwest.toml")),
    (
        "rudderanalytics",
        include_str!("../../lints/catalog/rudderanalytics.toml"),
    ),
    ("segment", include_str!("../../lints/catalog/segment.toml")),
    ("sentry", include_str!("../../lints/catalog/sentry.toml")),
    ("std", include_str!("../../lints/catalog/std.toml")),
    ("surf", include_str!("../../lints/catalog/surf.toml")),
    ("sysinfo", include_str!("../../lints/catalog/sysinfo.toml")),
    ("ureq", include_str!("../../lints/catalog/ureq.toml")),
    ("whoami", include_str!("../../lints/catalog/whoami.toml")),
];

/// Adds the catalog files that apply to code depending on `dependencies` (crate names, `-`
/// read as `_`).
pub fn apply(config: &mut Config, dependencies: &BTreeSet<String>) -> Result<(), Box<ConfigError>> {
    for (name, text) in FILES {
        let file = ParsedConfig::parse(
            text.to_string(),
            format!("catalog/{name}.toml"),
            None,
            PathBuf::new(),
        )?;
        let applies = file
            .raw
            .crates
            .iter()
            .any(|krate| krate == "std" || dependencies.contains(&krate.replace('-', "_")));
        if applies {
            config.add(&file)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalog_file_parses_and_names_its_crates() {
        for (name, text) in FILES {
            let file = ParsedConfig::parse(
                text.to_string(),
                format!("catalog/{name}.toml"),
                None,
                PathBuf::new(),
            )
            .unwrap_or_else(|error| panic!("catalog/{name}.toml: {error:?}"));
            assert!(
                !file.raw.crates.is_empty(),
                "catalog/{name}.toml names no crates"
            );
            let mut config = Config::default();
            config
                .add(&file)
                .unwrap_or_else(|error| panic!("catalog/{name}.toml: {error:?}"));
        }
    }

    #[test]
    fn the_list_matches_the_folder() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lints/catalog");
        let mut on_disk: Vec<String> = std::fs::read_dir(folder)
            .expect("lints/catalog is readable")
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter_map(|name| name.strip_suffix(".toml").map(str::to_string))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = FILES.iter().map(|(name, _)| name.to_string()).collect();
        listed.sort();
        assert_eq!(listed, on_disk);
    }
}
