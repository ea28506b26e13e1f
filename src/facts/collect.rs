//! One walk over a parsed file that records its items and lowers their bodies.

use std::path::{Path, PathBuf};

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Attribute, Item, Token};

use super::annotations::{Annotation, AnnotationReader, ConsentNames};
use super::body::PackedBody;
use super::cfg::{CfgAssumption, CfgOptions};
use super::lower::{callable_params, trait_bounds, type_ref, written_path, Lowerer};
use super::{
    AllowFacts, AnnotationKind, FieldFacts, FileFacts, FnFacts, FnOwner, GenericParam, GlobImport,
    ImplFacts, Import, ModuleFacts, ModuleFileCandidate, ModuleFileDeclaration, ParamFacts,
    TraitFacts, TypeFacts, TypeKind, TypeRef, VariantFacts, Visibility,
};
use crate::names::{join_path, Name, NamePath};
use crate::source::{FileId, SourceFile, TextSpan};

/// How to read one file.
pub struct CollectOptions<'a> {
    pub cfg: &'a CfgOptions,
    pub extra_categories: &'a [String],
    pub extra_purposes: &'a [String],
}

/// Where a file sits in its crate.
pub struct FilePlace<'a> {
    pub file: FileId,
    pub source: &'a SourceFile,
    pub module_path: NamePath,
    pub owns_directory: bool,
    /// The `#[consent::allow]`s in force where the parent file declares this module.
    pub inherited_allows: Vec<AllowFacts>,
}

/// Records the facts of one parsed file.
pub fn collect(
    syntax: &syn::File,
    place: FilePlace<'_>,
    options: &CollectOptions<'_>,
) -> FileFacts {
    let mut names = ConsentNames::default();
    note_consent_imports(&syntax.items, &mut names);
    let locate = |span: Span| place.source.text_span(place.file, span);
    let mut collector = Collector {
        reader: AnnotationReader {
            names: &names,
            locate: &locate,
            extra_categories: options.extra_categories,
            extra_purposes: options.extra_purposes,
            cfg: options.cfg,
        },
        cfg: options.cfg,
        source: place.source,
        allows_in_force: (0..place.inherited_allows.len() as u32).collect(),
        cfg_assumed: Vec::new(),
        facts: FileFacts {
            file: place.file,
            allows: place.inherited_allows,
            ..FileFacts::default()
        },
        file_path: &place.source.path,
        owns_directory: place.owns_directory,
        module_path: place.module_path,
        inline_depth: 0,
    };
    let root = collector.open_module();
    collector.items(&syntax.items, root);
    let mut facts = collector.facts;
    facts.shrink_to_fit();
    facts
}

fn note_consent_imports(items: &[Item], names: &mut ConsentNames) {
    for item in items {
        match item {
            Item::Use(item_use) => {
                flatten_use_tree(
                    &item_use.tree,
                    &mut Vec::new(),
                    &mut |target, local| match local {
                        Some(local) => names.note_import(target, local.as_str()),
                        None => names.note_glob_import(target),
                    },
                );
            }
            Item::Mod(module) => {
                if let Some((_, items)) = &module.content {
                    note_consent_imports(items, names);
                }
            }
            _ => {}
        }
    }
}

/// Calls `visit(target, Some(local_name))` for each imported name and `visit(prefix, None)` for globs.
fn flatten_use_tree(
    tree: &syn::UseTree,
    prefix: &mut NamePath,
    visit: &mut dyn FnMut(&[Name], Option<Name>),
) {
    match tree {
        syn::UseTree::Path(path) => {
            prefix.push(Name::of(&path.ident));
            flatten_use_tree(&path.tree, prefix, visit);
            prefix.pop();
        }
        syn::UseTree::Name(name) => {
            let name = Name::of(&name.ident);
            if name == "self" {
                if let Some(&local) = prefix.last() {
                    visit(prefix, Some(local));
                }
            } else {
                prefix.push(name);
                visit(prefix, Some(name));
                prefix.pop();
            }
        }
        syn::UseTree::Rename(rename) => {
            let original = Name::of(&rename.ident);
            let local = Name::of(&rename.rename);
            if original == "self" {
                visit(prefix, Some(local));
            } else {
                prefix.push(original);
                visit(prefix, Some(local));
                prefix.pop();
            }
        }
        syn::UseTree::Glob(_) => visit(prefix, None),
        syn::UseTree::Group(group) => {
            for tree in &group.items {
                flatten_use_tree(tree, prefix, visit);
            }
        }
    }
}

