//! The corpus: hand-written pipelines that cover every source, stage,
//! error and consumer form, then pipelines from a fixed-seed generator
//! (only those the type check accepts), then the Lab's presets.
//!
//! Compiled twice: by `build.rs` (to write the code) and by the crate (to
//! run the model), so it uses nothing but `lab`.

use lab::model::{Consumer, Delay, End, Expr, Expr2, Inner, Marble, Pipeline, Pred, Source, Stage};

/// A marble track.
fn marbles(items: &[(u32, i64)], end: End) -> Source {
    Source::Marbles {
        items: items
            .iter()
            .map(|&(at_ms, value)| Marble { at_ms, value })
            .collect(),
        end,
    }
}

/// `-1-2-3|` at 100 ms steps, ending with the last item.
fn abc() -> Source {
    marbles(
        &[(100, 1), (200, 2), (300, 3)],
        End::Complete { at_ms: 300 },
    )
}

fn counter(period_ms: u32, count: u32) -> Source {
    Source::Counter { period_ms, count }
}

fn pipe(sources: Vec<Source>, stages: Vec<Stage>) -> Pipeline {
    Pipeline {
        sources,
        stages,
        consumer: Consumer::default(),
    }
}

fn with(mut p: Pipeline, body_ms: u32, break_after: Option<u32>) -> Pipeline {
    p.consumer = Consumer {
        body_ms,
        break_after,
    };
    p
}

