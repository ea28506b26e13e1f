//! Values made under a check: when every value of a workspace type is made (a struct literal, a
//! tuple struct's constructor, a unit struct) where a check holds, every method called on one
//! runs after that check. The type is a consent token nobody declared: greptimedb builds its
//! `GreptimeDBTelemetry` reporter only after `enable_telemetry` was checked, and a scheduler
//! runs it later through `dyn TaskFunction`, on a chain of callers that checks nothing.
//!
//! Only what the scan can see counts: a type that values can come from without a literal
//! (`#[derive(Default)]`, `Deserialize`) is never one, nor is a type made where the walk did
//! not go (a fn personal data cannot reach, a closure never called).

use std::collections::HashMap;

use crate::facts::body::SiteId;
use crate::guards::entry::EntryGuards;
use crate::propagate::guard::GuardState;
use crate::propagate::Propagation;
use crate::resolve::sites::{BodySites, PathSite, Site};
use crate::resolve::{FnId, Symbols, TypeId};

/// Derives that make values without a literal the scan could see.
const MADE_ELSEWHERE: &[&str] = &["Default", "Deserialize"];

/// Where values of each workspace type are made: every fn's construction sites, walked or not
/// (a value made where no walk went is made under no check).
pub struct ConstructionPlaces(HashMap<TypeId, Vec<(FnId, SiteId)>>);

/// The construction places of every fn, from its resolved sites.
pub fn construction_places(sites: &[BodySites]) -> ConstructionPlaces {
    let mut made_at: HashMap<TypeId, Vec<(FnId, SiteId)>> = HashMap::new();
    for (index, body) in sites.iter().enumerate() {
        for (site, kind) in body.sites.iter().enumerate() {
            let made = match kind {
                Site::Struct(info) => info.ty,
                Site::Call(call) => call.constructs,
                Site::Path(PathSite::Unit(ty)) => Some(*ty),
                _ => None,
            };
            if let Some(ty) = made {
                made_at
                    .entry(ty)
                    .or_default()
                    .push((FnId(index as u32), site as SiteId));
            }
        }
    }
    ConstructionPlaces(made_at)
}

/// What holds when each method taking `self` starts, because of where its type's values are
/// made: `(method, facts)` for every method whose type is only ever made under a check.
pub fn method_guards(
    symbols: &Symbols<'_>,
    construction: &ConstructionPlaces,
    propagation: &Propagation,
    entry: &EntryGuards,
) -> Vec<(FnId, GuardState)> {
    let ConstructionPlaces(made_at) = construction;
    let mut walked_at: HashMap<(FnId, SiteId), GuardState> = HashMap::new();
    for (index, outcome) in propagation.outcomes.iter().enumerate() {
        let id = FnId(index as u32);
        for construction in &outcome.constructions {
            let state = entry.final_state(id, &construction.guard);
            let facts = GuardState::from_bits(state.bits);
            walked_at
                .entry((id, construction.site))
                .and_modify(|known| known.meet(&facts))
                .or_insert(facts);
        }
    }
    let mut type_guards: HashMap<TypeId, GuardState> = HashMap::new();
    for (ty, places) in made_at {
        let derives = &symbols.type_facts(*ty).derives;
        if derives
            .iter()
            .any(|derive| MADE_ELSEWHERE.contains(&derive.as_str()))
        {
            continue;
        }
        let mut met: Option<GuardState> = None;
        for (id, site) in places {
            let facts = match walked_at.get(&(*id, *site)) {
                Some(facts) if propagation.walked[id.0 as usize] => facts.clone(),
                _ => GuardState::default(),
            };
            match &mut met {
                Some(known) => known.meet(&facts),
                None => met = Some(facts),
            }
        }
        if let Some(facts) = met.filter(|facts| !facts.bits.is_empty()) {
            type_guards.insert(*ty, facts);
        }
    }
    if type_guards.is_empty() {
        return Vec::new();
    }
    symbols
        .all_fns()
        .filter_map(|id| {
            let (_, owner) = symbols.method_owner(id);
            let takes_self = symbols
                .function(id)
                .params
                .first()
                .is_some_and(|param| param.is_self);
            let facts = type_guards.get(&owner?)?;
            takes_self.then(|| (id, facts.clone()))
        })
        .collect()
}
