//! What one walk of a fn produces: its [`Summary`] (what callers need to know, in terms of its
//! parameters) and the rest of its [`FnOutcome`] (findings-to-be rooted in it, its calls, the
//! flows into global cells it makes).

use std::sync::Arc;

use super::cells::{CellId, End, Flow};
use super::value::{merge_sorted, ParamPath, SourceId, Steps, Taint, Value};
use crate::names::Name;
use crate::propagate::guard::{Cond, GuardState};
use crate::propagate::lattice::JoinSemiLattice;
use crate::resolve::effects::SinkSpec;
use crate::resolve::FnId;
use crate::source::TextSpan;

/// A sink call: where it is and what it shares.
#[derive(Debug, Clone, PartialEq)]
pub struct SinkSite {
    /// Where a finding points: from the method name (or the callee path) to the `)`.
    pub span: TextSpan,
    /// The fn the call is written in.
    pub in_fn: FnId,
    pub spec: Arc<SinkSpec>,
    /// The receiver's type was unknown and the method was matched by name.
    pub by_name: bool,
}

/// A sink inside a fn (or its callees) that data from its parameters reaches.
#[derive(Debug, Clone, PartialEq)]
pub struct SummarySink {
    pub site: Arc<SinkSite>,
    /// Parameter labels only (`Param`, `Received`).
    pub data: Taint,
    /// What the fn itself guarantees on every path to the sink.
    pub guard: GuardState,
}

/// An HTTP request whose URL is not known where it is sent: it comes from a parameter (the
/// send is in the summary, and each call tells) or from a cell (the send is in the outcome,
/// and the solved cells tell). Once the URL is known, it is a sink if a URL sink matches it.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpSend {
    pub span: TextSpan,
    /// The fn the request is sent in.
    pub in_fn: FnId,
    /// Everything in the request, the URL among it.
    pub data: Taint,
    pub guard: GuardState,
    /// The fn where the data is as concrete as it gets (the sender, or a caller).
    pub root: FnId,
}

/// A closure passed as parameter `param` is called: under this guard, with these arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct ClosureCall {
    pub param: u8,
    pub guard: GuardState,
    pub args: Vec<Taint>,
}

/// Data written into (a field of) a parameter: out-parameters and `self.field = ..`.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamWrite {
    pub param: u8,
    pub fields: Vec<Name>,
    pub taint: Taint,
    pub ends: Vec<End>,
}

/// How many parts of one parameter a summary lists as written into global cells before it
/// lists the whole parameter instead.
const MAX_GLOBAL_PATHS: usize = 8;

/// What callers of a fn need to know, in terms of its parameters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// The return value: parameter labels, and sources produced inside.
    pub returns: Value,
    /// What a true (`Ok`, `Some`) or false result proves: for check wrappers.
    pub return_cond: Option<Cond>,
    pub sinks: Vec<SummarySink>,
    pub param_writes: Vec<ParamWrite>,
    /// Parameters (parts of them) whose data the fn, or a fn it calls, writes into a global
    /// cell: every call writes its arguments there into their `ParamInput` cells.
    pub global_params: Vec<ParamPath>,
    pub closure_calls: Vec<ClosureCall>,
    /// Data sent on a parameter (a part of one) that may be a channel end: it goes to
    /// whatever channel the caller passes.
    pub channel_sends: Vec<(ParamPath, Taint)>,
    /// HTTP requests whose URL comes from a parameter.
    pub http_sends: Vec<HttpSend>,
    /// Parameters whose value decides a branch (a `bool` the fn tests): a check passed
    /// there is used.
    pub deciding_params: Vec<u8>,
}

