//! Control flow: `&&` and `||`, `if`, `match`, loops. Each branch is walked on a fork of the
//! [`FlowState`] with what its condition proves, and the ends that go on are merged.

use crate::facts::body::{Block, Expr, MatchArm, Pattern, PatternShape};
use crate::propagate::guard::{Cond, GuardState};
use crate::propagate::value::Value;
use crate::source::TextSpan;

use super::checks::pattern_side;
use super::{FlowState, Walker, COARSEN_AFTER_ROUNDS, MAX_LOOP_ROUNDS};
use crate::incomplete::Cap;
use crate::propagate::lattice::JoinSemiLattice;

impl<'a> Walker<'_, 'a> {
    /// Walks `walk` with `facts` added to those in force, then drops them again: the part of
    /// the code they dominate.
    pub(super) fn under<T>(&mut self, facts: &GuardState, walk: impl FnOnce(&mut Self) -> T) -> T {
        let saved = self.state.guard.clone();
        self.state.guard.add(facts);
        let result = walk(self);
        self.state.guard = saved;
        result
    }

    /// `left && right` (`and`: the right side runs only when the left is true) or
    /// `left || right` (only when it is false).
    pub(super) fn short_circuit(&mut self, left: &Expr, right: &Expr, and: bool) -> Value {
        let left_value = self.expr(left);
        let left_cond = left_value.cond().cloned().unwrap_or_default();
        let right_value = self.under(left_cond.side(and), |walker| walker.expr(right));
        self.state.diverged = false;
        let right_cond = right_value.cond().cloned().unwrap_or_default();
        let cond = if and {
            Cond::and(&left_cond, &right_cond)
        } else {
            Cond::or(&left_cond, &right_cond)
        };
        Self::derived_cond(cond, &[&left_value, &right_value])
    }

    /// Walks `then` and `else` on forks of the state, each with what the condition proves on
    /// its side; after the `if`, what holds at the end of every branch that goes on.
    pub(super) fn if_expr(
        &mut self,
        condition: &Expr,
        then_branch: &Block,
        else_branch: Option<&Expr>,
    ) -> Value {
        let condition_value = self.expr(condition);
        if self.state.diverged {
            return Value::default();
        }
        self.consume(&condition_value);
        let cond = condition_value.cond().cloned().unwrap_or_default();
        let before = self.state.clone();
        let mut result: Option<Value> = None;

        self.state.guard.add(&cond.when_true);
        let then_value = self.block(then_branch);
        if !self.state.diverged {
            join_result(&mut result, then_value);
        }
        let then_end = std::mem::replace(&mut self.state, before.clone());

        self.state.guard.add(&cond.when_false);
        let else_value = else_branch
            .map(|branch| self.expr(branch))
            .unwrap_or_default();
        if !self.state.diverged {
            join_result(&mut result, else_value);
        }
        let else_end = std::mem::take(&mut self.state);
        self.state = FlowState::merge(vec![then_end, else_end], before);
        result.unwrap_or_default()
    }

    pub(super) fn match_expr(&mut self, scrutinee: &Expr, arms: &[MatchArm]) -> Value {
        let scrutinee_value = self.expr(scrutinee);
        if self.state.diverged {
            return Value::default();
        }
        self.consume(&scrutinee_value);
        let cond = scrutinee_value.cond().cloned();
        let before = self.state.clone();
        let mut ends = Vec::new();
        let mut result: Option<Value> = None;
        // Which sides the arms before have matched: a later `_` takes the other one.
        let mut sides_seen: Vec<Option<bool>> = Vec::new();
        for arm in arms {
            self.state = before.clone();
            let side = match pattern_side(arm.pattern.shape) {
                Some(side) => Some(side),
                None if arm.pattern.shape == PatternShape::Any && !sides_seen.is_empty() => {
                    let first = sides_seen[0];
                    if first.is_some() && sides_seen.iter().all(|seen| *seen == first) {
                        first.map(|side| !side)
                    } else {
                        None
                    }
                }
                None => None,
            };
            sides_seen.push(side);
            if let (Some(cond), Some(side)) = (&cond, side) {
                self.state.guard.add(cond.side(side));
            }
            self.bind(&arm.pattern, &scrutinee_value.data_only(), arm.body.span);
            if let Some(guard) = &arm.guard {
                let guard_value = self.expr(guard);
                self.consume(&guard_value);
                if let Some(guard_cond) = guard_value.cond() {
                    self.state.guard.add(&guard_cond.when_true.clone());
                }
            }
            let value = self.expr(&arm.body);
            if !self.state.diverged {
                join_result(&mut result, value);
            }
            ends.push(std::mem::take(&mut self.state));
        }
        if arms.is_empty() {
            ends.push(before.clone());
        }
        self.state = FlowState::merge(ends, before);
        result.unwrap_or_default()
    }

    /// `loop`, `while` and `for`: the body is walked until the locals it carries around
    /// settle (at most [`MAX_LOOP_ROUNDS`] times); after the loop, what holds after any
    /// number of rounds, zero included.
    pub(super) fn loop_expr(
        &mut self,
        pattern: Option<&Pattern>,
        iterated: Option<&Expr>,
        condition: Option<&Expr>,
        body: &Block,
        span: TextSpan,
    ) -> Value {
        let items = iterated.map(|iterated| self.expr(iterated));
        if self.state.diverged {
            return Value::default();
        }
        let before = self.state.clone();
        let element = items.as_ref().map(|items| self.element_of(items, span));
        let element_guard = items
            .as_ref()
            .and_then(|items| items.element_guard().cloned());
        let mut exits: Vec<Vec<Value>> = Vec::new();
        let mut entry_env = before.env.clone();
        self.loop_values.push(Value::default());
        // Locals declared in the body are rebound every round: only the ones before it can
        // carry something around the loop.
        let outer = (body.first_local as usize).min(before.env.len());
        let mut coarse = vec![false; outer];
        for round in 0..MAX_LOOP_ROUNDS {
            self.state = FlowState {
                env: entry_env.clone(),
                ..before.clone()
            };
            self.loop_exits.push(Vec::new());
            if let Some(element_guard) = &element_guard {
                self.state.guard.add(element_guard);
            }
            if let (Some(pattern), Some(element)) = (pattern, &element) {
                let bound_at = pattern.bindings.first().map_or(span, |binding| {
                    self.body.locals[binding.local as usize].span
                });
                self.bind(pattern, element, bound_at);
            }
            if let Some(condition) = condition {
                let value = self.expr(condition);
                self.consume(&value);
                if let Some(cond) = value.cond() {
                    self.state.guard.add(&cond.when_true.clone());
                }
            }
            if !self.state.diverged {
                self.block(body);
            }
            let mut round_exits = self.loop_exits.pop().unwrap_or_default();
            if !self.state.diverged {
                round_exits.push(std::mem::take(&mut self.state.env));
            }
            let mut next_entry = before.env.clone();
            for exit in &round_exits {
                next_entry[..outer].join(&exit[..outer]);
            }
            exits = round_exits;
            // A local whose labels stay the same but whose shape still changes after the first
            // rounds may be growing a level each round (`root = Join { left: root, .. }`): from
            // then on it is carried, and compared, coarsened (see `Value::coarsened`), which has
            // few shapes to grow through. (Coarsening one whose labels still grow would only
            // carry more data around the loop, and need more rounds.)
            for index in 0..outer {
                if !coarse[index]
                    && round + 1 >= COARSEN_AFTER_ROUNDS
                    && next_entry[index] != entry_env[index]
                    && next_entry[index].flatten() == entry_env[index].flatten()
                {
                    coarse[index] = true;
                    entry_env[index] = entry_env[index].coarsened();
                }
                if coarse[index] {
                    next_entry[index] = next_entry[index].coarsened();
                }
            }
            // The walk is monotone, so the next entry says at least what this one did: the
            // loop has settled when joining it in adds nothing. The next round still starts
            // from `before` and this round's exits, as the first did, so the paths data took
            // are those of the last round.
            if !entry_env[..outer].join(&next_entry[..outer]) {
                break;
            }
            if round + 1 == MAX_LOOP_ROUNDS {
                self.cut_short(span, Cap::LoopRounds(MAX_LOOP_ROUNDS));
            }
            entry_env = next_entry;
        }
        let mut after = before;
        for exit in &exits {
            after.env[..outer].join(&exit[..outer]);
        }
        self.state = after;
        self.loop_values.pop().unwrap_or_default()
    }
}

/// Joins the value of one more branch into the result of a branching expression (`None`: no
/// branch gave one yet). A branch alone keeps its check; two keep what both prove.
fn join_result(result: &mut Option<Value>, value: Value) {
    match result {
        Some(result) => {
            result.join(&value);
        }
        None => *result = Some(value),
    }
}
