//! The demo's own source, as highlighted at build time, with line numbers;
//! the line that caused the selected (or, while running, the newest) event
//! is lit.
//!
//! The HTML of each line is trusted: `lesson-build` made it from the demo
//! file at compile time. Nothing the reader or the URL supplies reaches it.

use leptos::html;
use leptos::prelude::*;

use super::demo::{strings, DemoState};

/// The code panel of a demo.
#[component]
pub fn CodePanel(
    /// The panel's shared state.
    state: DemoState,
    /// The row of `demo.code` to light, if any.
    lit_row: Signal<Option<usize>>,
) -> impl IntoView {
    let demo = state.demo;
    let t = strings(state.lang);
    let scroller = NodeRef::<html::Div>::new();

    // Keep the lit row in view inside the panel's own scroll box, without
    // scrolling the page (no `scrollIntoView`). Measured just before the
    // next frame's layout, so the read does not force an extra one.
    Effect::new(move |_| {
        let Some(row) = lit_row.get() else { return };
        request_animation_frame(move || {
            let Some(Some(box_)) = scroller.try_get_untracked() else {
                return;
            };
            let Ok(Some(el)) = box_.query_selector(&format!("[data-row=\"{row}\"]")) else {
                return;
            };
            let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) else {
                return;
            };
            let (top, h) = (f64::from(el.offset_top()), f64::from(el.offset_height()));
            let (view_top, view_h) = (
                f64::from(box_.scroll_top()),
                f64::from(box_.client_height()),
            );
            if top < view_top + h {
                box_.set_scroll_top((top - h).max(0.0) as i32);
            } else if top + h > view_top + view_h - h {
                box_.set_scroll_top((top + 2.0 * h - view_h) as i32);
            }
        });
    });

    let rows = demo
        .code
        .iter()
        .enumerate()
        .map(|(row, html)| {
            let line = demo.first_line as usize + row;
            view! {
                <span class="code-row" class:lit=move || lit_row.get() == Some(row) data-row=row data-line=line>
                    <span class="code-ln" aria-hidden="true">{line}</span>
                    <span class="code-src" inner_html=*html></span>
                    "\n"
                </span>
            }
        })
        .collect_view();

    view! {
        <div class="demo-code">
            <div class="demo-code-head">
                <span class="demo-code-title">{t.code}</span>
                <span class="demo-code-path">{demo.path}</span>
            </div>
            <div
                class="demo-code-scroll"
                node_ref=scroller
                tabindex="0"
                role="region"
                aria-label=(t.code_label)(demo.path)
            >
                <pre class="code"><code>{rows}</code></pre>
            </div>
        </div>
    }
}
