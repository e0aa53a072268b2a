//! The Rust that builds the same pipeline with typed items (`i64`,
//! `(i64, i64)`, `Vec<i64>`, `Result<i64, &str>`), the real `futures`
//! API and the same `trace` lanes: what the reader copies.
//!
//! The text is laid out as `rustfmt` (edition 2021, default width 100)
//! lays it out; the corpus test checks that, and that this code, compiled
//! and run natively, records the very trace [`crate::run`] records.
//!
//! Not here: running anything, or Python.

use crate::check::{check, Flow, Item, LabError, Shape, Types};
use crate::model::{source_name, Delay, End, Expr, Expr2, Inner, Pipeline, Pred, Source, Stage};
use crate::run::lanes;
use crate::value::{SOURCE_ERROR, TIMEOUT_ERROR};

/// rustfmt's default line width.
const WIDTH: usize = 100;
/// rustfmt's default `fn_call_width`: a call whose arguments are longer
/// goes one argument per line.
const CALL_WIDTH: usize = 60;
/// The longest array literal rustfmt keeps on one line (measured with
/// rustfmt 1.95: `array_width` 60 counts the items, not the brackets).
const ARRAY_WIDTH: usize = 62;

/// Code for a pipeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Code {
    /// The module text: its `use` lines and `pub async fn pipeline()`.
    pub text: String,
    /// For each lane of the run (in [`lanes`] order: `main`, the sources,
    /// the stages), the 1-based line that made it: the `let` of its
    /// `traced` call, and for `main` the loop (or the `fold` await).
    pub lane_lines: Vec<(String, u32)>,
}

/// What the code needs from outside, collected while writing it.
#[derive(Default)]
struct Uses {
    future: bool,
    ready: bool,
    either: bool,
    stream_ext: bool,
    try_stream: bool,
    body: bool,
    error: bool,
    sleep: bool,
    sleep_until: bool,
    traced_future: bool,
}

/// One statement of the function body: its lines (indent 4 included) and
/// the lane it makes, if any.
struct Stmt {
    lines: Vec<String>,
    lane: Option<String>,
}

/// The Rust code of `p`, or why `p` is refused.
pub fn rust_code(p: &Pipeline) -> Result<Code, LabError> {
    let types = check(p)?;
    let names = lanes(p, &types);
    let mut uses = Uses::default();
    let mut stmts = Vec::new();
    for (i, s) in p.sources.iter().enumerate() {
        let var = source_name(i as u8).to_string();
        let mutable = i == 0 && p.stages.is_empty();
        let expr = source_expr(s, types.sources[i], &mut uses);
        stmts.push(let_traced(&var, mutable, &names[1 + i], expr));
    }
    let first = 1 + p.sources.len();
    let mut var = "a".to_string();
    for (i, stage) in p.stages.iter().enumerate() {
        let before = if i == 0 {
            types.sources[0]
        } else {
            types.stages[i - 1].item()
        };
        if let Stage::Fold { init, f } = stage {
            stmts.extend(fold(
                &var,
                *init,
                *f,
                before.fallible,
                &names[first + i],
                &mut uses,
            ));
            return Ok(finish(stmts, &names, &uses));
        }
        let expr = stage_expr(stage, &var, before, p.sources.len(), &mut uses);
        let last = i + 1 == p.stages.len();
        stmts.push(let_traced("s", last, &names[first + i], expr));
        var = "s".to_string();
    }
    stmts.push(consumer(&var, &types, p, &mut uses));
    Ok(finish(stmts, &names, &uses))
}

/// `let var = traced("lane", expr);`, on one line if it fits, else with
/// one argument per line.
fn let_traced(var: &str, mutable: bool, lane: &str, expr: Vec<String>) -> Stmt {
    let m = if mutable { "mut " } else { "" };
    if expr.len() == 1 {
        let args = format!("\"{lane}\", {}", expr[0]);
        let line = format!("    let {m}{var} = traced({args});");
        if line.len() <= WIDTH && args.len() <= CALL_WIDTH {
            return Stmt {
                lines: vec![line],
                lane: Some(lane.to_string()),
            };
        }
    }
    let mut lines = vec![
        format!("    let {m}{var} = traced("),
        format!("        \"{lane}\","),
    ];
    let n = expr.len();
    for (i, l) in expr.into_iter().enumerate() {
        let comma = if i + 1 == n { "," } else { "" };
        lines.push(format!("        {l}{comma}"));
    }
    lines.push("    );".to_string());
    Stmt {
        lines,
        lane: Some(lane.to_string()),
    }
}

