//! The editor set-up of README.md, run as rust-analyzer would run it: its
//! `check.overrideCommand` (cargo check, then `cargo consent --format cargo-json`) in the
//! fixture workspace, and the combined output read back with `cargo_metadata`, the way
//! rust-analyzer's flycheck reads it: the compiler's messages and ours in one stream.

mod support;

use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::Command;

use cargo_metadata::Message;
use support::*;

/// The `overrideCommand` array of README.md's VS Code settings.
fn readme_override_command() -> Vec<String> {
    let readme =
        std::fs::read_to_string(repository_root().join("README.md")).expect("README.md exists");
    let start = readme
        .find("```json\n{\n  \"rust-analyzer.check.overrideCommand\"")
        .expect("README.md shows the VS Code setting")
        + "```json\n".len();
    let end = start + readme[start..].find("```").expect("the block ends");
    let settings: serde_json::Value =
        serde_json::from_str(&readme[start..end]).expect("the VS Code settings are JSON");
    settings["rust-analyzer.check.overrideCommand"]
        .as_array()
        .expect("an array")
        .iter()
        .map(|word| word.as_str().expect("a string").to_string())
        .collect()
}

/// `PATH` with the built binary first, then cargo's own `bin`, then the rest.
fn editor_path() -> std::ffi::OsString {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .expect("CARGO_HOME or HOME is set");
    let mut directories = vec![binary_directory(), cargo_home.join("bin")];
    if let Some(cargo) = std::env::var_os("CARGO") {
        if let Some(directory) = Path::new(&cargo).parent() {
            directories.push(directory.to_path_buf());
        }
    }
    if let Some(path) = std::env::var_os("PATH") {
        directories.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(directories).expect("PATH entries join")
}

#[test]
fn the_readme_override_command_gives_rust_analyzer_both_streams() {
    let command_line = readme_override_command();
    assert!(
        command_line
            .iter()
            .any(|word| word.contains("--format cargo-json")),
        "{command_line:?}"
    );
    let workspace = repository_root().join("test-crates");
    let mut command = Command::new(&command_line[0]);
    command
        .args(&command_line[1..])
        .current_dir(&workspace)
        .env("PATH", editor_path())
        // The fixture crates build into their own target dir (see `.ci/run`).
        .env("CARGO_TARGET_DIR", workspace.join("target"));
    let run = run_command(command);

    let messages: Vec<Message> = Message::parse_stream(BufReader::new(run.stdout.as_bytes()))
        .map(|message| message.expect("every line is read"))
        .collect();
    let from_cargo = messages
        .iter()
        .filter(|message| matches!(message, Message::CompilerArtifact(_)))
        .count();
    assert!(
        from_cargo > 0,
        "cargo check ran and reported its artifacts:\n{}",
        run.stderr
    );
    // Ours carry the lint's page as explanation; rustc's lint warnings have none.
    let ours: Vec<String> = messages
        .iter()
        .filter_map(|message| match message {
            Message::CompilerMessage(compiler) => compiler.message.code.as_ref(),
            _ => None,
        })
        .filter(|code| {
            code.explanation
                .as_deref()
                .is_some_and(|page| page.starts_with(&format!("# {}\n", code.code)))
        })
        .map(|code| code.code.clone())
        .collect();
    let expected = consent(&workspace, &["check", "--format", "json"]).json()["findings"]
        .as_array()
        .expect("findings")
        .len();
    assert!(expected > 0, "the fixtures have findings");
    assert_eq!(
        ours.len(),
        expected,
        "every finding reaches the editor:\n{}",
        run.stderr
    );
    assert!(
        messages.iter().any(
            |message| matches!(message, Message::BuildFinished(finished) if !finished.success)
        ),
        "our build-finished says the scan failed"
    );
}
