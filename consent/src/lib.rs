//! Privacy annotations for [cargo-consent]: mark which values are personal data, which calls hand
//! data to a third party, and which checks record the user's consent or opt-out.
//!
//! `cargo consent` reads these attributes from source and reports every path on which personal
//! data reaches a third party without a matching check. This crate only makes them compile: every
//! attribute emits its item unchanged and generates no code, so annotated code needs no runtime
//! support and behaves exactly as without them. What the crate does add is checking: an unknown
//! category, purpose or lint, a missing `with`, `purpose` or `reason`, or an attribute on the
//! wrong kind of item is a compile error that points at the mistake.
//!
//! | attribute | on | meaning |
//! |---|---|---|
//! | [`personal(CAT, ...)`](macro@personal) | fn, method | its return value is personal data |
//! | [`personal(CAT, ...)`](macro@personal) | struct, enum, type alias | every value of the type is |
//! | [`#[derive(Classified)]`](derive@Classified) + `#[personal(CAT)]` | field | reading the field yields personal data |
//! | [`shares(with = "R", purpose = "P")`](macro@shares) | fn, method, trait method | data passed in leaves to `R` for `P` |
//! | [`check(purpose = "P")`](macro@check) | fn, method, field | `true`/`Ok`/`Some` means the user allows `P` |
//! | [`opt_out(purpose = "P")`](macro@opt_out) | fn, method, field | `true` means the user opted out of `P` |
//! | [`token(purpose = "P")`](macro@token) | struct, enum | holding a value proves consent for `P` |
//! | [`requires(purpose = "P")`](macro@requires) | fn, method | callers must have checked `P` |
//! | [`declassify(reason = "...")`](macro@declassify) | fn, method | its return value is not personal |
//! | [`allow(LINT, reason = "...")`](macro@allow) | fn, impl block, inline module | silences `LINT` inside |
//!
//! ```
//! #[consent::personal(contact.phone_number)]
//! fn phone_number() -> String {
//!     "+1 555 0100".to_string()
//! }
//!
//! #[consent::opt_out(purpose = "analytics")]
//! fn opted_out_of_analytics() -> bool {
//!     std::env::var_os("DO_NOT_TRACK").is_some()
//! }
//!
//! #[consent::shares(with = "metrics-inc", purpose = "analytics")]
//! fn upload(_payload: &str) {}
//!
//! if !opted_out_of_analytics() {
//!     upload(&phone_number());
//! }
//! ```
//!
//! # Categories and purposes
//!
//! Categories are dotted, and a parent names all its children: `contact` covers
//! `contact.phone_number` and `contact.email`. A leaf alone is accepted where only one category
//! ends with it (`phone_number`). The built-in categories are `contact.phone_number`,
//! `contact.email`, `contact.postal_address`, `contact.address_book`, `identity.name`,
//! `identity.date_of_birth`, `identity.government_id`, `identity.account_id`, `device.id`,
//! `device.carrier`, `device.ip_address`, `device.hostname`, `device.info`, `location.precise`,
//! `location.coarse`, `activity.usage`, `activity.messages`, `financial`, `health`, `biometric`
//! and `credentials`. The built-in purposes are `ads`, `analytics`, `personalization`,
//! `friend_suggestions`, `product_improvement`, `crash_reporting`, `security` and `essential`.
//!
//! A project adds its own with `categories = [...]` and `purposes = [...]` at the top of a
//! `consent.toml` (in the crate's directory or any parent up to the workspace root), or in
//! `[package.metadata.consent]` / `[workspace.metadata.consent]` of `Cargo.toml`. Names given
//! only in a file passed to `cargo consent --config` are unknown to this crate: put them in one of
//! those places instead. A config that cannot be read is ignored here; `cargo consent` reports it.
//!
//! # Known limits
//!
//! - Attribute macros cannot go on a module declared as `mod name;` (that is unstable in Rust),
//!   so `#[consent::allow]` on a module needs an inline module `mod name { ... }`, or goes on the
//!   items inside the file instead.
//! - Rust allows attribute macros on items only, so fields are annotated through
//!   [`#[derive(Classified)]`](derive@Classified) and its helpers, written without a path
//!   (`#[personal(...)]`, not `#[consent::personal(...)]`).
//! - A change to the config does not by itself make cargo rebuild a crate that compiled before;
//!   names removed from the config are still caught by `cargo consent`.
//!
//! [cargo-consent]: https://github.com/cargo-consent/cargo-consent

use proc_macro::TokenStream;

mod args;
mod attributes;
mod classified;
mod config;
mod config_places;
mod errors;
mod lint_names;
mod target;
// Shared with the scanner through `#[path]`; not every fn in it is needed here.
#[allow(dead_code)]
mod taxonomy;
mod vocabulary;

use target::Target;

/// Marks personal data: the return value of a fn or method, or every value of a struct, enum or
/// type alias.
///
/// Takes one or more categories, dotted (`contact.phone_number`), as a parent (`contact`), as an
/// unambiguous leaf (`phone_number`), or as a string literal (`"device.id"`).
///
/// ```
/// #[consent::personal(contact.phone_number)]
/// fn phone_number() -> String {
///     "+1 555 0100".to_string()
/// }
///
/// #[consent::personal(device.id, "device.carrier")]
/// struct DeviceReport {
///     imei: String,
///     mcc_mnc: String,
/// }
///
/// #[consent::personal(location)]
/// type Coordinates = (f64, f64);
/// ```
#[proc_macro_attribute]
pub fn personal(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(args, item, attributes::personal)
}

