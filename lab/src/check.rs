//! The type check: which pipelines the Lab runs, and what every stage's
//! items are.
//!
//! Items are `i64` ([`Shape::Int`]); `zip` makes pairs, `chunks` and
//! `ready_chunks` make lists, and `fold` makes one value, after which
//! nothing but the consumer may follow.
//!
//! **Errors.** A marble source that ends with `✕` (and the `timeout` stage)
//! makes the items `Result<i64, &str>`. On such a *fallible* stream a stage
//! becomes its `TryStreamExt` form where one exists — `map` → `map_ok`,
//! `filter` → `try_filter`, `then` → `and_then`, `take_while` →
//! `try_take_while`, `fold` → `try_fold` — or stays as it is when it does
//! not look at the items (`take`, `skip`, `take_until`, `fuse`,
//! `peekable`, and `chain` / `select` / `select_all` with other fallible
//! sources). The consumer records an `Err` with `trace::error` and leaves
//! the loop, as lesson 6's `?` does. Stages with no honest `Result` form in
//! the menu (`zip`, `scan`, `chunks`, `flatten`, `buffered`, a second
//! `timeout` …) are refused with a reason.
//!
//! Also refused: what would panic or hang in the real adapter (`chunks(0)`
//! panics: `assert!(capacity > 0)` in futures-util 0.3.34; `buffered(0)`
//! never takes a job and never ends), `x % 0`, unknown, unused or reused
//! sources, and absurd sizes (see the `MAX_*` constants).
//!
//! Not here: running (see [`crate::run`]) or printing code.

use crate::model::{
    source_name, Delay, End, Expr, Pipeline, Pred, Source, SourceId, Stage, MAX_SOURCES, MAX_STAGES,
};

/// The longest time anywhere in a pipeline (a marble, a period, a delay), ms.
pub const MAX_MS: u32 = 60_000;
/// The most items a source, `take` or `skip` counts (the benchmark's 10 000).
pub const MAX_ITEMS: u32 = 10_000;
/// The largest constant or marble value, either sign.
pub const MAX_VALUE: i64 = 1_000_000;
/// The most jobs in flight, items per inner stream, or items per chunk.
pub const MAX_SMALL: u32 = 100;
/// The largest per-item delay factor (`x` ms times this).
pub const MAX_FACTOR: u32 = 1_000;

/// What one item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `i64`.
    Int,
    /// `(i64, i64)`, from `zip`.
    Pair,
    /// `Vec<i64>`, from `chunks` / `ready_chunks`.
    List,
}

/// The type of the items at one point of the pipeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    /// What an `Ok` item (or a plain item) is.
    pub shape: Shape,
    /// `Result<shape, &str>` rather than the shape itself.
    pub fallible: bool,
}

impl Item {
    /// Plain `i64` items.
    pub const INT: Item = Item {
        shape: Shape::Int,
        fallible: false,
    };

    /// The Rust type, as the code shows it: `i64`, `Result<(i64, i64), &str>`.
    pub fn rust(self) -> String {
        let shape = match self.shape {
            Shape::Int => "i64",
            Shape::Pair => "(i64, i64)",
            Shape::List => "Vec<i64>",
        };
        if self.fallible {
            format!("Result<{shape}, &str>")
        } else {
            shape.to_string()
        }
    }
}

/// What flows out of a stage: a stream of items, or (after `fold`) one value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// A stream of these items.
    Stream(Item),
    /// One value, the output of a future (`fold`).
    Single(Item),
}

impl Flow {
    /// The item type, stream or not.
    pub fn item(self) -> Item {
        match self {
            Flow::Stream(i) | Flow::Single(i) => i,
        }
    }
}

/// The types of an accepted pipeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Types {
    /// Each source's items, by [`SourceId`].
    pub sources: Vec<Item>,
    /// What flows out of each stage, by its index.
    pub stages: Vec<Flow>,
    /// What the consumer receives (the last stage's output, or source `a`'s).
    pub consumer: Flow,
}

/// Where a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The pipeline as a whole.
    Pipeline,
    /// A source, by id.
    Source(SourceId),
    /// A stage, by index (0 is the first).
    Stage(usize),
    /// The consumer loop.
    Consumer,
}

