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
    let link = move |lang: Lang| {
        view! {
            <p>
                <a class="button" href=home_href(base, lang) lang=lang.html_lang() hreflang=lang.html_lang()>
                    {ui(lang).site_name}
                </a>
            </p>
        }
    };
    view! {
        <main id=MAIN_ID class="redirect root-chooser">
            {link(Lang::Zh)}
            {link(Lang::En)}
        </main>
    }
}
