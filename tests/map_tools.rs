//! The map's formats against the real tools that read them: Graphviz's `dot` renders every
//! `--format dot` without a warning, fideslang's own model and default taxonomy accept every
//! `--format fides`, and the `--format html` page of the messenger example works in headless
//! Chromium (driven by playwright-core): no console error, no request but the page itself,
//! every flow shown, filtering by recipient, opening a flow's path, sorting, a screenshot.
//!
//! Graphviz and Chromium are system packages (Debian: `apt-get install graphviz chromium`;
//! `.ci/run` installs them); the tests that need them fail with what to install, unless
//! `CONSENT_SKIP_GRAPHVIZ=1` / `CONSENT_SKIP_BROWSER=1`. playwright-core (npm) and fideslang
//! (PyPI) are installed on first use into `target/ci-tools/`; `CONSENT_SKIP_BROWSER=1` and
//! `CONSENT_SKIP_FIDESLANG=1` skip their tests where that is not possible.

mod support;

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;
use support::*;

/// The playwright-core release the browser test was written against.
const PLAYWRIGHT_PACKAGE: &str = "playwright-core@1.65.2";
/// The fideslang release the manifest test was written against.
const FIDESLANG_PACKAGE: &str = "fideslang==3.1.4";

fn graphviz() -> Option<PathBuf> {
    let mut candidates = vec![PathBuf::from("/usr/bin/dot")];
    candidates.extend(on_path("dot"));
    required_tool(
        "Graphviz's dot",
        &candidates,
        "CONSENT_SKIP_GRAPHVIZ",
        None,
        "install Graphviz (Debian: `apt-get install graphviz`)",
    )
}

fn chromium() -> Option<PathBuf> {
    let mut candidates = Vec::new();
    if let Some(path) = std::env::var_os("CONSENT_CHROMIUM") {
        candidates.push(PathBuf::from(path));
    }
    candidates.push(PathBuf::from("/usr/bin/chromium"));
    required_tool(
        "Chromium",
        &candidates,
        "CONSENT_SKIP_BROWSER",
        None,
        "install Chromium (Debian: `apt-get install chromium`)",
    )
}

/// playwright-core's package, installed with npm into `target/ci-tools` on first use.
fn playwright() -> Option<PathBuf> {
    let installed = ci_tools().join("node_modules/playwright-core/package.json");
    let install = || {
        let mut npm = Command::new("npm");
        npm.args(["install", "--prefix"]).arg(ci_tools()).args([
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            PLAYWRIGHT_PACKAGE,
        ]);
        install_step(npm)?;
        Ok(installed.clone())
    };
    required_tool(
        "playwright-core (npm)",
        std::slice::from_ref(&installed),
        "CONSENT_SKIP_BROWSER",
        Some(&install),
        &format!(
            "install Node.js with npm, then `npm install --prefix target/ci-tools {PLAYWRIGHT_PACKAGE}`"
        ),
    )
}

/// A Python with fideslang, in its own virtual environment under `target/ci-tools`.
fn fideslang_python() -> Option<PathBuf> {
    let venv = ci_tools().join("fideslang");
    let python = venv.join("bin/python");
    // Written once pip has finished: a venv left half-installed is not taken for a good one.
    let marker = venv.join("installed");
    let install = || {
        install_into_venv(&venv, FIDESLANG_PACKAGE)?;
        std::fs::write(&marker, FIDESLANG_PACKAGE)
            .map_err(|error| format!("{} cannot be written: {error}", marker.display()))?;
        Ok(marker.clone())
    };
    required_tool(
        "fideslang (the Python package)",
        std::slice::from_ref(&marker),
        "CONSENT_SKIP_FIDESLANG",
        Some(&install),
        &format!(
            "install Python 3 with its venv module, then `python3 -m venv target/ci-tools/fideslang \
             && target/ci-tools/fideslang/bin/pip install {FIDESLANG_PACKAGE} \
             && touch target/ci-tools/fideslang/installed`"
        ),
    )
    .map(|_| python)
}

/// The map of `target` in `format`, written to a file of the test's own.
fn map_file(directory: &std::path::Path, target: &str, format: &str, file: &std::path::Path) {
    let run = consent(
        directory,
        &[
            "map",
            "--format",
            format,
            "-o",
            &file.display().to_string(),
            target,
        ],
    );
    assert!(run.code == 0 || run.code == 1, "{run:?}");
}

#[test]
fn graphviz_renders_the_dot_of_every_fixture_without_a_warning() {
    let Some(dot) = graphviz() else {
        return;
    };
    let output = tempfile::tempdir().expect("a temporary directory");
    let root = repository_root();
    for crate_dir in fixture_crates() {
        let name = crate_dir
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .to_string();
        let graph = output.path().join(format!("{name}.dot"));
        map_file(&root, &relative(&crate_dir), "dot", &graph);
        let svg = output.path().join(format!("{name}.svg"));
        let mut render = Command::new(&dot);
        render.arg("-Tsvg").arg(&graph).arg("-o").arg(&svg);
        let run = run_command(render);
        run.assert_code(0);
        assert_eq!(run.stderr, "", "dot warned about the map of {name}");
        let rendered = std::fs::read_to_string(&svg).expect("dot wrote an SVG");
        assert!(rendered.contains("<svg"), "{name}: {rendered}");
    }
}

