//! The scan benchmark: how long `cargo_consent::scan` takes on a large workspace, next to a bare
//! `syn::parse_file` of exactly the files it read, in the same run.
//!
//! ```text
//! cargo bench --bench scan -- [--runs N] [--timeout SECONDS] [--memory-limit MIB] DIR...
//! cargo bench --bench scan -- --generate DIR [--crates N] [--modules N]
//! ```
//!
//! `bench/run.sh` builds both workloads (real code vendored with `cargo vendor`, and a generated
//! annotated workspace) and runs this on them. Each measurement runs in a child process (this
//! binary again, with `--child`), so that its peak memory (`VmHWM`) is its own: the parse
//! baseline does not inflate the scan's figure, and a scan that does not end, or keeps growing,
//! is killed after `--timeout` or past `--memory-limit` and reported as such. Each measurement
//! is repeated `--runs` times; the table shows the median.
//!
//! The children:
//! - `stages`: discovery and the scanner's parse stage (read, parse, collect facts), timed
//!   apart; it also writes the list of files the scan reads, for `parse`;
//! - `parse`: reads those files, then times `syn::parse_file` over their texts on all cores
//!   (each tree dropped on its thread, as the scanner does), and on one thread if asked;
//! - `scan`: the whole public pipeline, `cargo_consent::scan` (with `--cache-dir`, through the
//!   run cache kept there).
//!
//! With `--live-heap`, one more `scan` child counts the bytes its allocations keep alive
//! (`cargo_consent::memory::LiveHeapCounter`) and the table shows them at the end of each stage
//! beside the peak resident memory: what the scan keeps, and what the allocator keeps around
//! it. That run is not timed (counting slows it).
//!
//! With `--cache`, each run also times the run cache in a new cache directory: a cold scan
//! that fills it, a warm scan with nothing changed, and a scan after one file of the workload
//! was edited (a comment appended, then the file restored), and measures the cache on disk.

mod generate;

/// The allocator the shipped binary uses (src/main.rs): the scan's figures are the tool's, and
/// the bare parse gets the same allocator to be fair. It counts what is alive only in the
/// `--live-heap` child; elsewhere counting costs one relaxed load per allocation.
#[global_allocator]
static GLOBAL: cargo_consent::memory::LiveHeapCounter<mimalloc::MiMalloc> =
    cargo_consent::memory::LiveHeapCounter(mimalloc::MiMalloc);

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cargo_consent::incomplete::thousands;
use clap::{Parser, ValueEnum};
use rayon::prelude::*;
use serde_json::{json, Value};

/// How many skipped files or members the table lists before it only counts them.
const SKIPPED_SHOWN: usize = 12;

