//! The walk of one fn body: an abstract interpretation in program order.
//!
//! Every local holds a [`Value`]; branches are walked on copies of the locals and merged, loops
//! until their locals stop changing. The facts known at each point ([`GuardState`]) grow with
//! the checks that dominate it: the condition of the branch it is in, and early exits above it
//! (`if !allowed { return }`, `allowed()?`, `let Ok(..) = allowed() else { return }`). Where
//! branches meet, only facts of every branch that goes on stay.
//!
//! Calls of workspace fns apply the callee's [`Summary`]: its parameters are replaced by the
//! arguments, so a helper reports only the data each caller really passes. Parameters of the
//! walked fn are labels ([`Label::Param`]), which makes the result a summary for its callers.

use std::collections::HashMap;
use std::sync::Arc;

use super::summary::{
    add_keyed, CallRecord, CellKey, FnOutcome, IgnoredCheck, Obligation, ObligationKind, SinkEvent,
    SinkSite, SourceInfo, SourceKind, Summary, SummarySink,
};
use super::value::{
    Callable, ChannelId, Decider, FieldPath, Label, ParamPath, SourceId, StepKind, Steps, Taint,
    Value, MAX_FIELD_DEPTH,
};
use super::CellStore;
use crate::config::EntryKind;
use crate::facts::body::{
    Block, Body, ClosureId, Expr, ExprKind, LocalId, MatchArm, Pattern, PatternShape, SiteId, Stmt,
};
use crate::facts::FnFacts;
use crate::guards::{meet_optional, CheckWitness, Cond, GuardSpace, GuardState};
use crate::incomplete::{Cap, Incomplete};
use crate::names::Name;
use crate::resolve::configured::Configured;
use crate::resolve::effects::{Effects, PersonalParts, SinkSpec};
use crate::resolve::sites::{BodySites, CallSite, FieldSite, PathSite, Site};
use crate::resolve::{FnId, Symbols};
use crate::source::TextSpan;

/// Nesting depth of the walk; deeper expressions are cut off rather than risking the stack.
const MAX_DEPTH: usize = 2_000;
/// How often a loop body is walked at most before its locals are taken as they are.
const MAX_LOOP_ROUNDS: usize = 4;

/// Methods whose result says something about a value without carrying it.
const CLEAN_METHODS: &[&str] = &[
    "len",
    "is_empty",
    "is_some",
    "is_none",
    "is_ok",
    "is_err",
    "count",
    "eq",
    "ne",
    "lt",
    "le",
    "gt",
    "ge",
    "cmp",
    "partial_cmp",
    "contains",
    "contains_key",
    "starts_with",
    "ends_with",
    "any",
    "all",
    "capacity",
    "is_some_and",
    "is_none_or",
    "is_ok_and",
    "is_err_and",
    "position",
    "hash",
    "type_id",
];

/// Methods that put their arguments into the receiver.
const INSERTING_METHODS: &[&str] = &[
    "push",
    "push_str",
    "push_back",
    "push_front",
    "insert",
    "extend",
    "append",
    "extend_from_slice",
    "write_all",
    "write_str",
    "write_fmt",
    "set",
    "replace",
    "get_or_insert",
    "get_or_insert_with",
    "entry",
    "or_insert",
    "or_insert_with",
    "store",
    "swap",
];

/// Methods that send on a channel.
const CHANNEL_SEND_METHODS: &[&str] = &[
    "send",
    "try_send",
    "send_timeout",
    "blocking_send",
    "unbounded_send",
    "send_async",
    "force_send",
];

/// Methods that take what was sent out of a channel.
const CHANNEL_RECEIVE_METHODS: &[&str] = &[
    "recv",
    "try_recv",
    "recv_timeout",
    "blocking_recv",
    "recv_async",
    "iter",
    "try_iter",
    "recv_deadline",
];

/// The field name of "what comes out of the channel this parameter is": resolved per call.
fn received_field() -> Name {
    static RECEIVED: std::sync::OnceLock<Name> = std::sync::OnceLock::new();
    *RECEIVED.get_or_init(|| Name::new("<received from channel>"))
}

/// Iterator adaptors whose closure's result replaces the element.
const MAPPING_METHODS: &[&str] = &[
    "map",
    "filter_map",
    "flat_map",
    "map_while",
    "and_then",
    "then",
    "scan",
    "map_or_else",
];

/// Methods of a `bool` (or a Result/Option check) that keep its condition.
const COND_KEEPING_METHODS: &[&str] = &[
    "is_ok",
    "is_some",
    "ok",
    "then_some",
    "clone",
    "to_owned",
    "await",
    "map_err",
    "ok_or",
    "ok_or_else",
    "context",
    "with_context",
    "as_ref",
    "copied",
    "cloned",
];
/// Methods of a Result/Option check that run their closure only on `Ok`/`Some`.
const COND_CLOSURE_METHODS: &[&str] = &[
    "then",
    "map",
    "and_then",
    "inspect",
    "is_some_and",
    "is_ok_and",
    "if_some",
];
/// Methods that panic unless the check allowed: what follows is guarded.
const COND_ASSERTING_METHODS: &[&str] = &["expect", "unwrap", "unwrap_unchecked"];
/// Methods that flip it.
const COND_FLIPPING_METHODS: &[&str] = &["is_err", "is_none", "err"];

/// The summary of a fn of a recursive component before its first walk: it adds nothing.
static EMPTY_SUMMARY: Summary = Summary {
    returns: Value::EMPTY,
    return_cond: None,
    sinks: Vec::new(),
    param_writes: Vec::new(),
    cell_writes: Vec::new(),
    closure_calls: Vec::new(),
    channel_sends: Vec::new(),
    deciding_params: Vec::new(),
};

/// What the walk reads and never changes.
pub struct Context<'a> {
    pub symbols: &'a Symbols<'a>,
    pub effects: &'a Effects,
    pub sites: &'a [BodySites],
    pub space: &'a GuardSpace,
    /// What each fn guarantees for itself (`requires`, token parameters, being a check fn).
    pub base_guards: &'a [GuardState],
    pub cells: &'a CellStore,
    pub configured: &'a Configured,
    /// `possible_personal_data` is on: names that suggest personal data are suspected sources.
    pub suspect_names: bool,
}

/// The summaries of the fns a walk may call.
pub trait Summaries {
    fn summary(&self, id: FnId) -> Option<&Summary>;
}

