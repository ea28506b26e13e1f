//! Name resolution over the whole scan, without building anything.
//!
//! [`Symbols`] indexes every module scope, fn and type of every crate by its canonical path,
//! following `use` imports (groups, globs, `as`, `pub use` re-exports), `crate::`, `self::`,
//! `super::`, `Self` and workspace crate names. What cannot be resolved (std, dependencies)
//! stays unresolved: callers treat it as unknown code, never as an error.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::facts::{FileFacts, FnFacts, TypeFacts, WrittenPath};
use crate::parse::ParsedCrate;

/// Index of a crate in the scan.
pub type CrateId = usize;

/// A canonical item path: its crate and the path inside it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemPath {
    pub krate: CrateId,
    pub segments: Vec<String>,
}

/// A fn of the scan: (crate, file index in the crate, fn index in the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FnId {
    pub krate: CrateId,
    pub file: usize,
    pub index: usize,
}

/// A type of the scan, addressed like [`FnId`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId {
    pub krate: CrateId,
    pub file: usize,
    pub index: usize,
}

/// How deep `use` chains are followed before giving up (cycles, absurd re-export chains).
const MAX_IMPORT_DEPTH: usize = 16;

/// One module's names, indexed for lookups (a module's facts may come from several files
/// when a lib and a bin target share it).
#[derive(Default)]
struct ModuleScope<'a> {
    items: HashSet<&'a str>,
    imports: HashMap<&'a str, &'a WrittenPath>,
    globs: Vec<&'a WrittenPath>,
}

impl ModuleScope<'_> {
    fn names(&self, name: &str) -> bool {
        self.items.contains(name) || self.imports.contains_key(name)
    }
}

pub struct Symbols<'a> {
    crates: &'a [ParsedCrate],
    modules: HashMap<ItemPath, ModuleScope<'a>>,
    crate_names: BTreeMap<String, Vec<CrateId>>,
    free_fns: HashMap<ItemPath, Vec<FnId>>,
    /// Methods and associated fns by (canonical self type or trait, name).
    associated_fns: HashMap<(ItemPath, String), Vec<FnId>>,
    methods_by_name: HashMap<String, Vec<FnId>>,
    types: HashMap<ItemPath, TypeId>,
    /// Fields of `Classified` types by field name.
    fields_by_name: HashMap<String, Vec<(TypeId, usize)>>,
}

impl<'a> Symbols<'a> {
    pub fn build(crates: &'a [ParsedCrate]) -> Self {
        let mut symbols = Symbols {
            crates,
            modules: HashMap::new(),
            crate_names: BTreeMap::new(),
            free_fns: HashMap::new(),
            associated_fns: HashMap::new(),
            methods_by_name: HashMap::new(),
            types: HashMap::new(),
            fields_by_name: HashMap::new(),
        };
        for (krate, parsed) in crates.iter().enumerate() {
            let ids = symbols
                .crate_names
                .entry(parsed.root.crate_name.clone())
                .or_default();
            // A library answers to the package's name before its binaries do.
            if parsed.root.kind == crate::discover::TargetKind::Lib {
                ids.insert(0, krate);
            } else {
                ids.push(krate);
            }
            for file in &parsed.files {
                for module in &file.modules {
                    let scope = symbols
                        .modules
                        .entry(ItemPath {
                            krate,
                            segments: module.path.clone(),
                        })
                        .or_default();
                    scope
                        .items
                        .extend(module.item_names.iter().map(String::as_str));
                    for import in &module.imports {
                        scope
                            .imports
                            .entry(import.name.as_str())
                            .or_insert(&import.target);
                    }
                    scope.globs.extend(module.glob_imports.iter());
                }
            }
        }
        for (krate, parsed) in crates.iter().enumerate() {
            for (file_index, file) in parsed.files.iter().enumerate() {
                symbols.index_file(krate, file_index, file);
            }
        }
        symbols
    }

