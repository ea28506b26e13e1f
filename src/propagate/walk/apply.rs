//! Calls of workspace fns: the callee's [`Summary`] applied at the call, its parameters
//! replaced by the arguments (data, facts about `bool` parameters, closures it calls).

use std::cell::OnceCell;

use crate::propagate::cells::{CellId, CellKey, End};
use crate::propagate::guard::{Cond, GuardState};
use crate::propagate::lattice::JoinSemiLattice;
use crate::propagate::summary::Summary;
use crate::propagate::value::{Label, ParamPath, StepKind, Steps, Taint, Value, MAX_FIELD_DEPTH};
use crate::resolve::types::Ty;
use crate::resolve::{FnId, TypeId};

use super::place::received_labels;
use super::{CallInputs, Callee, Walker};

impl<'a> Walker<'_, 'a> {
    /// The callee's view of its parameters, replaced by this call's arguments.
    pub(super) fn instantiate(
        &mut self,
        taint: &Taint,
        inputs: &[Value],
        callee: &Callee,
    ) -> Taint {
        if !taint.iter().any(|(label, _)| label.is_param()) {
            return taint.clone();
        }
        let mut labels: Vec<(Label, Steps)> = Vec::new();
        // Labels come sorted, so those of one parameter path are together: project once.
        let mut projected: Option<(&Label, Taint)> = None;
        for (label, steps) in taint.iter() {
            let (Label::Param(path) | Label::Received(path)) = label else {
                labels.push((*label, steps.clone()));
                continue;
            };
            let Some(input) = inputs.get(path.index as usize) else {
                continue;
            };
            let reuse = projected.as_ref().is_some_and(|(known, _)| *known == label);
            if !reuse {
                let part = input.project(path.fields.as_slice());
                let part = match label {
                    // What the callee received from the channel it was passed.
                    Label::Received(_) => received_labels(&part),
                    _ => part.flatten(),
                };
                projected = Some((label, self.passed_into(&part, callee, path.index)));
            }
            let (_, entered) = projected.as_ref().expect("set above");
            for (caller_label, caller_steps) in entered.iter() {
                labels.push((*caller_label, caller_steps.then(steps)));
            }
        }
        Taint::from_labels(labels)
    }

    /// A caller's labels as they enter the callee's parameter `index`: each with that step.
    fn passed_into(&self, part: &Taint, callee: &Callee, index: u8) -> Taint {
        let params = &self.context.symbols.function(callee.id).params;
        let param = params.get(index as usize).and_then(|param| param.name);
        let by_name = callee.by_name;
        let step = || StepKind::PassedInto {
            callee: callee.id,
            param,
            by_name,
        };
        part.with_step(step, callee.span)
    }

    /// The callee's result in terms of this caller. A parameter returned with its own type
    /// (`Ok(self)`, a builder's `self`, `fn load(c: Config) -> Result<Config>`) comes back
    /// field by field, as the argument went in; anything else the callee made of a parameter
    /// carries all of the argument. `returned` is the struct the callee returns, found once
    /// per call and only when a parameter is returned.
    pub(super) fn instantiate_value(
        &mut self,
        value: &Value,
        inputs: &[Value],
        callee: &Callee,
        returned: &OnceCell<Option<TypeId>>,
    ) -> Value {
        let mut fields = Vec::new();
        for (name, field) in value.fields() {
            let field = self.instantiate_value(field, inputs, callee, returned);
            fields.push((*name, field));
        }
        let mut result = Value::with_fields(fields);
        let (as_is, derived): (Vec<_>, Vec<_>) =
            value.taint().iter().cloned().partition(|(label, _)| {
                let Label::Param(path) = label else {
                    return false;
                };
                let returned = *returned.get_or_init(|| self.returned_struct(callee.id));
                returned.is_some_and(|returned| self.has_type(callee.id, path, returned))
            });
        result.add_taint(&self.instantiate(&Taint::from_labels(derived), inputs, callee));
        for (label, steps) in &as_is {
            let Label::Param(path) = label else {
                continue;
            };
            let Some(input) = inputs.get(path.index as usize) else {
                continue;
            };
            let entered = input
                .project(path.fields.as_slice())
                .map_taints(&mut |taint| {
                    let entered = self.passed_into(taint, callee, path.index);
                    Taint::from_labels(
                        entered
                            .iter()
                            .map(|(label, caller_steps)| (*label, caller_steps.then(steps)))
                            .collect(),
                    )
                });
            result.join(&entered);
        }
        result.add_ends(&instantiate_ends(value.ends(), inputs));
        result
    }

    /// The struct of the scan a fn returns, through `Option`, `Result` and pointers.
    fn returned_struct(&self, callee: FnId) -> Option<TypeId> {
        let symbols = self.context.symbols;
        let mut returned = symbols.return_type_of(callee, &Ty::Unknown);
        for _ in 0..MAX_FIELD_DEPTH {
            let held = returned.held();
            if held == returned {
                break;
            }
            returned = held;
        }
        match symbols.expand_alias(&returned) {
            Ty::Adt(id, _) => Some(id),
            _ => None,
        }
    }

    /// Whether the part `path` of a callee's parameter is declared of type `ty`.
    fn has_type(&self, callee: FnId, path: &ParamPath, ty: TypeId) -> bool {
        let symbols = self.context.symbols;
        let mut param = symbols.param_type_of(callee, path.index as usize);
        for field in path.fields.as_slice() {
            param = symbols.field_of(&param, *field);
        }
        matches!(symbols.expand_alias(&param.dereferenced()), Ty::Adt(id, _) if id == ty)
    }

    /// A callee's facts in terms of this caller: atoms about its parameters take what this
    /// call's arguments prove.
    pub(super) fn instantiate_guard(&self, guard: &GuardState, inputs: &[Value]) -> GuardState {
        let mut resolved = GuardState {
            bits: guard.bits.clone(),
            atoms: Vec::new(),
            witnesses: guard.witnesses.clone(),
        };
        for atom in &guard.atoms {
            if let Some(cond) = inputs.get(atom.param as usize).and_then(Value::cond) {
                resolved.add(cond.side(atom.truthy));
            }
        }
        resolved
    }

    pub(super) fn apply_summary(
        &mut self,
        callee: &Callee,
        summary: &Summary,
        inputs: &CallInputs<'_>,
        local_guard: &GuardState,
        is_sink: bool,
    ) -> Value {
        let (target, span) = (callee.id, callee.span);
        let values = &inputs.values;
        let base = self.context.base_guards[target.0 as usize].clone();
        if !is_sink {
            for sink in &summary.sinks {
                let data = self.instantiate(&sink.data, values, callee);
                if !data.has_data() {
                    continue;
                }
                let mut guard = self.instantiate_guard(&sink.guard, values);
                guard.add(&base);
                guard.add(local_guard);
                self.record_sink(sink.site.clone(), &data, &guard);
            }
        }
        for send in &summary.http_sends {
            let data = self.instantiate(&send.data, values, callee);
            let mut guard = self.instantiate_guard(&send.guard, values);
            guard.add(&base);
            guard.add(local_guard);
            self.http_send(send.span, send.in_fn, &data, &guard);
        }
        for write in &summary.param_writes {
            let taint = self.instantiate(&write.taint, values, callee);
            if !taint.has_data() {
                continue;
            }
            if let Some(target_expr) = inputs.exprs.get(write.param as usize).copied() {
                let mut part = Value::from_taint(taint);
                part.add_ends(&instantiate_ends(&write.ends, values));
                let mut written = Value::default();
                written.set_path(&write.fields, part);
                self.assign(target_expr, written, false);
            }
        }
        // What the callee writes of its parameters into global cells: this call's arguments.
        let params = &self.context.symbols.function(target).params;
        for path in &summary.global_params {
            let Some(input) = values.get(path.index as usize) else {
                continue;
            };
            let part = input.project(path.fields.as_slice());
            let cell = CellId::of(CellKey::ParamInput {
                function: target,
                path: *path,
            });
            let param = params.get(path.index as usize).and_then(|param| param.name);
            self.write_cell(
                cell,
                &part.flatten(),
                &part.all_ends(),
                || StepKind::PassedInto {
                    callee: target,
                    param,
                    by_name: callee.by_name,
                },
                span,
            );
        }
        for (path, sent) in &summary.channel_sends {
            let Some(input) = values.get(path.index as usize) else {
                continue;
            };
            let channel = input.project(path.fields.as_slice());
            let taint = self.instantiate(sent, values, callee);
            self.send_on(&channel, &taint, span);
        }
        // Closures passed in run where the callee calls them, under its checks.
        let mut called_params: Vec<u8> = Vec::new();
        for closure_call in &summary.closure_calls {
            let Some(input) = values.get(closure_call.param as usize) else {
                continue;
            };
            called_params.push(closure_call.param);
            let mut guard = self.instantiate_guard(&closure_call.guard, values);
            guard.add(&base);
            let args: Vec<Value> = closure_call
                .args
                .iter()
                .map(|taint| Value::from_taint(self.instantiate(taint, values, callee)))
                .collect();
            self.run_callables(input.callables(), local_guard, &args, &guard, span);
        }
        for (position, value) in values.iter().enumerate() {
            if called_params.contains(&(position as u8)) {
                continue;
            }
            self.run_callables(
                value.callables(),
                local_guard,
                &[],
                &GuardState::default(),
                span,
            );
        }
        let mut result = self
            .instantiate_value(&summary.returns, values, callee, &OnceCell::new())
            .limited(MAX_FIELD_DEPTH);
        if result.has_data() {
            let by_name = callee.by_name;
            result = result.with_step(
                || StepKind::ReturnedFrom {
                    callee: target,
                    by_name,
                },
                span,
            );
        }
        if let Some(cond) = &summary.return_cond {
            let cond = Cond {
                when_true: self.instantiate_guard(&cond.when_true, values),
                when_false: self.instantiate_guard(&cond.when_false, values),
            };
            // The answer still guards what the caller does with it, but ignoring it is no
            // `ignored_check`: only annotated and configured checks are checks. A wrapper
            // whose result depends on one (`fn upload(&self) -> Result<(), E>` that checks,
            // then sends) is called for what it does.
            result.set_cond(Some(cond));
        }
        result
    }
}

/// A callee's channel ends in terms of this call: a parameter's ends are the argument's.
fn instantiate_ends(ends: &[End], inputs: &[Value]) -> Vec<End> {
    let mut instantiated = Vec::new();
    for end in ends {
        match end {
            End::Param(path) => {
                if let Some(input) = inputs.get(path.index as usize) {
                    instantiated.extend(input.project(path.fields.as_slice()).all_ends());
                }
            }
            _ => instantiated.push(*end),
        }
    }
    instantiated
}
