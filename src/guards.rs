//! Guards: which consent checks hold where a sink runs, and whether they cover its purpose.
//!
//! Propagation walks a fn in order and asks [`facts_when`] what a condition proves on each side
//! of a branch; the facts in force at a sink call become its [`GuardFact`]s, and [`verdict`]
//! decides whether they guard the sink's purpose and recipient.

use std::sync::Arc;

use crate::facts::body::{Expr, ExprKind};
use crate::facts::Polarity;
use crate::source::Location;

/// A consent check as annotated: a fn, method or field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub polarity: Polarity,
    /// `None`: the check covers every purpose.
    pub purpose: Option<String>,
    pub recipient: Option<String>,
    /// How the user wrote it, e.g. `settings.ads_opt_out`.
    pub name: String,
    /// Where it was evaluated.
    pub location: Location,
}

/// What a branch knows about a check: that the user allows (`allowed`) or forbids sharing.
#[derive(Debug, Clone)]
pub struct GuardFact {
    pub check: Arc<Check>,
    pub allowed: bool,
}

/// How propagation answers the questions guards ask about expressions.
pub trait CheckLookup {
    /// The check an expression evaluates, if it is one (a check call or field read).
    fn check_at(&self, expr: &Expr) -> Option<Check>;
    /// The condition a local variable holds, for `let ok = CHECK; if ok { .. }`.
    fn stored_condition(&self, name: &str) -> Option<&Expr>;
}

/// How deep stored conditions are followed (`let a = b; let b = CHECK;` chains).
const MAX_CONDITION_DEPTH: usize = 8;

/// The facts that hold when `condition` evaluates to `outcome`.
pub fn facts_when(condition: &Expr, outcome: bool, lookup: &dyn CheckLookup) -> Vec<GuardFact> {
    let mut facts = Vec::new();
    collect_facts(condition, outcome, lookup, 0, &mut facts);
    facts
}

fn collect_facts(
    expr: &Expr,
    outcome: bool,
    lookup: &dyn CheckLookup,
    depth: usize,
    facts: &mut Vec<GuardFact>,
) {
    if depth > MAX_CONDITION_DEPTH {
        return;
    }
    if let Some(check) = lookup.check_at(expr) {
        let allowed = match check.polarity {
            Polarity::Allow => outcome,
            Polarity::OptOut => !outcome,
        };
        facts.push(GuardFact {
            check: Arc::new(check),
            allowed,
        });
        return;
    }
    match &expr.kind {
        ExprKind::Not(inner) => collect_facts(inner, !outcome, lookup, depth, facts),
        // `a && b` is true only when both are; `a || b` is false only when both are.
        ExprKind::And(left, right) if outcome => {
            collect_facts(left, true, lookup, depth, facts);
            collect_facts(right, true, lookup, depth, facts);
        }
        ExprKind::Or(left, right) if !outcome => {
            collect_facts(left, false, lookup, depth, facts);
            collect_facts(right, false, lookup, depth, facts);
        }
        ExprKind::Path(path) if path.len() == 1 => {
            if let Some(stored) = lookup.stored_condition(&path[0]) {
                collect_facts(stored, outcome, lookup, depth + 1, facts);
            }
        }
        ExprKind::Block(block) if block.stmts.len() == 1 => {
            if let crate::facts::body::Stmt::Expr(inner) = &block.stmts[0] {
                collect_facts(inner, outcome, lookup, depth, facts);
            }
        }
        _ => {}
    }
}

/// Whether the facts in force at a sink guard its purpose and recipient.
#[derive(Debug, Clone)]
pub enum Verdict {
    Guarded,
    /// Checked, but only for other purposes or recipients: the checks that were found.
    WrongPurpose(Vec<Arc<Check>>),
    Unguarded,
}

pub fn verdict(facts: &[GuardFact], purpose: &str, recipient: &str) -> Verdict {
    let allowing: Vec<&GuardFact> = facts.iter().filter(|fact| fact.allowed).collect();
    let covers = |fact: &&GuardFact| {
        fact.check
            .purpose
            .as_deref()
            .is_none_or(|checked| checked == purpose)
            && fact
                .check
                .recipient
                .as_deref()
                .is_none_or(|checked| checked == recipient)
    };
    if allowing.iter().any(covers) {
        return Verdict::Guarded;
    }
    if allowing.is_empty() {
        return Verdict::Unguarded;
    }
    let mut found: Vec<Arc<Check>> = Vec::new();
    for fact in allowing {
        if !found.iter().any(|known| known == &fact.check) {
            found.push(fact.check.clone());
        }
    }
    Verdict::WrongPurpose(found)
}
