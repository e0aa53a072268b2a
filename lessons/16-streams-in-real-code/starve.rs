//! Lesson 16: a hand-written stream that is always ready starves the stream
//! merged after it in a biased merge; yielding every `k` items (the idea of
//! Tokio's cooperative budget) lets the neighbour through.

use std::pin::Pin;
use std::task::{Context, Poll};

use crate::prelude::*;
use futures::stream::{LocalBoxStream, PollNext};

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[
    Knob::int("n", 10, 1, 20, "rows in the backlog", "积压的行数"),
    Knob::ms("work", 50, 0, 500, "loop body takes", "循环体耗时"),
    Knob::ms("stop_at", 100, 0, 2000, "stop signal at", "停止信号时刻"),
    Knob::int(
        "yield_every",
        0,
        0,
        10,
        "rows: yield every k items (0: never)",
        "rows 每 k 项让出一次（0：从不）",
    ),
    Knob::choice(
        "merge",
        0,
        &["biased", "select"],
        "merge",
        "合并方式",
    ),
];

// ANCHOR: demo
pub async fn run(k: Knobs) {
    let work = k.u("work");
    let rows = Backlog::new(k.u("n"), k.u("yield_every"));
    let rows = traced("rows", rows).map(Msg::Row);
    // The stop signal's timer starts now: it is due at `stop_at`.
    let stop = stream::once(sleep(k.u("stop_at")));
    let stop = traced("stop", stop).map(|()| Msg::Stop);
    let mut merged: LocalBoxStream<'_, Msg> = match k.get("merge") {
        0 => stream::select_with_strategy(rows, stop, prefer_rows).boxed_local(),
        _ => stream::select(rows, stop).boxed_local(), // takes turns
    };
    while let Some(msg) = merged.next().await {
        match msg {
            Msg::Row(x) => {
                body(x);
                sleep(work).await; // e.g. write the row somewhere
            }
            Msg::Stop => {
                note("stop");
                break;
            }
        }
    }
}

enum Msg {
    Row(u64),
    Stop,
}

/// Always poll `rows` first; `stop` only when `rows` is not ready.
fn prefer_rows(_: &mut ()) -> PollNext {
    PollNext::Left
}

/// Rows that are already here (a full buffer): always ready.
struct Backlog {
    next: u64,
    n: u64,
    every: u64, // yield after this many items (0: never)
    since_yield: u64,
}

impl Backlog {
    fn new(n: u64, every: u64) -> Self {
        Backlog { next: 0, n, every, since_yield: 0 }
    }
}

