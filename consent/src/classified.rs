//! `#[derive(Classified)]`: validates the field annotations `#[personal(...)]`, `#[check(...)]`
//! and `#[opt_out(...)]`, which Rust only allows on fields as derive helper attributes.
//!
//! The derive generates no code: the scanner reads the helpers from source, and the crate that
//! uses them needs no runtime support.

use proc_macro2::TokenStream;
use syn::{Attribute, Data, DeriveInput, Fields, Meta};

use crate::attributes::{check_args, personal_args, Site};
use crate::config::{project_vocabulary, ProjectVocabulary};
use crate::errors::Errors;

/// The helper attributes the derive declares; keep in step with `attributes(...)` in lib.rs.
pub const HELPERS: &[&str] = &["personal", "check", "opt_out"];

/// Checks every helper in `input`; the derive emits nothing on success.
pub fn classified(input: TokenStream) -> syn::Result<()> {
    let input: DeriveInput = syn::parse2(input)?;
    let project = project_vocabulary();
    let mut errors = Errors::default();
    reject_helpers_off_fields(&input.attrs, &mut errors);
    match &input.data {
        Data::Struct(data) => check_fields(&data.fields, &project, &mut errors),
        Data::Enum(data) => {
            for variant in &data.variants {
                reject_helpers_off_fields(&variant.attrs, &mut errors);
                check_fields(&variant.fields, &project, &mut errors);
            }
        }
        Data::Union(data) => {
            for field in &data.fields.named {
                check_field_attributes(&field.attrs, &project, &mut errors);
            }
        }
    }
    errors.finish()
}

fn check_fields(fields: &Fields, project: &ProjectVocabulary, errors: &mut Errors) {
    for field in fields {
        check_field_attributes(&field.attrs, project, errors);
    }
}

fn check_field_attributes(
    attributes: &[Attribute],
    project: &ProjectVocabulary,
    errors: &mut Errors,
) {
    for attribute in attributes {
        let Some(helper) = helper_name(attribute) else {
            continue;
        };
        let site = Site::derive_helper(attribute);
        match (&attribute.meta, helper) {
            (Meta::List(list), "personal") => {
                personal_args(list.tokens.clone(), &site, project, errors);
            }
            // A bare `#[personal]` names no category; the shared check says so.
            (Meta::Path(_), "personal") => {
                personal_args(TokenStream::new(), &site, project, errors);
            }
            (Meta::List(list), _) => check_args(list.tokens.clone(), &site, project, errors),
            // A bare `#[check]` or `#[opt_out]` covers every purpose.
            (Meta::Path(_), _) => {}
            (Meta::NameValue(name_value), _) => errors.push(syn::Error::new_spanned(
                name_value.eq_token,
                format!("expected `#[{helper}(...)]`, not `#[{helper} = ...]`"),
            )),
        }
    }
}

/// Helpers on the type or a variant would read as a type-level annotation the scanner does not
/// take from a derive helper, so they are refused with the form that works.
fn reject_helpers_off_fields(attributes: &[Attribute], errors: &mut Errors) {
    for attribute in attributes {
        let Some(helper) = helper_name(attribute) else {
            continue;
        };
        let message = if helper == "personal" {
            "`#[personal]` under `#[derive(Classified)]` goes on a field; \
             to mark the whole type, write `#[consent::personal(...)]`"
                .to_string()
        } else {
            format!("`#[{helper}]` under `#[derive(Classified)]` goes on a field")
        };
        errors.push(syn::Error::new_spanned(attribute, message));
    }
}

fn helper_name(attribute: &Attribute) -> Option<&'static str> {
    HELPERS
        .iter()
        .copied()
        .find(|helper| attribute.path().is_ident(helper))
}
