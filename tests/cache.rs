//! The run cache, through the built binary: a warm run prints exactly what a run from
//! scratch (`--no-cache`) prints, in every format, on every fixture and after every kind of
//! edit that matters; a damaged entry is discarded with a note; two runs at once both
//! succeed; the cache goes where it is told and nowhere else in the scanned tree.

use std::path::{Path, PathBuf};
use std::process::Command;

mod support;
use support::{consent, fixture_crates, relative, repository_root, run_command, Project, Run};

const CHECK_FORMATS: &[&str] = &["human", "json", "sarif", "github", "cargo-json"];
const MAP_FORMATS: &[&str] = &["markdown", "json", "csv", "dot", "html", "fides"];

/// What a run shows: exit status, stdout and stderr (where `map` and `cargo-json` put notes).
fn shown(run: &Run) -> (i32, &str, &str) {
    (run.code, &run.stdout, &run.stderr)
}

/// Every file below `root` (the cache's own directory left out when it is inside).
fn files_below(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .map(|entry| entry.expect("readable").path().to_path_buf())
        .collect();
    files.sort();
    files
}

/// The entries of a cache directory.
fn entries(cache: &Path) -> Vec<PathBuf> {
    match std::fs::read_dir(cache.join("runs")) {
        Ok(listing) => {
            let mut found: Vec<PathBuf> = listing
                .map(|item| item.expect("an entry").path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "bin"))
                .collect();
            found.sort();
            found
        }
        Err(_) => Vec::new(),
    }
}

/// Runs `args` in `directory` from scratch, then with the cache twice (the first may fill
/// it, the second must load it), then once more without the run entries (so every file's
/// facts come from the facts cache), and asserts all four print the same.
fn assert_warm_equals_cold(directory: &Path, cache: &Path, args: &[&str]) -> Run {
    let mut cold_args = args.to_vec();
    cold_args.push("--no-cache");
    let cold = consent(directory, &cold_args);
    let mut cached_args = args.to_vec();
    let cache_arg = cache.display().to_string();
    cached_args.extend(["--cache-dir", &cache_arg]);
    for attempt in ["filling", "warm", "from the facts cache"] {
        if attempt == "from the facts cache" {
            for entry in entries(cache) {
                let _ = std::fs::remove_file(entry);
            }
        }
        let cached = consent(directory, &cached_args);
        assert_eq!(
            shown(&cached),
            shown(&cold),
            "{attempt} run of `{args:?}` in {} differs from a run from scratch",
            directory.display()
        );
    }
    cold
}

#[test]
fn warm_runs_print_what_cold_runs_print_in_every_format_on_every_fixture() {
    let cache = tempfile::tempdir().expect("a temporary directory");
    let root = repository_root();
    let work: Vec<(PathBuf, Vec<String>)> = fixture_crates()
        .into_iter()
        .flat_map(|crate_dir| {
            support::fixture_revisions(&crate_dir)
                .into_iter()
                .map(move |(_, args)| (crate_dir.clone(), args))
        })
        .collect();
    // Two threads: each run is a process of its own.
    std::thread::scope(|scope| {
        for half in work.chunks(work.len().div_ceil(2)) {
            let (cache, root) = (cache.path(), &root);
            scope.spawn(move || {
                for (crate_dir, extra) in half {
                    let path = relative(crate_dir);
                    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
                    for (command, formats) in [("check", CHECK_FORMATS), ("map", MAP_FORMATS)] {
                        for format in formats {
                            let mut args = vec![command, "--format", format, &path];
                            args.extend(&extra);
                            assert_warm_equals_cold(root, cache, &args);
                        }
                    }
                }
            });
        }
    });
    assert!(
        !entries(cache.path()).is_empty(),
        "the runs filled the cache"
    );
}

/// A copy of the messenger example, and a cache beside it.
struct Edited {
    project: Project,
    cache: tempfile::TempDir,
}

