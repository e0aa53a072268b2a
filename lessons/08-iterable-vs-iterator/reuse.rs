//! Lesson 8: a stream is an *iterator* — one pass, then it is used up.
//! `by_ref()` lends it to an adapter without giving it away; a factory
//! (a closure that builds a new stream per call) plays the *iterable*.

use crate::prelude::*;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[Knob::int(
    "k",
    2,
    0,
    7,
    "items taken in the first part",
    "第一段取几项",
)];

// ANCHOR: demo
pub async fn run(k: Knobs) {
    let k = k.u("k") as usize;

    // One stream is one pass; `by_ref()` lends it out.
    let mut numbers = traced("numbers", stream::iter(1..=5u64));
    let head = numbers.by_ref().take(k); // borrows `numbers`
    let first: Vec<_> = head.collect().await;
    note(format!("first = {first:?}"));
    let rest: Vec<_> = numbers.by_ref().collect().await;
    note(format!("rest = {rest:?}"));
    // This collect() takes `numbers` by value, and drops it.
    let again: Vec<_> = numbers.collect().await;
    note(format!("again = {again:?}"));

    // A factory is the iterable: each call, a fresh pass.
    let make = |lane| traced(lane, stream::iter(1..=3u64));
    let one: Vec<_> = make("make() #1").collect().await;
    note(format!("one = {one:?}"));
    let two: Vec<_> = make("make() #2").collect().await;
    note(format!("two = {two:?}"));
}
// ANCHOR_END: demo

/// The items listed in the note that starts with `label` (`"first = [1, 2]"`).
fn listed(t: &Trace, label: &str) -> Option<(usize, Vec<u64>)> {
    let prefix = format!("{label} = [");
    let (pos, e) = t
        .events
        .iter()
        .enumerate()
        .find(|(_, e)| e.kind == Kind::Note && e.value.starts_with(&prefix))?;
    let inner = e.value.strip_prefix(&prefix)?.strip_suffix(']')?;
    let items = inner
        .split(", ")
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().ok())
        .collect::<Option<Vec<u64>>>()?;
    Some((pos, items))
}

/// "Where does item 3 end up?" — 0: in `first`, 1: in `rest`, 2: nowhere
/// (pulled from `numbers` but in neither list).
pub fn predict_item3(t: &Trace) -> Option<usize> {
    let lane = t.lanes.iter().position(|l| l == "numbers")?;
    let pulled = t
        .events
        .iter()
        .position(|e| usize::from(e.lane) == lane && e.kind == Kind::Yield && e.value == "3")?;
    let (first_at, first) = listed(t, "first")?;
    if first.contains(&3) {
        return Some(0);
    }
    let (rest_at, rest) = listed(t, "rest")?;
    if rest.contains(&3) && first_at < pulled && pulled < rest_at {
        return Some(1);
    }
    Some(2)
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
            "t0 R(1) R(2) first = [1, 2] R(3) R(4) R(5) R∅ rest = [3, 4, 5] R∅ D again = [] \
             R(1) R(2) R(3) R∅ D one = [1, 2, 3] R(1) R(2) R(3) R∅ D two = [1, 2, 3]"
        );
        assert_eq!(t.lanes, ["main", "numbers", "make() #1", "make() #2"]);
    }

    #[test]
    fn take_pulls_exactly_k_items() {
        // `take(k)` stops after k items without polling once more, so no
        // item is lost between the two parts, whatever k is.
        for k in 0..=7u64 {
            let t = run_with(KNOBS, run, &[("k", &k.to_string())]);
            let (_, first) = listed(&t, "first").expect("first");
            let (_, rest) = listed(&t, "rest").expect("rest");
            let (_, again) = listed(&t, "again").expect("again");
            let split = (k as usize).min(5);
            let all: Vec<u64> = (1..=5).collect();
            assert_eq!(first, all[..split], "k={k}");
            assert_eq!(rest, all[split..], "k={k}");
            assert!(again.is_empty());
        }
    }

    #[test]
    fn take_zero_never_polls() {
        let t = run_with(KNOBS, run, &[("k", "0")]);
        assert!(t.notation(|_| true).starts_with("t0 first = [] R(1)"));
    }

    #[test]
    fn the_try_this_claims_hold() {
        let ends = |k: &str| {
            let t = run_with(KNOBS, run, &[("k", k)]);
            let lane = t.lanes.iter().position(|l| l == "numbers").expect("lane") as u16;
            t.events
                .iter()
                .filter(|e| e.lane == lane && e.kind == Kind::End)
                .count()
        };
        // k = 5: `take` stops without a sixth poll; `rest` and `again` see R∅.
        assert_eq!(ends("5"), 2);
        let t = run_with(KNOBS, run, &[("k", "5")]);
        assert_eq!(listed(&t, "rest").map(|(_, v)| v), Some(vec![]));
        // k = 7: `take` polls a sixth time too.
        assert_eq!(ends("7"), 3);
        assert_eq!(ends("2"), 2);
    }

    #[test]
    fn predict_follows_the_trace() {
        assert_eq!(predict_item3(&run_default(KNOBS, run)), Some(1));
        assert_eq!(predict_item3(&run_with(KNOBS, run, &[("k", "3")])), Some(0));
        assert_eq!(predict_item3(&run_with(KNOBS, run, &[("k", "0")])), Some(1));
        assert_eq!(predict_item3(&Trace::default()), None);
    }
}
