//! The command line: argument parsing and the mapping of outcomes to exit codes (0, 1, 2).
//! No analysis happens here.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::baseline::Baseline;
use crate::cache::CacheLocation;
use crate::finding::Level;
use crate::lints::{self, LintLevels};
use crate::map::DataMap;
use crate::propagate::dump::DumpParts;
use crate::report::map::{write_map, MapFormat};
use crate::report::progress_bar::TerminalProgress;
use crate::report::ScanReport;
use crate::report::{self, Format, HumanOptions};
use crate::taxonomy;
use crate::ScanRequest;

/// Exit status: nothing at `deny` level was found.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: something at `deny` level was found.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: the tool could not do its job (bad flag, unreadable path, bad config).
pub const EXIT_ERROR: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "cargo-consent",
    bin_name = "cargo consent",
    version,
    about = "Finds personal data that reaches a third party without a consent or opt-out check",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    check: CheckArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Scan a workspace, package or directory (the default command)
    Check(CheckArgs),
    /// Map what personal data goes where, under which check, and what a change adds
    Map(MapArgs),
    /// Print the documentation of a lint
    Explain {
        /// The lint's name, e.g. unguarded_share
        lint: String,
    },
    /// List every lint with its default level
    Lints,
}

/// What to scan and how: the arguments `check` and `map` share.
#[derive(Debug, Args)]
struct ScanArgs {
    /// Paths to scan: a workspace, a package, a directory or a .rs file [default: .]
    paths: Vec<PathBuf>,
    /// Set a lint to deny (fail the run)
    #[arg(short = 'D', long = "deny", value_name = "LINT")]
    deny: Vec<String>,
    /// Set a lint to warn (report, do not fail)
    #[arg(short = 'W', long = "warn", value_name = "LINT")]
    warn: Vec<String>,
    /// Set a lint to allow (do not report)
    #[arg(short = 'A', long = "allow", value_name = "LINT")]
    allow: Vec<String>,
    /// Also scan tests/, benches/, examples/ and #[cfg(test)] code
    #[arg(long)]
    include_tests: bool,
    /// Decide cfg(feature) as cargo would with these features on (comma or space separated)
    #[arg(short = 'F', long, value_name = "FEATURES", value_delimiter = ',')]
    features: Vec<String>,
    /// Decide cfg(feature) with every feature on
    #[arg(long)]
    all_features: bool,
    /// Decide cfg(feature) without the default features
    #[arg(long)]
    no_default_features: bool,
    /// Print how long each stage took to stderr
    #[arg(long, hide = true)]
    timings: bool,
    /// Read this config too (after the consent.toml files found next to the packages)
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Do not apply the catalog of popular crates (lints/catalog)
    #[arg(long)]
    no_catalog: bool,
    /// Note every catalog entry that no call matched (the catalog's tests)
    #[arg(long, hide = true)]
    catalog_coverage: bool,
    /// Scan from scratch: do not read or write the cache
    #[arg(long, conflicts_with = "cache_dir")]
    no_cache: bool,
    /// Keep the cache in DIR [default: target/cargo-consent in the workspace, or in
    /// CARGO_TARGET_DIR]
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    scan: ScanArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Report (and fail on) only findings that are not in this baseline file
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Store every finding of this scan in a baseline file, to accept them for now
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// When to use colours in the human format
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    color: ColorWhen,
    /// Print the analysis' intermediate results instead of the report (for tests and
    /// debugging): the lowered IR of each fn, the summaries after propagation, the cells
    #[arg(long, value_enum, hide = true, value_name = "WHAT")]
    dump: Option<DumpWhat>,
}

/// What `check --dump` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DumpWhat {
    Ir,
    Summaries,
    Cells,
    All,
}

