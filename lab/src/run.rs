//! A pipeline built from the real adapters of `futures` and run on the
//! recorder.
//!
//! Every source and every stage is wrapped in `trace::traced`, one lane
//! each (see [`lanes`]); the consumer is the run's main lane. Items are
//! [`Value`]s in boxed streams (`Result<Value, Fail>` once they may be
//! errors), so one builder serves every pipeline the type check accepts.
//! Nothing is simulated: the polls, wakes, timers and drops on the timeline
//! come from `futures`' own `map`, `zip`, `buffered` … polling the sources.
//! Boxing adds no events, which is why the corpus test can compare this
//! run with the typed code of [`crate::rust`] event by event.
//!
//! Not here: the type check ([`crate::check`]) or the code text.

use std::future::Future;

use futures::future::{self, ready, Either, FutureExt, LocalBoxFuture};
use futures::stream::{self, LocalBoxStream, StreamExt, TryStreamExt};
use trace::{body, error, sleep, sleep_until, traced, traced_future, Clock, Limits, Run, Trace};

use crate::check::{check, others, Item, LabError, Types};
use crate::model::{source_name, Consumer, Delay, End, Expr2, Inner, Pipeline, Source, Stage};
use crate::value::{Fail, Value, SOURCE_ERROR, TIMEOUT_ERROR};

/// The adapter a stage calls on a stream of `item`s: the `TryStreamExt`
/// name on a fallible stream (`map_ok`), else the model's (`map`).
pub fn adapter(stage: &Stage, item: Item) -> &'static str {
    let t = item.fallible;
    match stage {
        Stage::Map(_) if t => "map_ok",
        Stage::Map(_) => "map",
        Stage::Filter(_) if t => "try_filter",
        Stage::Filter(_) => "filter",
        Stage::Then { .. } if t => "and_then",
        Stage::Then { .. } => "then",
        Stage::Take(_) => "take",
        Stage::Skip(_) => "skip",
        Stage::TakeWhile(_) if t => "try_take_while",
        Stage::TakeWhile(_) => "take_while",
        Stage::TakeUntil(_) => "take_until",
        Stage::Chain(_) => "chain",
        Stage::Zip(_) => "zip",
        Stage::Select(_) => "select",
        Stage::SelectAll => "select_all",
        Stage::Flatten(_) => "flatten",
        Stage::FlatMap(_) => "flat_map",
        Stage::Scan { .. } => "scan",
        Stage::Fold { .. } if t => "try_fold",
        Stage::Fold { .. } => "fold",
        Stage::Chunks(_) => "chunks",
        Stage::ReadyChunks(_) => "ready_chunks",
        Stage::Buffered { .. } => "buffered",
        Stage::BufferUnordered { .. } => "buffer_unordered",
        Stage::Fuse => "fuse",
        Stage::Peekable => "peekable",
        Stage::Timeout(_) => "timeout",
    }
}

/// The lanes of a checked pipeline in the order the run creates them:
/// `main` (the consumer), then one per source (`a`, `b`, `c`), then one per
/// stage named after the adapter it calls (`map`, `map_ok`, `buffered` …),
/// with ` 2`, ` 3` … after a name already taken (`map`, `map 2`).
pub fn lanes(p: &Pipeline, types: &Types) -> Vec<String> {
    let mut out = vec!["main".to_string()];
    out.extend((0..p.sources.len()).map(|i| source_name(i as u8).to_string()));
    for (i, stage) in p.stages.iter().enumerate() {
        let before = if i == 0 {
            types.sources[0]
        } else {
            types.stages[i - 1].item()
        };
        let base = adapter(stage, before);
        let mut name = base.to_string();
        let mut n = 1;
        while out.contains(&name) {
            n += 1;
            name = format!("{base} {n}");
        }
        out.push(name);
    }
    out
}