/// The hand-written part: every variant at least once.
pub fn hand_written() -> Vec<(&'static str, Pipeline)> {
    use Stage::*;
    let fail = || marbles(&[(100, 1), (200, 2)], End::Error { at_ms: 300 });
    let fail_b = || marbles(&[(150, 10)], End::Error { at_ms: 400 });
    let inner = |count, delay_ms| Inner { count, delay_ms };
    vec![
        ("a marble source alone", pipe(vec![abc()], vec![])),
        ("counter", pipe(vec![counter(100, 4)], vec![])),
        ("counter with no wait", pipe(vec![counter(0, 3)], vec![])),
        (
            "unfold",
            pipe(
                vec![Source::Unfold {
                    delay_ms: 100,
                    count: 3,
                }],
                vec![],
            ),
        ),
        (
            "unfold, slow body",
            with(
                pipe(
                    vec![Source::Unfold {
                        delay_ms: 100,
                        count: 3,
                    }],
                    vec![],
                ),
                250,
                None,
            ),
        ),
        (
            "marbles ending later",
            pipe(
                vec![marbles(&[(100, 1)], End::Complete { at_ms: 400 })],
                vec![],
            ),
        ),
        (
            "empty marbles",
            pipe(vec![marbles(&[], End::Complete { at_ms: 200 })], vec![]),
        ),
        (
            "never-ending marbles, break",
            with(
                pipe(vec![marbles(&[(100, 1), (100, 2)], End::Never)], vec![]),
                0,
                Some(2),
            ),
        ),
        ("map is lazy", pipe(vec![abc()], vec![Map(Expr::Mul(10))])),
        (
            "map every expr",
            pipe(
                vec![abc()],
                vec![
                    Map(Expr::Add(-3)),
                    Map(Expr::Square),
                    Map(Expr::Rem(4)),
                    Map(Expr::Id),
                    Map(Expr::Add(2)),
                ],
            ),
        ),
        (
            "filter",
            pipe(vec![counter(50, 6)], vec![Filter(Pred::Even)]),
        ),
        (
            "filter preds",
            pipe(
                vec![counter(50, 8)],
                vec![
                    Filter(Pred::Odd),
                    Filter(Pred::Gt(1)),
                    Filter(Pred::Lt(7)),
                    Filter(Pred::Ne(5)),
                ],
            ),
        ),
        (
            "then fixed",
            pipe(
                vec![abc()],
                vec![Then {
                    expr: Expr::Add(1),
                    delay: Delay::Fixed(100),
                }],
            ),
        ),
        (
            "then per item, slow body",
            with(
                pipe(
                    vec![abc()],
                    vec![Then {
                        expr: Expr::Id,
                        delay: Delay::PerItem(30),
                    }],
                ),
                50,
                None,
            ),
        ),
        (
            "then 0 ms",
            pipe(
                vec![abc()],
                vec![Then {
                    expr: Expr::Mul(2),
                    delay: Delay::Fixed(0),
                }],
            ),
        ),
        (
            "take 2 drops the source",
            pipe(vec![counter(100, 5)], vec![Take(2)]),
        ),
        ("skip", pipe(vec![counter(100, 5)], vec![Skip(3)])),
        (
            "take_while",
            pipe(vec![counter(100, 6)], vec![TakeWhile(Pred::Lt(3))]),
        ),
        (
            "take_until",
            pipe(
                vec![counter(100, 10), marbles(&[(350, 0)], End::Never)],
                vec![TakeUntil(1)],
            ),
        ),
        (
            "chain",
            pipe(
                vec![
                    abc(),
                    marbles(&[(50, 7), (400, 8)], End::Complete { at_ms: 500 }),
                ],
                vec![Chain(1)],
            ),
        ),
        ("zip", pipe(vec![abc(), counter(150, 5)], vec![Zip(1)])),
        (
            "zip then take",
            pipe(vec![counter(100, 5), counter(30, 5)], vec![Zip(1), Take(3)]),
        ),
        (
            "select alternates",
            pipe(vec![counter(100, 3), counter(100, 3)], vec![Select(1)]),
        ),
        (
            "select uneven",
            pipe(
                vec![
                    counter(70, 4),
                    marbles(&[(100, 100), (250, 200)], End::Complete { at_ms: 250 }),
                ],
                vec![Select(1), Map(Expr::Add(1))],
            ),
        ),
        (
            "select_all of three",
            pipe(
                vec![
                    counter(100, 3),
                    counter(150, 2),
                    marbles(&[(10, 9)], End::Complete { at_ms: 20 }),
                ],
                vec![SelectAll],
            ),
        ),
        ("select_all of one", pipe(vec![abc()], vec![SelectAll])),
        ("flatten", pipe(vec![abc()], vec![Flatten(inner(2, 30))])),
        (
            "flatten at once",
            pipe(vec![abc()], vec![Flatten(inner(3, 0))]),
        ),
        (
            "flat_map",
            pipe(vec![counter(100, 3)], vec![FlatMap(inner(2, 40))]),
        ),
        (
            "flat_map at once",
            pipe(vec![counter(100, 3)], vec![FlatMap(inner(2, 0))]),
        ),
        (
            "scan",
            pipe(
                vec![abc()],
                vec![Scan {
                    init: 0,
                    f: Expr2::Sum,
                }],
            ),
        ),
        (
            "scan product, max",
            pipe(
                vec![abc()],
                vec![
                    Scan {
                        init: 1,
                        f: Expr2::Product,
                    },
                    Scan {
                        init: -5,
                        f: Expr2::Max,
                    },
                ],
            ),
        ),
        (
            "fold",
            pipe(
                vec![abc()],
                vec![Fold {
                    init: 0,
                    f: Expr2::Sum,
                }],
            ),
        ),
        (
            "fold max, slow body",
            with(
                pipe(
                    vec![counter(10, 5)],
                    vec![
                        Map(Expr::Square),
                        Fold {
                            init: -1,
                            f: Expr2::Max,
                        },
                    ],
                ),
                100,
                None,
            ),
        ),
        ("chunks", pipe(vec![counter(100, 5)], vec![Chunks(2)])),
        (
            "ready_chunks",
            pipe(
                vec![marbles(
                    &[(100, 1), (100, 2), (100, 3), (200, 4)],
                    End::Complete { at_ms: 300 },
                )],
                vec![ReadyChunks(2)],
            ),
        ),
        (
            "ready_chunks, slow body",
            with(pipe(vec![counter(30, 8)], vec![ReadyChunks(3)]), 100, None),
        ),
        (
            "buffered",
            pipe(
                vec![marbles(
                    &[(0, 300), (0, 100), (0, 150)],
                    End::Complete { at_ms: 0 },
                )],
                vec![Buffered {
                    k: 2,
                    delay: Delay::PerItem(1),
                }],
            ),
        ),
        (
            "buffer_unordered in finish order",
            pipe(
                vec![marbles(
                    &[(0, 300), (0, 100), (0, 150)],
                    End::Complete { at_ms: 0 },
                )],
                vec![BufferUnordered {
                    k: 2,
                    delay: Delay::PerItem(1),
                }],
            ),
        ),
        (
            "buffer_unordered fixed, slow body",
            with(
                pipe(
                    vec![counter(50, 4)],
                    vec![BufferUnordered {
                        k: 3,
                        delay: Delay::Fixed(120),
                    }],
                ),
                80,
                None,
            ),
        ),
        (
            "fuse and peekable",
            pipe(vec![abc()], vec![Fuse, Peekable, Map(Expr::Add(1))]),
        ),
        (
            "timeout fires",
            pipe(
                vec![marbles(
                    &[(100, 1), (200, 2), (600, 3)],
                    End::Complete { at_ms: 600 },
                )],
                vec![Timeout(250)],
            ),
        ),
        (
            "timeout never fires",
            pipe(vec![abc()], vec![Timeout(150), Map(Expr::Mul(2))]),
        ),
        (
            "timeout on pairs",
            pipe(
                vec![counter(100, 3), counter(300, 3)],
                vec![Zip(1), Timeout(250)],
            ),
        ),
        ("error ends the loop", pipe(vec![fail()], vec![])),
        (
            "error through try stages",
            pipe(
                vec![fail()],
                vec![
                    Map(Expr::Add(1)),
                    Filter(Pred::Even),
                    Then {
                        expr: Expr::Mul(3),
                        delay: Delay::Fixed(20),
                    },
                    TakeWhile(Pred::Lt(100)),
                ],
            ),
        ),
        ("error, take first", pipe(vec![fail()], vec![Take(1)])),
        (
            "error, try_fold",
            pipe(
                vec![fail()],
                vec![Fold {
                    init: 0,
                    f: Expr2::Sum,
                }],
            ),
        ),
        (
            "error, select of two fallible",
            pipe(vec![fail(), fail_b()], vec![Select(1), Skip(1)]),
        ),
        (
            "error, chain",
            pipe(
                vec![marbles(&[(100, 1)], End::Error { at_ms: 200 }), fail_b()],
                vec![Chain(1)],
            ),
        ),
        (
            "error, take_until a fallible",
            pipe(vec![fail(), fail_b()], vec![TakeUntil(1), Fuse, Peekable]),
        ),
        (
            "error, select_all",
            pipe(vec![fail(), fail_b()], vec![SelectAll]),
        ),
        (
            "timeout, then try stages",
            pipe(
                vec![marbles(&[(100, 4), (500, 5)], End::Never)],
                vec![
                    Timeout(200),
                    Map(Expr::Add(1)),
                    Filter(Pred::Gt(0)),
                    Then {
                        expr: Expr::Id,
                        delay: Delay::PerItem(10),
                    },
                ],
            ),
        ),
        (
            "timeout, try_fold",
            pipe(
                vec![counter(100, 3)],
                vec![
                    Timeout(50),
                    Fold {
                        init: 1,
                        f: Expr2::Product,
                    },
                ],
            ),
        ),
        (
            "break after 1",
            with(
                pipe(vec![counter(100, 5)], vec![Map(Expr::Add(1))]),
                0,
                Some(1),
            ),
        ),
        (
            "break after 2, slow body, zip",
            with(
                pipe(vec![counter(100, 5), counter(50, 5)], vec![Zip(1)]),
                120,
                Some(2),
            ),
        ),
        (
            "break after error",
            with(pipe(vec![fail()], vec![]), 50, Some(5)),
        ),
        (
            "long marbles",
            pipe(
                vec![marbles(
                    &[
                        (100, 1),
                        (200, 2),
                        (300, 3),
                        (400, 4),
                        (500, 5),
                        (600, 6),
                        (700, 7),
                        (800, 8),
                        (900, 9),
                    ],
                    End::Complete { at_ms: 900 },
                )],
                vec![Chunks(4)],
            ),
        ),
        (
            "medium marbles, never ending",
            with(
                pipe(
                    vec![marbles(
                        &[(100, 1), (200, 2), (300, 3), (400, 4), (500, 5)],
                        End::Never,
                    )],
                    vec![],
                ),
                0,
                Some(5),
            ),
        ),
    ]
}

