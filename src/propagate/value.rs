//! Abstract values: what a local, field or result carries while a fn is walked.
//!
//! A [`Value`] holds [`Taint`] (labels: personal data from a source, a parameter of the fn being
//! summarised, a global cell, what a channel parameter receives), the channel ends it is
//! ([`End`]), per-field values for structs and tuples built in place, the [`Cond`] of a check
//! result, and the closures or fns it may be. Each label keeps the path it
//! took ([`Steps`], a shared list, so copying a value copies no steps). Values are shared and
//! copied on write: most are empty, and an empty value allocates nothing.

use std::sync::Arc;

use super::cells::{CellId, End};
use crate::facts::body::{ClosureId, SiteId};
use crate::names::Name;
use crate::propagate::guard::{Cond, GuardState};
use crate::propagate::lattice::{join_optional, JoinSemiLattice};
use crate::resolve::FnId;
use crate::source::TextSpan;

/// Field paths of parameter labels are cut at this depth (deeper reads count as the prefix).
const MAX_PARAM_PATH: usize = 3;
/// Values keep fields apart this deep; deeper fields are folded into their parent, so
/// recursive types (a router holding routers) cannot grow a summary without end.
pub const MAX_FIELD_DEPTH: usize = 4;
/// Labels one value keeps apart; beyond, parameter labels fold into whole parameters.
const MAX_LABELS: usize = 12;
/// Cell labels one value keeps apart; beyond, they fold into one label for their union (a
/// value built from a config struct's every field reads hundreds of cells).
const MAX_CELL_LABELS: usize = 8;
/// Steps kept per label; longer paths keep their first steps (the source end is the useful one).
pub const MAX_STEPS: usize = 16;

/// Personal data produced inside one fn: (the fn, index in its table of sources).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceId {
    pub function: FnId,
    pub index: u32,
    /// Implied by the type of a value (its `#[personal]` fields), not read where it is: a
    /// read of that field replaces it.
    pub implied: bool,
    /// Only its name says it is personal (`possible_personal_data`).
    pub suspected: bool,
}

/// A channel, by the call that created it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChannelId {
    pub function: FnId,
    pub site: SiteId,
}

/// A short path of field names kept inline: labels are copied constantly, and a heap
/// allocation per copy was the analysis' main cost.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldPath {
    length: u8,
    names: [Name; FIELD_PATH_CAPACITY],
}

const FIELD_PATH_CAPACITY: usize = MAX_PARAM_PATH;

impl FieldPath {
    pub fn new() -> FieldPath {
        static UNUSED: std::sync::OnceLock<Name> = std::sync::OnceLock::new();
        FieldPath {
            length: 0,
            names: [*UNUSED.get_or_init(|| Name::new("")); FIELD_PATH_CAPACITY],
        }
    }

    pub fn as_slice(&self) -> &[Name] {
        &self.names[..self.length as usize]
    }

    pub fn len(&self) -> usize {
        self.length as usize
    }

    pub fn is_empty(&self) -> bool {
        self.length == 0
    }

    /// The first `length` fields of the path.
    pub fn prefix(&self, length: usize) -> FieldPath {
        let mut prefix = *self;
        let length = length.min(self.length as usize);
        let unused = FieldPath::new().names[0];
        for name in &mut prefix.names[length..] {
            *name = unused;
        }
        prefix.length = length as u8;
        prefix
    }

    /// The path with one more field; `None` when it is full.
    pub fn with(&self, name: Name) -> Option<FieldPath> {
        let length = self.length as usize;
        if length >= FIELD_PATH_CAPACITY {
            return None;
        }
        let mut longer = *self;
        longer.names[length] = name;
        longer.length += 1;
        Some(longer)
    }
}

impl Default for FieldPath {
    fn default() -> FieldPath {
        FieldPath::new()
    }
}

impl std::fmt::Debug for FieldPath {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_list().entries(self.as_slice()).finish()
    }
}

/// A parameter (or part of one) of the fn being summarised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ParamPath {
    pub index: u8,
    pub fields: FieldPath,
}

impl ParamPath {
    pub fn whole(index: u8) -> ParamPath {
        ParamPath {
            index,
            fields: FieldPath::new(),
        }
    }

    /// `self` is `other` or holds it as a part.
    pub fn covers(&self, other: &ParamPath) -> bool {
        self.index == other.index && other.fields.as_slice().starts_with(self.fields.as_slice())
    }

