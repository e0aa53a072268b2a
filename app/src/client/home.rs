//! The home page's memory of the reader, which only their browser has: the
//! lessons they visited get a ✓, the way in becomes "Back to lesson N"
//! where they left off, and the button under the list forgets both.

use lessons::Lang;
use wasm_bindgen::JsCast;

use super::{all, document};
use crate::i18n::ui;
use crate::paths::{lesson_href, with_anchor};
use crate::progress::{use_progress, Progress};
use crate::use_site;

/// Marks the page from the saved progress and wires the clear button.
pub(super) fn enhance(lang: Lang) {
    let Some(doc) = document() else { return };
    let Ok(Some(start)) = doc.query_selector("main.home .start") else {
        return;
    };
    let first = start.inner_html();
    let progress = use_progress();
    mark(lang, progress, &start, &first);
    let Ok(Some(button)) = doc.query_selector("[data-action=clear-progress]") else {
        return;
    };
    let cb = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        progress.clear();
        mark(lang, progress, &start, &first);
        if let Ok(Some(status)) = document()
            .expect("the page is still here")
            .query_selector(".progress-tools .status")
        {
            status.set_text_content(Some(ui(lang).progress_cleared));
        }
    });
    let _ = button.add_event_listener_with_callback("click", cb.as_ref().unchecked_ref());
    cb.forget();
}

/// Shows `progress`: ✓ on visited lessons, and the resume link in place of
/// the way in (`first`, the way in as rendered).
fn mark(lang: Lang, progress: Progress, start: &web_sys::Element, first: &str) {
    let t = ui(lang);
    let Some(doc) = document() else { return };
    let Some(root) = doc.document_element() else {
        return;
    };
    for item in all(&root, "li.lesson-item[data-slug]") {
        let slug = item.get_attribute("data-slug").unwrap_or_default();
        let visited = progress.is_visited(&slug);
        let _ = item.class_list().toggle_with_force("visited", visited);
        let mark = item.query_selector(".visited-mark").ok().flatten();
        match (visited, mark) {
            (true, None) => {
                if let Ok(Some(title)) = item.query_selector(".lesson-title") {
                    let _ = title.insert_adjacent_html(
                        "beforeend",
                        &format!(
                            r#"<span class="visited-mark" title="{v}"><span aria-hidden="true">✓</span><span class="visually-hidden">({v})</span></span>"#,
                            v = t.visited
                        ),
                    );
                }
            }
            (false, Some(mark)) => mark.remove(),
            _ => {}
        }
    }
    // Back to where the reader was, if that lesson is still on the list.
    let resume = progress.last().and_then(|last| {
        let item = doc
            .query_selector(&format!("li.lesson-item[data-slug=\"{}\"]", last.slug))
            .ok()
            .flatten()?;
        let number: u32 = item.get_attribute("data-number")?.parse().ok()?;
        let title = item.get_attribute("data-title")?;
        let href = with_anchor(
            &lesson_href(use_site().base, lang, &last.slug),
            last.anchor.as_deref(),
        );
        Some((href, (t.continue_link)(number, &title)))
    });
    match resume {
        Some((href, text)) => {
            let _ = start.class_list().add_1("resume");
            start.set_inner_html("");
            if let Ok(a) = doc.create_element("a") {
                a.set_class_name("button resume-link");
                let _ = a.set_attribute("href", &href);
                a.set_text_content(Some(&text));
                let _ = start.append_child(&a);
            }
        }
        None => {
            let _ = start.class_list().remove_1("resume");
            start.set_inner_html(first);
        }
    }
}
