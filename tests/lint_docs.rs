//! The lint pages (`lints/NAME.md`) against the lints the built binary knows, so that the docs
//! cannot drift from the code (STYLE.md 3 and 4):
//!
//! - every lint `cargo consent lints` lists has a page, and every page a lint;
//! - each page opens with `# NAME` and the default level the binary prints, and has the fixed
//!   sections, in order: What it does, Why it matters, Example, Fix, Known limits, Configuration;
//! - `cargo consent explain NAME` prints the page, byte for byte;
//! - the examples are analysed. The Rust code under "Example" fires the page's lint exactly on
//!   the lines marked `// fires here` (any other lint it fires must be named in that section);
//!   the Rust code under "Fix" fires nothing. A TOML block under "Example" is a config the run
//!   rejects (exit status 2); every other TOML block is one it accepts. Every other Rust block
//!   parses, and every `cargo consent ...` command of a page is a command line it accepts;
//! - the lint tables of README.md and lints/README.md list every lint at its default level.
//!
//! Each example is written as `src/main.rs` of a fresh package in a temporary directory and
//! scanned with `--format json`; nothing is ever built.

mod support;

use std::collections::BTreeSet;

use serde_json::Value;
use support::{lint_pages, manifest, repository_root, Project, Run};

/// The sections every lint page has, in this order.
const SECTIONS: &[&str] = &[
    "What it does",
    "Why it matters",
    "Example",
    "Fix",
    "Known limits",
    "Configuration",
];

/// What marks the line an example fires on.
const RUST_MARKER: &str = "// fires here";
const TOML_MARKER: &str = "# fires here";

/// One lint as `cargo consent lints` prints it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ListedLint {
    name: String,
    level: String,
}

/// A fenced code block of a page.
#[derive(Debug)]
struct CodeBlock {
    /// The `## ` section it is in.
    section: String,
    /// The info string after the opening fence (`rust`, `toml`, `sh`).
    language: String,
    code: String,
    /// 1-based line of the block's first line of code in the page, for messages.
    page_line: usize,
}

fn run_in_empty_directory(args: &[&str]) -> Run {
    Project::new().run(args)
}

/// The lints the binary knows, from `cargo consent lints`.
fn listed_lints() -> Vec<ListedLint> {
    let run = run_in_empty_directory(&["lints"]);
    run.assert_code(0);
    let lints: Vec<ListedLint> = run
        .stdout
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut words = line.split_whitespace();
            ListedLint {
                name: words.next().unwrap_or_default().to_string(),
                level: words.next().unwrap_or_default().to_string(),
            }
        })
        .collect();
    assert!(!lints.is_empty(), "`lints` listed nothing");
    for lint in &lints {
        assert!(
            ["deny", "warn", "allow"].contains(&lint.level.as_str()),
            "`lints` prints no level for {}: {}",
            lint.name,
            run.stdout
        );
    }
    lints
}

fn page_of<'a>(pages: &'a [(String, String)], name: &str) -> &'a str {
    &pages
        .iter()
        .find(|(page, _)| page == name)
        .unwrap_or_else(|| panic!("lints/{name}.md is missing"))
        .1
}

/// The `## ` headings of a page, in order.
fn sections_of(page: &str) -> Vec<&str> {
    page.lines()
        .filter_map(|line| line.strip_prefix("## "))
        .map(str::trim)
        .collect()
}

/// The text of one `## ` section, without its heading.
fn section_text<'a>(page: &'a str, section: &str) -> &'a str {
    let heading = format!("## {section}\n");
    let start = page
        .find(&heading)
        .map(|at| at + heading.len())
        .unwrap_or_else(|| panic!("no `## {section}` section"));
    let rest = &page[start..];
    let end = rest.find("\n## ").map_or(rest.len(), |at| at + 1);
    &rest[..end]
}

/// Every fenced code block of a page, with the section it sits in.
fn code_blocks(page: &str) -> Vec<CodeBlock> {
    let mut blocks = Vec::new();
    let mut section = String::new();
    let mut open: Option<CodeBlock> = None;
    for (index, line) in page.lines().enumerate() {
        if let Some(block) = open.as_mut() {
            if line.starts_with("```") {
                blocks.extend(open.take());
            } else {
                block.code.push_str(line);
                block.code.push('\n');
            }
            continue;
        }
        if let Some(heading) = line.strip_prefix("## ") {
            section = heading.trim().to_string();
        } else if let Some(language) = line.strip_prefix("```") {
            open = Some(CodeBlock {
                section: section.clone(),
                language: language.trim().to_string(),
                code: String::new(),
                page_line: index + 2,
            });
        }
    }
    assert!(open.is_none(), "a code block is not closed");
    blocks
}

/// The 1-based lines of `code` that carry `marker`.
fn marked_lines(code: &str, marker: &str) -> BTreeSet<u64> {
    code.lines()
        .enumerate()
        .filter(|(_, line)| line.contains(marker))
        .map(|(index, _)| index as u64 + 1)
        .collect()
}

