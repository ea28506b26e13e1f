//! `--format sarif`: the real output, on every fixture crate and on odd input, must pass
//! Microsoft's SARIF validator (`@microsoft/sarif-multitool`, the SARIF SDK's own) with the
//! SARIF rules and GitHub code scanning's rule sets, and carry the rules, locations, flows and
//! fingerprints the viewers use.
//!
//! The validator is a self-contained native program shipped inside the npm package (no .NET
//! install needed). The first test that needs it installs it with npm into `target/ci-tools`;
//! set `CONSENT_SARIF_MULTITOOL` to use another copy. Without npm the validation tests fail,
//! unless `CONSENT_SKIP_SARIF_VALIDATOR=1`.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use support::*;

/// The validator's rule sets: the SARIF specification's own rules, GitHub's (`Gh`) and GitHub
/// Advanced Security's (`Ghas`). Azure DevOps' set (`Ado`) is left out: it requires
/// `automationDetails`, which GitHub's upload action fills in from its `category` instead.
const RULE_KINDS: &str = "Sarif;Gh;Ghas";

/// The validator's npm package, at the version the tests were written against.
const MULTITOOL_PACKAGE: &str = "@microsoft/sarif-multitool@5.7.0";

fn multitool() -> Option<PathBuf> {
    let (platform, program) = match std::env::consts::OS {
        "macos" => ("darwin", "Sarif.Multitool"),
        "windows" => ("win32", "Sarif.Multitool.exe"),
        other => (other, "Sarif.Multitool"),
    };
    let installed = ci_tools()
        .join("node_modules/@microsoft")
        .join(format!("sarif-multitool-{platform}"))
        .join(program);
    let mut candidates = Vec::new();
    if let Some(path) = std::env::var_os("CONSENT_SARIF_MULTITOOL") {
        candidates.push(PathBuf::from(path));
    }
    candidates.push(installed.clone());
    let install = || {
        let mut npm = Command::new("npm");
        npm.args(["install", "--prefix"]).arg(ci_tools()).args([
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            MULTITOOL_PACKAGE,
        ]);
        install_step(npm)?;
        // The package's postinstall only sets the execute bit; npm may be set to run no
        // install scripts, so it is set here too.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&installed, std::fs::Permissions::from_mode(0o755)).map_err(
                |error| format!("{} cannot be made executable: {error}", installed.display()),
            )?;
        }
        Ok(installed.clone())
    };
    required_tool(
        "the SARIF validator (npm package @microsoft/sarif-multitool)",
        &candidates,
        "CONSENT_SKIP_SARIF_VALIDATOR",
        Some(&install),
        &format!("install Node.js with npm, then `npm install --prefix target/ci-tools {MULTITOOL_PACKAGE}`"),
    )
}

