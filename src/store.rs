//! The on-disk entries of the caches (the run cache of `src/cache.rs` and the facts cache
//! here): their header, atomic writes, pruning, and the tool's build id they are keyed on.
//!
//! The facts cache keeps the [`FileFacts`] of each file by a key over everything
//! [`crate::facts::collect`] reads (the file's bytes, place in its crate, cfg, the config's
//! categories and purposes, the allows it inherits), so that when some file changed, the
//! parse stage parses only the files whose key is new. Its entries are content-addressed:
//! two runs writing one at once write the same bytes, and the rename makes either win whole.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use crate::facts::{AllowFacts, FileFacts};
use crate::names::Name;
use crate::source::{FileDigest, FileId};

/// Bumped whenever the layout of an entry changes: older entries are then misses.
pub const FORMAT_VERSION: u32 = 2;

/// The first bytes of every entry.
const MAGIC: &[u8; 8] = b"cconsent";

/// Magic, format version, key, payload length, payload checksum.
const HEADER_BYTES: usize = 8 + 4 + 16 + 8 + 16;

/// The cache is pruned, oldest entries first, down to this size after each write.
pub const SIZE_CAP: u64 = 512 * 1024 * 1024;

/// Entries not used for this long are removed when the cache is pruned.
pub const MAX_AGE: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// Temporary files older than this were left by a run that died mid-write.
pub const STALE_TEMPORARY: Duration = Duration::from_secs(60 * 60);

/// The tool's build: its version and the digest of the code it was built from (build.rs), so
/// that a rebuilt binary with other code never trusts an entry of the old one.
pub fn build_id() -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(&[0xff]);
    hasher.update(env!("CONSENT_BUILD_STAMP").as_bytes());
    hasher.digest128()
}

/// Tells git to ignore the cache (a repository whose `target/` is not in `.gitignore` would
/// otherwise see it as new files, and `git add --all` would commit it) and backup tools to skip
/// it (`CACHEDIR.TAG`, as cargo marks `target/`).
pub fn mark_as_cache(directory: &Path) -> std::io::Result<()> {
    for (name, contents) in [
        (
            ".gitignore",
            "# The run cache of cargo-consent: nothing here belongs in version control.\n*\n",
        ),
        (
            "CACHEDIR.TAG",
            "Signature: 8a477f597d28d172789f06886806bc55\n\
             # This file is a cache directory tag created by cargo-consent.\n\
             # For information about cache directory tags see https://bford.info/cachedir/\n",
        ),
    ] {
        let path = directory.join(name);
        if !path.exists() {
            std::fs::write(path, contents)?;
        }
    }
    Ok(())
}

pub fn write_entry(path: &Path, key: u128, payload: &[u8]) -> std::io::Result<()> {
    let mut file = File::create(path)?;
    let mut header = Vec::with_capacity(HEADER_BYTES);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    header.extend_from_slice(&key.to_le_bytes());
    header.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    header.extend_from_slice(&xxhash_rust::xxh3::xxh3_128(payload).to_le_bytes());
    file.write_all(&header)?;
    file.write_all(payload)?;
    file.flush()
}

/// The payload of an entry whose header is intact and matches `key`, or what is wrong.
pub fn checked_payload(bytes: &[u8], key: u128) -> Result<&[u8], String> {
    if bytes.len() < HEADER_BYTES || &bytes[..8] != MAGIC {
        return Err("it is not a cache entry".to_string());
    }
    let number = |range: std::ops::Range<usize>| {
        let mut buffer = [0u8; 16];
        buffer[..range.len()].copy_from_slice(&bytes[range]);
        u128::from_le_bytes(buffer)
    };
    let version = number(8..12) as u32;
    if version != FORMAT_VERSION {
        return Err(format!(
            "format version {version}, this build writes {FORMAT_VERSION}"
        ));
    }
    if number(12..28) != key {
        return Err("it belongs to another key".to_string());
    }
    let length = number(28..36) as u64;
    let payload = &bytes[HEADER_BYTES..];
    if payload.len() as u64 != length {
        return Err(format!(
            "{} bytes of payload where the header says {length}",
            payload.len()
        ));
    }
    if xxhash_rust::xxh3::xxh3_128(payload) != number(36..52) {
        return Err("its checksum does not match".to_string());
    }
    Ok(payload)
}

