//! `check --dump`: the analysis' intermediate results as stable text, for tests and for people
//! debugging a rule: the lowered IR of each fn ([`crate::facts::body`]), each walked fn's
//! [`Summary`] and sink events, and the solved [`CellGraph`].
//!
//! The text depends only on the scanned code: fns in source order (file path, then position),
//! places as `path:line:column`, labels by name, cells sorted by what they are. All the
//! printing of these types is here; the types themselves carry only `Debug`.

use std::fmt::Write;

use super::cells::{CellGraph, CellId, CellKey, End, Flow};
use super::guard::{Cond, GuardSpace, GuardState};
use super::summary::{FnOutcome, ObligationKind, SinkEvent, SourceKind, Summary};
use super::value::{Callable, ChannelId, Label, ParamPath, StepKind, Steps, Taint, Value};
use super::Propagation;
use crate::facts::body::{Block, Body, Expr, ExprKind, Pattern, PatternShape, Stmt};
use crate::names::{join_path, Name};
use crate::resolve::{FnId, Symbols};
use crate::source::{SourceFiles, TextSpan};

/// Which parts to print.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DumpParts {
    pub ir: bool,
    pub summaries: bool,
    pub cells: bool,
}

impl DumpParts {
    pub const ALL: DumpParts = DumpParts {
        ir: true,
        summaries: true,
        cells: true,
    };
}

/// What the dump reads: the resolved program and what propagation made of it (with the
/// summaries and flows kept, see [`super::Program::keep_for_dump`]).
pub struct DumpInput<'a> {
    pub files: &'a SourceFiles,
    pub symbols: &'a Symbols<'a>,
    pub propagation: &'a Propagation,
    pub space: &'a GuardSpace,
}

/// The requested parts, each under a `== part ==` heading.
pub fn dump(input: &DumpInput<'_>, parts: DumpParts) -> String {
    let printer = Printer { input };
    let mut fns: Vec<FnId> = input.symbols.all_fns().collect();
    fns.sort_by_cached_key(|&id| {
        let span = input.symbols.function(id).span;
        (printer.path_of(span).to_string(), span.start, id)
    });
    let mut out = String::new();
    if parts.ir {
        out.push_str("== ir ==\n");
        for &id in &fns {
            if let Some(body) = input.symbols.bodies().get(id) {
                printer.fn_heading(&mut out, id);
                BodyPrinter {
                    body: &body,
                    out: &mut out,
                    indent: 1,
                }
                .body();
            }
        }
    }
    if parts.summaries {
        out.push_str("== summaries ==\n");
        for &id in &fns {
            if input.propagation.walked.get(id.0 as usize) == Some(&true) {
                printer.fn_heading(&mut out, id);
                printer.outcome(&mut out, &input.propagation.outcomes[id.0 as usize]);
            }
        }
    }
    if parts.cells {
        out.push_str("== cells ==\n");
        printer.cells(&mut out, &input.propagation.cells);
    }
    out
}

struct Printer<'p, 'a> {
    input: &'p DumpInput<'a>,
}

impl Printer<'_, '_> {
    fn path_of(&self, span: TextSpan) -> &str {
        &self.input.files.get(span.file).display_path
    }

    fn place(&self, span: TextSpan) -> String {
        let (line, column) = self
            .input
            .files
            .get(span.file)
            .line_column_of(span.start as usize);
        format!("{}:{line}:{column}", self.path_of(span))
    }

    fn fn_name(&self, id: FnId) -> String {
        let function = self.input.symbols.function(id);
        let mut path: Vec<Name> = function.module.clone();
        // The crate's own name starts every module path; it says nothing in a dump.
        if !path.is_empty() {
            path.remove(0);
        }
        let name = self.input.symbols.fn_display_name(id);
        if path.is_empty() {
            name
        } else {
            format!("{}::{name}", join_path(&path))
        }
    }

    fn fn_heading(&self, out: &mut String, id: FnId) {
        let function = self.input.symbols.function(id);
        let _ = writeln!(
            out,
            "fn {} @ {}",
            self.fn_name(id),
            self.place(function.span)
        );
    }

