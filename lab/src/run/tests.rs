//! Whole timelines of key moments, on the virtual clock.

use crate::model::{Consumer, Delay, End, Expr, Marble, Pipeline, Source, Stage};
use trace::{Kind, Trace};

use super::run_virtual;

fn marbles(items: &[(u32, i64)], end: End) -> Source {
    Source::Marbles {
        items: items
            .iter()
            .map(|&(at_ms, value)| Marble { at_ms, value })
            .collect(),
        end,
    }
}

fn run(sources: Vec<Source>, stages: Vec<Stage>, consumer: Consumer) -> Trace {
    run_virtual(&Pipeline {
        sources,
        stages,
        consumer,
    })
    .expect("the pipeline passes the check")
}

/// Every event as `lane:code`, grouped by time as `notation` groups them.
fn lanes(t: &Trace) -> String {
    let mut out = String::new();
    let mut last = None;
    for e in &t.events {
        if e.kind == Kind::TimerSet || e.kind == Kind::TimerClear {
            continue;
        }
        if last != Some(e.t_ms()) {
            if last.is_some() {
                out.push_str(" · ");
            }
            out.push_str(&format!("t{}", e.t_ms()));
            last = Some(e.t_ms());
        }
        out.push_str(&format!(" {}:{}", t.lane_name(e.lane), e.short()));
    }
    out
}

fn abc() -> Source {
    marbles(
        &[(100, 1), (200, 2), (300, 3)],
        End::Complete { at_ms: 300 },
    )
}

fn counter(period_ms: u32, count: u32) -> Source {
    Source::Counter { period_ms, count }
}

const LOOP: Consumer = Consumer {
    body_ms: 0,
    break_after: None,
};

#[test]
fn map_is_lazy_a_slow_body_delays_the_next_poll_of_the_source() {
    let t = run(
        vec![abc()],
        vec![Stage::Map(Expr::Mul(10))],
        Consumer {
            body_ms: 150,
            break_after: None,
        },
    );
    assert_eq!(t.lanes, ["main", "a", "map"]);
    // Nothing polls `a` while the body sleeps: item 2, due at t200, is
    // asked for only at t250 (a 0 ms timer: it is already due).
    assert_eq!(
        t.notation(|_| true),
        "t0 T+100 P P · t100 W W R(1) R(10) B(10) T+150 · \
         t250 T+0 P P W W R(2) R(20) B(20) T+150 · \
         t400 T+0 P P W W R(3) R(30) B(30) T+150 · t550 R∅ R∅ D D"
    );
    assert_eq!(
        lanes(&t),
        "t0 a:P map:P · t100 a:W map:W a:R(1) map:R(10) main:B(10) · \
         t250 a:P map:P a:W map:W a:R(2) map:R(20) main:B(20) · \
         t400 a:P map:P a:W map:W a:R(3) map:R(30) main:B(30) · \
         t550 a:R∅ map:R∅ map:D a:D"
    );
}

#[test]
fn take_2_ends_without_polling_the_source_again_and_the_loop_drops_it() {
    let t = run(vec![counter(100, 5)], vec![Stage::Take(2)], LOOP);
    assert_eq!(
        lanes(&t),
        "t0 a:P take:P · t100 a:W take:W a:R(0) take:R(0) main:B(0) a:P take:P · \
         t200 a:W take:W a:R(1) take:R(1) main:B(1) take:R∅ take:D a:D"
    );
}

#[test]
fn select_alternates_between_two_ready_streams() {
    let t = run(
        vec![counter(100, 3), counter(100, 3)],
        vec![Stage::Select(1)],
        LOOP,
    );
    // At t100 both are ready: `a` first, then (its turn) `b`, and so on.
    let yields: Vec<String> = t
        .events
        .iter()
        .filter(|e| e.kind == Kind::Yield && t.lane_name(e.lane) != "select")
        .map(|e| format!("{}{}", t.lane_name(e.lane), e.value))
        .collect();
    assert_eq!(yields, ["a0", "b0", "a1", "b1", "a2", "b2"]);
    assert_eq!(
        lanes(&t),
        "t0 a:P b:P select:P · \
         t100 a:W select:W b:P a:R(0) select:R(0) main:B(0) a:P b:P select:P \
         b:W select:W b:R(0) select:R(0) main:B(0) a:P b:P select:P · \
         t200 a:W select:W b:P a:R(1) select:R(1) main:B(1) a:P b:P select:P \
         b:W select:W b:R(1) select:R(1) main:B(1) a:P b:P select:P · \
         t300 a:W select:W b:P a:R(2) select:R(2) main:B(2) a:R∅ b:P select:P \
         b:W select:W b:R(2) select:R(2) main:B(2) b:R∅ select:R∅ select:D a:D b:D"
    );
}

