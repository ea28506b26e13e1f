//! The config end to end (SPEC §6): where it is read from, what each table does, and that a
//! broken config stops the run with exit status 2 and a message that points into the TOML.

mod support;

use support::{leaking_module, manifest, Project, LEAK_LINE};

/// The findings of a JSON run as (file, line, lint).
fn findings(project: &Project, args: &[&str]) -> Vec<(String, u64, String)> {
    let mut full = vec!["check", "--format", "json", "."];
    full.extend_from_slice(args);
    let run = project.run(&full);
    let document = run.json();
    document["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .map(|finding| {
            (
                finding["file"].as_str().unwrap_or_default().to_string(),
                finding["line"].as_u64().unwrap_or_default(),
                finding["lint"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn notes(project: &Project) -> Vec<String> {
    project.run(&["check", "--format", "json", "."]).notes()
}

/// A package whose code calls an unannotated library-style API: `vendor::send` and
/// `vendor::install_id` are described by config only.
fn unannotated_package() -> Project {
    let project = Project::package("app");
    project.file(
        "src/lib.rs",
        "mod vendor {\n    pub fn install_id() -> String { String::new() }\n    pub fn send(_data: &str) {}\n}\n\npub fn report() {\n    let id = vendor::install_id();\n    vendor::send(&id);\n}\n",
    );
    project
}

const VENDOR_CONFIG: &str = "[[source]]\npath = \"crate::vendor::install_id\"\ncategory = \"device.id\"\n\n[[sink]]\npath = \"crate::vendor::send\"\nwith = \"vendor\"\npurpose = \"analytics\"\n";

#[test]
fn consent_toml_describes_code_without_annotations() {
    let project = unannotated_package();
    assert!(
        findings(&project, &[]).is_empty(),
        "no config, nothing known"
    );
    project.file("consent.toml", VENDOR_CONFIG);
    assert_eq!(
        findings(&project, &[]),
        [("src/lib.rs".to_string(), 8, "unguarded_share".to_string())]
    );
}

#[test]
fn package_metadata_is_a_config_too() {
    let project = unannotated_package();
    let table = VENDOR_CONFIG
        .replace("[[source]]", "[[package.metadata.consent.source]]")
        .replace("[[sink]]", "[[package.metadata.consent.sink]]");
    project.file("Cargo.toml", format!("{}\n{table}", manifest("app")));
    assert_eq!(
        findings(&project, &[]),
        [("src/lib.rs".to_string(), 8, "unguarded_share".to_string())]
    );
}

#[test]
fn workspace_metadata_applies_to_every_member() {
    let project = Project::new();
    let table = VENDOR_CONFIG
        .replace("[[source]]", "[[workspace.metadata.consent.source]]")
        .replace("[[sink]]", "[[workspace.metadata.consent.sink]]")
        .replace("crate::vendor", "app::vendor");
    project
        .file("Cargo.toml", format!("[workspace]\nmembers = [\"app\"]\n\n{table}"))
        .file("app/Cargo.toml", manifest("app"))
        .file(
            "app/src/lib.rs",
            "pub mod vendor {\n    pub fn install_id() -> String { String::new() }\n    pub fn send(_data: &str) {}\n}\n\npub fn report() {\n    let id = vendor::install_id();\n    vendor::send(&id);\n}\n",
        );
    assert_eq!(
        findings(&project, &[]),
        [(
            "app/src/lib.rs".to_string(),
            8,
            "unguarded_share".to_string()
        )]
    );
}

#[test]
fn an_explicit_config_file_is_read_with_the_others() {
    let project = unannotated_package();
    project.file("elsewhere/rules.toml", VENDOR_CONFIG);
    assert!(findings(&project, &[]).is_empty());
    assert_eq!(
        findings(&project, &["--config", "elsewhere/rules.toml"]),
        [("src/lib.rs".to_string(), 8, "unguarded_share".to_string())]
    );
}

#[test]
fn a_missing_config_file_exits_2() {
    let project = unannotated_package();
    let run = project.run(&["check", ".", "--config", "no-such.toml"]);
    run.assert_code(2);
    assert!(run.stderr.contains("no-such.toml"), "{}", run.stderr);
}

#[test]
fn an_unknown_key_exits_2_pointing_at_its_line() {
    let project = unannotated_package();
    project.file(
        "consent.toml",
        "[[sink]]\npath = \"crate::vendor::send\"\nwith = \"vendor\"\npurpose = \"analytics\"\nrecipient = \"oops\"\n",
    );
    let run = project.run(&["check", "--color", "never", "."]);
    run.assert_code(2);
    assert!(
        run.stdout.is_empty(),
        "no report on a broken config: {}",
        run.stdout
    );
    assert!(run.stderr.contains("consent.toml"), "{}", run.stderr);
    assert!(
        run.stderr.contains("unknown field `recipient`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("consent.toml:5:1") && run.stderr.contains("recipient = \"oops\""),
        "the snippet shows the line: {}",
        run.stderr
    );
}

#[test]
fn an_unknown_purpose_in_config_is_located_and_suggests_the_close_one() {
    let project = unannotated_package();
    project.file(
        "consent.toml",
        "[[sink]]\npath = \"crate::vendor::send\"\nwith = \"vendor\"\npurpose = \"analytic\"\n",
    );
    let run = project.run(&["check", "--color", "never", "."]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("unknown purpose `analytic`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `analytics`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("consent.toml:4:11"), "{}", run.stderr);
}

#[test]
fn an_unknown_category_in_a_list_is_located_at_its_value() {
    let project = unannotated_package();
    project.file(
        "consent.toml",
        "[[source]]\npath = \"crate::vendor::send\"\ncategory = [\"contact.phone_number\", \"device.idd\"]\n",
    );
    let run = project.run(&["check", "--color", "never", "."]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("unknown category `device.idd`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `device.id`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("consent.toml:3:37"), "{}", run.stderr);
}

#[test]
fn invalid_toml_exits_2() {
    let project = unannotated_package();
    project.file("consent.toml", "[[sink]\npath = 3\n");
    project.run(&["check", "."]).assert_code(2);
}

#[test]
fn added_purposes_and_categories_are_known() {
    let project = unannotated_package();
    project.file(
        "consent.toml",
        "categories = [\"device.install_id\"]\npurposes = [\"metrics\"]\n\n[[source]]\npath = \"crate::vendor::install_id\"\ncategory = \"install_id\"\n\n[[sink]]\npath = \"crate::vendor::send\"\nwith = \"vendor\"\npurpose = \"metrics\"\n",
    );
    assert_eq!(
        findings(&project, &[]),
        [("src/lib.rs".to_string(), 8, "unguarded_share".to_string())]
    );
}

#[test]
fn lint_levels_in_config_yield_to_the_command_line() {
    let project = Project::package("app");
    project.file("src/lib.rs", leaking_module("report"));
    project.file("consent.toml", "[lints]\nunguarded_share = \"warn\"\n");
    let run = project.run(&["check", "--format", "json", "."]);
    run.assert_code(0);
    assert_eq!(run.json()["findings"][0]["level"], "warn");
    let denied = project.run(&["check", "--format", "json", ".", "-D", "unguarded_share"]);
    denied.assert_code(1);
    project.file("consent.toml", "[lints]\nunguarded_share = \"allow\"\n");
    assert!(findings(&project, &[]).is_empty());
}

#[test]
fn an_explicit_config_sets_levels_over_the_package_config() {
    let project = Project::package("app");
    project.file("src/lib.rs", leaking_module("report"));
    project.file("consent.toml", "[lints]\nunguarded_share = \"warn\"\n");
    project.file("ci.toml", "[lints]\nunguarded_share = \"deny\"\n");
    let run = project.run(&["check", "--format", "json", ".", "--config", "ci.toml"]);
    run.assert_code(1);
    assert_eq!(run.json()["findings"][0]["level"], "deny");
    let warned = project.run(&[
        "check",
        "--format",
        "json",
        ".",
        "--config",
        "ci.toml",
        "-W",
        "unguarded_share",
    ]);
    warned.assert_code(0);
}

#[test]
fn scan_exclude_leaves_files_out() {
    let project = Project::package("app");
    project
        .file("src/lib.rs", "mod generated;\nmod kept;\n")
        .file("src/generated/mod.rs", leaking_module("generated"))
        .file("src/kept.rs", leaking_module("kept"));
    assert_eq!(findings(&project, &[]).len(), 2);
    project.file("consent.toml", "[scan]\nexclude = [\"src/generated/**\"]\n");
    assert_eq!(
        findings(&project, &[]),
        [(
            "src/kept.rs".to_string(),
            LEAK_LINE as u64,
            "unguarded_share".to_string()
        )]
    );
}

#[test]
fn config_allow_suppresses_in_its_fn_and_reports_itself_when_unused() {
    let project = Project::package("app");
    project.file("src/lib.rs", leaking_module("report"));
    project.file(
        "consent.toml",
        "[[allow]]\npath = \"crate::report\"\nlint = \"unguarded_share\"\nreason = \"uploads only when the user clicks Send\"\n\n[[allow]]\npath = \"crate::phone_number\"\nlint = \"unguarded_share\"\nreason = \"nothing to allow here\"\n",
    );
    assert!(findings(&project, &[]).is_empty());
    let notes = notes(&project);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].starts_with(
            "consent.toml:6: [[allow]] of `unguarded_share` for `crate::phone_number`"
        ),
        "{notes:?}"
    );
}

#[test]
fn paths_that_match_nothing_are_noted_with_their_line() {
    let project = unannotated_package();
    project.file(
        "consent.toml",
        format!("{VENDOR_CONFIG}\n[[sink]]\npath = \"crate::vendor::sned\"\nwith = \"vendor\"\npurpose = \"analytics\"\n\n[[sink]]\npath = \"segment::HttpClient::send\"\nwith = \"segment\"\npurpose = \"analytics\"\n"),
    );
    let notes = notes(&project);
    assert_eq!(
        notes,
        [
            "consent.toml:10: `crate::vendor::sned` names no fn in the scanned code",
            "consent.toml:15: no call of method `segment::HttpClient::send` in the scanned code",
        ]
    );
}

/// A note about a path that matches nothing says what was looked for: a field or method for a
/// check on `Type::member`, a type for a token, a value of a dependency's type.
#[test]
fn notes_say_what_kind_of_item_was_looked_for() {
    let project = unannotated_package();
    project.file(
        "src/lib.rs",
        "pub struct Opt { pub no_analytics: bool }\n\npub fn report(opt: &Opt) -> bool {\n    opt.no_analytics\n}\n",
    );
    project.file(
        "consent.toml",
        "[[check]]\npath = \"Opt::no_analytic\"\npurpose = \"analytics\"\n\n[[token]]\npath = \"crate::Trakcer\"\npurpose = \"analytics\"\n\n[[token]]\npath = \"segment::AutoBatcher\"\npurpose = \"analytics\"\n\n[[check]]\npath = \"clap_app::Args::no_telemetry\"\npurpose = \"analytics\"\n",
    );
    assert_eq!(
        notes(&project),
        [
            "consent.toml:13: no call of method or read of field `clap_app::Args::no_telemetry` in the scanned code",
            "consent.toml:1: `Opt::no_analytic` names no method or field in the scanned code",
            "consent.toml:5: `crate::Trakcer` names no type in the scanned code",
            "consent.toml:9: no value of type `segment::AutoBatcher` in the scanned code",
        ]
    );
}

/// SPEC §6's own example: `Opt::no_analytics` names the one scanned item whose path ends with
/// it, as `cli::Opt::no_analytics` does; `vendor::send` names a fn the same way.
#[test]
fn a_short_path_names_the_one_item_that_ends_with_it() {
    let project = unannotated_package();
    project.file(
        "src/lib.rs",
        "pub mod cli {\n    pub struct Opt { pub no_analytics: bool }\n}\n\nmod vendor {\n    pub fn install_id() -> String { String::new() }\n    pub fn send(_data: &str) {}\n}\n\npub fn report(opt: &cli::Opt) {\n    if opt.no_analytics {\n        return;\n    }\n    vendor::send(&vendor::install_id());\n}\n",
    );
    let vendor = "[[source]]\npath = \"vendor::install_id\"\ncategory = \"device.id\"\n\n[[sink]]\npath = \"vendor::send\"\nwith = \"vendor\"\npurpose = \"analytics\"\n";
    project.file("consent.toml", vendor);
    assert_eq!(
        findings(&project, &[]),
        [("src/lib.rs".to_string(), 14, "unguarded_share".to_string())]
    );
    for path in ["Opt::no_analytics", "cli::Opt::no_analytics"] {
        project.file(
            "consent.toml",
            format!("{vendor}\n[[check]]\npath = \"{path}\"\npurpose = \"analytics\"\npolarity = \"opt_out\"\n"),
        );
        assert!(
            findings(&project, &[]).is_empty(),
            "{path} guards the share"
        );
        assert!(notes(&project).is_empty(), "{path}: {:?}", notes(&project));
    }
}

/// A short path that several items end with is not applied, and the note lists them.
#[test]
fn an_ambiguous_short_path_lists_the_candidates() {
    let project = unannotated_package();
    project.file(
        "src/lib.rs",
        "pub mod cli {\n    pub struct Opt { pub no_analytics: bool }\n}\n\npub mod legacy {\n    pub struct Opt { pub no_analytics: bool }\n}\n\nmod vendor {\n    pub fn install_id() -> String { String::new() }\n    pub fn send(_data: &str) {}\n}\n\npub fn report(opt: &cli::Opt) {\n    if opt.no_analytics {\n        return;\n    }\n    vendor::send(&vendor::install_id());\n}\n",
    );
    project.file(
        "consent.toml",
        format!("{VENDOR_CONFIG}\n[[check]]\npath = \"Opt::no_analytics\"\npurpose = \"analytics\"\npolarity = \"opt_out\"\n"),
    );
    assert_eq!(
        notes(&project),
        ["consent.toml:10: `Opt::no_analytics` is not applied: 2 scanned items end with it (`app::cli::Opt::no_analytics`, `app::legacy::Opt::no_analytics`); write one in full"]
    );
    assert_eq!(
        findings(&project, &[]),
        [("src/lib.rs".to_string(), 18, "unguarded_share".to_string())]
    );
}

/// `--config ./consent.toml` names the file discovery finds too: it is read once, so its
/// `[[allow]]` is not reported as unused by a second copy, nor its typo noted twice.
#[test]
fn a_config_named_and_found_is_read_once() {
    let project = Project::package("app");
    project.file("src/lib.rs", leaking_module("report"));
    project.file(
        "consent.toml",
        "[[allow]]\npath = \"crate::report\"\nlint = \"unguarded_share\"\nreason = \"uploads only when the user clicks Send\"\n\n[[sink]]\npath = \"crate::sned\"\nwith = \"x\"\npurpose = \"analytics\"\n",
    );
    let expected = ["consent.toml:6: `crate::sned` names no fn in the scanned code"];
    assert_eq!(notes(&project), expected);
    for named in ["consent.toml", "./consent.toml"] {
        let run = project.run(&["check", "--format", "json", ".", "--config", named]);
        assert_eq!(run.notes(), expected, "--config {named}");
        assert!(findings(&project, &["--config", named]).is_empty());
    }
}

#[test]
fn a_check_from_config_guards_like_the_annotation() {
    let project = unannotated_package();
    project.file(
        "src/lib.rs",
        "pub struct Opt { pub no_analytics: bool }\n\nmod vendor {\n    pub fn install_id() -> String { String::new() }\n    pub fn send(_data: &str) {}\n}\n\npub fn report(opt: &Opt) {\n    if opt.no_analytics {\n        return;\n    }\n    vendor::send(&vendor::install_id());\n}\n",
    );
    project.file(
        "consent.toml",
        format!("{VENDOR_CONFIG}\n[[check]]\npath = \"crate::Opt::no_analytics\"\npurpose = \"analytics\"\npolarity = \"opt_out\"\n"),
    );
    assert!(findings(&project, &[]).is_empty());
}

#[test]
fn the_catalog_applies_to_dependencies_and_no_catalog_turns_it_off() {
    // `std` is always a dependency: its DO_NOT_TRACK check guards the share.
    let project = Project::package("app");
    project.file(
        "src/lib.rs",
        "#[consent::personal(device.id)]\nfn install_id() -> String { String::new() }\n\n#[consent::shares(with = \"x\", purpose = \"analytics\")]\nfn send(_data: &str) {}\n\npub fn report() {\n    if std::env::var(\"DO_NOT_TRACK\").is_ok() {\n        return;\n    }\n    send(&install_id());\n}\n",
    );
    assert!(findings(&project, &[]).is_empty());
    assert_eq!(
        findings(&project, &["--no-catalog"]),
        [("src/lib.rs".to_string(), 11, "unguarded_share".to_string())]
    );
}

/// A `[[check]]` (or `[[source]]`) may name a dependency's field: reads of it on a value of
/// that type match.
#[test]
fn a_dependency_field_can_be_a_check() {
    let project = unannotated_package();
    project.file(
        "src/lib.rs",
        "mod vendor {\n    pub fn install_id() -> String { String::new() }\n    pub fn send(_data: &str) {}\n}\n\npub fn report(args: &clap_app::Args) {\n    if args.no_telemetry {\n        return;\n    }\n    vendor::send(&vendor::install_id());\n}\n",
    );
    project.file("consent.toml", VENDOR_CONFIG);
    assert_eq!(
        findings(&project, &[]),
        [("src/lib.rs".to_string(), 10, "unguarded_share".to_string())]
    );
    project.file(
        "consent.toml",
        format!("{VENDOR_CONFIG}\n[[check]]\npath = \"clap_app::Args::no_telemetry\"\npurpose = \"analytics\"\npolarity = \"opt_out\"\n"),
    );
    assert!(findings(&project, &[]).is_empty());
    assert!(notes(&project).is_empty(), "{:?}", notes(&project));
}

/// An `[[allow]]` may name a module by a short path too; a short path with a typo in a module's
/// fn names no fn.
#[test]
fn short_paths_name_modules_and_their_fns() {
    let project = Project::package("app");
    project.file(
        "src/lib.rs",
        format!("pub mod debug {{\n{}}}\n", leaking_module("dump")),
    );
    project.file(
        "consent.toml",
        "[[allow]]\npath = \"debug\"\nlint = \"unguarded_share\"\nreason = \"a local dump, never uploaded\"\n\n[[declassify]]\npath = \"debug::phone_nubmer\"\nreason = \"typo\"\n",
    );
    assert!(findings(&project, &[]).is_empty());
    assert_eq!(
        notes(&project),
        ["consent.toml:6: `debug::phone_nubmer` names no fn in the scanned code"]
    );
}
