//! The structured input: the first [`SPEC_BYTES`] bytes decode (with `arbitrary`) into flags
//! and a `consent.toml` whose entries name items of the package the remaining bytes hold, so
//! mutations of a fixture crate meet configs that match its code, not only ones that match
//! nothing.

use arbitrary::{Arbitrary, Unstructured};

use crate::harness::{Flags, Package};

/// How many bytes in front of the package drive the config and flags.
pub const SPEC_BYTES: usize = 64;

#[derive(Debug, Arbitrary)]
struct Spec {
    include_tests: bool,
    no_catalog: bool,
    suspect_names: bool,
    all_features: bool,
    extra_category: Option<u8>,
    extra_purpose: Option<u8>,
    levels: Vec<(u8, u8)>,
    excludes: Vec<u8>,
    entries: Vec<EntrySpec>,
}

#[derive(Debug, Arbitrary)]
struct EntrySpec {
    kind: EntryKind,
    /// Which item of the package the path names (modulo their number).
    item: u16,
    path_form: PathForm,
    category: u8,
    purpose: u8,
    recipient: u8,
    opt_out: bool,
    args: Option<u8>,
    arg: Option<u8>,
}

#[derive(Debug, Arbitrary)]
enum EntryKind {
    Source,
    Sink,
    UrlSink,
    Check,
    Token,
    Requires,
    Declassify,
    Allow,
}

#[derive(Debug, Arbitrary)]
enum PathForm {
    /// `crate::NAME`
    Crate,
    /// `fuzzed::NAME`
    CrateName,
    /// `NAME` alone, or `Type::NAME`
    Bare,
    /// a library's path
    External,
}

// The last entry of each list is wrong on purpose (a config error, exit 2); `pick` takes it
// only for the byte 255, so most inputs get a config that loads and the scan runs.
const CATEGORIES: &[&str] = &[
    "contact.phone_number",
    "contact",
    "device.id",
    "phone_number",
    "location.precise",
    "contact.whatsapp_id",
    "not.a.category",
];
const PURPOSES: &[&str] = &[
    "analytics",
    "ads",
    "crash_reporting",
    "essential",
    "metrics",
    "not_a_purpose",
];
const RECIPIENTS: &[&str] = &["acme", "parent_company", "vendor"];
const EXTERNAL_PATHS: &[&str] = &[
    "reqwest::Client::post",
    "std::env::var",
    "machine_uid::get",
    "segment::HttpClient::send",
    "ureq::get",
    "serde_json::to_string",
];
const URLS: &[&str] = &[
    "https://telemetry.example.com/",
    "https://",
    "",
    "http://[::1]:80/a b",
];
const LINT_NAMES: &[&str] = &[
    "unguarded_share",
    "parse_error",
    "possible_personal_data",
    "unused_allow",
    "no_such_lint",
];
const LEVELS: &[&str] = &["deny", "warn", "allow", "forbid"];

const EXCLUDES: &[&str] = &[
    "src/a.rs",
    "src/**",
    "**/*.rs",
    "[",
    "src/{a,b}.rs",
    "../x",
    "",
];

/// Decodes fuzzer bytes into a package with a generated config.
pub fn package(bytes: &[u8]) -> Package {
    let split = bytes.len().min(SPEC_BYTES);
    let (front, rest) = bytes.split_at(split);
    let spec = Spec::arbitrary(&mut Unstructured::new(front)).unwrap_or(Spec {
        include_tests: false,
        no_catalog: false,
        suspect_names: false,
        all_features: false,
        extra_category: None,
        extra_purpose: None,
        levels: Vec::new(),
        excludes: Vec::new(),
        entries: Vec::new(),
    });
    let flags = Flags {
        include_tests: spec.include_tests,
        no_catalog: spec.no_catalog,
        suspect_names: spec.suspect_names,
        all_features: spec.all_features,
    };
    let mut package = Package::from_bytes(rest, flags);
    let given_config = package.files.iter().any(|(path, _)| path == "consent.toml");
    if !given_config {
        let names = item_names(&package);
        package.files.push((
            "consent.toml".to_string(),
            config(&spec, &names).into_bytes(),
        ));
    }
    package
}