/// Indents every line but the first of a block by `n` spaces.
fn indent(lines: &[&str], n: usize) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{}{l}", " ".repeat(n))
            }
        })
        .collect()
}

/// A source's stream expression.
fn source_expr(s: &Source, item: Item, uses: &mut Uses) -> Vec<String> {
    match s {
        Source::Marbles { items, end } => {
            let mut parts: Vec<String> = items
                .iter()
                .map(|m| {
                    if item.fallible {
                        format!("({}, Ok({}))", m.at_ms, m.value)
                    } else {
                        format!("({}, {})", m.at_ms, m.value)
                    }
                })
                .collect();
            if let End::Error { at_ms } = end {
                parts.push(format!("({at_ms}, Err(\"{SOURCE_ERROR}\"))"));
            }
            let last = items.last().map_or(0, |m| m.at_ms);
            let tail = match end {
                End::Complete { at_ms } if *at_ms > last => {
                    uses.ready = true;
                    Some(format!(
                        ".chain(stream::once(sleep_until({at_ms})).filter_map(|()| ready(None)))"
                    ))
                }
                End::Never => Some(".chain(stream::pending())".to_string()),
                _ => None,
            };
            uses.sleep_until = true;
            uses.stream_ext = true;
            marbles(&parts, item.fallible, tail)
        }
        Source::Counter { period_ms, count } => {
            if *period_ms == 0 {
                return vec![format!("stream::iter(0..{count}_i64)")];
            }
            uses.sleep_until = true;
            uses.stream_ext = true;
            vec![
                format!("stream::iter(0..{count}_i64).then(|i| async move {{"),
                format!("    sleep_until({period_ms} * (i as u64 + 1)).await;"),
                "    i".into(),
                "})".into(),
            ]
        }
        Source::Unfold { delay_ms, count } => {
            let mut v = vec![
                "stream::unfold(0_i64, |i| async move {".to_string(),
                format!("    if i == {count} {{"),
                "        return None;".into(),
                "    }".into(),
            ];
            if *delay_ms > 0 {
                uses.sleep = true;
                v.push(format!("    sleep({delay_ms}).await;"));
            }
            v.push("    Some((i, i + 1))".into());
            v.push("})".into());
            v
        }
    }
}

/// `stream::iter([(at, x), …]).then(…)` plus its tail, laid out as
/// rustfmt does at an indent of 8 (inside `traced(`).
fn marbles(parts: &[String], fallible: bool, tail: Option<String>) -> Vec<String> {
    let ty = if fallible {
        "(u64, Result<i64, &str>)"
    } else {
        "(u64, i64)"
    };
    let then = format!(".then(|(at, x): {ty}| async move {{");
    let body = ["    sleep_until(at).await;", "    x", "})"];
    let array = format!("[{}]", parts.join(", "));
    let root = format!("stream::iter({array})");
    // One line with the closure's block hanging from it.
    let short = array.len() <= ARRAY_WIDTH;
    // `+ 2`: rustfmt keeps room for the `),` that closes `traced(`'s
    // argument, as if it followed the `{`.
    if tail.is_none() && short && 8 + root.len() + then.len() + 2 <= WIDTH {
        let mut v = vec![format!("{root}{then}")];
        v.extend(body.iter().map(|l| l.to_string()));
        return v;
    }
    if tail.is_none() && short && 8 + root.len() + ".then(".len() <= WIDTH {
        // The closure does not fit after `.then(`: rustfmt gives it a line
        // of its own inside the call.
        let mut v = vec![format!("{root}.then(")];
        v.push(format!("    |(at, x): {ty}| async move {{"));
        v.extend(body[..2].iter().map(|l| format!("    {l}")));
        v.push("    },".into());
        v.push(")".into());
        return v;
    }
    let mut v = Vec::new();
    let chain_indent = if short && 8 + root.len() <= WIDTH {
        v.push(root);
        4
    } else {
        v.push("stream::iter([".into());
        v.extend(parts.iter().map(|p| format!("    {p},")));
        v.push("])".into());
        0
    };
    let pad = " ".repeat(chain_indent);
    v.push(format!("{pad}{then}"));
    v.extend(body.iter().map(|l| format!("{pad}{l}")));
    if let Some(t) = tail {
        v.push(format!("{pad}{t}"));
    }
    v
}

