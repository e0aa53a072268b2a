//! The Lab's address: a whole pipeline as a query string, and back.
//!
//! ```text
//! a=-1--2-3%7C&b=counter:100,5&p=map:*2.filter:even.take:2&body=100&break=3
//! ```
//!
//! | Parameter | Value |
//! |---|---|
//! | `a`, `b`, `c` | the sources in order (`a` is required, `c` needs `b`): marble text (see [`crate::marbles`]; `\|` is written `%7C` and `✕` is written `x`), `counter:PERIOD,COUNT` or `unfold:DELAY,COUNT` |
//! | `p` | the stages, separated by `.`, each `name` or `name:arg,arg`, the name being the Rust method's (`take:2`, `buffer_unordered:3,x*100`) |
//! | `body` | the loop body's sleep, ms (left out when 0) |
//! | `break` | `break` after this many items (left out when the loop runs to the end) |
//!
//! Closures: `x`, `+3`, `-3`, `*2`, `mod3`, `sq` (`x * x`); tests: `even`,
//! `odd`, `lt5`, `gt5`, `ne5`; folds: `sum`, `product`, `max`; delays:
//! `100` (ms) or `x*10` (`x` × 10 ms). Other parameters (a chat app's
//! `fbclid`, say) are ignored.
//!
//! Only characters a URL may carry as they are (RFC 3986's unreserved and
//! sub-delimiters, `:`): `|` is not one of them (browsers leave it alone,
//! but chat apps and Markdown tables cut a link at it), hence `%7C`; `x`
//! for the error mark saves the nine characters of `%E2%9C%95`. Reading is
//! lenient: `|`, `✕`, any percent-encoding and a space for `+` (what a form
//! decoder makes of it) are all accepted.
//!
//! Reading never panics, whatever the address: every number is checked
//! against the caps below, and every fault is an [`UrlError`] that names the
//! parameter and the stage. Not here: whether the stages fit together (the
//! type check) and what the page does with a bad address.

use crate::marbles::{self, MarbleError};
use crate::model::*;

// The limits are the model's (`MAX_VALUE`, `MAX_MS`, `MAX_FACTOR`,
// `MAX_ITEMS`, `MAX_SMALL`): an address holds only what the Lab can run.

/// An address that does not give a pipeline: where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlError {
    /// The parameter (`a`, `p`, `body` …).
    pub param: String,
    /// For `p`: the stage, counted from 1, and its name as written.
    pub stage: Option<(usize, String)>,
    /// What is wrong.
    pub problem: Problem,
}

/// What is wrong with one parameter of an address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A `%` not followed by two hex digits, or bytes that are not UTF-8.
    BadEscape,
    /// The parameter appears more than once.
    Repeated,
    /// No source `a`.
    NoSource,
    /// A source after a missing one (`c` without `b`).
    Gap,
    /// Marble text that cannot be read.
    Marbles(MarbleError),
    /// Not a number where one belongs: the text.
    NotANumber(String),
    /// A number outside its range.
    OutOfRange {
        /// As written.
        got: String,
        /// The smallest allowed.
        min: i64,
        /// The largest allowed.
        max: i64,
    },
    /// A word that is not one of the choices here.
    Unknown {
        /// As written.
        got: String,
        /// The choices.
        choices: &'static str,
    },
    /// A stage with the wrong number of arguments: how it is written.
    Usage(&'static str),
    /// A stage names a source the pipeline does not have.
    NoSuchSource(String),
    /// More than [`MAX_STAGES`] stages.
    TooManyStages(usize),
}

impl UrlError {
    /// The error in words for the reader, in Chinese if `zh`.
    pub fn message(&self, zh: bool) -> String {
        let place = match (&self.stage, zh) {
            (None, false) => format!("In the address, `{}`", self.param),
            (None, true) => format!("地址中的 `{}`", self.param),
            (Some((n, name)), false) => format!("In the address, `p`, stage {n} (`{name}`)"),
            (Some((n, name)), true) => format!("地址中 `p` 的第 {n} 个适配器（`{name}`）"),
        };
        let what = self.problem.words(&self.param, zh);
        if zh {
            format!("{place}：{what}")
        } else {
            format!("{place}: {what}")
        }
    }
}

