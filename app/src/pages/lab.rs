//! The Stream Lab's page (`/en/lab/`, `/zh/lab/`): what the Lab is, its
//! presets as links, and the Lab itself ([`crate::lab::LabView`]) with the
//! first preset, so that its Rust code and its recorded run are on the page
//! before any script runs. The Lab's own wasm then mounts the same view
//! over it, with the pipeline the address names.

use lab::presets::PRESETS;
use leptos::prelude::*;
use lessons::Lang;

use crate::components::inline::plain;
use crate::components::shell::{Shell, MAIN_ID};
use crate::lab::address;
use crate::lab::strings::strings;
use crate::lab::LabView;
use crate::paths::{lab_href, lesson_href};
use crate::use_site;

/// The Lab page of `lang`.
#[component]
pub fn LabPage(
    /// The page language.
    lang: Lang,
) -> impl IntoView {
    let t = strings(lang);
    let base = use_site().base;
    let here = lab_href(base, lang);
    let presets = PRESETS
        .iter()
        .map(|p| {
            let (title, blurb) = match lang {
                Lang::En => (p.title_en, p.blurb_en),
                Lang::Zh => (p.title_zh, p.blurb_zh),
            };
            let lesson = lessons::by_slug(p.lesson_slug).map(|l| {
                view! {
                    " "
                    <a class="lab-preset-lesson" href=lesson_href(base, lang, l.slug)>
                        {plain(l.page(lang).title)}
                    </a>
                }
            });
            view! {
                <li class="lab-preset" data-preset=p.id>
                    <a class="lab-preset-link" href=format!("{here}?{}", p.query)>
                        {code_spans(title)}
                    </a>
                    <p>{code_spans(blurb)} {lesson}</p>
                </li>
            }
        })
        .collect_view();
    let start = address::Start {
        pipeline: address::first_preset(),
        notice: None,
    };
    view! {
        <Shell lang title=t.title>
            <main id=MAIN_ID class="lab-page" tabindex="-1">
                <h1>{t.title}</h1>
                <p class="intro">{t.intro}</p>
                <p>{t.intro_real}</p>
                <noscript>
                    <p class="lab-needs-js">{t.needs_js}</p>
                </noscript>
                <div class="island lab-island" data-island="lab">
                    <LabView lang start />
                </div>
                <section class="lab-presets" aria-labelledby="lab-presets-h">
                    <h2 id="lab-presets-h">{t.presets}</h2>
                    <ul>{presets}</ul>
                </section>
            </main>
        </Shell>
    }
}

/// Text with `code` spans (a preset's words mark code with backticks).
fn code_spans(text: &'static str) -> impl IntoView {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                view! { <code>{part}</code> }.into_any()
            } else {
                part.into_any()
            }
        })
        .collect_view()
}