/// Why a pipeline is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// There is no source.
    NoSources,
    /// More than [`MAX_SOURCES`] sources.
    TooManySources,
    /// More than [`MAX_STAGES`] stages.
    TooManyStages,
    /// A stage names a source that does not exist.
    NoSuchSource(SourceId),
    /// A stage takes `a`, the stream it is applied to, as its other stream.
    OwnSource,
    /// Two stages take the same other source (a stream can be moved once).
    SourceUsedTwice(SourceId),
    /// A source no stage uses.
    SourceUnused(SourceId),
    /// `x % 0`.
    RemByZero,
    /// A size of 0 where the adapter panics (`chunks(0)`, `ready_chunks(0)`).
    ZeroSize,
    /// `buffered(0)` / `buffer_unordered(0)`: never starts a job, never ends.
    ZeroBuffer,
    /// A time over [`MAX_MS`].
    TooLong,
    /// A count over [`MAX_ITEMS`] (or [`MAX_SMALL`] for jobs, chunk sizes
    /// and inner streams; [`MAX_FACTOR`] for a per-item delay).
    TooMany,
    /// A value or constant beyond ±[`MAX_VALUE`].
    TooLarge,
    /// Marbles out of time order, or an end before the last marble.
    OutOfOrder,
    /// A stage after `fold` (it makes one value, not a stream).
    AfterFold,
    /// The stage works on `i64` items and gets these.
    NeedsInts(Shape),
    /// The stage has no form for items that may be errors.
    NoTryForm,
    /// This and the other stream disagree: one may fail, the other not.
    MixedErrors(SourceId),
}

/// A refused pipeline: where and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LabError {
    /// Where.
    pub place: Place,
    /// Why.
    pub reason: Reason,
}

impl LabError {
    /// The reader's message, in Chinese when `lang_is_zh`.
    pub fn message(&self, lang_is_zh: bool) -> String {
        let place = self.place_text(lang_is_zh);
        let why = self.reason_text(lang_is_zh);
        if lang_is_zh {
            format!("{place}：{why}")
        } else {
            format!("{place}: {why}")
        }
    }

    fn place_text(&self, zh: bool) -> String {
        match (self.place, zh) {
            (Place::Pipeline, false) => "The pipeline".into(),
            (Place::Pipeline, true) => "流水线".into(),
            (Place::Source(id), false) => format!("Source {}", source_name(id)),
            (Place::Source(id), true) => format!("源 {}", source_name(id)),
            (Place::Stage(i), false) => format!("Stage {}", i + 1),
            (Place::Stage(i), true) => format!("第 {} 个适配器", i + 1),
            (Place::Consumer, false) => "The loop".into(),
            (Place::Consumer, true) => "消费循环".into(),
        }
    }

