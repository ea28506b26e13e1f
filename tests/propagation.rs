//! Propagation rules, one small program each, checked in process through the public `scan`
//! (no binary is spawned): `check(fixture, expect![[...]])` as rust-analyzer tests its
//! analyses. A fixture is one or more files in rust-analyzer's multi-file style:
//!
//! ```text
//! //- /src/lib.rs
//! fn main() {}
//! //- /consent.toml
//! [[sink]] ...
//! ```
//!
//! (a fixture with no `//-` line is `src/lib.rs`; a `Cargo.toml` naming the package `demo` is
//! added unless the fixture has one). `check` compares the findings, one per line as
//! `lint file:line message`, then the run's notes; `check_dump` compares what the hidden
//! `check --dump` prints (the summaries after propagation and the solved cells), then the
//! findings; `check_ir` the lowered IR, then the findings. `UPDATE_EXPECT=1
//! cargo test --test propagation` rewrites the expectations in place: read the diff, since an
//! expectation is only worth what its reader checked.

use std::path::Path;

use cargo_consent::propagate::dump::DumpParts;
use cargo_consent::{scan, ScanReport, ScanRequest};
use expect_test::{expect, Expect};

/// The files of a fixture: (path below the package, text).
fn fixture_files(fixture: &str) -> Vec<(String, String)> {
    let fixture = fixture.trim_start_matches('\n');
    if !fixture.trim_start().starts_with("//- ") {
        return vec![("src/lib.rs".to_string(), fixture.to_string())];
    }
    let mut files: Vec<(String, String)> = Vec::new();
    for line in fixture.lines() {
        if let Some(path) = line.trim_start().strip_prefix("//- ") {
            let path = path.trim().trim_start_matches('/').to_string();
            files.push((path, String::new()));
        } else if let Some((_, text)) = files.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    files
}

/// Writes the fixture as a package in a fresh directory and scans it, asking for `dump`.
fn scan_fixture(fixture: &str, dump: Option<DumpParts>) -> (ScanReport, String) {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let root = directory
        .path()
        .canonicalize()
        .expect("the temporary directory exists");
    let mut files = fixture_files(fixture);
    if !files.iter().any(|(path, _)| path == "Cargo.toml") {
        files.push((
            "Cargo.toml".to_string(),
            "[package]\nname = \"demo\"\nversion = \"0.1.0\"\nedition = \"2021\"\n".to_string(),
        ));
    }
    for (path, text) in &files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("a file has a directory"))
            .expect("the fixture's directories can be made");
        std::fs::write(&path, text).expect("the fixture's files can be written");
    }
    let request = ScanRequest {
        paths: vec![root.clone()],
        dump,
        ..ScanRequest::default()
    };
    let report = scan(&request).expect("the fixture can be scanned");
    (report, prefix_of(&root))
}

/// What the scan prints before a path below `root`: paths outside the working directory
/// are shown in full.
fn prefix_of(root: &Path) -> String {
    format!("{}/", root.display())
}

fn findings(report: &ScanReport, prefix: &str) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let file = &report.files.get(finding.location.file).display_path;
        out.push_str(&format!(
            "{} {}:{} {}\n",
            finding.lint, file, finding.location.line, finding.message
        ));
    }
    for note in &report.notes {
        out.push_str(&format!("note: {note}\n"));
    }
    out.replace(prefix, "")
}

/// The findings of a scan of `fixture`.
fn check(fixture: &str, expect: Expect) {
    let (report, prefix) = scan_fixture(fixture, None);
    expect.assert_eq(&findings(&report, &prefix));
}

/// The summaries and cells of a scan of `fixture`, then its findings.
fn check_dump(fixture: &str, expect: Expect) {
    let parts = DumpParts {
        summaries: true,
        cells: true,
        ..DumpParts::default()
    };
    check_parts(fixture, parts, expect);
}

/// The lowered IR of every fn of `fixture`, then its findings.
fn check_ir(fixture: &str, expect: Expect) {
    let parts = DumpParts {
        ir: true,
        ..DumpParts::default()
    };
    check_parts(fixture, parts, expect);
}

fn check_parts(fixture: &str, parts: DumpParts, expect: Expect) {
    let (report, prefix) = scan_fixture(fixture, Some(parts));
    let dump = report.dump.clone().expect("the scan was asked for a dump");
    let text = format!(
        "{}== findings ==\n{}",
        dump.replace(&prefix, ""),
        findings(&report, &prefix)
    );
    expect.assert_eq(&text);
}

/// Source and sink of the fixtures below, prepended to each: a phone number, an analytics
/// vendor and a consent check for analytics, one for ads.
const PRELUDE: &str = r#"
#[consent::personal(contact.phone_number)]
pub fn phone() -> String { String::from("+15555550100") }
#[consent::shares(with = "vendor", purpose = "analytics")]
pub fn track(_: &str) {}
#[consent::check(purpose = "analytics")]
pub fn analytics_allowed() -> bool { false }
#[consent::check(purpose = "ads")]
pub fn ads_allowed() -> bool { false }
"#;

