//! Propagation: follows personal data through the whole program.
//!
//! Each fn is walked once ([`walk`]) with its parameters as symbolic labels, which gives its
//! [`Summary`]: what its result carries, which of its parameters reach which sinks and under
//! which checks, what it writes into its parameters. Calls apply the callee's summary, so fns
//! are walked bottom-up over the call graph's strongly connected components, in parallel level
//! by level, and the members of a recursive component until their summaries stop changing.
//! Places that outlive a call (fields, statics, channels) are [`cells`]: a walk reads them as
//! symbolic labels and records its writes as flows, and once every fn is walked the cells are
//! solved in one go and the sink events that read them expanded. No fn is walked twice for a
//! cell, and no path is ever enumerated.

pub mod cells;
pub mod dump;
pub mod guard;
pub mod lattice;
pub mod summary;
pub mod suspects;
pub mod value;
pub mod walk;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use crate::config::EntryKind;
use crate::incomplete::{Cap, Incomplete};
use crate::memory::Releasable;
use crate::propagate::guard::{GuardSpace, GuardState};
use crate::resolve::configured::Configured;
use crate::resolve::effects::Effects;
use crate::resolve::sites::{BodySites, PathSite, Site};
use crate::resolve::{FnId, Symbols};
use cells::{CellGraph, FieldOwner, Flow};
use summary::{FnOutcome, HttpSend, SinkEvent, Summary};
use walk::{walk_fn, Context, Summaries};

/// How often a recursive component is walked at most.
const MAX_COMPONENT_ROUNDS: usize = 8;
/// From this many walks of a member of a recursive component on, a result that changes only
/// in shape is coarsened ([`value::Value::coarsened`]), so that the component settles within
/// the bound above.
const COARSEN_AFTER_WALKS: usize = 3;
/// Everything propagation found: the last walk of every fn, the call graph's components, and
/// what the global cells hold.
pub struct Propagation {
    pub outcomes: Outcomes,
    /// Whether each fn was walked (relevance leaves out what personal data cannot reach):
    /// an outcome of a fn not walked is empty, not "nothing happens there".
    pub walked: Vec<bool>,
    /// Strongly connected components, callees before callers.
    pub components: Vec<Vec<FnId>>,
    pub cells: Arc<CellGraph>,
}

impl Propagation {
    /// The personal data that reaches a sink in any of `events`, each source once with the
    /// first way it took: what the events carry themselves, then what the cells they read
    /// hold ([`CellGraph::sources_read`]).
    pub fn sources_of(&self, events: &[&SinkEvent]) -> Vec<(value::SourceId, value::Steps)> {
        let mut sources: Vec<(value::SourceId, value::Steps)> = Vec::new();
        let mut known: HashSet<value::SourceId> = HashSet::new();
        for event in events {
            for (source, steps) in &event.data {
                if known.insert(*source) {
                    sources.push((*source, steps.clone()));
                }
            }
        }
        let reads = events.iter().flat_map(|event| {
            event
                .held
                .iter()
                .map(|(cell, steps)| (*cell, steps, event.suspected))
        });
        sources.extend(self.cells.sources_read(reads, &mut known));
        sources
    }
}

/// Every fn's outcome, by fn id. Only the walked fns have one of their own (most fns of a
/// large app are not walked, and an outcome is some 300 bytes even when empty); the others
/// read as the empty outcome.
pub struct Outcomes {
    by_fn: Vec<Option<Box<FnOutcome>>>,
    empty: FnOutcome,
}

impl Outcomes {
    /// How many fns there are, walked or not.
    pub fn len(&self) -> usize {
        self.by_fn.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_fn.is_empty()
    }

    /// The outcome of fn `index`, unless there is no such fn.
    pub fn get(&self, index: usize) -> Option<&FnOutcome> {
        let outcome = self.by_fn.get(index)?;
        Some(outcome.as_deref().unwrap_or(&self.empty))
    }

