//! Places and writes: assignments into locals, fields and statics, the global cells
//! (fields, statics, channels) data is written to and read from, and channel ends.

use crate::facts::body::{Expr, ExprKind, SiteId};
use crate::names::Name;
use crate::propagate::cells::{CellId, CellKey, End, Flow};
use crate::propagate::lattice::JoinSemiLattice;
use crate::propagate::summary::add_keyed;
use crate::propagate::value::{Label, ParamPath, Step, StepKind, Steps, Taint, Value};
use crate::resolve::sites::{PathSite, Site};
use crate::source::TextSpan;

use super::Walker;

impl<'a> Walker<'_, 'a> {
    /// Writes `value` into the place `target` names. `replace`: an assignment that overwrites
    /// (a local, a field); otherwise the place also keeps what it had (`push`, out-params).
    pub(super) fn assign(&mut self, target: &Expr, value: Value, replace: bool) {
        let mut fields: Vec<(Name, SiteId)> = Vec::new();
        let mut place = target;
        let mut exact = replace;
        loop {
            match &place.kind {
                ExprKind::Field { base, field, site } => {
                    fields.push((*field, *site));
                    place = base;
                }
                ExprKind::MethodCall { receiver, .. } => {
                    // `x.lock().unwrap().field = ..`: somewhere inside `x`.
                    exact = false;
                    place = receiver;
                }
                ExprKind::Combine(parts) if !parts.is_empty() => {
                    exact = false;
                    place = &parts[0];
                }
                _ => break,
            }
        }
        fields.reverse();
        if !fields.is_empty() {
            // A check kept in a field is decided on where the field is read, which is not
            // followed: it is not ignored.
            self.consume(&value);
        }
        let data = value.data_only();
        let taint = data.flatten();
        let ends = data.all_ends();
        // Every field along the path now holds the data, wherever it is read.
        for (name, site) in &fields {
            let known = match self.sites.site(*site) {
                Site::Field(field) => CellKey::of_known_field(field, *name),
                _ => None,
            };
            let Some(cell) = known.or_else(|| CellKey::of_unknown_owner(*name)) else {
                continue;
            };
            let cell = CellId::of(cell);
            let name = *name;
            self.write_cell(
                cell,
                &taint,
                &ends,
                || StepKind::PutIntoField(name),
                target.span,
            );
        }
        let field_names: Vec<Name> = fields.iter().map(|(name, _)| *name).collect();
        match &place.kind {
            ExprKind::Local(local) => {
                let local = *local;
                let name = self.body.locals[local as usize].name;
                let stepped = if !replace {
                    // `.push(..)` and out-parameters: the caller named the step already.
                    data
                } else if field_names.is_empty() {
                    data.with_step(|| StepKind::AssignedTo(name), target.span)
                } else {
                    let field = *field_names.last().expect("not empty");
                    data.with_step(|| StepKind::PutIntoField(field), target.span)
                };
                let stepped = if field_names.is_empty() && replace && exact {
                    // A check stored by assignment keeps counting.
                    let mut kept = stepped;
                    kept.set_cond(value.cond().cloned());
                    kept
                } else {
                    stepped
                };
                if exact {
                    self.state.env[local as usize].set_path(&field_names, stepped);
                } else {
                    let mut current = self.state.env[local as usize].project(&field_names);
                    current.join(&stepped);
                    self.state.env[local as usize].set_path(&field_names, current);
                }
                if let Some(&param) = self.param_of_local.get(&local) {
                    let param_taint = taint.filtered(Label::is_data);
                    if !param_taint.is_empty() || !ends.is_empty() {
                        self.summary
                            .add_param_write(param, field_names, &param_taint, &ends);
                    }
                }
            }
            ExprKind::Path { site, .. } => {
                if let Site::Path(PathSite::Static(statics)) = self.sites.site(*site) {
                    for &id in statics {
                        let name = self.context.symbols.function(id).name;
                        let cell = CellId::of(CellKey::Static(id));
                        self.write_cell(
                            cell,
                            &taint,
                            &ends,
                            || StepKind::StoredInStatic(name),
                            target.span,
                        );
                    }
                }
            }
            _ => {}
        }
    }

    /// Writes data and channel ends into a global cell: one [`Flow`] per label and end, the
    /// step named by `step` added. Parameter data goes through the fn's `ParamInput` cells,
    /// which every call fills with its arguments.
    pub(super) fn write_cell(
        &mut self,
        cell: CellId,
        taint: &Taint,
        ends: &[End],
        step: impl Fn() -> StepKind,
        span: TextSpan,
    ) {
        {
            for (label, steps) in taint.with_step(&step, span).iter() {
                let from = match label {
                    Label::Param(path) => Label::Cell(self.param_input(*path)),
                    Label::Received(path) => {
                        let holder = self.param_input(*path);
                        Label::Cell(CellId::of(CellKey::Received(holder)))
                    }
                    _ => *label,
                };
                if self.flows_made.insert((from, cell)) {
                    self.outcome.flows.push(Flow::Data {
                        from,
                        to: cell,
                        steps: steps.clone(),
                    });
                }
            }
        }
        for end in ends {
            let from = match end {
                End::Param(path) => End::Cell(self.param_input(*path)),
                _ => *end,
            };
            if self.ends_made.insert((from, cell)) {
                self.outcome.flows.push(Flow::Ends { from, to: cell });
            }
        }
    }

    /// The cell of what every caller passes into `path`: the fn's summary says the arguments
    /// there must be written into it.
    fn param_input(&mut self, path: ParamPath) -> CellId {
        self.summary.add_global_param(path);
        CellId::of(CellKey::ParamInput {
            function: self.id,
            path,
        })
    }

    /// A read of a global cell: its contents, as a label resolved once every fn is walked, and
    /// the channel ends it holds.
    pub(super) fn read_cell(&mut self, cell: CellId, step: StepKind, span: TextSpan) -> Value {
        let mut value = Value::from_taint(Taint::single(
            Label::Cell(cell),
            Steps::default().push(Step { kind: step, span }),
        ));
        value.add_ends(&[End::Cell(cell)]);
        value
    }

    /// What comes out of the channel ends a value is or holds, received here.
    pub(super) fn received(&self, value: &Value, span: TextSpan) -> Taint {
        received_labels(value).with_step(|| StepKind::ReceivedFromChannel, span)
    }

    /// `sent` goes out on the channel ends `sender` is or holds: into channels made here, into
    /// whatever channels a cell's ends turn out to be, and (a parameter) into whatever channel
    /// the caller passes.
    pub(super) fn send_on(&mut self, sender: &Value, sent: &Taint, span: TextSpan) {
        if !sent.has_data() {
            return;
        }
        for end in sender.all_ends() {
            match end {
                End::Channel(channel) => {
                    let cell = CellId::of(CellKey::Channel(channel));
                    self.write_cell(cell, sent, &[], || StepKind::SentOnChannel, span);
                }
                End::Cell(holder) => {
                    let cell = CellId::of(CellKey::SentVia(holder));
                    self.write_cell(cell, sent, &[], || StepKind::SentOnChannel, span);
                }
                End::Param(path) => add_keyed(&mut self.summary.channel_sends, path, sent),
            }
        }
    }

    /// What one element of an iterated value carries: its data, and what a channel made here
    /// has received when the value is its receiving end.
    pub(super) fn element_of(&self, items: &Value, span: TextSpan) -> Value {
        let mut element = items.data_only();
        if is_channel_end(items) {
            element.add_taint(&self.received(items, span));
        }
        element
    }
}

/// Whether a value is an end of a channel made in the walked fn.
pub(super) fn is_channel_end(value: &Value) -> bool {
    value
        .all_ends()
        .iter()
        .any(|end| matches!(end, End::Channel(_)))
}

/// What comes out of the channel ends a value is or holds: a channel made in the walked fn,
/// the channels a cell's ends turn out to be, what the channel a parameter is receives.
pub(super) fn received_labels(value: &Value) -> Taint {
    let labels: Vec<(Label, Steps)> = value
        .all_ends()
        .into_iter()
        .map(|end| {
            let label = match end {
                End::Channel(channel) => Label::Cell(CellId::of(CellKey::Channel(channel))),
                End::Cell(holder) => Label::Cell(CellId::of(CellKey::Received(holder))),
                End::Param(path) => Label::Received(path),
            };
            (label, Steps::default())
        })
        .collect();
    Taint::from_labels(labels)
}
