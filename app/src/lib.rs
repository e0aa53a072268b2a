//! The Async Iteration Lab website.
//!
//! Every page is rendered to HTML at build time by the native `prerender`
//! binary (`src/bin/prerender.rs`, [`prerender`]), from the components in
//! [`pages`] and [`components`]: a reader sees the whole page before any
//! script runs, and with JavaScript off. The wasm ([`client::start`]) then
//! brings the page to life in place: it mounts each demo panel, predict
//! question and theme toggle over its pre-rendered twin (the same
//! component, so nothing moves), and adds the small behaviours of the shell
//! (contents drawer, reading position, ←/→, the language link). It reads
//! only [`lessons::RUNTIME`], so no lesson text is in the wasm.
//!
//! The same components are compiled twice: natively with Leptos `ssr` (the
//! pages) and to wasm with `csr` (the islands). [`is_static`] tells a
//! component which one it is.

// The pages' view types nest deeply when rendered to HTML (`ssr`).
#![recursion_limit = "256"]

pub mod client;
pub mod components;
pub mod i18n;
pub mod lab;
pub mod memory;
pub mod pages;
pub mod paths;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
pub mod progress;
pub mod storage;
pub mod theme;
pub mod timeline_model;

use leptos::prelude::*;

/// True when rendering a page to HTML at build time (natively), false in the
/// browser. A component renders the same markup either way; only what needs
/// a browser (timers, storage, listeners) is skipped when static.
pub const fn is_static() -> bool {
    cfg!(not(target_arch = "wasm32"))
}

/// Site-wide facts fixed at start-up, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct Site {
    /// The base path: `""` at the root, `"/lab"` under `/lab/`. Every
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
        Self::with_base(&base_path)
    }

    /// The site served under `base_path` (`/`, `/lab/`, `/lab`).
    pub fn with_base(base_path: &str) -> Self {
        // Leaked once: the base lives as long as the page (or the build),
        // and a `&'static str` keeps `Site` `Copy` for every closure that
        // builds an href.
        let base: &'static str = Box::leak(paths::router_base(base_path).into_boxed_str());
        Self { base }
    }
}

thread_local! {
    /// The page's [`Site`], for code that runs outside any reactive owner
    /// (an event handler, a frame callback).
    static PAGE_SITE: std::cell::Cell<Option<Site>> = const { std::cell::Cell::new(None) };
}

/// Provides `site` as context and remembers it as the page's.
pub fn provide_site(site: Site) {
    PAGE_SITE.with(|s| s.set(Some(site)));
    provide_context(site);
}

/// The [`Site`] provided (else the page's; else the root).
pub fn use_site() -> Site {
    use_context::<Site>()
        .or_else(|| PAGE_SITE.with(std::cell::Cell::get))
        .unwrap_or(Site { base: "" })
}

/// The page being rendered: its path (with the base) and query. At build
/// time the route's canonical path and no query; in the browser, the
/// address bar's.
#[derive(Debug, Clone, Default)]
pub struct Here {
    /// `/lab/en/lesson-slug/`.
    pub path: String,
    /// `""` or `?n=3`.
    pub search: String,
}

/// The [`Here`] provided (empty, if none was).
pub fn use_here() -> Here {
    use_context::<Here>().unwrap_or_default()
}

/// Gives `el` keyboard focus without scrolling the page (`focus({
/// preventScroll: true })`), for HTML and SVG elements alike; nothing if it
/// has focus already. Used by a timeline marker (the timeline scrolls
/// itself) and by an island that takes over a focused element.
pub(crate) fn focus_without_scrolling(el: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    let active = el.owner_document().and_then(|d| d.active_element());
    if active.as_ref() == Some(el) {
        return;
    }
    let opts = web_sys::FocusOptions::new();
    opts.set_prevent_scroll(true);
    if let Some(svg) = el.dyn_ref::<web_sys::SvgElement>() {
        let _ = svg.focus_with_options(&opts);
    } else if let Some(html) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = html.focus_with_options(&opts);
    }
}

/// The wasm's entry point: see [`client::start`].
pub fn start() {
    client::start();
}