#[test]
fn fideslang_accepts_the_manifest_of_every_fixture() {
    let Some(python) = fideslang_python() else {
        return;
    };
    let validator = repository_root().join("tests/support/validate_fides.py");
    let output = tempfile::tempdir().expect("a temporary directory");
    let root = repository_root();
    let validate = |manifest: &std::path::Path| {
        let mut command = Command::new(&python);
        command.arg(&validator).arg(manifest);
        run_command(command)
    };
    for crate_dir in fixture_crates() {
        let name = crate_dir
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .to_string();
        let manifest = output.path().join(format!("{name}.yml"));
        map_file(&root, &relative(&crate_dir), "fides", &manifest);
        let run = validate(&manifest);
        assert_eq!(
            run.code,
            0,
            "fideslang refuses the manifest of {name}:\n{}{}\n{}",
            run.stdout,
            run.stderr,
            std::fs::read_to_string(&manifest).unwrap_or_default()
        );
    }
    // The messenger's three declarations, one per recipient and purpose.
    let manifest = output.path().join("messenger.yml");
    assert_eq!(validate(&manifest).stdout, "3 declarations\n");
    // Custom categories and purposes map to Fides keys that exist, and say so.
    let project = Project::package("custom");
    project.file(
        "consent.toml",
        "categories = [\"contact.whatsapp_id\", \"loyalty.points\"]\npurposes = [\"metrics\"]\n",
    );
    project.file(
        "src/lib.rs",
        "#[consent::personal(contact.whatsapp_id, loyalty.points)]\nfn handle() -> String {\n    String::new()\n}\n\n\
         #[consent::shares(with = \"partner\", purpose = \"metrics\")]\nfn send(_value: String) {}\n\n\
         pub fn report() {\n    send(handle());\n}\n",
    );
    let custom = project.path("custom.yml");
    map_file(&project.root, ".", "fides", &custom);
    let run = validate(&custom);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let written = std::fs::read_to_string(&custom).expect("the manifest was written");
    for expected in [
        "# custom category `contact.whatsapp_id` has no Fides equivalent: declared as `user.contact`",
        "# custom category `loyalty.points` has no Fides equivalent: declared as `user`",
        "# custom purpose `metrics` has no Fides equivalent: declared as `third_party_sharing`",
        "        data_use: \"third_party_sharing\"",
    ] {
        assert!(written.contains(expected), "{expected} in\n{written}");
    }
}

#[test]
fn the_html_page_works_in_a_real_browser() {
    let Some(chromium) = chromium() else {
        return;
    };
    let Some(_) = playwright() else {
        return;
    };
    let output = tempfile::tempdir().expect("a temporary directory");
    let page = output.path().join("messenger.html");
    let root = repository_root();
    map_file(&root, "test-crates/messenger", "html", &page);
    let map = consent(&root, &["map", "--format", "json", "test-crates/messenger"]).json();
    let ids = |recipient: Option<&str>| -> Vec<String> {
        map["flows"]
            .as_array()
            .expect("flows")
            .iter()
            .filter(|flow| recipient.is_none_or(|recipient| flow["recipient"] == recipient))
            .map(|flow| flow["id"].as_str().expect("an id").to_string())
            .collect()
    };
    let screenshot = root.join("target/map-messenger.png");
    let _ = std::fs::remove_file(&screenshot);
    let profile = output.path().join("profile");
    std::fs::create_dir(&profile).expect("an empty profile directory");
    let mut node = Command::new("node");
    node.arg(root.join("tests/support/check_map_page.cjs"))
        .arg(&page)
        .arg("ad_network")
        .arg(&screenshot)
        .arg(&profile)
        .env("NODE_PATH", ci_tools().join("node_modules"))
        .env("CONSENT_CHROMIUM", &chromium);
    let run = run_command(node);
    run.assert_code(0);
    let report: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|error| panic!("the page check printed no JSON ({error}): {run:?}"));
    let strings = |key: &str| -> Vec<String> {
        report[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key} in {report}"))
            .iter()
            .map(|value| value.as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(strings("console_errors"), Vec::<String>::new());
    assert_eq!(strings("page_errors"), Vec::<String>::new());
    let page_url = format!("file://{}", page.display());
    assert_eq!(
        strings("requests"),
        [page_url],
        "the page loads nothing else"
    );
    assert_eq!(report["title"], "Data map");
    assert_eq!(
        strings("shown"),
        ids(None),
        "every flow of the messenger is shown"
    );
    assert_eq!(ids(None).len(), 7);
    assert_eq!(
        report["graph_nodes"], 16,
        "8 sources, 5 categories, 3 recipients"
    );
    assert_eq!(strings("filtered"), ids(Some("ad_network")));
    assert_eq!(strings("filtered_recipients"), ["ad_network"; 3]);
    assert_eq!(report["filtered_count"], "3 of 7 flows shown");
    let opened = &report["opened_path"];
    assert_eq!(opened["visible"], true);
    assert_eq!(opened["steps"], 8, "{opened}");
    assert_eq!(
        opened["code"][0], "carrier_code: device.carrier_code(),",
        "the path quotes the code: {opened}"
    );
    assert_eq!(
        opened["code"][7], "ads.upload_audience(&audience);",
        "the path ends at the sink: {opened}"
    );
    assert_eq!(
        strings("sorted_by_category"),
        [
            "activity.usage",
            "activity.usage",
            "contact.address_book",
            "contact.phone_number",
            "device.carrier",
            "device.id",
            "device.id"
        ]
    );
    let taken = std::fs::metadata(&screenshot).expect("a screenshot was taken");
    assert!(taken.len() > 10_000, "the screenshot has content");
}
