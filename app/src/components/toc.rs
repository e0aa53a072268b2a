//! A lesson's table of contents: its headings (the one being read is marked)
//! and the list of lessons.
//!
//! From 1400 px it is a sidebar. Narrower, it is a drawer that the
//! "Contents" button in the (sticky) header opens, so it is one tap away
//! wherever the reader is in the lesson. The button and the drawer share a
//! [`TocState`] through context.

use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use lessons::{Heading, Lang, LESSONS};
use wasm_bindgen::JsCast;

use crate::components::inline::Inline;
use crate::i18n::ui;
use crate::paths::lesson_href;
use crate::use_site;

const BUTTON_ID: &str = "toc-button";
const PANEL_ID: &str = "toc-panel";

/// Whether the contents drawer is open.
#[derive(Debug, Clone, Copy)]
pub struct TocState(RwSignal<bool>);

impl TocState {
    /// Closes the drawer; with `refocus`, puts the focus back on its button.
    fn close(self, refocus: bool) {
        self.0.set(false);
        if refocus {
            focus_by_selector(&format!("#{BUTTON_ID}"));
        }
    }
}

/// Provides the drawer state for [`TocButton`] and [`Toc`]; call once per
/// lesson page, before both.
pub fn provide_toc_state() {
    provide_context(TocState(RwSignal::new(false)));
}

fn focus_by_selector(selector: &str) {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
    }
}

/// The header button that opens and closes the contents drawer (hidden
/// where the contents are a sidebar).
#[component]
pub fn TocButton(
    /// The page language.
    lang: Lang,
) -> impl IntoView {
    let t = ui(lang);
    let Some(state) = use_context::<TocState>() else {
        return ().into_any();
    };
    let open = state.0;
    let toggle = move |_| {
        let now = !open.get_untracked();
        open.set(now);
        if now {
            // Into the drawer, so Tab continues there and not in the header.
            request_animation_frame(|| focus_by_selector(&format!("#{PANEL_ID} a")));
        }
    };
    view! {
        <button
            type="button"
            id=BUTTON_ID
            class="toc-toggle"
            aria-expanded=move || if open.get() { "true" } else { "false" }
            aria-controls=PANEL_ID
            on:click=toggle
        >
            <span class="toc-toggle-icon" aria-hidden="true">
                "☰"
            </span>
            <span class="toc-toggle-text">{t.contents}</span>
        </button>
    }
    .into_any()
}

/// The contents of the lesson `LESSONS[index]`.
#[component]
pub fn Toc(
    /// The page language.
    lang: Lang,
    /// The lesson's index in `LESSONS`.
    index: usize,
    /// The lesson's headings.
    headings: &'static [Heading],
    /// The heading being read.
    current: Signal<Option<&'static str>>,
) -> impl IntoView {
    let t = ui(lang);
    let base = use_site().base;
    let location = use_location();
    let state = use_context::<TocState>().unwrap_or_else(|| TocState(RwSignal::new(false)));
    let open = state.0;
    let page = move || location.pathname.get();
    let heading_items = headings
        .iter()
        .map(|h| {
            let id = h.id;
            let class = if h.level >= 3 { "toc-sub" } else { "toc-top" };
            view! {
                <li class=class>
                    // `target="_self"`: an in-page jump is the browser's
                    // (it scrolls, moves the focus start and keeps history).
                    <a
                        href=move || format!("{}#{id}", page())
                        target="_self"
                        aria-current=move || (current.get() == Some(id)).then_some("location")
                        on:click=move |_| state.close(false)
                    >
                        {h.text}
                    </a>
                </li>
            }
        })
        .collect_view();
    let lesson_items = LESSONS
        .iter()
        .enumerate()
        .map(|(i, l)| {
            view! {
                <li>
                    <a
                        href=lesson_href(base, lang, l.slug)
                        aria-current=(i == index).then_some("page")
                        on:click=move |_| state.close(false)
                    >
                        <span class="toc-num">{l.number}</span>
                        <Inline text=l.page(lang).title />
                    </a>
                </li>
            }
        })
        .collect_view();
    // Escape closes the drawer and returns to its button.
    let handle = window_event_listener(ev::keydown, move |e| {
        if e.key() == "Escape" && open.get_untracked() {
            state.close(true);
        }
    });
    on_cleanup(move || handle.remove());
    // Tabbing out of the open drawer (into the page behind the backdrop)
    // closes it; moving to its own button does not.
    let on_focusout = move |e: ev::FocusEvent| {
        if !open.get_untracked() {
            return;
        }
        let Some(next) = e
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        else {
            return;
        };
        let inside = |selector: &str| {
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(selector).ok().flatten())
                .is_some_and(|el| el.contains(Some(&next)))
        };
        if !inside(&format!("#{PANEL_ID}")) && !inside(&format!("#{BUTTON_ID}")) {
            state.close(false);
        }
    };
    view! {
        <div
            class="toc-backdrop"
            aria-hidden="true"
            class:open=move || open.get()
            on:click=move |_| state.close(true)
        ></div>
        <nav
            id=PANEL_ID
            class="toc"
            class:open=move || open.get()
            aria-label=t.contents_nav
            on:focusout=on_focusout
        >
            {(!headings.is_empty())
                .then(|| {
                    view! {
                        <p class="toc-title" id="toc-this-page">
                            {t.on_this_page}
                        </p>
                        <ol class="toc-headings" aria-labelledby="toc-this-page">
                            {heading_items}
                        </ol>
                    }
                })}
            <p class="toc-title" id="toc-lessons">
                {t.all_lessons}
            </p>
            <ol class="toc-lessons" aria-labelledby="toc-lessons">
                {lesson_items}
            </ol>
        </nav>
    }
}