/// Marks a fn or method that hands the data passed to it (every argument, `self` included) to
/// the third party `with`, for `purpose`.
///
/// `args = ["name", ...]` limits which parameters count (`"self"` for the receiver). Goes on
/// trait method declarations too, which makes every implementation a share.
///
/// ```
/// trait Telemetry {
///     #[consent::shares(with = "metrics-inc", purpose = "analytics", args = ["event"])]
///     fn send(&self, endpoint: &str, event: &str);
/// }
/// ```
#[proc_macro_attribute]
pub fn shares(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(args, item, attributes::shares)
}

/// Marks a consent check: a fn or method whose `true` (or `Ok`, or `Some`) result means the user
/// allows `purpose`, optionally only for the recipient `with`. Without `purpose`, it allows every
/// purpose.
///
/// ```
/// struct Settings {
///     ads: bool,
/// }
///
/// impl Settings {
///     #[consent::check(purpose = "ads", with = "adnet")]
///     fn allows_ads(&self) -> bool {
///         self.ads
///     }
/// }
/// ```
#[proc_macro_attribute]
pub fn check(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(args, item, attributes::check)
}

/// Marks an opt-out check: a fn or method whose `true` result means the user opted out of
/// `purpose`, so sharing for it is forbidden. Without `purpose`, it opts out of all sharing.
/// Takes `with` like [`macro@check`].
///
/// ```
/// #[consent::opt_out(purpose = "analytics")]
/// fn do_not_track() -> bool {
///     std::env::var_os("DO_NOT_TRACK").is_some()
/// }
/// ```
#[proc_macro_attribute]
pub fn opt_out(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(args, item, attributes::opt_out)
}

/// Marks a consent capability: a struct or enum whose values may only be created once the user
/// allowed `purpose`, so that a share made with one in hand is guarded.
///
/// ```
/// #[consent::token(purpose = "analytics")]
/// struct AnalyticsConsent(());
/// ```
#[proc_macro_attribute]
pub fn token(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(args, item, attributes::token)
}

/// Marks a fn or method whose callers must have checked `purpose`: shares for it inside count as
/// guarded, and each call is checked instead.
///
/// ```
/// #[consent::requires(purpose = "ads")]
/// fn show_targeted_ad(_user_id: u64) {}
/// ```
#[proc_macro_attribute]
pub fn requires(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(args, item, attributes::requires)
}

/// Marks a fn or method whose return value is not personal data even when its inputs are
/// (aggregates, k-anonymous counts). `reason` is mandatory.
///
/// ```
/// #[consent::declassify(reason = "a count over at least 100 users identifies nobody")]
/// fn active_users(ids: &[u64]) -> usize {
///     ids.len()
/// }
/// ```
#[proc_macro_attribute]
pub fn declassify(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(args, item, attributes::declassify)
}

/// Silences one cargo-consent lint inside a fn, impl block or inline module. `reason` is
/// mandatory.
///
/// The lints are `unguarded_share`, `purpose_mismatch`, `ignored_check`, `unchecked_token`,
/// `unknown_category`, `unknown_purpose`, `possible_personal_data` and `parse_error`. A module
/// declared as `mod name;` cannot take an attribute macro in stable Rust; annotate the items in
/// its file instead.
///
/// ```
/// #[consent::allow(unguarded_share, reason = "writes a local file the user asked for")]
/// mod export {
///     pub fn dump_profile() {}
/// }
/// ```
#[proc_macro_attribute]
pub fn allow(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(args, item, attributes::allow)
}

/// Validates the field annotations of a struct or enum and generates nothing.
///
/// Rust allows attribute macros on items, not on fields, so fields take the derive's helper
/// attributes instead: `#[personal(CAT, ...)]`, `#[check(...)]` and `#[opt_out(...)]`, with the
/// arguments of [`macro@personal`], [`macro@check`] and [`macro@opt_out`].
///
/// ```
/// #[derive(consent::Classified)]
/// struct Profile {
///     #[personal(phone_number)]
///     phone: String,
///     #[opt_out(purpose = "ads")]
///     no_ads: bool,
///     app_version: String,
/// }
/// ```
#[proc_macro_derive(Classified, attributes(personal, check, opt_out))]
pub fn classified(input: TokenStream) -> TokenStream {
    match classified::classified(input.into()) {
        Ok(()) => TokenStream::new(),
        Err(error) => error.to_compile_error().into(),
    }
}

/// Runs one attribute's validation and hands the item back unchanged. On errors the item is
/// emitted after them, so that a bad annotation causes exactly its own errors and no "cannot
/// find function" cascade at every use of the item.
fn expand(
    args: TokenStream,
    item: TokenStream,
    validate: fn(proc_macro2::TokenStream, &Target) -> syn::Result<()>,
) -> TokenStream {
    let target = Target::parse(item.clone().into());
    match validate(args.into(), &target) {
        Ok(()) => item,
        Err(error) => {
            let mut output = error.to_compile_error();
            output.extend(proc_macro2::TokenStream::from(item));
            output.into()
        }
    }
}
