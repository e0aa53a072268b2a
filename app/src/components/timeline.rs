//! The timeline: one lane per actor, a time axis, one marker shape (and
//! colour) per event kind, waiting spans, a legend, a tooltip, selection,
//! keyboard replay, zoom and pan. It draws what [`trace::model::Timeline`]
//! computes and nothing else.
//!
//! Rendering is windowed: only what lies in the visible part of the scroll
//! box (plus half a screen either side) is in the DOM. Up to
//! [`DETAIL_MAX`] events in that window are drawn as individual, focusable
//! markers in a keyed list (a marker that stays in view keeps its node, and
//! its keyboard focus); beyond that — a 10,000-event run fitted to the
//! width — they are drawn as one path per lane and kind, a few dozen
//! elements whatever the run's size.
//!
//! Keyboard: the timeline is one tab stop (roving `tabindex`: the current
//! event's marker, or the first one in view); ← → step, Home/End jump,
//! plus and minus zoom around the current event, 0 fits the whole run,
//! Enter/Space select the focused marker.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use trace::model::{
    is_at_end, marker_label, scroll_to_show, LaneState, Scale, Timeline, AXIS_H, LANE_H, PAD_RIGHT,
};
use trace::{Clock, Event, Kind, LaneId};
use wasm_bindgen::JsCast;

use super::demo::{icon, strings, DemoState, Icon, Phase, Step, Strings};

/// At most this many events in the window are drawn as separate markers.
pub const DETAIL_MAX: usize = 400;
/// Zoom buttons multiply or divide the zoom by this.
const ZOOM_STEP: f64 = 2.0;
/// Hover and click find an event this close (px) on the lane under the pointer.
const HIT_PX: f64 = 12.0;

/// The marker of `kind`, centred on (0, 0), about 12 px across. Each kind
/// has its own silhouette, so the timeline reads without colour.
pub const fn shape(kind: Kind) -> &'static str {
    match kind {
        // A ring: polled to completion.
        Kind::Poll => "M-5,0a5,5 0 1,0 10,0a5,5 0 1,0 -10,0",
        // A hollow square: paused.
        Kind::Pending => "M-5,-5h10v10h-10z",
        // A triangle pointing up: woken.
        Kind::Wake => "M0,-6.5L6.5,5.5H-6.5z",
        // A disc: a value came out.
        Kind::Yield => "M-6,0a6,6 0 1,0 12,0a6,6 0 1,0 -12,0",
        // A bar: the end of the stream.
        Kind::End => "M-2.5,-7.5h5v15h-5z",
        // A diamond: the loop body.
        Kind::Body => "M0,-6.5L6.5,0L0,6.5L-6.5,0z",
        // A cross: dropped.
        Kind::Drop => "M-5,-5L5,5M5,-5L-5,5",
        // A star: cleanup ran.
        Kind::Cleanup => {
            "M0,-7.5L1.9,-2.6L7.1,-2.3L3.1,1L4.4,6.1L0,3.2L-4.4,6.1L-3.1,1L-7.1,-2.3L-1.9,-2.6Z"
        }
        // A triangle pointing down: an error.
        Kind::Error => "M-6.5,-5.5H6.5L0,6.5z",
        // A slashed ring: cancelled.
        Kind::Cancel => "M-5.5,0a5.5,5.5 0 1,0 11,0a5.5,5.5 0 1,0 -11,0M-3.9,3.9L3.9,-3.9",
        // A small clock: a timer was set.
        Kind::TimerSet => "M-4,0a4,4 0 1,0 8,0a4,4 0 1,0 -8,0M0,0V-2.6M0,0H2",
        // A small hollow diamond: a timer was cleared.
        Kind::TimerClear => "M0,-4.5L4.5,0L0,4.5L-4.5,0z",
        // A flag: a note.
        Kind::Note => "M-3,6.5V-6.5L5,-3.5L-3,-0.5",
    }
}

/// Zoomed far out, events are dots; a lane's dots sit in three strips, so
/// that one kind does not hide another: results on top (yield, end,
/// error, a future's Ready), timers at the bottom, the rest in the middle.
fn overview_offset(kind: Kind) -> f64 {
    match kind {
        Kind::Yield | Kind::End | Kind::Error | Kind::Poll => -8.0,
        Kind::TimerSet | Kind::TimerClear => 8.0,
        _ => 0.0,
    }
}

/// The order dots are drawn in, last on top: what matters most (drops,
/// cancels, cleanups) is never hidden under a timer.
fn overview_rank(kind: Kind) -> u8 {
    match kind {
        Kind::TimerSet | Kind::TimerClear => 0,
        Kind::Pending => 1,
        Kind::Poll => 2,
        Kind::Wake => 3,
        Kind::Note => 4,
        Kind::Body => 5,
        Kind::Yield => 6,
        Kind::End => 7,
        Kind::Error => 8,
        Kind::Drop => 9,
        Kind::Cancel => 10,
        Kind::Cleanup => 11,
    }
}

/// The time of an event for people: whole ms on the virtual clock, one
/// decimal on the live one (where sub-millisecond gaps are real).
fn time_label(t: &Strings, e: &Event, live: bool) -> String {
    if live {
        (t.at_precise)(e.t)
    } else {
        (t.at)(e.t_ms())
    }
}