impl Problem {
    fn words(&self, param: &str, zh: bool) -> String {
        use Problem::*;
        match (self, zh) {
            (BadEscape, false) => "a `%` escape that is broken or not UTF-8.".into(),
            (BadEscape, true) => "含有残缺的 `%` 转义，或不是 UTF-8。".into(),
            (Repeated, false) => "given more than once; keep one.".into(),
            (Repeated, true) => "出现了不止一次，请只保留一个。".into(),
            (NoSource, false) => "missing: a pipeline needs a first source, such as `a=-1--2-3%7C`.".into(),
            (NoSource, true) => "缺失：流水线至少需要第一个数据源，例如 `a=-1--2-3%7C`。".into(),
            (Gap, false) => format!("comes without the source before it; name the sources in order, `a`, `b`, `c`, so `{param}` needs the one before."),
            (Gap, true) => format!("前面的数据源缺失；数据源要按 `a`、`b`、`c` 的顺序给出，`{param}` 之前的那个不能少。"),
            (Marbles(e), _) => e.message(zh),
            (NotANumber(s), false) => format!("`{s}` is not a whole number."),
            (NotANumber(s), true) => format!("`{s}` 不是整数。"),
            (OutOfRange { got, min, max }, false) => format!("`{got}` is out of range ({min} to {max})."),
            (OutOfRange { got, min, max }, true) => format!("`{got}` 超出范围（{min} 到 {max}）。"),
            (Unknown { got, choices }, false) => format!("`{got}` is not one of {choices}."),
            (Unknown { got, choices }, true) => format!("`{got}` 不在可选项之内：{choices}。"),
            (Usage(u), false) => format!("wrong arguments; write it as `{u}`."),
            (Usage(u), true) => format!("参数不对，应写成 `{u}`。"),
            (NoSuchSource(s), false) => format!("there is no source `{s}` (add it as `{s}=…`)."),
            (NoSuchSource(s), true) => format!("没有数据源 `{s}`（请用 `{s}=…` 加上它）。"),
            (TooManyStages(n), false) => format!("{n} stages; a pipeline has at most {MAX_STAGES}."),
            (TooManyStages(n), true) => format!("共有 {n} 个适配器，流水线最多 {MAX_STAGES} 个。"),
        }
    }
}

/// The address of a pipeline: its query string, without the `?`.
///
/// Exact for every pipeline [`from_query`] accepts: marble times off the
/// frame grid are rounded down (see [`marbles::printable`]), and numbers
/// beyond the caps are written but refused when read.
pub fn to_query(p: &Pipeline) -> String {
    let mut parts = Vec::new();
    for (i, s) in p.sources.iter().enumerate() {
        parts.push(format!("{}={}", source_name(i as SourceId), source_text(s)));
    }
    if !p.stages.is_empty() {
        let stages: Vec<String> = p.stages.iter().map(stage_text).collect();
        parts.push(format!("p={}", stages.join(".")));
    }
    if p.consumer.body_ms != 0 {
        parts.push(format!("body={}", p.consumer.body_ms));
    }
    if let Some(n) = p.consumer.break_after {
        parts.push(format!("break={n}"));
    }
    parts.join("&")
}

fn source_text(s: &Source) -> String {
    match s {
        Source::Marbles { items, end } => marbles::print_with(items, *end, 'x').replace('|', "%7C"),
        Source::Counter { period_ms, count } => format!("counter:{period_ms},{count}"),
        Source::Unfold { delay_ms, count } => format!("unfold:{delay_ms},{count}"),
    }
}

fn stage_text(s: &Stage) -> String {
    let id = |i: &SourceId| source_name(*i);
    match s {
        Stage::Map(e) => format!("map:{}", expr_text(e)),
        Stage::Filter(p) => format!("filter:{}", pred_text(p)),
        Stage::Then { expr, delay } => format!("then:{},{}", expr_text(expr), delay_text(delay)),
        Stage::Take(n) => format!("take:{n}"),
        Stage::Skip(n) => format!("skip:{n}"),
        Stage::TakeWhile(p) => format!("take_while:{}", pred_text(p)),
        Stage::TakeUntil(i) => format!("take_until:{}", id(i)),
        Stage::Chain(i) => format!("chain:{}", id(i)),
        Stage::Zip(i) => format!("zip:{}", id(i)),
        Stage::Select(i) => format!("select:{}", id(i)),
        Stage::SelectAll => "select_all".into(),
        Stage::Flatten(inner) => format!("flatten:{},{}", inner.count, inner.delay_ms),
        Stage::FlatMap(inner) => format!("flat_map:{},{}", inner.count, inner.delay_ms),
        Stage::Scan { init, f } => format!("scan:{init},{}", expr2_text(f)),
        Stage::Fold { init, f } => format!("fold:{init},{}", expr2_text(f)),
        Stage::Chunks(n) => format!("chunks:{n}"),
        Stage::ReadyChunks(n) => format!("ready_chunks:{n}"),
        Stage::Buffered { k, delay } => format!("buffered:{k},{}", delay_text(delay)),
        Stage::BufferUnordered { k, delay } => {
            format!("buffer_unordered:{k},{}", delay_text(delay))
        }
        Stage::Fuse => "fuse".into(),
        Stage::Peekable => "peekable".into(),
        Stage::Timeout(ms) => format!("timeout:{ms}"),
    }
}

