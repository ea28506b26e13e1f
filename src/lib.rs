//! cargo-consent: finds personal data that reaches a third party without a consent check.
//!
//! The pipeline, one module per stage (see ARCHITECTURE.md):
//! [`discover`] → [`parse`] (which calls [`facts`] per file) → [`resolve`] → [`propagate`]
//! → [`guards`] → [`lints`] → ([`map`], for `cargo consent map`) → [`report`]. [`scan`] runs
//! it; [`cli`] is the command line.

pub mod baseline;
pub mod cache;
pub mod cli;
pub mod config;
pub mod discover;
pub mod facts;
pub mod finding;
pub mod guards;
pub mod incomplete;
pub mod lints;
pub mod map;
pub mod memory;
pub mod names;
pub mod parse;
pub mod progress;
pub mod propagate;
pub mod report;
pub mod resolve;
pub mod source;
pub mod store;
#[path = "../consent/src/taxonomy.rs"]
pub mod taxonomy;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::discover::{DiscoverOptions, DiscoveryError};
use crate::facts::AnnotationProblemKind;
use crate::finding::{Finding, Level};
use crate::guards::entry::EntryGuards;
use crate::lints::{LintInput, LintLevels};
use crate::parse::ParseOptions;
pub use crate::progress::{Progress, ProgressObserver};
use crate::propagate::guard::{GuardSpace, GuardState};
pub use crate::report::{ScanReport, StageTimings};
use crate::resolve::configured::{self, Configured};
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
    /// `--config FILE`, read after the configs found next to the packages.
    pub config_file: Option<PathBuf>,
    /// `--no-catalog`: the catalog of popular crates does not apply.
    pub no_catalog: bool,
    /// Also note catalog entries no call matched (how the tests prove each entry is exercised).
    pub catalog_coverage: bool,
    /// Also build the data map (`cargo consent map`) from the analysis.
    pub data_map: bool,
    /// Also print these intermediate results into [`ScanReport::dump`] (hidden `--dump`).
    pub dump: Option<propagate::dump::DumpParts>,
    /// Where the run cache is (`Off` by default: the command line turns it on).
    pub cache: cache::CacheLocation,
}

/// Why a scan could not be done at all (exit status 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ScanError {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Discovery(#[from] DiscoveryError),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(#[from] Box<config::ConfigError>),
    /// Not one file to read: an empty directory, a workspace whose members are all missing.
    #[error("nothing to scan in {paths}: {reason}")]
    #[diagnostic(code(cargo_consent::nothing_to_scan))]
    NothingToScan { paths: String, reason: String },
}

/// Records the memory figures of the stage that just ended (`stage` picks its field): the peak
/// resident memory so far, and, where the allocator counts it, what is alive and the most that
/// was.
fn record_stage_memory(
    timings: &mut report::StageTimings,
    stage: fn(&mut report::StagePeaks) -> &mut Option<u64>,
) {
    let live = memory::live_heap_kib();
    *stage(&mut timings.peak_kib) = memory::peak_resident_kib();
    *stage(&mut timings.live_kib) = live.map(|(alive, _)| alive);
    *stage(&mut timings.most_live_kib) = live.map(|(_, most)| most);
}

/// Runs the whole pipeline. Fails only when there is nothing it can scan.
pub fn scan(request: &ScanRequest) -> Result<ScanReport, ScanError> {
    on_worker_pool(None, || scan_on_workers(request))
}

/// Runs `work` on the pool the scan uses: all cores (or `threads`), each with a stack deep
/// enough for syn. Public for the benchmark, whose bare parse must run on the same pool.
pub fn on_worker_pool<T: Send>(threads: Option<usize>, work: impl FnOnce() -> T + Send) -> T {
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(memory::WORKER_STACK_BYTES);
    if let Some(threads) = threads {
        builder = builder.num_threads(threads);
    }
    match builder.build() {
        Ok(pool) => pool.install(work),
        // No pool (threads limited by the OS): the global one still works, with less stack.
        Err(_) => work(),
    }
}

