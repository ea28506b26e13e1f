//! Parsing: reads each crate's files with syn, in parallel, following `mod` items from the roots.
//!
//! Each file is parsed, turned into [`FileFacts`] and dropped on the thread that parsed it (syn's
//! spans only have locations there), so peak memory holds facts, not syntax trees. A file that
//! cannot be read or parsed becomes a [`ParseFailure`]; the other files are still analysed.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::discover::CrateRoot;
use crate::facts::cfg::{CfgOptions, Presence};
use crate::facts::collect::{root_candidate, FilePlace};
use crate::facts::{self, AllowFacts, CollectOptions, FileFacts, ModuleFileCandidate};
use crate::names::{Name, NamePath};
use crate::source::{FileDigest, FileId, Location, SourceFile, SourceFiles};
use crate::store::{FactsCache, FactsInputs};

/// Deeper bracket nesting than this is not handed to syn, whose recursive descent could
/// exhaust the stack; the file is reported instead.
const MAX_NESTING: usize = 1_000;

/// A bound of the syntax tree's depth, brackets or not (see [`nesting_problem`]), past which a
/// file is not handed to syn. Measured: syn parses 80,000 nested `&` types in a release build
/// on the 512 MiB worker stack and 10,000 in a debug build (20,000 overflow there).
const MAX_UNBRACKETED_DEPTH: usize = 10_000;

/// Larger files are reported rather than read: no hand-written module is this big, and a
/// generated one would dominate the run's time and memory. Lexing takes up to about 60 bytes
/// per byte of the densest text (`a;a;a;..`: a token per byte), so a file this size stays
/// under half a gigabyte before [`MAX_TOKENS`] refuses it. The largest file of the benchmark's
/// 2.1 million lines of vendored crates is 1.9 MB.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// `mod` files nested deeper than this are not followed: every item carries its module path,
/// so a chain of 10,000 `#[path]` modules held 2.5 GB of paths (memory quadratic in the depth).
const MAX_MODULE_DEPTH: usize = 100;

/// Files with more tokens are reported rather than parsed: the syntax tree and facts take up
/// to about 500 bytes per token (measured: 4 million statements `a;` peaked at 4.0 GB, an
/// array of 4 million numbers at 2.2 GB), so this keeps one file under about a gigabyte.
const MAX_TOKENS: usize = 2_000_000;

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
    /// The `[scan] exclude` patterns (indices into [`ParseOptions::exclude`]) that left out
    /// no file: a typo, or a pattern relative to the wrong directory.
    pub unused_excludes: Vec<usize>,
}

struct SharedState {
    files: Vec<(FileId, SourceFile)>,
    /// Each file read so far, by canonical path: a module file shared by a package's lib and
    /// bin targets is analysed once per target but keeps one id, so its findings coincide.
    file_ids: HashMap<PathBuf, FileId>,
    facts: Vec<(usize, FileFacts)>,
    failures: Vec<ParseFailure>,
    /// (crate index, canonical path) already claimed, so module cycles end.
    claimed: HashSet<(usize, PathBuf)>,
}

struct Parser<'a> {
    crates: &'a [CrateRoot],
    options: &'a ParseOptions<'a>,
    /// How each crate decides `cfg` (its features).
    cfg: Vec<CfgOptions>,
    /// The same as text, for the facts cache's key.
    cfg_keys: Vec<String>,
    state: Mutex<SharedState>,
    working_directory: PathBuf,
    /// Which `[scan] exclude` patterns left a file out.
    excludes_used: Vec<std::sync::atomic::AtomicBool>,
}

/// What parsing needs beyond the crate roots.
pub struct ParseOptions<'a> {
    pub include_tests: bool,
    pub extra_categories: &'a [String],
    pub extra_purposes: &'a [String],
    /// `[scan] exclude` patterns, each with the directory it is relative to: matching files
    /// are left out as if they did not exist.
    pub exclude: &'a [(PathBuf, String)],
    /// Where the facts of unchanged files are kept between runs, when the run is cached.
    pub facts_cache: Option<&'a FactsCache>,
}

impl ParseOptions<'_> {
    /// The first `[scan] exclude` pattern that matches `path`, by index.
    fn exclusion(&self, path: &Path) -> Option<usize> {
        self.exclude.iter().position(|(base, pattern)| {
            path.strip_prefix(base)
                .is_ok_and(|relative| crate::discover::glob::path_matches(pattern, relative))
        })
    }
}

