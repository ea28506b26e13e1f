//! Propagation: follows personal data through one fn body, in program order.
//!
//! The walk is an abstract interpretation over the lowered body: every local holds a [`Value`]
//! (the sources it carries, and per-field values for structs built in place), branches are
//! walked separately and merged, loops twice. At each sink call the walk records a
//! [`SinkEvent`] with the data that reaches it and the guard facts in force there.
//!
//! Not yet followed: data across fn boundaries (parameters, return values of workspace fns are
//! treated as "everything in, everything out"), receiver types (methods resolve by name).

use std::collections::{BTreeMap, HashMap};

use crate::facts::body::{Block, Expr, ExprKind, Pattern, Stmt};
use crate::facts::{AnnotationKind, FnFacts};
use crate::finding::{FlowStep, SourceInfo};
use crate::guards::{self, Check, CheckLookup, GuardFact};
use crate::resolve::{FnId, Symbols};
use crate::source::Location;

/// Steps kept per path; longer paths keep their first steps (the source end is the useful one).
const MAX_STEPS: usize = 12;
/// Nesting depth of the walk; deeper bodies are cut off rather than risking the stack.
const MAX_DEPTH: usize = 200;

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
];

/// The personal data a value carries: each source with the steps that brought it here.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Taint {
    pub origins: BTreeMap<usize, Vec<FlowStep>>,
}

impl Taint {
    fn is_empty(&self) -> bool {
        self.origins.is_empty()
    }

    fn join(&mut self, other: &Taint) {
        for (source, steps) in &other.origins {
            self.origins.entry(*source).or_insert_with(|| steps.clone());
        }
    }

    fn with_step(mut self, description: impl Fn() -> String, location: Location) -> Taint {
        for steps in self.origins.values_mut() {
            let repeated = steps.last().is_some_and(|step| step.location == location);
            if steps.len() < MAX_STEPS && !repeated {
                steps.push(FlowStep {
                    description: description(),
                    location,
                });
            }
        }
        self
    }
}

/// A value: what it carries as a whole, and what its fields carry when they are known.
#[derive(Debug, Clone, Default, PartialEq)]
struct Value {
    taint: Taint,
    fields: BTreeMap<String, Value>,
}

impl Value {
    fn from_taint(taint: Taint) -> Value {
        Value {
            taint,
            fields: BTreeMap::new(),
        }
    }

    /// Everything the value carries, fields included.
    fn flatten(&self) -> Taint {
        let mut taint = self.taint.clone();
        for field in self.fields.values() {
            taint.join(&field.flatten());
        }
        taint
    }

    /// The value of one field: its own entry, plus whatever the whole value carries.
    fn field(&self, name: &str) -> Value {
        let mut value = self.fields.get(name).cloned().unwrap_or_default();
        value.taint.join(&self.taint);
        value
    }

    fn project(&self, projection: &[String]) -> Value {
        projection
            .iter()
            .fold(self.clone(), |value, name| value.field(name))
    }

    fn join(&mut self, other: &Value) {
        self.taint.join(&other.taint);
        for (name, field) in &other.fields {
            self.fields.entry(name.clone()).or_default().join(field);
        }
    }

    fn set_path(&mut self, path: &[String], value: Value) {
        match path.split_first() {
            None => *self = value,
            Some((first, rest)) => self
                .fields
                .entry(first.clone())
                .or_default()
                .set_path(rest, value),
        }
    }
}

/// A sink call reached by personal data.
#[derive(Debug, Clone)]
pub struct SinkEvent {
    pub callee: String,
    pub recipient: String,
    pub purpose: String,
    pub location: Location,
    pub data: Vec<(SourceInfo, Vec<FlowStep>)>,
    pub guards: Vec<GuardFact>,
    /// The call was matched by method name only, the receiver's type being unknown.
    pub resolved_by_name: bool,
}

/// What one fn's walk found.
#[derive(Debug, Default)]
pub struct FnFlows {
    pub sinks: Vec<SinkEvent>,
}

