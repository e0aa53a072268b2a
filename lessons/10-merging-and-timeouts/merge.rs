//! Lesson 10, first demo: `stream::select` merges two streams, yielding
//! whichever has an item first; it ends when both have ended.

use crate::prelude::*;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[
    Knob::int("fast_n", 3, 0, 8, "fast: items", "fast：项数"),
    Knob::ms(
        "fast_ms",
        30,
        1,
        500,
        "fast: time per item",
        "fast：每项耗时",
    ),
    Knob::int("slow_n", 2, 0, 8, "slow: items", "slow：项数"),
    Knob::ms(
        "slow_ms",
        50,
        1,
        500,
        "slow: time per item",
        "slow：每项耗时",
    ),
];

// ANCHOR: demo
pub async fn run(k: Knobs) {
    let (fast_n, fast_ms) = (k.u("fast_n"), k.u("fast_ms"));
    let (slow_n, slow_ms) = (k.u("slow_n"), k.u("slow_ms"));
    let fast = traced("fast", ticks("fast", fast_n, fast_ms));
    let slow = traced("slow", ticks("slow", slow_n, slow_ms));
    let mut merged = stream::select(fast, slow);
    while let Some(x) = merged.next().await {
        body(x);
    }
    note("end");
} // `merged` is dropped here, with `fast` and `slow`

fn ticks(
    name: &'static str,
    n: u64,
    every: u64, // ms per item
) -> impl Stream<Item = String> {
    let state = (0, Guard::new(name));
    stream::unfold(state, move |(i, guard)| async move {
        if i == n {
            return None; // `guard` is dropped: the cleanup
        }
        sleep(every).await;
        Some((format!("{name}{i}"), (i + 1, guard)))
    })
}
// ANCHOR_END: demo

/// "When does `C(fast)` appear?" — 0: while `slow` is still producing (before
/// its last item); 1: after every item, before `end`; 2: only after `end`.
pub fn predict_fast_cleanup(t: &Trace) -> Option<usize> {
    let at = |f: &dyn Fn(&Event) -> bool| t.events.iter().position(f);
    let cleanup = at(&|e| e.kind == Kind::Cleanup && e.value == "fast")?;
    let end = at(&|e| e.kind == Kind::Note && e.value == "end")?;
    let last_item = t.events.iter().rposition(|e| e.kind == Kind::Body);
    Some(match last_item {
        _ if cleanup > end => 2,
        Some(last) if cleanup < last => 0,
        _ => 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{no_timers, run_default, run_with};

    #[test]
    fn default_timeline_is_the_reference() {
        let t = run_default(KNOBS, run);
        let items = |e: &Event| matches!(e.kind, Kind::Body | Kind::Cleanup | Kind::Note);
        assert_eq!(
            t.notation(items),
            "t30 B(fast0) · t50 B(slow0) · t60 B(fast1) · t90 B(fast2) C(fast) \
             · t100 B(slow1) C(slow) end"
        );
        // Every poll, as in reference-timelines.txt L10: `select` takes
        // turns, starting with the stream it did not poll first last time.
        assert_eq!(
            t.notation(no_timers),
            "t0 P P \
             · t30 W P R(fast0) B(fast0) P P \
             · t50 W R(slow0) B(slow0) P P \
             · t60 W P R(fast1) B(fast1) P P \
             · t90 W P R(fast2) B(fast2) C(fast) R∅ P \
             · t100 W R(slow1) B(slow1) C(slow) R∅ end D D"
        );
        assert_eq!(t.lanes, ["main", "fast", "slow"]);
    }

    #[test]
    fn every_item_arrives_in_time_order_and_cleanup_follows_each_end() {
        for (fast_ms, slow_ms) in [(30, 50), (60, 50), (1, 500), (500, 1)] {
            let (f, s) = (fast_ms.to_string(), slow_ms.to_string());
            let t = run_with(KNOBS, run, &[("fast_ms", &f), ("slow_ms", &s)]);
            let bodies: Vec<_> = t.events.iter().filter(|e| e.kind == Kind::Body).collect();
            assert_eq!(bodies.len(), 5);
            assert!(bodies.windows(2).all(|w| w[0].t <= w[1].t));
            for name in ["fast", "slow"] {
                let c = t
                    .events
                    .iter()
                    .find(|e| e.kind == Kind::Cleanup && e.value == name)
                    .expect("cleanup");
                let last = bodies
                    .iter()
                    .rev()
                    .find(|e| e.value.starts_with(name))
                    .expect("item");
                assert_eq!(c.t, last.t, "{name} is cleaned up when it ends");
            }
        }
    }

    #[test]
    fn empty_streams_end_at_once() {
        let t = run_with(KNOBS, run, &[("fast_n", "0"), ("slow_n", "0")]);
        assert_eq!(t.notation(no_timers), "t0 C(fast) R∅ C(slow) R∅ end D D");
    }

    #[test]
    fn the_try_this_claims_hold() {
        let t = run_with(KNOBS, run, &[("fast_ms", "60")]);
        let c = t
            .events
            .iter()
            .find(|e| e.kind == Kind::Cleanup && e.value == "fast");
        assert_eq!(c.map(Event::t_ms), Some(180));
        let t = run_with(KNOBS, run, &[("fast_n", "0")]);
        assert!(t.notation(no_timers).starts_with("t0 C(fast) R∅ P · t50"));
    }

    #[test]
    fn predict_follows_the_trace() {
        assert_eq!(predict_fast_cleanup(&run_default(KNOBS, run)), Some(0));
        let t = run_with(KNOBS, run, &[("fast_ms", "60")]);
        assert_eq!(predict_fast_cleanup(&t), Some(1));
        assert_eq!(predict_fast_cleanup(&Trace::default()), None);
    }
}