/// The files a `mod name;` may be read from, by `#[path = ".."]` and by
/// `#[cfg_attr(PREDICATE, path = "..")]`: each path with whether it always applies. Every
/// branch of an undecided `cfg_attr` is followed, as every `cfg` branch is analysed.
fn path_attributes(attributes: &[Attribute], cfg: &CfgOptions) -> Vec<(String, bool)> {
    fn visit(meta: &syn::Meta, certain: bool, cfg: &CfgOptions, paths: &mut Vec<(String, bool)>) {
        match meta {
            syn::Meta::NameValue(name_value) if name_value.path.is_ident("path") => {
                if let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(text),
                    ..
                }) = &name_value.value
                {
                    paths.push((text.value(), certain));
                }
            }
            syn::Meta::List(list) if list.path.is_ident("cfg_attr") => {
                let Ok(metas) =
                    list.parse_args_with(Punctuated::<syn::Meta, Token![,]>::parse_terminated)
                else {
                    return;
                };
                let mut metas = metas.iter();
                let decided = metas.next().map(|predicate| cfg.decide(predicate));
                if decided == Some(Some(false)) {
                    return;
                }
                let certain = certain && decided == Some(Some(true));
                for inner in metas {
                    visit(inner, certain, cfg, paths);
                }
            }
            _ => {}
        }
    }
    let mut paths = Vec::new();
    for attribute in attributes {
        visit(&attribute.meta, true, cfg, &mut paths);
    }
    paths
}

/// The generic parameters of a fn, impl or trait, with bounds from `<T: A>` and `where`.
fn generic_params(generics: &syn::Generics) -> Vec<GenericParam> {
    let mut params: Vec<GenericParam> = generics
        .type_params()
        .map(|param| GenericParam {
            name: Name::of(&param.ident),
            bounds: trait_bounds(&param.bounds),
            callable: callable_params(&param.bounds),
        })
        .collect();
    if let Some(where_clause) = &generics.where_clause {
        for predicate in &where_clause.predicates {
            let syn::WherePredicate::Type(predicate) = predicate else {
                continue;
            };
            let TypeRef::Path { path, .. } = type_ref(&predicate.bounded_ty) else {
                continue;
            };
            if let [name] = path.as_slice() {
                if let Some(param) = params.iter_mut().find(|param| param.name == *name) {
                    param.bounds.extend(trait_bounds(&predicate.bounds));
                    if param.callable.is_empty() {
                        param.callable = callable_params(&predicate.bounds);
                    }
                }
            }
        }
    }
    params
}

struct Collector<'a> {
    reader: AnnotationReader<'a>,
    cfg: &'a CfgOptions,
    source: &'a SourceFile,
    facts: FileFacts,
    file_path: &'a Path,
    owns_directory: bool,
    /// The module being walked, from the crate root.
    module_path: NamePath,
    /// How many inline `mod x { }` blocks of this file enclose the walk.
    inline_depth: usize,
    /// `#[consent::allow]`s of the enclosing inline modules and impl block.
    allows_in_force: Vec<u32>,
    /// What the `#[cfg]`s of the enclosing items need (see [`CfgAssumption`]).
    cfg_assumed: Vec<CfgAssumption>,
}

