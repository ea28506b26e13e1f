//! Effects: what each annotated item means to the analysis, digested once from its
//! annotations (and, for a trait method implementation, from its trait's declaration).

use std::sync::Arc;

use rayon::prelude::*;

use super::configured::{Configured, Target};
use super::types::Ty;
use super::{FnId, Symbols, TypeId};
use crate::config::{Entry, EntryKind};
use crate::facts::{AnnotationKind, Polarity};

/// Where personal data goes when a sink is called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SinkSpec {
    pub recipient: String,
    pub purpose: String,
    /// Parameter names or positions that count; `None`: all of them, `self` included.
    pub args: Option<Vec<String>>,
    /// The sink as a reader writes it, e.g. `ParentCompany::report_metrics`.
    pub callee: String,
}

/// A consent check or opt-out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckSpec {
    pub polarity: Polarity,
    /// `None`: the check covers every purpose.
    pub purpose: Option<String>,
    pub recipient: Option<String>,
    /// Every share for the purpose needs this check (or another required one): the purpose's
    /// other checks alone do not guard (`required = true` in the config).
    pub required: bool,
}

/// What calling a fn (or reading a static) means.
#[derive(Debug, Clone, Default)]
pub struct FnEffects {
    /// Categories of personal data its result carries, from `#[consent::personal]`.
    pub personal: Vec<String>,
    pub sinks: Vec<Arc<SinkSpec>>,
    pub check: Option<Arc<CheckSpec>>,
    pub declassify: bool,
    /// Purposes callers must have checked (`#[consent::requires]`).
    pub requires: Vec<String>,
}

impl FnEffects {
    /// Whether the fn means anything to the analysis: a source, sink, check, declassifier or
    /// `requires` fn.
    pub fn is_annotated(&self) -> bool {
        !self.sinks.is_empty()
            || !self.personal.is_empty()
            || self.check.is_some()
            || self.declassify
            || !self.requires.is_empty()
    }
}

/// Where a value of some type holds personal data: all of it, or some fields (a struct with
/// `#[personal]` fields, or fields of personal types), by field path.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonalParts {
    pub whole: Vec<String>,
    pub fields: Vec<(Vec<crate::names::Name>, Vec<String>)>,
}

impl PersonalParts {
    pub fn is_empty(&self) -> bool {
        self.whole.is_empty() && self.fields.is_empty()
    }
}

/// How deep personal fields of nested structs are looked for.
const MAX_FIELD_DEPTH: usize = 3;

/// What a type means.
#[derive(Debug, Clone, Default)]
pub struct TypeEffects {
    /// Every value of the type is personal data of these categories.
    pub personal: Vec<String>,
    /// The type is a consent token for this purpose.
    pub token: Option<String>,
    pub fields: Vec<FieldEffects>,
    /// The fields (by path, nested structs included) that hold personal data.
    pub personal_fields: Vec<(Vec<crate::names::Name>, Vec<String>)>,
}

#[derive(Debug, Clone, Default)]
pub struct FieldEffects {
    pub personal: Vec<String>,
    pub check: Option<Arc<CheckSpec>>,
}

/// The digested annotations of the whole scan, indexed like [`Symbols`].
pub struct Effects {
    pub fns: Vec<FnEffects>,
    pub types: Vec<TypeEffects>,
    /// Some type's values are personal data. A scan configured by paths alone has none, and
    /// then no type needs taking apart to learn that it holds none.
    personal_types: bool,
    /// Some type's values are, or have fields that are, personal data.
    types_hold_personal: bool,
    /// Some workspace type is a consent token.
    token_types: bool,
}

