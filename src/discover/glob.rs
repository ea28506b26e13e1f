//! Glob patterns over relative paths, as in `[scan] exclude = ["src/generated/**"]`: `*` and
//! `?` within one component, `**` for any number of components.

use std::path::Path;

/// Why a pattern cannot mean what it seems to: syntax of other glob dialects (`[ab]`, `{a,b}`,
/// `!x`), which matches those characters literally here, or a path that leaves its base.
pub fn unsupported(pattern: &str) -> Option<String> {
    if pattern.trim().is_empty() {
        return Some("is empty".to_string());
    }
    if pattern.starts_with('/') || pattern.split('/').any(|part| part == "..") {
        return Some("is not relative to the config's directory".to_string());
    }
    let special = pattern
        .chars()
        .find(|c| matches!(c, '[' | ']' | '{' | '}' | '!'))?;
    Some(format!(
        "uses `{special}`, which is not glob syntax here (only `*`, `?` and `**` are) and \
         matches itself"
    ))
}

/// Whether `path` (relative, `/`-separated components) matches `pattern`.
pub fn path_matches(pattern: &str, path: &Path) -> bool {
    let pattern: Vec<&str> = pattern
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect();
    let components: Vec<String> = path
        .components()
        .map(|component| component.as_os_str().to_string_lossy().into_owned())
        .collect();
    let components: Vec<&str> = components.iter().map(String::as_str).collect();
    matches_from(&pattern, &components)
}

fn matches_from(pattern: &[&str], components: &[&str]) -> bool {
    match pattern.split_first() {
        None => components.is_empty(),
        Some((&"**", rest)) => {
            (0..=components.len()).any(|skip| matches_from(rest, &components[skip..]))
        }
        Some((first, rest)) => match components.split_first() {
            Some((component, remaining)) => {
                wildcard_match(first, component) && matches_from(rest, remaining)
            }
            None => false,
        },
    }
}

/// `*` and `?` within one name (`crates/*`, `test_?.rs`).
pub fn wildcard_match(pattern: &str, name: &str) -> bool {
    fn matches(pattern: &[char], name: &[char]) -> bool {
        match (pattern.first(), name.first()) {
            (None, None) => true,
            (Some('*'), _) => {
                matches(&pattern[1..], name) || (!name.is_empty() && matches(pattern, &name[1..]))
            }
            (Some('?'), Some(_)) => matches(&pattern[1..], &name[1..]),
            (Some(expected), Some(actual)) => {
                expected == actual && matches(&pattern[1..], &name[1..])
            }
            _ => false,
        }
    }
    let pattern: Vec<char> = pattern.chars().collect();
    let name: Vec<char> = name.chars().collect();
    matches(&pattern, &name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_star_spans_directories() {
        assert!(path_matches(
            "src/generated/**",
            Path::new("src/generated/a/b.rs")
        ));
        assert!(path_matches(
            "src/generated/**",
            Path::new("src/generated/b.rs")
        ));
        assert!(!path_matches(
            "src/generated/**",
            Path::new("src/other/b.rs")
        ));
        assert!(path_matches("**/proto.rs", Path::new("src/net/proto.rs")));
        assert!(path_matches("src/*.rs", Path::new("src/lib.rs")));
        assert!(!path_matches("src/*.rs", Path::new("src/a/lib.rs")));
    }
}
