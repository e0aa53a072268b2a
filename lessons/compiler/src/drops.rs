//! Where a demo's traced values are dropped, found from its source.
//!
//! A `D` (a traced stream or future dropped) or `C` (a `trace::Guard`'s `Drop`)
//! event names the value by the line that made it (`traced(…)`,
//! `traced_future(…)`, `Guard::new(…)`): `Drop::drop` cannot be
//! `#[track_caller]`, so the recorder cannot know where the drop happened.
//! This module reads the demo with `syn` and, for every such line, lists the
//! places where that value can stop living: the end of the scope of a
//! binding that holds it, the end of a statement whose temporary holds it
//! (`drop(x);`, `s.collect().await;`), a `?` or a `return` that leaves its
//! scope. It follows the value by name through `let`s, calls of the file's
//! own functions and closures (into their parameters, out of their
//! returns), consuming method calls (`.fuse()`, `.collect()`), `match`
//! arms, struct fields and `move` captures, and marks a place as
//! *via traced* when the value is inside another traced wrapper there
//! (then it goes in the wrapper's drop).
//!
//! Which of the places a recorded event means is decided in the page
//! (`lessons::drops::resolve`), from the events around it; every place
//! carries the `note`/`body`/`sleep`… lines that always run before it
//! (`must_see`), and the file's event lines (`anchors`) and function spans
//! (`bodies`) let the page pick the place that comes next in program order.
//!
//! A value the analysis loses (no place found) is an error with its line
//! and the fix: hold it in a local, or end it with an explicit `drop(x)`.

use std::collections::HashSet;
use std::fmt::Write as _;

use proc_macro2::{LineColumn, TokenTree};
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{
    Arm, Block, Expr, ExprCall, ExprClosure, FieldValue, File, FnArg, ImplItem, Item, Local,
    Member, Pat, Stmt,
};

/// How a place ends the value's life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SiteKind {
    /// The end of a scope or of a statement (a temporary): always possible.
    End,
    /// A `?` that returns early: only if an error came out on that line.
    Try,
    /// `return None` / `return Ok(None)`: the stream's end (`R∅` follows).
    ReturnEnd,
    /// `return Err(…)`: the stream's error (`E` follows).
    ReturnError,
}

impl SiteKind {
    fn name(self) -> &'static str {
        match self {
            SiteKind::End => "End",
            SiteKind::Try => "Try",
            SiteKind::ReturnEnd => "ReturnEnd",
            SiteKind::ReturnError => "ReturnError",
        }
    }
}

/// A place where a value can be dropped.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Site {
    /// 1-based file line.
    pub line: u32,
    /// How.
    pub kind: SiteKind,
    /// The value is inside another traced wrapper here: it is dropped in
    /// that wrapper's drop, right after the wrapper's `D`.
    pub via_traced: bool,
    /// Lines of `note`/`body`/`error`/`cancel`/`sleep` calls that always
    /// run before this place (in its function, on the way to it).
    pub must_see: Vec<u32>,
}

/// A line that makes a value whose drop is recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Made {
    /// 1-based file line of the `traced(`, `traced_future(` or `Guard::new(`.
    pub line: u32,
    /// What it is (`traced`, `traced_future`, `Guard::new`), for messages.
    pub what: &'static str,
    /// Where it can be dropped, by line.
    pub sites: Vec<Site>,
}

/// What the analysis found in one demo file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Every value-making line, in line order.
    pub made: Vec<Made>,
    /// Lines whose calls record an event at that line as the code runs
    /// (`note`, `body`, `error`, `cancel`, `sleep`, `.next()`,
    /// `.try_next()`), sorted.
    pub anchors: Vec<u32>,
    /// `(first, last)` lines of every function, closure and async block.
    pub bodies: Vec<(u32, u32)>,
}

impl Analysis {
    /// The drop line for a value made on `made` when only one place is
    /// possible (tests and messages).
    pub fn only_site(&self, made: u32) -> Option<u32> {
        let m = self.made.iter().find(|m| m.line == made)?;
        let lines: HashSet<u32> = m.sites.iter().map(|s| s.line).collect();
        (lines.len() == 1).then(|| m.sites[0].line)
    }
}

/// Calls that always record an event at their own line.
const FENCES: &[&str] = &["note", "body", "error", "cancel", "sleep"];
/// Methods that record at their line when called on a traced value.
const ANCHOR_METHODS: &[&str] = &["next", "try_next"];
/// Methods that take their receiver by value: the value moves into the
/// result. Any other method borrows it.
const CONSUMING: &[&str] = &[
    "collect",
    "try_collect",
    "fuse",
    "map",
    "then",
    "filter",
    "filter_map",
    "take",
    "skip",
    "take_while",
    "skip_while",
    "take_until",
    "buffered",
    "buffer_unordered",
    "boxed",
    "boxed_local",
    "flatten",
    "try_flatten",
    "chain",
    "zip",
    "for_each",
    "try_for_each",
    "for_each_concurrent",
    "try_for_each_concurrent",
    "fold",
    "into_future",
    "into_iter",
    "enumerate",
    "peekable",
    "scan",
    "inspect",
    "left_stream",
    "right_stream",
    "unwrap",
    "expect",
    "count",
    "concat",
];
/// Macros whose arguments are moved (the others, like `format!`, borrow).
const MOVING_MACROS: &[&str] = &["join", "try_join", "select", "select_biased", "pin_mut"];

