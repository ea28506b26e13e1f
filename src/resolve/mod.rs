//! Name resolution over the whole scan, without building anything.
//!
//! [`Symbols`] indexes every module scope, fn, type and trait of every crate by its canonical
//! path, following `use` imports (groups, globs, `as`, `pub use` re-exports), `crate::`,
//! `self::`, `super::`, `Self` and workspace crate names. A path that leaves the workspace (std,
//! dependencies) resolves to [`Resolved::External`] with its full written path, so config and
//! catalog entries can match it; nothing here fails on user code.
//!
//! [`types`] gives expressions their types where they can be known, [`sites`] answers what each
//! call, field read and literal of a body means, and [`effects`] digests annotations per item.

pub mod bodies;
pub mod configured;
pub mod effects;
pub mod library;
pub mod sites;
pub mod types;

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::facts::{
    FileFacts, FnFacts, FnOwner, GlobImport, TypeFacts, TypeKind, TypeRef, Visibility,
};
use crate::names::{Name, NamePath};
use crate::parse::ParsedCrate;

/// Index of a crate in the scan.
pub type CrateId = usize;

/// A canonical item path: its crate and the path inside it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemPath {
    pub krate: CrateId,
    pub segments: NamePath,
}

/// A fn, method, trait method declaration or static of the scan (dense index).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FnId(pub u32);

/// A struct, enum, union or type alias of the scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

/// A trait of the scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TraitId(pub u32);

/// Where a dense id points: (crate, file index in the crate, item index in the file).
#[derive(Debug, Clone, Copy)]
struct Origin {
    krate: CrateId,
    file: u32,
    index: u32,
}

/// What a written path names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// An item of the scanned code (a module, fn, type, or something past it like a variant).
    Workspace(ItemPath),
    /// Something outside the scan, by its full path as imported (`reqwest::Client::post`).
    External(NamePath),
}

/// A module path without block scopes: what `self` and `super` mean inside a fn body.
fn real_module(module: &[Name]) -> NamePath {
    module
        .iter()
        .copied()
        .filter(|segment| !crate::facts::is_block_scope(*segment))
        .collect()
}

/// Whether module `inner` is `outer` or inside it (where `outer`'s private names are visible).
fn is_inside(inner: &ItemPath, outer: &ItemPath) -> bool {
    inner.krate == outer.krate && inner.segments.starts_with(&outer.segments)
}

/// How deep `use` chains are followed before giving up (cycles, absurd re-export chains).
const MAX_IMPORT_DEPTH: usize = 16;

/// One module's names, indexed for lookups (a module's facts may come from several files
/// when a lib and a bin target share it).
#[derive(Default)]
struct ModuleScope<'a> {
    /// A number of its own, for caches keyed by module.
    index: u32,
    items: HashSet<Name>,
    imports: HashMap<Name, &'a NamePath>,
    /// Items and imports without `pub`: seen through a glob only from inside the module.
    private: HashSet<Name>,
    globs: Vec<&'a GlobImport>,
    /// The modules the globs name, resolved once when the index is built, each with whether
    /// its glob is private.
    glob_targets: Vec<(ItemPath, bool)>,
    /// The crates and modules outside the scan its globs name (`pub use ::sentry::*;` in a
    /// facade module), by their full paths.
    external_globs: Vec<NamePath>,
    /// For a fn body's block scope: the module around it.
    block_of: Option<&'a NamePath>,
}

/// Methods of one trait under one name: its declaration and every impl.
#[derive(Debug, Default, Clone)]
pub struct TraitMethods {
    pub declaration: Option<FnId>,
    /// The implementing type (when it is a workspace type) and the impl's method.
    pub implementations: Vec<(Option<TypeId>, FnId)>,
}

