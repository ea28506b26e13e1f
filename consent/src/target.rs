//! What kind of item an attribute sits on, so that each attribute can refuse the kinds it has no
//! meaning for and `shares` can check its `args` against the fn's parameters.

use proc_macro2::TokenStream;
use syn::{FnArg, Pat, Signature};

/// The item an attribute macro was applied to, as far as the attributes care.
pub enum Target {
    /// A free fn, a method in an impl block, or a trait method (declared or provided).
    Fn(Box<Signature>),
    Struct,
    Enum,
    TypeAlias,
    /// Any other item; the text names it in messages, with its article ("an impl block").
    Other(&'static str),
    /// syn could not parse the item (newer syntax than it knows). Rustc has parsed it already,
    /// so the item is fine: the attribute skips its item-kind check rather than fail.
    Unparsed,
}

impl Target {
    /// Classifies the tokens an attribute macro received as its item.
    pub fn parse(item: TokenStream) -> Target {
        // Bare trait method declarations (`fn f(&self);`) and some impl items (`default fn`)
        // are not free items, and syn hands them back as `Item::Verbatim`; they are retried as
        // trait and impl items.
        match syn::parse2::<syn::Item>(item.clone()) {
            Ok(syn::Item::Verbatim(_)) | Err(_) => {}
            Ok(item) => return Target::from_item(item),
        }
        match syn::parse2::<syn::TraitItem>(item.clone()) {
            Ok(syn::TraitItem::Verbatim(_)) | Err(_) => {}
            Ok(syn::TraitItem::Fn(method)) => return Target::Fn(Box::new(method.sig)),
            Ok(syn::TraitItem::Const(_)) => return Target::Other("an associated const"),
            Ok(syn::TraitItem::Type(_)) => return Target::Other("an associated type declaration"),
            Ok(_) => return Target::Other("a macro invocation"),
        }
        match syn::parse2::<syn::ImplItem>(item) {
            Ok(syn::ImplItem::Fn(method)) => Target::Fn(Box::new(method.sig)),
            Ok(syn::ImplItem::Const(_)) => Target::Other("an associated const"),
            Ok(syn::ImplItem::Type(_)) => Target::TypeAlias,
            Ok(syn::ImplItem::Macro(_)) => Target::Other("a macro invocation"),
            Ok(_) | Err(_) => Target::Unparsed,
        }
    }

    fn from_item(item: syn::Item) -> Target {
        match item {
            syn::Item::Fn(function) => Target::Fn(Box::new(function.sig)),
            syn::Item::Struct(_) => Target::Struct,
            syn::Item::Enum(_) => Target::Enum,
            syn::Item::Type(_) => Target::TypeAlias,
            syn::Item::Const(_) => Target::Other("a const"),
            syn::Item::ExternCrate(_) => Target::Other("an extern crate"),
            syn::Item::ForeignMod(_) => Target::Other("an extern block"),
            syn::Item::Impl(_) => Target::Other("an impl block"),
            syn::Item::Macro(_) => Target::Other("a macro invocation"),
            syn::Item::Mod(_) => Target::Other("a module"),
            syn::Item::Static(_) => Target::Other("a static"),
            syn::Item::Trait(_) => Target::Other("a trait"),
            syn::Item::TraitAlias(_) => Target::Other("a trait alias"),
            syn::Item::Union(_) => Target::Other("a union"),
            syn::Item::Use(_) => Target::Other("a use declaration"),
            _ => Target::Unparsed,
        }
    }

    /// The item kind with its article, for "goes on ..., not on {description}".
    pub fn description(&self) -> &'static str {
        match self {
            Target::Fn(_) => "a fn",
            Target::Struct => "a struct",
            Target::Enum => "an enum",
            Target::TypeAlias => "a type alias",
            Target::Other(description) => description,
            Target::Unparsed => "this item",
        }
    }
}

/// The names a `shares(args = [...])` entry may use: `self` for a receiver, and every parameter
/// bound to a plain name. Parameters that destructure a pattern have no single name to give.
pub fn parameter_names(signature: &Signature) -> Vec<String> {
    signature
        .inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Receiver(_) => Some("self".to_string()),
            FnArg::Typed(typed) => match &*typed.pat {
                Pat::Ident(binding) => Some(binding.ident.to_string()),
                _ => None,
            },
        })
        .collect()
}