impl DumpWhat {
    fn parts(self) -> DumpParts {
        match self {
            DumpWhat::Ir => DumpParts {
                ir: true,
                ..DumpParts::default()
            },
            DumpWhat::Summaries => DumpParts {
                summaries: true,
                ..DumpParts::default()
            },
            DumpWhat::Cells => DumpParts {
                cells: true,
                ..DumpParts::default()
            },
            DumpWhat::All => DumpParts::ALL,
        }
    }
}

#[derive(Debug, Args)]
struct MapArgs {
    #[command(flatten)]
    scan: ScanArgs,
    /// Output format [default: from the extension of -o FILE, else markdown]
    #[arg(long, value_enum)]
    format: Option<MapFormat>,
    /// Write the map to this file instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Show only what changed since this map (written earlier by `map --format json`)
    #[arg(long, value_name = "OLD.json")]
    compare: Option<PathBuf>,
    /// With --compare: exit 1 when a flow appeared or lost its guard (and only then)
    #[arg(long, requires = "compare")]
    fail_on_new: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// Runs the command line `args` (including the program name) and returns the exit status.
pub fn run(args: Vec<std::ffi::OsString>) -> u8 {
    let mut args = args;
    // `cargo consent ...` runs `cargo-consent consent ...`.
    if args.get(1).is_some_and(|arg| arg == "consent") {
        args.remove(1);
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
        }
    };
    match cli.command {
        Some(Command::Check(check)) => run_check(check),
        None => run_check(cli.check),
        Some(Command::Map(map)) => run_map(map),
        Some(Command::Explain { lint }) => match lints::find(&lint) {
            Some(lint) => print_stdout(lint.documentation),
            None => {
                eprintln!("error: {}", unknown_lint_message(&lint));
                EXIT_ERROR
            }
        },
        Some(Command::Lints) => {
            let mut listing = String::new();
            for lint in lints::ALL {
                listing.push_str(&format!(
                    "{:<24} {:<6} {}\n",
                    lint.name,
                    lint.default_level.as_str(),
                    lint.summary
                ));
            }
            print_stdout(&listing)
        }
    }
}

fn unknown_lint_message(name: &str) -> String {
    let names = lints::ALL.iter().map(|lint| lint.name);
    match taxonomy::closest_name(&name.replace('-', "_"), names) {
        Some(suggestion) => format!("unknown lint `{name}` (did you mean `{suggestion}`?)"),
        None => format!("unknown lint `{name}`: `cargo consent lints` lists them"),
    }
}

/// Writes to stdout; a closed pipe (`| head`) is not an error, as in ripgrep.
fn print_stdout(text: &str) -> u8 {
    print_stdout_bytes(text.as_bytes())
}

fn print_stdout_bytes(bytes: &[u8]) -> u8 {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => EXIT_CLEAN,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(error) => {
            eprintln!("error: cannot write output: {error}");
            EXIT_ERROR
        }
    }
}

fn lint_levels(check: &ScanArgs) -> Result<LintLevels, String> {
    let mut levels = LintLevels::default();
    // Stronger levels are applied last, so `-A x -D x` denies `x`.
    for (names, level) in [
        (&check.allow, Level::Allow),
        (&check.warn, Level::Warn),
        (&check.deny, Level::Deny),
    ] {
        for name in names {
            let lint = lints::find(name).ok_or_else(|| unknown_lint_message(name))?;
            levels.set(lint, level);
        }
    }
    Ok(levels)
}

/// Without feature flags every `cfg(feature)` branch is analysed (the union of builds).
fn feature_selection(check: &ScanArgs) -> Option<crate::discover::FeatureSelection> {
    let features: Vec<String> = check
        .features
        .iter()
        .flat_map(|list| list.split_whitespace())
        .map(str::to_string)
        .collect();
    let given = !features.is_empty() || check.all_features || check.no_default_features;
    given.then_some(crate::discover::FeatureSelection {
        features,
        all_features: check.all_features,
        no_default_features: check.no_default_features,
    })
}

fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 {
        one
    } else {
        many
    }
}

