//! What cargo-consent knows of the standard library (and the few library types every crate
//! uses the same way), in one table, as clippy keeps its paths in `clippy_utils/src/paths.rs`.
//!
//! Resolution reads it to give results their types and to leave calls of these methods to the
//! library (a call of `.map()` on a value of unknown type is `Iterator::map` or `Option::map`,
//! not a workspace method of that name), and records the row a call matched in its site;
//! propagation applies that row (what the result carries, what it does to a check, to a
//! channel) and never looks at the method's name again.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::names::Name;

/// Wrappers whose methods are those of what they hold (`Box<T>`, `Arc<T>`), the lazily made
/// values of statics among them (`static CLIENT: LazyLock<Client>`, once_cell's `Lazy`), and
/// the guards a lock or a `RefCell` hands out.
pub const SMART_POINTERS: &[&str] = &[
    "Box",
    "Rc",
    "Arc",
    "Cow",
    "LazyLock",
    "Lazy",
    "MutexGuard",
    "RwLockReadGuard",
    "RwLockWriteGuard",
    "Ref",
    "RefMut",
];

/// Containers a `for` loop (or `.iter()`) yields the first generic argument of.
pub const SEQUENCES: &[&str] = &[
    "Vec",
    "VecDeque",
    "HashSet",
    "BTreeSet",
    "BinaryHeap",
    "LinkedList",
    "Option",
    "IntoIter",
    "Iter",
    "IterMut",
    "Receiver",
    "UnboundedReceiver",
];

/// Types that hand out what they hold through `.borrow()`, `.get()`, `.unwrap()`, `.get_mut()`
/// (a lock's `.lock()` is [`Returns::Guarded`]).
pub const HOLDERS: &[&str] = &[
    "Option", "Result", "Mutex", "RwLock", "RefCell", "Cell", "OnceCell", "OnceLock",
];

/// Locks whose `.lock()`, `.read()` and `.write()` hand out a guard of what they hold.
pub const LOCKS: &[&str] = &["Mutex", "RwLock"];

/// The ends of the channels below: a method called on one is a channel operation.
pub const CHANNEL_ENDS: &[&str] = &[
    "Sender",
    "SyncSender",
    "UnboundedSender",
    "WeakSender",
    "WeakUnboundedSender",
    "Receiver",
    "UnboundedReceiver",
];

/// Calls of these create a channel, whose sender and receiver share what is sent.
pub const CHANNEL_CONSTRUCTORS: &[&[&str]] = &[
    &["mpsc", "channel"],
    &["mpsc", "sync_channel"],
    &["mpsc", "unbounded_channel"],
    &["oneshot", "channel"],
    &["broadcast", "channel"],
    &["watch", "channel"],
    &["crossbeam_channel", "unbounded"],
    &["crossbeam_channel", "bounded"],
    &["crossbeam", "channel", "unbounded"],
    &["crossbeam", "channel", "bounded"],
    &["flume", "unbounded"],
    &["flume", "bounded"],
    &["async_channel", "unbounded"],
    &["async_channel", "bounded"],
];

/// What a std fn that moves values between places does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exchange {
    /// `mem::swap(&mut a, &mut b)`: each place takes the other's value.
    Swap,
    /// `mem::replace(&mut a, b)`: `a` takes `b`, the result is `a`'s old value.
    Replace,
    /// `mem::take(&mut a)`: `a` is emptied, the result is its old value.
    Take,
}

impl Exchange {
    /// The fn, as a message names it.
    pub fn path(self) -> &'static str {
        match self {
            Exchange::Swap => "std::mem::swap",
            Exchange::Replace => "std::mem::replace",
            Exchange::Take => "std::mem::take",
        }
    }
}

/// Std fns that move what their arguments hold, by their last segments.
const EXCHANGES: &[(&[&str], Exchange)] = &[
    (&["mem", "swap"], Exchange::Swap),
    (&["mem", "replace"], Exchange::Replace),
    (&["mem", "take"], Exchange::Take),
];

/// What a library fn moves between places, if it is one of [`EXCHANGES`].
/// Std wrappers made around one value (`Arc::new(options)`, `Mutex::new(state)`): what they
/// hold is that value, field for field.
const WRAPPERS: &[&str] = &["Box", "Rc", "Arc", "Mutex", "RwLock", "RefCell", "Cell"];

/// Whether the call makes a std wrapper around its only argument.
pub fn wraps_argument(path: &[Name]) -> bool {
    matches!(path, [.., wrapper, new]
        if new.as_str() == "new" && WRAPPERS.contains(&wrapper.as_str()))
}

