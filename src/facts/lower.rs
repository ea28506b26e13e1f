//! Lowering: a syn fn body (or static initializer) into the IR of [`super::body`].
//!
//! Local variables are resolved here, with Rust's scoping (blocks, shadowing, `if let` and
//! match arm bindings, closure parameters), so the analysis indexes them by [`LocalId`].
//! Spans are built from the tokens that start and end each expression, never with
//! `Spanned::span()` on a whole expression, which prints the subtree and would make lowering
//! quadratic in the nesting depth.

use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::Token;

use super::body::{
    Binding, Block, Body, Closure, Expr, ExprKind, Local, LocalId, MatchArm, Pattern, PatternShape,
    SiteId, Stmt, TypeStep,
};
use super::cfg::{CfgOptions, Presence};
use super::TypeRef;
use crate::names::{ends_with, Name, NamePath};
use crate::source::{FileId, SourceFile, TextSpan};

/// Lowers one body. Items nested in it (fns, impls) are handed back to the item collector.
pub(super) struct Lowerer<'a> {
    file: FileId,
    source: &'a SourceFile,
    cfg: &'a CfgOptions,
    locals: Vec<Local>,
    /// Names in scope, innermost last.
    scope: Vec<(Name, LocalId)>,
    closures: Vec<Closure>,
    next_site: SiteId,
    literals: Vec<Name>,
    /// Items declared inside the body (nested fns, impls, `use`): rare, so cloned.
    pub(super) nested_items: Vec<syn::Item>,
    /// How many expressions enclose the one being lowered.
    depth: usize,
    /// How many links of chains enclose it: each nests the tree one level deeper, though
    /// `depth` does not count it (see `chain`).
    chain_links: usize,
    /// The deepest the lowered tree nests, at most (`depth` and `chain_links` at their
    /// deepest together).
    deepest: usize,
    /// Where the first expression nested deeper than [`MAX_EXPR_DEPTH`] was cut off.
    cut_at: Option<TextSpan>,
}

/// Expressions nested deeper than this are lowered as opaque constants: the IR and every
/// later stage that walks it recursively stay within this depth. Machine-written code (a
/// 100,000-term sum, a long method chain) nests that deep without a bracket.
pub(crate) const MAX_EXPR_DEPTH: usize = 2_000;

/// What lowering a fn produced.
pub(super) struct LoweredFn {
    pub body: Body,
    pub nested_items: Vec<syn::Item>,
    /// Where an expression was cut off at [`MAX_EXPR_DEPTH`].
    pub cut_at: Option<TextSpan>,
    /// How deep the body's tree nests, at most.
    pub depth: usize,
}

impl<'a> Lowerer<'a> {
    pub(super) fn new(file: FileId, source: &'a SourceFile, cfg: &'a CfgOptions) -> Self {
        Lowerer {
            file,
            source,
            cfg,
            locals: Vec::new(),
            scope: Vec::new(),
            closures: Vec::new(),
            next_site: 0,
            literals: Vec::new(),
            nested_items: Vec::new(),
            depth: 0,
            chain_links: 0,
            deepest: 0,
            cut_at: None,
        }
    }

    /// Lowers a fn: its parameters become the first locals, then its block.
    pub(super) fn lower_fn(
        mut self,
        inputs: &Punctuated<syn::FnArg, Token![,]>,
        block: &syn::Block,
    ) -> LoweredFn {
        let mut params = Vec::new();
        for input in inputs {
            match input {
                syn::FnArg::Receiver(receiver) => {
                    let local = self.declare(
                        Name::new("self"),
                        Some(TypeRef::Path {
                            path: vec![Name::new("Self")],
                            args: Vec::new(),
                        }),
                        receiver.self_token.span,
                    );
                    params.push(Pattern {
                        bindings: Box::new([Binding {
                            local,
                            projection: Box::default(),
                            typing: Box::default(),
                        }]),
                        shape: PatternShape::Any,
                    });
                }
                syn::FnArg::Typed(typed) => {
                    let ty = type_ref(&typed.ty);
                    params.push(self.pattern_with_type(&typed.pat, Some(ty)));
                }
            }
        }
        let block = self.block(block);
        let nested_items = std::mem::take(&mut self.nested_items);
        LoweredFn {
            body: self.finish(params, block),
            nested_items,
            cut_at: self.cut_at,
            depth: self.deepest,
        }
    }

    /// Lowers a static or const initializer as a body that yields the value.
    pub(super) fn lower_initializer(mut self, expr: &syn::Expr) -> LoweredFn {
        let value = self.expr(expr);
        let block = Block::of_expr(value);
        let nested = std::mem::take(&mut self.nested_items);
        LoweredFn {
            body: self.finish(Vec::new(), block),
            nested_items: nested,
            cut_at: self.cut_at,
            depth: self.deepest,
        }
    }

    fn finish(&mut self, params: Vec<Pattern>, mut block: Block) -> Body {
        return_tails(&mut block);
        Body {
            locals: std::mem::take(&mut self.locals).into(),
            params: params.into(),
            block,
            closures: std::mem::take(&mut self.closures).into(),
            site_count: self.next_site,
            literals: std::mem::take(&mut self.literals).into(),
        }
    }

    fn string_literal(&mut self, text: &syn::LitStr, span: TextSpan) -> Expr {
        let value = text.value();
        if value.len() > MAX_KEPT_LITERAL {
            return Expr::constant(span);
        }
        let name = Name::new(&value);
        if !self.literals.contains(&name) {
            self.literals.push(name);
        }
        Expr::new(ExprKind::Str(name), span)
    }

    fn at(&self, span: Span) -> TextSpan {
        self.source.text_span(self.file, span)
    }

    fn between(&self, first: Span, last: Span) -> TextSpan {
        self.at(first).to(self.at(last))
    }

    fn site(&mut self) -> SiteId {
        let site = self.next_site;
        self.next_site += 1;
        site
    }

    fn declare(&mut self, name: Name, ty: Option<TypeRef>, span: Span) -> LocalId {
        let id = self.locals.len() as LocalId;
        let span = self.at(span);
        self.locals.push(Local {
            name,
            ty: ty.map(Box::new),
            span,
        });
        self.scope.push((name, id));
        id
    }

    fn lookup(&self, name: Name) -> Option<LocalId> {
        self.scope
            .iter()
            .rev()
            .find(|(known, _)| *known == name)
            .map(|(_, id)| *id)
    }

    // ---- Blocks and statements ----

    fn block(&mut self, block: &syn::Block) -> Block {
        let mark = self.scope.len();
        let first_local = self.locals.len() as LocalId;
        let mut lowered = self.stmts(&block.stmts);
        lowered.first_local = first_local;
        self.scope.truncate(mark);
        lowered
    }

