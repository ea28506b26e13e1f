//! Checks category, purpose and lint names against what exists: the built-in taxonomy, plus what
//! the project's config adds, with "did you mean" help for near misses.

use proc_macro2::TokenStream;
use syn::LitStr;

use crate::config::ProjectVocabulary;
use crate::lint_names::LINT_NAMES;
use crate::taxonomy::{self, CategoryError};

/// Accepts a category written in full (`contact.phone_number`), as a parent (`contact`) or as an
/// unambiguous leaf (`phone_number`); `tokens` is what the error underlines.
pub fn check_category(
    name: &str,
    tokens: &TokenStream,
    project: &ProjectVocabulary,
) -> syn::Result<()> {
    let message = match taxonomy::resolve_category(name, &project.categories) {
        Ok(_) => return Ok(()),
        Err(CategoryError::Ambiguous(candidates)) => {
            format!(
                "ambiguous category `{name}`: write the full name, {}",
                either_of(&candidates)
            )
        }
        Err(CategoryError::Unknown) => {
            let candidates = category_spellings(project);
            match taxonomy::closest_name(name, candidates.iter().map(String::as_str)) {
                Some(close) => format!("unknown category `{name}` (did you mean `{close}`?)"),
                None => format!(
                    "unknown category `{name}`: use a built-in one such as `contact.phone_number`, \
                     or add it to `categories` in consent.toml"
                ),
            }
        }
    };
    Err(syn::Error::new_spanned(tokens, message))
}

/// Accepts a built-in purpose or one the project's config adds.
pub fn check_purpose(purpose: &LitStr, project: &ProjectVocabulary) -> syn::Result<()> {
    let name = purpose.value();
    if taxonomy::is_known_purpose(&name, &project.purposes) {
        return Ok(());
    }
    let known = || {
        taxonomy::BUILTIN_PURPOSES
            .iter()
            .copied()
            .chain(project.purposes.iter().map(String::as_str))
    };
    let message = match taxonomy::closest_name(&name, known()) {
        Some(close) => format!("unknown purpose `{name}` (did you mean `{close}`?)"),
        None => {
            let listed: Vec<String> = known().map(|known| format!("`{known}`")).collect();
            format!(
                "unknown purpose `{name}`: use one of {}, or add it to `purposes` in consent.toml",
                listed.join(", ")
            )
        }
    };
    Err(syn::Error::new(purpose.span(), message))
}

/// Accepts the name of a cargo-consent lint.
pub fn check_lint(name: &str, tokens: &TokenStream) -> syn::Result<()> {
    if LINT_NAMES.contains(&name) {
        return Ok(());
    }
    let message = match taxonomy::closest_name(name, LINT_NAMES.iter().copied()) {
        Some(close) => format!("unknown lint `{name}` (did you mean `{close}`?)"),
        None => {
            let listed: Vec<String> = LINT_NAMES.iter().map(|lint| format!("`{lint}`")).collect();
            format!(
                "unknown lint `{name}`: expected one of {}",
                listed.join(", ")
            )
        }
    };
    Err(syn::Error::new_spanned(tokens, message))
}

/// Every way a known category may be written: full names, their parents, and the leaves that
/// name exactly one category. These are the candidates for "did you mean".
fn category_spellings(project: &ProjectVocabulary) -> Vec<String> {
    let mut spellings: Vec<String> = Vec::new();
    let known = taxonomy::BUILTIN_CATEGORIES
        .iter()
        .copied()
        .chain(project.categories.iter().map(String::as_str));
    for category in known {
        let mut prefix_end = 0;
        while let Some(dot) = category[prefix_end..].find('.') {
            prefix_end += dot;
            spellings.push(category[..prefix_end].to_string());
            prefix_end += 1;
        }
        spellings.push(category.to_string());
        if let Some(leaf) = category.rsplit('.').next() {
            if taxonomy::resolve_category(leaf, &project.categories).is_ok() {
                spellings.push(leaf.to_string());
            }
        }
    }
    spellings.sort();
    spellings.dedup();
    spellings
}

/// "`a` or `b`", "`a`, `b` or `c`".
fn either_of(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    match quoted.as_slice() {
        [init @ .., last] if !init.is_empty() => format!("{} or {last}", init.join(", ")),
        _ => quoted.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn project(categories: &[&str]) -> ProjectVocabulary {
        ProjectVocabulary {
            categories: categories.iter().map(|name| name.to_string()).collect(),
            purposes: Vec::new(),
        }
    }

    fn category_message(name: &str, project: &ProjectVocabulary) -> Option<String> {
        check_category(name, &quote!(x), project)
            .err()
            .map(|error| error.to_string())
    }

    // The built-in set has no leaf shared by two categories, so ambiguity needs a config that
    // adds one; trybuild cannot provide such a config, hence this unit test.
    #[test]
    fn leaf_shared_by_a_config_category_is_ambiguous() {
        let project = project(&["account.id"]);
        assert_eq!(
            category_message("id", &project).as_deref(),
            Some("ambiguous category `id`: write the full name, `account.id` or `device.id`")
        );
        assert_eq!(category_message("device.id", &project), None);
    }

    #[test]
    fn config_categories_are_accepted_by_full_name_parent_and_leaf() {
        let project = project(&["contact.whatsapp_id"]);
        for name in ["contact.whatsapp_id", "contact", "whatsapp_id"] {
            assert_eq!(category_message(name, &project), None, "{name}");
        }
    }

    #[test]
    fn near_misses_suggest_full_names_parents_and_leaves() {
        let project = project(&[]);
        let suggestion = |name| category_message(name, &project);
        assert_eq!(
            suggestion("phone_numbr").as_deref(),
            Some("unknown category `phone_numbr` (did you mean `phone_number`?)")
        );
        assert_eq!(
            suggestion("contacts").as_deref(),
            Some("unknown category `contacts` (did you mean `contact`?)")
        );
        assert_eq!(
            suggestion("location.precice").as_deref(),
            Some("unknown category `location.precice` (did you mean `location.precise`?)")
        );
    }
}
