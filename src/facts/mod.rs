//! Facts: what one parsed file contributes to the analysis, as plain data without syn types.
//!
//! [`collect`] walks a syntax tree once and records its modules, `use` imports, types, traits,
//! impls, fns and statics with their consent annotations, and lowers every body ([`lower`])
//! into the small IR of [`body`]. Names are kept as written; [`crate::resolve`] gives them
//! meaning later. Nothing here refers to syn: the syntax tree is dropped right after.

pub mod annotations;
pub mod body;
pub mod cfg;
pub mod collect;
mod lower;

pub use annotations::{Annotation, AnnotationKind, Polarity};
pub use collect::{collect, CollectOptions};

use crate::names::{Name, NamePath};
use crate::source::{FileId, TextSpan};

/// Everything one file contributes.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct FileFacts {
    pub file: FileId,
    /// Every module defined in this file: the file's own module first, then inline `mod x { }`.
    pub modules: Vec<ModuleFacts>,
    pub types: Vec<TypeFacts>,
    pub traits: Vec<TraitFacts>,
    pub impls: Vec<ImplFacts>,
    /// Fns, methods, trait method declarations, and statics/consts (whose initializer is their
    /// body: reading one is like calling a fn without arguments).
    pub fns: Vec<FnFacts>,
    /// `#[consent::allow]` annotations of this file; fns refer to them by index.
    pub allows: Vec<AllowFacts>,
    /// `mod foo;` declarations whose files discovery must load next.
    pub module_files: Vec<ModuleFileDeclaration>,
    /// Annotation arguments that name unknown categories or purposes.
    pub annotation_problems: Vec<AnnotationProblem>,
    /// Where lowering cut a body short (expressions nested too deep).
    pub cut_short: Vec<crate::incomplete::Incomplete>,
}

impl FileFacts {
    /// Drops the spare capacity of its lists: the facts of every file stay until the scan
    /// ends, and a list grown by doubling is up to half spare.
    pub fn shrink_to_fit(&mut self) {
        self.modules.shrink_to_fit();
        self.types.shrink_to_fit();
        self.traits.shrink_to_fit();
        self.impls.shrink_to_fit();
        self.fns.shrink_to_fit();
        self.allows.shrink_to_fit();
    }
}

/// A module's name scope: what it imports and which items it defines.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct ModuleFacts {
    /// Module path inside its crate (empty for the crate root).
    pub path: NamePath,
    pub imports: Vec<Import>,
    /// `use path::*;` imports.
    pub glob_imports: Vec<GlobImport>,
    /// Names of the items defined directly in the module (fns, types, consts, modules, ...).
    pub item_names: Vec<Name>,
    /// The items and imports declared without `pub`: a glob import of this module from
    /// outside it does not bring them.
    pub private_names: Vec<Name>,
    /// For the scope of a fn body that declares items (`use`, nested fns): the module it is
    /// in, where names not found in the block are looked up.
    pub block_of: Option<NamePath>,
}

/// Block scopes are modules named `{fn@offset}`: no Rust path can name them.
pub fn is_block_scope(segment: Name) -> bool {
    segment.as_str().starts_with('{')
}

/// `use a::b::c as d;` becomes `Import { name: "d", target: ["a", "b", "c"] }`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Import {
    pub name: Name,
    pub target: NamePath,
}

/// `use target::*;`, and whether it is private (no `pub`): a private glob brings names into
/// its module only, not into the modules that glob-import that one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GlobImport {
    pub target: NamePath,
    pub private: bool,
}

/// A type as written in a signature or declaration. References, `mut`, parentheses and
/// lifetimes are dropped: `&'a mut Vec<Phone>` is `Vec<Phone>`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TypeRef {
    /// `a::b::C<Args>`; the generic arguments are those of the last segment.
    Path {
        path: NamePath,
        args: Vec<TypeRef>,
    },
    Tuple(Vec<TypeRef>),
    /// `[T]` and `[T; N]`.
    Slice(Box<TypeRef>),
    /// `impl A + B` and `dyn A + B`: the trait paths.
    Bounds(Vec<NamePath>),
    /// `impl FnOnce(A, B)`, `dyn Fn(A)`: the trait paths, and the closure's parameter types.
    Callable {
        bounds: Vec<NamePath>,
        params: Vec<TypeRef>,
    },
    /// `_`, fn pointers, macros in type position.
    Unknown,
}

/// What kind of type definition.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TypeKind {
    Struct,
    Enum,
    Union,
    Alias(TypeRef),
}

/// A struct, enum, union or type alias.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct TypeFacts {
    pub module: NamePath,
    pub name: Name,
    pub kind: TypeKind,
    pub annotations: Vec<Annotation>,
    /// Named and tuple fields of a struct (`0`, `1`, ...); enum variants' fields are in
    /// `variants`.
    pub fields: Vec<FieldFacts>,
    pub variants: Vec<VariantFacts>,
    /// Derived traits by last path segment (`Default`, `Classified`, `Clone`).
    pub derives: Vec<Name>,
    pub generics: Vec<Name>,
    pub span: TextSpan,
}

/// An enum variant and the declared types of its fields (`0`, `1`, ... for a tuple variant):
/// what a pattern such as `Event::Click(position)` binds.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct VariantFacts {
    pub name: Name,
    pub fields: Box<[(Name, TypeRef)]>,
}

impl TypeFacts {
    pub fn variant(&self, name: Name) -> Option<&VariantFacts> {
        self.variants.iter().find(|variant| variant.name == name)
    }
}

