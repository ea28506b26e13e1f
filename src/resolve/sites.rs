//! Sites: what each call, method call, field read, struct literal and item path of a body
//! means, answered once per body by one walk in program order that also infers the types of
//! its locals (declarations, constructors, return and field types, `for` and closure
//! parameters over known containers).
//!
//! The answers are plain data ([`BodySites`]), so propagation, which may walk a body several
//! times, never resolves a name again.

use super::configured::Configured;
use super::effects::{CheckSpec, Effects, PersonalParts};
use super::library::{self, ChannelOp, Exchange, LibraryMethod, Returns};
use super::types::{MethodLookup, TraitBound, Ty, TypeContext};
use super::{FnId, Resolved, Symbols, TypeId};
use crate::config::{Entry, EntryKind};
use crate::facts::body::{
    Block, Body, ClosureId, Expr, ExprKind, LocalId, Pattern, PatternShape, SiteId, Stmt, TypeStep,
};
use crate::facts::{FnOwner, TypeKind};
use crate::names::{Name, NamePath};
use std::sync::Arc;

/// The resolved sites and local types of one body.
#[derive(Debug, Default)]
pub struct BodySites {
    pub sites: Vec<Site>,
    pub local_types: Vec<Ty>,
    /// Locals declared with a type holding personal data (parameters, `let x: Phone`).
    pub personal_locals: Vec<(LocalId, PersonalParts)>,
    /// Config entries matched here by type rather than by a call: dependency fields read,
    /// values of a dependency's token type held or created (entry ids, for the run's notes).
    pub matched_entries: Vec<usize>,
}

impl BodySites {
    pub fn site(&self, id: SiteId) -> &Site {
        self.sites.get(id as usize).unwrap_or(&Site::None)
    }

    /// Takes out what only a walk of the fn reads (its sites and local types), leaving what
    /// the run reports on every fn: the config entries matched here. A site asked for later
    /// is then [`Site::None`].
    pub fn take_walk_inputs(&mut self) -> BodySites {
        let matched_entries = std::mem::take(&mut self.matched_entries);
        let walk_inputs = std::mem::take(self);
        self.matched_entries = matched_entries;
        walk_inputs
    }

    /// Puts back what [`BodySites::take_walk_inputs`] took out.
    pub fn put_back_walk_inputs(&mut self, walk_inputs: BodySites) {
        let matched_entries = std::mem::take(&mut self.matched_entries);
        *self = walk_inputs;
        self.matched_entries = matched_entries;
    }
}

#[derive(Debug, Default, Clone)]
pub enum Site {
    #[default]
    None,
    Call(CallSite),
    Field(FieldSite),
    Struct(StructSite),
    Path(PathSite),
}

#[derive(Debug, Default, Clone)]
pub struct CallSite {
    /// The workspace fns the call may reach.
    pub targets: Box<[FnId]>,
    /// The receiver's type was unknown: `targets` are every method with this name.
    pub by_name: bool,
    /// Creates a channel: what is sent on one end comes out of the other.
    pub creates_channel: bool,
    /// A std wrapper made around its argument (`Arc::new(x)`): the value is `x`'s.
    pub wraps_argument: bool,
    /// The full path of a callee outside the scan (`reqwest::Client::post`), for config
    /// and catalog entries.
    pub external: Option<Box<[Name]>>,
    /// A tuple struct or variant constructor: the type it builds.
    pub constructs: Option<TypeId>,
    /// What the analysis knows of the method, when it is a well-known std one.
    pub library: Option<&'static LibraryMethod>,
    /// What few calls have, kept apart: a program has hundreds of thousands of call sites,
    /// and these would more than double each one's size.
    details: Option<Box<CallDetails>>,
}

/// What a call site rarely has (see [`CallSite::details`]).
#[derive(Debug, Default, Clone)]
pub struct CallDetails {
    /// Where the declared return type holds personal data (a fn returning `Phone`).
    pub personal_return: PersonalParts,
    /// Purposes of the consent tokens among the receiver and arguments.
    pub token_purposes: Vec<String>,
    /// Config and catalog entries the call matches (calls of code outside the scan).
    pub configured: Vec<Arc<Entry>>,
    /// What the call does to a channel end, when its receiver's type (or, unknown, the
    /// method's name) says.
    pub channel: Option<ChannelOp>,
    /// A std fn that moves values between its arguments' places (`mem::swap`).
    pub exchange: Option<Exchange>,
    /// The call creates a consent token of a dependency's type (`AutoBatcher::new(..)`).
    pub creates_token: Option<TokenCreation>,
}

static NO_DETAILS: CallDetails = CallDetails {
    personal_return: PersonalParts {
        whole: Vec::new(),
        fields: Vec::new(),
    },
    token_purposes: Vec::new(),
    configured: Vec::new(),
    channel: None,
    exchange: None,
    creates_token: None,
};

impl CallDetails {
    fn is_empty(&self) -> bool {
        self.personal_return.is_empty()
            && self.token_purposes.is_empty()
            && self.configured.is_empty()
            && self.channel.is_none()
            && self.exchange.is_none()
            && self.creates_token.is_none()
    }
}

impl CallSite {
    /// A plain call of these fns.
    pub fn to(targets: Vec<FnId>) -> CallSite {
        CallSite {
            targets: targets.into(),
            ..CallSite::default()
        }
    }

    /// Its personal return, tokens, config entries and channel and exchange roles.
    pub fn details(&self) -> &CallDetails {
        self.details.as_deref().unwrap_or(&NO_DETAILS)
    }

    fn set_details(&mut self, details: CallDetails) {
        self.details = (!details.is_empty()).then(|| Box::new(details));
    }
}

/// A library call that makes a value of a type a `[[token]]` names: it must be guarded like a
/// workspace token's literal.
#[derive(Debug, Clone)]
pub struct TokenCreation {
    /// The type's name, as messages show it.
    pub token: Name,
    pub purpose: String,
}

#[derive(Debug, Default, Clone)]
pub struct FieldSite {
    /// The struct the field belongs to, when the base's type is known.
    pub owner: Option<TypeId>,
    /// The base's type is unknown: the annotations are those of every field of this name.
    pub by_name: bool,
    /// The base is a value of a library type (`sentry::User`).
    pub library_owner: Option<LibraryType>,
    /// What few field reads have, kept apart as a call's details are (see
    /// [`CallSite::details`]).
    annotations: Option<Box<FieldAnnotations>>,
}

