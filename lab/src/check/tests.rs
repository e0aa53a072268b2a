//! What the type check accepts, what it refuses, and how it says so.

use super::*;
use crate::model::{
    Consumer, Delay, End, Expr, Expr2, Inner, Marble, Pipeline, Pred, Source, Stage,
};

fn counter() -> Source {
    Source::Counter {
        period_ms: 100,
        count: 3,
    }
}

fn failing() -> Source {
    Source::Marbles {
        items: vec![Marble {
            at_ms: 100,
            value: 1,
        }],
        end: End::Error { at_ms: 200 },
    }
}

fn p(sources: Vec<Source>, stages: Vec<Stage>) -> Pipeline {
    Pipeline {
        sources,
        stages,
        consumer: Consumer::default(),
    }
}

fn refused(p: &Pipeline) -> (Place, Reason) {
    let e = check(p).expect_err("refused");
    (e.place, e.reason)
}

const fn plain(shape: Shape) -> Item {
    Item {
        shape,
        fallible: false,
    }
}

#[test]
fn types_follow_the_stages() {
    let t = check(&p(
        vec![counter(), counter()],
        vec![Stage::Map(Expr::Add(1)), Stage::Zip(1), Stage::Take(2)],
    ))
    .expect("accepted");
    assert_eq!(
        t.stages,
        [
            Flow::Stream(Item::INT),
            Flow::Stream(plain(Shape::Pair)),
            Flow::Stream(plain(Shape::Pair)),
        ]
    );
    let t = check(&p(vec![counter()], vec![Stage::Chunks(2), Stage::Fuse])).expect("accepted");
    assert_eq!(t.consumer, Flow::Stream(plain(Shape::List)));
    let t = check(&p(
        vec![counter()],
        vec![Stage::Fold {
            init: 0,
            f: Expr2::Sum,
        }],
    ))
    .expect("accepted");
    assert_eq!(t.consumer, Flow::Single(Item::INT));
}

#[test]
fn an_error_mark_makes_results_and_try_forms_follow() {
    let t = check(&p(
        vec![failing()],
        vec![
            Stage::Map(Expr::Id),
            Stage::Filter(Pred::Even),
            Stage::Take(3),
            Stage::Fold {
                init: 0,
                f: Expr2::Sum,
            },
        ],
    ))
    .expect("accepted");
    assert!(t.sources[0].fallible);
    assert_eq!(t.consumer.item().rust(), "Result<i64, &str>");
    // Timeout makes a plain stream fallible.
    let t = check(&p(vec![counter()], vec![Stage::Timeout(50)])).expect("accepted");
    assert!(t.consumer.item().fallible);
}

#[test]
fn stages_with_no_result_form_are_refused_on_fallible_items() {
    for stage in [
        Stage::Scan {
            init: 0,
            f: Expr2::Sum,
        },
        Stage::Chunks(2),
        Stage::ReadyChunks(2),
        Stage::Flatten(Inner {
            count: 1,
            delay_ms: 0,
        }),
        Stage::Buffered {
            k: 1,
            delay: Delay::Fixed(0),
        },
        Stage::Timeout(10),
    ] {
        assert_eq!(
            refused(&p(vec![failing()], vec![stage.clone()])),
            (Place::Stage(0), Reason::NoTryForm),
            "{stage:?}"
        );
    }
    assert_eq!(
        refused(&p(vec![failing(), failing()], vec![Stage::Zip(1)])),
        (Place::Stage(0), Reason::NoTryForm)
    );
    assert_eq!(
        refused(&p(vec![counter(), failing()], vec![Stage::Select(1)])),
        (Place::Stage(0), Reason::MixedErrors(1))
    );
}

#[test]
fn shapes_that_closures_cannot_take_are_refused() {
    assert_eq!(
        refused(&p(
            vec![counter(), counter()],
            vec![Stage::Zip(1), Stage::Map(Expr::Id)]
        )),
        (Place::Stage(1), Reason::NeedsInts(Shape::Pair))
    );
    assert_eq!(
        refused(&p(
            vec![counter()],
            vec![Stage::Chunks(2), Stage::Filter(Pred::Odd)]
        )),
        (Place::Stage(1), Reason::NeedsInts(Shape::List))
    );
    let fold = Stage::Fold {
        init: 0,
        f: Expr2::Max,
    };
    assert_eq!(
        refused(&p(vec![counter()], vec![fold, Stage::Fuse])),
        (Place::Stage(1), Reason::AfterFold)
    );
}

