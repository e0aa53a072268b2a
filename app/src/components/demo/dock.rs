//! On narrow screens, the timeline docks to the bottom of the window while
//! the reader goes through the text about it: once the timeline's own place
//! has scrolled up under the header and the demo's segment (the panel and
//! the prose after it, `pages::lesson`, or further, to the last paragraph
//! naming one of its steps) still goes on below, the timeline is
//! shown fixed at the bottom in a compact form (plot, detail line, previous
//! / next step: style/demo.css, `.tl-dock[data-docked]`). Its place in the
//! page keeps its height, so nothing below moves. It undocks when the
//! segment's end has risen above it, or when the reader scrolls back up.
//!
//! From 1100 px the panel is pinned beside the text (style/main.css) and
//! never docks. Without JavaScript nothing docks.
//!
//! Not here: what the timeline draws (`super::timeline`).

use leptos::html;
use leptos::prelude::*;

/// Where the panel is pinned instead (style/main.css).
const PINNED_MEDIA: &str = "(min-width: 1100px)";
/// Until the docked height is known, the dock is taken to cover this share
/// of the window.
const DOCK_SHARE_GUESS: f64 = 0.4;

/// What decides whether the timeline docks, in viewport px.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    /// The panel is pinned beside the text (wide screens).
    pub pinned: bool,
    /// The bottom of the timeline's place in the page.
    pub place_bottom: f64,
    /// The bottom of the sticky site header.
    pub header_bottom: f64,
    /// The bottom of the text about the demo (its segment, or the last
    /// paragraph naming one of its steps).
    pub segment_bottom: f64,
    /// The window's height.
    pub viewport_h: f64,
    /// The docked timeline's height (or a guess).
    pub dock_h: f64,
}

/// Docked while the timeline's place is above the window (under the
/// header) and the segment still has text below the docked timeline's top.
pub fn should_dock(g: Geometry) -> bool {
    !g.pinned && g.place_bottom < g.header_bottom && g.segment_bottom > g.viewport_h - g.dock_h
}

/// Wraps the timeline: docks it when [`should_dock`] says so.
#[component]
pub fn Dock(children: Children) -> impl IntoView {
    let place = NodeRef::<html::Div>::new();
    let docked = RwSignal::new(false);
    // The place's height while the timeline is away.
    let hold = RwSignal::new(None::<f64>);
    if !crate::is_static() {
        watch(place, docked, hold);
    }
    view! {
        <div
            class="tl-dock"
            node_ref=place
            data-docked=move || docked.get().then_some("")
            style=move || hold.get().map(|h| format!("min-height: {h:.3}px"))
        >
            {children()}
        </div>
    }
}

/// Checks the geometry once per frame while the page scrolls or resizes.
fn watch(place: NodeRef<html::Div>, docked: RwSignal<bool>, hold: RwSignal<Option<f64>>) {
    let pending = StoredValue::new(false);
    let dock_h = StoredValue::new(None::<f64>);
    let check = move || {
        if pending.try_get_value() != Some(false) {
            return;
        }
        pending.set_value(true);
        request_animation_frame(move || {
            if pending.try_set_value(false).is_some() {
                return;
            }
            update(place, docked, hold, dock_h);
        });
    };
    let scroll = window_event_listener(leptos::ev::scroll, move |_| check());
    let resize = window_event_listener(leptos::ev::resize, move |_| check());
    on_cleanup(move || {
        scroll.remove();
        resize.remove();
    });
    // A reload part-way down the page: as it is now.
    check();
}

