//! Places and writes: assignments into locals, fields and statics, the global cells
//! (fields, statics, channels) data is written to and read from, and channel ends.

use crate::facts::body::{Expr, ExprKind, SiteId};
use crate::names::Name;
use crate::propagate::summary::{add_keyed, CellKey};
use crate::propagate::value::{ChannelId, Label, ParamPath, StepKind, Taint, Value};
use crate::resolve::sites::{FieldSite, PathSite, Site};
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
        let data = value.data_only();
        let taint = data.flatten();
        // Every field along the path now holds the data, wherever it is read.
        for (name, site) in &fields {
            let owner = match self.sites.site(*site) {
                Site::Field(FieldSite { owner, .. }) => *owner,
                _ => None,
            };
            self.write_cell(CellKey::Field { owner, name: *name }, &taint, target.span);
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
                    if !param_taint.is_empty() {
                        self.summary
                            .add_param_write(param, field_names, &param_taint);
                    }
                }
            }
            ExprKind::Path { site, .. } => {
                if let Site::Path(PathSite::Static(statics)) = self.sites.site(*site) {
                    for &id in statics {
                        self.write_cell(CellKey::Static(id), &taint, target.span);
                    }
                }
            }
            _ => {}
        }
    }

    pub(super) fn write_cell(&mut self, key: CellKey, taint: &Taint, span: TextSpan) {
        if taint.is_empty() {
            return;
        }
        let step = match key {
            CellKey::Field { name, .. } => StepKind::PutIntoField(name),
            CellKey::Static(id) => StepKind::StoredInStatic(self.context.symbols.function(id).name),
            CellKey::Channel(_) => StepKind::SentOnChannel,
        };
        let stepped = taint.with_step(|| step.clone(), span);
        let concrete = stepped.filtered(|label| !matches!(label, Label::Param(_)));
        let from_params = stepped.filtered(|label| matches!(label, Label::Param(_)));
        if !concrete.is_empty() {
            add_keyed(&mut self.outcome.cell_writes, key, &concrete);
        }
        if !from_params.is_empty() {
            add_keyed(&mut self.summary.cell_writes, key, &from_params);
        }
    }

    pub(super) fn read_cell(&mut self, key: CellKey) -> Taint {
        self.outcome.cell_reads.push(key);
        self.context.cells.read(key)
    }

    /// What comes out of the channels a value belongs to.
    pub(super) fn channel_contents(&mut self, value: &Value) -> Taint {
        let mut received = Taint::default();
        for channel in channels_of(value) {
            received.join(&self.read_cell(CellKey::Channel(channel)));
        }
        received
    }

    /// `sent` goes out on `sender`: into the channels it belongs to, and, when it is a
    /// parameter of this fn, into whatever channel the caller passes.
    pub(super) fn send_on(&mut self, sender: &Value, sent: &Taint, span: TextSpan) {
        if sent.has_data() {
            for (label, _) in sender.taint().iter() {
                if let Label::Param(path) = label {
                    if path.fields.is_empty() {
                        add_keyed(&mut self.summary.channel_sends, path.index, sent);
                    }
                }
            }
        }
        for channel in channels_of(sender) {
            self.write_cell(CellKey::Channel(channel), sent, span);
        }
    }

    /// What one element of an iterated value carries: the data (channels give what was sent).
    pub(super) fn element_of(&mut self, items: &Value) -> Value {
        let mut element = items.data_only();
        let received = self.channel_contents(items);
        element.add_taint(&received);
        element.add_taint(&received_from_params(items));
        element
    }
}

/// "What comes out of the channel" for each parameter a value may be.
pub(super) fn received_from_params(value: &Value) -> Taint {
    let mut received = Taint::default();
    for (label, steps) in value.taint().iter() {
        if let Label::Param(path) = label {
            if path.fields.as_slice().last() == Some(&received_field()) {
                continue;
            }
            let Some(fields) = path.fields.with(received_field()) else {
                continue;
            };
            received.join(&Taint::single(
                Label::Param(ParamPath {
                    index: path.index,
                    fields,
                }),
                steps.clone(),
            ));
        }
    }
    received
}

/// The channels a value belongs to (as a sender or receiver, or holding one).
pub(super) fn channels_of(value: &Value) -> Vec<ChannelId> {
    value
        .flatten()
        .iter()
        .filter_map(|(label, _)| match label {
            Label::Channel(channel) => Some(*channel),
            _ => None,
        })
        .collect()
}

/// The field name of "what comes out of the channel this parameter is": resolved per call.
pub(super) fn received_field() -> Name {
    static RECEIVED: std::sync::OnceLock<Name> = std::sync::OnceLock::new();
    *RECEIVED.get_or_init(|| Name::new("<received from channel>"))
}
