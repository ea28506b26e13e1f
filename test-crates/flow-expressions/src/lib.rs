//! Fixture `flow-expressions`: how personal data propagates through expressions, and where it
//! stops.
//!
//! Covers (one file each): bindings, operators, conversions (`.clone()`, `.into()`,
//! `.to_string()`, `.to_owned()`), method calls and construction (`values.rs`); `?`, `.await`,
//! `match`/`if let`/`let else`/`while let`/`for` bindings, branches and loops, and
//! flow-sensitivity: overwritten, not yet assigned, shadowed (`control.rs`); closures and their
//! captures, `std::thread::spawn` and `tokio::spawn` (`closures.rs`); iterator adaptors
//! (`iterators.rs`); `format!`, `write!`, `println!` (not a sink), `serde_json::json!`,
//! `lazy_static!`, `thread_local!`, `tokio::select!`, `tokio::join!`, `futures::select!`,
//! `matches!` and a local `macro_rules!` (`macros.rs`); std, tokio and crossbeam channels
//! (`channels.rs`); and the stoppers: comparisons, boolean results, `.len()`, `.is_empty()`,
//! `.is_some()`/`.is_none()`, `.is_ok()`/`.is_err()`, `.count()`, `declassify`
//! (`stoppers.rs`). Nothing is guarded: every marked case is an `unguarded_share`.

#![allow(dead_code, unused)]

mod api;
mod channels;
mod closures;
mod control;
mod iterators;
mod macros;
mod stoppers;
mod values;