    fn index_file(&mut self, krate: CrateId, file_index: usize, file: &FileFacts) {
        for (index, type_facts) in file.types.iter().enumerate() {
            let id = TypeId {
                krate,
                file: file_index,
                index,
            };
            let mut segments = type_facts.module.clone();
            segments.push(type_facts.name.clone());
            self.types.insert(ItemPath { krate, segments }, id);
            for (field_index, field) in type_facts.fields.iter().enumerate() {
                self.fields_by_name
                    .entry(field.name.clone())
                    .or_default()
                    .push((id, field_index));
            }
        }
        for (index, function) in file.fns.iter().enumerate() {
            let id = FnId {
                krate,
                file: file_index,
                index,
            };
            match &function.self_type {
                None => {
                    let mut segments = function.module.clone();
                    segments.push(function.name.clone());
                    self.free_fns
                        .entry(ItemPath { krate, segments })
                        .or_default()
                        .push(id);
                }
                Some(self_type) => {
                    self.methods_by_name
                        .entry(function.name.clone())
                        .or_default()
                        .push(id);
                    let owner = self
                        .resolve(krate, &function.module, self_type, None)
                        .unwrap_or_else(|| ItemPath {
                            krate,
                            segments: self_type.clone(),
                        });
                    self.associated_fns
                        .entry((owner, function.name.clone()))
                        .or_default()
                        .push(id);
                    if let Some(trait_path) = &function.trait_path {
                        if function.trait_path.as_ref() != Some(self_type) {
                            // `Trait::method(x)` reaches every impl of the trait.
                            if let Some(trait_item) =
                                self.resolve(krate, &function.module, trait_path, None)
                            {
                                self.associated_fns
                                    .entry((trait_item, function.name.clone()))
                                    .or_default()
                                    .push(id);
                            }
                        }
                    }
                }
            }
        }
    }

