//! Odd addresses. A page served at an odd spelling of its address
//! (`/lab/en/index.html`, `/lab/en//`) shows its own address instead
//! ([`canonical_address`]). The not-found page (`404.html`, served for any
//! unknown address) sends an odd spelling of a real page (`/lab/EN/`,
//! `/lab/en/Errors`) on to that page, keeping the query and the hash;
//! otherwise it shows the address that was asked for, in the reader's
//! language first ([`enhance`]).

use lessons::RUNTIME;

use super::document;
use crate::i18n::ui;
use crate::pages::not_found::ASKED_ID;
use crate::paths::{canonical_href, detect_lang, parse_route, Route};
use crate::{storage, use_site};

/// The site's own spelling of this page's address, if the address bar
/// shows another spelling of the same page.
fn canonical_target(path: &str) -> Option<String> {
    let base = use_site().base;
    let route = parse_route(base, path, |slug| {
        RUNTIME.iter().position(|l| l.slug == slug)
    });
    if matches!(route, Route::NotFound { .. }) {
        return None;
    }
    canonical_href(base, &route, |&i| {
        RUNTIME
            .get(i)
            .map_or_else(String::new, |l| l.slug.to_string())
    })
    .filter(|c| c != path)
}

/// On a page that exists: shows its own address (replaced, not pushed: the
/// same document), keeping the query and the hash.
pub(super) fn canonical_address() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    let Some(target) = canonical_target(&path) else {
        return;
    };
    let search = location.search().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    if let Ok(history) = window.history() {
        let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
        let _ =
            history.replace_state_with_url(&state, "", Some(&format!("{target}{search}{hash}")));
    }
}

/// Redirects, or fills in the asked address.
pub(super) fn enhance() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    let base = use_site().base;
    let route = parse_route(base, &path, |slug| {
        RUNTIME.iter().position(|l| l.slug == slug)
    });
    let canonical = canonical_href(base, &route, |&i| {
        RUNTIME
            .get(i)
            .map_or_else(String::new, |l| l.slug.to_string())
    });
    match (&route, canonical) {
        (Route::NotFound { .. }, _) | (_, None) => {}
        (_, Some(target)) if target != path => {
            let search = location.search().unwrap_or_default();
            let hash = location.hash().unwrap_or_default();
            let _ = location.replace(&format!("{target}{search}{hash}"));
            return;
        }
        _ => {}
    }
    let lang = match route {
        Route::NotFound { lang: Some(l) } => l,
        _ => {
            let saved = storage::get(storage::LANG_KEY);
            let browser: Vec<String> = window
                .navigator()
                .languages()
                .iter()
                .filter_map(|v| v.as_string())
                .collect();
            detect_lang(saved.as_deref(), &browser)
        }
    };
    let Some(doc) = document() else { return };
    let asked = js_sys::decode_uri(&path)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or(path);
    if let Some(line) = doc.get_element_by_id(ASKED_ID) {
        if let Ok(Some(label)) = line.query_selector(".asked-label") {
            label.set_text_content(Some(ui(lang).not_found_asked));
        }
        if let Ok(Some(code)) = line.query_selector("code") {
            code.set_text_content(Some(&asked));
        }
        let _ = line.remove_attribute("hidden");
    }
    // The reader's language only (both are there for a reader without
    // JavaScript); the header stays in the page's own.
    if let Some(root) = doc.document_element() {
        if let Ok(Some(header)) = doc.query_selector(".site-header") {
            let _ = header.set_attribute("lang", &root.get_attribute("lang").unwrap_or_default());
        }
        let _ = root.set_attribute("lang", lang.html_lang());
    }
    if let Ok(Some(other)) = doc.query_selector(&format!(
        ".not-found-lang[data-lang={}]",
        lang.other().code()
    )) {
        let _ = other.set_attribute("hidden", "");
    }
    if let (Ok(Some(main)), Ok(Some(section))) = (
        doc.query_selector("main.not-found"),
        doc.query_selector(&format!(".not-found-lang[data-lang={}]", lang.code())),
    ) {
        if let Ok(Some(first)) = main.query_selector(".not-found-lang") {
            if first != section {
                let _ = main.insert_before(&section, Some(&first));
                // The page's heading goes with it.
                if let (Ok(Some(h1)), Ok(Some(h2))) =
                    (first.query_selector("h1"), section.query_selector("h2"))
                {
                    let (a, b) = (h1.text_content(), h2.text_content());
                    h1.set_text_content(b.as_deref());
                    h2.set_text_content(a.as_deref());
                    let _ = h1.set_attribute("lang", lang.html_lang());
                    let _ = h2.set_attribute("lang", lang.other().html_lang());
                    let _ = section.insert_before(&h1, section.first_child().as_ref());
                    let _ = first.insert_before(&h2, first.first_child().as_ref());
                }
            }
        }
    }
}
