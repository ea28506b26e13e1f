//! Reading `#[consent::...]` attributes (and derive helpers) into [`Annotation`]s.
//!
//! The `consent` crate rejects malformed arguments when the user's code compiles, so this reader
//! is lenient: it takes what it understands and skips the rest. It still reports unknown
//! categories and purposes, because the scanner also sees code the compiler never checks
//! (`cfg_attr` branches that are off, crates that are not built).

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Attribute, Meta, Token};

use super::{AnnotationProblem, AnnotationProblemKind};
use crate::names::Name;
use crate::source::TextSpan;
use crate::taxonomy;

/// Whether a check's `true` means "allowed" or "opted out".
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Polarity {
    Allow,
    OptOut,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum AnnotationKind {
    Personal {
        categories: Vec<String>,
    },
    Shares {
        recipient: String,
        purpose: String,
        /// Parameter names that count; `None` means all of them, `self` included.
        args: Option<Vec<String>>,
    },
    Check {
        polarity: Polarity,
        /// `None`: an all-purpose check.
        purpose: Option<String>,
        recipient: Option<String>,
    },
    Token {
        purpose: String,
    },
    Requires {
        purpose: String,
    },
    Declassify,
    Allow {
        lint: String,
    },
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Annotation {
    pub kind: AnnotationKind,
    pub span: TextSpan,
}

/// Which attribute names mean a consent annotation in one file.
#[derive(Debug, Default, Clone)]
pub struct ConsentNames {
    /// Local names brought in by `use consent::{personal as p, ...}`: (local, original).
    imported: Vec<(String, String)>,
    /// `use consent::*;` makes every bare annotation name count.
    glob: bool,
}

const ANNOTATION_NAMES: &[&str] = &[
    "personal",
    "shares",
    "check",
    "opt_out",
    "token",
    "requires",
    "declassify",
    "allow",
];

impl ConsentNames {
    /// Records a `use` of the consent crate: `target` is the full path, `local` its local name.
    pub fn note_import(&mut self, target: &[Name], local: &str) {
        match target {
            [krate, name] if *krate == "consent" && ANNOTATION_NAMES.contains(&name.as_str()) => {
                self.imported.push((local.to_string(), name.to_string()));
            }
            _ => {}
        }
    }

    pub fn note_glob_import(&mut self, target: &[Name]) {
        if matches!(target, [krate] if *krate == "consent") {
            self.glob = true;
        }
    }

    /// The annotation an attribute path names, if any: `consent::personal`, or an imported name.
    fn annotation_name(&self, path: &syn::Path) -> Option<String> {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        match segments.as_slice() {
            [krate, name] if krate == "consent" && ANNOTATION_NAMES.contains(&name.as_str()) => {
                Some(name.clone())
            }
            [name] => self
                .imported
                .iter()
                .find(|(local, _)| local == name)
                .map(|(_, original)| original.clone())
                .or_else(|| {
                    (self.glob && ANNOTATION_NAMES.contains(&name.as_str())).then(|| name.clone())
                }),
            _ => None,
        }
    }
}

/// Reads annotations from attributes, following `cfg_attr`.
pub struct AnnotationReader<'a> {
    pub names: &'a ConsentNames,
    pub locate: &'a dyn Fn(Span) -> TextSpan,
    pub extra_categories: &'a [String],
    pub extra_purposes: &'a [String],
    pub cfg: &'a super::cfg::CfgOptions,
}

impl AnnotationReader<'_> {
    /// Annotations written as `#[consent::x(..)]` on an item.
    pub fn item_annotations(
        &self,
        attributes: &[Attribute],
        problems: &mut Vec<AnnotationProblem>,
    ) -> Vec<Annotation> {
        self.read(attributes, problems, &|path| {
            self.names.annotation_name(path)
        })
    }

    /// Derive-helper annotations on a field of a `#[derive(Classified)]` type: `#[personal(..)]`,
    /// `#[check(..)]`, `#[opt_out(..)]`, also written with the `consent::` prefix.
    pub fn field_annotations(
        &self,
        attributes: &[Attribute],
        problems: &mut Vec<AnnotationProblem>,
    ) -> Vec<Annotation> {
        self.read(attributes, problems, &|path| {
            let name = path.segments.last()?.ident.to_string();
            let prefix_ok = path.segments.len() == 1
                || (path.segments.len() == 2 && path.segments[0].ident == "consent");
            (prefix_ok && matches!(name.as_str(), "personal" | "check" | "opt_out")).then_some(name)
        })
    }

    fn read(
        &self,
        attributes: &[Attribute],
        problems: &mut Vec<AnnotationProblem>,
        name_of: &dyn Fn(&syn::Path) -> Option<String>,
    ) -> Vec<Annotation> {
        let mut annotations = Vec::new();
        for attribute in attributes {
            self.read_meta(&attribute.meta, problems, name_of, &mut annotations);
        }
        annotations
    }

    fn read_meta(
        &self,
        meta: &Meta,
        problems: &mut Vec<AnnotationProblem>,
        name_of: &dyn Fn(&syn::Path) -> Option<String>,
        annotations: &mut Vec<Annotation>,
    ) {
        if meta.path().is_ident("cfg_attr") {
            // `cfg_attr(predicate, attr, attr, ..)`: applies unless the predicate is decided
            // false (with feature flags); without them, in the union of builds.
            if let Meta::List(list) = meta {
                let parsed =
                    Punctuated::<Meta, Token![,]>::parse_terminated.parse2(list.tokens.clone());
                if let Ok(metas) = parsed {
                    let applies = metas
                        .first()
                        .is_none_or(|predicate| self.cfg.decide(predicate) != Some(false));
                    if !applies {
                        return;
                    }
                    for inner in metas.iter().skip(1) {
                        self.read_meta(inner, problems, name_of, annotations);
                    }
                }
            }
            return;
        }
        let Some(name) = name_of(meta.path()) else {
            return;
        };
        let arguments = match meta {
            Meta::Path(_) => Vec::new(),
            Meta::List(list) => {
                match Punctuated::<Argument, Token![,]>::parse_terminated
                    .parse2(list.tokens.clone())
                {
                    Ok(arguments) => arguments.into_iter().collect(),
                    Err(_) => return,
                }
            }
            Meta::NameValue(_) => return,
        };
        let span = (self.locate)(meta_span(meta));
        if let Some(kind) = self.interpret(&name, &arguments, problems) {
            annotations.push(Annotation { kind, span });
        }
    }

    fn interpret(
        &self,
        name: &str,
        arguments: &[Argument],
        problems: &mut Vec<AnnotationProblem>,
    ) -> Option<AnnotationKind> {
        let value = |key: &str| {
            arguments.iter().find_map(|argument| match argument {
                Argument::KeyValue {
                    key: k,
                    value,
                    span,
                } if k == key => Some((value.clone(), *span)),
                _ => None,
            })
        };
        let text = |key: &str| value(key).and_then(|(value, _)| value.as_text());
        let purpose = |key: &str, problems: &mut Vec<AnnotationProblem>| -> Option<String> {
            let (value, span) = value(key)?;
            let purpose = value.as_text()?;
            if !taxonomy::is_known_purpose(&purpose, self.extra_purposes) {
                problems.push(AnnotationProblem {
                    kind: AnnotationProblemKind::UnknownPurpose,
                    suggestion: taxonomy::closest_name(
                        &purpose,
                        taxonomy::BUILTIN_PURPOSES
                            .iter()
                            .copied()
                            .chain(self.extra_purposes.iter().map(String::as_str)),
                    )
                    .map(str::to_string),
                    name: purpose,
                    span: (self.locate)(span),
                });
                return None;
            }
            Some(purpose)
        };
        Some(match name {
            "personal" => {
                let mut categories = Vec::new();
                for argument in arguments {
                    let Argument::Name { name, span } = argument else {
                        continue;
                    };
                    match taxonomy::resolve_category(name, self.extra_categories) {
                        Ok(category) => categories.push(category),
                        Err(_) => problems.push(AnnotationProblem {
                            kind: AnnotationProblemKind::UnknownCategory,
                            suggestion: taxonomy::closest_name(
                                name,
                                taxonomy::BUILTIN_CATEGORIES
                                    .iter()
                                    .copied()
                                    .chain(self.extra_categories.iter().map(String::as_str)),
                            )
                            .map(str::to_string),
                            name: name.clone(),
                            span: (self.locate)(*span),
                        }),
                    }
                }
                if categories.is_empty() {
                    return None;
                }
                AnnotationKind::Personal { categories }
            }
            "shares" => AnnotationKind::Shares {
                recipient: text("with")?,
                purpose: purpose("purpose", problems)?,
                args: value("args").and_then(|(value, _)| match value {
                    ArgumentValue::List(names) => Some(names),
                    ArgumentValue::Text(_) => None,
                }),
            },
            "check" | "opt_out" => {
                let written = value("purpose").is_some();
                let purpose = purpose("purpose", problems);
                if written && purpose.is_none() {
                    // An unknown purpose must not silently widen into an all-purpose check.
                    return None;
                }
                AnnotationKind::Check {
                    polarity: if name == "check" {
                        Polarity::Allow
                    } else {
                        Polarity::OptOut
                    },
                    purpose,
                    recipient: text("with"),
                }
            }
            "token" => AnnotationKind::Token {
                purpose: purpose("purpose", problems)?,
            },
            "requires" => AnnotationKind::Requires {
                purpose: purpose("purpose", problems)?,
            },
            "declassify" => AnnotationKind::Declassify,
            "allow" => AnnotationKind::Allow {
                lint: arguments.iter().find_map(|argument| match argument {
                    Argument::Name { name, .. } => Some(name.clone()),
                    _ => None,
                })?,
            },
            _ => return None,
        })
    }
}