    fn stmts(&mut self, stmts: &[syn::Stmt]) -> Block {
        let mut lowered = Vec::with_capacity(stmts.len());
        let has_tail = matches!(
            stmts.last(),
            Some(syn::Stmt::Expr(_, None))
                | Some(syn::Stmt::Macro(syn::StmtMacro {
                    semi_token: None,
                    ..
                }))
        );
        for stmt in stmts {
            match stmt {
                syn::Stmt::Local(local) => {
                    let presence = self.cfg.presence(&local.attrs);
                    if presence == Presence::Never {
                        continue;
                    }
                    let mut init = local.init.as_ref().map(|init| self.expr(&init.expr));
                    let diverge = local.init.as_ref().and_then(|init| {
                        init.diverge.as_ref().map(|(_, otherwise)| {
                            let otherwise = self.expr(otherwise);
                            match otherwise.kind {
                                ExprKind::Block(block) => block,
                                _ => Block::of_expr(otherwise),
                            }
                        })
                    });
                    let (pat, ty) = match &local.pat {
                        syn::Pat::Type(typed) => (&*typed.pat, Some(type_ref(&typed.ty))),
                        other => (other, None),
                    };
                    // `#[cfg(a)] let x = ..; #[cfg(not(a))] let x = ..;`: in the union of
                    // builds `x` may be either.
                    if presence == Presence::Sometimes {
                        if let (syn::Pat::Ident(ident), Some(value)) =
                            (strip_pattern(pat), init.take())
                        {
                            let previous = self.lookup(Name::of(&ident.ident));
                            init = Some(match previous {
                                Some(previous) => {
                                    let span = value.span;
                                    Expr::new(
                                        ExprKind::If {
                                            condition: Box::new(Expr::constant(span)),
                                            then_branch: Block::of_expr(value),
                                            else_branch: Some(Box::new(Expr::new(
                                                ExprKind::Local(previous),
                                                span,
                                            ))),
                                        },
                                        span,
                                    )
                                }
                                None => value,
                            });
                        }
                    }
                    let span = self.at(pattern_span(pat));
                    let pattern = self.pattern_with_type(pat, ty);
                    lowered.push(Stmt::Let {
                        pattern,
                        init: init.map(Box::new),
                        diverge: diverge.map(Box::new),
                        span,
                    });
                }
                syn::Stmt::Item(item) => self.nested_items.push(item.clone()),
                syn::Stmt::Expr(expr, _) => {
                    let presence = expr_attributes(expr)
                        .map_or(Presence::Always, |attrs| self.cfg.presence(attrs));
                    if presence == Presence::Never {
                        continue;
                    }
                    let lowered_expr = self.expr(expr);
                    lowered.push(Stmt::Expr(sometimes(lowered_expr, presence)));
                }
                syn::Stmt::Macro(statement) => {
                    let presence = self.cfg.presence(&statement.attrs);
                    if presence == Presence::Never {
                        continue;
                    }
                    let lowered_expr = self.macro_call(&statement.mac);
                    lowered.push(Stmt::Expr(sometimes(lowered_expr, presence)));
                }
            }
        }
        Block::new(lowered, has_tail)
    }

    // ---- Expressions ----