type Pos = (usize, usize);

fn pos(lc: LineColumn) -> Pos {
    (lc.line, lc.column)
}
fn start(x: &impl Spanned) -> Pos {
    pos(x.span().start())
}
fn end(x: &impl Spanned) -> Pos {
    pos(x.span().end())
}
fn inside(p: Pos, x: &impl Spanned) -> bool {
    start(x) <= p && p <= end(x)
}

/// A node on the way from a function down to an expression.
#[derive(Clone, Copy)]
enum Node<'a> {
    Fn(&'a syn::Block),
    Stmt(&'a Stmt),
    Block(&'a Block),
    Expr(&'a Expr),
    Arm(&'a Arm),
    FieldValue(&'a FieldValue),
}

impl Node<'_> {
    fn start(&self) -> Pos {
        match self {
            Node::Fn(b) | Node::Block(b) => start(*b),
            Node::Stmt(s) => start(*s),
            Node::Expr(e) => start(*e),
            Node::Arm(a) => start(*a),
            Node::FieldValue(f) => start(*f),
        }
    }
    fn same(&self, other: &Node<'_>) -> bool {
        fn addr<T>(x: &T) -> usize {
            x as *const T as usize
        }
        let a = match self {
            Node::Fn(b) | Node::Block(b) => addr(*b),
            Node::Stmt(s) => addr(*s),
            Node::Expr(e) => addr(*e),
            Node::Arm(a) => addr(*a),
            Node::FieldValue(f) => addr(*f),
        };
        let b = match other {
            Node::Fn(b) | Node::Block(b) => addr(*b),
            Node::Stmt(s) => addr(*s),
            Node::Expr(e) => addr(*e),
            Node::Arm(a) => addr(*a),
            Node::FieldValue(f) => addr(*f),
        };
        a == b
    }
}

type Stack<'a> = Vec<Node<'a>>;

/// A name bound by a pattern, and where it can be used.
struct Binding<'a> {
    name: String,
    /// The block of a `let` (to see whether every path moves the value out).
    block: Option<&'a Block>,
    at: Pos,
    /// Uses after this position (and up to `scope_end`) refer to it.
    from: Pos,
    /// The end of its scope: where it is dropped if still held.
    scope_end: Pos,
    /// Innermost async function or block it lives in, if any (its future
    /// holds it): index into `Walker::asyncs`.
    in_async: Option<usize>,
}

struct FnInfo<'a> {
    key: String,
    is_async: bool,
    params: Vec<&'a Pat>,
    block: &'a syn::Block,
}

struct ClosureInfo<'a> {
    name: String,
    closure: &'a ExprClosure,
}

#[derive(Default)]
struct Walker<'a> {
    stack: Stack<'a>,
    fns: Vec<FnInfo<'a>>,
    /// The function or async block each stack level is in: async fns and
    /// blocks (for "a local lives as long as its future").
    asyncs: Vec<AsyncBody<'a>>,
    async_stack: Vec<Option<usize>>,
    closures: Vec<ClosureInfo<'a>>,
    made: Vec<(u32, &'static str, Stack<'a>)>,
    uses: Vec<(String, Pos, Stack<'a>)>,
    fields: Vec<(String, Stack<'a>)>,
    calls: Vec<(String, Stack<'a>)>,
    bindings: Vec<Binding<'a>>,
    tries: Vec<Pos>,
    returns: Vec<(Pos, SiteKind)>,
    anchors: HashSet<u32>,
    bodies: HashSet<(u32, u32)>,
}

enum AsyncBody<'a> {
    /// An `async fn` with this key (its futures are its call sites).
    Fn(String),
    /// An `async` block, at this stack.
    Block(Stack<'a>),
}

fn call_key(call: &ExprCall) -> Option<String> {
    let Expr::Path(p) = &*call.func else {
        return None;
    };
    Some(
        p.path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect::<Vec<_>>()
            .join("::"),
    )
}

fn pat_bindings<'p>(pat: &'p Pat, out: &mut Vec<&'p syn::Ident>) {
    match pat {
        Pat::Ident(i) => {
            out.push(&i.ident);
            if let Some((_, sub)) = &i.subpat {
                pat_bindings(sub, out);
            }
        }
        Pat::Tuple(t) => t.elems.iter().for_each(|p| pat_bindings(p, out)),
        Pat::TupleStruct(t) => t.elems.iter().for_each(|p| pat_bindings(p, out)),
        Pat::Struct(s) => s.fields.iter().for_each(|f| pat_bindings(&f.pat, out)),
        Pat::Reference(r) => pat_bindings(&r.pat, out),
        Pat::Paren(p) => pat_bindings(&p.pat, out),
        Pat::Slice(s) => s.elems.iter().for_each(|p| pat_bindings(p, out)),
        Pat::Or(o) => o.cases.iter().for_each(|p| pat_bindings(p, out)),
        Pat::Type(t) => pat_bindings(&t.pat, out),
        _ => {}
    }
}

impl<'a> Walker<'a> {
    fn bind(&mut self, pat: &'a Pat, from: Pos, scope_end: Pos) {
        self.bind_in(pat, from, scope_end, None);
    }

    fn bind_in(&mut self, pat: &'a Pat, from: Pos, scope_end: Pos, block: Option<&'a Block>) {
        let mut ids = Vec::new();
        pat_bindings(pat, &mut ids);
        let in_async = self.async_stack.last().copied().flatten();
        for id in ids {
            self.bindings.push(Binding {
                name: id.to_string(),
                block,
                at: start(id),
                from,
                scope_end,
                in_async,
            });
        }
    }

    fn body(&mut self, x: &impl Spanned) {
        self.bodies.insert((start(x).0 as u32, end(x).0 as u32));
    }

    fn walk_fn(&mut self, key: String, sig: &'a syn::Signature, block: &'a syn::Block) {
        let is_async = sig.asyncness.is_some();
        let params: Vec<&Pat> = sig
            .inputs
            .iter()
            .filter_map(|a| match a {
                FnArg::Typed(t) => Some(&*t.pat),
                FnArg::Receiver(_) => None,
            })
            .collect();
        self.bodies
            .insert((start(sig).0 as u32, end(block).0 as u32));
        let idx = if is_async {
            self.asyncs.push(AsyncBody::Fn(key.clone()));
            Some(self.asyncs.len() - 1)
        } else {
            None
        };
        self.async_stack.push(idx);
        for p in &params {
            self.bind(p, start(block), end(block));
        }
        self.fns.push(FnInfo {
            key,
            is_async,
            params,
            block,
        });
        self.stack.push(Node::Fn(block));
        for s in &block.stmts {
            self.visit_stmt(s);
        }
        self.stack.pop();
        self.async_stack.pop();
    }

    fn macro_uses(&mut self, mac: &'a syn::Macro) {
        let name = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        if !MOVING_MACROS.contains(&name.as_str()) {
            return;
        }
        fn idents(ts: proc_macro2::TokenStream, out: &mut Vec<proc_macro2::Ident>) {
            for t in ts {
                match t {
                    TokenTree::Ident(i) => out.push(i),
                    TokenTree::Group(g) => idents(g.stream(), out),
                    _ => {}
                }
            }
        }
        let mut ids = Vec::new();
        idents(mac.tokens.clone(), &mut ids);
        for id in ids {
            let p = pos(id.span().start());
            self.uses.push((id.to_string(), p, self.stack.clone()));
        }
    }
}

impl<'a> Visit<'a> for Walker<'a> {
    fn visit_stmt(&mut self, s: &'a Stmt) {
        self.stack.push(Node::Stmt(s));
        if let Stmt::Macro(m) = s {
            self.macro_uses(&m.mac);
        }
        visit::visit_stmt(self, s);
        self.stack.pop();
    }

    fn visit_local(&mut self, l: &'a Local) {
        // Bound after the whole statement: `let x = f(x);` uses the old `x`.
        let block = self.stack.iter().rev().find_map(|n| match n {
            Node::Block(b) | Node::Fn(b) => Some(*b),
            _ => None,
        });
        let scope_end = block.map_or(end(l), end);
        if let Some(init) = &l.init {
            if let Expr::Closure(c) = &*init.expr {
                if let Pat::Ident(id) = &l.pat {
                    self.closures.push(ClosureInfo {
                        name: id.ident.to_string(),
                        closure: c,
                    });
                }
            }
        }
        visit::visit_local(self, l);
        self.bind_in(&l.pat, end(l), scope_end, block);
    }

    fn visit_block(&mut self, b: &'a Block) {
        self.stack.push(Node::Block(b));
        visit::visit_block(self, b);
        self.stack.pop();
    }

    fn visit_arm(&mut self, a: &'a Arm) {
        self.stack.push(Node::Arm(a));
        self.bind(&a.pat, start(&*a.body), end(a));
        visit::visit_arm(self, a);
        self.stack.pop();
    }

    fn visit_field_value(&mut self, f: &'a FieldValue) {
        self.stack.push(Node::FieldValue(f));
        visit::visit_field_value(self, f);
        self.stack.pop();
    }

    fn visit_expr(&mut self, e: &'a Expr) {
        self.stack.push(Node::Expr(e));
        let mut pushed_async = false;
        match e {
            Expr::Call(c) => {
                if let Some(key) = call_key(c) {
                    let last = key.rsplit("::").next().unwrap_or_default().to_string();
                    let line = start(&*c.func).0 as u32;
                    match key.as_str() {
                        "traced" | "traced_future" | "Guard::new" => {
                            let what = match key.as_str() {
                                "traced" => "traced",
                                "traced_future" => "traced_future",
                                _ => "Guard::new",
                            };
                            self.made.push((line, what, self.stack.clone()));
                        }
                        _ => {}
                    }
                    if FENCES.contains(&last.as_str()) && !key.contains("::") {
                        self.anchors.insert(line);
                    }
                    self.calls.push((key, self.stack.clone()));
                }
            }
            Expr::MethodCall(m) if ANCHOR_METHODS.contains(&m.method.to_string().as_str()) => {
                self.anchors.insert(start(&m.method).0 as u32);
            }
            Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
                let id = &p.path.segments[0].ident;
                self.uses
                    .push((id.to_string(), start(id), self.stack.clone()));
            }
            Expr::Field(f) => {
                if let Member::Named(id) = &f.member {
                    self.fields.push((id.to_string(), self.stack.clone()));
                }
            }
            Expr::Macro(m) => self.macro_uses(&m.mac),
            Expr::Try(t) => self.tries.push(start(&t.question_token)),
            Expr::Return(r) => {
                let kind = match r.expr.as_deref() {
                    Some(x) if returns_error(x) => SiteKind::ReturnError,
                    _ => SiteKind::ReturnEnd,
                };
                self.returns.push((start(e), kind));
            }
            Expr::Closure(c) => {
                self.body(c);
                let body_end = end(&*c.body);
                for p in &c.inputs {
                    self.bind(p, start(&*c.body), body_end);
                }
                // A closure's body is not the enclosing future's.
                self.async_stack.push(None);
                pushed_async = true;
            }
            Expr::Async(a) => {
                self.body(a);
                self.asyncs.push(AsyncBody::Block(self.stack.clone()));
                self.async_stack.push(Some(self.asyncs.len() - 1));
                pushed_async = true;
            }
            Expr::If(i) => {
                if let Expr::Let(l) = &*i.cond {
                    self.bind(&l.pat, start(&i.then_branch), end(&i.then_branch));
                }
            }
            Expr::While(w) => {
                if let Expr::Let(l) = &*w.cond {
                    self.bind(&l.pat, start(&w.body), end(&w.body));
                }
            }
            _ => {}
        }
        visit::visit_expr(self, e);
        if pushed_async {
            self.async_stack.pop();
        }
        self.stack.pop();
    }
}