    fn reason_text(&self, zh: bool) -> String {
        let name = |id: SourceId| source_name(id);
        let shape = |s: Shape| match s {
            Shape::Int => "i64",
            Shape::Pair => "(i64, i64)",
            Shape::List => "Vec<i64>",
        };
        match (self.reason, zh) {
            (Reason::NoSources, false) => "add a source to start from.".into(),
            (Reason::NoSources, true) => "先添加一个源。".into(),
            (Reason::TooManySources, false) => format!("at most {MAX_SOURCES} sources."),
            (Reason::TooManySources, true) => format!("最多 {MAX_SOURCES} 个源。"),
            (Reason::TooManyStages, false) => format!("at most {MAX_STAGES} stages."),
            (Reason::TooManyStages, true) => format!("最多 {MAX_STAGES} 个适配器。"),
            (Reason::NoSuchSource(id), false) => format!("there is no source {}.", name(id)),
            (Reason::NoSuchSource(id), true) => format!("没有源 {}。", name(id)),
            (Reason::OwnSource, false) => {
                "a is the stream this stage is applied to; pick another source.".into()
            }
            (Reason::OwnSource, true) => "a 就是这个适配器所作用的流，请换一个源。".into(),
            (Reason::SourceUsedTwice(id), false) => format!(
                "source {} is already used by an earlier stage (a stream can be moved only once).",
                name(id)
            ),
            (Reason::SourceUsedTwice(id), true) => {
                format!(
                    "源 {} 已被前面的适配器使用（一个流只能被移动一次）。",
                    name(id)
                )
            }
            (Reason::SourceUnused(id), false) => format!(
                "no stage uses source {}; connect it (zip, select, chain …) or remove it.",
                name(id)
            ),
            (Reason::SourceUnused(id), true) => format!(
                "没有适配器用到源 {}；请用 zip、select、chain 等接上它，或删掉它。",
                name(id)
            ),
            (Reason::RemByZero, false) => "x % 0 panics; pick a divisor other than 0.".into(),
            (Reason::RemByZero, true) => "x % 0 会 panic，请换一个非 0 的除数。".into(),
            (Reason::ZeroSize, false) => {
                "a size of 0 panics in futures (assert!(capacity > 0)); use 1 or more.".into()
            }
            (Reason::ZeroSize, true) => {
                "大小为 0 时 futures 会 panic（assert!(capacity > 0)），请至少用 1。".into()
            }
            (Reason::ZeroBuffer, false) => {
                "with 0 jobs in flight no job ever starts and the stream never ends; use 1 or more."
                    .into()
            }
            (Reason::ZeroBuffer, true) => {
                "同时进行的作业数为 0 时，作业永远不会开始，流也永远不会结束；请至少用 1。".into()
            }
            (Reason::TooLong, false) => format!("times are at most {MAX_MS} ms."),
            (Reason::TooLong, true) => format!("时间最多 {MAX_MS} 毫秒。"),
            (Reason::TooMany, false) => format!(
                "too many: at most {MAX_ITEMS} items, {MAX_SMALL} jobs, chunk items or inner \
                 items, and a per-item factor of {MAX_FACTOR}."
            ),
            (Reason::TooMany, true) => format!(
                "数量太大：项数最多 {MAX_ITEMS}，作业数、块大小和内部流项数最多 {MAX_SMALL}，\
                 按项计时的倍数最多 {MAX_FACTOR}。"
            ),
            (Reason::TooLarge, false) => {
                format!("values are between -{MAX_VALUE} and {MAX_VALUE}.")
            }
            (Reason::TooLarge, true) => format!("数值须在 -{MAX_VALUE} 到 {MAX_VALUE} 之间。"),
            (Reason::OutOfOrder, false) => {
                "marbles go in time order, and the end comes after the last one.".into()
            }
            (Reason::OutOfOrder, true) => "弹珠须按时间排列，结束标记须在最后一颗之后。".into(),
            (Reason::AfterFold, false) => {
                "fold makes one value, not a stream; only the loop may follow it.".into()
            }
            (Reason::AfterFold, true) => "fold 只产出一个值而不是流，它后面只能接消费循环。".into(),
            (Reason::NeedsInts(s), false) => {
                format!(
                    "this stage works on i64 items, but here the items are {}.",
                    shape(s)
                )
            }
            (Reason::NeedsInts(s), true) => {
                format!("这个适配器处理 i64 项，而这里的项是 {}。", shape(s))
            }
            (Reason::NoTryForm, false) => {
                "the items here may be errors (Result), and this stage \
                 has no Result form in the Lab; put it before the error can arise, or remove the ✕."
                    .into()
            }
            (Reason::NoTryForm, true) => "这里的项可能是错误（Result），而这个适配器在实验室里\
                 没有对应的 Result 版本；把它放到可能出错之前，或去掉 ✕。"
                .into(),
            (Reason::MixedErrors(id), false) => format!(
                "one of this stream and source {} may fail and the other not, but their items \
                 must be the same type (a ✕ or a timeout makes items Results).",
                name(id)
            ),
            (Reason::MixedErrors(id), true) => format!(
                "这个流和源 {} 中只有一个可能出错，但两者的项类型必须相同（✕ 或 timeout 会让项变成 Result）。",
                name(id)
            ),
        }
    }
}

impl std::fmt::Display for LabError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(false))
    }
}

impl std::error::Error for LabError {}

