//! What every page has around its `<main>`: the skip link, the header (site
//! name, lesson list, glossary, language switch, theme toggle), the footer,
//! and the document's language and title.

use leptos::prelude::*;
use lessons::Lang;

use crate::components::lang_switch::LangSwitch;
use crate::components::theme_toggle::ThemeToggle;
use crate::components::toc::TocButton;
use crate::i18n::ui;
use crate::paths::{glossary_href, home_href, join};
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
                    <span class="site-name-text">{t.site_name}</span>
                </a>
                <nav class="site-nav" aria-label=t.site_nav>
                    <a class="nav-lessons" href=join(base, &format!("{}/#lessons", lang.code()))>
                        {t.all_lessons}
                    </a>
                    <a class="nav-glossary" href=glossary_href(base, lang)>
                        {t.glossary}
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
