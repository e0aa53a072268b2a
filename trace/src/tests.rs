//! Native tests of the recorder and the virtual clock.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use futures::future::{self, Either};
use futures::stream::{self, Stream, StreamExt};

use crate::*;

fn no_timers(e: &Event) -> bool {
    !matches!(e.kind, Kind::TimerSet | Kind::TimerClear)
}

/// Lesson 2's hand-written stream.
struct Ticker {
    i: u64,
    n: u64,
    delay: u64,
    timer: Option<Sleep>,
    _conn: Guard,
}

impl Stream for Ticker {
    type Item = u64;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u64>> {
        if self.i == self.n {
            return Poll::Ready(None);
        }
        let delay = self.delay;
        let timer = self.timer.get_or_insert_with(|| sleep(delay));
        match Pin::new(timer).poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(()) => {
                self.timer = None;
                self.i += 1;
                Poll::Ready(Some(self.i - 1))
            }
        }
    }
}

#[test]
fn virtual_timers_fire_in_deadline_then_creation_order() {
    let order = Rc::new(RefCell::new(Vec::new()));
    let o = order.clone();
    let t = run_virtual(async move {
        let a = sleep(200);
        let b = sleep(100);
        let c = sleep(100);
        let (o1, o2, o3) = (o.clone(), o.clone(), o.clone());
        spawn("a", async move {
            a.await;
            o1.borrow_mut().push(("a", now_ms()));
        });
        spawn("b", async move {
            b.await;
            o2.borrow_mut().push(("b", now_ms()));
        });
        spawn("c", async move {
            c.await;
            o3.borrow_mut().push(("c", now_ms()));
        });
        sleep(500).await;
        note("done");
    });
    assert_eq!(*order.borrow(), vec![("b", 100), ("c", 100), ("a", 200)]);
    assert_eq!(t.status, Status::Finished);
    // Time jumped straight to each deadline: nothing happened in between.
    let last = t.events.last().expect("events");
    assert_eq!(last.t_ms(), 500);
}

#[test]
fn lesson2_hand_written_stream() {
    let t = run_virtual(async {
        let mut s = traced(
            "ticker",
            Ticker {
                i: 0,
                n: 3,
                delay: 100,
                timer: None,
                _conn: Guard::new("ticker"),
            },
        );
        while let Some(x) = s.next().await {
            body(x);
        }
        note("exit");
    });
    assert_eq!(
        t.notation(no_timers),
        "t0 P · t100 W R(0) B(0) P · t200 W R(1) B(1) P · t300 W R(2) B(2) R∅ exit D C(ticker)"
    );
    assert_eq!(t.lanes, vec!["main", "ticker"]);
}

fn gen(n: u64, delay: u64) -> impl Stream<Item = u64> {
    stream::unfold((0, Guard::new("gen-state")), move |(i, g)| async move {
        if i == n {
            return None;
        }
        sleep(delay).await;
        Some((i, (i + 1, g)))
    })
}

/// Lesson 4 with its default knobs: `break` after the second item, so the
/// stream is dropped (and cleans up) at the end of its scope.
fn lesson4() -> Trace {
    run_virtual(async {
        {
            let mut s = traced("gen", gen(5, 100));
            while let Some(x) = s.next().await {
                body(x);
                if x == 1 {
                    note("break");
                    break;
                }
            }
            note("after loop");
        }
        note("after scope");
    })
}

#[test]
fn lesson4_break_drops_at_end_of_scope() {
    let t = lesson4();
    assert_eq!(
        t.notation(no_timers),
        "t0 P · t100 W R(0) B(0) P · t200 W R(1) B(1) break after loop D C(gen-state) after scope"
    );
    // The cleanup happens in the stream's lane, not the consumer's.
    let c = &t.events[t.position(|e| e.kind == Kind::Cleanup).expect("cleanup")];
    assert_eq!(t.lane_name(c.lane), "gen");
}

#[test]
fn lesson5_deadline_drops_the_stream_and_clears_its_timer() {
    let t = run_virtual(async {
        let deadline = sleep(250);
        let mut s = traced("gen", gen(5, 100));
        let consume = async {
            while let Some(x) = s.next().await {
                body(x);
            }
        };
        futures::pin_mut!(consume);
        if let Either::Left(((), _)) = future::select(deadline, consume).await {
            note("deadline");
        }
        drop(s);
    });
    assert_eq!(
        t.notation(|_| true),
        "t0 T+250 T+100 P · t100 W R(0) B(0) T+100 P · t200 W R(1) B(1) T+100 P · t250 deadline D T✕300 C(gen-state)"
    );
}

async fn consume_gen() {
    let mut s = traced("gen", gen(5, 100));
    while let Some(x) = s.next().await {
        body(x);
    }
}