/// Checks `p` and gives the type after every stage, or the first problem.
pub fn check(p: &Pipeline) -> Result<Types, LabError> {
    let whole = |reason| LabError {
        place: Place::Pipeline,
        reason,
    };
    if p.sources.is_empty() {
        return Err(whole(Reason::NoSources));
    }
    if p.sources.len() > MAX_SOURCES {
        return Err(whole(Reason::TooManySources));
    }
    if p.stages.len() > MAX_STAGES {
        return Err(whole(Reason::TooManyStages));
    }
    let mut sources = Vec::new();
    for (id, s) in p.sources.iter().enumerate() {
        let id = id as SourceId;
        let fallible = check_source(s).map_err(|reason| LabError {
            place: Place::Source(id),
            reason,
        })?;
        sources.push(Item {
            shape: Shape::Int,
            fallible,
        });
    }
    let mut used = vec![false; p.sources.len()];
    used[0] = true;
    let mut flow = Flow::Stream(sources[0]);
    let mut stages = Vec::new();
    for (i, stage) in p.stages.iter().enumerate() {
        let at = |reason| LabError {
            place: Place::Stage(i),
            reason,
        };
        let Flow::Stream(item) = flow else {
            return Err(at(Reason::AfterFold));
        };
        for other in others(stage, p.sources.len()) {
            let other = take_source(other, &mut used).map_err(at)?;
            if sources[other as usize].fallible != item.fallible {
                return Err(at(Reason::MixedErrors(other)));
            }
        }
        flow = stage_flow(stage, item).map_err(at)?;
        stages.push(flow);
    }
    if let Some(id) = used.iter().position(|u| !u) {
        return Err(LabError {
            place: Place::Source(id as SourceId),
            reason: Reason::SourceUnused(id as SourceId),
        });
    }
    if p.consumer.body_ms > MAX_MS {
        return Err(LabError {
            place: Place::Consumer,
            reason: Reason::TooLong,
        });
    }
    if p.consumer.break_after.is_some_and(|n| n > MAX_ITEMS) {
        return Err(LabError {
            place: Place::Consumer,
            reason: Reason::TooMany,
        });
    }
    Ok(Types {
        sources,
        stages,
        consumer: flow,
    })
}

/// The other sources a stage takes (`select_all` takes every other one).
pub fn others(stage: &Stage, n_sources: usize) -> Vec<SourceId> {
    match *stage {
        Stage::TakeUntil(id) | Stage::Chain(id) | Stage::Zip(id) | Stage::Select(id) => vec![id],
        Stage::SelectAll => (1..n_sources as SourceId).collect(),
        _ => Vec::new(),
    }
}

/// Marks `id` as used, refusing `a`, an unknown or an already used source.
fn take_source(id: SourceId, used: &mut [bool]) -> Result<SourceId, Reason> {
    if id == 0 {
        return Err(Reason::OwnSource);
    }
    let Some(u) = used.get_mut(id as usize) else {
        return Err(Reason::NoSuchSource(id));
    };
    if *u {
        return Err(Reason::SourceUsedTwice(id));
    }
    *u = true;
    Ok(id)
}

/// Checks a source; `true` if its items are `Result`s (it ends with `✕`).
fn check_source(s: &Source) -> Result<bool, Reason> {
    match s {
        Source::Marbles { items, end } => {
            if items.len() > MAX_ITEMS as usize {
                return Err(Reason::TooMany);
            }
            let mut last = 0;
            for m in items {
                ms(m.at_ms)?;
                value(m.value)?;
                if m.at_ms < last {
                    return Err(Reason::OutOfOrder);
                }
                last = m.at_ms;
            }
            match *end {
                End::Never => Ok(false),
                End::Complete { at_ms } | End::Error { at_ms } => {
                    ms(at_ms)?;
                    if at_ms < last {
                        return Err(Reason::OutOfOrder);
                    }
                    Ok(matches!(end, End::Error { .. }))
                }
            }
        }
        Source::Counter { period_ms, count }
        | Source::Unfold {
            delay_ms: period_ms,
            count,
        } => {
            ms(*period_ms)?;
            items(*count)?;
            Ok(false)
        }
    }
}