impl Effects {
    /// The effects of every item: its annotations, and the config entries that name it.
    pub fn build(symbols: &Symbols<'_>, configured: &Configured) -> Effects {
        // Each fn's and type's effects depend on its own facts only: worked out in parallel,
        // collected in order.
        let mut types: Vec<TypeEffects> = (0..symbols.type_count() as u32)
            .into_par_iter()
            .map(|index| type_effects(symbols, TypeId(index)))
            .collect();
        let mut own: Vec<FnEffects> = symbols
            .par_fns()
            .map(|id| fn_effects(symbols, id))
            .collect();
        for (entry, targets) in &configured.workspace {
            for target in targets {
                match *target {
                    Target::Fn(id) => {
                        let callee = own_callee_name(symbols, id);
                        apply_to_fn(&mut own[id.0 as usize], entry, callee);
                    }
                    Target::Type(id) => apply_to_type(&mut types[id.0 as usize], entry),
                    Target::Field(id, index) => {
                        apply_to_field(&mut types[id.0 as usize].fields[index], entry)
                    }
                }
            }
        }
        // An implementation inherits what its trait's declaration says.
        let fns = symbols
            .par_fns()
            .map(|id| {
                let mut effects = own[id.0 as usize].clone();
                if let (Some(trait_id), Some(_)) = symbols.method_owner(id) {
                    let declaration = symbols
                        .trait_methods(trait_id, symbols.function(id).name)
                        .and_then(|methods| methods.declaration);
                    if let Some(declaration) = declaration {
                        effects.inherit(&own[declaration.0 as usize]);
                    }
                }
                effects
            })
            .collect();
        let mut effects = Effects {
            personal_types: types.iter().any(|ty| !ty.personal.is_empty()),
            types_hold_personal: false,
            token_types: types.iter().any(|ty| ty.token.is_some()),
            fns,
            types,
        };
        let personal_fields: Vec<_> = (0..symbols.type_count() as u32)
            .into_par_iter()
            .map(|index| effects.find_personal_fields(symbols, TypeId(index), 0))
            .collect();
        for (type_effects, fields) in effects.types.iter_mut().zip(personal_fields) {
            type_effects.personal_fields = fields;
        }
        effects.types_hold_personal = effects.personal_types
            || effects
                .types
                .iter()
                .any(|ty| !ty.personal_fields.is_empty());
        effects
    }

    fn find_personal_fields(
        &self,
        symbols: &Symbols<'_>,
        id: TypeId,
        depth: usize,
    ) -> Vec<(Vec<crate::names::Name>, Vec<String>)> {
        let mut found = Vec::new();
        if depth >= MAX_FIELD_DEPTH {
            return found;
        }
        let facts = symbols.type_facts(id);
        for (index, field) in facts.fields.iter().enumerate() {
            let field_ty = symbols.field_type(id, index, &[]);
            let mut categories = self.of_type(id).fields[index].personal.clone();
            categories.extend(self.personal_categories(symbols, &field_ty));
            categories.sort();
            categories.dedup();
            if !categories.is_empty() {
                found.push((vec![field.name], categories));
                continue;
            }
            if let Ty::Adt(inner, _) = symbols.expand_alias(&field_ty) {
                if inner != id {
                    for (mut path, categories) in
                        self.find_personal_fields(symbols, inner, depth + 1)
                    {
                        path.insert(0, field.name);
                        found.push((path, categories));
                    }
                }
            }
        }
        found
    }

    /// Where values of `ty` hold personal data.
    pub fn personal_parts(&self, symbols: &Symbols<'_>, ty: &Ty) -> PersonalParts {
        if !self.types_hold_personal {
            return PersonalParts::default();
        }
        let whole = self.personal_categories(symbols, ty);
        let fields = match symbols.expand_alias(&ty.dereferenced()) {
            Ty::Adt(id, _) if whole.is_empty() => self.of_type(id).personal_fields.clone(),
            _ => Vec::new(),
        };
        PersonalParts { whole, fields }
    }

    pub fn of_fn(&self, id: FnId) -> &FnEffects {
        &self.fns[id.0 as usize]
    }

    pub fn of_type(&self, id: TypeId) -> &TypeEffects {
        &self.types[id.0 as usize]
    }

    /// The categories of personal data every value of `ty` carries (`Phone`,
    /// `Option<Phone>`, `Vec<(Phone, u32)>`, an alias of a personal type).
    pub fn personal_categories(&self, symbols: &Symbols<'_>, ty: &Ty) -> Vec<String> {
        let mut categories = Vec::new();
        if !self.personal_types {
            return categories;
        }
        self.collect_personal(symbols, ty, &mut categories, 0);
        categories.sort();
        categories.dedup();
        categories
    }

