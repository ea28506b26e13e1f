//! Closures and fn items used as values: walked in place where they are called, with the
//! facts in force there.

use crate::facts::body::{ClosureId, Expr, ExprKind};
use crate::propagate::guard::GuardState;
use crate::propagate::lattice::JoinSemiLattice;
use crate::propagate::value::{Callable, Taint, Value};
use crate::resolve::sites::CallSite;
use crate::source::TextSpan;

use super::{CallInputs, Walker};

impl<'a> Walker<'_, 'a> {
    /// Calls what a value may be: its closures (walked in place) and fns.
    pub(super) fn call_value(
        &mut self,
        callee: &Expr,
        callee_value: &Value,
        args: Vec<Value>,
        span: TextSpan,
    ) -> Value {
        let callables = callee_value.callables().to_vec();
        if callables.is_empty() {
            // A closure parameter of this fn: its callers' closures run here.
            if let ExprKind::Local(local) = callee.kind {
                if let Some(&param) = self.param_of_local.get(&local) {
                    let args: Vec<Taint> = args.iter().map(Value::flatten).collect();
                    let guard = self.state.guard.clone();
                    self.summary.add_closure_call(param, &guard, args);
                }
            }
            let mut result = Value::default();
            for arg in &args {
                result.add_taint(&arg.flatten());
            }
            return result;
        }
        let mut result = Value::default();
        for callable in callables {
            let produced = self.call_callable(callable, &args, &GuardState::default(), span);
            result.join(&produced);
        }
        result
    }

    pub(super) fn call_callable(
        &mut self,
        callable: Callable,
        args: &[Value],
        extra_guard: &GuardState,
        span: TextSpan,
    ) -> Value {
        match callable {
            Callable::Closure(id) => self.call_closure(id, args, extra_guard),
            Callable::Fn(id) => {
                let inputs = CallInputs {
                    values: args.to_vec(),
                    exprs: Vec::new(),
                };
                let call = CallSite::to(vec![id]);
                self.under(extra_guard, |walker| {
                    walker.invoke_all(&call, &inputs, span)
                })
            }
        }
    }

    /// Walks a closure's body in place: its parameters take `args`, and it sees the facts in
    /// force plus `extra_guard`. Its `return`s are its own result.
    pub(super) fn call_closure(
        &mut self,
        id: ClosureId,
        args: &[Value],
        extra_guard: &GuardState,
    ) -> Value {
        let index = id as usize;
        if self.closure_returns.iter().any(|(active, _)| *active == id) {
            return Value::default();
        }
        self.walked_closures[index] = true;
        let closure = &self.body.closures[index];
        let diverged_before = self.state.diverged;
        let value = self.under(extra_guard, |walker| {
            for (position, param) in closure.params.iter().enumerate() {
                let value = args.get(position).cloned().unwrap_or_default();
                walker.bind(param, &value, closure.span);
            }
            walker.closure_returns.push((id, None));
            let mut value = walker.expr(&closure.body);
            if walker.state.diverged {
                value = Value::default();
            }
            if let Some((_, Some(returned))) = walker.closure_returns.pop() {
                if walker.state.diverged {
                    value = returned;
                } else {
                    value.join(&returned);
                }
            }
            value
        });
        // A closure's own `return` ends the closure, not the code that calls it.
        self.state.diverged = diverged_before;
        value
    }

    /// Runs closures passed to a callee that does not call them in a known way.
    pub(super) fn run_closure_arguments(
        &mut self,
        inputs: &CallInputs<'_>,
        guard: &GuardState,
        span: TextSpan,
    ) {
        for value in &inputs.values {
            self.run_callables(value.callables(), guard, &[], &GuardState::default(), span);
        }
    }

    /// Calls each of `callables` as the code at a call site does: under `guard`, with `args`
    /// and the `extra` facts the callee guarantees around the call.
    pub(super) fn run_callables(
        &mut self,
        callables: &[Callable],
        guard: &GuardState,
        args: &[Value],
        extra: &GuardState,
        span: TextSpan,
    ) {
        for &callable in callables {
            let saved = std::mem::replace(&mut self.state.guard, guard.clone());
            self.call_callable(callable, args, extra, span);
            self.state.guard = saved;
        }
    }
}