#[derive(Debug, Parser)]
#[command(about = "Times cargo_consent::scan against a bare syn::parse_file of the same files")]
struct Arguments {
    /// Workspaces, packages or directories to measure, one table each.
    paths: Vec<PathBuf>,
    /// How many times each measurement runs; the table shows the median.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// A measurement still running after this many seconds is killed and reported as such.
    #[arg(long, default_value_t = 600)]
    timeout: u64,
    /// A measurement whose resident memory grows past this many MiB is killed and reported as
    /// such, before it can take the machine's memory from everything else.
    #[arg(long, default_value_t = 8192)]
    memory_limit: u64,
    /// Also time the bare parse on a single thread (once).
    #[arg(long)]
    single_thread: bool,
    /// Also time the run cache: cold (filling it), warm with nothing changed, and warm after
    /// one file was edited (a comment appended to it for that run, then taken out again).
    #[arg(long)]
    cache: bool,
    /// Also count what the scan keeps alive, in one more (untimed) scan: at the end of each
    /// stage, next to the peak resident memory.
    #[arg(long)]
    live_heap: bool,
    /// Write the synthetic annotated workspace into this directory instead of measuring.
    #[arg(long, value_name = "DIR")]
    generate: Option<PathBuf>,
    /// Generator: how many crates.
    #[arg(long, default_value_t = 40)]
    crates: usize,
    /// Generator: how many modules per crate.
    #[arg(long, default_value_t = 24)]
    modules: usize,
    /// Set by `cargo bench`; ignored.
    #[arg(long, hide = true)]
    bench: bool,
    /// Also append the medians of each measured path to this file, one JSON line per path (for
    /// scripts such as eval/realworld/run.py).
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Internal: run one measurement and print it as a JSON line.
    #[arg(long, hide = true, value_enum)]
    child: Option<Child>,
    /// Internal: the file list that `stages` writes and `parse` reads.
    #[arg(long, hide = true)]
    file_list: Option<PathBuf>,
    /// Internal: the `scan` child keeps its run cache here.
    #[arg(long, hide = true)]
    cache_dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Child {
    Stages,
    Parse,
    Scan,
    /// A scan whose allocations are counted (`--live-heap`).
    ScanCounted,
}

fn main() {
    // As the tool does: the scan and the bare parse it is compared with run on the same pages.
    cargo_consent::memory::disable_transparent_huge_pages();
    let arguments = Arguments::parse();
    let outcome = if let Some(child) = arguments.child {
        run_child(child, &arguments)
    } else if let Some(directory) = &arguments.generate {
        generate::workspace(
            directory,
            &generate::Shape {
                crates: arguments.crates,
                modules_per_crate: arguments.modules,
            },
        )
        .map(|summary| eprintln!("{summary}"))
    } else if arguments.paths.is_empty() {
        Err("give a directory to measure, or --generate DIR (see --help)".to_string())
    } else {
        arguments
            .paths
            .iter()
            .try_for_each(|path| measure(path, &arguments))
    };
    if let Err(message) = outcome {
        eprintln!("error: {message}");
        std::process::exit(2);
    }
}

// ---------------------------------------------------------------------------------------------
// The parent: runs the children, prints the table

/// What one child printed, or why it printed nothing.
enum ChildOutcome {
    Done(Value),
    Killed(Killed),
}

/// A child stopped by the parent: it ran too long or grew too big.
#[derive(Debug, Clone)]
struct Killed {
    /// What the table says, e.g. "killed after 600 s".
    reason: String,
    seconds: f64,
}

fn measure(path: &Path, arguments: &Arguments) -> Result<(), String> {
    let path = path
        .canonicalize()
        .map_err(|error| format!("cannot read `{}`: {error}", path.display()))?;
    let file_list =
        std::env::temp_dir().join(format!("cargo-consent-bench-{}.txt", std::process::id()));
    let runs = arguments.runs.max(1);
    let threads = rayon::current_num_threads();
    eprintln!(
        "measuring {} ({runs} runs of each measurement, {threads} threads, timeout {} s, \
         memory limit {} MiB)",
        path.display(),
        arguments.timeout,
        arguments.memory_limit
    );
    let load_before = load_average();
    let mut stages = Vec::new();
    let mut parses = Vec::new();
    let mut scans = Vec::new();
    let mut scan_killed: Option<Killed> = None;
    let mut cached = CacheRuns::default();
    for run in 0..runs {
        let stage = run_measurement(Child::Stages, &path, &file_list, false, None, arguments)?;
        let stage = match stage {
            ChildOutcome::Done(stage) => stage,
            ChildOutcome::Killed(killed) => {
                return Err(format!("the scanner's parse stage was {}", killed.reason))
            }
        };
        stages.push(stage);
        let single_thread = arguments.single_thread && run == 0;
        match run_measurement(
            Child::Parse,
            &path,
            &file_list,
            single_thread,
            None,
            arguments,
        )? {
            ChildOutcome::Done(parse) => parses.push(parse),
            ChildOutcome::Killed(killed) => {
                return Err(format!("the bare parse was {}", killed.reason))
            }
        }
        if scan_killed.is_none() {
            match run_measurement(Child::Scan, &path, &file_list, false, None, arguments)? {
                ChildOutcome::Done(scan) => scans.push(scan),
                // One run that never ends is the answer; repeating it only costs time.
                ChildOutcome::Killed(killed) => scan_killed = Some(killed),
            }
        }
        if arguments.cache && scan_killed.is_none() {
            measure_cache(&path, &file_list, arguments, &mut cached)?;
        }
        eprintln!("  run {} of {runs} done", run + 1);
    }
    let _ = std::fs::remove_file(&file_list);
    let load = format!("{load_before} / {}", load_average());
    print_table(
        &path,
        &Runs {
            stages: &stages,
            parses: &parses,
            scans: &scans,
        },
        scan_killed.as_ref(),
        &load,
    );
    if arguments.live_heap && scan_killed.is_none() {
        match run_measurement(
            Child::ScanCounted,
            &path,
            &file_list,
            false,
            None,
            arguments,
        )? {
            ChildOutcome::Done(counted) => print_live_heap(&counted),
            ChildOutcome::Killed(killed) => {
                println!("  counting what the scan keeps alive: {}", killed.reason)
            }
        }
    }
    if arguments.cache {
        print_cache_table(&cached);
    }
    if let Some(json_file) = &arguments.json {
        let runs = Runs {
            stages: &stages,
            parses: &parses,
            scans: &scans,
        };
        append_medians(json_file, &path, &runs, scan_killed.as_ref(), &cached)?;
    }
    Ok(())
}

/// One JSON line of medians for `path`, appended to `json_file`.
fn append_medians(
    json_file: &Path,
    path: &Path,
    runs: &Runs<'_>,
    scan_killed: Option<&Killed>,
    cached: &CacheRuns,
) -> Result<(), String> {
    let first_stage = &runs.stages[0];
    let mut line = json!({
        "path": path.display().to_string(),
        "runs": runs.stages.len(),
        "files": first_stage["files"],
        "lines": first_stage["lines"],
        "scan_seconds": median(runs.scans, "seconds"),
        "scan_peak_kib": median(runs.scans, "peak_kib"),
        "scan_killed": scan_killed.map(|killed| killed.reason.clone()),
        "parse_stage_seconds": median(runs.scans, "parse_seconds"),
        "resolve_seconds": median(runs.scans, "resolve_seconds"),
        "propagate_seconds": median(runs.scans, "propagate_seconds"),
        "guards_seconds": median(runs.scans, "guards_seconds"),
        "bare_parse_seconds": median(runs.parses, "seconds"),
        "bare_parse_peak_kib": median(runs.parses, "peak_kib"),
    });
    if !cached.cold.is_empty() {
        line["cache_cold_seconds"] = json!(median(&cached.cold, "seconds"));
        line["cache_warm_seconds"] = json!(median(&cached.warm, "seconds"));
        line["cache_one_edit_seconds"] = json!(median(&cached.edited, "seconds"));
        line["cache_bytes"] = json!(cached.bytes.iter().max());
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(json_file)
        .map_err(|error| format!("cannot write {}: {error}", json_file.display()))?;
    writeln!(file, "{line}")
        .map_err(|error| format!("cannot write {}: {error}", json_file.display()))
}

fn run_measurement(
    child: Child,
    path: &Path,
    file_list: &Path,
    single_thread: bool,
    cache_dir: Option<&Path>,
    arguments: &Arguments,
) -> Result<ChildOutcome, String> {
    let executable =
        std::env::current_exe().map_err(|error| format!("cannot find this binary: {error}"))?;
    let mut command = Command::new(executable);
    command
        .arg("--child")
        .arg(child.to_possible_value().expect("not skipped").get_name())
        .arg("--file-list")
        .arg(file_list)
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    if single_thread {
        command.arg("--single-thread");
    }
    if let Some(cache_dir) = cache_dir {
        command.arg("--cache-dir").arg(cache_dir);
    }
    let mut process = command
        .spawn()
        .map_err(|error| format!("cannot start a measurement: {error}"))?;
    let started = Instant::now();
    let time_limit = Duration::from_secs(arguments.timeout);
    let status = loop {
        if let Some(status) = process.try_wait().map_err(|error| error.to_string())? {
            break status;
        }
        let resident_mib = resident_memory_kib(process.id()).unwrap_or(0) / 1024;
        let reason = if started.elapsed() > time_limit {
            Some(format!("killed after {} s", arguments.timeout))
        } else if resident_mib > arguments.memory_limit {
            Some(format!(
                "killed at {} MiB after {:.0} s",
                thousands(resident_mib),
                started.elapsed().as_secs_f64()
            ))
        } else {
            None
        };
        if let Some(reason) = reason {
            let _ = process.kill();
            let _ = process.wait();
            eprintln!("  {child:?}: {reason}");
            return Ok(ChildOutcome::Killed(Killed {
                reason,
                seconds: started.elapsed().as_secs_f64(),
            }));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stdout = String::new();
    if let Some(mut pipe) = process.stdout.take() {
        std::io::Read::read_to_string(&mut pipe, &mut stdout).map_err(|error| error.to_string())?;
    }
    if !status.success() {
        return Err(format!("the {child:?} measurement failed ({status})"));
    }
    let line = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(line)
        .map(ChildOutcome::Done)
        .map_err(|error| format!("the {child:?} measurement printed `{line}`: {error}"))
}

/// The run cache's measurements, one per run each.
#[derive(Default)]
struct CacheRuns {
    cold: Vec<Value>,
    warm: Vec<Value>,
    edited: Vec<Value>,
    /// The cache directory's size after the three scans.
    bytes: Vec<u64>,
    /// The file edited for `edited`.
    edited_file: Option<PathBuf>,
}

/// One run of the cache's three measurements in a new cache directory: cold, warm, and warm
/// after a comment was appended to one file of the scan (put back afterwards).
fn measure_cache(
    path: &Path,
    file_list: &Path,
    arguments: &Arguments,
    cached: &mut CacheRuns,
) -> Result<(), String> {
    let cache_dir =
        std::env::temp_dir().join(format!("cargo-consent-bench-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&cache_dir);
    let listing = std::fs::read_to_string(file_list)
        .map_err(|error| format!("cannot read {}: {error}", file_list.display()))?;
    let mut files: Vec<&str> = listing.lines().collect();
    files.sort_unstable();
    // A file in the middle of the workload, the same one every run.
    let edited_file = PathBuf::from(files.get(files.len() / 2).ok_or("the scan read no file")?);
    let original = std::fs::read(&edited_file)
        .map_err(|error| format!("cannot read {}: {error}", edited_file.display()))?;
    let scan = |into: &mut Vec<Value>| -> Result<(), String> {
        match run_measurement(
            Child::Scan,
            path,
            file_list,
            false,
            Some(&cache_dir),
            arguments,
        )? {
            ChildOutcome::Done(scan) => into.push(scan),
            ChildOutcome::Killed(killed) => {
                return Err(format!("a scan with the cache was {}", killed.reason))
            }
        }
        Ok(())
    };
    scan(&mut cached.cold)?;
    scan(&mut cached.warm)?;
    let mut edited = original.clone();
    edited.extend_from_slice(b"\n// edited by the cargo-consent benchmark; taken out again\n");
    std::fs::write(&edited_file, &edited)
        .map_err(|error| format!("cannot edit {}: {error}", edited_file.display()))?;
    let outcome = scan(&mut cached.edited);
    std::fs::write(&edited_file, &original)
        .map_err(|error| format!("cannot restore {}: {error}", edited_file.display()))?;
    outcome?;
    cached.bytes.push(directory_bytes(&cache_dir));
    cached.edited_file = Some(edited_file);
    let _ = std::fs::remove_dir_all(&cache_dir);
    Ok(())
}

/// The size of every file below `directory`.
fn directory_bytes(directory: &Path) -> u64 {
    walkdir::WalkDir::new(directory)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|entry| entry.metadata().ok())
        .filter(|metadata| metadata.is_file())
        .map(|metadata| metadata.len())
        .sum()
}

/// What one counted scan kept alive at the end of each stage, the most at once by then, and
/// its peak resident memory there.
fn print_live_heap(counted: &Value) {
    let figure = |key: String| counted[key].as_f64().map_or("-".to_string(), mebibytes);
    let mut out = String::from("\n");
    out.push_str(&format!(
        "  {:<44} {:>9} {:>9} {:>8}\n",
        "one more scan, its allocations counted", "alive", "at most", "peak RSS"
    ));
    for (name, stage) in [
        ("  read, parse, collect facts", "parse"),
        ("  resolve names and call sites", "resolve"),
        ("  propagate", "propagate"),
        ("  guards and lints", "guards"),
    ] {
        out.push_str(&format!(
            "  {:<44} {:>9} {:>9} {:>8}\n",
            format!("{name}: at its end"),
            figure(format!("{stage}_live_kib")),
            figure(format!("{stage}_most_live_kib")),
            figure(format!("{stage}_peak_kib")),
        ));
    }
    print!("{out}");
    let _ = std::io::stdout().flush();
}

fn print_cache_table(cached: &CacheRuns) {
    let Some(cold) = median(&cached.cold, "seconds") else {
        return;
    };
    let mut out = String::from("\n");
    out.push_str(&format!(
        "  {:<44} {:>9} {:>9} {:>8}\n",
        format!("run cache, median of {} runs", cached.cold.len()),
        "wall",
        "min",
        "x cold"
    ));
    for (name, values) in [
        ("cold: scan and fill the cache", &cached.cold),
        ("warm: nothing changed", &cached.warm),
        ("warm: one file edited", &cached.edited),
    ] {
        let minimum = values
            .iter()
            .filter_map(|value| value["seconds"].as_f64())
            .min_by(f64::total_cmp);
        let wall = median(values, "seconds");
        out.push_str(&format!(
            "  {:<44} {:>9} {:>9} {:>8}\n",
            name,
            wall.map_or("-".to_string(), seconds),
            minimum.map_or("-".to_string(), seconds),
            wall.map_or("-".to_string(), |wall| format!("{:.3}", wall / cold))
        ));
    }
    if let Some(file) = &cached.edited_file {
        out.push_str(&format!("  (edited: {})\n", file.display()));
    }
    let bytes = cached.bytes.iter().max().copied().unwrap_or(0);
    out.push_str(&format!(
        "  cache on disk: {} KiB\n",
        thousands(bytes.div_ceil(1024))
    ));
    print!("{out}");
    let _ = std::io::stdout().flush();
}

/// What every run of each child printed.
struct Runs<'a> {
    stages: &'a [Value],
    parses: &'a [Value],
    scans: &'a [Value],
}

/// The median of `key` over runs (the upper one of an even count).
fn median(runs: &[Value], key: &str) -> Option<f64> {
    let mut numbers: Vec<f64> = runs.iter().filter_map(|run| run[key].as_f64()).collect();
    if numbers.is_empty() {
        return None;
    }
    numbers.sort_by(f64::total_cmp);
    Some(numbers[numbers.len() / 2])
}

fn print_table(path: &Path, runs: &Runs<'_>, scan_killed: Option<&Killed>, load: &str) {
    let first_stage = &runs.stages[0];
    let count = |key: &str| first_stage[key].as_u64().unwrap_or(0);
    let parse = |key: &str| median(runs.parses, key);
    let scan = |key: &str| median(runs.scans, key);
    let stage = |key: &str| median(runs.stages, key);
    let run_count = runs.stages.len();
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line(format!("\n{}", path.display()));
    line(format!(
        "  {} files, {} lines, {}, {} packages, {} crate targets",
        thousands(count("files")),
        thousands(count("lines")),
        mebibytes(count("bytes") as f64 / 1024.0),
        thousands(count("packages")),
        thousands(count("crates"))
    ));
    if let Some(first_scan) = runs.scans.first() {
        let files = first_scan["files"].as_u64().unwrap_or(0);
        if files != count("files") {
            line(format!(
                "  note: the scan read {} files, its parse stage alone {}",
                thousands(files),
                thousands(count("files"))
            ));
        }
        line(format!(
            "  {} fns analysed, {} findings ({} parse_error), {} notes",
            thousands(first_scan["fns"].as_u64().unwrap_or(0)),
            thousands(first_scan["findings"].as_u64().unwrap_or(0)),
            thousands(first_scan["parse_errors"].as_u64().unwrap_or(0)),
            thousands(first_scan["notes"].as_u64().unwrap_or(0)),
        ));
    }
    let skipped: Vec<&str> = first_stage["skipped"]
        .as_array()
        .map(|items| items.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if !skipped.is_empty() {
        line(format!("  skipped or not parsed ({}):", skipped.len()));
        for reason in skipped.iter().take(SKIPPED_SHOWN) {
            line(format!("    {reason}"));
        }
        if skipped.len() > SKIPPED_SHOWN {
            line(format!(
                "    ... and {} more",
                skipped.len() - SKIPPED_SHOWN
            ));
        }
    }
    line(format!(
        "  {} threads; load average before and after: {load}",
        rayon::current_num_threads()
    ));
    line(String::new());
    line(format!(
        "  {:<44} {:>9} {:>9} {:>8}",
        format!("median of {run_count} runs"),
        "wall",
        "min",
        "peak RSS"
    ));
    let row = |name: &str, values: &[Value], key: &str| -> String {
        let minimum = values
            .iter()
            .filter_map(|value| value[key].as_f64())
            .min_by(f64::total_cmp);
        format!(
            "  {:<44} {:>9} {:>9} {:>8}",
            name,
            median(values, key).map_or("-".to_string(), seconds),
            minimum.map_or("-".to_string(), seconds),
            median(values, "peak_kib").map_or("-".to_string(), mebibytes)
        )
    };
    match scan_killed {
        Some(killed) if runs.scans.is_empty() => {
            line(format!("  {:<44} {}", "cargo_consent::scan", killed.reason))
        }
        _ => line(row("cargo_consent::scan", runs.scans, "seconds")),
    }
    if !runs.scans.is_empty() {
        // Each stage with the scan's peak memory at its end: where the peak comes from.
        for (name, key, peak) in [
            ("  discover", "discover_seconds", None),
            (
                "  read, parse, collect facts",
                "parse_seconds",
                Some("parse_peak_kib"),
            ),
            (
                "  resolve names and call sites",
                "resolve_seconds",
                Some("resolve_peak_kib"),
            ),
            (
                "  propagate",
                "propagate_seconds",
                Some("propagate_peak_kib"),
            ),
            (
                "  guards and lints",
                "guards_seconds",
                Some("guards_peak_kib"),
            ),
        ] {
            let peak = peak.and_then(|peak| median(runs.scans, peak));
            let row = format!(
                "  {:<44} {:>9} {:>9} {:>8}",
                name,
                median(runs.scans, key).map_or("-".to_string(), seconds),
                "",
                peak.map_or(String::new(), mebibytes)
            );
            line(row.trim_end().to_string());
        }
    }
    line(row(
        "  its discovery + parse stage, run alone",
        runs.stages,
        "stage_seconds",
    ));
    line(row(
        "syn::parse_file of the same files, parallel",
        runs.parses,
        "seconds",
    ));
    if let Some(single) = parse("single_thread_seconds") {
        line(format!(
            "  {:<44} {:>9}",
            "syn::parse_file of the same files, 1 thread",
            seconds(single)
        ));
    }
    line(format!(
        "  {:<44} {:>9}",
        "reading the files (not in the parse figure)",
        parse("read_seconds").map_or("-".to_string(), seconds)
    ));
    line(String::new());
    match (scan("seconds"), parse("seconds")) {
        (Some(scan_seconds), Some(parse_seconds)) if parse_seconds > 0.0 => {
            let analysis = scan_seconds - parse_seconds;
            line(format!(
                "  ratio scan / bare parse: {:.2}",
                scan_seconds / parse_seconds
            ));
            line(format!(
                "  analysis after parsing (scan - bare parse): {} = {:.2} x the parse, {}",
                seconds(analysis),
                analysis / parse_seconds,
                if analysis < parse_seconds {
                    "less than parsing"
                } else {
                    "MORE than parsing"
                }
            ));
            if let Some(stage_seconds) = stage("stage_seconds") {
                line(format!(
                    "  after the scanner's own parse stage: {} = {:.2} x the bare parse",
                    seconds(scan_seconds - stage_seconds),
                    (scan_seconds - stage_seconds) / parse_seconds
                ));
            }
        }
        (None, Some(parse_seconds)) if parse_seconds > 0.0 => line(format!(
            "  ratio scan / bare parse: more than {:.0} (the scan did not finish)",
            scan_killed.map_or(0.0, |killed| killed.seconds) / parse_seconds
        )),
        _ => {}
    }
    print!("{out}");
    let _ = std::io::stdout().flush();
}

/// The 1, 5 and 15 minute load averages: other work on the machine skews every figure.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|_| "unknown".to_string())
}

fn seconds(value: f64) -> String {
    if value.abs() < 10.0 {
        format!("{value:.3} s")
    } else {
        format!("{value:.1} s")
    }
}

fn mebibytes(kibibytes: f64) -> String {
    format!("{:.0} MiB", kibibytes / 1024.0)
}

// ---------------------------------------------------------------------------------------------
// The children: one measurement each, printed as one JSON line

fn run_child(child: Child, arguments: &Arguments) -> Result<(), String> {
    let path = arguments
        .paths
        .first()
        .ok_or("a measurement needs a path")?;
    let file_list = arguments
        .file_list
        .as_deref()
        .ok_or("a measurement needs --file-list")?;
    let result = match child {
        Child::Stages => measure_stages(path, file_list)?,
        Child::Parse => measure_bare_parse(file_list, arguments.single_thread)?,
        Child::Scan => measure_scan(path, arguments.cache_dir.as_deref())?,
        Child::ScanCounted => {
            // From here on: the few blocks allocated before and freed later count below zero.
            cargo_consent::memory::count_live_heap();
            measure_scan(path, None)?
        }
    };
    let mut result = result;
    result["peak_kib"] = json!(cargo_consent::memory::peak_resident_kib());
    println!("{result}");
    Ok(())
}

/// Discovery and the scanner's parse stage, and the list of files that stage read.
fn measure_stages(path: &Path, file_list: &Path) -> Result<Value, String> {
    let started = Instant::now();
    let discovered = cargo_consent::discover::discover(
        &[path.to_path_buf()],
        &cargo_consent::discover::DiscoverOptions::default(),
    )
    .map_err(|error| error.to_string())?;
    let discover_seconds = started.elapsed().as_secs_f64();
    let packages = discovered.package_roots.len();
    let crates = discovered.crates.len();
    let options = cargo_consent::parse::ParseOptions {
        include_tests: false,
        extra_categories: &[],
        extra_purposes: &[],
        exclude: &[],
        facts_cache: None,
    };
    let parsed = cargo_consent::on_worker_pool(None, || {
        cargo_consent::parse::parse_crates(discovered.crates, &options)
    });
    let stage_seconds = started.elapsed().as_secs_f64();

    let files = &parsed.files;
    let mut listing = String::new();
    let (mut lines, mut bytes) = (0, 0);
    for index in 0..files.len() {
        let file = files.get(cargo_consent::source::FileId(index as u32));
        listing.push_str(&file.path.display().to_string());
        listing.push('\n');
        let text = file.text();
        lines += text.lines().count();
        bytes += text.len();
    }
    std::fs::write(file_list, listing)
        .map_err(|error| format!("cannot write {}: {error}", file_list.display()))?;
    let mut skipped: Vec<String> = discovered.warnings;
    skipped.extend(
        parsed
            .failures
            .iter()
            .map(|failure| format!("{}: {}", failure.path, failure.message)),
    );
    Ok(json!({
        "discover_seconds": discover_seconds,
        "stage_seconds": stage_seconds,
        "files": files.len(),
        "lines": lines,
        "bytes": bytes,
        "packages": packages,
        "crates": crates,
        "skipped": skipped,
    }))
}

/// `syn::parse_file` over the texts of the listed files, read beforehand.
fn measure_bare_parse(file_list: &Path, single_thread: bool) -> Result<Value, String> {
    let listing = std::fs::read_to_string(file_list)
        .map_err(|error| format!("cannot read {}: {error}", file_list.display()))?;
    let started = Instant::now();
    let texts: Vec<String> = listing
        .lines()
        .filter_map(|path| std::fs::read(path).ok())
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .collect();
    let read_seconds = started.elapsed().as_secs_f64();
    let parse_all = |texts: &[String]| -> usize {
        texts
            .par_iter()
            .filter(|text| {
                let parsed = syn::parse_file(text).is_ok();
                // As the scanner does: the spans of a dropped tree are not kept.
                proc_macro2::extra::invalidate_current_thread_spans();
                !parsed
            })
            .count()
    };
    let started = Instant::now();
    let failures = cargo_consent::on_worker_pool(None, || parse_all(&texts));
    let parse_seconds = started.elapsed().as_secs_f64();
    let single_thread_seconds = single_thread.then(|| {
        let started = Instant::now();
        cargo_consent::on_worker_pool(Some(1), || parse_all(&texts));
        started.elapsed().as_secs_f64()
    });
    Ok(json!({
        "files": texts.len(),
        "read_seconds": read_seconds,
        "seconds": parse_seconds,
        "single_thread_seconds": single_thread_seconds,
        "failures": failures,
    }))
}

/// The whole pipeline through the public API.
fn measure_scan(path: &Path, cache_dir: Option<&Path>) -> Result<Value, String> {
    let request = cargo_consent::ScanRequest {
        paths: vec![path.to_path_buf()],
        cache: cache_dir.map_or(cargo_consent::cache::CacheLocation::Off, |directory| {
            cargo_consent::cache::CacheLocation::At(directory.to_path_buf())
        }),
        ..Default::default()
    };
    let started = Instant::now();
    let report = cargo_consent::scan(&request).map_err(|error| error.to_string())?;
    let seconds = started.elapsed().as_secs_f64();
    let timings = &report.timings;
    let parse_errors = report
        .findings
        .iter()
        .filter(|finding| finding.lint == "parse_error")
        .count();
    let mut result = json!({
        "seconds": seconds,
        "files": report.files.len(),
        "crates": report.crates_scanned,
        "fns": report.fns_analysed,
        "findings": report.findings.len(),
        "parse_errors": parse_errors,
        "notes": report.notes.len(),
        "discover_seconds": timings.discover.as_secs_f64(),
        "parse_seconds": timings.parse.as_secs_f64(),
        "resolve_seconds": timings.resolve.as_secs_f64(),
        "propagate_seconds": timings.propagate.as_secs_f64(),
        "guards_seconds": timings.guards.as_secs_f64(),
    });
    // `parse_peak_kib`, `parse_live_kib`, `parse_most_live_kib`, .. for each stage.
    for (figure, peaks) in [
        ("peak", &timings.peak_kib),
        ("live", &timings.live_kib),
        ("most_live", &timings.most_live_kib),
    ] {
        for (stage, kib) in peaks.by_stage() {
            result[format!("{stage}_{figure}_kib")] = json!(kib);
        }
    }
    Ok(result)
}

/// The resident set size of a child in KiB (`VmRSS`), where Linux reports it.
fn resident_memory_kib(process_id: u32) -> Option<u64> {
    cargo_consent::memory::status_field_kib(&format!("/proc/{process_id}/status"), "VmRSS:")
}