    /// The paths that hold this one as a part, the whole parameter first.
    pub fn prefixes(&self) -> impl Iterator<Item = ParamPath> + '_ {
        (0..self.fields.len()).map(move |length| ParamPath {
            index: self.index,
            fields: self.fields.prefix(length),
        })
    }

    /// The part `name` of this one (the same path when it is as long as paths get).
    pub fn field(&self, name: Name) -> ParamPath {
        ParamPath {
            index: self.index,
            fields: self.fields.with(name).unwrap_or(self.fields),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    /// Personal data produced in a fn.
    Source(SourceId),
    /// Whatever a parameter (or a part of one) of the walked fn holds: resolved at each call.
    Param(ParamPath),
    /// Whatever comes out of the channels a parameter (or a part of one) is an end of.
    Received(ParamPath),
    /// Whatever a global cell holds: resolved once every fn has been walked.
    Cell(CellId),
    /// Not personal itself: the value is (or holds) a URL of this configured URL sink.
    Url(u16),
}

impl Label {
    /// Personal data, or what may turn out to be some (a parameter, a cell), as opposed to the
    /// URL markers that travel with values.
    pub fn is_data(&self) -> bool {
        !matches!(self, Label::Url(_))
    }

    /// Stands for what a parameter of the walked fn brings: resolved at each call.
    pub fn is_param(&self) -> bool {
        matches!(self, Label::Param(_) | Label::Received(_))
    }
}

/// One step of the way personal data took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepKind {
    StoredIn(Name),
    AssignedTo(Name),
    PutIntoField(Name),
    ReadFromField(Name),
    /// Written into a `static` (through interior mutability or `static mut`).
    StoredInStatic(Name),
    ReadFromStatic(Name),
    AddedWith(Name),
    /// Moved between places by a std fn (`std::mem::take`).
    MovedBy(&'static str),
    /// Passed to a workspace fn; `by_name`: the call was matched by the method's name alone.
    PassedInto {
        callee: FnId,
        param: Option<Name>,
        by_name: bool,
    },
    ReturnedFrom {
        callee: FnId,
        by_name: bool,
    },
    SentOnChannel,
    ReceivedFromChannel,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub kind: StepKind,
    pub span: TextSpan,
}

/// A path is a shared list built by appending steps, and by joining a caller's path with a
/// callee's; both are O(1), the steps are only listed when a finding is written.
#[derive(Debug)]
enum StepNode {
    Step {
        step: Step,
        previous: Option<Arc<StepNode>>,
        length: usize,
    },
    Joined {
        first: Arc<StepNode>,
        second: Arc<StepNode>,
        length: usize,
    },
    /// Steps worked out only if a message lists them (the way data took into a cell).
    Deferred(DeferredSteps),
}

/// Steps computed on first use, then kept.
pub struct DeferredSteps {
    compute: Box<dyn Fn() -> Steps + Send + Sync>,
    computed: std::sync::OnceLock<Steps>,
}

impl DeferredSteps {
    fn get(&self) -> &Steps {
        self.computed.get_or_init(|| (self.compute)())
    }
}

impl std::fmt::Debug for DeferredSteps {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.computed.get() {
            Some(steps) => steps.fmt(formatter),
            None => formatter.write_str("DeferredSteps(..)"),
        }
    }
}

impl StepNode {
    /// How many steps; a deferred part not worked out yet counts as one.
    fn length(&self) -> usize {
        match self {
            StepNode::Step { length, .. } | StepNode::Joined { length, .. } => *length,
            StepNode::Deferred(deferred) => deferred.computed.get().map_or(1, Steps::len),
        }
    }

    fn last_step(&self) -> Option<&Step> {
        match self {
            StepNode::Step { step, .. } => Some(step),
            StepNode::Joined { second, .. } => second.last_step(),
            StepNode::Deferred(deferred) => deferred.get().0.as_ref()?.last_step(),
        }
    }

    fn collect(&self, into: &mut Vec<Step>) {
        // Left-deep lists are walked in a loop; joins are rare and shallow.
        let mut pending: Vec<&StepNode> = vec![self];
        let mut reversed: Vec<Step> = Vec::new();
        while let Some(node) = pending.pop() {
            match node {
                StepNode::Step { step, previous, .. } => {
                    reversed.push(step.clone());
                    if let Some(previous) = previous {
                        pending.push(previous);
                    }
                }
                StepNode::Joined { first, second, .. } => {
                    pending.push(first);
                    pending.push(second);
                }
                StepNode::Deferred(deferred) => {
                    let mut steps = deferred.get().to_vec();
                    steps.reverse();
                    reversed.extend(steps);
                }
            }
        }
        reversed.reverse();
        into.extend(reversed);
    }
}

/// The steps of one label's path, oldest first when read. Shared between values.
#[derive(Debug, Clone, Default)]
pub struct Steps(Option<Arc<StepNode>>);

/// Paths are for messages: two values with the same labels are the same value.
impl PartialEq for Steps {
    fn eq(&self, _: &Steps) -> bool {
        true
    }
}

impl Steps {
    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |node| node.length())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// Steps that `compute` works out the first time a message lists them.
    pub fn deferred(compute: impl Fn() -> Steps + Send + Sync + 'static) -> Steps {
        Steps(Some(Arc::new(StepNode::Deferred(DeferredSteps {
            compute: Box::new(compute),
            computed: std::sync::OnceLock::new(),
        }))))
    }

    pub fn push(&self, step: Step) -> Steps {
        if self.len() >= MAX_STEPS {
            return self.clone();
        }
        if self
            .0
            .as_ref()
            .and_then(|node| node.last_step())
            .is_some_and(|last| *last == step)
        {
            return self.clone();
        }
        Steps(Some(Arc::new(StepNode::Step {
            length: self.len() + 1,
            step,
            previous: self.0.clone(),
        })))
    }

    /// This path, then `later` (a callee's part of the way).
    pub fn then(&self, later: &Steps) -> Steps {
        match (&self.0, &later.0) {
            (_, None) => self.clone(),
            (None, _) => later.clone(),
            (Some(first), Some(second)) => {
                if first.length() >= MAX_STEPS {
                    return self.clone();
                }
                Steps(Some(Arc::new(StepNode::Joined {
                    length: first.length() + second.length(),
                    first: first.clone(),
                    second: second.clone(),
                })))
            }
        }
    }

    pub fn to_vec(&self) -> Vec<Step> {
        let mut steps = Vec::new();
        if let Some(node) = &self.0 {
            node.collect(&mut steps);
        }
        steps.truncate(MAX_STEPS);
        steps
    }
}