    fn outcome(&self, out: &mut String, outcome: &FnOutcome) {
        for (index, source) in outcome.sources.iter().enumerate() {
            let kind = match &source.kind {
                SourceKind::Call(callee) => format!("call {callee}"),
                SourceKind::Field(name) => format!("field {name}"),
                SourceKind::Construction(name) => format!("construction {name}"),
                SourceKind::Declared(name) => format!("declared {name}"),
                SourceKind::Configured(path) => format!("configured {path}"),
                SourceKind::Suspected(name) => format!("suspected {name}"),
            };
            let _ = writeln!(
                out,
                "  source #{index}: {kind} [{}] @ {}",
                source.categories.join(", "),
                self.place(source.span)
            );
        }
        self.summary(out, &outcome.summary);
        for event in &outcome.events {
            self.event(out, event);
        }
        for obligation in &outcome.obligations {
            let what = match &obligation.kind {
                ObligationKind::TokenCreation { token } => format!("token {token} made"),
                ObligationKind::RequiresCall { callee } => {
                    format!("call of {}", self.fn_name(*callee))
                }
            };
            let _ = writeln!(
                out,
                "  needs {} for {what} @ {}: under {}",
                obligation.purpose,
                self.place(obligation.span),
                self.guard(&obligation.guard)
            );
        }
        for flow in &outcome.flows {
            match flow {
                Flow::Data { from, to, .. } => {
                    let _ = writeln!(out, "  into cell({}): {}", self.cell(*to), self.label(from));
                }
                Flow::Ends { from, to } => {
                    let _ = writeln!(
                        out,
                        "  into cell({}): ends {}",
                        self.cell(*to),
                        self.ends(std::slice::from_ref(from))
                    );
                }
                Flow::Read(cell) => {
                    let _ = writeln!(out, "  reads cell({})", self.cell(*cell));
                }
            }
        }
    }

    fn summary(&self, out: &mut String, summary: &Summary) {
        if !summary.returns.is_empty() {
            let _ = writeln!(out, "  returns {}", self.value(&summary.returns));
        }
        if let Some(cond) = &summary.return_cond {
            let _ = writeln!(out, "  returns check {}", self.cond(cond));
        }
        for sink in &summary.sinks {
            let _ = writeln!(
                out,
                "  param sink {} @ {}: {} under {}",
                sink.site.spec.callee,
                self.place(sink.site.span),
                self.taint(&sink.data),
                self.guard(&sink.guard)
            );
        }
        for write in &summary.param_writes {
            let mut target = format!("param{}", write.param);
            for field in &write.fields {
                let _ = write!(target, ".{field}");
            }
            let _ = write!(out, "  writes {target} <- {}", self.taint(&write.taint));
            if !write.ends.is_empty() {
                let _ = write!(out, " ends {}", self.ends(&write.ends));
            }
            out.push('\n');
        }
        if !summary.global_params.is_empty() {
            let params: Vec<String> = summary.global_params.iter().map(param_path).collect();
            let _ = writeln!(out, "  into global cells: {}", params.join(", "));
        }
        for call in &summary.closure_calls {
            let args: Vec<String> = call.args.iter().map(|arg| self.taint(arg)).collect();
            let _ = writeln!(
                out,
                "  calls param{}({}) under {}",
                call.param,
                args.join(", "),
                self.guard(&call.guard)
            );
        }
        for (path, sent) in &summary.channel_sends {
            let _ = writeln!(out, "  sends on {}: {}", param_path(path), self.taint(sent));
        }
        for send in &summary.http_sends {
            let _ = writeln!(
                out,
                "  http send @ {}: {} under {}",
                self.place(send.span),
                self.taint(&send.data),
                self.guard(&send.guard)
            );
        }
        if !summary.deciding_params.is_empty() {
            let params: Vec<String> = summary
                .deciding_params
                .iter()
                .map(|param| format!("param{param}"))
                .collect();
            let _ = writeln!(out, "  decided by {}", params.join(", "));
        }
    }

    fn event(&self, out: &mut String, event: &SinkEvent) {
        let mut data: Vec<String> = event
            .data
            .iter()
            .map(|(source, steps)| self.label(&Label::Source(*source)) + &self.steps_suffix(steps))
            .collect();
        data.extend(
            event
                .held
                .iter()
                .map(|(cell, _)| self.label(&Label::Cell(*cell))),
        );
        let _ = writeln!(
            out,
            "  sink {} @ {}: {} under {}{}",
            event.site.spec.callee,
            self.place(event.site.span),
            data.join(", "),
            self.guard(&event.guard),
            if event.site.by_name { " (by name)" } else { "" }
        );
    }

