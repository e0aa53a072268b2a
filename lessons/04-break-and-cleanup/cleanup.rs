//! Lesson 4: `break` leaves the loop, but the stream lives until the end of
//! its scope — that drop is when its cleanup runs.

use crate::prelude::*;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[
    Knob::int("n", 5, 1, 20, "items", "条目数"),
    Knob::ms("delay", 100, 0, 2000, "delay per item", "每项耗时"),
    Knob::int("break_at", 1, 0, 20, "break after item", "处理完第几项后 break"),
];

// ANCHOR: demo
pub async fn run(k: Knobs) {
    let (n, delay, break_at) = (k.u("n"), k.u("delay"), k.u("break_at"));
    {
        let mut items = traced("gen", numbers(n, delay));
        while let Some(x) = items.next().await {
            body(x);
            if x == break_at {
                note("break");
                break;
            }
        }
        note("after loop");
    } // `items` is dropped here, and with it the generator's state
    note("after scope");
}

fn numbers(n: u64, delay: u64) -> impl Stream<Item = u64> {
    let state = (0, Guard::new("gen-state"));
    stream::unfold(state, move |(i, guard)| async move {
        if i == n {
            return None; // `guard` is dropped here: the stream ended
        }
        sleep(delay).await;
        Some((i, (i + 1, guard)))
    })
}
// ANCHOR_END: demo

#[cfg(test)]
mod tests {
    use crate::testing::{no_timers, run_default, run_with};

    #[test]
    fn default_timeline_is_the_curriculums() {
        let t = run_default(super::KNOBS, super::run);
        assert_eq!(
            t.notation(no_timers),
            "t0 P · t100 W R(0) B(0) P · t200 W R(1) B(1) break after loop D C(gen-state) after scope"
        );
    }

    #[test]
    fn without_break_cleanup_runs_before_the_end() {
        let t = run_with(super::KNOBS, super::run, &[("n", "2"), ("break_at", "9")]);
        assert_eq!(
            t.notation(no_timers),
            "t0 P · t100 W R(0) B(0) P · t200 W R(1) B(1) C(gen-state) R∅ after loop D after scope"
        );
    }
}