    fn collect_personal(
        &self,
        symbols: &Symbols<'_>,
        ty: &Ty,
        out: &mut Vec<String>,
        depth: usize,
    ) {
        if depth > 8 {
            return;
        }
        match ty {
            Ty::Adt(id, args) => {
                out.extend(self.of_type(*id).personal.iter().cloned());
                let expanded = symbols.expand_alias(ty);
                if &expanded != ty {
                    self.collect_personal(symbols, &expanded, out, depth + 1);
                }
                for arg in args {
                    self.collect_personal(symbols, arg, out, depth + 1);
                }
            }
            Ty::External(_, args) | Ty::Tuple(args) => {
                for arg in args {
                    self.collect_personal(symbols, arg, out, depth + 1);
                }
            }
            Ty::Slice(element) => self.collect_personal(symbols, element, out, depth + 1),
            Ty::Bounds(_) | Ty::Unknown => {}
        }
    }

    /// Some type is a consent token: a workspace type, or a dependency's a `[[token]]` names.
    /// Without one, no type needs taking apart to learn that it holds none.
    fn may_be_token(&self, configured: &Configured) -> bool {
        self.token_types || configured.has_library_tokens()
    }

    /// The purpose of the token a value of `ty` is (`Tracker`, `&Tracker`, `Arc<Tracker>`,
    /// or a dependency's type a `[[token]]` names).
    pub fn token_purpose(
        &self,
        symbols: &Symbols<'_>,
        configured: &Configured,
        ty: &Ty,
    ) -> Option<String> {
        if !self.may_be_token(configured) {
            return None;
        }
        if let Some(entry) = configured.library_token_of(symbols, ty) {
            return match &entry.kind {
                EntryKind::Token { purpose } => Some(purpose.clone()),
                _ => None,
            };
        }
        match symbols.expand_alias(&ty.dereferenced()) {
            Ty::Adt(id, _) => self.of_type(id).token.clone(),
            _ => None,
        }
    }

    /// The purposes of the tokens a value of `ty` holds: it is one, or one of its fields is
    /// (a client built around a token exists only where the token does).
    pub fn held_token_purposes(
        &self,
        symbols: &Symbols<'_>,
        configured: &Configured,
        ty: &Ty,
    ) -> Vec<String> {
        if !self.may_be_token(configured) {
            return Vec::new();
        }
        let mut purposes: Vec<String> = self
            .token_purpose(symbols, configured, ty)
            .into_iter()
            .collect();
        if let Ty::Adt(id, args) = symbols.expand_alias(&ty.dereferenced()) {
            for index in 0..symbols.type_facts(id).fields.len() {
                let field_ty = symbols.field_type(id, index, &args);
                purposes.extend(self.token_purpose(symbols, configured, &field_ty));
            }
        }
        purposes.sort();
        purposes.dedup();
        purposes
    }
}

impl FnEffects {
    fn inherit(&mut self, declaration: &FnEffects) {
        for category in &declaration.personal {
            if !self.personal.contains(category) {
                self.personal.push(category.clone());
            }
        }
        for sink in &declaration.sinks {
            if !self.sinks.contains(sink) {
                self.sinks.push(sink.clone());
            }
        }
        if self.check.is_none() {
            self.check = declaration.check.clone();
        }
        self.declassify |= declaration.declassify;
        for purpose in &declaration.requires {
            if !self.requires.contains(purpose) {
                self.requires.push(purpose.clone());
            }
        }
    }
}

