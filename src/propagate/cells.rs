//! Global cells: the places data lives in beyond one call (fields of a type, statics, channels,
//! what every caller passes into a parameter), the flows between them that the walks record,
//! and their solution.
//!
//! A walk never reads a cell's contents. A read is a symbolic label ([`Label::Cell`]) that
//! travels like any other, and a write is a [`Flow`] recorded once in the writing fn's outcome.
//! When every fn has been walked, the flows form a graph of a few thousand cells; [`CellGraph`]
//! solves it once (a worklist over bit sets, to the real fixpoint, no round limit) and expands
//! the cell labels of the facts that need their contents (sink events, HTTP sends). No fn is
//! walked again because a cell changed.
//!
//! Channel ends are not data: a cell holds the personal data written into it, and apart from
//! that the channel ends ([`End`]) written into it (a struct holding a `Sender`). Sending on an
//! end held in a cell, or receiving from one, is resolved through the ends the cell ends up
//! holding (`SentVia`, `Received`).
//!
//! Parameter data written into a cell is context-insensitive by nature (a cell is global): the
//! fn records one flow from its `ParamInput` cell, and every call writes the arguments into it.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, OnceLock, RwLock};

use rustc_hash::{FxHashMap, FxHashSet};

use super::value::{ChannelId, Label, ParamPath, SourceId, Steps};
use crate::names::Name;
use crate::resolve::sites::{FieldSite, LibraryType};
use crate::resolve::{CrateId, FnId, TypeId};

/// What a cell is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CellKey {
    /// A field of a type; `owner: None` when the written value's type was unknown.
    Field { owner: Option<TypeId>, name: Name },
    /// A field of a type outside the scan (`sentry::User`): a write there is not a write of a
    /// workspace type's field of that name.
    LibraryField { owner: LibraryType, name: Name },
    /// Every write of a field of this name whose owner crate `reader` can read: what a read
    /// there sees whose owner is unknown. A crate cannot name a field of a type it cannot see
    /// (`options` of a crate that depends on it), so that write is not what it reads.
    FieldNamed { name: Name, reader: CrateId },
    /// A `static` (written through interior mutability or `static mut`).
    Static(FnId),
    /// What is sent on a channel, by the call that created it.
    Channel(ChannelId),
    /// What every caller passes into a parameter (or a part of one) of a fn that writes it into
    /// a cell.
    ParamInput { function: FnId, path: ParamPath },
    /// What comes out of the channels whose ends another cell holds.
    Received(CellId),
    /// What is sent on the channels whose ends another cell holds.
    SentVia(CellId),
    /// What any of these cells holds (two or more, none of them a union): one label for a
    /// value read out of many cells. Nothing is written into it, so it needs no node in the
    /// graph: a flow out of it is a flow out of each member.
    Union(&'static UnionSet),
}

/// The members of a union cell, kept as a smaller union they hold plus the cells added to it.
///
/// A value that reads one field after another makes a union one cell wider at each read, and
/// every union made is interned for the run. Kept as whole lists, their storage grew with the
/// square of the widest one (openobserve's walks made 13,243 unions of 2.08M members in all).
/// A union instead shares the members of the one it grew from, as a chain of levels. Levels
/// not much larger than the one above them are merged into it when a union is made (as a
/// counter carries), so a chain has a few levels, each several times larger than the ones
/// above it: finding a member is a binary search per level.
pub struct UnionSet {
    /// A union whose every member is this one's too.
    base: Option<CellId>,
    /// The members `base` does not hold, sorted.
    added: Box<[CellId]>,
    /// How many members in all.
    len: usize,
    /// A hash of the members that does not depend on their order or on how they are split
    /// into levels: the table that finds a union by its members is keyed by it.
    set_hash: u64,
}

impl UnionSet {
    /// The union of `widest` (a union, when there is one) and `added` (sorted, none of them
    /// in `widest`), sharing the levels of `widest`; `len` members in all, of `set_hash`.
    fn grown_from(
        widest: Option<CellId>,
        mut added: Vec<CellId>,
        len: usize,
        set_hash: u64,
    ) -> UnionSet {
        // A level at most four times the size of the one above it is merged into it: the
        // levels of a chain grow downwards by more than that, so a chain of `n` members has
        // about log4(n) levels (grown one cell at a time to 1,000 members: 3 levels, and
        // 9,913 members stored by all the unions made on the way).
        let mut base = widest;
        while let Some(set) = base.map(CellId::union_set) {
            if set.added.len() > 4 * added.len() {
                break;
            }
            added.extend_from_slice(&set.added);
            added.sort();
            base = set.base;
        }
        UnionSet {
            base,
            added: added.into_boxed_slice(),
            len,
            set_hash,
        }
    }

    /// Whether this set holds every member of `wanted`, another union's.
    fn holds_union(&self, wanted: &UnionSet) -> bool {
        // The highest level both share holds the same members below it in both: only the
        // levels above it are compared (none of `wanted`'s, when this union grew from it).
        let shared = self
            .levels()
            .find(|level| wanted.levels().any(|other| other == *level));
        let mut wanted: Vec<CellId> = wanted.members_above(shared).collect();
        if wanted.len() <= 8 {
            return wanted.iter().all(|cell| self.contains(*cell));
        }
        // Many: a walk along both sorted lists, as a search per member would go through the
        // levels over and over.
        let mut own: Vec<CellId> = self.members_above(shared).collect();
        own.sort();
        wanted.sort();
        let mut rest = own.iter();
        wanted
            .iter()
            .all(|cell| rest.by_ref().any(|member| member == cell))
    }

