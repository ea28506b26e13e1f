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
pub mod parse;
pub mod progress;
pub mod propagate;
pub mod report;
pub mod resolve;
pub mod source;
#[path = "../consent/src/taxonomy.rs"]
pub mod taxonomy;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::discover::{DiscoverOptions, DiscoveryError};
use crate::facts::{AnnotationProblemKind, CollectOptions};
use crate::finding::{Finding, Level};
use crate::lints::LintLevels;
pub use crate::progress::{Progress, ProgressObserver};
use crate::resolve::Symbols;
use crate::source::SourceFiles;

/// What to scan and how.
#[derive(Debug, Clone, Default)]
pub struct ScanRequest {
    pub paths: Vec<PathBuf>,
    pub include_tests: bool,
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
    let discovered = discover::discover(
        &request.paths,
        &DiscoverOptions {
            include_tests: request.include_tests,
        },
    )?;
    progress::tell(
        &request.progress,
        Progress::Parsing {
            crates: discovered.crates.len(),
        },
    );
    let mut notes = discovered.warnings;
    let collect_options = CollectOptions {
        include_tests: request.include_tests,
        extra_categories: &[],
        extra_purposes: &[],
    };
    let parsed = parse::parse_crates(discovered.crates, &collect_options);
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
                        lints::unknown_category::finding(problem)
                    }
                    AnnotationProblemKind::UnknownPurpose => {
                        lints::unknown_purpose::finding(problem)
                    }
                });
            }
        }
    }

    let symbols = Symbols::build(&parsed.crates);
    let fns: Vec<_> = symbols.all_fns().collect();
    let analysed = AtomicUsize::new(0);
    let sink_findings: Vec<Finding> = fns
        .par_iter()
        .flat_map_iter(|&id| {
            let flows = propagate::analyse_fn(&symbols, id);
            let done = analysed.fetch_add(1, Ordering::Relaxed) + 1;
            progress::tell(
                &request.progress,
                Progress::Analysing {
                    done,
                    total: fns.len(),
                },
            );
            let enclosing_item = enclosing_item_name(&symbols, id);
            flows
                .sinks
                .into_iter()
                .filter_map(move |event| lints::check_sink(&event, &enclosing_item))
                .collect::<Vec<_>>()
        })
        .collect();
    findings.extend(sink_findings);

    for finding in &mut findings {
        finding.level =
            lints::find(finding.lint).map_or(finding.level, |lint| request.levels.level_of(lint));
    }
    findings.retain(|finding| finding.level != Level::Allow);
    let files = parsed.files;
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
        fns_analysed: fns.len(),
        files,
        findings,
        notes,
    })
}

/// `crate::module::Type::method`, the item a finding sits in (part of its fingerprint).
fn enclosing_item_name(symbols: &Symbols<'_>, id: resolve::FnId) -> String {
    let function = symbols.function(id);
    let mut parts = vec![symbols.crate_name(id.krate).to_string()];
    parts.extend(function.module.iter().cloned());
    parts.push(function.display_name());
    parts.join("::")
}