/// A field with its declared type and derive-helper annotations.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FieldFacts {
    pub name: Name,
    pub ty: TypeRef,
    pub annotations: Vec<Annotation>,
    pub span: TextSpan,
    pub visibility: Visibility,
    /// URLs written in its attributes (`#[env_config(default = "https://..")]`, a config
    /// crate's default): the value the field holds unless someone sets another.
    pub default_urls: Vec<String>,
}

/// Where an item can be named from, as its `pub` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Visibility {
    /// No `pub`: its module and the modules inside it.
    Private,
    /// `pub(crate)`, `pub(super)`, `pub(in path)`: taken as the whole crate.
    Crate,
    /// `pub`: every crate that can reach its crate.
    Public,
}

/// A trait definition.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct TraitFacts {
    pub module: NamePath,
    pub name: Name,
}

/// An `impl` block: which type implements which trait (its methods are in [`FileFacts::fns`]).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ImplFacts {
    pub module: NamePath,
    pub self_type: TypeRef,
    pub trait_path: Option<NamePath>,
}

/// A generic parameter with its trait bounds (from `<T: A>` and `where T: B`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GenericParam {
    pub name: Name,
    pub bounds: Vec<NamePath>,
    /// The parameter types of an `Fn*(..)` bound (`F: FnOnce(&mut User)`).
    pub callable: Vec<TypeRef>,
}

/// Where a fn is declared.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum FnOwner {
    /// A free fn (also nested in a body).
    Module,
    /// A method or associated fn of an `impl` block.
    Impl {
        self_type: TypeRef,
        trait_path: Option<NamePath>,
    },
    /// A method declared in a trait (with or without a default body).
    Trait { trait_name: Name },
    /// A `static`, `const`, `lazy_static!` or `thread_local!` value; its initializer is the body.
    /// An associated const (`impl Sink { const URL: &str = ..; }`) names its impl's type: it is
    /// read as `Sink::URL` or `Self::URL`, never by its name alone.
    Static { self_type: Option<TypeRef> },
}

/// A fn, associated fn, method, trait method declaration or static.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct FnFacts {
    pub module: NamePath,
    pub name: Name,
    pub owner: FnOwner,
    pub annotations: Vec<Annotation>,
    pub params: Vec<ParamFacts>,
    pub return_type: Option<TypeRef>,
    /// Generic parameters of the fn and its impl or trait.
    pub generics: Vec<GenericParam>,
    /// Read it in [`crate::resolve::Symbols::bodies`]: it moves there when the program is
    /// resolved ([`FnFacts::take_body`]). Packed: lowered bodies are kept until the walks.
    body: Option<body::PackedBody>,
    /// Where names in the body resolve: the fn's own block scope when the body declares
    /// items (`use` in a fn), else `module`.
    pub scope: NamePath,
    pub span: TextSpan,
    /// Indices into [`FileFacts::allows`] in force here (on the fn, its impl, its modules).
    pub allows: Vec<u32>,
    /// What the `#[cfg]`s on it and its enclosing impl and inline modules need of the atoms
    /// the scan leaves undecided: a chain of calls that needs one both ways never runs.
    pub cfg: Vec<cfg::CfgAssumption>,
}

impl FnFacts {
    pub fn take_body(&mut self) -> Option<body::PackedBody> {
        self.body.take()
    }

    /// The fn's name as a reader would write it: `Type::method` or `function`.
    pub fn display_name(&self) -> String {
        let owner = match &self.owner {
            FnOwner::Impl {
                self_type: TypeRef::Path { path, .. },
                ..
            } => path.last().copied(),
            FnOwner::Trait { trait_name } => Some(*trait_name),
            _ => None,
        };
        match owner {
            Some(owner) => format!("{owner}::{}", self.name),
            None => self.name.to_string(),
        }
    }

    pub fn is_method(&self) -> bool {
        self.params.first().is_some_and(|param| param.is_self)
    }
}

/// A parameter: its name (when the pattern is a plain binding), type and whether it is `self`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ParamFacts {
    pub name: Option<Name>,
    pub ty: Option<TypeRef>,
    pub is_self: bool,
}

/// A `#[consent::allow(LINT, reason = "..")]` on a fn, impl block or inline module.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct AllowFacts {
    pub lint: String,
    pub span: TextSpan,
    /// The item it is on, by its module path: what its finding's fingerprint rests on.
    pub item: String,
}

/// A `mod foo;` item whose body lives in another file.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ModuleFileDeclaration {
    /// The module path of the declared module inside its crate.
    pub module_path: NamePath,
    /// Candidate files, in the order rustc tries them.
    pub candidates: Vec<ModuleFileCandidate>,
    /// False for the files of `cfg_attr(.., path = ..)` branches and the default file beside
    /// them: a build may use another one, so a missing one is no error.
    pub required: bool,
    pub span: TextSpan,
    /// The `#[consent::allow]`s in force at the declaration, its own included.
    pub allows: Vec<AllowFacts>,
}

/// A file that may hold a module's body.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ModuleFileCandidate {
    pub path: std::path::PathBuf,
    /// `mod.rs`-like files (also `#[path]` files) own their directory: their own `mod x;`
    /// children live beside them, not in a folder named after them.
    pub owns_directory: bool,
}

/// An annotation argument the scanner rejects.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct AnnotationProblem {
    pub kind: AnnotationProblemKind,
    pub name: String,
    pub span: TextSpan,
    pub suggestion: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum AnnotationProblemKind {
    UnknownCategory,
    UnknownPurpose,
}
