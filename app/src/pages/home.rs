//! A language's home page: what the site teaches, where the reader left off,
//! and the lesson list with the lessons already visited marked.

use leptos::prelude::*;
use lessons::{Lang, Lesson, LESSONS};

use crate::components::inline::{plain, Inline};
use crate::components::shell::{Shell, MAIN_ID};
use crate::i18n::ui;
use crate::pages::scroll_to_hash_after_render;
use crate::paths::{glossary_href, lesson_href, with_anchor};
use crate::progress::{use_progress, Progress};
use crate::use_site;

/// The home page of `lang`.
#[component]
pub fn Home(
    /// The page language.
    lang: Lang,
) -> impl IntoView {
    let t = ui(lang);
    let base = use_site().base;
    let progress = use_progress();
    scroll_to_hash_after_render();
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
                    // The way in, unless there is a place to resume (below).
                    {move || {
                        let first = LESSONS.first().filter(|_| resume_target(progress).is_none())?;
                        Some(view! {
                            <p class="start">
                                <a class="button" href=lesson_href(base, lang, first.slug)>
                                    {(t.start_with)(first.number)}
                                    <span aria-hidden="true">" →"</span>
                                </a>
                            </p>
                        })
                    }}
                </section>
                <Resume lang />
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

/// The saved position, if it names a lesson that still exists (reactive).
fn resume_target(progress: Progress) -> Option<(&'static Lesson, Option<String>)> {
    let last = progress.last()?;
    let lesson = LESSONS.iter().find(|l| l.slug == last.slug)?;
    Some((lesson, last.anchor))
}

/// "Continue where you left off", when there is a place to resume.
#[component]
fn Resume(lang: Lang) -> impl IntoView {
    let t = ui(lang);
    let base = use_site().base;
    let progress = use_progress();
    move || {
        let (lesson, anchor) = resume_target(progress)?;
        let href = with_anchor(&lesson_href(base, lang, lesson.slug), anchor.as_deref());
        Some(view! {
            <section class="resume" aria-labelledby="resume-title">
                <h2 id="resume-title">{t.continue_heading}</h2>
                <p>
                    <a class="button resume-link" href=href>
                        {(t.continue_link)(lesson.number, &plain(lesson.page(lang).title))}
                    </a>
                </p>
            </section>
        })
    }
}

/// The numbered lesson list.
#[component]
fn LessonList(lang: Lang) -> impl IntoView {
    let t = ui(lang);
    let base = use_site().base;
    let progress = use_progress();
    let items = LESSONS
        .iter()
        .map(|l| {
            let page = l.page(lang);
            let slug = l.slug;
            let visited = move || progress.is_visited(slug);
            view! {
                <li class="lesson-item" class:visited=visited>
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
                            {move || {
                                visited()
                                    .then(|| {
                                        view! {
                                            <span class="visited-mark" title=t.visited>
                                                <span aria-hidden="true">"✓"</span>
                                                <span class="visually-hidden">
                                                    {format!("({})", t.visited)}
                                                </span>
                                            </span>
                                        }
                                    })
                            }}
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
    let progress = use_progress();
    let cleared = RwSignal::new(false);
    view! {
        <section class="progress-tools">
            <p>{t.progress_note}</p>
            <button
                type="button"
                class="button secondary"
                on:click=move |_| {
                    progress.clear();
                    cleared.set(true);
                }
            >
                {t.clear_progress}
            </button>
            <p class="status" role="status">
                {move || cleared.get().then_some(t.progress_cleared)}
            </p>
        </section>
    }
}
