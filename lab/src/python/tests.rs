//! The generated Python, run on every Python the lessons use, must print
//! what the pipeline's consumer sees.
//!
//! Until the interpreter (`run.rs`, branch `labrun`) lands, what the
//! consumer sees comes from [`oracle`], a small evaluator written for this
//! test only: values and times, the jobs and merges of the Python side
//! (tasks that run on their own), no polls. TODO(labrun): take the
//! expected lines from `lab::run`'s body labels instead, and keep the
//! oracle only for what the Python side is allowed to differ in (see the
//! module doc of `python.rs`).

use super::*;
use crate::presets::PRESETS;
use crate::testgen::{stage, track, Rng};
use crate::url::from_query;
use lesson_compiler::checks::{find_pythons, run_python, Python};

/// An item as the loop body sees it.
#[derive(Clone, Debug, PartialEq)]
enum Val {
    Int(i64),
    Pair(Box<Val>, Box<Val>),
    List(Vec<Val>),
}

impl std::fmt::Display for Val {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Val::Int(x) => write!(f, "{x}"),
            Val::Pair(x, y) => write!(f, "({x}, {y})"),
            Val::List(xs) => {
                let xs: Vec<String> = xs.iter().map(Val::to_string).collect();
                write!(f, "[{}]", xs.join(", "))
            }
        }
    }
}

/// A stream as the oracle sees it: items with their times (ms), and when
/// it ends (`None`: never).
#[derive(Clone, Debug)]
struct Timed {
    items: Vec<(u64, Val)>,
    end: Option<u64>,
}

fn int(v: &Val) -> i64 {
    match v {
        Val::Int(x) => *x,
        _ => panic!("the oracle's pipelines apply closures to integers only"),
    }
}

fn apply(e: &Expr, x: i64) -> i64 {
    match e {
        Expr::Id => x,
        Expr::Add(k) => x + k,
        Expr::Mul(k) => x * k,
        // Rust's `%`, which the Python's `rem` must match.
        Expr::Rem(k) => x % k,
        Expr::Square => x * x,
    }
}

fn test(t: &Pred, x: i64) -> bool {
    match t {
        Pred::Even => x % 2 == 0,
        Pred::Odd => x % 2 != 0,
        Pred::Lt(k) => x < *k,
        Pred::Gt(k) => x > *k,
        Pred::Ne(k) => x != *k,
    }
}

fn combine(f: &Expr2, acc: i64, x: i64) -> i64 {
    match f {
        Expr2::Sum => acc + x,
        Expr2::Product => acc * x,
        Expr2::Max => acc.max(x),
    }
}

fn wait(d: &Delay, x: i64) -> u64 {
    match d {
        Delay::Fixed(ms) => u64::from(*ms),
        Delay::PerItem(f) => x.max(0) as u64 * u64::from(*f),
    }
}

fn source(s: &Source) -> Timed {
    match s {
        Source::Marbles { items, end } => Timed {
            items: items
                .iter()
                .map(|m| (u64::from(m.at_ms), Val::Int(m.value)))
                .collect(),
            end: match end {
                End::Complete { at_ms } => Some(u64::from(*at_ms)),
                _ => None,
            },
        },
        Source::Counter { period_ms, count }
        | Source::Unfold {
            delay_ms: period_ms,
            count,
        } => {
            let t = |i: u32| u64::from(*period_ms) * u64::from(i + 1);
            Timed {
                items: (0..*count)
                    .map(|i| (t(i), Val::Int(i64::from(i))))
                    .collect(),
                end: Some(if *count == 0 { 0 } else { t(count - 1) }),
            }
        }
    }
}

/// Items one after another, each started when it arrives and the one
/// before is done (`then`, `flatten`).
fn sequential(s: Timed, f: impl Fn(u64, &Val) -> Vec<(u64, Val)>) -> Timed {
    let mut free = 0;
    let mut items = Vec::new();
    for (t, x) in &s.items {
        let out = f((*t).max(free), x);
        free = out.last().map_or((*t).max(free), |o| o.0);
        items.extend(out);
    }
    Timed {
        end: s.end.map(|e| e.max(free)),
        items,
    }
}

/// Jobs of `delay`, at most `k` at once, started as they arrive.
fn jobs(s: &Timed, k: u32, delay: &Delay, ordered: bool) -> Timed {
    let mut running: Vec<u64> = Vec::new();
    let mut done: Vec<(u64, Val)> = Vec::new();
    let mut last = 0;
    for (t, x) in &s.items {
        let mut start = *t;
        if running.len() == k as usize {
            running.sort();
            start = start.max(running.remove(0));
        }
        let mut finish = start + wait(delay, int(x));
        if ordered {
            finish = finish.max(last);
            last = finish;
        }
        running.push(finish);
        done.push((finish, x.clone()));
    }
    done.sort_by_key(|d| d.0);
    let end = s.end.map(|e| done.last().map_or(e, |d| d.0.max(e)));
    Timed { items: done, end }
}