/// What a config entry naming a fn adds to it (`[[allow]]` is applied where findings are).
fn apply_to_fn(effects: &mut FnEffects, entry: &Entry, callee: String) {
    match &entry.kind {
        EntryKind::Source { categories } => {
            effects.personal.extend(categories.iter().cloned());
            effects.personal.sort();
            effects.personal.dedup();
        }
        EntryKind::Sink {
            recipient,
            purpose,
            args,
        } => effects.sinks.push(Arc::new(SinkSpec {
            recipient: recipient.clone(),
            purpose: purpose.clone(),
            args: args.clone(),
            callee,
        })),
        EntryKind::Check { .. } => effects.check = Configured::check_spec(entry).map(Arc::new),
        EntryKind::Requires { purpose } => effects.requires.push(purpose.clone()),
        EntryKind::Declassify => effects.declassify = true,
        _ => {}
    }
}

fn apply_to_type(effects: &mut TypeEffects, entry: &Entry) {
    match &entry.kind {
        EntryKind::Source { categories } => effects.personal.extend(categories.iter().cloned()),
        EntryKind::Token { purpose } => effects.token = Some(purpose.clone()),
        _ => {}
    }
}

fn apply_to_field(effects: &mut FieldEffects, entry: &Entry) {
    match &entry.kind {
        EntryKind::Source { categories } => effects.personal.extend(categories.iter().cloned()),
        EntryKind::Check { .. } => effects.check = Configured::check_spec(entry).map(Arc::new),
        _ => {}
    }
}

/// `Type::method` or `function`, as a sink's callee is shown.
fn own_callee_name(symbols: &Symbols<'_>, id: FnId) -> String {
    let function = symbols.function(id);
    // A trait's own declaration has no implementing type: `Trait::method`.
    match symbols.method_owner(id) {
        (Some(_), Some(type_id)) => {
            format!("{}::{}", symbols.type_facts(type_id).name, function.name)
        }
        _ => function.display_name(),
    }
}

fn check_spec(kind: &AnnotationKind) -> Option<Arc<CheckSpec>> {
    match kind {
        AnnotationKind::Check {
            polarity,
            purpose,
            recipient,
        } => Some(Arc::new(CheckSpec {
            polarity: *polarity,
            purpose: purpose.clone(),
            recipient: recipient.clone(),
            required: false,
        })),
        _ => None,
    }
}

fn fn_effects(symbols: &Symbols<'_>, id: FnId) -> FnEffects {
    let function = symbols.function(id);
    let mut effects = FnEffects::default();
    let callee = own_callee_name(symbols, id);
    for annotation in &function.annotations {
        match &annotation.kind {
            AnnotationKind::Personal { categories } => {
                effects.personal.extend(categories.iter().cloned());
            }
            AnnotationKind::Shares {
                recipient,
                purpose,
                args,
            } => effects.sinks.push(Arc::new(SinkSpec {
                recipient: recipient.clone(),
                purpose: purpose.clone(),
                args: args.clone(),
                callee: callee.clone(),
            })),
            kind @ AnnotationKind::Check { .. } => effects.check = check_spec(kind),
            AnnotationKind::Declassify => effects.declassify = true,
            AnnotationKind::Requires { purpose } => effects.requires.push(purpose.clone()),
            AnnotationKind::Token { .. } | AnnotationKind::Allow { .. } => {}
        }
    }
    effects.personal.sort();
    effects.personal.dedup();
    effects
}

fn type_effects(symbols: &Symbols<'_>, id: TypeId) -> TypeEffects {
    let facts = symbols.type_facts(id);
    let mut effects = TypeEffects::default();
    for annotation in &facts.annotations {
        match &annotation.kind {
            AnnotationKind::Personal { categories } => {
                effects.personal.extend(categories.iter().cloned())
            }
            AnnotationKind::Token { purpose } => effects.token = Some(purpose.clone()),
            _ => {}
        }
    }
    effects.fields = facts
        .fields
        .iter()
        .map(|field| {
            let mut field_effects = FieldEffects::default();
            for annotation in &field.annotations {
                match &annotation.kind {
                    AnnotationKind::Personal { categories } => {
                        field_effects.personal.extend(categories.iter().cloned())
                    }
                    kind @ AnnotationKind::Check { .. } => field_effects.check = check_spec(kind),
                    _ => {}
                }
            }
            field_effects
        })
        .collect();
    effects
}
