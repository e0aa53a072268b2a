//! A lesson's table of contents: its headings (the one being read is marked)
//! and the list of lessons.
//!
//! From 1400 px it is a sidebar. Narrower, it is a drawer that the
//! "Contents" button in the (sticky) header opens, so it is one tap away
//! wherever the reader is in the lesson. Both are rendered here as plain
//! markup (links that work without JavaScript); `client::toc` opens and
//! closes the drawer and marks the heading being read.

use leptos::prelude::*;
use lessons::{Heading, Lang, LESSONS};

use crate::components::inline::Inline;
use crate::i18n::ui;
use crate::paths::lesson_href;
use crate::{use_here, use_site};

/// The id of the header's "Contents" button.
pub const BUTTON_ID: &str = "toc-button";
/// The id of the contents panel (the drawer on narrow screens).
pub const PANEL_ID: &str = "toc-panel";
/// The class of the backdrop behind the open drawer.
pub const BACKDROP_CLASS: &str = "toc-backdrop";

/// The header button that opens the contents drawer.
#[component]
pub fn TocButton(
    /// The page language.
    lang: Lang,
) -> impl IntoView {
    let t = ui(lang);
    view! {
        <button
            type="button"
            id=BUTTON_ID
            class="toc-toggle"
            aria-expanded="false"
            aria-controls=PANEL_ID
        >
            <span class="toc-toggle-icon" aria-hidden="true">
                "☰"
            </span>
            <span class="toc-toggle-text">{t.contents}</span>
        </button>
    }
}

/// The table of contents of lesson `LESSONS[index]`.
#[component]
pub fn Toc(
    /// The page language.
    lang: Lang,
    /// The lesson's index in `LESSONS`.
    index: usize,
    /// The lesson's headings.
    headings: &'static [Heading],
) -> impl IntoView {
    let t = ui(lang);
    let base = use_site().base;
    let page = use_here().path;
    let heading_items = headings
        .iter()
        .map(|h| {
            let class = if h.level >= 3 { "toc-sub" } else { "toc-top" };
            view! {
                <li class=class>
                    <a href=format!("{page}#{}", h.id) data-heading=h.id>
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
                    <a href=lesson_href(base, lang, l.slug) aria-current=(i == index).then_some("page")>
                        <span class="toc-num">{l.number}</span>
                        <Inline text=l.page(lang).title />
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class=BACKDROP_CLASS aria-hidden="true"></div>
        <nav id=PANEL_ID class="toc" aria-label=t.contents_nav>
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