/// Parses every crate's module tree.
pub fn parse_crates(crates: Vec<CrateRoot>, options: &ParseOptions<'_>) -> Parsed {
    let cfg: Vec<CfgOptions> = crates
        .iter()
        .map(|root| CfgOptions {
            features: root.features.clone(),
            include_tests: options.include_tests,
        })
        .collect();
    let cfg_keys = cfg.iter().map(|cfg| format!("{cfg:?}")).collect();
    let parser = Parser {
        crates: &crates,
        options,
        cfg,
        cfg_keys,
        state: Mutex::new(SharedState {
            files: Vec::new(),
            file_ids: HashMap::new(),
            facts: Vec::new(),
            failures: Vec::new(),
            claimed: HashSet::new(),
        }),
        working_directory: std::env::current_dir().unwrap_or_default(),
        excludes_used: options
            .exclude
            .iter()
            .map(|_| std::sync::atomic::AtomicBool::new(false))
            .collect(),
    };
    rayon::scope(|scope| {
        for (crate_index, root) in crates.iter().enumerate() {
            let parser = &parser;
            scope.spawn(move |scope| {
                parser.parse_module(
                    scope,
                    crate_index,
                    vec![root_candidate(root.root_file.clone())],
                    root.module_path
                        .iter()
                        .map(|segment| Name::new(segment))
                        .collect(),
                    None,
                    Vec::new(),
                )
            });
        }
    });
    let unused_excludes = parser
        .excludes_used
        .iter()
        .enumerate()
        .filter(|(_, used)| !used.load(std::sync::atomic::Ordering::Relaxed))
        .map(|(index, _)| index)
        .collect();
    let state = parser
        .state
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut numbered_files = state.files;
    numbered_files.sort_by_key(|(id, _)| *id);
    numbered_files.dedup_by_key(|(id, _)| *id);
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
        unused_excludes,
    }
}

