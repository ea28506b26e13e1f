//! The lowered form of a fn body: just the shapes that move data or decide control flow.
//!
//! Lowering keeps what propagation and guard checking need (locals, calls, fields, branches,
//! early exits, closures) and folds every other expression into [`ExprKind::Combine`] (the value
//! depends on all parts) or [`ExprKind::Clean`] (a boolean or count: the parts run, but the
//! result carries no personal data). Local variables are resolved while lowering (scopes and
//! shadowing), so later stages index them by [`LocalId`]. Calls, field reads, struct literals and
//! item paths carry a [`SiteId`]: the resolve stage answers what each site means, once, in a
//! table indexed by it.

use super::TypeRef;
use crate::names::Name;
use crate::source::{FileId, TextSpan};

/// A local variable of one body (parameters, `let`s, pattern bindings, closure parameters).
pub type LocalId = u32;
/// A call, method call, field read, struct literal or item path of one body.
pub type SiteId = u32;
/// A closure of one body.
pub type ClosureId = u32;

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Body {
    /// Boxed slices here and below, not `Vec`s: a slice holds no spare capacity, and a body
    /// is unpacked whole for each reader ([`PackedBody`]).
    pub locals: Box<[Local]>,
    /// One pattern per parameter, in order (`self` first for methods).
    pub params: Box<[Pattern]>,
    pub block: Block,
    pub closures: Box<[Closure]>,
    /// How many sites the body has; site ids are `0..site_count`.
    pub site_count: u32,
    /// Its string literals, once each: whether a URL sink or a `[[check]]` with an `arg` can
    /// match anything here is known without walking it.
    pub literals: Box<[Name]>,
}

/// A lowered body as it is kept from lowering until the walks: its tree serialized (postcard)
/// into one buffer, and unpacked by each reader.
///
/// The trees of every body were the largest part of a scan's memory, and each is read
/// seldom: once by resolution, once per walk. Packed, in one allocation per body rather than
/// one per expression, they took the heap alive at the end of resolution from 125 to 88 MB on
/// a 580k-line app (rerun), for about 4% more instructions in all. The spans inside leave out
/// their file, which is the body's own, and its names are positions in the body's table of
/// them (reading text back would mean hashing it to find the interned name): the same bytes
/// serve the facts cache, whose file ids differ between runs.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PackedBody {
    file: FileId,
    /// What is asked of every fn without walking it (its parameters' patterns for the guards
    /// they bring, its string literals for the URL sinks and checks with an `arg`), unpacked.
    pub params: Box<[Pattern]>,
    pub literals: Box<[Name]>,
    /// The names the packed tree uses, which it writes as positions in this table.
    names: std::sync::Arc<[Name]>,
    tree: Tree,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
enum Tree {
    /// The locals, block, closures and site count ([`PackedTree`]); empty if packing failed,
    /// which unpacking then reports.
    Packed(Box<[u8]>),
    /// A tree nested deeper than [`MAX_PACKED_DEPTH`], as a machine-made chain of calls is
    /// (lowering nests a chain's links in a loop): (de)serializing recurses once per level.
    Unpacked(std::sync::Arc<Body>),
}

/// The deepest tree a body is packed with: twice the nesting lowering keeps
/// ([`super::lower::MAX_EXPR_DEPTH`]), and far within a worker's stack when unpacked.
pub const MAX_PACKED_DEPTH: usize = 4_000;

/// The part of a [`Body`] a [`PackedBody`] serializes.
type PackedTree = (Box<[Local]>, Block, Box<[Closure]>, u32);

impl PackedBody {
    /// Packs a body lowered from `file` (every span in it points there), whose expressions
    /// nest at most `depth` deep.
    pub fn pack(body: Body, file: FileId, depth: usize) -> PackedBody {
        if depth > MAX_PACKED_DEPTH {
            return PackedBody {
                file,
                params: body.params.clone(),
                literals: body.literals.clone(),
                names: std::sync::Arc::new([]),
                tree: Tree::Unpacked(std::sync::Arc::new(body)),
            };
        }
        let Body {
            locals,
            params,
            block,
            closures,
            site_count,
            literals,
        } = body;
        let tree: PackedTree = (locals, block, closures, site_count);
        let (packed, names) = crate::names::with_names_numbered(|| {
            crate::source::with_file_id_implied(file, || postcard::to_allocvec(&tree))
        });
        PackedBody {
            file,
            params,
            literals,
            names: names.into(),
            tree: Tree::Packed(packed.unwrap_or_default().into()),
        }
    }