    /// The members of the levels above `level` (all of them if it is not one of this set's),
    /// unsorted.
    fn members_above<'s>(
        &'s self,
        level: Option<&'s UnionSet>,
    ) -> impl Iterator<Item = CellId> + 's {
        self.levels()
            .take_while(move |own| Some(*own) != level)
            .flat_map(|own| own.added.iter().copied())
    }

    /// This set's levels, from the top (its own) down.
    fn levels(&self) -> impl Iterator<Item = &UnionSet> {
        std::iter::successors(Some(self), |set| set.base.map(CellId::union_set))
    }

    /// Every member, sorted.
    fn members(&self) -> Vec<CellId> {
        let mut members = Vec::with_capacity(self.len);
        members.extend(self.members_above(None));
        // Sorted runs, one per level: the stable sort merges them.
        members.sort();
        members
    }

    fn contains(&self, cell: CellId) -> bool {
        // Cells sort by fingerprint first: a search on it alone compares integers.
        let fingerprint = cell.0.fingerprint;
        self.levels().any(|level| {
            let start = level
                .added
                .partition_point(|member| member.0.fingerprint < fingerprint);
            level.added[start..]
                .iter()
                .take_while(|member| member.0.fingerprint == fingerprint)
                .any(|member| *member == cell)
        })
    }
}

/// Unions are interned: two unions are the same set exactly when they are the same cell.
impl PartialEq for UnionSet {
    fn eq(&self, other: &UnionSet) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for UnionSet {}

impl Hash for UnionSet {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::ptr::hash(self, state);
    }
}

/// By members, as sorted lists compare: only ever asked of two unions whose fingerprints tie.
impl Ord for UnionSet {
    fn cmp(&self, other: &UnionSet) -> std::cmp::Ordering {
        if self == other {
            return std::cmp::Ordering::Equal;
        }
        self.members().cmp(&other.members())
    }
}

impl PartialOrd for UnionSet {
    fn partial_cmp(&self, other: &UnionSet) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Debug for UnionSet {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.debug_list().entries(self.members()).finish()
    }
}

/// Whose field a cell is: which crates can name it decides which reads of an unknown owner
/// may see it.
#[derive(Debug, Clone, Copy)]
pub enum FieldOwner {
    Workspace(TypeId),
    Library(LibraryType),
}

impl CellKey {
    /// The cell of the field a site reads or writes when its owner is known: a type of the
    /// scan's, or a library type's. `None` when the base's type is unknown.
    pub fn of_known_field(site: &FieldSite, name: Name) -> Option<CellKey> {
        match (site.owner, site.library_owner) {
            (Some(owner), _) => Some(CellKey::Field {
                owner: Some(owner),
                name,
            }),
            (None, Some(owner)) => Some(CellKey::LibraryField { owner, name }),
            (None, None) => None,
        }
    }

    /// The cell a write of a field whose owner is unknown goes to: every field of that name
    /// may be the one written. Not for a tuple's position (`.0`): that name says nothing of
    /// the type, a base of unknown type there is most often a tuple (whose parts the value
    /// itself keeps), and on real code (firezone) `.0` linked every newtype of a crate into
    /// one cell. Its reads ([`CellKey::read_by_name`]) follow the same rule.
    pub fn of_unknown_owner(name: Name) -> Option<CellKey> {
        (!name.is_tuple_index()).then_some(CellKey::Field { owner: None, name })
    }

    /// The cell a read of a field whose owner is unknown sees, in crate `reader`: every write
    /// of a field of that name the crate can read. Not for a tuple's position, as for writes.
    pub fn read_by_name(name: Name, reader: CrateId) -> Option<CellKey> {
        (!name.is_tuple_index()).then_some(CellKey::FieldNamed { name, reader })
    }
}

/// An interned [`CellKey`]: one pointer wide, compared and hashed by pointer, ordered by key so
/// that nothing sorted by it depends on the order in which walks on other threads met it.
#[derive(Clone, Copy)]
pub struct CellId(&'static Interned);

/// A key and its fingerprint: a hash of its content (names by their text), the same in every
/// run and on every thread, so that ordering cells (labels are kept sorted, unions are sorted
/// sets) is one integer comparison, and the structural comparison only breaks a tie.
struct Interned {
    fingerprint: u64,
    key: CellKey,
}

fn fingerprint(key: &CellKey) -> u64 {
    use rustc_hash::FxHasher;
    let mut hasher = FxHasher::default();
    match key {
        CellKey::Field { owner, name } => {
            (0u8, owner.map(|owner| owner.0), name.as_str()).hash(&mut hasher)
        }
        CellKey::FieldNamed { name, reader } => (1u8, name.as_str(), reader).hash(&mut hasher),
        CellKey::LibraryField { owner, name } => (
            9u8,
            owner.krate.as_str(),
            owner.name.as_str(),
            name.as_str(),
        )
            .hash(&mut hasher),
        CellKey::Static(id) => (2u8, id.0).hash(&mut hasher),
        CellKey::Channel(channel) => (3u8, channel.function.0, channel.site).hash(&mut hasher),
        CellKey::ParamInput { function, path } => {
            (4u8, function.0, path.index).hash(&mut hasher);
            for name in path.fields.as_slice() {
                name.as_str().hash(&mut hasher);
            }
        }
        CellKey::Received(inner) => (5u8, inner.0.fingerprint).hash(&mut hasher),
        CellKey::SentVia(inner) => (6u8, inner.0.fingerprint).hash(&mut hasher),
        // From its members' sum, which does not depend on how its levels were made: the same
        // set has the same one, without going through its members (a union of thousands of
        // cells is made from one a cell smaller).
        CellKey::Union(set) => (7u8, set.set_hash, set.len).hash(&mut hasher),
    }
    hasher.finish()
}

/// A hash of `cells` that adds up: a union's is its base's plus its added cells'.
fn set_hash(cells: &[CellId]) -> u64 {
    cells.iter().fold(0u64, |sum, cell| {
        sum.wrapping_add(
            cell.0
                .fingerprint
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .rotate_left(29),
        )
    })
}

fn table() -> &'static RwLock<FxHashMap<CellKey, CellId>> {
    static TABLE: OnceLock<RwLock<FxHashMap<CellKey, CellId>>> = OnceLock::new();
    TABLE.get_or_init(|| RwLock::new(FxHashMap::default()))
}

