//! The contents drawer on narrow screens: the header's "Contents" button
//! opens it; Escape, the backdrop, a link in it or focus leaving it closes
//! it. (From 1400 px it is a sidebar and the button is hidden.)

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::document;
use crate::components::toc::{BACKDROP_CLASS, BUTTON_ID, PANEL_ID};

fn by_id(id: &str) -> Option<web_sys::HtmlElement> {
    document()?
        .get_element_by_id(id)?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

fn is_open() -> bool {
    by_id(BUTTON_ID).is_some_and(|b| b.get_attribute("aria-expanded").as_deref() == Some("true"))
}

/// Opens or closes the drawer; closing by keyboard gives focus back to the
/// button.
fn set_open(open: bool, refocus: bool) {
    let Some(doc) = document() else { return };
    if let Some(b) = by_id(BUTTON_ID) {
        let _ = b.set_attribute("aria-expanded", if open { "true" } else { "false" });
        if refocus {
            let _ = b.focus();
        }
    }
    for el in [
        doc.get_element_by_id(PANEL_ID),
        doc.query_selector(&format!(".{BACKDROP_CLASS}"))
            .ok()
            .flatten(),
    ]
    .into_iter()
    .flatten()
    {
        let _ = if open {
            el.class_list().add_1("open")
        } else {
            el.class_list().remove_1("open")
        };
    }
    if open {
        request_animation_frame(|| {
            if let Some(a) = document()
                .and_then(|d| d.query_selector(&format!("#{PANEL_ID} a")).ok().flatten())
                .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = a.focus();
            }
        });
    }
}

/// Wires the button, the panel and the backdrop.
pub(super) fn enhance() {
    let Some(doc) = document() else { return };
    let (Some(button), Some(panel)) = (by_id(BUTTON_ID), by_id(PANEL_ID)) else {
        return;
    };
    let listen = |target: &web_sys::EventTarget, name: &str, f: Box<dyn FnMut(web_sys::Event)>| {
        let cb = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(f);
        let _ = target.add_event_listener_with_callback(name, cb.as_ref().unchecked_ref());
        // For the life of the page.
        cb.forget();
    };
    listen(&button, "click", Box::new(|_| set_open(!is_open(), false)));
    listen(
        &panel,
        "click",
        Box::new(|e| {
            let on_link = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("a").ok().flatten())
                .is_some();
            if on_link && is_open() {
                set_open(false, false);
            }
        }),
    );
    listen(
        &panel,
        "focusout",
        Box::new(|e| {
            let Some(e) = e.dyn_ref::<web_sys::FocusEvent>() else {
                return;
            };
            let Some(next) = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            else {
                return;
            };
            let inside = |id: &str| by_id(id).is_some_and(|el| el.contains(Some(&next)));
            if is_open() && !inside(PANEL_ID) && !inside(BUTTON_ID) {
                set_open(false, false);
            }
        }),
    );
    if let Ok(Some(backdrop)) = doc.query_selector(&format!(".{BACKDROP_CLASS}")) {
        listen(&backdrop, "click", Box::new(|_| set_open(false, true)));
    }
    let handle = window_event_listener(leptos::ev::keydown, |e| {
        if e.key() == "Escape" && is_open() {
            set_open(false, true);
        }
    });
    std::mem::forget(handle);
}
