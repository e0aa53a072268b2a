//! Not-found: an unknown language, lesson or path. Never blank: it says what
//! was asked for and links to the lessons, in the best-guess language.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use lessons::{Lang, LESSONS};

use crate::components::inline::Inline;
use crate::components::shell::{Shell, MAIN_ID};
use crate::i18n::ui;
use crate::pages::root::reader_lang;
use crate::paths::{home_href, lesson_href};
use crate::use_site;

/// The not-found page.
#[component]
pub fn NotFound(
    /// The language the path named, if it named one; otherwise the reader's.
    lang: Option<Lang>,
) -> impl IntoView {
    let lang = lang.unwrap_or_else(reader_lang);
    let t = ui(lang);
    let base = use_site().base;
    let location = use_location();
    // Shown as text, never as HTML: it comes from the address bar.
    let asked = location.pathname.get_untracked();
    let asked = js_sys::decode_uri(&asked)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or(asked);
    view! {
        <Shell lang title=t.not_found_title>
            <main id=MAIN_ID class="not-found" tabindex="-1" data-not-found="">
                <h1>{t.not_found_title}</h1>
                <p>{(t.not_found_body)(&asked)}</p>
                <p>
                    <a class="button" href=home_href(base, lang)>
                        {t.back_to_lessons}
                    </a>
                </p>
                <h2>{t.lessons_heading}</h2>
                <ol class="plain-lesson-list">
                    {LESSONS
                        .iter()
                        .map(|l| {
                            view! {
                                <li>
                                    <a href=lesson_href(base, lang, l.slug)>
                                        {format!("{}{}", (t.lesson_n)(l.number), t.colon)}
                                        <Inline text=l.page(lang).title />
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </main>
        </Shell>
    }
}
