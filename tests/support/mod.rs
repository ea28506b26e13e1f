//! Helpers shared by the integration tests of the CI-facing features (formats, baselines,
//! pre-commit, installation, progress): temporary projects, runs of the built binary, and
//! the external tools those tests drive (each one required unless its skip variable is set).

#![allow(dead_code)] // Each test file uses a different part of this module.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A run that takes longer than this is taken for a hang and killed. A guard against tests
/// that never end, not a performance assertion.
pub const HANG_LIMIT: Duration = Duration::from_secs(300);

/// The line and columns of the sink call in [`leaking_module`]: `send(phone_number())`.
pub const LEAK_LINE: u32 = 10;
pub const LEAK_COLUMN: u32 = 5;
pub const LEAK_END_COLUMN: u32 = 25;

/// Source whose pub fn `entry` sends a phone number to a third party with no check: one
/// `unguarded_share` at [`LEAK_LINE`]:[`LEAK_COLUMN`].
pub fn leaking_module(entry: &str) -> String {
    format!(
        r#"#[consent::personal(contact.phone_number)]
fn phone_number() -> String {{
    String::from("+15555550100")
}}

#[consent::shares(with = "x", purpose = "analytics")]
fn send(_value: String) {{}}

pub fn {entry}() {{
    send(phone_number());
}}
"#
    )
}

/// [`leaking_module`] with the share behind a consent check: no finding.
pub fn guarded_module(entry: &str) -> String {
    format!(
        r#"#[consent::personal(contact.phone_number)]
fn phone_number() -> String {{
    String::from("+15555550100")
}}

#[consent::shares(with = "x", purpose = "analytics")]
fn send(_value: String) {{}}

#[consent::check(purpose = "analytics")]
fn allows_analytics() -> bool {{
    false
}}

pub fn {entry}() {{
    if allows_analytics() {{
        send(phone_number());
    }}
}}
"#
    )
}

/// An edit of the messenger example (file, text replaced, replacement) that adds a new share:
/// every install reported to the ad network, opted out or not. Its sink is at line 53.
pub const MESSENGER_UNGUARDED_INSTALL: (&str, &str, &str) = (
    "src/ads.rs",
    "/// Install attribution",
    "/// Reports every install, opted out or not.\n\
     pub fn attribute_every_install(device: &Device, ads: &AdsClient) {\n    \
     ads.report_install(&device.device_id());\n}\n\n/// Install attribution",
);

pub fn manifest(name: &str) -> String {
    format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n")
}

pub fn repository_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `path` relative to the repository, as the tests pass it to the binary run from there.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(repository_root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The pages of `lints/` (not its README), by name, with their text.
pub fn lint_pages() -> Vec<(String, String)> {
    let folder = repository_root().join("lints");
    let mut pages: Vec<(String, String)> = std::fs::read_dir(&folder)
        .expect("lints/ is readable")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_name()?.to_str()?.strip_suffix(".md")?.to_string();
            (name != "README").then(|| {
                let text = std::fs::read_to_string(&path).expect("a lint page is readable");
                (name, text)
            })
        })
        .collect();
    pages.sort();
    pages
}

/// The fixture crates of `test-crates/`, sorted.
pub fn fixture_crates() -> Vec<PathBuf> {
    let mut crates: Vec<PathBuf> = std::fs::read_dir(repository_root().join("test-crates"))
        .expect("test-crates/ is readable")
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.join("Cargo.toml").is_file())
        .collect();
    crates.sort();
    assert!(!crates.is_empty(), "no fixture crates in test-crates/");
    crates
}

/// Where `.ci/run` installs the external tools the tests drive.
pub fn ci_tools() -> PathBuf {
    repository_root().join("target").join("ci-tools")
}

/// What one run of a program printed and returned.
#[derive(Debug)]
pub struct Run {
    pub command: String,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn assert_code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code, expected,
            "`{}` exited with {}, expected {expected}\nstdout:\n{}\nstderr:\n{}",
            self.command, self.code, self.stdout, self.stderr
        );
        self
    }

    /// The `notes` of the `--format json` document on stdout.
    pub fn notes(&self) -> Vec<String> {
        self.json()["notes"]
            .as_array()
            .expect("notes is an array")
            .iter()
            .map(|note| note.as_str().expect("a note is a string").to_string())
            .collect()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|error| {
            panic!(
                "`{}` printed invalid JSON ({error}):\n{}\nstderr:\n{}",
                self.command, self.stdout, self.stderr
            )
        })
    }
}

