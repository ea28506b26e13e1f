//! Member `app` of fixture `flow-workspace`: a binary that uses the other members by crate
//! name.
//!
//! Covers (`onboarding.rs`) sinks and sources of other crates by full paths (`sdk::...`,
//! `user_model::...` for package `user-model`) and through `use`; a type and a whole crate
//! re-exported by `sdk`; `sdk`'s prelude glob; a `Classified` field of another crate; personal
//! data passed into an `sdk` helper that shares it (the finding is in `sdk/src/events.rs`) and
//! plain data into another. And (`marketing.rs`) an app type implementing `sdk`'s sharing
//! trait, `dyn` of that trait, and a renamed dependency (`ads` for package `ads-sdk`) with a
//! receiver typed by another crate's fn. Negatives: plain data, non-sink methods of the same
//! clients, and app items named like `sdk`'s sinks. Nothing is guarded.

#![allow(dead_code, unused)]

mod marketing;
mod onboarding;

fn main() {
    onboarding::complete_signup();
    onboarding::show_home();
}
