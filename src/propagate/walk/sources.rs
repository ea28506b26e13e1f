//! Where personal data is produced: annotated and configured sources, values of personal
//! types, and (with `possible_personal_data`) names that suggest personal data.

use crate::facts::body::{Body, LocalId, SiteId};
use crate::names::Name;
use crate::propagate::summary::{Construction, Obligation, ObligationKind, SourceInfo, SourceKind};
use crate::propagate::value::{Label, SourceId, Steps, Taint, Value};
use crate::resolve::effects::PersonalParts;
use crate::resolve::sites::Site;
use crate::source::TextSpan;

use super::checks::answers_only;
use super::Walker;

impl<'a> Walker<'_, 'a> {
    /// Locals declared with a personal type, or a type with personal fields, hold sources.
    pub(super) fn declared_sources(&mut self, locals: &[LocalId]) {
        for (local, parts) in &self.sites.personal_locals {
            if !locals.contains(local) {
                continue;
            }
            let declared = &self.body.locals[*local as usize];
            let (name, span) = (declared.name, declared.span);
            let mut value = std::mem::take(&mut self.state.env[*local as usize]);
            self.add_personal_parts(&mut value, parts, SourceKind::Declared(name), span);
            self.state.env[*local as usize] = value;
        }
    }

    /// Adds the sources a value of a type with personal parts carries: the whole value, or
    /// the fields that hold personal data (so the other fields stay clean).
    pub(super) fn add_personal_parts(
        &mut self,
        value: &mut Value,
        parts: &PersonalParts,
        whole_kind: SourceKind,
        span: TextSpan,
    ) {
        if !parts.whole.is_empty() {
            let source = self.source(&parts.whole, whole_kind, span);
            value.add_taint(&source);
        }
        self.add_personal_fields(value, &parts.fields, span);
    }

    pub(super) fn add_personal_fields(
        &mut self,
        value: &mut Value,
        fields: &[(Vec<Name>, Vec<String>)],
        span: TextSpan,
    ) {
        for (path, categories) in fields {
            let Some(&last) = path.last() else {
                continue;
            };
            let source = self.new_source(categories, SourceKind::Field(last), span, true);
            let mut field = value.project(path).data_only();
            field.add_taint(&source);
            value.set_path(path, field);
        }
    }

    pub(super) fn source(
        &mut self,
        categories: &[String],
        kind: SourceKind,
        span: TextSpan,
    ) -> Taint {
        self.new_source(categories, kind, span, false)
    }

    pub(super) fn new_source(
        &mut self,
        categories: &[String],
        kind: SourceKind,
        span: TextSpan,
        implied: bool,
    ) -> Taint {
        let suspected = matches!(kind, SourceKind::Suspected(_));
        let info = SourceInfo {
            categories: categories.to_vec(),
            kind,
            span,
        };
        let index = match self.outcome.sources.iter().position(|known| known == &info) {
            Some(index) => index,
            None => {
                self.outcome.sources.push(info);
                self.outcome.sources.len() - 1
            }
        };
        Taint::single(
            Label::Source(SourceId {
                function: self.id,
                index: index as u32,
                implied,
                suspected,
            }),
            Steps::default(),
        )
    }

    /// A suspected source, when `possible_personal_data` is on and `name` suggests personal
    /// data of a type that can hold some (not a `bool`).
    pub(super) fn suspected_source(
        &mut self,
        name: Name,
        declared: Option<&crate::facts::TypeRef>,
        span: TextSpan,
    ) -> Option<Taint> {
        if !self.context.suspect_names || declared.is_some_and(answers_only) {
            return None;
        }
        let category = crate::propagate::suspects::suggested_category(name.as_str())?;
        Some(self.source(&[category.to_string()], SourceKind::Suspected(name), span))
    }

    /// The result of a call of an unannotated fn named like personal data (`get_imei()`,
    /// `user.email()`) is a suspected source.
    pub(super) fn suspect_call_result(
        &mut self,
        name: Name,
        site: SiteId,
        result: &mut Value,
        span: TextSpan,
    ) {
        if !self.context.suspect_names {
            return;
        }
        let Site::Call(call) = self.sites.site(site) else {
            return;
        };
        if call.constructs.is_some() || !call.details().configured.is_empty() {
            return;
        }
        let mut declared = None;
        for &target in &call.targets {
            if !self.context.effects.of_fn(target).personal.is_empty() {
                return;
            }
            declared = self.context.symbols.function(target).return_type.clone();
        }
        if let Some(source) = self.suspected_source(name, declared.as_ref(), span) {
            result.add_taint(&source);
        }
    }

    /// Adds the suspected source a local's name suggests to the value bound to it.
    pub(super) fn suspect_local(&mut self, local: LocalId, value: &mut Value) {
        // Borrowed through the `'a` reference: no copy of the type on every binding.
        let body: &'a Body = self.body;
        let declared = &body.locals[local as usize];
        if let Some(source) =
            self.suspected_source(declared.name, declared.ty.as_deref(), declared.span)
        {
            value.add_taint(&source);
        }
    }

    /// A value of a type is built here: a source when the type is personal, a token creation
    /// when it is a token.
    pub(super) fn construction(
        &mut self,
        type_id: crate::resolve::TypeId,
        site: crate::facts::body::SiteId,
        span: TextSpan,
    ) -> Taint {
        self.outcome.constructions.push(Construction {
            site,
            ty: type_id,
            guard: self.state.guard.clone(),
        });
        let effects = self.context.effects.of_type(type_id);
        let name = self.context.symbols.type_facts(type_id).name;
        if let Some(purpose) = effects.token.clone() {
            self.token_created(name, purpose, span);
        }
        if effects.personal.is_empty() {
            return Taint::default();
        }
        let categories = effects.personal.clone();
        self.source(&categories, SourceKind::Construction(name), span)
    }

    /// A consent token is made here: the facts here must guard its purpose.
    pub(super) fn token_created(&mut self, token: Name, purpose: String, span: TextSpan) {
        self.outcome.obligations.push(Obligation {
            kind: ObligationKind::TokenCreation { token },
            purpose,
            span,
            guard: self.state.guard.clone(),
            root: self.id,
        });
    }
}
