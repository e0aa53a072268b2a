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
/// What the reader did to the pre-rendered twin before the wasm came (on
/// a slow link that can be seconds) carries over: keyboard focus, and
/// values typed or chosen in its fields.
fn mount<V: IntoView + 'static>(el: web_sys::HtmlElement, view: impl FnOnce() -> V + 'static) {
    let focus = FocusSpot::inside(&el);
    let edits = edited_fields(&el);
    el.set_inner_html("");
    let handle = leptos::mount::mount_to(el.clone(), view);
    if let Some(focus) = focus {
        focus.restore(&el);
    }
    handle.forget();
    // After the island's first effects, which write the fields' first
    // values (a later task: they run in microtasks).
    if !edits.is_empty() {
        set_timeout(
            move || {
                for (name, value) in edits {
                    value.restore(&el, &name);
                }
            },
            std::time::Duration::ZERO,
        );
    }
}

/// What can take keyboard focus in an island.
const FOCUSABLE: &str = "a[href], button, input, select, textarea, [tabindex]";

/// Where keyboard focus was in an island: the element's tag, the names it
/// has (`data-action`, `data-i`, `id`, `name`: the most particular first;
/// a radio button shares its `name`) and its place among the island's
/// focusable elements.
struct FocusSpot {
    tag: String,
    keys: Vec<(&'static str, String)>,
    index: usize,
}

impl FocusSpot {
    /// The spot of the focused element, if it is inside `root`.
    fn inside(root: &web_sys::Element) -> Option<FocusSpot> {
        let active = super::document()?.active_element()?;
        if !root.contains(Some(&active)) || active == *root {
            return None;
        }
        let index = all(root, FOCUSABLE).iter().position(|e| *e == active)?;
        let keys = ["data-action", "data-i", "id", "name"]
            .into_iter()
            .filter_map(|a| active.get_attribute(a).map(|v| (a, v)))
            .collect();
        Some(FocusSpot {
            tag: active.tag_name(),
            keys,
            index,
        })
    }

    /// Focuses the same element of the mounted island (without scrolling:
    /// the reader's view stays where it is).
    fn restore(&self, root: &web_sys::Element) {
        let candidates = all(root, FOCUSABLE);
        let same_tag = |e: &&web_sys::Element| e.tag_name() == self.tag;
        let by_key = self.keys.iter().find_map(|(attr, v)| {
            candidates
                .iter()
                .filter(same_tag)
                .find(|e| e.get_attribute(attr).as_deref() == Some(v.as_str()))
        });
        if let Some(target) = by_key.or_else(|| candidates.get(self.index).filter(same_tag)) {
            crate::focus_without_scrolling(target);
        }
    }
}

/// A field's value the reader changed in the page as built.
enum Edit {
    Text(String),
    Checked(bool),
    /// The island's radio button of this place was chosen (by place: a
    /// question's radio group is named per page view).
    Chosen(usize),
}

impl Edit {
    /// Sets the value on the mounted island's field of that name, and tells
    /// the component as the reader's own input would.
    fn restore(&self, root: &web_sys::Element, name: &str) {
        let field = match self {
            Edit::Chosen(k) => all(root, RADIOS).into_iter().nth(*k),
            _ => {
                let name = name.replace(['"', '\\'], "");
                root.query_selector(&format!("[name=\"{name}\"]"))
                    .ok()
                    .flatten()
            }
        };
        let Some(field) = field else { return };
        let event = match (self, field.dyn_ref::<web_sys::HtmlInputElement>()) {
            (Edit::Chosen(_), Some(input)) => {
                input.set_checked(true);
                "change"
            }
            (Edit::Checked(on), Some(input)) => {
                input.set_checked(*on);
                "change"
            }
            (Edit::Text(v), Some(input)) => {
                input.set_value(v);
                "input"
            }
            (Edit::Text(v), None) => match field.dyn_ref::<web_sys::HtmlSelectElement>() {
                Some(select) => {
                    select.set_value(v);
                    "change"
                }
                None => return,
            },
            (Edit::Checked(_) | Edit::Chosen(_), None) => return,
        };
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        if let Ok(e) = web_sys::Event::new_with_event_init_dict(event, &init) {
            let _ = field.dispatch_event(&e);
        }
    }
}

/// The radio buttons of an island.
const RADIOS: &str = "input[type=radio]";

/// The named fields of `root` whose value differs from the page as built.
fn edited_fields(root: &web_sys::Element) -> Vec<(String, Edit)> {
    let mut edits = Vec::new();
    let radios = all(root, RADIOS);
    for field in all(root, "input[name], select[name]") {
        let Some(name) = field.get_attribute("name") else {
            continue;
        };
        if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
            let kind = input.type_();
            if kind == "radio" {
                let place = radios.iter().position(|r| *r == field);
                if let (true, false, Some(k)) = (input.checked(), input.default_checked(), place) {
                    edits.push((name, Edit::Chosen(k)));
                }
            } else if kind == "checkbox" {
                if input.checked() != input.default_checked() {
                    edits.push((name, Edit::Checked(input.checked())));
                }
            } else if input.value() != input.default_value() {
                edits.push((name, Edit::Text(input.value())));
            }
        } else if let Some(select) = field.dyn_ref::<web_sys::HtmlSelectElement>() {
            let built = all(&field, "option[selected]")
                .first()
                .and_then(|o| o.get_attribute("value"));
            if built.is_some_and(|b| b != select.value()) {
                edits.push((name, Edit::Text(select.value())));
            }
        }
    }
    edits
}
