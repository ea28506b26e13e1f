//! Config and catalog entries, resolved against the scanned code.
//!
//! A path into the scanned code (`crate::analytics::Tracker`, `my_app::Opt::no_analytics`)
//! names items, found through re-exports like any written path: the entry then works as the
//! matching annotation on those items ([`super::effects`]). So does a short path that exactly
//! one scanned item ends with (`Opt::no_analytics`). Any other path names something in a
//! dependency (`segment::HttpClient::send`): calls are matched against it by the full path
//! the code imports it under, or by crate and last two segments when the code reaches it
//! through another module of that crate.

use rustc_hash::FxHashMap as HashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::effects::{CheckSpec, SinkSpec};
use super::types::Ty;
use super::{CrateId, FnId, ItemPath, Resolved, Symbols, TypeId};
use crate::config::{Config, Entry, EntryKind, UrlSink};
use crate::names::{join_path, Name, NamePath};

/// What an entry names in the scanned code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Fn(FnId),
    Type(TypeId),
    Field(TypeId, usize),
}

/// The config, resolved: workspace targets per entry, and the table of dependency paths.
#[derive(Debug, Default)]
pub struct Configured {
    /// Entries naming scanned items, with what they name.
    pub workspace: Vec<(Arc<Entry>, Vec<Target>)>,
    /// Entries naming modules of the scanned code (only `[[allow]]` may): every fn inside.
    pub module_allows: Vec<(Arc<Entry>, ItemPath)>,
    by_path: HashMap<NamePath, Vec<Arc<Entry>>>,
    /// (crate, second to last, last segment): a path reached through another module.
    by_tail: HashMap<(Name, Name, Name), Vec<Arc<Entry>>>,
    /// (second to last, last segment), in config order: `Type::method` imported by name.
    by_owner_name: HashMap<(Name, Name), Vec<Arc<Entry>>>,
    /// (crate, method): a method whose receiver's type is unknown but comes from that crate.
    by_crate_method: HashMap<(Name, Name), Vec<Arc<Entry>>>,
    /// `[[token]]`s naming a dependency's type (`segment::AutoBatcher`), by (crate, type
    /// name): values of it are the token wherever the code reaches the type from.
    library_tokens: HashMap<(Name, Name), Arc<Entry>>,
    pub url_sinks: Vec<Arc<UrlSink>>,
    /// The sink spec of each external `[[sink]]`, made once, by entry id.
    sink_specs: HashMap<usize, Arc<SinkSpec>>,
    pub url_sink_specs: Vec<Arc<SinkSpec>>,
    /// Entries that name nothing in the scanned code (not matched by a call either, once
    /// the sites are resolved).
    pub unresolved_workspace: Vec<Arc<Entry>>,
    /// Short paths that several scanned items end with, not applied: each with the items.
    pub ambiguous: Vec<(Arc<Entry>, Vec<String>)>,
}

impl Configured {
    /// Resolves every entry; `dependencies` are the crates the scanned packages depend on
    /// (by the name their code uses), whose paths never name scanned code.
    pub fn build(
        symbols: &Symbols<'_>,
        config: &Config,
        dependencies: &BTreeSet<String>,
    ) -> Configured {
        let mut configured = Configured::default();
        for entry in &config.entries {
            match workspace_targets(symbols, entry, dependencies) {
                Some(Named::Items(targets)) => configured.workspace.push((entry.clone(), targets)),
                Some(Named::Module(module)) => {
                    configured.module_allows.push((entry.clone(), module))
                }
                Some(Named::Ambiguous(items)) => configured.ambiguous.push((entry.clone(), items)),
                Some(Named::Nothing) => configured.unresolved_workspace.push(entry.clone()),
                None => configured.add_external(entry.clone()),
            }
        }
        configured.url_sinks = config.url_sinks.clone();
        configured.url_sink_specs = config
            .url_sinks
            .iter()
            .map(|sink| {
                Arc::new(SinkSpec {
                    recipient: sink.recipient.clone(),
                    purpose: sink.purpose.clone(),
                    args: None,
                    callee: format!("a request to {}", sink.url),
                })
            })
            .collect();
        configured
    }