impl Summary {
    /// Joins in what an earlier walk of the same fn said. Walks of a recursive component are
    /// repeated until the summaries settle, and a walk is not monotone everywhere (long label
    /// lists fold into whole parameters), so a summary could alternate forever between two
    /// shapes; joining the earlier one makes every round say at least as much as the last.
    pub fn widen(&mut self, earlier: &Summary) {
        self.returns.join(&earlier.returns);
        self.return_cond = match (self.return_cond.take(), &earlier.return_cond) {
            (Some(mut cond), Some(other)) => {
                cond.meet(other);
                Some(cond)
            }
            (cond, other) => cond.or_else(|| other.clone()),
        };
        for sink in &earlier.sinks {
            match self.sinks.iter_mut().find(|own| own.site == sink.site) {
                Some(own) => {
                    own.data.join(&sink.data);
                    own.guard.meet(&sink.guard);
                }
                None => self.sinks.push(sink.clone()),
            }
        }
        for write in &earlier.param_writes {
            self.add_param_write(write.param, write.fields.clone(), &write.taint, &write.ends);
        }
        for path in &earlier.global_params {
            self.add_global_param(*path);
        }
        for call in &earlier.closure_calls {
            self.add_closure_call(call.param, &call.guard, call.args.clone());
        }
        for (param, taint) in &earlier.channel_sends {
            add_keyed(&mut self.channel_sends, *param, taint);
        }
        for send in &earlier.http_sends {
            self.add_http_send(send.clone());
        }
        for param in &earlier.deciding_params {
            if !self.deciding_params.contains(param) {
                self.deciding_params.push(*param);
            }
        }
        self.deciding_params.sort_unstable();
    }

    /// Records an HTTP request whose URL a parameter brings; several of one place join.
    pub fn add_http_send(&mut self, send: HttpSend) {
        match self
            .http_sends
            .iter_mut()
            .find(|known| known.span == send.span)
        {
            Some(known) => {
                known.data.join(&send.data);
                known.guard.meet(&send.guard);
            }
            None => self.http_sends.push(send),
        }
    }

    /// Records that data of a parameter (a part of one) is written into a global cell.
    /// A path another one holds is covered by it (the solver feeds a part's cell from its
    /// whole's), and a parameter with more than [`MAX_GLOBAL_PATHS`] parts written folds into
    /// the whole parameter: fns that pass `self` down a UI tree would otherwise list every
    /// field path any callee writes.
    pub fn add_global_param(&mut self, path: ParamPath) {
        if self.global_params.iter().any(|known| known.covers(&path)) {
            return;
        }
        self.global_params.retain(|known| !path.covers(known));
        let parts = self
            .global_params
            .iter()
            .filter(|known| known.index == path.index)
            .count();
        let path = if parts >= MAX_GLOBAL_PATHS {
            self.global_params.retain(|known| known.index != path.index);
            ParamPath::whole(path.index)
        } else {
            path
        };
        if let Err(position) = self.global_params.binary_search(&path) {
            self.global_params.insert(position, path);
        }
    }

    /// Records data written into a parameter, joined with earlier writes of the same place.
    pub fn add_param_write(&mut self, param: u8, fields: Vec<Name>, taint: &Taint, ends: &[End]) {
        match self
            .param_writes
            .iter_mut()
            .find(|write| write.param == param && write.fields == fields)
        {
            Some(write) => {
                write.taint.join(taint);
                merge_sorted(&mut write.ends, ends);
            }
            None => {
                let mut sorted = Vec::new();
                merge_sorted(&mut sorted, ends);
                self.param_writes.push(ParamWrite {
                    param,
                    fields,
                    taint: taint.clone(),
                    ends: sorted,
                });
                self.param_writes
                    .sort_by(|a, b| (a.param, &a.fields).cmp(&(b.param, &b.fields)));
            }
        }
    }

    /// Records a call of a closure parameter; several calls of one parameter merge (the facts
    /// of all of them, the data of any).
    pub fn add_closure_call(&mut self, param: u8, guard: &GuardState, args: Vec<Taint>) {
        match self
            .closure_calls
            .iter_mut()
            .find(|call| call.param == param)
        {
            Some(call) => {
                call.guard.meet(guard);
                for (index, arg) in args.into_iter().enumerate() {
                    match call.args.get_mut(index) {
                        Some(known) => {
                            known.join(&arg);
                        }
                        None => call.args.push(arg),
                    }
                }
            }
            None => {
                self.closure_calls.push(ClosureCall {
                    param,
                    guard: guard.clone(),
                    args,
                });
                self.closure_calls.sort_by_key(|call| call.param);
            }
        }
    }
}

