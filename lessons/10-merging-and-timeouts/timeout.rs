//! Lesson 10, second demo: a timeout per item, with
//! `future::select(items.next(), sleep(timeout))`. When the timer wins, only
//! the `next()` future is dropped: the stream keeps its item in flight.

use crate::prelude::*;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[
    Knob::ms("timeout", 120, 20, 1000, "timeout per item", "每项超时"),
    Knob::ms("d0", 100, 0, 1000, "item 0 takes", "第 0 项耗时"),
    Knob::ms("d1", 300, 0, 1000, "item 1 takes", "第 1 项耗时"),
    Knob::ms("d2", 100, 0, 1000, "item 2 takes", "第 2 项耗时"),
];

// ANCHOR: demo
pub async fn run(k: Knobs) {
    let timeout = k.u("timeout");
    let delays = [k.u("d0"), k.u("d1"), k.u("d2")];
    let mut items = traced("gen", slow_items(delays));
    loop {
        let timer = sleep(timeout); // new timer each round
        match future::select(items.next(), timer).await {
            Either::Left((Some(x), _timer)) => body(x),
            Either::Left((None, _timer)) => {
                note("exhausted");
                break;
            }
            // Timer won: only the `next()` future is dropped.
            Either::Right(((), _next)) => note("timeout"),
        }
    }
}

fn slow_items(delays: [u64; 3]) -> impl Stream<Item = u64> {
    stream::iter(0..3u64).then(move |i| async move {
        sleep(delays[i as usize]).await;
        i
    })
}
// ANCHOR_END: demo

/// "Which item comes first after a timeout?" — 0: item 2 (item 1 was lost),
/// 1: none (the stream ended), 2: item 1 (it kept going).
pub fn predict_after_timeout(t: &Trace) -> Option<usize> {
    let timeout = t
        .events
        .iter()
        .position(|e| e.kind == Kind::Note && e.value == "timeout")?;
    let next = t.events[timeout..]
        .iter()
        .find(|e| e.kind == Kind::Body || (e.kind == Kind::Note && e.value == "exhausted"))?;
    Some(match (next.kind, next.value.as_ref()) {
        (Kind::Body, "2") => 0,
        (Kind::Body, _) => 2,
        _ => 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{run_default, run_with};

    #[test]
    fn default_timeline_is_the_reference() {
        let t = run_default(KNOBS, run);
        let items = |e: &Event| matches!(e.kind, Kind::Body | Kind::Note);
        assert_eq!(
            t.notation(items),
            "t100 B(0) · t220 timeout · t340 timeout · t400 B(1) · t500 B(2) exhausted"
        );
        // With every timer, as in reference-timelines.txt L10b. The stream's
        // own 300 ms timer (set at t100, due t400) is never cleared.
        assert_eq!(
            t.notation(|_| true),
            "t0 T+120 T+100 P \
             · t100 W R(0) B(0) T✕120 T+120 T+300 P \
             · t220 P timeout T+120 P \
             · t340 P timeout T+120 P \
             · t400 W R(1) B(1) T✕460 T+120 T+100 P \
             · t500 W R(2) B(2) T✕520 T+120 R∅ exhausted T✕620 D"
        );
        assert_eq!(t.lanes, ["main", "gen"]);
    }

    #[test]
    fn no_item_is_lost_whatever_the_timeout() {
        // Timeouts that divide none of the waits, so no timer ties.
        for timeout in [33u64, 70, 120, 350, 999] {
            for d1 in [0u64, 300, 1000] {
                let (to, d) = (timeout.to_string(), d1.to_string());
                let t = run_with(KNOBS, run, &[("timeout", &to), ("d1", &d)]);
                assert_eq!(t.status, trace::Status::Finished);
                assert_eq!(t.values(Kind::Body), ["0", "1", "2"]);
                // Item 1 arrives d0 + d1 after the start, timeouts or not.
                let one = t
                    .events
                    .iter()
                    .find(|e| e.kind == Kind::Body && e.value == "1");
                assert_eq!(one.map(Event::t_ms), Some(100 + d1 as i64));
                // Only timeout timers (main lane) are ever cleared, never the
                // stream's own.
                assert!(t
                    .events
                    .iter()
                    .filter(|e| e.kind == Kind::TimerClear)
                    .all(|e| e.lane == 0));
                // One timeout per whole `timeout` that passes while waiting.
                let want: u64 = [100, d1, 100].iter().map(|w| w / timeout).sum();
                let got = t
                    .values(Kind::Note)
                    .iter()
                    .filter(|v| **v == "timeout")
                    .count();
                assert_eq!(got as u64, want, "timeout={timeout} d1={d1}");
            }
        }
    }

    #[test]
    fn a_tie_goes_to_the_timer_created_first() {
        // timeout = 100: at t100 and t500 the timeout's timer was created
        // just before the stream's, so it fires first; at t400 the stream's
        // timer (created at t100) is older. Items still come at 100/400/500.
        let t = run_with(KNOBS, run, &[("timeout", "100")]);
        let items = |e: &Event| matches!(e.kind, Kind::Body | Kind::Note);
        assert_eq!(
            t.notation(items),
            "t100 timeout B(0) · t200 timeout · t300 timeout · t400 B(1) · t500 timeout B(2) exhausted"
        );
    }

    #[test]
    fn the_try_this_claims_hold() {
        let timeouts = |t: &Trace| {
            t.values(Kind::Note)
                .iter()
                .filter(|v| **v == "timeout")
                .count()
        };
        // timeout = 1000: none; every round's timer is set and cleared.
        let t = run_with(KNOBS, run, &[("timeout", "1000")]);
        assert_eq!(timeouts(&t), 0);
        let main_sets = t
            .events
            .iter()
            .filter(|e| e.lane == 0 && e.kind == Kind::TimerSet);
        let main_clears = t
            .events
            .iter()
            .filter(|e| e.lane == 0 && e.kind == Kind::TimerClear);
        assert_eq!((main_sets.count(), main_clears.count()), (4, 4));
        // timeout = 40: 2 while item 0 comes, 7 while item 1 does; item 1 at t400.
        let t = run_with(KNOBS, run, &[("timeout", "40")]);
        let notes = t.notation(|e| matches!(e.kind, Kind::Body | Kind::Note));
        let before = |item: &str| {
            notes
                .split(item)
                .next()
                .map(|s| s.matches("timeout").count())
        };
        assert_eq!(before("B(0)"), Some(2));
        assert_eq!(before("B(1)"), Some(9));
        assert!(notes.contains("t400 B(1)"), "{notes}");
        // d1 = 0: no timeout at all.
        assert_eq!(timeouts(&run_with(KNOBS, run, &[("d1", "0")])), 0);
    }

    #[test]
    fn predict_follows_the_trace() {
        // The question's case is the default run: item 1 comes next.
        assert_eq!(predict_after_timeout(&run_default(KNOBS, run)), Some(2));
        let no_timeout = run_with(KNOBS, run, &[("timeout", "1000")]);
        assert_eq!(predict_after_timeout(&no_timeout), None);
    }
}