    fn exprs<'e>(&mut self, exprs: impl IntoIterator<Item = &'e syn::Expr>) -> Box<[Expr]> {
        exprs.into_iter().map(|expr| self.expr(expr)).collect()
    }

    fn boxed(&mut self, expr: &syn::Expr) -> Box<Expr> {
        Box::new(self.expr(expr))
    }

    pub(super) fn expr(&mut self, expr: &syn::Expr) -> Expr {
        if self.depth >= MAX_EXPR_DEPTH {
            let span = self.at(first_token_span(expr));
            self.cut_at.get_or_insert(span);
            return Expr::constant(span);
        }
        self.depth += 1;
        self.deepest = self.deepest.max(self.depth + self.chain_links);
        let lowered = if matches!(
            expr,
            syn::Expr::MethodCall(_) | syn::Expr::Await(_) | syn::Expr::Try(_)
        ) {
            self.chain(expr)
        } else {
            self.expr_inner(expr)
        };
        self.depth -= 1;
        lowered
    }

    /// A chain of method calls, `.await`s and `?`s (`a.b()?.c().await`), lowered in a loop from
    /// its innermost receiver outwards: machine-made chains run to hundreds of thousands of
    /// links, and one recursion per link would need a stack as deep. Sites are numbered as the
    /// recursion would: a receiver's before its call's.
    fn chain(&mut self, expr: &syn::Expr) -> Expr {
        let mut links: Vec<&syn::Expr> = Vec::new();
        let mut innermost = expr;
        loop {
            match innermost {
                syn::Expr::MethodCall(call) => {
                    links.push(innermost);
                    innermost = &call.receiver;
                }
                syn::Expr::Await(awaited) => {
                    links.push(innermost);
                    innermost = &awaited.base;
                }
                syn::Expr::Try(try_expr) => {
                    links.push(innermost);
                    innermost = &try_expr.expr;
                }
                _ => break,
            }
        }
        let links_here = links.len();
        self.chain_links += links_here;
        self.deepest = self.deepest.max(self.depth + self.chain_links);
        let mut lowered = self.expr_inner(innermost);
        for link in links.into_iter().rev() {
            lowered = self.chain_link(link, lowered);
        }
        self.chain_links -= links_here;
        lowered
    }

    /// One link of a chain (see `chain`), on the lowered `receiver`.
    fn chain_link(&mut self, link: &syn::Expr, receiver: Expr) -> Expr {
        let receiver = Box::new(receiver);
        match link {
            syn::Expr::MethodCall(call) => {
                let args = self.exprs(&call.args);
                let close = self.at(call.paren_token.span.close());
                let method_start = self.at(call.method.span()).start;
                let span = receiver.span.to(close);
                let site = self.site();
                Expr::new(
                    ExprKind::MethodCall {
                        receiver,
                        method: Name::of(&call.method),
                        args,
                        site,
                        method_start,
                    },
                    span,
                )
            }
            syn::Expr::Await(awaited) => {
                let await_span = self.at(awaited.await_token.span);
                let span = receiver.span.to(await_span);
                let site = self.site();
                Expr::new(
                    ExprKind::MethodCall {
                        receiver,
                        method: Name::new("await"),
                        args: Box::default(),
                        site,
                        method_start: await_span.start,
                    },
                    span,
                )
            }
            syn::Expr::Try(try_expr) => {
                let span = receiver.span.to(self.at(try_expr.question_token.span));
                // `Err(..)?` always returns early.
                let always_fails = matches!(&*try_expr.expr, syn::Expr::Call(call)
                    if matches!(&*call.func, syn::Expr::Path(p) if p.path.is_ident("Err")));
                if always_fails {
                    Expr::new(ExprKind::Return(Some(receiver)), span)
                } else {
                    Expr::new(ExprKind::Try(receiver), span)
                }
            }
            _ => *receiver,
        }
    }

    fn expr_inner(&mut self, expr: &syn::Expr) -> Expr {
        match expr {
            syn::Expr::Array(array) => {
                let parts = self.exprs(&array.elems);
                Expr::new(
                    ExprKind::Combine(parts),
                    self.at(array.bracket_token.span.join()),
                )
            }
            syn::Expr::Assign(assign) => {
                let target = self.boxed(&assign.left);
                let value = self.boxed(&assign.right);
                let span = target.span.to(value.span);
                Expr::new(ExprKind::Assign { target, value }, span)
            }
            syn::Expr::Async(block) => {
                let lowered = self.block(&block.block);
                let span =
                    self.between(block.async_token.span, block.block.brace_token.span.close());
                Expr::new(ExprKind::Block(lowered), span)
            }
            // `.await` is a call of the future: what it carries comes out, and a catalog can
            // name it (`surf::RequestBuilder::await` sends the request).
            syn::Expr::Binary(binary) => self.binary(binary),
            syn::Expr::Block(block) => {
                let lowered = self.block(&block.block);
                Expr::new(
                    ExprKind::Block(lowered),
                    self.at(block.block.brace_token.span.join()),
                )
            }
            syn::Expr::Break(exit) => {
                let value = exit.expr.as_deref().map(|value| self.boxed(value));
                let mut span = self.at(exit.break_token.span);
                if let Some(value) = &value {
                    span = span.to(value.span);
                }
                Expr::new(ExprKind::Break(value), span)
            }
            syn::Expr::Continue(exit) => {
                Expr::new(ExprKind::Continue, self.at(exit.continue_token.span))
            }
            syn::Expr::Return(exit) => {
                let value = exit.expr.as_deref().map(|value| self.boxed(value));
                let mut span = self.at(exit.return_token.span);
                if let Some(value) = &value {
                    span = span.to(value.span);
                }
                Expr::new(ExprKind::Return(value), span)
            }
            syn::Expr::Call(call) => self.call(call),
            syn::Expr::Cast(cast) => self.expr(&cast.expr),
            syn::Expr::Closure(closure) => self.closure(closure),
            syn::Expr::Const(block) => {
                let lowered = self.block(&block.block);
                Expr::new(
                    ExprKind::Block(lowered),
                    self.at(block.block.brace_token.span.join()),
                )
            }
            syn::Expr::Field(field) => {
                let base = self.boxed(&field.base);
                let (name, member_span) = member(&field.member);
                let span = base.span.to(self.at(member_span));
                let site = self.site();
                Expr::new(
                    ExprKind::Field {
                        base,
                        field: name,
                        site,
                    },
                    span,
                )
            }
            syn::Expr::ForLoop(for_loop) => {
                let iterated = self.boxed(&for_loop.expr);
                let mark = self.scope.len();
                let pattern = self.pattern(&for_loop.pat);
                let body = self.block(&for_loop.body);
                self.scope.truncate(mark);
                let span = self.between(
                    for_loop.for_token.span,
                    for_loop.body.brace_token.span.close(),
                );
                Expr::new(
                    ExprKind::Loop {
                        pattern: Some(Box::new(pattern)),
                        iterated: Some(iterated),
                        condition: None,
                        body: Box::new(body),
                    },
                    span,
                )
            }
            syn::Expr::Group(group) => self.expr(&group.expr),
            syn::Expr::If(if_expr) => self.if_expr(if_expr),
            syn::Expr::Index(index) => {
                let parts = vec![self.expr(&index.expr), self.expr(&index.index)];
                let span = parts[0].span.to(self.at(index.bracket_token.span.close()));
                Expr::new(ExprKind::Combine(parts.into()), span)
            }
            syn::Expr::Let(binding) => {
                let value = self.boxed(&binding.expr);
                let pattern = self.pattern(&binding.pat);
                let span = self.at(binding.let_token.span).to(value.span);
                Expr::new(ExprKind::Let { pattern, value }, span)
            }
            syn::Expr::Lit(literal) => {
                let span = self.at(literal.lit.span());
                match &literal.lit {
                    syn::Lit::Bool(value) => Expr::new(ExprKind::Bool(value.value), span),
                    syn::Lit::Str(text) => self.string_literal(text, span),
                    _ => Expr::constant(span),
                }
            }
            syn::Expr::Loop(body) => {
                let lowered = self.block(&body.body);
                let span = self.between(body.loop_token.span, body.body.brace_token.span.close());
                Expr::new(
                    ExprKind::Loop {
                        pattern: None,
                        iterated: None,
                        condition: None,
                        body: Box::new(lowered),
                    },
                    span,
                )
            }
            syn::Expr::Macro(macro_expr) => self.macro_call(&macro_expr.mac),
            syn::Expr::Match(match_expr) => {
                let scrutinee = self.boxed(&match_expr.expr);
                let mut arms = Vec::with_capacity(match_expr.arms.len());
                for arm in &match_expr.arms {
                    if !self.cfg.includes(&arm.attrs) {
                        continue;
                    }
                    let mark = self.scope.len();
                    let pattern = self.pattern(&arm.pat);
                    let guard = arm.guard.as_ref().map(|(_, guard)| self.expr(guard));
                    let body = self.expr(&arm.body);
                    self.scope.truncate(mark);
                    arms.push(MatchArm {
                        pattern,
                        guard: guard.map(Box::new),
                        body,
                    });
                }
                let span = self.between(
                    match_expr.match_token.span,
                    match_expr.brace_token.span.close(),
                );
                Expr::new(
                    ExprKind::Match {
                        scrutinee,
                        arms: arms.into(),
                    },
                    span,
                )
            }
            syn::Expr::Paren(paren) => self.expr(&paren.expr),
            syn::Expr::Path(path) => self.path_expr(path),
            syn::Expr::Range(range) => {
                let parts: Vec<Expr> = range
                    .start
                    .iter()
                    .chain(range.end.iter())
                    .map(|bound| self.expr(bound))
                    .collect();
                let span = match (parts.first(), parts.last()) {
                    (Some(first), Some(last)) => first.span.to(last.span),
                    _ => self.at(range.limits.span()),
                };
                Expr::new(ExprKind::Combine(parts.into()), span)
            }
            syn::Expr::RawAddr(raw) => self.expr(&raw.expr),
            syn::Expr::Reference(reference) => self.expr(&reference.expr),
            syn::Expr::Repeat(repeat) => {
                let parts = vec![self.expr(&repeat.expr)];
                Expr::new(
                    ExprKind::Combine(parts.into()),
                    self.at(repeat.bracket_token.span.join()),
                )
            }
            syn::Expr::Struct(structure) => {
                let path = written_path(&structure.path);
                let mut fields = Vec::with_capacity(structure.fields.len());
                for field in &structure.fields {
                    if !self.cfg.includes(&field.attrs) {
                        continue;
                    }
                    let (name, _) = member(&field.member);
                    fields.push((name, self.expr(&field.expr)));
                }
                let rest = structure.rest.as_deref().map(|rest| self.boxed(rest));
                let span = self.between(
                    path_start(&structure.path),
                    structure.brace_token.span.close(),
                );
                let site = self.site();
                Expr::new(
                    ExprKind::Struct {
                        path: path.into(),
                        fields: fields.into(),
                        rest,
                        site,
                    },
                    span,
                )
            }
            syn::Expr::TryBlock(block) => {
                let lowered = self.block(&block.block);
                Expr::new(
                    ExprKind::Block(lowered),
                    self.at(block.block.brace_token.span.join()),
                )
            }
            syn::Expr::Tuple(tuple) => {
                let span = self.at(tuple.paren_token.span.join());
                if tuple.elems.is_empty() {
                    return Expr::constant(span);
                }
                let parts = self.exprs(&tuple.elems);
                Expr::new(ExprKind::Tuple(parts), span)
            }
            syn::Expr::Unary(unary) => {
                let inner = self.boxed(&unary.expr);
                match unary.op {
                    syn::UnOp::Not(token) => {
                        let span = self.at(token.span).to(inner.span);
                        Expr::new(ExprKind::Not(inner), span)
                    }
                    _ => *inner,
                }
            }
            syn::Expr::Unsafe(block) => {
                let lowered = self.block(&block.block);
                let span = self.between(
                    block.unsafe_token.span,
                    block.block.brace_token.span.close(),
                );
                Expr::new(ExprKind::Block(lowered), span)
            }
            syn::Expr::While(while_loop) => {
                let mark = self.scope.len();
                let condition = self.boxed(&while_loop.cond);
                let body = self.block(&while_loop.body);
                self.scope.truncate(mark);
                let span = self.between(
                    while_loop.while_token.span,
                    while_loop.body.brace_token.span.close(),
                );
                Expr::new(
                    ExprKind::Loop {
                        pattern: None,
                        iterated: None,
                        condition: Some(condition),
                        body: Box::new(body),
                    },
                    span,
                )
            }
            syn::Expr::Yield(yielded) => {
                let parts: Vec<Expr> = yielded.expr.iter().map(|e| self.expr(e)).collect();
                Expr::new(
                    ExprKind::Combine(parts.into()),
                    self.at(yielded.yield_token.span),
                )
            }
            // `_`, verbatim tokens and anything newer than this lowering: a constant.
            other => Expr::constant(self.at(other.span())),
        }
    }

    fn path_expr(&mut self, path: &syn::ExprPath) -> Expr {
        let span = self.between(path_start(&path.path), path_end(&path.path));
        let is_plain = path.qself.is_none()
            && path.path.leading_colon.is_none()
            && path.path.segments.len() == 1
            && path.path.segments[0].arguments.is_none();
        if is_plain {
            let name = Name::of(&path.path.segments[0].ident);
            if let Some(local) = self.lookup(name) {
                return Expr::new(ExprKind::Local(local), span);
            }
        }
        let site = self.site();
        Expr::new(
            ExprKind::Path {
                path: written_path(&path.path).into(),
                site,
            },
            span,
        )
    }

    fn call(&mut self, call: &syn::ExprCall) -> Expr {
        let close = self.at(call.paren_token.span.close());
        if let syn::Expr::Path(path) = &*call.func {
            let callee = qualified_path(path);
            let is_local = callee.len() == 1 && self.lookup(callee[0]).is_some();
            if !is_local && !callee.is_empty() {
                let args = self.exprs(&call.args);
                let start = match &path.qself {
                    Some(qself) => qself.lt_token.span,
                    None => path_start(&path.path),
                };
                let span = self.at(start).to(close);
                if ends_with(&callee, &["process", "exit"])
                    || ends_with(&callee, &["process", "abort"])
                {
                    return Expr::new(
                        ExprKind::Diverge(Some(Box::new(Expr::new(ExprKind::Combine(args), span)))),
                        span,
                    );
                }
                let site = self.site();
                return Expr::new(
                    ExprKind::Call {
                        callee: callee.into(),
                        args,
                        site,
                    },
                    span,
                );
            }
        }
        let callee = self.boxed(&call.func);
        let args = self.exprs(&call.args);
        let span = callee.span.to(close);
        Expr::new(ExprKind::CallValue { callee, args }, span)
    }

    fn closure(&mut self, closure: &syn::ExprClosure) -> Expr {
        let mark = self.scope.len();
        let params: Vec<Pattern> = closure
            .inputs
            .iter()
            .map(|input| match input {
                syn::Pat::Type(typed) => {
                    let ty = type_ref(&typed.ty);
                    self.pattern_with_type(&typed.pat, Some(ty))
                }
                other => self.pattern(other),
            })
            .collect();
        let body = self.expr(&closure.body);
        self.scope.truncate(mark);
        let span = self.at(closure.or1_token.span).to(body.span);
        let id = self.closures.len() as u32;
        self.closures.push(Closure { params, body, span });
        Expr::new(ExprKind::Closure(id), span)
    }

    fn if_expr(&mut self, if_expr: &syn::ExprIf) -> Expr {
        // Bindings of `if let` are in scope in the `then` block only.
        let mark = self.scope.len();
        let condition = self.boxed(&if_expr.cond);
        let then_branch = self.block(&if_expr.then_branch);
        self.scope.truncate(mark);
        let else_branch = if_expr
            .else_branch
            .as_ref()
            .map(|(_, otherwise)| self.boxed(otherwise));
        let start = self.at(if_expr.if_token.span);
        let span = match &else_branch {
            Some(otherwise) => start.to(otherwise.span),
            None => start.to(self.at(if_expr.then_branch.brace_token.span.close())),
        };
        Expr::new(
            ExprKind::If {
                condition,
                then_branch,
                else_branch,
            },
            span,
        )
    }

    fn binary(&mut self, binary: &syn::ExprBinary) -> Expr {
        use syn::BinOp;
        let left = self.boxed(&binary.left);
        let right = self.boxed(&binary.right);
        let span = left.span.to(right.span);
        // `allowed() == true` is `allowed()`, `allowed() == false` is `!allowed()`: a check
        // compared with a literal still decides.
        let against_literal = match (&binary.op, literal_bool(&left), literal_bool(&right)) {
            (BinOp::Eq(_) | BinOp::Ne(_), None, Some(literal)) => Some((left.clone(), literal)),
            (BinOp::Eq(_) | BinOp::Ne(_), Some(literal), None) => Some((right.clone(), literal)),
            _ => None,
        };
        if let Some((tested, literal)) = against_literal {
            let same = literal == matches!(binary.op, BinOp::Eq(_));
            return if same {
                *tested
            } else {
                Expr::new(ExprKind::Not(tested), span)
            };
        }
        let kind = match binary.op {
            BinOp::And(_) => ExprKind::And(left, right),
            BinOp::Or(_) => ExprKind::Or(left, right),
            BinOp::Eq(_) => ExprKind::Equal(left, right),
            BinOp::Ne(_) => {
                let equal = Expr::new(ExprKind::Equal(left, right), span);
                ExprKind::Not(Box::new(equal))
            }
            BinOp::Lt(_) | BinOp::Le(_) | BinOp::Ge(_) | BinOp::Gt(_) => {
                ExprKind::Clean(vec![*left, *right].into())
            }
            BinOp::AddAssign(_)
            | BinOp::SubAssign(_)
            | BinOp::MulAssign(_)
            | BinOp::DivAssign(_)
            | BinOp::RemAssign(_)
            | BinOp::BitXorAssign(_)
            | BinOp::BitAndAssign(_)
            | BinOp::BitOrAssign(_)
            | BinOp::ShlAssign(_)
            | BinOp::ShrAssign(_) => ExprKind::Assign {
                target: left.clone(),
                value: Box::new(Expr::new(
                    ExprKind::Combine(vec![*left, *right].into()),
                    span,
                )),
            },
            _ => ExprKind::Combine(vec![*left, *right].into()),
        };
        Expr::new(kind, span)
    }

    // ---- Macros ----

    fn macro_call(&mut self, mac: &syn::Macro) -> Expr {
        let name = mac
            .path
            .segments
            .last()
            .map(|segment| segment.ident.to_string())
            .unwrap_or_default();
        let span = self.between(path_start(&mac.path), mac.delimiter.span().close());
        let arguments = || {
            mac.parse_body_with(Punctuated::<syn::Expr, Token![,]>::parse_terminated)
                .map(|args| args.into_iter().collect::<Vec<_>>())
        };
        match name.as_str() {
            "format" | "print" | "println" | "eprint" | "eprintln" | "format_args" | "write"
            | "writeln" | "trace" | "debug" | "info" | "warn" | "error" | "log" | "panic"
            | "unreachable" | "todo" | "unimplemented" | "bail" | "anyhow" | "eyre" => {
                let Ok(args) = arguments() else {
                    return self.unknown_macro(mac, span);
                };
                let is_write = matches!(name.as_str(), "write" | "writeln");
                let mut parts = Vec::new();
                for (index, arg) in args.iter().enumerate() {
                    if is_write && index == 0 {
                        continue;
                    }
                    parts.extend(self.format_argument(arg));
                }
                let combined = Expr::new(ExprKind::Combine(parts.into()), span);
                match name.as_str() {
                    "panic" | "unreachable" | "todo" | "unimplemented" => {
                        Expr::new(ExprKind::Diverge(Some(Box::new(combined))), span)
                    }
                    "bail" => Expr::new(ExprKind::Return(Some(Box::new(combined))), span),
                    _ if is_write && !args.is_empty() => {
                        let target = self.boxed(&args[0]);
                        Expr::new(
                            ExprKind::Assign {
                                target,
                                value: Box::new(combined),
                            },
                            span,
                        )
                    }
                    _ => combined,
                }
            }
            // `assert!(c)` and `ensure!(c, ..)`: when `c` is false, control leaves.
            "assert" | "ensure" => match arguments() {
                Ok(args) if !args.is_empty() => {
                    let condition = self.expr(&args[0]);
                    let exit = if name == "ensure" {
                        ExprKind::Return(None)
                    } else {
                        ExprKind::Diverge(None)
                    };
                    let negated = Expr::new(ExprKind::Not(Box::new(condition)), span);
                    Expr::new(
                        ExprKind::If {
                            condition: Box::new(negated),
                            then_branch: Block::of_expr(Expr::new(exit, span)),
                            else_branch: None,
                        },
                        span,
                    )
                }
                _ => Expr::constant(span),
            },
            "matches" | "assert_eq" | "assert_ne" | "debug_assert" | "debug_assert_eq"
            | "debug_assert_ne" => {
                if name == "matches" {
                    if let Ok(MatchesArguments(value, pattern)) =
                        mac.parse_body::<MatchesArguments>()
                    {
                        // `matches!(CHECK, Ok(..))` tests like `if let Ok(..) = CHECK`; its
                        // bindings live only inside the macro.
                        let value = self.boxed(&value);
                        let mark = self.scope.len();
                        let pattern = self.pattern(&pattern);
                        self.scope.truncate(mark);
                        return Expr::new(ExprKind::Let { pattern, value }, span);
                    }
                }
                let parts = self.exprs(&arguments().unwrap_or_default());
                Expr::new(ExprKind::Clean(parts), span)
            }
            "vec" => {
                if let Ok(args) = arguments() {
                    let parts = self.exprs(&args);
                    return Expr::new(ExprKind::Combine(parts), span);
                }
                match mac.parse_body::<RepeatArguments>() {
                    Ok(RepeatArguments(element)) => {
                        let parts = vec![self.expr(&element)];
                        Expr::new(ExprKind::Combine(parts.into()), span)
                    }
                    Err(_) => self.unknown_macro(mac, span),
                }
            }
            "dbg" => match arguments() {
                Ok(args) if args.len() == 1 => self.expr(&args[0]),
                Ok(args) => {
                    let parts = self.exprs(&args);
                    Expr::new(ExprKind::Tuple(parts), span)
                }
                Err(_) => Expr::constant(span),
            },
            "concat" | "stringify" | "include_str" | "include_bytes" | "env" | "option_env"
            | "cfg" | "line" | "column" | "file" | "module_path" => Expr::constant(span),
            "join" | "try_join" => match arguments() {
                Ok(args) => {
                    let parts = self.exprs(&args);
                    Expr::new(ExprKind::Tuple(parts), span)
                }
                Err(_) => self.unknown_macro(mac, span),
            },
            "select" | "select_biased" => match mac.parse_body::<SelectArms>() {
                Ok(SelectArms(arms)) => self.select(arms, span),
                Err(_) => self.unknown_macro(mac, span),
            },
            _ => self.unknown_macro(mac, span),
        }
    }

    /// One argument of a format-like macro: a string literal contributes itself (a URL it
    /// starts with counts) and its `{name}` captures, `name = value` its value, anything else
    /// itself.
    fn format_argument(&mut self, arg: &syn::Expr) -> Vec<Expr> {
        match arg {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) => {
                let literal_span = self.at(text.span());
                let literal = self.string_literal(text, literal_span);
                std::iter::once(literal)
                    .chain(format_captures(&text.value()).into_iter().map(|name| {
                        let name = Name::new(&name);
                        match self.lookup(name) {
                            Some(local) => Expr::new(ExprKind::Local(local), literal_span),
                            None => {
                                let site = self.site();
                                Expr::new(
                                    ExprKind::Path {
                                        path: vec![name].into(),
                                        site,
                                    },
                                    literal_span,
                                )
                            }
                        }
                    }))
                    .collect()
            }
            syn::Expr::Assign(assign) => vec![self.expr(&assign.right)],
            other => vec![self.expr(other)],
        }
    }

    /// `tokio::select!` / `futures::select!`: each arm runs on its own (like a match), binding
    /// its pattern to its future's output.
    fn select(&mut self, arms: Vec<SelectArm>, span: TextSpan) -> Expr {
        let mut lowered = Vec::with_capacity(arms.len());
        for arm in arms {
            let mark = self.scope.len();
            let mut stmts = Vec::new();
            if let Some((pattern, future)) = &arm.binding {
                let init = self.expr(future);
                let pattern_span = self.at(pattern_span(pattern));
                let pattern = self.pattern(pattern);
                stmts.push(Stmt::Let {
                    pattern,
                    init: Some(Box::new(init)),
                    diverge: None,
                    span: pattern_span,
                });
            }
            let guard = arm.condition.as_ref().map(|condition| self.expr(condition));
            stmts.push(Stmt::Expr(self.expr(&arm.body)));
            self.scope.truncate(mark);
            lowered.push(MatchArm {
                pattern: Pattern::default(),
                guard: guard.map(Box::new),
                body: Expr::new(ExprKind::Block(Block::new(stmts, true)), span),
            });
        }
        Expr::new(
            ExprKind::Match {
                scrutinee: Box::new(Expr::constant(span)),
                arms: lowered.into(),
            },
            span,
        )
    }

    /// Unknown macros: their tokens as expressions where they parse (a comma list, or
    /// statements), else every run of tokens between separators that parses.
    fn unknown_macro(&mut self, mac: &syn::Macro, span: TextSpan) -> Expr {
        if let Ok(args) = mac.parse_body_with(Punctuated::<syn::Expr, Token![,]>::parse_terminated)
        {
            let parts = self.exprs(&args);
            return Expr::new(ExprKind::Combine(parts), span);
        }
        if let Ok(stmts) = mac.parse_body_with(syn::Block::parse_within) {
            return self.owned_statements(stmts, span);
        }
        let parts = self.token_expressions(mac.tokens.clone());
        Expr::new(ExprKind::Combine(parts.into()), span)
    }

    fn owned_statements(&mut self, stmts: Vec<syn::Stmt>, span: TextSpan) -> Expr {
        let mark = self.scope.len();
        let block = self.stmts(&stmts);
        self.scope.truncate(mark);
        Expr::new(ExprKind::Block(block), span)
    }

    /// Expressions found in macro tokens that are not Rust expressions as a whole (`json!`):
    /// every run between top-level `,` `;` `:` `=>` that parses, and the insides of groups.
    fn token_expressions(&mut self, tokens: proc_macro2::TokenStream) -> Vec<Expr> {
        use proc_macro2::TokenTree;
        let mut found = Vec::new();
        let mut run: Vec<TokenTree> = Vec::new();
        let flush = |run: &mut Vec<TokenTree>, found: &mut Vec<Expr>, this: &mut Self| {
            if run.is_empty() {
                return;
            }
            let stream: proc_macro2::TokenStream = run.drain(..).collect();
            if let Ok(expr) = syn::parse2::<syn::Expr>(stream.clone()) {
                found.push(this.expr(&expr));
            } else {
                for tree in stream {
                    if let TokenTree::Group(group) = tree {
                        found.extend(this.token_expressions(group.stream()));
                    }
                }
            }
        };
        // `::` is two joint `:` puncts: a path, not a separator (`json!({ "os": System::name() })`).
        let mut in_path_separator = false;
        let mut trees = tokens.into_iter().peekable();
        while let Some(tree) = trees.next() {
            let separator = match &tree {
                TokenTree::Punct(punct) if punct.as_char() == ':' => {
                    let starts_path = punct.spacing() == proc_macro2::Spacing::Joint
                        && matches!(trees.peek(), Some(TokenTree::Punct(next)) if next.as_char() == ':');
                    let is_path = starts_path || in_path_separator;
                    in_path_separator = starts_path;
                    !is_path
                }
                TokenTree::Punct(punct) => {
                    in_path_separator = false;
                    matches!(punct.as_char(), ',' | ';' | '=' | '>')
                }
                _ => {
                    in_path_separator = false;
                    false
                }
            };
            if separator {
                flush(&mut run, &mut found, self);
            } else {
                run.push(tree);
            }
        }
        flush(&mut run, &mut found, self);
        found
    }

    // ---- Patterns ----

    fn pattern(&mut self, pat: &syn::Pat) -> Pattern {
        self.pattern_with_type(pat, None)
    }

    /// Declares the pattern's bindings; a plain `name: Type` binding records its type.
    fn pattern_with_type(&mut self, pat: &syn::Pat, ty: Option<TypeRef>) -> Pattern {
        let mut bindings = Vec::new();
        let pat = strip_pattern(pat);
        if let syn::Pat::Ident(ident) = pat {
            if ident.subpat.is_none() && !is_none_pattern(ident) {
                let local = self.declare(Name::of(&ident.ident), ty, ident.ident.span());
                return Pattern {
                    bindings: Box::new([Binding {
                        local,
                        projection: Box::default(),
                        typing: Box::default(),
                    }]),
                    shape: PatternShape::Any,
                };
            }
        }
        self.bind_pattern(pat, &mut Vec::new(), &mut Vec::new(), &mut bindings);
        Pattern {
            bindings: bindings.into(),
            shape: pattern_shape(pat),
        }
    }

    /// Declares the bindings of `pat`, which matches the part of the value at `projection`
    /// (whose type is reached by `typing`).
    fn bind_pattern(
        &mut self,
        pat: &syn::Pat,
        projection: &mut Vec<Name>,
        typing: &mut Vec<TypeStep>,
        out: &mut Vec<Binding>,
    ) {
        match pat {
            syn::Pat::Ident(ident) => {
                if is_none_pattern(ident) {
                    return;
                }
                let local = self.declare(Name::of(&ident.ident), None, ident.ident.span());
                // The projection's fields say the type unless a variant is on the way.
                let through_variant = typing
                    .iter()
                    .any(|step| matches!(step, TypeStep::Variant(_)));
                out.push(Binding {
                    local,
                    projection: projection.as_slice().into(),
                    typing: if through_variant {
                        typing.as_slice().into()
                    } else {
                        Box::default()
                    },
                });
                if let Some((_, sub)) = &ident.subpat {
                    self.bind_pattern(sub, projection, typing, out);
                }
            }
            syn::Pat::Tuple(tuple) => {
                for (index, element) in tuple.elems.iter().enumerate() {
                    projection.push(Name::of(&index));
                    typing.push(TypeStep::Field(Name::of(&index)));
                    self.bind_pattern(element, projection, typing, out);
                    projection.pop();
                    typing.pop();
                }
            }
            syn::Pat::TupleStruct(tuple) => {
                // `Some(x)`, `Ok(x)` and one-field wrappers pass the value through.
                let single = tuple.elems.len() == 1;
                let entered = tuple.path.segments.last().and_then(|last| {
                    let name = &last.ident;
                    if name == "Some" || name == "Ok" {
                        Some(TypeStep::Held)
                    } else if name == "Err" {
                        None
                    } else {
                        Some(TypeStep::Variant(Name::of(name)))
                    }
                });
                let depth = typing.len();
                typing.extend(entered);
                for (index, element) in tuple.elems.iter().enumerate() {
                    if !single {
                        projection.push(Name::of(&index));
                    }
                    if let Some(TypeStep::Variant(_)) = entered {
                        typing.push(TypeStep::Field(Name::of(&index)));
                    }
                    self.bind_pattern(element, projection, typing, out);
                    if !single {
                        projection.pop();
                    }
                    typing.truncate(depth + usize::from(entered.is_some()));
                }
                typing.truncate(depth);
            }
            syn::Pat::Struct(structure) => {
                let variant = structure.path.segments.last().map(|last| &last.ident);
                if let Some(name) = variant {
                    typing.push(TypeStep::Variant(Name::of(name)));
                }
                for field in &structure.fields {
                    let (name, _) = member(&field.member);
                    projection.push(name);
                    typing.push(TypeStep::Field(name));
                    self.bind_pattern(&field.pat, projection, typing, out);
                    projection.pop();
                    typing.pop();
                }
                if variant.is_some() {
                    typing.pop();
                }
            }
            syn::Pat::Reference(reference) => {
                self.bind_pattern(&reference.pat, projection, typing, out)
            }
            syn::Pat::Paren(paren) => self.bind_pattern(&paren.pat, projection, typing, out),
            syn::Pat::Type(typed) => self.bind_pattern(&typed.pat, projection, typing, out),
            syn::Pat::Slice(slice) => {
                typing.push(TypeStep::Untyped);
                for element in &slice.elems {
                    self.bind_pattern(element, projection, typing, out);
                }
                typing.pop();
            }
            syn::Pat::Or(or) => {
                // Every case binds the same names; bind them once, from the first case.
                if let Some(first) = or.cases.first() {
                    self.bind_pattern(first, projection, typing, out);
                }
            }
            _ => {}
        }
    }
}

