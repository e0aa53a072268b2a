//! The glossary of a language (`/en/glossary/`, `/zh/glossary/`): every term
//! of `lessons::GLOSSARY` with its name in both languages, its one-line
//! definition and the lesson that teaches it. Each term is anchored by its
//! id (`#stream`), which is where the lessons' glossary links land.
//!
//! Not here: the terms themselves (`lessons/glossary.toml`, compiled and
//! checked at build time).

use leptos::prelude::*;
use lessons::{by_slug, Lang, GLOSSARY};

use crate::components::shell::{Shell, MAIN_ID};
use crate::i18n::ui;
use crate::paths::lesson_href;
use crate::use_site;

/// The glossary page of `lang`.
#[component]
pub fn GlossaryPage(
    /// The page language.
    lang: Lang,
) -> impl IntoView {
    let t = ui(lang);
    let base = use_site().base;
    let other = lang.other();
    let terms = GLOSSARY
        .iter()
        .map(|term| {
            let lesson = by_slug(term.lesson).map(|l| {
                view! {
                    <p class="term-lesson">
                        <a href=lesson_href(base, lang, l.slug)>
                            {(t.glossary_taught_in)(l.number, l.page(lang).title)}
                        </a>
                    </p>
                }
            });
            view! {
                // `data-pagefind-title`: search shows the term's name as the
                // heading of a result in it, and links to its id.
                <div class="term" id=term.id data-pagefind-title=text_of(term.name(lang))>
                    <dt>
                        <dfn inner_html=term.name(lang)></dfn>
                        <span class="term-other" lang=other.html_lang() inner_html=term.name(other)></span>
                    </dt>
                    <dd>
                        <p class="term-def" inner_html=term.definition(lang)></p>
                        {lesson}
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <Shell lang title=t.glossary>
            <main id=MAIN_ID class="glossary" tabindex="-1" data-pagefind-body="">
                <h1>{t.glossary}</h1>
                <p class="intro">{t.glossary_intro}</p>
                <dl class="glossary-list">{terms}</dl>
            </main>
        </Shell>
    }
}

/// The text of a term's name (compiled to inline HTML: `<code>aclose()</code>`).
fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::text_of;

    #[test]
    fn a_name_as_text() {
        assert_eq!(text_of("<code>aclose()</code>"), "aclose()");
        assert_eq!(
            text_of("abort (<code>AbortHandle</code>)"),
            "abort (AbortHandle)"
        );
        assert_eq!(
            text_of("<code>Pin&lt;&amp;mut Self&gt;</code>"),
            "Pin<&mut Self>"
        );
    }
}
