//! One focusable event marker. It moves when the layout changes, shows
//! whether it is selected, and takes keyboard focus itself when the
//! timeline wants focus on the selected event — at once if it is drawn,
//! or when it is drawn (only markers in view are, so after Home/End on a
//! long run the marker mounts a frame or two after the request).

use leptos::prelude::*;
use leptos::svg;
use wasm_bindgen::JsCast;

use super::shapes::shape;
use super::Tl;

/// `el.focus({ preventScroll: true })` for any element, SVG included (the
/// timeline scrolls itself; the page should not jump).
fn focus_without_scrolling(el: &web_sys::Element) {
    let opts = web_sys::FocusOptions::new();
    opts.set_prevent_scroll(true);
    if let Some(svg) = el.dyn_ref::<web_sys::SvgElement>() {
        let _ = svg.focus_with_options(&opts);
    } else if let Some(html) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = html.focus_with_options(&opts);
    }
}

/// The marker of event `i`.
#[component]
pub fn Marker(tl: Tl, i: usize) -> impl IntoView {
    let state = tl.state;
    let node = NodeRef::<svg::G>::new();
    let (e, lane, line) = tl.with_untracked(|m| {
        let e = m.events().get(i).cloned();
        let lane = e
            .as_ref()
            .and_then(|e| m.lanes().get(e.lane as usize).cloned())
            .unwrap_or_default();
        // A drop names the line where it happened.
        let line = super::super::code_panel::named_line(state.demo, m.events(), i);
        (e, lane, line)
    });
    let Some(e) = e else { return ().into_any() };
    let label = super::describe(tl.t, &e, &lane, tl.live_untracked(), line);
    let lane = e.lane;
    let kind = e.kind;
    let transform = move || {
        let (x, y) = tl.with(|m| (m.x_of_event(i), m.lane_y(lane)));
        format!("translate({x:.1} {y})")
    };
    // Focus itself when asked (and drawn).
    Effect::new(move |_| {
        let wanted = state.wants_focus.get() && state.current.get() == Some(i);
        if let (true, Some(el)) = (wanted, node.get()) {
            focus_without_scrolling(&el);
            state.wants_focus.set(false);
        }
    });
    view! {
        <g
            node_ref=node
            class=format!("ev k-{}", kind.as_str())
            class:current=move || state.current.get() == Some(i)
            data-i=i
            data-kind=kind.as_str()
            transform=transform
            role="option"
            tabindex=move || if tl.tab_stop.get() == Some(i) { "0" } else { "-1" }
            aria-selected=move || if state.current.get() == Some(i) { "true" } else { "false" }
            aria-label=label
            on:focus=move |_| {
                if state.current.get_untracked() != Some(i) {
                    state.current.set(Some(i));
                }
            }
        >
            <circle class="ring" r="11"></circle>
            <path class="mk" d=shape(kind)></path>
        </g>
    }
    .into_any()
}
