//! Calls: of workspace fns (annotations first, then the summary), of library code that
//! config or the catalog describes (sinks, sources, checks, HTTP requests), of methods of
//! checks (`.is_ok()`, `.then(..)`) and channels, and of anything else (what goes in comes out).

use std::sync::Arc;

use crate::config::EntryKind;
use crate::facts::body::{ExprKind, SiteId};
use crate::names::Name;
use crate::propagate::cells::End;
use crate::propagate::guard::{meet_optional, CheckWitness, Cond, GuardState};
use crate::propagate::lattice::JoinSemiLattice;
use crate::propagate::summary::{
    CallRecord, HttpSend, Obligation, ObligationKind, SinkEvent, SinkSite, SourceKind, SummarySink,
};
use crate::propagate::value::{ChannelId, Label, StepKind, Taint, Value};
use crate::resolve::configured::Configured;
use crate::resolve::effects::SinkSpec;
use crate::resolve::sites::{BodySites, CallSite, Site};
use crate::resolve::FnId;
use crate::source::TextSpan;

use super::place::is_channel_end;
use super::{CallInputs, Callee, Walker, EMPTY_SUMMARY};
use crate::resolve::library::{Carries, ChannelOp, Exchange, LibraryMethod, OnCheck, Returns};

impl<'a> Walker<'_, 'a> {
    pub(super) fn call(&mut self, site: SiteId, inputs: CallInputs<'_>, span: TextSpan) -> Value {
        // Borrowed through the `'a` reference, not through `self`: no copy per call.
        let sites: &'a BodySites = self.sites;
        let Site::Call(call) = sites.site(site) else {
            return self.unknown_call(None, inputs, false, span);
        };
        let mut result = if let Some(type_id) = call.constructs {
            // `Wrapper(x)` is `x`; `Pair(a, b)` has fields `0` and `1`.
            let mut value = match inputs.values.as_slice() {
                [single] => single.data_only(),
                values => Value::with_fields(
                    values
                        .iter()
                        .enumerate()
                        .map(|(index, value)| (Name::of(&index), value.data_only()))
                        .collect(),
                ),
            };
            let source = self.construction(type_id, site, span);
            value.add_taint(&source);
            value
        } else if let Some(exchange) = call.details().exchange {
            self.exchange(exchange, &inputs, span)
        } else if let (true, [wrapped]) = (call.wraps_argument, inputs.values.as_slice()) {
            // Field for field: `Arc::new(Options { .. }).resolvers` is only that field.
            wrapped.clone()
        } else if call.targets.is_empty() {
            let configured = self.configured_call(call, &inputs, span);
            let unknown = self.unknown_call(None, inputs, false, span);
            configured.unwrap_or(unknown)
        } else {
            self.invoke_all(call, &inputs, span)
        };
        self.add_call_site_sources(site, call, &mut result, span);
        result
    }

    /// `mem::swap`, `mem::replace`, `mem::take`: the places their arguments name take each
    /// other's values (or nothing), and the result is what the first one held.
    fn exchange(&mut self, exchange: Exchange, inputs: &CallInputs<'_>, span: TextSpan) -> Value {
        let (Some(&first_place), Some(first)) = (inputs.exprs.first(), inputs.values.first())
        else {
            return Value::default();
        };
        let second = inputs.values.get(1).cloned().unwrap_or_default();
        let moved = |value: &Value| value.with_step(|| StepKind::MovedBy(exchange.path()), span);
        match exchange {
            Exchange::Swap => {
                if let Some(&second_place) = inputs.exprs.get(1) {
                    self.assign(second_place, moved(first), true);
                }
                self.assign(first_place, moved(&second), true);
                Value::default()
            }
            Exchange::Replace => {
                self.assign(first_place, moved(&second), true);
                first.data_only()
            }
            Exchange::Take => {
                self.assign(first_place, Value::default(), true);
                first.data_only()
            }
        }
    }

    pub(super) fn add_call_site_sources(
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
        let details = call.details();
        if !details.personal_return.is_empty() && !declassified {
            let described = self.described_call(call);
            let parts = details.personal_return.clone();
            self.add_personal_parts(result, &parts, SourceKind::Call(described), span);
        }
        if let Some(created) = &details.creates_token {
            self.token_created(created.token, created.purpose.clone(), span);
        }
        if call.creates_channel {
            result.add_ends(&[End::Channel(ChannelId {
                function: self.id,
                site,
            })]);
        }
    }

    pub(super) fn described_call(&self, call: &CallSite) -> String {
        match (call.targets.first(), &call.external) {
            (Some(&id), _) => self.context.symbols.fn_display_name(id),
            (None, Some(path)) => crate::names::join_path(path),
            _ => "a call".to_string(),
        }
    }

    pub(super) fn method_call(
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
        let receiver = inputs.values.first().cloned().unwrap_or_default();
        // A channel end made here is a library value: methods matched by name alone (`send`
        // on an untyped receiver) are not its methods.
        let on_channel_end = is_channel_end(&receiver);
        let library_end = call.by_name && on_channel_end;
        if !call.targets.is_empty() && !library_end {
            let mut result = self.invoke_all(call, &inputs, span);
            self.add_call_site_sources(site, call, &mut result, span);
            return result;
        }
        let library = call.library;
        // What the call does to a channel: known from the receiver's type, or from the end
        // made here that it is called on, where anything but a send receives. A call that
        // config or the catalog describes is that, whatever it is called on.
        let channel = if !call.details().configured.is_empty() {
            None
        } else if on_channel_end {
            match library.and_then(|row| row.channel) {
                Some(ChannelOp::Send) => Some(ChannelOp::Send),
                _ => Some(ChannelOp::Receive),
            }
        } else {
            call.details().channel
        };
        if channel == Some(ChannelOp::Send) {
            let mut sent = Taint::default();
            for value in &inputs.values[1..] {
                sent.join(&value.flatten());
            }
            self.send_on(&receiver, &sent, span);
            return Value::default();
        }
        // A library method whose result is thrown away is called for its effect on the
        // receiver: `session.header(k, v);` and `event.insert_prop(k, v)?;` keep what they are
        // given, as `.push(..)` does. Not one that config or the catalog describes: an HTTP
        // client's `execute(request)` sends the request, it does not keep it (kept, every later
        // request of the app would carry it).
        let discarded = self.discarded_call == Some(site)
            && call.external.is_some()
            && call.details().configured.is_empty();
        if library.is_some_and(|row| row.inserts) || discarded {
            let mut inserted = Value::default();
            for value in &inputs.values[1..] {
                inserted.add_taint(&value.flatten());
            }
            if inserted.has_data() {
                let stepped = inserted.with_step(|| StepKind::AddedWith(method), span);
                if let Some(target) = inputs.exprs.first() {
                    self.assign(target, stepped, false);
                }
            }
        }
        if let (Some(cond), Some(row)) = (receiver.cond().cloned(), library) {
            if let Some(result) = self.check_method(row, cond, &receiver, &inputs, span) {
                return result;
            }
        }
        let configured = self.configured_call(call, &inputs, span);
        let mut result = self.unknown_call(library, inputs, true, span);
        if let Some(configured) = configured {
            result = configured;
        }
        if channel == Some(ChannelOp::Receive) {
            result.add_taint(&self.received(&receiver, span));
        }
        self.add_call_site_sources(site, call, &mut result, span);
        result
    }

    /// A method called on a check's value (`allowed().is_ok()`, `consent.then(|| ..)`): what
    /// it proves passes through, flips, guards its closure or what follows. `None`: the method
    /// does nothing known with a check.
    fn check_method(
        &mut self,
        row: &LibraryMethod,
        cond: Cond,
        receiver: &Value,
        inputs: &CallInputs<'_>,
        span: TextSpan,
    ) -> Option<Value> {
        match row.on_check {
            OnCheck::Drops => None,
            OnCheck::Keeps => {
                let mut value = Self::derived_cond(cond, &[receiver]);
                if row.name == "then_some" {
                    for extra in &inputs.values[1..] {
                        value.add_taint(&extra.flatten());
                    }
                } else if row.carries != Carries::Nothing {
                    // `.clone()`, `.ok()`, `.await` of a value that is also a condition (a
                    // parameter may decide a check in the caller) keep its data too.
                    value.add_taint(&receiver.flatten());
                }
                Some(value)
            }
            OnCheck::Flips => Some(Self::derived_cond(cond.negated(), &[receiver])),
            OnCheck::RunsClosureWhenAllowed => {
                // `CHECK.then(|| ..)`, `CHECK.map(|grant| ..)`: the closure runs only when the
                // check allowed.
                self.consume(receiver);
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
                Some(value)
            }
            OnCheck::Asserts => {
                self.consume(receiver);
                self.state.guard.add(&cond.when_true);
                Some(receiver.data_only())
            }
        }
    }

    /// A call of library code that config or the catalog describes: a sink records what
    /// reaches it, and a source, check or declassify fn decides the result (`None`: the
    /// result is as for any library call).
    pub(super) fn configured_call(
        &mut self,
        call: &CallSite,
        inputs: &CallInputs<'_>,
        span: TextSpan,
    ) -> Option<Value> {
        let mut result = None;
        for entry in &call.details().configured {
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
    pub(super) fn http_request(
        &mut self,
        call: &CallSite,
        inputs: &CallInputs<'_>,
        span: TextSpan,
    ) -> Value {
        let mut data = Taint::default();
        for value in &inputs.values {
            data.join(&value.flatten());
        }
        let guard = self.guard_with_tokens(call);
        self.http_send(span, self.id, &data, &guard);
        Value::from_taint(data.filtered(|label| !matches!(label, Label::Url(_))))
    }

    /// An HTTP request sent at `span` (in `in_fn`) carrying `data`, its URL among it: a sink
    /// for every configured URL it carries. A URL that comes from a parameter is known at the
    /// calls (the send goes into the summary), one that comes from a cell once the cells are
    /// solved (the send waits in the outcome).
    pub(super) fn http_send(
        &mut self,
        span: TextSpan,
        in_fn: FnId,
        data: &Taint,
        guard: &GuardState,
    ) {
        let mut urls: Vec<u16> = Vec::new();
        let (mut from_cells, mut from_params) = (false, false);
        for (label, _) in data.iter() {
            match label {
                Label::Url(index) if !urls.contains(index) => urls.push(*index),
                Label::Cell(_) => from_cells = true,
                Label::Param(_) | Label::Received(_) => from_params = true,
                _ => {}
            }
        }
        for index in urls {
            let Some(spec) = self.context.configured.url_sink_specs.get(index as usize) else {
                continue;
            };
            let site = Arc::new(SinkSite {
                span,
                in_fn,
                spec: spec.clone(),
                by_name: false,
            });
            self.record_sink(site, data, guard);
        }
        if from_cells {
            self.outcome.http_sends.push(HttpSend {
                span,
                in_fn,
                data: data.filtered(|label| !label.is_param()),
                guard: guard.clone(),
                root: self.id,
            });
        }
        // A send that waits for its URL from the callers: a URL it already carries was
        // reported here, and its callers see that sink through the summary's sinks, under
        // their own checks. Left in, it would ride along: every request of an app goes
        // through one call of its HTTP client, so the sends of one summary merge, and a
        // guarded request's URL would meet an unguarded request's checks.
        if from_params {
            self.summary.add_http_send(HttpSend {
                span,
                in_fn,
                data: data.filtered(|label| !matches!(label, Label::Url(_))),
                guard: guard.clone(),
                root: self.id,
            });
        }
    }

    /// The facts at a call, with the purposes of the tokens it is handed.
    pub(super) fn guard_with_tokens(&self, call: &CallSite) -> GuardState {
        let mut guard = self.state.guard.clone();
        for purpose in &call.details().token_purposes {
            guard.add(&GuardState::from_bits(
                self.context.space.purpose_bits(purpose),
            ));
        }
        guard
    }

    /// A call of code outside the scan (or of nothing known): what goes in comes out, closures
    /// passed in are run on the receiver's elements, and `.filter(|x| CHECK)` marks the
    /// elements as checked. `library`: what the analysis knows of the method, when it is a
    /// well-known one; `on_receiver`: the first input is a method's receiver.
    pub(super) fn unknown_call(
        &mut self,
        library: Option<&LibraryMethod>,
        inputs: CallInputs<'_>,
        on_receiver: bool,
        span: TextSpan,
    ) -> Value {
        let receiver = if on_receiver {
            inputs.values.first().cloned()
        } else {
            None
        };
        let element_guard = receiver
            .as_ref()
            .and_then(|receiver| receiver.element_guard().cloned());
        let element = receiver
            .as_ref()
            .map(|receiver| self.element_of(receiver, span))
            .unwrap_or_default();
        // `.clone()`, `.as_ref()`, `.unwrap()`, `.lock()`: the receiver itself (or what it
        // holds, which the values do not tell apart), field for field.
        let same_value = library.is_some_and(|row| {
            matches!(
                row.returns,
                Returns::Same | Returns::Held | Returns::Guarded
            )
        });
        if let (true, Some(receiver), 1) = (same_value, &receiver, inputs.values.len()) {
            return receiver.data_only();
        }
        let closure_guard = element_guard.clone().unwrap_or_default();
        let filters = library.is_some_and(|row| row.filters);
        if library.is_none() {
            // A check handed to code outside the scan (`TelemetryArgs::new(enabled)`,
            // `.field("enabled", &self.enabled)`) may be decided on there: it is not ignored.
            for value in &inputs.values[usize::from(on_receiver)..] {
                self.consume(value);
            }
        }
        let mut result = Value::default();
        let mut filter_facts: Option<GuardState> = None;
        let skip = usize::from(on_receiver);
        for value in &inputs.values[skip..] {
            for callable in value.callables().to_vec() {
                let arguments = vec![element.clone(), element.clone()];
                let produced = self.call_callable(callable, &arguments, &closure_guard, span);
                if filters {
                    self.consume(&produced);
                    if let Some(cond) = produced.cond() {
                        meet_optional(&mut filter_facts, Some(cond.when_true.clone()));
                    }
                }
                result.add_taint(&produced.flatten());
            }
        }
        let carries = library.map_or(Carries::Everything, |row| row.carries);
        if carries == Carries::Nothing {
            return Value::default();
        }
        // `.map(|x| x.len())` yields what the closure returns, not the elements.
        let mapped = carries == Carries::ClosureResults
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

    /// Applies every target of a call and joins their results.
    pub(super) fn invoke_all(
        &mut self,
        call: &CallSite,
        inputs: &CallInputs<'_>,
        span: TextSpan,
    ) -> Value {
        let mut result: Option<Value> = None;
        for &target in &call.targets {
            let value = self.invoke_workspace(target, call, inputs, span);
            match &mut result {
                None => result = Some(value),
                Some(result) => {
                    result.join(&value);
                }
            }
        }
        result.unwrap_or_default()
    }

    /// One target of a call: its annotations first (sink, source, check), then its summary.
    pub(super) fn invoke_workspace(
        &mut self,
        target: FnId,
        call: &CallSite,
        inputs: &CallInputs<'_>,
        span: TextSpan,
    ) -> Value {
        let effects = self.context.effects.of_fn(target);
        let local_guard = self.guard_with_tokens(call);
        let callee = Callee {
            id: target,
            span,
            by_name: call.by_name,
        };
        self.record_call(&callee, &local_guard, &inputs.values);
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
        let has_body = self.context.symbols.bodies().is_written(target);
        let settled = self.summaries.summary(target);
        let Some(summary) = settled.as_deref().or(has_body.then_some(&EMPTY_SUMMARY)) else {
            // No body to summarise (a trait method without default): what goes in comes out.
            let mut value = Value::default();
            for input in &inputs.values {
                value.add_taint(&input.flatten());
            }
            self.run_closure_arguments(inputs, &local_guard, span);
            return value;
        };
        for &param in &summary.deciding_params {
            if let Some(argument) = inputs.values.get(param as usize) {
                self.consume(argument);
            }
        }
        self.apply_summary(&callee, summary, inputs, &local_guard, is_sink)
    }

    /// One record per call site and callee: a call walked again (in a loop, a closure called
    /// twice) meets its facts with the earlier walk's.
    pub(super) fn record_call(&mut self, callee: &Callee, guard: &GuardState, inputs: &[Value]) {
        let (by_name, span, callee) = (callee.by_name, callee.span, callee.id);
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
                    by_name,
                    guard: guard.clone(),
                    arg_conds,
                });
            }
        }
    }

    /// The data a sink receives: every input, or those its `args` names.
    pub(super) fn data_for_sink(&self, target: FnId, spec: &SinkSpec, inputs: &[Value]) -> Taint {
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

    /// A sink reached by `data`: concrete sources (and cells, whose sources are known once the
    /// cells are solved) become an event rooted here, parameter data becomes part of this fn's
    /// summary.
    pub(super) fn record_sink(&mut self, site: Arc<SinkSite>, data: &Taint, guard: &GuardState) {
        let mut concrete = Vec::new();
        let mut held = Vec::new();
        let from_params = data.filtered(Label::is_param);
        for (label, steps) in data.iter() {
            match label {
                Label::Source(source) => concrete.push((*source, steps.clone())),
                Label::Cell(cell) => held.push((*cell, steps.clone())),
                Label::Param(_) | Label::Received(_) | Label::Url(_) => {}
            }
        }
        // Suspected data (`possible_personal_data`) is judged apart from annotated data; what
        // cells hold is sorted out when they are known.
        let (suspected, annotated): (Vec<_>, Vec<_>) = concrete
            .into_iter()
            .partition(|(source, _)| source.suspected);
        // Cells may hold either kind: both events hear of them, each takes its own kind.
        let held_suspected = if self.context.suspect_names {
            held.clone()
        } else {
            Vec::new()
        };
        for (data, held, suspected) in [(annotated, held, false), (suspected, held_suspected, true)]
        {
            if data.is_empty() && held.is_empty() {
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
                    for (cell, steps) in held {
                        if !event.held.iter().any(|(known, _)| *known == cell) {
                            event.held.push((cell, steps));
                        }
                    }
                }
                None => self.outcome.events.push(SinkEvent {
                    site: site.clone(),
                    data,
                    held,
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
                    sink.data.join(&from_params);
                }
                None => sinks.push(SummarySink {
                    site,
                    data: from_params,
                    guard: guard.clone(),
                }),
            }
        }
    }
}

/// Whether a call's first argument (after the receiver, for a method) is the string
/// literal `expected` (`std::env::var("DO_NOT_TRACK")`).
pub(super) fn first_argument_is(inputs: &CallInputs<'_>, expected: &str) -> bool {
    inputs
        .exprs
        .iter()
        .any(|expr| matches!(&expr.kind, ExprKind::Str(text) if *text == expected))
}
