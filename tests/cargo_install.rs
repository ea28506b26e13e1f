//! `cargo install --path .` then `cargo consent ...`, as the README tells users to (SPEC §8):
//! the package installs, and cargo finds and runs the subcommand.
//!
//! The install reuses the target directory and profile of the build under test, so it only
//! copies the binary that `cargo test` already built, and runs `--offline --locked` (every
//! dependency is already fetched by that build, and the lock file is the one tested).

mod support;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use support::*;

fn cargo() -> PathBuf {
    std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from)
}

/// The target directory and profile the test binary was built into (`target/debug/..`).
fn build_target() -> (PathBuf, String) {
    let profile_directory = binary_directory();
    let directory_name = profile_directory
        .file_name()
        .expect("the profile directory has a name")
        .to_string_lossy()
        .into_owned();
    // The `dev` profile builds into `debug/`; every other profile into a folder of its name.
    let profile = if directory_name == "debug" {
        "dev".to_string()
    } else {
        directory_name
    };
    let target = profile_directory
        .parent()
        .expect("the profile directory is in the target directory")
        .to_path_buf();
    (target, profile)
}

/// `PATH` with `bin` first, then cargo's own `bin`: cargo looks for subcommands there before
/// `PATH` unless `PATH` already names it, so this way the installed copy wins.
fn path_with_installed(bin: &Path) -> OsString {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .expect("CARGO_HOME or HOME is set");
    let mut directories = vec![bin.to_path_buf(), cargo_home.join("bin")];
    if let Some(path) = std::env::var_os("PATH") {
        directories.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(directories).expect("PATH entries join")
}

fn cargo_consent(directory: &Path, path: &OsString, args: &[&str]) -> Run {
    let mut command = Command::new(cargo());
    command
        .arg("consent")
        .args(args)
        .current_dir(directory)
        .env("PATH", path);
    run_command(command)
}

#[test]
fn cargo_install_then_cargo_consent_finds_the_leak() {
    let root = tempfile::tempdir().expect("an install root");
    let (target, profile) = build_target();
    let mut install = Command::new(cargo());
    install
        .args(["install", "--path"])
        .arg(repository_root())
        .arg("--root")
        .arg(root.path())
        .arg("--target-dir")
        .arg(&target)
        .args(["--profile", &profile, "--offline", "--locked", "--quiet"]);
    let installed = run_command(install);
    installed.assert_code(0);
    let bin = root.path().join("bin");
    let binary = bin.join(format!("cargo-consent{}", std::env::consts::EXE_SUFFIX));
    assert!(binary.is_file(), "{} was installed", binary.display());
    let path = path_with_installed(&bin);

    let version = cargo_consent(&repository_root(), &path, &["--version"]);
    version.assert_code(0);
    assert!(
        version.stdout.contains(env!("CARGO_PKG_VERSION")),
        "{}",
        version.stdout
    );

    let project = Project::leaking_package();
    let run = cargo_consent(&project.root, &path, &["check", "--color", "never"]);
    run.assert_code(1);
    assert!(
        run.stdout.contains("unguarded_share")
            && run
                .stdout
                .contains(&format!("src/lib.rs:{LEAK_LINE}:{LEAK_COLUMN}")),
        "{}",
        run.stdout
    );
    // `cargo consent` with no subcommand and no path scans the package around it.
    let json = cargo_consent(&project.root, &path, &["--format", "json"]);
    json.assert_code(1);
    assert_eq!(json.json()["findings"][0]["lint"], "unguarded_share");

    // The README's example: the bundled messenger app leaks to its parent company (which lint
    // says so depends on how far the engine follows its checks).
    let messenger = cargo_consent(
        &repository_root(),
        &path,
        &["check", "--color", "never", "test-crates/messenger"],
    );
    messenger.assert_code(1);
    assert!(
        messenger.stdout.contains("shared with `parent_company`"),
        "{}",
        messenger.stdout
    );

    let missing = cargo_consent(&project.root, &path, &["check", "no-such-dir"]);
    missing.assert_code(2);
}