// ---- Macro argument shapes ----

/// `matches!(expr, pattern)` (an `if` guard after the pattern is skipped).
struct MatchesArguments(syn::Expr, syn::Pat);

impl syn::parse::Parse for MatchesArguments {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        let expr: syn::Expr = input.parse()?;
        input.parse::<Token![,]>()?;
        let pattern = syn::Pat::parse_multi_with_leading_vert(input)?;
        let _: proc_macro2::TokenStream = input.parse()?;
        Ok(MatchesArguments(expr, pattern))
    }
}

/// `vec![element; count]`: the element.
struct RepeatArguments(syn::Expr);

impl syn::parse::Parse for RepeatArguments {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        let element: syn::Expr = input.parse()?;
        input.parse::<Token![;]>()?;
        let _: syn::Expr = input.parse()?;
        Ok(RepeatArguments(element))
    }
}

/// One arm of `select!`: `pattern = future (, if condition)? => body` or `else => body`.
struct SelectArm {
    binding: Option<(syn::Pat, syn::Expr)>,
    condition: Option<syn::Expr>,
    body: syn::Expr,
}

struct SelectArms(Vec<SelectArm>);

impl syn::parse::Parse for SelectArms {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        let mut arms = Vec::new();
        // `biased;` (tokio) comes first.
        if input.peek(syn::Ident) && input.peek2(Token![;]) {
            input.parse::<syn::Ident>()?;
            input.parse::<Token![;]>()?;
        }
        while !input.is_empty() {
            let binding = if input.peek(Token![else]) || input.peek(Token![default]) {
                input.parse::<proc_macro2::TokenTree>()?;
                None
            } else if input.peek(syn::Ident) && input.peek2(Token![=>]) {
                // `complete => ..` in futures::select!.
                input.parse::<syn::Ident>()?;
                None
            } else {
                let pattern = syn::Pat::parse_multi_with_leading_vert(input)?;
                input.parse::<Token![=]>()?;
                let future = syn::Expr::parse_without_eager_brace(input)?;
                Some((pattern, future))
            };
            let condition = if input.peek(Token![,]) && input.peek2(Token![if]) {
                input.parse::<Token![,]>()?;
                input.parse::<Token![if]>()?;
                Some(syn::Expr::parse_without_eager_brace(input)?)
            } else {
                None
            };
            input.parse::<Token![=>]>()?;
            let body: syn::Expr = input.parse()?;
            if input.peek(Token![,]) {
                input.parse::<Token![,]>()?;
            }
            arms.push(SelectArm {
                binding,
                condition,
                body,
            });
        }
        Ok(SelectArms(arms))
    }
}

