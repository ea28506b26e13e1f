//! `#[cfg(..)]`: which conditionally compiled code the scan includes.
//!
//! Without feature flags every branch is analysed except `test` (the union of all builds, so a
//! check that exists only in some builds does not guard the others). With `--features`,
//! `--all-features` or `--no-default-features`, `feature = ".."` is decided as cargo would;
//! every other predicate (`unix`, `target_os = ..`) stays undecided and its code is included.

use std::collections::BTreeSet;

use syn::punctuated::Punctuated;
use syn::{Attribute, Meta, Token};

/// How to decide `cfg` predicates for one crate.
#[derive(Debug, Clone, Default)]
pub struct CfgOptions {
    /// The enabled features, when feature flags were given; `None`: every branch counts.
    pub features: Option<BTreeSet<String>>,
    /// `--include-tests`: `cfg(test)` code is scanned (and `cfg(not(test))` code stays).
    pub include_tests: bool,
}

/// A `cfg` atom the scan leaves undecided that code needs to hold (`holds`) or not, to be
/// compiled: `#[cfg(not(feature = "cloud"))]` needs `feature = "cloud"` false. Code that needs
/// an atom both ways never runs in one build, whatever the union of builds contains.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct CfgAssumption {
    pub atom: String,
    pub holds: bool,
}

/// Whether code under some `#[cfg]` attributes is compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// In every build the scan stands for.
    Always,
    /// In some builds only: it is analysed, but nothing after it may rely on it having run.
    Sometimes,
    /// In none of them.
    Never,
}

impl CfgOptions {
    /// Whether an item or statement with these attributes is part of the scan.
    pub fn includes(&self, attributes: &[Attribute]) -> bool {
        self.presence(attributes) != Presence::Never
    }

    pub fn presence(&self, attributes: &[Attribute]) -> Presence {
        let mut presence = Presence::Always;
        for attribute in attributes {
            if !attribute.path().is_ident("cfg") {
                continue;
            }
            match attribute
                .parse_args::<Meta>()
                .ok()
                .and_then(|meta| self.decide(&meta))
            {
                Some(true) => {}
                Some(false) => return Presence::Never,
                None => presence = Presence::Sometimes,
            }
        }
        presence
    }

    /// What code under these attributes needs of the undecided atoms, as far as every way
    /// of satisfying its predicates agrees (`any(unix, windows)` needs neither).
    pub fn assumptions(&self, attributes: &[Attribute]) -> Vec<CfgAssumption> {
        let mut assumed = BTreeSet::new();
        for attribute in attributes {
            if !attribute.path().is_ident("cfg") {
                continue;
            }
            if let Ok(meta) = attribute.parse_args::<Meta>() {
                assumed.extend(self.implied(&meta, true).unwrap_or_default());
            }
        }
        assumed.into_iter().collect()
    }

    /// What `meta` being `value` implies of the undecided atoms; `None` when it cannot be.
    fn implied(&self, meta: &Meta, value: bool) -> Option<BTreeSet<CfgAssumption>> {
        if let Some(decided) = self.decide(meta) {
            return (decided == value).then(BTreeSet::new);
        }
        let Meta::List(list) = meta else {
            let atom = quote::ToTokens::to_token_stream(meta).to_string();
            return Some(BTreeSet::from([CfgAssumption { atom, holds: value }]));
        };
        let Ok(inner) = list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
        else {
            return Some(BTreeSet::new());
        };
        if list.path.is_ident("not") {
            return match inner.len() {
                1 => self.implied(&inner[0], !value),
                _ => Some(BTreeSet::new()),
            };
        }
        // `all` true and `any` false need every part (each implication adds up); `all` false
        // and `any` true need one of them (only what every possible part implies).
        let every = (list.path.is_ident("all") && value) || (list.path.is_ident("any") && !value);
        let one_of = (list.path.is_ident("all") && !value) || (list.path.is_ident("any") && value);
        let parts = inner.iter().map(|part| self.implied(part, value));
        if every {
            let mut union = BTreeSet::new();
            for part in parts {
                union.extend(part?);
            }
            Some(union)
        } else if one_of {
            let mut common: Option<BTreeSet<CfgAssumption>> = None;
            for part in parts.flatten() {
                common = Some(match common {
                    None => part,
                    Some(known) => known.intersection(&part).cloned().collect(),
                });
            }
            common
        } else {
            Some(BTreeSet::new())
        }
    }

