//! The categories and purposes a project adds to the built-in set in its config (SPEC §6), so
//! that the attributes accept the same names the scanner does.
//!
//! The config is looked up from the crate being compiled (`CARGO_MANIFEST_DIR`) upwards: a
//! `consent.toml` in that directory and each parent up to the workspace root (the first
//! directory whose `Cargo.toml` has a `[workspace]` table, else the filesystem root), plus
//! `[package.metadata.consent]` of the crate's own `Cargo.toml` and `[workspace.metadata.consent]`
//! of the workspace root's. Every `categories` and `purposes` array found is merged.
//!
//! A file that cannot be read or parsed is skipped: reporting a broken config is the scanner's
//! job, and failing every annotated item over it would bury that one message.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use crate::config_places::{config_places, metadata, ConfigPlace};

/// What a project's config adds to the built-in taxonomy.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ProjectVocabulary {
    pub categories: Vec<String>,
    pub purposes: Vec<String>,
}

/// The vocabulary of the crate being compiled, read once and then reused.
///
/// The cache is keyed by manifest directory and remembers the modification time of every file it
/// looked at (or that it was absent): rust-analyzer keeps one proc-macro process alive across
/// crates and edits, so a single global value would serve one crate's config to another, and
/// would never see a category added to consent.toml. Checking a handful of timestamps per
/// attribute is cheap next to parsing the item.
pub fn project_vocabulary() -> Arc<ProjectVocabulary> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Loaded>>> = OnceLock::new();
    let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR") else {
        return Arc::default();
    };
    let manifest_dir = PathBuf::from(manifest_dir);
    // A poisoned lock only means another expansion panicked mid-update; the map is still usable.
    let mut cache = CACHE
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(loaded) = cache.get(&manifest_dir) {
        if loaded.is_current() {
            return Arc::clone(&loaded.vocabulary);
        }
    }
    let loaded = load(&manifest_dir);
    let vocabulary = Arc::clone(&loaded.vocabulary);
    cache.insert(manifest_dir, loaded);
    vocabulary
}

/// A vocabulary and the state of the files it was read from.
struct Loaded {
    vocabulary: Arc<ProjectVocabulary>,
    /// Every file consulted, with its modification time, or `None` when it did not exist.
    files: Vec<(PathBuf, Option<SystemTime>)>,
}

impl Loaded {
    fn is_current(&self) -> bool {
        self.files
            .iter()
            .all(|(path, modified)| modification_time(path) == *modified)
    }
}

fn load(manifest_dir: &Path) -> Loaded {
    let mut vocabulary = ProjectVocabulary::default();
    // Every file looked at, found or not, is remembered: creating a consent.toml later must
    // make the cached vocabulary stale.
    let files = std::cell::RefCell::new(Vec::new());
    let mut manifests: Vec<(PathBuf, toml::Table)> = Vec::new();
    let places = config_places(
        manifest_dir,
        |path| {
            let manifest = read_table(path, &mut files.borrow_mut())?;
            manifests.push((path.to_path_buf(), manifest.clone()));
            Some(manifest)
        },
        |path| {
            files
                .borrow_mut()
                .push((path.to_path_buf(), modification_time(path)));
            path.is_file()
        },
    );
    let mut files = files.into_inner();
    for place in places {
        match place {
            ConfigPlace::File(path) => {
                if let Some(config) = read_table(&path, &mut files) {
                    vocabulary.merge(&config);
                }
            }
            ConfigPlace::Metadata { manifest, section } => {
                let table = manifests
                    .iter()
                    .find(|(path, _)| *path == manifest)
                    .and_then(|(_, table)| metadata(table, section));
                if let Some(config) = table {
                    vocabulary.merge(config);
                }
            }
        }
    }
    Loaded {
        vocabulary: Arc::new(vocabulary),
        files,
    }
}

/// Reads and parses `path`, recording it in `files`; `None` when absent or unparsable.
fn read_table(path: &Path, files: &mut Vec<(PathBuf, Option<SystemTime>)>) -> Option<toml::Table> {
    files.push((path.to_path_buf(), modification_time(path)));
    std::fs::read_to_string(path).ok()?.parse().ok()
}

fn modification_time(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).ok()?.modified().ok()
}

impl ProjectVocabulary {
    /// Adds the string elements of `categories` and `purposes` in `config`; other values are the
    /// scanner's to report.
    fn merge(&mut self, config: &toml::Table) {
        let strings = |key: &str| -> Vec<String> {
            config
                .get(key)
                .and_then(toml::Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|value| value.as_str().map(str::to_string))
                .collect()
        };
        self.categories.extend(strings("categories"));
        self.purposes.extend(strings("purposes"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A fresh directory tree under the system temp dir, removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new() -> Scratch {
            static COUNTER: AtomicUsize = AtomicUsize::new(0);
            let name = format!(
                "consent-config-test-{}-{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::Relaxed)
            );
            let root = std::env::temp_dir().join(name);
            std::fs::create_dir_all(&root).unwrap();
            Scratch(root)
        }

        fn write(&self, relative: &str, text: &str) -> PathBuf {
            let path = self.0.join(relative);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            path
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn sorted(mut names: Vec<String>) -> Vec<String> {
        names.sort();
        names
    }

    // Config lookup is IO at expansion time, which trybuild cannot vary; it is tested here.
    #[test]
    fn merges_every_config_up_to_the_workspace_root() {
        let scratch = Scratch::new();
        scratch.write("consent.toml", "categories = [\"above.workspace\"]");
        scratch.write(
            "ws/Cargo.toml",
            "[workspace]\nmembers = [\"member\"]\n\
             [workspace.metadata.consent]\ncategories = [\"from.workspace_metadata\"]",
        );
        scratch.write("ws/consent.toml", "purposes = [\"metrics\"]");
        scratch.write(
            "ws/member/Cargo.toml",
            "[package]\nname = \"member\"\n\
             [package.metadata.consent]\npurposes = [\"from_package_metadata\"]",
        );
        scratch.write(
            "ws/member/consent.toml",
            "categories = [\"contact.whatsapp_id\", 42]",
        );

        let loaded = load(&scratch.0.join("ws/member"));

        assert_eq!(
            sorted(loaded.vocabulary.categories.clone()),
            ["contact.whatsapp_id", "from.workspace_metadata"]
        );
        assert_eq!(
            sorted(loaded.vocabulary.purposes.clone()),
            ["from_package_metadata", "metrics"]
        );
        assert!(loaded.is_current());
    }

    #[test]
    fn unreadable_config_is_ignored_and_a_new_file_invalidates_the_cache() {
        let scratch = Scratch::new();
        scratch.write("Cargo.toml", "[workspace]\n");
        scratch.write("consent.toml", "categories = [ not toml");

        let loaded = load(&scratch.0);
        assert_eq!(*loaded.vocabulary, ProjectVocabulary::default());
        assert!(loaded.is_current());

        scratch.write("member/consent.toml", "purposes = [\"metrics\"]");
        let member = load(&scratch.0.join("member"));
        assert_eq!(member.vocabulary.purposes, ["metrics"]);
        std::fs::remove_file(scratch.0.join("member/consent.toml")).unwrap();
        assert!(!member.is_current());
    }
}