/// Joins `taint` into the entry of `key`, keeping the list sorted by key: summaries stay as
/// small as what they say, however often a loop or a caller repeats a write.
pub(super) fn add_keyed<K: Ord + Copy>(entries: &mut Vec<(K, Taint)>, key: K, taint: &Taint) {
    match entries.binary_search_by(|(known, _)| known.cmp(&key)) {
        Ok(position) => {
            entries[position].1.join(taint);
        }
        Err(position) => entries.insert(position, (key, taint.clone())),
    }
}
/// Where personal data is produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    /// A call of a `personal` fn or of a fn returning a personal type.
    Call(String),
    /// A read of a `personal` field (or a field of a personal type).
    Field(Name),
    /// A value of a personal type built here.
    Construction(Name),
    /// A parameter or local declared with a personal type.
    Declared(Name),
    /// A source from config or the catalog.
    Configured(String),
    /// Not annotated, but named like personal data (`possible_personal_data`).
    Suspected(Name),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInfo {
    pub categories: Vec<String>,
    pub kind: SourceKind,
    pub span: TextSpan,
}

/// A sink reached by personal data, rooted in the fn where the data is concrete.
#[derive(Debug, Clone)]
pub struct SinkEvent {
    pub site: Arc<SinkSite>,
    /// The sources that reach the sink, as the walk saw them.
    pub data: Vec<(SourceId, Steps)>,
    /// Cells whose contents reach the sink too: their sources are known once the cells are
    /// solved ([`Propagation::sources_of`](super::Propagation::sources_of) lists both).
    pub held: Vec<(CellId, Steps)>,
    /// What the root fn (and the callees on the way) guarantee; the root's callers add theirs.
    pub guard: GuardState,
    pub root: FnId,
    /// Its data is only named like personal data (`possible_personal_data`).
    pub suspected: bool,
}

/// Something that must itself be checked: a token created, a `requires` fn called.
#[derive(Debug, Clone, PartialEq)]
pub enum ObligationKind {
    TokenCreation { token: Name },
    RequiresCall { callee: FnId },
}

#[derive(Debug, Clone)]
pub struct Obligation {
    pub kind: ObligationKind,
    pub purpose: String,
    pub span: TextSpan,
    pub guard: GuardState,
    pub root: FnId,
}

/// A call of a workspace fn: what holds there, and what each argument proves.
#[derive(Debug, Clone)]
pub struct CallRecord {
    pub callee: FnId,
    pub span: TextSpan,
    /// The call was matched by the method's name alone.
    pub by_name: bool,
    pub guard: GuardState,
    /// Per parameter position of the callee: the argument's condition, if it is a check.
    pub arg_conds: Vec<Option<Cond>>,
}

/// A check whose result is dropped or never read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoredCheck {
    pub span: TextSpan,
    /// The local it was stored in and never read, if any.
    pub stored_in: Option<Name>,
}

/// A value of a workspace type made here (a struct literal, a tuple struct's constructor, a
/// unit struct), with the facts in force: where every value of a type is made under a check,
/// its methods run under it (see `guards::made_under`).
#[derive(Debug, Clone)]
pub struct Construction {
    pub site: crate::facts::body::SiteId,
    pub ty: crate::resolve::TypeId,
    pub guard: GuardState,
}

/// Everything one walk of a fn produced.
#[derive(Debug, Default)]
pub struct FnOutcome {
    pub summary: Arc<Summary>,
    pub sources: Vec<SourceInfo>,
    pub events: Vec<SinkEvent>,
    pub obligations: Vec<Obligation>,
    pub calls: Vec<CallRecord>,
    /// Every write into a global cell made here, parameter data's included.
    pub flows: Vec<Flow>,
    /// HTTP requests whose URL may come from a cell: sinks once the cells are solved.
    pub http_sends: Vec<HttpSend>,
    pub ignored_checks: Vec<IgnoredCheck>,
    pub constructions: Vec<Construction>,
    /// The config entries (by id) calls matched here.
    pub matched_entries: Vec<usize>,
    /// Where a cap of the walk (depth, loop rounds) cut it short.
    pub cut_short: Vec<crate::incomplete::Incomplete>,
}
