//! The walk of one fn body: an abstract interpretation in program order.
//!
//! Every local holds a [`Value`]; the [`FlowState`] at each point (the locals, the facts in
//! force, whether control gets there) is forked at branches and merged where they meet, and
//! loops are walked until their locals stop changing. The facts known at each point
//! ([`GuardState`]) grow with the checks that dominate it: the condition of the branch it is in,
//! and early exits above it (`if !allowed { return }`, `allowed()?`,
//! `let Ok(..) = allowed() else { return }`). Where branches meet, only facts of every branch
//! that goes on stay.
//!
//! Calls of workspace fns apply the callee's [`Summary`]: its parameters are replaced by the
//! arguments, so a helper reports only the data each caller really passes. Parameters of the
//! walked fn are labels ([`Label::Param`]), which makes the result a summary for its callers.
//!
//! One `impl Walker` block per syntactic category, as rust-analyzer splits type inference:
//! `stmt` (blocks, `let`), `expr` (the dispatch and simple forms), `control` (`if`, `match`,
//! loops, `&&`/`||`), `place` (writes, global cells, channels), `call` (calls and what they
//! mean), `apply` (a callee's summary at a call), `closure`, `checks` (check values and return
//! points), `sources`; `library` holds what the walk knows of std methods.

mod apply;
mod call;
mod checks;
mod closure;
mod control;
mod expr;
pub(crate) use expr::url_matches;
mod place;
mod sources;
mod stmt;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::facts::FnFacts;
use crate::names::Name;
use crate::resolve::configured::Configured;
use crate::resolve::effects::Effects;
use crate::resolve::sites::BodySites;
use crate::source::TextSpan;
use checks::literal_truthiness;

use super::cells::{CellId, End};

use super::summary::{FnOutcome, IgnoredCheck, Summary};
use super::value::{Decider, Label, ParamPath, Steps, Taint, Value, MAX_FIELD_DEPTH};
use crate::facts::body::{Body, ClosureId, Expr, LocalId, SiteId, Stmt};
use crate::propagate::guard::{Cond, GuardSpace, GuardState};
use crate::propagate::lattice::JoinSemiLattice;
use crate::resolve::{FnId, Symbols};

/// Nesting depth of the walk; deeper expressions are cut off rather than risking the stack.
const MAX_DEPTH: usize = 2_000;
/// How often a loop body is walked at most before its locals are taken as they are. rerun's
/// viewer runs its commands in loops whose data moves one cell further each round and
/// settles in the fifth; no loop of the other test-bed apps needs more than four.
const MAX_LOOP_ROUNDS: usize = 5;
/// The locals a loop carries that still change after this many rounds are coarsened.
const COARSEN_AFTER_ROUNDS: usize = 2;

/// The summary of a fn of a recursive component before its first walk: it adds nothing.
static EMPTY_SUMMARY: Summary = Summary {
    returns: Value::EMPTY,
    return_cond: None,
    sinks: Vec::new(),
    param_writes: Vec::new(),
    global_params: Vec::new(),
    closure_calls: Vec::new(),
    channel_sends: Vec::new(),
    http_sends: Vec::new(),
    deciding_params: Vec::new(),
};

/// What the walk reads and never changes.
pub struct Context<'a> {
    pub symbols: &'a Symbols<'a>,
    pub effects: &'a Effects,
    /// The sites of the fns walked, each freed once its component is walked.
    pub sites: &'a crate::memory::Releasable<BodySites>,
    pub space: &'a GuardSpace,
    /// What each fn guarantees for itself (`requires`, token parameters, being a check fn).
    pub base_guards: &'a [GuardState],
    pub configured: &'a Configured,
    /// `possible_personal_data` is on: names that suggest personal data are suspected sources.
    pub suspect_names: bool,
}

/// The summaries of the fns a walk may call.
pub trait Summaries {
    fn summary(&self, id: FnId) -> Option<std::sync::Arc<Summary>>;
}