#[test]
fn sources_must_exist_be_others_and_be_used_once() {
    assert_eq!(
        refused(&p(vec![], vec![])),
        (Place::Pipeline, Reason::NoSources)
    );
    assert_eq!(
        refused(&p(vec![counter(); 4], vec![])),
        (Place::Pipeline, Reason::TooManySources)
    );
    assert_eq!(
        refused(&p(vec![counter()], vec![Stage::Fuse; 9])),
        (Place::Pipeline, Reason::TooManyStages)
    );
    assert_eq!(
        refused(&p(vec![counter()], vec![Stage::Chain(1)])),
        (Place::Stage(0), Reason::NoSuchSource(1))
    );
    assert_eq!(
        refused(&p(vec![counter(), counter()], vec![Stage::Zip(0)])),
        (Place::Stage(0), Reason::OwnSource)
    );
    assert_eq!(
        refused(&p(
            vec![counter(), counter()],
            vec![Stage::Chain(1), Stage::Select(1)]
        )),
        (Place::Stage(1), Reason::SourceUsedTwice(1))
    );
    assert_eq!(
        refused(&p(vec![counter(), counter()], vec![])),
        (Place::Source(1), Reason::SourceUnused(1))
    );
    // select_all takes every other source.
    assert!(check(&p(
        vec![counter(), counter(), counter()],
        vec![Stage::SelectAll]
    ))
    .is_ok());
}

#[test]
fn what_would_panic_hang_or_overflow_is_refused() {
    let one = |s: Stage| refused(&p(vec![counter()], vec![s])).1;
    assert_eq!(one(Stage::Map(Expr::Rem(0))), Reason::RemByZero);
    assert_eq!(one(Stage::Chunks(0)), Reason::ZeroSize);
    assert_eq!(one(Stage::ReadyChunks(0)), Reason::ZeroSize);
    let zero = Stage::BufferUnordered {
        k: 0,
        delay: Delay::Fixed(1),
    };
    assert_eq!(one(zero), Reason::ZeroBuffer);
    assert_eq!(one(Stage::Timeout(MAX_MS + 1)), Reason::TooLong);
    assert_eq!(one(Stage::Take(MAX_ITEMS + 1)), Reason::TooMany);
    assert_eq!(one(Stage::Map(Expr::Add(i64::MIN))), Reason::TooLarge);
    let big = Source::Counter {
        period_ms: 1,
        count: MAX_ITEMS,
    };
    assert!(
        check(&p(vec![big], vec![])).is_ok(),
        "the benchmark's 10 000 items"
    );
    let late = Source::Marbles {
        items: vec![
            Marble {
                at_ms: 200,
                value: 1,
            },
            Marble {
                at_ms: 100,
                value: 2,
            },
        ],
        end: End::Never,
    };
    assert_eq!(
        refused(&p(vec![late], vec![])),
        (Place::Source(0), Reason::OutOfOrder)
    );
    let mut slow = p(vec![counter()], vec![]);
    slow.consumer.body_ms = MAX_MS + 1;
    assert_eq!(refused(&slow), (Place::Consumer, Reason::TooLong));
}

#[test]
fn messages_name_the_place_in_both_languages() {
    let e = check(&p(vec![counter()], vec![Stage::Fuse, Stage::Chunks(0)])).expect_err("refused");
    assert_eq!(
        e.message(false),
        "Stage 2: a size of 0 panics in futures (assert!(capacity > 0)); use 1 or more."
    );
    assert_eq!(
        e.message(true),
        "第 2 个适配器：大小为 0 时 futures 会 panic（assert!(capacity > 0)），请至少用 1。"
    );
    let e = check(&p(vec![counter(), counter()], vec![])).expect_err("refused");
    assert_eq!(
        e.message(false),
        "Source b: no stage uses source b; connect it (zip, select, chain …) or remove it."
    );
    assert_eq!(
        e.message(true),
        "源 b：没有适配器用到源 b；请用 zip、select、chain 等接上它，或删掉它。"
    );
}
