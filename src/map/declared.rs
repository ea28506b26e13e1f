//! The declared sources, sinks and checks of a scan, which of them take part in a flow, and
//! where the code uses those that take part in none.
//!
//! "Declared" means written down by someone: an annotation in the code (`#[consent::...]` or a
//! derive helper), an entry of a config (`consent.toml`, the `Cargo.toml` metadata tables,
//! `--config`), or an entry of the built-in catalog, but only when the code calls what it
//! names (the catalog describes many libraries a project never uses).
//!
//! A flow names its sources by what produced them (`call of Account::phone_number`, `read of
//! personal field messages_sent`): a declaration is linked to them by that name, so two
//! declarations of the same name count as one. Where the code uses a declaration is read
//! from the resolved sites of every body.

use std::collections::HashMap;

use super::build::{located, located_span, MapInput};
use super::{DeclaredCheck, DeclaredSink, DeclaredSource, Location, Origin, OriginKind, Polarity};
use crate::config::{Entry, EntryKind};
use crate::facts::AnnotationKind;
use crate::names::{join_path, Name};
use crate::propagate::guard::CheckWitness;
use crate::propagate::summary::{SourceInfo, SourceKind};
use crate::resolve::configured::{Configured, Target as ConfiguredTarget};
use crate::resolve::effects::{CheckSpec, SinkSpec};
use crate::resolve::sites::{PathSite, Site};
use crate::resolve::{FnId, Symbols, TypeId};
use crate::source::{SourceFiles, TextSpan};

/// What a declaration names in the code, for finding its uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Target {
    Fn(FnId),
    Type(TypeId),
    Field(TypeId, usize),
    /// A config or catalog entry naming a library item, by id.
    Entry(usize),
    /// A URL sink, by index.
    Url(usize),
}

/// How a flow's source names what produced it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum SourceKey {
    Call(String),
    Library(String),
    Field(Name),
    Type(Name),
    /// A value of a personal type whose name the source does not carry (a parameter
    /// declared with it, a call returning it): matched by the type's categories.
    TypeCategories(Vec<String>),
}

/// How a check is written where it guards: its name and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CheckKey {
    written: String,
    polarity: Polarity,
    purpose: Option<String>,
    recipient: Option<String>,
}

impl CheckKey {
    fn new(written: String, spec: &CheckSpec) -> CheckKey {
        CheckKey {
            written,
            polarity: spec.polarity.into(),
            purpose: spec.purpose.clone(),
            recipient: spec.recipient.clone(),
        }
    }
}

/// One annotation or entry.
struct Declaration<T> {
    item: String,
    origin: Origin,
    targets: Vec<Target>,
    /// Takes part in a flow.
    reached: bool,
    what: T,
}

struct SourceWhat {
    categories: Vec<String>,
}

struct SinkWhat {
    recipient: String,
    purpose: String,
}

struct CheckWhat {
    spec: CheckSpec,
    /// A `[[check]]` with `arg`: only calls with that first argument.
    arg: Option<String>,
    checked_instead_for: usize,
}

/// Every declaration of the scan, with the names flows refer to them by.
#[derive(Default)]
pub(super) struct Declarations {
    sources: Vec<Declaration<SourceWhat>>,
    sinks: Vec<Declaration<SinkWhat>>,
    checks: Vec<Declaration<CheckWhat>>,
    source_keys: HashMap<SourceKey, Vec<usize>>,
    /// (callee, recipient, purpose) of the sink specs a declaration makes.
    sink_keys: HashMap<(String, String, String), Vec<usize>>,
    check_keys: HashMap<CheckKey, Vec<usize>>,
    /// (origin, item): one declaration however many crate targets share its file.
    known: HashMap<(Origin, String), usize>,
}

fn origin_of_entry(entry_origin: &crate::config::Origin) -> Origin {
    let kind = if entry_origin.file.starts_with("catalog/") {
        OriginKind::Catalog
    } else {
        OriginKind::Config
    };
    Origin {
        kind,
        file: entry_origin.file.clone(),
        line: entry_origin.line,
    }
}

