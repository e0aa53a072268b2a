//! One focusable event marker. It moves when the layout changes, shows
//! whether it is selected, and takes keyboard focus itself when the
//! timeline wants focus on the selected event — at once if it is drawn,
//! or when it is drawn (only markers in view are, so after Home/End on a
//! long run the marker mounts a frame or two after the request).

use leptos::prelude::*;
use leptos::svg;

use super::shapes::shape;
use super::Tl;

/// The marker of event `i`. Zoomed in, each marker in view has its own
/// fixed `i`; zoomed out, one marker is the cursor and follows the
/// selection (`i` changes, the element stays: stepping or a replay moves
/// it instead of unmounting one marker and mounting another).
#[component]
pub fn Marker(tl: Tl, i: Signal<usize>) -> impl IntoView {
    let state = tl.state;
    let node = NodeRef::<svg::G>::new();
    // What the marker says of its event (the event at `i` never changes
    // within a run, and a new run mounts new markers).
    let said = Memo::new(move |_| {
        let i = i.get();
        tl.with_untracked(|m| {
            let e = m.events().get(i)?.clone();
            let lane = m.lanes().get(e.lane as usize).cloned().unwrap_or_default();
            // A drop names the line where it happened.
            let line = super::super::code_panel::named_line(state.demo, m.events(), i);
            let label = super::describe(tl.t, &e, &lane, tl.live_untracked(), line);
            Some((e.kind, e.lane, label))
        })
    });
    let kind = move || said.with(|s| s.as_ref().map_or("", |(k, ..)| k.as_str()));
    let transform = move || {
        let lane = said.with(|s| s.as_ref().map(|(_, lane, _)| *lane))?;
        let i = i.get();
        let (x, y) = tl.with(|m| (m.x_of_event(i), m.lane_y(lane)));
        Some(format!("translate({x:.1} {y})"))
    };
    let selected = move || state.current.get() == Some(i.get());
    // Focus itself when asked (and drawn), unless it has focus already.
    Effect::new(move |_| {
        let wanted = state.wants_focus.get() && selected();
        if let (true, Some(el)) = (wanted, node.get()) {
            crate::focus_without_scrolling(&el);
            state.wants_focus.set(false);
        }
    });
    view! {
        <g
            node_ref=node
            // One class attribute: a `class:current` beside a changing
            // `class` string would be wiped when the kind changes.
            class=move || format!("ev k-{}{}", kind(), if selected() { " current" } else { "" })
            data-i=move || i.get()
            data-kind=kind
            transform=transform
            role="option"
            tabindex=move || if tl.tab_stop.get() == Some(i.get()) { "0" } else { "-1" }
            aria-selected=move || if selected() { "true" } else { "false" }
            aria-label=move || said.with(|s| s.as_ref().map(|(.., l)| l.clone()).unwrap_or_default())
            on:focus=move |_| {
                let i = i.get_untracked();
                if state.current.get_untracked() != Some(i) {
                    state.current.set(Some(i));
                }
            }
        >
            <circle class="ring" r="11"></circle>
            <path class="mk" d=move || said.with(|s| s.as_ref().map(|(k, ..)| shape(*k)))></path>
        </g>
    }
}