/// The labels a value carries, sorted, each with the path it took.
#[derive(Debug, Clone, Default)]
pub struct Taint(Option<Arc<Vec<(Label, Steps)>>>);

impl PartialEq for Taint {
    fn eq(&self, other: &Taint) -> bool {
        match (&self.0, &other.0) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a == b,
            _ => false,
        }
    }
}

impl Taint {
    pub fn single(label: Label, steps: Steps) -> Taint {
        Taint(Some(Arc::new(vec![(label, steps)])))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    pub fn iter(&self) -> impl Iterator<Item = &(Label, Steps)> {
        self.0.iter().flat_map(|labels| labels.iter())
    }

    /// Whether it carries personal data or parameter data (channels alone are not data).
    pub fn has_data(&self) -> bool {
        self.iter().any(|(label, _)| label.is_data())
    }

    /// A taint from labels in any order; a label given twice keeps its first path.
    pub fn from_labels(mut labels: Vec<(Label, Steps)>) -> Taint {
        if labels.is_empty() {
            return Taint::default();
        }
        // A stable sort keeps the first of equal labels first, for dedup to keep.
        labels.sort_by_key(|a| a.0);
        labels.dedup_by(|later, earlier| later.0 == earlier.0);
        bound_labels(&mut labels);
        Taint(Some(Arc::new(labels)))
    }

    pub fn with_step(&self, kind: impl Fn() -> StepKind, span: TextSpan) -> Taint {
        let Some(labels) = &self.0 else {
            return Taint::default();
        };
        if labels.iter().all(|(label, _)| !label.is_data()) {
            return self.clone();
        }
        let step = Step { kind: kind(), span };
        Taint(Some(Arc::new(
            labels
                .iter()
                .map(|(label, steps)| match label {
                    Label::Url(_) => (*label, steps.clone()),
                    _ => (*label, steps.push(step.clone())),
                })
                .collect(),
        )))
    }

    /// The labels reading field `name` out of this (whole) value gives: parameter labels
    /// grow a field, the others stay.
    fn projected(&self, name: Name) -> Taint {
        let Some(labels) = &self.0 else {
            return Taint::default();
        };
        if !labels.iter().any(
            |(label, _)| matches!(label, Label::Param(path) if path.fields.len() < MAX_PARAM_PATH),
        ) {
            return self.clone();
        }
        let mut projected: Vec<(Label, Steps)> = labels
            .iter()
            .map(|(label, steps)| match label {
                Label::Param(path) => (Label::Param(path.field(name)), steps.clone()),
                _ => (*label, steps.clone()),
            })
            .collect();
        projected.sort_by_key(|a| a.0);
        projected.dedup_by(|a, b| a.0 == b.0);
        Taint(Some(Arc::new(projected)))
    }

    /// Keeps the labels `keep` accepts.
    pub fn filtered(&self, keep: impl Fn(&Label) -> bool) -> Taint {
        let Some(labels) = &self.0 else {
            return Taint::default();
        };
        let kept: Vec<(Label, Steps)> = labels
            .iter()
            .filter(|(label, _)| keep(label))
            .cloned()
            .collect();
        if kept.is_empty() {
            Taint::default()
        } else {
            Taint(Some(Arc::new(kept)))
        }
    }
}

/// Adds the labels of `other` that are new; known labels keep their first path.
impl JoinSemiLattice for Taint {
    fn join(&mut self, other: &Taint) -> bool {
        let Some(other_labels) = &other.0 else {
            return false;
        };
        let Some(own) = &self.0 else {
            self.0 = other.0.clone();
            return !other_labels.is_empty();
        };
        if Arc::ptr_eq(own, other_labels) || is_subset(other_labels, own) {
            return false;
        }
        // Both lists are sorted: one merge, keeping our path where a label is in both.
        let mut merged: Vec<(Label, Steps)> = Vec::with_capacity(own.len() + other_labels.len());
        let mut added = false;
        let (mut left, mut right) = (own.iter().peekable(), other_labels.iter().peekable());
        loop {
            match (left.peek(), right.peek()) {
                (Some((a, _)), Some((b, _))) => match a.cmp(b) {
                    std::cmp::Ordering::Less => merged.push(left.next().cloned().expect("peeked")),
                    std::cmp::Ordering::Greater => {
                        added = true;
                        merged.push(right.next().cloned().expect("peeked"));
                    }
                    std::cmp::Ordering::Equal => {
                        merged.push(left.next().cloned().expect("peeked"));
                        right.next();
                    }
                },
                (Some(_), None) => merged.push(left.next().cloned().expect("peeked")),
                (None, Some(_)) => {
                    added = true;
                    merged.push(right.next().cloned().expect("peeked"));
                }
                (None, None) => break,
            }
        }
        if !added {
            return false;
        }
        bound_labels(&mut merged);
        // Bounding may drop what was added (a second suspected source, a part of a
        // parameter already there): then nothing changed.
        let same_labels = merged.len() == own.len()
            && merged
                .iter()
                .zip(own.iter())
                .all(|((mine, _), (theirs, _))| mine == theirs);
        if same_labels {
            return false;
        }
        self.0 = Some(Arc::new(merged));
        true
    }
}

/// The parameter paths of a sorted list kept so far, where a parameter's shorter paths come
/// before its longer ones: a path one of them covers (`data` covers `data.phone`) is dropped.
#[derive(Default)]
struct UncoveredParams(Vec<ParamPath>);

impl UncoveredParams {
    /// Whether `path` stays: no path kept before covers it (then it is kept).
    fn keep(&mut self, path: ParamPath) -> bool {
        if self.0.iter().any(|kept| kept.covers(&path)) {
            return false;
        }
        self.0.push(path);
        true
    }
}

/// Bounds a sorted label list. A parameter label covers the labels of its parts
/// (`data` covers `data.phone`): those are dropped, which keeps the lists short and lets a
/// recursive summary settle instead of alternating between its parts and their whole. Only
/// the first suspected source stays: a
/// `possible_personal_data` finding names one source and needs only that some suspected data
/// arrives, and on code full of suggestive names carrying them all made the analysis many
/// times slower. Keeping the smallest is a join in its own right (the smallest of a union), so
/// fixpoints still converge. A list still longer than [`MAX_LABELS`] folds parameter labels
/// with field paths into labels of whole parameters (less precise, still sound), keeping the
/// first path of each.
fn bound_labels(labels: &mut Vec<(Label, Steps)>) {
    let mut suspected = false;
    let mut params = UncoveredParams::default();
    labels.retain(|(label, _)| match label {
        Label::Source(source) if source.suspected => !std::mem::replace(&mut suspected, true),
        Label::Param(path) => params.keep(*path),
        _ => true,
    });
    // A union counts as the cells it stands for: how precisely parameters are kept does not
    // depend on how the cells are written.
    let length: usize = labels
        .iter()
        .map(|(label, _)| match label {
            Label::Cell(cell) => cell.member_count(),
            _ => 1,
        })
        .sum();
    if length > MAX_LABELS {
        make_params_whole(labels);
    }
    fold_cells(labels);
}

/// Makes every parameter label stand for its whole parameter (sorted labels stay sorted and
/// without repeats).
fn make_params_whole(labels: &mut Vec<(Label, Steps)>) {
    for (label, _) in labels.iter_mut() {
        if let Label::Param(path) | Label::Received(path) = label {
            path.fields = FieldPath::new();
        }
    }
    labels.sort_by_key(|a| a.0);
    labels.dedup_by(|later, earlier| later.0 == earlier.0);
}

/// Folds the cell labels of a sorted list into one for their union when there are more than
/// [`MAX_CELL_LABELS`], keeping the first one's path: the union holds exactly what they hold
/// (sound, as precise), only the ways into the other cells are no longer told apart. A list
/// holding a union holds nothing but it of cells, so the same cells are always the same labels
/// and a fixpoint sees when a join added nothing.
fn fold_cells(labels: &mut Vec<(Label, Steps)>) {
    let mut cells = 0;
    let mut widest: Option<CellId> = None;
    for (label, _) in labels.iter() {
        if let Label::Cell(cell) = label {
            cells += 1;
            if cell.is_union() && widest.is_none_or(|w| cell.member_count() > w.member_count()) {
                widest = Some(*cell);
            }
        }
    }
    match widest {
        None if cells <= MAX_CELL_LABELS => return,
        // A union that holds every other cell already: nothing to fold, only to drop.
        Some(union)
            if labels.iter().all(|(label, _)| match label {
                Label::Cell(cell) => union.holds(*cell),
                _ => true,
            }) =>
        {
            labels.retain(|(label, _)| !matches!(label, Label::Cell(cell) if *cell != union));
            return;
        }
        _ => {}
    }
    let mut members = Vec::with_capacity(cells);
    let mut first_steps = None;
    labels.retain(|(label, steps)| match label {
        Label::Cell(cell) => {
            members.push(*cell);
            first_steps.get_or_insert_with(|| steps.clone());
            false
        }
        _ => true,
    });
    labels.push((
        Label::Cell(CellId::union(members)),
        first_steps.unwrap_or_default(),
    ));
    labels.sort_by_key(|a| a.0);
}

/// What a value may be when called.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Callable {
    Closure(ClosureId),
    Fn(FnId),
}

