//! The GitHub Actions job of README.md: its `run:` steps, run with bash as the runner does
//! (`bash -e`), must upload findings (the SARIF step succeeds despite exit status 1), fail the
//! gate step with annotations, and fail the SARIF step when the tool cannot do its job.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::*;

/// The `run:` commands of README.md's workflow, by step name, without the install step.
fn readme_steps() -> Vec<(String, String)> {
    let readme =
        std::fs::read_to_string(repository_root().join("README.md")).expect("README.md exists");
    let start = readme
        .find("```yaml\nname: consent\n")
        .expect("README.md has the GitHub Actions job");
    let end = start + readme[start + 3..].find("```").expect("the block ends") + 3;
    let mut steps = Vec::new();
    let mut name = String::new();
    for line in readme[start..end].lines() {
        let line = line.trim();
        if let Some(step) = line.strip_prefix("- name: ") {
            name = step.to_string();
        } else if let Some(command) = line.strip_prefix("run: ") {
            if !command.starts_with("cargo install") {
                steps.push((name.clone(), command.to_string()));
            }
        }
    }
    assert_eq!(steps.len(), 2, "a SARIF step and a gate step: {steps:?}");
    steps
}

/// `PATH` with the built binary and cargo first, so `cargo consent` runs this build.
fn runner_path() -> std::ffi::OsString {
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

fn run_step(directory: &Path, command_line: &str) -> Run {
    let mut command = Command::new("bash");
    command
        .args(["-e", "-c", command_line])
        .current_dir(directory)
        .env("PATH", runner_path());
    run_command(command)
}

#[test]
fn the_readme_job_uploads_the_findings_and_fails_the_gate() {
    let steps = readme_steps();
    let (sarif_step, gate_step) = (&steps[0].1, &steps[1].1);
    assert!(
        sarif_step.contains("--format sarif > consent.sarif"),
        "{sarif_step}"
    );
    assert!(gate_step.contains("--format github"), "{gate_step}");

    let project = Project::leaking_package();
    run_step(&project.root, sarif_step).assert_code(0);
    let sarif: serde_json::Value =
        serde_json::from_str(&project.read("consent.sarif")).expect("consent.sarif is JSON");
    assert_eq!(
        sarif["runs"][0]["results"][0]["ruleId"], "unguarded_share",
        "the finding is in the file to upload"
    );
    let gate = run_step(&project.root, gate_step);
    gate.assert_code(1);
    assert!(
        gate.stdout
            .starts_with("::error file=src/lib.rs,line=10,col=5,"),
        "{}",
        gate.stdout
    );

    let clean = Project::package("tidy");
    clean.file("src/lib.rs", guarded_module("report_usage"));
    run_step(&clean.root, sarif_step).assert_code(0);
    run_step(&clean.root, gate_step).assert_code(0);

    // A scan that cannot run (a broken manifest) fails the SARIF step instead of uploading.
    let broken = Project::new();
    broken.file("Cargo.toml", "[package\n");
    let failed = run_step(&broken.root, sarif_step);
    assert_eq!(failed.code, 1, "bash -e fails the step: {failed:?}");
}
