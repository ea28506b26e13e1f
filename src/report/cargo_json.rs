//! The `cargo-json` format: the JSON lines `cargo check --message-format=json` prints, so that
//! rust-analyzer (`check.overrideCommand`) and other cargo-aware editors show findings inline.
//!
//! Each finding is one `compiler-message` whose `message` is a rustc diagnostic: the lint as
//! its `code` (with the lint's page as `explanation`), the sink as the primary span, the data's
//! origin and flow as secondary spans with labels, the help and notes as children, and the
//! human rendering as `rendered`. A last `build-finished` line says whether anything was
//! denied. The run's notes go nowhere here: cargo-json has no place for text without a span.
//!
//! Cargo names the package and target of every message. The scan does not carry packages, so
//! they are read here from the nearest `Cargo.toml` above each reported file (outside any
//! package, the current directory stands in): the one read this format does besides writing.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::discover::{self, DiscoverOptions, TargetKind};
use crate::finding::{Finding, Level};
use crate::lints;
use crate::report::ScanReport;
use crate::source::{Location, SourceFile, SourceFiles};

#[derive(Serialize)]
struct CompilerMessage<'a> {
    reason: &'static str,
    package_id: &'a str,
    manifest_path: &'a str,
    target: &'a Target,
    message: Diagnostic,
}

#[derive(Serialize)]
struct BuildFinished {
    reason: &'static str,
    success: bool,
}

#[derive(Serialize, Clone)]
struct Target {
    kind: [&'static str; 1],
    crate_types: [&'static str; 1],
    name: String,
    src_path: String,
    edition: String,
    doc: bool,
    doctest: bool,
    test: bool,
}

/// A rustc diagnostic (`rustc --error-format=json`).
#[derive(Serialize)]
struct Diagnostic {
    #[serde(rename = "$message_type")]
    message_type: &'static str,
    message: String,
    code: Option<Code>,
    level: &'static str,
    spans: Vec<Span>,
    children: Vec<Diagnostic>,
    rendered: Option<String>,
}

#[derive(Serialize)]
struct Code {
    code: &'static str,
    explanation: Option<&'static str>,
}

#[derive(Serialize)]
struct Span {
    file_name: String,
    byte_start: usize,
    byte_end: usize,
    line_start: u32,
    line_end: u32,
    column_start: u32,
    column_end: u32,
    is_primary: bool,
    text: Vec<SpanLine>,
    label: Option<String>,
    suggested_replacement: Option<String>,
    suggestion_applicability: Option<&'static str>,
    expansion: Option<()>,
}

#[derive(Serialize)]
struct SpanLine {
    text: String,
    highlight_start: usize,
    highlight_end: usize,
}

/// The package and target cargo would name for a file.
struct Owner {
    package_id: String,
    manifest_path: String,
    target: Target,
}

pub(super) fn write(report: &ScanReport, out: &mut dyn Write) -> io::Result<()> {
    let working_directory = std::env::current_dir().unwrap_or_default();
    let mut owners = Owners::new(&working_directory);
    for finding in &report.findings {
        let file = report.files.get(finding.location.file);
        let owner = owners.of(&absolute(&working_directory, &file.path));
        let line = CompilerMessage {
            reason: "compiler-message",
            package_id: &owner.package_id,
            manifest_path: &owner.manifest_path,
            target: &owner.target,
            message: diagnostic(finding, &report.files)?,
        };
        serde_json::to_writer(&mut *out, &line).map_err(io::Error::from)?;
        writeln!(out)?;
    }
    let finished = BuildFinished {
        reason: "build-finished",
        success: report.count_at(Level::Deny) == 0,
    };
    serde_json::to_writer(&mut *out, &finished).map_err(io::Error::from)?;
    writeln!(out)
}

fn diagnostic(finding: &Finding, files: &SourceFiles) -> io::Result<Diagnostic> {
    let mut spans = vec![span(files, finding.location, true, Some(&finding.label))];
    for step in &finding.flow {
        if step.location != finding.location {
            spans.push(span(files, step.location, false, Some(&step.description)));
        }
    }
    let mut children: Vec<Diagnostic> = Vec::new();
    children.extend(finding.help.iter().map(|help| child("help", help)));
    children.extend(finding.notes.iter().map(|note| child("note", note)));
    children.push(child(
        "note",
        &format!("for more, run `cargo consent explain {}`", finding.lint),
    ));
    Ok(Diagnostic {
        message_type: "diagnostic",
        message: finding.message.clone(),
        code: Some(Code {
            code: finding.lint,
            explanation: lints::find(finding.lint).map(|lint| lint.documentation),
        }),
        level: match finding.level {
            Level::Deny => "error",
            Level::Warn | Level::Allow => "warning",
        },
        spans,
        children,
        rendered: Some(super::human::render_plain(finding, files)?),
    })
}

fn child(level: &'static str, message: &str) -> Diagnostic {
    Diagnostic {
        message_type: "diagnostic",
        message: message.to_string(),
        code: None,
        level,
        spans: Vec::new(),
        children: Vec::new(),
        rendered: None,
    }
}

fn span(files: &SourceFiles, location: Location, is_primary: bool, label: Option<&str>) -> Span {
    let file = files.get(location.file);
    Span {
        file_name: file.display_path.clone(),
        byte_start: location.start,
        byte_end: location.end,
        line_start: location.line,
        line_end: location.end_line,
        column_start: location.column,
        column_end: location.end_column,
        is_primary,
        text: span_lines(file, location),
        label: label.map(str::to_string),
        suggested_replacement: None,
        suggestion_applicability: None,
        expansion: None,
    }
}

/// The source lines a span covers, each with the highlighted columns (1-based, in chars, end
/// exclusive), as rustc writes them.
fn span_lines(file: &SourceFile, location: Location) -> Vec<SpanLine> {
    let lines: Vec<&str> = file
        .text()
        .lines()
        .skip(location.line.saturating_sub(1) as usize)
        .take((location.end_line.saturating_sub(location.line) + 1) as usize)
        .collect();
    let last = lines.len().saturating_sub(1);
    lines
        .iter()
        .enumerate()
        .map(|(index, text)| {
            let width = text.chars().count() + 1;
            SpanLine {
                text: text.to_string(),
                highlight_start: if index == 0 {
                    location.column as usize
                } else {
                    1
                },
                highlight_end: if index == last {
                    location.end_column as usize
                } else {
                    width
                },
            }
        })
        .collect()
}

fn absolute(working_directory: &Path, path: &Path) -> PathBuf {
    path.canonicalize()
        .unwrap_or_else(|_| working_directory.join(path))
}

/// Finds and remembers which package and target each file belongs to.
struct Owners<'a> {
    working_directory: &'a Path,
    /// By package directory (the current directory for loose files).
    packages: BTreeMap<PathBuf, Package>,
}

struct Package {
    id: String,
    manifest_path: PathBuf,
    name: String,
    edition: String,
    targets: Vec<(TargetKind, PathBuf)>,
}

impl<'a> Owners<'a> {
    fn new(working_directory: &'a Path) -> Self {
        Owners {
            working_directory,
            packages: BTreeMap::new(),
        }
    }

