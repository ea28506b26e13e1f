//! Cargo features: which ones a package has enabled for `--features`, `--all-features` and
//! `--no-default-features`, resolved from its `[features]` table as cargo would.

use std::collections::BTreeSet;

/// The feature flags of the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeatureSelection {
    /// As given: `name` for every scanned package that has it, or `package/name`.
    pub features: Vec<String>,
    pub all_features: bool,
    pub no_default_features: bool,
}

/// The features of one package enabled by `selection`, following what each enables.
pub fn enabled_features(
    package_name: &str,
    manifest: &toml::Table,
    selection: &FeatureSelection,
) -> BTreeSet<String> {
    if selection.all_features {
        return declared_features(manifest);
    }
    let table = features_table(manifest);
    let optional_dependencies = optional_dependencies(manifest, &table);
    let mut pending: Vec<String> = Vec::new();
    if !selection.no_default_features {
        pending.push("default".to_string());
    }
    for requested in &selection.features {
        match requested.split_once('/') {
            Some((package, feature))
                if package.replace('-', "_") == package_name.replace('-', "_") =>
            {
                pending.push(feature.to_string())
            }
            Some(_) => {}
            None => pending.push(requested.clone()),
        }
    }
    let mut enabled = BTreeSet::new();
    while let Some(feature) = pending.pop() {
        let known = table.contains_key(&feature) || optional_dependencies.contains(&feature);
        if !known || !enabled.insert(feature.clone()) {
            continue;
        }
        let implied = table
            .get(&feature)
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(toml::Value::as_str);
        for entry in implied {
            // `dep:x` enables a dependency, `x/feature` a feature of dependency `x` (and `x`
            // itself when it is optional); only this package's own features matter here.
            if entry.starts_with("dep:") {
                continue;
            }
            match entry.split_once('/') {
                Some((dependency, _)) if !dependency.ends_with('?') => {
                    pending.push(dependency.to_string())
                }
                Some(_) => {}
                None => pending.push(entry.to_string()),
            }
        }
    }
    enabled
}

/// Every feature a package declares: its `[features]` and the optional dependencies that are
/// features of their own.
pub fn declared_features(manifest: &toml::Table) -> BTreeSet<String> {
    let table = features_table(manifest);
    let optional = optional_dependencies(manifest, &table);
    table.keys().cloned().chain(optional).collect()
}

/// The `[features]` table (empty when there is none).
fn features_table(manifest: &toml::Table) -> toml::Table {
    manifest
        .get("features")
        .and_then(toml::Value::as_table)
        .cloned()
        .unwrap_or_default()
}

/// `--features` names no scanned package declares: each a note, since the flag then changes
/// nothing (a typo, or a package outside the scan).
pub fn unknown_features(
    selection: &FeatureSelection,
    declared: &std::collections::BTreeMap<String, BTreeSet<String>>,
) -> Vec<String> {
    let normal = |name: &str| name.replace('-', "_");
    selection
        .features
        .iter()
        .filter_map(|requested| match requested.split_once('/') {
            Some((package, feature)) => match declared.get(&normal(package)) {
                None => Some(format!(
                    "`--features {requested}`: no scanned package is named `{package}`"
                )),
                Some(features) if !features.contains(feature) => Some(format!(
                    "`--features {requested}`: package `{package}` has no feature `{feature}`"
                )),
                Some(_) => None,
            },
            None => (!declared
                .values()
                .any(|features| features.contains(requested)))
            .then(|| format!("`--features {requested}`: no scanned package has this feature")),
        })
        .collect()
}

/// Optional dependencies that are features of their own (not hidden behind `dep:`).
fn optional_dependencies(manifest: &toml::Table, features: &toml::Table) -> BTreeSet<String> {
    let hidden: BTreeSet<&str> = features
        .values()
        .filter_map(toml::Value::as_array)
        .flatten()
        .filter_map(toml::Value::as_str)
        .filter_map(|entry| entry.strip_prefix("dep:"))
        .collect();
    ["dependencies", "build-dependencies"]
        .iter()
        .filter_map(|key| manifest.get(*key).and_then(toml::Value::as_table))
        .flatten()
        .filter(|(_, spec)| {
            spec.get("optional")
                .and_then(toml::Value::as_bool)
                .unwrap_or(false)
        })
        .map(|(name, _)| name.clone())
        .filter(|name| !hidden.contains(name.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> toml::Table {
        r#"
            [features]
            default = ["telemetry"]
            telemetry = ["metrics"]
            metrics = []
            extra = ["dep:fancy", "serde/derive"]

            [dependencies]
            serde = { version = "1", optional = true }
            fancy = { version = "1", optional = true }
        "#
        .parse()
        .expect("test manifest parses")
    }

    fn names(set: BTreeSet<String>) -> Vec<String> {
        set.into_iter().collect()
    }

    #[test]
    fn defaults_and_what_they_imply() {
        let enabled = enabled_features("app", &manifest(), &FeatureSelection::default());
        assert_eq!(names(enabled), ["default", "metrics", "telemetry"]);
    }

    #[test]
    fn requested_features_without_defaults() {
        let selection = FeatureSelection {
            features: vec!["extra".into(), "other-package/x".into()],
            all_features: false,
            no_default_features: true,
        };
        let enabled = enabled_features("app", &manifest(), &selection);
        assert_eq!(names(enabled), ["extra", "serde"]);
    }

    #[test]
    fn all_features_include_optional_dependencies_not_behind_dep() {
        let selection = FeatureSelection {
            all_features: true,
            ..FeatureSelection::default()
        };
        let enabled = enabled_features("app", &manifest(), &selection);
        assert_eq!(
            names(enabled),
            ["default", "extra", "metrics", "serde", "telemetry"]
        );
    }
}