/// Walks one fn and returns what it found.
pub fn walk_fn(context: &Context<'_>, summaries: &dyn Summaries, id: FnId) -> FnOutcome {
    let function = context.symbols.function(id);
    let Some(body) = context.symbols.bodies().get(id) else {
        return FnOutcome::default();
    };
    let body = &*body;
    // None if not walked (every site then reads as `Site::None`).
    let sites = context.sites.get(id.0 as usize).unwrap_or_default();
    let sites = &*sites;
    let mut walker = Walker {
        context,
        summaries,
        id,
        function,
        body,
        sites,
        param_of_local: HashMap::new(),
        outcome: FnOutcome::default(),
        state: FlowState {
            env: vec![Value::default(); body.locals.len()],
            // What the fn's own `#[cfg]`s need holds wherever it runs: a sink it reaches
            // through a fn needing the opposite is on no build's path.
            guard: GuardState::from_bits(context.space.cfg_bits(&function.cfg)),
            diverged: false,
        },
        summary: Summary::default(),
        returns: ReturnPoints::default(),
        closure_returns: Vec::new(),
        loop_exits: Vec::new(),
        loop_values: Vec::new(),
        walked_closures: vec![false; body.closures.len()],
        evaluations: Vec::new(),
        call_index: HashMap::new(),
        flows_made: HashSet::new(),
        ends_made: HashSet::new(),
        depth: 0,
        discarded_call: None,
    };
    walker.enter_params();
    let value = walker.block(&body.block);
    if body.block.has_tail && !walker.state.diverged {
        let tail = match body.block.stmts.last() {
            Some(Stmt::Expr(expr)) => literal_truthiness(expr),
            _ => None,
        };
        walker.return_point(&value, tail);
    }
    // Closures never called here (returned, stored) still run somewhere: once, as they are.
    for closure in 0..body.closures.len() {
        if !walker.walked_closures[closure] {
            walker.call_closure(closure as ClosureId, &[], &GuardState::default());
        }
    }
    walker.finish()
}

/// The return points seen so far: what the result carries, and what a true or false result
/// proves (`None`: no return point gives that outcome yet).
#[derive(Default)]
struct ReturnPoints {
    value: Value,
    when_true: Option<GuardState>,
    when_false: Option<GuardState>,
    any: bool,
}

struct Walker<'w, 'a> {
    // What the walk reads.
    context: &'w Context<'a>,
    summaries: &'w dyn Summaries,
    id: FnId,
    function: &'a FnFacts,
    body: &'a Body,
    sites: &'a BodySites,
    param_of_local: HashMap<LocalId, u8>,

    /// The program point the walk is at.
    state: FlowState,

    // What the walk found so far.
    outcome: FnOutcome,
    /// The summary being built (moved into `outcome` at the end).
    summary: Summary,
    returns: ReturnPoints,
    /// Every check evaluated in this fn, and whether its value decided anything.
    evaluations: Vec<CheckEvaluation>,
    /// Where each call site's record is in `outcome.calls`.
    call_index: HashMap<(FnId, TextSpan), usize>,
    /// The flows into cells recorded so far (a loop or a second call makes them again).
    flows_made: HashSet<(Label, CellId)>,
    ends_made: HashSet<(End, CellId)>,

    // Where the walk is inside the body.
    /// While a closure is walked, its `return`s go here, not to the fn's result.
    closure_returns: Vec<(ClosureId, Option<Value>)>,
    /// While a loop is walked: the locals at each `break` and `continue`.
    loop_exits: Vec<Vec<Vec<Value>>>,
    /// While a loop is walked: what `break value` leaves it with.
    loop_values: Vec<Value>,
    walked_closures: Vec<bool>,
    depth: usize,
    /// The method call whose result its statement throws away (`session.header(k, v);`).
    discarded_call: Option<SiteId>,
}

/// What holds at one point of the walk: the value of every local, the facts in force, and
/// whether control gets there at all. Branches fork it and merge their ends.
#[derive(Clone, Default)]
struct FlowState {
    env: Vec<Value>,
    /// Facts in force: the checks that dominate this point.
    guard: GuardState,
    /// The current path has left (returned, broken out, panicked): what follows is dead.
    diverged: bool,
}