    fn add_external(&mut self, entry: Arc<Entry>) {
        if let (EntryKind::Token { .. }, [krate, .., name]) = (&entry.kind, entry.path.as_slice()) {
            // A type, not a call: its values are matched by type ([`Self::library_token`]).
            self.library_tokens.entry((*krate, *name)).or_insert(entry);
            return;
        }
        if let EntryKind::Sink {
            recipient,
            purpose,
            args,
        } = &entry.kind
        {
            self.sink_specs.insert(
                entry.id,
                Arc::new(SinkSpec {
                    recipient: recipient.clone(),
                    purpose: purpose.clone(),
                    args: args.clone(),
                    callee: join_path(&entry.path),
                }),
            );
        }
        let path = &entry.path;
        if let [krate, .., owner, name] = path.as_slice() {
            if path.len() >= 3 {
                self.by_tail
                    .entry((*krate, *owner, *name))
                    .or_default()
                    .push(entry.clone());
                self.by_owner_name
                    .entry((*owner, *name))
                    .or_default()
                    .push(entry.clone());
            }
        }
        // Only a method (`reqwest::Client::get`): its owner is a type or trait, named in
        // UpperCamelCase. A free fn (`reqwest::blocking::get`) is never called on a receiver,
        // and taking it for one made `headers.get(..)` on a response a request.
        if let [krate, .., owner, method] = path.as_slice() {
            if path.len() >= 3 && owner.as_str().starts_with(|c: char| c.is_ascii_uppercase()) {
                self.by_crate_method
                    .entry((*krate, *method))
                    .or_default()
                    .push(entry.clone());
            }
        }
        self.by_path.entry(path.clone()).or_default().push(entry);
    }