fn origin_of_annotation(files: &SourceFiles, span: TextSpan) -> Origin {
    let location = files.location(span);
    Origin {
        kind: OriginKind::Annotation,
        file: files.get(span.file).display_path.clone(),
        line: location.line,
    }
}

/// Each trait method declaration with the implementations that inherit its annotations.
fn implementations(symbols: &Symbols<'_>) -> HashMap<FnId, Vec<FnId>> {
    let mut found: HashMap<FnId, Vec<FnId>> = HashMap::new();
    for id in symbols.all_fns() {
        if let (Some(trait_id), Some(_)) = symbols.method_owner(id) {
            let declaration = symbols
                .trait_methods(trait_id, symbols.function(id).name)
                .and_then(|methods| methods.declaration);
            if let Some(declaration) = declaration.filter(|declaration| *declaration != id) {
                found.entry(declaration).or_default().push(id);
            }
        }
    }
    found
}

impl Declarations {
    pub(super) fn collect(input: &MapInput<'_>) -> Declarations {
        let symbols = input.lint.symbols;
        let files = input.lint.files;
        let mut declarations = Declarations::default();
        let implementations = implementations(symbols);
        for id in symbols.all_fns() {
            let function = symbols.function(id);
            let mut fns = vec![id];
            fns.extend(implementations.get(&id).into_iter().flatten().copied());
            for annotation in &function.annotations {
                let origin = origin_of_annotation(files, annotation.span);
                let item = symbols.fn_display_name(id);
                match &annotation.kind {
                    AnnotationKind::Personal { categories } => {
                        declarations.fn_source(input, item, origin, &fns, categories)
                    }
                    AnnotationKind::Shares {
                        recipient,
                        purpose,
                        args,
                    } => {
                        declarations.fn_sink(input, item, origin, &fns, (recipient, purpose, args))
                    }
                    AnnotationKind::Check {
                        polarity,
                        purpose,
                        recipient,
                    } => {
                        let spec = CheckSpec {
                            polarity: *polarity,
                            purpose: purpose.clone(),
                            recipient: recipient.clone(),
                            required: false,
                        };
                        declarations.fn_check(input, item, origin, &fns, spec, None);
                    }
                    _ => {}
                }
            }
        }
        for index in 0..symbols.type_count() as u32 {
            let type_id = TypeId(index);
            let facts = symbols.type_facts(type_id);
            for annotation in &facts.annotations {
                if let AnnotationKind::Personal { categories } = &annotation.kind {
                    let origin = origin_of_annotation(files, annotation.span);
                    declarations.type_source(symbols, type_id, origin, categories);
                }
            }
            for (field_index, field) in facts.fields.iter().enumerate() {
                for annotation in &field.annotations {
                    let origin = origin_of_annotation(files, annotation.span);
                    declarations.field_declaration(
                        symbols,
                        (type_id, field_index),
                        origin,
                        &annotation.kind,
                        None,
                    );
                }
            }
        }
        for (entry, targets) in &input.configured.workspace {
            declarations.workspace_entry(input, entry, targets);
        }
        let mut external: Vec<&std::sync::Arc<Entry>> =
            input.configured.external_entries().collect();
        external.sort_by_key(|entry| entry.id);
        for entry in external {
            declarations.library_entry(input.configured, entry);
        }
        for (index, (sink, spec)) in input
            .configured
            .url_sinks
            .iter()
            .zip(&input.configured.url_sink_specs)
            .enumerate()
        {
            let what = SinkWhat {
                recipient: sink.recipient.clone(),
                purpose: sink.purpose.clone(),
            };
            let at = declarations.add_sink(
                format!("requests to {}", sink.url),
                origin_of_entry(&sink.origin),
                Target::Url(index),
                what,
            );
            declarations.sink_key(spec, at);
        }
        declarations
    }

    fn add<T>(
        list: &mut Vec<Declaration<T>>,
        known: &mut HashMap<(Origin, String), usize>,
        item: String,
        origin: Origin,
        targets: &[Target],
        what: T,
    ) -> usize {
        let at = *known
            .entry((origin.clone(), item.clone()))
            .or_insert_with(|| {
                list.push(Declaration {
                    item,
                    origin,
                    targets: Vec::new(),
                    reached: false,
                    what,
                });
                list.len() - 1
            });
        for target in targets {
            if !list[at].targets.contains(target) {
                list[at].targets.push(*target);
            }
        }
        at
    }