/// Runs `command` to its end (killing it after [`HANG_LIMIT`]) and collects its output.
pub fn run_command(mut command: Command) -> Run {
    let shown = format!("{command:?}");
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("cannot start {shown}: {error}"));
    let read_all = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = read_all(Box::new(child.stdout.take().expect("stdout is piped")));
    let stderr = read_all(Box::new(child.stderr.take().expect("stderr is piped")));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            break status;
        }
        if started.elapsed() > HANG_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{shown} did not finish within {HANG_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let run = Run {
        command: shown,
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout.join().expect("stdout reader")).into_owned(),
        stderr: String::from_utf8_lossy(&stderr.join().expect("stderr reader")).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "{} panicked:\n{}",
        run.command,
        run.stderr
    );
    run
}

/// The built `cargo-consent` binary, run in `directory`. Fails the test if it crashed: whatever
/// the input, the tool must end with an exit status of its own, without a panic (checked by
/// [`run_command`]), a stack overflow or a signal.
pub fn consent(directory: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cargo-consent"));
    command
        .args(args)
        .current_dir(directory)
        .env_remove("NO_COLOR");
    let run = run_command(command);
    let crashed = run.code == -1
        || run.stderr.contains("overflowed its stack")
        || run.stderr.contains("RUST_BACKTRACE");
    assert!(
        !crashed,
        "{} crashed (exit code {})\nstderr:\n{}",
        run.command, run.code, run.stderr
    );
    run
}

/// A temporary directory holding the input of one test.
pub struct Project {
    /// Kept so the directory lives as long as the test.
    _temporary: tempfile::TempDir,
    /// The canonical path, so that the tool's relative paths are relative to it.
    pub root: PathBuf,
}

impl Project {
    /// An empty directory with no `Cargo.toml` above it.
    pub fn new() -> Project {
        let temporary = tempfile::tempdir().expect("a temporary directory");
        let root = temporary
            .path()
            .canonicalize()
            .expect("the temporary directory exists");
        let manifest_above = root
            .ancestors()
            .map(|ancestor| ancestor.join("Cargo.toml"))
            .find(|candidate| candidate.is_file());
        assert!(
            manifest_above.is_none(),
            "the temporary directory {} is inside a cargo package ({manifest_above:?}); \
             point TMPDIR elsewhere",
            root.display()
        );
        Project {
            _temporary: temporary,
            root,
        }
    }

    /// A package named `name` at the root of a new directory.
    pub fn package(name: &str) -> Project {
        let project = Project::new();
        project.file("Cargo.toml", manifest(name));
        project
    }

    /// A copy of `source` (every file below it) in a new directory.
    pub fn copy_of(source: &Path) -> Project {
        let project = Project::new();
        for entry in walkdir::WalkDir::new(source) {
            let entry = entry.expect("the copied directory is readable");
            if entry.file_type().is_file() {
                let relative = entry.path().strip_prefix(source).expect("below the source");
                project.file(
                    &relative.display().to_string(),
                    std::fs::read(entry.path()).expect("the copied file is readable"),
                );
            }
        }
        project
    }

    /// A package whose `src/lib.rs` leaks a phone number at [`LEAK_LINE`].
    pub fn leaking_package() -> Project {
        let project = Project::package("leaky");
        project.file("src/lib.rs", leaking_module("report_usage"));
        project
    }

    /// A package in `directory`, named after its last segment, that leaks a phone number at
    /// [`LEAK_LINE`] of its `src/lib.rs`.
    pub fn leaking_member(&self, directory: &str) -> &Project {
        let name = directory.rsplit('/').next().unwrap_or(directory);
        self.file(&format!("{directory}/Cargo.toml"), manifest(name))
            .file(&format!("{directory}/src/lib.rs"), leaking_module(name))
    }

    pub fn file(&self, relative: &str, contents: impl AsRef<[u8]>) -> &Project {
        let path = self.root.join(relative);
        std::fs::create_dir_all(path.parent().expect("a file has a parent"))
            .expect("the parent directory can be created");
        std::fs::write(&path, contents).expect("the file can be written");
        self
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative))
            .unwrap_or_else(|error| panic!("cannot read {relative}: {error}"))
    }

    pub fn run(&self, args: &[&str]) -> Run {
        consent(&self.root, args)
    }

    /// `check --format json` on the whole directory.
    pub fn check_json(&self, extra: &[&str]) -> Run {
        let mut args = vec!["check", "--format", "json"];
        args.extend_from_slice(extra);
        args.push(".");
        self.run(&args)
    }
}