/// What the validator found wrong in one SARIF file: `(level, rule, message)` of each
/// error and warning. The validator exits 0 whatever it finds, so its own SARIF log is read.
fn validate(multitool: &Path, sarif_file: &Path) -> Vec<(String, String, String)> {
    let log_file = sarif_file.with_extension("validation.sarif");
    let mut command = Command::new(multitool);
    command
        .arg("validate")
        .arg(sarif_file)
        .arg("--output")
        .arg(&log_file)
        .args(["--log", "ForceOverwrite", "--rule-kind", RULE_KINDS])
        // .NET needs ICU for culture data unless told that invariant culture will do.
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1");
    let run = run_command(command);
    run.assert_code(0);
    let text = std::fs::read_to_string(&log_file).unwrap_or_else(|error| {
        panic!(
            "the validator wrote no log ({error})\nstdout:\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        )
    });
    let log: Value = serde_json::from_str(&text).expect("the validator's log is JSON");
    let run_log = &log["runs"][0];
    assert_eq!(
        run_log["invocations"][0]["executionSuccessful"], true,
        "the validator ran to its end: {}",
        run.stdout
    );
    let rules = run_log["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    run_log["results"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter(|result| matches!(result["level"].as_str(), Some("error" | "warning")))
        .map(|result| {
            let rule = result["ruleId"].as_str().unwrap_or_default().to_string();
            let arguments: Vec<String> = result["message"]["arguments"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|argument| argument.as_str().unwrap_or_default().to_string())
                .collect();
            let message_id = result["message"]["id"].as_str().unwrap_or_default();
            let template = rules
                .iter()
                .find(|candidate| candidate["id"] == rule.as_str())
                .and_then(|candidate| candidate["messageStrings"][message_id]["text"].as_str())
                .unwrap_or(message_id);
            let level = result["level"].as_str().unwrap_or_default().to_string();
            (level, rule, format!("{template} {arguments:?}"))
        })
        .collect()
}

fn sarif_of(directory: &Path, args: &[&str]) -> (Run, Value) {
    let mut all = vec!["check", "--format", "sarif"];
    all.extend_from_slice(args);
    let run = consent(directory, &all);
    let document = run.json();
    (run, document)
}

#[test]
fn real_output_passes_the_sarif_validator_with_githubs_rules() {
    let Some(multitool) = multitool() else {
        return;
    };
    let scratch = tempfile::tempdir().expect("a temporary directory");
    let mut outputs: Vec<(String, String)> = Vec::new();
    for crate_dir in fixture_crates() {
        let relative = crate_dir
            .strip_prefix(repository_root())
            .expect("fixtures are in the repository")
            .display()
            .to_string();
        let (run, _) = sarif_of(&repository_root(), &[&relative]);
        assert!(
            matches!(run.code, 0 | 1),
            "{relative}: exit {}\n{}",
            run.code,
            run.stderr
        );
        outputs.push((relative, run.stdout));
    }

    // Odd input: a file name that needs percent-encoding, a parse error, a run note (a broken
    // workspace member), a warning-level finding, and a file outside the current directory.
    let odd = Project::new();
    odd.file(
        "Cargo.toml",
        "[workspace]\nmembers = [\"app\", \"broken\"]\n",
    )
    .file("broken/Cargo.toml", "[package\n")
    .file("app/Cargo.toml", manifest("app"))
    .file("app/src/lib.rs", "mod leak;\nmod broken;\n")
    .file("app/src/leak.rs", leaking_module("report_usage"))
    .file("app/src/broken.rs", "fn broken( {\n");
    let elsewhere = Project::new();
    elsewhere.file("50%, odd: name.rs", "fn broken( {\n");
    elsewhere.file("leak.rs", leaking_module("elsewhere"));
    let elsewhere_path = elsewhere.root.display().to_string();
    let (run, document) = sarif_of(&odd.root, &["-W", "unguarded_share", ".", &elsewhere_path]);
    run.assert_code(0);
    let results = document["runs"][0]["results"].as_array().expect("results");
    assert!(results.len() >= 4, "{}", run.stdout);
    assert!(
        run.stdout.contains("%2C%20odd%3A%20name.rs") && run.stdout.contains("file:///"),
        "{}",
        run.stdout
    );
    assert!(
        !document["runs"][0]["invocations"][0]["toolExecutionNotifications"]
            .as_array()
            .expect("the broken member is a notification")
            .is_empty()
    );
    outputs.push(("odd input".to_string(), run.stdout));

    let mut problems = Vec::new();
    for (index, (name, sarif)) in outputs.iter().enumerate() {
        let file = scratch.path().join(format!("output-{index}.sarif"));
        std::fs::write(&file, sarif).expect("the SARIF file can be written");
        for (level, rule, message) in validate(&multitool, &file) {
            problems.push(format!("{name}: {level} {rule}: {message}"));
        }
    }
    assert!(
        problems.is_empty(),
        "the validator found problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_validator_catches_what_github_would_reject() {
    // The test above can only fail if the validator, run this way, reports problems at all:
    // the same output without its rules array is what GitHub refuses to ingest.
    let Some(multitool) = multitool() else {
        return;
    };
    let project = Project::leaking_package();
    let (_, mut document) = sarif_of(&project.root, &["."]);
    document["runs"][0]["tool"]["driver"]
        .as_object_mut()
        .expect("a driver object")
        .remove("rules");
    document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"] = Value::from("/src/lib.rs");
    let file = project.path("broken.sarif");
    std::fs::write(&file, document.to_string()).expect("writable");
    let rules: Vec<String> = validate(&multitool, &file)
        .into_iter()
        .map(|(_, rule, _)| rule)
        .collect();
    assert!(
        rules.iter().any(|rule| rule == "GH1018") && rules.iter().any(|rule| rule == "SARIF1004"),
        "missing rules (GH1018) and an absolute relative URI (SARIF1004) are reported: {rules:?}"
    );
}

/// `cargo consent lints`: (name, default level) of every lint, in order.
fn lints() -> Vec<(String, String)> {
    let run = consent(&repository_root(), &["lints"]);
    run.assert_code(0);
    run.stdout
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            Some((words.next()?.to_string(), words.next()?.to_string()))
        })
        .collect()
}

#[test]
fn rules_describe_every_lint_with_its_page_and_default_level() {
    let project = Project::leaking_package();
    let (_, document) = sarif_of(&project.root, &["."]);
    assert_eq!(document["version"], "2.1.0");
    let driver = &document["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "cargo-consent");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(driver["informationUri"]
        .as_str()
        .is_some_and(|uri| uri.starts_with("https://")));
    let rules = driver["rules"].as_array().expect("rules");
    let lints = lints();
    assert_eq!(rules.len(), lints.len(), "one rule per lint");
    for (rule, (name, level)) in rules.iter().zip(&lints) {
        assert_eq!(rule["id"], name.as_str());
        let expected_level = match level.as_str() {
            "deny" => "error",
            "warn" => "warning",
            _ => "note",
        };
        assert_eq!(
            rule["defaultConfiguration"]["level"], expected_level,
            "{name}"
        );
        assert_eq!(
            rule["defaultConfiguration"]["enabled"]
                .as_bool()
                .unwrap_or(true),
            level != "allow",
            "{name}: lints at allow are off by default"
        );
        let page = consent(&project.root, &["explain", name]).stdout;
        assert_eq!(rule["help"]["markdown"], page.as_str(), "{name}");
        assert!(
            rule["shortDescription"]["text"]
                .as_str()
                .is_some_and(|text| !text.is_empty()),
            "{name}"
        );
        let full = rule["fullDescription"]["text"].as_str().expect("text");
        assert!(
            page.contains(full) && !full.contains("## "),
            "{name}: the full description is the page's `What it does`: {full}"
        );
    }
}

#[test]
fn results_point_at_the_sink_with_flow_source_and_fingerprint() {
    let project = Project::leaking_package();
    let (run, document) = sarif_of(&project.root, &["."]);
    run.assert_code(1);
    let json = project.run(&["check", "--format", "json", "."]).json();
    let fingerprint = json["findings"][0]["fingerprint"].clone();

    let sarif_run = &document["runs"][0];
    assert_eq!(
        sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        format!("file://{}/", project.root.display()).as_str(),
        "the source root is the directory the scan ran in"
    );
    let results = sarif_run["results"].as_array().expect("results");
    assert_eq!(results.len(), 1, "{}", run.stdout);
    let result = &results[0];
    assert_eq!(result["ruleId"], "unguarded_share");
    let rule_index = result["ruleIndex"].as_u64().expect("a rule index") as usize;
    assert_eq!(
        sarif_run["tool"]["driver"]["rules"][rule_index]["id"],
        "unguarded_share"
    );
    assert_eq!(result["level"], "error");
    let message = result["message"]["text"].as_str().expect("a message");
    assert!(
        message
            .starts_with("Personal data (`contact.phone_number`) shared with `x` for `analytics`"),
        "{message}"
    );
    assert_eq!(
        result["partialFingerprints"]["cargoConsent/v1"],
        fingerprint
    );

    let region = |location: &Value| {
        let physical = &location["physicalLocation"];
        assert_eq!(physical["artifactLocation"]["uri"], "src/lib.rs");
        assert_eq!(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &physical["region"];
        [
            region["startLine"].as_u64().expect("startLine"),
            region["startColumn"].as_u64().expect("startColumn"),
            region["endLine"].as_u64().expect("endLine"),
            region["endColumn"].as_u64().expect("endColumn"),
        ]
    };
    let sink = [LEAK_LINE, LEAK_COLUMN, LEAK_LINE, LEAK_END_COLUMN].map(u64::from);
    // `phone_number()` inside `send(..)`.
    let source = [LEAK_LINE, LEAK_COLUMN + 5, LEAK_LINE, LEAK_END_COLUMN - 1].map(u64::from);
    assert_eq!(region(&result["locations"][0]), sink);

    let related = result["relatedLocations"].as_array().expect("related");
    assert_eq!(related.len(), 1);
    assert_eq!(region(&related[0]), source);
    assert!(related[0]["message"]["text"]
        .as_str()
        .is_some_and(|text| text.contains("contact.phone_number")));

    let steps = result["codeFlows"][0]["threadFlows"][0]["locations"]
        .as_array()
        .expect("a thread flow");
    assert!(steps.len() >= 2, "{steps:?}");
    assert_eq!(
        region(&steps[0]["location"]),
        source,
        "the flow starts at the source"
    );
    assert_eq!(
        region(&steps[steps.len() - 1]["location"]),
        sink,
        "the flow ends at the sink"
    );
    for step in steps {
        assert!(
            step["location"]["message"]["text"]
                .as_str()
                .is_some_and(|text| !text.is_empty()),
            "every step says what happens there: {step}"
        );
    }
}

#[test]
fn sarif_output_is_byte_identical_across_runs() {
    let project = Project::new();
    project
        .file("a.rs", leaking_module("in_a"))
        .file("b.rs", leaking_module("in_b"))
        .file("c.rs", "fn c( {\n");
    let (first, _) = sarif_of(&project.root, &["."]);
    for _ in 0..3 {
        let (again, _) = sarif_of(&project.root, &["."]);
        assert_eq!(again.stdout, first.stdout);
    }
}