    /// The body, as it was packed.
    pub fn unpack(&self) -> Result<std::sync::Arc<Body>, postcard::Error> {
        let bytes = match &self.tree {
            Tree::Packed(bytes) => bytes,
            Tree::Unpacked(body) => return Ok(std::sync::Arc::clone(body)),
        };
        let (locals, block, closures, site_count): PackedTree =
            crate::names::with_names_from(&self.names, || {
                crate::source::with_file_id_implied(self.file, || postcard::from_bytes(bytes))
            })?;
        Ok(std::sync::Arc::new(Body {
            locals,
            params: self.params.clone(),
            block,
            closures,
            site_count,
            literals: self.literals.clone(),
        }))
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Local {
    pub name: Name,
    /// The type written for it (`let x: T`, a parameter type), if any. Boxed: most locals
    /// have none, and a body has one `Local` per binding.
    pub ty: Option<Box<TypeRef>>,
    pub span: TextSpan,
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Block {
    pub stmts: Box<[Stmt]>,
    /// The last statement is an expression without `;`: the block's value.
    pub has_tail: bool,
    /// Locals from this id on are declared inside the block (ids follow the source order):
    /// they are dead after it, so a loop compares and joins only the locals below.
    pub first_local: LocalId,
    /// Control never leaves the block normally (it returns, breaks, panics, ...).
    pub diverges: bool,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Stmt {
    Let {
        pattern: Pattern,
        /// Boxed, so that a statement is no larger than an expression (every statement of a
        /// body is unpacked with it).
        init: Option<Box<Expr>>,
        /// The `else` block of `let .. else` (rare: boxed, so other statements are smaller).
        diverge: Option<Box<Block>>,
        span: TextSpan,
    },
    Expr(Expr),
}

/// The names a pattern binds, each with the field path it takes from the matched value
/// (`Payload { phone, .. }` binds `phone` to `.phone`; `(a, b)` binds `a` to `.0`), and its
/// outermost shape, which decides what a match on a check means.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Pattern {
    pub bindings: Box<[Binding]>,
    pub shape: PatternShape,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Binding {
    pub local: LocalId,
    pub projection: Box<[Name]>,
    /// How the binding's type follows from the matched value's, when the way passes through
    /// a variant or a tuple struct (`Event::Click(at)` binds field `0` of variant `Click`,
    /// where the value's projection passes the whole value through); empty: along
    /// `projection`.
    pub typing: Box<[TypeStep]>,
}

/// One step from a matched value's type to a binding's (see [`Binding::typing`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TypeStep {
    /// What an `Option` or `Result` holds (`Some(..)`, `Ok(..)`).
    Held,
    /// The variant of this name, when the value is an enum; nothing on a struct (the path of
    /// a struct or tuple-struct pattern).
    Variant(Name),
    Field(Name),
    /// Somewhere the type is not followed (an element of a slice pattern).
    Untyped,
}

/// The outermost constructor of a pattern.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PatternShape {
    /// A binding or `_`: matches anything.
    #[default]
    Any,
    /// `true` or `false`.
    Bool(bool),
    /// `Ok(..)` / `Some(..)`: the "truthy" side of a Result or Option.
    Truthy,
    /// `Err(..)` / `None`.
    Falsy,
    /// Anything else (literals, other variants, ranges).
    Other,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: TextSpan,
    /// Evaluating it never finishes normally: computed once by [`Expr::new`].
    pub diverges: bool,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum ExprKind {
    /// A literal or anything else that is a constant.
    Constant,
    /// `true` / `false`.
    Bool(bool),
    /// A short string literal: env var names and URLs are matched against config.
    Str(Name),
    /// A local variable.
    Local(LocalId),
    /// A path to an item: a const or static, a unit struct or variant, a fn item.
    Path {
        path: Box<[Name]>,
        site: SiteId,
    },
    /// `callee(args)` where the callee is a path (fn, associated fn, tuple struct or variant).
    Call {
        callee: Box<[Name]>,
        args: Box<[Expr]>,
        site: SiteId,
    },
    /// `value(args)`: calling a closure held in a local, or the result of an expression.
    CallValue {
        callee: Box<Expr>,
        args: Box<[Expr]>,
    },
    MethodCall {
        receiver: Box<Expr>,
        method: Name,
        args: Box<[Expr]>,
        site: SiteId,
        /// Where the method name starts: a finding on the call points from there to the
        /// call's end (`span.tail_from(method_start)`), which is also the expression's end.
        method_start: u32,
    },
    Field {
        base: Box<Expr>,
        field: Name,
        site: SiteId,
    },
    /// `Path { field: value, ..rest }`.
    Struct {
        path: Box<[Name]>,
        fields: Box<[(Name, Expr)]>,
        rest: Option<Box<Expr>>,
        site: SiteId,
    },
    /// `(a, b)`: field-sensitive, elements are fields `0`, `1`, ...
    Tuple(Box<[Expr]>),
    /// A value built from all of its parts: arrays, `vec!`, `format!`, arithmetic, indexing,
    /// unknown macros.
    Combine(Box<[Expr]>),
    /// The parts are evaluated but the result is not personal: comparisons, `matches!`.
    Clean(Box<[Expr]>),
    /// `left == right` (`!=` is its `Not`): not personal either, but a check compared with a
    /// literal is still that check (`env::var("DO_NOT_TRACK").unwrap_or_default() == "1"`).
    Equal(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    /// `let PATTERN = VALUE` inside an `if` or `while` condition.
    Let {
        pattern: Pattern,
        value: Box<Expr>,
    },
    If {
        condition: Box<Expr>,
        then_branch: Block,
        else_branch: Option<Box<Expr>>,
    },
    Match {
        scrutinee: Box<Expr>,
        arms: Box<[MatchArm]>,
    },
    Block(Block),
    /// `loop`, `while` (with its condition) and `for` (binding the iterator's items).
    Loop {
        pattern: Option<Box<Pattern>>,
        iterated: Option<Box<Expr>>,
        condition: Option<Box<Expr>>,
        /// Boxed, as the pattern: inline, they made this the largest kind, and every
        /// expression as large.
        body: Box<Block>,
    },
    Closure(ClosureId),
    Assign {
        target: Box<Expr>,
        value: Box<Expr>,
    },
    /// `expr?`: the value, or an early return on `Err`/`None`.
    Try(Box<Expr>),
    /// `return value`: the fn's result, and control does not go on.
    Return(Option<Box<Expr>>),
    /// `break value`: leaves the innermost loop.
    Break(Option<Box<Expr>>),
    /// `continue`: the next iteration.
    Continue,
    /// `panic!`, `std::process::exit` and friends: control does not go on at all.
    Diverge(Option<Box<Expr>>),
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct MatchArm {
    pub pattern: Pattern,
    /// `if ..` after the pattern (rare: boxed).
    pub guard: Option<Box<Expr>>,
    pub body: Expr,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Closure {
    pub params: Vec<Pattern>,
    pub body: Expr,
    pub span: TextSpan,
}

/// Where one site of a body is written, and the name it uses (the field read, the method or
/// fn called, the item path's last segment): what a report quoting a site needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SitePlace {
    /// A method call's span runs from the method name to the `)`, as findings point at it.
    pub span: TextSpan,
    pub name: Option<Name>,
}

impl Body {
    /// The place of every site, indexed by [`SiteId`]. Walks the body once with a stack of its
    /// own: machine-written expressions nest deeper than a thread's stack would allow.
    pub fn site_places(&self) -> Vec<Option<SitePlace>> {
        let mut places: Vec<Option<SitePlace>> = vec![None; self.site_count as usize];
        let mut pending: Vec<&Expr> = Vec::new();
        fn push_block<'b>(block: &'b Block, pending: &mut Vec<&'b Expr>) {
            for stmt in block.stmts.iter().rev() {
                match stmt {
                    Stmt::Expr(expr) => pending.push(expr),
                    Stmt::Let { init, diverge, .. } => {
                        if let Some(diverge) = diverge {
                            push_block(diverge, pending);
                        }
                        pending.extend(init.as_deref());
                    }
                }
            }
        }
        push_block(&self.block, &mut pending);
        pending.extend(self.closures.iter().map(|closure| &closure.body));
        while let Some(expr) = pending.pop() {
            let mut place = |site: SiteId, span: TextSpan, name: Option<Name>| {
                if let Some(slot) = places.get_mut(site as usize) {
                    *slot = Some(SitePlace { span, name });
                }
            };
            match &expr.kind {
                ExprKind::Constant
                | ExprKind::Bool(_)
                | ExprKind::Str(_)
                | ExprKind::Local(_)
                | ExprKind::Continue
                | ExprKind::Closure(_) => {}
                ExprKind::Path { path, site } => place(*site, expr.span, path.last().copied()),
                ExprKind::Call { callee, args, site } => {
                    place(*site, expr.span, callee.last().copied());
                    pending.extend(args);
                }
                ExprKind::CallValue { callee, args } => {
                    pending.push(callee);
                    pending.extend(args);
                }
                ExprKind::MethodCall {
                    receiver,
                    method,
                    args,
                    site,
                    method_start,
                } => {
                    place(*site, expr.span.tail_from(*method_start), Some(*method));
                    pending.push(receiver);
                    pending.extend(args);
                }
                ExprKind::Field { base, field, site } => {
                    place(*site, expr.span, Some(*field));
                    pending.push(base);
                }
                ExprKind::Struct {
                    path,
                    fields,
                    rest,
                    site,
                } => {
                    place(*site, expr.span, path.last().copied());
                    pending.extend(fields.iter().map(|(_, value)| value));
                    pending.extend(rest.as_deref());
                }
                ExprKind::Tuple(parts) | ExprKind::Combine(parts) | ExprKind::Clean(parts) => {
                    pending.extend(parts)
                }
                ExprKind::Not(inner) | ExprKind::Try(inner) => pending.push(inner),
                ExprKind::And(left, right)
                | ExprKind::Or(left, right)
                | ExprKind::Equal(left, right) => {
                    pending.push(right);
                    pending.push(left);
                }
                ExprKind::Let { value, .. } => pending.push(value),
                ExprKind::If {
                    condition,
                    then_branch,
                    else_branch,
                } => {
                    pending.extend(else_branch.as_deref());
                    push_block(then_branch, &mut pending);
                    pending.push(condition);
                }
                ExprKind::Match { scrutinee, arms } => {
                    for arm in arms.iter().rev() {
                        pending.push(&arm.body);
                        pending.extend(arm.guard.as_deref());
                    }
                    pending.push(scrutinee);
                }
                ExprKind::Block(block) => push_block(block, &mut pending),
                ExprKind::Loop {
                    iterated,
                    condition,
                    body,
                    ..
                } => {
                    push_block(body, &mut pending);
                    pending.extend(condition.as_deref());
                    pending.extend(iterated.as_deref());
                }
                ExprKind::Assign { target, value } => {
                    pending.push(value);
                    pending.push(target);
                }
                ExprKind::Return(value) | ExprKind::Break(value) | ExprKind::Diverge(value) => {
                    pending.extend(value.as_deref())
                }
            }
        }
        places
    }
}

impl Block {
    pub fn new(stmts: Vec<Stmt>, has_tail: bool) -> Block {
        let diverges = stmts.iter().any(|stmt| match stmt {
            Stmt::Expr(expr) => expr.diverges,
            Stmt::Let { init, .. } => init.as_ref().is_some_and(|init| init.diverges),
        });
        Block {
            stmts: stmts.into(),
            has_tail,
            first_local: LocalId::MAX,
            diverges,
        }
    }

    /// A block whose value is `expr`.
    pub fn of_expr(expr: Expr) -> Block {
        Block::new(vec![Stmt::Expr(expr)], true)
    }
}

impl Expr {
    pub fn new(kind: ExprKind, span: TextSpan) -> Expr {
        let diverges = match &kind {
            ExprKind::Return(_)
            | ExprKind::Break(_)
            | ExprKind::Continue
            | ExprKind::Diverge(_) => true,
            ExprKind::Block(block) => block.diverges,
            ExprKind::If {
                then_branch,
                else_branch: Some(else_branch),
                ..
            } => then_branch.diverges && else_branch.diverges,
            ExprKind::Match { arms, .. } => {
                !arms.is_empty() && arms.iter().all(|arm| arm.body.diverges)
            }
            _ => false,
        };
        Expr {
            kind,
            span,
            diverges,
        }
    }

    pub fn constant(span: TextSpan) -> Expr {
        Expr::new(ExprKind::Constant, span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::with_relative_file_ids;

    fn span(file: u32, start: u32) -> TextSpan {
        TextSpan {
            file: FileId(file),
            start,
            end: start + 1,
        }
    }

    /// `fn f(a: T) { a.clone() }` in file `file`, with the literal "DO_NOT_TRACK".
    fn body_in(file: u32) -> Body {
        let call = Expr::new(
            ExprKind::MethodCall {
                receiver: Box::new(Expr::new(ExprKind::Local(0), span(file, 10))),
                method: Name::new("clone"),
                args: Box::default(),
                site: 0,
                method_start: 2,
            },
            span(file, 10),
        );
        Body {
            locals: vec![Local {
                name: Name::new("a"),
                ty: None,
                span: span(file, 5),
            }]
            .into(),
            params: vec![Pattern::default()].into(),
            block: Block::of_expr(call),
            closures: Box::default(),
            site_count: 1,
            literals: vec![Name::new("DO_NOT_TRACK")].into(),
        }
    }

    #[test]
    fn a_packed_body_unpacks_as_it_was_with_its_file_in_every_span() {
        let packed = PackedBody::pack(body_in(7), FileId(7), 3);
        assert!(matches!(packed.tree, Tree::Packed(_)));
        assert_eq!(packed.literals[..], [Name::new("DO_NOT_TRACK")]);
        assert_eq!(packed.params.len(), 1);
        let body = packed.unpack().expect("it unpacks");
        assert_eq!(format!("{body:?}"), format!("{:?}", body_in(7)));
    }

    #[test]
    fn a_packed_body_read_back_from_the_cache_points_into_the_file_the_cache_names() {
        // The cache writes a file's facts with ids relative to its files; the next run
        // numbers the same file otherwise.
        let packed = PackedBody::pack(body_in(7), FileId(7), 3);
        let bytes = with_relative_file_ids(&[FileId(7)], || postcard::to_allocvec(&packed))
            .expect("it serializes");
        let read: PackedBody =
            with_relative_file_ids(&[FileId(3)], || postcard::from_bytes(&bytes))
                .expect("it deserializes");
        let body = read.unpack().expect("it unpacks");
        assert_eq!(format!("{body:?}"), format!("{:?}", body_in(3)));
    }

    #[test]
    fn a_body_with_a_span_in_another_file_does_not_unpack() {
        let packed = PackedBody::pack(body_in(7), FileId(8), 3);
        assert!(packed.unpack().is_err());
    }

    #[test]
    fn a_body_deeper_than_packing_follows_is_kept_as_its_tree() {
        let packed = PackedBody::pack(body_in(7), FileId(7), MAX_PACKED_DEPTH + 1);
        let first = packed.unpack().expect("it is there");
        let second = packed.unpack().expect("it is there");
        assert!(std::sync::Arc::ptr_eq(&first, &second));
        assert_eq!(format!("{first:?}"), format!("{:?}", body_in(7)));
    }
}