/// What a field read means to the lints (see [`FieldSite::annotations`]).
#[derive(Debug, Default, Clone)]
pub struct FieldAnnotations {
    /// Personal categories of the field (annotation, or a personal declared type).
    pub personal: Vec<String>,
    /// Personal fields inside the field's value (a nested `Classified` struct).
    pub inner_fields: Vec<(Vec<Name>, Vec<String>)>,
    pub check: Option<Arc<CheckSpec>>,
}

static NO_ANNOTATIONS: FieldAnnotations = FieldAnnotations {
    personal: Vec::new(),
    inner_fields: Vec::new(),
    check: None,
};

impl FieldSite {
    /// Its personal categories, personal inner fields and check.
    pub fn annotations(&self) -> &FieldAnnotations {
        self.annotations.as_deref().unwrap_or(&NO_ANNOTATIONS)
    }

    fn set_annotations(&mut self, annotations: FieldAnnotations) {
        self.annotations = (!annotations.is_empty()).then(|| Box::new(annotations));
    }
}

impl FieldAnnotations {
    fn is_empty(&self) -> bool {
        self.personal.is_empty() && self.inner_fields.is_empty() && self.check.is_none()
    }
}

/// A type outside the scan, by the first segment of its path (the crate, as the code names
/// it) and its own name: `sentry::protocol::User` is `sentry`'s `User`. A path of one segment
/// (a prelude type such as `String`, or a name no import explains) is taken as the standard
/// library's, which every crate can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LibraryType {
    pub krate: Name,
    pub name: Name,
}

impl LibraryType {
    pub fn of(path: &[Name]) -> Option<LibraryType> {
        let krate = match path {
            [_] => Name::new("std"),
            _ => *path.first()?,
        };
        Some(LibraryType {
            krate,
            name: *path.last()?,
        })
    }
}

#[derive(Debug, Default, Clone)]
pub struct StructSite {
    pub ty: Option<TypeId>,
    /// The literal's `#[personal]` fields (and fields of personal types).
    pub personal_fields: Vec<(Vec<Name>, Vec<String>)>,
}

#[derive(Debug, Default, Clone)]
pub enum PathSite {
    #[default]
    Unknown,
    /// A static or const: reading it is like calling it.
    Static(Vec<FnId>),
    /// A fn used as a value (`.map(normalize)`).
    FnItem(Vec<FnId>),
    /// A unit struct or a unit variant of this type.
    Unit(TypeId),
    External(NamePath),
}

/// How many unannotated methods of one name a call on an unknown receiver may reach.
const MAX_UNANNOTATED_BY_NAME: usize = 4;
/// How many unannotated impls a call through a trait (generic, `dyn`, `Trait::m`) may reach.
const MAX_DYNAMIC_TARGETS: usize = 8;

impl Symbols<'_> {
    /// Resolves every site of a fn's body.
    pub fn resolve_sites(&self, effects: &Effects, configured: &Configured, id: FnId) -> BodySites {
        let function = self.function(id);
        let Some(body) = self.bodies().get(id) else {
            return BodySites::default();
        };
        let body = &*body;
        let (self_ty, self_path) = self.self_type_of(id);
        let mut walker = SiteWalker {
            symbols: self,
            effects,
            configured,
            body,
            krate: self.fn_crate(id),
            module: &function.scope,
            self_ty,
            self_path,
            generics: &function.generics,
            sites: vec![Site::None; body.site_count as usize],
            local_types: vec![Ty::Unknown; body.locals.len()],
            personal_locals: Vec::new(),
            walked_closures: vec![false; body.closures.len()],
            local_crates: vec![None; body.locals.len()],
            local_tokens: vec![Vec::new(); body.locals.len()],
            site_chains: vec![Chain::default(); body.site_count as usize],
            matched_entries: Vec::new(),
        };
        // Parameters, `self` included, take their declared types.
        for (pattern, param) in body.params.iter().zip(&function.params) {
            let ty = match &param.ty {
                Some(written) => walker.resolve_written(written),
                None => Ty::Unknown,
            };
            walker.bind(pattern, &ty);
        }
        walker.block(&body.block);
        // Closures never reached from an expression (none should be) still get their sites.
        for closure in 0..body.closures.len() {
            walker.closure(closure as ClosureId, &Ty::Unknown);
        }
        walker.matched_entries.sort_unstable();
        walker.matched_entries.dedup();
        BodySites {
            sites: walker.sites,
            local_types: walker.local_types,
            personal_locals: walker.personal_locals,
            matched_entries: walker.matched_entries,
        }
    }
}

/// What a method call's result comes from.
#[derive(Debug, Clone, Default)]
struct Chain {
    /// The library crate its chain starts at.
    krate: Option<Name>,
    /// The purposes of the consent tokens it was made from.
    tokens: Vec<String>,
}

struct SiteWalker<'s, 'a> {
    symbols: &'s Symbols<'a>,
    effects: &'s Effects,
    configured: &'s Configured,
    body: &'a Body,
    krate: usize,
    module: &'a [Name],
    self_ty: Ty,
    self_path: Option<&'a NamePath>,
    generics: &'a [crate::facts::GenericParam],
    sites: Vec<Site>,
    local_types: Vec<Ty>,
    personal_locals: Vec<(LocalId, PersonalParts)>,
    walked_closures: Vec<bool>,
    /// The crate each local's value comes from, when it is a library's (see `chain_crate`).
    local_crates: Vec<Option<Name>>,
    /// The consent tokens each local's value was made from (see `chain_tokens`).
    local_tokens: Vec<Vec<String>>,
    /// What each method call's result comes from: kept per site so that a chain of calls is
    /// looked at once, not again at every link.
    site_chains: Vec<Chain>,
    matched_entries: Vec<usize>,
}