    /// The entries a call of `path` (outside the scan) matches.
    pub fn for_external(&self, path: &[Name]) -> Vec<Arc<Entry>> {
        if let Some(exact) = self.by_path.get(path) {
            return exact.clone();
        }
        match path {
            [krate, .., owner, name] if path.len() >= 3 => self
                .by_tail
                .get(&(*krate, *owner, *name))
                .cloned()
                .unwrap_or_default(),
            // `Type::method` imported by name: the entry's last two segments.
            [owner, name] => self
                .by_owner_name
                .get(&(*owner, *name))
                .cloned()
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// The entries a method call matches when its receiver's type is unknown but the chain it
    /// hangs on starts at an item of `krate`.
    pub fn for_crate_method(&self, krate: Name, method: Name) -> Vec<Arc<Entry>> {
        self.by_crate_method
            .get(&(krate, method))
            .cloned()
            .unwrap_or_default()
    }

    pub fn sink_spec(&self, entry: &Arc<Entry>) -> Option<Arc<SinkSpec>> {
        self.sink_specs.get(&entry.id).cloned()
    }

    /// The `[[token]]` naming this dependency's type (`segment::AutoBatcher`, also reached as
    /// `segment::batcher::AutoBatcher`), if one does.
    pub fn library_token(&self, type_path: &[Name]) -> Option<&Arc<Entry>> {
        let [krate, .., name] = type_path else {
            return None;
        };
        self.library_tokens.get(&(*krate, *name))
    }

    /// Some `[[token]]` names a dependency's type.
    pub fn has_library_tokens(&self) -> bool {
        !self.library_tokens.is_empty()
    }

    /// The `[[token]]` a value of `ty` is, when `ty` is (or points to) a dependency's type
    /// one names.
    pub fn library_token_of(&self, symbols: &Symbols<'_>, ty: &Ty) -> Option<&Arc<Entry>> {
        if !self.has_library_tokens() {
            return None;
        }
        match symbols.expand_alias(&ty.dereferenced()) {
            Ty::External(path, _) => self.library_token(&path),
            _ => None,
        }
    }

    /// Every external entry, to report the ones nothing matched.
    pub fn external_entries(&self) -> impl Iterator<Item = &Arc<Entry>> {
        self.by_path
            .values()
            .flatten()
            .chain(self.library_tokens.values())
    }

    /// The `[[allow]]` entries in force in each fn: those naming it, its type, or a module
    /// it is in.
    pub fn allows_by_fn(&self, symbols: &Symbols<'_>) -> HashMap<FnId, Vec<Arc<Entry>>> {
        let mut allows: HashMap<FnId, Vec<Arc<Entry>>> = HashMap::default();
        for (entry, targets) in &self.workspace {
            if !matches!(entry.kind, EntryKind::Allow { .. }) {
                continue;
            }
            for target in targets {
                match *target {
                    Target::Fn(id) => allows.entry(id).or_default().push(entry.clone()),
                    Target::Type(type_id) => {
                        for id in symbols.all_fns() {
                            if symbols.method_owner(id).1 == Some(type_id) {
                                allows.entry(id).or_default().push(entry.clone());
                            }
                        }
                    }
                    Target::Field(..) => {}
                }
            }
        }
        for (entry, module) in &self.module_allows {
            for id in symbols.all_fns() {
                let function = symbols.function(id);
                if symbols.fn_crate(id) == module.krate
                    && function.module.starts_with(&module.segments)
                {
                    allows.entry(id).or_default().push(entry.clone());
                }
            }
        }
        allows
    }

    /// The check spec of a `[[check]]` entry.
    pub fn check_spec(entry: &Entry) -> Option<CheckSpec> {
        match &entry.kind {
            EntryKind::Check {
                purpose,
                recipient,
                polarity,
                required,
                ..
            } => Some(CheckSpec {
                polarity: *polarity,
                purpose: purpose.clone(),
                recipient: recipient.clone(),
                required: *required,
            }),
            _ => None,
        }
    }
}

enum Named {
    Items(Vec<Target>),
    Module(ItemPath),
    /// A short path that several scanned items end with: each as a reader writes it.
    Ambiguous(Vec<String>),
    Nothing,
}

/// Crates whose paths never name scanned code, though no manifest lists them.
const LANGUAGE_CRATES: &[&str] = &["std", "core", "alloc"];

/// What an entry's path names in the scanned code; `None` when it is not a path into it.
///
/// `crate::a::B` names an item of the config's package, `my_crate::a::B` one of that crate
/// (always its root, even when it has a module of its own name), and a path starting with a
/// dependency's name names the dependency. Any other path is short (`Opt::no_analytics`,
/// `cli::Opt`): it names the one scanned item whose path ends with it, looked for in the
/// config's own package first, then in the whole scan.
fn workspace_targets(
    symbols: &Symbols<'_>,
    entry: &Entry,
    dependencies: &BTreeSet<String>,
) -> Option<Named> {
    let (first, rest) = entry.path.split_first()?;
    let crates: Vec<CrateId> = match first.as_str() {
        "crate" => package_crates(symbols, entry),
        // Every target of the package: its lib, and its bins (which `my_crate::` names too,
        // as a binary-only package's crate is named).
        name if symbols.is_crate_name(name) => (0..symbols.crate_count())
            .filter(|&krate| symbols.crate_name(krate) == name)
            .collect(),
        name if dependencies.contains(name) || LANGUAGE_CRATES.contains(&name) => return None,
        _ => return short_path_targets(symbols, entry),
    };
    // From the crate's root: `shop::Item` is never `shop::shop::Item`, whatever `shop` means
    // inside the crate.
    let from_root: NamePath = std::iter::once(Name::new("crate"))
        .chain(rest.iter().copied())
        .collect();
    let mut targets = Vec::new();
    let mut module = None;
    for krate in crates {
        let Some(Resolved::Workspace(item)) = symbols.resolve(krate, &[], &from_root, None) else {
            continue;
        };
        let found = item_targets(symbols, &item);
        if found.is_empty() && symbols.is_module(&item) {
            module = Some(item);
            continue;
        }
        for target in found {
            if !targets.contains(&target) {
                targets.push(target);
            }
        }
    }
    Some(match (targets.is_empty(), module) {
        (false, _) => Named::Items(targets),
        (true, Some(module)) if matches!(entry.kind, EntryKind::Allow { .. }) => {
            Named::Module(module)
        }
        _ => Named::Nothing,
    })
}

/// The crates a `crate::` path of this entry's config may mean: its package's, or every
/// crate for a config that belongs to no package (a workspace's, `--config`).
fn package_crates(symbols: &Symbols<'_>, entry: &Entry) -> Vec<CrateId> {
    (0..symbols.crate_count())
        .filter(|&krate| {
            entry
                .package
                .as_ref()
                .is_none_or(|package| symbols.crate_name(krate) == package.replace('-', "_"))
        })
        .collect()
}

/// What a short path names: the one item that ends with it (in the config's package if it
/// has one there, else in the whole scan), several (ambiguous), or nothing. A path whose
/// owner is a scanned type or trait without that member names nothing; one that matches no
/// scanned item at all is left to dependencies (`None`).
fn short_path_targets(symbols: &Symbols<'_>, entry: &Entry) -> Option<Named> {
    let candidates = symbols.items_ending_with(&entry.path);
    if candidates.is_empty() {
        return None;
    }
    let own: Vec<CrateId> = match entry.package {
        Some(_) => package_crates(symbols, entry),
        None => Vec::new(),
    };
    // An `[[allow]]` may name a module (`debug`, `app::debug`).
    let mut modules: BTreeMap<(&str, &[Name]), &ItemPath> = BTreeMap::new();
    for item in candidates.iter().filter(|item| symbols.is_module(item)) {
        modules
            .entry((symbols.crate_name(item.krate), &item.segments))
            .or_insert(item);
    }
    let only_module = (modules.len() == 1)
        .then(|| modules.into_values().next().cloned())
        .flatten();
    let with_targets: Vec<(ItemPath, Vec<Target>)> = candidates
        .into_iter()
        .map(|item| {
            let targets = item_targets(symbols, &item);
            (item, targets)
        })
        .filter(|(_, targets)| !targets.is_empty())
        .collect();
    let in_own_package = with_targets
        .iter()
        .any(|(item, _)| own.contains(&item.krate));
    // One item of the source is one candidate, however many targets (a lib and a bin) hold
    // the module it is in: they share the crate name.
    let mut items: BTreeMap<(String, NamePath), Vec<Target>> = BTreeMap::new();
    for (item, targets) in with_targets {
        if in_own_package && !own.contains(&item.krate) {
            continue;
        }
        let key = (symbols.crate_name(item.krate).to_string(), item.segments);
        let known = items.entry(key).or_default();
        for target in targets {
            if !known.contains(&target) {
                known.push(target);
            }
        }
    }
    let allow = matches!(entry.kind, EntryKind::Allow { .. });
    Some(match (items.len(), only_module) {
        (0, Some(module)) if allow => Named::Module(module),
        (0, _) => Named::Nothing,
        (1, _) => Named::Items(items.into_values().next().unwrap_or_default()),
        _ => Named::Ambiguous(
            items
                .into_keys()
                .map(|(krate, segments)| format!("{krate}::{}", join_path(&segments)))
                .collect(),
        ),
    })
}

/// What kind of item an entry's path is meant to name, for the note about a path that names
/// none: `Type::member` is a method (or, for what a field can also be, a field), any other
/// path a fn, and a `[[token]]` a type.
pub fn looked_for(entry: &Entry) -> &'static str {
    let member_of_type = entry.path.len() >= 2
        && entry.path[entry.path.len() - 2]
            .as_str()
            .starts_with(|first: char| first.is_ascii_uppercase());
    let last_is_type = entry.path.last().is_some_and(|last| {
        last.as_str()
            .starts_with(|first: char| first.is_ascii_uppercase())
    });
    match &entry.kind {
        EntryKind::Token { .. } => "type",
        EntryKind::Allow { .. } => "fn, type or module",
        EntryKind::Source { .. } if last_is_type => "type",
        EntryKind::Source { .. } | EntryKind::Check { .. } if member_of_type => "method or field",
        _ if member_of_type => "method",
        _ => "fn",
    }
}

/// What was not found for a dependency's entry that nothing matched, before its path in the
/// note: `no call of method`, `no read of field`, ...
pub fn unmatched_use(entry: &Entry) -> &'static str {
    match looked_for(entry) {
        "type" => "no value of type",
        "method or field" => "no call of method or read of field",
        "method" => "no call of method",
        _ => "no call of fn",
    }
}

/// The fns, types or fields a resolved path names.
fn item_targets(symbols: &Symbols<'_>, item: &ItemPath) -> Vec<Target> {
    let values = symbols.values_at(item);
    if !values.is_empty() {
        return values.iter().map(|&id| Target::Fn(id)).collect();
    }
    if let Some(type_id) = symbols.type_at(item) {
        return vec![Target::Type(type_id)];
    }
    let [owner @ .., name] = item.segments.as_slice() else {
        return Vec::new();
    };
    let owner = ItemPath {
        krate: item.krate,
        segments: owner.to_vec(),
    };
    if let Some(type_id) = symbols.type_at(&owner) {
        let methods = symbols.methods_of_type(type_id, *name);
        if !methods.is_empty() {
            return methods.into_iter().map(Target::Fn).collect();
        }
        if let Some(index) = symbols
            .type_facts(type_id)
            .fields
            .iter()
            .position(|field| field.name == *name)
        {
            return vec![Target::Field(type_id, index)];
        }
        return Vec::new();
    }
    if let Some(trait_id) = symbols.trait_id_at(&owner) {
        return symbols
            .trait_method_targets(trait_id, *name)
            .into_iter()
            .map(Target::Fn)
            .collect();
    }
    Vec::new()
}