/// Walks one fn and returns what it found.
pub fn walk_fn(context: &Context<'_>, summaries: &dyn Summaries, id: FnId) -> FnOutcome {
    let function = context.symbols.function(id);
    let Some(body) = &function.body else {
        return FnOutcome::default();
    };
    let sites = &context.sites[id.0 as usize];
    let mut walker = Walker {
        context,
        summaries,
        id,
        function,
        body,
        sites,
        env: vec![Value::default(); body.locals.len()],
        guard: GuardState::default(),
        param_of_local: HashMap::new(),
        outcome: FnOutcome::default(),
        summary: Summary::default(),
        returns: ReturnPoints::default(),
        closure_returns: Vec::new(),
        loop_exits: Vec::new(),
        loop_values: Vec::new(),
        walked_closures: vec![false; body.closures.len()],
        evaluations: Vec::new(),
        call_index: HashMap::new(),
        depth: 0,
        diverged: false,
        discarded_call: None,
    };
    walker.enter_params();
    let value = walker.block(&body.block);
    if body.block.has_tail && !walker.diverged {
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
    context: &'w Context<'a>,
    summaries: &'w dyn Summaries,
    id: FnId,
    function: &'a FnFacts,
    body: &'a Body,
    sites: &'a BodySites,
    env: Vec<Value>,
    /// Facts in force at the current point.
    guard: GuardState,
    param_of_local: HashMap<LocalId, u8>,
    outcome: FnOutcome,
    /// The summary being built (moved into `outcome` at the end).
    summary: Summary,
    returns: ReturnPoints,
    /// While a closure is walked, its `return`s go here, not to the fn's result.
    closure_returns: Vec<(ClosureId, Option<Value>)>,
    /// While a loop is walked: the locals at each `break`.
    loop_exits: Vec<Vec<Vec<Value>>>,
    /// While a loop is walked: what `break value` leaves it with.
    loop_values: Vec<Value>,
    walked_closures: Vec<bool>,
    /// Every check evaluated in this fn, and whether its value decided anything.
    evaluations: Vec<CheckEvaluation>,
    /// Where each call site's record is in `outcome.calls`.
    call_index: HashMap<(FnId, TextSpan), usize>,
    depth: usize,
    /// The current path has left (returned, broken out, panicked).
    diverged: bool,
    /// The method call whose result its statement throws away (`session.header(k, v);`).
    discarded_call: Option<SiteId>,
}

/// A check evaluated in the walked fn.
struct CheckEvaluation {
    span: TextSpan,
    stored_in: Option<Name>,
    used: bool,
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

    fn enter_params(&mut self) {
        for (index, pattern) in self.body.params.iter().enumerate() {
            let index = index as u8;
            let is_self = self
                .function
                .params
                .get(index as usize)
                .is_some_and(|param| param.is_self);
            let mut value = Value::from_taint(Taint::single(
                Label::Param(ParamPath {
                    index,
                    fields: FieldPath::new(),
                }),
                Steps::default(),
            ));
            if !is_self {
                value.set_cond(Some(Cond::of_param(index)));
                value.add_deciders(&[Decider::Param(index)]);
            }
            if let [binding] = pattern.bindings.as_slice() {
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
                self.env[binding.local as usize] = bound;
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

    /// Locals declared with a personal type, or a type with personal fields, hold sources.
    fn declared_sources(&mut self, locals: &[LocalId]) {
        for (local, parts) in &self.sites.personal_locals {
            if !locals.contains(local) {
                continue;
            }
            let declared = &self.body.locals[*local as usize];
            let (name, span) = (declared.name, declared.span);
            let mut value = std::mem::take(&mut self.env[*local as usize]);
            self.add_personal_parts(&mut value, parts, SourceKind::Declared(name), span);
            self.env[*local as usize] = value;
        }
    }

    /// Adds the sources a value of a type with personal parts carries: the whole value, or
    /// the fields that hold personal data (so the other fields stay clean).
    fn add_personal_parts(
        &mut self,
        value: &mut Value,
        parts: &PersonalParts,
        whole_kind: SourceKind,
        span: TextSpan,
    ) {
        if !parts.whole.is_empty() {
            let source = self.source(&parts.whole, whole_kind, span);
            value.add_taint(&source);
        }
        self.add_personal_fields(value, &parts.fields, span);
    }

    fn add_personal_fields(
        &mut self,
        value: &mut Value,
        fields: &[(Vec<Name>, Vec<String>)],
        span: TextSpan,
    ) {
        for (path, categories) in fields {
            let Some(&last) = path.last() else {
                continue;
            };
            let source = self.new_source(categories, SourceKind::Field(last), span, true);
            let mut field = value.project(path).data_only();
            field.add_taint(&source);
            value.set_path(path, field);
        }
    }

    /// A cap cut the walk short here (recorded once per place and cap).
    fn cut_short(&mut self, span: TextSpan, cap: Cap) {
        let incomplete = Incomplete { span, cap };
        if !self.outcome.cut_short.contains(&incomplete) {
            self.outcome.cut_short.push(incomplete);
        }
    }

    fn finish(mut self) -> FnOutcome {
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
        self.outcome.cell_reads.sort();
        self.outcome.cell_reads.dedup();
        self.outcome
            .ignored_checks
            .sort_by_key(|ignored| ignored.span);
        self.outcome.ignored_checks.dedup();
        self.outcome
    }

    fn source(&mut self, categories: &[String], kind: SourceKind, span: TextSpan) -> Taint {
        self.new_source(categories, kind, span, false)
    }

    /// A suspected source, when `possible_personal_data` is on and `name` suggests personal
    /// data of a type that can hold some (not a `bool`).
    fn suspected_source(
        &mut self,
        name: Name,
        declared: Option<&crate::facts::TypeRef>,
        span: TextSpan,
    ) -> Option<Taint> {
        if !self.context.suspect_names || declared.is_some_and(answers_only) {
            return None;
        }
        let category = crate::lints::possible_personal_data::suggested_category(name.as_str())?;
        Some(self.source(&[category.to_string()], SourceKind::Suspected(name), span))
    }

    /// The result of a call of an unannotated fn named like personal data (`get_imei()`,
    /// `user.email()`) is a suspected source.
    fn suspect_call_result(
        &mut self,
        name: Name,
        site: SiteId,
        result: &mut Value,
        span: TextSpan,
    ) {
        if !self.context.suspect_names {
            return;
        }
        let Site::Call(call) = self.sites.site(site) else {
            return;
        };
        if call.constructs.is_some() || !call.configured.is_empty() {
            return;
        }
        let mut declared = None;
        for &target in &call.targets {
            if !self.context.effects.of_fn(target).personal.is_empty() {
                return;
            }
            declared = self.context.symbols.function(target).return_type.clone();
        }
        if let Some(source) = self.suspected_source(name, declared.as_ref(), span) {
            result.add_taint(&source);
        }
    }

    /// Adds the suspected source a local's name suggests to the value bound to it.
    fn suspect_local(&mut self, local: LocalId, value: &mut Value) {
        // Borrowed through the `'a` reference: no copy of the type on every binding.
        let body: &'a Body = self.body;
        let declared = &body.locals[local as usize];
        if let Some(source) =
            self.suspected_source(declared.name, declared.ty.as_ref(), declared.span)
        {
            value.add_taint(&source);
        }
    }

    fn new_source(
        &mut self,
        categories: &[String],
        kind: SourceKind,
        span: TextSpan,
        implied: bool,
    ) -> Taint {
        let suspected = matches!(kind, SourceKind::Suspected(_));
        let info = SourceInfo {
            categories: categories.to_vec(),
            kind,
            span,
        };
        let index = match self.outcome.sources.iter().position(|known| known == &info) {
            Some(index) => index,
            None => {
                self.outcome.sources.push(info);
                self.outcome.sources.len() - 1
            }
        };
        Taint::single(
            Label::Source(SourceId {
                function: self.id,
                index: index as u32,
                implied,
                suspected,
            }),
            Steps::default(),
        )
    }

    /// A value leaves the fn here (a `return`, the tail, an `Err(..)?`).
    fn return_point(&mut self, value: &Value, truthiness: Option<bool>) {
        // A check returned is decided on by whoever receives it.
        self.consume(value);
        if let Some((_, collected)) = self.closure_returns.last_mut() {
            match collected {
                Some(collected) => collected.join(value),
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
            (Some(true), _) => (Some(self.guard.clone()), None),
            (Some(false), _) => (None, Some(self.guard.clone())),
            (None, Some(cond)) => {
                let mut when_true = self.guard.clone();
                when_true.add(&cond.when_true);
                let mut when_false = self.guard.clone();
                when_false.add(&cond.when_false);
                (Some(when_true), Some(when_false))
            }
            (None, None) => (Some(self.guard.clone()), Some(self.guard.clone())),
        };
        meet_optional(&mut self.returns.when_true, when_true);
        meet_optional(&mut self.returns.when_false, when_false);
    }

    // ---- Statements ----

    fn block(&mut self, block: &Block) -> Value {
        let mut last = Value::default();
        let count = block.stmts.len();
        for (position, stmt) in block.stmts.iter().enumerate() {
            if self.diverged {
                break;
            }
            last = Value::default();
            match stmt {
                Stmt::Let {
                    pattern,
                    init,
                    diverge,
                    span,
                } => self.let_statement(pattern, init.as_ref(), diverge.as_ref(), *span),
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
        if self.diverged {
            Value::default()
        } else {
            last
        }
    }

    fn let_statement(
        &mut self,
        pattern: &Pattern,
        init: Option<&Expr>,
        diverge: Option<&Block>,
        span: TextSpan,
    ) {
        let value = init.map(|init| self.expr(init)).unwrap_or_default();
        if self.diverged {
            return;
        }
        if let [binding] = pattern.bindings.as_slice() {
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
            let saved_env = self.env.clone();
            let saved_guard = self.guard.clone();
            if let (Some(cond), Some(truthy)) = (value.cond(), side) {
                self.guard.add(cond.side(!truthy));
            }
            self.block(otherwise);
            self.diverged = false;
            self.env = saved_env;
            self.guard = saved_guard;
            if let (Some(cond), Some(truthy)) = (value.cond(), side) {
                let facts = cond.side(truthy).clone();
                self.guard.add(&facts);
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

    /// A check value decides something here: its checks are used.
    fn consume(&mut self, value: &Value) {
        for decider in value.deciders().to_vec() {
            match decider {
                Decider::Evaluation(index) => self.evaluations[index as usize].used = true,
                Decider::Param(param) => self.summary.deciding_params.push(param),
            }
        }
    }

    /// A check evaluated here: its value, with the evaluation recorded.
    fn check_value(&mut self, witness: Arc<CheckWitness>) -> Value {
        let index = self.evaluation_at(witness.span);
        let mut value = Value::from_cond(Cond::of_check(self.context.space, witness));
        value.add_deciders(&[Decider::Evaluation(index)]);
        value
    }

    /// The evaluation of the check at `span` (one per place, however often it is walked).
    fn evaluation_at(&mut self, span: TextSpan) -> u32 {
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

    /// `left && right` (`and`: the right side runs only when the left is true) or
    /// `left || right` (only when it is false).
    fn short_circuit(&mut self, left: &Expr, right: &Expr, and: bool) -> Value {
        let left_value = self.expr(left);
        let left_cond = left_value.cond().cloned().unwrap_or_default();
        let saved = self.guard.clone();
        self.guard.add(left_cond.side(and));
        let right_value = self.expr(right);
        self.guard = saved;
        self.diverged = false;
        let right_cond = right_value.cond().cloned().unwrap_or_default();
        let cond = if and {
            Cond::and(&left_cond, &right_cond)
        } else {
            Cond::or(&left_cond, &right_cond)
        };
        Self::derived_cond(cond, &[&left_value, &right_value])
    }

    /// A value holding `cond`, computed from the checks of `sources`.
    fn derived_cond(cond: Cond, sources: &[&Value]) -> Value {
        let mut value = Value::from_cond(cond);
        for source in sources {
            value.add_deciders(source.deciders());
        }
        value
    }

    fn bind(&mut self, pattern: &Pattern, value: &Value, span: TextSpan) {
        for binding in &pattern.bindings {
            let name = self.body.locals[binding.local as usize].name;
            let mut bound = if binding.projection.is_empty() {
                value.clone()
            } else {
                value.project(&binding.projection)
            };
            bound = bound.with_step(|| StepKind::StoredIn(name), span);
            self.suspect_local(binding.local, &mut bound);
            self.env[binding.local as usize] = bound;
        }
    }

    // ---- Expressions ----

    fn exprs(&mut self, exprs: &[Expr]) -> Vec<Value> {
        exprs.iter().map(|expr| self.expr(expr)).collect()
    }

    fn expr(&mut self, expr: &Expr) -> Value {
        if self.depth > MAX_DEPTH && !self.diverged {
            self.cut_short(expr.span, Cap::WalkDepth(MAX_DEPTH));
        }
        if self.depth > MAX_DEPTH || self.diverged {
            return Value::default();
        }
        self.depth += 1;
        let value = self.expr_inner(expr);
        self.depth -= 1;
        value
    }

    fn expr_inner(&mut self, expr: &Expr) -> Value {
        match &expr.kind {
            ExprKind::Constant | ExprKind::Bool(_) => Value::default(),
            ExprKind::Str(text) => self.string_literal(*text),
            ExprKind::Local(local) => self.env[*local as usize].clone(),
            ExprKind::Path { site, .. } => self.path(*site, expr.span),
            ExprKind::Call { callee, args, site } => {
                let values = self.exprs(args);
                let inputs = CallInputs {
                    values,
                    exprs: args.iter().collect(),
                };
                let mut result = self.call(*site, inputs, expr.span);
                if let Some(&name) = callee.last() {
                    self.suspect_call_result(name, *site, &mut result, expr.span);
                }
                result
            }
            ExprKind::CallValue { callee, args } => {
                let callee_value = self.expr(callee);
                let values = self.exprs(args);
                self.call_value(callee, &callee_value, values, expr.span)
            }
            ExprKind::MethodCall {
                receiver,
                method,
                args,
                site,
                method_span,
            } => {
                let receiver_value = self.expr(receiver);
                let mut values = vec![receiver_value];
                values.extend(self.exprs(args));
                let mut exprs: Vec<&Expr> = vec![receiver];
                exprs.extend(args.iter());
                let inputs = CallInputs { values, exprs };
                let mut result = self.method_call(*site, *method, inputs, *method_span);
                self.suspect_call_result(*method, *site, &mut result, *method_span);
                result
            }
            ExprKind::Field { base, field, site } => {
                let base_value = self.expr(base);
                self.field(&base_value, *field, *site, expr.span)
            }
            ExprKind::Struct {
                fields, rest, site, ..
            } => self.struct_literal(fields, rest.as_deref(), *site, expr.span),
            ExprKind::Tuple(parts) => {
                let values = self.exprs(parts);
                Value::with_fields(
                    values
                        .into_iter()
                        .enumerate()
                        .map(|(index, value)| (Name::new(&index.to_string()), value.data_only()))
                        .collect(),
                )
            }
            ExprKind::Combine(parts) => {
                let values = self.exprs(parts);
                let mut taint = Taint::default();
                for value in &values {
                    taint.join(&value.flatten());
                }
                Value::from_taint(taint)
            }
            ExprKind::Clean(parts) => {
                // Comparisons and assertions read a check's value: it is not ignored.
                for value in self.exprs(parts) {
                    self.consume(&value);
                }
                Value::default()
            }
            ExprKind::Not(inner) => {
                let value = self.expr(inner);
                let cond = value.cond().map(Cond::negated).unwrap_or_default();
                Self::derived_cond(cond, &[&value])
            }
            ExprKind::And(left, right) => self.short_circuit(left, right, true),
            ExprKind::Or(left, right) => self.short_circuit(left, right, false),
            ExprKind::Let { pattern, value } => {
                let matched = self.expr(value);
                self.bind(pattern, &matched, expr.span);
                match (matched.cond(), pattern_side(pattern.shape)) {
                    (Some(cond), Some(true)) => Self::derived_cond(cond.clone(), &[&matched]),
                    (Some(cond), Some(false)) => Self::derived_cond(cond.negated(), &[&matched]),
                    _ => {
                        self.consume(&matched);
                        Value::default()
                    }
                }
            }
            ExprKind::If {
                condition,
                then_branch,
                else_branch,
            } => self.if_expr(condition, then_branch, else_branch.as_deref()),
            ExprKind::Match { scrutinee, arms } => self.match_expr(scrutinee, arms),
            ExprKind::Block(block) => self.block(block),
            ExprKind::Loop {
                pattern,
                iterated,
                condition,
                body,
            } => self.loop_expr(
                pattern.as_ref(),
                iterated.as_deref(),
                condition.as_deref(),
                body,
                expr.span,
            ),
            ExprKind::Closure(id) => Value::callable(Callable::Closure(*id)),
            ExprKind::Assign { target, value } => {
                let assigned = self.expr(value);
                self.assign(target, assigned, true);
                Value::default()
            }
            ExprKind::Try(inner) => {
                let value = self.expr(inner);
                self.consume(&value);
                if let Some(cond) = value.cond() {
                    // `CHECK?`: the rest runs only on `Ok`/`Some`.
                    let (when_true, when_false) = (cond.when_true.clone(), cond.when_false.clone());
                    let saved = self.guard.clone();
                    self.guard.add(&when_false);
                    self.return_point(&Value::default(), Some(false));
                    self.guard = saved;
                    self.guard.add(&when_true);
                } else {
                    self.return_point(&value.data_only(), Some(false));
                }
                value.data_only()
            }
            ExprKind::Return(value) => {
                let returned = value
                    .as_deref()
                    .map(|value| self.expr(value))
                    .unwrap_or_default();
                let truthiness = value.as_deref().and_then(literal_truthiness);
                self.return_point(&returned, truthiness);
                self.diverged = true;
                Value::default()
            }
            ExprKind::Break(value) => {
                let broken_with = value
                    .as_deref()
                    .map(|value| self.expr(value))
                    .unwrap_or_default();
                if let Some(exits) = self.loop_exits.last_mut() {
                    exits.push(self.env.clone());
                }
                if let Some(result) = self.loop_values.last_mut() {
                    result.join(&broken_with);
                }
                self.diverged = true;
                Value::default()
            }
            ExprKind::Continue => {
                if let Some(exits) = self.loop_exits.last_mut() {
                    exits.push(self.env.clone());
                }
                self.diverged = true;
                Value::default()
            }
            ExprKind::Diverge(value) => {
                if let Some(value) = value {
                    self.expr(value);
                }
                self.diverged = true;
                Value::default()
            }
        }
    }

    /// Walks `then` and `else` on copies of the locals, each with what the condition proves
    /// on its side; after the `if`, what holds at the end of every branch that goes on.
    fn if_expr(
        &mut self,
        condition: &Expr,
        then_branch: &Block,
        else_branch: Option<&Expr>,
    ) -> Value {
        let condition_value = self.expr(condition);
        if self.diverged {
            return Value::default();
        }
        self.consume(&condition_value);
        let cond = condition_value.cond().cloned().unwrap_or_default();
        let before_env = self.env.clone();
        let before_guard = self.guard.clone();
        let mut ends: Vec<(Vec<Value>, GuardState)> = Vec::new();

        self.guard.add(&cond.when_true);
        let mut result: Option<Value> = None;
        let then_value = self.block(then_branch);
        if !self.diverged {
            result = Some(then_value);
            ends.push((std::mem::take(&mut self.env), self.guard.clone()));
        }
        self.diverged = false;
        self.env = before_env.clone();
        self.guard = before_guard.clone();
        self.guard.add(&cond.when_false);
        let else_value = else_branch
            .map(|branch| self.expr(branch))
            .unwrap_or_default();
        if !self.diverged {
            match &mut result {
                Some(result) => result.join(&else_value),
                None => result = Some(else_value),
            }
            ends.push((std::mem::take(&mut self.env), self.guard.clone()));
        }
        let result = result.unwrap_or_default();
        self.merge_ends(ends, before_env, before_guard);
        result
    }

    /// Continues after branches with the locals of every branch that goes on, and the facts
    /// that hold at the end of all of them. When none goes on, the code after is unreachable.
    fn merge_ends(
        &mut self,
        ends: Vec<(Vec<Value>, GuardState)>,
        before_env: Vec<Value>,
        before_guard: GuardState,
    ) {
        let mut ends = ends.into_iter();
        match ends.next() {
            None => {
                self.env = before_env;
                self.guard = before_guard;
                self.diverged = true;
            }
            Some((mut env, mut guard)) => {
                for (other_env, other_guard) in ends {
                    join_envs(&mut env, &other_env);
                    guard.meet(&other_guard);
                }
                self.env = env;
                self.guard = guard;
                self.diverged = false;
            }
        }
    }

    fn match_expr(&mut self, scrutinee: &Expr, arms: &[MatchArm]) -> Value {
        let scrutinee_value = self.expr(scrutinee);
        if self.diverged {
            return Value::default();
        }
        self.consume(&scrutinee_value);
        let cond = scrutinee_value.cond().cloned();
        let before_env = self.env.clone();
        let before_guard = self.guard.clone();
        let mut ends = Vec::new();
        let mut result: Option<Value> = None;
        // Which sides the arms before have matched: a later `_` takes the other one.
        let mut sides_seen: Vec<Option<bool>> = Vec::new();
        for arm in arms {
            self.env = before_env.clone();
            self.guard = before_guard.clone();
            self.diverged = false;
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
                self.guard.add(cond.side(side));
            }
            self.bind(&arm.pattern, &scrutinee_value.data_only(), arm.body.span);
            if let Some(guard) = &arm.guard {
                let guard_value = self.expr(guard);
                self.consume(&guard_value);
                if let Some(guard_cond) = guard_value.cond() {
                    self.guard.add(&guard_cond.when_true.clone());
                }
            }
            let value = self.expr(&arm.body);
            if !self.diverged {
                match &mut result {
                    Some(result) => result.join(&value),
                    None => result = Some(value),
                }
                ends.push((std::mem::take(&mut self.env), self.guard.clone()));
            }
        }
        if arms.is_empty() {
            ends.push((before_env.clone(), before_guard.clone()));
        }
        self.merge_ends(ends, before_env, before_guard);
        result.unwrap_or_default()
    }

    fn loop_expr(
        &mut self,
        pattern: Option<&Pattern>,
        iterated: Option<&Expr>,
        condition: Option<&Expr>,
        body: &Block,
        span: TextSpan,
    ) -> Value {
        let items = iterated.map(|iterated| self.expr(iterated));
        if self.diverged {
            return Value::default();
        }
        let before_env = self.env.clone();
        let before_guard = self.guard.clone();
        let element = items.as_ref().map(|items| self.element_of(items));
        let element_guard = items
            .as_ref()
            .and_then(|items| items.element_guard().cloned());
        let mut exits: Vec<Vec<Value>> = Vec::new();
        let mut entry_env = before_env.clone();
        self.loop_values.push(Value::default());
        // Locals declared in the body are rebound every round: only the ones before it can
        // carry something around the loop.
        let outer = (body.first_local as usize).min(before_env.len());
        for round in 0..MAX_LOOP_ROUNDS {
            self.env = entry_env.clone();
            self.guard = before_guard.clone();
            self.diverged = false;
            self.loop_exits.push(Vec::new());
            if let Some(element_guard) = &element_guard {
                self.guard.add(element_guard);
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
                    self.guard.add(&cond.when_true.clone());
                }
            }
            if !self.diverged {
                self.block(body);
            }
            let mut round_exits = self.loop_exits.pop().unwrap_or_default();
            if !self.diverged {
                round_exits.push(std::mem::take(&mut self.env));
            }
            let mut next_entry = before_env.clone();
            for exit in &round_exits {
                join_envs(&mut next_entry[..outer], &exit[..outer]);
            }
            exits = round_exits;
            if next_entry[..outer] == entry_env[..outer] {
                break;
            }
            if round + 1 == MAX_LOOP_ROUNDS {
                self.cut_short(span, Cap::LoopRounds(MAX_LOOP_ROUNDS));
            }
            entry_env = next_entry;
        }
        // The loop may run any number of times, zero included.
        let mut after = before_env;
        for exit in &exits {
            join_envs(&mut after[..outer], &exit[..outer]);
        }
        self.env = after;
        self.guard = before_guard;
        self.diverged = false;
        self.loop_values.pop().unwrap_or_default()
    }

    /// What one element of an iterated value carries: the data (channels give what was sent).
    fn element_of(&mut self, items: &Value) -> Value {
        let mut element = items.data_only();
        let received = self.channel_contents(items);
        element.add_taint(&received);
        element.add_taint(&received_from_params(items));
        element
    }

    // ---- Places and writes ----

    /// Writes `value` into the place `target` names. `replace`: an assignment that overwrites
    /// (a local, a field); otherwise the place also keeps what it had (`push`, out-params).
    fn assign(&mut self, target: &Expr, value: Value, replace: bool) {
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
                    self.env[local as usize].set_path(&field_names, stepped);
                } else {
                    let mut current = self.env[local as usize].project(&field_names);
                    current.join(&stepped);
                    self.env[local as usize].set_path(&field_names, current);
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

    fn write_cell(&mut self, key: CellKey, taint: &Taint, span: TextSpan) {
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

    fn read_cell(&mut self, key: CellKey) -> Taint {
        self.outcome.cell_reads.push(key);
        self.context.cells.read(key)
    }

    /// What comes out of the channels a value belongs to.
    fn channel_contents(&mut self, value: &Value) -> Taint {
        let mut received = Taint::default();
        for channel in channels_of(value) {
            received.join(&self.read_cell(CellKey::Channel(channel)));
        }
        received
    }

    /// `sent` goes out on `sender`: into the channels it belongs to, and, when it is a
    /// parameter of this fn, into whatever channel the caller passes.
    fn send_on(&mut self, sender: &Value, sent: &Taint, span: TextSpan) {
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

    // ---- Items, fields, literals ----

    /// A string literal: a URL of a configured URL sink marks the value.
    fn string_literal(&mut self, text: Name) -> Value {
        let mut value = Value::default();
        for (index, sink) in self.context.configured.url_sinks.iter().enumerate() {
            if url_matches(text.as_str(), &sink.url) {
                value.add_taint(&Taint::single(Label::Url(index as u16), Steps::default()));
            }
        }
        value
    }

    fn path(&mut self, site: SiteId, span: TextSpan) -> Value {
        match self.sites.site(site).clone() {
            Site::Path(PathSite::Static(statics)) => {
                let mut value = Value::default();
                for id in statics {
                    let read = self.invoke_workspace(
                        id,
                        &CallSite::default(),
                        &CallInputs {
                            values: Vec::new(),
                            exprs: Vec::new(),
                        },
                        span,
                    );
                    value.join(&read);
                    let written = self.read_cell(CellKey::Static(id));
                    value.add_taint(&written.with_step(
                        || StepKind::ReadFromStatic(self.context.symbols.function(id).name),
                        span,
                    ));
                }
                value
            }
            Site::Path(PathSite::FnItem(fns)) => {
                let mut value = Value::default();
                for id in fns {
                    value.add_callables(&[Callable::Fn(id)]);
                }
                value
            }
            Site::Path(PathSite::Unit(type_id)) => {
                Value::from_taint(self.construction(type_id, span))
            }
            _ => Value::default(),
        }
    }

    /// A value of a type is built here: a source when the type is personal, a token creation
    /// when it is a token.
    fn construction(&mut self, type_id: crate::resolve::TypeId, span: TextSpan) -> Taint {
        let effects = self.context.effects.of_type(type_id);
        let name = self.context.symbols.type_facts(type_id).name;
        if let Some(purpose) = effects.token.clone() {
            self.outcome.obligations.push(Obligation {
                kind: ObligationKind::TokenCreation { token: name },
                purpose,
                span,
                guard: self.guard.clone(),
                root: self.id,
            });
        }
        if effects.personal.is_empty() {
            return Taint::default();
        }
        let categories = effects.personal.clone();
        self.source(&categories, SourceKind::Construction(name), span)
    }

    fn field(&mut self, base: &Value, field: Name, site: SiteId, span: TextSpan) -> Value {
        let mut value = base.field(field).data_only();
        let sites: &'a BodySites = self.sites;
        let Site::Field(info) = sites.site(site) else {
            return value;
        };
        if !info.personal.is_empty() {
            // This read is the source; what the base's type implied about it says no more.
            let explicit = value
                .flatten()
                .filtered(|label| !matches!(label, Label::Source(source) if source.implied));
            value = Value::from_taint(explicit);
            let source = self.source(&info.personal, SourceKind::Field(field), span);
            value.add_taint(&source);
        } else if info.check.is_none() && self.context.suspect_names {
            let declared = info.owner.and_then(|owner| {
                let facts = self.context.symbols.type_facts(owner);
                let found = facts.fields.iter().find(|known| known.name == field);
                found.map(|known| known.ty.clone())
            });
            if let Some(source) = self.suspected_source(field, declared.as_ref(), span) {
                value.add_taint(&source);
            }
        }
        self.add_personal_fields(&mut value, &info.inner_fields, span);
        let written = self.read_cell(CellKey::Field {
            owner: info.owner,
            name: field,
        });
        value.add_taint(&written.with_step(|| StepKind::ReadFromField(field), span));
        if let Some(spec) = &info.check {
            let witness = Arc::new(CheckWitness {
                spec: spec.clone(),
                written: field.to_string(),
                span,
            });
            let check = self.check_value(witness);
            value.set_cond(check.cond().cloned());
            value.add_deciders(check.deciders());
        }
        value
    }

    fn struct_literal(
        &mut self,
        fields: &[(Name, Expr)],
        rest: Option<&Expr>,
        site: SiteId,
        span: TextSpan,
    ) -> Value {
        let mut value = rest
            .map(|rest| self.expr(rest).data_only())
            .unwrap_or_default();
        let owner = match self.sites.site(site) {
            Site::Struct(info) => info.ty,
            _ => None,
        };
        // A constructor (a fn of the type's own impl) sets the fields every value of the type
        // starts with: personal data it reads itself goes into the fields' cells, as an
        // assignment would, for a method reading `self.field` whoever calls it. What its
        // caller passes in travels with the value the caller gets; a literal elsewhere stays a
        // local value.
        let in_own_impl = owner.is_some() && self.context.symbols.method_owner(self.id).1 == owner;
        for (name, field_expr) in fields {
            let field_value = self.expr(field_expr).data_only();
            let name = *name;
            if in_own_impl {
                let concrete = field_value
                    .flatten()
                    .filtered(|label| matches!(label, Label::Source(_)));
                self.write_cell(CellKey::Field { owner, name }, &concrete, field_expr.span);
            }
            let stepped = field_value.with_step(|| StepKind::PutIntoField(name), field_expr.span);
            value.set_path(&[name], stepped);
        }
        if let Site::Struct(info) = self.sites.site(site).clone() {
            if let Some(type_id) = info.ty {
                let source = self.construction(type_id, span);
                value.add_taint(&source);
            }
            self.add_personal_fields(&mut value, &info.personal_fields, span);
        }
        value
    }

    // ---- Calls ----

    fn call(&mut self, site: SiteId, inputs: CallInputs<'_>, span: TextSpan) -> Value {
        // Borrowed through the `'a` reference, not through `self`: no copy per call.
        let sites: &'a BodySites = self.sites;
        let Site::Call(call) = sites.site(site) else {
            return self.unknown_call(None, inputs, span);
        };
        let mut result = if let Some(type_id) = call.constructs {
            // `Wrapper(x)` is `x`; `Pair(a, b)` has fields `0` and `1`.
            let mut value = match inputs.values.as_slice() {
                [single] => single.data_only(),
                values => Value::with_fields(
                    values
                        .iter()
                        .enumerate()
                        .map(|(index, value)| (Name::new(&index.to_string()), value.data_only()))
                        .collect(),
                ),
            };
            let source = self.construction(type_id, span);
            value.add_taint(&source);
            value
        } else if call.targets.is_empty() {
            let configured = self.configured_call(call, &inputs, span);
            let unknown = self.unknown_call(None, inputs, span);
            configured.unwrap_or(unknown)
        } else {
            self.invoke_all(call, &inputs, span)
        };
        self.add_call_site_sources(site, call, &mut result, span);
        result
    }

    fn add_call_site_sources(
        &mut self,
        site: SiteId,
        call: &CallSite,
        result: &mut Value,
        span: TextSpan,
    ) {
        let declassified = call
            .targets
            .iter()
            .any(|&id| self.context.effects.of_fn(id).declassify);
        if !call.personal_return.is_empty() && !declassified {
            let described = self.described_call(call);
            let parts = call.personal_return.clone();
            self.add_personal_parts(result, &parts, SourceKind::Call(described), span);
        }
        if call.creates_channel {
            let channel = Label::Channel(ChannelId {
                function: self.id,
                site,
            });
            result.add_taint(&Taint::single(channel, Steps::default()));
        }
    }

    fn described_call(&self, call: &CallSite) -> String {
        match (call.targets.first(), &call.external) {
            (Some(&id), _) => self.context.symbols.fn_display_name(id),
            (None, Some(path)) => crate::names::join_path(path),
            _ => "a call".to_string(),
        }
    }

    fn method_call(
        &mut self,
        site: SiteId,
        method: Name,
        inputs: CallInputs<'_>,
        span: TextSpan,
    ) -> Value {
        let sites: &'a BodySites = self.sites;
        let no_call;
        let call: &CallSite = match sites.site(site) {
            Site::Call(call) => call,
            _ => {
                no_call = CallSite::default();
                &no_call
            }
        };
        // A channel end is a library value: methods matched by name alone (`send` on an
        // untyped receiver) are not its methods.
        let on_channel_end = call.by_name
            && inputs.values.first().is_some_and(|receiver| {
                receiver
                    .flatten()
                    .iter()
                    .any(|(label, _)| matches!(label, Label::Channel(_)))
            });
        if !call.targets.is_empty() && !on_channel_end {
            let mut result = self.invoke_all(call, &inputs, span);
            self.add_call_site_sources(site, call, &mut result, span);
            return result;
        }
        let receiver = inputs.values.first().cloned().unwrap_or_default();
        let name = method.as_str();
        // Channels: a send writes into the channel, anything else on it reads what was sent.
        let on_channel = receiver
            .flatten()
            .iter()
            .any(|(label, _)| matches!(label, Label::Channel(_)));
        if CHANNEL_SEND_METHODS.contains(&name) {
            let mut sent = Taint::default();
            for value in &inputs.values[1..] {
                sent.join(&value.flatten());
            }
            self.send_on(&receiver, &sent, span);
            if on_channel {
                return Value::default();
            }
        }
        // A library method whose result is thrown away is called for its effect on the
        // receiver: `session.header(k, v);` and `event.insert_prop(k, v)?;` keep what they are
        // given, as `.push(..)` does.
        let discarded = self.discarded_call == Some(site) && call.external.is_some();
        if INSERTING_METHODS.contains(&name) || discarded {
            let mut inserted = Value::default();
            for value in &inputs.values[1..] {
                inserted.add_taint(&value.flatten());
            }
            if inserted.flatten().has_data() {
                let stepped = inserted.with_step(|| StepKind::AddedWith(method), span);
                if let Some(target) = inputs.exprs.first() {
                    self.assign(target, stepped, false);
                }
            }
        }
        // A check's condition passes through `.is_ok()`, `.then_some(..)`, and flips
        // through `.is_err()`.
        if let Some(cond) = receiver.cond().cloned() {
            if COND_KEEPING_METHODS.contains(&name) {
                let mut value = Self::derived_cond(cond, &[&receiver]);
                if name == "then_some" {
                    for extra in &inputs.values[1..] {
                        value.add_taint(&extra.flatten());
                    }
                } else if !matches!(name, "is_ok" | "is_some") {
                    // `.clone()`, `.ok()`, `.await` of a value that is also a condition (a
                    // parameter may decide a check in the caller) keep its data too.
                    value.add_taint(&receiver.flatten());
                }
                return value;
            }
            if COND_FLIPPING_METHODS.contains(&name) {
                return Self::derived_cond(cond.negated(), &[&receiver]);
            }
            if COND_CLOSURE_METHODS.contains(&name) {
                // `CHECK.then(|| ..)`, `CHECK.map(|grant| ..)`: the closure runs only when the
                // check allowed.
                self.consume(&receiver);
                let mut value = Value::default();
                let argument = receiver.data_only();
                for callable in inputs.values[1..]
                    .iter()
                    .flat_map(|v| v.callables().to_vec())
                {
                    let produced = self.call_callable(
                        callable,
                        std::slice::from_ref(&argument),
                        &cond.when_true,
                        span,
                    );
                    value.add_taint(&produced.flatten());
                }
                value.set_cond(Some(cond));
                return value;
            }
            if COND_ASSERTING_METHODS.contains(&name) {
                self.consume(&receiver);
                self.guard.add(&cond.when_true);
                return receiver.data_only();
            }
        }
        let configured = self.configured_call(call, &inputs, span);
        let mut result = self.unknown_call(Some(method), inputs, span);
        if let Some(configured) = configured {
            result = configured;
        }
        if on_channel {
            let received = self.channel_contents(&receiver);
            result.add_taint(&received.with_step(|| StepKind::ReceivedFromChannel, span));
        }
        if CHANNEL_RECEIVE_METHODS.contains(&name) {
            result.add_taint(&received_from_params(&receiver));
        }
        self.add_call_site_sources(site, call, &mut result, span);
        result
    }

    /// A call of library code that config or the catalog describes: a sink records what
    /// reaches it, and a source, check or declassify fn decides the result (`None`: the
    /// result is as for any library call).
    fn configured_call(
        &mut self,
        call: &CallSite,
        inputs: &CallInputs<'_>,
        span: TextSpan,
    ) -> Option<Value> {
        let mut result = None;
        for entry in &call.configured {
            self.outcome.matched_entries.push(entry.id);
            match &entry.kind {
                EntryKind::Sink { args, .. } => {
                    let Some(spec) = self.context.configured.sink_spec(entry) else {
                        continue;
                    };
                    let mut data = Taint::default();
                    for (position, value) in inputs.values.iter().enumerate() {
                        let counted = args
                            .as_ref()
                            .is_none_or(|args| args.contains(&position.to_string()));
                        if counted {
                            data.join(&value.flatten());
                        }
                    }
                    let site = Arc::new(SinkSite {
                        span,
                        in_fn: self.id,
                        spec,
                        by_name: false,
                    });
                    let guard = self.guard_with_tokens(call);
                    self.record_sink(site, &data, &guard);
                }
                EntryKind::Source { categories } => {
                    let described = crate::names::join_path(&entry.path);
                    let source = self.source(categories, SourceKind::Configured(described), span);
                    result = Some(Value::from_taint(source));
                }
                EntryKind::Check { arg, .. } => {
                    if let Some(expected) = arg {
                        if !first_argument_is(inputs, expected) {
                            continue;
                        }
                    }
                    let Some(spec) = Configured::check_spec(entry) else {
                        continue;
                    };
                    let witness = Arc::new(CheckWitness {
                        spec: Arc::new(spec),
                        written: crate::names::join_path(&entry.path),
                        span,
                    });
                    result = Some(self.check_value(witness));
                }
                EntryKind::Declassify => result = Some(Value::default()),
                EntryKind::HttpSend => result = Some(self.http_request(call, inputs, span)),
                _ => {}
            }
        }
        result
    }

    /// A call that sends an HTTP request: everything put into it (body, query, headers, the
    /// client's defaults) goes to the URL it carries, when that is a configured URL sink. Its
    /// result is the response: it carries the data, not the URL, so a later send of a value
    /// built from it is not the same request reported again.
    fn http_request(&mut self, call: &CallSite, inputs: &CallInputs<'_>, span: TextSpan) -> Value {
        let mut data = Taint::default();
        let mut urls: Vec<u16> = Vec::new();
        for value in &inputs.values {
            let flat = value.flatten();
            for (label, _) in flat.iter() {
                if let Label::Url(index) = label {
                    if !urls.contains(index) {
                        urls.push(*index);
                    }
                }
            }
            data.join(&flat);
        }
        let guard = self.guard_with_tokens(call);
        for index in urls {
            let Some(spec) = self.context.configured.url_sink_specs.get(index as usize) else {
                continue;
            };
            let site = Arc::new(SinkSite {
                span,
                in_fn: self.id,
                spec: spec.clone(),
                by_name: false,
            });
            self.record_sink(site, &data, &guard);
        }
        Value::from_taint(data.filtered(Label::is_data))
    }

    /// The facts at a call, with the purposes of the tokens it is handed.
    fn guard_with_tokens(&self, call: &CallSite) -> GuardState {
        let mut guard = self.guard.clone();
        for purpose in &call.token_purposes {
            guard.add(&GuardState::from_bits(
                self.context.space.purpose_bits(purpose),
            ));
        }
        guard
    }

    /// A call of code outside the scan (or of nothing known): what goes in comes out, closures
    /// passed in are run on the receiver's elements, and `.filter(|x| CHECK)` marks the
    /// elements as checked.
    fn unknown_call(
        &mut self,
        method: Option<Name>,
        inputs: CallInputs<'_>,
        span: TextSpan,
    ) -> Value {
        let name = method.map(|method| method.as_str()).unwrap_or_default();
        let receiver = if method.is_some() {
            inputs.values.first().cloned()
        } else {
            None
        };
        let element_guard = receiver
            .as_ref()
            .and_then(|receiver| receiver.element_guard().cloned());
        let element = receiver
            .as_ref()
            .map(|receiver| self.element_of(receiver))
            .unwrap_or_default();
        let mut closure_guard = element_guard.clone().unwrap_or_default();
        let mut result = Value::default();
        let mut filter_facts: Option<GuardState> = None;
        let skip = usize::from(method.is_some());
        for value in &inputs.values[skip..] {
            for callable in value.callables().to_vec() {
                let arguments = vec![element.clone(), element.clone()];
                let saved = std::mem::take(&mut closure_guard);
                let produced = self.call_callable(callable, &arguments, &saved, span);
                closure_guard = saved;
                if matches!(
                    name,
                    "filter" | "take_while" | "skip_while" | "filter_map" | "find"
                ) {
                    self.consume(&produced);
                    if let Some(cond) = produced.cond() {
                        meet_optional(&mut filter_facts, Some(cond.when_true.clone()));
                    }
                }
                result.add_taint(&produced.flatten());
            }
        }
        if CLEAN_METHODS.contains(&name) {
            return Value::default();
        }
        // `.map(|x| x.len())` yields what the closure returns, not the elements.
        let mapped = MAPPING_METHODS.contains(&name)
            && inputs.values[skip..]
                .iter()
                .any(|value| !value.callables().is_empty());
        for (position, value) in inputs.values.iter().enumerate() {
            if mapped && position == 0 {
                continue;
            }
            result.add_taint(&value.flatten());
        }
        let mut guard = element_guard.unwrap_or_default();
        if let Some(facts) = filter_facts {
            guard.add(&facts);
        }
        result.set_element_guard(Some(guard));
        result
    }

    /// Calls what a value may be: its closures (walked in place) and fns.
    fn call_value(
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
                    let guard = self.guard.clone();
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

    fn call_callable(
        &mut self,
        callable: Callable,
        args: &[Value],
        extra_guard: &GuardState,
        span: TextSpan,
    ) -> Value {
        match callable {
            Callable::Closure(id) => self.call_closure(id, args, extra_guard),
            Callable::Fn(id) => {
                let saved = self.guard.clone();
                self.guard.add(extra_guard);
                let inputs = CallInputs {
                    values: args.to_vec(),
                    exprs: Vec::new(),
                };
                let call = CallSite {
                    targets: vec![id],
                    ..CallSite::default()
                };
                let result = self.invoke_all(&call, &inputs, span);
                self.guard = saved;
                result
            }
        }
    }

    /// Walks a closure's body in place: its parameters take `args`, and it sees the facts in
    /// force plus `extra_guard`. Its `return`s are its own result.
    fn call_closure(&mut self, id: ClosureId, args: &[Value], extra_guard: &GuardState) -> Value {
        let index = id as usize;
        if self.closure_returns.iter().any(|(active, _)| *active == id) {
            return Value::default();
        }
        self.walked_closures[index] = true;
        let closure = &self.body.closures[index];
        let saved_guard = self.guard.clone();
        let saved_diverged = self.diverged;
        self.guard.add(extra_guard);
        for (position, param) in closure.params.iter().enumerate() {
            let value = args.get(position).cloned().unwrap_or_default();
            self.bind(param, &value, closure.span);
        }
        self.closure_returns.push((id, None));
        let mut value = self.expr(&closure.body);
        if self.diverged {
            value = Value::default();
        }
        if let Some((_, Some(returned))) = self.closure_returns.pop() {
            if self.diverged {
                value = returned;
            } else {
                value.join(&returned);
            }
        }
        self.guard = saved_guard;
        self.diverged = saved_diverged;
        value
    }

    /// Applies every target of a call and joins their results.
    fn invoke_all(&mut self, call: &CallSite, inputs: &CallInputs<'_>, span: TextSpan) -> Value {
        let mut result: Option<Value> = None;
        for &target in &call.targets {
            let value = self.invoke_workspace(target, call, inputs, span);
            match &mut result {
                None => result = Some(value),
                Some(result) => result.join(&value),
            }
        }
        result.unwrap_or_default()
    }

    /// One target of a call: its annotations first (sink, source, check), then its summary.
    fn invoke_workspace(
        &mut self,
        target: FnId,
        call: &CallSite,
        inputs: &CallInputs<'_>,
        span: TextSpan,
    ) -> Value {
        let effects = self.context.effects.of_fn(target);
        let local_guard = self.guard_with_tokens(call);
        self.record_call(target, span, &local_guard, &inputs.values);
        for purpose in &effects.requires {
            self.outcome.obligations.push(Obligation {
                kind: ObligationKind::RequiresCall { callee: target },
                purpose: purpose.clone(),
                span,
                guard: local_guard.clone(),
                root: self.id,
            });
        }
        let is_sink = !effects.sinks.is_empty();
        for spec in effects.sinks.clone() {
            let reaching = self.data_for_sink(target, &spec, &inputs.values);
            if reaching.has_data() {
                let site = Arc::new(SinkSite {
                    span,
                    in_fn: self.id,
                    spec,
                    by_name: call.by_name,
                });
                self.record_sink(site, &reaching, &local_guard);
            }
        }
        if effects.declassify {
            self.run_closure_arguments(inputs, &local_guard, span);
            return Value::default();
        }
        if let Some(spec) = &effects.check {
            self.run_closure_arguments(inputs, &local_guard, span);
            let witness = Arc::new(CheckWitness {
                spec: spec.clone(),
                written: self.context.symbols.function(target).name.to_string(),
                span,
            });
            return self.check_value(witness);
        }
        if !effects.personal.is_empty() {
            self.run_closure_arguments(inputs, &local_guard, span);
            let categories = effects.personal.clone();
            let described = self.context.symbols.fn_display_name(target);
            return Value::from_taint(self.source(&categories, SourceKind::Call(described), span));
        }
        let has_body = self.context.symbols.function(target).body.is_some();
        let Some(summary) = self
            .summaries
            .summary(target)
            .or(has_body.then_some(&EMPTY_SUMMARY))
        else {
            // No body to summarise (a trait method without default): what goes in comes out.
            let mut value = Value::default();
            for input in &inputs.values {
                value.add_taint(&input.flatten());
            }
            self.run_closure_arguments(inputs, &local_guard, span);
            return value;
        };
        let summary = summary.clone();
        for &param in &summary.deciding_params {
            if let Some(argument) = inputs.values.get(param as usize) {
                self.consume(argument);
            }
        }
        self.apply_summary(target, &summary, inputs, span, &local_guard, is_sink)
    }

    /// One record per call site and callee: a call walked again (in a loop, a closure called
    /// twice) meets its facts with the earlier walk's.
    fn record_call(&mut self, callee: FnId, span: TextSpan, guard: &GuardState, inputs: &[Value]) {
        let arg_conds: Vec<Option<Cond>> = if inputs.iter().any(|value| value.cond().is_some()) {
            inputs.iter().map(|value| value.cond().cloned()).collect()
        } else {
            Vec::new()
        };
        let key = (callee, span);
        match self.call_index.get(&key) {
            Some(&index) => {
                let record = &mut self.outcome.calls[index];
                record.guard.meet(guard);
                for (position, known) in record.arg_conds.iter_mut().enumerate() {
                    let cond = arg_conds.get(position).cloned().flatten();
                    match (known.as_mut(), cond) {
                        (Some(known), Some(cond)) => known.meet(&cond),
                        _ => *known = None,
                    }
                }
            }
            None => {
                self.call_index.insert(key, self.outcome.calls.len());
                self.outcome.calls.push(CallRecord {
                    callee,
                    span,
                    guard: guard.clone(),
                    arg_conds,
                });
            }
        }
    }

    /// Runs closures passed to a callee that does not call them in a known way.
    fn run_closure_arguments(
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
    fn run_callables(
        &mut self,
        callables: &[Callable],
        guard: &GuardState,
        args: &[Value],
        extra: &GuardState,
        span: TextSpan,
    ) {
        for &callable in callables {
            let saved = std::mem::replace(&mut self.guard, guard.clone());
            self.call_callable(callable, args, extra, span);
            self.guard = saved;
        }
    }

    /// The data a sink receives: every input, or those its `args` names.
    fn data_for_sink(&self, target: FnId, spec: &SinkSpec, inputs: &[Value]) -> Taint {
        let params = &self.context.symbols.function(target).params;
        let mut reaching = Taint::default();
        for (position, value) in inputs.iter().enumerate() {
            let counted = spec.args.as_ref().is_none_or(|names| {
                let param_name = params.get(position).and_then(|param| param.name);
                param_name.is_some_and(|name| names.iter().any(|n| name == n.as_str()))
                    || names.contains(&position.to_string())
            });
            if counted {
                reaching.join(&value.flatten());
            }
        }
        reaching
    }

    /// A sink reached by `data`: concrete sources become an event rooted here, parameter data
    /// becomes part of this fn's summary.
    fn record_sink(&mut self, site: Arc<SinkSite>, data: &Taint, guard: &GuardState) {
        let mut concrete = Vec::new();
        let mut from_params = Vec::new();
        for (label, steps) in data.iter() {
            match label {
                Label::Source(source) => concrete.push((*source, steps.clone())),
                Label::Param(path) => from_params.push((*path, steps.clone())),
                Label::Channel(_) | Label::Url(_) => {}
            }
        }
        // Suspected data (`possible_personal_data`) is judged apart from annotated data.
        let (suspected, annotated): (Vec<_>, Vec<_>) = concrete
            .into_iter()
            .partition(|(source, _)| source.suspected);
        for (data, suspected) in [(annotated, false), (suspected, true)] {
            if data.is_empty() {
                continue;
            }
            match self
                .outcome
                .events
                .iter_mut()
                .find(|event| event.site == site && event.suspected == suspected)
            {
                Some(event) => {
                    event.guard.meet(guard);
                    for (source, steps) in data {
                        if !event.data.iter().any(|(known, _)| *known == source) {
                            event.data.push((source, steps));
                        }
                    }
                }
                None => self.outcome.events.push(SinkEvent {
                    site: site.clone(),
                    data,
                    guard: guard.clone(),
                    root: self.id,
                    suspected,
                }),
            }
        }
        if !from_params.is_empty() {
            let sinks = &mut self.summary.sinks;
            match sinks.iter_mut().find(|sink| sink.site == site) {
                Some(sink) => {
                    sink.guard.meet(guard);
                    for (path, steps) in from_params {
                        if !sink.data.iter().any(|(known, _)| *known == path) {
                            sink.data.push((path, steps));
                        }
                    }
                    sink.data.sort_by_key(|a| a.0);
                }
                None => {
                    from_params.sort_by_key(|a| a.0);
                    sinks.push(SummarySink {
                        site,
                        data: from_params,
                        guard: guard.clone(),
                    })
                }
            }
        }
    }

    /// The callee's view of its parameters, replaced by this call's arguments.
    fn instantiate(
        &mut self,
        taint: &Taint,
        inputs: &[Value],
        callee: FnId,
        span: TextSpan,
    ) -> Taint {
        let mut labels: Vec<(Label, Steps)> = Vec::new();
        let params = &self.context.symbols.function(callee).params;
        // Labels come sorted, so those of one parameter path are together: project once.
        let mut projected: Option<(&ParamPath, Taint)> = None;
        for (label, steps) in taint.iter() {
            match label {
                Label::Param(path) => {
                    let Some(input) = inputs.get(path.index as usize) else {
                        continue;
                    };
                    let reuse = projected.as_ref().is_some_and(|(known, _)| *known == path);
                    if !reuse {
                        let part = match path.fields.as_slice().split_last() {
                            // What the callee received from the channel it was passed.
                            Some((last, fields)) if *last == received_field() => {
                                let channel = input.project(fields);
                                self.channel_contents(&channel)
                            }
                            _ => input.project(path.fields.as_slice()).flatten(),
                        };
                        let param = params.get(path.index as usize).and_then(|param| param.name);
                        let entered =
                            part.with_step(|| StepKind::PassedInto { callee, param }, span);
                        projected = Some((path, entered));
                    }
                    let (_, entered) = projected.as_ref().expect("set above");
                    for (caller_label, caller_steps) in entered.iter() {
                        labels.push((*caller_label, caller_steps.then(steps)));
                    }
                }
                _ => labels.push((*label, steps.clone())),
            }
        }
        Taint::from_labels(labels)
    }

    fn instantiate_value(
        &mut self,
        value: &Value,
        inputs: &[Value],
        callee: FnId,
        span: TextSpan,
    ) -> Value {
        let mut fields = Vec::new();
        for (name, field) in value.fields() {
            fields.push((*name, self.instantiate_value(field, inputs, callee, span)));
        }
        let mut result = Value::with_fields(fields);
        result.add_taint(&self.instantiate(value.taint(), inputs, callee, span));
        result
    }

    /// A callee's facts in terms of this caller: atoms about its parameters take what this
    /// call's arguments prove.
    fn instantiate_guard(&self, guard: &GuardState, inputs: &[Value]) -> GuardState {
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

    fn apply_summary(
        &mut self,
        target: FnId,
        summary: &Summary,
        inputs: &CallInputs<'_>,
        span: TextSpan,
        local_guard: &GuardState,
        is_sink: bool,
    ) -> Value {
        let values = &inputs.values;
        let base = self.context.base_guards[target.0 as usize].clone();
        if !is_sink {
            for sink in &summary.sinks {
                let mut data = Taint::default();
                for (path, steps) in &sink.data {
                    let label = Taint::single(Label::Param(*path), steps.clone());
                    data.join(&self.instantiate(&label, values, target, span));
                }
                if !data.has_data() {
                    continue;
                }
                let mut guard = self.instantiate_guard(&sink.guard, values);
                guard.add(&base);
                guard.add(local_guard);
                self.record_sink(sink.site.clone(), &data, &guard);
            }
        }
        for write in &summary.param_writes {
            let taint = self.instantiate(&write.taint, values, target, span);
            if !taint.has_data() {
                continue;
            }
            if let Some(target_expr) = inputs.exprs.get(write.param as usize).copied() {
                let mut written = Value::default();
                written.set_path(&write.fields, Value::from_taint(taint));
                self.assign(target_expr, written, false);
            }
        }
        for (key, taint) in &summary.cell_writes {
            let taint = self.instantiate(taint, values, target, span);
            self.write_cell(*key, &taint, span);
        }
        for (param, sent) in &summary.channel_sends {
            let Some(input) = values.get(*param as usize) else {
                continue;
            };
            let taint = self.instantiate(sent, values, target, span);
            self.send_on(input, &taint, span);
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
                .map(|taint| Value::from_taint(self.instantiate(taint, values, target, span)))
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
            .instantiate_value(&summary.returns, values, target, span)
            .limited(MAX_FIELD_DEPTH);
        if result.flatten().has_data() {
            result = result.with_step(|| StepKind::ReturnedFrom(target), span);
        }
        if let Some(cond) = &summary.return_cond {
            let cond = Cond {
                when_true: self.instantiate_guard(&cond.when_true, values),
                when_false: self.instantiate_guard(&cond.when_false, values),
            };
            // A fn that only answers a question (`-> bool`, `-> Result<(), E>`) built from
            // checks is a check itself: ignoring its answer is ignoring a check.
            let answers_only = self
                .context
                .symbols
                .function(target)
                .return_type
                .as_ref()
                .is_some_and(answers_only);
            if answers_only && !cond.is_empty() {
                let index = self.evaluation_at(span);
                result.add_deciders(&[Decider::Evaluation(index)]);
            }
            result.set_cond(Some(cond));
        }
        result
    }
}

/// "What comes out of the channel" for each parameter a value may be.
fn received_from_params(value: &Value) -> Taint {
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
fn channels_of(value: &Value) -> Vec<ChannelId> {
    value
        .flatten()
        .iter()
        .filter_map(|(label, _)| match label {
            Label::Channel(channel) => Some(*channel),
            _ => None,
        })
        .collect()
}

/// Whether a call's first argument (after the receiver, for a method) is the string
/// literal `expected` (`std::env::var("DO_NOT_TRACK")`).
fn first_argument_is(inputs: &CallInputs<'_>, expected: &str) -> bool {
    inputs
        .exprs
        .iter()
        .any(|expr| matches!(&expr.kind, ExprKind::Str(text) if *text == expected))
}

/// Whether a literal is a URL under a configured prefix: it starts with the prefix, or it is
/// the prefix's scheme and host that a path is appended to later (`format!("{BASE}/v1")`).
/// The method call a statement makes for its effect alone, through `?`, `.unwrap()` and the
/// like: `event.insert_prop("id", id)?;`.
fn discarded_method_call(expr: &Expr) -> Option<SiteId> {
    match &expr.kind {
        ExprKind::Try(inner) => discarded_method_call(inner),
        ExprKind::MethodCall {
            receiver,
            method,
            site,
            ..
        } => match method.as_str() {
            "unwrap" | "expect" | "ok" | "await" => discarded_method_call(receiver),
            _ => Some(*site),
        },
        _ => None,
    }
}

pub(crate) fn url_matches(literal: &str, prefix: &str) -> bool {
    let literal = literal.trim_end_matches('/');
    let prefix = prefix.trim_end_matches('/');
    if literal.starts_with(prefix) {
        return true;
    }
    let host_part = |url: &str| -> usize {
        url.find("://")
            .map(|scheme| {
                let after = scheme + 3;
                url[after..]
                    .find('/')
                    .map_or(url.len(), |slash| after + slash)
            })
            .unwrap_or(0)
    };
    literal.contains("://") && prefix.starts_with(literal) && literal.len() >= host_part(prefix)
}

/// `bool`, `Result<(), E>`, `Option<()>`: a type that answers a question and carries nothing.
fn answers_only(ty: &crate::facts::TypeRef) -> bool {
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
fn literal_truthiness(expr: &Expr) -> Option<bool> {
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

/// Which side of a check a pattern matches: `Ok(..)`/`Some(..)`/`true` or the other.
fn pattern_side(shape: PatternShape) -> Option<bool> {
    match shape {
        PatternShape::Bool(value) => Some(value),
        PatternShape::Truthy => Some(true),
        PatternShape::Falsy => Some(false),
        PatternShape::Any | PatternShape::Other => None,
    }
}

/// Meets `other` into an optional state where `None` means "no path yet" (the identity).
fn join_envs(target: &mut [Value], other: &[Value]) {
    for (value, other_value) in target.iter_mut().zip(other) {
        if value != other_value {
            value.join(other_value);
        }
    }
}