/// Where a check value came from, to tell which checks end up deciding something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Decider {
    /// A check evaluated in the walked fn (index of the evaluation).
    Evaluation(u32),
    /// A parameter of the walked fn (its callers' checks decide through it).
    Param(u8),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ValueData {
    pub taint: Taint,
    /// The channel ends the value is (or holds), sorted.
    pub ends: Vec<End>,
    /// Values of fields (and tuple elements `0`, `1`) known apart from the whole.
    pub fields: Vec<(Name, Value)>,
    pub cond: Option<Cond>,
    /// The checks a boolean-like value was computed from.
    pub deciders: Vec<Decider>,
    pub callables: Vec<Callable>,
    /// Facts that hold for every element of this iterator (`.filter(|x| CHECK)`).
    pub element_guard: Option<GuardState>,
}

/// An abstract value; the default is "nothing known, nothing personal".
#[derive(Debug, Clone, Default)]
pub struct Value(Option<Arc<ValueData>>);

/// Shared values are equal without comparing their contents (loops compare every local).
impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        match (&self.0, &other.0) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a == b,
            _ => false,
        }
    }
}

impl Value {
    pub const EMPTY: Value = Value(None);

    pub fn from_taint(taint: Taint) -> Value {
        if taint.is_empty() {
            return Value::default();
        }
        Value(Some(Arc::new(ValueData {
            taint,
            ..ValueData::default()
        })))
    }