fn expr_text(e: &Expr) -> String {
    match e {
        Expr::Id => "x".into(),
        Expr::Add(k) if *k >= 0 => format!("+{k}"),
        Expr::Add(k) => k.to_string(),
        Expr::Mul(k) => format!("*{k}"),
        Expr::Rem(k) => format!("mod{k}"),
        Expr::Square => "sq".into(),
    }
}

fn pred_text(p: &Pred) -> String {
    match p {
        Pred::Even => "even".into(),
        Pred::Odd => "odd".into(),
        Pred::Lt(k) => format!("lt{k}"),
        Pred::Gt(k) => format!("gt{k}"),
        Pred::Ne(k) => format!("ne{k}"),
    }
}

fn expr2_text(f: &Expr2) -> &'static str {
    match f {
        Expr2::Sum => "sum",
        Expr2::Product => "product",
        Expr2::Max => "max",
    }
}

fn delay_text(d: &Delay) -> String {
    match d {
        Delay::Fixed(ms) => ms.to_string(),
        Delay::PerItem(f) => format!("x*{f}"),
    }
}

/// Reads an address's query string (with or without the `?`).
pub fn from_query(q: &str) -> Result<Pipeline, UrlError> {
    let q = q.strip_prefix('?').unwrap_or(q);
    // The known parameters, each at most once; others are ignored.
    const KNOWN: [&str; 6] = ["a", "b", "c", "p", "body", "break"];
    let mut values: [Option<String>; 6] = Default::default();
    for pair in q.split('&').filter(|s| !s.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let Ok(key) = decode(key) else { continue };
        let Some(i) = KNOWN.iter().position(|k| *k == key) else {
            continue;
        };
        let fail = |problem| UrlError {
            param: KNOWN[i].into(),
            stage: None,
            problem,
        };
        if values[i].is_some() {
            return Err(fail(Problem::Repeated));
        }
        values[i] = Some(decode(value).map_err(fail)?);
    }
    let [a, b, c, p, body, brk] = values;
    let mut sources = Vec::new();
    for (i, text) in [a, b, c].into_iter().enumerate() {
        let param = source_name(i as SourceId).to_string();
        let fail = |problem| UrlError {
            param: param.clone(),
            stage: None,
            problem,
        };
        match text {
            Some(_) if sources.len() < i => return Err(fail(Problem::Gap)),
            Some(text) => sources.push(read_source(&text).map_err(fail)?),
            None if i == 0 => return Err(fail(Problem::NoSource)),
            None => {}
        }
    }
    let stages = match p {
        Some(text) => read_stages(&text, sources.len())?,
        None => Vec::new(),
    };
    let consumer = Consumer {
        body_ms: match body {
            Some(t) => ms(&t).map_err(|problem| UrlError {
                param: "body".into(),
                stage: None,
                problem,
            })?,
            None => 0,
        },
        break_after: match brk {
            Some(t) => Some(count(&t, 1, MAX_ITEMS).map_err(|problem| UrlError {
                param: "break".into(),
                stage: None,
                problem,
            })?),
            None => None,
        },
    };
    Ok(Pipeline {
        sources,
        stages,
        consumer,
    })
}

/// Percent-decoding, strict about broken escapes; a space (a form
/// decoder's `+`) is given back as `+`.
fn decode(s: &str) -> Result<String, Problem> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).ok_or(Problem::BadEscape)?;
                let hex = std::str::from_utf8(hex).map_err(|_| Problem::BadEscape)?;
                out.push(u8::from_str_radix(hex, 16).map_err(|_| Problem::BadEscape)?);
                i += 3;
            }
            b' ' => {
                out.push(b'+');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| Problem::BadEscape)
}

