//! The language switch: a link to the same page in the other language that
//! keeps the reading position (the nearest heading; headings share ids across
//! languages) and the query (a demo's knob values), and remembers the choice.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use lessons::Lang;

use crate::i18n::ui;
use crate::paths::{switch_lang_path, with_anchor};
use crate::{storage, use_site};

/// A link to this page in the other language.
#[component]
pub fn LangSwitch(
    /// The page language.
    lang: Lang,
    /// The nearest heading of the reading position, if the page tracks one.
    anchor: Option<Signal<Option<&'static str>>>,
) -> impl IntoView {
    let other = lang.other();
    let base = use_site().base;
    let location = use_location();
    let href = move || {
        let path = location.pathname.with(|p| switch_lang_path(base, p, other));
        let search = location.search.get();
        let path = if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        };
        with_anchor(&path, anchor.and_then(|a| a.get()))
    };
    view! {
        <a
            class="lang-switch"
            href=href
            hreflang=other.html_lang()
            lang=other.html_lang()
            title=ui(lang).switch_lang_hint
            on:click=move |_| storage::set(storage::LANG_KEY, other.code())
        >
            {ui(lang).other_lang_name}
        </a>
    }
}
