//! The page for an address with nothing at it: `404.html`, which a static
//! host serves for any unknown path under the site. One file answers every
//! such path, so it speaks both languages (the reader's own first, once the
//! wasm knows it) and shows the address asked for once the wasm has read it.
//! In the browser, an odd spelling of a real page (`/lab/EN/`) is sent on
//! to that page instead ([`crate::client`]).

use leptos::prelude::*;
use lessons::{Lang, LESSONS};

use crate::components::inline::Inline;
use crate::components::shell::{Shell, MAIN_ID};
use crate::i18n::ui;
use crate::paths::{home_href, lesson_href};
use crate::use_site;

/// The id of the line that shows the address asked for.
pub const ASKED_ID: &str = "asked-path";

/// The not-found page; `lang` is the language the address names, if any
/// (the shell speaks it; English if none).
#[component]
pub fn NotFound(
    /// The language of the address, if it names one.
    lang: Option<Lang>,
) -> impl IntoView {
    let first = lang.unwrap_or(Lang::En);
    let t = ui(first);
    view! {
        <Shell lang=first title=t.not_found_title>
            <main id=MAIN_ID class="not-found" tabindex="-1" data-not-found="">
                <p class="asked" id=ASKED_ID hidden>
                    <span class="asked-label"></span>
                    " "
                    <code></code>
                </p>
                <NotFoundIn lang=first primary=true />
                <NotFoundIn lang=first.other() primary=false />
            </main>
        </Shell>
    }
}

/// The message and the lesson list in one language; the `primary` one has
/// the page's `<h1>`.
#[component]
fn NotFoundIn(lang: Lang, primary: bool) -> impl IntoView {
    let t = ui(lang);
    let base = use_site().base;
    view! {
        <section class="not-found-lang" lang=lang.html_lang() data-lang=lang.code()>
            {if primary {
                view! { <h1>{t.not_found_title}</h1> }.into_any()
            } else {
                view! { <h2>{t.not_found_title}</h2> }.into_any()
            }}
            <p>{t.not_found_body}</p>
            <p>
                <a class="button" href=home_href(base, lang)>
                    {t.back_to_lessons}
                </a>
            </p>
            <h3>{t.lessons_heading}</h3>
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
        </section>
    }
}
