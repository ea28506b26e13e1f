//! The run cache: a scan's report kept on disk with every input it read, so that a second run
//! over unchanged code (a pre-commit hook, an editor's check on save) loads the report instead
//! of parsing and analysing again.
//!
//! An entry is found by a key that hashes everything the scan's result depends on besides the
//! source files: the tool's build, the request's options, the working directory (reports show
//! paths relative to it), what discovery found and the merged config (which covers every
//! `consent.toml`, `Cargo.toml` metadata table, `--config` file and the catalog). The entry
//! then lists every file the scan read, with the digest of its bytes, and every path the
//! module tree probed for a file; it is trusted only while all of them are as recorded.
//!
//! Entries are written to a temporary file and renamed into place (a crash leaves no partial
//! entry), under a lock file that only one run holds at a time (the other writes nothing),
//! and each starts with a header holding the format version, the key, the payload's length
//! and its checksum: a damaged entry is discarded with a note, never trusted. The cache is
//! kept under [`SIZE_CAP`] bytes and [`MAX_AGE`] by removing the oldest entries.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::map::DataMap;
use crate::parse::{self, FileRead};
use crate::report::{ScanReport, StageTimings};
use crate::source::{FileDigest, SourceFile, SourceFiles};
use crate::store::{
    build_id, checked_payload, mark_as_cache, prune, write_atomically, FACTS, FORMAT_VERSION,
    MAX_AGE, SIZE_CAP,
};

/// Where the cache lives, as the request asks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CacheLocation {
    /// No cache: every run scans from scratch (`--no-cache`; the library's default).
    #[default]
    Off,
    /// `cargo-consent/` in the workspace's target directory (`CARGO_TARGET_DIR` when set).
    Default,
    /// `--cache-dir DIR`.
    At(PathBuf),
}

/// The folder of the run entries inside the cache directory.
const RUNS: &str = "runs";

/// What the cache's key is made of, besides the tool's build: everything that decides the
/// scan's result other than the source files, in a form whose text is deterministic.
pub struct KeyInputs<'a> {
    /// The request's options that change the result (paths, levels, flags).
    pub request: String,
    /// Discovery's result (crate roots, features, dependencies, problems).
    pub discovered: String,
    /// The merged config (every config file and the catalog files that apply).
    pub config: String,
    pub working_directory: &'a Path,
}

/// The run cache of one scan: where its entry is and what the scan should know about it.
pub struct RunCache {
    directory: PathBuf,
    key: u128,
    /// Told to the user in the report's notes (a damaged entry).
    pub notes: Vec<String>,
    /// Whether the user named the directory (then a failure to write is worth a note).
    explicit: bool,
}

/// One file the scan read, in [`crate::source::FileId`] order.
#[derive(Serialize, Deserialize)]
struct CachedFile {
    path: PathBuf,
    display_path: String,
    digest: FileDigest,
    /// The text the report quotes when it is not the file's (a file that could not be read
    /// is quoted as empty; a manifest is read as the lint that reports it reads it).
    text: Option<String>,
}

/// Whether a path the module tree looked at is a file, and if not, what it is.
#[derive(Serialize, Deserialize, PartialEq, Eq)]
struct Probe {
    path: PathBuf,
    is_file: bool,
    not_a_file: Option<String>,
}

impl Probe {
    fn of(path: &Path) -> Probe {
        Probe {
            path: path.to_path_buf(),
            is_file: path.is_file(),
            not_a_file: crate::discover::not_a_file(path),
        }
    }
}

/// What an entry holds: the report without its timings, and its inputs.
#[derive(Serialize, Deserialize)]
struct Entry {
    files: Vec<CachedFile>,
    probes: Vec<Probe>,
    findings: Vec<Finding>,
    notes: Vec<String>,
    crates_scanned: usize,
    fns_analysed: usize,
    /// The data map as its own JSON document (the map's serde form skips empty fields, which
    /// only a self-describing format reads back).
    data_map: Option<String>,
}

/// Why an entry was not used.
enum Miss {
    /// No entry, or one whose inputs changed: the normal case, nothing to say.
    Stale,
    /// The entry is damaged: discarded, with a note.
    Damaged(String),
}