    fn of(&mut self, file: &Path) -> Owner {
        let manifest = file
            .ancestors()
            .skip(1)
            .map(|directory| directory.join("Cargo.toml"))
            .find(|manifest| {
                read_table(manifest).is_some_and(|table| table.contains_key("package"))
            });
        let directory = manifest
            .as_deref()
            .and_then(Path::parent)
            .unwrap_or(self.working_directory)
            .to_path_buf();
        let working_directory = self.working_directory;
        let package = self
            .packages
            .entry(directory.clone())
            .or_insert_with(|| match &manifest {
                Some(manifest) => Package::read(manifest),
                None => Package::loose(working_directory),
            });
        let (kind, root_file) = package
            .target_of(file)
            .unwrap_or((TargetKind::Loose, file.to_path_buf()));
        let (kind_name, crate_type) = match kind {
            TargetKind::Lib | TargetKind::Loose => ("lib", "lib"),
            TargetKind::Bin => ("bin", "bin"),
            TargetKind::Test => ("test", "bin"),
            TargetKind::Bench => ("bench", "bin"),
            TargetKind::Example => ("example", "bin"),
        };
        let name = match kind {
            TargetKind::Lib => package.name.replace('-', "_"),
            _ if root_file == directory.join("src/main.rs") => package.name.clone(),
            _ => target_name(&root_file),
        };
        Owner {
            package_id: package.id.clone(),
            manifest_path: package.manifest_path.display().to_string(),
            target: Target {
                kind: [kind_name],
                crate_types: [crate_type],
                name,
                src_path: root_file.display().to_string(),
                edition: package.edition.clone(),
                doc: kind == TargetKind::Lib,
                doctest: kind == TargetKind::Lib,
                test: true,
            },
        }
    }
}

impl Package {
    fn read(manifest_path: &Path) -> Package {
        let directory = manifest_path.parent().unwrap_or(Path::new("/"));
        let table = read_table(manifest_path).unwrap_or_default();
        let package = table.get("package").and_then(toml::Value::as_table);
        let name = package
            .and_then(|package| package.get("name"))
            .and_then(toml::Value::as_str)
            .unwrap_or("crate")
            .to_string();
        let version =
            package_field(directory, package, "version").unwrap_or_else(|| "0.0.0".to_string());
        let edition =
            package_field(directory, package, "edition").unwrap_or_else(|| "2015".to_string());
        // Every target counts, whatever was scanned; other options (feature selection) do
        // not change which targets a package has, so their defaults fit.
        #[allow(clippy::needless_update)]
        let options = DiscoverOptions {
            include_tests: true,
            ..DiscoverOptions::default()
        };
        let targets = discover::discover(&[manifest_path.to_path_buf()], &options)
            .map(|discovered| {
                discovered
                    .crates
                    .into_iter()
                    .filter(|root| root.root_file.starts_with(directory))
                    .map(|root| (root.kind, root.root_file))
                    .collect()
            })
            .unwrap_or_default();
        Package {
            id: package_id(directory, &name, &version),
            manifest_path: manifest_path.to_path_buf(),
            name,
            edition,
            targets,
        }
    }