fn update(
    place: NodeRef<html::Div>,
    docked: RwSignal<bool>,
    hold: RwSignal<Option<f64>>,
    dock_h: StoredValue<Option<f64>>,
) {
    let (Some(Some(el)), Some(window)) = (place.try_get_untracked(), web_sys::window()) else {
        return;
    };
    let Ok(Some(segment)) = el.closest(".segment") else {
        return;
    };
    let Some(doc) = window.document() else { return };
    let pinned = window
        .match_media(PINNED_MEDIA)
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    let viewport_h = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let header_bottom = doc
        .query_selector(".site-header")
        .ok()
        .flatten()
        .map_or(0.0, |h| h.get_bounding_client_rect().bottom().max(0.0));
    let is_docked = docked.get_untracked();
    if is_docked {
        if let Ok(Some(tl)) = el.query_selector(".tl") {
            dock_h.set_value(Some(tl.get_bounding_client_rect().height()));
        }
    }
    let g = Geometry {
        pinned,
        place_bottom: el.get_bounding_client_rect().bottom(),
        header_bottom,
        segment_bottom: text_bottom(&doc, &el, &segment),
        viewport_h,
        dock_h: dock_h.get_value().unwrap_or(viewport_h * DOCK_SHARE_GUESS),
    };
    let dock = should_dock(g);
    if dock == is_docked {
        return;
    }
    if dock {
        // Fractional: a rounded height would move the page by a fraction.
        hold.set(Some(el.get_bounding_client_rect().height()));
        docked.set(true);
    } else {
        docked.set(false);
        hold.set(None);
    }
}

/// The bottom of the text about this demo: its segment, or further down to
/// the last paragraph that names one of its steps (`R(0)`: a `.step-link`
/// for this demo) when a later demo's segment begins before the text about
/// this one ends; never past the next demo's panel.
fn text_bottom(
    doc: &web_sys::Document,
    place: &web_sys::Element,
    segment: &web_sys::Element,
) -> f64 {
    let mut bottom = segment.get_bounding_client_rect().bottom();
    let Some(id) = place
        .closest(".demo-slot")
        .ok()
        .flatten()
        .and_then(|slot| slot.get_attribute("data-demo"))
    else {
        return bottom;
    };
    let top = place.get_bounding_client_rect().top();
    let next_panel = all(doc, ".demo-slot")
        .iter()
        .map(|s| s.get_bounding_client_rect().top())
        .find(|t| *t > top)
        .unwrap_or(f64::INFINITY);
    let selector = format!(".prose .step-link[data-demo=\"{id}\"]");
    if let Some(last) = all(doc, &selector).last() {
        let block = last
            .closest("p, li")
            .ok()
            .flatten()
            .unwrap_or_else(|| last.clone());
        let b = block.get_bounding_client_rect().bottom();
        if b < next_panel {
            bottom = bottom.max(b);
        }
    }
    bottom
}

/// Every element of the page matching `selector`, in document order.
fn all(doc: &web_sys::Document, selector: &str) -> Vec<web_sys::Element> {
    let Ok(list) = doc.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        .collect()
}

/// Shows the panel's timeline after a request from the text (a step named
/// there, a question's case): if it is docked, it is already in view and
/// the page stays where the reader is reading; otherwise the panel is
/// scrolled into view, as little as needed.
pub fn reveal(panel: &web_sys::Element) {
    if let Ok(Some(_)) = panel.query_selector(".tl-dock[data-docked]") {
        return;
    }
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
    panel.scroll_into_view_with_scroll_into_view_options(&opts);
}

#[cfg(test)]
mod tests {
    use super::{should_dock, Geometry};

    /// A 390 × 844 phone with a 57 px header; the dock 300 px tall.
    fn phone(place_bottom: f64, segment_bottom: f64) -> Geometry {
        Geometry {
            pinned: false,
            place_bottom,
            header_bottom: 57.0,
            segment_bottom,
            viewport_h: 844.0,
            dock_h: 300.0,
        }
    }

    #[test]
    fn docks_while_the_text_of_its_segment_is_read() {
        // The timeline is in view: nothing to do.
        assert!(!should_dock(phone(500.0, 3000.0)));
        // Partly under the header: still partly in view.
        assert!(!should_dock(phone(100.0, 3000.0)));
        // Gone above, text of the segment below: dock.
        assert!(should_dock(phone(-200.0, 3000.0)));
        // The segment's end is above the docked timeline's top: undock, so
        // the next segment is not covered.
        assert!(should_dock(phone(-2000.0, 545.0)));
        assert!(!should_dock(phone(-2000.0, 543.0)));
    }

    #[test]
    fn never_where_the_panel_is_pinned() {
        let g = Geometry {
            pinned: true,
            ..phone(-200.0, 3000.0)
        };
        assert!(!should_dock(g));
    }
}