    /// Every fn's outcome, in fn id order.
    pub fn iter(&self) -> impl Iterator<Item = &FnOutcome> {
        self.by_fn
            .iter()
            .map(|outcome| outcome.as_deref().unwrap_or(&self.empty))
    }

    /// The outcomes of the walked fns.
    fn walked_mut(&mut self) -> impl Iterator<Item = &mut FnOutcome> {
        self.by_fn
            .iter_mut()
            .flatten()
            .map(|outcome| &mut **outcome)
    }
}

impl std::ops::Index<usize> for Outcomes {
    type Output = FnOutcome;

    fn index(&self, index: usize) -> &FnOutcome {
        self.by_fn[index].as_deref().unwrap_or(&self.empty)
    }
}

impl<'o> IntoIterator for &'o Outcomes {
    type Item = &'o FnOutcome;
    type IntoIter = Box<dyn Iterator<Item = &'o FnOutcome> + 'o>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

/// The call graph: who each fn may call (every candidate of every call site).
pub fn callees(symbols: &Symbols<'_>, sites: &[BodySites]) -> Vec<Vec<FnId>> {
    symbols
        .all_fns()
        .map(|id| {
            let mut targets: Vec<FnId> = Vec::new();
            for site in &sites[id.0 as usize].sites {
                match site {
                    Site::Call(call) => targets.extend(call.targets.iter().copied()),
                    Site::Path(PathSite::Static(ids) | PathSite::FnItem(ids)) => {
                        targets.extend(ids.iter().copied())
                    }
                    _ => {}
                }
            }
            targets.sort();
            targets.dedup();
            targets
        })
        .collect()
}

/// Why a fn's own body matters to a lint.
#[derive(Debug, Clone, Copy, Default)]
struct Seed {
    /// Personal data is produced in it (a source).
    produces_data: bool,
    /// Data that reaches it would be reported (a sink, a URL of a URL sink).
    consumes_data: bool,
    /// What holds there is judged (a check evaluated, a token made or held, a `requires`).
    needs_guards: bool,
}

/// The fns whose walk can matter to a lint. Seeds are the fns where something the lints look
/// at happens: a source, a sink, a check, a token, `requires`, a URL a URL sink may match.
/// Data reaches a seed through its callers, so every fn that calls one (transitively) is
/// walked, and so is every fn those call, since their summaries say what the data becomes on
/// the way. Any other fn sees neither personal data nor a sink, and no walked fn reads its
/// summary: skipping it changes no finding.
///
/// Driven by data: with no source anywhere, nothing can reach a sink, and only the fns guards
/// are judged in are walked (for `ignored_check`, `unchecked_token`, `requires`). A catalog's
/// HTTP calls are sinks only when a URL sink is configured, and its return types are no seed.
pub fn relevant_fns(
    symbols: &Symbols<'_>,
    effects: &Effects,
    sites: &[BodySites],
    base_guards: &[GuardState],
    configured: &Configured,
    callees: &[Vec<FnId>],
    callers: &[Vec<FnId>],
) -> Vec<bool> {
    let url_literal_matters = |url: &crate::names::Name| {
        configured
            .url_sinks
            .iter()
            .any(|sink| walk::url_matches(url.as_str(), &sink.url))
    };
    let seeds: Vec<Seed> = symbols
        .all_fns()
        .map(|id| {
            let body = symbols.bodies().packed(id);
            let literals = body.as_ref().map_or(&[][..], |body| &body.literals[..]);
            let own = effects.of_fn(id);
            let mut seed = Seed {
                produces_data: !own.personal.is_empty()
                    || !sites[id.0 as usize].personal_locals.is_empty(),
                consumes_data: !own.sinks.is_empty() || literals.iter().any(url_literal_matters),
                needs_guards: own.check.is_some()
                    || !own.requires.is_empty()
                    || base_guards
                        .get(id.0 as usize)
                        .is_some_and(|guard| !guard.bits.is_empty()),
            };
            for site in &sites[id.0 as usize].sites {
                add_site_seed(&mut seed, site, literals, effects, configured);
            }
            seed
        })
        .collect();
    let any_data = seeds.iter().any(|seed| seed.produces_data);
    let is_seed =
        |seed: &Seed| seed.needs_guards || (any_data && (seed.produces_data || seed.consumes_data));
    let count = callees.len();
    // Seeds and everything that calls them ...
    let mut upward = vec![false; count];
    let mut pending: Vec<FnId> = symbols
        .all_fns()
        .filter(|id| is_seed(&seeds[id.0 as usize]))
        .collect();
    while let Some(id) = pending.pop() {
        if std::mem::replace(&mut upward[id.0 as usize], true) {
            continue;
        }
        pending.extend(callers[id.0 as usize].iter().copied());
    }
    // ... and everything those call.
    let mut relevant = vec![false; count];
    let mut pending: Vec<FnId> = symbols
        .all_fns()
        .filter(|id| upward[id.0 as usize])
        .collect();
    while let Some(id) = pending.pop() {
        if std::mem::replace(&mut relevant[id.0 as usize], true) {
            continue;
        }
        pending.extend(callees[id.0 as usize].iter().copied());
    }
    relevant
}

/// What one site of a body makes the body matter for.
fn add_site_seed(
    seed: &mut Seed,
    site: &Site,
    literals: &[crate::names::Name],
    effects: &Effects,
    configured: &Configured,
) {
    let type_matters = |id: crate::resolve::TypeId| {
        let of_type = effects.of_type(id);
        (!of_type.personal.is_empty(), of_type.token.is_some())
    };
    match site {
        Site::Call(call) => {
            let details = call.details();
            for entry in &details.configured {
                match &entry.kind {
                    EntryKind::Source { .. } => seed.produces_data = true,
                    EntryKind::Sink { .. } | EntryKind::Declassify => seed.consumes_data = true,
                    EntryKind::HttpSend => {
                        seed.consumes_data |= !configured.url_sinks.is_empty();
                    }
                    // `std::env::var` with "DO_NOT_TRACK": only calls with that literal.
                    EntryKind::Check { arg, .. } => {
                        seed.needs_guards |= arg.as_ref().is_none_or(|arg| {
                            literals.iter().any(|literal| literal.as_str() == arg)
                        });
                    }
                    EntryKind::Token { .. } | EntryKind::Requires { .. } => {
                        seed.needs_guards = true;
                    }
                    EntryKind::Allow { .. } | EntryKind::Returns { .. } => {}
                }
            }
            seed.produces_data |= !details.personal_return.is_empty();
            seed.needs_guards |=
                !details.token_purposes.is_empty() || details.creates_token.is_some();
            if let Some((personal, token)) = call.constructs.map(type_matters) {
                seed.produces_data |= personal;
                seed.needs_guards |= token;
            }
        }
        Site::Field(field) => {
            seed.produces_data |= !field.annotations().personal.is_empty()
                || !field.annotations().inner_fields.is_empty();
            seed.needs_guards |= field.annotations().check.is_some();
        }
        Site::Struct(literal) => {
            seed.produces_data |= !literal.personal_fields.is_empty();
            if let Some((personal, token)) = literal.ty.map(type_matters) {
                seed.produces_data |= personal;
                seed.needs_guards |= token;
            }
        }
        Site::Path(PathSite::Unit(id)) => {
            let (personal, token) = type_matters(*id);
            seed.produces_data |= personal;
            seed.needs_guards |= token;
        }
        _ => {}
    }
}

/// Strongly connected components in reverse topological order (callees first), by Tarjan's
/// algorithm without recursion (call graphs of generated code can be deep).
pub fn components(callees: &[Vec<FnId>]) -> Vec<Vec<FnId>> {
    let count = callees.len();
    let mut index_of = vec![usize::MAX; count];
    let mut low = vec![0usize; count];
    let mut on_stack = vec![false; count];
    let mut stack: Vec<usize> = Vec::new();
    let mut result: Vec<Vec<FnId>> = Vec::new();
    let mut next_index = 0;
    for start in 0..count {
        if index_of[start] != usize::MAX {
            continue;
        }
        // (node, position in its callee list)
        let mut frames: Vec<(usize, usize)> = vec![(start, 0)];
        index_of[start] = next_index;
        low[start] = next_index;
        next_index += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some(&mut (node, ref mut position)) = frames.last_mut() {
            if let Some(&callee) = callees[node].get(*position) {
                *position += 1;
                let callee = callee.0 as usize;
                if index_of[callee] == usize::MAX {
                    index_of[callee] = next_index;
                    low[callee] = next_index;
                    next_index += 1;
                    stack.push(callee);
                    on_stack[callee] = true;
                    frames.push((callee, 0));
                } else if on_stack[callee] {
                    low[node] = low[node].min(index_of[callee]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index_of[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(FnId(member as u32));
                    if member == node {
                        break;
                    }
                }
                component.sort();
                result.push(component);
            }
        }
    }
    result
}

struct SummaryTable<'t> {
    settled: &'t Releasable<Summary>,
    /// Summaries of the component being walked, from its previous round.
    in_progress: &'t HashMap<FnId, Arc<Summary>>,
}

impl Summaries for SummaryTable<'_> {
    fn summary(&self, id: FnId) -> Option<Arc<Summary>> {
        match self.in_progress.get(&id) {
            Some(summary) => Some(Arc::clone(summary)),
            None => self.settled.get(id.0 as usize),
        }
    }
}

/// The resolved program propagation reads, and what of the lint settings changes the walk.
#[derive(Clone, Copy)]
pub struct Program<'a> {
    pub symbols: &'a Symbols<'a>,
    pub effects: &'a Effects,
    pub space: &'a GuardSpace,
    pub base_guards: &'a [GuardState],
    pub configured: &'a Configured,
    /// `possible_personal_data` is on.
    pub suspect_names: bool,
    /// Keep what only `--dump` shows: each fn's summary and the flows its walk recorded into
    /// cells. Otherwise both are dropped once the cells are solved, since the lints need what
    /// each walk found, not what it told callers or how the cells were linked.
    pub keep_for_dump: bool,
    /// Keep every fn's lowered body and resolved sites after the walks (`--dump` and the data
    /// map read them); otherwise a body is freed as soon as it will not be walked again, and
    /// the sites of a fn no walk will read are taken out before the walks.
    pub keep_walk_inputs: bool,
}

