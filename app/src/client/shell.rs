//! Behaviours of the page around the islands: the language link (kept
//! pointing at the same place in the other language), and on a lesson the
//! heading being read (marked in the contents, remembered as progress),
//! steps named in the text, and code boxes that scroll sideways.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;
use lessons::{Lang, LessonRuntime};
use wasm_bindgen::JsCast;

use super::{all, document};
use crate::components::demo::{DemoRequests, QUERY_CHANGED};
use crate::components::lang_switch;
use crate::progress::use_progress;
use crate::{storage, use_site};

thread_local! {
    /// The heading being read, for the language link.
    static ANCHOR: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Points the language link at this page in the other language, with the
/// address's query as it is now (the knob values) and the heading being
/// read. Called at start, as the reader scrolls, and whenever a demo
/// rewrites the query (its [`QUERY_CHANGED`] event).
fn refresh_lang_link() {
    let Some(doc) = document() else { return };
    let Ok(Some(link)) = doc.query_selector(&format!("a.{}", lang_switch::CLASS)) else {
        return;
    };
    let Some(other) = link
        .get_attribute("data-lang")
        .and_then(|c| Lang::from_code(&c))
    else {
        return;
    };
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return;
    };
    let path = location.pathname().unwrap_or_default();
    let search = location.search().unwrap_or_default();
    let anchor = ANCHOR.with(|a| a.borrow().clone());
    let href = lang_switch::href(use_site().base, &path, &search, other, anchor.as_deref());
    let _ = link.set_attribute("href", &href);
}

/// On every page: the language link is kept current, and following it
/// remembers the language.
pub(super) fn enhance(lang: Lang) {
    // The hash names a heading on a fresh load: it is the reading position
    // until the page is measured.
    if let Some(hash) = web_sys::window().and_then(|w| w.location().hash().ok()) {
        let id = hash.trim_start_matches('#');
        if !id.is_empty() && document().and_then(|d| d.get_element_by_id(id)).is_some() {
            ANCHOR.with(|a| *a.borrow_mut() = Some(id.to_string()));
        }
    }
    refresh_lang_link();
    std::mem::forget(window_event_listener_untyped(QUERY_CHANGED, |_| {
        refresh_lang_link()
    }));
    let Some(doc) = document() else { return };
    if let Ok(Some(link)) = doc.query_selector(&format!("a.{}", lang_switch::CLASS)) {
        let other = lang.other().code();
        let cb = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            storage::set(storage::LANG_KEY, other);
        });
        let _ = link.add_event_listener_with_callback("click", cb.as_ref().unchecked_ref());
        cb.forget();
    }
}

/// How far below the sticky header a heading may be and still count as
/// "being read": a jump to an anchor leaves its heading `scroll-margin-top`
/// (the header and 1rem) down, and that heading must count.
const READING_LINE_PX: f64 = 40.0;

/// The id of the last heading of the lesson whose top has reached the top
/// of the window, under the header (`None` above the first).
fn reading_position(doc: &web_sys::Document, headings: &[web_sys::Element]) -> Option<String> {
    let header = doc
        .query_selector(".site-header")
        .ok()
        .flatten()
        .map_or(0.0, |h| h.get_bounding_client_rect().bottom().max(0.0));
    let line = header + READING_LINE_PX;
    let mut found = None;
    for h in headings {
        if h.get_bounding_client_rect().top() <= line {
            found = Some(h.id());
        } else {
            break;
        }
    }
    found
}

/// On a lesson page: tracks the heading being read, makes the steps named
/// in the text select their event, and lets the keyboard scroll wide code.
pub(super) fn lesson(lesson: &'static LessonRuntime) {
    let Some(doc) = document() else { return };
    let Ok(Some(main)) = doc.query_selector("main.lesson") else {
        return;
    };
    let headings = all(&main, ".prose h2[id], .prose h3[id]");
    let links = all(
        &doc.document_element().expect("a document has a root"),
        ".toc-headings a[data-heading]",
    );
    let progress = use_progress();
    let measured = Rc::new(RefCell::new(None::<Option<String>>));
    let update = move || {
        let Some(doc) = document() else { return };
        let mut now = reading_position(&doc, &headings);
        // Above the first heading on a fresh load with a hash: the browser
        // has not scrolled yet; keep the hash's heading.
        if now.is_none() && measured.borrow().is_none() {
            now = ANCHOR.with(|a| a.borrow().clone());
        }
        if measured.borrow().as_ref() == Some(&now) {
            return;
        }
        *measured.borrow_mut() = Some(now.clone());
        for a in &links {
            let here = a.get_attribute("data-heading") == now;
            let _ = if here {
                a.set_attribute("aria-current", "location")
            } else {
                a.remove_attribute("aria-current")
            };
        }
        ANCHOR.with(|a| *a.borrow_mut() = now.clone());
        progress.set_position(lesson.slug, now.as_deref());
        refresh_lang_link();
    };
    let update: Rc<dyn Fn()> = Rc::new(update);
    let on_scroll = once_per_frame(Rc::clone(&update));
    std::mem::forget(window_event_listener(leptos::ev::scroll, move |_| {
        on_scroll()
    }));
    // Once after the first layout (and the browser's jump to the hash).
    request_animation_frame(move || request_animation_frame(move || update()));

    // A step named in the text (`R(0)`, a button the lesson compiler made)
    // selects it in its demo's run.
    let requests = expect_context::<DemoRequests>();
    let on_step = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(
        move |ev: web_sys::Event| {
            let Some(button) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest(".step-link").ok().flatten())
            else {
                return;
            };
            let (Some(id), Some(step)) = (
                button.get_attribute("data-demo"),
                button.get_attribute("data-step"),
            ) else {
                return;
            };
            if let Some(demo) = lesson.demo(&id) {
                requests.select(demo.id, step);
            }
        },
    );
    let _ = main.add_event_listener_with_callback("click", on_step.as_ref().unchecked_ref());
    on_step.forget();

    focusable_scrolling_code();
}

/// Code blocks wider than the column scroll sideways; keyboard users must be
/// able to scroll them too, so those (and only those) get `tabindex="0"`.
/// Checked after the first layout and whenever the window is resized.
fn focusable_scrolling_code() {
    let mark = || {
        let Some(doc) = document() else { return };
        let Some(root) = doc.document_element() else {
            return;
        };
        for pre in all(&root, "main .prose pre") {
            let _ = if pre.scroll_width() > pre.client_width() {
                pre.set_attribute("tabindex", "0")
            } else {
                pre.remove_attribute("tabindex")
            };
        }
    };
    let on_resize = once_per_frame(Rc::new(mark));
    std::mem::forget(window_event_listener(leptos::ev::resize, move |_| {
        on_resize()
    }));
    request_animation_frame(mark);
}

/// `f` run at the next animation frame, once however often the returned
/// function is called before it (a burst of scroll or resize events costs
/// one measurement).
fn once_per_frame(f: Rc<dyn Fn()>) -> impl Fn() {
    let pending = Rc::new(Cell::new(false));
    move || {
        if !pending.replace(true) {
            let pending = Rc::clone(&pending);
            let f = Rc::clone(&f);
            request_animation_frame(move || {
                pending.set(false);
                f();
            });
        }
    }
}
