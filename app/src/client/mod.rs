//! The wasm's side of a page: everything the reader can read is already in
//! the HTML (rendered at build time, [`crate::prerender`]); this brings the
//! interactive parts to life in place.
//!
//! - **Islands** (`[data-island]`): each demo panel, predict question and
//!   the theme toggle is mounted over its pre-rendered twin, by the same
//!   component, so nothing moves ([`islands`]).
//! - **Behaviours** on the static markup: the contents drawer and the
//!   heading being read ([`toc`]), the language link and progress
//!   ([`shell`]), ←/→ ([`keys`]), the home page's progress ([`home`]), and
//!   the not-found page ([`not_found`]).
//!
//! Which page this is comes from `<html data-page>` and `<body data-lang
//! data-lesson>`, which the prerender writes. Only [`lessons::RUNTIME`] is
//! read here: no lesson text is in the wasm.

mod home;
mod islands;
mod keys;
mod not_found;
mod shell;
mod toc;

use leptos::prelude::*;
use lessons::Lang;
use wasm_bindgen::JsCast;

use crate::components::error_overlay;
use crate::{memory, progress, theme, Here, Site};

/// The document, if there is one.
pub(crate) fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Every element matching `selector` under `root`.
pub(crate) fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .collect()
}

/// Brings the page to life. Called once, by `main`.
pub fn start() {
    start_page::<false>(None);
}

/// What a second wasm adds to a page: mounts its own island under the
/// page's owner (the Stream Lab's: `crate::lab::start`).
pub type Mount = fn(&web_sys::HtmlElement, Lang);

/// The shell of [`start`] (site, theme, language link, theme island), plus
/// `mount`, for a page with its own wasm. Nothing of the lessons: no demo
/// memory (its panels are made per pipeline, and the address keeps the
/// pipeline), no lesson islands, and no `lessons::RUNTIME`, whose demos
/// would otherwise all be linked into that wasm.
pub fn start_with(mount: Mount) {
    start_page::<true>(Some(mount));
}

/// [`start`] or [`start_with`]: `OWN` (a constant, so that the lessons'
/// code is not linked into a page's own wasm) says which.
fn start_page<const OWN: bool>(extra: Option<Mount>) {
    error_overlay::install();
    let Some(doc) = document() else { return };
    let (Some(html), Some(body)) = (doc.document_element(), doc.body()) else {
        return;
    };
    let kind = html.get_attribute("data-page").unwrap_or_default();
    let lang = body
        .get_attribute("data-lang")
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or(Lang::En);
    let lesson = body.get_attribute("data-lesson");
    // One owner for the page: every island is mounted under it, so they
    // share its contexts (the theme, progress, the demos' requests).
    let owner = Owner::new();
    owner.with(|| {
        crate::provide_site(Site::detect());
        if !OWN && kind != "not-found" {
            not_found::canonical_address();
        }
        let location = web_sys::window().map(|w| w.location());
        provide_context(Here {
            path: location
                .as_ref()
                .and_then(|l| l.pathname().ok())
                .unwrap_or_default(),
            search: location
                .as_ref()
                .and_then(|l| l.search().ok())
                .unwrap_or_default(),
        });
        progress::provide_progress();
        theme::provide_theme();
        if !OWN {
            memory::provide_memory();
        }
        crate::components::demo::provide_demo_requests();
        let lesson = if OWN {
            None
        } else {
            lesson.as_deref().and_then(lessons::LessonRuntime::find)
        };
        islands::mount_all(&body, lang, lesson);
        if let Some(mount) = extra {
            mount(&body, lang);
        }
        shell::enhance(lang);
        if OWN {
            return;
        }
        match kind.as_str() {
            "lesson" => {
                toc::enhance();
                keys::enhance();
                if let Some(l) = lesson {
                    shell::lesson(l);
                }
            }
            "home" => home::enhance(lang),
            "not-found" => not_found::enhance(),
            _ => {}
        }
    });
    // The page lives as long as the document.
    std::mem::forget(owner);
    let _ = body.set_attribute("data-app-mounted", "");
}