fn meta_span(meta: &Meta) -> Span {
    use quote::spanned::Spanned;
    meta.__span()
}

/// One argument: a (dotted) name or string, or `key = value`.
enum Argument {
    Name {
        name: String,
        span: Span,
    },
    KeyValue {
        key: String,
        value: ArgumentValue,
        span: Span,
    },
}

#[derive(Clone)]
enum ArgumentValue {
    Text(String),
    List(Vec<String>),
}

impl ArgumentValue {
    fn as_text(&self) -> Option<String> {
        match self {
            ArgumentValue::Text(text) => Some(text.clone()),
            ArgumentValue::List(_) => None,
        }
    }
}

impl Parse for Argument {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(syn::LitStr) {
            let literal: syn::LitStr = input.parse()?;
            return Ok(Argument::Name {
                name: literal.value(),
                span: literal.span(),
            });
        }
        let first: syn::Ident = input.call(syn::ext::IdentExt::parse_any)?;
        if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            let (value, span) = if input.peek(syn::token::Bracket) {
                let content;
                let bracket = syn::bracketed!(content in input);
                let items = Punctuated::<syn::Lit, Token![,]>::parse_terminated(&content)?;
                let names = items
                    .iter()
                    .map(|item| match item {
                        syn::Lit::Str(text) => text.value(),
                        syn::Lit::Int(number) => number.base10_digits().to_string(),
                        _ => String::new(),
                    })
                    .collect();
                (ArgumentValue::List(names), bracket.span.join())
            } else {
                let literal: syn::LitStr = input.parse()?;
                (ArgumentValue::Text(literal.value()), literal.span())
            };
            return Ok(Argument::KeyValue {
                key: first.to_string(),
                value,
                span,
            });
        }
        // A dotted category name: `contact.phone_number`.
        let mut name = first.to_string();
        let start = first.span();
        let mut end = start;
        while input.peek(Token![.]) {
            input.parse::<Token![.]>()?;
            let part: syn::Ident = input.call(syn::ext::IdentExt::parse_any)?;
            name.push('.');
            name.push_str(&part.to_string());
            end = part.span();
        }
        Ok(Argument::Name {
            name,
            span: start.join(end).unwrap_or(start),
        })
    }
}