#[test]
fn stop_before_the_first_poll_drops_only_the_task() {
    let run = Run::new(Clock::Virtual);
    run.start(consume_gen());
    run.stop();
    let t = run.trace();
    assert_eq!(t.status, Status::Stopped);
    // The main future never ran, so no stream ever existed.
    assert_eq!(t.notation(|_| true), "t0 cancel(stopped) D(task)");
}

#[test]
fn stop_mid_run_records_drops_cleanups_and_cleared_timers() {
    let run = Run::new(Clock::Virtual);
    run.start(consume_gen());
    assert_eq!(run.run_until(150), Status::Running);
    run.stop();
    let t = run.trace();
    assert_eq!(t.status, Status::Stopped);
    assert_eq!(
        t.notation(|_| true),
        "t0 T+100 P · t100 W R(0) B(0) T+100 P · t150 cancel(stopped) D(task) D T✕200 C(gen-state)"
    );
    // Nothing happens after a stop, even if the clock is driven again.
    run.run_to_end();
    assert_eq!(run.event_count(), t.events.len());
}

#[test]
fn over_limit_ends_the_run_and_cleans_up() {
    let run = Run::with_limits(
        Clock::Virtual,
        Limits {
            max_events: 1_000,
            max_virtual_ms: 150,
        },
    );
    run.start(consume_gen());
    assert_eq!(run.run_to_end(), Status::OverLimit);
    let t = run.trace();
    assert!(
        t.notation(|_| true)
            .ends_with("T+100 P D T✕200 C(gen-state)"),
        "{}",
        t.notation(|_| true)
    );
}

#[test]
fn wake_is_recorded_on_the_stream_that_handed_out_the_waker() {
    let t = run_virtual(async {
        let mut s = traced("inner", gen(1, 50));
        s.next().await;
    });
    let wake = t
        .events
        .iter()
        .find(|e| e.kind == Kind::Wake)
        .expect("a wake");
    assert_eq!(t.lane_name(wake.lane), "inner");
    assert_eq!(wake.t_ms(), 50);
}

#[test]
fn creating_a_stream_records_nothing_until_polled() {
    let t = run_virtual(async {
        let s = traced("lazy", stream::iter(0..3));
        note("created");
        sleep(100).await;
        let v: Vec<i32> = s.collect().await;
        body(v.len());
    });
    assert_eq!(
        t.notation(no_timers),
        "t0 created · t100 R(0) R(1) R(2) R∅ D B(3)"
    );
}

#[test]
fn errors_are_recorded_as_error_kind() {
    let t = run_virtual(async {
        let mut s = traced("r", stream::iter(vec![Ok(1), Err("boom")]));
        while let Some(_x) = s.next().await {}
    });
    assert_eq!(t.notation(|_| true), "t0 R(Ok(1)) E(Err(boom)) R∅ D");
}

#[test]
fn a_stalled_run_ends_instead_of_hanging() {
    let t = run_virtual(async {
        future::pending::<()>().await;
    });
    assert_eq!(t.status, Status::Stalled);
}

#[test]
fn event_limit_stops_a_runaway_demo() {
    let run = Run::with_limits(
        Clock::Virtual,
        Limits {
            max_events: 100,
            max_virtual_ms: u64::MAX,
        },
    );
    run.start(async {
        let mut s = traced("forever", stream::repeat(1u8));
        while let Some(x) = s.next().await {
            body(x);
            sleep(1).await;
        }
    });
    assert_eq!(run.run_to_end(), Status::OverLimit);
    assert!(run.event_count() <= 100);
}

#[test]
fn traced_futures_record_pending_ready_and_cancelled_drops() {
    let t = run_virtual(async {
        let slow = traced_future("slow", async {
            sleep(300).await;
            1u32
        });
        let fast = traced_future("fast", async {
            sleep(100).await;
            2u32
        });
        futures::pin_mut!(slow, fast);
        if let Either::Right((v, _slow)) = future::select(slow, fast).await {
            body(v);
        }
    });
    // `select` polls both sides on every wake, so `slow` sees a spurious
    // poll at t100; it is dropped (cancelled) after the body, clearing its timer.
    assert_eq!(
        t.notation(|_| true),
        "t0 T+300 P T+100 P · t100 W P poll(2) B(2) D T✕300"
    );
}

/// A future that is ready at once but keeps its guard until it is dropped.
struct ReadyHolding {
    _kept: Guard,
}

impl Future for ReadyHolding {
    type Output = Option<&'static str>;
    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Self::Output> {
        Poll::Ready(Some("done"))
    }
}