    pub fn from_cond(cond: Cond) -> Value {
        if cond.is_empty() {
            return Value::default();
        }
        Value(Some(Arc::new(ValueData {
            cond: Some(cond),
            ..ValueData::default()
        })))
    }

    pub fn callable(callable: Callable) -> Value {
        Value(Some(Arc::new(ValueData {
            callables: vec![callable],
            ..ValueData::default()
        })))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    fn data_mut(&mut self) -> &mut ValueData {
        Arc::make_mut(self.0.get_or_insert_with(Default::default))
    }

    pub fn taint(&self) -> &Taint {
        static EMPTY: Taint = Taint(None);
        self.0.as_ref().map_or(&EMPTY, |data| &data.taint)
    }

    pub fn cond(&self) -> Option<&Cond> {
        self.0.as_ref().and_then(|data| data.cond.as_ref())
    }

    pub fn deciders(&self) -> &[Decider] {
        self.0.as_ref().map_or(&[], |data| data.deciders.as_slice())
    }

    /// Records that this value was computed from these checks.
    pub fn add_deciders(&mut self, deciders: &[Decider]) {
        if deciders.is_empty() {
            return;
        }
        let data = self.data_mut();
        for decider in deciders {
            if let Err(position) = data.deciders.binary_search(decider) {
                data.deciders.insert(position, *decider);
            }
        }
    }

    pub fn callables(&self) -> &[Callable] {
        self.0
            .as_ref()
            .map_or(&[], |data| data.callables.as_slice())
    }

    pub fn element_guard(&self) -> Option<&GuardState> {
        self.0.as_ref().and_then(|data| data.element_guard.as_ref())
    }

    pub fn ends(&self) -> &[End] {
        self.0.as_ref().map_or(&[], |data| data.ends.as_slice())
    }

    pub fn add_ends(&mut self, ends: &[End]) {
        if ends.is_empty() {
            return;
        }
        let data = self.data_mut();
        merge_sorted(&mut data.ends, ends);
    }

    /// Every channel end the value is or holds, its fields' included.
    pub fn all_ends(&self) -> Vec<End> {
        let Some(data) = &self.0 else {
            return Vec::new();
        };
        let mut ends = data.ends.clone();
        for (_, field) in &data.fields {
            merge_sorted(&mut ends, &field.all_ends());
        }
        ends
    }

    pub fn fields(&self) -> &[(Name, Value)] {
        self.0.as_ref().map_or(&[], |data| data.fields.as_slice())
    }

    pub fn set_cond(&mut self, cond: Option<Cond>) {
        match cond {
            Some(cond) if !cond.is_empty() => self.data_mut().cond = Some(cond),
            _ => {
                if self.cond().is_some() {
                    self.data_mut().cond = None;
                }
            }
        }
        self.normalize();
    }

    pub fn set_element_guard(&mut self, guard: Option<GuardState>) {
        match guard {
            Some(guard) if !guard.is_empty() => self.data_mut().element_guard = Some(guard),
            _ => {
                if self.element_guard().is_some() {
                    self.data_mut().element_guard = None;
                }
            }
        }
        self.normalize();
    }

    pub fn add_callables(&mut self, callables: &[Callable]) {
        if callables.is_empty() {
            return;
        }
        let data = self.data_mut();
        for callable in callables {
            if let Err(position) = data.callables.binary_search(callable) {
                data.callables.insert(position, *callable);
            }
        }
    }

    pub fn add_taint(&mut self, taint: &Taint) {
        if taint.is_empty() {
            return;
        }
        self.data_mut().taint.join(taint);
    }

    /// An empty data record is no value at all.
    fn normalize(&mut self) {
        if self.0.as_deref() == Some(&ValueData::default()) {
            self.0 = None;
        }
    }

    /// Whether the value carries data, in itself or in a field (`flatten().has_data()`
    /// without building the flattened taint).
    pub fn has_data(&self) -> bool {
        self.0.as_ref().is_some_and(|data| {
            data.taint.has_data() || data.fields.iter().any(|(_, field)| field.has_data())
        })
    }

    /// Everything the value carries, its fields included.
    pub fn flatten(&self) -> Taint {
        let Some(data) = &self.0 else {
            return Taint::default();
        };
        if data.fields.is_empty() {
            return data.taint.clone();
        }
        let mut taint = data.taint.clone();
        for (_, field) in &data.fields {
            taint.join(&field.flatten());
        }
        taint
    }

    /// The value of one field: its own entry, plus what the whole value carries.
    pub fn field(&self, name: Name) -> Value {
        let Some(data) = &self.0 else {
            return Value::default();
        };
        let mut own = data
            .fields
            .iter()
            .find(|(field, _)| *field == name)
            .map(|(_, value)| value.clone())
            .unwrap_or_default();
        own.add_taint(&data.taint.projected(name));
        let ends: Vec<End> = data
            .ends
            .iter()
            .map(|end| match end {
                End::Param(path) => End::Param(path.field(name)),
                _ => *end,
            })
            .collect();
        own.add_ends(&ends);
        own
    }

    pub fn project(&self, path: &[Name]) -> Value {
        path.iter()
            .fold(self.clone(), |value, name| value.field(*name))
    }

    /// Writes `value` at `path` inside this value (a field assignment), replacing what the
    /// field held.
    pub fn set_path(&mut self, path: &[Name], value: Value) {
        let Some((first, rest)) = path.split_first() else {
            *self = value;
            return;
        };
        let data = self.data_mut();
        match data.fields.binary_search_by(|(known, _)| known.cmp(first)) {
            Ok(position) => data.fields[position].1.set_path(rest, value),
            Err(position) => {
                let mut field = Value::default();
                field.set_path(rest, value);
                data.fields.insert(position, (*first, field));
            }
        }
        self.normalize();
    }

    /// The same value with fields deeper than `depth` folded into their parent's taint.
    pub fn limited(&self, depth: usize) -> Value {
        let Some(data) = &self.0 else {
            return Value::default();
        };
        if data.fields.is_empty() {
            return self.clone();
        }
        if depth == 0 {
            let mut folded = Value(Some(Arc::new(ValueData {
                taint: self.flatten(),
                ends: self.all_ends(),
                fields: Vec::new(),
                ..(**data).clone()
            })));
            folded.normalize();
            return folded;
        }
        let mut limited = (**data).clone();
        for (_, field) in &mut limited.fields {
            *field = field.limited(depth - 1);
        }
        Value(Some(Arc::new(limited)))
    }

    /// The same value with no field kept apart and every parameter label whole: the widening
    /// of a recursive fn's result, or of a local a loop carries, whose labels have settled but
    /// whose shape keeps changing. Each walk of `fn to_ast(&self)` over a nested type can add
    /// a field or a longer parameter path (`self.elem.elem.0`), each round of
    /// `root = Join { left: root, .. }` a level, and there are many such shapes below the
    /// depth bounds; a coarse value has few to grow through.
    pub fn coarsened(&self) -> Value {
        let folded = self.limited(0);
        let Some(data) = &folded.0 else {
            return folded;
        };
        let Some(labels) = &data.taint.0 else {
            return folded;
        };
        let part_of_a_param = |label: &Label| match label {
            Label::Param(path) | Label::Received(path) => !path.fields.is_empty(),
            _ => false,
        };
        if !labels.iter().any(|(label, _)| part_of_a_param(label)) {
            return folded;
        }
        let mut labels = (**labels).clone();
        make_params_whole(&mut labels);
        let mut coarse = (**data).clone();
        coarse.taint = Taint(Some(Arc::new(labels)));
        Value(Some(Arc::new(coarse)))
    }

    /// A struct or tuple value from its fields.
    pub fn with_fields(fields: Vec<(Name, Value)>) -> Value {
        let mut fields: Vec<(Name, Value)> = fields
            .into_iter()
            .filter(|(_, value)| !value.is_empty())
            .collect();
        if fields.is_empty() {
            return Value::default();
        }
        fields.sort_by_key(|field| field.0);
        fields.dedup_by(|a, b| a.0 == b.0);
        Value(Some(Arc::new(ValueData {
            fields,
            ..ValueData::default()
        })))
    }

    /// Only the data: no check, closures or filter.
    pub fn data_only(&self) -> Value {
        let Some(data) = &self.0 else {
            return Value::default();
        };
        if data.cond.is_none()
            && data.callables.is_empty()
            && data.element_guard.is_none()
            && data.deciders.is_empty()
        {
            return self.clone();
        }
        let mut value = Value(Some(Arc::new(ValueData {
            taint: data.taint.clone(),
            ends: data.ends.clone(),
            fields: data.fields.clone(),
            ..ValueData::default()
        })));
        value.normalize();
        value
    }

    /// The value's data, field by field, each taint mapped by `map` (no checks, channel ends
    /// or closures).
    pub fn map_taints(&self, map: &mut impl FnMut(&Taint) -> Taint) -> Value {
        let mut fields = Vec::new();
        for (name, field) in self.fields() {
            fields.push((*name, field.map_taints(map)));
        }
        let mut mapped = Value::with_fields(fields);
        mapped.add_taint(&map(self.taint()));
        mapped
    }

    /// Adds a step to every label, fields included.
    pub fn with_step(&self, kind: impl Fn() -> StepKind + Copy, span: TextSpan) -> Value {
        let Some(data) = &self.0 else {
            return Value::default();
        };
        if !self.has_data() {
            return self.clone();
        }
        Value(Some(Arc::new(ValueData {
            taint: data.taint.with_step(kind, span),
            ends: data.ends.clone(),
            fields: data
                .fields
                .iter()
                .map(|(name, field)| (*name, field.with_step(kind, span)))
                .collect(),
            cond: data.cond.clone(),
            deciders: data.deciders.clone(),
            callables: data.callables.clone(),
            element_guard: data.element_guard.clone(),
        })))
    }
}

/// What a value may be where branches meet: everything either side may be; a check or filter
/// only if both sides hold one (then what both prove).
impl JoinSemiLattice for Value {
    fn join(&mut self, other: &Value) -> bool {
        let Some(other_data) = &other.0 else {
            let Some(data) = &self.0 else {
                return false;
            };
            if data.cond.is_none() && data.element_guard.is_none() {
                return false;
            }
            let data = self.data_mut();
            data.cond = None;
            data.element_guard = None;
            self.normalize();
            return true;
        };
        if self.0.is_none() {
            let mut copy = other.clone();
            // Only one side holds a check or filter: it proves nothing where both meet.
            if copy.cond().is_some() || copy.element_guard().is_some() {
                let data = copy.data_mut();
                data.cond = None;
                data.element_guard = None;
                copy.normalize();
            }
            *self = copy;
            return !self.is_empty();
        }
        if Arc::ptr_eq(self.0.as_ref().expect("checked above"), other_data) {
            return false;
        }
        let data = self.data_mut();
        let mut changed = data.taint.join(&other_data.taint);
        for end in &other_data.ends {
            if let Err(position) = data.ends.binary_search(end) {
                data.ends.insert(position, *end);
                changed = true;
            }
        }
        for (name, field) in &other_data.fields {
            match data.fields.binary_search_by(|(known, _)| known.cmp(name)) {
                Ok(position) => changed |= data.fields[position].1.join(field),
                Err(position) => {
                    data.fields.insert(position, (*name, field.clone()));
                    changed = true;
                }
            }
        }
        changed |= join_optional(&mut data.cond, other_data.cond.as_ref());
        changed |= join_optional(&mut data.element_guard, other_data.element_guard.as_ref());
        for callable in &other_data.callables {
            if let Err(position) = data.callables.binary_search(callable) {
                data.callables.insert(position, *callable);
                changed = true;
            }
        }
        for decider in &other_data.deciders {
            if let Err(position) = data.deciders.binary_search(decider) {
                data.deciders.insert(position, *decider);
                changed = true;
            }
        }
        self.normalize();
        changed
    }
}

/// The locals of a program point where paths meet, local by local. Equal values join to
/// themselves: they are skipped, so a shared value is not copied to change nothing.
impl JoinSemiLattice for [Value] {
    fn join(&mut self, other: &[Value]) -> bool {
        let mut changed = false;
        for (value, other_value) in self.iter_mut().zip(other) {
            if value != other_value {
                changed |= value.join(other_value);
            }
        }
        changed
    }
}

/// Whether every label of `small` is in `large` (both sorted), a cell label also when a union
/// in `large` holds it.
fn is_subset(small: &[(Label, Steps)], large: &[(Label, Steps)]) -> bool {
    let union = large.iter().find_map(|(label, _)| match label {
        Label::Cell(cell) if cell.is_union() => Some(*cell),
        _ => None,
    });
    small.iter().all(|(label, _)| {
        large
            .binary_search_by(|(candidate, _)| candidate.cmp(label))
            .is_ok()
            || matches!((label, union), (Label::Cell(cell), Some(union)) if union.holds(*cell))
    })
}

/// Adds `more` to the sorted set `ends`: one pass when there are many (a value that read
/// thousands of cells), insertion when there are few.
pub(crate) fn merge_sorted(ends: &mut Vec<End>, more: &[End]) {
    if more.len() <= 4 {
        for end in more {
            if let Err(position) = ends.binary_search(end) {
                ends.insert(position, *end);
            }
        }
    } else {
        merge_many(ends, more);
    }
    bound_param_ends(ends);
}

/// [`merge_sorted`]'s one pass.
fn merge_many(ends: &mut Vec<End>, more: &[End]) {
    let mut sorted = more.to_vec();
    sorted.sort();
    sorted.dedup();
    let mut merged = Vec::with_capacity(ends.len() + sorted.len());
    let (mut left, mut right) = (ends.iter().peekable(), sorted.into_iter().peekable());
    loop {
        match (left.peek(), right.peek()) {
            (Some(&&a), Some(&b)) => match a.cmp(&b) {
                std::cmp::Ordering::Less => merged.push(*left.next().expect("peeked")),
                std::cmp::Ordering::Greater => merged.push(right.next().expect("peeked")),
                std::cmp::Ordering::Equal => {
                    merged.push(a);
                    left.next();
                    right.next();
                }
            },
            (Some(_), None) => merged.extend(left.by_ref().copied()),
            (None, Some(_)) => merged.extend(right.by_ref()),
            (None, None) => break,
        }
    }
    *ends = merged;
}

/// Bounds the parameter ends of a sorted list as [`bound_labels`] bounds parameter labels: a
/// parameter's end covers its parts' (they are dropped), and more than [`MAX_LABELS`] fold
/// into whole parameters (less precise, still sound: a whole parameter's ends include its
/// fields'). Unbounded, a state machine reading hundreds of fields of its `&mut self` made
/// values with 27,000 parameter ends (brotli-decompressor's decoder with
/// `possible_personal_data` on: minutes for one fn).
fn bound_param_ends(ends: &mut Vec<End>) {
    let mut params = UncoveredParams::default();
    ends.retain(|end| match end {
        End::Param(path) => params.keep(*path),
        _ => true,
    });
    if params.0.len() > MAX_LABELS {
        for end in ends.iter_mut() {
            if let End::Param(path) = end {
                path.fields = FieldPath::new();
            }
        }
        ends.sort();
        ends.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(index: u32) -> Label {
        Label::Source(SourceId {
            function: FnId(0),
            index,
            implied: false,
            suspected: false,
        })
    }

    fn param(index: u8, fields: &[&str]) -> Label {
        let mut path = FieldPath::new();
        for field in fields {
            path = path.with(Name::new(field)).expect("short path");
        }
        Label::Param(ParamPath {
            index,
            fields: path,
        })
    }

    fn param_end(index: u8, fields: &[&str]) -> End {
        match param(index, fields) {
            Label::Param(path) => End::Param(path),
            _ => unreachable!("param builds parameter labels"),
        }
    }

    #[test]
    fn a_parameter_end_covers_its_parts_and_many_parts_fold_into_the_whole() {
        let mut ends = vec![param_end(0, &["state"]), param_end(1, &[])];
        merge_sorted(
            &mut ends,
            &[param_end(0, &["state", "window"]), param_end(1, &["x"])],
        );
        assert_eq!(ends, vec![param_end(0, &["state"]), param_end(1, &[])]);

        let names: Vec<String> = (0..=MAX_LABELS).map(|index| format!("f{index}")).collect();
        let many: Vec<End> = names
            .iter()
            .map(|name| param_end(0, &[name.as_str()]))
            .collect();
        let mut ends = vec![param_end(2, &["kept"])];
        merge_sorted(&mut ends, &many);
        assert_eq!(ends, vec![param_end(0, &[]), param_end(2, &[])]);
    }

    fn labels(taint: &Taint) -> Vec<Label> {
        taint.iter().map(|(label, _)| *label).collect()
    }

    #[test]
    fn a_whole_parameter_covers_its_parts_but_not_what_its_channel_receives() {
        let received = |index, fields: &[&str]| match param(index, fields) {
            Label::Param(path) => Label::Received(path),
            _ => unreachable!("param builds parameter labels"),
        };
        let taint = Taint::from_labels(
            [
                param(1, &["expr", "attrs"]),
                param(1, &["expr"]),
                received(1, &["expr"]),
                param(2, &["expr", "attrs"]),
                param(1, &["exprs"]),
            ]
            .into_iter()
            .map(|label| (label, Steps::default()))
            .collect(),
        );
        assert_eq!(
            labels(&taint),
            vec![
                param(1, &["expr"]),
                param(1, &["exprs"]),
                param(2, &["expr", "attrs"]),
                received(1, &["expr"]),
            ]
        );
        let mut joined = Taint::single(param(1, &["expr", "block", "stmts"]), Steps::default());
        joined.join(&taint);
        assert_eq!(labels(&joined), labels(&taint));
    }

    #[test]
    fn only_the_first_suspected_source_is_kept() {
        let suspected = |index| {
            Label::Source(SourceId {
                function: FnId(0),
                index,
                implied: false,
                suspected: true,
            })
        };
        let mut taint = Taint::single(suspected(7), Steps::default());
        taint.join(&Taint::single(source(9), Steps::default()));
        taint.join(&Taint::single(suspected(3), Steps::default()));
        assert_eq!(labels(&taint), vec![suspected(3), source(9)]);
    }

    #[test]
    fn fields_are_kept_apart_from_each_other() {
        let phone = Value::from_taint(Taint::single(source(0), Steps::default()));
        let payload = Value::with_fields(vec![
            (Name::new("phone"), phone),
            (Name::new("app_version"), Value::default()),
        ]);
        assert!(payload.field(Name::new("phone")).taint().has_data());
        assert!(!payload.field(Name::new("app_version")).taint().has_data());
        assert!(payload.has_data());
    }

    #[test]
    fn reading_a_field_of_a_parameter_names_that_field() {
        let param = Value::from_taint(Taint::single(
            Label::Param(ParamPath {
                index: 1,
                fields: FieldPath::new(),
            }),
            Steps::default(),
        ));
        let version = param.field(Name::new("app_version"));
        let labels: Vec<&Label> = version.taint().iter().map(|(label, _)| label).collect();
        assert_eq!(
            labels,
            [&Label::Param(ParamPath {
                index: 1,
                fields: FieldPath::new().with(Name::new("app_version")).unwrap(),
            })]
        );
    }

    #[test]
    fn join_keeps_the_first_path_of_a_label() {
        let span = TextSpan::default();
        let first = Taint::single(source(0), Steps::default())
            .with_step(|| StepKind::StoredIn(Name::new("a")), span);
        let second = Taint::single(source(0), Steps::default());
        let mut joined = first.clone();
        joined.join(&second);
        assert_eq!(joined.iter().next().map(|(_, steps)| steps.len()), Some(1));
    }

    #[test]
    fn a_check_on_one_branch_only_proves_nothing_after_the_join() {
        let mut checked = Value::from_cond(Cond::of_param(0));
        checked.join(&Value::default());
        assert!(checked.cond().is_none());
    }
}
