//! Lesson 12: another task stops a stream with an `AbortHandle`. The
//! `Abortable` wrapper ends at its next poll with `Ready(None)` — without
//! polling the inner stream — and dropping it cleans the inner stream up.

use crate::prelude::*;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[
    Knob::int("n", 5, 1, 10, "items", "项数"),
    Knob::ms("interval", 100, 10, 1000, "delay per item", "每项间隔"),
    Knob::ms("stop_at", 250, 0, 2000, "abort at", "在何时 abort"),
];

// ANCHOR: demo
pub async fn run(k: Knobs) {
    let (n, interval) = (k.u("n"), k.u("interval"));
    let inner = traced("gen", ticker(n, interval));
    let (ticks, handle) = stream::abortable(inner);
    let mut ticks = traced("abortable", ticks);
    let stop_at = k.u("stop_at");
    spawn("canceller", async move {
        sleep(stop_at).await;
        cancel("abort");
        handle.abort();
    });
    while let Some(x) = ticks.next().await {
        body(x);
    }
} // `ticks` is dropped here, and the ticker inside it

fn ticker(n: u64, interval: u64) -> impl Stream<Item = u64> {
    let state = (0, Guard::new("gen-state"));
    stream::unfold(state, move |(i, guard)| async move {
        if i == n {
            return None;
        }
        sleep(interval).await;
        Some((i, (i + 1, guard)))
    })
}
// ANCHOR_END: demo

/// The question's case is the default knobs (answer 1). Options: 0 = `gen`
/// is polled once more and yields its next item; 1 = `gen`
/// is not polled again: it is dropped (timer cleared, cleanup) right after
/// the abort; 2 = `gen` goes on until its pending item is ready, then is
/// dropped.
pub fn predict_inner(t: &Trace) -> Option<usize> {
    let abort = t.position(|e| e.kind == Kind::Cancel)?;
    let gen = t.lanes.iter().position(|l| l == "gen")?;
    let until_drop: Vec<Kind> = t.events[abort..]
        .iter()
        .filter(|e| usize::from(e.lane) == gen)
        .map(|e| e.kind)
        .take_while(|k| *k != Kind::Drop)
        .collect();
    Some(if until_drop.contains(&Kind::Yield) {
        0
    } else if until_drop.is_empty() {
        1
    } else {
        2
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{no_timers, run_default, run_with};

    #[test]
    fn default_timeline_is_the_reference() {
        let t = run_default(KNOBS, run);
        assert_eq!(
            t.notation(|_| true),
            "t0 T+100 P P T+250 · t100 W W R(0) R(0) B(0) T+100 P P · \
             t200 W W R(1) R(1) B(1) T+100 P P · \
             t250 cancel(abort) W R∅ D D T✕300 C(gen-state)"
        );
        assert_eq!(t.lanes, ["main", "gen", "abortable", "canceller"]);
        assert_eq!(predict_inner(&t), Some(1));
    }

    #[test]
    fn after_the_abort_only_the_wrapper_is_polled() {
        let t = run_default(KNOBS, run);
        let at_250 = t.at_ms(250);
        assert_eq!(
            at_250,
            [
                "canceller:cancel(abort)",
                "abortable:W",
                "abortable:R∅",
                "abortable:D",
                "gen:D",
                "gen:T✕300",
                "gen:C(gen-state)"
            ]
        );
    }

    #[test]
    fn an_abort_due_with_the_next_item_still_comes_first() {
        // Both timers are due at t300; the canceller's was set first, so it
        // fires first and item 2 is never produced.
        let t = run_with(KNOBS, run, &[("stop_at", "300")]);
        assert_eq!(t.values(Kind::Body), ["0", "1"]);
        assert!(t
            .notation(no_timers)
            .ends_with("t300 cancel(abort) W R∅ D D C(gen-state)"));
    }

    #[test]
    fn abort_before_the_first_item() {
        let t = run_with(KNOBS, run, &[("stop_at", "0")]);
        assert_eq!(
            t.notation(|_| true),
            "t0 T+100 P P T+0 cancel(abort) W R∅ D D T✕100 C(gen-state)"
        );
        assert_eq!(predict_inner(&t), Some(1));
    }

    #[test]
    fn a_stream_that_ends_first_is_never_aborted() {
        let t = run_with(KNOBS, run, &[("n", "2")]);
        assert_eq!(t.values(Kind::Body), ["0", "1"]);
        assert!(t.values(Kind::Cancel).is_empty());
        // The run ends with the canceller still waiting: its timer is cleared.
        assert!(
            t.notation(|_| true).ends_with("R∅ D D T✕250"),
            "{}",
            t.notation(|_| true)
        );
        assert_eq!(predict_inner(&t), None);
    }

    #[test]
    fn a_faster_ticker_gets_further_before_the_abort() {
        let t = run_with(KNOBS, run, &[("n", "10"), ("interval", "30")]);
        assert_eq!(
            t.values(Kind::Body),
            ["0", "1", "2", "3", "4", "5", "6", "7"]
        );
        assert!(t
            .notation(|_| true)
            .ends_with("t250 cancel(abort) W R∅ D D T✕270 C(gen-state)"));
    }

    #[test]
    fn extreme_knobs_run_to_the_end() {
        for (n, interval, stop_at) in [
            ("1", "10", "0"),
            ("10", "1000", "2000"),
            ("10", "10", "2000"),
        ] {
            let t = run_with(
                KNOBS,
                run,
                &[("n", n), ("interval", interval), ("stop_at", stop_at)],
            );
            assert_eq!(t.status, trace::Status::Finished);
        }
    }
}