pub fn exchange(path: &[Name]) -> Option<Exchange> {
    EXCHANGES
        .iter()
        .find(|(suffix, _)| crate::names::ends_with(path, suffix))
        .map(|(_, exchange)| *exchange)
}

/// The type a method's result has, given its receiver's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Returns {
    /// The receiver's type (`clone`, iterator adaptors, `collect`).
    Same,
    /// What the receiver holds (`unwrap`, `borrow`).
    Held,
    /// What a lock's guard holds (`lock`, `read`, `write`): through std's `LockResult`,
    /// opened by `.unwrap()` or `?`; directly from an async lock (`.lock().await`).
    Guarded,
    /// One element of the receiver, in an `Option` (`first`, `next`, `get`).
    Element,
    /// A `String` (`to_string`, `trim`).
    Text,
    /// Not known from the receiver.
    Unknown,
}

/// What a method's result carries of its receiver and arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carries {
    /// Everything that went in (the receiver, the arguments, what closures given return).
    Everything,
    /// Nothing personal: a `bool`, a count, an ordering.
    Nothing,
    /// What the closure it is given returns, not the receiver's elements (`map`).
    ClosureResults,
}

/// What a method does with the check value it is called on (a `bool`, or the Result/Option
/// a check returns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnCheck {
    /// Nothing known: the result is no longer the check's.
    Drops,
    /// The result is the same check (`is_ok`, `clone`, `.await`, `ok()`).
    Keeps,
    /// The result is the opposite (`is_err`, `is_none`).
    Flips,
    /// It runs its closure only when the check allowed (`then`, `map`, `and_then`).
    RunsClosureWhenAllowed,
    /// It panics unless the check allowed (`unwrap`, `expect`): what follows is guarded.
    Asserts,
}

/// What a method does to a channel end it is called on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelOp {
    Send,
    Receive,
}

/// One well-known method.
#[derive(Debug, Clone, Copy)]
pub struct LibraryMethod {
    pub name: &'static str,
    pub returns: Returns,
    pub carries: Carries,
    pub on_check: OnCheck,
    /// What it is on a channel end (`send`, `recv`; `iter` on a receiver).
    pub channel: Option<ChannelOp>,
    /// Its name alone says it is a channel operation (`send`, `recv`, not `iter`): on a
    /// receiver of unknown type, it is one.
    pub channel_by_name: bool,
    /// It puts its arguments into its receiver (`push`, `insert`, `extend`).
    pub inserts: bool,
    /// Its closure decides which elements go on (`filter`, `take_while`): a check there
    /// guards every element after it.
    pub filters: bool,
    /// Its closure is given what the receiver holds, not its elements (`Option::map`).
    pub closure_takes_held: bool,
    /// A statement that calls it for its effect passes through to its receiver:
    /// `event.insert(k, v).unwrap();` is a call of `insert` whose result is thrown away.
    pub passes_through: bool,
}

impl LibraryMethod {
    const fn new(name: &'static str) -> LibraryMethod {
        LibraryMethod {
            name,
            returns: Returns::Unknown,
            carries: Carries::Everything,
            on_check: OnCheck::Drops,
            channel: None,
            channel_by_name: false,
            inserts: false,
            filters: false,
            closure_takes_held: false,
            passes_through: false,
        }
    }

    const fn returns(self, returns: Returns) -> LibraryMethod {
        LibraryMethod { returns, ..self }
    }

    const fn carries(self, carries: Carries) -> LibraryMethod {
        LibraryMethod { carries, ..self }
    }

    const fn on_check(self, on_check: OnCheck) -> LibraryMethod {
        LibraryMethod { on_check, ..self }
    }

    /// A channel operation whatever the receiver (`send`, `recv`).
    const fn channel(self, channel: ChannelOp) -> LibraryMethod {
        LibraryMethod {
            channel: Some(channel),
            channel_by_name: true,
            ..self
        }
    }

    /// A channel operation on a receiver known to be a channel end (`iter` on a `Receiver`).
    const fn channel_on_ends(self, channel: ChannelOp) -> LibraryMethod {
        LibraryMethod {
            channel: Some(channel),
            ..self
        }
    }

    const fn inserts(self) -> LibraryMethod {
        LibraryMethod {
            inserts: true,
            ..self
        }
    }

    const fn filters(self) -> LibraryMethod {
        LibraryMethod {
            filters: true,
            ..self
        }
    }

