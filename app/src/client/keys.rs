//! ← / → go to the previous / next lesson: the links `rel="prev"` and
//! `rel="next"` the page already has.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::document;

/// Whether an arrow key pressed with `target` focused belongs to that
/// element rather than to page navigation: text fields, selects, editable
/// content, widgets that use arrows themselves (sliders, tabs, listboxes,
/// grids), anything marked `data-own-arrows`, and everything inside a demo
/// panel or a predict question (its code box, transcript, timeline and
/// buttons: leaving the lesson from there would throw the run away) or a
/// box that scrolls sideways (code, tables), where arrows scroll.
pub fn arrows_belong_to(target: &web_sys::Element) -> bool {
    const OWN_ARROWS: &str = "input, textarea, select, [contenteditable], \
        [role=slider], [role=spinbutton], [role=tablist], [role=tab], [role=listbox], \
        [role=grid], [role=tree], [role=menu], [role=radiogroup], [role=application], \
        [data-own-arrows], .demo, .predict, pre, .table-wrap";
    if let Some(h) = target.dyn_ref::<web_sys::HtmlElement>() {
        if h.is_content_editable() {
            return true;
        }
    }
    target.closest(OWN_ARROWS).ok().flatten().is_some()
}

/// Follows the previous / next link on ← / → (not while typing, not with
/// modifiers, and not when a widget on the page already handled the key).
pub(super) fn enhance() {
    let handle = window_event_listener(leptos::ev::keydown, move |e| {
        if e.default_prevented() || e.alt_key() || e.ctrl_key() || e.meta_key() || e.shift_key() {
            return;
        }
        let rel = match e.key().as_str() {
            "ArrowLeft" => "prev",
            "ArrowRight" => "next",
            _ => return,
        };
        if let Some(el) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            if arrows_belong_to(&el) {
                return;
            }
        }
        let link = document()
            .and_then(|d| {
                d.query_selector(&format!(".prev-next a[rel={rel}]"))
                    .ok()
                    .flatten()
            })
            .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(link) = link {
            e.prevent_default();
            link.click();
        }
    });
    // For the life of the page.
    std::mem::forget(handle);
}
