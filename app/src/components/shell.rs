//! What every page has around its `<main>`: the skip link, the header (site
//! name, search field, lesson list, glossary, language switch, theme toggle),
//! the footer, and the document's language and title.

use leptos::prelude::*;
use lessons::Lang;

use crate::components::lang_switch::LangSwitch;
use crate::components::theme_toggle::ThemeToggle;
use crate::components::toc::TocButton;
use crate::i18n::ui;
use crate::paths::{glossary_href, home_href, join, lab_href};
use crate::{use_here, use_site};

/// The id of every page's `<main>`, the skip link's target.
pub const MAIN_ID: &str = "main";

/// The frame of a page. The page's own content (its `<main id="main">`) is
/// the children.
#[component]
pub fn Shell(
    /// The page language.
    lang: Lang,
    /// The page's own title (`None` on the home page): the document title is
    /// this and the site name.
    #[prop(optional)]
    title: Option<&'static str>,
    /// Whether the header has the "Contents" button (lesson pages; see
    /// [`crate::components::toc`]).
    #[prop(optional)]
    contents_button: bool,
    /// The page.
    children: Children,
) -> impl IntoView {
    // The document's title is the prerender's (`pages::meta`).
    let _ = title;
    let t = ui(lang);
    let base = use_site().base;
    // The skip link names the current page so it survives `<base href>`
    // (a bare `#main` would resolve against the base, not this page).
    let skip_href = format!("{}#{MAIN_ID}", use_here().path);
    view! {
        <a class="skip-link" href=skip_href>
            {t.skip_to_content}
        </a>
        <header class="site-header">
            <div class="site-header-inner">
                {contents_button.then(|| view! { <TocButton lang /> })}
                <a class="site-name" href=home_href(base, lang)>
                    <span class="site-logo" aria-hidden="true">
                        "⟳"
                    </span>
                    // One line; two on a small phone (the space between
                    // the words of the English name is in the text).
                    <span class="site-name-text">
                        <span class="site-name-line">{t.site_name_lines[0]}</span>
                        {(lang == Lang::En).then_some(" ")}
                        <span class="site-name-line">{t.site_name_lines[1]}</span>
                    </span>
                </a>
                <SiteSearch lang />
                <nav class="site-nav" aria-label=t.site_nav>
                    <a class="nav-lessons" href=join(base, &format!("{}/#lessons", lang.code()))>
                        {t.all_lessons}
                    </a>
                    <a class="nav-glossary" href=glossary_href(base, lang)>
                        {t.glossary}
                    </a>
                    <a class="nav-lab" href=lab_href(base, lang)>
                        {t.lab}
                    </a>
                    <LangSwitch lang />
                    // Brought to life by the wasm (`client`), which knows
                    // the reader's choice.
                    <span class="island" data-island="theme">
                        <ThemeToggle lang />
                    </span>
                </nav>
            </div>
        </header>
        {children()}
        <footer class="site-footer">
            <p>
                {t.footer} " "
                <a class="footer-glossary" href=glossary_href(base, lang)>{t.glossary}</a>
            </p>
        </footer>
    }
}

/// The search field and its (empty) result panel. Static markup that
/// `style/search.js` brings to life: `style/boot.js` loads that script the
/// first time the field takes focus (or `/` or Ctrl+K is pressed), and it
/// loads the Pagefind index (`xtask/src/search.rs`) in turn. Hidden without
/// JavaScript (`style/noscript.css`). The strings `search.js` needs ride on
/// `data-t-*` attributes, so they stay in [`crate::i18n`].
#[component]
fn SiteSearch(
    /// The page language.
    lang: Lang,
) -> impl IntoView {
    let t = ui(lang);
    let base = use_site().base;
    view! {
        <div
            class="site-search"
            role="search"
            data-t-loading=t.search_loading
            data-t-failed=t.search_failed
            data-t-one=t.search_count_one
            data-t-many=t.search_count_many
            data-t-none=t.search_none
            data-t-own=t.this_lang_name
            data-t-other=t.other_lang_name
        >
            <label class="visually-hidden" for="site-search-input">
                {t.search}
            </label>
            <input
                id="site-search-input"
                class="site-search-input"
                type="search"
                role="combobox"
                aria-expanded="false"
                aria-controls="site-search-results"
                aria-autocomplete="list"
                aria-keyshortcuts="/ Control+K"
                autocomplete="off"
                spellcheck="false"
                enterkeyhint="search"
                placeholder=t.search_placeholder
                title=t.search_hint
            />
            <span class="site-search-icon" aria-hidden="true"></span>
            <div id="site-search-panel" class="site-search-panel" hidden>
                <p class="site-search-status" role="status" aria-live="polite"></p>
                <div
                    id="site-search-results"
                    class="site-search-results"
                    role="listbox"
                    aria-label=t.search_results
                ></div>
                <p class="site-search-none" hidden>
                    {t.search_none_hint} " "
                    <a href=glossary_href(base, lang)>{t.glossary}</a>
                    " · "
                    <a href=join(base, &format!("{}/#lessons", lang.code()))>
                        {t.search_lesson_list}
                    </a>
                </p>
            </div>
        </div>
    }
}