/// Unions by their fingerprint (rarely two to one), so that the same members give the same
/// cell.
fn union_table() -> &'static RwLock<FxHashMap<u64, Vec<CellId>>> {
    static TABLE: OnceLock<RwLock<FxHashMap<u64, Vec<CellId>>>> = OnceLock::new();
    TABLE.get_or_init(|| RwLock::new(FxHashMap::default()))
}

/// The value `key` is interned as: looked up under the read lock, made (with the key the
/// table keeps) under the write lock only when it is new (walks on every thread intern cells
/// all the time, and rarely new ones).
fn interned<K: Eq + Hash + std::borrow::Borrow<Q>, Q: Eq + Hash + ?Sized, V: Copy>(
    table: &RwLock<FxHashMap<K, V>>,
    key: &Q,
    make: impl FnOnce() -> (K, V),
) -> V {
    if let Some(&known) = table
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .get(key)
    {
        return known;
    }
    let mut table = table
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(&known) = table.get(key) {
        return known;
    }
    let (key, value) = make();
    table.insert(key, value);
    value
}

impl CellId {
    pub fn of(key: CellKey) -> CellId {
        interned(table(), &key, || {
            let cell = CellId(Box::leak(Box::new(Interned {
                fingerprint: fingerprint(&key),
                key,
            })));
            (key, cell)
        })
    }

    /// One cell for what any of `cells` holds: a value that read many fields carries one label
    /// instead of hundreds, which every copy, join and call would otherwise go through. Its
    /// members are never unions (a union's members are taken instead), so the same cells give
    /// the same union however they were folded, and a fixpoint sees when nothing changed.
    pub fn union(cells: impl IntoIterator<Item = CellId>) -> CellId {
        let cells: Vec<CellId> = cells.into_iter().collect();
        let widest = cells
            .iter()
            .copied()
            .filter(|cell| cell.is_union())
            .max_by_key(|cell| cell.member_count());
        // The members the widest union does not hold yet (all of them, with no union).
        let mut added: Vec<CellId> = Vec::new();
        for &cell in &cells {
            match cell.0.key {
                _ if Some(cell) == widest => {}
                CellKey::Union(set) => {
                    added.extend(set.members_above(None));
                }
                _ => added.push(cell),
            }
        }
        added.sort_unstable();
        added.dedup();
        if let Some(widest) = widest {
            let widest = widest.union_set();
            added.retain(|cell| !widest.contains(*cell));
        }
        match (widest, added.as_slice()) {
            (Some(widest), []) => return widest,
            (None, [single]) => return *single,
            _ => {}
        }
        let set_hash = widest
            .map_or(0, |widest| widest.union_set().set_hash)
            .wrapping_add(set_hash(&added));
        let len = widest.map_or(0, CellId::member_count) + added.len();
        let same_members = |candidate: &CellId| {
            let set = candidate.union_set();
            set.len == len
                && widest.is_none_or(|widest| candidate.holds(widest))
                && added.iter().all(|cell| set.contains(*cell))
        };
        if let Some(known) = union_table()
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(&set_hash)
            .and_then(|candidates| candidates.iter().copied().find(same_members))
        {
            return known;
        }
        let mut table = union_table()
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let candidates = table.entry(set_hash).or_default();
        if let Some(known) = candidates.iter().copied().find(same_members) {
            return known;
        }
        let set: &'static UnionSet =
            Box::leak(Box::new(UnionSet::grown_from(widest, added, len, set_hash)));
        let key = CellKey::Union(set);
        let union = CellId(Box::leak(Box::new(Interned {
            fingerprint: fingerprint(&key),
            key,
        })));
        candidates.push(union);
        union
    }

    pub fn is_union(self) -> bool {
        matches!(self.0.key, CellKey::Union(_))
    }

    /// The members of a union cell (one made by [`CellId::union`]).
    fn union_set(self) -> &'static UnionSet {
        match self.0.key {
            CellKey::Union(set) => set,
            _ => unreachable!("only a union cell is the base of a union"),
        }
    }

    /// Whether this cell holds all `other` does: it is `other`, or a union of its members.
    pub fn holds(self, other: CellId) -> bool {
        if self == other {
            return true;
        }
        let CellKey::Union(set) = self.0.key else {
            return false;
        };
        let CellKey::Union(wanted) = other.0.key else {
            return set.contains(other);
        };
        if wanted.len > set.len {
            return false;
        }
        // Unions never change, and the walks ask of the same two over and over.
        thread_local! {
            static ANSWERS: std::cell::RefCell<FxHashMap<(CellId, CellId), bool>> =
                std::cell::RefCell::new(FxHashMap::default());
        }
        if let Some(known) = ANSWERS.with(|answers| answers.borrow().get(&(self, other)).copied()) {
            return known;
        }
        let holds = set.holds_union(wanted);
        ANSWERS.with(|answers| answers.borrow_mut().insert((self, other), holds));
        holds
    }

    /// The cells this one stands for, sorted: a union's members, or itself.
    pub fn members(self) -> Vec<CellId> {
        match self.0.key {
            CellKey::Union(set) => set.members(),
            _ => vec![self],
        }
    }

    /// How many cells this one stands for.
    pub fn member_count(self) -> usize {
        match self.0.key {
            CellKey::Union(set) => set.len,
            _ => 1,
        }
    }

    pub fn key(self) -> CellKey {
        self.0.key
    }
}

