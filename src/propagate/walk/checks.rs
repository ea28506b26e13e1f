//! Check values: a check's result carries a [`Cond`] (what it proves on each side), and the
//! evaluations of checks are recorded to tell which ones decide something. Also the fn's
//! return points, where a check wrapper's answer is made.

use std::sync::Arc;

use crate::facts::body::{Expr, ExprKind, PatternShape, Stmt};
use crate::propagate::guard::{meet_optional, CheckWitness, Cond};
use crate::propagate::lattice::JoinSemiLattice;
use crate::propagate::value::{Decider, Value};
use crate::source::TextSpan;

use super::{CheckEvaluation, Walker};

impl<'a> Walker<'_, 'a> {
    /// A check value decides something here: its checks are used.
    pub(super) fn consume(&mut self, value: &Value) {
        for decider in value.deciders().to_vec() {
            match decider {
                Decider::Evaluation(index) => self.evaluations[index as usize].used = true,
                Decider::Param(param) => self.summary.deciding_params.push(param),
            }
        }
    }

    /// A check evaluated here: its value, with the evaluation recorded.
    pub(super) fn check_value(&mut self, witness: Arc<CheckWitness>) -> Value {
        let index = self.evaluation_at(witness.span);
        let mut value = Value::from_cond(Cond::of_check(self.context.space, witness));
        value.add_deciders(&[Decider::Evaluation(index)]);
        value
    }

    /// The evaluation of the check at `span` (one per place, however often it is walked).
    pub(super) fn evaluation_at(&mut self, span: TextSpan) -> u32 {
        let index = match self.evaluations.iter().position(|known| known.span == span) {
            Some(index) => index,
            None => {
                self.evaluations.push(CheckEvaluation {
                    span,
                    stored_in: None,
                    used: false,
                });
                self.evaluations.len() - 1
            }
        };
        index as u32
    }

    /// A value holding `cond`, computed from the checks of `sources`.
    pub(super) fn derived_cond(cond: Cond, sources: &[&Value]) -> Value {
        let mut value = Value::from_cond(cond);
        for source in sources {
            value.add_deciders(source.deciders());
        }
        value
    }

    /// `left == right`: nothing personal. A check compared with a text literal is still the
    /// check, as the app reads it: `== "1"` (or `Ok("1")`) when it holds, `== "0"`, `"false"`,
    /// `"no"`, `"off"` or `""` when it does not.
    pub(super) fn equal(&mut self, left: &Expr, right: &Expr) -> Value {
        let (left_value, right_value) = (self.expr(left), self.expr(right));
        self.consume(&left_value);
        self.consume(&right_value);
        let (tested, literal) = match (compared_text(left), compared_text(right)) {
            (None, Some(literal)) => (&left_value, literal),
            (Some(literal), None) => (&right_value, literal),
            _ => return Value::default(),
        };
        let Some(cond) = tested.cond() else {
            return Value::default();
        };
        let holds = !matches!(
            literal.to_ascii_lowercase().as_str(),
            "0" | "false" | "no" | "off" | ""
        );
        let cond = if holds { cond.clone() } else { cond.negated() };
        Self::derived_cond(cond, &[tested])
    }

    /// A value leaves the fn here (a `return`, the tail, an `Err(..)?`).
    pub(super) fn return_point(&mut self, value: &Value, truthiness: Option<bool>) {
        // A check returned is decided on by whoever receives it.
        self.consume(value);
        if let Some((_, collected)) = self.closure_returns.last_mut() {
            match collected {
                Some(collected) => {
                    collected.join(value);
                }
                None => *collected = Some(value.clone()),
            }
            return;
        }
        self.returns.any = true;
        if self.returns.value.is_empty() {
            self.returns.value = value.data_only();
        } else {
            self.returns.value.join(&value.data_only());
        }
        let (when_true, when_false) = match (truthiness, value.cond()) {
            (Some(true), _) => (Some(self.state.guard.clone()), None),
            (Some(false), _) => (None, Some(self.state.guard.clone())),
            (None, Some(cond)) => {
                let mut when_true = self.state.guard.clone();
                when_true.add(&cond.when_true);
                let mut when_false = self.state.guard.clone();
                when_false.add(&cond.when_false);
                (Some(when_true), Some(when_false))
            }
            (None, None) => (
                Some(self.state.guard.clone()),
                Some(self.state.guard.clone()),
            ),
        };
        meet_optional(&mut self.returns.when_true, when_true);
        meet_optional(&mut self.returns.when_false, when_false);
    }
}

/// `bool`, `Result<(), E>`, `Option<()>`: a type that answers a question and carries nothing.
pub(super) fn answers_only(ty: &crate::facts::TypeRef) -> bool {
    let crate::facts::TypeRef::Path { path, args } = ty else {
        return false;
    };
    match path.last().map(|name| name.as_str()) {
        Some("bool") => true,
        Some("Result" | "Option") => {
            matches!(args.first(), Some(crate::facts::TypeRef::Tuple(elements)) if elements.is_empty())
        }
        _ => false,
    }
}

/// `Some(true)` for `true`, `Ok(..)`, `Some(..)`; `Some(false)` for `false`, `Err(..)`, `None`.
pub(super) fn literal_truthiness(expr: &Expr) -> Option<bool> {
    match &expr.kind {
        ExprKind::Bool(value) => Some(*value),
        ExprKind::Path { path, .. } if path.last().is_some_and(|last| *last == "None") => {
            Some(false)
        }
        ExprKind::Call { callee, .. } => match callee.last().map(|name| name.as_str()) {
            Some("Ok" | "Some") => Some(true),
            Some("Err") => Some(false),
            _ => None,
        },
        ExprKind::Block(block) if block.has_tail => match block.stmts.last() {
            Some(Stmt::Expr(tail)) => literal_truthiness(tail),
            _ => None,
        },
        _ => None,
    }
}

/// The text a comparison tests against: `"1"`, `Ok("1")`, `Some("1")`.
fn compared_text(expr: &Expr) -> Option<&str> {
    match &expr.kind {
        ExprKind::Str(text) => Some(text.as_str()),
        ExprKind::Call { callee, args, .. }
            if matches!(callee.last().map(|name| name.as_str()), Some("Ok" | "Some")) =>
        {
            match &**args {
                [single] => compared_text(single),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Which side of a check a pattern matches: `Ok(..)`/`Some(..)`/`true` or the other.
pub(super) fn pattern_side(shape: PatternShape) -> Option<bool> {
    match shape {
        PatternShape::Bool(value) => Some(value),
        PatternShape::Truthy => Some(true),
        PatternShape::Falsy => Some(false),
        PatternShape::Any | PatternShape::Other => None,
    }
}