/// A closure expression over `x`.
fn expr_text(e: Expr) -> String {
    match e {
        Expr::Id => "x".into(),
        Expr::Add(k) if k < 0 => format!("x - {}", k.unsigned_abs()),
        Expr::Add(k) => format!("x + {k}"),
        Expr::Mul(k) => format!("x * {k}"),
        Expr::Rem(k) => format!("x % {k}"),
        Expr::Square => "x * x".into(),
    }
}

/// A test on `x`.
fn pred_text(p: Pred) -> String {
    match p {
        Pred::Even => "x % 2 == 0".into(),
        Pred::Odd => "x % 2 != 0".into(),
        Pred::Lt(k) => format!("x < {k}"),
        Pred::Gt(k) => format!("x > {k}"),
        Pred::Ne(k) => format!("x != {k}"),
    }
}

/// The wait of an async step, as a statement (none for a fixed 0 ms in
/// `then`, where `sleep` is left out).
fn sleep_text(d: Delay) -> String {
    match d {
        Delay::Fixed(ms) => format!("sleep({ms}).await;"),
        Delay::PerItem(f) => format!("sleep(x.max(0) as u64 * {f}).await;"),
    }
}

/// A stage's stream expression on the stream `var`.
fn stage_expr(stage: &Stage, var: &str, item: Item, n: usize, uses: &mut Uses) -> Vec<String> {
    let t = item.fallible;
    // `next()` on a traced stream is its own method; `StreamExt` is needed
    // for the adapters alone.
    let try_form = t
        && matches!(
            stage,
            Stage::Map(_) | Stage::Filter(_) | Stage::Then { .. } | Stage::TakeWhile(_)
        );
    uses.stream_ext |= !try_form && !matches!(stage, Stage::Select(_) | Stage::Timeout(_));
    let one = |s: String| vec![s];
    match *stage {
        Stage::Map(e) if t => {
            uses.try_stream = true;
            one(format!("{var}.map_ok(|x| {})", expr_text(e)))
        }
        Stage::Map(e) => one(format!("{var}.map(|x| {})", expr_text(e))),
        Stage::Filter(p) => {
            uses.ready = true;
            let name = if t { "try_filter" } else { "filter" };
            uses.try_stream |= t;
            one(format!("{var}.{name}(|&x| ready({}))", pred_text(p)))
        }
        Stage::TakeWhile(p) if t => {
            uses.ready = true;
            uses.try_stream = true;
            one(format!(
                "{var}.try_take_while(|&x| ready(Ok({})))",
                pred_text(p)
            ))
        }
        Stage::TakeWhile(p) => {
            uses.ready = true;
            one(format!("{var}.take_while(|&x| ready({}))", pred_text(p)))
        }
        Stage::Then { expr, delay } => {
            let (name, out) = if t {
                uses.try_stream = true;
                ("and_then", format!("Ok({})", expr_text(expr)))
            } else {
                ("then", expr_text(expr))
            };
            if delay == Delay::Fixed(0) {
                return one(format!("{var}.{name}(|x| async move {{ {out} }})"));
            }
            uses.sleep = true;
            vec![
                format!("{var}.{name}(|x| async move {{"),
                format!("    {}", sleep_text(delay)),
                format!("    {out}"),
                "})".into(),
            ]
        }
        Stage::Take(k) => one(format!("{var}.take({k})")),
        Stage::Skip(k) => one(format!("{var}.skip({k})")),
        Stage::TakeUntil(id) => one(format!(
            "{var}.take_until({}.into_future())",
            source_name(id)
        )),
        Stage::Chain(id) => one(format!("{var}.chain({})", source_name(id))),
        Stage::Zip(id) => one(format!("{var}.zip({})", source_name(id))),
        Stage::Select(id) => one(format!("stream::select({var}, {})", source_name(id))),
        Stage::SelectAll => {
            let mut all = vec![format!("{var}.boxed_local()")];
            all.extend((1..n).map(|i| format!("{}.boxed_local()", source_name(i as u8))));
            one(format!("stream::select_all([{}])", all.join(", ")))
        }
        Stage::Flatten(inner) if inner.delay_ms == 0 => one(format!(
            "{var}.map(|x| stream::repeat(x).take({})).flatten()",
            inner.count
        )),
        Stage::Flatten(inner) => {
            let mut v = inner_closure(&format!("{var}.map("), inner, uses);
            v.push(".flatten()".into());
            v
        }
        Stage::FlatMap(inner) => inner_closure(&format!("{var}.flat_map("), inner, uses),
        Stage::Scan { init, f } => {
            uses.ready = true;
            let step = match f {
                Expr2::Sum => "*acc += x;",
                Expr2::Product => "*acc *= x;",
                Expr2::Max => "*acc = (*acc).max(x);",
            };
            vec![
                format!("{var}.scan({init}, |acc, x| {{"),
                format!("    {step}"),
                "    ready(Some(*acc))".into(),
                "})".into(),
            ]
        }
        Stage::Chunks(k) => one(format!("{var}.chunks({k})")),
        Stage::ReadyChunks(k) => one(format!("{var}.ready_chunks({k})")),
        Stage::Buffered { k, delay } | Stage::BufferUnordered { k, delay } => {
            uses.sleep = true;
            let name = if matches!(stage, Stage::Buffered { .. }) {
                "buffered"
            } else {
                "buffer_unordered"
            };
            vec![
                format!("{var}.map(|x| async move {{"),
                format!("    {}", sleep_text(delay)),
                "    x".into(),
                "})".into(),
                format!(".{name}({k})"),
            ]
        }
        Stage::Fuse => one(format!("{var}.fuse()")),
        Stage::Peekable => one(format!("{var}.peekable()")),
        Stage::Timeout(ms) => {
            uses.future = true;
            uses.either = true;
            uses.sleep = true;
            let v: Vec<String> = [
                &format!("stream::unfold(Some({var}), |s| async move {{") as &str,
                "    let mut s = s?;",
                &format!("    match future::select(s.next(), sleep({ms})).await {{"),
                "        Either::Left((Some(x), _)) => Some((Ok(x), Some(s))),",
                "        Either::Left((None, _)) => None,",
                &format!("        Either::Right(_) => Some((Err(\"{TIMEOUT_ERROR}\"), None)),"),
                "    }",
                "})",
            ]
            .iter()
            .map(|l| l.to_string())
            .collect();
            v
        }
        Stage::Fold { .. } => unreachable!("fold is written by `fold`"),
    }
}