impl Collector<'_> {
    fn span(&self, span: Span) -> TextSpan {
        (self.reader.locate)(span)
    }

    fn open_module(&mut self) -> usize {
        self.facts.modules.push(ModuleFacts {
            path: self.module_path.clone(),
            ..ModuleFacts::default()
        });
        self.facts.modules.len() - 1
    }

    fn items(&mut self, items: &[Item], module_index: usize) {
        for item in items {
            self.item(item, module_index);
        }
    }

    /// The consent annotations among `attributes` (problems with them are recorded).
    fn annotations_of(&mut self, attributes: &[Attribute]) -> Vec<Annotation> {
        self.reader
            .item_annotations(attributes, &mut self.facts.annotation_problems)
    }

    /// Records `#[consent::allow]`s of the item named `item` (relative to this module);
    /// returns how many were pushed onto the stack.
    fn push_allows(&mut self, attributes: &[Attribute], item: &str) -> usize {
        let annotations = self.annotations_of(attributes);
        self.push_allows_of(&annotations, item)
    }

    /// [`Collector::push_allows`] for annotations already read.
    fn push_allows_of(&mut self, annotations: &[Annotation], item: &str) -> usize {
        let mut pushed = 0;
        for annotation in annotations {
            if let AnnotationKind::Allow { lint } = &annotation.kind {
                let mut path = join_path(&self.module_path);
                if !path.is_empty() {
                    path.push_str("::");
                }
                path.push_str(item);
                self.facts.allows.push(AllowFacts {
                    lint: lint.clone(),
                    span: annotation.span,
                    item: path,
                });
                self.allows_in_force
                    .push(self.facts.allows.len() as u32 - 1);
                pushed += 1;
            }
        }
        pushed
    }

    /// Adds what `attributes`' `#[cfg]`s need to what is assumed; returns the mark to go
    /// back to.
    fn assume(&mut self, attributes: &[Attribute]) -> usize {
        let mark = self.cfg_assumed.len();
        self.cfg_assumed.extend(self.cfg.assumptions(attributes));
        mark
    }

    /// What every build of the fn being collected assumes, sorted, each once.
    fn assumed_here(&self) -> Vec<CfgAssumption> {
        let mut assumed = self.cfg_assumed.clone();
        assumed.sort();
        assumed.dedup();
        assumed
    }

    fn pop_allows(&mut self, count: usize) {
        self.allows_in_force
            .truncate(self.allows_in_force.len() - count);
    }

    fn item(&mut self, item: &Item, module_index: usize) {
        let attributes: &[Attribute] = match item {
            Item::Const(item) => &item.attrs,
            Item::Enum(item) => &item.attrs,
            Item::Fn(item) => &item.attrs,
            Item::Impl(item) => &item.attrs,
            Item::Mod(item) => &item.attrs,
            Item::Static(item) => &item.attrs,
            Item::Struct(item) => &item.attrs,
            Item::Trait(item) => &item.attrs,
            Item::Type(item) => &item.attrs,
            Item::Union(item) => &item.attrs,
            Item::Use(item) => &item.attrs,
            Item::Macro(item) => &item.attrs,
            _ => &[],
        };
        if !self.cfg.includes(attributes) {
            return;
        }
        let defined_name = match item {
            Item::Const(item) => Some(&item.ident),
            Item::Enum(item) => Some(&item.ident),
            Item::Fn(item) => Some(&item.sig.ident),
            Item::Mod(item) => Some(&item.ident),
            Item::Static(item) => Some(&item.ident),
            Item::Struct(item) => Some(&item.ident),
            Item::Trait(item) => Some(&item.ident),
            Item::Type(item) => Some(&item.ident),
            Item::Union(item) => Some(&item.ident),
            _ => None,
        };
        let private = is_private(item);
        if let Some(name) = defined_name {
            let module = &mut self.facts.modules[module_index];
            let name = Name::of(&name);
            module.item_names.push(name);
            if private {
                module.private_names.push(name);
            }
        }
        match item {
            Item::Use(item_use) => {
                let module = &mut self.facts.modules[module_index];
                flatten_use_tree(
                    &item_use.tree,
                    &mut Vec::new(),
                    &mut |target, local| match local {
                        Some(local) if local != "_" => {
                            if private {
                                module.private_names.push(local);
                            }
                            module.imports.push(Import {
                                name: local,
                                target: target.to_vec(),
                            });
                        }
                        Some(_) => {}
                        None => module.glob_imports.push(GlobImport {
                            target: target.to_vec(),
                            private,
                        }),
                    },
                );
            }
            Item::Mod(module) => self.nested_module(module),
            Item::Fn(function) => {
                let annotations = self.annotations_of(&function.attrs);
                let pushed = self.push_allows_of(&annotations, &function.sig.ident.to_string());
                let mark = self.assume(&function.attrs);
                self.function(FunctionItem {
                    annotations,
                    signature: &function.sig,
                    body: Some(&function.block),
                    owner: FnOwner::Module,
                    outer_generics: Vec::new(),
                });
                self.cfg_assumed.truncate(mark);
                self.pop_allows(pushed);
            }
            Item::Impl(implementation) => self.implementation(implementation),
            Item::Trait(definition) => {
                let trait_name = Name::of(&definition.ident);
                self.facts.traits.push(TraitFacts {
                    module: self.module_path.clone(),
                    name: trait_name,
                });
                let generics = generic_params(&definition.generics);
                for trait_item in &definition.items {
                    if let syn::TraitItem::Fn(method) = trait_item {
                        if !self.cfg.includes(&method.attrs) {
                            continue;
                        }
                        let annotations = self.annotations_of(&method.attrs);
                        let mark = self.assume(&method.attrs);
                        self.function(FunctionItem {
                            annotations,
                            signature: &method.sig,
                            body: method.default.as_ref(),
                            owner: FnOwner::Trait { trait_name },
                            outer_generics: generics.clone(),
                        });
                        self.cfg_assumed.truncate(mark);
                    }
                }
            }
            Item::Struct(structure) => {
                let fields = self.fields(&structure.fields);
                self.type_definition(TypeDefinition {
                    attributes: &structure.attrs,
                    ident: &structure.ident,
                    generics: &structure.generics,
                    kind: TypeKind::Struct,
                    fields,
                    variants: Vec::new(),
                });
            }
            Item::Union(union) => {
                let fields = self.fields(&syn::Fields::Named(union.fields.clone()));
                self.type_definition(TypeDefinition {
                    attributes: &union.attrs,
                    ident: &union.ident,
                    generics: &union.generics,
                    kind: TypeKind::Union,
                    fields,
                    variants: Vec::new(),
                });
            }
            Item::Enum(enumeration) => {
                let variants = enumeration
                    .variants
                    .iter()
                    .map(|variant| VariantFacts {
                        name: Name::of(&variant.ident),
                        fields: variant
                            .fields
                            .iter()
                            .enumerate()
                            .filter(|(_, field)| self.cfg.includes(&field.attrs))
                            .map(|(index, field)| {
                                let name = match &field.ident {
                                    Some(ident) => Name::of(ident),
                                    None => Name::of(&index),
                                };
                                (name, type_ref(&field.ty))
                            })
                            .collect(),
                    })
                    .collect();
                self.type_definition(TypeDefinition {
                    attributes: &enumeration.attrs,
                    ident: &enumeration.ident,
                    generics: &enumeration.generics,
                    kind: TypeKind::Enum,
                    fields: Vec::new(),
                    variants,
                });
            }
            Item::Type(alias) => self.type_definition(TypeDefinition {
                attributes: &alias.attrs,
                ident: &alias.ident,
                generics: &alias.generics,
                kind: TypeKind::Alias(type_ref(&alias.ty)),
                fields: Vec::new(),
                variants: Vec::new(),
            }),
            Item::Static(item) => self.static_value(
                &item.attrs,
                &item.ident,
                type_ref(&item.ty),
                Some(&item.expr),
                None,
            ),
            Item::Const(item) => self.static_value(
                &item.attrs,
                &item.ident,
                type_ref(&item.ty),
                Some(&item.expr),
                None,
            ),
            Item::Macro(item) => self.item_macro(&item.mac, module_index),
            _ => {}
        }
    }

    fn implementation(&mut self, implementation: &syn::ItemImpl) {
        let self_type = type_ref(&implementation.self_ty);
        let self_type_name = match &self_type {
            TypeRef::Path { path, .. } => path
                .last()
                .map_or_else(String::new, |name| name.to_string()),
            _ => String::new(),
        };
        let pushed = self.push_allows(&implementation.attrs, &format!("impl {self_type_name}"));
        let impl_mark = self.assume(&implementation.attrs);
        let trait_path = implementation
            .trait_
            .as_ref()
            .map(|(_, path, _)| written_path(path));
        let generics = generic_params(&implementation.generics);
        self.facts.impls.push(ImplFacts {
            module: self.module_path.clone(),
            self_type: self_type.clone(),
            trait_path: trait_path.clone(),
        });
        for impl_item in &implementation.items {
            match impl_item {
                syn::ImplItem::Fn(method) => {
                    if !self.cfg.includes(&method.attrs) {
                        continue;
                    }
                    let annotations = self.annotations_of(&method.attrs);
                    let pushed = self.push_allows_of(
                        &annotations,
                        &format!("{self_type_name}::{}", method.sig.ident),
                    );
                    let mark = self.assume(&method.attrs);
                    self.function(FunctionItem {
                        annotations,
                        signature: &method.sig,
                        body: Some(&method.block),
                        owner: FnOwner::Impl {
                            self_type: self_type.clone(),
                            trait_path: trait_path.clone(),
                        },
                        outer_generics: generics.clone(),
                    });
                    self.cfg_assumed.truncate(mark);
                    self.pop_allows(pushed);
                }
                syn::ImplItem::Const(constant) => {
                    if !self.cfg.includes(&constant.attrs) {
                        continue;
                    }
                    self.static_value(
                        &constant.attrs,
                        &constant.ident,
                        type_ref(&constant.ty),
                        Some(&constant.expr),
                        Some(self_type.clone()),
                    );
                }
                _ => {}
            }
        }
        self.cfg_assumed.truncate(impl_mark);
        self.pop_allows(pushed);
    }

    fn nested_module(&mut self, module: &syn::ItemMod) {
        let name = Name::of(&module.ident);
        match &module.content {
            Some((_, items)) => {
                let pushed = self.push_allows(&module.attrs, &name.to_string());
                let mark = self.assume(&module.attrs);
                self.module_path.push(name);
                self.inline_depth += 1;
                let index = self.open_module();
                self.items(items, index);
                self.inline_depth -= 1;
                self.module_path.pop();
                self.cfg_assumed.truncate(mark);
                self.pop_allows(pushed);
            }
            None => {
                // The module's file is parsed on its own: it starts with the allows in force
                // here, its own included (the same spans, so a use in either file counts).
                let pushed = self.push_allows(&module.attrs, &name.to_string());
                let allows: Vec<AllowFacts> = self
                    .allows_in_force
                    .iter()
                    .map(|&index| self.facts.allows[index as usize].clone())
                    .collect();
                self.pop_allows(pushed);
                // `mod r#ref;` lives in `ref.rs`.
                let file_name = module.ident.unraw().to_string();
                let mut module_path = self.module_path.clone();
                module_path.push(name);
                let span = self.span(module.ident.span());
                let paths = path_attributes(&module.attrs, self.cfg);
                let declarations = match paths.iter().find(|(_, certain)| *certain) {
                    Some((path, _)) => vec![(
                        self.module_file_candidates(&file_name, Some(path.clone())),
                        true,
                    )],
                    // Each conditional file, and the default one for builds where none applies.
                    None => paths
                        .iter()
                        .map(|(path, _)| {
                            let path = Some(path.clone());
                            (self.module_file_candidates(&file_name, path), false)
                        })
                        .chain([(
                            self.module_file_candidates(&file_name, None),
                            paths.is_empty(),
                        )])
                        .collect(),
                };
                for (candidates, required) in declarations {
                    self.facts.module_files.push(ModuleFileDeclaration {
                        module_path: module_path.clone(),
                        candidates,
                        required,
                        span,
                        allows: allows.clone(),
                    });
                }
            }
        }
    }

    /// The files rustc would load for `mod name;` here (the Reference's module-path rules).
    fn module_file_candidates(
        &self,
        name: &str,
        path_attribute: Option<String>,
    ) -> Vec<ModuleFileCandidate> {
        let file_directory = self.file_path.parent().unwrap_or(Path::new(""));
        let mut directory = file_directory.to_path_buf();
        // A file that does not own its directory (`foo.rs`) keeps its children in `foo/`;
        // inline modules add one folder each.
        let inline_modules = &self.module_path[self.module_path.len() - self.inline_depth..];
        let needs_own_folder =
            !self.owns_directory && (path_attribute.is_none() || self.inline_depth > 0);
        if needs_own_folder {
            if let Some(stem) = self.file_path.file_stem() {
                directory.push(stem);
            }
        }
        if path_attribute.is_none() || self.inline_depth > 0 {
            directory.extend(inline_modules.iter().map(|name| name.as_str()));
        }
        match path_attribute {
            Some(path) => vec![ModuleFileCandidate {
                path: directory.join(path),
                owns_directory: true,
            }],
            None => vec![
                ModuleFileCandidate {
                    path: directory.join(format!("{name}.rs")),
                    owns_directory: false,
                },
                ModuleFileCandidate {
                    path: directory.join(name).join("mod.rs"),
                    owns_directory: true,
                },
            ],
        }
    }

    fn type_definition(&mut self, definition: TypeDefinition<'_>) {
        let annotations = self
            .reader
            .item_annotations(definition.attributes, &mut self.facts.annotation_problems);
        self.facts.types.push(TypeFacts {
            module: self.module_path.clone(),
            name: Name::of(&definition.ident),
            kind: definition.kind,
            annotations,
            fields: definition.fields,
            variants: definition.variants,
            derives: derived_traits(definition.attributes),
            generics: definition
                .generics
                .type_params()
                .map(|param| Name::of(&param.ident))
                .collect(),
            span: self.span(definition.ident.span()),
        });
    }

    /// Fields with their types; derive-helper annotations are read on every struct (the
    /// `consent` crate rejects them where `Classified` is not derived).
    fn fields(&mut self, fields: &syn::Fields) -> Vec<FieldFacts> {
        fields
            .iter()
            .enumerate()
            .filter(|(_, field)| self.cfg.includes(&field.attrs))
            .map(|(index, field)| {
                let (name, span) = match &field.ident {
                    Some(ident) => (Name::of(&ident), ident.span()),
                    None => (Name::of(&index), field.ty.span()),
                };
                let span = self.span(span);
                FieldFacts {
                    name,
                    ty: type_ref(&field.ty),
                    annotations: self
                        .reader
                        .field_annotations(&field.attrs, &mut self.facts.annotation_problems),
                    span,
                    visibility: visibility(&field.vis),
                    default_urls: attribute_urls(&field.attrs),
                }
            })
            .collect()
    }

    fn function(&mut self, item: FunctionItem<'_>) {
        let annotations = item.annotations;
        let params = item
            .signature
            .inputs
            .iter()
            .map(|input| match input {
                syn::FnArg::Receiver(_) => ParamFacts {
                    name: Some(Name::new("self")),
                    ty: Some(TypeRef::Path {
                        path: vec![Name::new("Self")],
                        args: Vec::new(),
                    }),
                    is_self: true,
                },
                syn::FnArg::Typed(typed) => ParamFacts {
                    name: match &*typed.pat {
                        syn::Pat::Ident(ident) => Some(Name::of(&ident.ident)),
                        _ => None,
                    },
                    ty: Some(type_ref(&typed.ty)),
                    is_self: false,
                },
            })
            .collect();
        let return_type = match &item.signature.output {
            syn::ReturnType::Default => None,
            syn::ReturnType::Type(_, ty) => Some(type_ref(ty)),
        };
        let mut generics = item.outer_generics;
        generics.extend(generic_params(&item.signature.generics));
        let lowered = item.body.map(|block| {
            Lowerer::new(self.facts.file, self.source, self.cfg)
                .lower_fn(&item.signature.inputs, block)
        });
        let (body, nested_items) = match lowered {
            Some(lowered) => {
                self.note_cut_short(lowered.cut_at);
                (
                    Some(PackedBody::pack(
                        lowered.body,
                        self.facts.file,
                        lowered.depth,
                    )),
                    lowered.nested_items,
                )
            }
            None => (None, Vec::new()),
        };
        let name = Name::of(&item.signature.ident);
        let span = self.span(item.signature.ident.span());
        let scope = self.block_scope(name, span, &nested_items);
        self.facts.fns.push(FnFacts {
            module: self.module_path.clone(),
            scope,
            name,
            owner: item.owner,
            annotations,
            params,
            return_type,
            generics,
            body,
            span,
            allows: self.allows_in_force.clone(),
            cfg: self.assumed_here(),
        });
    }

    fn note_cut_short(&mut self, cut_at: Option<TextSpan>) {
        if let Some(span) = cut_at {
            self.facts.cut_short.push(crate::incomplete::Incomplete {
                span,
                cap: crate::incomplete::Cap::LoweringDepth(super::lower::MAX_EXPR_DEPTH),
            });
        }
    }

    /// A body that declares items gets a scope of its own, holding them; names it does not
    /// declare are looked up in the enclosing module, as in Rust.
    fn block_scope(&mut self, name: Name, span: TextSpan, items: &[Item]) -> NamePath {
        if items.is_empty() {
            return self.module_path.clone();
        }
        let mut block = self.module_path.clone();
        block.push(Name::new(&format!("{{{name}@{}}}", span.start)));
        let module = std::mem::replace(&mut self.module_path, block.clone());
        let index = self.open_module();
        self.facts.modules[index].block_of = Some(module.clone());
        for item in items {
            self.item(item, index);
        }
        self.module_path = module;
        block
    }

    /// A `static` or `const`: a value read by name, modelled as a fn without parameters
    /// whose body is the initializer.
    fn static_value(
        &mut self,
        attributes: &[Attribute],
        ident: &syn::Ident,
        ty: TypeRef,
        init: Option<&syn::Expr>,
        self_type: Option<TypeRef>,
    ) {
        let annotations = self
            .reader
            .item_annotations(attributes, &mut self.facts.annotation_problems);
        let (body, nested_items) = match init {
            Some(init) => {
                let lowered =
                    Lowerer::new(self.facts.file, self.source, self.cfg).lower_initializer(init);
                self.note_cut_short(lowered.cut_at);
                (
                    Some(PackedBody::pack(
                        lowered.body,
                        self.facts.file,
                        lowered.depth,
                    )),
                    lowered.nested_items,
                )
            }
            None => (None, Vec::new()),
        };
        let span = self.span(ident.span());
        let scope = self.block_scope(Name::of(&ident), span, &nested_items);
        self.facts.fns.push(FnFacts {
            module: self.module_path.clone(),
            scope,
            name: Name::of(&ident),
            owner: FnOwner::Static { self_type },
            annotations,
            params: Vec::new(),
            return_type: Some(ty),
            generics: Vec::new(),
            body,
            span,
            allows: self.allows_in_force.clone(),
            cfg: self.assumed_here(),
        });
    }

    /// `lazy_static! { static ref NAME: T = init; }` and `thread_local! { static NAME: T = init; }`
    /// define statics; other item macros are not analysed.
    fn item_macro(&mut self, mac: &syn::Macro, module_index: usize) {
        let is_static_macro = mac
            .path
            .segments
            .last()
            .is_some_and(|last| last.ident == "lazy_static" || last.ident == "thread_local");
        if !is_static_macro {
            return;
        }
        let Ok(MacroStatics(statics)) = mac.parse_body::<MacroStatics>() else {
            return;
        };
        for declared in statics {
            if !self.cfg.includes(&declared.attributes) {
                continue;
            }
            self.facts.modules[module_index]
                .item_names
                .push(Name::of(&declared.ident));
            self.static_value(
                &declared.attributes,
                &declared.ident,
                type_ref(&declared.ty),
                Some(&declared.init),
                None,
            );
        }
    }
}

