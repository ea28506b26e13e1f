//! Facts: what one parsed file contributes to the analysis, as plain data without syn types.
//!
//! [`collect`] walks a syntax tree once and records its modules, `use` imports, types, fns with
//! their consent annotations and lowered bodies ([`body`]), and the `mod foo;` declarations that
//! discovery follows. Names are kept as written; [`crate::resolve`] gives them meaning later.

pub mod annotations;
pub mod body;
pub mod collect;

pub use annotations::{Annotation, AnnotationKind, Polarity};
pub use collect::{collect, CollectOptions};

use crate::source::{FileId, Location};

/// A path as written in the source, e.g. `crate::device::Device` or `Self`.
pub type WrittenPath = Vec<String>;

/// Everything one file contributes.
#[derive(Debug, Default)]
pub struct FileFacts {
    pub file: FileId,
    /// Every module defined in this file: the file's own module first, then inline `mod x { }`.
    pub modules: Vec<ModuleFacts>,
    pub types: Vec<TypeFacts>,
    pub fns: Vec<FnFacts>,
    /// `mod foo;` declarations whose files discovery must load next.
    pub module_files: Vec<ModuleFileDeclaration>,
    /// Annotation arguments that name unknown categories or purposes.
    pub annotation_problems: Vec<AnnotationProblem>,
}

/// A module's name scope: what it imports and which items it defines.
#[derive(Debug, Default, Clone)]
pub struct ModuleFacts {
    /// Module path inside its crate (empty for the crate root).
    pub path: Vec<String>,
    pub imports: Vec<Import>,
    /// Paths of `use path::*;` imports.
    pub glob_imports: Vec<WrittenPath>,
    /// Names of the items defined directly in the module (fns, types, consts, modules, ...).
    pub item_names: Vec<String>,
}

/// `use a::b::c as d;` becomes `Import { name: "d", target: ["a", "b", "c"] }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    pub name: String,
    pub target: WrittenPath,
}

/// A struct, enum or type alias.
#[derive(Debug, Clone)]
pub struct TypeFacts {
    /// The module it is defined in.
    pub module: Vec<String>,
    pub name: String,
    pub annotations: Vec<Annotation>,
    pub fields: Vec<FieldFacts>,
    pub location: Location,
}

/// A field of a struct (or an enum variant, named `Variant.field`) with its derive-helper annotations.
#[derive(Debug, Clone)]
pub struct FieldFacts {
    pub name: String,
    pub annotations: Vec<Annotation>,
    pub location: Location,
}

/// A fn, associated fn or method, with its lowered body.
#[derive(Debug)]
pub struct FnFacts {
    pub module: Vec<String>,
    pub name: String,
    /// For fns in `impl T` or `impl Trait for T`: `T` as written.
    pub self_type: Option<WrittenPath>,
    /// For trait methods and trait impls: the trait as written.
    pub trait_path: Option<WrittenPath>,
    pub annotations: Vec<Annotation>,
    pub params: Vec<Param>,
    pub body: Option<body::Block>,
    pub name_location: Location,
}

impl FnFacts {
    /// The fn's name as a reader would write it: `Type::method` or `function`.
    pub fn display_name(&self) -> String {
        match self.self_type.as_ref().and_then(|path| path.last()) {
            Some(type_name) => format!("{type_name}::{}", self.name),
            None => self.name.clone(),
        }
    }
}

/// A parameter: its name (when the pattern is a plain binding) and whether it is `self`.
#[derive(Debug, Clone)]
pub struct Param {
    pub name: Option<String>,
    pub is_self: bool,
}

/// A `mod foo;` item whose body lives in another file.
#[derive(Debug, Clone)]
pub struct ModuleFileDeclaration {
    /// The module path of the declared module inside its crate.
    pub module_path: Vec<String>,
    /// Candidate files, in the order rustc tries them.
    pub candidates: Vec<ModuleFileCandidate>,
    pub location: Location,
}

/// A file that may hold a module's body.
#[derive(Debug, Clone)]
pub struct ModuleFileCandidate {
    pub path: std::path::PathBuf,
    /// `mod.rs`-like files (also `#[path]` files) own their directory: their own `mod x;`
    /// children live beside them, not in a folder named after them.
    pub owns_directory: bool,
}

/// An annotation argument the scanner rejects.
#[derive(Debug, Clone)]
pub struct AnnotationProblem {
    pub kind: AnnotationProblemKind,
    pub name: String,
    pub location: Location,
    pub suggestion: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnotationProblemKind {
    UnknownCategory,
    UnknownPurpose,
}