/// The cache directory for `location`: `--cache-dir`, else `cargo-consent/` in the target
/// directory (`CARGO_TARGET_DIR`, else `target/` of the workspace discovery found). `None`
/// when there is none: no cache, or a scan outside any cargo package without either.
pub fn directory(location: &CacheLocation, workspace_root: Option<&Path>) -> Option<PathBuf> {
    match location {
        CacheLocation::Off => None,
        CacheLocation::At(directory) => Some(directory.clone()),
        CacheLocation::Default => {
            let target = std::env::var_os("CARGO_TARGET_DIR")
                .filter(|value| !value.is_empty())
                .map(PathBuf::from)
                .or_else(|| workspace_root.map(|root| root.join("target")))?;
            Some(target.join("cargo-consent"))
        }
    }
}

impl RunCache {
    /// The cache of a scan with these inputs, or `None` when nothing is to be cached.
    pub fn new(
        location: &CacheLocation,
        workspace_root: Option<&Path>,
        inputs: &KeyInputs<'_>,
    ) -> Option<RunCache> {
        let directory = directory(location, workspace_root)?;
        let build = build_id();
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for part in [
            &FORMAT_VERSION.to_le_bytes()[..],
            &build.to_le_bytes(),
            inputs.request.as_bytes(),
            inputs.discovered.as_bytes(),
            inputs.config.as_bytes(),
            inputs.working_directory.as_os_str().as_encoded_bytes(),
        ] {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        Some(RunCache {
            directory,
            key: hasher.digest128(),
            notes: Vec::new(),
            explicit: matches!(location, CacheLocation::At(_)),
        })
    }

    /// The cache directory.
    pub fn directory(&self) -> &Path {
        &self.directory
    }

    fn entry_path(&self) -> PathBuf {
        self.directory
            .join(RUNS)
            .join(format!("{:032x}.bin", self.key))
    }

    /// The stored report, when an entry exists and every input it lists is unchanged. A
    /// damaged entry is removed and noted in [`RunCache::notes`].
    pub fn load(&mut self) -> Option<ScanReport> {
        let path = self.entry_path();
        match load_entry(&path, self.key) {
            Ok(report) => {
                // The age used for pruning is the last use, not the write.
                let _ = File::options()
                    .write(true)
                    .open(&path)
                    .and_then(|file| file.set_modified(SystemTime::now()));
                Some(report)
            }
            Err(Miss::Stale) => None,
            Err(Miss::Damaged(reason)) => {
                let _ = std::fs::remove_file(&path);
                self.notes.push(format!(
                    "the cache entry `{}` was damaged ({reason}); it was discarded and the scan \
                     ran from scratch",
                    path.display()
                ));
                None
            }
        }
    }

    /// Stores `report` with the inputs it was computed from: the files it read and the
    /// module files `probed` (found or not). Written only by the run that holds the cache's
    /// lock; a failure to write leaves the cache as it was (and is noted when the user named
    /// the directory).
    pub fn store(&mut self, report: &ScanReport, probed: &[PathBuf]) {
        if let Err(error) = self.try_store(report, probed) {
            if self.explicit {
                self.notes.push(format!(
                    "the cache in `{}` could not be written: {error}",
                    self.directory.display()
                ));
            }
        }
    }

    fn try_store(&self, report: &ScanReport, probed: &[PathBuf]) -> std::io::Result<()> {
        let Some(entry) = entry_of(report, probed) else {
            // A path that is not UTF-8 cannot be stored; such a scan is not cached.
            return Ok(());
        };
        let payload = postcard::to_allocvec(&entry).map_err(std::io::Error::other)?;
        let runs = self.directory.join(RUNS);
        std::fs::create_dir_all(&runs)?;
        mark_as_cache(&self.directory)?;
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.directory.join("lock"))?;
        match lock.try_lock() {
            Ok(()) => {}
            // Another run is writing: this one leaves the cache to it.
            Err(std::fs::TryLockError::WouldBlock) => return Ok(()),
            Err(std::fs::TryLockError::Error(error)) => return Err(error),
        }
        write_atomically(&runs, &self.entry_path(), self.key, &payload)?;
        prune(&[&runs, &self.directory.join(FACTS)], SIZE_CAP, MAX_AGE);
        Ok(())
    }
}

