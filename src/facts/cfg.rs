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
