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
        "delay per reading (interval)",
        "每次读数间隔 (interval)",
    ),
    Knob::ms("stop_at", 350, 0, 2000, "stop at (stop_at)", "在何时停止 (stop_at)"),
];

// ANCHOR: demo
pub async fn run(k: Knobs) {
    let (interval, stop_at) = (k.u("interval"), k.u("stop_at"));
    let readings = sensor(interval).take_until(sleep(stop_at));
    let mut readings = traced("sensor", readings);
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

/// Options: 0 = the reading in flight is still delivered, then the stream
/// ends; 1 = the stream ends at once and the reading in flight is cancelled
/// (its timer cleared); 2 = the stream waits for that reading, then drops it.
pub fn predict_in_flight(t: &Trace) -> Option<usize> {
    let sensor = t.lanes.iter().position(|l| l == "sensor")?;
    let on_sensor: Vec<&Event> = t
        .events
        .iter()
        .filter(|e| usize::from(e.lane) == sensor)
        .collect();
    let end = on_sensor.iter().position(|e| e.kind == Kind::End)?;
    let cleared_after_end = on_sensor[end..].iter().any(|e| e.kind == Kind::TimerClear);
    let before_end = end.checked_sub(1).and_then(|i| on_sensor.get(i));
    Some(if cleared_after_end {
        1
    } else if before_end.is_some_and(|e| e.kind == Kind::Yield) {
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
    fn default_timeline_is_the_curriculums() {
        let t = run_default(KNOBS, run);
        assert_eq!(
            t.notation(|_| true),
            "t0 T+350 T+100 P · t100 W R(0) B(0) T+100 P · t200 W R(1) B(1) T+100 P · \
             t300 W R(2) B(2) T+100 P · t350 W R∅ D T✕400 C(sensor-state)"
        );
        assert_eq!(t.values(Kind::Body), ["0", "1", "2"]);
        assert_eq!(predict_in_flight(&t), Some(1));
    }

    #[test]
    fn a_stop_due_with_a_reading_wins() {
        // The stop timer was set first, so at t300 it fires first: reading 2
        // is never delivered.
        let t = run_with(KNOBS, run, &[("stop_at", "300")]);
        assert_eq!(t.values(Kind::Body), ["0", "1"]);
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
