//! README's install line, `cargo install --locked --path .`, then `cargo consent ...`, as the
//! README tells users to (SPEC §8): the package installs, and cargo finds and runs the
//! subcommand.
//!
//! The install reuses the target directory and profile of the build under test, so it only
//! copies the binary that `cargo test` already built, and adds `--offline`: every dependency it
//! needs was fetched by that same build, so going to the registry again would only add time.

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

/// The words of the `sh` block that follows "Install the subcommand" in README.md.
fn readme_install_command() -> Vec<String> {
    let readme =
        std::fs::read_to_string(repository_root().join("README.md")).expect("README.md exists");
    let section = &readme[readme
        .find("Install the subcommand")
        .expect("README.md says how to install")..];
    let start = section.find("```sh\n").expect("an sh block follows") + "```sh\n".len();
    let line = section[start..]
        .lines()
        .next()
        .expect("the block has a line");
    line.split_whitespace().map(str::to_string).collect()
}

#[test]
fn cargo_install_then_cargo_consent_finds_the_leak() {
    let words = readme_install_command();
    assert_eq!(
        words,
        ["cargo", "install", "--locked", "--path", "."],
        "the README's install line"
    );
    let root = tempfile::tempdir().expect("an install root");
    let (target, profile) = build_target();
    let mut install = Command::new(cargo());
    install
        .args(&words[1..words.len() - 1])
        .arg(repository_root())
        .arg("--root")
        .arg(root.path())
        .arg("--target-dir")
        .arg(&target)
        .args(["--profile", &profile, "--offline", "--quiet"]);
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

    // README: where `rust-toolchain.toml` pins a toolchain that is not installed, rustup's
    // `cargo` proxy wants it first, but `cargo-consent` itself runs no cargo or rustc.
    let pinned = Project::leaking_package();
    pinned.file(
        "rust-toolchain.toml",
        "[toolchain]\nchannel = \"1.60.0-never-installed\"\n",
    );
    let mut direct = Command::new(&binary);
    direct
        .args(["check", "--color", "never"])
        .current_dir(&pinned.root)
        .env("PATH", &path)
        .env("RUSTUP_AUTO_INSTALL", "0");
    let direct = run_command(direct);
    direct.assert_code(1);
    assert!(
        direct.stdout.contains("unguarded_share"),
        "{}",
        direct.stdout
    );
}