/// Walks one fn body.
pub fn analyse_fn(symbols: &Symbols<'_>, id: FnId) -> FnFlows {
    let function = symbols.function(id);
    let Some(body) = &function.body else {
        return FnFlows::default();
    };
    let mut walker = Walker {
        symbols,
        krate: id.krate,
        function,
        env: HashMap::new(),
        stored_conditions: HashMap::new(),
        active_guards: Vec::new(),
        sources: Vec::new(),
        sinks: Vec::new(),
        depth: 0,
    };
    walker.block(body);
    let mut sinks = std::mem::take(&mut walker.sinks);
    // Loops are walked twice; one event per sink call, with everything that reached it.
    sinks.sort_by_key(|event| (event.location.start, event.location.end));
    sinks.dedup_by(|later, earlier| {
        if later.location == earlier.location && later.callee == earlier.callee {
            for (source, steps) in later.data.drain(..) {
                if !earlier.data.iter().any(|(known, _)| known == &source) {
                    earlier.data.push((source, steps));
                }
            }
            true
        } else {
            false
        }
    });
    FnFlows { sinks }
}

struct Walker<'s, 'a> {
    symbols: &'s Symbols<'a>,
    krate: usize,
    function: &'a FnFacts,
    env: HashMap<String, Value>,
    /// Locals that hold a condition: `let ok = CHECK;`.
    stored_conditions: HashMap<String, Expr>,
    active_guards: Vec<GuardFact>,
    sources: Vec<SourceInfo>,
    sinks: Vec<SinkEvent>,
    depth: usize,
}

/// What the candidates of a call are annotated with.
#[derive(Default)]
struct CalleeAnnotations<'a> {
    personal: Vec<&'a [String]>,
    sinks: Vec<(&'a FnFacts, &'a AnnotationKind)>,
    declassify: bool,
    check: Option<(&'a FnFacts, &'a AnnotationKind)>,
}

impl<'a> CalleeAnnotations<'a> {
    fn of(symbols: &Symbols<'a>, candidates: &[FnId]) -> Self {
        let mut found = CalleeAnnotations::default();
        for &candidate in candidates {
            let function = symbols.function(candidate);
            for annotation in &function.annotations {
                match &annotation.kind {
                    AnnotationKind::Personal { categories } => found.personal.push(categories),
                    kind @ AnnotationKind::Shares { .. } => found.sinks.push((function, kind)),
                    AnnotationKind::Declassify => found.declassify = true,
                    kind @ AnnotationKind::Check { .. } => found.check = Some((function, kind)),
                    _ => {}
                }
            }
        }
        found
    }
}