/// `{call}|x| inner)`: the closure of `flatten`'s `map` or of `flat_map`.
fn inner_closure(call: &str, inner: Inner, uses: &mut Uses) -> Vec<String> {
    let n = inner.count;
    if inner.delay_ms == 0 {
        return vec![format!("{call}|x| stream::repeat(x).take({n}))")];
    }
    uses.sleep = true;
    let lines = [
        format!("stream::iter(0..{n}).then(move |_| async move {{"),
        format!("    sleep({}).await;", inner.delay_ms),
        "    x".to_string(),
        "})".to_string(),
    ];
    let mut v = vec![format!("{call}|x| {{")];
    v.extend(indent(
        &lines.iter().map(String::as_str).collect::<Vec<_>>(),
        4,
    ));
    v.push("})".into());
    v
}

/// `fold` / `try_fold` awaited in the main lane, and its value handed to
/// `body` (or its error to `error`).
fn fold(var: &str, init: i64, f: Expr2, fallible: bool, lane: &str, uses: &mut Uses) -> Vec<Stmt> {
    uses.traced_future = true;
    uses.ready = true;
    uses.body = true;
    let step = match f {
        Expr2::Sum => "acc + x",
        Expr2::Product => "acc * x",
        Expr2::Max => "acc.max(x)",
    };
    let (call, head) = if fallible {
        uses.try_stream = true;
        uses.error = true;
        (
            format!("{var}.try_fold({init}, |acc, x| ready(Ok({step})))"),
            format!("    match traced_future(\"{lane}\", fold).await {{"),
        )
    } else {
        uses.stream_ext = true;
        (
            format!("{var}.fold({init}, |acc, x| ready({step}))"),
            format!("    let total = traced_future(\"{lane}\", fold).await;"),
        )
    };
    let mut lines = vec![head];
    if fallible {
        lines.extend([
            "        Ok(total) => body(total),".to_string(),
            "        Err(e) => error(e),".into(),
            "    }".into(),
        ]);
    } else {
        lines.push("    body(total);".into());
    }
    vec![
        Stmt {
            lines: vec![format!("    let fold = {call};")],
            lane: None,
        },
        Stmt {
            lines,
            lane: Some(lane.to_string()),
        },
    ]
}

