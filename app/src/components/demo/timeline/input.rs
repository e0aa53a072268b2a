//! The reader's input on the plot: a mouse drag pans, a drag along the
//! axis brushes a region to zoom into, a tap or click selects the nearest
//! marker on its lane, Ctrl + wheel (a touchpad pinch) zooms, and the
//! keys step, zoom and fit. Every handler only tells the timeline what the
//! reader wants (`select`, `zoom_by`, `zoom_region`, `fit`).

use leptos::ev;
use leptos::prelude::*;
use trace::LaneId;

use super::{Tl, ZOOM_STEP};
use crate::components::demo::Step;
use crate::timeline_model::AXIS_H;

/// A tap or click finds an event this close (px) on the lane under it;
/// on phones the marker's 32 px target.
const HIT_PX: f64 = 16.0;

/// A pointer gesture in progress.
#[derive(Clone, Copy, Debug)]
struct Drag {
    /// Content x where it started.
    x: f64,
    /// Viewport x where it started.
    client_x: f64,
    scroll_left: f64,
    mode: DragMode,
    moved: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DragMode {
    /// Selecting a region on the axis to zoom into.
    Brush,
    /// Dragging the plot with a mouse.
    Pan,
    /// A touch or pen: the browser scrolls; we only look for a tap.
    Tap,
}

/// The plot's pointer, wheel and key handlers.
#[derive(Clone, Copy)]
pub struct Input {
    tl: Tl,
    drag: StoredValue<Option<Drag>>,
}

impl Input {
    /// Handlers for `tl`.
    pub fn new(tl: Tl) -> Input {
        Input {
            tl,
            drag: StoredValue::new(None),
        }
    }

    /// Content coordinates of a pointer at `client_x, client_y`.
    fn content_pos(self, e: &ev::PointerEvent) -> Option<(f64, f64)> {
        let el = self.tl.scroller.get_untracked()?;
        let r = el.get_bounding_client_rect();
        Some((
            f64::from(e.client_x()) - r.left() + f64::from(el.scroll_left()),
            f64::from(e.client_y()) - r.top() + f64::from(el.scroll_top()),
        ))
    }

    /// The event nearest to `(x, y)` on the lane under it.
    fn hit(self, x: f64, y: f64) -> Option<usize> {
        if y < AXIS_H {
            return None;
        }
        self.tl.with_untracked(|m| {
            let l = ((y - AXIS_H) / m.lane_h()).floor();
            if l < 0.0 || l as usize >= m.lanes().len() {
                return None;
            }
            m.nearest_on_lane(x, l as LaneId, HIT_PX)
                .and_then(|k| m.shown_event(k))
        })
    }

    /// A press: a brush on the axis, a pan with a mouse, else a tap.
    pub fn pointer_down(self, e: ev::PointerEvent) {
        // A touch that scrolls, or a press on the scroll bar.
        self.tl.reader_scrolls();
        if e.button() != 0 {
            return;
        }
        let Some((x, y)) = self.content_pos(&e) else {
            return;
        };
        let mode = if y < AXIS_H {
            DragMode::Brush
        } else if e.pointer_type() == "mouse" {
            DragMode::Pan
        } else {
            DragMode::Tap
        };
        if mode != DragMode::Tap {
            if let Some(el) = self.tl.scroller.get_untracked() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            e.prevent_default();
        }
        self.drag.set_value(Some(Drag {
            x,
            client_x: f64::from(e.client_x()),
            scroll_left: self.tl.view.get_untracked().left,
            mode,
            moved: false,
        }));
    }

    /// A move: brush or pan while pressed.
    pub fn pointer_move(self, e: ev::PointerEvent) {
        let Some(mut d) = self.drag.get_value() else {
            return;
        };
        let Some((x, _)) = self.content_pos(&e) else {
            return;
        };
        let dx = f64::from(e.client_x()) - d.client_x;
        if dx.abs() > 4.0 {
            d.moved = true;
        }
        match d.mode {
            DragMode::Brush if d.moved => self.tl.brush.set(Some((d.x, x))),
            DragMode::Pan if d.moved => {
                self.tl.reader_scrolls();
                self.tl.following.set_value(false);
                if let Some(el) = self.tl.scroller.get_untracked() {
                    el.set_scroll_left((d.scroll_left - dx).round() as i32);
                }
            }
            _ => {}
        }
        self.drag.set_value(Some(d));
    }

    /// A release: zoom to the brushed region, or select what was tapped.
    pub fn pointer_up(self, e: ev::PointerEvent) {
        let Some(d) = self.drag.get_value() else {
            return;
        };
        self.cancel();
        let Some((x, y)) = self.content_pos(&e) else {
            return;
        };
        if d.mode == DragMode::Brush && d.moved && (x - d.x).abs() > 6.0 {
            self.tl.zoom_region(d.x, x);
        } else if !d.moved {
            if let Some(i) = self.hit(x, y) {
                self.tl.select(i, true);
            }
        }
    }

    /// The gesture was cancelled.
    pub fn cancel(self) {
        self.drag.set_value(None);
        self.tl.brush.set(None);
    }

    /// Pinch on a touchpad (and Ctrl + wheel) zooms the timeline, not the page.
    pub fn wheel(self, e: ev::WheelEvent) {
        if !e.ctrl_key() {
            self.tl.reader_scrolls();
            return;
        }
        e.prevent_default();
        let Some(el) = self.tl.scroller.get_untracked() else {
            return;
        };
        let vx = f64::from(e.client_x()) - el.get_bounding_client_rect().left();
        let factor = (-e.delta_y() / 200.0).exp2().clamp(0.25, 4.0);
        self.tl.zoom_by(factor, Some(vx));
    }

    /// ← → step, Home/End jump, + − zoom around the selection, 0 fits.
    /// Handled keys are marked handled (the page's ← → change lesson).
    pub fn key(self, e: ev::KeyboardEvent) {
        if e.alt_key() || e.ctrl_key() || e.meta_key() {
            return;
        }
        let tl = self.tl;
        let step = |s: Step| {
            tl.state.step(s);
            tl.state.focus_selected();
        };
        match e.key().as_str() {
            "ArrowRight" => step(Step::Next),
            "ArrowLeft" => step(Step::Prev),
            "Home" => step(Step::First),
            "End" => step(Step::Last),
            "+" | "=" => tl.zoom_by(ZOOM_STEP, None),
            "-" | "_" => tl.zoom_by(1.0 / ZOOM_STEP, None),
            "0" => tl.fit(),
            _ => return,
        }
        // After a zoom the selected marker may be redrawn elsewhere (or
        // only once scrolled to): it takes focus back itself.
        match e.key().as_str() {
            "+" | "=" | "-" | "_" | "0" => tl.state.focus_selected(),
            _ => {}
        }
        // Handled: the page's lesson keys see `defaultPrevented` and stay
        // out; the panel still sees the key (it pauses a playing replay).
        e.prevent_default();
    }
}
