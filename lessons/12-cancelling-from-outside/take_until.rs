//! Lesson 12: `take_until` ends a stream when another future completes —
//! here a timer, like a sensor pipeline stopped after a fixed time.

use crate::prelude::*;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[
    Knob::ms(
        "interval",
        100,
        10,
        1000,
        "delay per reading",
        "每次读数间隔",
    ),
    Knob::ms("stop_at", 350, 0, 2000, "stop at", "在何时停止"),
];

// ANCHOR: demo
pub async fn run(k: Knobs) {
    let (interval, stop_at) = (k.u("interval"), k.u("stop_at"));
    let inner = traced("sensor", sensor(interval));
    let readings = inner.take_until(sleep(stop_at));
    let mut readings = traced("take_until", readings);
    while let Some(x) = readings.next().await {
        body(x);
    }
}

fn sensor(interval: u64) -> impl Stream<Item = u64> {
    let state = (0, Guard::new("sensor-state"));
    stream::unfold(state, move |(i, guard)| async move {
        sleep(interval).await;
        Some((i, (i + 1, guard))) // never ends by itself
    })
}
// ANCHOR_END: demo

/// The question's case is the default knobs (answer 1). Options: 0 = the
/// reading in flight is still delivered, then the stream
/// ends; 1 = the stream ends at once and the reading in flight is cancelled
/// (its timer cleared); 2 = the stream waits for that reading, then drops it.
pub fn predict_in_flight(t: &Trace) -> Option<usize> {
    let lane = |name: &str| t.lanes.iter().position(|l| l == name);
    let (sensor, outer) = (lane("sensor")?, lane("take_until")?);
    let on = |lane: usize| move |e: &&Event| usize::from(e.lane) == lane;
    let end = t.position(|e| usize::from(e.lane) == outer && e.kind == Kind::End)?;
    let (before, after) = t.events.split_at(end);
    let cleared_after_end = after
        .iter()
        .filter(on(sensor))
        .any(|e| e.kind == Kind::TimerClear);
    let last_outer = before.iter().filter(on(outer)).last();
    Some(if cleared_after_end {
        1
    } else if last_outer.is_some_and(|e| e.kind == Kind::Yield) {
        0
    } else {
        2
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{run_default, run_with};

    #[test]
    fn default_timeline_is_the_reference() {
        let t = run_default(KNOBS, run);
        assert_eq!(
            t.notation(|_| true),
            "t0 T+350 T+100 P P · t100 W W R(0) R(0) B(0) T+100 P P · \
             t200 W W R(1) R(1) B(1) T+100 P P · t300 W W R(2) R(2) B(2) T+100 P P · \
             t350 W R∅ D D T✕400 C(sensor-state)"
        );
        assert_eq!(t.lanes, ["main", "sensor", "take_until"]);
        assert_eq!(t.values(Kind::Body), ["0", "1", "2"]);
        assert_eq!(predict_in_flight(&t), Some(1));
    }

    #[test]
    fn the_stop_ends_the_wrapper_without_polling_the_sensor() {
        let t = run_default(KNOBS, run);
        let at_350 = t.at_ms(350);
        // The stop timer woke the wrapper only; the sensor is never polled
        // again, only dropped (its pending timer cleared, its state cleaned up).
        assert_eq!(
            at_350,
            [
                "take_until:W",
                "take_until:R∅",
                "take_until:D",
                "sensor:D",
                "sensor:T✕400",
                "sensor:C(sensor-state)"
            ]
        );
    }

    #[test]
    fn a_stop_due_with_a_reading_wins() {
        // The stop timer was set first, so at t300 it fires first: reading 2
        // is never delivered.
        let t = run_with(KNOBS, run, &[("stop_at", "300")]);
        assert_eq!(t.values(Kind::Body), ["0", "1"]);
        assert!(t
            .notation(|_| true)
            .ends_with("t300 W R∅ D D T✕300 C(sensor-state)"));
        assert_eq!(predict_in_flight(&t), Some(1));
    }

    #[test]
    fn extreme_knobs_run_to_the_end() {
        for (interval, stop_at) in [("10", "2000"), ("1000", "0"), ("10", "0"), ("1000", "2000")] {
            let t = run_with(KNOBS, run, &[("interval", interval), ("stop_at", stop_at)]);
            assert_eq!(t.status, trace::Status::Finished);
            assert!(t.events.len() < 2_000);
        }
    }
}
