//! The argument grammar shared by every attribute and derive helper, and the key lookup that
//! turns parsed arguments into the values one attribute needs.
//!
//! One grammar serves all of them so that every attribute accepts the same shapes and reports
//! the same mistakes the same way:
//!
//! ```text
//! args  := (arg ("," arg)*)? ","?
//! arg   := name | "string" | key "=" value
//! name  := ident ("." ident)*            contact.phone_number, unguarded_share
//! value := "string" | "[" ("string" ("," "string")*)? ","? "]" | any other expression
//! ```
//!
//! Values that are neither strings nor lists are still parsed (as expressions), so that the
//! attribute that rejects them can say which key wanted a string.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, LitStr, Token};

use crate::errors::Errors;
use crate::taxonomy::closest_name;

/// Every argument of one attribute, in source order.
pub struct Args(pub Vec<Arg>);

/// One comma-separated argument.
pub enum Arg {
    /// A bare, possibly dotted name: `contact.phone_number`, `unguarded_share`.
    Name(DottedName),
    /// A string literal in a positional place: `"device.id"`.
    Str(LitStr),
    /// `key = value`.
    KeyValue(KeyValue),
}

/// A name written as idents separated by dots.
pub struct DottedName {
    /// The name with its dots, without whitespace: `contact.phone_number`.
    pub text: String,
    /// The tokens as written, so that an error can underline the whole name.
    pub tokens: TokenStream,
}

/// `key = value`.
pub struct KeyValue {
    pub key: Ident,
    pub value: Value,
}

/// The right-hand side of `key = value`.
pub enum Value {
    Str(LitStr),
    /// `[...]`: the elements as expressions; the attribute decides what it accepts in them.
    List {
        elements: Vec<Expr>,
        tokens: TokenStream,
    },
    /// Anything else, kept for the error message.
    Other(Expr),
}

impl Arg {
    /// The tokens to underline when this argument is wrong as a whole.
    pub fn tokens(&self) -> TokenStream {
        match self {
            Arg::Name(name) => name.tokens.clone(),
            Arg::Str(literal) => literal.to_token_stream(),
            Arg::KeyValue(key_value) => {
                let mut tokens = key_value.key.to_token_stream();
                tokens.extend(key_value.value.tokens());
                tokens
            }
        }
    }
}

impl Value {
    pub fn tokens(&self) -> TokenStream {
        match self {
            Value::Str(literal) => literal.to_token_stream(),
            Value::List { tokens, .. } => tokens.clone(),
            Value::Other(expression) => expression.to_token_stream(),
        }
    }
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let args = Punctuated::<Arg, Token![,]>::parse_terminated(input)?;
        Ok(Args(args.into_iter().collect()))
    }
}

impl Parse for Arg {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(LitStr) {
            return input.parse().map(Arg::Str);
        }
        if input.peek(Ident::peek_any) && input.peek2(Token![=]) {
            let key = input.call(Ident::parse_any)?;
            let equals: Token![=] = input.parse()?;
            if input.is_empty() || input.peek(Token![,]) {
                // Point at the `=`: at the end of the input syn would point at the whole attribute.
                return Err(syn::Error::new(equals.span, "expected a value after `=`"));
            }
            let value = input.parse()?;
            return Ok(Arg::KeyValue(KeyValue { key, value }));
        }
        if input.peek(Ident::peek_any) {
            return input.parse().map(Arg::Name);
        }
        Err(input.error("expected a name, a string literal or `key = \"value\"`"))
    }
}

impl Parse for DottedName {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        // `parse_any` so that a name part that happens to be a keyword still gets a precise
        // "unknown category" message instead of a generic parse error.
        let first = input.call(Ident::parse_any)?;
        let mut text = first.to_string();
        let mut tokens = first.to_token_stream();
        while input.peek(Token![.]) {
            let dot: Token![.] = input.parse()?;
            if !input.peek(Ident::peek_any) {
                return Err(syn::Error::new(dot.span, "expected a name after `.`"));
            }
            let part = input.call(Ident::parse_any)?;
            text.push('.');
            text.push_str(&part.to_string());
            dot.to_tokens(&mut tokens);
            part.to_tokens(&mut tokens);
        }
        if input.peek(Token![::]) {
            // People reach for Rust paths first; say what the grammar wants instead.
            return Err(input.error(
                "expected `.`: category names are dotted, like `contact.phone_number`, not paths",
            ));
        }
        Ok(DottedName { text, tokens })
    }
}

impl Parse for Value {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(LitStr) {
            return input.parse().map(Value::Str);
        }
        if input.peek(syn::token::Bracket) {
            let content;
            let bracket = syn::bracketed!(content in input);
            let elements = Punctuated::<Expr, Token![,]>::parse_terminated(&content)?;
            let mut tokens = TokenStream::new();
            bracket.surround(&mut tokens, |inner| elements.to_tokens(inner));
            return Ok(Value::List {
                elements: elements.into_iter().collect(),
                tokens,
            });
        }
        input.parse().map(Value::Other)
    }
}