// ---- Small syntax helpers shared with the item collector ----

/// The path a call names: `<T as Trait>::method` is `Trait::method`, `<T>::method` is
/// `T::method`; empty when the qualified type is not a path.
fn qualified_path(path: &syn::ExprPath) -> NamePath {
    match &path.qself {
        None => written_path(&path.path),
        Some(qself) if qself.position > 0 => written_path(&path.path),
        Some(qself) => match type_ref(&qself.ty) {
            TypeRef::Path { path: mut base, .. } => {
                base.extend(written_path(&path.path));
                base
            }
            _ => Vec::new(),
        },
    }
}

/// A path's segments as names (generic arguments dropped).
pub(super) fn written_path(path: &syn::Path) -> NamePath {
    path.segments
        .iter()
        .map(|segment| Name::of(&segment.ident))
        .collect()
}

/// A type as written, without references, lifetimes and parentheses.
pub(super) fn type_ref(ty: &syn::Type) -> TypeRef {
    match ty {
        syn::Type::Path(type_path) if type_path.qself.is_none() => {
            let args = type_path
                .path
                .segments
                .last()
                .map(|segment| match &segment.arguments {
                    syn::PathArguments::AngleBracketed(arguments) => arguments
                        .args
                        .iter()
                        .filter_map(|argument| match argument {
                            syn::GenericArgument::Type(ty) => Some(type_ref(ty)),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                })
                .unwrap_or_default();
            TypeRef::Path {
                path: written_path(&type_path.path),
                args,
            }
        }
        syn::Type::Reference(reference) => type_ref(&reference.elem),
        syn::Type::Ptr(pointer) => type_ref(&pointer.elem),
        syn::Type::Paren(paren) => type_ref(&paren.elem),
        syn::Type::Group(group) => type_ref(&group.elem),
        syn::Type::Tuple(tuple) => TypeRef::Tuple(tuple.elems.iter().map(type_ref).collect()),
        syn::Type::Slice(slice) => TypeRef::Slice(Box::new(type_ref(&slice.elem))),
        syn::Type::Array(array) => TypeRef::Slice(Box::new(type_ref(&array.elem))),
        syn::Type::ImplTrait(bounds) => bounds_type(&bounds.bounds),
        syn::Type::TraitObject(bounds) => bounds_type(&bounds.bounds),
        _ => TypeRef::Unknown,
    }
}

/// `impl A + B` / `dyn A + B`, with the parameter types of a closure bound (`Fn(A)`).
fn bounds_type(bounds: &Punctuated<syn::TypeParamBound, Token![+]>) -> TypeRef {
    let params = callable_params(bounds);
    let bounds = trait_bounds(bounds);
    if params.is_empty() {
        TypeRef::Bounds(bounds)
    } else {
        TypeRef::Callable { bounds, params }
    }
}

/// The parameter types of the `Fn`, `FnMut` or `FnOnce` bound among `bounds`.
pub(super) fn callable_params(bounds: &Punctuated<syn::TypeParamBound, Token![+]>) -> Vec<TypeRef> {
    bounds
        .iter()
        .find_map(|bound| {
            let syn::TypeParamBound::Trait(trait_bound) = bound else {
                return None;
            };
            let last = trait_bound.path.segments.last()?;
            let syn::PathArguments::Parenthesized(arguments) = &last.arguments else {
                return None;
            };
            matches!(last.ident.to_string().as_str(), "Fn" | "FnMut" | "FnOnce")
                .then(|| arguments.inputs.iter().map(type_ref).collect())
        })
        .unwrap_or_default()
}

pub(super) fn trait_bounds(bounds: &Punctuated<syn::TypeParamBound, Token![+]>) -> Vec<NamePath> {
    bounds
        .iter()
        .filter_map(|bound| match bound {
            syn::TypeParamBound::Trait(trait_bound) => Some(written_path(&trait_bound.path)),
            _ => None,
        })
        .collect()
}

fn member(member: &syn::Member) -> (Name, Span) {
    match member {
        syn::Member::Named(ident) => (Name::of(&ident), ident.span()),
        syn::Member::Unnamed(index) => (Name::of(&index.index), index.span),
    }
}

fn path_start(path: &syn::Path) -> Span {
    match (&path.leading_colon, path.segments.first()) {
        (Some(colon), _) => colon.spans[0],
        (None, Some(first)) => first.ident.span(),
        (None, None) => Span::call_site(),
    }
}

fn path_end(path: &syn::Path) -> Span {
    path.segments
        .last()
        .map_or_else(Span::call_site, |last| last.ident.span())
}

fn pattern_span(pat: &syn::Pat) -> Span {
    match strip_pattern(pat) {
        syn::Pat::Ident(ident) => ident.ident.span(),
        other => other.span(),
    }
}

fn strip_pattern(pat: &syn::Pat) -> &syn::Pat {
    match pat {
        syn::Pat::Paren(paren) => strip_pattern(&paren.pat),
        syn::Pat::Reference(reference) => strip_pattern(&reference.pat),
        syn::Pat::Type(typed) => strip_pattern(&typed.pat),
        other => other,
    }
}

/// `None` in a pattern is the variant, not a binding named `None`.
fn is_none_pattern(ident: &syn::PatIdent) -> bool {
    ident.subpat.is_none() && ident.ident == "None"
}

fn pattern_shape(pat: &syn::Pat) -> PatternShape {
    match strip_pattern(pat) {
        syn::Pat::Ident(ident) if is_none_pattern(ident) => PatternShape::Falsy,
        syn::Pat::Ident(_) | syn::Pat::Wild(_) => PatternShape::Any,
        syn::Pat::Lit(syn::ExprLit {
            lit: syn::Lit::Bool(value),
            ..
        }) => PatternShape::Bool(value.value),
        syn::Pat::TupleStruct(tuple) => match tuple.path.segments.last() {
            Some(last) if last.ident == "Ok" || last.ident == "Some" => PatternShape::Truthy,
            Some(last) if last.ident == "Err" => PatternShape::Falsy,
            _ => PatternShape::Other,
        },
        syn::Pat::Path(path) if path.path.segments.last().is_some_and(|s| s.ident == "None") => {
            PatternShape::Falsy
        }
        syn::Pat::Or(or) => {
            let shapes: Vec<PatternShape> = or.cases.iter().map(pattern_shape).collect();
            match shapes.split_first() {
                Some((first, rest)) if rest.iter().all(|shape| shape == first) => *first,
                _ => PatternShape::Other,
            }
        }
        _ => PatternShape::Other,
    }
}

/// A statement compiled in some builds only runs under a condition nothing can know: its
/// effects are analysed, but what follows cannot rely on them (a check there guards nothing).
fn sometimes(expr: Expr, presence: Presence) -> Expr {
    if presence != Presence::Sometimes {
        return expr;
    }
    let span = expr.span;
    Expr::new(
        ExprKind::If {
            condition: Box::new(Expr::constant(span)),
            then_branch: Block::of_expr(expr),
            else_branch: None,
        },
        span,
    )
}

fn expr_attributes(expr: &syn::Expr) -> Option<&[syn::Attribute]> {
    match expr {
        syn::Expr::Call(e) => Some(&e.attrs),
        syn::Expr::MethodCall(e) => Some(&e.attrs),
        syn::Expr::Macro(e) => Some(&e.attrs),
        syn::Expr::Block(e) => Some(&e.attrs),
        syn::Expr::If(e) => Some(&e.attrs),
        syn::Expr::Match(e) => Some(&e.attrs),
        syn::Expr::Assign(e) => Some(&e.attrs),
        syn::Expr::ForLoop(e) => Some(&e.attrs),
        syn::Expr::While(e) => Some(&e.attrs),
        syn::Expr::Loop(e) => Some(&e.attrs),
        syn::Expr::Unsafe(e) => Some(&e.attrs),
        _ => None,
    }
}

/// The span of an expression's first token, found without recursion (the expression is one
/// nested too deep to recurse into) and without printing it (`Spanned::span` would).
fn first_token_span(mut expr: &syn::Expr) -> Span {
    loop {
        expr = match expr {
            syn::Expr::Assign(e) => &e.left,
            syn::Expr::Await(e) => &e.base,
            syn::Expr::Binary(e) => &e.left,
            syn::Expr::Call(e) => &e.func,
            syn::Expr::Cast(e) => &e.expr,
            syn::Expr::Field(e) => &e.base,
            syn::Expr::Index(e) => &e.expr,
            syn::Expr::MethodCall(e) => &e.receiver,
            syn::Expr::Try(e) => &e.expr,
            syn::Expr::Range(syn::ExprRange {
                start: Some(start), ..
            }) => start,
            syn::Expr::Range(e) => return e.limits.span(),
            syn::Expr::Array(e) => return e.bracket_token.span.open(),
            syn::Expr::Async(e) => return e.async_token.span,
            syn::Expr::Block(e) => return e.block.brace_token.span.open(),
            syn::Expr::Break(e) => return e.break_token.span,
            syn::Expr::Closure(e) => return e.or1_token.span,
            syn::Expr::Const(e) => return e.const_token.span,
            syn::Expr::Continue(e) => return e.continue_token.span,
            syn::Expr::ForLoop(e) => return e.for_token.span,
            syn::Expr::Group(e) => return e.group_token.span,
            syn::Expr::If(e) => return e.if_token.span,
            syn::Expr::Infer(e) => return e.underscore_token.span,
            syn::Expr::Let(e) => return e.let_token.span,
            syn::Expr::Lit(e) => return e.lit.span(),
            syn::Expr::Loop(e) => return e.loop_token.span,
            syn::Expr::Macro(e) => return e.mac.bang_token.span,
            syn::Expr::Match(e) => return e.match_token.span,
            syn::Expr::Paren(e) => return e.paren_token.span.open(),
            syn::Expr::Path(e) => return qualified_path_start(e.qself.as_ref(), &e.path),
            syn::Expr::RawAddr(e) => return e.and_token.span,
            syn::Expr::Reference(e) => return e.and_token.span,
            syn::Expr::Repeat(e) => return e.bracket_token.span.open(),
            syn::Expr::Return(e) => return e.return_token.span,
            syn::Expr::Struct(e) => return qualified_path_start(e.qself.as_ref(), &e.path),
            syn::Expr::TryBlock(e) => return e.try_token.span,
            syn::Expr::Tuple(e) => return e.paren_token.span.open(),
            syn::Expr::Unary(e) => return e.op.span(),
            syn::Expr::Unsafe(e) => return e.unsafe_token.span,
            syn::Expr::While(e) => return e.while_token.span,
            syn::Expr::Yield(e) => return e.yield_token.span,
            _ => return Span::call_site(),
        };
    }
}

fn qualified_path_start(qself: Option<&syn::QSelf>, path: &syn::Path) -> Span {
    qself.map_or_else(|| path_start(path), |qself| qself.lt_token.span)
}

/// Longer string literals are kept as plain constants: what config matches (URLs, env var
/// names) is short, and interning every long text would cost memory for nothing.
const MAX_KEPT_LITERAL: usize = 256;

/// The `{name}` captures of a format string (positional and numbered arguments excluded).
pub(super) fn format_captures(format: &str) -> Vec<String> {
    let mut captures = Vec::new();
    let mut rest = format;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(after_escape) = rest.strip_prefix('{') {
            rest = after_escape;
            continue;
        }
        let Some(close) = rest.find('}') else { break };
        let argument = rest[..close].split(':').next().unwrap_or_default().trim();
        let is_identifier = argument
            .chars()
            .next()
            .is_some_and(|first| first.is_alphabetic() || first == '_')
            && argument.chars().all(|ch| ch.is_alphanumeric() || ch == '_');
        if is_identifier && !captures.iter().any(|known| known == argument) {
            captures.push(argument.to_string());
        }
        rest = &rest[close + 1..];
    }
    captures
}

/// `true` or `false` as lowered.
fn literal_bool(expr: &Expr) -> Option<bool> {
    match expr.kind {
        ExprKind::Bool(value) => Some(value),
        _ => None,
    }
}

/// A fn's result is its body's tail and, where that is an `if`, a `match` or a block, the
/// tail of each branch: each becomes a `return`, so each branch's answer is given under that
/// branch's facts. `if opted_out() { None } else { Some(Tracker::new()) }` answers like
/// `if opted_out() { return None; } Some(Tracker::new())`: `Some` only where the check allowed.
fn return_tails(block: &mut Block) {
    if !block.has_tail {
        return;
    }
    if let Some(Stmt::Expr(tail)) = block.stmts.last_mut() {
        return_value(tail);
        block.diverges |= tail.diverges;
    }
}

fn return_value(expr: &mut Expr) {
    if expr.diverges {
        return;
    }
    match &mut expr.kind {
        ExprKind::If {
            then_branch,
            else_branch: Some(else_branch),
            ..
        } => {
            return_tails(then_branch);
            return_value(else_branch);
            expr.diverges = then_branch.diverges && else_branch.diverges;
        }
        ExprKind::Block(block) => {
            return_tails(block);
            expr.diverges = block.diverges;
        }
        ExprKind::Match { arms, .. } if !arms.is_empty() => {
            for arm in arms.iter_mut() {
                return_value(&mut arm.body);
            }
            expr.diverges = arms.iter().all(|arm| arm.body.diverges);
        }
        _ => {
            let span = expr.span;
            let value = std::mem::replace(expr, Expr::constant(span));
            *expr = Expr::new(ExprKind::Return(Some(Box::new(value))), span);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{format_captures, Lowerer, MAX_EXPR_DEPTH};
    use crate::facts::body::MAX_PACKED_DEPTH;
    use crate::facts::cfg::CfgOptions;
    use crate::source::{FileId, SourceFile};

    /// How deep lowering says the body of `fn f(a: String) { BODY }` nests.
    fn depth_of(body: &str) -> usize {
        let text = format!("fn f(a: String) {{ {body} }}");
        let source = SourceFile::new("lib.rs".into(), "lib.rs".into(), text.as_str().into());
        let function: syn::ItemFn = syn::parse_str(&text).expect("the fn parses");
        let cfg = CfgOptions::default();
        Lowerer::new(FileId(0), &source, &cfg)
            .lower_fn(&function.sig.inputs, &function.block)
            .depth
    }

    #[test]
    fn the_depth_of_a_body_counts_the_links_of_its_chains() {
        assert!(depth_of("a") <= 2);
        let nested = depth_of("((((a))))");
        assert!((5..=8).contains(&nested), "{nested}");
        // A chain is lowered in a loop, but nests its tree a level per link: a body holding
        // a machine-made one is too deep to pack.
        let links = 2 * MAX_EXPR_DEPTH + 1;
        let chained = depth_of(&format!("a{}", ".clone()".repeat(links)));
        assert!(chained > links && chained > MAX_PACKED_DEPTH, "{chained}");
        let in_an_argument = depth_of(&format!("g(g(a{}))", ".clone()".repeat(links)));
        assert!(in_an_argument > chained, "{in_an_argument}");
    }

    #[test]
    fn format_captures_skip_escapes_and_positions() {
        assert_eq!(
            format_captures("{{literal}} {phone} {0} {} {device_id:?} {phone}"),
            vec!["phone", "device_id"]
        );
    }
}