/// The parts of a fn item the collector needs, whatever kind of item it came from.
struct FunctionItem<'a> {
    /// Its consent annotations, read once (its allows were taken from them already).
    annotations: Vec<Annotation>,
    signature: &'a syn::Signature,
    body: Option<&'a syn::Block>,
    owner: FnOwner,
    /// Generics of the enclosing impl or trait.
    outer_generics: Vec<GenericParam>,
}

struct TypeDefinition<'a> {
    attributes: &'a [Attribute],
    ident: &'a syn::Ident,
    generics: &'a syn::Generics,
    kind: TypeKind,
    fields: Vec<FieldFacts>,
    variants: Vec<VariantFacts>,
}

/// Derived traits by their last path segment.
fn derived_traits(attributes: &[Attribute]) -> Vec<Name> {
    let mut derived = Vec::new();
    for attribute in attributes {
        if !attribute.path().is_ident("derive") {
            continue;
        }
        if let Ok(paths) =
            attribute.parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
        {
            derived.extend(
                paths
                    .iter()
                    .filter_map(|path| path.segments.last())
                    .map(|last| Name::of(&last.ident)),
            );
        }
    }
    derived
}

/// The statics declared by `lazy_static!` / `thread_local!`.
struct MacroStatics(Vec<MacroStatic>);