/// Runs propagation over every fn. `sites` are every fn's, by fn id; those of fns no walk will
/// read keep only their matched config entries (unless `keep_walk_inputs`).
pub fn propagate(
    program: &Program<'_>,
    sites: &mut [BodySites],
    on_progress: &(dyn Fn(usize) + Sync),
) -> Propagation {
    let Program {
        symbols,
        effects,
        space,
        base_guards,
        configured,
        suspect_names,
        keep_for_dump,
        keep_walk_inputs,
    } = *program;
    let callees = callees(symbols, sites);
    let mut callers: Vec<Vec<FnId>> = vec![Vec::new(); callees.len()];
    for (caller, targets) in callees.iter().enumerate() {
        for target in targets {
            callers[target.0 as usize].push(FnId(caller as u32));
        }
    }
    // Suspected sources can be anywhere a name says so: every fn is walked then.
    let relevant = if suspect_names {
        vec![true; callees.len()]
    } else {
        relevant_fns(
            symbols,
            effects,
            sites,
            base_guards,
            configured,
            &callees,
            &callers,
        )
    };
    if !keep_walk_inputs {
        // No walk will read them. Freed beside the walks: where few fns matter (no
        // annotation in most of a tree) the freeing would be most of this stage. Freed
        // before the walks allocate, part of their memory serves the walks.
        let unread: Vec<_> = symbols
            .all_fns()
            .filter(|id| !relevant[id.0 as usize])
            .map(|id| {
                let body = symbols.bodies().take(id);
                (body, sites[id.0 as usize].take_walk_inputs())
            })
            .collect();
        let _ = crate::memory::drop_in_background(unread);
    }
    let components = components(&callees);
    let mut component_of = vec![0usize; callees.len()];
    for (index, component) in components.iter().enumerate() {
        for id in component {
            component_of[id.0 as usize] = index;
        }
    }
    // A component runs once every component it calls has run: the components that call
    // it, and how many it still waits for.
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); components.len()];
    let mut waiting_for: Vec<AtomicUsize> = Vec::with_capacity(components.len());
    for (index, component) in components.iter().enumerate() {
        let mut called: Vec<usize> = component
            .iter()
            .flat_map(|id| &callees[id.0 as usize])
            .map(|callee| component_of[callee.0 as usize])
            .filter(|&callee_component| callee_component != index)
            .collect();
        called.sort_unstable();
        called.dedup();
        for &callee_component in &called {
            dependents[callee_component].push(index);
        }
        waiting_for.push(AtomicUsize::new(called.len()));
    }
    // A walk reads only its own fn's sites: each walked fn's are taken out here, and freed
    // once its component is walked, as its body is (or put back after the walks, for the
    // dump and the data map).
    let walk_sites = Releasable::new(
        sites
            .iter_mut()
            .zip(&relevant)
            .map(|(body_sites, &walked)| walked.then(|| body_sites.take_walk_inputs())),
    );
    let context = Context {
        symbols,
        effects,
        sites: &walk_sites,
        space,
        base_guards,
        configured,
        suspect_names,
    };
    // One empty summary for all: a large program has tens of thousands of fns.
    let no_summary = Arc::new(Summary::default());
    let schedule = Schedule {
        context: &context,
        components: &components,
        component_of: &component_of,
        callees: &callees,
        callers: &callers,
        relevant: &relevant,
        keep_bodies: keep_walk_inputs,
        keep_summaries: keep_for_dump,
        no_summary: &no_summary,
        dependents: &dependents,
        waiting_for: &waiting_for,
        summaries: Releasable::new((0..callees.len()).map(|_| None)),
        readers_left: callers
            .iter()
            .enumerate()
            .map(|(callee, callers)| {
                let outside = callers.iter().filter(|caller| {
                    relevant[caller.0 as usize]
                        && component_of[caller.0 as usize] != component_of[callee]
                });
                AtomicUsize::new(outside.count())
            })
            .collect(),
        outcomes: (0..callees.len()).map(|_| OnceLock::new()).collect(),
        // Skipped fns count as done for the progress bar.
        walked_count: AtomicUsize::new(relevant.iter().filter(|&&walked| !walked).count()),
        on_progress,
    };
    // Listed before any starts: a component whose count a finished walk brings to zero is
    // started by that walk, and must not be started twice.
    let ready: Vec<usize> = (0..components.len())
        .filter(|&index| waiting_for[index].load(Ordering::Relaxed) == 0)
        .collect();
    rayon::scope(|scope| {
        for index in ready {
            let schedule = &schedule;
            scope.spawn(move |scope| schedule.run(index, scope));
        }
    });
    let Schedule {
        summaries,
        outcomes,
        ..
    } = schedule;
    if keep_walk_inputs {
        for (body_sites, walk_inputs) in sites.iter_mut().zip(walk_sites.into_values()) {
            if let Some(walk_inputs) = walk_inputs.and_then(Arc::into_inner) {
                body_sites.put_back_walk_inputs(walk_inputs);
            }
        }
    }
    let mut outcomes = Outcomes {
        by_fn: outcomes.into_iter().map(OnceLock::into_inner).collect(),
        empty: FnOutcome::default(),
    };
    // Summaries served the walks (each was freed once its last caller was walked, unless
    // `--dump` shows them); the lints need what each walk found, not what it told its
    // callers. Each walk's flows go into the cell graph, which keeps the ways of those it
    // links: they are let go before the solving, which the largest apps' peak memory falls in.
    drop(summaries);
    let flows: Vec<Vec<Flow>> = outcomes
        .walked_mut()
        .map(|outcome| {
            if keep_for_dump {
                return outcome.flows.clone();
            }
            std::mem::take(&mut outcome.flows)
        })
        .collect();
    let cells = Arc::new(CellGraph::solve(
        flows.into_iter().flatten(),
        |owner, field, reader| match owner {
            FieldOwner::Workspace(owner) => symbols.field_readable_in_crate(owner, field, reader),
            FieldOwner::Library(owner) => symbols.crate_can_name(reader, owner.krate.as_str()),
        },
    ));
    for outcome in outcomes.walked_mut() {
        let sends = std::mem::take(&mut outcome.http_sends);
        outcome.events.extend(
            sends
                .iter()
                .flat_map(|send| url_sink_events(send, &cells, configured)),
        );
        // An event whose cells turn out to hold nothing of its kind reached the sink with no
        // personal data.
        outcome.events.retain(|event| {
            !event.data.is_empty()
                || event
                    .held
                    .iter()
                    .any(|(cell, _)| cells.holds_source(*cell, event.suspected))
        });
    }
    Propagation {
        outcomes,
        walked: relevant,
        components,
        cells,
    }
}

