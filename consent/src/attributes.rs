//! One validation fn per attribute: which items it goes on and which arguments it takes.
//!
//! Each returns every problem it finds at once. The argument checks are shared with the derive
//! helpers of `Classified` (`#[personal]`, `#[check]`, `#[opt_out]` on fields), which is why they
//! take a [`Site`] instead of assuming an attribute macro.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::LitStr;

use crate::args::{parse_args, Arg, KeyArgs};
use crate::config::{project_vocabulary, ProjectVocabulary};
use crate::errors::Errors;
use crate::target::{parameter_names, Target};
use crate::taxonomy::closest_name;
use crate::vocabulary::{check_category, check_lint, check_purpose};

const MISSING_WITH: &str = "missing `with = \"...\"`: name the third party that receives the data";

/// Where an attribute is written: how messages name it, and what an error about the attribute as
/// a whole underlines.
pub struct Site {
    label: String,
    /// Empty for an attribute macro, whose errors then point at the whole attribute (the call
    /// site); the helper attribute itself for a derive helper.
    anchor: TokenStream,
}

impl Site {
    fn attribute_macro(name: &str) -> Site {
        Site {
            label: format!("#[consent::{name}]"),
            anchor: TokenStream::new(),
        }
    }

    pub fn derive_helper(attribute: &syn::Attribute) -> Site {
        let name = attribute.path().to_token_stream().to_string();
        Site {
            label: format!("#[{name}]"),
            anchor: attribute.to_token_stream(),
        }
    }

    fn error(&self, message: impl std::fmt::Display) -> syn::Error {
        syn::Error::new_spanned(&self.anchor, message)
    }

    fn key_args(&self, args: Vec<Arg>, accepted: &[&str], errors: &mut Errors) -> KeyArgs {
        KeyArgs::new(&self.label, self.anchor.clone(), args, accepted, errors)
    }
}

/// `#[consent::personal(CAT, ...)]` on a fn, method, struct, enum or type alias.
pub fn personal(args: TokenStream, target: &Target) -> syn::Result<()> {
    let site = Site::attribute_macro("personal");
    let mut errors = Errors::default();
    if !matches!(
        target,
        Target::Fn(_) | Target::Struct | Target::Enum | Target::TypeAlias | Target::Unparsed
    ) {
        errors.push(wrong_item(
            &site,
            "a fn, method, struct, enum or type alias",
            target,
        ));
    }
    personal_args(args, &site, &project_vocabulary(), &mut errors);
    errors.finish()
}

/// `#[consent::shares(with = "R", purpose = "P", args = [...])]` on a fn or method.
pub fn shares(args: TokenStream, target: &Target) -> syn::Result<()> {
    let site = Site::attribute_macro("shares");
    let mut errors = Errors::default();
    expect_fn(&site, target, &mut errors);
    let Some(args) = errors.take(parse_args(args)) else {
        return errors.finish();
    };
    let keys = site.key_args(args, &["with", "purpose", "args"], &mut errors);
    keys.required_str("with", MISSING_WITH, &mut errors);
    let purpose = keys.required_str(
        "purpose",
        "missing `purpose = \"...\"`: name what the third party uses the data for, \
         like `analytics`",
        &mut errors,
    );
    check_purpose_if_given(purpose.as_ref(), &project_vocabulary(), &mut errors);
    if let (Some(names), Target::Fn(signature)) =
        (keys.optional_str_list("args", &mut errors), target)
    {
        check_parameter_names(&names, &parameter_names(signature), &mut errors);
    }
    errors.finish()
}

/// `#[consent::check]`, optionally with `purpose` and `with`, on a fn or method.
pub fn check(args: TokenStream, target: &Target) -> syn::Result<()> {
    let site = Site::attribute_macro("check");
    let mut errors = Errors::default();
    expect_fn(&site, target, &mut errors);
    check_args(args, &site, &project_vocabulary(), &mut errors);
    errors.finish()
}

/// `#[consent::opt_out]`, optionally with `purpose` and `with`, on a fn or method.
pub fn opt_out(args: TokenStream, target: &Target) -> syn::Result<()> {
    let site = Site::attribute_macro("opt_out");
    let mut errors = Errors::default();
    expect_fn(&site, target, &mut errors);
    check_args(args, &site, &project_vocabulary(), &mut errors);
    errors.finish()
}

/// `#[consent::token(purpose = "P")]` on a struct or enum.
pub fn token(args: TokenStream, target: &Target) -> syn::Result<()> {
    let site = Site::attribute_macro("token");
    let mut errors = Errors::default();
    if !matches!(target, Target::Struct | Target::Enum | Target::Unparsed) {
        errors.push(wrong_item(&site, "a struct or enum", target));
    }
    required_purpose(
        args,
        &site,
        "missing `purpose = \"...\"`: name the purpose a value of this type stands for",
        &mut errors,
    );
    errors.finish()
}

/// `#[consent::requires(purpose = "P")]` on a fn or method.
pub fn requires(args: TokenStream, target: &Target) -> syn::Result<()> {
    let site = Site::attribute_macro("requires");
    let mut errors = Errors::default();
    expect_fn(&site, target, &mut errors);
    required_purpose(
        args,
        &site,
        "missing `purpose = \"...\"`: name the purpose every caller must have checked",
        &mut errors,
    );
    errors.finish()
}

