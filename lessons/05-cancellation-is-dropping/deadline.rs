//! Lesson 5: cancellation is dropping. A deadline races the loop with
//! `future::select`; when the deadline wins, the unfinished loop is handed
//! back and dropped — its stream, the stream's timer and its state with it.

use crate::prelude::*;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[
    Knob::int("n", 5, 1, 20, "items", "项数"),
    Knob::ms("delay", 100, 0, 2000, "delay per item", "每项耗时"),
    Knob::ms("cancel_at", 250, 0, 5000, "deadline", "截止时间"),
];

/// Races the loop against a deadline; if the deadline wins, drops the loop.
// ANCHOR: demo
pub async fn run(k: Knobs) {
    let (n, delay) = (k.u("n"), k.u("delay"));
    let cancel_at = k.u("cancel_at");
    let deadline = sleep(cancel_at);
    let work = Box::pin(consume(n, delay));
    match future::select(deadline, work).await {
        Either::Left(((), unfinished)) => {
            note("deadline");
            drop(unfinished); // this is the cancellation
        }
        Either::Right(((), _deadline)) => note("done in time"),
    }
}

async fn consume(n: u64, delay: u64) {
    let mut items = traced("gen", numbers(n, delay));
    while let Some(x) = items.next().await {
        body(x);
    }
}

fn numbers(n: u64, delay: u64) -> impl Stream<Item = u64> {
    let state = (0, Guard::new("gen-state"));
    stream::unfold(state, move |(i, guard)| async move {
        if i == n {
            return None;
        }
        sleep(delay).await;
        Some((i, (i + 1, guard)))
    })
}
// ANCHOR_END: demo

/// "What happens to the timer the stream waits on for its next item?" — 0: it still
/// fires later, 1: it is cleared when the stream is dropped, 2: there was no
/// timer in flight (the loop had finished).
pub fn predict_timer(t: &Trace) -> Option<usize> {
    let drop = t.position(|e| e.kind == Kind::Drop)?;
    let deadline = t.position(|e| e.kind == Kind::Note && e.value == "deadline");
    let cleared_by_drop = t.events[drop..]
        .iter()
        .any(|e| e.kind == Kind::TimerClear && t.lane_name(e.lane) == "gen");
    let stream_ended = t.position(|e| e.kind == Kind::End).is_some();
    Some(match (deadline, cleared_by_drop, stream_ended) {
        (Some(_), true, _) => 1,
        (_, _, true) => 2,
        _ => 0,
    })
}

#[cfg(test)]
mod tests {
    use super::{predict_timer, run, KNOBS};
    use crate::testing::{no_timers, run_default, run_with};
    use trace::{Kind, Status};

    #[test]
    fn default_timeline_is_the_reference() {
        let t = run_default(KNOBS, run);
        assert_eq!(
            t.notation(|_| true),
            "t0 T+250 T+100 P · t100 W R(0) B(0) T+100 P · t200 W R(1) B(1) T+100 P \
             · t250 deadline D T✕300 C(gen-state)"
        );
        assert_eq!(predict_timer(&t), Some(1));
    }

    #[test]
    fn the_cancelled_loop_is_not_polled_again() {
        // `select` polls the deadline first: when it is ready, the work
        // future is never polled at t250 — the last P is the one at t200.
        let t = run_default(KNOBS, run);
        let last_pending = t.events.iter().rev().find(|e| e.kind == Kind::Pending);
        assert_eq!(last_pending.map(|e| e.t_ms()), Some(200));
    }

    #[test]
    fn with_the_arguments_swapped_the_stream_is_polled_once_more() {
        // The page says: `select(work, deadline)` polls the stream at t250,
        // it answers `Pending`, and only then is the deadline seen.
        use crate::prelude::*;
        async fn swapped(k: Knobs) {
            let deadline = sleep(k.u("cancel_at"));
            let work = Box::pin(super::consume(k.u("n"), k.u("delay")));
            match future::select(work, deadline).await {
                Either::Left(((), _deadline)) => note("done in time"),
                Either::Right(((), unfinished)) => {
                    note("deadline");
                    drop(unfinished);
                }
            }
        }
        let t = run_default(KNOBS, swapped);
        assert!(
            t.notation(no_timers)
                .ends_with("t200 W R(1) B(1) P · t250 P deadline D C(gen-state)"),
            "{}",
            t.notation(no_timers)
        );
    }

    #[test]
    fn a_late_deadline_is_cleared_instead() {
        let t = run_with(KNOBS, run, &[("n", "2"), ("cancel_at", "1000")]);
        assert_eq!(
            t.notation(|_| true),
            "t0 T+1000 T+100 P · t100 W R(0) B(0) T+100 P · t200 W R(1) B(1) C(gen-state) R∅ D \
             done in time T✕1000"
        );
        assert_eq!(predict_timer(&t), Some(2));
    }

    #[test]
    fn a_deadline_at_zero_cancels_before_the_first_item() {
        let t = run_with(KNOBS, run, &[("cancel_at", "0")]);
        // The deadline is polled first and is already due... but a timer
        // only fires when the clock reaches it: the loop is polled once.
        assert_eq!(t.notation(no_timers), "t0 P deadline D C(gen-state)");
        assert_eq!(
            t.notation(|_| true),
            "t0 T+0 T+100 P deadline D T✕100 C(gen-state)"
        );
        assert_eq!(predict_timer(&t), Some(1));
    }

    #[test]
    fn a_deadline_between_items_clears_the_next_items_timer() {
        let t = run_with(KNOBS, run, &[("cancel_at", "150")]);
        assert_eq!(
            t.notation(|_| true),
            "t0 T+150 T+100 P · t100 W R(0) B(0) T+100 P · t150 deadline D T✕200 C(gen-state)"
        );
    }

    #[test]
    fn a_tie_goes_to_the_deadline() {
        // Both timers are due at t200; the deadline was set first, so it
        // fires first, the task runs, and the stream is dropped before its
        // own timer fires: no `W`, and item 1 is never yielded.
        let t = run_with(KNOBS, run, &[("cancel_at", "200")]);
        assert_eq!(
            t.notation(|_| true),
            "t0 T+200 T+100 P · t100 W R(0) B(0) T+100 P · t200 deadline D T✕200 C(gen-state)"
        );
    }

    #[test]
    fn extreme_knobs_finish() {
        for pairs in [
            &[("n", "20"), ("delay", "0"), ("cancel_at", "0")][..],
            &[("n", "20"), ("delay", "0"), ("cancel_at", "5000")][..],
            &[("n", "20"), ("delay", "2000"), ("cancel_at", "5000")][..],
            &[("n", "1"), ("delay", "2000"), ("cancel_at", "2000")][..],
        ] {
            let t = run_with(KNOBS, run, pairs);
            assert_eq!(t.status, Status::Finished, "{pairs:?}");
            assert_eq!(t.values(Kind::Cleanup), vec!["gen-state"], "{pairs:?}");
            assert!(predict_timer(&t).is_some(), "{pairs:?}");
        }
    }
}