/// A small deterministic generator (xorshift64*), so the corpus is the
/// same on every build.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }
}

fn random_source(r: &mut Rng) -> Source {
    match r.below(3) {
        0 => {
            let n = r.below(6);
            let mut at = 0;
            let items: Vec<(u32, i64)> = (0..n)
                .map(|_| {
                    at += r.pick(&[0, 50, 100, 150]);
                    (at, r.below(10) as i64 - 2)
                })
                .collect();
            let end = match r.below(4) {
                0 => End::Never,
                1 => End::Error { at_ms: at + 100 },
                2 => End::Complete { at_ms: at },
                _ => End::Complete { at_ms: at + 200 },
            };
            marbles(&items, end)
        }
        1 => counter(r.pick(&[0, 40, 100]), r.below(6) as u32),
        _ => Source::Unfold {
            delay_ms: r.pick(&[0, 60, 100]),
            count: r.below(5) as u32,
        },
    }
}

fn random_stage(r: &mut Rng, n_sources: u8) -> Stage {
    use Stage::*;
    let other = 1 + r.below(u64::from(n_sources.max(2) - 1)) as u8;
    let e = r.pick(&[
        Expr::Id,
        Expr::Add(3),
        Expr::Mul(-2),
        Expr::Rem(3),
        Expr::Square,
    ]);
    let p = r.pick(&[Pred::Even, Pred::Odd, Pred::Lt(4), Pred::Gt(1), Pred::Ne(2)]);
    let f = r.pick(&[Expr2::Sum, Expr2::Product, Expr2::Max]);
    let d = r.pick(&[Delay::Fixed(0), Delay::Fixed(80), Delay::PerItem(20)]);
    let k = 1 + r.below(3) as u32;
    let inner = Inner {
        count: r.below(3) as u32,
        delay_ms: r.pick(&[0, 30]),
    };
    match r.below(22) {
        0 => Map(e),
        1 => Filter(p),
        2 => Then { expr: e, delay: d },
        3 => Take(r.below(4) as u32),
        4 => Skip(r.below(3) as u32),
        5 => TakeWhile(p),
        6 => TakeUntil(other),
        7 => Chain(other),
        8 => Zip(other),
        9 => Select(other),
        10 => SelectAll,
        11 => Flatten(inner),
        12 => FlatMap(inner),
        13 => Scan { init: 1, f },
        14 => Fold { init: 0, f },
        15 => Chunks(k),
        16 => ReadyChunks(k),
        17 => Buffered { k, delay: d },
        18 => BufferUnordered { k, delay: d },
        19 => Fuse,
        20 => Peekable,
        _ => Timeout(r.pick(&[50, 120, 300])),
    }
}

