//! The pages: home, lesson, glossary, not-found, and the site root. Each is
//! rendered to HTML at build time ([`crate::prerender`]); in the browser the
//! wasm only brings parts of them to life ([`crate::client`]).

pub mod glossary;
pub mod home;
pub mod lab;
pub mod lesson;
pub mod not_found;
pub mod root;

use leptos::prelude::*;
use lessons::{Lang, LESSONS};

use crate::components::inline::plain;
use crate::i18n::ui;
use crate::paths::Route;

pub use glossary::GlossaryPage;
pub use home::Home;
pub use lab::LabPage;
pub use lesson::LessonPage;
pub use not_found::NotFound;
pub use root::RootChooser;

/// What the document around a page says: its language, title and
/// description, and what kind of page it is (for `data-page`, which tells
/// the wasm what to bring to life).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageMeta {
    /// `<html lang>`.
    pub lang: Lang,
    /// `<title>`.
    pub title: String,
    /// `<meta name="description">`.
    pub description: String,
    /// `root`, `home`, `lesson`, `glossary`, `lab` or `not-found`.
    pub kind: &'static str,
    /// The lesson's slug, on a lesson page.
    pub lesson: Option<&'static str>,
}

/// The meta of `route` (a lesson route names `LESSONS[i]`).
pub fn meta(route: &Route<usize>) -> PageMeta {
    let site = |lang: Lang| ui(lang).site_name.to_string();
    let both = "See how async iteration works: live Rust streams in your browser, with Python's \
                async for beside them. 在浏览器里亲眼看到异步迭代如何运行。";
    match *route {
        Route::Root => PageMeta {
            lang: Lang::En,
            title: format!("{} · {}", ui(Lang::En).site_name, ui(Lang::Zh).site_name),
            description: both.to_string(),
            kind: "root",
            lesson: None,
        },
        Route::Home(lang) => PageMeta {
            lang,
            title: site(lang),
            description: ui(lang).home_tagline.to_string(),
            kind: "home",
            lesson: None,
        },
        Route::Lesson(lang, i) => {
            let lesson = &LESSONS[i];
            let page = lesson.page(lang);
            PageMeta {
                lang,
                title: format!("{} · {}", plain(page.title), site(lang)),
                description: plain(page.summary),
                kind: "lesson",
                lesson: Some(lesson.slug),
            }
        }
        Route::Glossary(lang) => PageMeta {
            lang,
            title: format!("{} · {}", ui(lang).glossary, site(lang)),
            description: ui(lang).glossary_intro.to_string(),
            kind: "glossary",
            lesson: None,
        },
        Route::Lab(lang) => {
            let t = crate::lab::strings::strings(lang);
            PageMeta {
                lang,
                title: format!("{} · {}", t.title, site(lang)),
                description: t.intro.to_string(),
                kind: "lab",
                lesson: None,
            }
        }
        Route::NotFound { lang } => {
            let lang = lang.unwrap_or(Lang::En);
            PageMeta {
                lang,
                title: format!("{} · {}", ui(lang).not_found_title, site(lang)),
                description: both.to_string(),
                kind: "not-found",
                lesson: None,
            }
        }
    }
}

/// The page for `route`.
pub fn view(route: &Route<usize>) -> AnyView {
    match *route {
        Route::Root => view! { <RootChooser /> }.into_any(),
        Route::Home(lang) => view! { <Home lang /> }.into_any(),
        Route::Lesson(lang, index) => view! { <LessonPage lang index /> }.into_any(),
        Route::Glossary(lang) => view! { <GlossaryPage lang /> }.into_any(),
        Route::Lab(lang) => view! { <LabPage lang /> }.into_any(),
        Route::NotFound { lang } => view! { <NotFound lang /> }.into_any(),
    }
}