impl SiteWalker<'_, '_> {
    fn context(&self) -> TypeContext<'_> {
        TypeContext {
            krate: self.krate,
            module: self.module,
            self_ty: &self.self_ty,
            self_path: self.self_path,
            generics: self.generics,
        }
    }

    fn resolve_written(&self, written: &crate::facts::TypeRef) -> Ty {
        self.symbols.resolve_type(written, self.context())
    }

    fn resolve_path(&self, path: &[Name]) -> Option<Resolved> {
        self.symbols
            .resolve(self.krate, self.module, path, self.self_path)
    }

    fn set(&mut self, site: SiteId, value: Site) {
        if let Some(slot) = self.sites.get_mut(site as usize) {
            *slot = value;
        }
    }

    /// Gives the pattern's bindings their types from the matched value's type. A declared
    /// type (`let x: T`, a parameter) wins, and a personal declared type makes the local a
    /// source.
    fn bind(&mut self, pattern: &Pattern, ty: &Ty) {
        for binding in &pattern.bindings {
            let local = binding.local as usize;
            let declared = self.body.locals[local]
                .ty
                .as_ref()
                .map(|written| self.resolve_written(written));
            let bound = match declared {
                Some(declared) => {
                    let parts = self.effects.personal_parts(self.symbols, &declared);
                    if !parts.is_empty() {
                        self.personal_locals.push((binding.local, parts));
                    }
                    declared
                }
                None if binding.typing.is_empty() => {
                    self.project(ty, &binding.projection, pattern.shape)
                }
                None => self.project_typing(ty, &binding.typing),
            };
            if bound != Ty::Unknown || self.local_types[local].is_unknown() {
                self.local_types[local] = bound;
            }
        }
    }

    /// The type of a pattern binding's part of a value.
    fn project(&self, ty: &Ty, projection: &[Name], shape: PatternShape) -> Ty {
        let mut current = if shape == PatternShape::Truthy {
            self.held(ty)
        } else {
            ty.clone()
        };
        for name in projection {
            current = self.symbols.field_of(&current, *name);
        }
        current
    }

    /// The type of a binding reached through a variant or a tuple struct (see
    /// [`Binding::typing`]): a variant's field on a workspace enum; unknown on another type
    /// (a library's enum), where taking the whole value's type would name the wrong methods.
    fn project_typing(&self, ty: &Ty, typing: &[TypeStep]) -> Ty {
        let mut current = ty.clone();
        // The workspace enum and the variant the last step entered.
        let mut variant: Option<(TypeId, Vec<Ty>, Name)> = None;
        for step in typing {
            current = match (*step, variant.take()) {
                (TypeStep::Field(field), Some((owner, args, name))) => {
                    self.symbols.variant_field_type(owner, name, field, &args)
                }
                (TypeStep::Field(field), None) => self.symbols.field_of(&current, field),
                (TypeStep::Held, _) => self.held(&current),
                (TypeStep::Variant(name), _) => {
                    match self.symbols.expand_alias(&current.dereferenced()) {
                        Ty::Adt(owner, args) => {
                            if self.symbols.type_facts(owner).variant(name).is_some() {
                                variant = Some((owner, args, name));
                            }
                            // A struct's own path (`Wrapper(inner)`): its fields follow.
                            current
                        }
                        _ => Ty::Unknown,
                    }
                }
                (TypeStep::Untyped, _) => Ty::Unknown,
            };
            if current.is_unknown() {
                return Ty::Unknown;
            }
        }
        current
    }

    fn block(&mut self, block: &Block) -> Ty {
        let mut last = Ty::Unknown;
        for stmt in &block.stmts {
            last = match stmt {
                Stmt::Let {
                    pattern,
                    init,
                    diverge,
                    ..
                } => {
                    let ty = init
                        .as_ref()
                        .map(|init| self.expr(init))
                        .unwrap_or_default();
                    if let Some(diverge) = diverge {
                        self.block(diverge);
                    }
                    self.bind(pattern, &ty);
                    // `let client = segment::Client::new(..)`: the client's calls hang on
                    // that crate even when its type is not known; so do the parts of a
                    // library's value (`let (sender, connection) = handshake(io).await?`).
                    if let Some(init) = init {
                        let krate = self.chain_crate(init);
                        let tokens = self.chain_tokens(init);
                        for binding in &pattern.bindings {
                            self.local_crates[binding.local as usize] = krate;
                            self.local_tokens[binding.local as usize] = tokens.clone();
                        }
                    }
                    Ty::Unknown
                }
                Stmt::Expr(expr) => self.expr(expr),
            };
        }
        last
    }

    fn exprs(&mut self, exprs: &[Expr]) -> Vec<Ty> {
        exprs.iter().map(|expr| self.expr(expr)).collect()
    }

    fn expr(&mut self, expr: &Expr) -> Ty {
        match &expr.kind {
            ExprKind::Constant | ExprKind::Bool(_) => Ty::Unknown,
            ExprKind::Str(_) => Ty::External(vec![Name::new("str")], Vec::new()),
            ExprKind::Local(local) => self.local_types[*local as usize].clone(),
            ExprKind::Path { path, site } => self.path(path, *site),
            ExprKind::Call { callee, args, site } => self.call(callee, args, *site),
            ExprKind::CallValue { callee, args } => {
                self.expr(callee);
                self.arguments(args, &Ty::Unknown, None);
                Ty::Unknown
            }
            ExprKind::MethodCall { .. } | ExprKind::Try(_) => self.chain(expr),
            ExprKind::Field { base, field, site } => {
                let base_ty = self.expr(base);
                self.field(&base_ty, *field, *site)
            }
            ExprKind::Struct {
                path,
                fields,
                rest,
                site,
            } => {
                for (_, value) in fields {
                    self.expr(value);
                }
                if let Some(rest) = rest {
                    self.expr(rest);
                }
                let ty = self.struct_type(path);
                let personal_fields = ty
                    .map(|id| self.effects.of_type(id).personal_fields.clone())
                    .unwrap_or_default();
                self.set(
                    *site,
                    Site::Struct(StructSite {
                        ty,
                        personal_fields,
                    }),
                );
                ty.map_or(Ty::Unknown, |id| Ty::Adt(id, Vec::new()))
            }
            ExprKind::Tuple(parts) => Ty::Tuple(self.exprs(parts)),
            ExprKind::Combine(parts) | ExprKind::Clean(parts) => {
                self.exprs(parts);
                Ty::Unknown
            }
            ExprKind::Not(inner) => {
                self.expr(inner);
                Ty::Unknown
            }
            ExprKind::Equal(left, right) => {
                self.expr(left);
                self.expr(right);
                Ty::Unknown
            }
            ExprKind::And(left, right) | ExprKind::Or(left, right) => {
                self.expr(left);
                self.expr(right);
                Ty::Unknown
            }
            ExprKind::Let { pattern, value } => {
                let ty = self.expr(value);
                self.bind(pattern, &ty);
                // `if let Some(sender) = weak.upgrade()`: what is taken out of a library's
                // value is the library's too.
                self.hang_on(pattern, self.chain_crate(value));
                Ty::Unknown
            }
            ExprKind::If {
                condition,
                then_branch,
                else_branch,
            } => {
                self.expr(condition);
                let then_ty = self.block(then_branch);
                let else_ty = else_branch
                    .as_ref()
                    .map(|branch| self.expr(branch))
                    .unwrap_or_default();
                if then_ty.is_unknown() {
                    else_ty
                } else {
                    then_ty
                }
            }
            ExprKind::Match { scrutinee, arms } => {
                let scrutinee_ty = self.expr(scrutinee);
                let scrutinee_crate = self.chain_crate(scrutinee);
                let mut result = Ty::Unknown;
                for arm in arms {
                    self.bind(&arm.pattern, &scrutinee_ty);
                    self.hang_on(&arm.pattern, scrutinee_crate);
                    if let Some(guard) = &arm.guard {
                        self.expr(guard);
                    }
                    let arm_ty = self.expr(&arm.body);
                    if result.is_unknown() {
                        result = arm_ty;
                    }
                }
                result
            }
            ExprKind::Block(block) => self.block(block),
            ExprKind::Loop {
                pattern,
                iterated,
                condition,
                body,
            } => {
                let iterated_ty = iterated
                    .as_ref()
                    .map(|iterated| self.expr(iterated))
                    .unwrap_or_default();
                if let Some(pattern) = pattern {
                    let element = self.element(&iterated_ty);
                    self.bind(pattern, &element);
                    // `for user in users.list()`: the elements of a library's value hang on
                    // that library, like a `let` of it.
                    if let Some(iterated) = iterated {
                        let krate = self.chain_crate(iterated);
                        self.hang_on(pattern, krate);
                    }
                }
                if let Some(condition) = condition {
                    self.expr(condition);
                }
                self.block(body);
                Ty::Unknown
            }
            ExprKind::Closure(id) => {
                self.closure(*id, &Ty::Unknown);
                Ty::Unknown
            }
            ExprKind::Assign { target, value } => {
                self.expr(target);
                self.expr(value);
                Ty::Unknown
            }
            ExprKind::Continue => Ty::Unknown,
            ExprKind::Return(value) | ExprKind::Break(value) | ExprKind::Diverge(value) => {
                if let Some(value) = value {
                    self.expr(value);
                }
                Ty::Unknown
            }
        }
    }

    /// Walks a closure once; its parameters take `parameter_ty` when it is known.
    fn closure(&mut self, id: ClosureId, parameter_ty: &Ty) {
        self.closure_with(id, |_| parameter_ty.clone());
    }

    /// Walks a closure once, its `n`th parameter typed `parameter_ty(n)`.
    fn closure_with(&mut self, id: ClosureId, parameter_ty: impl Fn(usize) -> Ty) {
        let index = id as usize;
        if self.walked_closures.get(index).copied().unwrap_or(true) {
            return;
        }
        self.walked_closures[index] = true;
        let closure = &self.body.closures[index];
        for (position, param) in closure.params.iter().enumerate() {
            self.bind(param, &parameter_ty(position));
        }
        self.expr(&closure.body);
    }

    /// Walks call arguments; closures among them get `element` for their parameters or,
    /// passed to a workspace fn (`callee`, and the position of the call's first argument
    /// among its parameters), the types its signature gives the closure it takes there
    /// (`fn update(f: impl FnOnce(&mut sentry::User))`).
    fn arguments(&mut self, args: &[Expr], element: &Ty, callee: Option<(FnId, usize)>) -> Vec<Ty> {
        args.iter()
            .enumerate()
            .map(|(position, arg)| match &arg.kind {
                ExprKind::Closure(id) => {
                    let declared = callee
                        .map(|(callee, first)| {
                            self.symbols.closure_param_types(callee, first + position)
                        })
                        .unwrap_or_default();
                    if declared.is_empty() {
                        self.closure(*id, element);
                    } else {
                        self.closure_with(*id, |n| declared.get(n).cloned().unwrap_or_default());
                    }
                    Ty::Unknown
                }
                _ => self.expr(arg),
            })
            .collect()
    }

    fn token_purposes(&mut self, types: &[&Ty]) -> Vec<String> {
        for ty in types {
            if let Some(entry) = self.configured.library_token_of(self.symbols, ty) {
                self.matched_entries.push(entry.id);
            }
        }
        let mut purposes: Vec<String> = types
            .iter()
            .filter_map(|ty| {
                self.effects
                    .token_purpose(self.symbols, self.configured, ty)
            })
            .collect();
        purposes.sort();
        purposes.dedup();
        purposes
    }

    /// The token a library call creates, when its result is a value of a dependency's type a
    /// `[[token]]` names and it did not get it from a receiver of that type already (`.clone()`
    /// copies a token, it creates none).
    fn library_token_created(
        &mut self,
        result: &Ty,
        receiver: Option<&Ty>,
    ) -> Option<TokenCreation> {
        let entry = self.configured.library_token_of(self.symbols, result)?;
        if receiver.is_some_and(|receiver| {
            self.configured
                .library_token_of(self.symbols, receiver)
                .map(|known| known.id)
                == Some(entry.id)
        }) {
            return None;
        }
        let EntryKind::Token { purpose } = &entry.kind else {
            return None;
        };
        self.matched_entries.push(entry.id);
        Some(TokenCreation {
            token: *entry.path.last()?,
            purpose: purpose.clone(),
        })
    }

    fn path(&mut self, path: &[Name], site: SiteId) -> Ty {
        let (value, ty) = match self.resolve_path(path) {
            Some(Resolved::Workspace(item)) => {
                let values = self.symbols.values_at(&item);
                if let Some(&first) = values.first() {
                    let function = self.symbols.function(first);
                    if matches!(function.owner, FnOwner::Static { .. }) {
                        let ty = self.symbols.return_type_of(first, &Ty::Unknown);
                        (PathSite::Static(values.to_vec()), ty)
                    } else {
                        (PathSite::FnItem(values.to_vec()), Ty::Unknown)
                    }
                } else if let Some(type_id) = self.symbols.type_at(&item) {
                    (PathSite::Unit(type_id), Ty::Adt(type_id, Vec::new()))
                } else {
                    self.associated_path(&item)
                }
            }
            Some(Resolved::External(external)) => (PathSite::External(external), Ty::Unknown),
            None => (PathSite::Unknown, Ty::Unknown),
        };
        self.set(site, Site::Path(value));
        ty
    }

    /// `Type::CONST`, `Type::Variant`, `Type::method` used as a value.
    fn associated_path(&self, item: &super::ItemPath) -> (PathSite, Ty) {
        let [owner @ .., name] = item.segments.as_slice() else {
            return (PathSite::Unknown, Ty::Unknown);
        };
        let owner_path = super::ItemPath {
            krate: item.krate,
            segments: owner.to_vec(),
        };
        let Some(type_id) = self.symbols.type_at(&owner_path) else {
            return (PathSite::Unknown, Ty::Unknown);
        };
        if self.symbols.type_facts(type_id).variant(*name).is_some() {
            return (PathSite::Unit(type_id), Ty::Adt(type_id, Vec::new()));
        }
        let methods = self.symbols.methods_of_type(type_id, *name);
        match methods.first() {
            Some(&first)
                if matches!(self.symbols.function(first).owner, FnOwner::Static { .. }) =>
            {
                let ty = self
                    .symbols
                    .return_type_of(first, &Ty::Adt(type_id, Vec::new()));
                (PathSite::Static(methods), ty)
            }
            Some(_) => (PathSite::FnItem(methods), Ty::Unknown),
            None => (PathSite::Unknown, Ty::Unknown),
        }
    }

    fn struct_type(&self, path: &[Name]) -> Option<TypeId> {
        match self.resolve_path(path)? {
            Resolved::Workspace(item) => self.symbols.type_at(&item).or_else(|| {
                // `Enum::Variant { .. }`.
                let [owner @ .., _] = item.segments.as_slice() else {
                    return None;
                };
                self.symbols.type_at(&super::ItemPath {
                    krate: item.krate,
                    segments: owner.to_vec(),
                })
            }),
            Resolved::External(_) => None,
        }
    }

    fn call(&mut self, callee: &[Name], args: &[Expr], site: SiteId) -> Ty {
        // `sentry::configure_scope(|scope| scope.set_user(..))`: what a library fn hands to a
        // closure hangs on that library.
        let resolved = self.resolve_path(callee);
        if let Some(Resolved::External(external)) = &resolved {
            self.hang_closures_on(args, external.first().copied());
        }
        let first_target = match &resolved {
            Some(Resolved::Workspace(item)) => self.symbols.values_at(item).first().copied(),
            _ => None,
        };
        let arg_types = self.arguments(args, &Ty::Unknown, first_target.map(|id| (id, 0)));
        let mut call = CallSite::default();
        let mut details = CallDetails::default();
        let mut result = Ty::Unknown;
        match resolved {
            Some(Resolved::Workspace(item)) => {
                let values = self.symbols.values_at(&item);
                if !values.is_empty() {
                    call.targets = values.into();
                    result = self.symbols.return_type_of(values[0], &Ty::Unknown);
                } else if let Some(type_id) = self.symbols.type_at(&item) {
                    // A tuple struct constructor.
                    call.constructs = Some(type_id);
                    result = Ty::Adt(type_id, Vec::new());
                } else if let [owner @ .., name] = item.segments.as_slice() {
                    let owner_path = super::ItemPath {
                        krate: item.krate,
                        segments: owner.to_vec(),
                    };
                    if let Some(type_id) = self.symbols.type_at(&owner_path) {
                        let type_facts = self.symbols.type_facts(type_id);
                        if type_facts.variant(*name).is_some() {
                            call.constructs = Some(type_id);
                            result = Ty::Adt(type_id, Vec::new());
                        } else if *name == "default"
                            && type_facts.derives.iter().any(|d| *d == "Default")
                        {
                            // A derived `Default` builds a value of the type.
                            call.constructs = Some(type_id);
                            result = Ty::Adt(type_id, Vec::new());
                        } else {
                            let owner_ty = Ty::Adt(type_id, Vec::new());
                            call.targets = self.symbols.methods_of_type(type_id, *name).into();
                            if call.targets.is_empty() {
                                if let TypeKind::Alias(_) = type_facts.kind {
                                    if let Ty::Adt(target, _) = self.symbols.expand_alias(&owner_ty)
                                    {
                                        call.targets =
                                            self.symbols.methods_of_type(target, *name).into();
                                    }
                                }
                            }
                            if let Some(&first) = call.targets.first() {
                                result = self.symbols.return_type_of(first, &owner_ty);
                            }
                        }
                    } else if let Some(trait_id) = self.symbols.trait_id_at(&owner_path) {
                        call.targets = self.limited(
                            self.symbols.trait_method_targets(trait_id, *name),
                            MAX_DYNAMIC_TARGETS,
                        );
                        if let Some(&first) = call.targets.first() {
                            result = self.symbols.return_type_of(first, &Ty::Unknown);
                        }
                    }
                }
            }
            Some(Resolved::External(external)) => {
                details.configured = self.configured.for_external(&external);
                result = self
                    .configured_return(&details.configured)
                    .unwrap_or_else(|| external_call_type(&external, &arg_types));
                call.creates_channel = library::is_one_of(&external, library::CHANNEL_CONSTRUCTORS);
                details.exchange = library::exchange(&external);
                call.wraps_argument = library::wraps_argument(&external);
                details.creates_token = self.library_token_created(&result, None);
                call.external = Some(external.into());
            }
            None => {
                // `T::method()` on a generic parameter: its bounds' methods.
                if let [first, name] = callee {
                    if let Some(param) = self.generics.iter().find(|p| p.name == *first) {
                        let bounds = self.symbols.resolve_type(
                            &crate::facts::TypeRef::Bounds(param.bounds.clone()),
                            self.context(),
                        );
                        if let MethodLookup::Found(found) = self.symbols.methods_of(&bounds, *name)
                        {
                            call.targets = self.limited(found, MAX_DYNAMIC_TARGETS);
                        }
                    }
                }
            }
        }
        if let Some(type_id) = call.constructs {
            // A tuple struct's generic value: `Wrapper(phone)` holds what went in.
            if self.symbols.type_facts(type_id).generics.len() == 1 {
                if let Some(arg) = arg_types.first() {
                    result = Ty::Adt(type_id, vec![arg.clone()]);
                }
            }
        }
        details.personal_return = self.effects.personal_parts(self.symbols, &result);
        let inputs: Vec<&Ty> = arg_types.iter().collect();
        details.token_purposes = self.token_purposes(&inputs);
        call.set_details(details);
        self.set(site, Site::Call(call));
        result
    }

    /// A chain of method calls and `?` (`a.b()?.c()`), resolved in a loop from its innermost
    /// receiver outwards: machine-made chains run to hundreds of thousands of links, and one
    /// recursion per link would need a stack as deep.
    fn chain(&mut self, expr: &Expr) -> Ty {
        let mut links: Vec<&Expr> = Vec::new();
        let mut innermost = expr;
        loop {
            match &innermost.kind {
                ExprKind::MethodCall { receiver, .. } => {
                    links.push(innermost);
                    innermost = receiver;
                }
                ExprKind::Try(inner) => {
                    links.push(innermost);
                    innermost = inner;
                }
                _ => break,
            }
        }
        let mut ty = self.expr(innermost);
        for link in links.into_iter().rev() {
            ty = match &link.kind {
                ExprKind::MethodCall {
                    receiver,
                    method,
                    args,
                    site,
                    ..
                } => self.method_call(receiver, ty, *method, args, *site),
                _ => self.held(&ty),
            };
        }
        ty
    }

    /// A method call on `receiver`, whose type `receiver_ty` is known already.
    fn method_call(
        &mut self,
        receiver: &Expr,
        receiver_ty: Ty,
        method: Name,
        args: &[Expr],
        site: SiteId,
    ) -> Ty {
        let library = library::method(method);
        // What the call's closures are given: the elements of a sequence, or what an
        // Option-like value holds (`Option::map`, `LocalKey::with`).
        let held = self.held(&receiver_ty);
        let element = match self.element(&receiver_ty) {
            Ty::Unknown if library.is_some_and(|row| row.closure_takes_held) => held,
            element => element,
        };
        // `users.iter().map(|user| user.name())` on a library's value: the closure's
        // parameters hang on that library.
        let receiver_crate = self.chain_crate(receiver);
        self.hang_closures_on(args, receiver_crate);
        let lookup = self.symbols.methods_of(&receiver_ty, method);
        let arg_types = if matches!(method.as_str(), "fold" | "try_fold") {
            // `fold(init, |accumulator, element| ..)`.
            let mut types = Vec::new();
            for arg in args {
                match &arg.kind {
                    ExprKind::Closure(id) => {
                        self.fold_closure(*id, &element);
                        types.push(Ty::Unknown);
                    }
                    _ => types.push(self.expr(arg)),
                }
            }
            types
        } else {
            let first_target = match &lookup {
                MethodLookup::Found(targets) => targets.first().copied(),
                _ => None,
            };
            self.arguments(args, &element, first_target.map(|id| (id, 1)))
        };
        let mut call = CallSite::default();
        let mut details = CallDetails::default();
        let mut result = Ty::Unknown;
        match lookup {
            MethodLookup::Found(targets) => {
                if let Some(&first) = targets.first() {
                    result = self
                        .symbols
                        .return_type_of(first, &receiver_ty.dereferenced());
                }
                call.targets = self.limited(targets, MAX_DYNAMIC_TARGETS);
                // A generic, `impl` or `dyn` receiver bounded by a library's trait
                // (`C: segment::Client`): the trait's methods as the config names them.
                if let Ty::Bounds(bounds) = self.symbols.expand_alias(&receiver_ty.dereferenced()) {
                    for bound in bounds {
                        if let TraitBound::External(mut path) = bound {
                            path.push(method);
                            let entries = self.configured.for_external(&path);
                            if !entries.is_empty() {
                                details.configured.extend(entries);
                                call.external.get_or_insert_with(|| path.into());
                            }
                        }
                    }
                }
            }
            MethodLookup::External(mut path) => {
                path.push(method);
                details.configured = self.configured.for_external(&path);
                if let Some(returned) = self
                    .configured_return(&details.configured)
                    .or_else(|| builder_product(&path))
                {
                    result = returned;
                }
                call.external = Some(path.into());
            }
            MethodLookup::Unknown => {
                call.targets = self.by_name_candidates(method, args.len(), receiver_crate, library);
                call.by_name = !call.targets.is_empty();
                // A receiver built from a library's items: its methods as the config names
                // them (`segment::Client::new(..).track(..)`). Not `.await`, which every
                // future of the library has: an awaited builder (`surf::RequestBuilder::await`)
                // is matched by its type, never by its crate alone.
                if let Some(krate) = receiver_crate {
                    if method != "await" {
                        details.configured = self.configured.for_crate_method(krate, method);
                    }
                }
                if let [first, ..] = &call.targets[..] {
                    if call.targets.len() == 1 {
                        result = self.symbols.return_type_of(*first, &Ty::Unknown);
                    }
                }
            }
        }
        if result.is_unknown() && call.targets.is_empty() {
            result = self.library_result(library, &receiver_ty);
        }
        call.library = library;
        details.channel = self.channel_op(library, &receiver_ty);
        if call.external.is_some() && call.targets.is_empty() {
            details.creates_token = self.library_token_created(&result, Some(&receiver_ty));
        }
        details.personal_return = if call.targets.is_empty() {
            PersonalParts::default()
        } else {
            self.effects.personal_parts(self.symbols, &result)
        };
        let mut inputs: Vec<&Ty> = vec![&receiver_ty];
        inputs.extend(arg_types.iter());
        details.token_purposes = self.token_purposes(&inputs);
        // What a token's method makes (a builder: `client.post_metrics()`) exists only where
        // the token does, and carries its consent down the chain.
        for purpose in self.chain_tokens(receiver) {
            if !details.token_purposes.contains(&purpose) {
                details.token_purposes.push(purpose);
            }
        }
        details.token_purposes.sort();
        if let Some(chain) = self.site_chains.get_mut(site as usize) {
            *chain = Chain {
                krate: receiver_crate.or_else(|| call.external.as_ref()?.first().copied()),
                tokens: details.token_purposes.clone(),
            };
        }
        call.set_details(details);
        self.set(site, Site::Call(call));
        result
    }

    /// The crate an expression's chain of calls starts at, when it starts at a library item
    /// (`segment::Client::new(..)`, `reqwest::get(..)`), or else at a method of a library's
    /// type (`self.agent.post(..)` on a `ureq::Agent` field).
    fn chain_crate(&self, expr: &Expr) -> Option<Name> {
        match &expr.kind {
            ExprKind::MethodCall { site, .. } => self.site_chains.get(*site as usize)?.krate,
            ExprKind::Field { base, .. } | ExprKind::Try(base) => self.chain_crate(base),
            ExprKind::Local(local) => self.local_crates.get(*local as usize).copied().flatten(),
            ExprKind::Call { site, .. } | ExprKind::Path { site, .. } => {
                match self.sites.get(*site as usize) {
                    Some(Site::Call(call)) => call.external.as_ref()?.first().copied(),
                    Some(Site::Path(PathSite::External(path))) => path.first().copied(),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The purposes of the consent tokens an expression's value was made from by a chain of
    /// method calls (`client.post_metrics().client_id(id)` on a token `client`).
    fn chain_tokens(&self, expr: &Expr) -> Vec<String> {
        match &expr.kind {
            ExprKind::MethodCall { site, .. } => self
                .site_chains
                .get(*site as usize)
                .map(|chain| chain.tokens.clone())
                .unwrap_or_default(),
            ExprKind::Try(inner) => self.chain_tokens(inner),
            ExprKind::Local(local) => self
                .local_tokens
                .get(*local as usize)
                .cloned()
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// The workspace methods a call on a receiver of unknown type may reach, by its name and
    /// its number of arguments (Rust has neither overloading nor default arguments: a
    /// `fn send(self)` is never what `sender.send(event)` calls):
    ///
    /// - none when the receiver's chain starts at a library's item (`Url::parse(..)?.join(p)`
    ///   is the library's `join`, whatever the workspace calls `join`);
    /// - only annotated ones (a sink, source, check) for a name std's types have (`map`,
    ///   `collect`, `get`, `send`: the receiver is far likelier an `Iterator` or `Option`);
    /// - else every annotated one, and the unannotated ones too when there are few: `.next()`
    ///   or `.visit()` on an unknown receiver would otherwise reach every impl in the
    ///   workspace and tie them all into one component of the call graph.
    fn by_name_candidates(
        &self,
        method: Name,
        arguments: usize,
        receiver_crate: Option<Name>,
        library: Option<&LibraryMethod>,
    ) -> Box<[FnId]> {
        if receiver_crate.is_some() {
            return Box::default();
        }
        // Methods only: every parameter but `self` is an argument.
        let candidates: Vec<FnId> = self
            .symbols
            .methods_named(method)
            .iter()
            .copied()
            .filter(|&id| self.symbols.function(id).params.len() == arguments + 1)
            .collect();
        if library.is_some() {
            // Not even an unannotated trait's declaration: `guard.push(x)` on an unknown
            // receiver is a `Vec`'s far likelier than the workspace's `Sorter::push`.
            return candidates
                .into_iter()
                .filter(|&id| self.effects.of_fn(id).is_annotated())
                .collect();
        }
        self.limited(candidates, MAX_UNANNOTATED_BY_NAME)
    }

    /// The type of a well-known method's result on a receiver of a known type.
    fn library_result(&self, library: Option<&LibraryMethod>, receiver: &Ty) -> Ty {
        let Some(row) = library else {
            return Ty::Unknown;
        };
        if receiver.is_unknown() {
            return Ty::Unknown;
        }
        match row.returns {
            Returns::Same => receiver.clone(),
            Returns::Held => self.held(receiver),
            Returns::Guarded => {
                let receiver = self.symbols.expand_alias(receiver);
                receiver.lock_result().unwrap_or_else(|| receiver.held())
            }
            Returns::Element => match self.element(receiver) {
                Ty::Unknown => self.held(receiver),
                element => element.wrapped_in("Option"),
            },
            Returns::Text => Ty::External(vec![Name::new("String")], Vec::new()),
            Returns::Unknown => Ty::Unknown,
        }
    }

    /// What a method call does to a channel: on a receiver known to be a channel end, what
    /// the method is there; on a receiver of unknown type, what its name alone says (`send`).
    fn channel_op(&self, library: Option<&LibraryMethod>, receiver: &Ty) -> Option<ChannelOp> {
        let row = library?;
        let is_end = match self.symbols.expand_alias(&receiver.dereferenced()) {
            Ty::External(path, _) => path
                .last()
                .is_some_and(|name| library::CHANNEL_ENDS.contains(&name.as_str())),
            Ty::Unknown => return row.channel.filter(|_| row.channel_by_name),
            _ => false,
        };
        row.channel.filter(|_| is_end)
    }

    /// What `.unwrap()`, `?`, `.lock()` or `.borrow()` yields (through type aliases).
    fn held(&self, ty: &Ty) -> Ty {
        self.symbols.expand_alias(ty).held()
    }

    /// What iterating over a value of this type yields (through type aliases).
    fn element(&self, ty: &Ty) -> Ty {
        self.symbols.expand_alias(ty).element()
    }

    /// Keeps every annotated candidate and trait declaration (which carries what its impls
    /// inherit), and the others only when there are at most `limit` candidates in all.
    /// Dispatch through a trait with dozens of impls (rayon's `Folder`) would otherwise tie
    /// them all into one component of the call graph, walked again and again.
    fn limited(&self, candidates: Vec<FnId>, limit: usize) -> Box<[FnId]> {
        if candidates.len() <= limit {
            return candidates.into();
        }
        candidates
            .into_iter()
            .filter(|&id| {
                matches!(self.symbols.function(id).owner, FnOwner::Trait { .. })
                    || self.effects.of_fn(id).is_annotated()
            })
            .collect()
    }

    /// Marks the bindings of a pattern as holding values of library `krate` (see
    /// `chain_crate`), unless they already hang on one.
    fn hang_on(&mut self, pattern: &Pattern, krate: Option<Name>) {
        let Some(krate) = krate else {
            return;
        };
        for binding in &pattern.bindings {
            if let Some(slot) = self.local_crates.get_mut(binding.local as usize) {
                slot.get_or_insert(krate);
            }
        }
    }

    /// The parameters of the closures among `args` hang on library `krate`.
    fn hang_closures_on(&mut self, args: &[Expr], krate: Option<Name>) {
        if krate.is_none() {
            return;
        }
        for arg in args {
            if let ExprKind::Closure(id) = &arg.kind {
                let body = self.body;
                if let Some(closure) = body.closures.get(*id as usize) {
                    for param in &closure.params {
                        self.hang_on(param, krate);
                    }
                }
            }
        }
    }

    /// The type a catalog `[[returns]]` gives a library call.
    fn configured_return(&mut self, entries: &[Arc<Entry>]) -> Option<Ty> {
        let (id, type_path) = entries.iter().find_map(|entry| match &entry.kind {
            EntryKind::Returns { type_path } => Some((entry.id, type_path)),
            _ => None,
        })?;
        // Used here, whether or not the body is walked.
        self.matched_entries.push(id);
        Some(Ty::External(type_path.clone(), Vec::new()))
    }

    fn fold_closure(&mut self, id: ClosureId, element: &Ty) {
        let index = id as usize;
        if self.walked_closures.get(index).copied().unwrap_or(true) {
            return;
        }
        self.walked_closures[index] = true;
        let closure = &self.body.closures[index];
        for (position, param) in closure.params.iter().enumerate() {
            let ty = if position == 1 {
                element.clone()
            } else {
                Ty::Unknown
            };
            self.bind(param, &ty);
        }
        self.expr(&closure.body);
    }

    fn field(&mut self, base_ty: &Ty, field: Name, site: SiteId) -> Ty {
        let mut info = FieldSite::default();
        let mut annotations = FieldAnnotations::default();
        let mut ty = Ty::Unknown;
        match self.symbols.expand_alias(&base_ty.dereferenced()) {
            Ty::Adt(id, args) => {
                let facts = self.symbols.type_facts(id);
                if let Some(index) = facts.fields.iter().position(|f| f.name == field) {
                    ty = self.symbols.field_type(id, index, &args);
                    let field_effects = &self.effects.of_type(id).fields[index];
                    info.owner = Some(id);
                    annotations.personal = field_effects.personal.clone();
                    let parts = self.effects.personal_parts(self.symbols, &ty);
                    annotations.personal.extend(parts.whole);
                    annotations.inner_fields = parts.fields;
                    annotations.check = field_effects.check.clone();
                }
            }
            Ty::Tuple(elements) => {
                if let Some(element) = field
                    .as_str()
                    .parse::<usize>()
                    .ok()
                    .and_then(|index| elements.get(index))
                {
                    ty = element.clone();
                    annotations.personal = self.effects.personal_categories(self.symbols, &ty);
                }
            }
            Ty::External(mut path, _) => {
                info.library_owner = LibraryType::of(&path);
                // A dependency's field a `[[source]]` or `[[check]]` names.
                path.push(field);
                for entry in self.configured.for_external(&path) {
                    match &entry.kind {
                        EntryKind::Source { categories } => {
                            annotations.personal.extend(categories.iter().cloned())
                        }
                        EntryKind::Check { arg: None, .. } => {
                            annotations.check = Configured::check_spec(&entry).map(Arc::new)
                        }
                        _ => continue,
                    }
                    self.matched_entries.push(entry.id);
                }
            }
            Ty::Unknown => {
                // Any field of this name that code here can read: the annotated ones decide.
                for &(type_id, index) in self.symbols.fields_named(field) {
                    if !self
                        .symbols
                        .field_visible_from(type_id, index, self.krate, self.module)
                    {
                        continue;
                    }
                    let field_effects = &self.effects.of_type(type_id).fields[index];
                    if !field_effects.personal.is_empty() || field_effects.check.is_some() {
                        info.by_name = true;
                    }
                    annotations
                        .personal
                        .extend(field_effects.personal.iter().cloned());
                    if annotations.check.is_none() {
                        annotations.check = field_effects.check.clone();
                    }
                }
            }
            _ => {}
        }
        annotations.personal.sort();
        annotations.personal.dedup();
        info.set_annotations(annotations);
        self.set(site, Site::Field(info));
        ty
    }
}

/// Result types of common std constructors, so `Box::new(x)`, `Some(x)` and `Arc::new(x)`
/// keep what they hold.
fn external_call_type(path: &[Name], args: &[Ty]) -> Ty {
    let first = args.first().cloned().unwrap_or_default();
    let last = path.last().map(|name| name.as_str()).unwrap_or_default();
    let owner = path
        .len()
        .checked_sub(2)
        .map(|index| path[index].as_str())
        .unwrap_or_default();
    match (owner, last) {
        ("", "Some") => first.wrapped_in("Option"),
        ("", "Ok") => first.wrapped_in("Result"),
        (
            "Box" | "Rc" | "Arc" | "Mutex" | "RwLock" | "RefCell" | "Cell" | "OnceCell",
            "new" | "from",
        ) => first.wrapped_in(owner),
        ("String", _) => Ty::External(vec![Name::new("String")], Vec::new()),
        // `Type::new(..)` and `Type::default()` build a `Type`, and `Type::builder()` a
        // `TypeBuilder`, by convention.
        (_, "new" | "default") if path.len() >= 2 => {
            Ty::External(path[..path.len() - 1].to_vec(), Vec::new())
        }
        (_, "builder") if path.len() >= 2 => {
            let mut builder = path[..path.len() - 1].to_vec();
            builder.push(Name::new(&format!("{owner}Builder")));
            Ty::External(builder, Vec::new())
        }
        _ => Ty::Unknown,
    }
}

/// What a library builder's `build()` makes, by convention: `segment::AutoBatcherBuilder::build`
/// makes a `segment::AutoBatcher` (`path` ends with the method).
fn builder_product(path: &[Name]) -> Option<Ty> {
    let [module @ .., owner, method] = path else {
        return None;
    };
    let built = owner.as_str().strip_suffix("Builder")?;
    if *method != "build" || built.is_empty() {
        return None;
    }
    let mut product = module.to_vec();
    product.push(Name::new(built));
    Some(Ty::External(product, Vec::new()))
}
#[cfg(test)]
mod tests {
    use super::*;

    /// A large program has hundreds of thousands of sites, each kept until its fn is walked:
    /// what a few have is boxed apart ([`CallSite::details`], [`FieldSite::annotations`]).
    #[test]
    fn a_site_stays_small() {
        assert!(
            std::mem::size_of::<Site>() <= 64,
            "{}",
            std::mem::size_of::<Site>()
        );
    }
}