    fn add_source(
        &mut self,
        item: String,
        origin: Origin,
        targets: &[Target],
        categories: &[String],
    ) -> usize {
        let what = SourceWhat {
            categories: categories.to_vec(),
        };
        Self::add(
            &mut self.sources,
            &mut self.known,
            item,
            origin,
            targets,
            what,
        )
    }

    fn add_sink(&mut self, item: String, origin: Origin, target: Target, what: SinkWhat) -> usize {
        Self::add(
            &mut self.sinks,
            &mut self.known,
            item,
            origin,
            &[target],
            what,
        )
    }

    fn add_check(
        &mut self,
        item: String,
        origin: Origin,
        targets: &[Target],
        what: CheckWhat,
    ) -> usize {
        Self::add(
            &mut self.checks,
            &mut self.known,
            item,
            origin,
            targets,
            what,
        )
    }

    fn source_key(&mut self, key: SourceKey, at: usize) {
        let list = self.source_keys.entry(key).or_default();
        if !list.contains(&at) {
            list.push(at);
        }
    }

    fn sink_key(&mut self, spec: &SinkSpec, at: usize) {
        let key = (
            spec.callee.clone(),
            spec.recipient.clone(),
            spec.purpose.clone(),
        );
        let list = self.sink_keys.entry(key).or_default();
        if !list.contains(&at) {
            list.push(at);
        }
    }

    fn check_key(&mut self, key: CheckKey, at: usize) {
        let list = self.check_keys.entry(key).or_default();
        if !list.contains(&at) {
            list.push(at);
        }
    }

    /// A personal fn (and the implementations that inherit it).
    fn fn_source(
        &mut self,
        input: &MapInput<'_>,
        item: String,
        origin: Origin,
        fns: &[FnId],
        categories: &[String],
    ) {
        let targets: Vec<Target> = fns.iter().map(|id| Target::Fn(*id)).collect();
        let at = self.add_source(item, origin, &targets, categories);
        for id in fns {
            let name = input.lint.symbols.fn_display_name(*id);
            self.source_key(SourceKey::Call(name), at);
        }
    }

    /// A sink fn: the specs it gives the fns, found among their effects.
    fn fn_sink(
        &mut self,
        input: &MapInput<'_>,
        item: String,
        origin: Origin,
        fns: &[FnId],
        (recipient, purpose, args): (&String, &String, &Option<Vec<String>>),
    ) {
        let what = SinkWhat {
            recipient: recipient.clone(),
            purpose: purpose.clone(),
        };
        let at = Self::add(
            &mut self.sinks,
            &mut self.known,
            item,
            origin,
            &fns.iter().map(|id| Target::Fn(*id)).collect::<Vec<_>>(),
            what,
        );
        for id in fns {
            let specs: Vec<std::sync::Arc<SinkSpec>> = input
                .lint
                .effects
                .of_fn(*id)
                .sinks
                .iter()
                .filter(|spec| {
                    &spec.recipient == recipient && &spec.purpose == purpose && &spec.args == args
                })
                .cloned()
                .collect();
            for spec in specs {
                self.sink_key(&spec, at);
            }
        }
    }

    fn fn_check(
        &mut self,
        input: &MapInput<'_>,
        item: String,
        origin: Origin,
        fns: &[FnId],
        spec: CheckSpec,
        arg: Option<String>,
    ) {
        let targets: Vec<Target> = fns.iter().map(|id| Target::Fn(*id)).collect();
        let keys: Vec<CheckKey> = fns
            .iter()
            .map(|id| CheckKey::new(input.lint.symbols.function(*id).name.to_string(), &spec))
            .collect();
        let what = CheckWhat {
            spec,
            arg,
            checked_instead_for: 0,
        };
        let at = self.add_check(item, origin, &targets, what);
        for key in keys {
            self.check_key(key, at);
        }
    }