pub struct Symbols<'a> {
    crates: &'a [ParsedCrate],
    bodies: bodies::Bodies,
    fn_origins: Vec<Origin>,
    type_origins: Vec<Origin>,
    trait_origins: Vec<Origin>,
    modules: HashMap<ItemPath, ModuleScope<'a>>,
    /// Every name any module of a crate defines or imports: a name outside this set cannot
    /// come through a glob, so looking it up (`String`, `Ok`) skips the globs at once.
    names_in_crate: Vec<HashSet<Name>>,
    /// What a name means through a module's globs, once looked up (globs are the slow part:
    /// a `use super::*` in every module makes each lookup walk many modules).
    glob_lookups: std::sync::RwLock<HashMap<(u32, Name), Option<Resolved>>>,
    crate_names: BTreeMap<String, Vec<CrateId>>,
    /// Free fns and statics by path.
    values: HashMap<ItemPath, Vec<FnId>>,
    types: HashMap<ItemPath, TypeId>,
    traits: HashMap<ItemPath, TraitId>,
    /// Inherent methods and associated fns by (type, name).
    inherent: HashMap<(TypeId, Name), Vec<FnId>>,
    trait_methods: HashMap<(TraitId, Name), TraitMethods>,
    /// The workspace traits each workspace type implements.
    implemented: HashMap<TypeId, Vec<TraitId>>,
    /// Every method (a fn with `self`) by name: the fallback when a receiver's type is unknown.
    methods_by_name: HashMap<Name, Vec<FnId>>,
    /// Every field declaration by name: (type, field index).
    fields_by_name: HashMap<Name, Vec<(TypeId, usize)>>,
    /// The trait (if any) and implementing type of each method.
    fn_impl: HashMap<FnId, (Option<TraitId>, Option<TypeId>)>,
    /// Per fn, the types its signature declares, resolved when first asked: every call of a
    /// fn asks them again (site resolution, and each walk that applies its summary), and
    /// resolving a written type goes through the scopes and imports of its module.
    signatures: Vec<std::sync::OnceLock<types::SignatureTypes>>,
}

