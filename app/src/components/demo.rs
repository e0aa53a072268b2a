//! A live demo: code panel, knobs, controls, timeline and transcript.
//! (Stub: the timeline issue fills this in.)

use leptos::prelude::*;
use lessons::{Demo, Lang, Predict};

/// Makes the per-page store of demo traces available to [`DemoPanel`] and
/// [`PredictBox`]. Call once per lesson page.
pub fn provide_demo_traces() {}

/// A live demo.
#[component]
pub fn DemoPanel(
    /// The demo to show.
    demo: &'static Demo,
    /// The page language.
    lang: Lang,
) -> impl IntoView {
    let _ = lang;
    view! { <section class="demo" data-demo=demo.id></section> }
}

/// A "predict, then run" question checked against the demo's recorded trace.
#[component]
pub fn PredictBox(
    /// The question.
    predict: &'static Predict,
    /// The page language.
    lang: Lang,
) -> impl IntoView {
    let _ = lang;
    view! { <section class="predict" data-predict=predict.id></section> }
}
