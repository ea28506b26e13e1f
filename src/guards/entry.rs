//! Entry guards: what every chain of callers guarantees when a fn starts, computed top-down
//! over the call graph in one pass (components of mutually recursive fns are iterated to
//! their greatest fixpoint).
//!
//! A fn's entry guard is what holds at all of its calls: the facts at each call site, plus the
//! caller's own entry guard. A fn nobody calls (an entry point: `main`, a `pub` API, a handler)
//! starts with nothing, and so does every member of a recursive component that nothing outside
//! calls. Facts about a `bool` parameter are resolved the same way, from the argument each
//! call passes.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::propagate::guard::{meet_optional, Atom, Bits, CheckWitness, GuardSpace, GuardState};
use crate::propagate::summary::CallRecord;
use crate::propagate::Propagation;
use crate::resolve::FnId;

/// How often a recursive component is iterated at most.
const MAX_ROUNDS: usize = 32;

/// How many calls the search for a chain that can run looks at before it gives up (and takes
/// the finding as it is).
const MAX_CHAIN_STEPS: usize = 20_000;

/// One call in a chain of callers that reaches a sink without the check it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainLink {
    pub caller: FnId,
    /// The call.
    pub span: crate::source::TextSpan,
    /// The call was matched by the method's name alone.
    pub by_name: bool,
}

pub struct EntryGuards {
    entry: Vec<GuardState>,
    param_facts: HashMap<(FnId, Atom), GuardState>,
    /// Calls of each fn: (caller, record index in the caller's outcome).
    incoming: Vec<Vec<(FnId, usize)>>,
}

impl EntryGuards {
    pub fn compute(propagation: &Propagation, base_guards: &[GuardState]) -> EntryGuards {
        let count = propagation.outcomes.len();
        let mut incoming: Vec<Vec<(FnId, usize)>> = vec![Vec::new(); count];
        for (caller, outcome) in propagation.outcomes.iter().enumerate() {
            for (index, call) in outcome.calls.iter().enumerate() {
                incoming[call.callee.0 as usize].push((FnId(caller as u32), index));
            }
        }
        let needed = needed_atoms(propagation);
        let mut guards = EntryGuards {
            entry: base_guards.to_vec(),
            param_facts: HashMap::new(),
            incoming,
        };
        // Callers first: the reverse of the callees-first component order.
        for component in propagation.components.iter().rev() {
            guards.settle_component(propagation, base_guards, component, &needed);
        }
        guards
    }

    fn settle_component(
        &mut self,
        propagation: &Propagation,
        base_guards: &[GuardState],
        component: &[FnId],
        needed: &HashMap<FnId, Vec<Atom>>,
    ) {
        let members: HashSet<FnId> = component.iter().copied().collect();
        let called_from_outside = component.iter().any(|id| {
            self.incoming[id.0 as usize]
                .iter()
                .any(|(caller, _)| !members.contains(caller))
        });
        if !called_from_outside {
            for id in component {
                self.entry[id.0 as usize] = base_guards[id.0 as usize].clone();
            }
            return;
        }
        // Greatest fixpoint: members start as "everything holds" and lose what some call
        // does not guarantee.
        let mut entry: HashMap<FnId, Option<GuardState>> =
            component.iter().map(|id| (*id, None)).collect();
        let mut params: HashMap<(FnId, Atom), Option<GuardState>> = HashMap::new();
        for id in component {
            for atom in needed.get(id).map_or(&[][..], Vec::as_slice) {
                params.insert((*id, *atom), None);
            }
        }
        for _ in 0..MAX_ROUNDS {
            let mut changed = false;
            for &id in component {
                let mut met: Option<GuardState> = None;
                for &(caller, index) in &self.incoming[id.0 as usize] {
                    let record = &propagation.outcomes[caller.0 as usize].calls[index];
                    let at_call = self.at_call(caller, record, &entry, &params, &members);
                    meet_optional(&mut met, at_call);
                }
                let new_entry = met.map(|mut state| {
                    state.add(&base_guards[id.0 as usize]);
                    state
                });
                if entry.get(&id) != Some(&new_entry) {
                    changed = true;
                    entry.insert(id, new_entry);
                }
                for atom in needed.get(&id).map_or(&[][..], Vec::as_slice) {
                    let mut met: Option<GuardState> = None;
                    for &(caller, index) in &self.incoming[id.0 as usize] {
                        let record = &propagation.outcomes[caller.0 as usize].calls[index];
                        let Some(mut at_call) =
                            self.at_call(caller, record, &entry, &params, &members)
                        else {
                            continue;
                        };
                        if let Some(cond) = record
                            .arg_conds
                            .get(atom.param as usize)
                            .and_then(Option::as_ref)
                        {
                            let side = cond.side(atom.truthy).clone();
                            let resolved = self.resolve_in(caller, &side, &params, &members);
                            at_call.add(&resolved);
                        }
                        meet_optional(&mut met, Some(at_call));
                    }
                    if params.get(&(id, *atom)) != Some(&met) {
                        changed = true;
                        params.insert((id, *atom), met);
                    }
                }
            }
            if !changed {
                break;
            }
        }
        for (id, state) in entry {
            self.entry[id.0 as usize] = state.unwrap_or_else(|| base_guards[id.0 as usize].clone());
        }
        for (key, state) in params {
            self.param_facts.insert(key, state.unwrap_or_default());
        }
    }