/// `Err(…)`, `Some(Err(…))`, `Ok(Err…)`: what makes the stream report an error.
fn returns_error(e: &Expr) -> bool {
    match e {
        Expr::Call(c) => match call_key(c).as_deref() {
            Some("Err") => true,
            Some("Some" | "Ok") => c.args.first().is_some_and(returns_error),
            _ => false,
        },
        Expr::Paren(p) => returns_error(&p.expr),
        _ => false,
    }
}

/// Follows one value through the file.
struct Flow<'w, 'a> {
    w: &'w Walker<'a>,
    sites: Vec<(Pos, SiteKind, bool)>,
    seen_bindings: HashSet<(Pos, bool)>,
    seen_climbs: HashSet<(Pos, bool, usize)>,
    seen_fields: HashSet<String>,
}

impl<'a> Flow<'_, 'a> {
    fn site(&mut self, p: Pos, kind: SiteKind, via: bool) {
        self.sites.push((p, kind, via));
    }

    /// The binding a use of `name` at `p` refers to.
    fn resolve(&self, name: &str, p: Pos) -> Option<usize> {
        self.w
            .bindings
            .iter()
            .enumerate()
            .filter(|(_, b)| b.name == name && b.from <= p && p <= b.scope_end)
            .max_by_key(|(_, b)| b.at)
            .map(|(i, _)| i)
    }

    fn follow_binding(&mut self, b: usize, via: bool) {
        let bind = &self.w.bindings[b];
        if !self.seen_bindings.insert((bind.at, via)) {
            return;
        }
        let (from, to) = (bind.from, bind.scope_end);
        let name = bind.name.clone();
        let uses: Vec<Stack<'a>> = self
            .w
            .uses
            .iter()
            .filter(|(n, p, _)| *n == name && self.resolve(n, *p) == Some(b))
            .map(|(_, _, s)| s.clone())
            .collect();
        let moves: Vec<Pos> = uses
            .iter()
            .filter(|s| is_move(s))
            .filter_map(|s| s.last().map(Node::start))
            .collect();
        // Moved out on every path (`let s = x;` in both branches): it never
        // reaches the end of its scope.
        let gone = bind
            .block
            .is_some_and(|blk| moves_always_block(&blk.stmts, from, &moves));
        if !gone {
            self.site(to, SiteKind::End, via);
        }
        let tries: Vec<Pos> = self
            .w
            .tries
            .iter()
            .copied()
            .filter(|p| from <= *p && *p <= to)
            .collect();
        for p in tries {
            self.site(p, SiteKind::Try, via);
        }
        let returns: Vec<(Pos, SiteKind)> = self
            .w
            .returns
            .iter()
            .copied()
            .filter(|(p, _)| from <= *p && *p <= to)
            .collect();
        for (p, k) in returns {
            self.site(p, k, via);
        }
        for s in uses {
            self.climb(s, via, false);
        }
        // A local of an async fn or block lives in its future: it goes
        // where that future goes, if it is dropped before it finishes.
        if let Some(a) = bind.in_async {
            match &self.w.asyncs[a] {
                AsyncBody::Fn(key) => {
                    for s in self.call_sites(key) {
                        self.climb(s, via, false);
                    }
                }
                AsyncBody::Block(s) => {
                    let s = s.clone();
                    self.climb(s, via, false);
                }
            }
        }
    }

    fn call_sites(&self, key: &str) -> Vec<Stack<'a>> {
        let short = key.rsplit("::").next().unwrap_or(key);
        self.w
            .calls
            .iter()
            .filter(|(k, _)| k == key || (key.contains("::") && *k == format!("Self::{short}")))
            .map(|(_, s)| s.clone())
            .collect()
    }

    fn follow_pattern(&mut self, pat: &Pat, via: bool) {
        let mut ids = Vec::new();
        pat_bindings(pat, &mut ids);
        for id in ids {
            let at = start(id);
            if let Some(b) = self.w.bindings.iter().position(|b| b.at == at) {
                self.follow_binding(b, via);
            }
        }
    }

    /// Where the function whose body is the block `block` is called.
    fn returns_to(&mut self, block: &syn::Block, via: bool) {
        let Some(f) = self.w.fns.iter().find(|f| std::ptr::eq(f.block, block)) else {
            return;
        };
        let key = f.key.clone();
        for s in self.call_sites(&key) {
            self.climb(s, via, false);
        }
    }

    /// The closure's value leaves it: to its call sites if it is a named
    /// closure, else wherever the closure itself goes.
    fn closure_returns(&mut self, stack: &[Node<'a>], c: &ExprClosure, via: bool) {
        if let Some(info) = self.w.closures.iter().find(|i| std::ptr::eq(i.closure, c)) {
            let name = info.name.clone();
            for s in self.call_sites(&name) {
                self.climb(s, via, false);
            }
        } else {
            self.climb(stack.to_vec(), via, false);
        }
    }

    /// The value is the result of the node on top of `stack`: where does it
    /// go from there?
    fn climb(&mut self, mut stack: Stack<'a>, mut via: bool, mut awaited: bool) {
        match stack.last() {
            // A use inside `join!(…)`: awaited there.
            Some(Node::Expr(Expr::Macro(_))) => awaited = true,
            Some(Node::Stmt(s @ Stmt::Macro(_))) => {
                self.site(end(*s), SiteKind::End, via);
                return;
            }
            _ => {}
        }
        loop {
            let Some(child) = stack.pop() else { return };
            let Some(parent) = stack.last().copied() else {
                return;
            };
            if !self.seen_climbs.insert((child.start(), via, stack.len())) {
                return;
            }
            match parent {
                Node::Expr(pe) => match pe {
                    Expr::Call(c) => {
                        if matches!(child, Node::Expr(e) if std::ptr::eq(e, &*c.func)) {
                            return;
                        }
                        let k = c
                            .args
                            .iter()
                            .position(|a| child.same(&Node::Expr(a)))
                            .unwrap_or(0);
                        let key = call_key(c).unwrap_or_default();
                        if let Some(f) = self.w.fns.iter().find(|f| f.key == key) {
                            let (is_async, param) = (f.is_async, f.params.get(k).copied());
                            if let Some(p) = param {
                                self.follow_pattern(p, via);
                            }
                            if !is_async {
                                return;
                            }
                        } else if let Some(info) = self.w.closures.iter().find(|i| i.name == key) {
                            if let Some(p) = info.closure.inputs.iter().nth(k) {
                                self.follow_pattern(p, via);
                            }
                            return;
                        } else {
                            if key == "traced" || key == "traced_future" {
                                via = true;
                            }
                            // Handed to a library call with a closure
                            // (`unfold(state, |state| …)`): the closure
                            // gets it back as a parameter.
                            for a in &c.args {
                                if let Expr::Closure(cl) = a {
                                    for p in &cl.inputs {
                                        self.follow_pattern(p, via);
                                    }
                                }
                            }
                        }
                    }
                    Expr::MethodCall(m) => {
                        if child.same(&Node::Expr(&m.receiver))
                            && !CONSUMING.contains(&m.method.to_string().as_str())
                        {
                            return;
                        }
                    }
                    // `join!` awaits what it is given.
                    Expr::Await(_) | Expr::Macro(_) => awaited = true,
                    Expr::Paren(_)
                    | Expr::Group(_)
                    | Expr::Tuple(_)
                    | Expr::Array(_)
                    | Expr::Cast(_)
                    | Expr::Struct(_)
                    | Expr::Block(_)
                    | Expr::Unsafe(_)
                    | Expr::Try(_) => {}
                    Expr::Async(_) => {}
                    Expr::If(i) => {
                        if matches!(child, Node::Expr(e) if std::ptr::eq(e, &*i.cond)) {
                            return;
                        }
                    }
                    Expr::Let(l) => {
                        self.follow_pattern(&l.pat, via);
                        return;
                    }
                    Expr::Match(m) => {
                        if let Node::Expr(e) = child {
                            if std::ptr::eq(e, &*m.expr) {
                                for arm in &m.arms {
                                    self.follow_pattern(&arm.pat, via);
                                }
                                self.site(end(pe), SiteKind::End, via);
                                return;
                            }
                        }
                    }
                    Expr::Closure(c) => {
                        let c: &ExprClosure = c;
                        self.closure_returns(&stack, c, via);
                        return;
                    }
                    Expr::Return(_) => {
                        // Out of the innermost function, closure or async block.
                        let at = stack.iter().rposition(|n| {
                            matches!(
                                n,
                                Node::Fn(_) | Node::Expr(Expr::Closure(_) | Expr::Async(_))
                            )
                        });
                        let Some(at) = at else { return };
                        match stack[at] {
                            Node::Fn(b) => self.returns_to(b, via),
                            Node::Expr(Expr::Closure(c)) => {
                                self.closure_returns(&stack[..at], c, via)
                            }
                            _ => self.climb(stack[..=at].to_vec(), via, false),
                        }
                        return;
                    }
                    _ => return,
                },
                Node::FieldValue(fv) => {
                    if let Member::Named(id) = &fv.member {
                        let name = id.to_string();
                        if self.seen_fields.insert(name.clone()) {
                            let fields: Vec<Stack<'a>> = self
                                .w
                                .fields
                                .iter()
                                .filter(|(n, _)| *n == name)
                                .map(|(_, s)| s.clone())
                                .collect();
                            for s in fields {
                                self.climb(s, via, false);
                            }
                        }
                    }
                }
                Node::Arm(_) => {}
                Node::Stmt(s) => match s {
                    Stmt::Local(l) => {
                        self.follow_pattern(&l.pat, via);
                        if awaited {
                            self.site(end(s), SiteKind::End, via);
                        }
                        return;
                    }
                    Stmt::Expr(_, None) => {}
                    _ => {
                        self.site(end(s), SiteKind::End, via);
                        return;
                    }
                },
                Node::Block(b) | Node::Fn(b) => {
                    let is_tail = matches!(b.stmts.last(), Some(last @ Stmt::Expr(_, None)) if child.same(&Node::Stmt(last)));
                    if !is_tail {
                        return;
                    }
                    if let Node::Fn(b) = parent {
                        self.returns_to(b, via);
                        return;
                    }
                }
            }
        }
    }
}

