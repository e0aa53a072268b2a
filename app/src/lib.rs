//! The Async Iteration Lab website: a Leptos client-side-rendered app.
//!
//! [`start`] installs the error overlay, reads the base path the site is
//! served under, and mounts [`App`]: a router whose one route hands every
//! path to [`pages::SitePage`], which parses it with [`paths::parse_route`]
//! (pure, tested natively) and shows the home page, a lesson, or not-found.
//!
//! Components live in modules here (not in `main.rs`) so that browser tests
//! in `tests/web.rs` can mount them.

pub mod components;
pub mod i18n;
pub mod memory;
pub mod pages;
pub mod paths;
pub mod progress;
pub mod storage;
pub mod theme;
pub mod timeline_model;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// Site-wide facts fixed at start-up, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct Site {
    /// The router base: `""` at the root, `"/lab"` under `/lab/`. Every
    /// internal href starts with it (see [`paths`]).
    pub base: &'static str,
}

impl Site {
    /// Reads the base from the `<base href>` element, which trunk makes from
    /// `--public-url` (`<base href="/lab/">`). Without one the site is at the
    /// root (the document's own URL is not a base: it may be a deep link).
    pub fn detect() -> Self {
        let base_path = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("base[href]").ok().flatten())
            // `base_uri` is the base element's href resolved against the page.
            .and_then(|base| base.base_uri().ok().flatten())
            .and_then(|uri| web_sys::Url::new(&uri).ok())
            .map(|url| url.pathname())
            .unwrap_or_default();
        // Leaked once: the base lives as long as the page, and a `&'static
        // str` keeps `Site` `Copy` for every closure that builds an href.
        let base: &'static str = Box::leak(paths::router_base(&base_path).into_boxed_str());
        Self { base }
    }
}

/// The [`Site`] that [`App`] provided.
pub fn use_site() -> Site {
    expect_context::<Site>()
}

/// Installs the error overlay, mounts [`App`] on `<body>`, and tells
/// `style/boot.js` that the app is up.
pub fn start() {
    components::error_overlay::install();
    leptos::mount::mount_to_body(App);
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(status) = doc.get_element_by_id("boot-status") {
            status.remove();
        }
        if let Some(body) = doc.body() {
            let _ = body.set_attribute("data-app-mounted", "");
        }
    }
}

/// The whole site.
#[component]
pub fn App() -> impl IntoView {
    let site = Site::detect();
    provide_context(site);
    progress::provide_progress();
    memory::provide_memory();
    theme::provide_theme();
    view! {
        <Router base=site.base>
            // One route for every path: `SitePage` parses it, so the route
            // table is a pure function with native tests. Paths outside the
            // base (which the server should never send here) fall back to
            // the same page, which then shows not-found.
            <Routes fallback=|| view! { <pages::SitePage /> }>
                <Route path=path!("/*any") view=pages::SitePage />
            </Routes>
        </Router>
    }
}
