//! The command line: argument parsing and the mapping of outcomes to exit codes (0, 1, 2).
//! No analysis happens here.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::baseline::Baseline;
use crate::finding::Level;
use crate::lints::{self, LintLevels};
use crate::report::progress_bar::TerminalProgress;
use crate::report::{self, Format, HumanOptions};
use crate::taxonomy;
use crate::{ScanReport, ScanRequest};

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
    /// Print the documentation of a lint
    Explain {
        /// The lint's name, e.g. unguarded_share
        lint: String,
    },
    /// List every lint with its default level
    Lints,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Paths to scan: a workspace, a package, a directory or a .rs file [default: .]
    paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Set a lint to deny (fail the run)
    #[arg(short = 'D', long = "deny", value_name = "LINT")]
    deny: Vec<String>,
    /// Set a lint to warn (report, do not fail)
    #[arg(short = 'W', long = "warn", value_name = "LINT")]
    warn: Vec<String>,
    /// Set a lint to allow (do not report)
    #[arg(short = 'A', long = "allow", value_name = "LINT")]
    allow: Vec<String>,
    /// Report (and fail on) only findings that are not in this baseline file
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Store every finding of this scan in a baseline file, to accept them for now
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
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
    /// When to use colours in the human format
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    color: ColorWhen,
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
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => EXIT_CLEAN,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(error) => {
            eprintln!("error: cannot write output: {error}");
            EXIT_ERROR
        }
    }
}

fn lint_levels(check: &CheckArgs) -> Result<LintLevels, String> {
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
fn feature_selection(check: &CheckArgs) -> Option<crate::discover::FeatureSelection> {
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

fn run_check(check: CheckArgs) -> u8 {
    let levels = match lint_levels(&check) {
        Ok(levels) => levels,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_ERROR;
        }
    };
    // A baseline that cannot be read fails the run before the scan, not after it.
    let baseline = match check.baseline.as_deref().map(Baseline::load).transpose() {
        Ok(baseline) => baseline,
        Err(error) => {
            eprintln!("{:?}", miette::Report::new(error));
            return EXIT_ERROR;
        }
    };
    let paths = if check.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        check.paths.clone()
    };
    // Progress is for people watching a terminal, never for a program reading the output.
    let progress = (!check.format.is_machine_readable() && std::io::stderr().is_terminal())
        .then(TerminalProgress::start);
    let request = ScanRequest {
        paths,
        include_tests: check.include_tests,
        features: feature_selection(&check),
        levels,
        progress: progress.as_ref().map(TerminalProgress::observer),
        config_file: check.config.clone(),
        no_catalog: check.no_catalog,
        catalog_coverage: check.catalog_coverage,
    };
    let scanned = crate::scan(&request);
    if let Some(progress) = progress {
        progress.finish();
    }
    let mut scan_report = match scanned {
        Ok(scan_report) => scan_report,
        Err(error) => {
            eprintln!("{:?}", miette::Report::new(error));
            return EXIT_ERROR;
        }
    };
    if check.timings {
        let timings = scan_report.timings;
        eprintln!(
            "timings: discover {:?}, parse {:?}, resolve {:?}, propagate {:?}, guards {:?} ({} files, {} fns)",
            timings.discover,
            timings.parse,
            timings.resolve,
            timings.propagate,
            timings.guards,
            scan_report.files.len(),
            scan_report.fns_analysed,
        );
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
    if scan_report.count_at(Level::Deny) > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