#[test]
fn buffer_unordered_yields_in_finish_order() {
    let t = run(
        vec![marbles(
            &[(0, 300), (0, 100), (0, 150)],
            End::Complete { at_ms: 0 },
        )],
        vec![Stage::BufferUnordered {
            k: 3,
            delay: Delay::PerItem(1),
        }],
        LOOP,
    );
    assert_eq!(t.values(Kind::Body), ["100", "150", "300"]);
    assert_eq!(
        lanes(&t),
        "t0 a:P buffer_unordered:P a:W buffer_unordered:W a:R(300) a:P buffer_unordered:W \
         buffer_unordered:P a:P buffer_unordered:P a:W buffer_unordered:W a:R(100) a:P \
         buffer_unordered:P a:W buffer_unordered:W a:R(150) buffer_unordered:P · \
         t100 buffer_unordered:W buffer_unordered:R(100) main:B(100) a:R∅ buffer_unordered:P · \
         t150 buffer_unordered:W buffer_unordered:R(150) main:B(150) buffer_unordered:P · \
         t300 buffer_unordered:W buffer_unordered:R(300) main:B(300) buffer_unordered:R∅ \
         buffer_unordered:D a:D"
    );
}

#[test]
fn take_until_stops_at_the_other_sources_first_item() {
    let t = run(
        vec![counter(100, 10), marbles(&[(250, 0)], End::Never)],
        vec![Stage::TakeUntil(1)],
        LOOP,
    );
    assert_eq!(
        lanes(&t),
        "t0 b:P a:P take_until:P · \
         t100 a:W take_until:W b:P a:R(0) take_until:R(0) main:B(0) b:P a:P take_until:P · \
         t200 a:W take_until:W b:P a:R(1) take_until:R(1) main:B(1) b:P a:P take_until:P · \
         t250 b:W take_until:W b:R(0) take_until:R∅ take_until:D a:D b:D"
    );
    // `a`'s pending timer (its item 2, due at t300) is cleared by its drop.
    let at = t.at_ms(250);
    assert_eq!(
        at[at.len() - 4..],
        ["take_until:D", "a:D", "a:T✕300", "b:D"]
    );
}

#[test]
fn break_drops_every_stream_at_once() {
    let t = run(
        vec![counter(100, 5), counter(100, 5)],
        vec![Stage::Zip(1)],
        Consumer {
            body_ms: 0,
            break_after: Some(2),
        },
    );
    assert_eq!(
        lanes(&t),
        "t0 a:P b:P zip:P · \
         t100 a:W zip:W a:R(0) b:P zip:P b:W zip:W b:R(0) zip:R((0, 0)) main:B((0, 0)) \
         a:P b:P zip:P · \
         t200 a:W zip:W a:R(1) b:P zip:P b:W zip:W b:R(1) zip:R((1, 1)) main:B((1, 1)) \
         zip:D a:D b:D"
    );
}

#[test]
fn an_error_mark_ends_the_loop() {
    let t = run(
        vec![marbles(&[(100, 1), (200, 2)], End::Error { at_ms: 300 })],
        vec![Stage::Map(Expr::Add(1))],
        LOOP,
    );
    assert_eq!(t.lanes, ["main", "a", "map_ok"]);
    assert_eq!(
        lanes(&t),
        "t0 a:P map_ok:P · \
         t100 a:W map_ok:W a:R(Ok(1)) map_ok:R(Ok(2)) main:B(2) a:P map_ok:P · \
         t200 a:W map_ok:W a:R(Ok(2)) map_ok:R(Ok(3)) main:B(3) a:P map_ok:P · \
         t300 a:W map_ok:W a:E(Err(boom)) map_ok:E(Err(boom)) main:E(boom) map_ok:D a:D"
    );
}

#[test]
fn a_refused_pipeline_does_not_run() {
    let p = Pipeline {
        sources: vec![],
        stages: vec![],
        consumer: LOOP,
    };
    assert!(run_virtual(&p).is_err());
    // Run anyway (as the page might by mistake), it records nothing.
    let t = trace::run_virtual(super::pipeline(&p));
    assert!(t.events.is_empty());
}

#[test]
fn ten_thousand_items_need_more_than_the_default_event_limit() {
    let p = Pipeline {
        sources: vec![counter(1, 10_000)],
        stages: vec![Stage::Map(Expr::Mul(3))],
        consumer: LOOP,
    };
    let t = run_virtual(&p).expect("accepted");
    assert_eq!(t.status, trace::Status::OverLimit);
    let limits = trace::Limits {
        max_events: 200_000,
        ..trace::Limits::default()
    };
    let t = super::run_virtual_with(&p, limits).expect("accepted");
    assert_eq!(t.status, trace::Status::Finished);
    assert_eq!(t.values(Kind::Body).len(), 10_000);
}
