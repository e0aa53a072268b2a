//! A lesson's table of contents: its headings (the one being read is marked)
//! and the list of lessons. A sidebar on wide screens; on narrower ones a
//! "Contents" button opens it as a menu.

use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use lessons::{Heading, Lang, LESSONS};

use crate::components::inline::Inline;
use crate::i18n::ui;
use crate::paths::lesson_href;
use crate::use_site;

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
    let open = RwSignal::new(false);
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
                        on:click=move |_| open.set(false)
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
                        on:click=move |_| open.set(false)
                    >
                        <span class="toc-num">{l.number}</span>
                        <Inline text=l.page(lang).title />
                    </a>
                </li>
            }
        })
        .collect_view();
    // Escape closes the menu (narrow screens) and returns focus to its button.
    let button = NodeRef::<leptos::html::Button>::new();
    let on_key = move |e: ev::KeyboardEvent| {
        if e.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    view! {
        <nav class="toc" aria-label=t.contents_nav on:keydown=on_key>
            <button
                type="button"
                class="toc-toggle"
                node_ref=button
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls="toc-panel"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <span aria-hidden="true">"☰ "</span>
                {t.contents}
            </button>
            <div id="toc-panel" class="toc-panel" class:open=move || open.get()>
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
            </div>
        </nav>
    }
}
