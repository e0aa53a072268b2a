//! The site root: sends the reader to the home page of their language.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use lessons::Lang;

use crate::components::shell::MAIN_ID;
use crate::i18n::ui;
use crate::paths::{detect_lang, home_href};
use crate::{storage, use_site};

/// The reader's language: the saved choice, else the browser's languages.
pub fn reader_lang() -> Lang {
    let saved = storage::get(storage::LANG_KEY);
    let browser: Vec<String> = web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|list| list.iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default();
    detect_lang(saved.as_deref(), &browser)
}

/// Replaces `/` with `/{lang}/` in the history. While that happens (one
/// frame) it shows links to both languages, so it is never blank.
#[component]
pub fn RootRedirect() -> impl IntoView {
    let base = use_site().base;
    let lang = reader_lang();
    let navigate = use_navigate();
    let target = home_href(base, lang);
    super::replace_address_next_frame(navigate, target, true);
    view! {
        <main id=MAIN_ID class="redirect">
            <p>
                <a href=home_href(base, Lang::Zh) lang="zh-CN">
                    {ui(Lang::Zh).redirecting}
                </a>
            </p>
            <p>
                <a href=home_href(base, Lang::En) lang="en">
                    {ui(Lang::En).redirecting}
                </a>
            </p>
        </main>
    }
}
