//! One walk over a parsed file that records its items and lowers fn bodies.

use std::path::{Path, PathBuf};

use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Attribute, Item, Token};

use super::annotations::{AnnotationReader, ConsentNames};
use super::body::{Binding, Block, Expr, ExprKind, MatchArm, Pattern, Stmt};
use super::{
    FieldFacts, FileFacts, FnFacts, Import, ModuleFacts, ModuleFileCandidate,
    ModuleFileDeclaration, Param, TypeFacts, WrittenPath,
};
use crate::source::{FileId, Location, SourceFile};

/// How to read one file.
pub struct CollectOptions<'a> {
    pub include_tests: bool,
    pub extra_categories: &'a [String],
    pub extra_purposes: &'a [String],
}

/// Where a file sits in its crate.
pub struct FilePlace<'a> {
    pub file: FileId,
    pub source: &'a SourceFile,
    pub module_path: Vec<String>,
    pub owns_directory: bool,
}

/// Records the facts of one parsed file.
pub fn collect(
    syntax: &syn::File,
    place: FilePlace<'_>,
    options: &CollectOptions<'_>,
) -> FileFacts {
    let mut names = ConsentNames::default();
    note_consent_imports(&syntax.items, &mut names);
    let locate = |span: Span| place.source.location(place.file, span);
    let mut collector = Collector {
        reader: AnnotationReader {
            names: &names,
            locate: &locate,
            extra_categories: options.extra_categories,
            extra_purposes: options.extra_purposes,
        },
        include_tests: options.include_tests,
        facts: FileFacts {
            file: place.file,
            ..FileFacts::default()
        },
        file_path: &place.source.path,
        owns_directory: place.owns_directory,
        module_path: place.module_path.clone(),
        inline_depth: 0,
    };
    collector.module(&syntax.items);
    collector.facts
}