struct MacroStatic {
    attributes: Vec<Attribute>,
    ident: syn::Ident,
    ty: syn::Type,
    init: syn::Expr,
}

impl syn::parse::Parse for MacroStatics {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        let mut statics = Vec::new();
        while !input.is_empty() {
            let attributes = input.call(Attribute::parse_outer)?;
            let _: syn::Visibility = input.parse()?;
            input.parse::<Token![static]>()?;
            // `ref` in lazy_static.
            if input.peek(Token![ref]) {
                input.parse::<Token![ref]>()?;
            }
            let ident: syn::Ident = input.parse()?;
            input.parse::<Token![:]>()?;
            let ty: syn::Type = input.parse()?;
            input.parse::<Token![=]>()?;
            let init: syn::Expr = input.parse()?;
            if input.peek(Token![;]) {
                input.parse::<Token![;]>()?;
            }
            statics.push(MacroStatic {
                attributes,
                ident,
                ty,
                init,
            });
        }
        Ok(MacroStatics(statics))
    }
}

/// A crate root's module file place: it owns its directory.
pub fn root_candidate(path: PathBuf) -> ModuleFileCandidate {
    ModuleFileCandidate {
        path,
        owns_directory: true,
    }
}

fn visibility(written: &syn::Visibility) -> Visibility {
    match written {
        syn::Visibility::Public(_) => Visibility::Public,
        syn::Visibility::Restricted(_) => Visibility::Crate,
        syn::Visibility::Inherited => Visibility::Private,
    }
}

