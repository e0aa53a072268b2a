//! Mounts each island of the page over its pre-rendered twin: the element
//! `[data-island]` is emptied and the same component is mounted into it, in
//! the same task (the browser paints once, with the live version).

use leptos::prelude::*;
use lessons::{Lang, LessonRuntime};
use wasm_bindgen::JsCast;

use super::all;
use crate::components::demo::{DemoPanel, PredictBox, PredictText};
use crate::components::theme_toggle::ThemeToggle;

/// Mounts every island under `root`. A demo or question the wasm does not
/// know (a page from another build) is left as rendered: readable, not live.
pub(super) fn mount_all(
    root: &web_sys::Element,
    lang: Lang,
    lesson: Option<&'static LessonRuntime>,
) {
    for el in all(root, "[data-island]") {
        let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() else {
            continue;
        };
        let attr = |name: &str| el.get_attribute(name).unwrap_or_default();
        match attr("data-island").as_str() {
            "theme" => mount(el, move || view! { <ThemeToggle lang /> }),
            "demo" => {
                if let Some(demo) = lesson.and_then(|l| l.demo(&attr("data-demo"))) {
                    // The code as the page shows it (highlighted at build
                    // time), row by row.
                    let code = all(&el, ".demo-code .code-row > .code-src")
                        .iter()
                        .map(|row| row.inner_html())
                        .collect();
                    let demo = demo.with_code(code);
                    mount(el, move || view! { <DemoPanel demo lang /> });
                }
            }
            "predict" => {
                let found = lesson.and_then(|l| {
                    let demo = l.demo(&attr("data-demo"))?;
                    Some((demo, l.case(demo.id, &attr("data-predict"))?))
                });
                let Some((demo, case)) = found else { continue };
                // The question's words come from the page, not the wasm.
                let Some(text) = PredictText::from_dom(&el) else {
                    continue;
                };
                mount(el, move || view! { <PredictBox case demo text lang /> });
            }
            _ => {}
        }
    }
}

/// Replaces the children of `el` with `view`, for the life of the page.
fn mount<V: IntoView + 'static>(el: web_sys::HtmlElement, view: impl FnOnce() -> V + 'static) {
    el.set_inner_html("");
    leptos::mount::mount_to(el, view).forget();
}
