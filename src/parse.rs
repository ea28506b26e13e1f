//! Parsing: reads each crate's files with syn, in parallel, following `mod` items from the roots.
//!
//! Each file is parsed, turned into [`FileFacts`] and dropped on the thread that parsed it (syn's
//! spans only have locations there), so peak memory holds facts, not syntax trees. A file that
//! cannot be read or parsed becomes a [`ParseFailure`]; the other files are still analysed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use crate::discover::CrateRoot;
use crate::facts::collect::{root_candidate, FilePlace};
use crate::facts::{self, CollectOptions, FileFacts, ModuleFileCandidate};
use crate::source::{FileId, Location, SourceFile, SourceFiles};

/// Deeper bracket nesting than this is not handed to syn, whose recursive descent could
/// exhaust the stack; the file is reported instead.
const MAX_NESTING: usize = 1_000;

/// Larger files are reported rather than read: no hand-written module is this big, and a
/// generated one would dominate the run's time and memory.
const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// A crate with the facts of every file in its module tree.
#[derive(Debug)]
pub struct ParsedCrate {
    pub root: CrateRoot,
    pub files: Vec<FileFacts>,
}

/// Why a file is missing from the analysis.
#[derive(Debug, Clone)]
pub struct ParseFailure {
    pub message: String,
    /// Where the problem is; `None` when the file could not be read at all.
    pub location: Option<Location>,
    pub path: String,
}

#[derive(Debug, Default)]
pub struct Parsed {
    pub files: SourceFiles,
    pub crates: Vec<ParsedCrate>,
    pub failures: Vec<ParseFailure>,
}

struct SharedState {
    files: Vec<(FileId, SourceFile)>,
    facts: Vec<(usize, FileFacts)>,
    failures: Vec<ParseFailure>,
    /// (crate index, canonical path) already claimed, so module cycles end.
    claimed: HashSet<(usize, PathBuf)>,
}

struct Parser<'a> {
    crates: &'a [CrateRoot],
    options: &'a CollectOptions<'a>,
    next_file: AtomicU32,
    state: Mutex<SharedState>,
    working_directory: PathBuf,
}

/// Parses every crate's module tree.
pub fn parse_crates(crates: Vec<CrateRoot>, options: &CollectOptions<'_>) -> Parsed {
    let parser = Parser {
        crates: &crates,
        options,
        next_file: AtomicU32::new(0),
        state: Mutex::new(SharedState {
            files: Vec::new(),
            facts: Vec::new(),
            failures: Vec::new(),
            claimed: HashSet::new(),
        }),
        working_directory: std::env::current_dir().unwrap_or_default(),
    };
    rayon::scope(|scope| {
        for (crate_index, root) in crates.iter().enumerate() {
            let parser = &parser;
            scope.spawn(move |scope| {
                parser.parse_module(
                    scope,
                    crate_index,
                    vec![root_candidate(root.root_file.clone())],
                    root.module_path.clone(),
                    None,
                )
            });
        }
    });
    let state = parser
        .state
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut numbered_files = state.files;
    numbered_files.sort_by_key(|(id, _)| *id);
    let mut files = SourceFiles::default();
    for (_, file) in numbered_files {
        files.push(file);
    }
    let mut parsed_crates: Vec<ParsedCrate> = crates
        .into_iter()
        .map(|root| ParsedCrate {
            root,
            files: Vec::new(),
        })
        .collect();
    for (crate_index, file_facts) in state.facts {
        parsed_crates[crate_index].files.push(file_facts);
    }
    // Parallel completion order is arbitrary; every later stage sees files in path order.
    for parsed_crate in &mut parsed_crates {
        parsed_crate
            .files
            .sort_by(|a, b| files.get(a.file).path.cmp(&files.get(b.file).path));
    }
    let mut failures = state.failures;
    failures.sort_by(|a, b| {
        (&a.path, a.location.map(|l| l.start)).cmp(&(&b.path, b.location.map(|l| l.start)))
    });
    Parsed {
        files,
        crates: parsed_crates,
        failures,
    }
}