impl PartialEq for CellId {
    fn eq(&self, other: &CellId) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for CellId {}

impl Hash for CellId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::ptr::hash(self.0, state);
    }
}

impl PartialOrd for CellId {
    fn partial_cmp(&self, other: &CellId) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for CellId {
    #[inline]
    fn cmp(&self, other: &CellId) -> std::cmp::Ordering {
        if self == other {
            std::cmp::Ordering::Equal
        } else {
            (self.0.fingerprint, &self.0.key).cmp(&(other.0.fingerprint, &other.0.key))
        }
    }
}

impl fmt::Debug for CellId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.key.fmt(formatter)
    }
}

/// A channel end a value is, or holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum End {
    /// An end of a channel created in the walked fn.
    Channel(ChannelId),
    /// The ends a parameter (a part of one) of the walked fn is: resolved at each call.
    Param(ParamPath),
    /// The ends a cell holds: resolved when the cells are solved.
    Cell(CellId),
}

/// One write into a cell, recorded by the walk of the fn that makes it.
#[derive(Debug, Clone)]
pub enum Flow {
    /// What `from` carries (a source, a URL, another cell's contents) goes into `to`; `steps`
    /// is the way it took from where it entered the writing fn, the write included.
    Data {
        from: Label,
        to: CellId,
        steps: Steps,
    },
    /// The channel ends `from` is (a channel, or the ends another cell holds) go into `to`.
    Ends { from: End, to: CellId },
    /// A cell whose contents only the solver gathers (a by-name field read) is read.
    Read(CellId),
}

/// What a cell may hold once every flow is followed: the concrete labels (sources and URLs)
/// and the channels whose ends it holds.
#[derive(Debug, Default, Clone)]
struct Contents {
    labels: BitSet,
    ends: BitSet,
}

/// A growable set of small indices.
#[derive(Debug, Default, Clone, PartialEq)]
struct BitSet(Vec<u64>);

impl BitSet {
    fn insert(&mut self, index: usize) -> bool {
        let word = index / 64;
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        let bit = 1 << (index % 64);
        let added = self.0[word] & bit == 0;
        self.0[word] |= bit;
        added
    }

    fn contains(&self, index: usize) -> bool {
        self.0
            .get(index / 64)
            .is_some_and(|word| word & (1 << (index % 64)) != 0)
    }

    /// Adds `other`; whether anything was new.
    fn union_with(&mut self, other: &BitSet) -> bool {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        let mut changed = false;
        for (word, other_word) in self.0.iter_mut().zip(&other.0) {
            let joined = *word | other_word;
            changed |= joined != *word;
            *word = joined;
        }
        changed
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(index, &word)| {
            (0..64)
                .filter(move |bit| word & (1 << bit) != 0)
                .map(move |bit| index * 64 + bit)
        })
    }
}

/// How a cell got a label: from a flow's origin directly, or from another cell.
#[derive(Debug, Clone, Copy)]
enum Incoming {
    /// `Flow::Data` number `flow`, whose origin is a concrete label.
    Seed { flow: usize },
    /// From the cell `from`: `Flow::Data` number `flow`, or (`None`) an edge the solver adds,
    /// such as a field's cell into its by-name cell, or a channel into what is received from it.
    FromCell { from: usize, flow: Option<usize> },
}

/// An [`Incoming`] in 8 bytes instead of 24: a large program's graph holds hundreds of
/// thousands (a union cell's members each link into its gatherer). `u32::MAX` marks a seed in
/// `from` and no flow in `flow`. Cell and flow numbers stay far below it: each flow is a value
/// of tens of bytes in memory, and four billion of them would not fit.
#[derive(Debug, Clone, Copy)]
struct PackedIncoming {
    from: u32,
    flow: u32,
}

impl PackedIncoming {
    const NONE: u32 = u32::MAX;

    fn pack(incoming: Incoming) -> PackedIncoming {
        let number = |index: usize| index as u32;
        match incoming {
            Incoming::Seed { flow } => PackedIncoming {
                from: Self::NONE,
                flow: number(flow),
            },
            Incoming::FromCell { from, flow } => PackedIncoming {
                from: number(from),
                flow: flow.map_or(Self::NONE, number),
            },
        }
    }

    fn unpack(self) -> Incoming {
        let flow = (self.flow != Self::NONE).then_some(self.flow as usize);
        match self.from {
            Self::NONE => Incoming::Seed {
                flow: flow.unwrap_or_default(),
            },
            from => Incoming::FromCell {
                from: from as usize,
                flow,
            },
        }
    }
}

/// The solved graph of cells.
#[derive(Default)]
pub struct CellGraph {
    cells: Vec<CellId>,
    index_of: HashMap<CellId, usize>,
    /// The concrete labels (sources and URLs) the contents are bit sets over.
    labels: Vec<Label>,
    label_index: HashMap<Label, usize>,
    channels: Vec<ChannelId>,
    contents: Vec<Contents>,
    /// Per cell, where its labels can come from (for the way data took into it).
    incoming: Vec<Vec<PackedIncoming>>,
    /// Per node, whether it gathers a union cell's members for the flows out of that union
    /// (see [`CellGraph::gatherer`]): such a node is not a cell of the program.
    gathers: Vec<bool>,
    /// The gatherer of each union cell that flows out of.
    gatherer_of: HashMap<CellId, usize>,
    /// Per cell, the cells its labels and its ends go to.
    data_out: Vec<Vec<usize>>,
    ends_out: Vec<Vec<usize>>,
    /// Per data flow: its steps, and the concrete label it wrote, if it wrote one.
    flow_steps: Vec<Steps>,
    flow_seed: Vec<Option<usize>>,
}

