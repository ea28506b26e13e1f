//! Types, as far as they can be known without a compiler: enough to pick the methods a call
//! may reach and to tell personal and token types apart.
//!
//! A type comes from what is written (parameter, `let x: T`, field and return types) or from a
//! constructor (`Type::new()`, `Type { .. }`); generic parameters and `impl Trait`/`dyn Trait`
//! become their bounds. Anything else is [`Ty::Unknown`], and a method called on an unknown
//! receiver falls back to every method of that name.

use super::library::{HOLDERS, LOCKS, SEQUENCES, SMART_POINTERS};
use super::{CrateId, FnId, Resolved, Symbols, TraitId, TypeId};
use crate::facts::{FnOwner, GenericParam, TypeRef};
use crate::names::{Name, NamePath};

/// The types a fn's signature declares (see [`Symbols::signature`]): its parameters' and, last,
/// its return type, in one allocation (asked of most fns of a large program).
#[derive(Debug)]
pub struct SignatureTypes(Box<[Ty]>);

impl SignatureTypes {
    fn returned(&self) -> &Ty {
        self.0.last().unwrap_or(&Ty::Unknown)
    }

    fn param(&self, index: usize) -> &Ty {
        self.0[..self.0.len().saturating_sub(1)]
            .get(index)
            .unwrap_or(&Ty::Unknown)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Ty {
    #[default]
    Unknown,
    /// A struct, enum or alias of the scan, with its generic arguments.
    Adt(TypeId, Vec<Ty>),
    /// A type outside the scan, by its full path as imported (`reqwest::Client`, `Vec`).
    External(NamePath, Vec<Ty>),
    /// `impl Trait`, `dyn Trait`, or a generic parameter: its bounds.
    Bounds(Vec<TraitBound>),
    Tuple(Vec<Ty>),
    Slice(Box<Ty>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TraitBound {
    Workspace(TraitId),
    External(NamePath),
}

impl Ty {
    pub fn is_unknown(&self) -> bool {
        matches!(self, Ty::Unknown)
    }

    fn external_name(&self) -> Option<&str> {
        match self {
            Ty::External(path, _) => path.last().map(|name| name.as_str()),
            _ => None,
        }
    }

    fn first_argument(&self) -> Ty {
        match self {
            Ty::External(_, args) | Ty::Adt(_, args) => args.first().cloned().unwrap_or_default(),
            _ => Ty::Unknown,
        }
    }

    /// What iterating over a value of this type yields.
    pub fn element(&self) -> Ty {
        match self {
            Ty::Slice(element) => (**element).clone(),
            Ty::External(_, args) => match self.external_name() {
                Some("HashMap" | "BTreeMap" | "IndexMap") if args.len() >= 2 => {
                    Ty::Tuple(vec![args[0].clone(), args[1].clone()])
                }
                Some(name) if SEQUENCES.contains(&name) || SMART_POINTERS.contains(&name) => {
                    let inner = self.first_argument();
                    if SMART_POINTERS.contains(&name) {
                        inner.element()
                    } else {
                        inner
                    }
                }
                _ => Ty::Unknown,
            },
            _ => Ty::Unknown,
        }
    }

    /// What `.unwrap()`, `?` or `.borrow()` yields, through the pointers around the holder
    /// first: `Rc<RefCell<T>>::borrow` yields a `T`.
    pub fn held(&self) -> Ty {
        let holder = self.dereferenced();
        match holder.external_name() {
            Some(name) if HOLDERS.contains(&name) => holder.first_argument(),
            _ => holder,
        }
    }

    /// What `.lock()`, `.read()` or `.write()` on a lock yields, `None` when this is no lock.
    /// A guard's methods are those of what it holds, so the guard is that value here: std's
    /// come in a `LockResult` (`.lock().unwrap()`), the others' directly (tokio's
    /// `.lock().await`, parking_lot's `.lock()`).
    pub fn lock_result(&self) -> Option<Ty> {
        let lock = self.dereferenced();
        if !lock
            .external_name()
            .is_some_and(|name| LOCKS.contains(&name))
        {
            return None;
        }
        let held = lock.first_argument();
        let from_std = matches!(&lock, Ty::External(path, _)
            if path.first().is_some_and(|root| root.as_str() == "std"));
        Some(if from_std {
            held.wrapped_in("Result")
        } else {
            held
        })
    }

    /// The type whose methods a call on this receiver reaches (auto-deref through pointers).
    pub fn dereferenced(&self) -> Ty {
        match self.external_name() {
            Some(name) if SMART_POINTERS.contains(&name) => self.first_argument().dereferenced(),
            _ => self.clone(),
        }
    }

    /// `Option<T>` / `Some(T)` wrapping.
    pub fn wrapped_in(self, wrapper: &str) -> Ty {
        Ty::External(vec![Name::new(wrapper)], vec![self])
    }
}

/// Where a written type is read: it resolves like a path written there.
#[derive(Clone, Copy)]
pub struct TypeContext<'c> {
    pub krate: CrateId,
    pub module: &'c [Name],
    /// What `Self` is.
    pub self_ty: &'c Ty,
    /// `Self` as written (for resolving `Self::CONST` paths).
    pub self_path: Option<&'c NamePath>,
    pub generics: &'c [GenericParam],
}

/// How deep aliases and nested generic arguments are followed.
const MAX_TYPE_DEPTH: usize = 12;

impl Symbols<'_> {
    /// The type a written type names in `context`.
    pub fn resolve_type(&self, written: &TypeRef, context: TypeContext<'_>) -> Ty {
        self.resolve_type_at_depth(written, context, 0)
    }

    fn resolve_type_at_depth(
        &self,
        written: &TypeRef,
        context: TypeContext<'_>,
        depth: usize,
    ) -> Ty {
        if depth > MAX_TYPE_DEPTH {
            return Ty::Unknown;
        }
        match written {
            TypeRef::Path { path, args } => {
                if let [single] = path.as_slice() {
                    if *single == "Self" {
                        return context.self_ty.clone();
                    }
                    if let Some(param) = context.generics.iter().find(|p| p.name == *single) {
                        return Ty::Bounds(self.resolve_bounds(&param.bounds, context));
                    }
                }
                let args: Vec<Ty> = args
                    .iter()
                    .map(|arg| self.resolve_type_at_depth(arg, context, depth + 1))
                    .collect();
                match self.resolve(context.krate, context.module, path, context.self_path) {
                    Some(Resolved::Workspace(item)) => {
                        if let Some(type_id) = self.type_at(&item) {
                            return Ty::Adt(type_id, args);
                        }
                        if let Some(trait_id) = self.trait_id_at(&item) {
                            return Ty::Bounds(vec![TraitBound::Workspace(trait_id)]);
                        }
                        Ty::Unknown
                    }
                    Some(Resolved::External(external)) => Ty::External(external, args),
                    None => Ty::Unknown,
                }
            }
            TypeRef::Tuple(elements) => Ty::Tuple(
                elements
                    .iter()
                    .map(|element| self.resolve_type_at_depth(element, context, depth + 1))
                    .collect(),
            ),
            TypeRef::Slice(element) => Ty::Slice(Box::new(self.resolve_type_at_depth(
                element,
                context,
                depth + 1,
            ))),
            TypeRef::Bounds(bounds) | TypeRef::Callable { bounds, .. } => {
                Ty::Bounds(self.resolve_bounds(bounds, context))
            }
            TypeRef::Unknown => Ty::Unknown,
        }
    }

    fn resolve_bounds(&self, bounds: &[NamePath], context: TypeContext<'_>) -> Vec<TraitBound> {
        bounds
            .iter()
            .filter_map(|bound| {
                match self.resolve(context.krate, context.module, bound, context.self_path)? {
                    Resolved::Workspace(item) => self.trait_id_at(&item).map(TraitBound::Workspace),
                    Resolved::External(path) => Some(TraitBound::External(path)),
                }
            })
            .collect()
    }

    /// The type an alias stands for (or the type itself).
    pub fn expand_alias(&self, ty: &Ty) -> Ty {
        let mut current = ty.clone();
        for _ in 0..MAX_TYPE_DEPTH {
            let Ty::Adt(id, _) = &current else {
                return current;
            };
            let Some((target, krate, module)) = self.alias_target(*id) else {
                return current;
            };
            current = self.resolve_type(
                target,
                TypeContext {
                    krate,
                    module,
                    self_ty: &Ty::Unknown,
                    self_path: None,
                    generics: &[],
                },
            );
        }
        current
    }

    /// The `Self` type of a fn's impl block, and `Self` as written there.
    pub fn self_type_of(&self, id: FnId) -> (Ty, Option<&NamePath>) {
        let function = self.function(id);
        match &function.owner {
            FnOwner::Impl { self_type, .. } => {
                let written = match self_type {
                    TypeRef::Path { path, .. } => Some(path),
                    _ => None,
                };
                let ty = self.resolve_type(
                    self_type,
                    TypeContext {
                        krate: self.fn_crate(id),
                        module: &function.module,
                        self_ty: &Ty::Unknown,
                        self_path: None,
                        generics: &function.generics,
                    },
                );
                (ty, written)
            }
            FnOwner::Trait { .. } => match self.method_owner(id).0 {
                Some(trait_id) => (Ty::Bounds(vec![TraitBound::Workspace(trait_id)]), None),
                None => (Ty::Unknown, None),
            },
            _ => (Ty::Unknown, None),
        }
    }

    /// The declared return type of a fn, with `Self` standing for `self_ty`.
    pub fn return_type_of(&self, id: FnId, self_ty: &Ty) -> Ty {
        if self_ty.is_unknown() {
            return self.signature(id).returned().clone();
        }
        self.declared_return(id, self_ty)
    }

    /// The return type fn `id` declares (`()` when it declares none), resolved now.
    fn declared_return(&self, id: FnId, self_ty: &Ty) -> Ty {
        match &self.function(id).return_type {
            Some(written) => self.signature_type(id, written, self_ty),
            None => Ty::Tuple(Vec::new()),
        }
    }

    /// The declared type of a fn's parameter (`self` is `Self`, the impl's type).
    pub fn param_type_of(&self, id: FnId, index: usize) -> Ty {
        self.signature(id).param(index).clone()
    }

    /// The types fn `id`'s signature declares, `Self` being its own impl's type.
    fn signature(&self, id: FnId) -> &SignatureTypes {
        self.signatures[id.0 as usize].get_or_init(|| {
            let params = self
                .function(id)
                .params
                .iter()
                .map(|param| match &param.ty {
                    Some(written) => self.signature_type(id, written, &Ty::Unknown),
                    None => Ty::Unknown,
                });
            let returned = self.declared_return(id, &Ty::Unknown);
            SignatureTypes(params.chain([returned]).collect())
        })
    }

    /// A fn's parameter type as its signature writes it.
    fn written_param_type(&self, id: FnId, index: usize) -> Option<&TypeRef> {
        self.function(id).params.get(index)?.ty.as_ref()
    }

    /// The parameter types of the closure a fn takes as its parameter `index`, as its
    /// signature writes them: `impl FnOnce(&mut User)`, `Box<dyn Fn(Event)>`, or a generic
    /// `F` bound by `FnMut(Event)`. Empty when it takes no closure there.
    pub fn closure_param_types(&self, id: FnId, index: usize) -> Vec<Ty> {
        let function = self.function(id);
        let Some(written) = self.written_param_type(id, index) else {
            return Vec::new();
        };
        let params = match written {
            TypeRef::Callable { params, .. } => params,
            TypeRef::Path { path, args } => match (path.as_slice(), args.as_slice()) {
                ([single], []) => match function.generics.iter().find(|g| g.name == *single) {
                    Some(generic) => &generic.callable,
                    None => return Vec::new(),
                },
                (_, [TypeRef::Callable { params, .. }]) => params,
                _ => return Vec::new(),
            },
            _ => return Vec::new(),
        };
        params
            .iter()
            .map(|param| self.signature_type(id, param, &Ty::Unknown))
            .collect()
    }

    /// A type written in a fn's signature, with `Self` standing for `self_ty` (when known)
    /// or the fn's own impl type.
    fn signature_type(&self, id: FnId, written: &TypeRef, self_ty: &Ty) -> Ty {
        let function = self.function(id);
        let (own_self, self_path) = self.self_type_of(id);
        let self_ty = if self_ty.is_unknown() {
            &own_self
        } else {
            self_ty
        };
        self.resolve_type(
            written,
            TypeContext {
                krate: self.fn_crate(id),
                module: &function.module,
                self_ty,
                self_path,
                generics: &function.generics,
            },
        )
    }

    /// The declared type of a struct field, with the struct's generic arguments applied.
    pub fn field_type(&self, owner: TypeId, field_index: usize, args: &[Ty]) -> Ty {
        match self.type_facts(owner).fields.get(field_index) {
            Some(field) => self.member_type(owner, &field.ty, args),
            None => Ty::Unknown,
        }
    }

    /// The type of field `field` of a value of type `base` (a struct's named or tuple field, a
    /// tuple's element), through pointers and aliases.
    pub fn field_of(&self, base: &Ty, field: Name) -> Ty {
        match self.expand_alias(&base.dereferenced()) {
            Ty::Adt(id, args) => {
                let facts = self.type_facts(id);
                match facts.fields.iter().position(|f| f.name == field) {
                    Some(index) => self.field_type(id, index, &args),
                    None => Ty::Unknown,
                }
            }
            Ty::Tuple(elements) => field
                .as_str()
                .parse::<usize>()
                .ok()
                .and_then(|index| elements.get(index).cloned())
                .unwrap_or_default(),
            _ => Ty::Unknown,
        }
    }

    /// The type of a field of an enum's variant (`0` of a tuple variant), the enum's generic
    /// parameters taking `args`.
    pub fn variant_field_type(&self, owner: TypeId, variant: Name, field: Name, args: &[Ty]) -> Ty {
        let written = self
            .type_facts(owner)
            .variant(variant)
            .and_then(|variant| variant.fields.iter().find(|(name, _)| *name == field));
        match written {
            Some((_, ty)) => self.member_type(owner, ty, args),
            None => Ty::Unknown,
        }
    }

    /// A type written in the declaration of `owner` (a field's), read where `owner` is declared.
    fn member_type(&self, owner: TypeId, written: &TypeRef, args: &[Ty]) -> Ty {
        let facts = self.type_facts(owner);
        // A field typed by the type's own generic parameter takes the argument's type.
        if let TypeRef::Path { path, .. } = written {
            if let [single] = path.as_slice() {
                if let Some(position) = facts.generics.iter().position(|g| g == single) {
                    return args.get(position).cloned().unwrap_or_default();
                }
            }
        }
        let self_ty = Ty::Adt(owner, args.to_vec());
        self.resolve_type(
            written,
            TypeContext {
                krate: self.type_crate(owner),
                module: &facts.module,
                self_ty: &self_ty,
                self_path: None,
                generics: &[],
            },
        )
    }

    /// The methods named `name` that a call on a receiver of type `receiver` may reach.
    pub fn methods_of(&self, receiver: &Ty, name: Name) -> MethodLookup {
        match self.expand_alias(&receiver.dereferenced()) {
            Ty::Adt(type_id, _) => MethodLookup::Found(self.methods_of_type(type_id, name)),
            Ty::Bounds(bounds) => {
                let mut found = Vec::new();
                for bound in &bounds {
                    if let TraitBound::Workspace(trait_id) = bound {
                        found.extend(self.trait_method_targets(*trait_id, name));
                    }
                }
                MethodLookup::Found(found)
            }
            Ty::External(path, _) => MethodLookup::External(path),
            Ty::Tuple(_) | Ty::Slice(_) => MethodLookup::Found(Vec::new()),
            Ty::Unknown => MethodLookup::Unknown,
        }
    }

    /// What `name` names on a type, as Rust resolves `Type::name` and `value.name()`: its
    /// inherent fns of that name, which shadow any trait's; else those of the workspace traits
    /// it implements (the impl's own method, or the trait's default). (A method call probes
    /// `self` before `&self`, so a trait's `fn f(self)` can win over an inherent
    /// `fn f(&self)`; a type that has both is rare enough to read as the path does.)
    pub fn methods_of_type(&self, type_id: TypeId, name: Name) -> Vec<FnId> {
        let mut found = self.inherent_methods(type_id, name).to_vec();
        if !found.is_empty() {
            return found;
        }
        for &trait_id in self.traits_of(type_id) {
            let Some(methods) = self.trait_methods(trait_id, name) else {
                continue;
            };
            let implemented: Vec<FnId> = methods
                .implementations
                .iter()
                .filter(|(implementor, _)| *implementor == Some(type_id))
                .map(|(_, id)| *id)
                .collect();
            if implemented.is_empty() {
                found.extend(methods.declaration);
            } else {
                found.extend(implemented);
            }
        }
        found
    }

    /// Every implementation of a trait method, and its declaration (which may have a default
    /// body and carries the annotations every impl inherits).
    pub fn trait_method_targets(&self, trait_id: TraitId, name: Name) -> Vec<FnId> {
        let Some(methods) = self.trait_methods(trait_id, name) else {
            return Vec::new();
        };
        let mut found: Vec<FnId> = methods.declaration.into_iter().collect();
        found.extend(methods.implementations.iter().map(|(_, id)| *id));
        found
    }
}

/// What method lookup found for a receiver.
pub enum MethodLookup {
    /// The receiver's type is known: these are the candidates (maybe none).
    Found(Vec<FnId>),
    /// A type outside the scan: no workspace method, but config paths may match.
    External(NamePath),
    /// The receiver's type is not known.
    Unknown,
}