/// Whether a use (the stack of its path expression) moves the value, as
/// opposed to borrowing it (`x.next()`, `&mut x`, `x.field`).
fn is_move(stack: &[Node<'_>]) -> bool {
    let [.., parent, child] = stack else {
        return false;
    };
    match parent {
        Node::Expr(Expr::MethodCall(m)) => {
            !child.same(&Node::Expr(&m.receiver))
                || CONSUMING.contains(&m.method.to_string().as_str())
        }
        Node::Expr(
            Expr::Reference(_)
            | Expr::Field(_)
            | Expr::Index(_)
            | Expr::Binary(_)
            | Expr::Unary(_)
            | Expr::Assign(_)
            | Expr::If(_)
            | Expr::While(_),
        ) => false,
        _ => true,
    }
}

fn has_move(x: &impl Spanned, moves: &[Pos]) -> bool {
    moves.iter().any(|p| inside(*p, x))
}

/// Whether the statements after `from` move the value out on every path.
fn moves_always_block(stmts: &[Stmt], from: Pos, moves: &[Pos]) -> bool {
    stmts.iter().filter(|s| start(*s) >= from).any(|s| match s {
        Stmt::Local(l) => l
            .init
            .as_ref()
            .is_some_and(|i| moves_always_expr(&i.expr, moves)),
        Stmt::Expr(e, _) => moves_always_expr(e, moves),
        _ => false,
    })
}

fn moves_always_expr(e: &Expr, moves: &[Pos]) -> bool {
    match e {
        Expr::If(i) => {
            has_move(&*i.cond, moves)
                || i.else_branch.as_ref().is_some_and(|(_, x)| {
                    moves_always_block(&i.then_branch.stmts, start(&i.then_branch), moves)
                        && moves_always_expr(x, moves)
                })
        }
        Expr::Block(b) => moves_always_block(&b.block.stmts, start(&b.block), moves),
        Expr::Match(m) => {
            has_move(&*m.expr, moves) || m.arms.iter().all(|a| moves_always_expr(&a.body, moves))
        }
        Expr::While(_) | Expr::ForLoop(_) | Expr::Loop(_) | Expr::Closure(_) | Expr::Async(_) => {
            false
        }
        _ => has_move(e, moves),
    }
}

/// The `note`/`body`/… lines that always run before position `p`, walking
/// down from `block` (a function body).
fn must_see(block: &Block, p: Pos) -> Vec<u32> {
    let mut out = Vec::new();
    dom_block(block, p, &mut out);
    out.sort_unstable();
    out.dedup();
    out
}

fn dom_block(b: &Block, p: Pos, out: &mut Vec<u32>) {
    for s in &b.stmts {
        if end(s) <= p {
            uncond_stmt(s, out);
        } else if start(s) <= p {
            match s {
                Stmt::Local(l) => {
                    if let Some(init) = &l.init {
                        dom_expr(&init.expr, p, out);
                    }
                }
                Stmt::Expr(e, _) => dom_expr(e, p, out),
                _ => {}
            }
            return;
        } else {
            return;
        }
    }
}

fn dom_expr(e: &Expr, p: Pos, out: &mut Vec<u32>) {
    // Children in evaluation order: (child, runs whenever `e` does).
    let mut kids: Vec<(&Expr, bool)> = Vec::new();
    let mut blocks: Vec<&Block> = Vec::new();
    match e {
        Expr::Call(c) => {
            kids.push((&c.func, true));
            kids.extend(c.args.iter().map(|a| (a, true)));
        }
        Expr::MethodCall(m) => {
            kids.push((&m.receiver, true));
            kids.extend(m.args.iter().map(|a| (a, true)));
        }
        Expr::Await(a) => kids.push((&a.base, true)),
        Expr::Paren(x) => kids.push((&x.expr, true)),
        Expr::Try(x) => kids.push((&x.expr, true)),
        Expr::Tuple(t) => kids.extend(t.elems.iter().map(|a| (a, true))),
        Expr::Let(l) => kids.push((&l.expr, true)),
        Expr::If(i) => {
            kids.push((&i.cond, true));
            blocks.push(&i.then_branch);
            if let Some((_, x)) = &i.else_branch {
                kids.push((x, false));
            }
        }
        Expr::Match(m) => {
            kids.push((&m.expr, true));
            for a in &m.arms {
                if inside(p, a) {
                    kids.push((&a.body, false));
                }
            }
        }
        Expr::While(w) => {
            kids.push((&w.cond, true));
            blocks.push(&w.body);
        }
        Expr::Loop(l) => blocks.push(&l.body),
        Expr::ForLoop(l) => {
            kids.push((&l.expr, true));
            blocks.push(&l.body);
        }
        Expr::Block(b) => return dom_block(&b.block, p, out),
        // An async block runs later, when its future is polled.
        Expr::Async(a) if inside(p, a) => return dom_block(&a.block, p, out),
        Expr::Unsafe(u) => return dom_block(&u.block, p, out),
        Expr::Closure(c) => kids.push((&c.body, false)),
        Expr::Return(r) => {
            if let Some(x) = &r.expr {
                kids.push((x, true));
            }
        }
        Expr::Assign(a) => kids.push((&a.right, true)),
        Expr::Binary(b) => {
            kids.push((&b.left, true));
            kids.push((&b.right, false));
        }
        Expr::Struct(s) => kids.extend(s.fields.iter().map(|fv| (&fv.expr, true))),
        _ => {}
    }
    if let Expr::Call(c) = e {
        if call_key(c).is_some_and(|k| FENCES.contains(&k.as_str())) && end(e) <= p {
            out.push(start(&*c.func).0 as u32);
        }
    }
    for (k, always) in kids {
        if end(k) <= p {
            if always {
                uncond_expr(k, out);
            }
        } else if inside(p, k) {
            return dom_expr(k, p, out);
        }
    }
    for b in blocks {
        if inside(p, b) {
            return dom_block(b, p, out);
        }
    }
}

fn uncond_stmt(s: &Stmt, out: &mut Vec<u32>) {
    match s {
        Stmt::Local(l) => {
            if let Some(init) = &l.init {
                uncond_expr(&init.expr, out);
            }
        }
        Stmt::Expr(e, _) => uncond_expr(e, out),
        _ => {}
    }
}

/// Fence lines in `e` that run whenever `e` runs to its end.
fn uncond_expr(e: &Expr, out: &mut Vec<u32>) {
    let far = (usize::MAX, usize::MAX);
    dom_expr(e, far, out);
}

/// Analyses a demo file's source. Errors are `(line, message)`.
pub fn analyse(source: &str) -> Result<Analysis, Vec<(usize, String)>> {
    let file: File = syn::parse_file(source).map_err(|e| {
        vec![(
            e.span().start().line,
            format!("the drop analysis cannot parse this file: {e}"),
        )]
    })?;
    analyse_file(&file)
}

fn analyse_file(file: &File) -> Result<Analysis, Vec<(usize, String)>> {
    let mut w = Walker::default();
    for item in &file.items {
        match item {
            Item::Fn(f) => w.walk_fn(f.sig.ident.to_string(), &f.sig, &f.block),
            Item::Impl(i) => {
                let ty = match &*i.self_ty {
                    syn::Type::Path(p) => p
                        .path
                        .segments
                        .last()
                        .map(|s| s.ident.to_string())
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                for it in &i.items {
                    if let ImplItem::Fn(f) = it {
                        w.walk_fn(format!("{ty}::{}", f.sig.ident), &f.sig, &f.block);
                    }
                }
            }
            _ => {}
        }
    }
    let mut errors = Vec::new();
    let mut made = Vec::new();
    for (line, what, stack) in &w.made {
        let mut flow = Flow {
            w: &w,
            sites: Vec::new(),
            seen_bindings: HashSet::new(),
            seen_climbs: HashSet::new(),
            seen_fields: HashSet::new(),
        };
        flow.climb(stack.clone(), false, false);
        let mut sites: Vec<Site> = Vec::new();
        for (p, kind, via) in flow.sites {
            let Some(f) = w.fns.iter().find(|f| inside(p, f.block)) else {
                continue;
            };
            let site = Site {
                line: p.0 as u32,
                kind,
                via_traced: via,
                must_see: must_see(f.block, p),
            };
            if !sites.contains(&site) {
                sites.push(site);
            }
        }
        sites.sort_by_key(|s| (s.line, s.kind.name(), s.via_traced));
        if sites.is_empty() {
            errors.push((
                *line as usize,
                format!(
                    "cannot tell where the value `{what}(…)` makes here is dropped: it goes \
                     somewhere the drop analysis does not follow. Keep it in a local \
                     (`let x = {what}(…);`) and end it with an explicit `drop(x)`, or let it \
                     live to the end of that local's scope"
                ),
            ));
            continue;
        }
        made.push(Made {
            line: *line,
            what,
            sites,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    made.sort_by_key(|m| m.line);
    made.dedup_by(|a, b| {
        if a.line == b.line {
            for s in a.sites.drain(..) {
                if !b.sites.contains(&s) {
                    b.sites.push(s);
                }
            }
            true
        } else {
            false
        }
    });
    let mut anchors: Vec<u32> = w.anchors.into_iter().collect();
    anchors.sort_unstable();
    let mut bodies: Vec<(u32, u32)> = w.bodies.into_iter().collect();
    bodies.sort_unstable();
    Ok(Analysis {
        made,
        anchors,
        bodies,
    })
}

/// The Rust expression for an analysis, of type `lessons::drops::Drops`.
pub fn rust_expr(a: &Analysis) -> String {
    let mut out = String::from("Drops { made: &[");
    for m in &a.made {
        let _ = write!(out, "Made {{ line: {}, sites: &[", m.line);
        for s in &m.sites {
            let _ = write!(
                out,
                "Site {{ line: {}, kind: SiteKind::{}, via_traced: {}, must_see: &{:?} }}, ",
                s.line,
                s.kind.name(),
                s.via_traced,
                s.must_see
            );
        }
        out.push_str("] }, ");
    }
    let _ = write!(
        out,
        "], anchors: &{:?}, bodies: &{:?} }}",
        a.anchors, a.bodies
    );
    out
}

#[cfg(test)]
mod tests;

/// Analyses every demo of every lesson folder under `lessons_dir` and
/// returns the Rust source of `DROPS` (for `lessons/src/drops.rs`), or every
/// value whose drop cannot be found, with its file and line.
pub fn generate(lessons_dir: &std::path::Path) -> Result<String, crate::Diags> {
    let root = lessons_dir.parent().unwrap_or(lessons_dir);
    let dirs = crate::find_lessons(lessons_dir).map_err(|e| {
        crate::Diags(vec![crate::Diag {
            file: "lessons".into(),
            line: None,
            message: e,
        }])
    })?;
    let mut out = String::from(
        "// @generated by lesson-compiler's drop analysis; do not edit.\n\npub static DROPS: &[(&str, Drops)] = &[\n",
    );
    let mut diags = Vec::new();
    for d in &dirs {
        for path in &d.demos {
            let file = crate::rel(path, root);
            let Ok(source) = std::fs::read_to_string(path) else {
                continue; // reported by the lesson compiler
            };
            match analyse(&source) {
                Ok(a) => {
                    let _ = writeln!(out, "    ({file:?}, {}),", rust_expr(&a));
                }
                Err(errs) => diags.extend(errs.into_iter().map(|(line, message)| crate::Diag {
                    file: file.clone(),
                    line: Some(line),
                    message,
                })),
            }
        }
    }
    out.push_str("];\n");
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(crate::Diags(diags))
    }
}
