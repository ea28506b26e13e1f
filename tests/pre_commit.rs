//! The commit hooks, run for real in temporary git repositories: the `cargo-consent` hook of
//! `.pre-commit-hooks.yaml` through the pre-commit framework, and the plain
//! `.git/hooks/pre-commit` recipe of README.md. Each refuses a commit that adds a leak, shows
//! the finding, and lets the commit through once the leak is fixed.
//!
//! pre-commit is the Python package; the test installs it on first use into a virtual
//! environment, `target/ci-tools/venv`. Set `CONSENT_PRE_COMMIT` to use another, or
//! `CONSENT_SKIP_PRE_COMMIT=1` to skip the framework test where it cannot be installed.

mod support;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use support::*;

/// The pre-commit release the tests were written against.
const PRE_COMMIT_PACKAGE: &str = "pre-commit==4.7.0";

fn pre_commit() -> Option<PathBuf> {
    let venv = ci_tools().join("venv");
    let installed = venv.join("bin/pre-commit");
    let mut candidates = Vec::new();
    if let Some(path) = std::env::var_os("CONSENT_PRE_COMMIT") {
        candidates.push(PathBuf::from(path));
    }
    candidates.push(installed.clone());
    candidates.extend(on_path("pre-commit"));
    let install = || {
        install_into_venv(&venv, PRE_COMMIT_PACKAGE)?;
        Ok(installed.clone())
    };
    required_tool(
        "pre-commit (the Python package)",
        &candidates,
        "CONSENT_SKIP_PRE_COMMIT",
        Some(&install),
        &format!(
            "install Python 3 with its venv module, then `python3 -m venv target/ci-tools/venv \
             && target/ci-tools/venv/bin/pip install {PRE_COMMIT_PACKAGE}`"
        ),
    )
}

/// `PATH` for the hooks: the built binary first, then cargo's own `bin` (which cargo would
/// otherwise search before `PATH` for `cargo consent`), then the rest.
fn hook_path() -> OsString {
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

/// A command run in `directory` with git isolated from the machine's configuration (a global
/// `core.hooksPath` would make pre-commit refuse to install) and a fixed identity.
fn isolated(program: &Path, directory: &Path, home: &Path) -> Command {
    let mut command = Command::new(program);
    command
        .current_dir(directory)
        .env("PATH", hook_path())
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", home.join("gitconfig"))
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env("PRE_COMMIT_HOME", home.join("pre-commit-cache"))
        .env_remove("NO_COLOR");
    command
}

fn git(directory: &Path, home: &Path, args: &[&str]) -> Run {
    let mut command = isolated(Path::new("git"), directory, home);
    command.args(args);
    run_command(command)
}

fn head(directory: &Path, home: &Path) -> Option<String> {
    let run = git(
        directory,
        home,
        &["rev-parse", "--verify", "--quiet", "HEAD"],
    );
    (run.code == 0).then(|| run.stdout.trim().to_string())
}

/// A new git repository holding a package whose lib leaks a phone number, nothing committed.
fn leaking_repository(home: &Path) -> Project {
    let project = Project::leaking_package();
    git(
        &project.root,
        home,
        &["init", "--quiet", "--initial-branch=main"],
    )
    .assert_code(0);
    project
}

/// Commits everything; returns the run of `git commit`.
fn commit_all(project: &Project, home: &Path, message: &str) -> Run {
    git(&project.root, home, &["add", "--all"]).assert_code(0);
    git(&project.root, home, &["commit", "--quiet", "-m", message])
}

/// The leak is refused with its finding shown, the fix goes through.
fn assert_refused_then_accepted(project: &Project, home: &Path, tool: &str) {
    let refused = commit_all(project, home, "share the phone number");
    assert_ne!(
        refused.code, 0,
        "{tool} lets the leak through:\n{refused:?}"
    );
    let shown = format!("{}{}", refused.stdout, refused.stderr);
    assert!(
        shown.contains("unguarded_share")
            && shown.contains(&format!("src/lib.rs:{LEAK_LINE}:{LEAK_COLUMN}")),
        "{tool} shows the finding:\n{shown}"
    );
    assert_eq!(head(&project.root, home), None, "nothing was committed");

    project.file("src/lib.rs", guarded_module("report_usage"));
    let accepted = commit_all(project, home, "ask for consent first");
    accepted.assert_code(0);
    assert!(
        head(&project.root, home).is_some(),
        "the fixed code is committed"
    );
}

#[test]
fn the_pre_commit_hook_refuses_a_leak_and_accepts_the_fix() {
    let Some(pre_commit) = pre_commit() else {
        return;
    };
    let home = tempfile::tempdir().expect("a temporary home");
    let home = home.path();

    // A hook repository holding this checkout's `.pre-commit-hooks.yaml`, as pre-commit clones
    // it from a `repo:` line (a local clone: no network).
    let hooks = Project::new();
    hooks.file(
        ".pre-commit-hooks.yaml",
        std::fs::read(repository_root().join(".pre-commit-hooks.yaml"))
            .expect("the hook file is in the repository root"),
    );
    git(&hooks.root, home, &["init", "--quiet"]).assert_code(0);
    commit_all(&hooks, home, "hooks").assert_code(0);
    let revision = head(&hooks.root, home).expect("the hooks are committed");

    let project = leaking_repository(home);
    project.file(
        ".pre-commit-config.yaml",
        format!(
            "repos:\n  - repo: {}\n    rev: {revision}\n    hooks:\n      - id: cargo-consent\n",
            hooks.root.display()
        ),
    );
    let mut install = isolated(&pre_commit, &project.root, home);
    install.arg("install");
    run_command(install).assert_code(0);

    assert_refused_then_accepted(&project, home, "the pre-commit hook");

    // `types: [rust]`: a commit without Rust files skips the hook.
    project.file("NOTES.md", "nothing to scan\n");
    let notes_only = commit_all(&project, home, "notes");
    notes_only.assert_code(0);
    assert!(
        format!("{}{}", notes_only.stdout, notes_only.stderr).contains("Skipped"),
        "{notes_only:?}"
    );
}

/// The `#!/bin/sh` block of README.md's pre-commit section.
fn readme_hook() -> String {
    let readme =
        std::fs::read_to_string(repository_root().join("README.md")).expect("README.md exists");
    let start = readme
        .find("```sh\n#!/bin/sh\n")
        .expect("README.md has a `#!/bin/sh` hook recipe")
        + "```sh\n".len();
    let end = start + readme[start..].find("```").expect("the block ends");
    let hook = readme[start..end].to_string();
    assert!(hook.contains("cargo consent"), "{hook}");
    hook
}

#[test]
fn the_plain_git_hook_of_the_readme_refuses_a_leak_and_accepts_the_fix() {
    let home = tempfile::tempdir().expect("a temporary home");
    let home = home.path();
    let project = leaking_repository(home);
    let hook = project.root.join(".git/hooks/pre-commit");
    std::fs::create_dir_all(hook.parent().expect("hooks folder")).expect("creatable");
    std::fs::write(&hook, readme_hook()).expect("the hook can be written");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755))
            .expect("the hook can be made executable");
    }
    assert_refused_then_accepted(&project, home, "the README's git hook");
}