/// A stream of the Lab's items: plain, or `Result`s once they may fail.
enum Dyn {
    Plain(LocalBoxStream<'static, Value>),
    Fallible(LocalBoxStream<'static, Result<Value, Fail>>),
}

/// What the last stage hands the consumer.
enum Out {
    Stream(Dyn),
    /// `fold`'s future.
    Fold(LocalBoxFuture<'static, i64>),
    /// `try_fold`'s future.
    TryFold(LocalBoxFuture<'static, Result<i64, Fail>>),
}

/// Runs `p` on the virtual clock with `trace`'s default [`Limits`] and
/// returns its trace, or why it cannot run.
pub fn run_virtual(p: &Pipeline) -> Result<Trace, LabError> {
    run_virtual_with(p, Limits::default())
}

/// [`run_virtual`] with other limits. The defaults (50 000 events) stop a
/// 10 000-item counter → map → filter pipeline about halfway: it makes
/// 100 006 events (see `benches/run.rs`).
pub fn run_virtual_with(p: &Pipeline, limits: Limits) -> Result<Trace, LabError> {
    check(p)?;
    let run = Run::with_limits(Clock::Virtual, limits);
    run.start(pipeline(p));
    run.run_to_end();
    Ok(run.trace())
}

/// The pipeline as a future to run with `trace` (on either clock). It
/// builds the streams when first polled, inside the run, so that its lanes
/// belong to that run. `p` must have passed [`check`]: a refused pipeline
/// runs as an empty future.
pub fn pipeline(p: &Pipeline) -> impl Future<Output = ()> + 'static {
    let p = p.clone();
    async move {
        let Ok(types) = check(&p) else {
            return;
        };
        let names = lanes(&p, &types);
        let out = build(&p, &names);
        consume(out, p.consumer).await;
    }
}

/// Makes the sources, then each stage on the stream before it.
fn build(p: &Pipeline, names: &[String]) -> Out {
    let mut sources: Vec<Option<Dyn>> = p
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| Some(source(s, names[1 + i].clone())))
        .collect();
    let mut s = sources[0].take().expect("source a exists (checked)");
    let first_stage = 1 + p.sources.len();
    for (i, stage) in p.stages.iter().enumerate() {
        let name = names[first_stage + i].clone();
        let taken = others(stage, p.sources.len())
            .into_iter()
            .map(|id| {
                sources[id as usize]
                    .take()
                    .expect("each other source is used once (checked)")
            })
            .collect();
        match stage_stream(stage, s, taken, name) {
            Either::Left(next) => s = next,
            Either::Right(fold) => return fold,
        }
    }
    Out::Stream(s)
}

/// A source in its lane.
fn source(s: &Source, lane: String) -> Dyn {
    match s {
        Source::Marbles { items, end } => {
            let error_at = match end {
                End::Error { at_ms } => Some(u64::from(*at_ms)),
                _ => None,
            };
            let last = items.last().map_or(0, |m| m.at_ms);
            let tail = match end {
                End::Complete { at_ms } if *at_ms > last => Tail::WaitEnd(u64::from(*at_ms)),
                End::Never => Tail::Pending,
                _ => Tail::None,
            };
            if let Some(at) = error_at {
                let mut v: Vec<(u64, Result<Value, Fail>)> = items
                    .iter()
                    .map(|m| (u64::from(m.at_ms), Ok(Value::Int(m.value))))
                    .collect();
                v.push((at, Err(SOURCE_ERROR)));
                Dyn::Fallible(traced(lane, marbles(v, tail)).boxed_local())
            } else {
                let v = items
                    .iter()
                    .map(|m| (u64::from(m.at_ms), Value::Int(m.value)))
                    .collect();
                Dyn::Plain(traced(lane, marbles(v, tail)).boxed_local())
            }
        }
        Source::Counter { period_ms, count } => {
            let period = u64::from(*period_ms);
            let items = stream::iter(0..i64::from(*count));
            let s = if period == 0 {
                items.map(Value::Int).boxed_local()
            } else {
                items
                    .then(move |i| async move {
                        sleep_until(period * (i as u64 + 1)).await;
                        Value::Int(i)
                    })
                    .boxed_local()
            };
            Dyn::Plain(traced(lane, s).boxed_local())
        }
        Source::Unfold { delay_ms, count } => {
            let (delay, count) = (u64::from(*delay_ms), i64::from(*count));
            let s = stream::unfold(0i64, move |i| async move {
                if i == count {
                    return None;
                }
                if delay > 0 {
                    sleep(delay).await;
                }
                Some((Value::Int(i), i + 1))
            });
            Dyn::Plain(traced(lane, s).boxed_local())
        }
    }
}

/// What a marble track does after its last item.
#[derive(Clone, Copy)]
enum Tail {
    /// Ends right after it (or yields its `✕`, which is an item).
    None,
    /// Ends at this time.
    WaitEnd(u64),
    /// Never ends.
    Pending,
}

/// Items that arrive at their times (when asked for), then `tail`.
fn marbles<T: 'static>(items: Vec<(u64, T)>, tail: Tail) -> LocalBoxStream<'static, T> {
    let s = stream::iter(items).then(|(at, x)| async move {
        sleep_until(at).await;
        x
    });
    match tail {
        Tail::None => s.boxed_local(),
        Tail::WaitEnd(at) => s
            .chain(stream::once(sleep_until(at)).filter_map(|()| ready(None)))
            .boxed_local(),
        Tail::Pending => s.chain(stream::pending()).boxed_local(),
    }
}

/// The stream (or, for `fold`, the future) `stage` makes from `s`, in lane
/// `name`; `others` are the other sources it takes.
fn stage_stream(stage: &Stage, s: Dyn, others: Vec<Dyn>, name: String) -> Either<Dyn, Out> {
    match (stage, s) {
        (Stage::Fold { init, f }, s) => Either::Right(fold(s, *init, *f, name)),
        (_, Dyn::Plain(s)) => Either::Left(plain_stage(stage, s, others, name)),
        (_, Dyn::Fallible(s)) => Either::Left(Dyn::Fallible(try_stage(stage, s, others, name))),
    }
}

/// `fold` or `try_fold` as a traced future.
fn fold(s: Dyn, init: i64, f: Expr2, name: String) -> Out {
    match s {
        Dyn::Plain(s) => Out::Fold(
            traced_future(
                name,
                s.fold(init, move |acc, x| ready(f.apply(acc, x.int()))),
            )
            .boxed_local(),
        ),
        Dyn::Fallible(s) => Out::TryFold(
            traced_future(
                name,
                s.try_fold(init, move |acc, x| ready(Ok(f.apply(acc, x.int())))),
            )
            .boxed_local(),
        ),
    }
}

/// Another source a stage takes, as a plain stream.
fn plain(d: Option<Dyn>) -> LocalBoxStream<'static, Value> {
    match d {
        Some(Dyn::Plain(s)) => s,
        _ => unreachable!("the check gives the stage its source, of matching fallibility"),
    }
}

/// Another source a stage takes, as a fallible stream.
fn fallible(d: Option<Dyn>) -> LocalBoxStream<'static, Result<Value, Fail>> {
    match d {
        Some(Dyn::Fallible(s)) => s,
        _ => unreachable!("the check gives the stage its source, of matching fallibility"),
    }
}