/// An item declared without any `pub` (items of other kinds, macros, impls, are taken as
/// public: no glob hides them).
fn is_private(item: &Item) -> bool {
    let visibility = match item {
        Item::Const(item) => &item.vis,
        Item::Enum(item) => &item.vis,
        Item::Fn(item) => &item.vis,
        Item::Mod(item) => &item.vis,
        Item::Static(item) => &item.vis,
        Item::Struct(item) => &item.vis,
        Item::Trait(item) => &item.vis,
        Item::Type(item) => &item.vis,
        Item::Union(item) => &item.vis,
        Item::Use(item) => &item.vis,
        _ => return false,
    };
    matches!(visibility, syn::Visibility::Inherited)
}

/// The URL string literals among the tokens of non-doc attributes (a config derive's
/// `default = "https://.."`), in order.
fn attribute_urls(attributes: &[Attribute]) -> Vec<String> {
    fn collect(tokens: proc_macro2::TokenStream, urls: &mut Vec<String>) {
        for token in tokens {
            match token {
                proc_macro2::TokenTree::Group(group) => collect(group.stream(), urls),
                proc_macro2::TokenTree::Literal(literal) => {
                    if let Ok(syn::Lit::Str(text)) =
                        syn::parse_str::<syn::Lit>(&literal.to_string())
                    {
                        let text = text.value();
                        if text.starts_with("https://") || text.starts_with("http://") {
                            urls.push(text);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut urls = Vec::new();
    for attribute in attributes {
        if attribute.path().is_ident("doc") {
            continue;
        }
        if let syn::Meta::List(list) = &attribute.meta {
            collect(list.tokens.clone(), &mut urls);
        }
    }
    urls
}
