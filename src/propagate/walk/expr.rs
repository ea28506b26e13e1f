//! Expressions: the dispatch over every lowered form, and the simple ones (literals, paths,
//! fields, struct literals, `?`, `return`, `break`).

use std::sync::Arc;

use crate::facts::body::{Expr, ExprKind, SiteId};
use crate::names::Name;
use crate::propagate::cells::{CellId, CellKey, End, Flow};
use crate::propagate::guard::{CheckWitness, Cond};
use crate::propagate::lattice::JoinSemiLattice;
use crate::propagate::summary::SourceKind;
use crate::propagate::value::{Callable, Label, StepKind, Steps, Taint, Value};
use crate::resolve::sites::{BodySites, CallSite, PathSite, Site};
use crate::source::TextSpan;

use super::checks::{literal_truthiness, pattern_side};
use super::{CallInputs, Walker, MAX_DEPTH};
use crate::incomplete::Cap;

impl<'a> Walker<'_, 'a> {
    pub(super) fn exprs(&mut self, exprs: &[Expr]) -> Vec<Value> {
        exprs.iter().map(|expr| self.expr(expr)).collect()
    }

    pub(super) fn expr(&mut self, expr: &Expr) -> Value {
        if self.depth > MAX_DEPTH && !self.state.diverged {
            self.cut_short(expr.span, Cap::WalkDepth(MAX_DEPTH));
        }
        if self.depth > MAX_DEPTH || self.state.diverged {
            return Value::default();
        }
        self.depth += 1;
        let value = match &expr.kind {
            ExprKind::MethodCall { .. } | ExprKind::Try(_) => self.chain(expr),
            _ => self.expr_inner(expr),
        };
        self.depth -= 1;
        value
    }

    /// A chain of method calls and `?` (`a.b()?.c().await`), walked in a loop from its
    /// innermost receiver outwards: machine-made chains run to hundreds of thousands of links,
    /// and one recursion per link would need a stack as deep.
    fn chain(&mut self, expr: &Expr) -> Value {
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
        let mut value = self.expr_inner(innermost);
        for link in links.into_iter().rev() {
            if self.state.diverged {
                return Value::default();
            }
            value = match &link.kind {
                ExprKind::MethodCall {
                    receiver,
                    method,
                    args,
                    site,
                    method_start,
                } => {
                    let method_span = link.span.tail_from(*method_start);
                    let mut values = vec![value];
                    values.extend(self.exprs(args));
                    let mut exprs: Vec<&Expr> = vec![receiver];
                    exprs.extend(args.iter());
                    let inputs = CallInputs { values, exprs };
                    let mut result = self.method_call(*site, *method, inputs, method_span);
                    self.suspect_call_result(*method, *site, &mut result, method_span);
                    result
                }
                _ => self.try_value(value),
            };
        }
        value
    }

    /// `value?`: the value, or an early return on `Err`/`None`; on a check (`allowed()?`),
    /// what follows runs only where it allowed.
    fn try_value(&mut self, value: Value) -> Value {
        self.consume(&value);
        if let Some(cond) = value.cond() {
            let (when_true, when_false) = (cond.when_true.clone(), cond.when_false.clone());
            self.under(&when_false, |walker| {
                walker.return_point(&Value::default(), Some(false))
            });
            self.state.guard.add(&when_true);
        } else {
            self.return_point(&value.data_only(), Some(false));
        }
        value.data_only()
    }

    pub(super) fn expr_inner(&mut self, expr: &Expr) -> Value {
        match &expr.kind {
            ExprKind::Constant | ExprKind::Bool(_) => Value::default(),
            ExprKind::Str(text) => self.string_literal(*text),
            ExprKind::Local(local) => self.state.env[*local as usize].clone(),
            ExprKind::Path { site, .. } => self.path(*site, expr.span),
            ExprKind::Call { callee, args, site } => {
                let values = self.exprs(args);
                let inputs = CallInputs {
                    values,
                    exprs: args.iter().collect(),
                };
                let mut result = self.call(*site, inputs, expr.span);
                if let Some(&name) = callee.last() {
                    self.suspect_call_result(name, *site, &mut result, expr.span);
                }
                result
            }
            ExprKind::CallValue { callee, args } => {
                let callee_value = self.expr(callee);
                let values = self.exprs(args);
                self.call_value(callee, &callee_value, values, expr.span)
            }
            ExprKind::MethodCall { .. } | ExprKind::Try(_) => self.chain(expr),
            ExprKind::Field { base, field, site } => {
                let base_value = self.expr(base);
                self.field(&base_value, *field, *site, expr.span)
            }
            ExprKind::Struct {
                fields, rest, site, ..
            } => self.struct_literal(fields, rest.as_deref(), *site, expr.span),
            ExprKind::Tuple(parts) => {
                let values = self.exprs(parts);
                Value::with_fields(
                    values
                        .into_iter()
                        .enumerate()
                        .map(|(index, value)| (Name::of(&index), value.data_only()))
                        .collect(),
                )
            }
            ExprKind::Combine(parts) => {
                let values = self.exprs(parts);
                let mut taint = Taint::default();
                for value in &values {
                    taint.join(&value.flatten());
                }
                Value::from_taint(taint)
            }
            ExprKind::Clean(parts) => {
                // Comparisons and assertions read a check's value: it is not ignored.
                for value in self.exprs(parts) {
                    self.consume(&value);
                }
                Value::default()
            }
            ExprKind::Equal(left, right) => self.equal(left, right),
            ExprKind::Not(inner) => {
                let value = self.expr(inner);
                let cond = value.cond().map(Cond::negated).unwrap_or_default();
                Self::derived_cond(cond, &[&value])
            }
            ExprKind::And(left, right) => self.short_circuit(left, right, true),
            ExprKind::Or(left, right) => self.short_circuit(left, right, false),
            ExprKind::Let { pattern, value } => {
                let matched = self.expr(value);
                self.bind(pattern, &matched, expr.span);
                match (matched.cond(), pattern_side(pattern.shape)) {
                    (Some(cond), Some(true)) => Self::derived_cond(cond.clone(), &[&matched]),
                    (Some(cond), Some(false)) => Self::derived_cond(cond.negated(), &[&matched]),
                    _ => {
                        self.consume(&matched);
                        Value::default()
                    }
                }
            }
            ExprKind::If {
                condition,
                then_branch,
                else_branch,
            } => self.if_expr(condition, then_branch, else_branch.as_deref()),
            ExprKind::Match { scrutinee, arms } => self.match_expr(scrutinee, arms),
            ExprKind::Block(block) => self.block(block),
            ExprKind::Loop {
                pattern,
                iterated,
                condition,
                body,
            } => self.loop_expr(
                pattern.as_deref(),
                iterated.as_deref(),
                condition.as_deref(),
                body,
                expr.span,
            ),
            ExprKind::Closure(id) => Value::callable(Callable::Closure(*id)),
            ExprKind::Assign { target, value } => {
                let assigned = self.expr(value);
                self.assign(target, assigned, true);
                Value::default()
            }
            ExprKind::Return(value) => {
                let returned = value
                    .as_deref()
                    .map(|value| self.expr(value))
                    .unwrap_or_default();
                let truthiness = value.as_deref().and_then(literal_truthiness);
                self.return_point(&returned, truthiness);
                self.state.diverged = true;
                Value::default()
            }
            ExprKind::Break(value) => {
                let broken_with = value
                    .as_deref()
                    .map(|value| self.expr(value))
                    .unwrap_or_default();
                if let Some(exits) = self.loop_exits.last_mut() {
                    exits.push(self.state.env.clone());
                }
                if let Some(result) = self.loop_values.last_mut() {
                    result.join(&broken_with);
                }
                self.state.diverged = true;
                Value::default()
            }
            ExprKind::Continue => {
                if let Some(exits) = self.loop_exits.last_mut() {
                    exits.push(self.state.env.clone());
                }
                self.state.diverged = true;
                Value::default()
            }
            ExprKind::Diverge(value) => {
                if let Some(value) = value {
                    self.expr(value);
                }
                self.state.diverged = true;
                Value::default()
            }
        }
    }

    /// A string literal: a URL of a configured URL sink marks the value.
    pub(super) fn string_literal(&mut self, text: Name) -> Value {
        let mut value = Value::default();
        for (index, sink) in self.context.configured.url_sinks.iter().enumerate() {
            if url_matches(text.as_str(), &sink.url) {
                value.add_taint(&Taint::single(Label::Url(index as u16), Steps::default()));
            }
        }
        value
    }

    pub(super) fn path(&mut self, site: SiteId, span: TextSpan) -> Value {
        match self.sites.site(site).clone() {
            Site::Path(PathSite::Static(statics)) => {
                let mut value: Option<Value> = None;
                for id in statics {
                    let mut read = self.invoke_workspace(
                        id,
                        &CallSite::default(),
                        &CallInputs {
                            values: Vec::new(),
                            exprs: Vec::new(),
                        },
                        span,
                    );
                    let name = self.context.symbols.function(id).name;
                    let cell = CellId::of(CellKey::Static(id));
                    // What was stored into it since is more of its data, not another answer:
                    // what its initializer answers still holds (`static TRACKER: Option<_>`
                    // made only when the user did not opt out).
                    let stored = self.read_cell(cell, StepKind::ReadFromStatic(name), span);
                    read.add_taint(stored.taint());
                    read.add_ends(stored.ends());
                    match &mut value {
                        Some(value) => {
                            value.join(&read);
                        }
                        None => value = Some(read),
                    }
                }
                value.unwrap_or_default()
            }
            Site::Path(PathSite::FnItem(fns)) => {
                let mut value = Value::default();
                for id in fns {
                    value.add_callables(&[Callable::Fn(id)]);
                }
                value
            }
            Site::Path(PathSite::Unit(type_id)) => {
                Value::from_taint(self.construction(type_id, site, span))
            }
            _ => Value::default(),
        }
    }

    pub(super) fn field(
        &mut self,
        base: &Value,
        field: Name,
        site: SiteId,
        span: TextSpan,
    ) -> Value {
        let mut value = base.field(field).data_only();
        let sites: &'a BodySites = self.sites;
        let Site::Field(info) = sites.site(site) else {
            return value;
        };
        let annotations = info.annotations();
        // A URL the field's declaration gives as its default is what it holds.
        if let Some(owner) = info.owner {
            let facts = self.context.symbols.type_facts(owner);
            if let Some(declared) = facts.fields.iter().find(|known| known.name == field) {
                for url in &declared.default_urls {
                    value.join(&self.string_literal(Name::new(url)));
                }
            }
        }
        if !annotations.personal.is_empty() {
            // This read is the source; what the base's type implied about it says no more.
            let explicit = value
                .flatten()
                .filtered(|label| !matches!(label, Label::Source(source) if source.implied));
            value = Value::from_taint(explicit);
            let source = self.source(&annotations.personal, SourceKind::Field(field), span);
            value.add_taint(&source);
        } else if annotations.check.is_none() && self.context.suspect_names {
            let declared = info.owner.and_then(|owner| {
                let facts = self.context.symbols.type_facts(owner);
                let found = facts.fields.iter().find(|known| known.name == field);
                found.map(|known| known.ty.clone())
            });
            if let Some(source) = self.suspected_source(field, declared.as_ref(), span) {
                value.add_taint(&source);
            }
        }
        self.add_personal_fields(&mut value, &annotations.inner_fields, span);
        // What was written into this field (the cell of an owner takes the writes whose
        // owner was unknown too); when the owner is unknown here, every write of a field of
        // this name.
        let written_to = match CellKey::of_known_field(info, field) {
            Some(known) => Some(CellId::of(known)),
            None => {
                let reader = self.context.symbols.fn_crate(self.id);
                let named = CellKey::read_by_name(field, reader).map(CellId::of);
                self.outcome.flows.extend(named.map(Flow::Read));
                named
            }
        };
        if let Some(cell) = written_to {
            let written = self.read_cell(cell, StepKind::ReadFromField(field), span);
            value.join(&written);
        }
        if let Some(spec) = &annotations.check {
            let witness = Arc::new(CheckWitness {
                spec: spec.clone(),
                written: field.to_string(),
                span,
            });
            let check = self.check_value(witness);
            value.set_cond(check.cond().cloned());
            value.add_deciders(check.deciders());
        }
        value
    }

    pub(super) fn struct_literal(
        &mut self,
        fields: &[(Name, Expr)],
        rest: Option<&Expr>,
        site: SiteId,
        span: TextSpan,
    ) -> Value {
        let mut value = rest
            .map(|rest| self.expr(rest).data_only())
            .unwrap_or_default();
        let owner = match self.sites.site(site) {
            Site::Struct(info) => info.ty,
            _ => None,
        };
        // A constructor (a fn of the type's own impl) sets the fields every value of the type
        // starts with: personal data it reads itself goes into the fields' cells, as an
        // assignment would, for a method reading `self.field` whoever calls it. What its
        // caller passes in travels with the value the caller gets; a literal elsewhere stays a
        // local value.
        let in_own_impl = owner.is_some() && self.context.symbols.method_owner(self.id).1 == owner;
        for (name, field_expr) in fields {
            let field_value = self.expr(field_expr);
            // A check kept in a struct is decided on where the field is read, which is not
            // followed: it is not ignored.
            self.consume(&field_value);
            let field_value = field_value.data_only();
            let name = *name;
            if in_own_impl {
                let concrete = field_value.flatten().filtered(|label| !label.is_param());
                let ends: Vec<End> = field_value
                    .all_ends()
                    .into_iter()
                    .filter(|end| !matches!(end, End::Param(_)))
                    .collect();
                let cell = CellId::of(CellKey::Field { owner, name });
                self.write_cell(
                    cell,
                    &concrete,
                    &ends,
                    || StepKind::PutIntoField(name),
                    field_expr.span,
                );
            }
            let stepped = field_value.with_step(|| StepKind::PutIntoField(name), field_expr.span);
            value.set_path(&[name], stepped);
        }
        if let Site::Struct(info) = self.sites.site(site).clone() {
            if let Some(type_id) = info.ty {
                let source = self.construction(type_id, site, span);
                value.add_taint(&source);
            }
            self.add_personal_fields(&mut value, &info.personal_fields, span);
        }
        value
    }
}