/// The consumer loop over `var`.
fn consumer(var: &str, types: &Types, p: &Pipeline, uses: &mut Uses) -> Stmt {
    uses.body = true;
    let item = match types.consumer {
        Flow::Stream(i) | Flow::Single(i) => i,
    };
    let c = p.consumer;
    let mut lines = Vec::new();
    if c.break_after.is_some() {
        lines.push("    let mut n = 0;".to_string());
    }
    let mut inner = Vec::new();
    if item.fallible {
        uses.error = true;
        lines.push(format!("    while let Some(item) = {var}.next().await {{"));
        inner.extend(
            [
                "let x = match item {",
                "    Ok(x) => x,",
                "    Err(e) => {",
                "        error(e);",
                "        break;",
                "    }",
                "};",
            ]
            .map(String::from),
        );
    } else {
        lines.push(format!("    while let Some(x) = {var}.next().await {{"));
    }
    inner.push(match item.shape {
        Shape::Int => "body(x);".into(),
        Shape::Pair | Shape::List => "body(format!(\"{x:?}\"));".into(),
    });
    if c.body_ms > 0 {
        uses.sleep = true;
        inner.push(format!("sleep({}).await;", c.body_ms));
    }
    if let Some(k) = c.break_after {
        inner.extend([
            "n += 1;".to_string(),
            format!("if n == {k} {{"),
            "    break;".into(),
            "}".into(),
        ]);
    }
    lines.extend(inner.into_iter().map(|l| format!("        {l}")));
    lines.push("    }".into());
    Stmt { lines, lane: None }
}

/// The `use` lines, then the function; and each lane's line.
fn finish(stmts: Vec<Stmt>, names: &[String], uses: &Uses) -> Code {
    let mut out: Vec<String> = use_lines(uses);
    out.push(String::new());
    out.push("pub async fn pipeline() {".into());
    let mut lane_line = std::collections::HashMap::new();
    let mut main = None;
    for s in &stmts {
        let at = out.len() as u32 + 1;
        if let Some(l) = &s.lane {
            lane_line.insert(l.clone(), at);
        }
        for l in &s.lines {
            if main.is_none() && (l.starts_with("    while let") || l.contains("traced_future(")) {
                main = Some(out.len() as u32 + 1);
            }
            out.push(l.clone());
        }
    }
    out.push("}".into());
    let lane_lines = names
        .iter()
        .map(|n| {
            let line = if n == "main" {
                main.unwrap_or(0)
            } else {
                lane_line.get(n).copied().unwrap_or(0)
            };
            (n.clone(), line)
        })
        .collect();
    let mut text = out.join("\n");
    text.push('\n');
    Code { text, lane_lines }
}

/// `use` lines for what the code calls, sorted as rustfmt sorts them.
fn use_lines(u: &Uses) -> Vec<String> {
    let list = |path: &str, items: Vec<&str>| -> Option<String> {
        match items.len() {
            0 => None,
            1 if items[0] != "self" => Some(format!("use {path}::{};", items[0])),
            1 => Some(format!("use {path};")),
            _ => Some(format!("use {path}::{{{}}};", items.join(", "))),
        }
    };
    let pick = |pairs: &[(bool, &'static str)]| -> Vec<&'static str> {
        pairs.iter().filter(|(b, _)| *b).map(|(_, s)| *s).collect()
    };
    let future = pick(&[(u.future, "self"), (u.ready, "ready"), (u.either, "Either")]);
    let stream = pick(&[
        (true, "self"),
        (u.stream_ext, "StreamExt"),
        (u.try_stream, "TryStreamExt"),
    ]);
    let trace = pick(&[
        (u.body, "body"),
        (u.error, "error"),
        (u.sleep, "sleep"),
        (u.sleep_until, "sleep_until"),
        (true, "traced"),
        (u.traced_future, "traced_future"),
    ]);
    [
        list("futures::future", future),
        list("futures::stream", stream),
        list("trace", trace),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[cfg(test)]
mod tests;