/// Removes, from the entry folders `directories`, temporary files left by runs that died
/// mid-write, entries unused for longer than
/// `max_age`, then the least recently used entries until the rest fit in `size_cap` bytes.
pub fn prune(directories: &[&Path], size_cap: u64, max_age: Duration) {
    let now = SystemTime::now();
    let mut entries: Vec<(SystemTime, u64, PathBuf)> = Vec::new();
    let listings = directories
        .iter()
        .filter_map(|directory| std::fs::read_dir(directory).ok());
    for item in listings.flat_map(|listing| listing.flatten()) {
        let Ok(metadata) = item.metadata() else {
            continue;
        };
        let path = item.path();
        let modified = metadata.modified().unwrap_or(now);
        let age = now.duration_since(modified).unwrap_or_default();
        let temporary = item.file_name().to_string_lossy().starts_with("tmp-");
        if (temporary && age > STALE_TEMPORARY) || (!temporary && age > max_age) {
            let _ = std::fs::remove_file(&path);
        } else if !temporary {
            entries.push((modified, metadata.len(), path));
        }
    }
    entries.sort();
    let mut total: u64 = entries.iter().map(|(_, size, _)| size).sum();
    for (_, size, path) in entries {
        if total <= size_cap {
            break;
        }
        if std::fs::remove_file(&path).is_ok() {
            total -= size;
        }
    }
}

/// Writes an entry to a temporary file in `directory`, then renames it to `destination`: a
/// reader sees the old entry or the new one, never a part.
pub fn write_atomically(
    directory: &Path,
    destination: &Path,
    key: u128,
    payload: &[u8],
) -> std::io::Result<()> {
    let temporary = directory.join(
        format!(
            "tmp-{}-{:?}-{:x}",
            std::process::id(),
            std::thread::current().id(),
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap_or_default()
                .as_nanos()
        )
        .replace(['(', ')'], ""),
    );
    let written = write_entry(&temporary, key, payload)
        .and_then(|()| std::fs::rename(&temporary, destination));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

/// The folder of the facts entries inside the cache directory.
pub const FACTS: &str = "facts";

/// The per-file facts cache of one scan.
pub struct FactsCache {
    cache_directory: PathBuf,
    build: u128,
    /// Damaged entries met, for the report's notes.
    notes: Mutex<Vec<String>>,
}

/// What [`crate::facts::collect`] reads besides the syntax tree, for the facts cache's key.
pub struct FactsInputs<'a> {
    pub digest: FileDigest,
    pub path: &'a Path,
    pub module_path: &'a [Name],
    pub owns_directory: bool,
    /// The crate's cfg decisions (`CfgOptions`), as deterministic text.
    pub cfg: &'a str,
    pub extra_categories: &'a [String],
    pub extra_purposes: &'a [String],
    pub inherited_allows: &'a [AllowFacts],
}

impl FactsCache {
    pub fn new(cache_directory: &Path) -> FactsCache {
        FactsCache {
            cache_directory: cache_directory.to_path_buf(),
            build: build_id(),
            notes: Mutex::new(Vec::new()),
        }
    }

    /// The files a facts entry of `file` may point into: the file, then those of the allows
    /// it inherits (declared in its ancestors' files), in order of first appearance.
    pub fn relative_files(file: FileId, inherited_allows: &[AllowFacts]) -> Vec<FileId> {
        let mut files = vec![file];
        for allow in inherited_allows {
            if !files.contains(&allow.span.file) {
                files.push(allow.span.file);
            }
        }
        files
    }

    pub fn key(&self, inputs: &FactsInputs<'_>, relative_files: &[FileId]) -> Option<u128> {
        let FileDigest::Content(content) = inputs.digest else {
            return None;
        };
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let mut part = |bytes: &[u8]| {
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        };
        part(&FORMAT_VERSION.to_le_bytes());
        part(&self.build.to_le_bytes());
        part(&content.to_le_bytes());
        part(inputs.path.to_str()?.as_bytes());
        for segment in inputs.module_path {
            part(segment.as_str().as_bytes());
        }
        part(&[u8::from(inputs.owns_directory), 0xfe]);
        part(inputs.cfg.as_bytes());
        for text in inputs.extra_categories {
            part(text.as_bytes());
        }
        part(&[0xfe]);
        for text in inputs.extra_purposes {
            part(text.as_bytes());
        }
        part(&[0xfe]);
        for allow in inputs.inherited_allows {
            let file = relative_files
                .iter()
                .position(|file| *file == allow.span.file)?;
            part(allow.lint.as_bytes());
            part(allow.item.as_bytes());
            part(
                &[allow.span.start, allow.span.end, file as u32]
                    .map(u32::to_le_bytes)
                    .concat(),
            );
        }
        Some(hasher.digest128())
    }