/// A package `demo` with one dependency (`name = "version"`), `lib` as its `src/lib.rs` and
/// `config` as its `consent.toml`.
fn package(dependency: &str, lib: &str, config: &str) -> String {
    format!(
        "//- /Cargo.toml\n[package]\nname = \"demo\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\
         [dependencies]\n{dependency}\n//- /src/lib.rs\n{}//- /consent.toml\n{config}",
        lib.trim_start_matches('\n')
    )
}

/// `lib` as `src/lib.rs` of a package that depends on `ehttp`, with a URL sink for
/// `https://tel.example.com/`.
fn with_url_sink(lib: &str) -> String {
    package(
        r#"ehttp = "0.5""#,
        lib,
        r#"[[sink]]
url = "https://tel.example.com/"
with = "vendor"
purpose = "analytics"
"#,
    )
}

/// `lib` after a source of a device id (`device_id`) and a sink (`report`), as `src/lib.rs`
/// of a package that depends on `sentry` (the shape of firezone's telemetry).
fn with_device_id_report(lib: &str) -> String {
    let lib = format!(
        "pub fn device_id() -> String {{ String::new() }}\npub fn report(_: &str) {{}}\n{}",
        lib.trim_start_matches('\n')
    );
    package(r#"sentry = "0.34""#, &lib, DEVICE_ID_REPORT_CONFIG)
}

/// The config of the device-id fixtures: `device_id` a source, `report` a sink.
const DEVICE_ID_REPORT_CONFIG: &str = r#"[[source]]
path = "demo::device_id"
category = "device.id"

[[sink]]
path = "demo::report"
with = "vendor"
purpose = "analytics"
"#;

/// `lib` as `src/lib.rs`, with `device_id` a source, `report` a sink, and the environment
/// variable `NO_TRACKING` the user's opt-out of analytics.
fn with_no_tracking_opt_out(lib: &str) -> String {
    format!(
        "//- /src/lib.rs\n{}//- /consent.toml\n{DEVICE_ID_REPORT_CONFIG}\n[[check]]\n\
         path = \"std::env::var\"\narg = \"NO_TRACKING\"\npurpose = \"analytics\"\n\
         polarity = \"opt_out\"\n",
        lib.trim_start_matches('\n')
    )
}

/// `code` after the prelude, as `src/lib.rs`.
fn with_prelude(code: &str) -> String {
    format!("{PRELUDE}{code}")
}

#[test]
fn a_source_passed_straight_to_a_sink_is_a_finding() {
    check(
        &with_prelude(
            r#"
pub fn run() {
    track(&phone());
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:11 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn data_goes_through_a_parameter_and_back_out_of_the_return() {
    check_dump(
        &with_prelude(
            r#"
fn relay(value: String) -> String {
    value
}
pub fn run() {
    let passed = relay(phone());
    track(&passed);
}
"#,
        ),
        expect![[r#"
            == summaries ==
            fn phone @ src/lib.rs:2:8
            fn track @ src/lib.rs:4:8
            fn analytics_allowed @ src/lib.rs:6:8
            fn ads_allowed @ src/lib.rs:8:8
            fn relay @ src/lib.rs:10:4
              returns param0 ends [param0]
              returns check (true: {param0}, false: {!param0})
              decided by param0
            fn run @ src/lib.rs:13:8
              source #0: call phone [contact.phone_number] @ src/lib.rs:14:24
              sink track @ src/lib.rs:15:5: source(run#0) via [passed into relay(value) :14, returned from relay :14, stored in passed :14] under {}
            == cells ==
            == findings ==
            unguarded_share src/lib.rs:15 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn a_summary_read_by_callers_walked_one_after_another_serves_the_last_of_them() {
    // `relay`'s summary is freed once the last of its callers is walked (`third`, which is
    // walked after `second`, itself after `first`): each of them still reads it.
    check(
        &with_prelude(
            r#"
fn relay(value: String) -> String {
    value
}
fn first() {
    track(&relay(phone()));
}
fn second() {
    first();
    track(&relay(phone()));
}
pub fn third() {
    second();
    track(&relay(phone()));
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:14 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
            unguarded_share src/lib.rs:18 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
            unguarded_share src/lib.rs:22 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn a_field_written_in_one_fn_is_read_in_another_through_its_cell() {
    check_dump(
        &with_prelude(
            r#"
pub struct Profile { contact: String, theme: String }
pub fn fill(profile: &mut Profile) {
    profile.contact = phone();
}
pub fn share(profile: &Profile) {
    track(&profile.theme);
    track(&profile.contact);
}
"#,
        ),
        expect![[r#"
            == summaries ==
            fn phone @ src/lib.rs:2:8
            fn track @ src/lib.rs:4:8
            fn analytics_allowed @ src/lib.rs:6:8
            fn ads_allowed @ src/lib.rs:8:8
            fn fill @ src/lib.rs:11:8
              source #0: call phone [contact.phone_number] @ src/lib.rs:12:23
              writes param0.contact <- source(fill#0)
              into cell(Profile.contact): source(fill#0)
            fn share @ src/lib.rs:14:8
              param sink track @ src/lib.rs:15:5: param0.theme under {}
              param sink track @ src/lib.rs:16:5: param0.contact under {}
              sink track @ src/lib.rs:16:5: cell(Profile.contact) under {}
            == cells ==
            cell Profile.contact: source(fill#0)
            == findings ==
            unguarded_share src/lib.rs:16 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn a_value_read_out_of_many_cells_carries_one_label_for_all_of_them() {
    check_dump(
        &with_prelude(
            r#"
pub struct Settings { a: String, b: String, c: String, d: String, e: String,
                      f: String, g: String, h: String, i: String, j: String }
pub fn fill(settings: &mut Settings) {
    settings.j = phone();
}
pub fn share(settings: &Settings) {
    let all = vec![&settings.a, &settings.b, &settings.c, &settings.d, &settings.e,
                   &settings.f, &settings.g, &settings.h, &settings.i, &settings.j];
    track(&all[0]);
}
"#,
        ),
        expect![[r#"
            == summaries ==
            fn phone @ src/lib.rs:2:8
            fn track @ src/lib.rs:4:8
            fn analytics_allowed @ src/lib.rs:6:8
            fn ads_allowed @ src/lib.rs:8:8
            fn fill @ src/lib.rs:12:8
              source #0: call phone [contact.phone_number] @ src/lib.rs:13:18
              writes param0.j <- source(fill#0)
              into cell(Settings.j): source(fill#0)
            fn share @ src/lib.rs:15:8
              param sink track @ src/lib.rs:18:5: param0 under {}
              sink track @ src/lib.rs:18:5: cell(any of Settings.a, Settings.b, Settings.c, Settings.d, Settings.e, Settings.f, Settings.g, Settings.h, Settings.i, Settings.j) under {}
            == cells ==
            cell Settings.j: source(fill#0)
            == findings ==
            unguarded_share src/lib.rs:18 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn what_is_sent_on_a_channel_comes_out_of_its_receiver() {
    check_dump(
        &with_prelude(
            r#"
pub fn run() {
    let (sender, receiver) = std::sync::mpsc::channel();
    sender.send(phone()).unwrap();
    let received = receiver.recv().unwrap();
    track(&received);
}
"#,
        ),
        expect![[r#"
            == summaries ==
            fn phone @ src/lib.rs:2:8
            fn track @ src/lib.rs:4:8
            fn analytics_allowed @ src/lib.rs:6:8
            fn ads_allowed @ src/lib.rs:8:8
            fn run @ src/lib.rs:10:8
              source #0: call phone [contact.phone_number] @ src/lib.rs:12:17
              sink track @ src/lib.rs:14:5: cell(channel@src/lib.rs:11:30) under {}
              into cell(channel@src/lib.rs:11:30): source(run#0)
            == cells ==
            cell channel@src/lib.rs:11:30: source(run#0)
            == findings ==
            unguarded_share src/lib.rs:14 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn a_check_of_the_sinks_purpose_guards_it() {
    check(
        &with_prelude(
            r#"
pub fn run() {
    if analytics_allowed() {
        track(&phone());
    }
}
"#,
        ),
        expect![[r#""#]],
    );
}

#[test]
fn a_check_of_another_purpose_does_not_guard_the_sink() {
    check(
        &with_prelude(
            r#"
pub fn run() {
    if ads_allowed() {
        track(&phone());
    }
}
"#,
        ),
        expect![[r#"
            purpose_mismatch src/lib.rs:12 personal data (`contact.phone_number`) shared with `vendor` for `analytics`, but the only check on the way is the consent check `ads_allowed()` for `ads`
        "#]],
    );
}

#[test]
fn a_closure_carries_what_it_captures_to_where_it_is_called() {
    check(
        &with_prelude(
            r#"
pub fn run() {
    let number = phone();
    let send = || track(&number);
    send();
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:12 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn mem_swap_moves_data_both_ways() {
    check(
        &with_prelude(
            r#"
pub fn run() {
    let mut personal = phone();
    let mut plain = String::new();
    std::mem::swap(&mut personal, &mut plain);
    track(&plain);
    track(&personal);
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:14 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn a_method_matched_by_name_on_an_unknown_receiver_invents_no_flow() {
    // `get` is a name std's types have: on a receiver of unknown type it is far likelier
    // `Option::get` or `HashMap::get` than `Vault::get`, so only annotated fns of that name
    // are candidates. A name std does not have (`reveal`) reaches every method so named.
    check(
        &with_prelude(
            r#"
pub struct Vault;
impl Vault {
    pub fn get(&self) -> String { phone() }
    pub fn reveal(&self) -> String { phone() }
}
pub fn run() {
    // A closure's parameter: its type is not known.
    let show = |anything| {
        track(&anything.get());
        track(&anything.reveal());
    };
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:19 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn a_method_matched_by_name_takes_as_many_arguments_as_the_call() {
    // Rust has neither overloading nor default arguments: `anything.reveal(1)` is not a call
    // of `Vault::reveal(&self)`, whatever the receiver is (amazon-q's `sender.send(event)` on
    // a channel sender was matched to a generated client's `send(self)`).
    check(
        &with_prelude(
            r#"
pub struct Vault;
impl Vault {
    pub fn reveal(&self) -> String { phone() }
}
pub fn run() {
    let show = |anything| {
        track(&anything.reveal(1));
        track(&anything.reveal());
    };
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:17 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn a_type_s_inherent_method_shadows_a_trait_s_of_the_same_name() {
    // `Builder::send` names the inherent fn, as a path in Rust does: the trait impl's `send`
    // (a generated client's `CustomizableSend::send`) is not the configured sink.
    check(
        r#"
//- /src/lib.rs
#[consent::personal(contact.phone_number)]
pub fn phone() -> String { String::new() }
pub trait CustomizableSend {
    fn send(self, extra: String);
}
pub struct Builder;
impl Builder {
    pub fn send(self) {}
}
impl CustomizableSend for Builder {
    fn send(self, _extra: String) {}
}
pub fn run<T: CustomizableSend>(sender: T) {
    sender.send(phone());
}
//- /consent.toml
[[sink]]
path = "demo::Builder::send"
with = "vendor"
purpose = "analytics"
"#,
        expect![[r#""#]],
    );
}

#[test]
fn a_binding_in_a_variant_pattern_has_the_variant_field_s_type() {
    // `Holder::Real(vault)` binds a `Vault`, not a `Holder`: its `reveal` is `Vault::reveal`,
    // and `decoy`'s is `Decoy::reveal`, which returns nothing personal. The same through a
    // struct variant, an `Option` and a tuple struct.
    check(
        &with_prelude(
            r#"
pub struct Vault;
impl Vault {
    pub fn reveal(&self) -> String { phone() }
}
pub struct Decoy;
impl Decoy {
    pub fn reveal(&self) -> String { String::new() }
}
pub enum Holder {
    Real(Vault),
    Fake(Decoy),
    Named { inner: Vault, decoy: Decoy },
}
pub struct Wrapper(Vault);
pub fn run(holder: &Holder, maybe: Option<Holder>, wrapper: Wrapper) {
    match holder {
        Holder::Fake(decoy) => track(&decoy.reveal()),
        Holder::Real(vault) => track(&vault.reveal()),
        Holder::Named { inner, decoy } => {
            track(&decoy.reveal());
            track(&inner.reveal());
        }
    }
    if let Some(Holder::Fake(decoy)) = maybe {
        track(&decoy.reveal());
    }
    let Wrapper(vault) = wrapper;
    track(&vault.reveal());
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:27 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
            unguarded_share src/lib.rs:30 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
            unguarded_share src/lib.rs:37 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn a_recursive_fn_whose_result_nests_deeper_each_walk_settles() {
    // Each walk of `to_ast` can add a level to its result (`Ast::Array(Box::new(..))`) and a
    // longer path into `self` (`self.elem.elem.0`); below the depth bounds there are more such
    // shapes than walks (risingwave's `DataType::to_ast` was cut short after 8). From its
    // third walk on, a result whose labels no longer change but whose shape does is coarsened
    // (no field apart, whole parameters), and it settles.
    check(
        r#"
#[consent::personal(contact.phone_number)]
pub fn phone() -> String { String::new() }
#[consent::shares(with = "vendor", purpose = "analytics")]
pub fn track(_: &Ast) {}
pub struct ListType { elem: Box<DataType> }
impl ListType {
    pub fn elem(&self) -> &DataType { &self.elem }
}
pub struct MapType(Box<(DataType, DataType)>);
impl MapType {
    pub fn key(&self) -> &DataType { &self.0 .0 }
    pub fn value(&self) -> &DataType { &self.0 .1 }
}
pub enum DataType {
    Named(String),
    List(ListType),
    Map(MapType),
}
pub enum Ast {
    Named(String),
    Array(Box<Ast>),
    Map(Box<(Ast, Ast)>),
}
impl DataType {
    pub fn to_ast(&self) -> Ast {
        match self {
            DataType::Named(name) => Ast::Named(name.clone()),
            DataType::List(list) => Ast::Array(Box::new(list.elem().to_ast())),
            DataType::Map(map) => Ast::Map(Box::new((map.key().to_ast(), map.value().to_ast()))),
        }
    }
}
pub fn run() {
    let named = DataType::Named(phone());
    track(&named.to_ast());
}
"#,
        expect![[r#"
            unguarded_share src/lib.rs:35 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn a_loop_that_nests_a_local_deeper_each_round_settles() {
    // `root` gains a level each round (risingwave's join binder); its labels stop changing
    // after the first round, its shape does not, below the depth bound. From the second round
    // on it is carried coarsened, and the loop settles instead of being cut short.
    check(
        r#"
#[consent::personal(contact.phone_number)]
pub fn phone() -> String { String::new() }
#[consent::shares(with = "vendor", purpose = "analytics")]
pub fn track(_: &Relation) {}
pub enum Relation {
    Table(String),
    Join(Box<BoundJoin>),
}
pub struct BoundJoin {
    left: Relation,
    right: Relation,
}
pub fn run(tables: Vec<String>) {
    let mut root = Relation::Table(phone());
    for table in tables {
        let right = Relation::Table(table);
        root = Relation::Join(Box::new(BoundJoin { left: root, right }));
    }
    track(&root);
}
"#,
        expect![[r#"
            unguarded_share src/lib.rs:19 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn a_std_method_name_reaches_no_unannotated_trait_declaration() {
    // `push` on a receiver of unknown type is a `Vec`'s far likelier than the workspace trait
    // `Sorter`'s (greptimedb's index sorter): neither the trait's declaration nor its impls
    // are candidates, so the phone number does not reach the default body's share.
    check(
        &with_prelude(
            r#"
pub trait Sorter {
    fn push(&mut self, value: String) {
        track(&value);
    }
}
pub fn run() {
    let keep = |list| {
        list.push(phone());
    };
}
"#,
        ),
        expect![[r#""#]],
    );
}

#[test]
fn clone_chains_keep_the_data() {
    check(
        &with_prelude(
            r#"
pub fn run() {
    let number = phone();
    let copy = number.clone().clone().to_string().clone();
    track(&copy);
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:13 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn an_if_let_some_on_a_checks_result_guards_its_branch() {
    check(
        &with_prelude(
            r#"
pub struct Consent;
#[consent::check(purpose = "analytics")]
pub fn consent() -> Option<Consent> { None }
pub fn run() {
    if let Some(_granted) = consent() {
        track(&phone());
    }
    track(&phone());
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:17 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn a_token_parameter_is_consent_for_its_purpose() {
    check(
        &with_prelude(
            r#"
#[consent::token(purpose = "analytics")]
pub struct AnalyticsConsent;
pub fn with_token(_consent: &AnalyticsConsent) {
    track(&phone());
}
pub fn grant() -> Option<AnalyticsConsent> {
    if analytics_allowed() { Some(AnalyticsConsent) } else { None }
}
pub fn without() -> AnalyticsConsent {
    AnalyticsConsent
}
"#,
        ),
        expect![[r#"
            unchecked_token src/lib.rs:19 consent token `AnalyticsConsent` for `analytics` created without a check for `analytics`
        "#]],
    );
}

#[test]
fn a_sink_and_source_named_in_consent_toml_are_followed() {
    check(
        r#"
//- /src/lib.rs
pub struct Customer { pub email: String }
pub fn upload(_: &str) {}
pub fn run(customer: &Customer) {
    upload(&customer.email);
}
//- /consent.toml
[[source]]
path = "demo::Customer::email"
category = "contact.email"

[[sink]]
path = "demo::upload"
with = "partner"
purpose = "analytics"
"#,
        expect![[r#"
            unguarded_share src/lib.rs:4 personal data (`contact.email`) shared with `partner` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn a_parameter_returned_with_its_own_type_keeps_its_fields_apart() {
    // A builder returns `self`: the caller's value comes back field by field, so reading
    // `plan` is not reading the `email` beside it. A value of another type made from a
    // parameter (bytes encoded outside the scan) still carries all of it.
    check(
        r#"
//- /src/lib.rs
pub struct Profile { pub email: String, pub plan: String }
pub fn report(_: &str) {}
impl Profile {
    pub fn with_plan(mut self, plan: String) -> Self {
        self.plan = plan;
        self
    }
    pub fn encoded(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }
}
pub fn upgrade(profile: Profile) {
    let profile = profile.with_plan("pro".to_string());
    report(&profile.plan);
}
pub fn export(profile: Profile) {
    let bytes = profile.encoded();
    report(&String::from_utf8_lossy(&bytes));
}
//- /consent.toml
[[source]]
path = "demo::Profile::email"
category = "contact.email"

[[sink]]
path = "demo::report"
with = "vendor"
purpose = "analytics"
"#,
        expect![[r#"
            unguarded_share src/lib.rs:18 personal data (`contact.email`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn an_environment_variable_compared_with_a_literal_is_still_the_check() {
    // tensorzero: `env::var(..).unwrap_or_default() == "1"` was a discarded check, and every
    // send behind it unguarded. `== "0"` (or `"false"`, `"off"`) reads the variable the
    // other way round.
    check(
        &with_no_tracking_opt_out(
            r#"
use std::env;
pub fn device_id() -> String { String::new() }
pub fn report(_: String) {}
pub fn opted_out_returns(flag: bool) {
    if flag || env::var("NO_TRACKING").unwrap_or_default() == "1" {
        return;
    }
    report(device_id());
}
pub fn as_deref_against_ok() {
    if env::var("NO_TRACKING").as_deref() == Ok("1") {
        return;
    }
    report(device_id());
}
pub fn zero_means_allowed() {
    if env::var("NO_TRACKING").unwrap_or_default() != "0" {
        return;
    }
    report(device_id());
}
pub fn sends_when_opted_out() {
    if env::var("NO_TRACKING").unwrap_or_default() == "1" {
        report(device_id());
    }
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:24 personal data (`device.id`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn a_value_made_only_when_the_check_allows_guards_what_is_done_with_it() {
    // tabby: `lazy_static! { static ref TRACKER: Option<UsageTracker> = if opted out { None }
    // else { Some(..) } }`, then `if let Some(tracker) = TRACKER.as_ref() { tracker.send(..) }`.
    // Each branch of a tail `if` answers under that branch's facts, and a static read keeps
    // what its initializer answers.
    check(
        &with_no_tracking_opt_out(
            r#"
use lazy_static::lazy_static;
pub fn device_id() -> String { String::new() }
pub fn report(_: String) {}
pub struct Tracker;
fn tracker() -> Option<Tracker> {
    if std::env::var("NO_TRACKING").is_ok() { None } else { Some(Tracker) }
}
lazy_static! {
    static ref TRACKER: Option<Tracker> = {
        if std::env::var("NO_TRACKING").is_ok() { None } else { Some(Tracker) }
    };
    static ref ALWAYS: Option<Tracker> = Some(Tracker);
}
pub fn through_a_fn() {
    if let Some(_tracker) = tracker() { report(device_id()); }
}
pub fn through_a_static() {
    if let Some(_tracker) = TRACKER.as_ref() { report(device_id()); }
}
pub fn through_an_unchecked_static() {
    if let Some(_tracker) = ALWAYS.as_ref() { report(device_id()); }
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:21 personal data (`device.id`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn a_closure_parameter_takes_its_type_from_the_callees_bound() {
    // firezone: `update_user(|user| user.id = ..)` with `fn update_user(update: impl
    // FnOnce(&mut sentry::User))`. Untyped, `user.id` was a write of every field named `id`,
    // and every `Item.id` read it. Typed by the callee's bound, it is a library type's field,
    // which only reads of that type's field or of an unknown owner's see.
    check(
        &with_device_id_report(
            r#"
pub struct Item { pub id: String }
fn update_user(update: impl FnOnce(&mut sentry::User)) {
    let mut user = sentry::User::default();
    update(&mut user);
}
fn with_scope<F>(f: F) where F: FnOnce(&mut sentry::Scope) {
    let mut scope = sentry::Scope::default();
    f(&mut scope);
}
pub fn set_ids() {
    let id = device_id();
    update_user(|user| { user.id = Some(id.clone()); });
    with_scope(|scope| { scope.id = Some(id); });
}
pub fn typed(item: &Item) {
    report(&item.id);
}
pub fn untyped<T: Clone>(thing: T) {
    let copy = thing.clone();
    report(&copy.id);
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:22 personal data (`device.id`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn a_path_through_a_facade_module_is_the_crate_it_reexports() {
    // firezone: `mod sentry { pub(crate) use ::sentry::*; }`, then `sentry::User` in the
    // crate. The facade defines no `User`: its one outside glob brings it, so the closure's
    // `user` is the library's `User` and `user.id` no write of every field named `id`.
    check(
        &with_device_id_report(
            r#"
mod sentry {
    pub(crate) use ::sentry::*;
}
pub struct Item { pub id: String }
fn update_user(update: impl FnOnce(&mut sentry::User)) {
    let mut user = sentry::User::default();
    update(&mut user);
}
pub fn set_id() {
    let id = device_id();
    update_user(|user| { user.id = Some(id); });
}
pub fn typed(item: &Item) {
    report(&item.id);
}
"#,
        ),
        expect![[r#""#]],
    );
}

#[test]
fn a_library_types_field_is_read_by_name_only_where_its_crate_is_a_dependency() {
    // firezone: the device id written into `sentry::User`'s `id` reached every read of a
    // field `id` of unknown owner, in crates that do not depend on `sentry` (and so cannot
    // name its `User`). As for a workspace type's field, only a crate that can name the
    // type reads its field by name; `app` can, `net` cannot.
    check(
        r#"
//- /Cargo.toml
[workspace]
members = ["app", "net"]
//- /app/Cargo.toml
[package]
name = "app"
version = "0.1.0"
edition = "2021"
[dependencies]
sentry = "0.34"
//- /app/src/lib.rs
pub fn device_id() -> String { String::new() }
pub fn report(_: &str) {}
pub fn set_user(user: &mut sentry::User) {
    user.id = Some(device_id());
}
pub fn untyped<T: Clone>(thing: T) {
    let copy = thing.clone();
    report(&copy.id);
}
//- /net/Cargo.toml
[package]
name = "net"
version = "0.1.0"
edition = "2021"
[dependencies]
app = { path = "../app" }
//- /net/src/lib.rs
pub fn untyped<T: Clone>(thing: T) {
    let copy = thing.clone();
    app::report(&copy.id);
}
//- /consent.toml
[[source]]
path = "app::device_id"
category = "device.id"

[[sink]]
path = "app::report"
with = "vendor"
purpose = "analytics"
"#,
        expect![[r#"
            unguarded_share app/src/lib.rs:8 personal data (`device.id`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn a_tuple_position_of_an_unknown_owner_is_no_field_anywhere() {
    // `.0` of a value of unknown type is that value's part (a tuple's, most often), not
    // every tuple struct's field 0: on firezone it linked every newtype of a crate into one
    // cell. The local tuple still carries its part to the sink.
    check(
        &with_prelude(
            r#"
pub struct Count(pub String);
pub fn fill() {
    let mut slot = outside::make();
    slot.0 = phone();
    let mut pair = (String::new(), 1);
    pair.0 = phone();
    track(&pair.0);
}
pub fn unrelated(count: &Count) {
    track(&count.0);
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:16 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn the_ir_shows_what_lowering_kept() {
    check_ir(
        r#"
pub struct Settings { pub allowed: bool }
pub fn decide(settings: &Settings, items: Vec<String>) -> Option<String> {
    let Some(first) = items.first() else { return None };
    for item in &items {
        if settings.allowed && item.len() > 3 {
            continue;
        }
    }
    let label = format!("{first}!");
    let pick = |x: &str| x.to_uppercase();
    match settings.allowed {
        true => Some(pick(&label)),
        _ => None,
    }
}
"#,
        expect![[r#"
            == ir ==
            fn decide @ src/lib.rs:2:8
              params (settings#0, items#1)
              body {
                let truthy(first#2) = items#1.first() else {
                  return None
                };
                for item#3 in items#1 {
                  if (settings#0.allowed && clean(item#3.len(), const)) {
                    continue;
                  }
                };
                let label#4 = combine("{first}!", first#2);
                let pick#6 = closure#0;
                match settings#0.allowed {
                  true => return Some((pick#6)(label#4)),
                  _ => return None,
                }
              }
              closure#0 |x#5| x#5.to_uppercase()
            == findings ==
        "#]],
    );
}

#[test]
fn data_carried_around_a_loop_reaches_a_sink_earlier_in_its_body() {
    check(
        &with_prelude(
            r#"
pub fn run() {
    let mut last = String::new();
    for _ in 0..3 {
        track(&last);
        last = phone();
    }
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:13 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn an_early_return_when_the_check_fails_guards_what_follows() {
    check(
        &with_prelude(
            r#"
pub fn run() {
    if !analytics_allowed() {
        return;
    }
    track(&phone());
}
"#,
        ),
        expect![[r#""#]],
    );
}

#[test]
fn data_goes_through_a_recursive_fn() {
    check_dump(
        &with_prelude(
            r#"
fn pass_on(rounds: u32, value: String) -> String {
    if rounds == 0 { value } else { pass_on(rounds - 1, value) }
}
pub fn run() {
    track(&pass_on(3, phone()));
}
"#,
        ),
        expect![[r#"
            == summaries ==
            fn phone @ src/lib.rs:2:8
            fn track @ src/lib.rs:4:8
            fn analytics_allowed @ src/lib.rs:6:8
            fn ads_allowed @ src/lib.rs:8:8
            fn pass_on @ src/lib.rs:10:4
              returns param1 ends [param1]
              decided by param0, param1
            fn run @ src/lib.rs:13:8
              source #0: call phone [contact.phone_number] @ src/lib.rs:14:23
              sink track @ src/lib.rs:14:5: source(run#0) via [passed into pass_on(value) :14, returned from pass_on :14] under {}
            == cells ==
            == findings ==
            unguarded_share src/lib.rs:14 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn a_check_in_the_caller_guards_the_sink_in_the_callee() {
    check(
        &with_prelude(
            r#"
fn send(value: &str) {
    track(value);
}
pub fn checked() {
    if analytics_allowed() {
        send(&phone());
    }
}
pub fn unchecked() {
    send(&phone());
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:11 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn an_opt_out_field_guards_only_where_it_is_false() {
    check(
        &with_prelude(
            r#"
#[derive(consent::Classified)]
pub struct Settings {
    #[opt_out(purpose = "analytics")]
    pub no_tracking: bool,
}
pub fn run(settings: &Settings) {
    if !settings.no_tracking {
        track(&phone());
    }
    if settings.no_tracking {
        track(&phone());
    }
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:20 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn a_question_mark_on_a_checks_result_guards_the_rest_of_the_fn() {
    check(
        &with_prelude(
            r#"
pub struct Denied;
#[consent::check(purpose = "analytics")]
pub fn require_analytics() -> Result<(), Denied> { Err(Denied) }
pub fn run() -> Result<(), Denied> {
    require_analytics()?;
    track(&phone());
    Ok(())
}
"#,
        ),
        expect![[r#""#]],
    );
}

#[test]
fn a_requires_fn_is_guarded_inside_and_its_callers_must_check() {
    check(
        &with_prelude(
            r#"
#[consent::requires(purpose = "analytics")]
fn upload() {
    track(&phone());
}
pub fn checked() {
    if analytics_allowed() {
        upload();
    }
}
pub fn unchecked() {
    upload();
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:20 `upload` requires a check for `analytics`, and this call has none
        "#]],
    );
}

#[test]
fn a_suggestive_name_is_a_suspected_source_when_the_lint_is_on() {
    check(
        r#"
//- /src/lib.rs
#[consent::shares(with = "vendor", purpose = "analytics")]
pub fn track(_: &str) {}
pub fn run(email_address: &str, theme: &str) {
    track(email_address);
    track(theme);
}
//- /consent.toml
[lints]
possible_personal_data = "warn"
"#,
        expect![[r#"
            possible_personal_data src/lib.rs:4 data named like personal data (`contact.email`), not annotated, shared with `vendor` for `analytics` without a check for `analytics`
        "#]],
    );
}

#[test]
fn a_method_called_through_a_lock_or_a_refcell_behind_a_pointer_is_the_held_type_s() {
    // `Arc<Mutex<T>>::lock` and `Rc<RefCell<T>>::borrow` hand out a `T` (qdrant's reporter
    // calls `self.telemetry.lock().await.prepare_data(..)` on a tokio `Mutex`); std's lock
    // hands it out in a `LockResult`, so the `Option` under it is still there after
    // `.unwrap()`; a guard's methods are those of what it guards.
    check(
        &with_prelude(
            r#"
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{Arc, Mutex, MutexGuard};
pub struct Profile;
impl Profile {
    pub fn number(&self) -> String { phone() }
}
pub struct Screen {
    pub current: Arc<tokio::sync::Mutex<Profile>>,
    pub shared: Rc<RefCell<Profile>>,
    pub slot: Arc<Mutex<Option<Profile>>>,
}
impl Screen {
    pub async fn run(&self) {
        track(&self.current.lock().await.number());
        track(&self.shared.borrow().number());
        track(&self.slot.lock().unwrap().as_ref().map(|profile| profile.number()).unwrap());
    }
    pub fn guarded(guard: MutexGuard<'_, Profile>) {
        track(&guard.number());
    }
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:24 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
            unguarded_share src/lib.rs:25 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
            unguarded_share src/lib.rs:26 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
            unguarded_share src/lib.rs:29 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn an_associated_const_is_read_through_its_type() {
    // rerun's PostHog sink posts to `Self::URL`, a const of its impl block: the configured
    // endpoint is in that const, read as `Self::URL` or `Sink::URL`, never as a bare `URL`.
    check(
        &with_url_sink(
            r#"
#[consent::personal(device.id)]
pub fn install_id() -> String { String::new() }
pub struct Sink;
impl Sink {
    const URL: &'static str = "https://tel.example.com";
    pub fn send(&self) {
        ehttp::fetch(ehttp::Request::post(Self::URL, install_id().into_bytes()), |_| {});
    }
    pub fn send_again(&self) {
        ehttp::fetch(ehttp::Request::post(Sink::URL, install_id().into_bytes()), |_| {});
    }
}
pub fn not_the_const() {
    const URL: &str = "https://elsewhere.example.com";
    ehttp::fetch(ehttp::Request::post(URL, install_id().into_bytes()), |_| {});
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:7 personal data (`device.id`) shared with `vendor` for `analytics` without a consent check
            unguarded_share src/lib.rs:10 personal data (`device.id`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn a_host_written_without_its_scheme_is_the_configured_url() {
    // firezone: `const INGEST_HOST: &str = "posthog.firezone.dev"`, then
    // `format!("https://{INGEST_HOST}{path}")`. A host that merely begins like the endpoint's,
    // or another host, is not it.
    check(
        &with_url_sink(
            r#"
#[consent::personal(device.id)]
pub fn install_id() -> String { String::new() }
const HOST: &str = "tel.example.com";
const LOOKALIKE: &str = "tel.example.com.evil.net";
const OTHER: &str = "example.com";
pub fn send(path: &str) {
    ehttp::fetch(ehttp::Request::post(format!("https://{HOST}{path}"), install_id().into_bytes()), |_| {});
}
pub fn send_lookalike(path: &str) {
    ehttp::fetch(ehttp::Request::post(format!("https://{LOOKALIKE}{path}"), install_id().into_bytes()), |_| {});
}
pub fn send_other(path: &str) {
    ehttp::fetch(ehttp::Request::post(format!("https://{OTHER}{path}"), install_id().into_bytes()), |_| {});
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:7 personal data (`device.id`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}

#[test]
fn a_loop_whose_data_moves_one_local_further_each_round_settles_in_five_rounds() {
    // `d` gets the phone number in the fourth round, and the fifth sees nothing change: the
    // loop has settled, nothing was cut short (rerun's viewer loops need five rounds).
    check(
        &with_prelude(
            r#"
pub fn run() {
    let (mut a, mut b, mut c, mut d) = (String::new(), String::new(), String::new(), String::new());
    loop {
        d = c.clone();
        c = b.clone();
        b = a.clone();
        a = phone();
        track(&d);
    }
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:17 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}
