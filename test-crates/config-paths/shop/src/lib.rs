//! Member `shop` of fixture `config-paths`: a crate with a module of its own name, described
//! only by the workspace's consent.toml.
//!
//! Covers `shop::upload_order` and `shop::shop::Customer::email` (the crate's root, though
//! `shop` is also a module here), the short paths `Opt::no_analytics`, `cli::Opt::no_ads` and
//! `mail::Mailer::send`, and a private field named in a `[[source]]` (`Tracker::key`), which a
//! read in another module cannot be. Found: a customer's email sent to the fulfilment partner
//! and to the newsletter vendor without a check. Clean: the same behind the opt-outs, and a
//! voucher's `key` read where the type is not known.

pub mod cli;
pub mod mail;
pub mod shop;
pub mod telemetry;

/// Sends an order to the fulfilment partner (a `[[sink]]` for `analytics`).
pub fn upload_order(order: &str) {
    let _ = order;
}