/// A stage on a plain stream.
fn plain_stage(
    stage: &Stage,
    s: LocalBoxStream<'static, Value>,
    mut others: Vec<Dyn>,
    name: String,
) -> Dyn {
    let int = |x: &Value| x.int();
    let out: LocalBoxStream<'static, Value> = match *stage {
        Stage::Map(e) => traced(name, s.map(move |x| Value::Int(e.apply(int(&x))))).boxed_local(),
        Stage::Filter(p) => traced(name, s.filter(move |x| ready(p.test(int(x))))).boxed_local(),
        Stage::Then { expr, delay } => traced(
            name,
            s.then(move |x| async move {
                let x = int(&x);
                if delay != Delay::Fixed(0) {
                    sleep(delay.ms(x)).await;
                }
                Value::Int(expr.apply(x))
            }),
        )
        .boxed_local(),
        Stage::TakeWhile(p) => {
            traced(name, s.take_while(move |x| ready(p.test(int(x))))).boxed_local()
        }
        Stage::Zip(_) => traced(
            name,
            s.zip(plain(others.pop()))
                .map(|(x, y)| Value::Pair(x.int(), y.int())),
        )
        .boxed_local(),
        Stage::Flatten(inner) => {
            traced(name, s.map(move |x| inner_stream(inner, int(&x))).flatten()).boxed_local()
        }
        Stage::FlatMap(inner) => {
            traced(name, s.flat_map(move |x| inner_stream(inner, int(&x)))).boxed_local()
        }
        Stage::Scan { init, f } => traced(
            name,
            s.scan(init, move |acc, x| {
                *acc = f.apply(*acc, int(&x));
                ready(Some(Value::Int(*acc)))
            }),
        )
        .boxed_local(),
        Stage::Chunks(n) => traced(
            name,
            s.chunks(n as usize)
                .map(|v| Value::List(v.iter().map(Value::int).collect())),
        )
        .boxed_local(),
        Stage::ReadyChunks(n) => traced(
            name,
            s.ready_chunks(n as usize)
                .map(|v| Value::List(v.iter().map(Value::int).collect())),
        )
        .boxed_local(),
        Stage::Buffered { k, delay } => {
            traced(name, s.map(move |x| job(x, delay)).buffered(k as usize)).boxed_local()
        }
        Stage::BufferUnordered { k, delay } => traced(
            name,
            s.map(move |x| job(x, delay)).buffer_unordered(k as usize),
        )
        .boxed_local(),
        Stage::Timeout(ms) => return Dyn::Fallible(timeout(s, u64::from(ms), name)),
        _ => {
            let others = others.into_iter().map(|o| plain(Some(o))).collect();
            common(stage, s, others, name)
        }
    };
    Dyn::Plain(out)
}