/// Names the package's code declares, as `Type::member` or `item`: what a user's config names.
fn item_names(package: &Package) -> Vec<String> {
    let mut names = Vec::new();
    for (path, text) in &package.files {
        if !path.ends_with(".rs") {
            continue;
        }
        let text = String::from_utf8_lossy(text);
        let mut owner: Option<String> = None;
        let mut words = text
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|word| !word.is_empty())
            .peekable();
        while let Some(word) = words.next() {
            match word {
                "struct" | "enum" | "trait" | "impl" => {
                    owner = words.peek().map(|name| name.to_string());
                    if let Some(name) = &owner {
                        names.push(name.clone());
                    }
                }
                "fn" | "static" | "const" | "mod" => {
                    if let Some(name) = words.next() {
                        match &owner {
                            Some(owner) if word == "fn" => names.push(format!("{owner}::{name}")),
                            _ => names.push(name.to_string()),
                        }
                    }
                }
                _ => {}
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

/// An entry of `list`: the last one (the wrong one, in lists that have one) only for 255.
fn pick<'a>(list: &[&'a str], index: u8) -> &'a str {
    if index == u8::MAX {
        return list[list.len() - 1];
    }
    list[index as usize % (list.len() - 1).max(1)]
}

/// A TOML string, escaped.
fn quoted(text: &str) -> String {
    format!("{text:?}")
}

fn config(spec: &Spec, names: &[String]) -> String {
    let mut toml = String::new();
    if let Some(index) = spec.extra_category {
        toml.push_str(&format!(
            "categories = [{}]\n",
            quoted(&format!("custom.c{}", index % 4))
        ));
    }
    if let Some(index) = spec.extra_purpose {
        toml.push_str(&format!("purposes = [{}]\n", quoted(pick(PURPOSES, index))));
    }
    if !spec.levels.is_empty() {
        toml.push_str("[lints]\n");
        for (lint, level) in &spec.levels {
            toml.push_str(&format!(
                "{} = {}\n",
                pick(LINT_NAMES, *lint),
                quoted(pick(LEVELS, *level))
            ));
        }
    }
    if !spec.excludes.is_empty() {
        let globs: Vec<String> = spec
            .excludes
            .iter()
            .map(|index| quoted(pick(EXCLUDES, *index)))
            .collect();
        toml.push_str(&format!("[scan]\nexclude = [{}]\n", globs.join(", ")));
    }
    for entry in &spec.entries {
        let name = if names.is_empty() {
            "missing".to_string()
        } else {
            names[entry.item as usize % names.len()].clone()
        };
        let path = match entry.path_form {
            PathForm::Crate => format!("crate::{name}"),
            PathForm::CrateName => format!("fuzzed::{name}"),
            PathForm::Bare => name,
            PathForm::External => pick(EXTERNAL_PATHS, entry.item as u8).to_string(),
        };
        let purpose = quoted(pick(PURPOSES, entry.purpose));
        let recipient = quoted(pick(RECIPIENTS, entry.recipient));
        let path = quoted(&path);
        let table = match entry.kind {
            EntryKind::Source => format!(
                "[[source]]\npath = {path}\ncategory = {}\n",
                quoted(pick(CATEGORIES, entry.category))
            ),
            EntryKind::Sink => {
                let args = entry
                    .args
                    .map(|arg| format!("args = [{}]\n", arg % 4))
                    .unwrap_or_default();
                format!("[[sink]]\npath = {path}\nwith = {recipient}\npurpose = {purpose}\n{args}")
            }
            EntryKind::UrlSink => format!(
                "[[sink]]\nurl = {}\nwith = {recipient}\npurpose = {purpose}\n",
                quoted(pick(URLS, entry.category))
            ),
            EntryKind::Check => {
                let polarity = if entry.opt_out { "opt_out" } else { "allow" };
                let arg = entry
                    .arg
                    .map(|_| "arg = \"DO_NOT_TRACK\"\n".to_string())
                    .unwrap_or_default();
                format!(
                    "[[check]]\npath = {path}\npurpose = {purpose}\npolarity = \"{polarity}\"\n{arg}"
                )
            }
            EntryKind::Token => format!("[[token]]\npath = {path}\npurpose = {purpose}\n"),
            EntryKind::Requires => format!("[[requires]]\npath = {path}\npurpose = {purpose}\n"),
            EntryKind::Declassify => {
                format!("[[declassify]]\npath = {path}\nreason = \"aggregate\"\n")
            }
            EntryKind::Allow => format!(
                "[[allow]]\npath = {path}\nlint = {}\nreason = \"fuzzed\"\n",
                quoted(pick(LINT_NAMES, entry.category))
            ),
        };
        toml.push_str(&table);
    }
    toml
}
