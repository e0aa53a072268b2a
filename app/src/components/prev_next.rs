//! Previous and next lesson at the end of a lesson (the ← / → keys that
//! follow them are `client::keys`).

use leptos::prelude::*;
use lessons::{Lang, Lesson, LESSONS};

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
        <nav class="prev-next" aria-label=t.lesson_nav data-pagefind-ignore="">
            {link(prev, "prev", t.previous)}
            {link(next, "next", t.next)}
        </nav>
        <p class="keys-hint">{t.keys_hint}</p>
    }
}