/// The entry of a report: `None` when a path in it cannot be stored.
fn entry_of(report: &ScanReport, probed: &[PathBuf]) -> Option<Entry> {
    let mut files = Vec::with_capacity(report.files.len());
    for index in 0..report.files.len() {
        let file = report.files.get(crate::source::FileId(index as u32));
        file.path.to_str()?;
        let (digest, text) = match file.digest() {
            Some(digest @ FileDigest::Content(_)) => (digest, None),
            // Not read: the report quotes the empty text it holds.
            Some(digest) => (
                digest,
                Some(
                    file.held_text()
                        .map(|text| text.to_string())
                        .unwrap_or_default(),
                ),
            ),
            // Not read by the parse stage (a manifest a finding points into): its bytes now,
            // and the text the report holds.
            None => (
                parse::read_file(&file.path).digest(),
                Some(file.text().to_string()),
            ),
        };
        files.push(CachedFile {
            path: file.path.clone(),
            display_path: file.display_path.clone(),
            digest,
            text,
        });
    }
    let mut probes: Vec<Probe> = Vec::with_capacity(probed.len());
    for path in probed {
        path.to_str()?;
        probes.push(Probe::of(path));
    }
    Some(Entry {
        files,
        probes,
        findings: report.findings.clone(),
        notes: report.notes.clone(),
        crates_scanned: report.crates_scanned,
        fns_analysed: report.fns_analysed,
        data_map: match &report.data_map {
            Some(map) => Some(serde_json::to_string(map).ok()?),
            None => None,
        },
    })
}

/// Reads, checks and validates the entry at `path`.
fn load_entry(path: &Path, key: u128) -> Result<ScanReport, Miss> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        // No entry (or no cache directory yet): a miss, nothing to report.
        Err(error)
            if matches!(
                error.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            return Err(Miss::Stale)
        }
        Err(error) => return Err(Miss::Damaged(format!("cannot read it: {error}"))),
    };
    let payload = checked_payload(&bytes, key).map_err(Miss::Damaged)?;
    let entry: Entry = postcard::from_bytes(payload)
        .map_err(|error| Miss::Damaged(format!("cannot decode it: {error}")))?;
    if entry
        .probes
        .iter()
        .any(|probe| Probe::of(&probe.path) != *probe)
    {
        return Err(Miss::Stale);
    }
    let files = current_files(&entry.files).ok_or(Miss::Stale)?;
    let data_map = match &entry.data_map {
        Some(json) => Some(
            serde_json::from_str::<DataMap>(json)
                .map_err(|error| Miss::Damaged(format!("cannot decode its data map: {error}")))?,
        ),
        None => None,
    };
    if let Some(bad) = entry
        .findings
        .iter()
        .find(|finding| finding.location.file.0 as usize >= files.len())
    {
        return Err(Miss::Damaged(format!(
            "a finding points to file {} of {}",
            bad.location.file.0,
            files.len()
        )));
    }
    Ok(ScanReport {
        files,
        findings: entry.findings,
        notes: entry.notes,
        crates_scanned: entry.crates_scanned,
        fns_analysed: entry.fns_analysed,
        timings: StageTimings::default(),
        data_map,
        dump: None,
    })
}

/// The files of an entry as they are now, when every one still has its recorded digest:
/// read (and hashed) once here, their texts made as the parse stage makes them and then
/// released as it releases them, so the report quotes the same text a fresh scan would.
fn current_files(cached: &[CachedFile]) -> Option<SourceFiles> {
    use rayon::prelude::*;
    let files: Vec<SourceFile> = cached
        .par_iter()
        .map(|file| {
            let read = parse::read_file(&file.path);
            if read.digest() != file.digest {
                return None;
            }
            let path = file.path.clone();
            let display_path = file.display_path.clone();
            Some(match (&file.text, read) {
                (Some(text), _) => SourceFile::new(path, display_path, Arc::from(text.as_str())),
                (None, FileRead::Bytes(bytes)) => {
                    let (text, invalid_at) = parse::text_of_bytes(bytes);
                    let mut source = SourceFile::new(path, display_path, text);
                    // A file that is not UTF-8 keeps its lossy text, as in a fresh scan.
                    if invalid_at.is_none() {
                        source.release_text();
                    }
                    source.with_digest(file.digest)
                }
                (None, _) => return None,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let mut source_files = SourceFiles::default();
    for file in files {
        source_files.push(file);
    }
    Some(source_files)
}
