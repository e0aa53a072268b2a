//! Lesson 7: what a stream does after it returned `None` is up to the
//! stream. This one "comes back"; `.fuse()` makes `None` final and lets you
//! ask `is_terminated()`.

use std::task::Poll;

use futures::stream::FusedStream;

use crate::prelude::*;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[Knob::flag(
    "fuse",
    false,
    "wrap it in .fuse()",
    "套上 .fuse()",
)];

/// Drains a stream twice, with or without `.fuse()`.
// ANCHOR: demo
pub async fn run(k: Knobs) {
    let flaky = traced("flaky", flaky());
    if k.flag("fuse") {
        let mut s = flaky.fuse();
        drain("first pass", &mut s).await;
        let done = s.is_terminated();
        note(format!("is_terminated = {done}"));
        drain("second pass", &mut s).await;
    } else {
        let mut s = flaky;
        drain("first pass", &mut s).await;
        drain("second pass", &mut s).await;
    }
}

async fn drain(
    pass: &str,
    s: &mut (impl Stream<Item = u64> + Unpin),
) {
    let items: Vec<u64> = s.collect().await;
    note(format!("{pass}: {items:?}"));
}

/// 1, 2, None, 4, 5, None, … — legal, but surprising.
fn flaky() -> impl Stream<Item = u64> {
    let mut calls = 0;
    stream::poll_fn(move |_| {
        calls += 1;
        Poll::Ready(match calls {
            3 | 6.. => None,
            n => Some(n),
        })
    })
}
// ANCHOR_END: demo

/// "How many times is `flaky` polled during the second pass?" — 0: never,
/// 1: once (it says `None` again), 2: three times (4, 5, then `None`).
pub fn predict_second(t: &Trace) -> Option<usize> {
    let first_end = t.position(|e| e.kind == Kind::End)?;
    t.position(|e| e.kind == Kind::Note && e.value.starts_with("second pass"))?;
    let polls = t.events[first_end + 1..]
        .iter()
        .filter(|e| matches!(e.kind, Kind::Yield | Kind::End | Kind::Pending))
        .count();
    Some(match polls {
        0 => 0,
        1 => 1,
        _ => 2,
    })
}

#[cfg(test)]
mod tests {
    use super::{predict_second, run, KNOBS};
    use crate::testing::{run_default, run_with};
    use trace::{Kind, Status};

    #[test]
    fn unfused_comes_back_after_none() {
        let t = run_default(KNOBS, run);
        assert_eq!(
            t.notation(|_| true),
            "t0 R(1) R(2) R∅ first pass: [1, 2] R(4) R(5) R∅ second pass: [4, 5] D"
        );
        assert_eq!(predict_second(&t), Some(2));
    }

    #[test]
    fn fused_stays_ended_and_says_so() {
        let t = run_with(KNOBS, run, &[("fuse", "on")]);
        assert_eq!(
            t.notation(|_| true),
            "t0 R(1) R(2) R∅ first pass: [1, 2] is_terminated = true second pass: [] D"
        );
        assert_eq!(t.status, Status::Finished);
        assert_eq!(predict_second(&t), Some(0));
        // After the first `None`, `Fuse` never polls the inner stream again.
        let first_end = t.position(|e| e.kind == Kind::End).expect("an end");
        assert!(!t.events[first_end + 1..]
            .iter()
            .any(|e| matches!(e.kind, Kind::Yield | Kind::End)));
    }
}
