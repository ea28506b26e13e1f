//! The built-in vocabulary of the annotation language: data categories and sharing purposes.
//!
//! This one file is compiled into both the `consent` attribute crate (to reject bad arguments at
//! compile time) and the `cargo-consent` scanner (to validate annotations and config), so the two
//! can never disagree about which names exist.

/// Built-in data categories (SPEC §3). Dotted: a parent names all its children.
pub const BUILTIN_CATEGORIES: &[&str] = &[
    "contact.phone_number",
    "contact.email",
    "contact.postal_address",
    "contact.address_book",
    "identity.name",
    "identity.date_of_birth",
    "identity.government_id",
    "identity.account_id",
    "device.id",
    "device.carrier",
    "device.ip_address",
    "device.hostname",
    "device.info",
    "location.precise",
    "location.coarse",
    "activity.usage",
    "activity.messages",
    "financial",
    "health",
    "biometric",
    "credentials",
];

/// Built-in sharing purposes (SPEC §3).
pub const BUILTIN_PURPOSES: &[&str] = &[
    "ads",
    "analytics",
    "personalization",
    "friend_suggestions",
    "product_improvement",
    "crash_reporting",
    "security",
    "essential",
];

/// Why a category name was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CategoryError {
    /// The name is neither a known category, a parent of one, nor a leaf of one.
    Unknown,
    /// A bare leaf that ends more than one known category; the candidates are listed.
    Ambiguous(Vec<String>),
}

/// Resolves a category as written in an annotation to its canonical dotted name.
///
/// Accepts a full name (`contact.phone_number`), a parent (`contact`, which names all its
/// children) and a bare leaf where it is unambiguous (`phone_number`). `extra` holds the
/// categories a config adds to the built-in set.
pub fn resolve_category(name: &str, extra: &[String]) -> Result<String, CategoryError> {
    let known = || {
        BUILTIN_CATEGORIES
            .iter()
            .copied()
            .chain(extra.iter().map(String::as_str))
    };
    if name.is_empty() {
        return Err(CategoryError::Unknown);
    }
    let is_parent = |category: &str| {
        category
            .strip_prefix(name)
            .is_some_and(|rest| rest.starts_with('.'))
    };
    if known().any(|category| category == name || is_parent(category)) {
        return Ok(name.to_string());
    }
    let mut leaf_matches: Vec<String> = known()
        .filter(|category| category.rsplit('.').next() == Some(name))
        .map(str::to_string)
        .collect();
    leaf_matches.sort();
    leaf_matches.dedup();
    match leaf_matches.len() {
        0 => Err(CategoryError::Unknown),
        1 => Ok(leaf_matches.remove(0)),
        _ => Err(CategoryError::Ambiguous(leaf_matches)),
    }
}

/// Whether `purpose` is a built-in purpose or one of the `extra` purposes a config adds.
pub fn is_known_purpose(purpose: &str, extra: &[String]) -> bool {
    BUILTIN_PURPOSES.contains(&purpose) || extra.iter().any(|known| known == purpose)
}

/// Whether `covering` names `category` itself or one of its parents.
pub fn category_covers(covering: &str, category: &str) -> bool {
    category == covering
        || category
            .strip_prefix(covering)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// The closest known name to `name`, for "did you mean" help, if any is close enough.
pub fn closest_name<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(name, candidate), candidate))
        .filter(|(distance, candidate)| *distance <= candidate.len().max(name.len()) / 3)
        .min()
        .map(|(_, candidate)| candidate)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, a_char) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, b_char) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(a_char != *b_char);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}