    /// What holds at one call: its site's facts (parameter facts of the caller resolved) and
    /// the caller's entry guard.
    fn at_call(
        &self,
        caller: FnId,
        record: &CallRecord,
        entry: &HashMap<FnId, Option<GuardState>>,
        params: &HashMap<(FnId, Atom), Option<GuardState>>,
        members: &HashSet<FnId>,
    ) -> Option<GuardState> {
        let mut state = self.resolve_in(caller, &record.guard, params, members);
        let caller_entry: &GuardState = if members.contains(&caller) {
            // `None`: not computed yet in this fixpoint, "everything holds".
            entry.get(&caller)?.as_ref()?
        } else {
            &self.entry[caller.0 as usize]
        };
        state.add(caller_entry);
        Some(state)
    }

    /// A state of fn `owner` with its parameter facts replaced by what its callers pass.
    fn resolve_in(
        &self,
        owner: FnId,
        state: &GuardState,
        params: &HashMap<(FnId, Atom), Option<GuardState>>,
        members: &HashSet<FnId>,
    ) -> GuardState {
        let mut resolved = GuardState {
            bits: state.bits.clone(),
            atoms: Vec::new(),
            witnesses: state.witnesses.clone(),
        };
        for atom in &state.atoms {
            let facts: Option<&GuardState> = if members.contains(&owner) {
                params.get(&(owner, *atom)).and_then(Option::as_ref)
            } else {
                self.param_facts.get(&(owner, *atom))
            };
            if let Some(facts) = facts {
                resolved.add(facts);
            }
        }
        resolved
    }

    /// What every chain of callers guarantees when `id` starts.
    pub fn entry(&self, id: FnId) -> &GuardState {
        &self.entry[id.0 as usize]
    }

    /// The full state of something rooted in `root`: its own facts, its parameter facts
    /// resolved, and its entry guard.
    pub fn final_state(&self, root: FnId, local: &GuardState) -> GuardState {
        let mut state = self.resolve_in(root, local, &HashMap::new(), &HashSet::new());
        state.add(self.entry(root));
        state
    }

    /// A chain of callers ending at `id` on which `covered` fails at every call: the
    /// unguarded path to report. Starts at an entry point.
    pub fn unguarded_chain(
        &self,
        propagation: &Propagation,
        id: FnId,
        covered: &dyn Fn(&GuardState) -> bool,
    ) -> Vec<ChainLink> {
        let mut chain = Vec::new();
        let mut current = id;
        let mut seen: HashSet<FnId> = HashSet::from([id]);
        while chain.len() < 8 {
            let mut next = None;
            let mut calls: Vec<&(FnId, usize)> = self.incoming[current.0 as usize].iter().collect();
            calls.sort();
            for &&(caller, index) in &calls {
                let record = &propagation.outcomes[caller.0 as usize].calls[index];
                let state = self.final_state(caller, &record.guard);
                if !covered(&state) && !seen.contains(&caller) {
                    next = Some(ChainLink {
                        caller,
                        span: record.span,
                        by_name: record.by_name,
                    });
                    break;
                }
            }
            let Some(link) = next else {
                break;
            };
            seen.insert(link.caller);
            current = link.caller;
            chain.push(link);
        }
        chain.reverse();
        chain
    }

