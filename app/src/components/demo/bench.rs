//! A hidden benchmark of the timeline, behind `?bench=10000` on any page
//! with a demo (a button appears at the bottom of each panel). It is a
//! measurement, not a test: `end2end/bench/timeline.mjs` clicks the button
//! in a release build and prints the numbers.
//!
//! It loads a *recorded* run of `n` events (a real virtual-clock run of a
//! traced stream), then measures, each time up to the next painted frame:
//! the first render (layout, timeline and the `n`-item transcript), "fit
//! all" (the overview of every event), and the frame times while replaying
//! through the run one event per frame, both fitted and at zoom 1.

use std::time::Duration;

use crate::timeline_model::Scale;
use futures::channel::oneshot;
use futures::stream;
use leptos::prelude::*;
use trace::{body, sleep, traced, Clock, Status};

use super::{now_ms, DemoState, Phase, Step};

/// A recorded run of at least `n` events (a stream of `n / 5` items, one
/// per ms: timer, Pending, wake, yield, body each), cut to `n`.
fn recorded(n: usize) -> trace::Trace {
    let items = (n / 5 + 1) as u32;
    let mut t = trace::run_virtual(async move {
        let mut s = traced(
            "ticks",
            stream::unfold(0u32, move |i| async move {
                if i == items {
                    return None;
                }
                sleep(1).await;
                Some((i, i + 1))
            }),
        );
        while let Some(x) = s.next().await {
            body(x);
        }
    });
    t.events.truncate(n);
    t
}

/// Resolves at the next animation frame, with its time.
async fn next_frame() -> f64 {
    let (tx, rx) = oneshot::channel();
    request_animation_frame(move || {
        let _ = tx.send(now_ms());
    });
    rx.await.unwrap_or_else(|_| now_ms())
}

/// Resolves once the next frame has been painted (a task after its
/// animation-frame callbacks), with the time.
async fn after_paint() -> f64 {
    let (tx, rx) = oneshot::channel();
    request_animation_frame(move || {
        set_timeout(
            move || {
                let _ = tx.send(now_ms());
            },
            Duration::ZERO,
        );
    });
    rx.await.unwrap_or_else(|_| now_ms())
}

/// Steps through `frames` events, one per frame; returns the frame times.
async fn replay(state: DemoState, frames: usize) -> Vec<f64> {
    let mut last = next_frame().await;
    let mut out = Vec::with_capacity(frames);
    for _ in 0..frames {
        state.step(Step::Next);
        let t = next_frame().await;
        out.push(t - last);
        last = t;
    }
    out
}

/// `{"mean":…,"p95":…,"max":…}` of frame times, ms.
fn stats(mut v: Vec<f64>) -> String {
    v.sort_by(f64::total_cmp);
    let mean = v.iter().sum::<f64>() / v.len().max(1) as f64;
    let p95 = v.get(v.len() * 95 / 100).copied().unwrap_or(0.0);
    let max = v.last().copied().unwrap_or(0.0);
    format!(
        "{{\"frames\":{},\"mean_ms\":{mean:.2},\"p95_ms\":{p95:.2},\"max_ms\":{max:.2}}}",
        v.len()
    )
}

/// The width of this panel's timeline viewport, px.
fn viewport_width(state: DemoState) -> f64 {
    let sel = format!("section.demo[data-bench-uid=\"{}\"] .tl-scroll", state.uid);
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&sel).ok().flatten())
        .map_or(640.0, |el| f64::from(el.client_width()))
}

fn count(state: DemoState, what: &str) -> u32 {
    let sel = format!("section.demo[data-bench-uid=\"{}\"] {what}", state.uid);
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all(&sel).ok())
        .map_or(0, |l| l.length())
}

async fn measure(state: DemoState, n: usize) -> String {
    let trace = recorded(n);
    let t0 = now_ms();
    state.clear();
    state
        .record
        .extend(trace.lanes.clone(), trace.events.clone());
    let layout_ms = now_ms() - t0;
    state
        .phase
        .set(Phase::Done(Clock::Virtual, Status::Finished));
    let first_render_ms = after_paint().await - t0;
    let markers = count(state, ".tl-marks .ev");
    // The transcript fills a chunk per frame; replay once it is whole.
    while count(state, "ol.transcript[aria-busy=\"true\"]") > 0 && now_ms() - t0 < 60_000.0 {
        next_frame().await;
    }
    let transcript_ms = after_paint().await - t0;
    let items = count(state, "ol.transcript > li");

    // Replay at zoom 1: every marker in view is its own element.
    let detail = stats(replay(state, 300).await);

    // Fit all: the overview of every event.
    let w = viewport_width(state);
    let t1 = now_ms();
    state
        .record
        .relayout(|m| m.set_scale(Scale::at_zoom(m.fit_zoom(w))));
    let fit_render_ms = after_paint().await - t1;
    let overview = stats(replay(state, 120).await);

    format!(
        "{{\"events\":{n},\"layout_ms\":{layout_ms:.1},\"first_render_ms\":{first_render_ms:.1},\
         \"markers_in_dom\":{markers},\"transcript_items\":{items},\"transcript_complete_ms\":{transcript_ms:.1},\
         \"replay_zoom1\":{detail},\"fit_all_render_ms\":{fit_render_ms:.1},\"replay_fit_all\":{overview}}}"
    )
}

/// The bench button and its report (`<output class="bench-result">`).
#[component]
pub fn BenchButton(
    /// The panel's shared state.
    state: DemoState,
    /// How many events to render.
    n: usize,
) -> impl IntoView {
    let result = RwSignal::new(String::new());
    let run = move |_| {
        result.set(String::new());
        leptos::task::spawn_local(async move {
            let report = measure(state, n).await;
            leptos::logging::log!("bench {report}");
            result.try_set(report);
        });
    };
    view! {
        <div class="demo-bench">
            <button type="button" class="btn" data-action="bench" on:click=run>
                {format!("Bench: {n} events")}
            </button>
            <output class="bench-result">{move || result.get()}</output>
        </div>
    }
}
