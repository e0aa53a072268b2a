//! A language's home page: what the site teaches and the lesson list. Where
//! the reader left off and which lessons they visited are only known in
//! their browser: `client::home` marks them.

use leptos::prelude::*;
use lessons::{Lang, LESSONS};

use crate::components::inline::{plain, Inline};
use crate::components::shell::{Shell, MAIN_ID};
use crate::i18n::ui;
use crate::paths::{glossary_href, lesson_href};
use crate::use_site;

/// The home page of `lang`.
#[component]
pub fn Home(
    /// The page language.
    lang: Lang,
) -> impl IntoView {
    let t = ui(lang);
    let base = use_site().base;
    view! {
        <Shell lang>
            <main id=MAIN_ID class="home" tabindex="-1">
                <section class="hero" aria-labelledby="home-title">
                    <h1 id="home-title">{t.site_name}</h1>
                    <p class="tagline">{t.home_tagline}</p>
                    <p class="intro">{t.home_intro}</p>
                    <ul class="points">
                        {t.home_points.map(|p| view! { <li>{p}</li> }).collect_view()}
                    </ul>
                    // The wasm puts "Back to lesson N" here for a returning
                    // reader (`client::home`).
                    {LESSONS.first().map(|first| view! {
                        <p class="start">
                            <a class="button" href=lesson_href(base, lang, first.slug)>
                                {(t.start_with)(first.number)}
                                <span aria-hidden="true">" →"</span>
                            </a>
                        </p>
                    })}
                </section>
                <LessonList lang />
                <p class="home-glossary">
                    {t.home_glossary}
                    <a href=glossary_href(base, lang)>{t.glossary}</a>
                </p>
                <ProgressTools lang />
            </main>
        </Shell>
    }
}

/// The numbered lesson list.
#[component]
fn LessonList(lang: Lang) -> impl IntoView {
    let t = ui(lang);
    let base = use_site().base;

    let items = LESSONS
        .iter()
        .map(|l| {
            let page = l.page(lang);
            let slug = l.slug;
            view! {
                <li
                    class="lesson-item"
                    data-slug=slug
                    data-number=l.number
                    data-title=plain(page.title)
                >
                    <span class="lesson-num" aria-hidden="true">
                        {format!("{:02}", l.number)}
                    </span>
                    <div class="lesson-text">
                        <h3 class="lesson-title">
                            <a href=lesson_href(base, lang, slug)>
                                <span class="visually-hidden">
                                    {format!("{}{}", (t.lesson_n)(l.number), t.colon)}
                                </span>
                                <Inline text=page.title />
                            </a>
                        </h3>
                        <p class="lesson-summary">
                            <Inline text=page.summary />
                        </p>
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="lessons" aria-labelledby="lessons">
            <h2 id="lessons" tabindex="-1">
                {t.lessons_heading}
            </h2>
            {if LESSONS.is_empty() {
                view! { <p>{t.no_lessons}</p> }.into_any()
            } else {
                view! { <ol class="lesson-list">{items}</ol> }.into_any()
            }}
        </section>
    }
}

/// Where progress is kept, and the button that forgets it.
#[component]
fn ProgressTools(lang: Lang) -> impl IntoView {
    let t = ui(lang);
    // The button works once the wasm is here (`client::home`).
    view! {
        <section class="progress-tools">
            <p>{t.progress_note}</p>
            <button type="button" class="button secondary" data-action="clear-progress">
                {t.clear_progress}
            </button>
            <p class="status" role="status"></p>
        </section>
    }
}