/// Stores every finding of the report in a baseline file; `None` (after saying why) when the
/// file cannot be written.
fn write_baseline(scan_report: &ScanReport, path: &Path) -> Option<Baseline> {
    let written = Baseline::of_report(scan_report);
    if let Err(error) = written.save(path) {
        eprintln!("{:?}", miette::Report::new(error));
        return None;
    }
    eprintln!(
        "cargo-consent: wrote {} {} to the baseline `{}`",
        written.len(),
        plural(written.len(), "finding", "findings"),
        path.display()
    );
    Some(written)
}

/// Drops the findings the baseline accepts and says what it did in the report's notes.
fn apply_baseline(baseline: &Baseline, path: &Path, scan_report: &mut ScanReport) {
    let applied = baseline.apply(&mut scan_report.findings);
    if applied.known > 0 {
        scan_report.notes.push(format!(
            "{} known {} in the baseline `{}` not shown",
            applied.known,
            plural(applied.known, "finding", "findings"),
            path.display()
        ));
    }
    if applied.stale > 0 {
        scan_report.notes.push(format!(
            "{} baseline {} no longer {}; regenerate with --write-baseline",
            applied.stale,
            plural(applied.stale, "entry", "entries"),
            plural(applied.stale, "matches", "match"),
        ));
    }
}

/// Runs the scan `check` and `map` share: lint levels, the progress bar (only when
/// `show_progress` and stderr is a terminal), the scan, `--timings`. `Err` holds the exit
/// status when the scan could not be done (the reason is printed).
fn run_scan(
    scan: &ScanArgs,
    show_progress: bool,
    data_map: bool,
    dump: Option<DumpParts>,
) -> Result<ScanReport, u8> {
    let levels = match lint_levels(scan) {
        Ok(levels) => levels,
        Err(message) => {
            eprintln!("error: {message}");
            return Err(EXIT_ERROR);
        }
    };
    let paths = if scan.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        scan.paths.clone()
    };
    // Progress is for people watching a terminal, never for a program reading the output.
    let progress = (show_progress && std::io::stderr().is_terminal()).then(TerminalProgress::start);
    let request = ScanRequest {
        paths,
        include_tests: scan.include_tests,
        features: feature_selection(scan),
        levels,
        progress: progress.as_ref().map(TerminalProgress::observer),
        config_file: scan.config.clone(),
        no_catalog: scan.no_catalog,
        catalog_coverage: scan.catalog_coverage,
        data_map,
        dump,
        cache: match (&scan.cache_dir, scan.no_cache) {
            (_, true) => CacheLocation::Off,
            (Some(directory), false) => CacheLocation::At(directory.clone()),
            (None, false) => CacheLocation::Default,
        },
    };
    let scanned = crate::scan(&request);
    if let Some(progress) = progress {
        progress.finish();
    }
    let scan_report = match scanned {
        Ok(scan_report) => scan_report,
        Err(error) => {
            eprintln!("{:?}", miette::Report::new(error));
            return Err(EXIT_ERROR);
        }
    };
    if scan.timings {
        let timings = scan_report.timings;
        eprintln!(
            "timings: discover {:?}, parse {:?}, resolve {:?}, propagate {:?}, guards {:?}, map {:?} ({} files, {} fns)",
            timings.discover,
            timings.parse,
            timings.resolve,
            timings.propagate,
            timings.guards,
            timings.map,
            scan_report.files.len(),
            scan_report.fns_analysed,
        );
        let peaks = timings.peak_kib;
        let mebibytes =
            |kib: Option<u64>| kib.map_or("-".to_string(), |kib| format!("{} MiB", kib / 1024));
        eprintln!(
            "peak memory at the end of: parse {}, resolve {}, propagate {}, guards {}",
            mebibytes(peaks.parse),
            mebibytes(peaks.resolve),
            mebibytes(peaks.propagate),
            mebibytes(peaks.guards),
        );
    }
    Ok(scan_report)
}