    fn entry_path(&self, key: u128) -> PathBuf {
        self.cache_directory
            .join(FACTS)
            .join(format!("{key:032x}.bin"))
    }

    /// The stored facts of this key, with their file ids those of this run.
    pub fn load(&self, key: u128, relative_files: &[FileId]) -> Option<FileFacts> {
        let path = self.entry_path(key);
        let bytes = std::fs::read(&path).ok()?;
        let decoded = checked_payload(&bytes, key).and_then(|payload| {
            crate::source::with_relative_file_ids(relative_files, || {
                postcard::from_bytes::<FileFacts>(payload)
                    .map_err(|error| format!("cannot decode it: {error}"))
            })
        });
        match decoded {
            Ok(facts) => Some(facts),
            Err(reason) => {
                let _ = std::fs::remove_file(&path);
                self.notes
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .push(format!(
                        "the cache entry `{}` was damaged ({reason}); it was discarded and its \
                         file parsed again",
                        path.display()
                    ));
                None
            }
        }
    }

    /// Stores the facts of this key; a failure only costs the next run's time.
    pub fn store(&self, key: u128, relative_files: &[FileId], facts: &FileFacts) {
        let Ok(payload) =
            crate::source::with_relative_file_ids(relative_files, || postcard::to_allocvec(facts))
        else {
            return;
        };
        let directory = self.cache_directory.join(FACTS);
        let written = std::fs::create_dir_all(&directory)
            .and_then(|()| mark_as_cache(&self.cache_directory))
            .and_then(|()| write_atomically(&directory, &self.entry_path(key), key, &payload));
        let _ = written;
    }

    /// The notes about damaged entries met so far.
    pub fn take_notes(&self) -> Vec<String> {
        std::mem::take(
            &mut *self
                .notes
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_header_is_refused() {
        let payload = b"payload";
        let directory = tempfile::tempdir().expect("a temporary directory");
        let path = directory.path().join("entry");
        write_entry(&path, 7, payload).expect("written");
        let bytes = std::fs::read(&path).expect("read");
        assert_eq!(checked_payload(&bytes, 7), Ok(&payload[..]));
        assert!(checked_payload(&bytes, 8).is_err());
        assert!(checked_payload(&bytes[..bytes.len() - 1], 7).is_err());
        let mut flipped = bytes.clone();
        *flipped.last_mut().expect("a payload") ^= 1;
        assert_eq!(
            checked_payload(&flipped, 7),
            Err("its checksum does not match".to_string())
        );
        assert!(checked_payload(b"short", 7).is_err());
    }

    #[test]
    fn pruning_keeps_the_newest_entries_under_the_cap() {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let runs = directory.path();
        let day = Duration::from_secs(24 * 60 * 60);
        for (name, age_in_days) in [("old", 3), ("middle", 2), ("new", 1), ("ancient", 40)] {
            let path = runs.join(name);
            std::fs::write(&path, [0u8; 100]).expect("written");
            let file = File::options().write(true).open(&path).expect("opened");
            file.set_modified(SystemTime::now() - day * age_in_days)
                .expect("mtime set");
        }
        std::fs::write(runs.join("tmp-1-2"), b"partial").expect("written");
        let file = File::options()
            .write(true)
            .open(runs.join("tmp-1-2"))
            .expect("opened");
        file.set_modified(SystemTime::now() - day)
            .expect("mtime set");
        prune(&[runs], 250, MAX_AGE);
        let mut left: Vec<String> = std::fs::read_dir(runs)
            .expect("listed")
            .map(|item| item.expect("an item").file_name().to_string_lossy().into())
            .collect();
        left.sort();
        assert_eq!(left, ["middle", "new"]);
    }
}
