//! The site root (`/lab/`): `style/boot.js` sends the reader on to the home
//! page of their language (the one they chose last, else the browser's)
//! before anything is drawn. Without JavaScript this page is what they see:
//! a choice of the two languages.

use leptos::prelude::*;
use lessons::Lang;

use crate::components::shell::MAIN_ID;
use crate::i18n::ui;
use crate::paths::home_href;
use crate::use_site;

/// Links to both home pages, each in its own language.
#[component]
pub fn RootChooser() -> impl IntoView {
    let base = use_site().base;
    let choice = move |lang: Lang| {
        let t = ui(lang);
        view! {
            <li lang=lang.html_lang()>
                <a class="button" href=home_href(base, lang) hreflang=lang.html_lang()>
                    {t.site_name}
                </a>
                <p class="tagline">{t.home_tagline}</p>
            </li>
        }
    };
    view! {
        <main id=MAIN_ID class="redirect root-chooser">
            <h1>
                <span lang="zh-CN">{ui(Lang::Zh).site_name}</span>
                " · "
                <span lang="en">{ui(Lang::En).site_name}</span>
            </h1>
            <ul class="root-choices">{choice(Lang::Zh)} {choice(Lang::En)}</ul>
        </main>
    }
}