/// What the loop body of `p` prints, one line per item.
fn oracle(p: &Pipeline) -> Vec<String> {
    let mut s = source(&p.sources[0]);
    for stage in &p.stages {
        s = oracle_stage(p, s, stage);
    }
    let n = p.consumer.break_after.map_or(usize::MAX, |n| n as usize);
    s.items.iter().take(n).map(|(_, x)| x.to_string()).collect()
}

fn oracle_stage(p: &Pipeline, s: Timed, stage: &Stage) -> Timed {
    let other = |i: &SourceId| source(&p.sources[usize::from(*i)]);
    let cut = |s: Timed, n: usize| {
        let end = if s.items.len() > n {
            Some(s.items[n].0)
        } else {
            s.end
        };
        Timed {
            items: s.items.into_iter().take(n).collect(),
            end,
        }
    };
    match stage {
        Stage::Map(e) => Timed {
            items: s
                .items
                .into_iter()
                .map(|(t, x)| (t, Val::Int(apply(e, int(&x)))))
                .collect(),
            end: s.end,
        },
        Stage::Filter(f) => Timed {
            items: s
                .items
                .into_iter()
                .filter(|(_, x)| test(f, int(x)))
                .collect(),
            end: s.end,
        },
        Stage::Then { expr, delay } => sequential(s, |t, x| {
            vec![(t + wait(delay, int(x)), Val::Int(apply(expr, int(x))))]
        }),
        Stage::Take(n) => {
            let n = *n as usize;
            let mut s = cut(s, n);
            if n == 0 {
                s.end = Some(0);
            } else if s.items.len() == n {
                s.end = Some(s.items[n - 1].0);
            }
            s
        }
        Stage::Skip(n) => Timed {
            items: s.items.into_iter().skip(*n as usize).collect(),
            end: s.end,
        },
        Stage::TakeWhile(f) => {
            let n = s.items.iter().take_while(|(_, x)| test(f, int(x))).count();
            cut(s, n)
        }
        Stage::TakeUntil(i) => {
            let stop = other(i).items.first().map_or(u64::MAX, |f| f.0);
            let n = s.items.iter().take_while(|(t, _)| *t < stop).count();
            let mut s = cut(s, n);
            s.end = s
                .end
                .map(|e| e.min(stop))
                .or(Some(stop).filter(|t| *t < u64::MAX));
            s
        }
        Stage::Chain(i) => {
            let b = other(i);
            let after = s.end.unwrap_or(u64::MAX);
            let mut items = s.items;
            items.extend(b.items.into_iter().map(|(t, x)| (t.max(after), x)));
            Timed {
                items,
                end: s.end.and(b.end).map(|e| e.max(after)),
            }
        }
        Stage::Zip(i) => {
            let b = other(i);
            let items = s
                .items
                .into_iter()
                .zip(b.items)
                .map(|((t, x), (u, y))| (t.max(u), Val::Pair(Box::new(x), Box::new(y))))
                .collect();
            Timed {
                items,
                end: s.end.or(b.end),
            }
        }
        Stage::Select(_) | Stage::SelectAll => {
            let others: Vec<SourceId> = match stage {
                Stage::Select(i) => vec![*i],
                _ => (1..p.sources.len() as SourceId).collect(),
            };
            let mut all = s;
            for i in others {
                let b = other(&i);
                all.items.extend(b.items);
                all.end = all.end.zip(b.end).map(|(x, y)| x.max(y));
            }
            // Stable: at equal times the first stream's item first.
            all.items.sort_by_key(|i| i.0);
            all
        }
        Stage::Flatten(inner) | Stage::FlatMap(inner) => sequential(s, |t, x| {
            (1..=u64::from(inner.count))
                .map(|j| (t + j * u64::from(inner.delay_ms), x.clone()))
                .collect()
        }),
        Stage::Scan { init, f } => {
            let mut acc = *init;
            Timed {
                items: s
                    .items
                    .into_iter()
                    .map(|(t, x)| {
                        acc = combine(f, acc, int(&x));
                        (t, Val::Int(acc))
                    })
                    .collect(),
                end: s.end,
            }
        }
        Stage::Fold { init, f } => {
            let acc = s
                .items
                .iter()
                .fold(*init, |acc, (_, x)| combine(f, acc, int(x)));
            Timed {
                items: s.end.map(|e| (e, Val::Int(acc))).into_iter().collect(),
                end: s.end,
            }
        }
        Stage::Chunks(n) => {
            let times: Vec<u64> = s.items.iter().map(|i| i.0).collect();
            let vals: Vec<Val> = s.items.into_iter().map(|i| i.1).collect();
            let items = vals
                .chunks(*n as usize)
                .enumerate()
                .map(|(c, chunk)| {
                    let full = chunk.len() == *n as usize;
                    let t = if full {
                        times[c * *n as usize + chunk.len() - 1]
                    } else {
                        s.end.unwrap_or(u64::MAX)
                    };
                    (t, Val::List(chunk.to_vec()))
                })
                .filter(|(t, _)| *t < u64::MAX)
                .collect();
            Timed { items, end: s.end }
        }
        Stage::Buffered { k, delay } => jobs(&s, *k, delay, true),
        Stage::BufferUnordered { k, delay } => jobs(&s, *k, delay, false),
        Stage::Fuse | Stage::Peekable => s,
        Stage::Timeout(_) | Stage::ReadyChunks(_) => unreachable!("no Python for these"),
    }
}