/// The output of `stage` applied to a stream of `item`s.
fn stage_flow(stage: &Stage, item: Item) -> Result<Flow, Reason> {
    let same = Ok(Flow::Stream(item));
    let ints = || {
        if item.shape == Shape::Int {
            Ok(())
        } else {
            Err(Reason::NeedsInts(item.shape))
        }
    };
    let plain = || {
        if item.fallible {
            Err(Reason::NoTryForm)
        } else {
            Ok(())
        }
    };
    match stage {
        Stage::Map(e) => {
            ints()?;
            expr(*e)?;
            same
        }
        Stage::Filter(p) | Stage::TakeWhile(p) => {
            ints()?;
            pred(*p)?;
            same
        }
        Stage::Then { expr: e, delay: d } => {
            ints()?;
            expr(*e)?;
            delay(*d)?;
            same
        }
        Stage::Take(n) | Stage::Skip(n) => {
            items(*n)?;
            same
        }
        Stage::TakeUntil(_) | Stage::Chain(_) | Stage::Select(_) | Stage::SelectAll => {
            // The others are i64 sources of the same fallibility (checked
            // by the caller), so this stream must be i64 too.
            ints()?;
            same
        }
        Stage::Fuse | Stage::Peekable => same,
        Stage::Zip(_) => {
            ints()?;
            plain()?;
            Ok(Flow::Stream(Item {
                shape: Shape::Pair,
                fallible: false,
            }))
        }
        Stage::Flatten(inner) | Stage::FlatMap(inner) => {
            ints()?;
            plain()?;
            small(inner.count)?;
            ms(inner.delay_ms)?;
            same
        }
        Stage::Scan { init, .. } => {
            ints()?;
            plain()?;
            value(*init)?;
            same
        }
        Stage::Fold { init, .. } => {
            ints()?;
            value(*init)?;
            Ok(Flow::Single(item))
        }
        Stage::Chunks(n) | Stage::ReadyChunks(n) => {
            ints()?;
            plain()?;
            if *n == 0 {
                return Err(Reason::ZeroSize);
            }
            small(*n)?;
            Ok(Flow::Stream(Item {
                shape: Shape::List,
                fallible: false,
            }))
        }
        Stage::Buffered { k, delay: d } | Stage::BufferUnordered { k, delay: d } => {
            ints()?;
            plain()?;
            if *k == 0 {
                return Err(Reason::ZeroBuffer);
            }
            small(*k)?;
            delay(*d)?;
            same
        }
        Stage::Timeout(t) => {
            plain()?;
            ms(*t)?;
            Ok(Flow::Stream(Item {
                shape: item.shape,
                fallible: true,
            }))
        }
    }
}

fn ms(t: u32) -> Result<(), Reason> {
    if t > MAX_MS {
        Err(Reason::TooLong)
    } else {
        Ok(())
    }
}

fn items(n: u32) -> Result<(), Reason> {
    if n > MAX_ITEMS {
        Err(Reason::TooMany)
    } else {
        Ok(())
    }
}

fn small(n: u32) -> Result<(), Reason> {
    if n > MAX_SMALL {
        Err(Reason::TooMany)
    } else {
        Ok(())
    }
}

fn value(v: i64) -> Result<(), Reason> {
    if v.unsigned_abs() > MAX_VALUE.unsigned_abs() {
        Err(Reason::TooLarge)
    } else {
        Ok(())
    }
}

fn expr(e: Expr) -> Result<(), Reason> {
    match e {
        Expr::Id | Expr::Square => Ok(()),
        Expr::Rem(0) => Err(Reason::RemByZero),
        Expr::Add(k) | Expr::Mul(k) | Expr::Rem(k) => value(k),
    }
}

fn pred(p: Pred) -> Result<(), Reason> {
    match p {
        Pred::Even | Pred::Odd => Ok(()),
        Pred::Lt(k) | Pred::Gt(k) | Pred::Ne(k) => value(k),
    }
}

fn delay(d: Delay) -> Result<(), Reason> {
    match d {
        Delay::Fixed(t) => ms(t),
        Delay::PerItem(f) if f > MAX_FACTOR => Err(Reason::TooMany),
        Delay::PerItem(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests;