    fn type_source(
        &mut self,
        symbols: &Symbols<'_>,
        type_id: TypeId,
        origin: Origin,
        categories: &[String],
    ) {
        let name = symbols.type_facts(type_id).name;
        let at = self.add_source(
            name.to_string(),
            origin,
            &[Target::Type(type_id)],
            categories,
        );
        self.source_key(SourceKey::Type(name), at);
        let mut sorted = categories.to_vec();
        sorted.sort();
        sorted.dedup();
        self.source_key(SourceKey::TypeCategories(sorted), at);
    }

    /// A `#[personal]`, `#[check]` or `#[opt_out]` field, or a config entry naming one.
    fn field_declaration(
        &mut self,
        symbols: &Symbols<'_>,
        (type_id, field_index): (TypeId, usize),
        origin: Origin,
        kind: &AnnotationKind,
        arg: Option<String>,
    ) {
        let facts = symbols.type_facts(type_id);
        let field = &facts.fields[field_index];
        let item = format!("{}.{}", facts.name, field.name);
        let target = Target::Field(type_id, field_index);
        match kind {
            AnnotationKind::Personal { categories } => {
                let at = self.add_source(item, origin, &[target], categories);
                self.source_key(SourceKey::Field(field.name), at);
            }
            AnnotationKind::Check {
                polarity,
                purpose,
                recipient,
            } => {
                let spec = CheckSpec {
                    polarity: *polarity,
                    purpose: purpose.clone(),
                    recipient: recipient.clone(),
                    required: false,
                };
                let key = CheckKey::new(field.name.to_string(), &spec);
                let what = CheckWhat {
                    spec,
                    arg,
                    checked_instead_for: 0,
                };
                let at = self.add_check(item, origin, &[target], what);
                self.check_key(key, at);
            }
            _ => {}
        }
    }

    /// A config or catalog entry naming items of the scanned code.
    fn workspace_entry(
        &mut self,
        input: &MapInput<'_>,
        entry: &Entry,
        targets: &[ConfiguredTarget],
    ) {
        let symbols = input.lint.symbols;
        let origin = origin_of_entry(&entry.origin);
        let item = join_path(&entry.path);
        let fns: Vec<FnId> = targets
            .iter()
            .filter_map(|target| match target {
                ConfiguredTarget::Fn(id) => Some(*id),
                _ => None,
            })
            .collect();
        let as_annotation = match &entry.kind {
            EntryKind::Source { categories } => AnnotationKind::Personal {
                categories: categories.clone(),
            },
            EntryKind::Check {
                purpose,
                recipient,
                polarity,
                ..
            } => AnnotationKind::Check {
                polarity: *polarity,
                purpose: purpose.clone(),
                recipient: recipient.clone(),
            },
            EntryKind::Sink {
                recipient,
                purpose,
                args,
            } => {
                if !fns.is_empty() {
                    self.fn_sink(input, item, origin, &fns, (recipient, purpose, args));
                }
                return;
            }
            _ => return,
        };
        let arg = match &entry.kind {
            EntryKind::Check { arg, .. } => arg.clone(),
            _ => None,
        };
        if !fns.is_empty() {
            match &as_annotation {
                AnnotationKind::Personal { categories } => {
                    self.fn_source(input, item.clone(), origin.clone(), &fns, categories)
                }
                AnnotationKind::Check { .. } => {
                    if let Some(spec) = Configured::check_spec(entry) {
                        self.fn_check(input, item.clone(), origin.clone(), &fns, spec, arg.clone());
                    }
                }
                _ => {}
            }
        }
        for target in targets {
            match *target {
                ConfiguredTarget::Type(type_id) => {
                    if let AnnotationKind::Personal { categories } = &as_annotation {
                        self.type_source(symbols, type_id, origin.clone(), categories);
                    }
                }
                ConfiguredTarget::Field(type_id, index) => self.field_declaration(
                    symbols,
                    (type_id, index),
                    origin.clone(),
                    &as_annotation,
                    arg.clone(),
                ),
                ConfiguredTarget::Fn(_) => {}
            }
        }
    }