fn scan_on_workers(request: &ScanRequest) -> Result<ScanReport, ScanError> {
    let started = std::time::Instant::now();
    let mut timings = StageTimings::default();
    let discover_options = |include_tests| DiscoverOptions {
        include_tests,
        features: request.features.clone(),
    };
    let mut discovered =
        discover::discover(&request.paths, &discover_options(request.include_tests))?;
    let config = load_config(request, &discovered)?;
    // `[scan] include_tests = true` in the config: the test targets are wanted too.
    let include_tests = request.include_tests || config.include_tests == Some(true);
    if include_tests && !request.include_tests {
        discovered = discover::discover(&request.paths, &discover_options(true))?;
    }
    if discovered.crates.is_empty() {
        return Err(nothing_to_scan(&request.paths, &discovered));
    }
    let levels = request.levels.clone().with_config(&config.lint_levels);
    let working_directory = std::env::current_dir().unwrap_or_default();
    // A dump shows the analysis itself: it is never answered from the cache.
    let cache_location = match request.dump {
        Some(_) => cache::CacheLocation::Off,
        None => request.cache.clone(),
    };
    let mut run_cache = cache::RunCache::new(
        &cache_location,
        discovered.workspace_root.as_deref(),
        &cache::KeyInputs {
            request: format!(
                "{:?}",
                (
                    &request.paths,
                    include_tests,
                    &request.features,
                    &levels,
                    &request.config_file,
                    request.no_catalog,
                    request.catalog_coverage,
                    request.data_map,
                )
            ),
            discovered: format!(
                "{:?}",
                (
                    &discovered.crates,
                    &discovered.warnings,
                    &discovered.problems,
                    &discovered.dependencies,
                    &discovered.declared_features,
                    &discovered.package_roots,
                )
            ),
            config: format!("{config:?}"),
            working_directory: &working_directory,
        },
    );
    if let Some(run_cache) = &mut run_cache {
        if let Some(mut report) = run_cache.load() {
            timings.discover = started.elapsed();
            report.timings = timings;
            return Ok(report);
        }
        // A damaged entry was discarded: the scan below says so in its notes.
    }
    progress::tell(
        &request.progress,
        Progress::Parsing {
            crates: discovered.crates.len(),
        },
    );
    let mut notes = discovered.warnings;
    let manifest_problems = discovered.problems;
    let facts_cache = run_cache
        .as_ref()
        .map(|run_cache| store::FactsCache::new(run_cache.directory()));
    let parse_options = ParseOptions {
        include_tests,
        extra_categories: &config.categories,
        extra_purposes: &config.purposes,
        exclude: &config.exclude,
        facts_cache: facts_cache.as_ref(),
    };
    timings.discover = started.elapsed();
    let mut parsed = parse::parse_crates(discovered.crates, &parse_options);
    let probed: Vec<PathBuf> = match run_cache {
        Some(_) => probed_paths(&parsed),
        None => Vec::new(),
    };
    timings.parse = started.elapsed() - timings.discover;
    record_stage_memory(&mut timings, |peaks| &mut peaks.parse);
    notes.extend(exclude_notes(&config.exclude, &parsed.unused_excludes));
    let mut files = parsed.files;
    let mut findings = Vec::new();
    for problem in &manifest_problems {
        findings.push(lints::parse_error::manifest_finding(problem, &mut files));
    }
    for failure in &parsed.failures {
        match lints::parse_error::finding(failure) {
            Some(finding) => findings.push(finding),
            None => notes.push(format!("{}: {}", failure.path, failure.message)),
        }
    }
    for parsed_crate in &parsed.crates {
        for file in &parsed_crate.files {
            for incomplete in &file.cut_short {
                findings.push(lints::parse_error::cut_short_finding(incomplete, &files));
            }
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
    let crate_count = parsed.crates.len();
    let symbols = Symbols::build(&mut parsed.crates);
    let configured = Configured::build(&symbols, &config, &discovered.dependencies);
    let effects = Effects::build(&symbols, &configured);
    let mut sites: Vec<BodySites> = symbols
        .par_fns()
        .map(|id| symbols.resolve_sites(&effects, &configured, id))
        .collect();
    let space = guard_space(&symbols, &effects, &config);
    let base_guards = base_guards(&symbols, &effects, &configured, &sites, &space);
    timings.resolve = stage.elapsed();
    record_stage_memory(&mut timings, |peaks| &mut peaks.resolve);
    let stage = std::time::Instant::now();
    let total = symbols.fn_count();
    let walked = |done: usize| {
        progress::tell(&request.progress, Progress::Analysing { done, total });
    };
    let suspect_names =
        levels.level_of(&lints::possible_personal_data::LINT) != finding::Level::Allow;
    // Read from every fn's sites before propagation frees those no walk reads.
    let construction_places = guards::made_under::construction_places(&sites);
    let propagation = propagate::propagate(
        &propagate::Program {
            symbols: &symbols,
            effects: &effects,
            space: &space,
            base_guards: &base_guards,
            configured: &configured,
            suspect_names,
            keep_for_dump: request.dump.is_some(),
            keep_walk_inputs: request.dump.is_some() || request.data_map,
        },
        &mut sites,
        &walked,
    );
    timings.propagate = stage.elapsed();
    record_stage_memory(&mut timings, |peaks| &mut peaks.propagate);
    let dump = request.dump.map(|parts| {
        propagate::dump::dump(
            &propagate::dump::DumpInput {
                files: &files,
                symbols: &symbols,
                propagation: &propagation,
                space: &space,
            },
            parts,
        )
    });
    let mut cut_short: Vec<&incomplete::Incomplete> = propagation
        .outcomes
        .iter()
        .flat_map(|outcome| &outcome.cut_short)
        .collect();
    cut_short.sort();
    cut_short.dedup();
    findings.extend(
        cut_short
            .into_iter()
            .map(|incomplete| lints::parse_error::cut_short_finding(incomplete, &files)),
    );
    let stage = std::time::Instant::now();
    let entry = EntryGuards::compute(&propagation, &base_guards);
    // Methods of a type whose every value is made under a check run under it; with those
    // facts at their entry, the callers' guarantees are computed again.
    let made_under =
        guards::made_under::method_guards(&symbols, &construction_places, &propagation, &entry);
    let entry = if made_under.is_empty() {
        entry
    } else {
        let mut guarded_base = base_guards.clone();
        for (id, facts) in &made_under {
            guarded_base[id.0 as usize].add(facts);
        }
        EntryGuards::compute(&propagation, &guarded_base)
    };
    let lint_input = LintInput {
        files: &files,
        symbols: &symbols,
        effects: &effects,
        propagation: &propagation,
        entry: &entry,
        space: &space,
    };
    let judged = lints::sinks::judged_sinks(&lint_input);
    let obligations = lints::sinks::judged_obligations(&lint_input);
    let analysed = lints::analysis_findings(&lint_input, &judged, &obligations);
    findings.extend(suppress(
        analysed,
        &symbols,
        &configured,
        &files,
        &levels,
        &mut notes,
    ));
    notes.extend(unmatched_config(
        &configured,
        &propagation,
        &sites,
        request.catalog_coverage,
    ));

    timings.guards = stage.elapsed();
    record_stage_memory(&mut timings, |peaks| &mut peaks.guards);
    for finding in &mut findings {
        finding.level =
            lints::find(finding.lint).map_or(finding.level, |lint| levels.level_of(lint));
    }
    findings.retain(|finding| finding.level != Level::Allow);
    findings.sort_by(|a, b| {
        let path = |finding: &Finding| files.get(finding.location.file).display_path.as_str();
        let key = (
            path(a),
            a.location.line,
            a.location.column,
            a.lint,
            &a.message,
        );
        key.cmp(&(
            path(b),
            b.location.line,
            b.location.column,
            b.lint,
            &b.message,
        ))
    });
    // A module shared by a package's lib and bin targets is analysed in both; report it once.
    findings.dedup_by(|later, earlier| {
        later.location == earlier.location && later.lint == earlier.lint
    });
    finding::number_twins(&mut findings);
    let unreadable = symbols.bodies().unreadable();
    if unreadable > 0 {
        notes.push(format!(
            "a packed fn body could not be read back ({unreadable} times; a bug in cargo-consent, \
             please report it): those fns were analysed as if they had no body"
        ));
    }
    notes.sort();
    notes.dedup();
    let stage = std::time::Instant::now();
    let data_map = request.data_map.then(|| {
        map::build::build(&map::build::MapInput {
            lint: &lint_input,
            judged: &judged,
            obligations: &obligations,
            configured: &configured,
            sites: &sites,
            findings: &findings,
            notes: &notes,
            crates: crate_count,
        })
    });
    timings.map = stage.elapsed();
    let mut report = ScanReport {
        crates_scanned: crate_count,
        fns_analysed: symbols.fn_count(),
        timings,
        files,
        findings,
        notes,
        data_map,
        dump,
    };
    if let Some(mut run_cache) = run_cache {
        run_cache.store(&report, &probed);
        let mut added = run_cache.notes;
        added.extend(
            facts_cache
                .map(|cache| cache.take_notes())
                .unwrap_or_default(),
        );
        add_notes(&mut report, added);
    }
    // Not waited for: the process may exit first, as rustc leaves its arenas to the OS.
    let bodies = symbols.into_bodies();
    let _ = memory::drop_in_background((propagation, sites, bodies, parsed.crates));
    Ok(report)
}

/// Every path the module trees looked at for a file (crate roots, and each `mod` item's
/// candidates): a file that appears or disappears there changes what is scanned.
fn probed_paths(parsed: &parse::Parsed) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = parsed
        .crates
        .iter()
        .flat_map(|parsed_crate| {
            std::iter::once(parsed_crate.root.root_file.clone()).chain(
                parsed_crate
                    .files
                    .iter()
                    .flat_map(|file| &file.module_files)
                    .flat_map(|declaration| &declaration.candidates)
                    .map(|candidate| candidate.path.clone()),
            )
        })
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// Notes about the run itself (a damaged cache entry), added after the report was stored.
fn add_notes(report: &mut ScanReport, added: Vec<String>) {
    if added.is_empty() {
        return;
    }
    if let Some(data_map) = &mut report.data_map {
        data_map.notes.extend(added.iter().cloned());
        data_map.notes.sort();
    }
    report.notes.extend(added);
    report.notes.sort();
    report.notes.dedup();
}

/// `[scan] exclude` patterns written in another glob dialect, and those that left no file out.
fn exclude_notes(exclude: &[(PathBuf, String)], unused: &[usize]) -> Vec<String> {
    let working_directory = std::env::current_dir().unwrap_or_default();
    let mut notes = Vec::new();
    for (index, (base, pattern)) in exclude.iter().enumerate() {
        let base = source::display_path(base, &working_directory);
        let base = if base.is_empty() {
            ".".to_string()
        } else {
            base
        };
        if let Some(problem) = discover::glob::unsupported(pattern) {
            notes.push(format!(
                "`[scan] exclude` pattern `{pattern}` (in `{base}`) {problem}"
            ));
        } else if unused.contains(&index) {
            notes.push(format!(
                "`[scan] exclude` pattern `{pattern}` (in `{base}`) excludes no file of the scan"
            ));
        }
    }
    notes
}

/// Why nothing could be scanned: what discovery reported, or that no Rust file is there.
fn nothing_to_scan(paths: &[PathBuf], discovered: &discover::Discovered) -> ScanError {
    let shown: Vec<String> = paths
        .iter()
        .map(|path| format!("`{}`", path.display()))
        .collect();
    let mut reasons: Vec<String> = discovered
        .problems
        .iter()
        .map(|problem| problem.message.clone())
        .chain(discovered.warnings.iter().cloned())
        .collect();
    if reasons.is_empty() {
        reasons.push("no package and no .rs file there".to_string());
    }
    ScanError::NothingToScan {
        paths: shown.join(", "),
        reason: reasons.join("; "),
    }
}

/// The configs next to the scanned packages and `--config`, with the catalog files that apply.
fn load_config(
    request: &ScanRequest,
    discovered: &discover::Discovered,
) -> Result<config::Config, Box<config::ConfigError>> {
    let mut packages: Vec<config::PackagePlace> = discovered
        .crates
        .iter()
        .filter_map(|root| {
            Some(config::PackagePlace {
                crate_name: root.crate_name.clone(),
                dir: root.package_dir.clone()?,
            })
        })
        .collect();
    packages.sort_by(|a, b| a.dir.cmp(&b.dir));
    packages.dedup_by(|a, b| a.dir == b.dir);
    let working_directory = std::env::current_dir().unwrap_or_default();
    let known_lints = lints::ALL.iter().map(|lint| lint.name).collect();
    let mut config = config::load(
        &packages,
        request.config_file.as_deref(),
        &working_directory,
        known_lints,
    )?;
    if !request.no_catalog {
        config::catalog::apply(&mut config, &discovered.dependencies)?;
    }
    Ok(config)
}

/// Config entries that matched nothing in the scanned code: likely a typo, worth a note.
/// Catalog entries name libraries a project may not call; they are mentioned only when
/// `catalog_coverage` asks (the catalog's own tests).
fn unmatched_config(
    configured: &Configured,
    propagation: &propagate::Propagation,
    sites: &[BodySites],
    catalog_coverage: bool,
) -> Vec<String> {
    let matched: std::collections::HashSet<usize> = propagation
        .outcomes
        .iter()
        .flat_map(|outcome| outcome.matched_entries.iter().copied())
        .chain(
            sites
                .iter()
                .flat_map(|body| body.matched_entries.iter().copied()),
        )
        .collect();
    let from_catalog = |entry: &config::Entry| entry.origin.file.starts_with("catalog/");
    let user_entry = |entry: &config::Entry| !from_catalog(entry);
    let mut notes: Vec<String> = configured
        .unresolved_workspace
        .iter()
        .filter(|entry| user_entry(entry))
        .map(|entry| {
            format!(
                "{}: `{}` names no {} in the scanned code",
                entry.origin,
                names::join_path(&entry.path),
                configured::looked_for(entry)
            )
        })
        .collect();
    notes.extend(configured.ambiguous.iter().map(|(entry, items)| {
        format!(
            "{}: `{}` is not applied: {} scanned items end with it (`{}`); write one in full",
            entry.origin,
            names::join_path(&entry.path),
            items.len(),
            items.join("`, `")
        )
    }));
    if catalog_coverage {
        notes.extend(
            configured
                .external_entries()
                .filter(|entry| from_catalog(entry) && !matched.contains(&entry.id))
                .map(|entry| {
                    format!(
                        "{}: catalog entry `{}` matched no call",
                        entry.origin,
                        names::join_path(&entry.path)
                    )
                }),
        );
    }
    notes.extend(
        configured
            .external_entries()
            .filter(|entry| user_entry(entry) && !matched.contains(&entry.id))
            .filter(|entry| !matches!(entry.kind, config::EntryKind::Returns { .. }))
            .map(|entry| {
                format!(
                    "{}: {} `{}` in the scanned code",
                    entry.origin,
                    configured::unmatched_use(entry),
                    names::join_path(&entry.path)
                )
            }),
    );
    notes
}

/// Drops the findings an allow in force covers (`#[consent::allow]`, or `[[allow]]` in the
/// config), and reports every allow that covered nothing: as `unused_allow` for attributes,
/// as a note for config entries. An allow is one per place in the source: a module shared by
/// a lib and a bin target is one file, analysed twice. An allow of a lint that is off in this
/// run (`possible_personal_data` by default) had nothing to cover, and is not reported.
fn suppress(
    findings: Vec<(Finding, FnId)>,
    symbols: &Symbols<'_>,
    configured: &Configured,
    files: &SourceFiles,
    levels: &LintLevels,
    notes: &mut Vec<String>,
) -> Vec<Finding> {
    let lint_is_off = |name: &str| {
        lints::find(name).is_some_and(|lint| levels.level_of(lint) == finding::Level::Allow)
    };
    let mut used: std::collections::HashSet<source::TextSpan> = std::collections::HashSet::new();
    let mut used_entries: std::collections::HashSet<usize> = std::collections::HashSet::new();
    let config_allows = configured.allows_by_fn(symbols);
    let mut kept = Vec::new();
    for (finding, scope) in findings {
        let file = symbols.fn_file(scope);
        let covering = symbols
            .function(scope)
            .allows
            .iter()
            .map(|&index| &file.allows[index as usize])
            .find(|allow| allow.lint.replace('-', "_") == finding.lint);
        if let Some(allow) = covering {
            used.insert(allow.span);
            continue;
        }
        let configured_allow = config_allows.get(&scope).and_then(|entries| {
            entries.iter().find(|entry| {
                matches!(&entry.kind, config::EntryKind::Allow { lint } if lint == finding.lint)
            })
        });
        match configured_allow {
            Some(entry) => {
                used_entries.insert(entry.id);
            }
            None => kept.push(finding),
        }
    }
    for entries in config_allows.values() {
        for entry in entries {
            if !used_entries.contains(&entry.id) {
                let config::EntryKind::Allow { lint } = &entry.kind else {
                    continue;
                };
                if lint_is_off(lint) {
                    continue;
                }
                notes.push(format!(
                    "{}: [[allow]] of `{lint}` for `{}` suppresses nothing",
                    entry.origin,
                    names::join_path(&entry.path)
                ));
            }
        }
    }
    let mut unused: Vec<&facts::AllowFacts> = symbols
        .all_files()
        .flat_map(|file| file.allows.iter())
        .filter(|allow| !used.contains(&allow.span) && !lint_is_off(&allow.lint))
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
fn guard_space(symbols: &Symbols<'_>, effects: &Effects, config: &config::Config) -> GuardSpace {
    let mut purposes: Vec<String> = taxonomy::BUILTIN_PURPOSES
        .iter()
        .map(|purpose| purpose.to_string())
        .collect();
    let mut recipients = Vec::new();
    let mut required_purposes = Vec::new();
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
    purposes.extend(config.purposes.iter().cloned());
    for entry in &config.entries {
        match &entry.kind {
            config::EntryKind::Sink {
                recipient, purpose, ..
            } => {
                purposes.push(purpose.clone());
                recipients.push(recipient.clone());
            }
            config::EntryKind::Check {
                purpose,
                recipient,
                required,
                ..
            } => {
                purposes.extend(purpose.clone());
                recipients.extend(recipient.clone());
                if *required {
                    required_purposes.extend(purpose.clone());
                }
            }
            config::EntryKind::Token { purpose } | config::EntryKind::Requires { purpose } => {
                purposes.push(purpose.clone())
            }
            _ => {}
        }
    }
    for sink in &config.url_sinks {
        purposes.push(sink.purpose.clone());
        recipients.push(sink.recipient.clone());
    }
    let cfg_atoms = symbols
        .all_fns()
        .flat_map(|id| symbols.function(id).cfg.iter())
        .map(|assumption| assumption.atom.clone())
        .collect();
    GuardSpace::new(purposes, recipients)
        .with_required(&required_purposes)
        .with_cfg_atoms(cfg_atoms)
}

/// What each fn guarantees for itself: a `requires` fn runs only where its purpose was
/// checked, a fn holding a token parameter (or a method of a type with a token field) has
/// consent for the token's purpose, and a check fn is the authority that hands tokens out.
fn base_guards(
    symbols: &Symbols<'_>,
    effects: &Effects,
    configured: &Configured,
    sites: &[BodySites],
    space: &GuardSpace,
) -> Vec<GuardState> {
    symbols
        .par_fns()
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
            if let Some(body) = symbols.bodies().packed(id) {
                for (pattern, param) in body.params.iter().zip(&function.params) {
                    for binding in &pattern.bindings {
                        let ty = &body_sites.local_types[binding.local as usize];
                        let purposes = if param.is_self {
                            effects.held_token_purposes(symbols, configured, ty)
                        } else {
                            effects
                                .token_purpose(symbols, configured, ty)
                                .into_iter()
                                .collect()
                        };
                        for purpose in purposes {
                            guard.add(&GuardState::from_bits(space.purpose_bits(&purpose)));
                        }
                    }
                }
            }
            guard
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::facts::body::{Expr, ExprKind};
    use crate::names::Name;
    use crate::source::TextSpan;

    #[test]
    fn a_body_as_deep_as_a_chain_of_200_000_calls_is_freed_in_the_background() {
        let span = TextSpan::default();
        let mut chain = Expr::constant(span);
        for _ in 0..200_000 {
            chain = Expr::new(
                ExprKind::MethodCall {
                    receiver: Box::new(chain),
                    method: Name::new("clone"),
                    args: Box::default(),
                    site: 0,
                    method_start: 0,
                },
                span,
            );
        }
        // An overflow would abort the test binary.
        let freeing = crate::memory::drop_in_background(chain).expect("a thread");
        assert!(freeing.join().is_ok());
    }
}
