//! Propagation: follows personal data through the whole program.
//!
//! Each fn is walked once per round ([`walk`]) with its parameters as symbolic labels, which
//! gives its [`Summary`]: what its result carries, which of its parameters reach which sinks
//! and under which checks, what it writes into its parameters and into global cells (fields,
//! statics, channels). Calls apply the callee's summary, so fns are walked bottom-up over the
//! call graph's strongly connected components, in parallel level by level, and the members of
//! a recursive component until their summaries stop changing. Data written into a global cell
//! by one fn is read by others; when a round changes the cells, the fns that read them (and
//! their callers) are walked again. No path is ever enumerated.

pub mod summary;
pub mod value;
pub mod walk;

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use rayon::prelude::*;

use crate::guards::{GuardSpace, GuardState};
use crate::incomplete::{Cap, Incomplete};
use crate::resolve::configured::Configured;
use crate::resolve::effects::Effects;
use crate::resolve::sites::{BodySites, PathSite, Site};
use crate::resolve::{FnId, Symbols};
use summary::{CellKey, FnOutcome, Summary};
use value::Taint;
use walk::{walk_fn, Context, Summaries};

/// How often a recursive component is walked at most.
const MAX_COMPONENT_ROUNDS: usize = 8;
/// How often the whole program is re-walked for cell changes at most.
const MAX_CELL_ROUNDS: usize = 6;

/// What was written into global cells: fields, statics and channels.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct CellStore {
    cells: BTreeMap<CellKey, Taint>,
    /// Every write into a field of this name, whatever the owner (for reads whose base
    /// type is unknown, and writes whose owner was).
    by_field_name: HashMap<crate::names::Name, Taint>,
}

impl CellStore {
    pub fn read(&self, key: CellKey) -> Taint {
        match key {
            CellKey::Field { owner: None, name } => {
                self.by_field_name.get(&name).cloned().unwrap_or_default()
            }
            CellKey::Field {
                owner: Some(_),
                name,
            } => {
                let mut taint = self.cells.get(&key).cloned().unwrap_or_default();
                if let Some(unknown_owner) = self.cells.get(&CellKey::Field { owner: None, name }) {
                    taint.join(unknown_owner);
                }
                taint
            }
            _ => self.cells.get(&key).cloned().unwrap_or_default(),
        }
    }

    fn write(&mut self, key: CellKey, taint: &Taint) {
        self.cells.entry(key).or_default().join(taint);
        if let CellKey::Field { name, .. } = key {
            self.by_field_name.entry(name).or_default().join(taint);
        }
    }

    /// The keys whose contents differ from `other` (by labels).
    fn changed_keys(&self, other: &CellStore) -> Vec<CellKey> {
        let mut keys: Vec<CellKey> = Vec::new();
        for (key, taint) in &self.cells {
            if other.cells.get(key) != Some(taint) {
                keys.push(*key);
            }
        }
        for key in other.cells.keys() {
            if !self.cells.contains_key(key) {
                keys.push(*key);
            }
        }
        keys
    }
}

/// Everything propagation found: the last walk of every fn, and the call graph's components.
pub struct Propagation {
    pub outcomes: Vec<FnOutcome>,
    /// Strongly connected components, callees before callers.
    pub components: Vec<Vec<FnId>>,
    /// The fns whose fixpoint a round cap cut short (recursion, cells).
    pub cut_short: Vec<Incomplete>,
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

/// The fns whose walk can matter to a lint. Seeds are the fns where something the lints look
/// at happens: a source, a sink, a check, a token, `requires`, a configured library call, a
/// URL a URL sink may match. Data reaches a seed through its callers, so every fn that calls
/// one (transitively) is walked, and so is every fn those call, since their summaries say
/// what the data becomes on the way. Any other fn sees neither personal data nor a sink, and
/// no walked fn reads its summary: skipping it changes no finding. On code without
/// annotations (a dependency vendored into the workspace) this skips nearly every walk.
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
    let type_matters = |id: crate::resolve::TypeId| {
        let of_type = effects.of_type(id);
        !of_type.personal.is_empty() || of_type.token.is_some()
    };
    // A `[[check]]` with an `arg` (`std::env::var` with "DO_NOT_TRACK") matches only calls
    // with that literal; the body must have it.
    let entry_matters =
        |entry: &crate::config::Entry, literals: &[crate::names::Name]| match &entry.kind {
            crate::config::EntryKind::Check { arg: Some(arg), .. } => {
                literals.iter().any(|literal| literal.as_str() == arg)
            }
            _ => true,
        };
    let site_matters = |site: &Site, literals: &[crate::names::Name]| match site {
        Site::Call(call) => {
            call.configured
                .iter()
                .any(|entry| entry_matters(entry, literals))
                || !call.personal_return.is_empty()
                || !call.token_purposes.is_empty()
                || call.constructs.is_some_and(type_matters)
        }
        Site::Field(field) => {
            !field.personal.is_empty() || !field.inner_fields.is_empty() || field.check.is_some()
        }
        Site::Struct(literal) => {
            !literal.personal_fields.is_empty() || literal.ty.is_some_and(type_matters)
        }
        Site::Path(PathSite::Unit(id)) => type_matters(*id),
        _ => false,
    };
    let is_seed = |id: FnId| {
        let index = id.0 as usize;
        let own = effects.of_fn(id);
        let body_sites = &sites[index];
        let literals = symbols
            .function(id)
            .body
            .as_ref()
            .map_or(&[][..], |body| body.literals.as_slice());
        !own.personal.is_empty()
            || !own.sinks.is_empty()
            || own.check.is_some()
            || !own.requires.is_empty()
            || base_guards
                .get(index)
                .is_some_and(|guard| !guard.bits.is_empty())
            || !body_sites.personal_locals.is_empty()
            || body_sites
                .sites
                .iter()
                .any(|site| site_matters(site, literals))
            || literals.iter().any(url_literal_matters)
    };
    let count = callees.len();
    // Seeds and everything that calls them ...
    let mut upward = vec![false; count];
    let mut pending: Vec<FnId> = symbols.all_fns().filter(|&id| is_seed(id)).collect();
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
    settled: &'t [Option<Arc<Summary>>],
    /// Summaries of the component being walked, from its previous round.
    in_progress: &'t HashMap<FnId, Arc<Summary>>,
}

