//! The code and the transcript as two tabs of one area ("Code |
//! Transcript"), so that a panel pinned beside the text fits the window and
//! the timeline keeps its room: the area takes the height the rest of the
//! panel leaves (style/demo.css, from 1100 px).
//!
//! The area is the panel's last part: where the panel is pinned it takes
//! the height left, so when the timeline above grows (a burst row under
//! the plot, more lanes) this area shrinks and the buttons above stay
//! where the pointer is.
//!
//! Tabs only where the panel is pinned: on narrow screens, and without
//! JavaScript (style/noscript.css), the tab list is not shown and both parts
//! are in the flow, after the timeline. The markup is the same everywhere,
//! so nothing moves when the wasm mounts.
//!
//! Keyboard: the tab list is one tab stop (roving `tabindex`); ← → switch,
//! Home / End pick the first / last tab (automatic activation, WAI-ARIA
//! Authoring Practices' "Tabs" pattern).
//!
//! Not here: what the two parts show ([`super::code_panel`],
//! [`super::transcript`]), and how a pinned panel fits them to the room
//! ([`super::fold`]).

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::code_panel::CodePanel;
use super::transcript::Transcript;
use super::{strings, DemoState};

/// One of the two tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Code,
    Transcript,
}

impl Tab {
    fn as_str(self) -> &'static str {
        match self {
            Tab::Code => "code",
            Tab::Transcript => "transcript",
        }
    }

    fn other(self) -> Tab {
        match self {
            Tab::Code => Tab::Transcript,
            Tab::Transcript => Tab::Code,
        }
    }

    /// The scroll box of the tab's panel, and the item in it the selection
    /// lights.
    fn selectors(self) -> (&'static str, &'static str) {
        match self {
            Tab::Code => (".demo-code-scroll", ".code-row.lit"),
            Tab::Transcript => ("ol.transcript", "li.current"),
        }
    }
}

/// The code panel and the transcript, as tabs where the panel is pinned.
#[component]
pub fn CodeAndTranscript(
    /// The panel's shared state.
    state: DemoState,
    /// The row of the code to light, if any.
    lit_row: Signal<Option<usize>>,
) -> impl IntoView {
    let t = strings(state.lang);
    let tab = RwSignal::new(Tab::Code);
    let area = NodeRef::<html::Div>::new();
    let code_tab = NodeRef::<html::Button>::new();
    let transcript_tab = NodeRef::<html::Button>::new();
    let id = |part: &str| format!("demo-{}-{part}", state.uid);

    // A part that was hidden kept its lit line or row, but could not keep
    // it in view (its box had no height): it does so when it is shown.
    Effect::watch(
        move || tab.get(),
        move |&tab, _, _| request_animation_frame(move || reveal(area, tab)),
        false,
    );

    let choose = move |to: Tab, focus: bool| {
        tab.set(to);
        if focus {
            let button = match to {
                Tab::Code => code_tab.get_untracked(),
                Tab::Transcript => transcript_tab.get_untracked(),
            };
            if let Some(b) = button {
                let _ = b.focus();
            }
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let to = match ev.key().as_str() {
            "ArrowLeft" | "ArrowRight" => tab.get_untracked().other(),
            "Home" => Tab::Code,
            "End" => Tab::Transcript,
            _ => return,
        };
        // The keys are the tab list's: not a step of a replay, not the
        // next lesson.
        ev.prevent_default();
        ev.stop_propagation();
        choose(to, true);
    };
    let button = move |which: Tab, label: &'static str, node: NodeRef<html::Button>| {
        let selected = move || tab.get() == which;
        view! {
            <button
                type="button"
                class="demo-tab"
                role="tab"
                node_ref=node
                id=id(&format!("tab-{}", which.as_str()))
                aria-controls=id(&format!("panel-{}", which.as_str()))
                aria-selected=move || if selected() { "true" } else { "false" }
                tabindex=move || if selected() { "0" } else { "-1" }
                on:click=move |_| choose(which, false)
            >
                {label}
            </button>
        }
    };
    let panel = move |which: Tab, part: AnyView| {
        view! {
            <div
                class="demo-tabpanel"
                role="tabpanel"
                data-panel=which.as_str()
                id=id(&format!("panel-{}", which.as_str()))
                aria-labelledby=id(&format!("tab-{}", which.as_str()))
            >
                {part}
            </div>
        }
    };
    view! {
        <div class="demo-tabs" node_ref=area data-tab=move || tab.get().as_str()>
            <div class="demo-tablist" role="tablist" aria-label=t.views_label on:keydown=on_key>
                {button(Tab::Code, t.code, code_tab)}
                {button(Tab::Transcript, t.transcript_tab, transcript_tab)}
            </div>
            {panel(Tab::Code, view! { <CodePanel state lit_row /> }.into_any())}
            {panel(Tab::Transcript, view! { <Transcript state /> }.into_any())}
        </div>
    }
}

/// Scrolls the shown part's box (never the page) so that its lit line or
/// marked row is in view, a line's height from the edge where it can be.
fn reveal(area: NodeRef<html::Div>, tab: Tab) {
    let Some(Some(area)) = area.try_get_untracked() else {
        return;
    };
    let (box_sel, item_sel) = tab.selectors();
    let (Ok(Some(box_)), Ok(Some(item))) = (
        area.query_selector(box_sel),
        area.query_selector(&format!("{box_sel} {item_sel}")),
    ) else {
        return;
    };
    let (Ok(box_), Ok(item)) = (
        box_.dyn_into::<web_sys::HtmlElement>(),
        item.dyn_into::<web_sys::HtmlElement>(),
    ) else {
        return;
    };
    let (top, h) = (
        f64::from(item.offset_top()),
        f64::from(item.offset_height()),
    );
    let (view_top, view_h) = (
        f64::from(box_.scroll_top()),
        f64::from(box_.client_height()),
    );
    if top < view_top + h || top + 2.0 * h > view_top + view_h {
        box_.set_scroll_top((top - view_h / 3.0).max(0.0) as i32);
    }
}
