//! The Python `async for` equivalent of a pipeline, shown beside the Rust.
//!
//! Plain asyncio: each source is an async generator, each stage an async
//! generator expression (`map`, `filter`, `then`) or a small async
//! generator function written out above `main`, only those the pipeline
//! uses. Concurrency (`select`, `buffered`, `buffer_unordered`,
//! `take_until`) uses tasks and a queue, as Python code does: the jobs run
//! on their own, also while the loop body waits, where the Rust futures
//! move only while the stream is polled (lessons 11 and 15). So the values
//! and, as long as the loop body keeps up, their order are the Rust
//! pipeline's; the code says where it differs.
//!
//! The loop prints each item as the Rust `body(x)` labels it: `1`,
//! `(1, 2)` for a pair and `[1, 2]` for a list, which is also Python's
//! `print`. Rust's `%` keeps the sign of `x`, Python's that of `k`, so
//! `x % k` becomes a `rem(x, k)` helper. Items are Python integers, which
//! do not overflow where an `i64` would.
//!
//! [`python_code`] gives `None` where there is no honest equivalent:
//! - an error on a track (`✕`) or a `timeout`: the Rust stream yields the
//!   error as an item and goes on through every stage; a Python exception
//!   ends the whole loop, so the two would show different things;
//! - `ready_chunks`: it takes what is ready *now*, without waiting, which
//!   an async generator cannot ask of the one before it;
//! - a stage that reads source `a` (the chain already owns it) or a source
//!   read twice, which the Rust cannot do either (the type check refuses
//!   them).

use crate::model::*;

/// The Python program for `p`, or `None` (see the module doc for when).
pub fn python_code(p: &Pipeline) -> Option<String> {
    supported(p).then_some(())?;
    let mut w = Writer::default();
    let start = p
        .sources
        .iter()
        .any(|s| !matches!(s, Source::Unfold { .. }));
    let mut body = Vec::new();
    if start {
        body.push("start = asyncio.get_running_loop().time()".to_string());
    }
    body.push(format!("s = {}", w.source(p, 0)));
    for stage in &p.stages {
        body.extend(w.stage(p, stage));
    }
    body.extend(w.consumer(&p.consumer));
    let mut out = String::from("import asyncio\n\n");
    if w.uses_end {
        out.push_str("END = object()  # what anext() returns at the end\n\n");
    }
    for helper in &w.helpers {
        out.push('\n');
        out.push_str(helper.trim_start_matches('\n'));
        out.push_str("\n\n");
    }
    out.push_str("\nasync def main():\n");
    for line in body {
        out.push_str(&format!("    {line}\n"));
    }
    out.push_str("\n\nasyncio.run(main())\n");
    Some(out)
}

/// Whether the pipeline has a Python equivalent (see the module doc).
fn supported(p: &Pipeline) -> bool {
    let errors = p.sources.iter().any(|s| {
        matches!(
            s,
            Source::Marbles {
                end: End::Error { .. },
                ..
            }
        )
    });
    let mut read = vec![0; p.sources.len()];
    for s in &p.stages {
        match s {
            Stage::Timeout(_) | Stage::ReadyChunks(_) => return false,
            Stage::TakeUntil(i) | Stage::Chain(i) | Stage::Zip(i) | Stage::Select(i) => {
                match read.get_mut(usize::from(*i)) {
                    Some(n) if *i != 0 => *n += 1,
                    _ => return false,
                }
            }
            Stage::SelectAll => read.iter_mut().skip(1).for_each(|n| *n += 1),
            _ => {}
        }
    }
    !errors && read.iter().all(|n| *n <= 1)
}

/// Collects the helpers a program needs while it writes `main`'s lines.
#[derive(Default)]
struct Writer {
    /// The helper functions, each once, in the order first used.
    helpers: Vec<&'static str>,
    /// Whether a helper uses the `END` sentinel.
    uses_end: bool,
}

impl Writer {
    fn need(&mut self, helper: &'static str) {
        if !self.helpers.contains(&helper) {
            self.helpers.push(helper);
        }
    }

