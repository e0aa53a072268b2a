//! Browser tests of the live clock: a real `futures` stream, driven by
//! `gloo-timers` in headless Chromium, must record the same events as the
//! deterministic virtual clock, at about the same times.
//!
//! Run with `cargo xtask test --only wasm` (or
//! `cargo test --target wasm32-unknown-unknown -p trace`).
#![cfg(target_arch = "wasm32")]

use futures::stream::{self, StreamExt};
use gloo_timers::future::TimeoutFuture;
use trace::{body, note, sleep, traced, Clock, Event, Guard, Kind, Run, Status};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// How late a live event may be, measured from the previous event, compared
/// with the virtual run (browser timers never fire early but may fire late,
/// especially on a busy CI machine).
const LATE_MS: f64 = 80.0;
/// A busy machine can hold a timer back far longer than `LATE_MS` now and
/// then, so a live run whose steps are late is run again, up to this many
/// times in all. Early steps and a wrong order fail at once: no load
/// explains those.
const ATTEMPTS: usize = 5;
/// How early a live event may be: `performance.now()` is coarsened by the
/// browser, and `sleep` rounds the start time to whole ms.
const EARLY_MS: f64 = 2.0;
/// Give up waiting for a live run after this long.
const DEADLINE_MS: f64 = 10_000.0;

/// The demo: three ticks 120 ms apart (more than `LATE_MS`, so a doubled
/// delay would fail), a guard whose drop is the cleanup.
async fn ticks() {
    let _conn = Guard::new("conn");
    let mut s = traced(
        "ticks",
        stream::iter(0..3u32).then(|i| async move {
            sleep(120).await;
            i
        }),
    );
    while let Some(x) = s.next().await {
        body(x);
    }
    note("after loop");
}

/// `performance.now()` in ms.
fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Polls `run.status()` every 10 ms until the run is done or the deadline passes.
async fn wait_done(run: &Run) -> Status {
    let start = now();
    while !run.status().is_done() && now() - start < DEADLINE_MS {
        TimeoutFuture::new(10).await;
    }
    run.status()
}

fn kinds(events: &[Event]) -> Vec<(Kind, String)> {
    events
        .iter()
        .map(|e| (e.kind, e.value.to_string()))
        .collect()
}

#[wasm_bindgen_test]
async fn live_run_matches_virtual_run() {
    let virt = Run::new(Clock::Virtual);
    virt.start(ticks());
    assert_eq!(virt.run_to_end(), Status::Finished);
    let expected = virt.trace();
    // The virtual run took 360 ms of virtual time.
    assert_eq!(expected.events.last().map(|e| e.t_ms()), Some(360));

    let mut late = Vec::new();
    for _ in 0..ATTEMPTS {
        let live = Run::new(Clock::Live);
        assert_eq!(live.clock(), Clock::Live);
        live.start(ticks());
        assert_eq!(
            wait_done(&live).await,
            Status::Finished,
            "live run finished"
        );
        let got = live.trace();
        assert_eq!(
            kinds(&got.events),
            kinds(&expected.events),
            "same events, same order"
        );
        assert_eq!(got.lanes, expected.lanes);
        // Each step's length: never early, and late by at most LATE_MS.
        let mut miss = None;
        for (i, pair) in got.events.windows(2).enumerate() {
            let live_gap = pair[1].t - pair[0].t;
            let virt_gap = expected.events[i + 1].t - expected.events[i].t;
            assert!(
                live_gap >= virt_gap - EARLY_MS,
                "event {} ({:?}) came early: live step {live_gap:.1} ms, virtual step {virt_gap} ms",
                i + 1,
                pair[1].kind,
            );
            if miss.is_none() && live_gap > virt_gap + LATE_MS {
                miss = Some(format!(
                    "event {} ({:?}): live step {live_gap:.1} ms, virtual step {virt_gap} ms",
                    i + 1,
                    pair[1].kind,
                ));
            }
        }
        match miss {
            None => return,
            Some(m) => late.push(m),
        }
    }
    panic!("a step was late in each of {ATTEMPTS} live runs: {late:#?}");
}

