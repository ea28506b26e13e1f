//! Interned names: identifiers, field and method names, compared and hashed by pointer.
//!
//! Every name the analysis handles is interned once, so the hot paths (method lookup, field
//! maps, label comparison) compare a pointer instead of a string. Interned text lives for the
//! rest of the process, which is the lifetime of one `cargo consent` run; the set of distinct
//! names in a workspace is small next to its source.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::{OnceLock, RwLock};

use rustc_hash::FxHashMap;

/// An interned name: one pointer wide. Equality and hashing use the pointer; ordering uses
/// the text, so sorted output does not depend on the order in which names were first seen.
#[derive(Clone, Copy)]
pub struct Name(&'static &'static str);

/// FxHash: every identifier of every parsed file is looked up here, and SipHash's resistance
/// to chosen keys buys nothing against source code.
fn table() -> &'static RwLock<FxHashMap<&'static str, Name>> {
    static TABLE: OnceLock<RwLock<FxHashMap<&'static str, Name>>> = OnceLock::new();
    TABLE.get_or_init(|| RwLock::new(FxHashMap::default()))
}

impl Name {
    pub fn new(text: &str) -> Name {
        // Each thread keeps the names it met: the shared table's lock is touched once per
        // name and thread, not once per identifier (every identifier of every file comes here).
        thread_local! {
            static SEEN: std::cell::RefCell<FxHashMap<&'static str, Name>> =
                std::cell::RefCell::new(FxHashMap::default());
        }
        if let Some(known) = SEEN.with(|seen| seen.borrow().get(text).copied()) {
            return known;
        }
        let name = Name::intern(text);
        SEEN.with(|seen| seen.borrow_mut().insert(name.as_str(), name));
        name
    }

    /// The name of an identifier (anything displayed as one), without a `String` per call.
    pub fn of(ident: &impl fmt::Display) -> Name {
        use std::fmt::Write;
        thread_local! {
            static TEXT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        TEXT.with(|text| {
            let mut text = text.borrow_mut();
            text.clear();
            // Writing into a `String` cannot fail.
            let _ = write!(text, "{ident}");
            Name::new(&text)
        })
    }

    fn intern(text: &str) -> Name {
        if let Some(&known) = table()
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(text)
        {
            return known;
        }
        let mut table = table()
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(&known) = table.get(text) {
            return known;
        }
        let text: &'static str = Box::leak(text.to_owned().into_boxed_str());
        let name = Name(Box::leak(Box::new(text)));
        table.insert(text, name);
        name
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// A tuple's or tuple struct's field: `0`, `1`, ...
    pub fn is_tuple_index(self) -> bool {
        !self.0.is_empty() && self.0.bytes().all(|byte| byte.is_ascii_digit())
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Name {}

impl Hash for Name {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::ptr::hash(self.0, state);
    }
}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Name) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Name {
    fn cmp(&self, other: &Name) -> std::cmp::Ordering {
        if self == other {
            std::cmp::Ordering::Equal
        } else {
            self.as_str().cmp(other.as_str())
        }
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), formatter)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl From<&str> for Name {
    fn from(text: &str) -> Name {
        Name::new(text)
    }
}

/// How names are written while a body is packed or unpacked on this thread: as positions in
/// the body's own table of names, not as text (reading text back means hashing it to find
/// the interned name).
enum NameTable {
    Writing {
        positions: FxHashMap<Name, u32>,
        names: Vec<Name>,
    },
    Reading(std::sync::Arc<[Name]>),
}

thread_local! {
    static NAME_TABLE: std::cell::RefCell<Option<NameTable>> =
        const { std::cell::RefCell::new(None) };
}

fn with_name_table<T>(table: NameTable, work: impl FnOnce() -> T) -> (T, Option<NameTable>) {
    let previous = NAME_TABLE.with(|cell| cell.replace(Some(table)));
    let result = work();
    let table = NAME_TABLE.with(|cell| cell.replace(previous));
    (result, table)
}

/// Runs `work` (a serialization on this thread) with every name written as its position in a
/// table of the names met, which it returns: for [`with_names_from`] to read back.
pub fn with_names_numbered<T>(work: impl FnOnce() -> T) -> (T, Vec<Name>) {
    let writing = NameTable::Writing {
        positions: FxHashMap::default(),
        names: Vec::new(),
    };
    match with_name_table(writing, work) {
        (result, Some(NameTable::Writing { names, .. })) => (result, names),
        (result, _) => (result, Vec::new()),
    }
}

/// Runs `work` (a deserialization on this thread) with every name read as a position in
/// `names`, as [`with_names_numbered`] wrote it.
pub fn with_names_from<T>(names: &std::sync::Arc<[Name]>, work: impl FnOnce() -> T) -> T {
    with_name_table(NameTable::Reading(std::sync::Arc::clone(names)), work).0
}

/// Written as its text (or its position, see [`with_names_numbered`]); read back interned.
impl serde::Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let position = NAME_TABLE.with(|cell| match &mut *cell.borrow_mut() {
            Some(NameTable::Writing { positions, names }) => {
                Some(*positions.entry(*self).or_insert_with(|| {
                    names.push(*self);
                    names.len() as u32 - 1
                }))
            }
            _ => None,
        });
        match position {
            Some(position) => serializer.serialize_u32(position),
            None => serializer.serialize_str(self.as_str()),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Name {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let reading =
            NAME_TABLE.with(|cell| matches!(&*cell.borrow(), Some(NameTable::Reading(_))));
        if reading {
            let position = u32::deserialize(deserializer)?;
            return NAME_TABLE
                .with(|cell| match &*cell.borrow() {
                    Some(NameTable::Reading(names)) => names.get(position as usize).copied(),
                    _ => None,
                })
                .ok_or_else(|| serde::de::Error::custom("a name past the body's table"));
        }
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = Name;
            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a name")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Name, E> {
                Ok(Name::new(text))
            }
        }
        deserializer.deserialize_str(Text)
    }
}

/// A path of names as written or resolved, e.g. `crate::device::Device`.
pub type NamePath = Vec<Name>;

/// Whether `path` ends with the segments `suffix` (`std::process::exit` ends with
/// `["process", "exit"]`).
pub fn ends_with(path: &[Name], suffix: &[&str]) -> bool {
    path.len() >= suffix.len()
        && path[path.len() - suffix.len()..]
            .iter()
            .zip(suffix)
            .all(|(segment, expected)| segment == *expected)
}

/// `a::b::c` for messages.
pub fn join_path(path: &[Name]) -> String {
    let mut joined = String::new();
    for (index, segment) in path.iter().enumerate() {
        if index > 0 {
            joined.push_str("::");
        }
        joined.push_str(segment.as_str());
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_text_gives_the_same_name() {
        let first = Name::new("phone_number");
        let second = Name::new(&String::from("phone_number"));
        assert_eq!(first, second);
        assert!(std::ptr::eq(first.as_str(), second.as_str()));
        assert_eq!(std::mem::size_of::<Name>(), std::mem::size_of::<usize>());
        assert_ne!(first, Name::new("device_id"));
    }

    #[test]
    fn names_sort_by_text() {
        let mut names = [Name::new("zeta"), Name::new("alpha"), Name::new("mid")];
        names.sort();
        let texts: Vec<&str> = names.iter().map(|name| name.as_str()).collect();
        assert_eq!(texts, ["alpha", "mid", "zeta"]);
    }
}