    /// The checks that guard something rooted in `root` with local facts `local`, found
    /// where the facts that `covers` come from: the root's own paths, else each call of it
    /// (and, where a call does not cover it by itself, that caller's callers). A state keeps
    /// every check seen on any path for messages; this keeps only those in force.
    pub fn guarding_witnesses(
        &self,
        propagation: &Propagation,
        root: FnId,
        local: &GuardState,
        covers: &dyn Fn(&GuardState) -> bool,
        guards: &dyn Fn(&CheckWitness) -> bool,
    ) -> Vec<Arc<CheckWitness>> {
        let mut found: Vec<Arc<CheckWitness>> = Vec::new();
        let mut add = |state: &GuardState| {
            for witness in &state.witnesses {
                if guards(witness) && !found.contains(witness) {
                    found.push(witness.clone());
                }
            }
        };
        if covers(local) {
            add(local);
            return found;
        }
        let mut pending: Vec<FnId> = vec![root];
        let mut seen: HashSet<FnId> = HashSet::from([root]);
        while let Some(callee) = pending.pop() {
            let mut calls: Vec<&(FnId, usize)> = self.incoming[callee.0 as usize].iter().collect();
            calls.sort();
            for &&(caller, index) in &calls {
                let record = &propagation.outcomes[caller.0 as usize].calls[index];
                if covers(&record.guard) {
                    add(&record.guard);
                } else if seen.insert(caller) && seen.len() <= MAX_ROUNDS {
                    pending.push(caller);
                }
            }
        }
        found
    }

    /// Whether some chain of callers from an entry point to `root`, on which `covered` fails
    /// at every call, can run in one build. Entry guards meet what all callers guarantee, so a
    /// chain no build has (a `cfg(feature = x)` test helper calling down into the
    /// `cfg(not(feature = x))` variant of a fn) can lower them: this looks at the chains one
    /// by one, adding up the `#[cfg]` facts of the fns on each (`cfg_facts`) from `start` on.
    /// `true` when the search gives up.
    pub fn uncovered_chain_can_run(
        &self,
        propagation: &Propagation,
        space: &GuardSpace,
        cfg_facts: &dyn Fn(FnId) -> Bits,
        root: FnId,
        start: Bits,
        covered: &dyn Fn(&GuardState) -> bool,
    ) -> bool {
        let mut pending: Vec<(FnId, Bits, Vec<FnId>)> = vec![(root, start, vec![root])];
        let mut steps = 0;
        while let Some((callee, facts, path)) = pending.pop() {
            if space.contradicts(&facts) {
                continue;
            }
            let calls = &self.incoming[callee.0 as usize];
            if calls.is_empty() {
                return true;
            }
            for &(caller, index) in calls {
                steps += 1;
                if steps > MAX_CHAIN_STEPS {
                    return true;
                }
                let record = &propagation.outcomes[caller.0 as usize].calls[index];
                if path.contains(&caller) || covered(&self.final_state(caller, &record.guard)) {
                    continue;
                }
                let mut next = facts.clone();
                next.union_with(&cfg_facts(caller));
                let mut next_path = path.clone();
                next_path.push(caller);
                pending.push((caller, next, next_path));
            }
        }
        false
    }

    /// Whether anything in the scan calls `id`.
    pub fn has_callers(&self, id: FnId) -> bool {
        !self.incoming[id.0 as usize].is_empty()
    }
}

/// The parameter facts anything refers to, by fn.
fn needed_atoms(propagation: &Propagation) -> HashMap<FnId, Vec<Atom>> {
    let mut needed: HashMap<FnId, Vec<Atom>> = HashMap::new();
    let mut note = |owner: FnId, state: &GuardState| {
        for atom in &state.atoms {
            let atoms = needed.entry(owner).or_default();
            if !atoms.contains(atom) {
                atoms.push(*atom);
            }
        }
    };
    for (index, outcome) in propagation.outcomes.iter().enumerate() {
        let owner = FnId(index as u32);
        for event in &outcome.events {
            note(event.root, &event.guard);
        }
        for obligation in &outcome.obligations {
            note(obligation.root, &obligation.guard);
        }
        for call in &outcome.calls {
            note(owner, &call.guard);
            for cond in call.arg_conds.iter().flatten() {
                note(owner, &cond.when_true);
                note(owner, &cond.when_false);
            }
        }
    }
    for atoms in needed.values_mut() {
        atoms.sort();
    }
    needed
}