/// An external program a test needs, found among `candidates`, or else installed by `install`
/// into [`ci_tools`] on first use (under a lock, so tests and test binaries running at once
/// install it once). When it can be neither found nor installed the test fails with one line
/// that says what to install, unless `skip_variable` is set to `1`.
pub fn required_tool(
    name: &str,
    candidates: &[PathBuf],
    skip_variable: &str,
    install: Option<&dyn Fn() -> Result<PathBuf, String>>,
    by_hand: &str,
) -> Option<PathBuf> {
    let found = || {
        candidates
            .iter()
            .find(|candidate| candidate.is_file())
            .cloned()
    };
    if let Some(found) = found() {
        return Some(found);
    }
    if std::env::var(skip_variable).as_deref() == Ok("1") {
        eprintln!("{skip_variable}=1: skipping the test that needs {name}");
        return None;
    }
    let failure = match install {
        Some(install) => {
            let _lock = InstallLock::take();
            match found().map_or_else(install, Ok) {
                Ok(installed) if installed.is_file() => return Some(installed),
                Ok(installed) => format!("its install left no {}", installed.display()),
                Err(reason) => reason,
            }
        }
        None => "it is not installed".to_string(),
    };
    panic!("{name} is needed and {failure}: {by_hand} (or set {skip_variable}=1 to skip)");
}

/// Makes a Python virtual environment at `venv` and installs `package` into it with pip.
pub fn install_into_venv(venv: &Path, package: &str) -> Result<(), String> {
    let mut create = Command::new("python3");
    create.args(["-m", "venv"]).arg(venv);
    install_step(create)?;
    let mut pip = Command::new(venv.join("bin/pip"));
    pip.args(["install", "--quiet", "--disable-pip-version-check", package]);
    install_step(pip)
}

/// Runs an install step; the error names the command and the last line it printed.
pub fn install_step(mut command: Command) -> Result<(), String> {
    let shown = format!("{command:?}");
    let output = command
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("`{shown}` could not start ({error})"))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last = stderr.lines().rev().find(|line| !line.trim().is_empty());
    Err(format!(
        "`{shown}` failed ({}): {}",
        output.status,
        last.unwrap_or("no output")
    ))
}

/// Holds `target/ci-tools/.install.lock` while a tool is installed.
pub struct InstallLock {
    _file: std::fs::File,
}

impl InstallLock {
    pub fn take() -> InstallLock {
        std::fs::create_dir_all(ci_tools()).expect("target/ci-tools can be created");
        let file = std::fs::File::create(ci_tools().join(".install.lock"))
            .expect("the install lock file can be created");
        // flock locks the open file, so threads of one test binary exclude each other too.
        // Elsewhere tests only race if two test binaries install at once.
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            // SAFETY: flock on a descriptor this function owns; released when `file` closes.
            let locked = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) };
            assert_eq!(locked, 0, "the install lock can be taken");
        }
        InstallLock { _file: file }
    }
}

/// `name` in each directory of `PATH`.
pub fn on_path(name: &str) -> Vec<PathBuf> {
    std::env::var_os("PATH")
        .map(|paths| {
            std::env::split_paths(&paths)
                .map(|directory| directory.join(name))
                .collect()
        })
        .unwrap_or_default()
}

/// `PATH` with `directory` first.
pub fn path_with(directory: &Path) -> std::ffi::OsString {
    let mut directories = vec![directory.to_path_buf()];
    if let Some(path) = std::env::var_os("PATH") {
        directories.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(directories).expect("PATH entries join")
}

/// The directory of the built binary, to put first on `PATH`.
pub fn binary_directory() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_cargo-consent"))
        .parent()
        .expect("the binary sits in a directory")
        .to_path_buf()
}

/// The revisions a fixture crate's `Cargo.toml` declares
/// (`[package.metadata.consent-test.revisions]`: a name and the extra arguments of
/// `cargo consent check`), or one plain run named "".
pub fn fixture_revisions(crate_dir: &Path) -> Vec<(String, Vec<String>)> {
    let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml"))
        .expect("fixture manifests are readable");
    let table: toml::Table = manifest.parse().expect("fixture manifests parse");
    let declared = table
        .get("package")
        .and_then(|package| package.get("metadata"))
        .and_then(|metadata| metadata.get("consent-test"))
        .and_then(|test| test.get("revisions"))
        .and_then(toml::Value::as_table);
    let Some(declared) = declared else {
        return vec![(String::new(), Vec::new())];
    };
    declared
        .iter()
        .map(|(name, args)| {
            let args = args
                .as_array()
                .expect("revision arguments are an array")
                .iter()
                .map(|arg| {
                    arg.as_str()
                        .expect("revision arguments are strings")
                        .to_string()
                })
                .collect();
            (name.clone(), args)
        })
        .collect()
}