impl FlowState {
    /// Where paths meet: the locals of every end that goes on, joined, and only the facts that
    /// hold at all of them. When none goes on, what follows is unreachable: `before`, dead.
    fn merge(ends: Vec<FlowState>, before: FlowState) -> FlowState {
        let mut live = ends.into_iter().filter(|end| !end.diverged);
        let Some(mut merged) = live.next() else {
            return FlowState {
                diverged: true,
                ..before
            };
        };
        for end in live {
            merged.env.join(&end.env);
            merged.guard.join(&end.guard);
        }
        merged
    }
}

/// A check evaluated in the walked fn.
struct CheckEvaluation {
    span: TextSpan,
    stored_in: Option<Name>,
    used: bool,
}

/// A workspace fn as one call reaches it.
pub(super) struct Callee {
    pub id: FnId,
    /// The call.
    pub span: TextSpan,
    /// The call was matched by the method's name alone (the receiver's type is not known).
    pub by_name: bool,
}

/// How a call reaches its callee, for lining arguments up with parameters.
struct CallInputs<'e> {
    /// Receiver first for method calls, then the arguments.
    values: Vec<Value>,
    /// The expressions the values came from (for writes into arguments).
    exprs: Vec<&'e Expr>,
}

impl<'a> Walker<'_, 'a> {
    // ---- Setup and results ----

    pub(super) fn enter_params(&mut self) {
        for (index, pattern) in self.body.params.iter().enumerate() {
            let index = index as u8;
            let is_self = self
                .function
                .params
                .get(index as usize)
                .is_some_and(|param| param.is_self);
            let whole = ParamPath::whole(index);
            let mut value = Value::from_taint(Taint::single(Label::Param(whole), Steps::default()));
            // Whatever channel ends the caller passes.
            value.add_ends(&[End::Param(whole)]);
            if !is_self {
                value.set_cond(Some(Cond::of_param(index)));
                value.add_deciders(&[Decider::Param(index)]);
            }
            if let [binding] = &*pattern.bindings {
                if binding.projection.is_empty() {
                    self.param_of_local.insert(binding.local, index);
                }
            }
            for binding in &pattern.bindings {
                let mut bound = value.project(&binding.projection);
                if !binding.projection.is_empty() {
                    bound = bound.data_only();
                }
                if !is_self {
                    self.suspect_local(binding.local, &mut bound);
                }
                self.state.env[binding.local as usize] = bound;
            }
        }
        // Parameters of a personal type (or holding personal fields) are sources right away.
        let param_locals: Vec<LocalId> = self
            .body
            .params
            .iter()
            .flat_map(|pattern| pattern.bindings.iter().map(|binding| binding.local))
            .collect();
        self.declared_sources(&param_locals);
    }

    /// A cap cut the walk short here (recorded once per place and cap).
    pub(super) fn cut_short(&mut self, span: TextSpan, cap: crate::incomplete::Cap) {
        let incomplete = crate::incomplete::Incomplete { span, cap };
        if !self.outcome.cut_short.contains(&incomplete) {
            self.outcome.cut_short.push(incomplete);
        }
    }

    pub(super) fn finish(mut self) -> FnOutcome {
        let returns = std::mem::take(&mut self.returns);
        let mut summary = std::mem::take(&mut self.summary);
        summary.returns = returns.value.data_only().limited(MAX_FIELD_DEPTH);
        // Only a fn that returns something can be a check's wrapper.
        let returns_value = !matches!(
            &self.function.return_type,
            None | Some(crate::facts::TypeRef::Tuple(_))
        );
        if returns.any && returns_value {
            let cond = Cond {
                when_true: returns.when_true.unwrap_or_default(),
                when_false: returns.when_false.unwrap_or_default(),
            };
            if !cond.is_empty() {
                summary.return_cond = Some(cond);
            }
        }
        summary.deciding_params.sort();
        summary.deciding_params.dedup();
        self.outcome.summary = Arc::new(summary);
        for evaluation in &self.evaluations {
            if !evaluation.used {
                self.outcome.ignored_checks.push(IgnoredCheck {
                    span: evaluation.span,
                    stored_in: evaluation.stored_in,
                });
            }
        }
        self.outcome
            .ignored_checks
            .sort_by_key(|ignored| ignored.span);
        self.outcome.ignored_checks.dedup();
        self.outcome
    }
}
