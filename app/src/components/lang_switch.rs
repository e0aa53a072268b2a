//! The language switch: a link to the same page in the other language that
//! keeps the reading position (the nearest heading; headings share ids across
//! languages) and the query (a demo's knob values), and remembers the choice.
//!
//! The page is rendered with the plain link; in the browser
//! `client::shell` keeps its href up to date ([`href`]) as the reader
//! scrolls and turns knobs, and remembers the language when it is followed.

use leptos::prelude::*;
use lessons::Lang;

use crate::i18n::ui;
use crate::paths::{switch_lang_path, with_anchor};
use crate::{use_here, use_site};

/// The class the link is found by.
pub const CLASS: &str = "lang-switch";

/// The same page in `other`: `path` (with the base) in the other language,
/// with `search` (`""` or `?…`) and the reading position `anchor`.
pub fn href(base: &str, path: &str, search: &str, other: Lang, anchor: Option<&str>) -> String {
    let path = switch_lang_path(base, path, other);
    let search = search.trim_start_matches('?');
    let path = if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    };
    with_anchor(&path, anchor)
}

/// A link to this page in the other language.
#[component]
pub fn LangSwitch(
    /// The page language.
    lang: Lang,
) -> impl IntoView {
    let other = lang.other();
    let here = use_here();
    let href = href(use_site().base, &here.path, &here.search, other, None);
    view! {
        <a
            class=CLASS
            href=href
            hreflang=other.html_lang()
            lang=other.html_lang()
            data-lang=other.code()
            title=ui(lang).switch_lang_hint
        >
            {ui(lang).other_lang_name}
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_page_the_query_and_the_heading() {
        assert_eq!(
            href(
                "/lab",
                "/lab/en/errors/",
                "?n=3",
                Lang::Zh,
                Some("what-happened")
            ),
            "/lab/zh/errors/?n=3#what-happened"
        );
        assert_eq!(href("", "/zh/", "", Lang::En, None), "/en/");
        assert_eq!(href("", "/zh/x/", "?", Lang::En, Some("")), "/en/x/");
    }
}
