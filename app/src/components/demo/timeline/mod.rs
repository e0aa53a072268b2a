//! The timeline: one lane per actor, a linear time axis (with marked
//! same-millisecond bands and axis breaks), one marker shape (and colour)
//! per event kind, waiting spans, a legend that gives each shape the code
//! the lessons use, a detail line and burst row beside the plot, an
//! overview strip, selection, keyboard replay, zoom and pan. It draws what
//! [`crate::timeline_model::Timeline`] computes and nothing else.
//!
//! The parts: [`Tl`] (what they share, and the intents they send:
//! `select`, `zoom_by`, `zoom_region`, `fit`), [`viewport`] (the scroll
//! maths, tested natively), [`layers`] (what is drawn behind the markers),
//! [`marker`] (a focusable marker that focuses itself), [`input`] (pointer
//! and keys), [`detail`] (the line and the burst row), [`legend`].
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
//! plus and minus zoom around the current event, 0 fits the whole run.

mod detail;
mod hazards;
mod input;
mod layers;
mod legend;
mod marker;
mod shapes;
mod viewport;

use leptos::html;
use leptos::prelude::*;
use trace::{Clock, Event, Status};

pub use shapes::{code, shape};
pub use viewport::Viewport;

use super::{icon, strings, DemoState, Icon, Phase, Step, Strings};
use crate::timeline_model::{LaneState, Scale, Timeline, AXIS_H, PAD_RIGHT};

/// At most this many events in the window are drawn as separate markers.
pub const DETAIL_MAX: usize = 400;
/// Zoom buttons multiply or divide the zoom by this.
const ZOOM_STEP: f64 = 2.0;
/// Width of one character of a 12 px monospace value label, px.
const LABEL_PX: f64 = 7.3;

/// The time of an event for people: whole ms on the virtual clock, one
/// decimal on the live one (where sub-millisecond gaps are real).
fn time_label(t: &Strings, e: &Event, live: bool) -> String {
    if live {
        (t.at_precise)(e.t)
    } else {
        (t.at)(e.t_ms())
    }
}

/// Which marker an element is: event `i`'s own (zoomed in), or the
/// cursor (zoomed out), which moves from event to event.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Slot {
    Event(usize),
    Cursor,
}