impl Parser<'_> {
    fn lock(&self) -> std::sync::MutexGuard<'_, SharedState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn display_path(&self, path: &Path) -> String {
        let shown = path.strip_prefix(&self.working_directory).unwrap_or(path);
        let shown = shown.strip_prefix(".").unwrap_or(shown);
        shown.display().to_string()
    }

    fn register_file(&self, path: &Path, text: Arc<str>) -> (FileId, SourceFile) {
        let id = FileId(self.next_file.fetch_add(1, Ordering::Relaxed));
        (
            id,
            SourceFile::new(path.to_path_buf(), self.display_path(path), text),
        )
    }

    fn parse_module<'scope>(
        &'scope self,
        scope: &rayon::Scope<'scope>,
        crate_index: usize,
        candidates: Vec<ModuleFileCandidate>,
        module_path: Vec<String>,
        declared_at: Option<(Location, String)>,
    ) {
        let Some(candidate) = candidates.iter().find(|candidate| candidate.path.is_file()) else {
            if let Some((location, declaring_file)) = declared_at {
                let tried: Vec<String> = candidates
                    .iter()
                    .map(|c| self.display_path(&c.path))
                    .collect();
                self.lock().failures.push(ParseFailure {
                    message: format!(
                        "file not found for module `{}` (looked for {})",
                        module_path.last().map_or("", String::as_str),
                        tried.join(" and ")
                    ),
                    location: Some(location),
                    path: declaring_file,
                });
            }
            return;
        };
        let path = &candidate.path;
        let canonical = path.canonicalize().unwrap_or_else(|_| path.clone());
        if !self.lock().claimed.insert((crate_index, canonical)) {
            return;
        }
        let Some((file_id, source)) = self.read_source(path) else {
            return;
        };
        let syntax = match syn::parse_file(&source.text) {
            Ok(syntax) => syntax,
            Err(error) => {
                let span = error.span();
                let location = source.location(file_id, span.start(), span.end());
                self.fail(
                    file_id,
                    source,
                    format!("syntax error: {error}"),
                    Some(location),
                );
                return;
            }
        };
        let root = &self.crates[crate_index];
        let file_facts = facts::collect(
            &syntax,
            FilePlace {
                file: file_id,
                source: &source,
                module_path,
                owns_directory: candidate.owns_directory,
            },
            self.options,
        );
        drop(syntax);
        // The spans of this file are gone with its tree; free their line tables too.
        proc_macro2::extra::invalidate_current_thread_spans();
        if root.follow_modules {
            for declaration in &file_facts.module_files {
                let declared_at = Some((declaration.location, source.display_path.clone()));
                let candidates = declaration.candidates.clone();
                let module_path = declaration.module_path.clone();
                scope.spawn(move |scope| {
                    self.parse_module(scope, crate_index, candidates, module_path, declared_at)
                });
            }
        }
        let mut state = self.lock();
        state.files.push((file_id, source));
        state.facts.push((crate_index, file_facts));
    }

    /// Reads a file as UTF-8 text that syn can safely parse; reports it otherwise.
    fn read_source(&self, path: &Path) -> Option<(FileId, SourceFile)> {
        let too_large =
            std::fs::metadata(path).is_ok_and(|metadata| metadata.len() > MAX_FILE_BYTES);
        if too_large {
            self.lock().failures.push(ParseFailure {
                message: format!(
                    "file is larger than {} MiB; it is not analysed",
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
                location: None,
                path: self.display_path(path),
            });
            return None;
        }
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) => {
                self.lock().failures.push(ParseFailure {
                    message: format!("cannot read file: {error}"),
                    location: None,
                    path: self.display_path(path),
                });
                return None;
            }
        };
        match String::from_utf8(bytes) {
            Ok(text) => {
                let (file_id, source) = self.register_file(path, Arc::from(text));
                if let Some(offset) = nesting_too_deep(&source.text) {
                    let location = source.location_of_range(file_id, offset, offset + 1);
                    let message = format!(
                        "brackets nest deeper than {MAX_NESTING} levels; the file is not analysed"
                    );
                    self.fail(file_id, source, message, Some(location));
                    return None;
                }
                Some((file_id, source))
            }
            Err(error) => {
                let valid_up_to = error.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
                let (file_id, source) = self.register_file(path, Arc::from(text));
                // The lossy text has the same bytes up to the first invalid one.
                let location = source.location_of_range(file_id, valid_up_to, valid_up_to);
                self.fail(
                    file_id,
                    source,
                    "file is not valid UTF-8".to_string(),
                    Some(location),
                );
                None
            }
        }
    }

    fn fail(
        &self,
        file_id: FileId,
        source: SourceFile,
        message: String,
        location: Option<Location>,
    ) {
        let mut state = self.lock();
        state.failures.push(ParseFailure {
            message,
            location,
            path: source.display_path.clone(),
        });
        state.files.push((file_id, source));
    }
}

/// The offset where bracket nesting first exceeds [`MAX_NESTING`], if it does.
///
/// Brackets inside strings and comments may be miscounted; that only errs towards parsing.
fn nesting_too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (offset, byte) in text.bytes().enumerate() {
        match byte {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(offset);
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}