    /// `Some(value)` when the predicate is decided, `None` when either value is possible.
    pub fn decide(&self, meta: &Meta) -> Option<bool> {
        match meta {
            Meta::Path(path) if path.is_ident("test") => {
                if self.include_tests {
                    None
                } else {
                    Some(false)
                }
            }
            Meta::NameValue(pair) if pair.path.is_ident("feature") => {
                let features = self.features.as_ref()?;
                match &pair.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(name),
                        ..
                    }) => Some(features.contains(&name.value())),
                    _ => None,
                }
            }
            Meta::List(list) => {
                let inner = list
                    .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
                    .ok()?;
                let decided: Vec<Option<bool>> =
                    inner.iter().map(|meta| self.decide(meta)).collect();
                if list.path.is_ident("not") {
                    return match decided.as_slice() {
                        [single] => single.map(|value| !value),
                        _ => None,
                    };
                }
                if list.path.is_ident("all") {
                    if decided.contains(&Some(false)) {
                        return Some(false);
                    }
                    return decided.iter().all(|d| *d == Some(true)).then_some(true);
                }
                if list.path.is_ident("any") {
                    if decided.contains(&Some(true)) {
                        return Some(true);
                    }
                    return decided.iter().all(|d| *d == Some(false)).then_some(false);
                }
                None
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn includes(options: &CfgOptions, attribute: &str) -> bool {
        let item: syn::ItemFn =
            syn::parse_str(&format!("{attribute} fn f() {{}}")).expect("test item parses");
        options.includes(&item.attrs)
    }

    #[test]
    fn without_feature_flags_every_branch_but_test_counts() {
        let options = CfgOptions::default();
        assert!(includes(&options, "#[cfg(feature = \"extra\")]"));
        assert!(includes(&options, "#[cfg(not(feature = \"extra\"))]"));
        assert!(includes(&options, "#[cfg(unix)]"));
        assert!(!includes(&options, "#[cfg(test)]"));
        assert!(!includes(&options, "#[cfg(all(test, unix))]"));
        assert!(includes(&options, "#[cfg(not(test))]"));
        assert!(includes(&options, "#[cfg(any(test, unix))]"));
    }

    #[test]
    fn feature_flags_decide_feature_predicates() {
        let options = CfgOptions {
            features: Some(BTreeSet::from(["extra".to_string()])),
            include_tests: false,
        };
        assert!(includes(&options, "#[cfg(feature = \"extra\")]"));
        assert!(!includes(&options, "#[cfg(feature = \"other\")]"));
        assert!(!includes(&options, "#[cfg(not(feature = \"extra\"))]"));
        assert!(includes(&options, "#[cfg(any(feature = \"other\", unix))]"));
        assert!(!includes(
            &options,
            "#[cfg(all(feature = \"other\", unix))]"
        ));
    }

    fn assumed(options: &CfgOptions, attribute: &str) -> Vec<(String, bool)> {
        let item: syn::ItemFn =
            syn::parse_str(&format!("{attribute} fn f() {{}}")).expect("test item parses");
        options
            .assumptions(&item.attrs)
            .into_iter()
            .map(|assumption| (assumption.atom, assumption.holds))
            .collect()
    }

    #[test]
    fn assumptions_are_what_every_way_of_compiling_needs() {
        let options = CfgOptions::default();
        let feature = |holds| vec![("feature = \"util\"".to_string(), holds)];
        assert_eq!(
            assumed(&options, "#[cfg(feature = \"util\")]"),
            feature(true)
        );
        assert_eq!(
            assumed(&options, "#[cfg(not(feature = \"util\"))]"),
            feature(false)
        );
        // `test` is false in a scan without tests: `any(test, x)` needs `x`.
        assert_eq!(
            assumed(&options, "#[cfg(any(test, feature = \"util\"))]"),
            feature(true)
        );
        assert_eq!(
            assumed(&options, "#[cfg(not(any(test, feature = \"util\")))]"),
            feature(false)
        );
        assert!(assumed(&options, "#[cfg(any(unix, windows))]").is_empty());
        assert_eq!(
            assumed(&options, "#[cfg(all(unix, feature = \"util\"))]").len(),
            2
        );
        // Decided atoms are no assumptions: `extra` is on in this build.
        let with_extra = CfgOptions {
            features: Some(BTreeSet::from(["extra".to_string()])),
            include_tests: false,
        };
        assert!(assumed(&with_extra, "#[cfg(feature = \"extra\")]").is_empty());
    }

    #[test]
    fn include_tests_keeps_both_sides_of_test() {
        let options = CfgOptions {
            features: None,
            include_tests: true,
        };
        assert!(includes(&options, "#[cfg(test)]"));
        assert!(includes(&options, "#[cfg(not(test))]"));
    }
}
