//! Lesson 2: a stream written by hand. `poll_next` takes `Pin<&mut Self>`,
//! returns `Pending` until its timer fires, and relies on the timer to wake
//! the task.

use std::pin::Pin;
use std::task::{Context, Poll};

use crate::prelude::*;
use trace::Sleep;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[
    Knob::int("n", 3, 0, 10, "items", "项数"),
    Knob::ms("delay", 100, 0, 2000, "delay per item", "每项延迟"),
];

// ANCHOR: demo
pub async fn run(k: Knobs) {
    let ticker = Ticker::new(k.u("n"), k.u("delay"));
    let mut ticks = traced("ticker", ticker);
    while let Some(x) = ticks.next().await {
        body(x);
    }
    note("exit");
    // `ticks` is dropped here: D, then its fields (C)
}

/// Yields 0, 1, …, n-1, one every `delay` ms.
struct Ticker {
    next: u64,
    n: u64,
    delay: u64,
    timer: Option<Sleep>,
    /// A resource the ticker owns: its `Drop` is the cleanup.
    _conn: Guard,
}

impl Ticker {
    fn new(n: u64, delay: u64) -> Ticker {
        let _conn = Guard::new("ticker");
        Ticker {
            next: 0,
            n,
            delay,
            timer: None,
            _conn,
        }
    }
}

impl Stream for Ticker {
    type Item = u64;

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<u64>> {
        // Allowed because every field is Unpin:
        let this = self.get_mut();
        if this.next == this.n {
            return Poll::Ready(None);
        }
        let delay = this.delay;
        let timer =
            this.timer.get_or_insert_with(|| sleep(delay));
        if timer.poll_unpin(cx).is_pending() {
            // The timer keeps cx's waker and will wake us.
            return Poll::Pending;
        }
        this.timer = None;
        this.next += 1;
        Poll::Ready(Some(this.next - 1))
    }
}
// ANCHOR_END: demo

/// "Where does `C(ticker)` appear?" — 0: before `R∅`, 1: after `R∅` but
/// before `exit`, 2: after `exit`, once the stream is dropped (`D`).
pub fn predict_cleanup(t: &Trace) -> Option<usize> {
    cleanup_position(t, "ticker")
}

/// Where the cleanup labelled `label` happened relative to the end (`R∅`),
/// the `exit` note and the drop (`D`) of the stream. Shared in spirit with
/// lesson 3, which asks the same question of a generator.
fn cleanup_position(t: &Trace, label: &str) -> Option<usize> {
    let cleanup = t.position(|e| e.kind == Kind::Cleanup && e.value == label)?;
    let end = t.position(|e| e.kind == Kind::End);
    let exit = t.position(|e| e.kind == Kind::Note && e.value == "exit");
    Some(match (end, exit) {
        (Some(end), _) if cleanup < end => 0,
        (_, Some(exit)) if cleanup < exit => 1,
        (_, Some(_)) => 2,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use crate::testing::{no_timers, run_default, run_with};

    #[test]
    fn default_timeline_is_the_reference() {
        let t = run_default(super::KNOBS, super::run);
        assert_eq!(
            t.notation(no_timers),
            "t0 P · t100 W R(0) B(0) P · t200 W R(1) B(1) P · t300 W R(2) B(2) R∅ exit D C(ticker)"
        );
        assert_eq!(super::predict_cleanup(&t), Some(2));
    }

    #[test]
    fn each_pending_poll_set_a_timer_that_woke_the_task() {
        let t = run_default(super::KNOBS, super::run);
        assert_eq!(
            t.notation(|_| true),
            "t0 T+100 P · t100 W R(0) B(0) T+100 P · t200 W R(1) B(1) T+100 P · t300 W R(2) B(2) R∅ exit D C(ticker)"
        );
    }

    #[test]
    fn a_zero_delay_still_returns_pending_first() {
        // The timer is due at once but has not fired when it is first
        // polled: poll_next says Pending, the timer wakes the task at the
        // same instant, and the next poll is Ready.
        let t = run_with(super::KNOBS, super::run, &[("n", "2"), ("delay", "0")]);
        assert_eq!(
            t.notation(no_timers),
            "t0 P W R(0) B(0) P W R(1) B(1) R∅ exit D C(ticker)"
        );
    }

    #[test]
    fn no_items_means_no_timer_and_the_cleanup_still_runs() {
        let t = run_with(super::KNOBS, super::run, &[("n", "0")]);
        assert_eq!(t.notation(|_| true), "t0 R∅ exit D C(ticker)");
        assert_eq!(super::predict_cleanup(&t), Some(2));
    }

    #[test]
    fn the_prediction_reads_the_cleanups_position() {
        let t = run_default(super::KNOBS, super::run);
        let moved = |to: &dyn Fn(&trace::Trace) -> usize| {
            let mut t = t.clone();
            let from = t.position(|e| e.kind == trace::Kind::Cleanup).expect("C");
            let c = t.events.remove(from);
            let at = to(&t);
            t.events.insert(at, c);
            super::predict_cleanup(&t)
        };
        let end = |t: &trace::Trace| t.position(|e| e.kind == trace::Kind::End).expect("R∅");
        assert_eq!(moved(&|t| end(t)), Some(0));
        assert_eq!(moved(&|t| end(t) + 1), Some(1));
        let mut no_cleanup = t.clone();
        no_cleanup.events.retain(|e| e.kind != trace::Kind::Cleanup);
        assert_eq!(super::predict_cleanup(&no_cleanup), None);
    }

    #[test]
    fn stopping_mid_run_drops_the_stream_its_timer_and_its_resource() {
        // What the Stop button does: the task is dropped, and with it
        // `ticks` (D), the timer it was waiting on (T✕) and the guard (C).
        let run = trace::Run::new(trace::Clock::Virtual);
        run.start(super::run(crate::knobs::Knobs::defaults(super::KNOBS)));
        run.run_until(150);
        run.stop();
        let t = run.trace();
        assert_eq!(
            t.notation(|_| true),
            "t0 T+100 P · t100 W R(0) B(0) T+100 P · t150 cancel(stopped) D(task) D T✕200 C(ticker)"
        );
    }

    #[test]
    fn the_delay_sets_the_pace() {
        let t = run_with(super::KNOBS, super::run, &[("n", "2"), ("delay", "250")]);
        assert_eq!(
            t.notation(no_timers),
            "t0 P · t250 W R(0) B(0) P · t500 W R(1) B(1) R∅ exit D C(ticker)"
        );
    }
}