impl Stream for Backlog {
    type Item = u64;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u64>> {
        let this = &mut *self; // Backlog is Unpin
        if this.next == this.n {
            return Poll::Ready(None);
        }
        if this.every > 0 && this.since_yield == this.every {
            // Give the others a turn: ask to be polled again, then
            // return Pending although an item is ready.
            this.since_yield = 0;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        this.since_yield += 1;
        this.next += 1;
        Poll::Ready(Some(this.next - 1))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = (self.n - self.next) as usize;
        (left, Some(left))
    }
}
// ANCHOR_END: demo

/// The question's case is the default knobs (answer 2). Options: 0 = the
/// loop stops as soon as the stop signal is due; 1 = at the end of the row
/// it is working on then; 2 = only once the backlog is empty.
///
/// Decided by the order of events (when `rows` ended, which rows came after
/// the signal was due), not by exact times, which move a little on a live
/// clock.
pub fn predict_when(t: &Trace) -> Option<usize> {
    let lane = |name: &str| t.lanes.iter().position(|l| l == name);
    let rows = lane("rows")?;
    let stop = t.position(|e| e.kind == Kind::Note && e.value == "stop")?;
    // The stop timer is the first timer set (on `main`, at t0).
    let set = t.events.iter().find(|e| e.kind == Kind::TimerSet)?;
    let due = set.t + set.value.parse::<f64>().ok()?;
    let rows_ended = t.events[..stop]
        .iter()
        .any(|e| usize::from(e.lane) == rows && e.kind == Kind::End);
    // Rows handed out after the signal was due (a millisecond's slack for
    // the live clock).
    let late_rows = t.events[..stop]
        .iter()
        .filter(|e| usize::from(e.lane) == rows && e.kind == Kind::Yield && e.t > due + 1.0)
        .count();
    Some(if rows_ended && late_rows > 0 {
        2
    } else if late_rows == 0 && t.events[stop].t <= due + 1.0 {
        0
    } else {
        1
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{no_timers, run_default, run_with};

    /// When `main` noted `stop`, in ms.
    fn stopped_at(t: &Trace) -> Option<i64> {
        t.events
            .iter()
            .find(|e| e.kind == Kind::Note && e.value == "stop")
            .map(Event::t_ms)
    }

    #[test]
    fn default_timeline_the_stop_signal_waits_for_the_whole_backlog() {
        let t = run_default(KNOBS, run);
        assert_eq!(t.lanes, ["main", "rows", "stop"]);
        assert_eq!(
            t.notation(|_| true),
            "t0 T+100 R(0) B(0) T+50 · t50 R(1) B(1) T+50 · t100 R(2) B(2) T+50 · \
             t150 R(3) B(3) T+50 · t200 R(4) B(4) T+50 · t250 R(5) B(5) T+50 · \
             t300 R(6) B(6) T+50 · t350 R(7) B(7) T+50 · t400 R(8) B(8) T+50 · \
             t450 R(9) B(9) T+50 · t500 R∅ R(()) stop D D"
        );
        assert_eq!(stopped_at(&t), Some(500));
        assert_eq!(predict_when(&t), Some(2));
    }

    #[test]
    fn yielding_every_3_items_lets_the_stop_through_after_at_most_3_rows() {
        let t = run_with(KNOBS, run, &[("yield_every", "3")]);
        assert_eq!(
            t.notation(no_timers),
            "t0 R(0) B(0) · t50 R(1) B(1) · t100 R(2) B(2) · t150 W P R(()) stop D D"
        );
        assert_eq!(predict_when(&t), Some(1));
    }

    #[test]
    fn a_fair_select_takes_turns() {
        let t = run_with(KNOBS, run, &[("merge", "select")]);
        // Turns are per poll, not per wake: at t100 it is `rows`' turn to
        // go first, so the signal, due at t100, comes out on the next poll.
        assert_eq!(stopped_at(&t), Some(150));
        assert_eq!(
            t.notation(no_timers),
            "t0 R(0) B(0) · t50 P R(1) B(1) · t100 W R(2) B(2) · t150 R(()) stop D D"
        );
        assert_eq!(predict_when(&t), Some(1));
    }

    #[test]
    fn a_signal_due_before_the_first_row_still_waits() {
        // stop_at = 0: due at once, yet the biased merge asks `rows` first
        // every time, and `rows` is always ready.
        let t = run_with(KNOBS, run, &[("stop_at", "0")]);
        assert_eq!(stopped_at(&t), Some(500));
        assert_eq!(predict_when(&t), Some(2));
    }

    #[test]
    fn the_try_this_settings() {
        let stop = |pairs: &[(&str, &str)]| stopped_at(&run_with(KNOBS, run, pairs));
        // Yielding after every row: the signal is seen as soon as it is due.
        let t = run_with(KNOBS, run, &[("yield_every", "1")]);
        assert_eq!(
            t.notation(no_timers),
            "t0 R(0) B(0) · t50 W P P R(1) B(1) · t100 W W P R(()) stop D D"
        );
        assert_eq!(predict_when(&t), Some(0));
        // Without yielding the stop waits for the whole backlog, however
        // long; with it, for at most `yield_every` rows.
        assert_eq!(stop(&[("n", "20")]), Some(1000));
        assert_eq!(stop(&[("n", "20"), ("yield_every", "3")]), Some(150));
        // Rows that take no time: the loop waits for the first time after
        // `rows` has ended, and only then is `stop` polled (not due yet).
        let t = run_with(KNOBS, run, &[("work", "0")]);
        assert_eq!(
            t.notation(no_timers),
            "t0 R(0) B(0) R(1) B(1) R(2) B(2) R(3) B(3) R(4) B(4) R(5) B(5) R(6) B(6) \
             R(7) B(7) R(8) B(8) R(9) B(9) R∅ P · t100 W R(()) stop D D"
        );
    }

    #[test]
    fn size_hint_counts_the_rows_left() {
        let mut rows = Backlog::new(3, 0);
        assert_eq!(rows.size_hint(), (3, Some(3)));
        let first = futures::executor::block_on(rows.next());
        assert_eq!(first, Some(0));
        assert_eq!(rows.size_hint(), (2, Some(2)));
    }

    #[test]
    fn predict_needs_a_stop() {
        assert_eq!(predict_when(&Trace::default()), None);
    }
}