/// The sink events of an HTTP request whose URL came from cells: one per configured URL sink
/// those cells hold a URL of (URLs written in the request itself were recorded by its walk).
fn url_sink_events(send: &HttpSend, cells: &CellGraph, configured: &Configured) -> Vec<SinkEvent> {
    let mut urls: Vec<u16> = Vec::new();
    let mut data = Vec::new();
    let mut held = Vec::new();
    for (label, steps) in send.data.iter() {
        match label {
            value::Label::Cell(cell) => {
                for index in cells.urls(*cell) {
                    if !urls.contains(&index) {
                        urls.push(index);
                    }
                }
                held.push((*cell, steps.clone()));
            }
            value::Label::Source(source) => data.push((*source, steps.clone())),
            _ => {}
        }
    }
    let direct: Vec<u16> = send
        .data
        .iter()
        .filter_map(|(label, _)| match label {
            value::Label::Url(index) => Some(*index),
            _ => None,
        })
        .collect();
    urls.retain(|index| !direct.contains(index));
    urls.sort_unstable();
    urls.into_iter()
        .filter_map(|index| configured.url_sink_specs.get(index as usize))
        .map(|spec| SinkEvent {
            site: Arc::new(summary::SinkSite {
                span: send.span,
                in_fn: send.in_fn,
                spec: spec.clone(),
                by_name: false,
            }),
            data: data.clone(),
            held: held.clone(),
            guard: send.guard.clone(),
            root: send.root,
            suspected: false,
        })
        .collect()
}

