//! What a reader builds in the Lab: sources, a chain of stages, a consumer.
//!
//! Plain data, no behaviour beyond small accessors: every other form of a
//! pipeline (marble text, the address, the run, the Rust and Python code)
//! is made from this in its own module, so they cannot drift apart.
//!
//! Items are integers (`i64`). Some stages change the item type: `zip`
//! makes pairs, `chunks` / `ready_chunks` make lists, `fold` makes one
//! value. Which stage may follow which is decided by the type check, not
//! here.

/// A whole pipeline: what the Lab shows, runs and puts in the address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pipeline {
    /// The sources, one track (and one lane) each, named `a`, `b`, `c` in
    /// order. The chain of stages starts from `sources[0]`; the others are
    /// used by stages that take a second stream (`zip`, `select`, `chain`,
    /// `take_until`, `select_all`). One to [`MAX_SOURCES`] of them.
    pub sources: Vec<Source>,
    /// The adapters applied in order to the first source, each a call on
    /// the stream the one before made. At most [`MAX_STAGES`].
    pub stages: Vec<Stage>,
    /// The loop that drives the pipeline.
    pub consumer: Consumer,
}

/// The most sources a pipeline has.
pub const MAX_SOURCES: usize = 3;
/// The most stages a pipeline has.
pub const MAX_STAGES: usize = 8;

/// The longest time anywhere in a pipeline (a marble, a period, a delay,
/// a timeout, a loop body), ms.
pub const MAX_MS: u32 = 60_000;
/// The most items a source makes, and the largest `take`, `skip` or
/// `break` (the benchmark runs 10 000).
pub const MAX_ITEMS: u32 = 10_000;
/// The largest constant or marble value, either sign.
pub const MAX_VALUE: i64 = 1_000_000;
/// The most jobs in flight, items per inner stream, or items per chunk.
pub const MAX_SMALL: u32 = 100;
/// The largest per-item delay factor (`x` ms times this).
pub const MAX_FACTOR: u32 = 1_000;

/// Which source, by its index in [`Pipeline::sources`] (0 is `a`).
pub type SourceId = u8;

/// The name of source `id` in code, lanes and marble text: `a`, `b`, `c`.
pub fn source_name(id: SourceId) -> char {
    char::from(b'a' + id)
}

/// A source of items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Values that arrive at fixed times (ms from the start of the run),
    /// then the end, an error, or nothing (the stream never ends).
    /// Marble text: `-1--2-3|`.
    Marbles {
        /// The items in time order (two may share a time).
        items: Vec<Marble>,
        /// What comes after the last item.
        end: End,
    },
    /// `0, 1, 2, …`: one item every `period_ms`, `count` items, then the end.
    Counter {
        /// The time between items (and before the first), ms.
        period_ms: u32,
        /// How many items.
        count: u32,
    },
    /// `stream::unfold`: `0, 1, 2, …`, each made after waiting `delay_ms`
    /// from when it is asked for (so a slow consumer slows it down),
    /// `count` items, then the end.
    Unfold {
        /// How long making one item takes, ms.
        delay_ms: u32,
        /// How many items.
        count: u32,
    },
}

/// One item on a marble track.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marble {
    /// When it arrives, ms from the start of the run.
    pub at_ms: u32,
    /// Its value.
    pub value: i64,
}

/// How a marble track ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// It never ends (no mark).
    Never,
    /// The stream ends at this time: `|`.
    Complete {
        /// When, ms from the start.
        at_ms: u32,
    },
    /// The stream yields an error at this time, then ends: `✕`.
    Error {
        /// When, ms from the start.
        at_ms: u32,
    },
}