impl<'a> Walker<'_, 'a> {
    fn module(&self) -> &'a [String] {
        &self.function.module
    }

    fn source(&mut self, categories: &[String], description: String, location: Location) -> Taint {
        let info = SourceInfo {
            categories: categories.to_vec(),
            description,
            location,
        };
        let index = match self.sources.iter().position(|known| known == &info) {
            Some(index) => index,
            None => {
                self.sources.push(info);
                self.sources.len() - 1
            }
        };
        Taint {
            origins: BTreeMap::from([(index, Vec::new())]),
        }
    }

    fn block(&mut self, block: &Block) -> Value {
        let guards_before = self.active_guards.len();
        let mut shadowed: Vec<(String, Option<Value>)> = Vec::new();
        let mut last = Value::default();
        for stmt in &block.stmts {
            last = Value::default();
            match stmt {
                Stmt::Let {
                    pattern,
                    init,
                    diverge,
                    location,
                } => {
                    let value = init
                        .as_ref()
                        .map(|init| self.expr(init))
                        .unwrap_or_default();
                    if let Some(diverge) = diverge {
                        self.block(diverge);
                    }
                    for binding in &pattern.bindings {
                        shadowed.push((binding.name.clone(), self.env.get(&binding.name).cloned()));
                        self.stored_conditions.remove(&binding.name);
                    }
                    if let (Some(init), [binding]) = (init, pattern.bindings.as_slice()) {
                        if binding.projection.is_empty() && self.holds_condition(init) {
                            self.stored_conditions
                                .insert(binding.name.clone(), init.clone());
                        }
                    }
                    self.bind(pattern, &value, *location);
                }
                Stmt::Expr(expr) => {
                    last = self.expr(expr);
                    self.after_branch(expr);
                }
            }
        }
        for (name, previous) in shadowed.into_iter().rev() {
            match previous {
                Some(value) => self.env.insert(name, value),
                None => self.env.remove(&name),
            };
        }
        self.active_guards.truncate(guards_before);
        last
    }

    /// After `if !CHECK { return; }` the rest of the block runs only where CHECK allowed.
    fn after_branch(&mut self, expr: &Expr) {
        if let ExprKind::If {
            condition,
            then_branch,
            else_branch,
        } = &expr.kind
        {
            if then_branch.diverges() {
                let facts = guards::facts_when(condition, false, &*self);
                self.active_guards.extend(facts);
            } else if else_branch.as_ref().is_some_and(|branch| branch.diverges()) {
                let facts = guards::facts_when(condition, true, &*self);
                self.active_guards.extend(facts);
            }
        }
    }

    /// Whether an expression is (built from) checks, so a local holding it is a stored condition.
    fn holds_condition(&self, expr: &Expr) -> bool {
        !guards::facts_when(expr, true, self).is_empty()
            || !guards::facts_when(expr, false, self).is_empty()
    }

    fn bind(&mut self, pattern: &Pattern, value: &Value, location: Location) {
        for binding in &pattern.bindings {
            let mut bound = value.project(&binding.projection);
            let name = binding.name.clone();
            bound.taint = bound
                .taint
                .with_step(|| format!("stored in `{name}`"), location);
            self.env.insert(binding.name.clone(), bound);
        }
    }

    fn exprs(&mut self, exprs: &[Expr]) -> Vec<Value> {
        exprs.iter().map(|expr| self.expr(expr)).collect()
    }

    fn expr(&mut self, expr: &Expr) -> Value {
        if self.depth > MAX_DEPTH {
            return Value::default();
        }
        self.depth += 1;
        let value = self.expr_inner(expr);
        self.depth -= 1;
        value
    }

    fn expr_inner(&mut self, expr: &Expr) -> Value {
        match &expr.kind {
            ExprKind::Constant => Value::default(),
            ExprKind::Path(path) => match path.as_slice() {
                [name] => self.env.get(name).cloned().unwrap_or_default(),
                _ => Value::default(),
            },
            ExprKind::Call { callee, args } => self.call(callee, args, expr.location),
            ExprKind::MethodCall {
                receiver,
                method,
                args,
                ..
            } => self.method_call(receiver, method, args, expr.location),
            ExprKind::Field { base, field } => {
                let mut value = self.expr(base).field(field);
                let personal: Vec<String> = self
                    .symbols
                    .fields_named(field)
                    .iter()
                    .flat_map(|&(type_id, index)| {
                        let field_facts = &self.symbols.type_facts(type_id).fields[index];
                        field_facts.annotations.iter().filter_map(|annotation| {
                            match &annotation.kind {
                                AnnotationKind::Personal { categories } => Some(categories.clone()),
                                _ => None,
                            }
                        })
                    })
                    .flatten()
                    .collect();
                if !personal.is_empty() {
                    let source = self.source(
                        &personal,
                        format!("read of personal field `{field}`"),
                        expr.location,
                    );
                    value.taint.join(&source);
                }
                value
            }
            ExprKind::Struct { fields, rest, .. } => {
                let mut value = rest
                    .as_ref()
                    .map(|rest| self.expr(rest))
                    .unwrap_or_default();
                for (name, field_expr) in fields {
                    let field_value = self.expr(field_expr);
                    let field_taint = field_value
                        .taint
                        .clone()
                        .with_step(|| format!("put into field `{name}`"), field_expr.location);
                    value.fields.insert(
                        name.clone(),
                        Value {
                            taint: field_taint,
                            fields: field_value.fields,
                        },
                    );
                }
                value
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
                self.exprs(parts);
                Value::default()
            }
            ExprKind::Not(inner) => {
                self.expr(inner);
                Value::default()
            }
            ExprKind::And(left, right) | ExprKind::Or(left, right) => {
                self.expr(left);
                // The right side runs only when the left side allows it.
                let outcome = matches!(expr.kind, ExprKind::And(..));
                let guards_before = self.active_guards.len();
                let facts = guards::facts_when(left, outcome, &*self);
                self.active_guards.extend(facts);
                self.expr(right);
                self.active_guards.truncate(guards_before);
                Value::default()
            }
            ExprKind::Let { pattern, value } => {
                let value = self.expr(value);
                self.bind(pattern, &value, expr.location);
                Value::default()
            }
            ExprKind::If {
                condition,
                then_branch,
                else_branch,
            } => self.if_expr(condition, then_branch, else_branch.as_deref()),
            ExprKind::Match { scrutinee, arms } => {
                let scrutinee_value = self.expr(scrutinee);
                let before = self.env.clone();
                let mut merged: Option<HashMap<String, Value>> = None;
                let mut result = Value::default();
                for arm in arms {
                    self.env = before.clone();
                    let guards_before = self.active_guards.len();
                    if let Some(literal) = arm.bool_literal {
                        let facts = guards::facts_when(scrutinee, literal, &*self);
                        self.active_guards.extend(facts);
                    }
                    self.bind(&arm.pattern, &scrutinee_value, arm.body.location);
                    if let Some(guard) = &arm.guard {
                        self.expr(guard);
                    }
                    result.join(&self.expr(&arm.body));
                    self.active_guards.truncate(guards_before);
                    if !arm.body.diverges() {
                        merge_into(&mut merged, &self.env);
                    }
                }
                self.env = merged.unwrap_or(before);
                result
            }
            ExprKind::Block(block) => self.block(block),
            ExprKind::Loop {
                pattern,
                iterated,
                condition,
                body,
            } => {
                let items = iterated.as_ref().map(|iterated| self.expr(iterated));
                let before = self.env.clone();
                // Twice, so values carried around the loop reach the next iteration.
                for _ in 0..2 {
                    if let (Some(pattern), Some(items)) = (pattern, &items) {
                        let items = Value::from_taint(items.flatten());
                        self.bind(pattern, &items, body_location(body, expr.location));
                    }
                    if let Some(condition) = condition {
                        self.expr(condition);
                    }
                    self.block(body);
                }
                // The loop may not run at all.
                let mut merged = Some(before);
                merge_into(&mut merged, &self.env);
                self.env = merged.unwrap_or_default();
                Value::default()
            }
            ExprKind::Closure { params, body } => {
                let before = self.env.clone();
                for binding in &params.bindings {
                    self.env.remove(&binding.name);
                }
                let value = self.expr(body);
                self.env = before;
                Value::from_taint(value.flatten())
            }
            ExprKind::Assign { target, value } => {
                let value = self.expr(value);
                self.assign(target, value);
                Value::default()
            }
            ExprKind::Try(inner) => self.expr(inner),
            ExprKind::Diverge(inner) => {
                if let Some(inner) = inner {
                    self.expr(inner);
                }
                Value::default()
            }
        }
    }

    fn if_expr(
        &mut self,
        condition: &Expr,
        then_branch: &Block,
        else_branch: Option<&Expr>,
    ) -> Value {
        self.expr(condition);
        let before = self.env.clone();
        let guards_before = self.active_guards.len();
        let facts = guards::facts_when(condition, true, &*self);
        self.active_guards.extend(facts);
        let mut result = self.block(then_branch);
        self.active_guards.truncate(guards_before);
        let mut merged = None;
        if !then_branch.diverges() {
            merge_into(&mut merged, &self.env);
        }
        self.env = before.clone();
        let facts = guards::facts_when(condition, false, &*self);
        self.active_guards.extend(facts);
        match else_branch {
            Some(else_branch) => {
                result.join(&self.expr(else_branch));
                if !else_branch.diverges() {
                    merge_into(&mut merged, &self.env);
                }
            }
            None => merge_into(&mut merged, &before),
        }
        self.active_guards.truncate(guards_before);
        self.env = merged.unwrap_or(before);
        result
    }

    /// Writes a value into a place: a local (replacing what it held) or a field of one.
    fn assign(&mut self, target: &Expr, value: Value) {
        let mut fields = Vec::new();
        let mut place = target;
        while let ExprKind::Field { base, field } = &place.kind {
            fields.push(field.clone());
            place = base;
        }
        fields.reverse();
        match &place.kind {
            ExprKind::Path(path) if path.len() == 1 => {
                let name = &path[0];
                let value = Value {
                    taint: value
                        .taint
                        .with_step(|| format!("assigned to `{name}`"), target.location),
                    fields: value.fields,
                };
                self.stored_conditions.remove(name);
                self.env
                    .entry(name.clone())
                    .or_default()
                    .set_path(&fields, value);
            }
            _ => {
                // `v[i] = x`, `*p = x`: the place is not known exactly; whatever it is part of
                // now carries the value too.
                if let Some(name) = root_local(place) {
                    self.env
                        .entry(name)
                        .or_default()
                        .taint
                        .join(&value.flatten());
                }
            }
        }
    }

    fn call(&mut self, callee: &[String], args: &[Expr], location: Location) -> Value {
        let arg_values = self.exprs(args);
        let candidates = self.symbols.fns_at_path(
            self.krate,
            self.module(),
            callee,
            self.function.self_type.as_ref(),
        );
        let annotations = CalleeAnnotations::of(self.symbols, &candidates);
        let inputs: Vec<&Value> = arg_values.iter().collect();
        let shown = callee.join("::");
        self.sinks_at(&annotations, &inputs, location, false);
        let mut results = arg_values.clone();
        // Calling a closure held in a local returns what the closure captured.
        if let [name] = callee {
            if let Some(closure) = self.env.get(name) {
                results.push(closure.clone());
            }
        }
        self.result_of(&annotations, &shown, &results, location)
    }

    fn method_call(
        &mut self,
        receiver: &Expr,
        method: &str,
        args: &[Expr],
        location: Location,
    ) -> Value {
        let receiver_value = self.expr(receiver);
        let arg_values = self.exprs(args);
        if INSERTING_METHODS.contains(&method) {
            let mut inserted = Value::default();
            for value in &arg_values {
                inserted.taint.join(&value.flatten());
            }
            if !inserted.taint.is_empty() {
                let inserted = inserted
                    .taint
                    .with_step(|| format!("added with `.{method}()`"), location);
                self.assign(receiver, Value::from_taint(inserted));
            }
        }
        let candidates = self.symbols.methods_named(method).to_vec();
        let annotations = CalleeAnnotations::of(self.symbols, &candidates);
        let inputs: Vec<&Value> = std::iter::once(&receiver_value)
            .chain(&arg_values)
            .collect();
        self.sinks_at(&annotations, &inputs, location, true);
        if CLEAN_METHODS.contains(&method) {
            return Value::default();
        }
        let mut all_inputs = vec![receiver_value];
        all_inputs.extend(arg_values);
        self.result_of(&annotations, &format!(".{method}()"), &all_inputs, location)
    }

    /// The value a call returns: a source for `personal` fns, nothing for `declassify` fns and
    /// checks, and otherwise whatever went in.
    fn result_of(
        &mut self,
        annotations: &CalleeAnnotations<'_>,
        shown: &str,
        inputs: &[Value],
        location: Location,
    ) -> Value {
        if annotations.declassify || annotations.check.is_some() {
            return Value::default();
        }
        if !annotations.personal.is_empty() {
            let mut categories: Vec<String> = annotations
                .personal
                .iter()
                .flat_map(|c| c.iter().cloned())
                .collect();
            categories.sort();
            categories.dedup();
            let taint = self.source(&categories, format!("call of `{shown}`"), location);
            return Value::from_taint(taint);
        }
        let mut taint = Taint::default();
        for input in inputs {
            taint.join(&input.flatten());
        }
        Value::from_taint(taint.with_step(|| format!("passed through `{shown}`"), location))
    }

    /// Records a sink event for each `shares` candidate that personal data reaches.
    fn sinks_at(
        &mut self,
        annotations: &CalleeAnnotations<'_>,
        inputs: &[&Value],
        location: Location,
        resolved_by_name: bool,
    ) {
        for &(function, kind) in &annotations.sinks {
            let AnnotationKind::Shares {
                recipient,
                purpose,
                args,
            } = kind
            else {
                continue;
            };
            // Inputs are positional: a method call passes its receiver first, and a method's
            // params start with `self`, so positions line up in both call forms.
            let mut reaching = Taint::default();
            for (position, value) in inputs.iter().enumerate() {
                let counted = args.as_ref().is_none_or(|names| {
                    let param_name = function
                        .params
                        .get(position)
                        .and_then(|param| param.name.as_ref());
                    param_name.is_some_and(|name| names.contains(name))
                        || names.contains(&position.to_string())
                });
                if counted {
                    reaching.join(&value.flatten());
                }
            }
            if reaching.is_empty() {
                continue;
            }
            let data = reaching
                .origins
                .iter()
                .map(|(&index, steps)| (self.sources[index].clone(), steps.clone()))
                .collect();
            self.sinks.push(SinkEvent {
                callee: function.display_name(),
                recipient: recipient.clone(),
                purpose: purpose.clone(),
                location,
                data,
                guards: self.active_guards.clone(),
                resolved_by_name,
            });
        }
    }

    /// A check annotation on a field named `field`, if any `Classified` type has one.
    fn field_check(&self, field: &str) -> Option<&'a AnnotationKind> {
        self.symbols
            .fields_named(field)
            .iter()
            .find_map(|&(type_id, index)| {
                let field_facts = &self.symbols.type_facts(type_id).fields[index];
                field_facts
                    .annotations
                    .iter()
                    .map(|annotation| &annotation.kind)
                    .find(|kind| matches!(kind, AnnotationKind::Check { .. }))
            })
    }
}