impl<'a> Symbols<'a> {
    /// Indexes the crates, and takes their fns' bodies into [`Symbols::bodies`].
    pub fn build(crates: &'a mut [ParsedCrate]) -> Self {
        let bodies = bodies::Bodies::take_from(crates);
        let crates: &'a [ParsedCrate] = crates;
        let mut symbols = Symbols {
            crates,
            bodies,
            fn_origins: Vec::new(),
            type_origins: Vec::new(),
            trait_origins: Vec::new(),
            modules: HashMap::default(),
            names_in_crate: vec![HashSet::default(); crates.len()],
            glob_lookups: std::sync::RwLock::new(HashMap::default()),
            crate_names: BTreeMap::new(),
            values: HashMap::default(),
            types: HashMap::default(),
            traits: HashMap::default(),
            inherent: HashMap::default(),
            trait_methods: HashMap::default(),
            implemented: HashMap::default(),
            methods_by_name: HashMap::default(),
            fields_by_name: HashMap::default(),
            fn_impl: HashMap::default(),
            signatures: Vec::new(),
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
                    scope.items.extend(module.item_names.iter().copied());
                    scope.private.extend(module.private_names.iter().copied());
                    let names = &mut symbols.names_in_crate[krate];
                    names.extend(module.item_names.iter().copied());
                    names.extend(module.imports.iter().map(|import| import.name));
                    for import in &module.imports {
                        scope.imports.entry(import.name).or_insert(&import.target);
                    }
                    scope.globs.extend(module.glob_imports.iter());
                    if module.block_of.is_some() {
                        scope.block_of = module.block_of.as_ref();
                    }
                }
            }
        }
        for (index, scope) in symbols.modules.values_mut().enumerate() {
            scope.index = index as u32;
        }
        symbols.resolve_globs();
        // Types and traits first: methods are filed under them.
        for (krate, parsed) in crates.iter().enumerate() {
            for (file_index, file) in parsed.files.iter().enumerate() {
                symbols.index_types(krate, file_index, file);
            }
        }
        for (krate, parsed) in crates.iter().enumerate() {
            for (file_index, file) in parsed.files.iter().enumerate() {
                symbols.index_impls(krate, file);
                symbols.index_fns(krate, file_index, file);
            }
        }
        assert_eq!(
            symbols.bodies.len(),
            symbols.fn_origins.len(),
            "bodies are taken in the order fns are numbered"
        );
        symbols.signatures = (0..symbols.fn_origins.len())
            .map(|_| std::sync::OnceLock::new())
            .collect();
        symbols
    }

    /// Resolves every `use path::*` to its module. A glob path may itself go through another
    /// module's glob, so this runs a few rounds, each using the targets found before.
    fn resolve_globs(&mut self) {
        let mut keys: Vec<ItemPath> = self
            .modules
            .iter()
            .filter(|(_, scope)| !scope.globs.is_empty())
            .map(|(key, _)| key.clone())
            .collect();
        keys.sort();
        for _ in 0..4 {
            let mut changed = false;
            // Per module: its workspace targets, and its outside ones.
            type Found = (ItemPath, Vec<(ItemPath, bool)>, Vec<NamePath>);
            let mut found: Vec<Found> = Vec::new();
            for key in &keys {
                let scope = &self.modules[key];
                let mut targets: Vec<(ItemPath, bool)> = Vec::new();
                let mut external: Vec<NamePath> = Vec::new();
                for glob in &scope.globs {
                    match self.resolve_at_depth(key.krate, &key.segments, &glob.target, None, 0) {
                        Some(Resolved::Workspace(target)) if target != *key => {
                            targets.push((target, glob.private))
                        }
                        Some(Resolved::External(path)) => external.push(path),
                        _ => {}
                    }
                }
                if targets != scope.glob_targets || external != scope.external_globs {
                    changed = true;
                    found.push((key.clone(), targets, external));
                }
            }
            for (key, targets, external) in found {
                if let Some(scope) = self.modules.get_mut(&key) {
                    scope.glob_targets = targets;
                    scope.external_globs = external;
                }
            }
            if !changed {
                break;
            }
        }
    }

    fn index_types(&mut self, krate: CrateId, file_index: usize, file: &'a FileFacts) {
        for (index, type_facts) in file.types.iter().enumerate() {
            let id = TypeId(self.type_origins.len() as u32);
            self.type_origins.push(Origin {
                krate,
                file: file_index as u32,
                index: index as u32,
            });
            let mut segments = type_facts.module.clone();
            segments.push(type_facts.name);
            self.types.entry(ItemPath { krate, segments }).or_insert(id);
            for (field_index, field) in type_facts.fields.iter().enumerate() {
                self.fields_by_name
                    .entry(field.name)
                    .or_default()
                    .push((id, field_index));
            }
        }
        for (index, trait_facts) in file.traits.iter().enumerate() {
            let id = TraitId(self.trait_origins.len() as u32);
            self.trait_origins.push(Origin {
                krate,
                file: file_index as u32,
                index: index as u32,
            });
            let mut segments = trait_facts.module.clone();
            segments.push(trait_facts.name);
            self.traits
                .entry(ItemPath { krate, segments })
                .or_insert(id);
        }
    }

    fn index_impls(&mut self, krate: CrateId, file: &'a FileFacts) {
        for implementation in &file.impls {
            let Some(trait_path) = &implementation.trait_path else {
                continue;
            };
            let Some(trait_id) = self.trait_at(krate, &implementation.module, trait_path) else {
                continue;
            };
            if let Some(type_id) =
                self.type_of_ref(krate, &implementation.module, &implementation.self_type)
            {
                let traits = self.implemented.entry(type_id).or_default();
                if !traits.contains(&trait_id) {
                    traits.push(trait_id);
                }
            }
        }
    }

    fn index_fns(&mut self, krate: CrateId, file_index: usize, file: &'a FileFacts) {
        for (index, function) in file.fns.iter().enumerate() {
            let id = FnId(self.fn_origins.len() as u32);
            self.fn_origins.push(Origin {
                krate,
                file: file_index as u32,
                index: index as u32,
            });
            if function.is_method() {
                self.methods_by_name
                    .entry(function.name)
                    .or_default()
                    .push(id);
            }
            match &function.owner {
                FnOwner::Static {
                    self_type: Some(self_type),
                } => {
                    if let Some(type_id) = self.type_of_ref(krate, &function.module, self_type) {
                        self.inherent
                            .entry((type_id, function.name))
                            .or_default()
                            .push(id);
                    }
                }
                FnOwner::Module | FnOwner::Static { self_type: None } => {
                    let mut segments = function.module.clone();
                    segments.push(function.name);
                    self.values
                        .entry(ItemPath { krate, segments })
                        .or_default()
                        .push(id);
                }
                FnOwner::Impl {
                    self_type,
                    trait_path,
                } => {
                    let type_id = self.type_of_ref(krate, &function.module, self_type);
                    let trait_id = trait_path
                        .as_ref()
                        .and_then(|path| self.trait_at(krate, &function.module, path));
                    self.fn_impl.insert(id, (trait_id, type_id));
                    match trait_id {
                        Some(trait_id) => self
                            .trait_methods
                            .entry((trait_id, function.name))
                            .or_default()
                            .implementations
                            .push((type_id, id)),
                        // An inherent method, or one of a trait outside the scan
                        // (`impl Display for T`): either way callable on the type.
                        None => {
                            if let Some(type_id) = type_id {
                                self.inherent
                                    .entry((type_id, function.name))
                                    .or_default()
                                    .push(id);
                            }
                        }
                    }
                }
                FnOwner::Trait { trait_name } => {
                    let mut segments = function.module.clone();
                    segments.push(*trait_name);
                    if let Some(&trait_id) = self.traits.get(&ItemPath { krate, segments }) {
                        self.fn_impl.insert(id, (Some(trait_id), None));
                        self.trait_methods
                            .entry((trait_id, function.name))
                            .or_default()
                            .declaration = Some(id);
                    }
                }
            }
        }
    }

    fn type_of_ref(&self, krate: CrateId, module: &[Name], ty: &TypeRef) -> Option<TypeId> {
        let TypeRef::Path { path, .. } = ty else {
            return None;
        };
        match self.resolve(krate, module, path, None)? {
            Resolved::Workspace(item) => self.types.get(&item).copied(),
            Resolved::External(_) => None,
        }
    }

    fn trait_at(&self, krate: CrateId, module: &[Name], path: &[Name]) -> Option<TraitId> {
        match self.resolve(krate, module, path, None)? {
            Resolved::Workspace(item) => self.traits.get(&item).copied(),
            Resolved::External(_) => None,
        }
    }

    // ---- Lookups ----

    pub fn function(&self, id: FnId) -> &'a FnFacts {
        let origin = self.fn_origins[id.0 as usize];
        &self.crates[origin.krate].files[origin.file as usize].fns[origin.index as usize]
    }

    /// Every fn's lowered body, by id (not in [`FnFacts::body`]: taken from there, so that
    /// each can be freed once read for the last time).
    pub fn bodies(&self) -> &bodies::Bodies {
        &self.bodies
    }

    /// The bodies still kept, for whoever frees them.
    pub fn into_bodies(self) -> bodies::Bodies {
        self.bodies
    }

    pub fn fn_crate(&self, id: FnId) -> CrateId {
        self.fn_origins[id.0 as usize].krate
    }

    /// The facts of the file a fn is declared in (for its `#[consent::allow]`s).
    pub fn fn_file(&self, id: FnId) -> &'a FileFacts {
        let origin = self.fn_origins[id.0 as usize];
        &self.crates[origin.krate].files[origin.file as usize]
    }

    /// Every file's facts, crate by crate.
    pub fn all_files(&self) -> impl Iterator<Item = &'a FileFacts> {
        self.crates.iter().flat_map(|parsed| parsed.files.iter())
    }

    pub fn fn_count(&self) -> usize {
        self.fn_origins.len()
    }

    pub fn type_facts(&self, id: TypeId) -> &'a TypeFacts {
        let origin = self.type_origins[id.0 as usize];
        &self.crates[origin.krate].files[origin.file as usize].types[origin.index as usize]
    }

    pub fn type_crate(&self, id: TypeId) -> CrateId {
        self.type_origins[id.0 as usize].krate
    }

    pub fn type_count(&self) -> usize {
        self.type_origins.len()
    }

    pub fn crate_count(&self) -> usize {
        self.crates.len()
    }

    /// Whether some crate of the scan has this name.
    pub fn is_crate_name(&self, name: &str) -> bool {
        self.crate_names.contains_key(name)
    }

    /// Whether a path names a module of the scan.
    pub fn is_module(&self, item: &ItemPath) -> bool {
        self.modules.contains_key(item)
    }

    pub fn crate_name(&self, krate: CrateId) -> &'a str {
        &self.crates[krate].root.crate_name
    }

    /// Every fn of the scan, in a stable order (crate, file path, position).
    pub fn all_fns(&self) -> impl Iterator<Item = FnId> {
        (0..self.fn_origins.len() as u32).map(FnId)
    }

    /// Every fn, for work done per fn on all cores; collected, it keeps the fns' order.
    pub fn par_fns(&self) -> impl rayon::iter::IndexedParallelIterator<Item = FnId> {
        use rayon::iter::{IntoParallelIterator, ParallelIterator};
        (0..self.fn_origins.len() as u32).into_par_iter().map(FnId)
    }

    /// A fn as a reader names it: `Type::method` for a method of a workspace type (also one
    /// from a trait impl), else `function` or `Trait::method`.
    pub fn fn_display_name(&self, id: FnId) -> String {
        let function = self.function(id);
        match self.method_owner(id) {
            (_, Some(type_id)) => format!("{}::{}", self.type_facts(type_id).name, function.name),
            _ => function.display_name(),
        }
    }

    /// The trait a method implements or declares, and the type it is implemented for.
    pub fn method_owner(&self, id: FnId) -> (Option<TraitId>, Option<TypeId>) {
        self.fn_impl.get(&id).copied().unwrap_or((None, None))
    }

    pub fn values_at(&self, item: &ItemPath) -> &[FnId] {
        self.values.get(item).map_or(&[], Vec::as_slice)
    }

    pub fn type_at(&self, item: &ItemPath) -> Option<TypeId> {
        self.types.get(item).copied()
    }

    pub fn trait_id_at(&self, item: &ItemPath) -> Option<TraitId> {
        self.traits.get(item).copied()
    }

    pub fn inherent_methods(&self, type_id: TypeId, name: Name) -> &[FnId] {
        self.inherent
            .get(&(type_id, name))
            .map_or(&[], Vec::as_slice)
    }

    pub fn trait_methods(&self, trait_id: TraitId, name: Name) -> Option<&TraitMethods> {
        self.trait_methods.get(&(trait_id, name))
    }

    pub fn traits_of(&self, type_id: TypeId) -> &[TraitId] {
        self.implemented.get(&type_id).map_or(&[], Vec::as_slice)
    }

    /// Every method named `name` (the fallback when the receiver's type is unknown).
    pub fn methods_named(&self, name: Name) -> &[FnId] {
        self.methods_by_name.get(&name).map_or(&[], Vec::as_slice)
    }

    /// Every field declaration named `name`.
    pub fn fields_named(&self, name: Name) -> &[(TypeId, usize)] {
        self.fields_by_name.get(&name).map_or(&[], Vec::as_slice)
    }

    /// The item paths a short config path may stand for, sorted: every fn, static, type,
    /// trait and module whose canonical path ends with `suffix` (`Opt`, `cli::Opt`), and, for
    /// a path of two segments or more, its last segment inside every type, trait or module
    /// whose path ends with the rest (`Opt::no_analytics`, `vendor::sned`). Whether such a member exists is for
    /// the caller to ask. Scans every item: it runs once per short path of a user's config.
    pub fn items_ending_with(&self, suffix: &[Name]) -> Vec<ItemPath> {
        let modules = || {
            self.modules.keys().filter(|module| {
                !module
                    .segments
                    .iter()
                    .any(|segment| crate::facts::is_block_scope(*segment))
            })
        };
        let mut found: Vec<ItemPath> = self
            .values
            .keys()
            .chain(self.types.keys())
            .chain(self.traits.keys())
            .chain(modules())
            .filter(|item| item.segments.ends_with(suffix))
            .cloned()
            .collect();
        if let [owner @ .., member] = suffix {
            if !owner.is_empty() {
                found.extend(
                    self.types
                        .keys()
                        .chain(self.traits.keys())
                        .chain(modules())
                        .filter(|item| item.segments.ends_with(owner))
                        .map(|item| {
                            let mut segments = item.segments.clone();
                            segments.push(*member);
                            ItemPath {
                                krate: item.krate,
                                segments,
                            }
                        }),
                );
            }
        }
        found.sort();
        found.dedup();
        found
    }

    /// Whether code in `module` of `krate` can read field `index` of `owner`, as its `pub`
    /// says: a private field inside the struct's module, a `pub(crate)` one inside its crate,
    /// a `pub` one also in the crates whose package depends on that crate (and in the other
    /// targets of its own package). Loose files have no manifest to tell: they reach every
    /// crate.
    pub fn field_visible_from(
        &self,
        owner: TypeId,
        index: usize,
        krate: CrateId,
        module: &[Name],
    ) -> bool {
        let facts = self.type_facts(owner);
        let Some(field) = facts.fields.get(index) else {
            return false;
        };
        let owner_crate = self.type_crate(owner);
        let same_crate = owner_crate == krate;
        match field.visibility {
            Visibility::Private => same_crate && module.starts_with(&facts.module),
            Visibility::Crate => same_crate,
            Visibility::Public => {
                same_crate || self.crate_can_name(krate, self.crate_name(owner_crate))
            }
        }
    }

    /// Whether code of crate `reader` can name items of the crate called `name`: its own, a
    /// dependency of its package, or the standard library's. A crate scanned without a
    /// manifest is taken to reach everything.
    pub fn crate_can_name(&self, reader: CrateId, name: &str) -> bool {
        let reader = &self.crates[reader].root;
        reader.package_dir.is_none()
            || reader.crate_name == name
            || matches!(name, "std" | "core" | "alloc")
            || reader
                .dependency_crates
                .iter()
                .any(|dependency| dependency == name)
    }

    /// Whether code of crate `reader` can read field `name` of `owner` at all (its own crate,
    /// or a `pub` field of a crate its package depends on). A field that is not found (a
    /// tuple field, a variant's) is taken as readable.
    pub fn field_readable_in_crate(&self, owner: TypeId, name: Name, reader: CrateId) -> bool {
        let facts = self.type_facts(owner);
        match facts.fields.iter().position(|field| field.name == name) {
            Some(index) => self.field_visible_from(owner, index, reader, &facts.module),
            None => true,
        }
    }

    /// The type an alias stands for, followed through alias chains.
    pub fn alias_target(&self, id: TypeId) -> Option<(&'a TypeRef, CrateId, &'a [Name])> {
        let facts = self.type_facts(id);
        match &facts.kind {
            TypeKind::Alias(target) => Some((target, self.type_crate(id), &facts.module)),
            _ => None,
        }
    }

    // ---- Path resolution ----

    /// Resolves a written path from inside `module` of `krate`. `self_type` is what `Self`
    /// stands for there, as written.
    pub fn resolve(
        &self,
        krate: CrateId,
        module: &[Name],
        path: &[Name],
        self_type: Option<&NamePath>,
    ) -> Option<Resolved> {
        self.resolve_at_depth(krate, module, path, self_type, 0)
    }

    fn resolve_at_depth(
        &self,
        krate: CrateId,
        module: &[Name],
        path: &[Name],
        self_type: Option<&NamePath>,
        depth: usize,
    ) -> Option<Resolved> {
        if depth > MAX_IMPORT_DEPTH {
            return None;
        }
        let (first, rest) = path.split_first()?;
        match first.as_str() {
            "crate" => self.canonical(
                ItemPath {
                    krate,
                    segments: Vec::new(),
                },
                rest,
                depth,
            ),
            "self" => self.canonical(
                ItemPath {
                    krate,
                    segments: real_module(module),
                },
                rest,
                depth,
            ),
            "super" => {
                let mut segments = real_module(module);
                segments.pop();
                let mut rest = rest;
                while rest.first().is_some_and(|segment| *segment == "super") {
                    segments.pop();
                    rest = &rest[1..];
                }
                self.canonical(ItemPath { krate, segments }, rest, depth)
            }
            "Self" => {
                let self_type = self_type?;
                match self.resolve_at_depth(krate, module, self_type, None, depth + 1)? {
                    Resolved::Workspace(item) => self.canonical(item, rest, depth),
                    Resolved::External(mut external) => {
                        external.extend_from_slice(rest);
                        Some(Resolved::External(external))
                    }
                }
            }
            _ => match self.resolve_first_segment(krate, module, *first, depth) {
                Some(Resolved::Workspace(base)) => {
                    let root = ItemPath {
                        krate: base.krate,
                        segments: Vec::new(),
                    };
                    let full: NamePath = base
                        .segments
                        .into_iter()
                        .chain(rest.iter().copied())
                        .collect();
                    self.canonical(root, &full, depth)
                }
                Some(Resolved::External(mut external)) => {
                    external.extend_from_slice(rest);
                    Some(Resolved::External(external))
                }
                // Not a name of this crate: std, a dependency, or the prelude.
                None => Some(Resolved::External(path.to_vec())),
            },
        }
    }

    /// What a path's first segment names in `module`: an item of the module, an import, a
    /// glob import, or a crate.
    fn resolve_first_segment(
        &self,
        krate: CrateId,
        module: &[Name],
        name: Name,
        depth: usize,
    ) -> Option<Resolved> {
        let key = ItemPath {
            krate,
            segments: module.to_vec(),
        };
        if let Some(found) = self.lookup_in_module(&key, name, depth) {
            return Some(found);
        }
        // A renamed dependency answers to the name the code uses.
        let renamed = self.crates[krate]
            .root
            .renamed_dependencies
            .iter()
            .find(|(alias, _)| *alias == name.as_str())
            .map(|(_, real)| real.as_str());
        if let Some(ids) = self.crate_names.get(renamed.unwrap_or(name.as_str())) {
            return Some(Resolved::Workspace(ItemPath {
                krate: *ids.first()?,
                segments: Vec::new(),
            }));
        }
        None
    }

    /// What `name` means inside `module`: one of its items, one of its imports, or a name a
    /// glob import brings (through nested globs too).
    fn lookup_in_module(&self, module: &ItemPath, name: Name, depth: usize) -> Option<Resolved> {
        let scope = self.modules.get(module)?;
        if scope.glob_targets.is_empty() && scope.block_of.is_none() {
            return self.lookup_in_scope(module, module, name, depth, &mut HashSet::default());
        }
        if !self.names_in_crate[module.krate].contains(&name) {
            // Only the module itself can know it (a name it imports from outside).
            return self.own_name(module, scope, name, depth);
        }
        let key = (scope.index, name);
        if let Some(found) = self
            .glob_lookups
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(&key)
        {
            return found.clone();
        }
        let found = self.lookup_in_scope(module, module, name, depth, &mut HashSet::default());
        self.glob_lookups
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(key, found.clone());
        found
    }

    /// An item or import of the module itself.
    fn own_name(
        &self,
        module: &ItemPath,
        scope: &ModuleScope<'_>,
        name: Name,
        depth: usize,
    ) -> Option<Resolved> {
        if scope.items.contains(&name) {
            let mut segments = module.segments.clone();
            segments.push(name);
            return Some(Resolved::Workspace(ItemPath {
                krate: module.krate,
                segments,
            }));
        }
        let target = scope.imports.get(&name)?;
        self.resolve_at_depth(module.krate, &module.segments, target, None, depth + 1)
    }

    /// `visited` holds the numbers of the modules already searched through globs: glob imports
    /// form cycles (`use super::*` in a child, `pub use child::*` in the parent), and one
    /// lookup in a crate built of glob re-exports visits hundreds of modules (a set, not a
    /// list: the vendored benchmark made six million visits in twenty thousand lookups).
    ///
    /// `from` is the module the lookup started in: a module's private items, imports and globs
    /// are seen through a glob only from inside it (`use super::*` in a child sees them, `use
    /// child::*` in the parent does not), as rustc's visibility rules say. A name that cannot
    /// be followed (an import of something outside the index) does not end the search: the
    /// next glob may still bring it.
    fn lookup_in_scope(
        &self,
        module: &ItemPath,
        from: &ItemPath,
        name: Name,
        depth: usize,
        visited: &mut HashSet<u32>,
    ) -> Option<Resolved> {
        let scope = self.modules.get(module)?;
        if depth > MAX_IMPORT_DEPTH || !visited.insert(scope.index) {
            return None;
        }
        let inside = is_inside(from, module);
        let visible = inside || !scope.private.contains(&name);
        if visible && (scope.items.contains(&name) || scope.imports.contains_key(&name)) {
            if let Some(found) = self.own_name(module, scope, name, depth) {
                return Some(found);
            }
        }
        for (target, private) in &scope.glob_targets {
            if *private && !inside {
                continue;
            }
            if let Some(found) = self.lookup_in_scope(target, from, name, depth + 1, visited) {
                return Some(found);
            }
        }
        // A fn body's scope: what it does not declare, its module does.
        let parent = scope.block_of?;
        self.lookup_in_scope(
            &ItemPath {
                krate: module.krate,
                segments: parent.clone(),
            },
            from,
            name,
            depth + 1,
            visited,
        )
    }

    /// Walks `rest` down from module `base`, following re-exports, to the defining path.
    fn canonical(&self, base: ItemPath, rest: &[Name], depth: usize) -> Option<Resolved> {
        let mut current = base;
        for (position, segment) in rest.iter().enumerate() {
            if !self.modules.contains_key(&current) {
                // Past a type: `Type::method`, an enum variant; keep the rest as written.
                current.segments.extend_from_slice(&rest[position..]);
                return Some(Resolved::Workspace(current));
            }
            match self.lookup_in_module(&current, *segment, depth + 1) {
                Some(Resolved::Workspace(item)) => current = item,
                Some(Resolved::External(mut external)) => {
                    external.extend_from_slice(&rest[position + 1..]);
                    return Some(Resolved::External(external));
                }
                None => match self.modules[&current].external_globs.as_slice() {
                    // Named through a facade module (`sentry::User` where `mod sentry` has
                    // `pub use ::sentry::*;`): what the module does not define, its one
                    // outside glob brings. With two, which one is unknown.
                    [glob] => {
                        let mut external = glob.clone();
                        external.extend_from_slice(&rest[position..]);
                        return Some(Resolved::External(external));
                    }
                    _ => current.segments.push(*segment),
                },
            }
        }
        Some(Resolved::Workspace(current))
    }
}
