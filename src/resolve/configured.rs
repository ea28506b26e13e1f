//! Config and catalog entries, resolved against the scanned code.
//!
//! A path into the scanned code (`crate::analytics::Tracker`, `my_app::Opt::no_analytics`)
//! names items, found through re-exports like any written path: the entry then works as the
//! matching annotation on those items ([`super::effects`]). Any other path names something in
//! a dependency (`segment::HttpClient::send`): calls are matched against it by the full path
//! the code imports it under, or by crate and last two segments when the code reaches it
//! through another module of that crate.

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use super::effects::{CheckSpec, SinkSpec};
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
    pub url_sinks: Vec<Arc<UrlSink>>,
    /// The sink spec of each external `[[sink]]`, made once, by entry id.
    sink_specs: HashMap<usize, Arc<SinkSpec>>,
    pub url_sink_specs: Vec<Arc<SinkSpec>>,
    /// Entries that name nothing in the scanned code (not matched by a call either, once
    /// the sites are resolved).
    pub unresolved_workspace: Vec<Arc<Entry>>,
}

impl Configured {
    pub fn build(symbols: &Symbols<'_>, config: &Config) -> Configured {
        let mut configured = Configured::default();
        for entry in &config.entries {
            match workspace_targets(symbols, entry) {
                Some(Named::Items(targets)) => configured.workspace.push((entry.clone(), targets)),
                Some(Named::Module(module)) => {
                    configured.module_allows.push((entry.clone(), module))
                }
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
        if let ([krate, ..], Some(&method)) = (path.as_slice(), path.last()) {
            if path.len() >= 3 {
                self.by_crate_method
                    .entry((*krate, method))
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

    /// Every external entry, to report the ones no call matched.
    pub fn external_entries(&self) -> impl Iterator<Item = &Arc<Entry>> {
        self.by_path.values().flatten()
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
                ..
            } => Some(CheckSpec {
                polarity: *polarity,
                purpose: purpose.clone(),
                recipient: recipient.clone(),
            }),
            _ => None,
        }
    }
}

enum Named {
    Items(Vec<Target>),
    Module(ItemPath),
    Nothing,
}

/// What an entry's path names in the scanned code; `None` when it is not a path into it.
fn workspace_targets(symbols: &Symbols<'_>, entry: &Entry) -> Option<Named> {
    let crates: Vec<CrateId> = match entry.path.first().map(|name| name.as_str()) {
        Some("crate") => (0..symbols.crate_count())
            .filter(|&krate| {
                entry
                    .package
                    .as_ref()
                    .is_none_or(|package| symbols.crate_name(krate) == package.replace('-', "_"))
            })
            .collect(),
        Some(first) if symbols.is_crate_name(first) => (0..symbols.crate_count())
            .filter(|&krate| symbols.crate_name(krate) == first)
            .take(1)
            .collect(),
        _ => return None,
    };
    let mut targets = Vec::new();
    let mut module = None;
    for krate in crates {
        let Some(Resolved::Workspace(item)) = symbols.resolve(krate, &[], &entry.path, None) else {
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