    /// The way data took, oldest step first, each with its line: ` via [a :3, b :4]`.
    fn steps_suffix(&self, steps: &Steps) -> String {
        let steps = steps.to_vec();
        if steps.is_empty() {
            return String::new();
        }
        let shown: Vec<String> = steps
            .iter()
            .map(|step| {
                let (line, _) = self
                    .input
                    .files
                    .get(step.span.file)
                    .line_column_of(step.span.start as usize);
                format!("{} :{line}", self.step(&step.kind))
            })
            .collect();
        format!(" via [{}]", shown.join(", "))
    }

    fn step(&self, kind: &StepKind) -> String {
        match kind {
            StepKind::StoredIn(name) => format!("stored in {name}"),
            StepKind::AssignedTo(name) => format!("assigned to {name}"),
            StepKind::PutIntoField(name) => format!("put into .{name}"),
            StepKind::ReadFromField(name) => format!("read from .{name}"),
            StepKind::StoredInStatic(name) => format!("stored in static {name}"),
            StepKind::ReadFromStatic(name) => format!("read from static {name}"),
            StepKind::AddedWith(name) => format!("added with {name}"),
            StepKind::MovedBy(how) => format!("moved by {how}"),
            StepKind::PassedInto {
                callee,
                param,
                by_name,
            } => {
                let param = param.map(|name| name.to_string()).unwrap_or_default();
                let by_name = if *by_name { " by name" } else { "" };
                format!("passed into {}({param}){by_name}", self.fn_name(*callee))
            }
            StepKind::ReturnedFrom { callee, by_name } => {
                let by_name = if *by_name { " by name" } else { "" };
                format!("returned from {}{by_name}", self.fn_name(*callee))
            }
            StepKind::SentOnChannel => "sent on a channel".to_string(),
            StepKind::ReceivedFromChannel => "received from a channel".to_string(),
        }
    }

    fn label(&self, label: &Label) -> String {
        match label {
            Label::Source(source) => {
                let mut shown =
                    format!("source({}#{}", self.fn_name(source.function), source.index);
                if source.implied {
                    shown.push_str(", implied");
                }
                if source.suspected {
                    shown.push_str(", suspected");
                }
                shown.push(')');
                shown
            }
            Label::Param(path) => param_path(path),
            Label::Received(path) => format!("received({})", param_path(path)),
            Label::Cell(cell) => format!("cell({})", self.cell(*cell)),
            Label::Url(index) => format!("url#{index}"),
        }
    }

    fn taint(&self, taint: &Taint) -> String {
        if taint.is_empty() {
            return "nothing".to_string();
        }
        let labels: Vec<String> = taint.iter().map(|(label, _)| self.label(label)).collect();
        labels.join(", ")
    }