/// The walks of the components, each started as soon as every component it calls has been
/// walked (not level by level: a level waits for its slowest component, and one thread walked
/// while the other idled). A walk reads only the settled summaries of the components it calls,
/// so the result does not depend on the order the threads take them in.
struct Schedule<'s> {
    context: &'s Context<'s>,
    components: &'s [Vec<FnId>],
    component_of: &'s [usize],
    callees: &'s [Vec<FnId>],
    callers: &'s [Vec<FnId>],
    relevant: &'s [bool],
    keep_bodies: bool,
    keep_summaries: bool,
    /// What a walked fn's outcome holds as its summary unless `keep_summaries`: the slot in
    /// `summaries` holds the summary while callers read it.
    no_summary: &'s Arc<Summary>,
    dependents: &'s [Vec<usize>],
    waiting_for: &'s [AtomicUsize],
    /// Per fn, set once its component has been walked, and freed once every walked caller
    /// outside the component has been (unless `keep_summaries`).
    summaries: Releasable<Summary>,
    /// Per fn: how many walked callers outside its component are still to be walked.
    readers_left: Vec<AtomicUsize>,
    outcomes: Vec<OnceLock<Box<FnOutcome>>>,
    walked_count: AtomicUsize,
    on_progress: &'s (dyn Fn(usize) + Sync),
}