/// A stage on a fallible stream: the `TryStreamExt` form, or the stage
/// itself for those that do not look at items.
fn try_stage(
    stage: &Stage,
    s: LocalBoxStream<'static, Result<Value, Fail>>,
    others: Vec<Dyn>,
    name: String,
) -> LocalBoxStream<'static, Result<Value, Fail>> {
    let int = |x: &Value| x.int();
    match *stage {
        Stage::Map(e) => {
            traced(name, s.map_ok(move |x| Value::Int(e.apply(int(&x))))).boxed_local()
        }
        Stage::Filter(p) => {
            traced(name, s.try_filter(move |x| ready(p.test(int(x))))).boxed_local()
        }
        Stage::Then { expr, delay } => traced(
            name,
            s.and_then(move |x| async move {
                let x = int(&x);
                if delay != Delay::Fixed(0) {
                    sleep(delay.ms(x)).await;
                }
                Ok(Value::Int(expr.apply(x)))
            }),
        )
        .boxed_local(),
        Stage::TakeWhile(p) => {
            traced(name, s.try_take_while(move |x| ready(Ok(p.test(int(x)))))).boxed_local()
        }
        _ => {
            let others = others.into_iter().map(|o| fallible(Some(o))).collect();
            common(stage, s, others, name)
        }
    }
}

/// The stages that do not look at the items, on either kind of stream;
/// `others` are the other sources the stage takes, in order.
fn common<T: trace::Describe + 'static>(
    stage: &Stage,
    s: LocalBoxStream<'static, T>,
    mut others: Vec<LocalBoxStream<'static, T>>,
    name: String,
) -> LocalBoxStream<'static, T> {
    let mut other = || others.pop().expect("the check gives the stage its source");
    match *stage {
        Stage::Take(n) => traced(name, s.take(n as usize)).boxed_local(),
        Stage::Skip(n) => traced(name, s.skip(n as usize)).boxed_local(),
        Stage::TakeUntil(_) => traced(name, s.take_until(other().into_future())).boxed_local(),
        Stage::Chain(_) => traced(name, s.chain(other())).boxed_local(),
        Stage::Select(_) => traced(name, stream::select(s, other())).boxed_local(),
        Stage::SelectAll => {
            let mut all = vec![s];
            all.append(&mut others);
            traced(name, stream::select_all(all)).boxed_local()
        }
        Stage::Fuse => traced(name, s.fuse()).boxed_local(),
        Stage::Peekable => traced(name, s.peekable()).boxed_local(),
        _ => unreachable!("the check refuses this stage here"),
    }
}

/// One job of `buffered` / `buffer_unordered`: waits, then gives `x` back.
async fn job(x: Value, delay: Delay) -> Value {
    sleep(delay.ms(x.int())).await;
    x
}

/// The stream one item becomes in `flatten` / `flat_map`: `x`, `count`
/// times, each after `delay_ms` (or all at once).
fn inner_stream(inner: Inner, x: i64) -> LocalBoxStream<'static, Value> {
    let n = inner.count as usize;
    if inner.delay_ms == 0 {
        stream::repeat(Value::Int(x)).take(n).boxed_local()
    } else {
        let d = u64::from(inner.delay_ms);
        stream::iter(0..n)
            .then(move |_| async move {
                sleep(d).await;
                Value::Int(x)
            })
            .boxed_local()
    }
}

/// `timeout`: each item must arrive within `ms` of being asked for, else
/// the stream yields `Err("timed out")` and ends (dropping `s`).
fn timeout<T: 'static>(
    s: LocalBoxStream<'static, T>,
    ms: u64,
    name: String,
) -> LocalBoxStream<'static, Result<T, Fail>>
where
    Result<T, Fail>: trace::Describe,
{
    traced(
        name,
        stream::unfold(Some(s), move |s| async move {
            let mut s = s?;
            match future::select(s.next(), sleep(ms)).await {
                Either::Left((Some(x), _)) => Some((Ok(x), Some(s))),
                Either::Left((None, _)) => None,
                Either::Right(_) => Some((Err(TIMEOUT_ERROR), None)),
            }
        }),
    )
    .boxed_local()
}

/// The consumer loop (or, after `fold`, the await of its one value).
async fn consume(out: Out, c: Consumer) {
    match out {
        Out::Fold(f) => body(f.await),
        Out::TryFold(f) => match f.await {
            Ok(total) => body(total),
            Err(e) => error(e),
        },
        Out::Stream(Dyn::Plain(mut s)) => {
            let mut n = 0;
            while let Some(x) = s.next().await {
                body(&x);
                if !after_body(c, &mut n).await {
                    break;
                }
            }
        }
        Out::Stream(Dyn::Fallible(mut s)) => {
            let mut n = 0;
            while let Some(item) = s.next().await {
                let x = match item {
                    Ok(x) => x,
                    Err(e) => {
                        error(e);
                        break;
                    }
                };
                body(&x);
                if !after_body(c, &mut n).await {
                    break;
                }
            }
        }
    }
}

/// The rest of the loop body: the wait, then whether to go on (`false`:
/// `break` after `c.break_after` items).
async fn after_body(c: Consumer, n: &mut u32) -> bool {
    if c.body_ms > 0 {
        sleep(u64::from(c.body_ms)).await;
    }
    *n += 1;
    c.break_after != Some(*n)
}

#[cfg(test)]
mod tests;