    /// The call that makes source `id`.
    fn source(&mut self, p: &Pipeline, id: SourceId) -> String {
        match &p.sources[usize::from(id)] {
            Source::Marbles { items, end } => {
                self.need(UNTIL);
                self.need(MARBLES);
                let items: Vec<String> = items
                    .iter()
                    .map(|m| format!("({}, {})", m.at_ms, m.value))
                    .collect();
                let end = match end {
                    End::Complete { at_ms } => format!(", end_ms={at_ms}"),
                    _ => String::new(),
                };
                format!("marbles(start, [{}]{end})", items.join(", "))
            }
            Source::Counter { period_ms, count } => {
                self.need(UNTIL);
                self.need(COUNTER);
                format!("counter(start, {period_ms}, {count})")
            }
            Source::Unfold { delay_ms, count } => {
                self.need(UNFOLD);
                format!("unfold({delay_ms}, {count})")
            }
        }
    }

    /// The lines of `main` for one stage, which rebinds `s`.
    fn stage(&mut self, p: &Pipeline, stage: &Stage) -> Vec<String> {
        let line = match stage {
            Stage::Map(e) => format!("s = ({} async for x in s)", self.expr(e)),
            Stage::Filter(t) => format!("s = (x async for x in s if {})", pred(t)),
            Stage::Then { expr, delay } => {
                self.need(LATER);
                format!(
                    "s = (await later({}, {}) async for x in s)",
                    self.expr(expr),
                    delay_ms(delay)
                )
            }
            Stage::Take(n) => self.call(TAKE, format!("s = take(s, {n})")),
            Stage::Skip(n) => self.call(SKIP, format!("s = skip(s, {n})")),
            Stage::TakeWhile(t) => self.call(
                TAKE_WHILE,
                format!("s = take_while(s, lambda x: {})", pred(t)),
            ),
            Stage::TakeUntil(i) => {
                let other = self.source(p, *i);
                self.uses_end = true;
                self.call(TAKE_UNTIL, format!("s = take_until(s, {other})"))
            }
            Stage::Chain(i) => {
                let other = self.source(p, *i);
                self.call(CHAIN, format!("s = chain(s, {other})"))
            }
            Stage::Zip(i) => {
                let other = self.source(p, *i);
                self.uses_end = true;
                self.call(ZIP, format!("s = zip_streams(s, {other})"))
            }
            Stage::Select(i) => {
                let other = self.source(p, *i);
                self.uses_end = true;
                self.call(MERGE, format!("s = merge(s, {other})"))
            }
            Stage::SelectAll => {
                let mut all = vec!["s".to_string()];
                all.extend((1..p.sources.len()).map(|i| self.source(p, i as SourceId)));
                self.uses_end = true;
                self.call(MERGE, format!("s = merge({})", all.join(", ")))
            }
            Stage::Flatten(inner) | Stage::FlatMap(inner) => {
                self.need(REPEAT);
                let adapter = if matches!(stage, Stage::Flatten(_)) {
                    "map + flatten"
                } else {
                    "flat_map"
                };
                format!(
                    "s = (y async for x in s async for y in repeat(x, {}, {}))  # {adapter}",
                    inner.count, inner.delay_ms
                )
            }
            Stage::Scan { init, f } => self.call(
                SCAN,
                format!("s = scan(s, {init}, lambda acc, x: {})", expr2(f)),
            ),
            Stage::Fold { init, f } => self.call(
                FOLD,
                format!("s = fold(s, {init}, lambda acc, x: {})", expr2(f)),
            ),
            Stage::Chunks(n) => self.call(CHUNKS, format!("s = chunks(s, {n})")),
            Stage::Buffered { k, delay } => {
                self.need(LATER);
                self.uses_end = true;
                self.call(
                    BUFFERED,
                    format!(
                        "s = buffered(s, {k}, lambda x: later(x, {}))",
                        delay_ms(delay)
                    ),
                )
            }
            Stage::BufferUnordered { k, delay } => {
                self.need(LATER);
                self.uses_end = true;
                self.call(
                    BUFFER_UNORDERED,
                    format!(
                        "s = buffer_unordered(s, {k}, lambda x: later(x, {}))",
                        delay_ms(delay)
                    ),
                )
            }
            Stage::Fuse => {
                "# .fuse(): nothing to write, an ended async generator stays ended".into()
            }
            Stage::Peekable => "# .peekable(): nothing to write until something peeks".into(),
            Stage::Timeout(_) | Stage::ReadyChunks(_) => unreachable!("refused by `supported`"),
        };
        vec![line]
    }