    /// A config or catalog entry naming a library item: matched against calls.
    fn library_entry(&mut self, configured: &Configured, entry: &std::sync::Arc<Entry>) {
        let origin = origin_of_entry(&entry.origin);
        let item = join_path(&entry.path);
        let target = Target::Entry(entry.id);
        match &entry.kind {
            EntryKind::Source { categories } => {
                let at = self.add_source(item.clone(), origin, &[target], categories);
                self.source_key(SourceKey::Library(item), at);
            }
            EntryKind::Sink {
                recipient, purpose, ..
            } => {
                let what = SinkWhat {
                    recipient: recipient.clone(),
                    purpose: purpose.clone(),
                };
                let at = self.add_sink(item, origin, target, what);
                if let Some(spec) = configured.sink_spec(entry) {
                    self.sink_key(&spec, at);
                }
            }
            EntryKind::Check { arg, .. } => {
                let Some(spec) = Configured::check_spec(entry) else {
                    return;
                };
                let key = CheckKey::new(item.clone(), &spec);
                let what = CheckWhat {
                    spec,
                    arg: arg.clone(),
                    checked_instead_for: 0,
                };
                let at = self.add_check(item, origin, &[target], what);
                self.check_key(key, at);
            }
            _ => {}
        }
    }

    /// Marks the declarations of a source that reached a recipient, and returns them.
    pub(super) fn source_reached(&mut self, source: &SourceInfo) -> Vec<Origin> {
        let mut keys = Vec::new();
        match &source.kind {
            SourceKind::Call(name) => keys.push(SourceKey::Call(name.clone())),
            SourceKind::Configured(path) => keys.push(SourceKey::Library(path.clone())),
            SourceKind::Field(name) => keys.push(SourceKey::Field(*name)),
            SourceKind::Construction(name) => keys.push(SourceKey::Type(*name)),
            SourceKind::Declared(_) | SourceKind::Suspected(_) => {}
        }
        let mut found: Vec<usize> = keys
            .iter()
            .filter_map(|key| self.source_keys.get(key))
            .flatten()
            .copied()
            .collect();
        if found.is_empty() && matches!(source.kind, SourceKind::Call(_) | SourceKind::Declared(_))
        {
            let mut categories = source.categories.clone();
            categories.sort();
            categories.dedup();
            found.extend(
                self.source_keys
                    .get(&SourceKey::TypeCategories(categories))
                    .into_iter()
                    .flatten(),
            );
        }
        let mut origins: Vec<Origin> = found
            .into_iter()
            .map(|at| {
                self.sources[at].reached = true;
                self.sources[at].origin.clone()
            })
            .collect();
        origins.sort();
        origins.dedup();
        origins
    }

    pub(super) fn note_sink_reached(&mut self, spec: &SinkSpec) {
        let key = (
            spec.callee.clone(),
            spec.recipient.clone(),
            spec.purpose.clone(),
        );
        for &at in self.sink_keys.get(&key).into_iter().flatten() {
            self.sinks[at].reached = true;
        }
    }

    pub(super) fn note_guard(&mut self, witness: &CheckWitness) {
        let key = CheckKey::new(witness.written.clone(), &witness.spec);
        for &at in self.check_keys.get(&key).into_iter().flatten() {
            self.checks[at].reached = true;
        }
    }

    pub(super) fn note_checked_instead(&mut self, witness: &CheckWitness) {
        let key = CheckKey::new(witness.written.clone(), &witness.spec);
        for &at in self.check_keys.get(&key).into_iter().flatten() {
            self.checks[at].what.checked_instead_for += 1;
        }
    }

