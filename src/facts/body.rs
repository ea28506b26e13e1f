//! The lowered form of a fn body: just the shapes that move data or decide control flow.
//!
//! Lowering keeps what propagation and guard checking need (bindings, calls, fields, branches,
//! early exits, closures) and folds every other expression into [`ExprKind::Combine`] (the value
//! depends on all parts) or [`ExprKind::Clean`] (a boolean or count: the parts run, but the
//! result carries no personal data). It is much smaller than syn's tree and owns no spans.

use super::WrittenPath;
use crate::source::Location;

#[derive(Debug, Clone, Default)]
pub struct Block {
    pub stmts: Vec<Stmt>,
}

#[derive(Debug, Clone)]
pub enum Stmt {
    Let {
        pattern: Pattern,
        init: Option<Expr>,
        /// The `else` block of `let .. else`.
        diverge: Option<Block>,
        location: Location,
    },
    Expr(Expr),
}

/// The names a pattern binds, each with the field path it takes from the matched value
/// (`Payload { phone, .. }` binds `phone` to `.phone`; `(a, b)` binds `a` to `.0`).
#[derive(Debug, Clone, Default)]
pub struct Pattern {
    pub bindings: Vec<Binding>,
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub name: String,
    pub projection: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    /// A literal or anything else that is a constant.
    Constant,
    /// A path: a local variable, a const or static, a unit struct, a fn item.
    Path(WrittenPath),
    /// `callee(args)` where the callee is a path (fn, associated fn, tuple struct or variant).
    Call {
        callee: WrittenPath,
        args: Vec<Expr>,
    },
    MethodCall {
        receiver: Box<Expr>,
        method: String,
        args: Vec<Expr>,
        /// Where the method name is written, for reporting on chains split over lines.
        method_location: Location,
    },
    Field {
        base: Box<Expr>,
        field: String,
    },
    /// `Path { field: value, ..rest }`.
    Struct {
        path: WrittenPath,
        fields: Vec<(String, Expr)>,
        rest: Option<Box<Expr>>,
    },
    /// A value built from all of its parts: tuples, arrays, `format!`, arithmetic, casts, `&`,
    /// `*`, indexing, calls of closures, unknown macros.
    Combine(Vec<Expr>),
    /// The parts are evaluated but the result is not personal: comparisons, `.len()`-like results.
    Clean(Vec<Expr>),
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
        arms: Vec<MatchArm>,
    },
    Block(Block),
    /// `loop`, `while` (the condition is the first statement) and `for` (binding the iterator's
    /// items to `pattern`).
    Loop {
        pattern: Option<Pattern>,
        iterated: Option<Box<Expr>>,
        condition: Option<Box<Expr>>,
        body: Block,
    },
    Closure {
        params: Pattern,
        body: Box<Expr>,
    },
    Assign {
        target: Box<Expr>,
        value: Box<Expr>,
    },
    /// `expr?`: the value, or an early return on `Err`/`None`.
    Try(Box<Expr>),
    /// `return`, `break`, `continue`, `panic!` and friends: control does not go on.
    Diverge(Option<Box<Expr>>),
}

#[derive(Debug, Clone)]
pub struct MatchArm {
    pub pattern: Pattern,
    /// The literal `true`/`false` the arm matches, for `match CHECK { true => .. }`.
    pub bool_literal: Option<bool>,
    pub guard: Option<Expr>,
    pub body: Expr,
}

impl Block {
    /// Whether control never leaves the block normally (it returns, breaks, panics, ...).
    pub fn diverges(&self) -> bool {
        self.stmts.iter().any(|stmt| match stmt {
            Stmt::Expr(expr) => expr.diverges(),
            Stmt::Let { init, .. } => init.as_ref().is_some_and(Expr::diverges),
        })
    }
}

impl Expr {
    pub fn diverges(&self) -> bool {
        match &self.kind {
            ExprKind::Diverge(_) => true,
            ExprKind::Block(block) => block.diverges(),
            ExprKind::If {
                then_branch,
                else_branch: Some(else_branch),
                ..
            } => then_branch.diverges() && else_branch.diverges(),
            ExprKind::Match { arms, .. } => {
                !arms.is_empty() && arms.iter().all(|arm| arm.body.diverges())
            }
            _ => false,
        }
    }
}