    fn call(&mut self, helper: &'static str, line: String) -> String {
        self.need(helper);
        line
    }

    /// A closure of `x` as a Python expression.
    fn expr(&mut self, e: &Expr) -> String {
        match e {
            Expr::Id => "x".into(),
            Expr::Add(k) if *k < 0 => format!("x - {}", k.unsigned_abs()),
            Expr::Add(k) => format!("x + {k}"),
            Expr::Mul(k) => format!("x * {}", paren(*k)),
            Expr::Rem(k) => {
                self.need(REM);
                format!("rem(x, {k})")
            }
            Expr::Square => "x * x".into(),
        }
    }

    /// The loop, with its body's sleep and `break`.
    fn consumer(&mut self, c: &Consumer) -> Vec<String> {
        let mut lines = Vec::new();
        if c.break_after.is_some() {
            lines.push("n = 0".to_string());
        }
        lines.push("async for x in s:".into());
        lines.push("    print(x)  # body(x)".into());
        if c.body_ms > 0 {
            lines.push(format!("    await asyncio.sleep({})", seconds(c.body_ms)));
        }
        if let Some(n) = c.break_after {
            lines.push("    n += 1".into());
            lines.push(format!("    if n == {n}:"));
            lines.push("        break".into());
        }
        lines
    }
}

fn paren(k: i64) -> String {
    if k < 0 {
        format!("({k})")
    } else {
        k.to_string()
    }
}

fn pred(t: &Pred) -> String {
    match t {
        Pred::Even => "x % 2 == 0".into(),
        Pred::Odd => "x % 2 != 0".into(),
        Pred::Lt(k) => format!("x < {k}"),
        Pred::Gt(k) => format!("x > {k}"),
        Pred::Ne(k) => format!("x != {k}"),
    }
}

fn expr2(f: &Expr2) -> &'static str {
    match f {
        Expr2::Sum => "acc + x",
        Expr2::Product => "acc * x",
        Expr2::Max => "max(acc, x)",
    }
}

/// A delay in ms as a Python expression of `x`.
fn delay_ms(d: &Delay) -> String {
    match d {
        Delay::Fixed(ms) => ms.to_string(),
        Delay::PerItem(f) => format!("max(x, 0) * {f}"),
    }
}