/// Whether a literal is a URL under a configured prefix: it starts with the prefix, or it is
/// the prefix's scheme and host that a path is appended to later (`format!("{BASE}/v1")`), or
/// that host written without its scheme (`const HOST: &str = "api.example.com"`, then
/// `format!("https://{HOST}{path}")`).
pub(crate) fn url_matches(literal: &str, prefix: &str) -> bool {
    let literal = literal.trim_end_matches('/');
    let prefix = prefix.trim_end_matches('/');
    if literal.starts_with(prefix) {
        return true;
    }
    if let (false, Some(scheme)) = (literal.contains("://"), prefix.find("://")) {
        let address = &prefix[scheme + 3..];
        let host = &address[..address.find('/').unwrap_or(address.len())];
        let under_address = literal
            .strip_prefix(address)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
        let host_and_more = address.starts_with(literal) && literal.len() >= host.len();
        return host.contains('.') && (under_address || host_and_more);
    }
    let host_part = |url: &str| -> usize {
        url.find("://")
            .map(|scheme| {
                let after = scheme + 3;
                url[after..]
                    .find('/')
                    .map_or(url.len(), |slash| after + slash)
            })
            .unwrap_or(0)
    };
    literal.contains("://") && prefix.starts_with(literal) && literal.len() >= host_part(prefix)
}
