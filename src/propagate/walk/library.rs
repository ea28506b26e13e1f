//! What the walk knows of the standard library's methods, by name.

/// Methods whose result says something about a value without carrying it.
pub(super) const CLEAN_METHODS: &[&str] = &[
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
    "position",
    "hash",
    "type_id",
];

/// Methods that put their arguments into the receiver.
pub(super) const INSERTING_METHODS: &[&str] = &[
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
    "replace",
    "get_or_insert",
    "get_or_insert_with",
    "entry",
    "or_insert",
    "or_insert_with",
    "store",
    "swap",
];

/// Methods that send on a channel.
pub(super) const CHANNEL_SEND_METHODS: &[&str] = &[
    "send",
    "try_send",
    "send_timeout",
    "blocking_send",
    "unbounded_send",
    "send_async",
    "force_send",
];

/// Methods that take what was sent out of a channel.
pub(super) const CHANNEL_RECEIVE_METHODS: &[&str] = &[
    "recv",
    "try_recv",
    "recv_timeout",
    "blocking_recv",
    "recv_async",
    "iter",
    "try_iter",
    "recv_deadline",
];

/// Iterator adaptors whose closure's result replaces the element.
pub(super) const MAPPING_METHODS: &[&str] = &[
    "map",
    "filter_map",
    "flat_map",
    "map_while",
    "and_then",
    "then",
    "scan",
    "map_or_else",
];

/// Methods of a `bool` (or a Result/Option check) that keep its condition.
pub(super) const COND_KEEPING_METHODS: &[&str] = &[
    "is_ok",
    "is_some",
    "ok",
    "then_some",
    "clone",
    "to_owned",
    "await",
    "map_err",
    "ok_or",
    "ok_or_else",
    "context",
    "with_context",
    "as_ref",
    "copied",
    "cloned",
];
/// Methods of a Result/Option check that run their closure only on `Ok`/`Some`.
pub(super) const COND_CLOSURE_METHODS: &[&str] = &[
    "then",
    "map",
    "and_then",
    "inspect",
    "is_some_and",
    "is_ok_and",
    "if_some",
];
/// Methods that panic unless the check allowed: what follows is guarded.
pub(super) const COND_ASSERTING_METHODS: &[&str] = &["expect", "unwrap", "unwrap_unchecked"];
/// Methods that flip it.
pub(super) const COND_FLIPPING_METHODS: &[&str] = &["is_err", "is_none", "err"];