fn note_consent_imports(items: &[Item], names: &mut ConsentNames) {
    for item in items {
        match item {
            Item::Use(item_use) => {
                flatten_use_tree(
                    &item_use.tree,
                    &mut Vec::new(),
                    &mut |target, local| match local {
                        Some(local) => names.note_import(target, local),
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
    prefix: &mut Vec<String>,
    visit: &mut dyn FnMut(&[String], Option<&str>),
) {
    match tree {
        syn::UseTree::Path(path) => {
            prefix.push(path.ident.to_string());
            flatten_use_tree(&path.tree, prefix, visit);
            prefix.pop();
        }
        syn::UseTree::Name(name) => {
            let name = name.ident.to_string();
            if name == "self" {
                let local = prefix.last().cloned().unwrap_or_default();
                visit(prefix, Some(&local));
            } else {
                prefix.push(name.clone());
                visit(prefix, Some(&name));
                prefix.pop();
            }
        }
        syn::UseTree::Rename(rename) => {
            let original = rename.ident.to_string();
            let local = rename.rename.to_string();
            if original == "self" {
                visit(prefix, Some(&local));
            } else {
                prefix.push(original);
                visit(prefix, Some(&local));
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

/// Whether an item is compiled only for tests (`#[cfg(test)]`, also inside `all(..)`).
fn is_test_only(attributes: &[Attribute]) -> bool {
    fn predicate_needs_test(meta: &syn::Meta) -> bool {
        match meta {
            syn::Meta::Path(path) => path.is_ident("test"),
            syn::Meta::List(list) if list.path.is_ident("all") => list
                .parse_args_with(Punctuated::<syn::Meta, Token![,]>::parse_terminated)
                .is_ok_and(|metas| metas.iter().any(predicate_needs_test)),
            _ => false,
        }
    }
    attributes.iter().any(|attribute| {
        attribute.path().is_ident("cfg")
            && attribute
                .parse_args::<syn::Meta>()
                .is_ok_and(|meta| predicate_needs_test(&meta))
    })
}

fn path_attribute(attributes: &[Attribute]) -> Option<String> {
    attributes
        .iter()
        .find_map(|attribute| match &attribute.meta {
            syn::Meta::NameValue(name_value) if name_value.path.is_ident("path") => {
                match &name_value.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }) => Some(text.value()),
                    _ => None,
                }
            }
            _ => None,
        })
}

fn written_path(path: &syn::Path) -> WrittenPath {
    path.segments
        .iter()
        .map(|segment| segment.ident.to_string())
        .collect()
}

fn type_path(ty: &syn::Type) -> Option<WrittenPath> {
    match ty {
        syn::Type::Path(type_path) => Some(written_path(&type_path.path)),
        syn::Type::Reference(reference) => type_path(&reference.elem),
        syn::Type::Paren(paren) => type_path(&paren.elem),
        syn::Type::Group(group) => type_path(&group.elem),
        _ => None,
    }
}

struct Collector<'a> {
    reader: AnnotationReader<'a>,
    include_tests: bool,
    facts: FileFacts,
    file_path: &'a Path,
    owns_directory: bool,
    /// The module being walked, from the crate root.
    module_path: Vec<String>,
    /// How many inline `mod x { }` blocks of this file enclose the walk.
    inline_depth: usize,
}

impl Collector<'_> {
    fn locate(&self, span: Span) -> Location {
        (self.reader.locate)(span)
    }

    fn skipped(&self, attributes: &[Attribute]) -> bool {
        !self.include_tests && is_test_only(attributes)
    }

    fn module(&mut self, items: &[Item]) {
        let index = self.facts.modules.len();
        self.facts.modules.push(ModuleFacts {
            path: self.module_path.clone(),
            ..ModuleFacts::default()
        });
        for item in items {
            self.item(item, index);
        }
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
            Item::Use(item) => &item.attrs,
            _ => &[],
        };
        if self.skipped(attributes) {
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
        if let Some(name) = defined_name {
            self.facts.modules[module_index]
                .item_names
                .push(name.to_string());
        }
        match item {
            Item::Use(item_use) => {
                let module = &mut self.facts.modules[module_index];
                flatten_use_tree(
                    &item_use.tree,
                    &mut Vec::new(),
                    &mut |target, local| match local {
                        Some(local) if local != "_" => module.imports.push(Import {
                            name: local.to_string(),
                            target: target.to_vec(),
                        }),
                        Some(_) => {}
                        None => module.glob_imports.push(target.to_vec()),
                    },
                );
            }
            Item::Mod(module) => self.nested_module(module),
            Item::Fn(function) => {
                self.function(
                    &function.attrs,
                    &function.sig,
                    Some(&function.block),
                    None,
                    None,
                );
            }
            Item::Impl(implementation) => {
                let self_type = type_path(&implementation.self_ty);
                let trait_path = implementation
                    .trait_
                    .as_ref()
                    .map(|(_, path, _)| written_path(path));
                for impl_item in &implementation.items {
                    if let syn::ImplItem::Fn(method) = impl_item {
                        if self.skipped(&method.attrs) {
                            continue;
                        }
                        self.function(
                            &method.attrs,
                            &method.sig,
                            Some(&method.block),
                            self_type.clone(),
                            trait_path.clone(),
                        );
                    }
                }
            }
            Item::Trait(definition) => {
                let trait_path = vec![definition.ident.to_string()];
                for trait_item in &definition.items {
                    if let syn::TraitItem::Fn(method) = trait_item {
                        self.function(
                            &method.attrs,
                            &method.sig,
                            method.default.as_ref(),
                            Some(trait_path.clone()),
                            Some(trait_path.clone()),
                        );
                    }
                }
            }
            Item::Struct(structure) => {
                let fields = self.fields(&structure.attrs, None, &structure.fields);
                self.type_definition(&structure.attrs, &structure.ident, fields);
            }
            Item::Enum(enumeration) => {
                let mut fields = Vec::new();
                for variant in &enumeration.variants {
                    let prefix = variant.ident.to_string();
                    fields.extend(self.fields(&enumeration.attrs, Some(&prefix), &variant.fields));
                }
                self.type_definition(&enumeration.attrs, &enumeration.ident, fields);
            }
            Item::Type(alias) => self.type_definition(&alias.attrs, &alias.ident, Vec::new()),
            _ => {}
        }
    }

    fn nested_module(&mut self, module: &syn::ItemMod) {
        let name = module.ident.to_string();
        match &module.content {
            Some((_, items)) => {
                self.module_path.push(name);
                self.inline_depth += 1;
                self.module(items);
                self.inline_depth -= 1;
                self.module_path.pop();
            }
            None => {
                let candidates = self.module_file_candidates(&name, path_attribute(&module.attrs));
                let mut module_path = self.module_path.clone();
                module_path.push(name);
                self.facts.module_files.push(ModuleFileDeclaration {
                    module_path,
                    candidates,
                    location: self.locate(module.ident.span()),
                });
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
            directory.extend(inline_modules);
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

    fn type_definition(
        &mut self,
        attributes: &[Attribute],
        ident: &syn::Ident,
        fields: Vec<FieldFacts>,
    ) {
        let annotations = self
            .reader
            .item_annotations(attributes, &mut self.facts.annotation_problems);
        self.facts.types.push(TypeFacts {
            module: self.module_path.clone(),
            name: ident.to_string(),
            annotations,
            fields,
            location: self.locate(ident.span()),
        });
    }

    fn fields(
        &mut self,
        type_attributes: &[Attribute],
        prefix: Option<&str>,
        fields: &syn::Fields,
    ) -> Vec<FieldFacts> {
        if !derives_classified(type_attributes) {
            return Vec::new();
        }
        fields
            .iter()
            .enumerate()
            .map(|(index, field)| {
                let name = field
                    .ident
                    .as_ref()
                    .map_or_else(|| index.to_string(), ToString::to_string);
                FieldFacts {
                    name: match prefix {
                        Some(prefix) => format!("{prefix}.{name}"),
                        None => name,
                    },
                    annotations: self
                        .reader
                        .field_annotations(&field.attrs, &mut self.facts.annotation_problems),
                    location: self.locate(
                        field
                            .ident
                            .as_ref()
                            .map_or_else(|| field.ty.span(), |ident| ident.span()),
                    ),
                }
            })
            .collect()
    }

    fn function(
        &mut self,
        attributes: &[Attribute],
        signature: &syn::Signature,
        body: Option<&syn::Block>,
        self_type: Option<WrittenPath>,
        trait_path: Option<WrittenPath>,
    ) {
        let annotations = self
            .reader
            .item_annotations(attributes, &mut self.facts.annotation_problems);
        let params = signature
            .inputs
            .iter()
            .map(|input| match input {
                syn::FnArg::Receiver(_) => Param {
                    name: Some("self".to_string()),
                    is_self: true,
                },
                syn::FnArg::Typed(typed) => Param {
                    name: match &*typed.pat {
                        syn::Pat::Ident(ident) => Some(ident.ident.to_string()),
                        _ => None,
                    },
                    is_self: false,
                },
            })
            .collect();
        let body = body.map(|block| self.block(block));
        self.facts.fns.push(FnFacts {
            module: self.module_path.clone(),
            name: signature.ident.to_string(),
            self_type,
            trait_path,
            annotations,
            params,
            body,
            name_location: self.locate(signature.ident.span()),
        });
    }

    // ---- Lowering fn bodies (see `body.rs` for the target shapes). ----

    fn block(&mut self, block: &syn::Block) -> Block {
        let mut stmts = Vec::with_capacity(block.stmts.len());
        for stmt in &block.stmts {
            match stmt {
                syn::Stmt::Local(local) => {
                    if self.skipped(&local.attrs) {
                        continue;
                    }
                    stmts.push(Stmt::Let {
                        pattern: pattern(&local.pat),
                        init: local.init.as_ref().map(|init| self.expr(&init.expr)),
                        diverge: local.init.as_ref().and_then(|init| {
                            init.diverge.as_ref().map(|(_, otherwise)| {
                                match self.expr(otherwise).kind {
                                    ExprKind::Block(block) => block,
                                    other => Block {
                                        stmts: vec![Stmt::Expr(Expr {
                                            kind: other,
                                            location: self.locate(otherwise.span()),
                                        })],
                                    },
                                }
                            })
                        }),
                        // Steps point at the bound name, not the whole statement.
                        location: self.locate(local.pat.span()),
                    });
                }
                syn::Stmt::Item(item) => {
                    // Items inside a fn body (nested fns, impls) belong to the enclosing module.
                    let module_index = self
                        .facts
                        .modules
                        .iter()
                        .rposition(|module| module.path == self.module_path)
                        .unwrap_or(0);
                    self.item(item, module_index);
                }
                syn::Stmt::Expr(expr, _) => stmts.push(Stmt::Expr(self.expr(expr))),
                syn::Stmt::Macro(statement) => {
                    if self.skipped(&statement.attrs) {
                        continue;
                    }
                    let location = self.locate(statement.mac.span());
                    stmts.push(Stmt::Expr(self.macro_call(&statement.mac, location)));
                }
            }
        }
        Block { stmts }
    }

    fn exprs<'e>(&mut self, exprs: impl IntoIterator<Item = &'e syn::Expr>) -> Vec<Expr> {
        exprs.into_iter().map(|expr| self.expr(expr)).collect()
    }

    fn boxed(&mut self, expr: &syn::Expr) -> Box<Expr> {
        Box::new(self.expr(expr))
    }

    fn expr(&mut self, expr: &syn::Expr) -> Expr {
        let location = self.locate(expr.span());
        let kind = match expr {
            syn::Expr::Array(array) => ExprKind::Combine(self.exprs(&array.elems)),
            syn::Expr::Assign(assign) => ExprKind::Assign {
                target: self.boxed(&assign.left),
                value: self.boxed(&assign.right),
            },
            syn::Expr::Async(block) => ExprKind::Block(self.block(&block.block)),
            syn::Expr::Await(awaited) => return self.expr(&awaited.base),
            syn::Expr::Binary(binary) => self.binary(binary, location),
            syn::Expr::Block(block) => ExprKind::Block(self.block(&block.block)),
            syn::Expr::Break(exit) => {
                ExprKind::Diverge(exit.expr.as_deref().map(|e| self.boxed(e)))
            }
            syn::Expr::Return(exit) => {
                ExprKind::Diverge(exit.expr.as_deref().map(|e| self.boxed(e)))
            }
            syn::Expr::Continue(_) => ExprKind::Diverge(None),
            syn::Expr::Call(call) => match &*call.func {
                syn::Expr::Path(path) => ExprKind::Call {
                    callee: written_path(&path.path),
                    args: self.exprs(&call.args),
                },
                other => {
                    let mut parts = vec![self.expr(other)];
                    parts.extend(self.exprs(&call.args));
                    ExprKind::Combine(parts)
                }
            },
            syn::Expr::Cast(cast) => return self.expr(&cast.expr),
            syn::Expr::Closure(closure) => ExprKind::Closure {
                params: Pattern {
                    bindings: closure
                        .inputs
                        .iter()
                        .flat_map(|input| pattern(input).bindings)
                        .collect(),
                },
                body: self.boxed(&closure.body),
            },
            syn::Expr::Const(block) => ExprKind::Block(self.block(&block.block)),
            syn::Expr::Field(field) => ExprKind::Field {
                base: self.boxed(&field.base),
                field: member_name(&field.member),
            },
            syn::Expr::ForLoop(for_loop) => ExprKind::Loop {
                pattern: Some(pattern(&for_loop.pat)),
                iterated: Some(self.boxed(&for_loop.expr)),
                condition: None,
                body: self.block(&for_loop.body),
            },
            syn::Expr::Group(group) => return self.expr(&group.expr),
            syn::Expr::If(if_expr) => ExprKind::If {
                condition: self.boxed(&if_expr.cond),
                then_branch: self.block(&if_expr.then_branch),
                else_branch: if_expr
                    .else_branch
                    .as_ref()
                    .map(|(_, otherwise)| self.boxed(otherwise)),
            },
            syn::Expr::Index(index) => {
                ExprKind::Combine(vec![self.expr(&index.expr), self.expr(&index.index)])
            }
            syn::Expr::Let(binding) => ExprKind::Let {
                pattern: pattern(&binding.pat),
                value: self.boxed(&binding.expr),
            },
            syn::Expr::Lit(_) | syn::Expr::Infer(_) | syn::Expr::Verbatim(_) => ExprKind::Constant,
            syn::Expr::Loop(body) => ExprKind::Loop {
                pattern: None,
                iterated: None,
                condition: None,
                body: self.block(&body.body),
            },
            syn::Expr::Macro(macro_expr) => return self.macro_call(&macro_expr.mac, location),
            syn::Expr::Match(match_expr) => ExprKind::Match {
                scrutinee: self.boxed(&match_expr.expr),
                arms: match_expr
                    .arms
                    .iter()
                    .map(|arm| MatchArm {
                        pattern: pattern(&arm.pat),
                        bool_literal: bool_literal_pattern(&arm.pat),
                        guard: arm.guard.as_ref().map(|(_, guard)| self.expr(guard)),
                        body: self.expr(&arm.body),
                    })
                    .collect(),
            },
            syn::Expr::MethodCall(call) => ExprKind::MethodCall {
                receiver: self.boxed(&call.receiver),
                method: call.method.to_string(),
                args: self.exprs(&call.args),
                method_location: self.locate(call.method.span()),
            },
            syn::Expr::Paren(paren) => return self.expr(&paren.expr),
            syn::Expr::Path(path) => ExprKind::Path(written_path(&path.path)),
            syn::Expr::Range(range) => ExprKind::Combine(
                range
                    .start
                    .iter()
                    .chain(range.end.iter())
                    .map(|bound| self.expr(bound))
                    .collect(),
            ),
            syn::Expr::RawAddr(raw) => return self.expr(&raw.expr),
            syn::Expr::Reference(reference) => return self.expr(&reference.expr),
            syn::Expr::Repeat(repeat) => ExprKind::Combine(vec![self.expr(&repeat.expr)]),
            syn::Expr::Struct(structure) => ExprKind::Struct {
                path: written_path(&structure.path),
                fields: structure
                    .fields
                    .iter()
                    .map(|field| (member_name(&field.member), self.expr(&field.expr)))
                    .collect(),
                rest: structure.rest.as_deref().map(|rest| self.boxed(rest)),
            },
            syn::Expr::Try(try_expr) => match &*try_expr.expr {
                // `Err(..)?` always returns early.
                syn::Expr::Call(call) if matches!(&*call.func, syn::Expr::Path(p) if p.path.is_ident("Err")) => {
                    ExprKind::Diverge(Some(self.boxed(&try_expr.expr)))
                }
                inner => ExprKind::Try(self.boxed(inner)),
            },
            syn::Expr::TryBlock(block) => ExprKind::Block(self.block(&block.block)),
            syn::Expr::Tuple(tuple) => ExprKind::Combine(self.exprs(&tuple.elems)),
            syn::Expr::Unary(unary) => match unary.op {
                syn::UnOp::Not(_) => ExprKind::Not(self.boxed(&unary.expr)),
                _ => return self.expr(&unary.expr),
            },
            syn::Expr::Unsafe(block) => ExprKind::Block(self.block(&block.block)),
            syn::Expr::While(while_loop) => ExprKind::Loop {
                pattern: None,
                iterated: None,
                condition: Some(self.boxed(&while_loop.cond)),
                body: self.block(&while_loop.body),
            },
            syn::Expr::Yield(yielded) => ExprKind::Combine(
                yielded
                    .expr
                    .as_deref()
                    .map(|e| self.expr(e))
                    .into_iter()
                    .collect(),
            ),
            _ => ExprKind::Constant,
        };
        Expr { kind, location }
    }

    fn binary(&mut self, binary: &syn::ExprBinary, location: Location) -> ExprKind {
        use syn::BinOp;
        let left = self.boxed(&binary.left);
        let right = self.boxed(&binary.right);
        match binary.op {
            BinOp::And(_) => ExprKind::And(left, right),
            BinOp::Or(_) => ExprKind::Or(left, right),
            BinOp::Eq(_)
            | BinOp::Lt(_)
            | BinOp::Le(_)
            | BinOp::Ne(_)
            | BinOp::Ge(_)
            | BinOp::Gt(_) => ExprKind::Clean(vec![*left, *right]),
            BinOp::AddAssign(_)
            | BinOp::SubAssign(_)
            | BinOp::MulAssign(_)
            | BinOp::DivAssign(_)
            | BinOp::RemAssign(_)
            | BinOp::BitXorAssign(_)
            | BinOp::BitAndAssign(_)
            | BinOp::BitOrAssign(_)
            | BinOp::ShlAssign(_)
            | BinOp::ShrAssign(_) => ExprKind::Assign {
                target: left.clone(),
                value: Box::new(Expr {
                    kind: ExprKind::Combine(vec![*left, *right]),
                    location,
                }),
            },
            _ => ExprKind::Combine(vec![*left, *right]),
        }
    }

    fn macro_call(&mut self, mac: &syn::Macro, location: Location) -> Expr {
        let name = mac
            .path
            .segments
            .last()
            .map(|segment| segment.ident.to_string())
            .unwrap_or_default();
        let arguments = || {
            mac.parse_body_with(Punctuated::<syn::Expr, Token![,]>::parse_terminated)
                .map(|args| args.into_iter().collect::<Vec<_>>())
        };
        let kind = match name.as_str() {
            "format" | "print" | "println" | "eprint" | "eprintln" | "format_args" | "write"
            | "writeln" | "trace" | "debug" | "info" | "warn" | "error" | "log" | "panic"
            | "unreachable" | "todo" | "unimplemented" | "bail" | "anyhow" | "eyre" => {
                let args = arguments().unwrap_or_default();
                let is_write = matches!(name.as_str(), "write" | "writeln");
                let mut parts = Vec::new();
                for arg in &args {
                    match arg {
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(text),
                            ..
                        }) => {
                            let literal_location = self.locate(text.span());
                            parts.extend(format_captures(&text.value()).into_iter().map(|name| {
                                Expr {
                                    kind: ExprKind::Path(vec![name]),
                                    location: literal_location,
                                }
                            }));
                        }
                        // `name = value` named arguments.
                        syn::Expr::Assign(assign) => parts.push(self.expr(&assign.right)),
                        other => parts.push(self.expr(other)),
                    }
                }
                let combined = Expr {
                    kind: ExprKind::Combine(parts),
                    location,
                };
                match name.as_str() {
                    "panic" | "unreachable" | "todo" | "unimplemented" | "bail" => {
                        ExprKind::Diverge(Some(Box::new(combined)))
                    }
                    _ if is_write && !args.is_empty() => ExprKind::Assign {
                        target: Box::new(self.expr(&args[0])),
                        value: Box::new(combined),
                    },
                    _ => combined.kind,
                }
            }
            // `assert!(c)` and `ensure!(c, ..)`: when `c` is false, control leaves.
            "assert" | "ensure" => match arguments() {
                Ok(args) if !args.is_empty() => {
                    let condition = self.expr(&args[0]);
                    ExprKind::If {
                        condition: Box::new(Expr {
                            kind: ExprKind::Not(Box::new(condition)),
                            location,
                        }),
                        then_branch: Block {
                            stmts: vec![Stmt::Expr(Expr {
                                kind: ExprKind::Diverge(None),
                                location,
                            })],
                        },
                        else_branch: None,
                    }
                }
                _ => ExprKind::Constant,
            },
            "matches" | "assert_eq" | "assert_ne" | "debug_assert" => {
                ExprKind::Clean(self.exprs(&arguments().unwrap_or_default()))
            }
            _ => {
                // Unknown macros: their tokens as expressions where they parse, or as a block.
                if let Ok(args) = arguments() {
                    ExprKind::Combine(self.exprs(&args))
                } else if let Ok(stmts) = mac.parse_body_with(syn::Block::parse_within) {
                    let block = syn::Block {
                        brace_token: Default::default(),
                        stmts,
                    };
                    ExprKind::Block(self.block(&block))
                } else {
                    ExprKind::Combine(self.token_expressions(mac.tokens.clone()))
                }
            }
        };
        Expr { kind, location }
    }

    /// Expressions found in macro tokens that are not Rust expressions as a whole (`json!`):
    /// every run between top-level `,` `;` `:` `=>` that parses, and the insides of groups.
    fn token_expressions(&mut self, tokens: proc_macro2::TokenStream) -> Vec<Expr> {
        use proc_macro2::TokenTree;
        let mut found = Vec::new();
        let mut run: Vec<TokenTree> = Vec::new();
        let flush = |run: &mut Vec<TokenTree>, found: &mut Vec<Expr>, this: &mut Self| {
            if run.is_empty() {
                return;
            }
            let stream: proc_macro2::TokenStream = run.drain(..).collect();
            if let Ok(expr) = syn::parse2::<syn::Expr>(stream.clone()) {
                found.push(this.expr(&expr));
            } else {
                for tree in stream {
                    if let TokenTree::Group(group) = tree {
                        found.extend(this.token_expressions(group.stream()));
                    }
                }
            }
        };
        for tree in tokens {
            let separator = matches!(&tree, TokenTree::Punct(punct) if matches!(punct.as_char(), ',' | ';' | ':' | '=' | '>'));
            if separator {
                flush(&mut run, &mut found, self);
            } else {
                run.push(tree);
            }
        }
        flush(&mut run, &mut found, self);
        found
    }
}

fn derives_classified(attributes: &[Attribute]) -> bool {
    attributes.iter().any(|attribute| {
        attribute.path().is_ident("derive")
            && attribute
                .parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
                .is_ok_and(|paths| {
                    paths.iter().any(|path| {
                        path.segments
                            .last()
                            .is_some_and(|s| s.ident == "Classified")
                    })
                })
    })
}

fn member_name(member: &syn::Member) -> String {
    match member {
        syn::Member::Named(ident) => ident.to_string(),
        syn::Member::Unnamed(index) => index.index.to_string(),
    }
}

fn bool_literal_pattern(pat: &syn::Pat) -> Option<bool> {
    match pat {
        syn::Pat::Lit(syn::ExprLit {
            lit: syn::Lit::Bool(value),
            ..
        }) => Some(value.value),
        _ => None,
    }
}

/// The names a pattern binds, with the field path each takes from the matched value.
pub(crate) fn pattern(pat: &syn::Pat) -> Pattern {
    fn walk(pat: &syn::Pat, projection: &mut Vec<String>, bindings: &mut Vec<Binding>) {
        match pat {
            syn::Pat::Ident(ident) => {
                bindings.push(Binding {
                    name: ident.ident.to_string(),
                    projection: projection.clone(),
                });
                if let Some((_, sub)) = &ident.subpat {
                    walk(sub, projection, bindings);
                }
            }
            syn::Pat::Tuple(tuple) => {
                for (index, element) in tuple.elems.iter().enumerate() {
                    projection.push(index.to_string());
                    walk(element, projection, bindings);
                    projection.pop();
                }
            }
            syn::Pat::TupleStruct(tuple) => {
                // `Some(x)`, `Ok(x)` and one-field wrappers pass the value through.
                let single = tuple.elems.len() == 1;
                for (index, element) in tuple.elems.iter().enumerate() {
                    if !single {
                        projection.push(index.to_string());
                    }
                    walk(element, projection, bindings);
                    if !single {
                        projection.pop();
                    }
                }
            }
            syn::Pat::Struct(structure) => {
                for field in &structure.fields {
                    projection.push(member_name(&field.member));
                    walk(&field.pat, projection, bindings);
                    projection.pop();
                }
            }
            syn::Pat::Reference(reference) => walk(&reference.pat, projection, bindings),
            syn::Pat::Paren(paren) => walk(&paren.pat, projection, bindings),
            syn::Pat::Type(typed) => walk(&typed.pat, projection, bindings),
            syn::Pat::Slice(slice) => {
                for element in &slice.elems {
                    walk(element, projection, bindings);
                }
            }
            syn::Pat::Or(or) => {
                for case in &or.cases {
                    walk(case, projection, bindings);
                }
            }
            _ => {}
        }
    }
    let mut bindings = Vec::new();
    walk(pat, &mut Vec::new(), &mut bindings);
    Pattern { bindings }
}

/// The `{name}` captures of a format string (positional and numbered arguments excluded).
fn format_captures(format: &str) -> Vec<String> {
    let mut captures = Vec::new();
    let mut rest = format;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(after_escape) = rest.strip_prefix('{') {
            rest = after_escape;
            continue;
        }
        let Some(close) = rest.find('}') else { break };
        let argument = rest[..close].split(':').next().unwrap_or_default().trim();
        let is_identifier = argument
            .chars()
            .next()
            .is_some_and(|first| first.is_alphabetic() || first == '_')
            && argument.chars().all(|ch| ch.is_alphanumeric() || ch == '_');
        if is_identifier && !captures.iter().any(|known| known == argument) {
            captures.push(argument.to_string());
        }
        rest = &rest[close + 1..];
    }
    captures
}

/// A crate root's module file place: it owns its directory.
pub fn root_candidate(path: PathBuf) -> ModuleFileCandidate {
    ModuleFileCandidate {
        path,
        owns_directory: true,
    }
}

#[cfg(test)]
mod tests {
    use super::format_captures;

    #[test]
    fn format_captures_skip_escapes_and_positions() {
        assert_eq!(
            format_captures("{{literal}} {phone} {0} {} {device_id:?} {phone}"),
            vec!["phone", "device_id"]
        );
    }
}