/// The `key = value` arguments of one attribute, checked against the keys it accepts.
pub struct KeyArgs {
    /// Where to point when a required key is missing: the whole attribute.
    anchor: TokenStream,
    entries: Vec<KeyValue>,
    /// Accepted keys that an unknown key was a near miss of. A missing required key is not
    /// reported again when its misspelling already was.
    misspelled: Vec<String>,
}

impl KeyArgs {
    /// Keeps the arguments whose key is in `accepted`, reporting unknown and repeated keys.
    ///
    /// Positional arguments must already have been taken out by the caller; any left here are
    /// reported as misplaced.
    pub fn new(
        label: &str,
        anchor: TokenStream,
        args: Vec<Arg>,
        accepted: &[&str],
        errors: &mut Errors,
    ) -> KeyArgs {
        let mut entries: Vec<KeyValue> = Vec::new();
        let mut misspelled: Vec<&str> = Vec::new();
        for arg in args {
            let key_value = match arg {
                Arg::KeyValue(key_value) => key_value,
                positional => {
                    errors.push(syn::Error::new_spanned(
                        positional.tokens(),
                        format!(
                            "unexpected positional argument: `{label}` takes {}",
                            describe_keys(accepted)
                        ),
                    ));
                    continue;
                }
            };
            let key = key_value.key.to_string();
            if !accepted.contains(&key.as_str()) {
                let message = match closest_name(&key, accepted.iter().copied()) {
                    Some(close) => {
                        misspelled.push(close);
                        format!("unknown argument `{key}` (did you mean `{close}`?)")
                    }
                    None => format!(
                        "unknown argument `{key}`: `{label}` takes {}",
                        describe_keys(accepted)
                    ),
                };
                errors.push(syn::Error::new(key_value.key.span(), message));
            } else if entries.iter().any(|seen| seen.key == key) {
                errors.push(syn::Error::new(
                    key_value.key.span(),
                    format!("`{key}` is given more than once"),
                ));
            } else {
                entries.push(key_value);
            }
        }
        KeyArgs {
            anchor,
            entries,
            misspelled: misspelled.into_iter().map(str::to_string).collect(),
        }
    }

    /// The string value of `key`, which must be present; `missing` says what to write.
    pub fn required_str(&self, key: &str, missing: &str, errors: &mut Errors) -> Option<LitStr> {
        if self.entry(key).is_none() {
            if !self.misspelled.iter().any(|misspelled| misspelled == key) {
                errors.push(syn::Error::new_spanned(&self.anchor, missing));
            }
            return None;
        }
        self.optional_str(key, errors)
    }

    /// The string value of `key` if given. Empty and non-string values are reported.
    pub fn optional_str(&self, key: &str, errors: &mut Errors) -> Option<LitStr> {
        let entry = self.entry(key)?;
        match &entry.value {
            Value::Str(literal) if literal.value().trim().is_empty() => {
                errors.push(syn::Error::new(
                    literal.span(),
                    format!("`{key}` must not be empty"),
                ));
                None
            }
            Value::Str(literal) => Some(literal.clone()),
            other => {
                errors.push(syn::Error::new_spanned(
                    other.tokens(),
                    format!("expected a string literal: `{key} = \"...\"`"),
                ));
                None
            }
        }
    }

    /// The string elements of the list value of `key` if given, e.g. `args = ["phone"]`.
    pub fn optional_str_list(&self, key: &str, errors: &mut Errors) -> Option<Vec<LitStr>> {
        let entry = self.entry(key)?;
        let Value::List { elements, tokens } = &entry.value else {
            errors.push(syn::Error::new_spanned(
                entry.value.tokens(),
                format!("expected a list of strings: `{key} = [\"...\", ...]`"),
            ));
            return None;
        };
        if elements.is_empty() {
            errors.push(syn::Error::new_spanned(
                tokens,
                format!("`{key}` is empty: name at least one, or leave `{key}` out"),
            ));
            return None;
        }
        let mut strings = Vec::new();
        for element in elements {
            match element {
                Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(literal),
                    ..
                }) => strings.push(literal.clone()),
                other => errors.push(syn::Error::new_spanned(
                    other,
                    "expected a string literal".to_string(),
                )),
            }
        }
        Some(strings)
    }

    fn entry(&self, key: &str) -> Option<&KeyValue> {
        self.entries.iter().find(|entry| entry.key == key)
    }
}

/// `` `purpose` and `with` `` for messages that list the accepted keys.
fn describe_keys(accepted: &[&str]) -> String {
    let quoted: Vec<String> = accepted
        .iter()
        .map(|key| format!("`{key} = ...`"))
        .collect();
    match quoted.as_slice() {
        [] => "no arguments".to_string(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Parses the arguments of an attribute.
pub fn parse_args(tokens: TokenStream) -> syn::Result<Vec<Arg>> {
    syn::parse2::<Args>(tokens).map(|args| args.0)
}