/// `#[consent::declassify(reason = "...")]` on a fn or method.
pub fn declassify(args: TokenStream, target: &Target) -> syn::Result<()> {
    let site = Site::attribute_macro("declassify");
    let mut errors = Errors::default();
    expect_fn(&site, target, &mut errors);
    let Some(args) = errors.take(parse_args(args)) else {
        return errors.finish();
    };
    let keys = site.key_args(args, &["reason"], &mut errors);
    keys.required_str(
        "reason",
        "missing `reason = \"...\"`: say why the return value is not personal data",
        &mut errors,
    );
    errors.finish()
}

/// `#[consent::allow(LINT, reason = "...")]` on any item; the scanner reads it on fns, impl
/// blocks and modules.
pub fn allow(args: TokenStream, _target: &Target) -> syn::Result<()> {
    let site = Site::attribute_macro("allow");
    let mut errors = Errors::default();
    let Some(args) = errors.take(parse_args(args)) else {
        return errors.finish();
    };
    let mut lints_seen = 0;
    let mut key_values = Vec::new();
    for arg in args {
        match arg {
            Arg::KeyValue(_) => key_values.push(arg),
            extra if lints_seen > 0 => errors.push(syn::Error::new_spanned(
                extra.tokens(),
                "`#[consent::allow]` takes one lint: write one attribute per lint",
            )),
            Arg::Name(lint) => {
                lints_seen += 1;
                errors.take(check_lint(&lint.text, &lint.tokens));
            }
            Arg::Str(literal) => {
                lints_seen += 1;
                errors.push(syn::Error::new(
                    literal.span(),
                    format!("write the lint name without quotes: `{}`", literal.value()),
                ));
            }
        }
    }
    if lints_seen == 0 {
        errors.push(
            site.error(
                "missing the lint to allow, like `allow(unguarded_share, reason = \"...\")`",
            ),
        );
    }
    let keys = site.key_args(key_values, &["reason"], &mut errors);
    keys.required_str(
        "reason",
        "missing `reason = \"...\"`: say why the lint does not apply here",
        &mut errors,
    );
    errors.finish()
}

/// The categories of `personal`, as an attribute or a derive helper: at least one, each known.
pub fn personal_args(
    args: TokenStream,
    site: &Site,
    project: &ProjectVocabulary,
    errors: &mut Errors,
) {
    let Some(args) = errors.take(parse_args(args)) else {
        return;
    };
    if args.is_empty() {
        errors.push(
            site.error(
                "expected at least one data category, like `personal(contact.phone_number)`",
            ),
        );
    }
    for arg in args {
        let result = match &arg {
            Arg::Name(name) => check_category(&name.text, &name.tokens, project),
            Arg::Str(literal) => {
                check_category(&literal.value(), &literal.to_token_stream(), project)
            }
            Arg::KeyValue(key_value) => Err(syn::Error::new(
                key_value.key.span(),
                format!(
                    "unexpected `{} = ...`: `{}` takes category names, \
                     like `personal(contact.phone_number)`",
                    key_value.key, site.label
                ),
            )),
        };
        errors.take(result);
    }
}

/// The arguments of `check` and `opt_out`, as an attribute or a derive helper: an optional
/// purpose (none means every purpose) and an optional recipient.
pub fn check_args(
    args: TokenStream,
    site: &Site,
    project: &ProjectVocabulary,
    errors: &mut Errors,
) {
    let Some(args) = errors.take(parse_args(args)) else {
        return;
    };
    let keys = site.key_args(args, &["purpose", "with"], errors);
    let purpose = keys.optional_str("purpose", errors);
    check_purpose_if_given(purpose.as_ref(), project, errors);
    keys.optional_str("with", errors);
}

fn required_purpose(args: TokenStream, site: &Site, missing: &str, errors: &mut Errors) {
    let Some(args) = errors.take(parse_args(args)) else {
        return;
    };
    let keys = site.key_args(args, &["purpose"], errors);
    let purpose = keys.required_str("purpose", missing, errors);
    check_purpose_if_given(purpose.as_ref(), &project_vocabulary(), errors);
}

fn check_purpose_if_given(
    purpose: Option<&LitStr>,
    project: &ProjectVocabulary,
    errors: &mut Errors,
) {
    if let Some(purpose) = purpose {
        errors.take(check_purpose(purpose, project));
    }
}

/// Every `args` entry must name a parameter of the fn, once.
fn check_parameter_names(names: &[LitStr], parameters: &[String], errors: &mut Errors) {
    for (index, name) in names.iter().enumerate() {
        let value = name.value();
        if names[..index]
            .iter()
            .any(|earlier| earlier.value() == value)
        {
            errors.push(syn::Error::new(
                name.span(),
                format!("`{value}` is listed more than once"),
            ));
            continue;
        }
        if parameters.contains(&value) {
            continue;
        }
        let message = match closest_name(&value, parameters.iter().map(String::as_str)) {
            Some(close) => format!("no parameter named `{value}` (did you mean `{close}`?)"),
            None if parameters.is_empty() => {
                format!("no parameter named `{value}`: this fn takes no parameters")
            }
            None => {
                let listed: Vec<String> =
                    parameters.iter().map(|name| format!("`{name}`")).collect();
                format!(
                    "no parameter named `{value}`: the parameters are {}",
                    listed.join(", ")
                )
            }
        };
        errors.push(syn::Error::new(name.span(), message));
    }
}

fn expect_fn(site: &Site, target: &Target, errors: &mut Errors) {
    if !matches!(target, Target::Fn(_) | Target::Unparsed) {
        errors.push(wrong_item(site, "a fn or method", target));
    }
}

fn wrong_item(site: &Site, expected: &str, target: &Target) -> syn::Error {
    site.error(format!(
        "`{}` goes on {expected}, not on {}",
        site.label,
        target.description()
    ))
}
