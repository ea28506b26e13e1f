//! Fixture `realworld-shapes`: shapes met in real applications (the real-world test bed,
//! `eval/realworld/`) that the analysis once got wrong, each next to its guarded twin where it
//! has one.
//!
//! - `globs`: `use a::*; use b::*;` at the crate root, where `a` privately imports a name from
//!   the root: the lookup must not see `a`'s private import, and must go on to `b`;
//! - `macros`: a path call inside `json!` (`"os": System::name()`), whose `::` is no separator;
//! - `comparisons`: a check compared with a literal (`allowed() == true`,
//!   `allowed() == false`), which still decides;
//! - `urls`: a telemetry endpoint kept in a field, or passed to a helper that posts;
//! - `exchanges`: values moved by `std::mem::take`, `replace` and `swap`;
//! - `required`: a purpose with two switches, one of them the user's required choice;
//! - `shared_client`: one call of the HTTP client that sends every request, guarded or not;
//! - `weak_sender`: a channel's `send` on what a library's `upgrade()` gave, not the workspace's.

#![allow(dead_code)]

mod comparisons;
mod exchanges;
mod globs;
mod inventory;
mod macros;
mod required;
mod shared_client;
mod urls;
mod weak_sender;
mod vendor;

// `report` is found through `vendor`'s glob; `inventory` imports it privately (from here),
// which a glob import of `inventory` does not bring.
use inventory::*;
use vendor::*;

/// The device's id: personal data.
#[consent::personal(device.id)]
pub fn machine_id() -> String {
    String::from("4c4c4544-0042")
}

/// The user's choice about analytics.
#[consent::check(purpose = "analytics")]
pub fn analytics_allowed() -> bool {
    false
}

/// Through the glob of `inventory`.
pub fn modules() -> usize {
    module_count()
}