impl Edited {
    fn messenger() -> Edited {
        Edited {
            project: Project::copy_of(&repository_root().join("test-crates/messenger")),
            cache: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    /// `check --format json` and `map --format json` warm and cold, which must agree; the
    /// cold check's output.
    fn assert_warm_equals_cold(&self, extra: &[&str]) -> String {
        let mut map = vec!["map", "--format", "json", "."];
        map.extend(extra);
        assert_warm_equals_cold(&self.project.root, self.cache.path(), &map);
        let mut check = vec!["check", "--format", "json", "."];
        check.extend(extra);
        assert_warm_equals_cold(&self.project.root, self.cache.path(), &check).stdout
    }

    fn replace(&self, file: &str, from: &str, to: &str) {
        let text = self.project.read(file);
        assert!(text.contains(from), "{file} holds `{from}`");
        self.project.file(file, text.replacen(from, to, 1));
    }
}

#[test]
fn every_kind_of_edit_is_seen_by_the_next_warm_run() {
    let edited = Edited::messenger();
    let original = edited.assert_warm_equals_cold(&[]);

    // A comment moves every line below it.
    edited.replace("src/metrics/mod.rs", "\n", "\n// moved\n");
    let commented = edited.assert_warm_equals_cold(&[]);
    assert_ne!(commented, original, "the finding moved a line down");

    // A fn moved to the end of its file.
    let ads = edited.project.read("src/ads.rs");
    let start = ads
        .find("/// Shares the device")
        .expect("share_audience's doc");
    let end = ads[start..].find("\n}\n").expect("its end") + start + 3;
    let moved = format!("{}{}\n{}", &ads[..start], &ads[end..], &ads[start..end]);
    edited.project.file("src/ads.rs", moved);
    edited.assert_warm_equals_cold(&[]);

    // A removed check: the audience now leaves for the ad network with no opt-out.
    let before = edited.assert_warm_equals_cold(&[]);
    edited.replace(
        "src/ads.rs",
        "    if settings.ads_opt_out {\n        return;\n    }\n",
        "",
    );
    let unguarded = edited.assert_warm_equals_cold(&[]);
    assert_ne!(unguarded, before, "the removed check is a new finding");

    // A new source annotation.
    edited.replace(
        "src/metrics/mod.rs",
        "    pub app_version: String,",
        "    #[personal(device.info)]\n    pub app_version: String,",
    );
    let annotated = edited.assert_warm_equals_cold(&[]);
    assert_ne!(annotated, unguarded, "the new source changes the flows");

    // A config next to the package.
    edited
        .project
        .file("consent.toml", "[lints]\nunguarded_share = \"warn\"\n");
    let configured = edited.assert_warm_equals_cold(&[]);
    assert_ne!(configured, annotated, "the config lowers the level");
    edited
        .project
        .file("consent.toml", "[lints]\nunguarded_share = \"deny\"\n");
    edited.assert_warm_equals_cold(&[]);

    // A module file that was missing appears, then its declaration goes.
    edited.replace("src/main.rs", "mod ads;", "mod ads;\nmod later;");
    let missing = edited.assert_warm_equals_cold(&[]);
    assert!(missing.contains("later"), "the missing file is reported");
    edited.project.file("src/later.rs", "pub fn nothing() {}\n");
    let found = edited.assert_warm_equals_cold(&[]);
    assert_ne!(found, missing, "the new module file is read");
}

#[test]
fn feature_flags_are_part_of_the_key() {
    let project = Project::copy_of(&repository_root().join("test-crates/flow-cfg"));
    let cache = tempfile::tempdir().expect("a temporary directory");
    let mut outputs = Vec::new();
    for flags in [
        &[][..],
        &["--features", "extra"],
        &["--no-default-features"],
        &["--all-features"],
        &[],
    ] {
        let mut args = vec!["check", "--format", "json", "."];
        args.extend(flags);
        outputs.push(assert_warm_equals_cold(&project.root, cache.path(), &args).stdout);
    }
    assert_ne!(
        outputs[0], outputs[1],
        "--features extra changes the findings"
    );
    assert_eq!(outputs[0], outputs[4]);
}

/// A way to damage an entry's bytes.
type Damage = fn(&mut Vec<u8>);

#[test]
fn a_damaged_entry_is_discarded_with_a_note() {
    let edited = Edited::messenger();
    let cold = edited.assert_warm_equals_cold(&[]);
    let cache = edited.cache.path().display().to_string();
    let args = ["check", "--format", "json", ".", "--cache-dir", &cache];
    let cold_json: serde_json::Value = serde_json::from_str(&cold).expect("JSON");
    let damages: [(&str, Damage); 4] = [
        ("flipped byte in the payload", |bytes| {
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0x40;
        }),
        ("truncated", |bytes| bytes.truncate(bytes.len() / 3)),
        ("flipped byte in the header", |bytes| bytes[9] ^= 1),
        ("emptied", |bytes| bytes.clear()),
    ];
    for (damage, apply) in damages {
        for entry in entries(edited.cache.path()) {
            let mut bytes = std::fs::read(&entry).expect("readable");
            apply(&mut bytes);
            std::fs::write(&entry, bytes).expect("writable");
        }
        let damaged = edited.project.run(&args);
        let mut json = damaged.json();
        let notes = json["notes"].as_array_mut().expect("notes");
        let before = notes.len();
        notes.retain(|note| {
            !note
                .as_str()
                .is_some_and(|note| note.contains("was damaged"))
        });
        assert_eq!(before, notes.len() + 1, "{damage}: one note says so");
        assert_eq!(json, cold_json, "{damage}: the same findings as a cold run");
        assert_eq!(damaged.code, 1);
        // The run wrote a good entry again: the next one is warm and says nothing more.
        let warm = edited.project.run(&args);
        assert_eq!(warm.stdout, cold, "{damage}: rewritten");
    }
}

#[test]
fn damaged_facts_entries_are_discarded_with_a_note() {
    let edited = Edited::messenger();
    edited.assert_warm_equals_cold(&[]);
    let facts = edited.cache.path().join("facts");
    let mut damaged = 0;
    for entry in std::fs::read_dir(&facts).expect("the facts cache was filled") {
        let path = entry.expect("an entry").path();
        let mut bytes = std::fs::read(&path).expect("readable");
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x40;
        std::fs::write(&path, bytes).expect("writable");
        damaged += 1;
    }
    assert!(damaged > 1, "one entry per file");
    // An edit, so that the run entry misses and the facts entries are read.
    edited.replace("src/metrics/mod.rs", "\n", "\n// edited\n");
    let cold = consent(
        &edited.project.root,
        &["check", "--format", "json", ".", "--no-cache"],
    );
    let cache = edited.cache.path().display().to_string();
    let args = ["check", "--format", "json", ".", "--cache-dir", &cache];
    let run = edited.project.run(&args);
    let mut json = run.json();
    let notes = json["notes"].as_array_mut().expect("notes");
    let before = notes.len();
    notes.retain(|note| {
        !note
            .as_str()
            .is_some_and(|note| note.contains("was damaged"))
    });
    assert_eq!(
        before - notes.len(),
        damaged - 1,
        "a note per damaged entry but the edited file's"
    );
    assert_eq!(json, cold.json(), "the same findings as a cold run");
    let warm = edited.project.run(&args);
    assert_eq!(warm.stdout, cold.stdout, "rewritten");
}

#[test]
fn two_runs_at_once_both_succeed() {
    let edited = Edited::messenger();
    let cold = edited.assert_warm_equals_cold(&[]);
    for round in 0..3 {
        // A new comment each round, so that both runs miss and both want to write.
        edited.replace("src/metrics/mod.rs", "\n", "\n// x\n");
        let expected = consent(
            &edited.project.root,
            &["check", "--format", "json", ".", "--no-cache"],
        );
        let cache = edited.cache.path().display().to_string();
        let outputs: Vec<Run> = std::thread::scope(|scope| {
            let runs: Vec<_> = (0..2)
                .map(|_| {
                    scope.spawn(|| {
                        let mut command = Command::new(env!("CARGO_BIN_EXE_cargo-consent"));
                        command
                            .args(["check", "--format", "json", ".", "--cache-dir", &cache])
                            .current_dir(&edited.project.root);
                        run_command(command)
                    })
                })
                .collect();
            runs.into_iter()
                .map(|run| run.join().expect("a run"))
                .collect()
        });
        for output in outputs {
            assert_eq!(shown(&output), shown(&expected), "round {round}");
        }
        assert_ne!(expected.stdout, cold);
    }
    let warm = consent(
        &edited.project.root,
        &[
            "check",
            "--format",
            "json",
            ".",
            "--cache-dir",
            &edited.cache.path().display().to_string(),
        ],
    );
    assert_eq!(warm.code, 1);
}

#[test]
fn the_cache_goes_where_it_is_told_and_nowhere_else() {
    let project = Project::copy_of(&repository_root().join("test-crates/messenger"));
    let before = files_below(&project.root);

    // --no-cache writes nothing at all.
    project.run(&["check", "--no-cache", "."]).assert_code(1);
    assert_eq!(files_below(&project.root), before);

    // --cache-dir: there, and nothing in the scanned tree.
    let elsewhere = tempfile::tempdir().expect("a temporary directory");
    let cache = elsewhere.path().join("nested/cache");
    let cache_arg = cache.display().to_string();
    project
        .run(&["check", "--cache-dir", &cache_arg, "."])
        .assert_code(1);
    project
        .run(&["map", "--cache-dir", &cache_arg, "."])
        .assert_code(1);
    assert_eq!(files_below(&project.root), before);
    assert_eq!(entries(&cache).len(), 2, "one entry for check, one for map");

    // CARGO_TARGET_DIR: its cargo-consent/ folder.
    let target = tempfile::tempdir().expect("a temporary directory");
    let mut command = Command::new(env!("CARGO_BIN_EXE_cargo-consent"));
    command
        .args(["check", "."])
        .current_dir(&project.root)
        .env("CARGO_TARGET_DIR", target.path());
    assert_eq!(run_command(command).code, 1);
    assert_eq!(entries(&target.path().join("cargo-consent")).len(), 1);
    assert_eq!(files_below(&project.root), before);

    // By default: the workspace's target/cargo-consent, also when a member is scanned.
    let mut command = Command::new(env!("CARGO_BIN_EXE_cargo-consent"));
    command
        .args(["check", "src"])
        .current_dir(&project.root)
        .env_remove("CARGO_TARGET_DIR");
    assert_eq!(run_command(command).code, 1);
    let added: Vec<PathBuf> = files_below(&project.root)
        .into_iter()
        .filter(|path| !before.contains(path))
        .collect();
    assert!(
        added.iter().all(
            |path| project.root.join("target/cargo-consent").starts_with(path)
                || path.starts_with(project.root.join("target/cargo-consent"))
        ),
        "only target/cargo-consent is new: {added:?}"
    );
    assert_eq!(entries(&project.root.join("target/cargo-consent")).len(), 1);
}

#[test]
fn odd_files_read_back_as_a_scan_reads_them() {
    // A byte-order mark, bytes that are not UTF-8, a missing module file, a file that does
    // not parse, and a manifest problem: each is quoted in the human format's snippets.
    let project = Project::package("odd");
    project.file(
        "Cargo.toml",
        format!(
            "{}\n[[bin]]\nname = \"gone\"\npath = \"src/gone.rs\"\n",
            support::manifest("odd")
        ),
    );
    project.file(
        "src/lib.rs",
        "mod bom;\nmod latin1;\nmod missing;\nmod broken;\n",
    );
    project.file(
        "src/bom.rs",
        [
            &b"\xef\xbb\xbf"[..],
            support::leaking_module("report").as_bytes(),
        ]
        .concat(),
    );
    project.file(
        "src/latin1.rs",
        [
            &b"// caf\xe9\n"[..],
            support::leaking_module("other").as_bytes(),
        ]
        .concat(),
    );
    project.file("src/broken.rs", "fn broken( {\n");
    let cache = tempfile::tempdir().expect("a temporary directory");
    for format in CHECK_FORMATS {
        let args = ["check", "--format", format, "."];
        let cold = assert_warm_equals_cold(&project.root, cache.path(), &args);
        assert_eq!(cold.code, 1, "{format}: the leak is found");
    }
}

#[test]
fn a_cache_dir_that_cannot_be_written_is_a_note_not_a_failure() {
    let project = Project::copy_of(&repository_root().join("test-crates/messenger"));
    let cold = project.check_json(&["--no-cache"]);
    project.file("not-a-directory", "");
    let run = project.check_json(&["--cache-dir", "not-a-directory"]);
    assert_eq!(run.code, cold.code);
    assert_eq!(run.json()["findings"], cold.json()["findings"]);
    let notes = run.notes();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].starts_with("the cache in `not-a-directory` could not be written: "),
        "{notes:?}"
    );
}

#[test]
fn a_directory_outside_any_package_is_not_cached_by_default() {
    let project = Project::new();
    project.file("lib.rs", support::leaking_module("report"));
    let before = files_below(&project.root);
    let mut command = Command::new(env!("CARGO_BIN_EXE_cargo-consent"));
    command
        .args(["check", "."])
        .current_dir(&project.root)
        .env_remove("CARGO_TARGET_DIR");
    assert_eq!(run_command(command).code, 1);
    assert_eq!(files_below(&project.root), before);
}