/// Exit status 1 when something at `deny` level was found.
fn exit_status_of(scan_report: &ScanReport) -> u8 {
    if scan_report.count_at(Level::Deny) > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn run_check(check: CheckArgs) -> u8 {
    // A baseline that cannot be read fails the run before the scan, not after it.
    let baseline = match check.baseline.as_deref().map(Baseline::load).transpose() {
        Ok(baseline) => baseline,
        Err(error) => {
            eprintln!("{:?}", miette::Report::new(error));
            return EXIT_ERROR;
        }
    };
    let show_progress = !check.format.is_machine_readable() && check.dump.is_none();
    let dump = check.dump.map(DumpWhat::parts);
    let mut scan_report = match run_scan(&check.scan, show_progress, false, dump) {
        Ok(scan_report) => scan_report,
        Err(status) => return status,
    };
    if let Some(dump) = &scan_report.dump {
        return print_stdout(dump);
    }
    // After `--write-baseline` the run applies the file it wrote: nothing is new, exit 0.
    let baseline = match &check.write_baseline {
        Some(path) => match write_baseline(&scan_report, path) {
            Some(written) => Some((written, path)),
            None => return EXIT_ERROR,
        },
        None => baseline.zip(check.baseline.as_ref()),
    };
    if let Some((baseline, path)) = baseline {
        apply_baseline(&baseline, path, &mut scan_report);
    }
    if check.format == Format::CargoJson {
        // cargo's JSON has no place for a message without a span; people still see these.
        for note in &scan_report.notes {
            eprintln!("note: {note}");
        }
    }
    let stdout = std::io::stdout();
    let color = match check.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let human = HumanOptions { color, width: 100 };
    let mut out = stdout.lock();
    match report::write_report(&scan_report, check.format, human, &mut out)
        .and_then(|()| out.flush())
    {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(error) => {
            eprintln!("error: cannot write the report: {error}");
            return EXIT_ERROR;
        }
    }
    exit_status_of(&scan_report)
}

fn run_map(args: MapArgs) -> u8 {
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(MapFormat::of_file))
        .unwrap_or(MapFormat::Markdown);
    // The earlier map is read before the scan: a bad file fails the run at once.
    let earlier = match args.compare.as_deref().map(DataMap::load).transpose() {
        Ok(earlier) => earlier,
        Err(error) => {
            eprintln!("{:?}", miette::Report::new(error));
            return EXIT_ERROR;
        }
    };
    let show_progress = format == MapFormat::Markdown || args.output.is_some();
    let mut scan_report = match run_scan(&args.scan, show_progress, true, None) {
        Ok(scan_report) => scan_report,
        Err(status) => return status,
    };
    let Some(mut data_map) = scan_report.data_map.take() else {
        eprintln!("error: the scan built no data map");
        return EXIT_ERROR;
    };
    if let Some(earlier) = &earlier {
        data_map = crate::map::compare::compare(earlier, data_map);
    }
    if !format.shows_notes() {
        for note in &data_map.notes {
            eprintln!("note: {note}");
        }
    }
    let mut document = Vec::new();
    if let Err(error) = write_map(&data_map, format, &mut document) {
        eprintln!("error: cannot write the map: {error}");
        return EXIT_ERROR;
    }
    let written = match &args.output {
        Some(path) => std::fs::write(path, &document)
            .map_err(|error| format!("cannot write `{}`: {error}", path.display())),
        None => match print_stdout_bytes(&document) {
            EXIT_CLEAN => Ok(()),
            _ => return EXIT_ERROR,
        },
    };
    if let Err(message) = written {
        eprintln!("error: {message}");
        return EXIT_ERROR;
    }
    if earlier.is_some() && args.fail_on_new {
        return if data_map.has_failing_changes() {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        };
    }
    exit_status_of(&scan_report)
}