/// An adapter from the menu, applied to the stream before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stage {
    /// `.map(f)`.
    Map(Expr),
    /// `.filter(p)`.
    Filter(Pred),
    /// `.then(|x| async move { sleep(d).await; f(x) })`.
    Then {
        /// What the future returns.
        expr: Expr,
        /// How long it waits first.
        delay: Delay,
    },
    /// `.take(n)`.
    Take(u32),
    /// `.skip(n)`.
    Skip(u32),
    /// `.take_while(p)` (the predicate as a ready future).
    TakeWhile(Pred),
    /// `.take_until(fut)`: stops when the other source yields its first item.
    TakeUntil(SourceId),
    /// `.chain(other)`.
    Chain(SourceId),
    /// `.zip(other)`: pairs `(x, y)`.
    Zip(SourceId),
    /// `stream::select(this, other)`: a fair merge.
    Select(SourceId),
    /// `stream::select_all([this, every other source])`.
    SelectAll,
    /// `.map(|x| inner(x)).flatten()`: each item becomes a stream, drained
    /// one after another.
    Flatten(Inner),
    /// `.flat_map(|x| inner(x))` (the same, in one adapter).
    FlatMap(Inner),
    /// `.scan(init, |acc, x| …)`: yields the running value.
    Scan {
        /// The starting value.
        init: i64,
        /// How the running value and an item make the next value.
        f: Expr2,
    },
    /// `.fold(init, |acc, x| …)`: one value when the stream ends.
    Fold {
        /// The starting value.
        init: i64,
        /// How the running value and an item make the next value.
        f: Expr2,
    },
    /// `.chunks(n)`: lists of `n` (the last may be shorter).
    Chunks(u32),
    /// `.ready_chunks(n)`: lists of what is ready now, at most `n`.
    ReadyChunks(u32),
    /// `.map(|x| job(x)).buffered(k)`: up to `k` jobs at once, results in
    /// input order.
    Buffered {
        /// Jobs in flight.
        k: u32,
        /// How long a job takes.
        delay: Delay,
    },
    /// `.map(|x| job(x)).buffer_unordered(k)`: up to `k` jobs at once,
    /// results as they finish.
    BufferUnordered {
        /// Jobs in flight.
        k: u32,
        /// How long a job takes.
        delay: Delay,
    },
    /// `.fuse()`.
    Fuse,
    /// `.peekable()`.
    Peekable,
    /// A deadline per item: an item that takes longer than `ms` to arrive
    /// becomes an error and the stream ends.
    Timeout(u32),
}

/// A one-argument closure from the menu (`x` is the item).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expr {
    /// `x`
    Id,
    /// `x + k`
    Add(i64),
    /// `x * k`
    Mul(i64),
    /// `x % k` (`k` is never 0)
    Rem(i64),
    /// `x * x`
    Square,
}

/// A test on an item, from the menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pred {
    /// `x % 2 == 0`
    Even,
    /// `x % 2 != 0`
    Odd,
    /// `x < k`
    Lt(i64),
    /// `x > k`
    Gt(i64),
    /// `x != k`
    Ne(i64),
}

/// A two-argument closure (`acc`, `x`) from the menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expr2 {
    /// `acc + x`
    Sum,
    /// `acc * x`
    Product,
    /// `acc.max(x)`
    Max,
}

/// How long an async step waits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delay {
    /// The same for every item, ms.
    Fixed(u32),
    /// `x` ms times this factor (items below 0 wait 0 ms).
    PerItem(u32),
}

/// The stream one item becomes, for `flatten` and `flat_map`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Inner {
    /// How many items (`x, x, …`, `count` times).
    pub count: u32,
    /// The wait before each, ms.
    pub delay_ms: u32,
}

/// The loop that drives the pipeline:
/// `while let Some(x) = s.next().await { body(x); sleep(body_ms).await; … }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Consumer {
    /// How long the loop body takes per item, ms (0: no sleep in the body).
    pub body_ms: u32,
    /// Leave the loop with `break` after this many items (1 is right after
    /// the first). `None`: run to the end.
    pub break_after: Option<u32>,
}

impl Pipeline {
    /// The 10,000-item benchmark: a counter with a 1 ms period →
    /// `map` → `filter` → the loop (`lab/benches/run.rs` records it,
    /// `app/benches/model.rs` records and lays it out).
    pub fn benchmark() -> Pipeline {
        Pipeline {
            sources: vec![Source::Counter {
                period_ms: 1,
                count: 10_000,
            }],
            stages: vec![Stage::Map(Expr::Mul(3)), Stage::Filter(Pred::Even)],
            consumer: Consumer::default(),
        }
    }
}
