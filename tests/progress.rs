//! The progress bar: shown on stderr when it is a terminal and a scan takes longer than a
//! second, cleared before the report, and never shown with a machine format, when stderr is
//! not a terminal, or for a quick scan.
//!
//! A terminal is given by util-linux's `script`, which runs the binary on a pseudo-terminal
//! and copies what it shows; without it the tests fail unless `CONSENT_SKIP_TTY_TESTS=1`.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::*;

/// Text of the bar: the spinner's and the bar's messages.
const PROGRESS_TEXT: [&str; 2] = ["cargo-consent: parsing", "cargo-consent: analysing fns"];

fn script() -> Option<PathBuf> {
    let mut candidates = vec![PathBuf::from("/usr/bin/script")];
    candidates.extend(on_path("script"));
    required_tool(
        "`script` (util-linux)",
        &candidates,
        "CONSENT_SKIP_TTY_TESTS",
        None,
        "install util-linux's `script` (Debian and Ubuntu: `apt-get install bsdutils`)",
    )
}

/// Runs the binary in `directory` on a pseudo-terminal; returns its exit status and what the
/// terminal showed (stdout and stderr together, as a person would see them).
fn on_terminal(script: &Path, directory: &Path, args: &[&str]) -> (i32, String) {
    let command_line = std::iter::once(env!("CARGO_BIN_EXE_cargo-consent"))
        .chain(args.iter().copied())
        .map(|word| format!("'{word}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut command = Command::new(script);
    command
        .args([
            "--quiet",
            "--return",
            "--command",
            &command_line,
            "/dev/null",
        ])
        .current_dir(directory)
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR");
    let run = run_command(command);
    (run.code, run.stdout)
}

/// A crate large enough that a debug build scans it for several seconds.
fn large_crate() -> Project {
    let project = Project::package("large");
    let mut root = String::new();
    for module in 0..400 {
        root.push_str(&format!("mod m{module};\n"));
        let mut text = String::new();
        for function in 0..60 {
            text.push_str(&format!(
                "pub fn f{function}(a: u32) -> u32 {{\n    let b = a + {function};\n    \
                 if b > 3 {{ b * 2 }} else {{ b }}\n}}\n"
            ));
        }
        project.file(&format!("src/m{module}.rs"), text);
    }
    root.push_str(&leaking_module("report_usage"));
    project.file("src/lib.rs", root);
    project
}

#[test]
fn a_long_scan_on_a_terminal_shows_progress_then_clears_it() {
    let Some(script) = script() else {
        return;
    };
    let project = large_crate();
    let started = std::time::Instant::now();
    let (code, shown) = on_terminal(&script, &project.root, &["check", "--color", "never"]);
    let took = started.elapsed();
    assert_eq!(code, 1, "{shown}");
    assert!(
        took > std::time::Duration::from_secs(2),
        "the input is meant to take a while; it took {took:?}, make it larger"
    );
    assert!(
        PROGRESS_TEXT.iter().all(|text| shown.contains(text)),
        "the terminal showed progress:\n{shown}"
    );
    // The bar is erased (`ESC [2K`) before the report starts, which ends with its summary.
    let report = shown.find("unguarded_share").expect("the report is shown");
    let last_progress = shown.rfind("analysing fns").expect("progress");
    assert!(last_progress < report, "{shown}");
    assert!(
        shown[last_progress..report].contains("\u{1b}[2K"),
        "{shown}"
    );
    assert!(
        shown
            .trim_end()
            .ends_with("1 error, 0 warnings in 401 files (1 crate)"),
        "{shown}"
    );
}

#[test]
fn no_progress_with_machine_formats_off_a_terminal_or_for_quick_scans() {
    let Some(script) = script() else {
        return;
    };
    let project = large_crate();
    for format in ["json", "sarif", "github", "cargo-json"] {
        let (code, shown) = on_terminal(&script, &project.root, &["check", "--format", format]);
        assert_eq!(code, 1);
        assert!(
            PROGRESS_TEXT.iter().all(|text| !shown.contains(text)),
            "--format {format} on a terminal shows no progress:\n{shown}"
        );
    }
    let piped = project.run(&["check", "--color", "never"]);
    piped.assert_code(1);
    assert_eq!(piped.stderr, "", "stderr is not a terminal: no progress");

    let quick = Project::leaking_package();
    let (code, shown) = on_terminal(&script, &quick.root, &["check", "--color", "never"]);
    assert_eq!(code, 1);
    assert!(
        PROGRESS_TEXT.iter().all(|text| !shown.contains(text)) && !shown.contains("\u{1b}[2K"),
        "a quick scan shows no progress:\n{shown}"
    );
}
