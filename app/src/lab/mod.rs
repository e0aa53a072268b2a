//! The Stream Lab's page, live: sources on tracks, a chain of adapters
//! from a menu, the consumer loop, and the lesson demo panel running the
//! result ([`LabView`]). Rendered at build time like every page (with the
//! first preset), and brought to life by its own wasm (`src/bin/lab.rs`
//! calls [`start`]), so lesson pages never download it.
//!
//! One store, [`Lab`]: the pipeline in a signal; every control tells it
//! what it wants (`set_source`, `add_stage` …), and the address, the code,
//! the check's message and the panel follow from it.
//!
//! Not here: the pipeline model and its forms (the `lab` crate), the demo
//! panel (`components::demo`), the static page around (`pages::lab`).

pub mod address;
mod chain;
pub mod geometry;
pub mod panel;
pub mod params;
pub mod strings;
mod track;
mod view;

pub use view::{Lab, LabView};

/// The Lab's wasm entry point: the shell of every page, plus the Lab.
pub fn start() {
    crate::client::start_with(mount);
}

/// Mounts the Lab over its pre-rendered twin (`[data-island="lab"]`).
fn mount(root: &web_sys::HtmlElement, lang: lessons::Lang) {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    let Some(el) = root
        .query_selector("[data-island=\"lab\"]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let start = address::start(&search, lang);
    el.set_inner_html("");
    leptos::mount::mount_to(el, move || view! { <LabView lang start /> }).forget();
}
