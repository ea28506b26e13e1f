//! Statements: blocks, `let` (with `let .. else`) and pattern bindings.

use crate::facts::body::{Block, Expr, ExprKind, LocalId, Pattern, PatternShape, SiteId, Stmt};
use crate::propagate::value::{Decider, StepKind, Value};
use crate::resolve::library;
use crate::source::TextSpan;

use super::checks::pattern_side;
use super::Walker;

impl<'a> Walker<'_, 'a> {
    pub(super) fn block(&mut self, block: &Block) -> Value {
        let mut last = Value::default();
        let count = block.stmts.len();
        for (position, stmt) in block.stmts.iter().enumerate() {
            if self.state.diverged {
                break;
            }
            last = Value::default();
            match stmt {
                Stmt::Let {
                    pattern,
                    init,
                    diverge,
                    span,
                } => self.let_statement(pattern, init.as_deref(), diverge.as_deref(), *span),
                Stmt::Expr(expr) => {
                    let is_tail = position + 1 == count && block.has_tail;
                    self.discarded_call = if is_tail {
                        None
                    } else {
                        discarded_method_call(expr)
                    };
                    let value = self.expr(expr);
                    if is_tail {
                        last = value;
                    }
                }
            }
        }
        if self.state.diverged {
            Value::default()
        } else {
            last
        }
    }

    pub(super) fn let_statement(
        &mut self,
        pattern: &Pattern,
        init: Option<&Expr>,
        diverge: Option<&Block>,
        span: TextSpan,
    ) {
        let value = init.map(|init| self.expr(init)).unwrap_or_default();
        if self.state.diverged {
            return;
        }
        if let [binding] = &*pattern.bindings {
            if pattern.shape == PatternShape::Any {
                let name = self.body.locals[binding.local as usize].name;
                for decider in value.deciders() {
                    if let Decider::Evaluation(index) = decider {
                        let evaluation = &mut self.evaluations[*index as usize];
                        evaluation.stored_in.get_or_insert(name);
                    }
                }
            }
        }
        if let Some(otherwise) = diverge {
            // `let Ok(..) = CHECK else { return };`: the else block runs on the other side,
            // and the rest of the fn only where the pattern matched.
            let side = pattern_side(pattern.shape);
            self.consume(&value);
            let before = self.state.clone();
            if let (Some(cond), Some(truthy)) = (value.cond(), side) {
                self.state.guard.add(cond.side(!truthy));
            }
            self.block(otherwise);
            self.state = before;
            if let (Some(cond), Some(truthy)) = (value.cond(), side) {
                let facts = cond.side(truthy).clone();
                self.state.guard.add(&facts);
            }
        }
        self.bind(pattern, &value, span);
        let bound: Vec<LocalId> = pattern
            .bindings
            .iter()
            .map(|binding| binding.local)
            .collect();
        self.declared_sources(&bound);
    }

    pub(super) fn bind(&mut self, pattern: &Pattern, value: &Value, span: TextSpan) {
        for binding in &pattern.bindings {
            let name = self.body.locals[binding.local as usize].name;
            let mut bound = if binding.projection.is_empty() {
                value.clone()
            } else {
                value.project(&binding.projection)
            };
            bound = bound.with_step(|| StepKind::StoredIn(name), span);
            self.suspect_local(binding.local, &mut bound);
            self.state.env[binding.local as usize] = bound;
        }
    }
}

/// The method call a statement makes for its effect alone, through `?`, `.unwrap()` and the
/// like: `event.insert_prop("id", id)?;`.
pub(super) fn discarded_method_call(expr: &Expr) -> Option<SiteId> {
    match &expr.kind {
        ExprKind::Try(inner) => discarded_method_call(inner),
        ExprKind::MethodCall {
            receiver,
            method,
            site,
            ..
        } => match library::method(*method) {
            // `event.insert_prop("id", id).unwrap();`: the call before the unwrap.
            Some(row) if row.passes_through => discarded_method_call(receiver),
            _ => Some(*site),
        },
        _ => None,
    }
}