impl Summaries for SummaryTable<'_> {
    fn summary(&self, id: FnId) -> Option<&Summary> {
        self.in_progress
            .get(&id)
            .or_else(|| self.settled[id.0 as usize].as_ref())
            .map(|summary| &**summary)
    }
}

/// The resolved program propagation reads, and what of the lint settings changes the walk.
#[derive(Clone, Copy)]
pub struct Program<'a> {
    pub symbols: &'a Symbols<'a>,
    pub effects: &'a Effects,
    pub sites: &'a [BodySites],
    pub space: &'a GuardSpace,
    pub base_guards: &'a [GuardState],
    pub configured: &'a Configured,
    /// `possible_personal_data` is on.
    pub suspect_names: bool,
}

/// Runs propagation over every fn.
pub fn propagate(program: &Program<'_>, on_progress: &(dyn Fn(usize) + Sync)) -> Propagation {
    let Program {
        symbols,
        effects,
        sites,
        space,
        base_guards,
        configured,
        suspect_names,
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
    let components = components(&callees);
    let mut component_of = vec![0usize; callees.len()];
    for (index, component) in components.iter().enumerate() {
        for id in component {
            component_of[id.0 as usize] = index;
        }
    }
    // Levels: a component runs after every component it calls.
    let mut level = vec![0usize; components.len()];
    for (index, component) in components.iter().enumerate() {
        let mut highest = 0;
        for id in component {
            for callee in &callees[id.0 as usize] {
                let callee_component = component_of[callee.0 as usize];
                if callee_component != index {
                    highest = highest.max(level[callee_component] + 1);
                }
            }
        }
        level[index] = highest;
    }
    let level_count = level.iter().copied().max().map_or(0, |max| max + 1);
    let mut by_level: Vec<Vec<usize>> = vec![Vec::new(); level_count];
    for (index, &component_level) in level.iter().enumerate() {
        by_level[component_level].push(index);
    }

    let mut summaries: Vec<Option<Arc<Summary>>> = vec![None; callees.len()];
    let mut outcomes: Vec<FnOutcome> = (0..callees.len()).map(|_| FnOutcome::default()).collect();
    let mut cells = CellStore::default();
    // The components to walk (again): all at first; then those that read a cell that changed,
    // and the callers of a fn whose summary changed (a walk depends only on its body, its
    // callees' summaries and the cells, so nothing else can come out differently).
    let mut dirty = vec![true; components.len()];
    // Skipped fns count as done for the progress bar.
    let walked_count = AtomicUsize::new(relevant.iter().filter(|&&walked| !walked).count());
    let mut cut_short: Vec<Incomplete> = Vec::new();
    for round in 0..MAX_CELL_ROUNDS {
        let context = Context {
            symbols,
            effects,
            sites,
            space,
            base_guards,
            cells: &cells,
            configured,
            suspect_names,
        };
        for components_at_level in &by_level {
            let todo: Vec<usize> = components_at_level
                .iter()
                .copied()
                .filter(|&index| dirty[index] && relevant[components[index][0].0 as usize])
                .collect();
            let walked: Vec<_> = todo
                .par_iter()
                .map(|&index| {
                    let walked = walk_component(&context, &summaries, &components[index], &callers);
                    let done = walked_count.fetch_add(walked.0.len(), Ordering::Relaxed);
                    on_progress((done + walked.0.len()).min(callees.len()));
                    walked
                })
                .collect();
            for (&index, (component, unsettled)) in todo.iter().zip(walked) {
                dirty[index] = false;
                cut_short.extend(unsettled.into_iter().map(|id| Incomplete {
                    span: symbols.function(id).span,
                    cap: Cap::RecursionRounds(MAX_COMPONENT_ROUNDS),
                }));
                for (id, outcome) in component {
                    let slot = id.0 as usize;
                    if summaries[slot].as_deref() != Some(&*outcome.summary) {
                        // Callers sit at higher levels: this round still walks them.
                        for caller in &callers[slot] {
                            let caller_component = component_of[caller.0 as usize];
                            if caller_component != index {
                                dirty[caller_component] = true;
                            }
                        }
                    }
                    summaries[slot] = Some(outcome.summary.clone());
                    outcomes[slot] = outcome;
                }
            }
        }
        let mut next_cells = CellStore::default();
        for outcome in &outcomes {
            for (key, taint) in &outcome.cell_writes {
                next_cells.write(*key, taint);
            }
        }
        let changed = next_cells.changed_keys(&cells);
        cells = next_cells;
        if changed.is_empty() {
            break;
        }
        // A read of a field whose owner is unknown reads every write of that name.
        let changed_fields: HashSet<crate::names::Name> = changed
            .iter()
            .filter_map(|key| match key {
                CellKey::Field { name, .. } => Some(*name),
                _ => None,
            })
            .collect();
        let changed: HashSet<CellKey> = changed.into_iter().collect();
        for (index, outcome) in outcomes.iter().enumerate() {
            let reads_changed = outcome.cell_reads.iter().any(|key| {
                changed.contains(key)
                    || match key {
                        CellKey::Field { owner: None, name } => changed_fields.contains(name),
                        CellKey::Field {
                            owner: Some(_),
                            name,
                        } => changed.contains(&CellKey::Field {
                            owner: None,
                            name: *name,
                        }),
                        _ => false,
                    }
            });
            if reads_changed {
                dirty[component_of[index]] = true;
                if round + 1 == MAX_CELL_ROUNDS && relevant[index] {
                    cut_short.push(Incomplete {
                        span: symbols.function(FnId(index as u32)).span,
                        cap: Cap::CellRounds(MAX_CELL_ROUNDS),
                    });
                }
            }
        }
    }
    cut_short.sort();
    cut_short.dedup();
    // Summaries served the walks; the lints need what each walk found, not what it told
    // its callers.
    drop(summaries);
    for outcome in &mut outcomes {
        outcome.summary = Arc::default();
    }
    Propagation {
        outcomes,
        components,
        cut_short,
    }
}

/// Walks the members of one component until their summaries stop changing: a worklist, each
/// walk seeing the newest summaries of the others, and a member walked again only when one it
/// calls changed. In a large cycle (a syntax tree visitor's hundreds of mutually recursive
/// fns) a change reaches few members, and most settle in one or two walks. The walks are
/// bounded by [`MAX_COMPONENT_ROUNDS`] per member; the members still waiting for a walk when
/// the bound is reached come back as unsettled.
fn walk_component(
    context: &Context<'_>,
    settled: &[Option<Arc<Summary>>],
    component: &[FnId],
    callers: &[Vec<FnId>],
) -> (Vec<(FnId, FnOutcome)>, Vec<FnId>) {
    let mut in_progress: HashMap<FnId, Arc<Summary>> = HashMap::new();
    let mut results: HashMap<FnId, FnOutcome> = HashMap::new();
    let members: HashSet<FnId> = component.iter().copied().collect();
    let mut queue: VecDeque<FnId> = component.iter().copied().collect();
    let mut queued: HashSet<FnId> = members.clone();
    let mut walks_left = component.len() * MAX_COMPONENT_ROUNDS;
    while let Some(id) = queue.pop_front() {
        queued.remove(&id);
        let table = SummaryTable {
            settled,
            in_progress: &in_progress,
        };
        let mut outcome = walk_fn(context, &table, id);
        walks_left -= 1;
        let earlier = in_progress.get(&id);
        if let Some(earlier) = earlier {
            Arc::make_mut(&mut outcome.summary).widen(earlier);
        }
        if earlier != Some(&outcome.summary) {
            in_progress.insert(id, outcome.summary.clone());
            for caller in &callers[id.0 as usize] {
                if members.contains(caller) && queued.insert(*caller) {
                    queue.push_back(*caller);
                }
            }
        }
        results.insert(id, outcome);
        if walks_left == 0 {
            break;
        }
    }
    let mut unsettled: Vec<FnId> = queue.into_iter().collect();
    unsettled.sort();
    let outcomes = component
        .iter()
        .map(|id| (*id, results.remove(id).expect("every member was walked")))
        .collect();
    (outcomes, unsettled)
}