impl CellGraph {
    /// Solves the flows of every walk (given in a fixed order: the output does not depend on the
    /// order in which walks finished).
    /// `readable(owner, field, crate)`: whether code of the crate can read that field.
    pub fn solve(
        flows: impl IntoIterator<Item = Flow>,
        readable: impl Fn(FieldOwner, Name, CrateId) -> bool,
    ) -> CellGraph {
        let mut graph = CellGraph::default();
        let mut seeds: Vec<(usize, usize)> = Vec::new();
        let mut end_seeds: Vec<(usize, usize)> = Vec::new();
        // Many walks make the same flow (a field written from the same union cell in many
        // fns): every edge it links is already there, after its first making, and the way a
        // report reconstructs takes the first edge from a cell. Linked once, the graph of a
        // large program has half the edges.
        let mut data_made: FxHashSet<(Label, CellId)> = FxHashSet::default();
        let mut ends_made: FxHashSet<(End, CellId)> = FxHashSet::default();
        for flow in flows {
            match flow {
                Flow::Data { from, to, .. } if !data_made.insert((from, to)) => {}
                Flow::Ends { from, to } if !ends_made.insert((from, to)) => {}
                Flow::Data { from, to, steps } => {
                    let flow_index = graph.flow_steps.len();
                    graph.flow_steps.push(steps);
                    graph.flow_seed.push(None);
                    let target = graph.cell(to);
                    match from {
                        Label::Cell(source_cell) => {
                            let source = graph.gatherer(source_cell);
                            graph.link(source, target, Some(flow_index));
                        }
                        Label::Source(_) | Label::Url(_) => {
                            let label = graph.label(from);
                            graph.flow_seed[flow_index] = Some(label);
                            seeds.push((target, label));
                            graph.incoming[target]
                                .push(PackedIncoming::pack(Incoming::Seed { flow: flow_index }));
                        }
                        // The walks resolve parameter labels into their `ParamInput` cells.
                        Label::Param(_) | Label::Received(_) => {}
                    }
                }
                Flow::Ends { from, to } => {
                    let target = graph.cell(to);
                    match from {
                        End::Channel(channel) => {
                            let channel = graph.channel(channel);
                            end_seeds.push((target, channel));
                        }
                        End::Cell(source_cell) => {
                            let source = graph.cell(source_cell);
                            graph.ends_out[source].push(target);
                        }
                        End::Param(_) => {}
                    }
                }
                Flow::Read(cell) => {
                    graph.cell(cell);
                }
            }
        }
        // Freed before the solving, which the largest apps' peak memory falls in.
        drop((data_made, ends_made));
        // A field's cell is part of what reads of that field name with an unknown owner see
        // (in crates that can read it), and writes whose owner was unknown are part of what
        // every owner's cell holds.
        let mut named_reads: FxHashMap<Name, Vec<(usize, CrateId)>> = FxHashMap::default();
        for (index, cell) in graph.cells.iter().enumerate() {
            if let CellKey::FieldNamed { name, reader } = cell.key() {
                named_reads.entry(name).or_default().push((index, reader));
            }
        }
        for index in 0..graph.cells.len() {
            let (owner, name) = match graph.cells[index].key() {
                CellKey::Field { owner, name } => (owner.map(FieldOwner::Workspace), name),
                CellKey::LibraryField { owner, name } => (Some(FieldOwner::Library(owner)), name),
                _ => continue,
            };
            for &(named, reader) in named_reads.get(&name).map_or(&[][..], Vec::as_slice) {
                if owner.is_none_or(|owner| readable(owner, name, reader)) {
                    graph.link(index, named, None);
                }
            }
            if owner.is_some() {
                let unknown_owner = CellId::of(CellKey::Field { owner: None, name });
                if let Some(&unknown) = graph.index_of.get(&unknown_owner) {
                    graph.link(unknown, index, None);
                }
            }
        }
        // What every caller passes into a parameter holds what it passes into its parts: a
        // summary may list the whole parameter where the fn wrote one of its parts.
        for index in 0..graph.cells.len() {
            if let CellKey::ParamInput { function, path } = graph.cells[index].key() {
                for prefix in path.prefixes() {
                    let whole = CellId::of(CellKey::ParamInput {
                        function,
                        path: prefix,
                    });
                    if let Some(&whole) = graph.index_of.get(&whole) {
                        graph.link(whole, index, None);
                        graph.ends_out[whole].push(index);
                    }
                }
            }
        }
        graph.propagate(seeds, end_seeds);
        graph
    }

    fn cell(&mut self, id: CellId) -> usize {
        if let Some(&index) = self.index_of.get(&id) {
            return index;
        }
        let index = self.node(id, false);
        self.index_of.insert(id, index);
        index
    }

    /// The node that flows out of a cell start from: the cell's own, or for a union cell a
    /// node its members all flow into. A union's flows then cost one edge per member and one
    /// per flow, not one per member and flow: on the test bed's largest apps, 98% of the
    /// graph's edges were a union's members linked again for each flow out of it (1.16
    /// million on databend). Gatherers are not cells: [`CellGraph::way_into`] and
    /// [`CellGraph::data_targets`] pass through them, so the ways and the dump are as if each
    /// member were linked to each target.
    fn gatherer(&mut self, id: CellId) -> usize {
        if id.member_count() == 1 {
            return self.cell(id);
        }
        if let Some(&index) = self.gatherer_of.get(&id) {
            return index;
        }
        let members: Vec<usize> = id
            .members()
            .into_iter()
            .map(|member| self.cell(member))
            .collect();
        let index = self.node(id, true);
        self.gatherer_of.insert(id, index);
        for member in members {
            self.link(member, index, None);
        }
        index
    }