impl Parser<'_> {
    fn lock(&self) -> std::sync::MutexGuard<'_, SharedState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn display_path(&self, path: &Path) -> String {
        crate::source::display_path(path, &self.working_directory)
    }

    /// Numbers a file by its `canonical` path (the same file reached twice, once id).
    fn register_file(
        &self,
        path: &Path,
        canonical: PathBuf,
        text: Arc<str>,
        digest: FileDigest,
    ) -> (FileId, SourceFile) {
        let mut state = self.lock();
        let next = FileId(state.file_ids.len() as u32);
        let id = *state.file_ids.entry(canonical).or_insert(next);
        (
            id,
            SourceFile::new(path.to_path_buf(), self.display_path(path), text).with_digest(digest),
        )
    }

    fn parse_module<'scope>(
        &'scope self,
        scope: &rayon::Scope<'scope>,
        crate_index: usize,
        candidates: Vec<ModuleFileCandidate>,
        module_path: NamePath,
        declared_at: Option<(Location, String)>,
        inherited_allows: Vec<AllowFacts>,
    ) {
        if let Some(index) = candidates
            .iter()
            .find_map(|candidate| self.options.exclusion(&candidate.path))
        {
            self.excludes_used[index].store(true, std::sync::atomic::Ordering::Relaxed);
            return;
        }
        let Some(candidate) = candidates.iter().find(|candidate| candidate.path.is_file()) else {
            if let Some((location, declaring_file)) = declared_at {
                let module = module_path.last().map_or("", |name| name.as_str());
                let tried: Vec<String> = candidates
                    .iter()
                    .map(|c| self.display_path(&c.path))
                    .collect();
                // Something is there, but not a file: say what it is.
                let unreadable = candidates.iter().find_map(|candidate| {
                    crate::discover::not_a_file(&candidate.path)
                        .map(|reason| (self.display_path(&candidate.path), reason))
                });
                let message = match unreadable {
                    Some((path, reason)) => {
                        format!("the file of module `{module}`, `{path}`, {reason}")
                    }
                    None => format!(
                        "file not found for module `{module}` (looked for {})",
                        tried.join(" and ")
                    ),
                };
                self.lock().failures.push(ParseFailure {
                    message,
                    location: Some(location),
                    path: declaring_file,
                });
            }
            return;
        };
        let path = &candidate.path;
        let canonical = path.canonicalize().unwrap_or_else(|_| path.clone());
        if !self.lock().claimed.insert((crate_index, canonical.clone())) {
            return;
        }
        let Some((file_id, source)) = self.read_source(path, canonical) else {
            return;
        };
        let root = &self.crates[crate_index];
        let cached = self.options.facts_cache.and_then(|cache| {
            let relative_files = FactsCache::relative_files(file_id, &inherited_allows);
            let inputs = FactsInputs {
                digest: source.digest()?,
                path,
                module_path: &module_path,
                owns_directory: candidate.owns_directory,
                cfg: &self.cfg_keys[crate_index],
                extra_categories: self.options.extra_categories,
                extra_purposes: self.options.extra_purposes,
                inherited_allows: &inherited_allows,
            };
            let key = cache.key(&inputs, &relative_files)?;
            Some((cache, key, relative_files))
        });
        let loaded = cached
            .as_ref()
            .and_then(|(cache, key, relative_files)| cache.load(*key, relative_files));
        let file_facts = match loaded {
            Some(file_facts) => file_facts,
            None => {
                let syntax = match parse_rust(source.text(), &self.cfg[crate_index]) {
                    Ok(syntax) => syntax,
                    Err(problem) => {
                        let span = source.text_span(file_id, problem.span);
                        let location = source.location_of_range(
                            file_id,
                            span.start as usize,
                            span.end as usize,
                        );
                        self.fail(file_id, source, problem.message, Some(location));
                        return;
                    }
                };
                let file_facts = facts::collect(
                    &syntax,
                    FilePlace {
                        file: file_id,
                        source: &source,
                        module_path,
                        owns_directory: candidate.owns_directory,
                        inherited_allows,
                    },
                    &CollectOptions {
                        cfg: &self.cfg[crate_index],
                        extra_categories: self.options.extra_categories,
                        extra_purposes: self.options.extra_purposes,
                    },
                );
                drop(syntax);
                // The spans of this file are gone with its tree; free their line tables too.
                proc_macro2::extra::invalidate_current_thread_spans();
                if let Some((cache, key, relative_files)) = &cached {
                    cache.store(*key, relative_files, &file_facts);
                }
                file_facts
            }
        };
        if root.follow_modules {
            for declaration in &file_facts.module_files {
                let span = declaration.span;
                let location =
                    source.location_of_range(span.file, span.start as usize, span.end as usize);
                if declaration.module_path.len() > MAX_MODULE_DEPTH {
                    self.lock().failures.push(ParseFailure {
                        message: format!(
                            "modules nest deeper than {MAX_MODULE_DEPTH} levels here; this \
                             module and those below it are not analysed"
                        ),
                        location: Some(location),
                        path: source.display_path.clone(),
                    });
                    continue;
                }
                // Only a required file is reported missing.
                let declared_at = declaration
                    .required
                    .then(|| (location, source.display_path.clone()));
                let candidates = declaration.candidates.clone();
                let module_path = declaration.module_path.clone();
                let allows = declaration.allows.clone();
                scope.spawn(move |scope| {
                    self.parse_module(
                        scope,
                        crate_index,
                        candidates,
                        module_path,
                        declared_at,
                        allows,
                    )
                });
            }
        }
        // Facts are all the later stages need; the text is read again if a report quotes it.
        let mut source = source;
        source.release_text();
        let mut state = self.lock();
        state.files.push((file_id, source));
        state.facts.push((crate_index, file_facts));
    }

    /// Reads a file as UTF-8 text that syn can safely parse; reports it otherwise.
    fn read_source(&self, path: &Path, canonical: PathBuf) -> Option<(FileId, SourceFile)> {
        let bytes = match read_file(path) {
            FileRead::Bytes(bytes) => bytes,
            FileRead::TooLarge(size) => {
                let message = format!(
                    "file is larger than {} MiB ({:.1} MiB); it is not analysed",
                    MAX_FILE_BYTES / (1024 * 1024),
                    size as f64 / (1024.0 * 1024.0)
                );
                self.fail_unread(path, canonical, message, FileDigest::TooLarge(size));
                return None;
            }
            FileRead::Failed(error) => {
                let message = format!("cannot read file: {error}");
                self.fail_unread(path, canonical, message, FileDigest::Unreadable);
                return None;
            }
        };
        let digest = FileDigest::of_bytes(&bytes);
        let (text, invalid_at) = text_of_bytes(bytes);
        let (file_id, source) = self.register_file(path, canonical, text, digest);
        match invalid_at {
            None => Some((file_id, source)),
            Some(valid_up_to) => {
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

    /// A file that could not be read: it is reported at its start, with no text to show.
    fn fail_unread(&self, path: &Path, canonical: PathBuf, message: String, digest: FileDigest) {
        let (file_id, source) = self.register_file(path, canonical, Arc::from(""), digest);
        let location = source.location_of_range(file_id, 0, 0);
        self.fail(file_id, source, message, Some(location));
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

/// What reading a source file gave.
pub enum FileRead {
    Bytes(Vec<u8>),
    /// Over [`MAX_FILE_BYTES`]: not read.
    TooLarge(u64),
    Failed(std::io::Error),
}

/// Reads a source file as the parse stage does: a file over [`MAX_FILE_BYTES`] is not read.
pub fn read_file(path: &Path) -> FileRead {
    let size = std::fs::metadata(path).map_or(0, |metadata| metadata.len());
    if size > MAX_FILE_BYTES {
        return FileRead::TooLarge(size);
    }
    match std::fs::read(path) {
        Ok(bytes) => FileRead::Bytes(bytes),
        Err(error) => FileRead::Failed(error),
    }
}

impl FileRead {
    /// The digest the parse stage records for this read.
    pub fn digest(&self) -> FileDigest {
        match self {
            FileRead::Bytes(bytes) => FileDigest::of_bytes(bytes),
            FileRead::TooLarge(size) => FileDigest::TooLarge(*size),
            FileRead::Failed(_) => FileDigest::Unreadable,
        }
    }
}

/// A file's bytes as the text the scan works on: UTF-8 without a byte-order mark (a BOM is
/// not part of the text; without it, spans and bytes agree), or, when the bytes are not
/// UTF-8, the lossy text and where the first invalid byte is.
pub fn text_of_bytes(bytes: Vec<u8>) -> (Arc<str>, Option<usize>) {
    match String::from_utf8(bytes) {
        Ok(text) => (
            Arc::from(text.strip_prefix('\u{feff}').unwrap_or(&text)),
            None,
        ),
        Err(error) => {
            let valid_up_to = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            (Arc::from(text), Some(valid_up_to))
        }
    }
}

/// Why a file's text is not a syntax tree, and where.
struct SyntaxProblem {
    message: String,
    span: proc_macro2::Span,
}

impl SyntaxProblem {
    fn at(span: proc_macro2::Span, message: String) -> Self {
        SyntaxProblem { message, span }
    }
}

/// Parses a file's text like `syn::parse_file`, refusing first what nests too deep for syn's
/// recursive descent (see [`nesting_problem`]). proc-macro2 lexes (and drops) token trees
/// without recursion, so the depth is measured on real tokens: brackets in strings and
/// comments do not count.
///
/// Items that `cfg` leaves out of the scan are cut from the tokens first (see
/// [`without_excluded_items`]): syn need not build, nor the thread drop, what no stage reads,
/// and the nesting check need not read it.
fn parse_rust(text: &str, cfg: &CfgOptions) -> Result<syn::File, SyntaxProblem> {
    let text = blank_out_shebang(text);
    let tokens: proc_macro2::TokenStream =
        text.parse().map_err(|error: proc_macro2::LexError| {
            SyntaxProblem::at(error.span(), format!("syntax error: {error}"))
        })?;
    // The cut is found on tokens, without a grammar; should it ever cut an item in the wrong
    // place, the rest does not parse, and the whole file is parsed as it is.
    if let Some(stripped) = without_excluded_items(&tokens, cfg, 0) {
        if nesting_problem(&stripped).is_none() {
            if let Ok(syntax) = syn::parse2::<syn::File>(stripped) {
                return Ok(syntax);
            }
        }
    }
    if let Some((span, message)) = nesting_problem(&tokens) {
        return Err(SyntaxProblem::at(span, message));
    }
    syn::parse2(tokens)
        .map_err(|error| SyntaxProblem::at(error.span(), format!("syntax error: {error}")))
}

/// The tokens of a file without the items whose `#[cfg]` attributes leave them out of the scan
/// (`#[cfg(test)] mod tests { .. }` unless tests are included), also inside inline modules and
/// impl blocks; `None` when there is none. The fact collector skips such items anyway, so
/// this changes no fact, only what syn has to parse: on the real-world test bed 15-30% of
/// the bytes are inline test modules.
///
/// At item level, every `#` followed by a `[..]` group starts an attribute, and an item ends
/// at its first `;` or `{..}` group, except `use`, `const`, `static` and `type` items, which
/// end at their first `;`.
fn without_excluded_items(
    tokens: &proc_macro2::TokenStream,
    cfg: &CfgOptions,
    depth: usize,
) -> Option<proc_macro2::TokenStream> {
    use proc_macro2::{Delimiter, TokenTree};
    // Runs before the nesting check: modules nested deeper are left for it to refuse.
    if depth > MAX_NESTING {
        return None;
    }
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let is_punct = |tree: Option<&TokenTree>, char: char| matches!(tree, Some(TokenTree::Punct(punct)) if punct.as_char() == char);
    let is_ident = |tree: Option<&TokenTree>, word: &str| matches!(tree, Some(TokenTree::Ident(ident)) if ident == word);
    let attribute_at = |index: usize| match trees.get(index + 1) {
        Some(TokenTree::Group(group))
            if is_punct(trees.get(index), '#') && group.delimiter() == Delimiter::Bracket =>
        {
            Some(group)
        }
        _ => None,
    };
    let excludes = |index: usize, group: &proc_macro2::Group| {
        let mut inside = group.stream().into_iter();
        if !is_ident(inside.next().as_ref(), "cfg") {
            return false;
        }
        let attribute: proc_macro2::TokenStream = trees[index..index + 2].iter().cloned().collect();
        syn::parse::Parser::parse2(syn::Attribute::parse_outer, attribute)
            .is_ok_and(|attributes| cfg.presence(&attributes) == Presence::Never)
    };
    // Where the item starting at `start` (after its attributes) ends, one past its last token.
    let item_end = |start: usize| {
        let mut first = start;
        if is_ident(trees.get(first), "pub") {
            first += 1;
            if matches!(trees.get(first), Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Parenthesis)
            {
                first += 1;
            }
        }
        let const_item = is_ident(trees.get(first), "const")
            && !["fn", "unsafe", "async", "extern"]
                .iter()
                .any(|word| is_ident(trees.get(first + 1), word));
        let ends_at_semicolon = const_item
            || ["use", "static", "type"]
                .iter()
                .any(|word| is_ident(trees.get(first), word));
        (first..trees.len())
            .find(|&index| match &trees[index] {
                TokenTree::Punct(punct) => punct.as_char() == ';',
                TokenTree::Group(group) => {
                    group.delimiter() == Delimiter::Brace && !ends_at_semicolon
                }
                _ => false,
            })
            .map_or(trees.len(), |index| index + 1)
    };
    let mut kept: Vec<TokenTree> = Vec::with_capacity(trees.len());
    let mut changed = false;
    // The first keyword of the item being copied: a `mod` or `impl` body holds items too.
    let mut item_keyword: Option<&'static str> = None;
    let mut index = 0;
    while index < trees.len() {
        if attribute_at(index).is_some() {
            let start = index;
            let mut excluded = false;
            while let Some(group) = attribute_at(index) {
                excluded |= excludes(index, group);
                index += 2;
            }
            if excluded {
                index = item_end(index);
                changed = true;
                item_keyword = None;
            } else {
                kept.extend(trees[start..index].iter().cloned());
            }
            continue;
        }
        let tree = &trees[index];
        index += 1;
        match tree {
            TokenTree::Ident(ident) if item_keyword.is_none() => {
                item_keyword = [
                    "mod", "impl", "fn", "struct", "enum", "union", "trait", "use",
                ]
                .into_iter()
                .find(|word| ident == word);
            }
            TokenTree::Punct(punct) if punct.as_char() == ';' => item_keyword = None,
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                let holds_items = matches!(item_keyword, Some("mod" | "impl"));
                item_keyword = None;
                if holds_items {
                    if let Some(stream) = without_excluded_items(&group.stream(), cfg, depth + 1) {
                        let mut stripped = proc_macro2::Group::new(Delimiter::Brace, stream);
                        stripped.set_span(group.span());
                        kept.push(TokenTree::Group(stripped));
                        changed = true;
                        continue;
                    }
                }
            }
            _ => {}
        }
        kept.push(tree.clone());
    }
    changed.then(|| kept.into_iter().collect())
}

/// A `#!` first line (not `#![attr]`) is not Rust tokens; its bytes become spaces so every
/// other byte stays where it was.
fn blank_out_shebang(text: &str) -> std::borrow::Cow<'_, str> {
    let shebang = text.starts_with("#!") && !text[2..].trim_start().starts_with('[');
    if !shebang {
        return std::borrow::Cow::Borrowed(text);
    }
    let line_end = text.find('\n').unwrap_or(text.len());
    let mut blanked = " ".repeat(line_end);
    blanked.push_str(&text[line_end..]);
    std::borrow::Cow::Owned(blanked)
}

/// Where the tokens are too many ([`MAX_TOKENS`]) or nest deeper than syn can parse on the
/// worker stack, and why: brackets deeper than [`MAX_NESTING`], or an upper bound of the
/// syntax tree's depth over [`MAX_UNBRACKETED_DEPTH`]. Operators, `else if`, `&` and generic
/// types nest without brackets, one level per token at most, so the bound counts the tokens of
/// each run that can form one expression, type or statement (ended by `;`, `,`, or a `{..}`
/// that is not followed by `else`, `.`, `?`, `as` or an operator), added up over the runs of
/// the enclosing groups. The links of a method chain (`.name(..)`, `.await`, `?`) count
/// nothing: syn parses them in a loop, and the analysis follows a chain of any length.
fn nesting_problem(tokens: &proc_macro2::TokenStream) -> Option<(proc_macro2::Span, String)> {
    use proc_macro2::{Delimiter, TokenTree};
    struct Frame {
        trees: proc_macro2::token_stream::IntoIter,
        /// The depth bound where this group starts, and the run within it so far.
        base: usize,
        run: usize,
        brackets: usize,
        after_braces: bool,
        /// Where the last tokens stand in a chain link (`.name(..)`, `.await`, `?`).
        link: ChainLink,
    }
    /// syn parses method chains, `.await` and `?` in a loop, and the later stages follow a
    /// chain without one recursion per link: a link adds no depth.
    #[derive(Clone, Copy, PartialEq)]
    enum ChainLink {
        Outside,
        AfterDot,
        AfterName,
    }
    let mut tokens_seen = 0usize;
    let continues_after_braces = |tree: &TokenTree| match tree {
        TokenTree::Ident(ident) => ident == "else" || ident == "as",
        TokenTree::Punct(punct) => !matches!(punct.as_char(), '#' | ';' | ','),
        _ => false,
    };
    let mut frames = vec![Frame {
        trees: tokens.clone().into_iter(),
        base: 0,
        run: 0,
        brackets: 0,
        after_braces: false,
        link: ChainLink::Outside,
    }];
    let mut previous_joint_dot = false;
    while let Some(frame) = frames.last_mut() {
        let Some(tree) = frame.trees.next() else {
            frames.pop();
            continue;
        };
        tokens_seen += 1;
        if tokens_seen > MAX_TOKENS {
            return Some((
                tree.span(),
                format!(
                    "the file has more than {} tokens; it is not analysed (it would take more \
                     than a gigabyte of memory)",
                    crate::incomplete::thousands(MAX_TOKENS as u64)
                ),
            ));
        }
        if frame.after_braces && !continues_after_braces(&tree) {
            frame.run = 0;
        }
        frame.after_braces = false;
        if let TokenTree::Punct(punct) = &tree {
            if matches!(punct.as_char(), ';' | ',') {
                frame.run = 0;
                continue;
            }
        }
        // A `.` alone (not of `..`), the name after it and the arguments after that, and `?`.
        let in_link = match (&tree, frame.link) {
            (TokenTree::Punct(punct), _) if punct.as_char() == '?' => true,
            (TokenTree::Punct(punct), _) if punct.as_char() == '.' => {
                let alone = punct.spacing() == proc_macro2::Spacing::Alone && !previous_joint_dot;
                previous_joint_dot = punct.spacing() == proc_macro2::Spacing::Joint;
                frame.link = if alone {
                    ChainLink::AfterDot
                } else {
                    ChainLink::Outside
                };
                alone
            }
            (TokenTree::Ident(_), ChainLink::AfterDot) => {
                frame.link = ChainLink::AfterName;
                true
            }
            (TokenTree::Group(group), ChainLink::AfterName) => {
                frame.link = ChainLink::Outside;
                group.delimiter() == Delimiter::Parenthesis
            }
            _ => {
                frame.link = ChainLink::Outside;
                false
            }
        };
        if !matches!(&tree, TokenTree::Punct(punct) if punct.as_char() == '.') {
            previous_joint_dot = false;
        }
        if !in_link {
            frame.run += 1;
        }
        let depth = frame.base + frame.run;
        if depth > MAX_UNBRACKETED_DEPTH {
            return Some((
                tree.span(),
                format!(
                    "code nests deeper than {} levels here (operators, calls, types or branches \
                     inside each other); the file is not analysed",
                    crate::incomplete::thousands(MAX_UNBRACKETED_DEPTH as u64)
                ),
            ));
        }
        if let TokenTree::Group(group) = tree {
            let brackets = frame.brackets + 1;
            if brackets > MAX_NESTING {
                return Some((
                    group.span_open(),
                    format!(
                        "brackets nest deeper than {} levels; the file is not analysed",
                        crate::incomplete::thousands(MAX_NESTING as u64)
                    ),
                ));
            }
            frame.after_braces = group.delimiter() == Delimiter::Brace;
            frames.push(Frame {
                trees: group.stream().into_iter(),
                link: ChainLink::Outside,
                base: depth,
                run: 0,
                brackets,
                after_braces: false,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file's tokens without the excluded items, as text (`None`: nothing cut).
    fn stripped(text: &str, include_tests: bool) -> Option<String> {
        let cfg = CfgOptions {
            features: None,
            include_tests,
        };
        let tokens: proc_macro2::TokenStream = text.parse().unwrap();
        without_excluded_items(&tokens, &cfg, 0).map(|tokens| tokens.to_string())
    }

    #[test]
    fn test_items_are_cut_at_their_end_at_every_item_level() {
        let text = r#"
            #[cfg(test)] use a::{b, c};
            #[cfg(test)] pub(crate) const X: S = S { a: 1 };
            #[cfg(test)]
            #[allow(unused)]
            mod tests { fn f() {} }
            #[cfg(all(test, unix))] static Y: u8 = 0;
            fn kept() -> impl Fn() { || {} }
            mod inline {
                #[cfg(test)] mod tests;
                #[cfg(not(test))] fn kept() {}
            }
            unsafe impl<T> Tr for S<T> where T: Copy {
                #[cfg(test)] fn helper(&self) -> u8 { 1 }
                #[cfg(unix)] fn kept(&self) {}
            }
            #[cfg(test)] struct Tuple(u8);
            #[cfg(test)] enum E { A { x: u8 } }
            const KEPT: () = { #[cfg(test)] mod not_an_item_level {} };
        "#;
        let expected = "fn kept () -> impl Fn () { || { } } \
            mod inline { # [cfg (not (test))] fn kept () { } } \
            unsafe impl < T > Tr for S < T > where T : Copy { # [cfg (unix)] fn kept (& self) { } } \
            const KEPT : () = { # [cfg (test)] mod not_an_item_level { } } ;";
        assert_eq!(stripped(text, false).as_deref(), Some(expected));
    }

    #[test]
    fn nothing_is_cut_when_every_item_is_in_the_scan() {
        let text = "#[cfg(test)] mod tests { fn f() {} } #[cfg(unix)] fn g() {}";
        assert_eq!(stripped(text, true), None);
        assert_eq!(
            stripped("#[cfg(unix)] fn g() {} #[derive(Debug)] struct S;", false),
            None
        );
    }

    #[test]
    fn modules_nested_too_deep_are_refused_whether_or_not_something_is_cut() {
        let depth = MAX_NESTING + 10;
        let text = format!(
            "#[cfg(test)] mod tests {{}} {}{}",
            "mod a { ".repeat(depth),
            "}".repeat(depth)
        );
        let Err(problem) = parse_rust(&text, &CfgOptions::default()) else {
            panic!("a file nested this deep was parsed");
        };
        assert_eq!(
            problem.message,
            "brackets nest deeper than 1,000 levels; the file is not analysed"
        );
    }

    #[test]
    fn a_cut_that_leaves_no_file_is_undone_by_parsing_everything() {
        // The brace of a const generic argument is not the impl's body: the cut leaves tokens
        // that are no item, so the file is parsed whole, as before.
        let text = "#[cfg(test)] impl Foo<{ N }> { fn f() {} } fn kept() {}";
        assert!(stripped(text, false).is_some());
        let cfg = CfgOptions::default();
        let Ok(file) = parse_rust(text, &cfg) else {
            panic!("the file did not parse");
        };
        assert_eq!(file.items.len(), 2);
    }
}