/// What the detail line and a marker's accessible name say.
fn describe(t: &Strings, e: &Event, lane: &str, live: bool, row: Option<u32>) -> String {
    let mut s = format!(
        "{} — {}",
        time_label(t, e, live),
        (t.sentence)(super::Said {
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

/// What the timeline's parts share: the panel's state, the view, and the
/// reader's gestures in progress. Every field is a `Copy` handle.
#[derive(Clone, Copy)]
pub struct Tl {
    state: DemoState,
    t: &'static Strings,
    scroller: NodeRef<html::Div>,
    /// The scroll box's window.
    view: RwSignal<Viewport>,
    /// A brushed region on the axis, content px.
    brush: RwSignal<Option<(f64, f64)>>,
    /// Whether the view follows the newest event of a live run.
    following: StoredValue<bool>,
    /// Whether the reader zoomed during the run (then the end keeps it).
    user_zoomed: StoredValue<bool>,
    /// Until when a scroll counts as the reader's (set by their input).
    user_until: StoredValue<f64>,
    /// The drawn window, content px.
    drawn: Memo<(f64, f64)>,
    /// Shown positions in the drawn window.
    visible: Memo<(usize, usize)>,
    /// Few enough events in the window to draw each one.
    detail: Memo<bool>,
    /// Height of the plot, px.
    height: Memo<f64>,
    /// The one marker in the tab order.
    tab_stop: Memo<Option<usize>>,
    /// What each lane is doing at the selection.
    lane_states: Memo<Option<Vec<LaneState>>>,
}

impl Tl {
    /// Reads the laid-out record, tracking every change to it.
    fn with<R>(self, f: impl FnOnce(&Timeline) -> R) -> R {
        self.state.record.with(f)
    }

    /// Reads the laid-out record without tracking.
    fn with_untracked<R>(self, f: impl FnOnce(&Timeline) -> R) -> R {
        self.state.record.with_untracked(f)
    }

    /// Changes the layout (scale or filter) and tells every reader.
    fn relayout<R>(self, f: impl FnOnce(&mut Timeline) -> R) -> Option<R> {
        self.state.record.relayout(f)
    }

    /// Whether the run shown is on the live clock (tracked).
    fn live(self) -> bool {
        matches!(
            self.state.phase.get(),
            Phase::Running(Clock::Live) | Phase::Done(Clock::Live, _)
        )
    }

    fn live_untracked(self) -> bool {
        untrack(|| self.live())
    }

    /// Selects event `i`; `focus`: and moves keyboard focus to its marker.
    fn select(self, i: usize, focus: bool) {
        self.state.select(i, focus);
    }

    /// The reader is scrolling (wheel, touch, drag, keys) for a moment:
    /// only their scrolls decide whether to keep following.
    fn reader_scrolls(self) {
        self.user_until.set_value(super::now_ms() + 400.0);
    }

    /// Reads the scroll box into the view.
    fn measure(self) {
        if let Some(Some(el)) = self.scroller.try_get_untracked() {
            let v = Viewport {
                left: f64::from(el.scroll_left()),
                width: f64::from(el.client_width()),
            };
            if v.width > 0.0 && self.view.try_get_untracked().is_some_and(|w| w != v) {
                self.view.try_set(v);
            }
        }
    }

    /// The viewport's width now (the page may have reflowed since the
    /// last scroll or resize event).
    fn view_width(self) -> f64 {
        self.scroller
            .get_untracked()
            .map(|el| f64::from(el.client_width()))
            .filter(|w| *w > 0.0)
            .unwrap_or_else(|| self.view.get_untracked().width)
    }

    /// Scrolls the box to `x` after the DOM has caught up with the model
    /// (the content may have just grown), and tells the view at once.
    fn scroll_to(self, x: f64) {
        let x = x.max(0.0);
        self.view.update(|w| w.left = x);
        apply_scroll(self.scroller, x.round() as i32, 3);
    }

    /// Zooms to `z`, keeping the content under `view_x` (px into the
    /// view) in place.
    fn zoom_to(self, z: f64, view_x: f64) {
        let v = self.view.get_untracked();
        let ax = v.left + view_x;
        let new_x = self
            .relayout(|m| {
                let a = m.anchor(ax);
                m.set_scale(Scale::at_zoom(z));
                m.x_of_anchor(a)
            })
            .unwrap_or(ax);
        self.scroll_to(v.keep_at(new_x, view_x));
    }

    /// Zooms by `factor` around `view_x`, or around the selected event if
    /// it is in view (else the middle).
    fn zoom_by(self, factor: f64, view_x: Option<f64>) {
        self.user_zoomed.set_value(true);
        let v = self.view.get_untracked();
        let around = view_x.unwrap_or_else(|| {
            self.state
                .current
                .get_untracked()
                .and_then(|i| v.view_x(self.with_untracked(|m| m.x_of_event(i))))
                .unwrap_or(v.width / 2.0)
        });
        let z = self.with_untracked(|m| m.scale().zoom()) * factor;
        self.zoom_to(z, around);
    }

    /// Makes the region between content positions `xa` and `xb` fill the view.
    fn zoom_region(self, xa: f64, xb: f64) {
        self.user_zoomed.set_value(true);
        let cw = self.view_width();
        let (xa, xb) = (xa.min(xb), xa.max(xb));
        let x = self.relayout(|m| {
            let a = m.anchor(xa);
            let z = m.zoom_for_region(xa, xb, cw);
            m.set_scale(Scale::at_zoom(z));
            m.x_of_anchor(a)
        });
        self.scroll_to(x.unwrap_or(0.0));
    }

    /// The whole run in view ("Fit all", the key 0, and the end of a run).
    fn fit(self) {
        self.user_zoomed.set_value(false);
        let cw = self.view_width();
        let z = self.with_untracked(|m| m.fit_zoom(cw));
        self.relayout(|m| m.set_scale(Scale::at_zoom(z)));
        self.scroll_to(0.0);
    }
}

/// The timeline of a demo panel.
#[component]
pub fn TimelineView(
    /// The panel's shared state.
    state: DemoState,
) -> impl IntoView {
    let t = strings(state.lang);
    let tl = shared(state, t);
    watch_the_box(tl);
    follow_the_run(tl);
    let input = input::Input::new(tl);
    let hint_id = format!("demo-{}-keys", state.uid);

    let content_w = Memo::new(move |_| {
        let now = state.now.get();
        let running = state.phase.get().is_running();
        let cw = tl.view.get().width;
        tl.with(|m| {
            let w = m.width();
            let w = if running {
                w.max(m.x_of_time(now) + PAD_RIGHT)
            } else {
                w
            };
            w.max(cw)
        })
    });
    // Markers drawn one by one: (run id, slot, event index), in order.
    // Zoomed out, only the cursor is drawn: one marker that follows the
    // selection (or the first event in view).
    let markers = Memo::new(move |_| {
        let run = state.record.id();
        if !tl.detail.get() {
            return tl
                .tab_stop
                .get()
                .map(|i| (run, Slot::Cursor, i))
                .into_iter()
                .collect();
        }
        let (a, b) = tl.visible.get();
        let mut ids: Vec<usize> = tl.with(|m| (a..b).filter_map(|k| m.shown_event(k)).collect());
        for extra in [state.current.get(), tl.tab_stop.get()]
            .into_iter()
            .flatten()
        {
            if let Err(p) = ids.binary_search(&extra) {
                ids.insert(p, extra);
            }
        }
        ids.into_iter()
            .map(|i| (run, Slot::Event(i), i))
            .collect::<Vec<_>>()
    });
    let no_markers = move || markers.with(Vec::is_empty);

    view! {
        <div class="tl" data-detail=move || if tl.detail.get() { "markers" } else { "overview" }>
            <Toolbar tl />
            <div class="tl-body">
                <LaneNames tl />
                <div class="tl-viewport">
                    <div
                        class="tl-scroll"
                        node_ref=tl.scroller
                        on:scroll=move |_| on_scroll(tl)
                        on:keydown=move |e| input.key(e)
                        on:pointerdown=move |e| input.pointer_down(e)
                        on:pointermove=move |e| input.pointer_move(e)
                        on:pointerup=move |e| input.pointer_up(e)
                        on:pointercancel=move |_| input.cancel()
                        on:wheel=move |e| input.wheel(e)
                        on:touchmove=move |_| tl.reader_scrolls()
                        tabindex=move || if no_markers() { "0" } else { "-1" }
                        role="group"
                        aria-label=t.timeline_label
                        aria-describedby=hint_id.clone()
                    >
                        <svg
                            class="tl-svg"
                            width=move || format!("{:.0}", content_w.get())
                            height=move || format!("{:.0}", tl.height.get())
                            aria-hidden=move || if no_markers() { "true" } else { "false" }
                        >
                            <g class="tl-bg"><layers::LaneBgs tl /></g>
                            <g class="tl-bursts"><layers::Bursts tl /></g>
                            <g class="tl-axis" aria-hidden="true"><layers::Axis tl /></g>
                            <g class="tl-spans"><layers::Spans tl /></g>
                            <g class="tl-hazard-marks" aria-hidden="true"><hazards::Marks tl /></g>
                            <g class="tl-overview" aria-hidden="true"><layers::Dots tl /></g>
                            <layers::Cursors tl />
                            <g class="tl-labels" aria-hidden="true"><layers::Labels tl /></g>
                            <g class="tl-marks" role="listbox" aria-label=t.timeline_label aria-orientation="horizontal">
                                <For each=move || markers.get() key=|&(run, slot, _)| (run, slot) children=move |(_, slot, i)| {
                                    let i = match slot {
                                        Slot::Event(_) => Signal::stored(i),
                                        Slot::Cursor => Signal::derive(move || tl.tab_stop.get().unwrap_or(i)),
                                    };
                                    view! { <marker::Marker tl i /> }
                                } />
                            </g>
                            <layers::Ahead tl width=content_w />
                        </svg>
                    </div>
                    <Overview tl content_w />
                </div>
            </div>
            <detail::Detail tl />
            <hazards::Notes tl />
            <p class="tl-hint" id=hint_id>{t.keys_hint} " " {t.axis_hint}</p>
            <legend::Legend tl />
        </div>
    }
}

/// Builds what the parts share.
fn shared(state: DemoState, t: &'static Strings) -> Tl {
    let view = RwSignal::new(Viewport::default());
    let record = state.record;
    let drawn = Memo::new(move |_| view.get().drawn());
    let visible = Memo::new(move |_| {
        let (x0, x1) = drawn.get();
        let r = record.with(|m| m.visible(x0, x1));
        (r.start, r.end)
    });
    let detail = Memo::new(move |_| {
        let (a, b) = visible.get();
        b - a <= DETAIL_MAX
    });
    let height = Memo::new(move |_| record.with_events(Timeline::height));
    let tab_stop = Memo::new(move |_| {
        if let Some(i) = state.current.get() {
            return Some(i);
        }
        let v = view.get();
        record.with(|m| {
            let r = m.visible(v.left, v.right());
            let k = if r.is_empty() {
                m.next_shown(None)
            } else {
                Some(r.start)
            };
            k.and_then(|k| m.shown_event(k))
        })
    });
    let lane_states = Memo::new(move |_| {
        let cur = state.current.get()?;
        let finished = matches!(state.phase.get().finished(), Some((_, Status::Finished)));
        Some(record.with_events(|m| m.lane_states_at(cur, finished)))
    });
    Tl {
        state,
        t,
        scroller: NodeRef::new(),
        view,
        brush: RwSignal::new(None),
        following: StoredValue::new(true),
        user_zoomed: StoredValue::new(false),
        user_until: StoredValue::new(f64::NEG_INFINITY),
        drawn,
        visible,
        detail,
        height,
        tab_stop,
        lane_states,
    }
}

/// The box scrolled (by the reader or by the view).
fn on_scroll(tl: Tl) {
    let Some(el) = tl.scroller.get_untracked() else {
        return;
    };
    let v = Viewport {
        left: f64::from(el.scroll_left()),
        width: f64::from(el.client_width()),
    };
    // Only the reader's own scrolling (wheel, touch, drag, keys) decides
    // whether to keep following; the view's own scrolls never do.
    if super::now_ms() < tl.user_until.get_value() {
        tl.following
            .set_value(v.is_at_end(f64::from(el.scroll_width()), 24.0));
    }
    tl.view.set(v);
}

/// Keeps the view's width up to date: the page around reflows (a sidebar,
/// the lane column, the window), so the box itself is watched.
fn watch_the_box(tl: Tl) {
    let observer = StoredValue::new_local(None::<web_sys::ResizeObserver>);
    let callback = StoredValue::new_local(None::<wasm_bindgen::closure::Closure<dyn Fn()>>);
    Effect::new(move |_| {
        let Some(el) = tl.scroller.get() else { return };
        if observer.with_value(Option::is_none) {
            let cb = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || tl.measure());
            use wasm_bindgen::JsCast;
            if let Ok(o) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
                o.observe(&el);
                observer.set_value(Some(o));
                callback.set_value(Some(cb));
            }
        }
    });
    on_cleanup(move || {
        if let Some(Some(o)) = observer.try_update_value(Option::take) {
            o.disconnect();
        }
        callback.try_update_value(Option::take);
    });
    Effect::new(move |_| {
        tl.state.record.len();
        if tl.scroller.get().is_some() {
            tl.measure();
        }
    });
}

/// What the view does as a run goes: a new run starts at zoom 1,
/// following its newest event; a finished run is shown whole (unless the
/// reader zoomed meanwhile); the selected event stays in view and gets
/// focus when the panel asks.
fn follow_the_run(tl: Tl) {
    let state = tl.state;
    Effect::watch(
        move || state.show_timers.get(),
        move |_, _, _| {
            let filter = state.filter();
            tl.relayout(|m| m.set_filter(filter));
        },
        false,
    );
    // One effect for both, in this order: an Instant run starts and ends
    // within one tick, so its end is seen together with its start.
    Effect::watch(
        move || (state.record.id(), state.phase.get().finished().is_some()),
        move |&(run, done), was, _| {
            let new_run = was.is_some_and(|&(r, _)| r != run);
            if new_run {
                tl.following.set_value(true);
                tl.user_zoomed.set_value(false);
                tl.relayout(|m| m.set_scale(Scale::default()));
                tl.scroll_to(0.0);
            }
            let just_done = done && (new_run || was.is_some_and(|&(_, d)| !d));
            if just_done && !tl.user_zoomed.get_value() {
                tl.fit();
            }
        },
        false,
    );
    // The record the panel opens with (the preview, or a run kept from the
    // other language) is shown whole as soon as the box has a width.
    let opened = StoredValue::new(false);
    Effect::new(move |_| {
        let width = tl.view.get().width;
        if width <= 0.0 || opened.get_value() {
            return;
        }
        opened.set_value(true);
        if state.phase.get_untracked().finished().is_some() && !tl.user_zoomed.get_value() {
            tl.fit();
        }
    });
    // Follow the newest event during a live run.
    Effect::new(move |_| {
        state.record.len();
        let now = state.now.get();
        if state.phase.get().is_running() && tl.following.get_value() {
            let cw = tl.view.get_untracked().width;
            let end = tl.with_untracked(|m| m.width().max(m.x_of_time(now) + PAD_RIGHT));
            if end > cw {
                tl.scroll_to(end - cw);
            }
        }
    });
    // Keep the selected event in view.
    Effect::new(move |_| {
        let Some(i) = state.current.get() else { return };
        let v = tl.view.get_untracked();
        let x = tl.with(|m| m.x_of_event(i));
        let target = v.scroll_to_show(x, 48.0);
        if (target - v.left).abs() > 0.5 {
            tl.following.set_value(false);
            tl.scroll_to(target);
        }
    });
}

/// The step buttons, "Event 3 of 17", and the zoom buttons.
#[component]
fn Toolbar(tl: Tl) -> impl IntoView {
    let (state, t) = (tl.state, tl.t);
    let no_events = move || state.is_empty();
    let step_label = move || {
        let cur = state.current.get();
        tl.with(|m| {
            let n = m.shown_len();
            match cur.and_then(|i| m.position_of(i)) {
                Some(k) => (t.step_of)(k + 1, n),
                None => (t.events_n)(n),
            }
        })
    };
    let zoom_label = move || {
        let z = tl.with(|m| m.scale().zoom());
        if z >= 10.0 {
            format!("×{z:.0}")
        } else if z >= 1.0 {
            format!("×{z:.1}")
        } else {
            format!("×{z:.2}")
        }
    };
    let step = move |s: Step| state.step(s);
    view! {
        <div class="tl-toolbar">
            <div class="tl-stepper" role="group" aria-label=t.stepper>
                <button type="button" class="btn btn-icon" data-action="first" aria-label=t.first title=t.first disabled=no_events on:click=move |_| step(Step::First)>
                    {icon(Icon::First)}
                </button>
                <button type="button" class="btn btn-icon" data-action="prev" aria-label=t.prev title=t.prev disabled=no_events on:click=move |_| step(Step::Prev)>
                    {icon(Icon::Prev)}
                </button>
                <span class="tl-step-of">{step_label}</span>
                <button type="button" class="btn btn-icon" data-action="next" aria-label=t.next title=t.next disabled=no_events on:click=move |_| step(Step::Next)>
                    {icon(Icon::Next)}
                </button>
                <button type="button" class="btn btn-icon" data-action="last" aria-label=t.last title=t.last disabled=no_events on:click=move |_| step(Step::Last)>
                    {icon(Icon::Last)}
                </button>
            </div>
            <div class="tl-zoombar" role="group" aria-label=t.zoom>
                <button type="button" class="btn btn-icon" data-action="zoom-out" aria-label=t.zoom_out title=t.zoom_out on:click=move |_| tl.zoom_by(1.0 / ZOOM_STEP, None)>
                    "−"
                </button>
                <span class="tl-zoom" aria-hidden="true">{zoom_label}</span>
                <button type="button" class="btn btn-icon" data-action="zoom-in" aria-label=t.zoom_in title=t.zoom_in on:click=move |_| tl.zoom_by(ZOOM_STEP, None)>
                    "+"
                </button>
                <button type="button" class="btn" data-action="fit" title=t.fit on:click=move |_| tl.fit()>
                    {t.fit}
                </button>
            </div>
        </div>
    }
}

/// The lane names, each with what the lane is doing at the selection.
#[component]
fn LaneNames(tl: Tl) -> impl IntoView {
    let t = tl.t;
    let lanes = Memo::new(move |_| tl.state.record.with_events(|m| m.lanes().to_vec()));
    let rows = move || {
        let states = tl.lane_states.get();
        let lanes = lanes.get();
        let lane_h = crate::timeline_model::lane_h(lanes.len());
        lanes
            .into_iter()
            .enumerate()
            .map(|(l, name)| {
                let st = states.as_ref().and_then(|s| s.get(l).copied());
                let data_lane = name.clone();
                // The whole name where a narrow column cuts it short.
                let title = name.clone();
                view! {
                    <li class="tl-lane" data-lane=data_lane data-state=st.map_or("", LaneState::as_str) style:height=format!("{lane_h}px")>
                        <span class="tl-lane-name" title=title>{name}</span>
                        {st.map(|s| view! { <span class="tl-lane-state">{(t.lane_state)(s)}</span> })}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <ul class="tl-lanes" aria-label=t.lanes_label style:padding-top=format!("{AXIS_H}px")>
            {rows}
        </ul>
    }
}

/// A thin strip under the plot: the whole run, with the part in view
/// marked. It is the plot's scrollbar: pressing it centres the view there,
/// and dragging pans.
#[component]
fn Overview(tl: Tl, content_w: Memo<f64>) -> impl IntoView {
    let share = move || tl.view.get().share_of(content_w.get());
    let dragging = StoredValue::new(false);
    let pan_to = move |e: &web_sys::PointerEvent| {
        let Some(el) = e
            .current_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        else {
            return;
        };
        let r = el.get_bounding_client_rect();
        if r.width() <= 0.0 {
            return;
        }
        let frac = (f64::from(e.client_x()) - r.left()) / r.width();
        let v = tl.view.get_untracked();
        tl.reader_scrolls();
        tl.following.set_value(false);
        tl.scroll_to(frac * content_w.get_untracked() - v.width / 2.0);
    };
    view! {
        <div
            class="tl-overview-strip"
            aria-hidden="true"
            on:pointerdown=move |e| {
                dragging.set_value(true);
                if let Some(el) = e
                    .current_target()
                    .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                {
                    let _ = el.set_pointer_capture(e.pointer_id());
                }
                pan_to(&e);
            }
            on:pointermove=move |e| {
                if dragging.get_value() {
                    pan_to(&e);
                }
            }
            on:pointerup=move |_| dragging.set_value(false)
            on:pointercancel=move |_| dragging.set_value(false)
        >
            <div
                class="tl-overview-view"
                style:left=move || format!("{:.2}%", share().0 * 100.0)
                style:width=move || format!("{:.2}%", share().1 * 100.0)
            ></div>
        </div>
    }
}