/// The pipelines the test runs: every preset and one or more of every
/// stage the Python side writes. No two items at the same time where the
/// order would depend on which of two tasks the event loop runs first.
fn cases() -> Vec<(String, Pipeline)> {
    let mut out: Vec<(String, Pipeline)> = PRESETS
        .iter()
        .map(|p| {
            (
                p.id.to_string(),
                from_query(p.query).expect("presets parse"),
            )
        })
        .collect();
    let more = [
        "a=-1--2-3%7C&p=map:*2.filter:even.take:2",
        "a=-(-7)-(-3)(5)%7C&p=map:mod3",
        "a=(7,-7,9)%7C&p=map:mod-4.map:-3",
        "a=-1-2-3-4-5%7C&p=skip:1.take_while:lt5.map:*-2",
        "a=counter:20,4&p=then:sq,x*15",
        "a=-1-2%7C&b=--(10)-(20)%7C&p=chain:b",
        "a=counter:10,5&b=-5-6-7%7C&p=zip:b.take:2",
        "a=-1--2%7C&b=--(10)--(20)%7C&c=------(100)%7C&p=select_all",
        "a=-1-2%7C&p=flat_map:3,5",
        "a=-1-2%7C&p=flatten:2,0.scan:0,sum",
        "a=12345%7C&p=fold:1,product",
        "a=12345%7C&p=chunks:2.fuse.peekable",
        "a=(5,1,3)%7C&p=buffered:2,x*20",
        "a=unfold:30,4&p=buffer_unordered:2,x*100&break=3",
        "a=1---2---3---4&b=----------0&p=take_until:b.scan:0,sum",
    ];
    for q in more {
        out.push((
            q.to_string(),
            from_query(q).unwrap_or_else(|e| panic!("{q}: {}", e.message(false))),
        ));
    }
    out
}

/// The Pythons to run on: all of the lessons' versions, or a clear failure
/// naming what is missing unless `LAB_PYTHON_OPTIONAL=1`.
fn pythons() -> Vec<Python> {
    match find_pythons() {
        Ok(found) => found,
        Err(e) if std::env::var("LAB_PYTHON_OPTIONAL").as_deref() == Ok("1") => {
            eprintln!("skipping the Python runs (LAB_PYTHON_OPTIONAL=1): {e}");
            Vec::new()
        }
        Err(e) => panic!("{e}\n(set LAB_PYTHON_OPTIONAL=1 to skip these runs)"),
    }
}

#[test]
fn the_python_prints_what_the_consumer_sees() {
    let pythons = pythons();
    for (name, p) in cases() {
        let code = python_code(&p).unwrap_or_else(|| panic!("{name}: no Python"));
        let expected = oracle(&p);
        assert!(
            !expected.is_empty(),
            "{name}: a case that prints nothing tests little"
        );
        for py in &pythons {
            let run = run_python(&py.path, &code)
                .unwrap_or_else(|e| panic!("{name} on {}: {e}", py.version));
            assert!(
                run.success,
                "{name} on Python {}:\n{code}\n{}",
                py.version, run.stderr
            );
            let lines: Vec<&str> = run.output.lines().collect();
            assert_eq!(lines, expected, "{name} on Python {}:\n{code}", py.version);
        }
    }
}

#[test]
fn shows_readable_code() {
    let p = from_query("a=-1--2-3%7C&p=map:*2.filter:even.take:2&body=250&break=1").unwrap();
    let code = python_code(&p).unwrap();
    let main = &code[code.find("async def main").unwrap()..];
    assert_eq!(
        main,
        "async def main():
    start = asyncio.get_running_loop().time()
    s = marbles(start, [(10, 1), (40, 2), (60, 3)], end_ms=70)
    s = (x * 2 async for x in s)
    s = (x async for x in s if x % 2 == 0)
    s = take(s, 2)
    n = 0
    async for x in s:
        print(x)  # body(x)
        await asyncio.sleep(0.25)
        n += 1
        if n == 1:
            break


asyncio.run(main())
"
    );
    // Only the helpers it uses.
    for helper in ["async def until", "async def marbles", "async def take("] {
        assert!(code.contains(helper), "{helper}");
    }
    assert!(!code.contains("def merge") && !code.contains("END"));
}