    fn value(&self, value: &Value) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !value.taint().is_empty() {
            parts.push(self.taint(value.taint()));
        }
        if !value.fields().is_empty() {
            let fields: Vec<String> = value
                .fields()
                .iter()
                .map(|(name, field)| format!("{name}: {}", self.value(field)))
                .collect();
            parts.push(format!("{{{}}}", fields.join(", ")));
        }
        if !value.ends().is_empty() {
            parts.push(format!("ends {}", self.ends(value.ends())));
        }
        if let Some(cond) = value.cond() {
            parts.push(format!("check {}", self.cond(cond)));
        }
        if !value.callables().is_empty() {
            let callables: Vec<String> = value
                .callables()
                .iter()
                .map(|callable| match callable {
                    Callable::Closure(id) => format!("closure#{id}"),
                    Callable::Fn(id) => format!("fn {}", self.fn_name(*id)),
                })
                .collect();
            parts.push(format!("calls {}", callables.join(" | ")));
        }
        if let Some(guard) = value.element_guard() {
            parts.push(format!("elements under {}", self.guard(guard)));
        }
        if parts.is_empty() {
            "nothing".to_string()
        } else {
            parts.join(" ")
        }
    }

    fn ends(&self, ends: &[End]) -> String {
        let shown: Vec<String> = ends
            .iter()
            .map(|end| match end {
                End::Channel(channel) => self.channel(channel),
                End::Param(path) => param_path(path),
                End::Cell(cell) => format!("cell({})", self.cell(*cell)),
            })
            .collect();
        format!("[{}]", shown.join(", "))
    }

    fn guard(&self, guard: &GuardState) -> String {
        let mut facts = self.input.space.describe(&guard.bits);
        facts.extend(guard.atoms.iter().map(|atom| {
            let negation = if atom.truthy { "" } else { "!" };
            format!("{negation}param{}", atom.param)
        }));
        format!("{{{}}}", facts.join(", "))
    }

    fn cond(&self, cond: &Cond) -> String {
        format!(
            "(true: {}, false: {})",
            self.guard(&cond.when_true),
            self.guard(&cond.when_false)
        )
    }

    fn channel(&self, channel: &ChannelId) -> String {
        let body = self.input.symbols.bodies().get(channel.function);
        let place = body
            .and_then(|body| body.site_places().get(channel.site as usize).copied())
            .flatten()
            .map(|place| self.place(place.span));
        match place {
            Some(place) => format!("channel@{place}"),
            None => format!(
                "channel({}#{})",
                self.fn_name(channel.function),
                channel.site
            ),
        }
    }

    fn cell(&self, cell: CellId) -> String {
        match cell.key() {
            CellKey::Field { owner, name } => match owner {
                Some(owner) => format!("{}.{name}", self.input.symbols.type_facts(owner).name),
                None => format!("?.{name}"),
            },
            CellKey::FieldNamed { name, reader } => {
                format!("*.{name} in {}", self.input.symbols.crate_name(reader))
            }
            CellKey::LibraryField { owner, name } => {
                format!("{}.{name} (library)", owner.name)
            }
            CellKey::Static(id) => format!("static {}", self.fn_name(id)),
            CellKey::Channel(channel) => self.channel(&channel),
            CellKey::ParamInput { function, path } => {
                format!("input {} {}", self.fn_name(function), param_path(&path))
            }
            CellKey::Received(inner) => format!("received from {}", self.cell(inner)),
            CellKey::SentVia(inner) => format!("sent via {}", self.cell(inner)),
            CellKey::Union(_) => {
                let mut members: Vec<String> = cell
                    .members()
                    .into_iter()
                    .map(|cell| self.cell(cell))
                    .collect();
                members.sort();
                format!("any of {}", members.join(", "))
            }
        }
    }

    fn cells(&self, out: &mut String, graph: &std::sync::Arc<CellGraph>) {
        let mut cells: Vec<(String, CellId)> = graph
            .cell_ids()
            .map(|cell| (self.cell(cell), cell))
            .collect();
        cells.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, cell) in cells {
            let mut held: Vec<String> = graph
                .contents(cell)
                .iter()
                .map(|(label, _)| self.label(label))
                .collect();
            held.sort();
            let _ = write!(out, "cell {name}: ");
            out.push_str(&if held.is_empty() {
                "nothing".to_string()
            } else {
                held.join(", ")
            });
            let mut channels: Vec<String> = graph
                .channels_held(cell)
                .iter()
                .map(|channel| self.channel(channel))
                .collect();
            channels.sort();
            if !channels.is_empty() {
                let _ = write!(out, "; ends [{}]", channels.join(", "));
            }
            let mut targets: Vec<String> = graph
                .data_targets(cell)
                .into_iter()
                .map(|target| self.cell(target))
                .collect();
            targets.sort();
            targets.dedup();
            if !targets.is_empty() {
                let _ = write!(out, "; flows into {}", targets.join(", "));
            }
            out.push('\n');
        }
    }
}

fn param_path(path: &ParamPath) -> String {
    let mut shown = format!("param{}", path.index);
    for field in path.fields.as_slice() {
        let _ = write!(shown, ".{field}");
    }
    shown
}

/// Prints one lowered body: a statement per line, blocks indented, locals as `name#id`.
struct BodyPrinter<'b> {
    body: &'b Body,
    out: &'b mut String,
    indent: usize,
}