/// How far (in % of its own width) the tooltip of a marker `left` px into
/// a viewport `width` px wide moves left: 0 at the left edge, 100 at the
/// right edge, in proportion between. The tooltip then never leaves the
/// viewport (its `max-width` is the viewport's) and always spans its marker —
/// on a phone, a tooltip that started at the marker ran off the page.
fn tooltip_shift(left: f64, width: f64) -> f64 {
    if width > 0.0 && left.is_finite() {
        -100.0 * (left / width).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// What a marker's tooltip and accessible name say.
fn describe(t: &Strings, e: &Event, lane: &str, live: bool, row: Option<u32>) -> String {
    let mut s = format!(
        "{} — {}",
        time_label(t, e, live),
        (t.sentence)(super::demo::Said {
            lane,
            kind: e.kind,
            value: &e.value,
        })
    );
    if let Some(line) = row {
        s.push_str(" · ");
        s.push_str(&(t.line)(line));
    }
    s
}

/// `el.focus({ preventScroll: true })` for any element, SVG included (the
/// timeline scrolls itself; the page should not jump).
/// How many frames to wait for a marker to be drawn before giving up on
/// focusing it.
const FOCUS_TRIES: u8 = 12;

/// Focuses the current event's marker in the next frame, or, if it is not
/// drawn yet (only the markers in view are, and scrolling to it draws it a
/// frame or two later), in one of the next `tries` frames. Without the
/// retries, focus stayed on a marker that then left the page, so the
/// keyboard lost its place after Home/End on a long timeline.
fn focus_marker_once_drawn(
    scroller: NodeRef<html::Div>,
    current: RwSignal<Option<usize>>,
    tries: u8,
) {
    request_animation_frame(move || {
        let Some(Some(i)) = current.try_get_untracked() else {
            return;
        };
        let Some(Some(el)) = scroller.try_get_untracked() else {
            return;
        };
        match el.query_selector(&format!("[data-i=\"{i}\"]")) {
            Ok(Some(m)) => focus_without_scrolling(&m),
            _ if tries > 0 => focus_marker_once_drawn(scroller, current, tries - 1),
            _ => {}
        }
    });
}

fn focus_without_scrolling(el: &web_sys::Element) {
    let Ok(f) = js_sys::Reflect::get(el, &"focus".into()) else {
        return;
    };
    let Ok(f) = f.dyn_into::<js_sys::Function>() else {
        return;
    };
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"preventScroll".into(), &true.into());
    let _ = f.call1(el, &opts);
}

/// Sets the scroll box's position at the next frame (just before that
/// frame's layout). If the content was not yet wide enough and the position
/// got clamped, tries again for up to `tries` more frames. The panel may be
/// gone by then: every access is a `try_`.
fn apply_scroll(scroller: NodeRef<html::Div>, x: i32, tries: u8) {
    request_animation_frame(move || {
        if let Some(Some(el)) = scroller.try_get_untracked() {
            el.set_scroll_left(x);
            if el.scroll_left() < x - 1 && tries > 0 {
                apply_scroll(scroller, x, tries - 1);
            }
        }
    });
}

/// A `ResizeObserver` on one element, calling `f` when its size changes.
/// (Built through `js_sys` so as not to need more `web-sys` features.)
struct ResizeWatch {
    observer: wasm_bindgen::JsValue,
    _callback: wasm_bindgen::closure::Closure<dyn Fn()>,
}

impl ResizeWatch {
    /// Watches `el`; `None` where the browser has no `ResizeObserver`.
    fn new(el: &web_sys::Element, f: impl Fn() + 'static) -> Option<ResizeWatch> {
        use js_sys::{Array, Function, Reflect};
        let callback = wasm_bindgen::closure::Closure::<dyn Fn()>::new(f);
        let window = web_sys::window()?;
        let ctor: Function = Reflect::get(&window, &"ResizeObserver".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let observer = Reflect::construct(&ctor, &Array::of1(callback.as_ref())).ok()?;
        let observe: Function = Reflect::get(&observer, &"observe".into())
            .ok()?
            .dyn_into()
            .ok()?;
        observe.call1(&observer, el).ok()?;
        Some(ResizeWatch {
            observer,
            _callback: callback,
        })
    }

    /// Stops watching (and lets the callback go).
    fn stop(self) {
        let disconnect = js_sys::Reflect::get(&self.observer, &"disconnect".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(f) = disconnect {
            let _ = f.call0(&self.observer);
        }
    }
}

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

/// The timeline of a demo panel.
#[component]
pub fn TimelineView(
    /// The panel's shared state.
    state: DemoState,
) -> impl IntoView {
    let t = strings(state.lang);
    let model = state.model;
    let scroller = NodeRef::<html::Div>::new();
    // (scrollLeft, clientWidth) of the scroll box.
    let win = RwSignal::new((0.0f64, 640.0f64));
    let following = StoredValue::new(true);
    let user_zoomed = StoredValue::new(false);
    // Until when a scroll counts as the reader's (set by their input).
    let user_until = StoredValue::new(f64::NEG_INFINITY);
    let hover = RwSignal::new(None::<usize>);
    let focused = RwSignal::new(None::<usize>);
    let brush = RwSignal::new(None::<(f64, f64)>);
    let drag = StoredValue::new(None::<Drag>);
    let hint_id = format!("demo-{}-keys", state.uid);

    let live = move || {
        matches!(
            state.phase.get(),
            Phase::Running(Clock::Live) | Phase::Done(Clock::Live, _)
        )
    };

    // ---- scrolling -------------------------------------------------------

    let measure = move || {
        if let Some(Some(el)) = scroller.try_get_untracked() {
            let cw = f64::from(el.client_width());
            let sl = f64::from(el.scroll_left());
            if cw > 0.0 && win.try_get_untracked().is_some_and(|w| w != (sl, cw)) {
                win.try_set((sl, cw));
            }
        }
    };
    // Scrolls the box to `x` after the DOM has caught up with the model
    // (the content may have just grown), and tells the window at once.
    let scroll_to = move |x: f64| {
        let x = x.max(0.0);
        win.update(|w| w.0 = x);
        apply_scroll(scroller, x.round() as i32, 3);
    };
    let on_scroll = move |_| {
        let Some(el) = scroller.get_untracked() else {
            return;
        };
        let sl = el.scroll_left();
        let cw = f64::from(el.client_width());
        // Only the reader's own scrolling (wheel, touch, drag, keys) decides
        // whether to keep following; the view's own scrolls never do.
        if super::demo::now_ms() < user_until.get_value() {
            let content = f64::from(el.scroll_width());
            following.set_value(is_at_end(f64::from(sl), cw, content, 24.0));
        }
        win.set((f64::from(sl), cw));
    };
    let reader_scrolls = move || user_until.set_value(super::demo::now_ms() + 400.0);
    // The viewport's width changes with the page (a sidebar, the lane
    // column, the window): watch the box itself.
    let observer = StoredValue::new_local(None::<ResizeWatch>);
    Effect::new(move |_| {
        if let Some(el) = scroller.get() {
            if observer.with_value(Option::is_none) {
                observer.set_value(ResizeWatch::new(&el, measure));
            }
        }
    });
    on_cleanup(move || {
        if let Some(Some(w)) = observer.try_update_value(Option::take) {
            w.stop();
        }
    });
    Effect::new(move |_| {
        state.rev.track();
        if scroller.get().is_some() {
            measure();
        }
    });

    // ---- zoom ------------------------------------------------------------

    let apply_zoom = move |z: f64, anchor_view_x: f64| {
        let (sl, _) = win.get_untracked();
        let ax = sl + anchor_view_x;
        let new_x = model
            .try_update_value(|m| {
                let a = m.anchor(ax);
                m.set_scale(Scale::at_zoom(z));
                m.x_of_anchor(a)
            })
            .unwrap_or(ax);
        state.layout.update(|n| *n += 1);
        scroll_to(new_x - anchor_view_x);
    };
    let current_view_x = move || {
        let (sl, cw) = win.get_untracked();
        state
            .current
            .get_untracked()
            .map(|i| model.with_value(|m| m.x_of_event(i)) - sl)
            .filter(|x| *x >= 0.0 && *x <= cw)
            .unwrap_or(cw / 2.0)
    };
    let zoom_by = move |factor: f64| {
        user_zoomed.set_value(true);
        let z = model.with_value(|m| m.scale().zoom()) * factor;
        apply_zoom(z, current_view_x());
    };
    // The viewport's width now (the page around may have reflowed since
    // the last scroll or resize event).
    let view_width = move || {
        scroller
            .get_untracked()
            .map(|el| f64::from(el.client_width()))
            .filter(|w| *w > 0.0)
            .unwrap_or_else(|| win.get_untracked().1)
    };
    let fit = move || {
        let cw = view_width();
        let z = model.with_value(|m| m.fit_zoom(cw));
        model.update_value(|m| m.set_scale(Scale::at_zoom(z)));
        state.layout.update(|n| *n += 1);
        scroll_to(0.0);
    };
    // After a run: stretch a short run to the width, but never squeeze a
    // long one below zoom 1 (markers would overlap): it scrolls instead
    // ("Fit all" shows the overview). A live run the view was following
    // stays at its end, where the last events (a Stop's drops) are.
    let fit_in = move |live: bool| {
        let cw = view_width();
        let z = model.with_value(|m| m.fit_zoom(cw));
        if z >= 1.0 {
            model.update_value(|m| m.set_scale(Scale::at_zoom(z)));
            state.layout.update(|n| *n += 1);
            scroll_to(0.0);
        } else if live && following.get_value() {
            let end = model.with_value(Timeline::width);
            scroll_to(end - cw);
        }
    };
    let zoom_region = move |xa: f64, xb: f64| {
        user_zoomed.set_value(true);
        let cw = view_width();
        let (xa, xb) = (xa.min(xb), xa.max(xb));
        let x = model.try_update_value(|m| {
            let a = m.anchor(xa);
            let z = m.zoom_for_region(xa, xb, cw);
            m.set_scale(Scale::at_zoom(z));
            m.x_of_anchor(a)
        });
        state.layout.update(|n| *n += 1);
        scroll_to(x.unwrap_or(0.0));
    };

    // Timer events shown or hidden.
    Effect::new(move |prev: Option<bool>| {
        let show = state.show_timers.get();
        if prev.is_some_and(|p| p != show) {
            let filter = state.filter();
            model.update_value(|m| m.set_filter(filter));
            state.layout.update(|n| *n += 1);
        }
        show
    });

    // A new run starts at zoom 1, following; a finished one is fitted to
    // the width unless the reader zoomed meanwhile.
    Effect::new(move |prev: Option<(u64, Phase)>| {
        let run = state.run_id.get();
        let phase = state.phase.get();
        let new_run = prev.is_none_or(|(r, _)| r != run);
        if new_run && prev.is_some() {
            following.set_value(true);
            user_zoomed.set_value(false);
            model.update_value(|m| m.set_scale(Scale::default()));
            state.layout.update(|n| *n += 1);
            scroll_to(0.0);
        }
        let just_done = matches!(phase, Phase::Done(..))
            && (new_run || prev.is_some_and(|(_, p)| !matches!(p, Phase::Done(..))));
        if just_done && prev.is_some() && !user_zoomed.get_value() {
            fit_in(matches!(phase, Phase::Done(Clock::Live, _)));
        }
        (run, phase)
    });

    // Follow the newest event during a live run.
    Effect::new(move |_| {
        state.rev.track();
        let now = state.now.get();
        if state.phase.get().is_running() && following.get_value() {
            let (_, cw) = win.get_untracked();
            let end = model.with_value(|m| m.width().max(m.x_of_time(now) + PAD_RIGHT));
            if end > cw {
                scroll_to(end - cw);
            }
        }
    });

    // Keep the current event in view.
    Effect::new(move |_| {
        let Some(i) = state.current.get() else { return };
        state.layout.track();
        let (sl, cw) = win.get_untracked();
        let x = model.with_value(|m| m.x_of_event(i));
        let target = scroll_to_show(x, sl, cw, 48.0);
        if (target - sl).abs() > 0.5 {
            following.set_value(false);
            scroll_to(target);
        }
    });

    // Move keyboard focus to the current marker when asked (after the
    // frame that renders it, if it just came into view).
    Effect::new(move |prev: Option<u64>| {
        let n = state.focus_request.get();
        if prev.is_some() {
            focus_marker_once_drawn(scroller, state.current, FOCUS_TRIES);
        }
        n
    });

    // ---- what is in view -------------------------------------------------

    let content_w = Memo::new(move |_| {
        state.rev.track();
        state.layout.track();
        let now = state.now.get();
        let running = state.phase.get().is_running();
        let (_, cw) = win.get();
        model.with_value(|m| {
            let w = m.width();
            let w = if running {
                w.max(m.x_of_time(now) + PAD_RIGHT)
            } else {
                w
            };
            w.max(cw)
        })
    });
    let height = Memo::new(move |_| {
        state.rev.track();
        model.with_value(Timeline::height)
    });
    let window = Memo::new(move |_| {
        let (sl, cw) = win.get();
        (sl - cw / 2.0, sl + cw * 1.5)
    });
    let visible = Memo::new(move |_| {
        state.rev.track();
        state.layout.track();
        let (x0, x1) = window.get();
        let r = model.with_value(|m| m.visible(x0, x1));
        (r.start, r.end)
    });
    let detail = Memo::new(move |_| {
        let (a, b) = visible.get();
        b - a <= DETAIL_MAX
    });
    let tab_stop = Memo::new(move |_| {
        if let Some(i) = state.current.get() {
            return Some(i);
        }
        let (sl, cw) = win.get();
        state.rev.track();
        state.layout.track();
        model.with_value(|m| {
            let r = m.visible(sl, sl + cw);
            let k = if r.is_empty() {
                m.next_shown(None)
            } else {
                Some(r.start)
            };
            k.and_then(|k| m.shown_event(k))
        })
    });
    // Markers drawn one by one: (run id, event index), in order.
    let markers = Memo::new(move |_| {
        let run = state.run_id.get();
        let (a, b) = visible.get();
        let cur = state.current.get();
        let stop = tab_stop.get();
        let mut ids: Vec<usize> = if detail.get() {
            model.with_value(|m| (a..b).filter_map(|k| m.shown_event(k)).collect())
        } else {
            Vec::new()
        };
        for extra in [cur, stop].into_iter().flatten() {
            if let Err(p) = ids.binary_search(&extra) {
                ids.insert(p, extra);
            }
        }
        ids.into_iter().map(|i| (run, i)).collect::<Vec<_>>()
    });
    // Value labels that fit, by event index.
    let labels = Memo::new(move |_| {
        let (a, b) = visible.get();
        if !detail.get() {
            return Vec::new();
        }
        model.with_value(|m| {
            let texts: Vec<Option<String>> = (a..b)
                .map(|k| m.shown_event(k).and_then(|i| marker_label(&m.events()[i])))
                .collect();
            let fit = m.labels_fit(a..b, |k| {
                texts[k - a]
                    .as_ref()
                    .map_or(0.0, |s| s.chars().count() as f64 * 6.4 + 4.0)
            });
            (a..b)
                .zip(texts)
                .zip(fit)
                .filter_map(|((k, text), fits)| {
                    let e = &m.events()[m.shown_event(k)?];
                    Some((m.x_at(k), Timeline::lane_y(e.lane), text.filter(|_| fits)?))
                })
                .collect::<Vec<_>>()
        })
    });
    let ticks = Memo::new(move |_| {
        state.rev.track();
        state.layout.track();
        let (x0, x1) = window.get();
        let now = state.now.get();
        let running = state.phase.get().is_running();
        model.with_value(|m| {
            // No ticks beyond the record (or, live, beyond now).
            let end = if running { m.x_of_time(now) } else { m.end_x() };
            m.ticks(x0.max(0.0), x1.min(end + 8.0), 72.0)
        })
    });
    let open_end = move || {
        let now = state.now.get();
        let running = state.phase.get().is_running();
        model.with_value(|m| if running { m.x_of_time(now) } else { m.end_x() })
    };
    let spans = Memo::new(move |_| {
        state.rev.track();
        state.layout.track();
        if !detail.get() {
            return Vec::new();
        }
        let (x0, x1) = window.get();
        let end = open_end();
        model.with_value(|m| {
            m.spans_in(x0, x1, end)
                .into_iter()
                .map(|s| {
                    let (a, b) = m.span_x(&s, end);
                    let ended_by = s.to.map(|i| m.events()[i].kind);
                    (a, b, s.lane, s.woken, ended_by)
                })
                .collect::<Vec<_>>()
        })
    });
    // Zoomed far out, a wait is a pixel or two: the waits of a lane are
    // one path, and the same-millisecond bands (narrower than a pixel) go.
    let span_paths = Memo::new(move |_| {
        state.rev.track();
        state.layout.track();
        if detail.get() {
            return Vec::new();
        }
        let (x0, x1) = window.get();
        let end = open_end();
        model.with_value(|m| {
            m.span_runs(x0, x1, end, 1.5)
                .into_iter()
                .map(|(lane, runs)| {
                    let y = Timeline::lane_y(lane);
                    let mut d = String::with_capacity(runs.len() * 20);
                    for (a, b) in runs {
                        d.push_str(&format!("M{a:.1} {y}H{:.1}", b.max(a + 1.0)));
                    }
                    d
                })
                .collect::<Vec<_>>()
        })
    });
    let bursts = Memo::new(move |_| {
        state.rev.track();
        state.layout.track();
        if !detail.get() {
            return Vec::new();
        }
        let (x0, x1) = window.get();
        model.with_value(|m| {
            m.bursts_in(x0, x1)
                .iter()
                .map(|b| {
                    let (a, z) = m.burst_x(b);
                    (a, z, b.to - b.from, b.t_ms)
                })
                .collect::<Vec<_>>()
        })
    });
    let dots = Memo::new(move |_| {
        if detail.get() {
            return Vec::new();
        }
        let (a, b) = visible.get();
        model.with_value(|m| {
            let mut rows = m.dots(a..b, 2.0);
            rows.sort_by_key(|r| overview_rank(r.kind));
            rows.into_iter()
                .map(|row| {
                    let y = Timeline::lane_y(row.lane) + overview_offset(row.kind);
                    let mut d = String::with_capacity(row.xs.len() * 14);
                    for x in row.xs {
                        d.push_str(&format!("M{x:.1} {y}h0"));
                    }
                    (row.kind, d)
                })
                .collect::<Vec<_>>()
        })
    });
    let lanes = Memo::new(move |_| {
        state.rev.track();
        model.with_value(|m| m.lanes().to_vec())
    });
    let lane_states = Memo::new(move |_| {
        let cur = state.current.get()?;
        Some(model.with_value(|m| m.lane_states_at(cur)))
    });

    // ---- pointer ---------------------------------------------------------

    let content_pos = move |client_x: f64, client_y: f64| -> Option<(f64, f64)> {
        let el = scroller.get_untracked()?;
        let r = el.get_bounding_client_rect();
        Some((
            client_x - r.left() + f64::from(el.scroll_left()),
            client_y - r.top() + f64::from(el.scroll_top()),
        ))
    };
    let lane_at = move |y: f64| -> Option<LaneId> {
        if y < AXIS_H {
            return None;
        }
        let l = ((y - AXIS_H) / LANE_H).floor();
        let n = model.with_value(|m| m.lanes().len());
        (l >= 0.0 && (l as usize) < n).then_some(l as LaneId)
    };
    let hit = move |x: f64, y: f64| -> Option<usize> {
        let lane = lane_at(y)?;
        model.with_value(|m| {
            m.nearest_on_lane(x, lane, HIT_PX)
                .and_then(|k| m.shown_event(k))
        })
    };
    let on_pointerdown = move |e: ev::PointerEvent| {
        // A touch that scrolls, or a press on the scroll bar.
        reader_scrolls();
        if e.button() != 0 {
            return;
        }
        let Some((x, y)) = content_pos(f64::from(e.client_x()), f64::from(e.client_y())) else {
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
            if let Some(el) = scroller.get_untracked() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            e.prevent_default();
        }
        drag.set_value(Some(Drag {
            x,
            client_x: f64::from(e.client_x()),
            scroll_left: win.get_untracked().0,
            mode,
            moved: false,
        }));
    };
    let on_pointermove = move |e: ev::PointerEvent| {
        let Some((x, y)) = content_pos(f64::from(e.client_x()), f64::from(e.client_y())) else {
            return;
        };
        match drag.get_value() {
            Some(mut d) => {
                let dx = f64::from(e.client_x()) - d.client_x;
                if dx.abs() > 4.0 {
                    d.moved = true;
                }
                match d.mode {
                    DragMode::Brush if d.moved => brush.set(Some((d.x, x))),
                    DragMode::Pan if d.moved => {
                        reader_scrolls();
                        following.set_value(false);
                        if let Some(el) = scroller.get_untracked() {
                            el.set_scroll_left((d.scroll_left - dx).round() as i32);
                        }
                    }
                    _ => {}
                }
                drag.set_value(Some(d));
            }
            None => {
                let h = hit(x, y);
                if hover.get_untracked() != h {
                    hover.set(h);
                }
            }
        }
    };
    let on_pointerup = move |e: ev::PointerEvent| {
        let Some(d) = drag.get_value() else { return };
        drag.set_value(None);
        brush.set(None);
        let Some((x, y)) = content_pos(f64::from(e.client_x()), f64::from(e.client_y())) else {
            return;
        };
        if d.mode == DragMode::Brush && d.moved && (x - d.x).abs() > 6.0 {
            zoom_region(d.x, x);
        } else if !d.moved {
            if let Some(i) = hit(x, y) {
                state.current.set(Some(i));
                state.focus_request.update(|n| *n += 1);
            }
        }
    };
    let on_pointercancel = move |_: ev::PointerEvent| {
        drag.set_value(None);
        brush.set(None);
    };
    let on_wheel = move |e: ev::WheelEvent| {
        // Pinch on a touchpad (and Ctrl + wheel) zooms the timeline, not the page.
        if !e.ctrl_key() {
            reader_scrolls();
            return;
        }
        e.prevent_default();
        let Some(el) = scroller.get_untracked() else {
            return;
        };
        let vx = f64::from(e.client_x()) - el.get_bounding_client_rect().left();
        let factor = (-e.delta_y() / 200.0).exp2().clamp(0.25, 4.0);
        user_zoomed.set_value(true);
        let z = model.with_value(|m| m.scale().zoom()) * factor;
        apply_zoom(z, vx);
    };

    // ---- keyboard --------------------------------------------------------

    let on_keydown = move |e: ev::KeyboardEvent| {
        if e.alt_key() || e.ctrl_key() || e.meta_key() {
            return;
        }
        let key = e.key();
        let step = |s: Step| {
            state.step(s);
            state.focus_request.update(|n| *n += 1);
        };
        match key.as_str() {
            "ArrowRight" => step(Step::Next),
            "ArrowLeft" => step(Step::Prev),
            "Home" => step(Step::First),
            "End" => step(Step::Last),
            "+" | "=" => zoom_by(ZOOM_STEP),
            "-" | "_" => zoom_by(1.0 / ZOOM_STEP),
            "0" => {
                user_zoomed.set_value(false);
                fit();
            }
            "Enter" | " " => match focused.get_untracked() {
                Some(i) => state.current.set(Some(i)),
                None => return,
            },
            _ => return,
        }
        e.prevent_default();
        e.stop_propagation();
    };

    // ---- views -----------------------------------------------------------

    let marker = move |(_, i): (u64, usize)| {
        let (e, lane) = model.with_value(|m| {
            let e = m.events().get(i).cloned();
            let lane = e
                .as_ref()
                .and_then(|e| m.lanes().get(e.lane as usize).cloned())
                .unwrap_or_default();
            (e, lane)
        });
        let Some(e) = e else { return ().into_any() };
        let line = state.row_of(&e).map(|_| e.loc.line);
        let label = describe(t, &e, &lane, live(), line);
        let y = Timeline::lane_y(e.lane);
        let kind = e.kind;
        let transform = move || {
            state.layout.track();
            let x = model.with_value(|m| m.x_of_event(i));
            format!("translate({x:.1} {y})")
        };
        view! {
            <g
                class=format!("ev k-{}", kind.as_str())
                class:current=move || state.current.get() == Some(i)
                data-i=i
                data-kind=kind.as_str()
                transform=transform
                role="option"
                tabindex=move || if tab_stop.get() == Some(i) { "0" } else { "-1" }
                aria-selected=move || if state.current.get() == Some(i) { "true" } else { "false" }
                aria-label=label
                on:focus=move |_| {
                    focused.set(Some(i));
                    if state.current.get_untracked() != Some(i) {
                        state.current.set(Some(i));
                    }
                }
                on:blur=move |_| focused.set(None)
            >
                <circle class="ring" r="10.5"></circle>
                <path class="mk" d=shape(kind)></path>
            </g>
        }
        .into_any()
    };

    let tooltip = move || {
        let i = hover.get().or(focused.get())?;
        state.layout.track();
        let (sl, cw) = win.get();
        let (e, lane, x) = model.with_value(|m| {
            let e = m.events().get(i)?.clone();
            let lane = m.lanes().get(e.lane as usize).cloned().unwrap_or_default();
            Some((e, lane, m.x_of_event(i)))
        })?;
        let line = state.row_of(&e).map(|_| e.loc.line);
        let text = describe(t, &e, &lane, live(), line);
        let kind = t.kind(e.kind);
        let left = (x - sl).clamp(0.0, cw);
        let top = Timeline::lane_y(e.lane) - 16.0;
        let shift = tooltip_shift(left, cw);
        Some(view! {
            <div
                class="tl-tooltip"
                aria-hidden="true"
                style:left=format!("{left:.0}px")
                style:top=format!("{top:.0}px")
                style:transform=format!("translate({shift:.1}%, -100%)")
            >
                <strong>{kind}</strong>
                <span>{text}</span>
            </div>
        })
    };

    let lane_rows = move || {
        let names = lanes.get();
        let states = lane_states.get();
        names
            .into_iter()
            .enumerate()
            .map(|(l, name)| {
                let st = states.as_ref().and_then(|s| s.get(l).copied());
                let st_class = st.map_or("", LaneState::as_str);
                let data_lane = name.clone();
                view! {
                    <li class="tl-lane" data-lane=data_lane data-state=st_class style:height=format!("{LANE_H}px")>
                        <span class="tl-lane-name">{name}</span>
                        {st.map(|s| view! { <span class="tl-lane-state">{(t.lane_state)(s)}</span> })}
                    </li>
                }
            })
            .collect_view()
    };

    let lane_bgs = move || {
        let (x0, x1) = window.get();
        let n = lanes.with(Vec::len);
        let states = lane_states.get();
        (0..n)
            .map(|l| {
                let st = states
                    .as_ref()
                    .and_then(|s| s.get(l).copied())
                    .map_or("", LaneState::as_str);
                view! {
                    <rect
                        class="tl-lane-bg"
                        class:odd=l % 2 == 1
                        data-state=st
                        x=x0.max(0.0)
                        y=AXIS_H + l as f64 * LANE_H
                        width=(x1 - x0.max(0.0)).max(0.0)
                        height=LANE_H
                    ></rect>
                }
            })
            .collect_view()
    };

    let axis = move || {
        let h = height.get();
        let (x0, x1) = window.get();
        let ticks = ticks.get();
        view! {
            <rect class="tl-axis-bg" x=x0.max(0.0) y="0" width=(x1 - x0.max(0.0)).max(0.0) height=AXIS_H></rect>
            <line class="tl-axis-line" x1=x0.max(0.0) x2=x1 y1=AXIS_H - 0.5 y2=AXIS_H - 0.5></line>
            {ticks
                .into_iter()
                .map(|tk| {
                    view! {
                        <line class="tl-grid" x1=tk.x x2=tk.x y1=AXIS_H y2=h></line>
                        <line class="tl-tick" x1=tk.x x2=tk.x y1=AXIS_H - 6.0 y2=AXIS_H></line>
                        <text class="tl-tick-label" x=tk.x y=AXIS_H - 10.0>{tk.label}</text>
                    }
                })
                .collect_view()}
        }
    };

    let bursts_view = move || {
        let h = height.get();
        bursts
            .get()
            .into_iter()
            .map(|(a, b, n, t_ms)| {
                view! {
                    <rect
                        class="tl-burst"
                        x=a
                        y=AXIS_H
                        width=(b - a).max(0.0)
                        height=(h - AXIS_H).max(0.0)
                        data-t=t_ms
                        data-n=n
                    ></rect>
                }
            })
            .collect_view()
    };

    // Value labels sit in their own layer, outside the focusable markers
    // (whose accessible names already say the whole value).
    let labels_view = move || {
        labels
            .get()
            .into_iter()
            .map(|(x, y, text)| view! { <text class="ev-label" x=x y=y - 12.0>{text}</text> })
            .collect_view()
    };
    let span_paths_view = move || {
        span_paths
            .get()
            .into_iter()
            .map(|d| view! { <path class="tl-span-path" d=d></path> })
            .collect_view()
    };
    let spans_view = move || {
        spans
            .get()
            .into_iter()
            .map(|(a, b, lane, woken, ended_by)| {
                let y = Timeline::lane_y(lane);
                let open = ended_by.is_none();
                let dropped = ended_by == Some(Kind::Drop);
                view! {
                    <rect
                        class="tl-span"
                        class:open=open
                        class:dropped=dropped
                        class:woken=woken
                        x=a
                        y=y - 4.0
                        width=(b - a).max(0.0)
                        height="8"
                        rx="4"
                    ></rect>
                }
            })
            .collect_view()
    };

    let dots_view = move || {
        dots.get()
            .into_iter()
            .map(|(kind, d)| view! { <path class=format!("tl-dots k-{}", kind.as_str()) d=d></path> })
            .collect_view()
    };

    let cursor = move || {
        let i = state.current.get()?;
        state.layout.track();
        let h = height.get();
        let x = model.with_value(|m| m.x_of_event(i));
        Some(view! { <line class="tl-cursor" x1=x x2=x y1=AXIS_H y2=h></line> })
    };
    let now_line = move || {
        if !matches!(state.phase.get(), Phase::Running(Clock::Live)) {
            return None;
        }
        let h = height.get();
        let now = state.now.get();
        state.layout.track();
        let x = model.with_value(|m| m.x_of_time(now));
        Some(view! { <line class="tl-now" x1=x x2=x y1="0" y2=h></line> })
    };
    let brush_view = move || {
        let (a, b) = brush.get()?;
        let h = height.get();
        Some(view! { <rect class="tl-brush" x=a.min(b) y="0" width=(b - a).abs() height=h></rect> })
    };

    let no_events = move || state.is_empty();
    let step_label = move || {
        let cur = state.current.get();
        state.rev.track();
        state.layout.track();
        model.with_value(|m| {
            let n = m.shown_len();
            match cur.and_then(|i| m.position_of(i)) {
                Some(k) => (t.step_of)(k + 1, n),
                None => (t.events_n)(n),
            }
        })
    };
    let zoom_label = move || {
        state.layout.track();
        let z = model.with_value(|m| m.scale().zoom());
        if z >= 10.0 {
            format!("×{z:.0}")
        } else if z >= 1.0 {
            format!("×{z:.1}")
        } else {
            format!("×{z:.2}")
        }
    };

    view! {
        <div class="tl" data-detail=move || if detail.get() { "markers" } else { "overview" }>
            <div class="tl-toolbar">
                <div class="tl-stepper" role="group" aria-label=t.stepper>
                    <button type="button" class="btn btn-icon" data-action="first" aria-label=t.first title=t.first disabled=no_events on:click=move |_| state.step(Step::First)>
                        {icon(Icon::First)}
                    </button>
                    <button type="button" class="btn btn-icon" data-action="prev" aria-label=t.prev title=t.prev disabled=no_events on:click=move |_| state.step(Step::Prev)>
                        {icon(Icon::Prev)}
                    </button>
                    <span class="tl-step-of">{step_label}</span>
                    <button type="button" class="btn btn-icon" data-action="next" aria-label=t.next title=t.next disabled=no_events on:click=move |_| state.step(Step::Next)>
                        {icon(Icon::Next)}
                    </button>
                    <button type="button" class="btn btn-icon" data-action="last" aria-label=t.last title=t.last disabled=no_events on:click=move |_| state.step(Step::Last)>
                        {icon(Icon::Last)}
                    </button>
                </div>
                <div class="tl-zoombar" role="group" aria-label=t.zoom>
                    <button type="button" class="btn btn-icon" data-action="zoom-out" aria-label=t.zoom_out title=t.zoom_out on:click=move |_| zoom_by(1.0 / ZOOM_STEP)>
                        "−"
                    </button>
                    <span class="tl-zoom" aria-hidden="true">{zoom_label}</span>
                    <button type="button" class="btn btn-icon" data-action="zoom-in" aria-label=t.zoom_in title=t.zoom_in on:click=move |_| zoom_by(ZOOM_STEP)>
                        "+"
                    </button>
                    <button type="button" class="btn" data-action="fit" title=t.fit on:click=move |_| { user_zoomed.set_value(false); fit(); }>
                        {t.fit}
                    </button>
                </div>
            </div>
            <div class="tl-body">
                <ul class="tl-lanes" aria-label=t.lanes_label style:padding-top=format!("{AXIS_H}px")>
                    {lane_rows}
                </ul>
                <div class="tl-viewport">
                    <div
                        class="tl-scroll"
                        node_ref=scroller
                        on:scroll=on_scroll
                        on:keydown=on_keydown
                        on:pointerdown=on_pointerdown
                        on:pointermove=on_pointermove
                        on:pointerup=on_pointerup
                        on:pointercancel=on_pointercancel
                        on:pointerleave=move |_| hover.set(None)
                        on:wheel=on_wheel
                        on:touchmove=move |_| reader_scrolls()
                        tabindex=move || if markers.with(Vec::is_empty) { "0" } else { "-1" }
                        role="group"
                        aria-label=t.timeline_label
                        aria-describedby=hint_id.clone()
                    >
                        <svg
                            class="tl-svg"
                            width=move || format!("{:.0}", content_w.get())
                            height=move || format!("{:.0}", height.get())
                            aria-hidden=move || if markers.with(Vec::is_empty) { "true" } else { "false" }
                        >
                            <g class="tl-bg">{lane_bgs}</g>
                            <g class="tl-bursts">{bursts_view}</g>
                            <g class="tl-axis" aria-hidden="true">{axis}</g>
                            <g class="tl-spans">{spans_view} {span_paths_view}</g>
                            <g class="tl-overview" aria-hidden="true">{dots_view}</g>
                            {cursor}
                            {now_line}
                            <g class="tl-labels" aria-hidden="true">{labels_view}</g>
                            <g class="tl-marks" role="listbox" aria-label=t.timeline_label aria-orientation="horizontal">
                                <For each=move || markers.get() key=|k| *k children=marker />
                            </g>
                            {brush_view}
                        </svg>
                    </div>
                    {tooltip}
                </div>
            </div>
            <p class="tl-hint" id=hint_id>{t.keys_hint} " " {t.axis_hint}</p>
            <Legend state />
        </div>
    }
}

/// The legend: every kind in the record (all of them before a run), the
/// waiting span and the same-instant band, and the timer switch.
#[component]
fn Legend(state: DemoState) -> impl IntoView {
    let t = strings(state.lang);
    let kinds = Memo::new(move |_| {
        state.rev.track();
        let present: Vec<Kind> = state.model.with_value(|m| {
            let mut seen = [false; 13];
            for e in m.events() {
                seen[e.kind as usize] = true;
            }
            Kind::ALL
                .into_iter()
                .filter(|k| seen[*k as usize])
                .collect()
        });
        if present.is_empty() {
            Kind::ALL.to_vec()
        } else {
            present
        }
    });
    let items = move || {
        kinds
            .get()
            .into_iter()
            .map(|k| {
                view! {
                    <li data-kind=k.as_str()>
                        <svg class=format!("tl-key k-{}", k.as_str()) width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true">
                            <path class="mk" d=shape(k)></path>
                        </svg>
                        {t.kind(k)}
                    </li>
                }
            })
            .collect_view()
    };
    let timers_id = format!("demo-{}-timers", state.uid);
    let timers_for = timers_id.clone();
    view! {
        <div class="tl-legend">
            <span class="tl-legend-title">{t.legend}</span>
            <ul>
                {items}
                <li>
                    <svg class="tl-key" width="22" height="16" viewBox="0 -8 22 16" aria-hidden="true">
                        <rect class="tl-span woken" x="1" y="-4" width="20" height="8" rx="4"></rect>
                    </svg>
                    {t.legend_waiting}
                </li>
                <li>
                    <svg class="tl-key" width="16" height="16" viewBox="0 -8 16 16" aria-hidden="true">
                        <rect class="tl-burst" x="1" y="-8" width="14" height="16"></rect>
                    </svg>
                    {t.legend_instant}
                </li>
            </ul>
            <label class="tl-timers" for=timers_for>
                <input
                    id=timers_id
                    type="checkbox"
                    prop:checked=move || state.show_timers.get()
                    on:change=move |e| state.show_timers.set(event_target_checked(&e))
                />
                {t.show_timers}
            </label>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::tooltip_shift;

    #[test]
    fn tooltips_lean_away_from_the_nearer_edge() {
        assert_eq!(tooltip_shift(0.0, 300.0), 0.0);
        assert_eq!(tooltip_shift(300.0, 300.0), -100.0);
        assert_eq!(tooltip_shift(75.0, 300.0), -25.0);
        assert_eq!(tooltip_shift(500.0, 300.0), -100.0);
        assert_eq!(tooltip_shift(10.0, 0.0), 0.0);
        assert_eq!(tooltip_shift(f64::NAN, 300.0), 0.0);
    }
}