#[test]
fn none_where_python_has_no_honest_equivalent() {
    for q in [
        "a=-1-x",
        "a=-1%7C&p=timeout:50",
        "a=-1%7C&p=ready_chunks:2",
        "a=-1%7C&p=zip:a",
        "a=-1%7C&b=2%7C&p=zip:b.chain:b",
        "a=-1%7C&b=2%7C&p=select:b.select_all",
    ] {
        assert_eq!(python_code(&from_query(q).unwrap()), None, "{q}");
    }
}

/// A random pipeline the Python side writes and the oracle can answer
/// without ties: every source ends, no merges, no `buffer_unordered`, no
/// `take_until` (whose order at equal times is the event loop's choice),
/// and closures only while the items are integers.
fn generated_case(rng: &mut Rng) -> Pipeline {
    let sources: Vec<Source> = (0..2)
        .map(|_| match rng.below(3) {
            0 => Source::Counter {
                period_ms: 1 + rng.below(40) as u32,
                count: 1 + rng.below(6) as u32,
            },
            1 => Source::Unfold {
                delay_ms: rng.below(40) as u32,
                count: 1 + rng.below(6) as u32,
            },
            _ => {
                let (items, end) = track(rng, 30);
                let last = items.last().map_or(0, |m| m.at_ms);
                let at_ms = match end {
                    End::Complete { at_ms } | End::Error { at_ms } => at_ms.max(last),
                    End::Never => last,
                };
                let items = items
                    .into_iter()
                    .map(|m| Marble {
                        value: m.value.clamp(-5, 20),
                        ..m
                    })
                    .collect();
                Source::Marbles {
                    items,
                    end: End::Complete { at_ms },
                }
            }
        })
        .collect();
    let mut stages = Vec::new();
    let mut ints = true;
    let mut second = true;
    for _ in 0..rng.below(6) {
        // Kinds of `testgen::stage`: those without ties, closures while
        // the items are integers, the second source read once.
        let kinds: &[u64] = if ints {
            &[
                0, 1, 2, 3, 4, 5, 7, 7, 8, 8, 11, 12, 13, 14, 15, 17, 17, 19, 20,
            ]
        } else {
            &[3, 4, 19, 20]
        };
        let kind = rng.pick(kinds);
        if !second && (kind == 7 || kind == 8) {
            continue;
        }
        let stage = match stage(rng, kind, 2) {
            // Short counts, so that something is left to print.
            Stage::Take(n) => Stage::Take(n % 5),
            Stage::Skip(n) => Stage::Skip(n % 3),
            s => s,
        };
        if matches!(stage, Stage::Zip(_) | Stage::Chunks(_)) {
            ints = false;
        }
        if matches!(stage, Stage::Zip(_) | Stage::Chain(_)) {
            second = false;
        }
        stages.push(stage);
    }
    let consumer = Consumer {
        body_ms: if rng.one_in(3) {
            rng.below(30) as u32
        } else {
            0
        },
        break_after: if rng.one_in(3) {
            Some(1 + rng.below(4) as u32)
        } else {
            None
        },
    };
    Pipeline {
        sources,
        stages,
        consumer,
    }
}

/// Generated pipelines, on one Python (the newest found): the helpers in
/// combinations the fixed cases do not try.
#[test]
fn generated_pipelines_print_what_the_oracle_says() {
    let Some(py) = pythons().pop() else { return };
    let mut rng = Rng::new(5);
    let (mut ran, mut overflowed, mut empty) = (0, 0, 0);
    while ran < 40 {
        let p = generated_case(&mut rng);
        let q = crate::url::to_query(&p);
        // An oracle overflow (debug builds check) is an i64 limit the
        // Python's integers do not have: not a case for this test.
        let Ok(expected) = std::panic::catch_unwind(|| oracle(&p)) else {
            overflowed += 1;
            continue;
        };
        if expected.is_empty() {
            empty += 1;
            continue;
        }
        let code = python_code(&p).unwrap_or_else(|| panic!("{q}: no Python"));
        let run = run_python(&py.path, &code).unwrap_or_else(|e| panic!("{q}: {e}"));
        assert!(run.success, "{q}:\n{code}\n{}", run.stderr);
        let lines: Vec<&str> = run.output.lines().collect();
        assert_eq!(lines, expected, "{q}:\n{code}");
        ran += 1;
    }
    assert!(
        overflowed + empty < 40,
        "{overflowed} cases overflowed, {empty} printed nothing"
    );
}
