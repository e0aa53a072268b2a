//! Lesson 1: what `while let Some(x) = s.next().await` calls — one
//! `poll_next` per item, and one more that returns `Ready(None)`.

use crate::prelude::*;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[Knob::int("n", 3, 0, 10, "items", "项数")];

// ANCHOR: demo
pub async fn run(k: Knobs) {
    let n = k.u("n");
    let mut numbers = traced("numbers", stream::iter(0..n));
    while let Some(x) = numbers.next().await {
        body(x);
    }
    note("exit");
    // `numbers` is dropped here, at the end of its scope: D
}
// ANCHOR_END: demo

/// "How many times did the loop poll `numbers`?" — 0: once per item,
/// 1: once per item and once more (the `R∅`), 2: twice per item.
pub fn predict_polls(t: &Trace) -> Option<usize> {
    let lane = t.lanes.iter().position(|l| l == "numbers")?;
    let on_lane = |kind: Kind| {
        t.events
            .iter()
            .filter(|e| usize::from(e.lane) == lane && e.kind == kind)
            .count()
    };
    if on_lane(Kind::End) == 0 {
        return None; // the loop has not finished yet
    }
    let items = on_lane(Kind::Yield);
    let polls = items + on_lane(Kind::Pending) + on_lane(Kind::End);
    if polls == items + 1 {
        Some(1)
    } else if polls == items {
        Some(0)
    } else if polls == 2 * items {
        Some(2)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{run_default, run_with};

    #[test]
    fn default_timeline_is_the_reference() {
        let t = run_default(super::KNOBS, super::run);
        // Everything is ready at once: no P (Pending), no W (wake), all at t0.
        assert_eq!(
            t.notation(|_| true),
            "t0 R(0) B(0) R(1) B(1) R(2) B(2) R∅ exit D"
        );
        assert_eq!(t.status, trace::Status::Finished);
    }

    #[test]
    fn no_items_is_one_poll_that_returns_none() {
        let t = run_with(super::KNOBS, super::run, &[("n", "0")]);
        assert_eq!(t.notation(|_| true), "t0 R∅ exit D");
        assert_eq!(super::predict_polls(&t), Some(1));
    }

    #[test]
    fn the_loop_polls_once_per_item_and_once_more() {
        for n in ["1", "3", "5", "10"] {
            let t = run_with(super::KNOBS, super::run, &[("n", n)]);
            assert_eq!(super::predict_polls(&t), Some(1), "n = {n}");
        }
    }

    #[test]
    fn the_prediction_needs_a_finished_loop() {
        let mut t = run_default(super::KNOBS, super::run);
        t.events.retain(|e| e.kind != trace::Kind::End);
        assert_eq!(super::predict_polls(&t), None);
    }
}