impl<'s> Schedule<'s> {
    /// Walks component `index` (if it matters), then starts the components that waited only
    /// for it.
    fn run(&'s self, index: usize, scope: &rayon::Scope<'s>) {
        let component = &self.components[index];
        if self.relevant[component[0].0 as usize] {
            let walked = walk_component(
                self.context,
                &self.summaries,
                component,
                self.callees,
                self.callers,
            );
            // A component is walked once: its bodies and sites are read for the last time.
            if !self.keep_bodies {
                for &id in component {
                    self.context.symbols.bodies().release(id);
                    self.context.sites.release(id.0 as usize);
                }
            }
            let done = self.walked_count.fetch_add(walked.len(), Ordering::Relaxed);
            (self.on_progress)((done + walked.len()).min(self.summaries.len()));
            for (id, mut outcome) in walked {
                let slot = id.0 as usize;
                if self.keep_summaries {
                    self.summaries.set(slot, Arc::clone(&outcome.summary));
                } else {
                    let summary =
                        std::mem::replace(&mut outcome.summary, Arc::clone(self.no_summary));
                    // A fn no walk outside its component calls has no reader left.
                    if self.readers_left[slot].load(Ordering::Acquire) > 0 {
                        self.summaries.set(slot, summary);
                    }
                }
                let _ = self.outcomes[slot].set(Box::new(outcome));
            }
            if !self.keep_summaries {
                self.release_read_summaries(index);
            }
        }
        for &dependent in &self.dependents[index] {
            if self.waiting_for[dependent].fetch_sub(1, Ordering::AcqRel) == 1 {
                scope.spawn(move |scope| self.run(dependent, scope));
            }
        }
    }