fn read_source(text: &str) -> Result<Source, Problem> {
    let two = |args: &str, usage| -> Result<(u32, u32), Problem> {
        let (x, n) = args.split_once(',').ok_or(Problem::Usage(usage))?;
        Ok((ms(x)?, count(n, 0, MAX_ITEMS)?))
    };
    if let Some(args) = text.strip_prefix("counter:") {
        let (period_ms, count) = two(args, "counter:PERIOD,COUNT")?;
        return Ok(Source::Counter { period_ms, count });
    }
    if let Some(args) = text.strip_prefix("unfold:") {
        let (delay_ms, count) = two(args, "unfold:DELAY,COUNT")?;
        return Ok(Source::Unfold { delay_ms, count });
    }
    let (items, end) = marbles::parse(text).map_err(Problem::Marbles)?;
    if let Some(m) = items.iter().find(|m| m.value.abs() > MAX_VALUE) {
        return Err(Problem::OutOfRange {
            got: m.value.to_string(),
            min: -MAX_VALUE,
            max: MAX_VALUE,
        });
    }
    Ok(Source::Marbles { items, end })
}

fn read_stages(text: &str, sources: usize) -> Result<Vec<Stage>, UrlError> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let n = text.split('.').count();
    if n > MAX_STAGES {
        return Err(UrlError {
            param: "p".into(),
            stage: None,
            problem: Problem::TooManyStages(n),
        });
    }
    text.split('.')
        .enumerate()
        .map(|(i, s)| {
            let (name, args) = s.split_once(':').unwrap_or((s, ""));
            read_stage(name, args, sources).map_err(|problem| UrlError {
                param: "p".into(),
                stage: Some((i + 1, name.into())),
                problem,
            })
        })
        .collect()
}

/// The stages' names as written in `p`.
const STAGE_NAMES: &str = "map, filter, then, take, skip, take_while, take_until, chain, zip, \
     select, select_all, flatten, flat_map, scan, fold, chunks, ready_chunks, buffered, \
     buffer_unordered, fuse, peekable, timeout";

fn read_stage(name: &str, args: &str, sources: usize) -> Result<Stage, Problem> {
    let args: Vec<&str> = if args.is_empty() {
        Vec::new()
    } else {
        args.split(',').collect()
    };
    let usage = usage(name).ok_or_else(|| Problem::Unknown {
        got: name.into(),
        choices: STAGE_NAMES,
    })?;
    let want = usage.matches(',').count() + usize::from(usage.contains(':'));
    if args.len() != want {
        return Err(Problem::Usage(usage));
    }
    let source = |s: &str| -> Result<SourceId, Problem> {
        (0..sources as SourceId)
            .find(|&i| source_name(i).to_string() == s)
            .ok_or_else(|| Problem::NoSuchSource(s.into()))
    };
    let inner = || -> Result<Inner, Problem> {
        Ok(Inner {
            count: count(args[0], 0, MAX_SMALL)?,
            delay_ms: ms(args[1])?,
        })
    };
    Ok(match name {
        "map" => Stage::Map(expr(args[0])?),
        "filter" => Stage::Filter(pred(args[0])?),
        "then" => Stage::Then {
            expr: expr(args[0])?,
            delay: delay(args[1])?,
        },
        "take" => Stage::Take(count(args[0], 0, MAX_ITEMS)?),
        "skip" => Stage::Skip(count(args[0], 0, MAX_ITEMS)?),
        "take_while" => Stage::TakeWhile(pred(args[0])?),
        "take_until" => Stage::TakeUntil(source(args[0])?),
        "chain" => Stage::Chain(source(args[0])?),
        "zip" => Stage::Zip(source(args[0])?),
        "select" => Stage::Select(source(args[0])?),
        "select_all" => Stage::SelectAll,
        "flatten" => Stage::Flatten(inner()?),
        "flat_map" => Stage::FlatMap(inner()?),
        "scan" => Stage::Scan {
            init: value(args[0])?,
            f: expr2(args[1])?,
        },
        "fold" => Stage::Fold {
            init: value(args[0])?,
            f: expr2(args[1])?,
        },
        "chunks" => Stage::Chunks(count(args[0], 1, MAX_SMALL)?),
        "ready_chunks" => Stage::ReadyChunks(count(args[0], 1, MAX_SMALL)?),
        "buffered" => Stage::Buffered {
            k: count(args[0], 1, MAX_SMALL)?,
            delay: delay(args[1])?,
        },
        "buffer_unordered" => Stage::BufferUnordered {
            k: count(args[0], 1, MAX_SMALL)?,
            delay: delay(args[1])?,
        },
        "fuse" => Stage::Fuse,
        "peekable" => Stage::Peekable,
        _ => Stage::Timeout(ms(args[0])?),
    })
}