/// `n` pipelines from a fixed seed that the type check accepts.
pub fn generated(n: usize) -> Vec<(&'static str, Pipeline)> {
    let mut r = Rng(0x5EED_1AB5_u64);
    let mut out = Vec::new();
    while out.len() < n {
        let n_sources = 1 + r.below(3) as u8;
        let sources = (0..n_sources).map(|_| random_source(&mut r)).collect();
        let stages = (0..r.below(5))
            .map(|_| random_stage(&mut r, n_sources))
            .collect();
        let consumer = Consumer {
            body_ms: r.pick(&[0, 0, 70]),
            break_after: r.pick(&[None, None, Some(2)]),
        };
        let p = Pipeline {
            sources,
            stages,
            consumer,
        };
        if lab::check::check(&p).is_ok() {
            out.push(("generated", p));
        }
    }
    out
}

/// The Lab's presets, once `lab::presets` exists (branch `labtext`): add
/// them here, e.g. `lab::presets::PRESETS.iter().map(|x| (x.name, x.pipeline()))`,
/// so every preset the page offers is proven too.
pub fn presets() -> Vec<(&'static str, Pipeline)> {
    Vec::new()
}

/// The whole corpus, in a fixed order.
pub fn corpus() -> Vec<(&'static str, Pipeline)> {
    let mut all = hand_written();
    all.extend(presets());
    all.extend(generated(40));
    all
}