    /// Once component `index` is walked, it reads no summary again: those whose last reader
    /// it was are freed. (The callers of a fn are walked after it, so a count reaches zero
    /// only once its summary is set.)
    fn release_read_summaries(&self, index: usize) {
        // One entry per member calling it, as `readers_left` counts them.
        let mut read: Vec<FnId> = self.components[index]
            .iter()
            .flat_map(|id| &self.callees[id.0 as usize])
            .copied()
            .filter(|callee| self.component_of[callee.0 as usize] != index)
            .collect();
        read.sort_unstable();
        for callee_reads in read.chunk_by(|a, b| a == b) {
            let slot = callee_reads[0].0 as usize;
            let readers = callee_reads.len();
            if self.readers_left[slot].fetch_sub(readers, Ordering::AcqRel) == readers {
                self.summaries.release(slot);
            }
        }
    }
}

/// Walks the members of one component until their summaries stop changing: a worklist, each
/// walk seeing the newest summaries of the others, and a member walked again only when one it
/// calls changed. The worklist takes the member nearest the callees first ([`callees_first`]):
/// in FnId order the largest component of risingwave (209 fns) took 1,644 walks, and 30
/// members of others ran out of walks; in this order 878, and 3. In a large cycle (a syntax
/// tree visitor's hundreds of mutually recursive fns) a change reaches few members, and most
/// settle in one or two walks. The walks are bounded by [`MAX_COMPONENT_ROUNDS`] per member;
/// the members still waiting for a walk when the bound runs out record it
/// (`FnOutcome::cut_short`).
fn walk_component(
    context: &Context<'_>,
    settled: &Releasable<Summary>,
    component: &[FnId],
    callees: &[Vec<FnId>],
    callers: &[Vec<FnId>],
) -> Vec<(FnId, FnOutcome)> {
    let mut in_progress: HashMap<FnId, Arc<Summary>> = HashMap::new();
    let mut results: HashMap<FnId, FnOutcome> = HashMap::new();
    let order = callees_first(component, callees);
    let position: HashMap<FnId, usize> = order
        .iter()
        .enumerate()
        .map(|(position, id)| (*id, position))
        .collect();
    // By position in `order`: the member walked next is the one nearest the callees.
    let mut queue: BTreeSet<usize> = (0..order.len()).collect();
    let mut walks_left = component.len() * MAX_COMPONENT_ROUNDS;
    let mut walks = vec![0usize; order.len()];
    let mut coarse = vec![false; order.len()];
    while let Some(next) = queue.pop_first() {
        let id = order[next];
        let table = SummaryTable {
            settled,
            in_progress: &in_progress,
        };
        let mut outcome = walk_fn(context, &table, id);
        walks_left -= 1;
        walks[next] += 1;
        let earlier = in_progress.get(&id);
        if let Some(earlier) = earlier {
            let summary = Arc::make_mut(&mut outcome.summary);
            summary.widen(earlier);
            // A result whose labels stay the same while its shape still changes may be
            // nesting a level deeper each walk: from then on it is coarsened.
            coarse[next] |= walks[next] >= COARSEN_AFTER_WALKS
                && summary.returns != earlier.returns
                && summary.returns.flatten() == earlier.returns.flatten();
            if coarse[next] {
                summary.returns = summary.returns.coarsened();
            }
        }
        if earlier != Some(&outcome.summary) {
            in_progress.insert(id, outcome.summary.clone());
            for caller in &callers[id.0 as usize] {
                if let Some(&caller_position) = position.get(caller) {
                    queue.insert(caller_position);
                }
            }
        }
        results.insert(id, outcome);
        if walks_left == 0 {
            break;
        }
    }
    // The members still waiting for a walk when the bound ran out have not settled.
    for next in queue {
        let id = order[next];
        if let Some(outcome) = results.get_mut(&id) {
            outcome.cut_short.push(Incomplete {
                span: context.symbols.function(id).span,
                cap: Cap::RecursionRounds(MAX_COMPONENT_ROUNDS),
            });
        }
    }
    component
        .iter()
        .map(|id| (*id, results.remove(id).expect("every member was walked")))
        .collect()
}

