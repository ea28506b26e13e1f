//! cargo-consent: finds personal data that reaches a third party without a consent check.
//!
//! The pipeline, one module per stage (see ARCHITECTURE.md):
//! [`discover`] → [`parse`] (which calls [`facts`] per file) → [`resolve`] → [`propagate`]
//! → [`guards`] → [`lints`] → [`report`]. [`scan`] runs it; [`cli`] is the command line.

pub mod baseline;
pub mod cli;
pub mod discover;
pub mod facts;
pub mod finding;
pub mod guards;
pub mod lints;
pub mod names;
pub mod parse;
pub mod progress;
pub mod propagate;
pub mod report;
pub mod resolve;
pub mod source;
#[path = "../consent/src/taxonomy.rs"]
pub mod taxonomy;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::discover::{DiscoverOptions, DiscoveryError};
use crate::facts::AnnotationProblemKind;
use crate::finding::{Finding, Level};
use crate::guards::entry::EntryGuards;
use crate::guards::{GuardSpace, GuardState};
use crate::lints::{LintInput, LintLevels};
use crate::parse::ParseOptions;
pub use crate::progress::{Progress, ProgressObserver};
use crate::resolve::effects::Effects;
use crate::resolve::sites::BodySites;
use crate::resolve::{FnId, Symbols};
use crate::source::SourceFiles;

/// What to scan and how.
#[derive(Debug, Clone, Default)]
pub struct ScanRequest {
    pub paths: Vec<PathBuf>,
    pub include_tests: bool,
    /// `--features`, `--all-features`, `--no-default-features`; `None`: every cfg branch.
    pub features: Option<discover::FeatureSelection>,
    pub levels: LintLevels,
    /// Told how far the scan is, for a progress bar; the library itself never prints.
    pub progress: Option<ProgressObserver>,
}

/// The outcome of a scan: findings (above `allow`), sorted, with the files they point into.
#[derive(Debug)]
pub struct ScanReport {
    pub files: SourceFiles,
    pub findings: Vec<Finding>,
    /// Things the user should know that are not findings (skipped members, unreadable files).
    pub notes: Vec<String>,
    pub crates_scanned: usize,
    pub fns_analysed: usize,
    /// How long each stage took (for the benchmark; not part of any output format).
    pub timings: StageTimings,
}

/// Wall time of each stage of one scan.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageTimings {
    pub discover: std::time::Duration,
    /// Reading files, parsing them with syn, and collecting their facts (in parallel).
    pub parse: std::time::Duration,
    /// The symbol index, annotation effects and every body's sites.
    pub resolve: std::time::Duration,
    pub propagate: std::time::Duration,
    /// Entry guards and the verdicts of every sink and obligation.
    pub guards: std::time::Duration,
}

impl ScanReport {
    pub fn count_at(&self, level: Level) -> usize {
        self.findings
            .iter()
            .filter(|finding| finding.level == level)
            .count()
    }
}

/// Stack of each worker thread. syn parses, and the analysis walks, expressions recursively;
/// machine-written code (a 5,000-term sum, a long `else if` chain) nests that deep without a
/// single bracket. The reservation is virtual: only the pages a deep file touches are used.
const WORKER_STACK_BYTES: usize = 512 * 1024 * 1024;

/// Runs the whole pipeline. Fails only when there is nothing it can scan.
pub fn scan(request: &ScanRequest) -> Result<ScanReport, DiscoveryError> {
    match rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK_BYTES)
        .build()
    {
        Ok(pool) => pool.install(|| scan_on_workers(request)),
        // No pool (threads limited by the OS): the global one still works, with less stack.
        Err(_) => scan_on_workers(request),
    }
}