impl BodyPrinter<'_> {
    fn body(&mut self) {
        let params: Vec<String> = self
            .body
            .params
            .iter()
            .map(|pattern| self.pattern(pattern))
            .collect();
        self.line(&format!("params ({})", params.join(", ")));
        self.push_indent();
        self.out.push_str("body ");
        self.block(&self.body.block);
        self.out.push('\n');
        for (index, closure) in self.body.closures.iter().enumerate() {
            let params: Vec<String> = closure
                .params
                .iter()
                .map(|pattern| self.pattern(pattern))
                .collect();
            self.push_indent();
            let _ = write!(self.out, "closure#{index} |{}| ", params.join(", "));
            self.expr(&closure.body);
            self.out.push('\n');
        }
    }

    fn line(&mut self, text: &str) {
        self.push_indent();
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn push_indent(&mut self) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
    }

    fn local(&self, local: u32) -> String {
        match self.body.locals.get(local as usize) {
            Some(found) => format!("{}#{local}", found.name),
            None => format!("#{local}"),
        }
    }

    fn pattern(&self, pattern: &Pattern) -> String {
        let bindings: Vec<String> = pattern
            .bindings
            .iter()
            .map(|binding| {
                let mut shown = self.local(binding.local);
                if !binding.projection.is_empty() {
                    let _ = write!(shown, " = .{}", join_fields(&binding.projection));
                }
                shown
            })
            .collect();
        let inner = bindings.join(", ");
        match pattern.shape {
            PatternShape::Any if bindings.len() == 1 => inner,
            PatternShape::Any if bindings.is_empty() => "_".to_string(),
            PatternShape::Any => format!("({inner})"),
            PatternShape::Bool(value) => value.to_string(),
            PatternShape::Truthy => format!("truthy({inner})"),
            PatternShape::Falsy => format!("falsy({inner})"),
            PatternShape::Other => format!("other({inner})"),
        }
    }

    fn block(&mut self, block: &Block) {
        self.out.push_str("{\n");
        self.indent += 1;
        for (index, stmt) in block.stmts.iter().enumerate() {
            self.push_indent();
            match stmt {
                Stmt::Let {
                    pattern,
                    init,
                    diverge,
                    ..
                } => {
                    let _ = write!(self.out, "let {}", self.pattern(pattern));
                    if let Some(init) = init {
                        self.out.push_str(" = ");
                        self.expr(init);
                    }
                    if let Some(diverge) = diverge {
                        self.out.push_str(" else ");
                        self.block(diverge);
                    }
                    self.out.push(';');
                }
                Stmt::Expr(expr) => {
                    self.expr(expr);
                    let is_tail = block.has_tail && index + 1 == block.stmts.len();
                    if !is_tail {
                        self.out.push(';');
                    }
                }
            }
            self.out.push('\n');
        }
        self.indent -= 1;
        self.push_indent();
        self.out.push('}');
    }

    fn list(&mut self, exprs: &[Expr]) {
        for (index, expr) in exprs.iter().enumerate() {
            if index > 0 {
                self.out.push_str(", ");
            }
            self.expr(expr);
        }
    }

    fn expr(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Constant => self.out.push_str("const"),
            ExprKind::Bool(value) => {
                let _ = write!(self.out, "{value}");
            }
            ExprKind::Str(text) => {
                let _ = write!(self.out, "{:?}", text.as_str());
            }
            ExprKind::Local(local) => {
                let shown = self.local(*local);
                self.out.push_str(&shown);
            }
            ExprKind::Path { path, .. } => self.out.push_str(&join_path(path)),
            ExprKind::Call { callee, args, .. } => {
                let _ = write!(self.out, "{}(", join_path(callee));
                self.list(args);
                self.out.push(')');
            }
            ExprKind::CallValue { callee, args } => {
                self.out.push('(');
                self.expr(callee);
                self.out.push_str(")(");
                self.list(args);
                self.out.push(')');
            }
            ExprKind::MethodCall {
                receiver,
                method,
                args,
                ..
            } => {
                self.expr(receiver);
                let _ = write!(self.out, ".{method}(");
                self.list(args);
                self.out.push(')');
            }
            ExprKind::Field { base, field, .. } => {
                self.expr(base);
                let _ = write!(self.out, ".{field}");
            }
            ExprKind::Struct {
                path, fields, rest, ..
            } => {
                let _ = write!(self.out, "{} {{ ", join_path(path));
                for (index, (name, value)) in fields.iter().enumerate() {
                    if index > 0 {
                        self.out.push_str(", ");
                    }
                    let _ = write!(self.out, "{name}: ");
                    self.expr(value);
                }
                if let Some(rest) = rest {
                    if !fields.is_empty() {
                        self.out.push_str(", ");
                    }
                    self.out.push_str("..");
                    self.expr(rest);
                }
                self.out.push_str(" }");
            }
            ExprKind::Tuple(parts) => {
                self.out.push('(');
                self.list(parts);
                self.out.push(')');
            }
            ExprKind::Combine(parts) => {
                self.out.push_str("combine(");
                self.list(parts);
                self.out.push(')');
            }
            ExprKind::Clean(parts) => {
                self.out.push_str("clean(");
                self.list(parts);
                self.out.push(')');
            }
            ExprKind::Not(inner) => {
                self.out.push('!');
                self.expr(inner);
            }
            ExprKind::Equal(left, right) => {
                self.out.push('(');
                self.expr(left);
                self.out.push_str(" == ");
                self.expr(right);
                self.out.push(')');
            }
            ExprKind::And(left, right) | ExprKind::Or(left, right) => {
                let operator = if matches!(expr.kind, ExprKind::And(..)) {
                    "&&"
                } else {
                    "||"
                };
                self.out.push('(');
                self.expr(left);
                let _ = write!(self.out, " {operator} ");
                self.expr(right);
                self.out.push(')');
            }
            ExprKind::Let { pattern, value } => {
                let _ = write!(self.out, "let {} = ", self.pattern(pattern));
                self.expr(value);
            }
            ExprKind::If {
                condition,
                then_branch,
                else_branch,
            } => {
                self.out.push_str("if ");
                self.expr(condition);
                self.out.push(' ');
                self.block(then_branch);
                if let Some(else_branch) = else_branch {
                    self.out.push_str(" else ");
                    self.expr(else_branch);
                }
            }
            ExprKind::Match { scrutinee, arms } => {
                self.out.push_str("match ");
                self.expr(scrutinee);
                self.out.push_str(" {\n");
                self.indent += 1;
                for arm in arms {
                    self.push_indent();
                    let shown = self.pattern(&arm.pattern);
                    self.out.push_str(&shown);
                    if let Some(guard) = &arm.guard {
                        self.out.push_str(" if ");
                        self.expr(guard);
                    }
                    self.out.push_str(" => ");
                    self.expr(&arm.body);
                    self.out.push_str(",\n");
                }
                self.indent -= 1;
                self.push_indent();
                self.out.push('}');
            }
            ExprKind::Block(block) => self.block(block),
            ExprKind::Loop {
                pattern,
                iterated,
                condition,
                body,
            } => {
                match (pattern, iterated, condition) {
                    (Some(pattern), Some(iterated), _) => {
                        let _ = write!(self.out, "for {} in ", self.pattern(pattern));
                        self.expr(iterated);
                    }
                    (_, _, Some(condition)) => {
                        self.out.push_str("while ");
                        self.expr(condition);
                    }
                    _ => self.out.push_str("loop"),
                }
                self.out.push(' ');
                self.block(body);
            }
            ExprKind::Closure(id) => {
                let _ = write!(self.out, "closure#{id}");
            }
            ExprKind::Assign { target, value } => {
                self.expr(target);
                self.out.push_str(" = ");
                self.expr(value);
            }
            ExprKind::Try(inner) => {
                self.expr(inner);
                self.out.push('?');
            }
            ExprKind::Return(value) | ExprKind::Break(value) | ExprKind::Diverge(value) => {
                let keyword = match expr.kind {
                    ExprKind::Return(_) => "return",
                    ExprKind::Break(_) => "break",
                    _ => "diverge",
                };
                self.out.push_str(keyword);
                if let Some(value) = value {
                    self.out.push(' ');
                    self.expr(value);
                }
            }
            ExprKind::Continue => self.out.push_str("continue"),
        }
    }
}

fn join_fields(fields: &[Name]) -> String {
    let shown: Vec<&str> = fields.iter().map(|name| name.as_str()).collect();
    shown.join(".")
}
