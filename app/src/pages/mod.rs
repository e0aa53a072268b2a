//! The pages: home, lesson, glossary, not-found, and the redirect from the
//! site root.
//! [`SitePage`] picks one from the location.

pub mod glossary;
pub mod home;
pub mod lesson;
pub mod not_found;
pub mod root;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use lessons::LESSONS;

use wasm_bindgen::JsCast;

use crate::components::shell::MAIN_ID;
use crate::paths::{canonical_href, parse_route, Route};
use crate::use_site;

pub use glossary::GlossaryPage;
pub use home::Home;
pub use lesson::LessonPage;
pub use not_found::NotFound;
pub use root::RootRedirect;

/// The page for the current location. It is rebuilt only when the route
/// changes (a new lesson, a new language), not when the hash or query does.
#[component]
pub fn SitePage() -> impl IntoView {
    let base = use_site().base;
    let location = use_location();
    let route = Memo::new(move |_| {
        location
            .pathname
            .with(|p| parse_route(base, p, |slug| LESSONS.iter().position(|l| l.slug == slug)))
    });
    // After a client-side navigation, start the keyboard and the screen
    // reader at the new page's content, as a full page load would start them
    // at its top (the link that was focused is gone). Not on the first page,
    // and not after the redirect from the root.
    Effect::new(move |previous: Option<Route<usize>>| {
        let now = route.get();
        if previous.is_some_and(|p| p != Route::Root) {
            request_animation_frame(focus_main);
        }
        now
    });
    // Show the page's own address for an odd spelling of it (`/lab/EN/`,
    // `/lab/en/index.html`, `/lab/en//`), keeping the query and the hash:
    // that is what the reader copies and shares. Replaced, not pushed, and
    // without scrolling; the route is the same, so nothing is redrawn.
    let navigate = use_navigate();
    Effect::new(move |_| {
        let Some(canonical) = route.with(|r| {
            canonical_href(base, r, |&i| {
                LESSONS
                    .get(i)
                    .map_or_else(String::new, |l| l.slug.to_string())
            })
        }) else {
            return;
        };
        if location.pathname.with_untracked(|p| *p == canonical) {
            return;
        }
        let search = location.search.get_untracked();
        let hash = location.hash.get_untracked();
        let query = if search.is_empty() {
            String::new()
        } else {
            format!("?{}", search.trim_start_matches('?'))
        };
        let hash = if hash.is_empty() || hash.starts_with('#') {
            hash
        } else {
            format!("#{hash}")
        };
        let target = format!("{canonical}{query}{hash}");
        replace_address_next_frame(navigate.clone(), target, false);
    });
    move || match route.get() {
        Route::Root => view! { <RootRedirect /> }.into_any(),
        Route::Home(lang) => view! { <Home lang /> }.into_any(),
        Route::Lesson(lang, index) => view! { <LessonPage lang index /> }.into_any(),
        Route::Glossary(lang) => view! { <GlossaryPage lang /> }.into_any(),
        Route::NotFound { lang } => view! { <NotFound lang /> }.into_any(),
    }
}

/// Replaces the current history entry with `target` (which already starts
/// with the base) after this first render, so the router has finished
/// starting up; `scroll` as in [`NavigateOptions`].
pub(crate) fn replace_address_next_frame(
    navigate: impl Fn(&str, NavigateOptions) + 'static,
    target: String,
    scroll: bool,
) {
    request_animation_frame(move || {
        navigate(
            &target,
            NavigateOptions {
                resolve: false,
                replace: true,
                scroll,
                ..Default::default()
            },
        );
    });
}

/// Focuses the page's `<main>` without scrolling.
fn focus_main() {
    let main = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(MAIN_ID))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = main.focus_with_options(&options);
    }
}

/// After the page has rendered, scrolls to the element the URL's hash names
/// (on a fresh load the browser looked for it before the app drew it).
pub fn scroll_to_hash_after_render() {
    request_animation_frame(|| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Ok(hash) = window.location().hash() else {
            return;
        };
        let id = hash.trim_start_matches('#');
        if id.is_empty() {
            return;
        }
        let id = js_sys::decode_uri_component(id)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| id.to_string());
        if let Some(el) = window.document().and_then(|d| d.get_element_by_id(&id)) {
            el.scroll_into_view();
        }
    });
}