impl CheckLookup for Walker<'_, '_> {
    fn check_at(&self, expr: &Expr) -> Option<Check> {
        let (kind, name) = match &expr.kind {
            ExprKind::Call { callee, .. } => {
                let candidates = self.symbols.fns_at_path(
                    self.krate,
                    self.module(),
                    callee,
                    self.function.self_type.as_ref(),
                );
                let (_, kind) = CalleeAnnotations::of(self.symbols, &candidates).check?;
                (kind, format!("{}()", callee.join("::")))
            }
            ExprKind::MethodCall {
                receiver, method, ..
            } => {
                let candidates = self.symbols.methods_named(method);
                match CalleeAnnotations::of(self.symbols, candidates).check {
                    Some((_, kind)) => (kind, format!(".{method}()")),
                    // `.is_ok()`/`.is_some()` keep a Result/Option check's polarity; the
                    // negations flip it.
                    None => {
                        let flips = match method.as_str() {
                            "is_ok" | "is_some" => false,
                            "is_err" | "is_none" => true,
                            _ => return None,
                        };
                        let mut check = self.check_at(receiver)?;
                        if flips {
                            check.polarity = match check.polarity {
                                crate::facts::Polarity::Allow => crate::facts::Polarity::OptOut,
                                crate::facts::Polarity::OptOut => crate::facts::Polarity::Allow,
                            };
                        }
                        return Some(check);
                    }
                }
            }
            ExprKind::Field { field, .. } => (self.field_check(field)?, format!(".{field}")),
            _ => return None,
        };
        let AnnotationKind::Check {
            polarity,
            purpose,
            recipient,
        } = kind
        else {
            return None;
        };
        Some(Check {
            polarity: *polarity,
            purpose: purpose.clone(),
            recipient: recipient.clone(),
            name,
            location: expr.location,
        })
    }

    fn stored_condition(&self, name: &str) -> Option<&Expr> {
        self.stored_conditions.get(name)
    }
}

fn merge_into(merged: &mut Option<HashMap<String, Value>>, env: &HashMap<String, Value>) {
    match merged {
        None => *merged = Some(env.clone()),
        Some(merged) => {
            for (name, value) in env {
                merged.entry(name.clone()).or_default().join(value);
            }
        }
    }
}

fn root_local(expr: &Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Path(path) if path.len() == 1 => Some(path[0].clone()),
        ExprKind::Field { base, .. } => root_local(base),
        ExprKind::Combine(parts) => parts.first().and_then(root_local),
        _ => None,
    }
}

fn body_location(body: &Block, fallback: Location) -> Location {
    match body.stmts.first() {
        Some(Stmt::Expr(expr)) => expr.location,
        Some(Stmt::Let { location, .. }) => *location,
        None => fallback,
    }
}