fn scan_on_workers(request: &ScanRequest) -> Result<ScanReport, DiscoveryError> {
    let started = std::time::Instant::now();
    let mut timings = StageTimings::default();
    let discovered = discover::discover(
        &request.paths,
        &DiscoverOptions {
            include_tests: request.include_tests,
            features: request.features.clone(),
        },
    )?;
    progress::tell(
        &request.progress,
        Progress::Parsing {
            crates: discovered.crates.len(),
        },
    );
    let mut notes = discovered.warnings;
    let parse_options = ParseOptions {
        include_tests: request.include_tests,
        extra_categories: &[],
        extra_purposes: &[],
    };
    timings.discover = started.elapsed();
    let parsed = parse::parse_crates(discovered.crates, &parse_options);
    timings.parse = started.elapsed() - timings.discover;
    let files = parsed.files;
    let mut findings = Vec::new();
    for failure in &parsed.failures {
        match lints::parse_error::finding(failure) {
            Some(finding) => findings.push(finding),
            None => notes.push(format!("{}: {}", failure.path, failure.message)),
        }
    }
    for parsed_crate in &parsed.crates {
        for file in &parsed_crate.files {
            for problem in &file.annotation_problems {
                findings.push(match problem.kind {
                    AnnotationProblemKind::UnknownCategory => {
                        lints::unknown_category::finding(problem, &files)
                    }
                    AnnotationProblemKind::UnknownPurpose => {
                        lints::unknown_purpose::finding(problem, &files)
                    }
                });
            }
        }
    }

    let stage = std::time::Instant::now();
    let symbols = Symbols::build(&parsed.crates);
    let effects = Effects::build(&symbols);
    let sites: Vec<BodySites> = (0..symbols.fn_count() as u32)
        .into_par_iter()
        .map(|index| symbols.resolve_sites(&effects, FnId(index)))
        .collect();
    let space = guard_space(&effects);
    let base_guards = base_guards(&symbols, &effects, &sites, &space);
    timings.resolve = stage.elapsed();
    let stage = std::time::Instant::now();
    let total = symbols.fn_count();
    let walked = |done: usize| {
        progress::tell(&request.progress, Progress::Analysing { done, total });
    };
    let propagation =
        propagate::propagate(&symbols, &effects, &sites, &space, &base_guards, &walked);
    timings.propagate = stage.elapsed();
    let stage = std::time::Instant::now();
    let entry = EntryGuards::compute(&propagation, &base_guards);
    let analysed = lints::analysis_findings(&LintInput {
        files: &files,
        symbols: &symbols,
        effects: &effects,
        propagation: &propagation,
        entry: &entry,
        space: &space,
    });
    findings.extend(suppress(analysed, &symbols, &files));

    timings.guards = stage.elapsed();
    for finding in &mut findings {
        finding.level =
            lints::find(finding.lint).map_or(finding.level, |lint| request.levels.level_of(lint));
    }
    findings.retain(|finding| finding.level != Level::Allow);
    findings.sort_by(|a, b| {
        let key = |finding: &Finding| {
            (
                files.get(finding.location.file).display_path.clone(),
                finding.location.line,
                finding.location.column,
                finding.lint,
                finding.message.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    // A module shared by a package's lib and bin targets is analysed in both; report it once.
    findings.dedup_by(|later, earlier| {
        later.location == earlier.location && later.lint == earlier.lint
    });
    notes.sort();
    notes.dedup();
    Ok(ScanReport {
        crates_scanned: parsed.crates.len(),
        fns_analysed: symbols.fn_count(),
        timings,
        files,
        findings,
        notes,
    })
}

/// Drops the findings a `#[consent::allow]` in force covers, and reports every allow that
/// covered nothing (`unused_allow`). An allow is one per place in the source: a module
/// shared by a lib and a bin target is one file, analysed twice.
fn suppress(
    findings: Vec<(Finding, FnId)>,
    symbols: &Symbols<'_>,
    files: &SourceFiles,
) -> Vec<Finding> {
    let mut used: std::collections::HashSet<source::TextSpan> = std::collections::HashSet::new();
    let mut kept = Vec::new();
    for (finding, scope) in findings {
        let file = symbols.fn_file(scope);
        let covering = symbols
            .function(scope)
            .allows
            .iter()
            .map(|&index| &file.allows[index as usize])
            .find(|allow| allow.lint.replace('-', "_") == finding.lint);
        match covering {
            Some(allow) => {
                used.insert(allow.span);
            }
            None => kept.push(finding),
        }
    }
    let mut unused: Vec<&facts::AllowFacts> = symbols
        .all_files()
        .flat_map(|file| file.allows.iter())
        .filter(|allow| !used.contains(&allow.span))
        .collect();
    unused.sort_by_key(|allow| allow.span);
    unused.dedup_by_key(|allow| allow.span);
    kept.extend(
        unused
            .into_iter()
            .map(|allow| lints::unused_allow::finding(allow, files)),
    );
    kept
}

/// The purposes and recipients that checks and sinks name: the pairs guards are about.
fn guard_space(effects: &Effects) -> GuardSpace {
    let mut purposes: Vec<String> = taxonomy::BUILTIN_PURPOSES
        .iter()
        .map(|purpose| purpose.to_string())
        .collect();
    let mut recipients = Vec::new();
    for function in &effects.fns {
        for sink in &function.sinks {
            purposes.push(sink.purpose.clone());
            recipients.push(sink.recipient.clone());
        }
        if let Some(check) = &function.check {
            purposes.extend(check.purpose.clone());
            recipients.extend(check.recipient.clone());
        }
        purposes.extend(function.requires.iter().cloned());
    }
    for type_effects in &effects.types {
        purposes.extend(type_effects.token.clone());
        for field in &type_effects.fields {
            if let Some(check) = &field.check {
                purposes.extend(check.purpose.clone());
                recipients.extend(check.recipient.clone());
            }
        }
    }
    GuardSpace::new(purposes, recipients)
}

/// What each fn guarantees for itself: a `requires` fn runs only where its purpose was
/// checked, a fn holding a token parameter has consent for the token's purpose, and a check
/// fn is the authority that hands tokens out.
fn base_guards(
    symbols: &Symbols<'_>,
    effects: &Effects,
    sites: &[BodySites],
    space: &GuardSpace,
) -> Vec<GuardState> {
    symbols
        .all_fns()
        .map(|id| {
            let mut guard = GuardState::default();
            let fn_effects = effects.of_fn(id);
            for purpose in &fn_effects.requires {
                guard.add(&GuardState::from_bits(space.purpose_bits(purpose)));
            }
            if let Some(check) = &fn_effects.check {
                guard.add(&GuardState::from_bits(space.check_bits(check)));
            }
            let function = symbols.function(id);
            let body_sites = &sites[id.0 as usize];
            if let Some(body) = &function.body {
                for pattern in &body.params {
                    for binding in &pattern.bindings {
                        let ty = &body_sites.local_types[binding.local as usize];
                        if let Some(purpose) = effects.token_purpose(symbols, ty) {
                            guard.add(&GuardState::from_bits(space.purpose_bits(&purpose)));
                        }
                    }
                }
            }
            guard
        })
        .collect()
}