/// How a stage is written (`None`: no such stage).
fn usage(name: &str) -> Option<&'static str> {
    Some(match name {
        "map" => "map:F",
        "filter" => "filter:TEST",
        "then" => "then:F,DELAY",
        "take" => "take:N",
        "skip" => "skip:N",
        "take_while" => "take_while:TEST",
        "take_until" => "take_until:SOURCE",
        "chain" => "chain:SOURCE",
        "zip" => "zip:SOURCE",
        "select" => "select:SOURCE",
        "select_all" => "select_all",
        "flatten" => "flatten:COUNT,DELAY",
        "flat_map" => "flat_map:COUNT,DELAY",
        "scan" => "scan:INIT,F",
        "fold" => "fold:INIT,F",
        "chunks" => "chunks:N",
        "ready_chunks" => "ready_chunks:N",
        "buffered" => "buffered:K,DELAY",
        "buffer_unordered" => "buffer_unordered:K,DELAY",
        "fuse" => "fuse",
        "peekable" => "peekable",
        "timeout" => "timeout:MS",
        _ => return None,
    })
}

const EXPRS: &str = "x, +k, -k, *k, modk, sq";
const PREDS: &str = "even, odd, ltk, gtk, nek";

fn expr(s: &str) -> Result<Expr, Problem> {
    let unknown = || Problem::Unknown {
        got: s.into(),
        choices: EXPRS,
    };
    Ok(match s {
        "x" => Expr::Id,
        "sq" => Expr::Square,
        _ if s.starts_with('+') => Expr::Add(value(&s[1..])?),
        _ if s.starts_with('-') => Expr::Add(value(s)?),
        _ if s.starts_with('*') => Expr::Mul(value(&s[1..])?),
        _ => {
            let k = s
                .strip_prefix("mod")
                .or_else(|| s.strip_prefix('%'))
                .ok_or_else(unknown)?;
            match value(k)? {
                0 => {
                    return Err(Problem::OutOfRange {
                        got: k.into(),
                        min: 1,
                        max: MAX_VALUE,
                    })
                }
                k => Expr::Rem(k),
            }
        }
    })
}

fn pred(s: &str) -> Result<Pred, Problem> {
    let unknown = || Problem::Unknown {
        got: s.into(),
        choices: PREDS,
    };
    match s {
        "even" => return Ok(Pred::Even),
        "odd" => return Ok(Pred::Odd),
        _ => {}
    }
    let (op, k) = s.split_at(s.char_indices().nth(2).map_or(s.len(), |(i, _)| i));
    let make = match op {
        "lt" => Pred::Lt,
        "gt" => Pred::Gt,
        "ne" => Pred::Ne,
        _ => return Err(unknown()),
    };
    Ok(make(value(k)?))
}

fn expr2(s: &str) -> Result<Expr2, Problem> {
    match s {
        "sum" => Ok(Expr2::Sum),
        "product" => Ok(Expr2::Product),
        "max" => Ok(Expr2::Max),
        _ => Err(Problem::Unknown {
            got: s.into(),
            choices: "sum, product, max",
        }),
    }
}

fn delay(s: &str) -> Result<Delay, Problem> {
    match s.strip_prefix("x*") {
        Some(f) => Ok(Delay::PerItem(count(f, 0, MAX_FACTOR)?)),
        None => Ok(Delay::Fixed(ms(s)?)),
    }
}

/// A whole number in `min..=max`.
fn int(s: &str, min: i64, max: i64) -> Result<i64, Problem> {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::NotANumber(s.into()));
    }
    match s.parse::<i64>() {
        Ok(v) if (min..=max).contains(&v) => Ok(v),
        _ => Err(Problem::OutOfRange {
            got: s.into(),
            min,
            max,
        }),
    }
}

fn value(s: &str) -> Result<i64, Problem> {
    int(s, -MAX_VALUE, MAX_VALUE)
}

fn count(s: &str, min: u32, max: u32) -> Result<u32, Problem> {
    // In range, so it fits.
    int(s, min.into(), max.into()).map(|v| v as u32)
}

fn ms(s: &str) -> Result<u32, Problem> {
    count(s, 0, MAX_MS)
}

#[cfg(test)]
mod tests;