    pub fn function(&self, id: FnId) -> &'a FnFacts {
        &self.crates[id.krate].files[id.file].fns[id.index]
    }

    pub fn type_facts(&self, id: TypeId) -> &'a TypeFacts {
        &self.crates[id.krate].files[id.file].types[id.index]
    }

    pub fn crate_name(&self, krate: CrateId) -> &'a str {
        &self.crates[krate].root.crate_name
    }

    /// Every fn of the scan, in a stable order (crate, file path, position).
    pub fn all_fns(&self) -> impl Iterator<Item = FnId> + 'a {
        self.crates.iter().enumerate().flat_map(|(krate, parsed)| {
            parsed
                .files
                .iter()
                .enumerate()
                .flat_map(move |(file, facts)| {
                    (0..facts.fns.len()).map(move |index| FnId { krate, file, index })
                })
        })
    }

    /// The fns a path names from inside `module`: a free fn, or an associated fn `Type::name`.
    pub fn fns_at_path(
        &self,
        krate: CrateId,
        module: &[String],
        path: &[String],
        self_type: Option<&WrittenPath>,
    ) -> Vec<FnId> {
        let Some(resolved) = self.resolve(krate, module, path, self_type) else {
            return Vec::new();
        };
        if let Some(fns) = self.free_fns.get(&resolved) {
            return fns.clone();
        }
        let [owner @ .., name] = resolved.segments.as_slice() else {
            return Vec::new();
        };
        let owner = ItemPath {
            krate: resolved.krate,
            segments: owner.to_vec(),
        };
        self.associated_fns
            .get(&(owner, name.clone()))
            .cloned()
            .unwrap_or_default()
    }

    /// Every method named `name` (the fallback when the receiver's type is unknown).
    pub fn methods_named(&self, name: &str) -> &[FnId] {
        self.methods_by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// Every field of a `Classified` type named `name`.
    pub fn fields_named(&self, name: &str) -> &[(TypeId, usize)] {
        self.fields_by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// Resolves a written path from inside `module` of `krate` to a canonical item path.
    pub fn resolve(
        &self,
        krate: CrateId,
        module: &[String],
        path: &[String],
        self_type: Option<&WrittenPath>,
    ) -> Option<ItemPath> {
        self.resolve_at_depth(krate, module, path, self_type, 0)
    }

    fn resolve_at_depth(
        &self,
        krate: CrateId,
        module: &[String],
        path: &[String],
        self_type: Option<&WrittenPath>,
        depth: usize,
    ) -> Option<ItemPath> {
        if depth > MAX_IMPORT_DEPTH {
            return None;
        }
        let (first, rest) = path.split_first()?;
        let mut base = match first.as_str() {
            "crate" => ItemPath {
                krate,
                segments: Vec::new(),
            },
            "self" => ItemPath {
                krate,
                segments: module.to_vec(),
            },
            "super" => {
                let mut segments = module.to_vec();
                segments.pop();
                let mut rest = rest;
                while rest.first().is_some_and(|segment| segment == "super") {
                    segments.pop();
                    rest = &rest[1..];
                }
                return self.canonical(ItemPath { krate, segments }, rest, depth);
            }
            "Self" => {
                let self_type = self_type?;
                let resolved = self.resolve_at_depth(krate, module, self_type, None, depth + 1)?;
                return self.canonical(resolved, rest, depth);
            }
            name => self.resolve_first_segment(krate, module, name, depth)?,
        };
        if first == "crate" || first == "self" {
            return self.canonical(base, rest, depth);
        }
        let remaining = std::mem::take(&mut base.segments);
        let (root, tail) = (
            ItemPath {
                krate: base.krate,
                segments: Vec::new(),
            },
            remaining,
        );
        let full: Vec<String> = tail.into_iter().chain(rest.iter().cloned()).collect();
        self.canonical(root, &full, depth)
    }

    /// What a path's first segment names in `module`: an item of the module, an import, a glob
    /// import, or a workspace crate.
    fn resolve_first_segment(
        &self,
        krate: CrateId,
        module: &[String],
        name: &str,
        depth: usize,
    ) -> Option<ItemPath> {
        let key = ItemPath {
            krate,
            segments: module.to_vec(),
        };
        let scope = self.modules.get(&key);
        if scope.is_some_and(|scope| scope.items.contains(name)) {
            let mut segments = key.segments;
            segments.push(name.to_string());
            return Some(ItemPath { krate, segments });
        }
        if let Some(target) = scope.and_then(|scope| scope.imports.get(name)) {
            return self.resolve_at_depth(krate, module, target, None, depth + 1);
        }
        if let Some(ids) = self.crate_names.get(name) {
            return Some(ItemPath {
                krate: *ids.first()?,
                segments: Vec::new(),
            });
        }
        for glob in scope.map_or(&[][..], |scope| scope.globs.as_slice()) {
            let Some(target) = self.resolve_at_depth(krate, module, glob, None, depth + 1) else {
                continue;
            };
            if self
                .modules
                .get(&target)
                .is_some_and(|scope| scope.names(name))
            {
                let mut candidate = target.segments;
                candidate.push(name.to_string());
                let root = ItemPath {
                    krate: target.krate,
                    segments: Vec::new(),
                };
                return self.canonical(root, &candidate, depth + 1);
            }
        }
        None
    }

    /// Walks `rest` down from module `base`, following re-exports, to the defining path.
    fn canonical(&self, base: ItemPath, rest: &[String], depth: usize) -> Option<ItemPath> {
        let mut current = base;
        for (position, segment) in rest.iter().enumerate() {
            let Some(scope) = self.modules.get(&current) else {
                // Past a type: `Type::method`, an enum variant; keep the rest as written.
                current.segments.extend(rest[position..].iter().cloned());
                return Some(current);
            };
            if scope.items.contains(segment.as_str()) {
                current.segments.push(segment.clone());
                continue;
            }
            match scope.imports.get(segment.as_str()) {
                Some(target) => {
                    let module = current.segments.clone();
                    current =
                        self.resolve_at_depth(current.krate, &module, target, None, depth + 1)?;
                }
                None => current.segments.push(segment.clone()),
            }
        }
        Some(current)
    }
}