    const fn closure_takes_held(self) -> LibraryMethod {
        LibraryMethod {
            closure_takes_held: true,
            ..self
        }
    }

    const fn passes_through(self) -> LibraryMethod {
        LibraryMethod {
            passes_through: true,
            ..self
        }
    }

    /// A question: its answer carries nothing (`len`, `is_empty`, `contains`).
    const fn question(name: &'static str) -> LibraryMethod {
        LibraryMethod::new(name).carries(Carries::Nothing)
    }
}

use Carries::ClosureResults;
use OnCheck::{Asserts, Flips, Keeps, RunsClosureWhenAllowed};
use Returns::{Element, Guarded, Held, Same, Text};

/// The methods of std's types and traits (`Iterator`, `Option`, `Result`, `Vec`, `HashMap`,
/// `String`, `Clone`, `Into`, `Mutex`, channels, ...) that the analysis knows. A method of one
/// of these names on a receiver of unknown type is taken to be std's, never an unannotated
/// workspace method of the same name.
const METHODS: &[LibraryMethod] = &[
    // Conversions and copies: the same value.
    LibraryMethod::new("clone").returns(Same).on_check(Keeps),
    LibraryMethod::new("to_owned").returns(Same).on_check(Keeps),
    LibraryMethod::new("await")
        .returns(Same)
        .on_check(Keeps)
        .passes_through(),
    LibraryMethod::new("as_ref").returns(Same).on_check(Keeps),
    LibraryMethod::new("as_mut").returns(Same),
    LibraryMethod::new("deref").returns(Same),
    LibraryMethod::new("deref_mut").returns(Same),
    LibraryMethod::new("borrow").returns(Held),
    LibraryMethod::new("borrow_mut").returns(Held),
    LibraryMethod::new("into"),
    LibraryMethod::new("try_into"),
    LibraryMethod::new("from"),
    LibraryMethod::new("as_str"),
    LibraryMethod::new("as_bytes"),
    LibraryMethod::new("into_bytes"),
    LibraryMethod::new("to_vec").returns(Same),
    LibraryMethod::new("to_string").returns(Text),
    LibraryMethod::new("to_uppercase").returns(Text),
    LibraryMethod::new("to_lowercase").returns(Text),
    LibraryMethod::new("trim").returns(Text),
    LibraryMethod::new("fmt"),
    LibraryMethod::new("default"),
    // Option and Result.
    LibraryMethod::new("unwrap")
        .returns(Held)
        .on_check(Asserts)
        .passes_through(),
    LibraryMethod::new("expect")
        .returns(Held)
        .on_check(Asserts)
        .passes_through(),
    LibraryMethod::new("unwrap_unchecked")
        .returns(Held)
        .on_check(Asserts),
    // What a check holds, or a default: compared with a literal, still the check
    // (`env::var("DO_NOT_TRACK").unwrap_or_default() == "1"`).
    LibraryMethod::new("unwrap_or")
        .returns(Held)
        .on_check(Keeps),
    LibraryMethod::new("unwrap_or_default")
        .returns(Held)
        .on_check(Keeps),
    LibraryMethod::new("unwrap_or_else")
        .returns(Held)
        .on_check(Keeps)
        .closure_takes_held(),
    LibraryMethod::new("ok").on_check(Keeps).passes_through(),
    LibraryMethod::new("err").on_check(Flips),
    LibraryMethod::new("ok_or").on_check(Keeps),
    LibraryMethod::new("ok_or_else").on_check(Keeps),
    LibraryMethod::new("map_err").on_check(Keeps),
    LibraryMethod::new("context").on_check(Keeps),
    LibraryMethod::new("with_context").on_check(Keeps),
    LibraryMethod::new("then_some").on_check(Keeps),
    LibraryMethod::new("then")
        .carries(ClosureResults)
        .on_check(RunsClosureWhenAllowed),
    LibraryMethod::new("map")
        .carries(ClosureResults)
        .on_check(RunsClosureWhenAllowed)
        .closure_takes_held(),
    LibraryMethod::new("and_then")
        .carries(ClosureResults)
        .on_check(RunsClosureWhenAllowed)
        .closure_takes_held(),
    LibraryMethod::new("map_or").closure_takes_held(),
    LibraryMethod::new("map_or_else")
        .carries(ClosureResults)
        .closure_takes_held(),
    LibraryMethod::new("if_some").on_check(RunsClosureWhenAllowed),
    LibraryMethod::new("inspect")
        .returns(Same)
        .on_check(RunsClosureWhenAllowed)
        .closure_takes_held(),
    LibraryMethod::new("as_deref").returns(Held).on_check(Keeps),
    LibraryMethod::new("take").returns(Same),
    LibraryMethod::new("get_or_insert").inserts(),
    LibraryMethod::new("get_or_insert_with").inserts(),
    LibraryMethod::new("get_or_init")
        .returns(Held)
        .closure_takes_held(),
    LibraryMethod::question("is_some").on_check(Keeps),
    LibraryMethod::question("is_ok").on_check(Keeps),
    LibraryMethod::question("is_none").on_check(Flips),
    LibraryMethod::question("is_err").on_check(Flips),
    LibraryMethod::question("is_some_and")
        .on_check(RunsClosureWhenAllowed)
        .closure_takes_held(),
    LibraryMethod::question("is_ok_and")
        .on_check(RunsClosureWhenAllowed)
        .closure_takes_held(),
    LibraryMethod::question("is_none_or"),
    LibraryMethod::question("is_err_and"),
    // Locks and cells.
    LibraryMethod::new("lock").returns(Guarded),
    LibraryMethod::new("read").returns(Guarded),
    LibraryMethod::new("write").returns(Guarded),
    LibraryMethod::new("get_mut").returns(Held),
    LibraryMethod::new("into_inner").returns(Held),
    LibraryMethod::new("set").inserts(),
    LibraryMethod::new("replace").inserts(),
    LibraryMethod::new("swap").inserts(),
    LibraryMethod::new("store").inserts(),
    LibraryMethod::new("load"),
    // Iterators.
    LibraryMethod::new("iter")
        .returns(Same)
        .channel_on_ends(ChannelOp::Receive),
    LibraryMethod::new("iter_mut").returns(Same),
    LibraryMethod::new("into_iter").returns(Same),
    LibraryMethod::new("try_iter")
        .returns(Same)
        .channel_on_ends(ChannelOp::Receive),
    LibraryMethod::new("drain").returns(Same),
    LibraryMethod::new("by_ref").returns(Same),
    LibraryMethod::new("cloned").returns(Same).on_check(Keeps),
    LibraryMethod::new("copied").returns(Same).on_check(Keeps),
    LibraryMethod::new("rev").returns(Same),
    LibraryMethod::new("skip").returns(Same),
    LibraryMethod::new("peekable").returns(Same),
    LibraryMethod::new("chain").returns(Same),
    LibraryMethod::new("step_by").returns(Same),
    LibraryMethod::new("fuse").returns(Same),
    LibraryMethod::new("enumerate"),
    LibraryMethod::new("zip"),
    LibraryMethod::new("flatten"),
    LibraryMethod::new("collect").returns(Same),
    LibraryMethod::new("sum"),
    LibraryMethod::new("product"),
    LibraryMethod::new("fold"),
    LibraryMethod::new("try_fold"),
    LibraryMethod::new("reduce"),
    LibraryMethod::new("for_each"),
    LibraryMethod::new("filter")
        .returns(Same)
        .filters()
        .closure_takes_held(),
    LibraryMethod::new("with").closure_takes_held(),
    LibraryMethod::new("take_while").returns(Same).filters(),
    LibraryMethod::new("skip_while").returns(Same).filters(),
    LibraryMethod::new("filter_map")
        .carries(ClosureResults)
        .filters(),
    LibraryMethod::new("find").returns(Element).filters(),
    LibraryMethod::new("flat_map").carries(ClosureResults),
    LibraryMethod::new("map_while").carries(ClosureResults),
    LibraryMethod::new("scan").carries(ClosureResults),
    LibraryMethod::new("find_map").carries(ClosureResults),
    LibraryMethod::new("first").returns(Element),
    LibraryMethod::new("last").returns(Element),
    LibraryMethod::new("next").returns(Element),
    LibraryMethod::new("next_back").returns(Element),
    LibraryMethod::new("nth").returns(Element),
    LibraryMethod::new("peek").returns(Element),
    LibraryMethod::new("max").returns(Element),
    LibraryMethod::new("min").returns(Element),
    LibraryMethod::new("max_by_key").returns(Element),
    LibraryMethod::new("min_by_key").returns(Element),
    LibraryMethod::question("count"),
    LibraryMethod::question("any"),
    LibraryMethod::question("all"),
    LibraryMethod::question("position"),
    // Collections and strings.
    LibraryMethod::new("get").returns(Element),
    LibraryMethod::new("pop").returns(Element),
    LibraryMethod::new("pop_front").returns(Element),
    LibraryMethod::new("pop_back").returns(Element),
    LibraryMethod::new("remove"),
    LibraryMethod::new("values").returns(Same),
    LibraryMethod::new("keys").returns(Same),
    LibraryMethod::new("split"),
    LibraryMethod::new("join"),
    LibraryMethod::new("concat"),
    LibraryMethod::new("push").inserts(),
    LibraryMethod::new("push_str").inserts(),
    LibraryMethod::new("push_back").inserts(),
    LibraryMethod::new("push_front").inserts(),
    LibraryMethod::new("insert").inserts(),
    LibraryMethod::new("extend").inserts(),
    LibraryMethod::new("append").inserts(),
    LibraryMethod::new("extend_from_slice").inserts(),
    LibraryMethod::new("entry").inserts(),
    LibraryMethod::new("or_insert").inserts(),
    LibraryMethod::new("or_insert_with").inserts(),
    LibraryMethod::new("or_default"),
    LibraryMethod::new("write_all").inserts(),
    LibraryMethod::new("write_str").inserts(),
    LibraryMethod::new("write_fmt").inserts(),
    LibraryMethod::new("sort"),
    LibraryMethod::new("dedup"),
    LibraryMethod::new("retain"),
    LibraryMethod::new("truncate"),
    LibraryMethod::question("clear"),
    LibraryMethod::question("len"),
    LibraryMethod::question("is_empty"),
    LibraryMethod::question("capacity"),
    LibraryMethod::question("contains"),
    LibraryMethod::question("contains_key"),
    LibraryMethod::question("starts_with"),
    LibraryMethod::question("ends_with"),
    // Comparisons and hashing.
    LibraryMethod::question("eq"),
    LibraryMethod::question("ne"),
    LibraryMethod::question("lt"),
    LibraryMethod::question("le"),
    LibraryMethod::question("gt"),
    LibraryMethod::question("ge"),
    LibraryMethod::question("cmp"),
    LibraryMethod::question("partial_cmp"),
    LibraryMethod::question("hash"),
    LibraryMethod::question("type_id"),
    // Channels.
    LibraryMethod::new("send").channel(ChannelOp::Send),
    LibraryMethod::new("try_send").channel(ChannelOp::Send),
    LibraryMethod::new("send_timeout").channel(ChannelOp::Send),
    LibraryMethod::new("blocking_send").channel(ChannelOp::Send),
    LibraryMethod::new("unbounded_send").channel(ChannelOp::Send),
    LibraryMethod::new("send_async").channel(ChannelOp::Send),
    LibraryMethod::new("force_send").channel(ChannelOp::Send),
    LibraryMethod::new("recv").channel(ChannelOp::Receive),
    LibraryMethod::new("try_recv").channel(ChannelOp::Receive),
    LibraryMethod::new("recv_timeout").channel(ChannelOp::Receive),
    LibraryMethod::new("recv_deadline").channel(ChannelOp::Receive),
    LibraryMethod::new("blocking_recv").channel(ChannelOp::Receive),
    LibraryMethod::new("recv_async").channel(ChannelOp::Receive),
];

/// The row of a method name, if the analysis knows one.
pub fn method(name: Name) -> Option<&'static LibraryMethod> {
    static BY_NAME: OnceLock<HashMap<Name, &'static LibraryMethod>> = OnceLock::new();
    BY_NAME
        .get_or_init(|| {
            METHODS
                .iter()
                .map(|method| (Name::new(method.name), method))
                .collect()
        })
        .get(&name)
        .copied()
}

/// Whether a fn path names one of `paths` (by its last segments: `std::sync::mpsc::channel`
/// and an imported `mpsc::channel` both end with `mpsc::channel`).
pub fn is_one_of(path: &[Name], paths: &[&[&str]]) -> bool {
    paths
        .iter()
        .any(|suffix| crate::names::ends_with(path, suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_method_has_one_row() {
        let mut names: Vec<&str> = METHODS.iter().map(|method| method.name).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "a method name is in the table twice");
    }

    #[test]
    fn rows_are_found_by_name() {
        let map = method(Name::new("map")).expect("map is known");
        assert_eq!(map.carries, Carries::ClosureResults);
        assert_eq!(map.on_check, OnCheck::RunsClosureWhenAllowed);
        assert!(method(Name::new("report_metrics")).is_none());
    }
}