#[test]
fn traced_futures_release_what_they_own_inside_their_lane() {
    let t = run_virtual(async {
        let out = traced_future(
            "held",
            ReadyHolding {
                _kept: Guard::new("kept"),
            },
        )
        .await;
        body(out.unwrap_or("none"));
        let slow = traced_future("cancelled", async {
            let _g = Guard::new("local");
            sleep(100).await;
        });
        futures::pin_mut!(slow);
        let _ = future::select(slow, future::ready(())).await;
    });
    // Completed: its output, then what it still owned. Cancelled: `drop`,
    // then its timer and its locals.
    assert_eq!(
        t.notation(|_| true),
        "t0 poll(Some(done)) C(kept) B(done) T+100 P D T✕100 C(local)"
    );
    let lane_of = |value: &str| {
        let e = &t.events[t.position(|e| e.value == value).expect("event")];
        t.lane_name(e.lane)
    };
    assert_eq!(lane_of("kept"), "held");
    assert_eq!(lane_of("local"), "cancelled");
    assert_eq!(lane_of("100"), "cancelled");
}

#[test]
#[should_panic(expected = "a TracedFuture was polled after it completed")]
fn polling_a_completed_traced_future_panics() {
    run_virtual(async {
        let mut f = traced_future("f", async { 1u8 });
        (&mut f).await;
        (&mut f).await;
    });
}

#[test]
fn items_are_described_in_the_timeline() {
    let t = run_virtual(async {
        let s = traced("s", stream::iter([Some((1u8, 'a')), None, Some((2, 'b'))]));
        let _: Vec<_> = s.collect().await;
        let mut e = traced("e", stream::iter([Some(Err::<u8, &str>("bad"))]));
        e.next().await;
    });
    assert_eq!(
        t.notation(|_| true),
        "t0 R(Some((1, a))) R(None) R(Some((2, b))) R∅ D E(Some(Err(bad))) D"
    );
}

#[test]
fn outside_a_run_traced_wrappers_are_plain_streams_and_futures() {
    let waker = futures::task::noop_waker();
    let mut cx = Context::from_waker(&waker);
    let mut s = traced("s", stream::iter([Some(1u8)]));
    assert_eq!(s.lane(), MAIN_LANE);
    assert_eq!(
        Pin::new(&mut s).poll_next(&mut cx),
        Poll::Ready(Some(Some(1)))
    );
    assert_eq!(Pin::new(&mut s).poll_next(&mut cx), Poll::Ready(None));
    let mut f = traced_future("f", future::ready((1u8, 'a')));
    assert_eq!(Pin::new(&mut f).poll(&mut cx), Poll::Ready((1, 'a')));
}

#[test]
fn status_names_round_trip() {
    for s in Status::ALL {
        assert_eq!(Status::parse(s.as_str()), Some(s));
    }
    assert_eq!(Status::parse("done"), None);
}

/// A wake names the demo line running when it happened: the `sleep` whose
/// timer fired, the `spawn` of the task whose code woke it (its own lines
/// are library code, `tx.send`), and no line at all rather than a guess.
#[test]
fn a_wake_is_blamed_on_the_code_running_when_it_happened() {
    let lines = Rc::new(RefCell::new((0, 0)));
    let l = Rc::clone(&lines);
    let t = run_virtual(async move {
        let (mut tx, rx) = futures::channel::mpsc::channel::<u32>(0);
        let sleep_line = line!() + 4;
        let mut ticks = traced(
            "ticks",
            stream::iter(0..1u32).then(|i| async move {
                sleep(10).await;
                i
            }),
        );
        while ticks.next().await.is_some() {}
        let spawn_line = line!() + 1;
        spawn("producer", async move {
            use futures::SinkExt;
            sleep(5).await;
            let _ = tx.send(7).await;
        });
        let mut rx = traced("rx", rx);
        while rx.next().await.is_some() {}
        *l.borrow_mut() = (sleep_line, spawn_line);
    });
    let (sleep_line, spawn_line) = *lines.borrow();
    let wakes: Vec<(String, u32)> = t
        .events
        .iter()
        .filter(|e| e.kind == Kind::Wake)
        .map(|e| (t.lane_name(e.lane).to_string(), e.loc.line))
        .collect();
    assert_eq!(
        wakes,
        [
            ("ticks".to_string(), sleep_line),
            // The send, then the channel closing as the task ends and drops `tx`.
            ("rx".to_string(), spawn_line),
            ("rx".to_string(), spawn_line),
        ]
    );
}

#[test]
fn sleep_until_waits_for_the_time_left_or_none_once_it_has_passed() {
    let t = run_virtual(async {
        sleep(30).await;
        sleep_until(100).await; // 70 ms left
        note("at 100");
        sleep_until(50).await; // already passed: a 0 ms timer
        note("still 100");
    });
    assert_eq!(
        t.notation(|_| true),
        "t0 T+30 · t30 T+70 · t100 at 100 T+0 still 100"
    );
}
