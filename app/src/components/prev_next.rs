//! Previous and next lesson at the end of a lesson, and the ← / → keys for
//! them.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use lessons::{Lang, Lesson, LESSONS};
use wasm_bindgen::JsCast;

use crate::components::inline::Inline;
use crate::i18n::ui;
use crate::paths::{home_href, lesson_href};
use crate::use_site;

/// The lessons before and after `LESSONS[index]`.
pub fn neighbours(index: usize) -> (Option<&'static Lesson>, Option<&'static Lesson>) {
    let prev = index.checked_sub(1).and_then(|i| LESSONS.get(i));
    (prev, LESSONS.get(index + 1))
}

/// Links to the previous and next lessons, with their titles. Where there is
/// none, a link to the lesson list takes its place.
#[component]
pub fn PrevNext(
    /// The page language.
    lang: Lang,
    /// The lesson's index in `LESSONS`.
    index: usize,
) -> impl IntoView {
    let t = ui(lang);
    let base = use_site().base;
    let (prev, next) = neighbours(index);
    let link = move |lesson: Option<&'static Lesson>, rel: &'static str, label: &'static str| {
        match lesson {
            Some(l) => view! {
                <a class=format!("prev-next-link {rel}") rel=rel href=lesson_href(base, lang, l.slug)>
                    <span class="prev-next-label">{label}</span>
                    <span class="prev-next-title">
                        {(t.lesson_n)(l.number)} " · " <Inline text=l.page(lang).title />
                    </span>
                </a>
            }
            .into_any(),
            None => view! {
                <a class=format!("prev-next-link {rel} to-list") href=home_href(base, lang)>
                    <span class="prev-next-label">{t.all_lessons}</span>
                    <span class="prev-next-title">{t.back_to_lessons}</span>
                </a>
            }
            .into_any(),
        }
    };
    view! {
        <nav class="prev-next" aria-label=t.lesson_nav>
            {link(prev, "prev", t.previous)}
            {link(next, "next", t.next)}
        </nav>
        <p class="keys-hint">{t.keys_hint}</p>
    }
}

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

/// Navigates to the previous / next lesson on ← / → while the page is
/// mounted (not while typing, not with modifiers, and not when a widget on
/// the page already handled the key).
pub fn use_arrow_keys(lang: Lang, index: usize) {
    let base = use_site().base;
    let navigate = use_navigate();
    let (prev, next) = neighbours(index);
    let handle = window_event_listener(leptos::ev::keydown, move |e| {
        if e.default_prevented() || e.alt_key() || e.ctrl_key() || e.meta_key() || e.shift_key() {
            return;
        }
        let target = match e.key().as_str() {
            "ArrowLeft" => prev,
            "ArrowRight" => next,
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
        if let Some(lesson) = target {
            e.prevent_default();
            navigate(
                &lesson_href(base, lang, lesson.slug),
                NavigateOptions {
                    // The href already includes the base.
                    resolve: false,
                    ..Default::default()
                },
            );
        }
    });
    on_cleanup(move || handle.remove());
}