/// A package whose `src/main.rs` is `code`, scanned with `--format json`.
fn scan_example(code: &str, lint: &ListedLint) -> (Run, Value) {
    let project = Project::new();
    project
        .file("Cargo.toml", manifest("lint_example"))
        .file("src/main.rs", code);
    let mut args = vec!["check", "--format", "json", "--color", "never"];
    // A lint that is off by default is turned on for its own examples.
    if lint.level == "allow" {
        args.extend(["-W", lint.name.as_str()]);
    }
    args.push(".");
    let run = project.run(&args);
    assert!(
        run.code == 0 || run.code == 1,
        "`{}` could not scan the example (exit {}):\n{}\n{}",
        run.command,
        run.code,
        run.stderr,
        code
    );
    let document = run.json();
    (run, document)
}

/// (lint, line) of every finding in `src/main.rs`.
fn findings_of(document: &Value) -> BTreeSet<(String, u64)> {
    document["findings"]
        .as_array()
        .expect("`findings` is an array")
        .iter()
        .map(|finding| {
            assert_eq!(
                finding["file"], "src/main.rs",
                "a finding outside the example: {finding}"
            );
            (
                finding["lint"].as_str().unwrap_or_default().to_string(),
                finding["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

/// A package with `config` as its `consent.toml` and an empty `main`, scanned.
fn scan_config(config: &str) -> Run {
    let project = Project::new();
    project
        .file("Cargo.toml", manifest("config_example"))
        .file("src/main.rs", "fn main() {}\n")
        .file("consent.toml", config);
    project.run(&["check", "--format", "json", "."])
}

#[test]
fn every_lint_has_a_page_and_every_page_a_lint() {
    let listed: BTreeSet<String> = listed_lints().into_iter().map(|lint| lint.name).collect();
    let pages: BTreeSet<String> = lint_pages().into_iter().map(|(name, _)| name).collect();
    let without_page: Vec<&String> = listed.difference(&pages).collect();
    let without_lint: Vec<&String> = pages.difference(&listed).collect();
    assert!(
        without_page.is_empty(),
        "lints with no page in lints/: {without_page:?}"
    );
    assert!(
        without_lint.is_empty(),
        "pages in lints/ that name no lint of `cargo consent lints`: {without_lint:?}"
    );
}

#[test]
fn every_page_has_its_title_level_and_the_fixed_sections_in_order() {
    let pages = lint_pages();
    for lint in listed_lints() {
        let page = page_of(&pages, &lint.name);
        let mut lines = page.lines();
        assert_eq!(
            lines.next(),
            Some(format!("# {}", lint.name).as_str()),
            "lints/{}.md starts with its title",
            lint.name
        );
        assert_eq!(
            lines.next(),
            Some(""),
            "lints/{}.md: a blank line",
            lint.name
        );
        assert_eq!(
            lines.next(),
            Some(format!("**Default level:** {}", lint.level).as_str()),
            "lints/{}.md states the level `cargo consent lints` prints",
            lint.name
        );
        assert_eq!(
            sections_of(page),
            SECTIONS,
            "lints/{}.md has the fixed sections, in order",
            lint.name
        );
        for section in SECTIONS {
            assert!(
                !section_text(page, section).trim().is_empty(),
                "lints/{}.md: `## {section}` is empty",
                lint.name
            );
        }
        let example = section_text(page, "Example");
        assert!(
            code_blocks(example)
                .iter()
                .any(|block| block.language == "rust"
                    && !marked_lines(&block.code, RUST_MARKER).is_empty()),
            "lints/{}.md: the Example has Rust code with a `{RUST_MARKER}` line",
            lint.name
        );
        assert!(
            code_blocks(section_text(page, "Fix"))
                .iter()
                .any(|block| block.language == "rust"),
            "lints/{}.md: the Fix shows Rust code",
            lint.name
        );
    }
}

#[test]
fn explain_prints_each_page() {
    let pages = lint_pages();
    for lint in listed_lints() {
        let run = run_in_empty_directory(&["explain", &lint.name]);
        run.assert_code(0);
        assert_eq!(
            run.stdout,
            page_of(&pages, &lint.name),
            "`cargo consent explain {}` prints lints/{}.md",
            lint.name,
            lint.name
        );
    }
}

#[test]
fn each_example_fires_where_its_page_says_and_each_fix_stays_quiet() {
    let pages = lint_pages();
    let mut checked = 0;
    for lint in listed_lints() {
        let page = page_of(&pages, &lint.name);
        let example_text = section_text(page, "Example");
        for block in code_blocks(page) {
            let is_example = block.section == "Example";
            let is_fix = block.section == "Fix";
            if block.language != "rust" || !(is_example || is_fix) {
                continue;
            }
            let context = format!(
                "lints/{}.md line {} ({})",
                lint.name, block.page_line, block.section
            );
            let (run, document) = scan_example(&block.code, &lint);
            let findings = findings_of(&document);
            if is_example {
                let expected = marked_lines(&block.code, RUST_MARKER);
                assert!(!expected.is_empty(), "{context}: no `{RUST_MARKER}` line");
                let fired: BTreeSet<u64> = findings
                    .iter()
                    .filter(|(name, _)| *name == lint.name)
                    .map(|(_, line)| *line)
                    .collect();
                assert_eq!(
                    fired, expected,
                    "{context}: `{}` fires on these lines, the page marks those\n{}",
                    lint.name, run.stdout
                );
                for (other, line) in &findings {
                    assert!(
                        *other == lint.name || example_text.contains(&format!("`{other}`")),
                        "{context}: `{other}` fires on line {line} too, and the Example does \
                         not say so\n{}",
                        run.stdout
                    );
                }
            } else {
                assert!(
                    marked_lines(&block.code, RUST_MARKER).is_empty(),
                    "{context}: a fix is marked `{RUST_MARKER}`"
                );
                assert!(
                    findings.is_empty(),
                    "{context}: the fix still fires {findings:?}\n{}",
                    run.stdout
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "no example was analysed");
}

#[test]
fn config_examples_are_rejected_and_every_other_config_is_accepted() {
    let pages = lint_pages();
    for lint in listed_lints() {
        let page = page_of(&pages, &lint.name);
        for block in code_blocks(page) {
            if block.language != "toml" {
                continue;
            }
            let context = format!("lints/{}.md line {}", lint.name, block.page_line);
            let run = scan_config(&block.code);
            let marked = !marked_lines(&block.code, TOML_MARKER).is_empty();
            if block.section == "Example" {
                assert!(marked, "{context}: an Example config marks its mistake");
                run.assert_code(2);
                assert!(
                    run.stderr.contains("invalid config `consent.toml`"),
                    "{context}: the run says the config is invalid:\n{}",
                    run.stderr
                );
                assert!(run.stdout.is_empty(), "{context}: {}", run.stdout);
            } else {
                assert!(!marked, "{context}: only an Example config is marked");
                assert_eq!(
                    run.code, 0,
                    "{context}: the config is accepted and nothing fires:\n{}\n{}",
                    run.stdout, run.stderr
                );
            }
        }
    }
}

#[test]
fn every_other_rust_snippet_parses() {
    let pages = lint_pages();
    for lint in listed_lints() {
        let page = page_of(&pages, &lint.name);
        for block in code_blocks(page) {
            if block.language != "rust" || block.section == "Example" || block.section == "Fix" {
                continue;
            }
            let (run, document) = scan_example(&block.code, &lint);
            let parse_errors: Vec<(String, u64)> = findings_of(&document)
                .into_iter()
                .filter(|(name, _)| name == "parse_error")
                .collect();
            assert!(
                parse_errors.is_empty(),
                "lints/{}.md line {}: the snippet does not parse\n{}",
                lint.name,
                block.page_line,
                run.stdout
            );
        }
    }
}

#[test]
fn every_command_on_a_page_is_accepted() {
    let pages = lint_pages();
    let mut commands = 0;
    for lint in listed_lints() {
        let page = page_of(&pages, &lint.name);
        for block in code_blocks(page) {
            if block.language != "sh" {
                continue;
            }
            for line in block.code.lines() {
                let Some(arguments) = line.trim().strip_prefix("cargo consent ") else {
                    continue;
                };
                let arguments: Vec<&str> = arguments.split_whitespace().collect();
                let project = Project::package("command_example");
                project.file("src/main.rs", "fn main() {}\n");
                let run = project.run(&arguments);
                assert_eq!(
                    run.code, 0,
                    "lints/{}.md: `{line}` is a command line the tool accepts\n{}",
                    lint.name, run.stderr
                );
                commands += 1;
            }
        }
    }
    assert!(commands > 0, "no page shows a command");
}

/// The rows `| `NAME` | LEVEL | ... |` of a Markdown lint table (a row may name two lints).
fn table_levels(markdown: &str) -> BTreeSet<(String, String)> {
    let mut rows = BTreeSet::new();
    for line in markdown.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4 || !cells[1].starts_with('`') {
            continue;
        }
        let level = cells[2];
        if !["deny", "warn", "allow"].contains(&level) {
            continue;
        }
        for name in cells[1].split(',') {
            let name = name.trim().trim_matches('`');
            rows.insert((name.to_string(), level.to_string()));
        }
    }
    rows
}

#[test]
fn the_readme_tables_list_every_lint_at_its_default_level() {
    let listed: BTreeSet<(String, String)> = listed_lints()
        .into_iter()
        .map(|lint| (lint.name, lint.level))
        .collect();
    for file in ["README.md", "lints/README.md"] {
        let text = std::fs::read_to_string(repository_root().join(file))
            .unwrap_or_else(|error| panic!("cannot read {file}: {error}"));
        assert_eq!(
            table_levels(&text),
            listed,
            "{file}'s lint table lists every lint with the level `cargo consent lints` prints"
        );
    }
}