    /// The declarations that take part in no flow, each with where the code uses it. A
    /// catalog entry the code never calls is not a declaration of this program: left out.
    pub(super) fn unused(
        &self,
        input: &MapInput<'_>,
    ) -> (Vec<DeclaredSource>, Vec<DeclaredSink>, Vec<DeclaredCheck>) {
        let uses = self.uses_of_unreached(input);
        let sources = in_no_flow(
            &self.sources,
            DeclarationKind::Source,
            &uses,
            |source, used_at| DeclaredSource {
                item: source.item.clone(),
                categories: source.what.categories.clone(),
                declared_by: source.origin.clone(),
                used_at,
            },
        );
        let sinks = in_no_flow(
            &self.sinks,
            DeclarationKind::Sink,
            &uses,
            |sink, used_at| DeclaredSink {
                item: sink.item.clone(),
                recipient: sink.what.recipient.clone(),
                purpose: sink.what.purpose.clone(),
                declared_by: sink.origin.clone(),
                used_at,
            },
        );
        let checks = in_no_flow(
            &self.checks,
            DeclarationKind::Check,
            &uses,
            |check, used_at| {
                let spec = &check.what.spec;
                DeclaredCheck {
                    item: check.item.clone(),
                    polarity: spec.polarity.into(),
                    purpose: spec.purpose.clone(),
                    recipient: spec.recipient.clone(),
                    declared_by: check.origin.clone(),
                    used_at,
                    checked_instead_for: check.what.checked_instead_for,
                }
            },
        );
        (sources, sinks, checks)
    }

    /// Where the code uses each declaration that takes part in no flow: the calls, field reads
    /// and struct literals that name it (for a URL sink, the fns whose strings hold the URL).
    fn uses_of_unreached(
        &self,
        input: &MapInput<'_>,
    ) -> HashMap<(DeclarationKind, usize), Vec<Location>> {
        let mut index: HashMap<Target, Vec<(DeclarationKind, usize)>> = HashMap::new();
        let mut note = |kind: DeclarationKind, at: usize, targets: &[Target]| {
            for target in targets {
                index.entry(*target).or_default().push((kind, at));
            }
        };
        let mut url_sinks: Vec<(usize, &str)> = Vec::new();
        for (at, declaration) in self.sources.iter().enumerate() {
            if !declaration.reached {
                note(DeclarationKind::Source, at, &declaration.targets);
            }
        }
        for (at, declaration) in self.sinks.iter().enumerate() {
            if !declaration.reached {
                note(DeclarationKind::Sink, at, &declaration.targets);
                for target in &declaration.targets {
                    if let Target::Url(url) = target {
                        url_sinks.push((at, input.configured.url_sinks[*url].url.as_str()));
                    }
                }
            }
        }
        for (at, declaration) in self.checks.iter().enumerate() {
            if !declaration.reached {
                note(DeclarationKind::Check, at, &declaration.targets);
            }
        }
        let mut uses: HashMap<(DeclarationKind, usize), Vec<Location>> = HashMap::new();
        if index.is_empty() {
            return uses;
        }
        let symbols = input.lint.symbols;
        let files = input.lint.files;
        for id in symbols.all_fns() {
            let function = symbols.function(id);
            let Some(body) = symbols.bodies().packed(id) else {
                continue;
            };
            for (at, url) in &url_sinks {
                if body
                    .literals
                    .iter()
                    .any(|literal| crate::propagate::walk::url_matches(literal.as_str(), url))
                {
                    let span = TextSpan {
                        file: function.span.file,
                        start: function.span.start,
                        end: function.span.start,
                    };
                    uses.entry((DeclarationKind::Sink, *at))
                        .or_default()
                        .push(located_span(files, span));
                }
            }
            // The sites naming a declaration, with what each one uses.
            let mut found: Vec<(u32, DeclarationKind, usize)> = Vec::new();
            let mut field_sites: Vec<u32> = Vec::new();
            for (site_id, site) in input.sites[id.0 as usize].sites.iter().enumerate() {
                let site_id = site_id as u32;
                let mut add = |target: Target, filter: &dyn Fn(DeclarationKind, usize) -> bool| {
                    for &(kind, at) in index.get(&target).into_iter().flatten() {
                        if filter(kind, at) {
                            found.push((site_id, kind, at));
                        }
                    }
                };
                match site {
                    Site::Call(call) => {
                        for target in &call.targets {
                            add(Target::Fn(*target), &|_, _| true);
                        }
                        for entry in &call.details().configured {
                            let literal_present = |kind: DeclarationKind, at: usize| {
                                kind != DeclarationKind::Check
                                    || self.checks[at].what.arg.as_ref().is_none_or(|arg| {
                                        body.literals.iter().any(|literal| literal == arg.as_str())
                                    })
                            };
                            add(Target::Entry(entry.id), &literal_present);
                        }
                        if let Some(type_id) = call.constructs {
                            add(Target::Type(type_id), &|_, _| true);
                        }
                    }
                    Site::Struct(literal) => {
                        if let Some(type_id) = literal.ty {
                            add(Target::Type(type_id), &|_, _| true);
                        }
                    }
                    Site::Path(PathSite::Static(ids)) => {
                        for target in ids {
                            add(Target::Fn(*target), &|_, _| true);
                        }
                    }
                    Site::Field(field)
                        if !field.annotations().personal.is_empty()
                            || field.annotations().check.is_some() =>
                    {
                        field_sites.push(site_id)
                    }
                    _ => {}
                }
            }
            if found.is_empty() && field_sites.is_empty() {
                continue;
            }
            let Some(places) = symbols.bodies().get(id).map(|body| body.site_places()) else {
                continue;
            };
            for site_id in field_sites {
                let (Some(place), Site::Field(field)) = (
                    places.get(site_id as usize).copied().flatten(),
                    input.sites[id.0 as usize].site(site_id),
                ) else {
                    continue;
                };
                let Some(name) = place.name else {
                    continue;
                };
                let fields: Vec<(TypeId, usize)> = match field.owner {
                    Some(owner) => symbols
                        .type_facts(owner)
                        .fields
                        .iter()
                        .position(|known| known.name == name)
                        .map(|index| vec![(owner, index)])
                        .unwrap_or_default(),
                    None => symbols.fields_named(name).to_vec(),
                };
                for (owner, field_index) in fields {
                    for &(kind, at) in index
                        .get(&Target::Field(owner, field_index))
                        .into_iter()
                        .flatten()
                    {
                        let counts = match kind {
                            DeclarationKind::Source => !field.annotations().personal.is_empty(),
                            DeclarationKind::Check => field.annotations().check.is_some(),
                            DeclarationKind::Sink => false,
                        };
                        if counts {
                            found.push((site_id, kind, at));
                        }
                    }
                }
            }
            for (site_id, kind, at) in found {
                if let Some(place) = places.get(site_id as usize).copied().flatten() {
                    uses.entry((kind, at))
                        .or_default()
                        .push(located(files, files.location(place.span)));
                }
            }
        }
        for locations in uses.values_mut() {
            locations.sort();
            locations.dedup_by(|later, earlier| {
                later.file == earlier.file
                    && later.line == earlier.line
                    && later.column == earlier.column
            });
        }
        uses
    }
}