/// The members of a recursive component, callees before their callers wherever the cycle
/// allows: a depth-first post-order over the calls inside the component, started from its
/// members in id order. Walked in this order, a member mostly sees the summaries of what it
/// calls already settled.
fn callees_first(component: &[FnId], callees: &[Vec<FnId>]) -> Vec<FnId> {
    let mut unvisited: HashSet<FnId> = component.iter().copied().collect();
    let mut order = Vec::with_capacity(component.len());
    for &root in component {
        if !unvisited.remove(&root) {
            continue;
        }
        // (member, how many of its callees were looked at)
        let mut stack: Vec<(FnId, usize)> = vec![(root, 0)];
        while let Some(&mut (id, ref mut next)) = stack.last_mut() {
            match callees[id.0 as usize].get(*next) {
                Some(&callee) => {
                    *next += 1;
                    if unvisited.remove(&callee) {
                        stack.push((callee, 0));
                    }
                }
                None => {
                    order.push(id);
                    stack.pop();
                }
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::Outcomes;
    use crate::incomplete::{Cap, Incomplete};
    use crate::propagate::summary::FnOutcome;
    use crate::source::TextSpan;

    #[test]
    fn outcomes_read_as_one_per_fn_with_the_unwalked_empty() {
        let walked = |rounds: usize| {
            Some(Box::new(FnOutcome {
                cut_short: vec![Incomplete {
                    span: TextSpan::default(),
                    cap: Cap::LoopRounds(rounds),
                }],
                ..FnOutcome::default()
            }))
        };
        let mut outcomes = Outcomes {
            by_fn: vec![None, walked(1), None, walked(2)],
            empty: FnOutcome::default(),
        };
        let rounds = |outcome: &FnOutcome| outcome.cut_short.iter().map(|cut| cut.cap).collect();
        assert_eq!(outcomes.len(), 4);
        let all: Vec<Vec<Cap>> = outcomes.iter().map(rounds).collect();
        assert_eq!(
            all,
            [
                vec![],
                vec![Cap::LoopRounds(1)],
                vec![],
                vec![Cap::LoopRounds(2)]
            ]
        );
        assert!(outcomes[2].cut_short.is_empty());
        assert_eq!(rounds(&outcomes[3]), [Cap::LoopRounds(2)]);
        assert!(outcomes.get(4).is_none());
        assert_eq!(outcomes.walked_mut().count(), 2);
        assert_eq!((&outcomes).into_iter().count(), 4);
    }
}
