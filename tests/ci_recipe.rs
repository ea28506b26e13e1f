//! The GitHub Actions job of README.md: its `run:` steps, run with bash as the runner does
//! (`bash -e`), must upload findings (the SARIF step succeeds despite exit status 1), fail the
//! gate step with annotations, and fail the SARIF step when the tool cannot do its job. The
//! data map job of README.md runs on a real git repository: it maps the base commit, compares
//! the pull request with it, and writes the comment README.md shows.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::*;

/// The `run:` commands of README.md's workflow, by step name, without the install step.
fn readme_steps() -> Vec<(String, String)> {
    let steps = job_steps("consent");
    assert_eq!(steps.len(), 2, "a SARIF step and a gate step: {steps:?}");
    steps
}

/// The `run:` commands, by step name, of the job README.md shows under `name: NAME`, without
/// the step that installs cargo-consent.
fn job_steps(name: &str) -> Vec<(String, String)> {
    let readme =
        std::fs::read_to_string(repository_root().join("README.md")).expect("README.md exists");
    let start = readme
        .find(&format!("```yaml\nname: {name}\n"))
        .unwrap_or_else(|| panic!("README.md has the GitHub Actions job `{name}`"));
    let end = start + readme[start + 3..].find("```").expect("the block ends") + 3;
    let mut steps = Vec::new();
    let mut step = String::new();
    for line in readme[start..end].lines() {
        let line = line.trim();
        if let Some(named) = line.strip_prefix("- name: ") {
            step = named.to_string();
        } else if let Some(command) = line.strip_prefix("run: ") {
            if !command.starts_with("cargo install") {
                steps.push((step.clone(), command.to_string()));
            }
        }
    }
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

/// A git command in `directory`, isolated from the machine's git configuration.
fn git(directory: &Path, args: &[&str]) -> Run {
    let mut command = Command::new("git");
    command
        .args(args)
        .current_dir(directory)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com");
    let run = run_command(command);
    run.assert_code(0);
    run
}

/// A repository holding the messenger example as its base commit, then `change` committed on
/// top as a pull request would; returns it with the base commit's hash.
fn pull_request(change: impl Fn(&Project)) -> (Project, String) {
    let project = Project::copy_of(&repository_root().join("test-crates/messenger"));
    git(&project.root, &["init", "--quiet"]);
    git(&project.root, &["add", "."]);
    git(&project.root, &["commit", "--quiet", "-m", "base"]);
    let base = git(&project.root, &["rev-parse", "HEAD"])
        .stdout
        .trim()
        .to_string();
    change(&project);
    git(
        &project.root,
        &["commit", "--quiet", "-a", "-m", "pull request"],
    );
    (project, base)
}

fn run_map_step(project: &Project, command_line: &str, base: &str, runner_temp: &Path) -> Run {
    let mut command = Command::new("bash");
    command
        .args(["-e", "-c", command_line])
        .current_dir(&project.root)
        .env("PATH", runner_path())
        .env("RUNNER_TEMP", runner_temp)
        .env("BASE_SHA", base)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1");
    run_command(command)
}

#[test]
fn the_readme_data_map_job_comments_what_a_pull_request_adds() {
    let steps = job_steps("data map");
    let names: Vec<&str> = steps.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Map the base",
            "Map what the pull request changes",
            "Comment the changes"
        ]
    );
    let (map_base, compare, comment) = (&steps[0].1, &steps[1].1, &steps[2].1);
    assert!(
        comment.starts_with("gh pr comment") && comment.contains("--body-file map-changes.md"),
        "{comment}"
    );

    // A pull request that adds a share without the opt-out: the comment shows it, the job fails.
    let (project, base) = pull_request(|project| {
        let (file, from, to) = MESSENGER_UNGUARDED_INSTALL;
        project.file(file, project.read(file).replacen(from, to, 1));
    });
    let runner_temp = tempfile::tempdir().expect("a temporary directory");
    run_map_step(&project, map_base, &base, runner_temp.path()).assert_code(0);
    assert!(runner_temp.path().join("base.json").is_file());
    run_map_step(&project, compare, &base, runner_temp.path()).assert_code(1);
    let comment_body = project.read("map-changes.md");
    let readme =
        std::fs::read_to_string(repository_root().join("README.md")).expect("README.md exists");
    let marker = "<!-- excerpt of: the data map job's comment -->";
    let excerpt_start = readme.find(marker).expect("README shows the job's comment");
    let after = &readme[excerpt_start..];
    let body = &after[after.find("```markdown\n").expect("a markdown block") + 12..];
    let excerpt = &body[..body.find("\n```").expect("the block ends")];
    assert!(
        comment_body.starts_with(excerpt),
        "README shows the start of the comment:\n{comment_body}"
    );

    // A pull request that only moves code: nothing to comment on, the job passes.
    let (moved, base) = pull_request(|project| {
        for file in ["src/ads.rs", "src/main.rs"] {
            let text = project.read(file);
            project.file(file, format!("// Moved.\n\n\n{text}"));
        }
    });
    let runner_temp = tempfile::tempdir().expect("a temporary directory");
    run_map_step(&moved, map_base, &base, runner_temp.path()).assert_code(0);
    run_map_step(&moved, compare, &base, runner_temp.path()).assert_code(0);
    assert!(
        moved.read("map-changes.md").contains("No flow changed."),
        "{}",
        moved.read("map-changes.md")
    );
}