#[wasm_bindgen_test]
async fn stopping_a_live_run_cancels_and_cleans_up() {
    // Stop after the first tick is handled and before the second: the ticks
    // are 120 ms apart, so on a busy machine the second may already be in
    // when the test looks. Such a run is not a stop mid-run; try again.
    for attempt in 1..=ATTEMPTS {
        let live = Run::new(Clock::Live);
        live.start(ticks());
        let start = now();
        while live.trace().values(Kind::Body).is_empty() && now() - start < DEADLINE_MS {
            TimeoutFuture::new(1).await;
        }
        if live.trace().values(Kind::Body).len() != 1 || live.status() != Status::Running {
            live.stop();
            assert!(
                attempt < ATTEMPTS,
                "never caught the run between its first and second tick"
            );
            continue;
        }
        live.stop();
        assert_eq!(live.status(), Status::Stopped);
        let t = live.trace();
        let bodies = t.values(Kind::Body);
        assert_eq!(bodies, ["0"], "one tick handled before the stop");
        let cancel = t.position(|e| e.kind == Kind::Cancel).expect("a cancel");
        let cleanup = t
            .position(|e| e.kind == Kind::Cleanup)
            .expect("the guard's cleanup");
        assert!(
            cancel < cleanup,
            "cancel is recorded before the cleanup it causes"
        );
        // No timer of a stopped run fires: nothing is recorded afterwards.
        let n = live.event_count();
        TimeoutFuture::new(300).await;
        assert_eq!(live.event_count(), n, "no events after stop");
        return;
    }
}

/// Slow motion: a live run slowed 3× takes three times as long in real
/// time, and records the demo's own times (as the virtual clock does).
#[wasm_bindgen_test]
async fn a_slowed_live_run_records_the_demos_own_times() {
    let virt = {
        let run = Run::new(Clock::Virtual);
        run.start(ticks());
        run.run_to_end();
        run.trace()
    };
    let end_virtual = virt.events.last().map_or(0.0, |e| e.t);
    let mut late = Vec::new();
    for _ in 0..ATTEMPTS {
        let run = Run::new(Clock::Live);
        run.set_slowdown(3.0);
        let started = now();
        run.start(ticks());
        assert_eq!(wait_done(&run).await, Status::Finished);
        let real = now() - started;
        let live = run.trace();
        assert_eq!(
            kinds(&live.events),
            kinds(&virt.events),
            "same events, same order"
        );
        // Never faster than three times the demo's time …
        assert!(
            real >= 3.0 * (end_virtual - EARLY_MS),
            "real {real} ms for {end_virtual} demo ms"
        );
        // … and recorded in the demo's own time (lateness is divided by the
        // slowdown too); a busy machine may hold a timer back: try again.
        let end_live = live.events.last().map_or(0.0, |e| e.t);
        assert!(
            end_live >= end_virtual - EARLY_MS,
            "recorded end {end_live} ms, virtual {end_virtual} ms"
        );
        if end_live - end_virtual <= LATE_MS {
            return;
        }
        late.push(format!(
            "recorded end {end_live:.1} ms, virtual {end_virtual} ms"
        ));
    }
    panic!("every slowed run was late: {late:?}");
}

/// A live run that waits for something nobody will ever send ends as
/// `Stalled` (a hang), as the same run on the virtual clock does, instead
/// of looking as if it were still running.
#[wasm_bindgen_test]
async fn a_live_run_that_nothing_can_wake_is_stalled() {
    async fn hang() {
        let (_tx, rx) = futures::channel::oneshot::channel::<u32>();
        sleep(30).await;
        note("waiting for a reply nobody sends");
        // `_tx` lives as long as this future: `rx` never resolves.
        let _ = rx.await;
        note("never");
    }
    let virt = Run::new(Clock::Virtual);
    virt.start(hang());
    assert_eq!(virt.run_to_end(), Status::Stalled);

    let live = Run::new(Clock::Live);
    live.start(hang());
    TimeoutFuture::new(5).await;
    assert_eq!(
        live.status(),
        Status::Running,
        "a timer is pending: not stalled yet"
    );
    assert_eq!(wait_done(&live).await, Status::Stalled);
    assert_eq!(kinds(&live.trace().events), kinds(&virt.trace().events));
}