/// The declarations of one list that take part in no flow (catalog entries only when the
/// code uses them), as `listed` makes them, sorted by where they are declared.
fn in_no_flow<T, Listed>(
    declarations: &[Declaration<T>],
    kind: DeclarationKind,
    uses: &HashMap<(DeclarationKind, usize), Vec<Location>>,
    listed: impl Fn(&Declaration<T>, Vec<Location>) -> Listed,
) -> Vec<Listed> {
    let mut found: Vec<(&Declaration<T>, Vec<Location>)> = declarations
        .iter()
        .enumerate()
        .filter(|(_, declaration)| !declaration.reached)
        .map(|(at, declaration)| {
            (
                declaration,
                uses.get(&(kind, at)).cloned().unwrap_or_default(),
            )
        })
        .filter(|(declaration, used)| {
            declaration.origin.kind != OriginKind::Catalog || !used.is_empty()
        })
        .collect();
    found.sort_by(|(a, _), (b, _)| {
        (&a.origin.file, a.origin.line, a.origin.kind, &a.item).cmp(&(
            &b.origin.file,
            b.origin.line,
            b.origin.kind,
            &b.item,
        ))
    });
    found
        .into_iter()
        .map(|(declaration, used)| listed(declaration, used))
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum DeclarationKind {
    Source,
    Sink,
    Check,
}
