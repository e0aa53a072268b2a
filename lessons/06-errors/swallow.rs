//! Lesson 6, variant: three ways to meet the same `Err` in
//! `[Ok(0), Ok(1), Err, Ok(3)]`. Two of them make it vanish.

use std::fmt;

use crate::prelude::*;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[Knob::int(
    "error_at",
    2,
    0,
    4,
    "which item is the Err (4: none)",
    "第几项是 Err（4：没有）",
)];

/// Meets the same `Err` three ways: `take_while`, `filter_map`, `try_collect`.
// ANCHOR: demo
pub async fn run(k: Knobs) {
    let error_at = k.u("error_at");
    let source = |name| {
        let items = (0..4).map(move |i| item(i, error_at));
        traced(name, stream::iter(items))
    };

    // Stop at the first error, as if the stream had ended.
    let kept: Vec<u64> = source("take_while")
        .take_while(is_ok)
        .filter_map(ok)
        .collect()
        .await;
    note(format!("take_while: {kept:?}"));

    // Skip errors, keep going.
    let kept: Vec<u64> =
        source("filter_map").filter_map(ok).collect().await;
    note(format!("filter_map: {kept:?}"));

    // Let the error through: the first `Err` is the result.
    let all: Result<Vec<u64>, NetDown> =
        source("try_collect").try_collect().await;
    note(format!("try_collect: {all:?}"));
}

fn item(i: u64, error_at: u64) -> Result<u64, NetDown> {
    if i == error_at {
        Err(NetDown)
    } else {
        Ok(i)
    }
}

fn is_ok(item: &Result<u64, NetDown>) -> future::Ready<bool> {
    future::ready(item.is_ok())
}

fn ok(
    item: Result<u64, NetDown>,
) -> future::Ready<Option<u64>> {
    future::ready(item.ok())
}

#[derive(Debug)]
struct NetDown;

impl fmt::Display for NetDown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("network down")
    }
}
// ANCHOR_END: demo

#[cfg(test)]
mod tests {
    use super::{run, KNOBS};
    use crate::testing::{run_default, run_with};
    use trace::{Kind, Status};

    #[test]
    fn default_results_are_the_reference() {
        let t = run_default(KNOBS, run);
        assert_eq!(
            t.values(Kind::Note),
            vec![
                "take_while: [0, 1]",
                "filter_map: [0, 1, 3]",
                "try_collect: Err(NetDown)"
            ]
        );
    }

    #[test]
    fn default_timeline_shows_what_each_consumer_pulled() {
        let t = run_default(KNOBS, run);
        assert_eq!(
            t.notation(|_| true),
            "t0 R(Ok(0)) R(Ok(1)) E(Err(network down)) D take_while: [0, 1] \
             R(Ok(0)) R(Ok(1)) E(Err(network down)) R(Ok(3)) R∅ D filter_map: [0, 1, 3] \
             R(Ok(0)) R(Ok(1)) E(Err(network down)) D try_collect: Err(NetDown)"
        );
        // `take_while` and `try_collect` never pull `Ok(3)`.
        for lane in ["take_while", "try_collect"] {
            let pulled: Vec<_> = t
                .events
                .iter()
                .filter(|e| t.lane_name(e.lane) == lane && e.kind == Kind::Yield)
                .map(|e| e.value.as_ref())
                .collect();
            assert_eq!(pulled, vec!["Ok(0)", "Ok(1)"], "{lane}");
        }
    }

    #[test]
    fn every_position_of_the_error() {
        let expect = [
            (
                "0",
                "take_while: []",
                "filter_map: [1, 2, 3]",
                "try_collect: Err(NetDown)",
            ),
            (
                "3",
                "take_while: [0, 1, 2]",
                "filter_map: [0, 1, 2]",
                "try_collect: Err(NetDown)",
            ),
            (
                "4",
                "take_while: [0, 1, 2, 3]",
                "filter_map: [0, 1, 2, 3]",
                "try_collect: Ok([0, 1, 2, 3])",
            ),
        ];
        for (at, a, b, c) in expect {
            let t = run_with(KNOBS, run, &[("error_at", at)]);
            assert_eq!(t.status, Status::Finished);
            assert_eq!(t.values(Kind::Note), vec![a, b, c], "error_at={at}");
        }
    }
}
