//! Lesson 3: an "async generator" in stable Rust — `stream::unfold` over a
//! state that owns a resource. When the generator returns `None`, its state
//! (and the resource) is dropped in that same poll: cleanup comes before `R∅`.

use crate::prelude::*;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[
    Knob::int("n", 3, 0, 10, "items", "项数"),
    Knob::ms("delay", 100, 0, 2000, "delay per item", "每项延迟"),
];

// ANCHOR: demo
pub async fn run(k: Knobs) {
    let (n, delay) = (k.u("n"), k.u("delay"));
    let mut ticks = traced("gen", ticks(n, delay));
    while let Some(x) = ticks.next().await {
        body(x);
    }
    note("exit");
}

fn ticks(n: u64, delay: u64) -> impl Stream<Item = u64> {
    // The guard plays the part of `try:` … `finally:`.
    let state = (0, Guard::new("gen-state"));
    stream::unfold(state, move |(i, guard)| async move {
        if i == n {
            // The end: `guard` is dropped right here.
            return None;
        }
        sleep(delay).await;
        // Yield `i`, and keep the state for next time.
        Some((i, (i + 1, guard)))
    })
}
// ANCHOR_END: demo

/// "Where does `C(gen-state)` appear?" — 0: before `R∅`, 1: after `R∅` but
/// before `exit`, 2: after `exit`, once the stream is dropped (`D`).
pub fn predict_cleanup(t: &Trace) -> Option<usize> {
    let cleanup = t.position(|e| e.kind == Kind::Cleanup && e.value == "gen-state")?;
    let end = t.position(|e| e.kind == Kind::End);
    let exit = t.position(|e| e.kind == Kind::Note && e.value == "exit");
    Some(match (end, exit) {
        (Some(end), _) if cleanup < end => 0,
        (_, Some(exit)) if cleanup < exit => 1,
        (_, Some(_)) => 2,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use crate::testing::{no_timers, run_default, run_with};

    #[test]
    fn default_timeline_is_the_reference() {
        let t = run_default(super::KNOBS, super::run);
        assert_eq!(
            t.notation(no_timers),
            "t0 P · t100 W R(0) B(0) P · t200 W R(1) B(1) P · t300 W R(2) B(2) C(gen-state) R∅ exit D"
        );
        assert_eq!(super::predict_cleanup(&t), Some(0));
    }

    #[test]
    fn the_cleanup_happens_in_the_generators_lane() {
        let t = run_default(super::KNOBS, super::run);
        let gen = t.lanes.iter().position(|l| l == "gen").expect("lane");
        let c = t
            .events
            .iter()
            .find(|e| e.kind == trace::Kind::Cleanup)
            .expect("cleanup");
        assert_eq!(usize::from(c.lane), gen);
        assert_eq!(c.t_ms(), 300);
    }

    #[test]
    fn an_empty_generator_cleans_up_on_its_first_poll() {
        let t = run_with(super::KNOBS, super::run, &[("n", "0")]);
        assert_eq!(t.notation(|_| true), "t0 C(gen-state) R∅ exit D");
        assert_eq!(super::predict_cleanup(&t), Some(0));
    }

    #[test]
    fn the_prediction_reads_the_cleanups_position() {
        let t = run_default(super::KNOBS, super::run);
        let moved_after = |kind: trace::Kind| {
            let mut t = t.clone();
            let from = t.position(|e| e.kind == trace::Kind::Cleanup).expect("C");
            let c = t.events.remove(from);
            let at = t.position(|e| e.kind == kind).expect("event") + 1;
            t.events.insert(at, c);
            super::predict_cleanup(&t)
        };
        assert_eq!(moved_after(trace::Kind::End), Some(1));
        assert_eq!(moved_after(trace::Kind::Drop), Some(2));
    }

    #[test]
    fn the_delay_sets_the_pace() {
        let t = run_with(super::KNOBS, super::run, &[("n", "2"), ("delay", "40")]);
        assert_eq!(
            t.notation(no_timers),
            "t0 P · t40 W R(0) B(0) P · t80 W R(1) B(1) C(gen-state) R∅ exit D"
        );
    }
}