/// `ms` as seconds, the way a person writes them (`0.25`, `2`).
fn seconds(ms: u32) -> String {
    let s = format!("{}.{:03}", ms / 1000, ms % 1000);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

const UNTIL: &str = r#"
async def until(start, ms):
    """Sleeps until `ms` after `start` (on the event loop's clock)."""
    loop = asyncio.get_running_loop()
    await asyncio.sleep(max(0, start + ms / 1000 - loop.time()))"#;

const MARBLES: &str = r#"
async def marbles(start, items, end_ms=None):
    """Yields each (ms, value) at its time, then ends at `end_ms` (or never)."""
    for at_ms, x in items:
        await until(start, at_ms)
        yield x
    if end_ms is None:
        await asyncio.Future()  # never ends
    await until(start, end_ms)"#;

const COUNTER: &str = r#"
async def counter(start, period_ms, count):
    """0, 1, 2, ...: one item every `period_ms`, on the clock."""
    for i in range(count):
        await until(start, (i + 1) * period_ms)
        yield i"#;

const UNFOLD: &str = r#"
async def unfold(delay_ms, count):
    """0, 1, 2, ...: each made `delay_ms` after it is asked for."""
    for i in range(count):
        await asyncio.sleep(delay_ms / 1000)
        yield i"#;

const REM: &str = r#"
def rem(x, k):
    """Rust's `x % k`: the sign of `x` (Python's `%` takes the sign of `k`)."""
    r = abs(x) % abs(k)
    return r if x >= 0 else -r"#;

const LATER: &str = r#"
async def later(value, ms):
    """A job: waits `ms`, then returns `value`."""
    await asyncio.sleep(ms / 1000)
    return value"#;

const TAKE: &str = r#"
async def take(s, n):
    """The first `n` items."""
    if n == 0:
        return
    async for x in s:
        yield x
        n -= 1
        if n == 0:
            return"#;

const SKIP: &str = r#"
async def skip(s, n):
    """All but the first `n` items."""
    async for x in s:
        if n > 0:
            n -= 1
        else:
            yield x"#;

const TAKE_WHILE: &str = r#"
async def take_while(s, test):
    """Items up to the first that fails `test`."""
    async for x in s:
        if not test(x):
            return
        yield x"#;

const TAKE_UNTIL: &str = r#"
async def take_until(s, stop):
    """Items of `s` until `stop` yields its first item."""
    stopped = asyncio.create_task(anext(stop, END))
    try:
        while True:
            item = asyncio.create_task(anext(s, END))
            await asyncio.wait({item, stopped}, return_when=asyncio.FIRST_COMPLETED)
            if stopped.done() and stopped.result() is not END:
                item.cancel()
                return
            x = await item
            if x is END:
                return
            yield x
    finally:
        stopped.cancel()"#;

const CHAIN: &str = r#"
async def chain(s, t):
    """The items of `s`, then those of `t`."""
    async for x in s:
        yield x
    async for x in t:
        yield x"#;

const ZIP: &str = r#"
async def zip_streams(s, t):
    """Pairs of one item of each; ends when either ends."""
    while (x := await anext(s, END)) is not END:
        if (y := await anext(t, END)) is END:
            return
        yield (x, y)"#;

const MERGE: &str = r#"
async def merge(*streams):
    """The items of all the streams as they come (a task per stream feeds
    a queue); ends when every stream has ended."""
    queue = asyncio.Queue()

    async def feed(s):
        async for x in s:
            queue.put_nowait(x)
        queue.put_nowait(END)

    tasks = [asyncio.create_task(feed(s)) for s in streams]
    try:
        running = len(tasks)
        while running:
            x = await queue.get()
            if x is END:
                running -= 1
            else:
                yield x
    finally:
        for task in tasks:
            task.cancel()"#;

const REPEAT: &str = r#"
async def repeat(x, count, delay_ms):
    """`x`, `count` times, each after `delay_ms`: the stream one item becomes."""
    for _ in range(count):
        await asyncio.sleep(delay_ms / 1000)
        yield x"#;

const SCAN: &str = r#"
async def scan(s, acc, f):
    """The running value after each item."""
    async for x in s:
        acc = f(acc, x)
        yield acc"#;

const FOLD: &str = r#"
async def fold(s, acc, f):
    """One item, the final value, when `s` ends."""
    async for x in s:
        acc = f(acc, x)
    yield acc"#;

const CHUNKS: &str = r#"
async def chunks(s, n):
    """Lists of `n` items (the last may be shorter)."""
    chunk = []
    async for x in s:
        chunk.append(x)
        if len(chunk) == n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk"#;

const BUFFERED: &str = r#"
async def buffered(s, k, job):
    """Up to `k` jobs at once, each a task; results in input order.
    (The tasks run on their own; in Rust the jobs move only while the
    stream is polled.)"""
    jobs = asyncio.Queue()
    slots = asyncio.Semaphore(k)

    async def feed():
        async for x in s:
            await slots.acquire()
            jobs.put_nowait(asyncio.create_task(job(x)))
        jobs.put_nowait(END)

    feeder = asyncio.create_task(feed())
    try:
        while (task := await jobs.get()) is not END:
            x = await task
            slots.release()
            yield x
    finally:
        feeder.cancel()"#;

const BUFFER_UNORDERED: &str = r#"
async def buffer_unordered(s, k, job):
    """Up to `k` jobs at once, each a task; results as they finish.
    (The tasks run on their own, also while the loop body waits; in Rust
    the jobs move only while the stream is polled.)"""
    results = asyncio.Queue()
    slots = asyncio.Semaphore(k)

    async def run(x):
        results.put_nowait(await job(x))
        slots.release()

    async def feed():
        jobs = []
        async for x in s:
            await slots.acquire()
            jobs.append(asyncio.create_task(run(x)))
        await asyncio.gather(*jobs)
        results.put_nowait(END)

    feeder = asyncio.create_task(feed())
    try:
        while (x := await results.get()) is not END:
            yield x
    finally:
        feeder.cancel()"#;

#[cfg(test)]
mod tests;
