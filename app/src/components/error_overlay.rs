//! The last line of defence: when the app panics (or the wasm traps), show the
//! reader a clear message with a Reload button, in both languages, instead of
//! a page that silently stops working. Details go to the console.
//!
//! Written with plain `web-sys` calls, not Leptos: after a panic the reactive
//! runtime may be mid-update and unusable. The Reload button is a plain form
//! submission, so it works without calling back into the wasm.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

use lessons::Lang;

use crate::i18n::ui;

/// The overlay's element id (the end-to-end tests look for it).
pub const OVERLAY_ID: &str = "app-error";

/// Installs a panic hook that logs the panic (`console_error_panic_hook`) and
/// then shows the overlay, and a listener that shows it for a wasm trap that
/// was not a panic (e.g. a stack overflow).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show();
    }));
    // Forgotten on purpose: this listener lives as long as the page.
    let handle = leptos::prelude::window_event_listener_untyped("error", |ev| {
        let is_trap = ev
            .dyn_ref::<web_sys::ErrorEvent>()
            .map(|e| {
                e.error()
                    .is_instance_of::<js_sys::WebAssembly::RuntimeError>()
            })
            .unwrap_or(false);
        if is_trap {
            show();
        }
    });
    std::mem::forget(handle);
}

/// Shows the overlay (once; later calls do nothing).
pub fn show() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id(OVERLAY_ID).is_some() {
        return;
    }
    // If even this fails there is nothing left to show it with; the console
    // already has the panic.
    let _ = build(&doc);
}

fn build(doc: &Document) -> Option<()> {
    let body = doc.body()?;
    let zh_first = doc
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .is_some_and(|l| l.starts_with("zh"));
    let (first, second) = if zh_first {
        (Lang::Zh, Lang::En)
    } else {
        (Lang::En, Lang::Zh)
    };

    let overlay = el(doc, "div", None)?;
    overlay.set_id(OVERLAY_ID);
    overlay.set_class_name("app-error");
    overlay.set_attribute("role", "alert").ok()?;
    let boxed = el(doc, "div", None)?;
    boxed.set_class_name("app-error-box");
    for lang in [first, second] {
        let section = el(doc, "div", None)?;
        section.set_attribute("lang", lang.html_lang()).ok()?;
        let text = ui(lang);
        let title = el(doc, "h2", Some(text.error_title))?;
        let body = el(doc, "p", Some(text.error_body))?;
        section.append_child(&title).ok()?;
        section.append_child(&body).ok()?;
        boxed.append_child(&section).ok()?;
    }

    // Submitting a GET form to the page's own path reloads it without any
    // script (an inline handler would break under the site's CSP).
    let form = el(doc, "form", None)?;
    form.set_attribute("method", "get").ok()?;
    let path = web_sys::window()?.location().pathname().ok()?;
    form.set_attribute("action", &path).ok()?;
    let button = el(
        doc,
        "button",
        Some(&format!("{} · {}", ui(first).reload, ui(second).reload)),
    )?;
    button.set_attribute("type", "submit").ok()?;
    button.set_class_name("button");
    form.append_child(&button).ok()?;
    boxed.append_child(&form).ok()?;
    overlay.append_child(&boxed).ok()?;
    body.append_child(&overlay).ok()?;
    if let Some(b) = button.dyn_ref::<web_sys::HtmlElement>() {
        let _ = b.focus();
    }
    Some(())
}

fn el(doc: &Document, tag: &str, text: Option<&str>) -> Option<Element> {
    let e = doc.create_element(tag).ok()?;
    if let Some(t) = text {
        e.set_text_content(Some(t));
    }
    Some(e)
}
