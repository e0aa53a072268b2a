//! Lesson 1, second demo: a stream is lazy. Creating it runs nothing; its
//! code runs only when someone polls it.

use crate::prelude::*;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[
    Knob::int("n", 3, 0, 10, "items", "项数"),
    Knob::ms("wait", 100, 0, 2000, "wait before polling", "轮询前等待"),
];

// ANCHOR: demo
pub async fn run(k: Knobs) {
    let (n, wait) = (k.u("n"), k.u("wait"));
    let squares = traced(
        "squares",
        stream::iter(0..n).map(|i| {
            note(format!("computing {i}"));
            i * i
        }),
    );
    note("stream created");
    sleep(wait).await;
    note("start iterating");
    let all: Vec<u64> = squares.collect().await;
    note(format!("collected {all:?}"));
}
// ANCHOR_END: demo

/// "When does `computing 0` appear?" — 0: before `stream created`,
/// 1: between `stream created` and `start iterating`, 2: after `start iterating`.
pub fn predict_first_step(t: &Trace) -> Option<usize> {
    let note_at = |text: &str| t.position(|e| e.kind == Kind::Note && e.value == text);
    let step = note_at("computing 0")?;
    let created = note_at("stream created")?;
    let started = note_at("start iterating");
    Some(if step < created {
        0
    } else if started.is_none_or(|s| step < s) {
        1
    } else {
        2
    })
}

#[cfg(test)]
mod tests {
    use crate::testing::{run_default, run_with};

    #[test]
    fn nothing_runs_until_the_stream_is_polled() {
        let t = run_default(super::KNOBS, super::run);
        assert_eq!(
            t.notation(|_| true),
            "t0 stream created T+100 · t100 start iterating computing 0 R(0) computing 1 R(1) \
             computing 2 R(4) R∅ D collected [0, 1, 4]"
        );
        assert_eq!(super::predict_first_step(&t), Some(2));
    }

    #[test]
    fn the_steps_run_in_the_streams_lane() {
        let t = run_default(super::KNOBS, super::run);
        let squares = t.lanes.iter().position(|l| l == "squares").expect("lane");
        let steps: Vec<_> = t
            .events
            .iter()
            .filter(|e| e.value.starts_with("computing"))
            .collect();
        assert_eq!(steps.len(), 3);
        assert!(steps.iter().all(|e| usize::from(e.lane) == squares));
    }

    #[test]
    fn waiting_longer_only_moves_the_work_later() {
        let t = run_with(super::KNOBS, super::run, &[("wait", "2000")]);
        let first = t
            .events
            .iter()
            .find(|e| e.value == "computing 0")
            .expect("the stream was polled");
        assert_eq!(first.t_ms(), 2000);
        assert_eq!(super::predict_first_step(&t), Some(2));
    }

    #[test]
    fn the_prediction_reads_the_steps_position() {
        let t = run_default(super::KNOBS, super::run);
        let moved_before = |text: &str| {
            let mut t = t.clone();
            let from = t.position(|e| e.value == "computing 0").expect("step");
            let step = t.events.remove(from);
            let at = t.position(|e| e.value == text).expect("note");
            t.events.insert(at, step);
            super::predict_first_step(&t)
        };
        assert_eq!(moved_before("stream created"), Some(0));
        assert_eq!(moved_before("start iterating"), Some(1));
    }

    #[test]
    fn with_no_items_there_is_nothing_to_compute() {
        let t = run_with(super::KNOBS, super::run, &[("n", "0"), ("wait", "0")]);
        assert_eq!(
            t.notation(|_| true),
            "t0 stream created T+0 start iterating R∅ D collected []"
        );
        assert_eq!(super::predict_first_step(&t), None);
    }
}