    /// Files outside any package: the current directory stands for their package.
    fn loose(working_directory: &Path) -> Package {
        let name = working_directory
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| "crate".to_string());
        Package {
            id: package_id(working_directory, &name, "0.0.0"),
            manifest_path: working_directory.join("Cargo.toml"),
            name,
            edition: "2021".to_string(),
            targets: Vec::new(),
        }
    }

    /// The target whose root file's directory holds `file` most closely; a lib before a bin
    /// when both roots sit in `src/`, since modules shared by both are the lib's.
    fn target_of(&self, file: &Path) -> Option<(TargetKind, PathBuf)> {
        self.targets
            .iter()
            .filter(|(_, root)| root.parent().is_some_and(|folder| file.starts_with(folder)))
            .max_by_key(|(kind, root)| {
                let depth = root.components().count();
                (root == file, depth, std::cmp::Reverse(*kind))
            })
            .cloned()
    }
}

/// `src/bin/tool.rs` is `tool`, `src/bin/multi/main.rs` is `multi`.
fn target_name(root_file: &Path) -> String {
    let stem = root_file
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem == "main" {
        if let Some(folder) = root_file.parent().and_then(Path::file_name) {
            return folder.to_string_lossy().into_owned();
        }
    }
    stem
}

/// `path+file:///home/me/app#app@0.1.0`, cargo's package id for a path dependency.
fn package_id(directory: &Path, name: &str, version: &str) -> String {
    let path = directory.display().to_string().replace('\\', "/");
    let rooted = if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    };
    format!("path+file://{rooted}#{name}@{version}")
}

/// A `[package]` string field, following `field.workspace = true` to the workspace's
/// `[workspace.package]` in a manifest above.
fn package_field(directory: &Path, package: Option<&toml::Table>, field: &str) -> Option<String> {
    let value = package?.get(field)?;
    if let Some(text) = value.as_str() {
        return Some(text.to_string());
    }
    let inherited = value
        .as_table()
        .and_then(|table| table.get("workspace"))
        .and_then(toml::Value::as_bool)
        .unwrap_or(false);
    if !inherited {
        return None;
    }
    directory.ancestors().find_map(|ancestor| {
        let table = read_table(&ancestor.join("Cargo.toml"))?;
        table
            .get("workspace")?
            .get("package")?
            .get(field)?
            .as_str()
            .map(str::to_string)
    })
}

fn read_table(manifest: &Path) -> Option<toml::Table> {
    std::fs::read_to_string(manifest).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_ids_are_cargo_path_ids() {
        assert_eq!(
            package_id(Path::new("/home/me/app"), "app", "0.1.0"),
            "path+file:///home/me/app#app@0.1.0"
        );
    }

    #[test]
    fn bin_targets_are_named_after_their_file_or_folder() {
        assert_eq!(target_name(Path::new("/p/src/bin/tool.rs")), "tool");
        assert_eq!(target_name(Path::new("/p/src/bin/multi/main.rs")), "multi");
    }

    #[test]
    fn span_lines_highlight_the_covered_columns() {
        let file = SourceFile::new(
            PathBuf::from("a.rs"),
            "a.rs".to_string(),
            std::sync::Arc::from("fn a() {\n    send(x,\n         y);\n}\n"),
        );
        let one_line = file.location_of_range(crate::source::FileId(0), 13, 20);
        let lines = span_lines(&file, one_line);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "    send(x,");
        assert_eq!((lines[0].highlight_start, lines[0].highlight_end), (5, 12));
        let two_lines = file.location_of_range(crate::source::FileId(0), 13, 32);
        let lines = span_lines(&file, two_lines);
        assert_eq!(lines.len(), 2);
        assert_eq!((lines[0].highlight_start, lines[0].highlight_end), (5, 12));
        assert_eq!(lines[1].text, "         y);");
        assert_eq!((lines[1].highlight_start, lines[1].highlight_end), (1, 12));
    }
}