    fn node(&mut self, id: CellId, gathers: bool) -> usize {
        let index = self.cells.len();
        self.cells.push(id);
        self.gathers.push(gathers);
        self.contents.push(Contents::default());
        self.incoming.push(Vec::new());
        self.data_out.push(Vec::new());
        self.ends_out.push(Vec::new());
        index
    }

    /// The cells an incoming edge of a node comes from, each with the flow of the edge: a
    /// gatherer's members (in their sorted order), as if each were linked by that flow.
    fn sources_of(&self, incoming: Incoming) -> impl Iterator<Item = Incoming> + '_ {
        let through = match incoming {
            Incoming::FromCell { from, flow } if self.gathers[from] => Some((from, flow)),
            _ => None,
        };
        let direct = through.is_none().then_some(incoming);
        let gathered = through.into_iter().flat_map(move |(gatherer, flow)| {
            self.incoming[gatherer]
                .iter()
                .map(move |member| match member.unpack() {
                    Incoming::FromCell { from, .. } => Incoming::FromCell { from, flow },
                    seed => seed,
                })
        });
        direct.into_iter().chain(gathered)
    }

    /// The labels of `from` go into `to` (by data flow `flow`, or by the solver's own edge).
    fn link(&mut self, from: usize, to: usize, flow: Option<usize>) {
        self.data_out[from].push(to);
        self.incoming[to].push(PackedIncoming::pack(Incoming::FromCell { from, flow }));
    }

    fn label(&mut self, label: Label) -> usize {
        *self.label_index.entry(label).or_insert_with(|| {
            self.labels.push(label);
            self.labels.len() - 1
        })
    }

    fn channel(&mut self, channel: ChannelId) -> usize {
        match self.channels.iter().position(|known| *known == channel) {
            Some(index) => index,
            None => {
                self.channels.push(channel);
                self.channels.len() - 1
            }
        }
    }

    /// Follows every flow until nothing changes. A cell holding channel ends makes its
    /// `Received` cell take what those channels carry, and its `SentVia` cell give into them:
    /// those edges appear as the ends arrive.
    fn propagate(&mut self, seeds: Vec<(usize, usize)>, end_seeds: Vec<(usize, usize)>) {
        let mut worklist = Worklist::default();
        for (cell, label) in seeds {
            if self.contents[cell].labels.insert(label) {
                worklist.push(cell);
            }
        }
        for (cell, channel) in end_seeds {
            if self.contents[cell].ends.insert(channel) {
                worklist.push(cell);
            }
        }
        // Per holder cell, the channels whose `Received`/`SentVia` edges exist already.
        let mut linked: Vec<BitSet> = Vec::new();
        while let Some(cell) = worklist.pop() {
            if linked.len() < self.cells.len() {
                linked.resize(self.cells.len(), BitSet::default());
            }
            let new_channels: Vec<usize> = self.contents[cell]
                .ends
                .iter()
                .filter(|channel| !linked[cell].contains(*channel))
                .collect();
            let holder = self.cells[cell];
            for channel in new_channels {
                linked[cell].insert(channel);
                let channel_cell = self.cell(CellId::of(CellKey::Channel(self.channels[channel])));
                let received = self.cell(CellId::of(CellKey::Received(holder)));
                let sent = self.cell(CellId::of(CellKey::SentVia(holder)));
                self.link(channel_cell, received, None);
                self.link(sent, channel_cell, None);
                worklist.push(channel_cell);
                worklist.push(sent);
            }
            let contents = self.contents[cell].clone();
            for position in 0..self.data_out[cell].len() {
                let target = self.data_out[cell][position];
                if self.contents[target].labels.union_with(&contents.labels) {
                    worklist.push(target);
                }
            }
            for position in 0..self.ends_out[cell].len() {
                let target = self.ends_out[cell][position];
                if self.contents[target].ends.union_with(&contents.ends) {
                    worklist.push(target);
                }
            }
        }
    }

    /// Where a cell is in the graph. A field of a known owner that nothing wrote holds what
    /// writes of unknown owner put into a field of that name.
    fn index(&self, cell: CellId) -> Option<usize> {
        if let Some(&index) = self.index_of.get(&cell) {
            return Some(index);
        }
        match cell.key() {
            CellKey::Field {
                owner: Some(_),
                name,
            }
            | CellKey::LibraryField { name, .. } => self
                .index_of
                .get(&CellId::of(CellKey::Field { owner: None, name }))
                .copied(),
            _ => None,
        }
    }

    /// The nodes of the graph that hold what a cell holds: its own, or its members' (a union).
    fn nodes(&self, cell: CellId) -> impl Iterator<Item = usize> + '_ {
        cell.members()
            .into_iter()
            .filter_map(|member| self.index(member))
    }

    /// The concrete labels a cell may hold, in the graph's order, each with the node it is
    /// found in first.
    fn held_labels(&self, cell: CellId) -> Vec<(usize, usize)> {
        let mut seen = BitSet::default();
        let mut held = Vec::new();
        for node in self.nodes(cell) {
            for label in self.contents[node].labels.iter() {
                if seen.insert(label) {
                    held.push((label, node));
                }
            }
        }
        held.sort_unstable();
        held
    }

    /// The concrete labels a cell may hold, each with the way it took into the cell: the
    /// shortest chain of flows from a write of it, worked out only if a message lists it.
    pub fn contents(self: &Arc<Self>, cell: CellId) -> Vec<(Label, Steps)> {
        self.held_labels(cell)
            .into_iter()
            .map(|(label, node)| (self.labels[label], self.deferred_way_into(node, label)))
            .collect()
    }

    /// The sources that reads of cells may see, each once and not one of `known`: per read
    /// (the cell, the way from the read on, whether it wants suspected sources or the
    /// others), the new sources its cell may hold in label order, each with the way into the
    /// cell and then the read's. Node by node: the node of a cell that many union cells
    /// share is looked at once, as everything it holds is known after that.
    pub fn sources_read<'r>(
        self: &Arc<Self>,
        reads: impl IntoIterator<Item = (CellId, &'r Steps, bool)>,
        known: &mut std::collections::HashSet<SourceId>,
    ) -> Vec<(SourceId, Steps)> {
        let mut sources = Vec::new();
        let mut nodes_seen: FxHashSet<(usize, bool)> = FxHashSet::default();
        for (cell, steps, suspected) in reads {
            let mut held: Vec<(SourceId, usize, usize)> = Vec::new();
            for node in self.nodes(cell) {
                if !nodes_seen.insert((node, suspected)) {
                    continue;
                }
                for label in self.contents[node].labels.iter() {
                    match self.labels[label] {
                        Label::Source(source) if source.suspected == suspected => {
                            held.push((source, label, node));
                        }
                        _ => {}
                    }
                }
            }
            // Stable: a source in two nodes takes the way into the first.
            held.sort_by_key(|(source, ..)| *source);
            for (source, label, node) in held {
                if known.insert(source) {
                    let way_in = self.deferred_way_into(node, label);
                    sources.push((source, way_in.then(steps)));
                }
            }
        }
        sources
    }

    /// [`CellGraph::way_into`], worked out when a message reads it.
    fn deferred_way_into(self: &Arc<Self>, cell: usize, label: usize) -> Steps {
        let graph = Arc::clone(self);
        Steps::deferred(move || graph.way_into(cell, label))
    }

    /// The steps of the shortest chain of flows that brings `label` into `cell`, found
    /// backwards from the cell over the cells that hold the label, in the order the flows were
    /// recorded (so the answer does not depend on the thread timing of the walks).
    fn way_into(&self, cell: usize, label: usize) -> Steps {
        // Per cell reached: the cell it leads to and the flow between them.
        let mut toward: FxHashMap<usize, (usize, Option<usize>)> = FxHashMap::default();
        let mut queue: VecDeque<usize> = VecDeque::from([cell]);
        toward.insert(cell, (cell, None));
        while let Some(current) = queue.pop_front() {
            let sources = self.incoming[current]
                .iter()
                .flat_map(|incoming| self.sources_of(incoming.unpack()));
            for incoming in sources {
                match incoming {
                    Incoming::Seed { flow } => {
                        if self.flow_seed[flow] == Some(label) {
                            return self.chain(&toward, current, flow, cell);
                        }
                    }
                    Incoming::FromCell { from, flow } => {
                        if self.contents[from].labels.contains(label) && !toward.contains_key(&from)
                        {
                            toward.insert(from, (current, flow));
                            queue.push_back(from);
                        }
                    }
                }
            }
        }
        Steps::default()
    }

    /// The steps of the seed flow into `start`, then of each flow on to `cell`.
    fn chain(
        &self,
        toward: &FxHashMap<usize, (usize, Option<usize>)>,
        start: usize,
        seed_flow: usize,
        cell: usize,
    ) -> Steps {
        let mut steps = self.flow_steps[seed_flow].clone();
        let mut current = start;
        while current != cell {
            let Some(&(next, flow)) = toward.get(&current) else {
                break;
            };
            if let Some(flow) = flow {
                steps = steps.then(&self.flow_steps[flow]);
            }
            current = next;
        }
        steps
    }

    /// Whether a cell may hold a source, suspected (`possible_personal_data`) or not.
    pub fn holds_source(&self, cell: CellId, suspected: bool) -> bool {
        self.nodes(cell).any(|node| {
            self.contents[node].labels.iter().any(|label| {
                matches!(self.labels[label], Label::Source(source) if source.suspected == suspected)
            })
        })
    }

    /// The configured URL sinks a cell may hold a URL of.
    pub fn urls(&self, cell: CellId) -> Vec<u16> {
        self.held_labels(cell)
            .into_iter()
            .filter_map(|(label, _)| match self.labels[label] {
                Label::Url(url) => Some(url),
                _ => None,
            })
            .collect()
    }

    /// Every cell of the graph, in the order the flows named them.
    pub fn cell_ids(&self) -> impl Iterator<Item = CellId> + '_ {
        self.cells
            .iter()
            .zip(&self.gathers)
            .filter(|(_, &gathers)| !gathers)
            .map(|(&cell, _)| cell)
    }

    /// The channels whose ends a cell may hold.
    pub fn channels_held(&self, cell: CellId) -> Vec<ChannelId> {
        let Some(index) = self.index(cell) else {
            return Vec::new();
        };
        self.contents[index]
            .ends
            .iter()
            .map(|channel| self.channels[channel])
            .collect()
    }

    /// The cells whose labels flow on into others, and those cells (for `--dump`).
    pub fn data_targets(&self, cell: CellId) -> Vec<CellId> {
        let Some(index) = self.index(cell) else {
            return Vec::new();
        };
        self.data_out[index]
            .iter()
            .flat_map(|target| match self.gathers[*target] {
                true => &self.data_out[*target][..],
                false => std::slice::from_ref(target),
            })
            .map(|&target| self.cells[target])
            .collect()
    }

    /// How many cells the graph has.
    pub fn len(&self) -> usize {
        self.cell_ids().count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A FIFO of cells to visit, each queued at most once at a time.
#[derive(Default)]
struct Worklist {
    queue: VecDeque<usize>,
    queued: Vec<bool>,
}

impl Worklist {
    fn push(&mut self, cell: usize) {
        if self.queued.len() <= cell {
            self.queued.resize(cell + 1, false);
        }
        if !self.queued[cell] {
            self.queued[cell] = true;
            self.queue.push_back(cell);
        }
    }

    fn pop(&mut self) -> Option<usize> {
        let cell = self.queue.pop_front()?;
        self.queued[cell] = false;
        Some(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cells of fields `f0`, `f1`, ... of no known owner.
    fn fields(count: usize) -> Vec<CellId> {
        (0..count)
            .map(|index| {
                CellId::of(CellKey::Field {
                    owner: None,
                    name: Name::new(&format!("union_test_field_{index}")),
                })
            })
            .collect()
    }

    /// A flow into `to` whose way is one `PutIntoField(name)` step.
    fn data(from: Label, to: CellId, name: &str) -> Flow {
        let steps = Steps::default().push(crate::propagate::value::Step {
            kind: crate::propagate::value::StepKind::PutIntoField(Name::new(name)),
            span: crate::source::TextSpan::default(),
        });
        Flow::Data { from, to, steps }
    }

    #[test]
    fn a_union_flowing_out_many_times_links_its_members_once_and_reads_as_if_linked_each_time() {
        let cells = fields(40);
        let (members, targets) = cells.split_at(20);
        let source = Label::Source(crate::propagate::value::SourceId {
            function: crate::resolve::FnId(0),
            index: 0,
            implied: false,
            suspected: false,
        });
        let union = CellId::union(members.iter().copied());
        let mut flows = vec![data(source, members[7], "seeded")];
        for (index, &target) in targets.iter().enumerate() {
            flows.push(data(Label::Cell(union), target, &format!("target_{index}")));
        }
        let graph = CellGraph::solve(flows, |_, _, _| true);
        // 20 members into the gatherer, and one edge per flow out of it: 400 if every member
        // were linked for every flow.
        let edges: usize = graph.data_out.iter().map(Vec::len).sum();
        assert_eq!(edges, 20 + 20);
        assert_eq!(graph.len(), 40);
        assert_eq!(graph.cell_ids().count(), 40);
        // A gatherer is no cell: a member's targets are the union's, and the way into a
        // target goes from the member the source went into.
        let mut expected_targets = targets.to_vec();
        expected_targets.sort();
        let mut seen_targets = graph.data_targets(members[0]);
        seen_targets.sort();
        assert_eq!(seen_targets, expected_targets);
        let graph = Arc::new(graph);
        let contents = graph.contents(targets[3]);
        assert_eq!(contents.len(), 1);
        let names: Vec<String> = contents[0]
            .1
            .to_vec()
            .iter()
            .map(|step| format!("{:?}", step.kind))
            .collect();
        assert_eq!(
            names,
            ["PutIntoField(\"seeded\")", "PutIntoField(\"target_3\")"]
        );
        assert!(graph.contents(members[0]).is_empty());
    }

    /// The union a value makes that reads the cells one after another.
    fn grown_one_by_one(cells: &[CellId]) -> CellId {
        cells[1..]
            .iter()
            .fold(cells[0], |union, &cell| CellId::union([union, cell]))
    }

    #[test]
    fn the_same_members_are_the_same_union_however_it_grew() {
        let cells = fields(100);
        let forwards = grown_one_by_one(&cells);
        let mut reversed = cells.clone();
        reversed.reverse();
        let backwards = grown_one_by_one(&reversed);
        let halves = CellId::union([
            grown_one_by_one(&cells[..50]),
            grown_one_by_one(&cells[50..]),
        ]);
        assert_eq!(forwards, backwards);
        assert_eq!(forwards, halves);
        assert_eq!(forwards, CellId::union(cells.iter().copied()));
        let mut sorted = cells.clone();
        sorted.sort();
        assert_eq!(forwards.members(), sorted);
        assert_eq!(forwards.member_count(), 100);
    }

    #[test]
    fn a_union_grown_one_cell_at_a_time_shares_its_members_in_a_few_levels() {
        let cells = fields(1000);
        let mut unions = vec![CellId::union([cells[0], cells[1]])];
        for &cell in &cells[2..] {
            unions.push(CellId::union([*unions.last().unwrap(), cell]));
        }
        // Stored whole, the 999 unions made on the way would hold 500,499 members; each
        // stores only its top level, into which the levels below not much larger are merged
        // (9,913 members in all, in 3 levels).
        let stored: usize = unions
            .iter()
            .map(|union| union.union_set().added.len())
            .sum();
        assert!(stored <= 1000 * 20, "{stored}");
        let last = unions.last().unwrap().union_set();
        assert!(last.levels().count() <= 5, "{}", last.levels().count());
    }

    #[test]
    fn a_union_holds_its_members_and_the_unions_of_some_of_them() {
        let cells = fields(40);
        let all = grown_one_by_one(&cells);
        let outside = fields(41)[40];
        assert!(cells.iter().all(|&cell| all.holds(cell)));
        assert!(!all.holds(outside));
        // Grown from it, from a part of it another way, and one member too many.
        assert!(all.holds(grown_one_by_one(&cells[..30])));
        assert!(all.holds(CellId::union(cells[5..35].iter().copied())));
        assert!(!all.holds(CellId::union(cells[5..35].iter().copied().chain([outside]))));
        // A single cell holds only itself.
        assert!(!cells[0].holds(all));
        assert!(cells[0].holds(cells[0]));
    }
}
