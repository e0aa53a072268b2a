//! The drawing layers of the plot, back to front: lane backgrounds, the
//! same-millisecond bands, the axis with its ticks and breaks, waiting
//! spans, overview dots, the cursor, value labels, and the brush. Each
//! reads what the model says for the drawn window and nothing else.

use leptos::prelude::*;
use trace::{Clock, Kind};

use super::shapes::{overview_offset, overview_rank};
use super::{Tl, LABEL_PX};
use crate::components::demo::Phase;
use crate::timeline_model::{marker_label, LaneState, AXIS_H};

/// The lane stripes, tinted by what each lane is doing at the selection.
#[component]
pub fn LaneBgs(tl: Tl) -> impl IntoView {
    move || {
        let (x0, x1) = tl.drawn.get();
        let x0 = x0.max(0.0);
        let states = tl.lane_states.get();
        let (n, h) = tl.with(|m| (m.lanes().len(), m.lane_h()));
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
                        x=x0
                        y=AXIS_H + l as f64 * h
                        width=(x1 - x0).max(0.0)
                        height=h
                    ></rect>
                }
            })
            .collect_view()
    }
}

/// The time axis: round ticks (none beyond the record, or beyond now in
/// a live run) and a zigzag where a long idle gap is compressed, with how
/// much time it skips.
#[component]
pub fn Axis(tl: Tl) -> impl IntoView {
    let t = tl.t;
    let ticks = Memo::new(move |_| {
        let (x0, x1) = tl.drawn.get();
        let now = tl.state.now.get();
        let running = tl.state.phase.get().is_running();
        tl.with(|m| {
            let end = if running { m.x_of_time(now) } else { m.end_x() };
            m.ticks(x0.max(0.0), x1.min(end + 8.0), 80.0)
        })
    });
    let breaks = Memo::new(move |_| {
        let (x0, x1) = tl.drawn.get();
        tl.with(|m| {
            m.breaks_in(x0, x1)
                .iter()
                .map(|b| {
                    let (a, z) = m.break_x(b);
                    ((a + z) / 2.0, b.skipped_ms)
                })
                .collect::<Vec<_>>()
        })
    });
    move || {
        let h = tl.height.get();
        let (x0, x1) = tl.drawn.get();
        let x0 = x0.max(0.0);
        view! {
            <rect class="tl-axis-bg" x=x0 y="0" width=(x1 - x0).max(0.0) height=AXIS_H></rect>
            <line class="tl-axis-line" x1=x0 x2=x1 y1=AXIS_H - 0.5 y2=AXIS_H - 0.5></line>
            {ticks
                .get()
                .into_iter()
                .map(|tk| {
                    view! {
                        <line class="tl-grid" x1=tk.x x2=tk.x y1=AXIS_H y2=h></line>
                        <line class="tl-tick" x1=tk.x x2=tk.x y1=AXIS_H - 6.0 y2=AXIS_H></line>
                        <text class="tl-tick-label" x=tk.x y=AXIS_H - 10.0>{tk.label}</text>
                    }
                })
                .collect_view()}
            {breaks
                .get()
                .into_iter()
                .map(|(x, ms)| {
                    let d = format!("M{:.1},0L{:.1},{:.1}L{:.1},{:.1}L{:.1},{h:.1}", x - 3.0, x + 3.0, h / 3.0, x - 3.0, h * 2.0 / 3.0, x + 3.0);
                    view! {
                        <g class="tl-break-mark" data-skipped=format!("{ms:.0}")>
                            <path class="tl-break-bg" d=d.clone()></path>
                            <path class="tl-break" d=d></path>
                            <text class="tl-break-label" x=x y=AXIS_H - 10.0>{(t.break_label)(ms)}</text>
                        </g>
                    }
                })
                .collect_view()}
        }
    }
}

/// The bands behind each same-millisecond burst.
#[component]
pub fn Bursts(tl: Tl) -> impl IntoView {
    let t = tl.t;
    let bursts = Memo::new(move |_| {
        if !tl.detail.get() {
            return Vec::new();
        }
        let (x0, x1) = tl.drawn.get();
        tl.with(|m| {
            m.bursts_in(x0, x1)
                .iter()
                .map(|b| {
                    let (a, z) = m.burst_x(b);
                    (a, z, b.to - b.from, b.t_ms)
                })
                .collect::<Vec<_>>()
        })
    });
    move || {
        let h = tl.height.get();
        bursts
            .get()
            .into_iter()
            .map(|(a, b, n, t_ms)| {
                view! {
                    <rect class="tl-burst" x=a y=AXIS_H width=(b - a).max(0.0) height=(h - AXIS_H).max(0.0) data-t=t_ms data-n=n>
                        <title>{(t.burst_title)(n, t_ms)}</title>
                    </rect>
                }
            })
            .collect_view()
    }
}

/// Waiting spans: one bar per wait up close, one path per lane zoomed out.
#[component]
pub fn Spans(tl: Tl) -> impl IntoView {
    let open_end = move || {
        let now = tl.state.now.get();
        let running = tl.state.phase.get().is_running();
        tl.with(|m| if running { m.x_of_time(now) } else { m.end_x() })
    };
    let spans = Memo::new(move |_| {
        if !tl.detail.get() {
            return Vec::new();
        }
        let (x0, x1) = tl.drawn.get();
        let end = open_end();
        tl.with(|m| {
            m.spans_in(x0, x1, end)
                .into_iter()
                .map(|s| {
                    let (a, b) = m.span_x(&s, end);
                    let ended_by = s.to.map(|i| m.events()[i].kind);
                    (a, b, m.lane_y(s.lane), s.woken, ended_by)
                })
                .collect::<Vec<_>>()
        })
    });
    // Zoomed far out, a wait is a pixel or two: the waits of a lane are
    // one path.
    let paths = Memo::new(move |_| {
        if tl.detail.get() {
            return Vec::new();
        }
        let (x0, x1) = tl.drawn.get();
        let end = open_end();
        tl.with(|m| {
            m.span_runs(x0, x1, end, 1.5)
                .into_iter()
                .map(|(lane, runs)| {
                    let y = m.lane_y(lane);
                    let mut d = String::with_capacity(runs.len() * 20);
                    for (a, b) in runs {
                        d.push_str(&format!("M{a:.1} {y}H{:.1}", b.max(a + 1.0)));
                    }
                    d
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        {move || {
            spans
                .get()
                .into_iter()
                .map(|(a, b, y, woken, ended_by)| {
                    view! {
                        <rect
                            class="tl-span"
                            class:open=ended_by.is_none()
                            class:dropped=ended_by == Some(Kind::Drop)
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
        }}
        {move || {
            paths
                .get()
                .into_iter()
                .map(|d| view! { <path class="tl-span-path" d=d></path> })
                .collect_view()
        }}
    }
}

/// Zoomed far out: every event as a dot, one path per lane and kind.
#[component]
pub fn Dots(tl: Tl) -> impl IntoView {
    let dots = Memo::new(move |_| {
        if tl.detail.get() {
            return Vec::new();
        }
        let (a, b) = tl.visible.get();
        tl.with(|m| {
            let mut rows = m.dots(a..b, 2.0);
            rows.sort_by_key(|r| overview_rank(r.kind));
            rows.into_iter()
                .map(|row| {
                    let y = m.lane_y(row.lane) + overview_offset(row.kind);
                    let mut d = String::with_capacity(row.xs.len() * 14);
                    for x in row.xs {
                        d.push_str(&format!("M{x:.1} {y}h0"));
                    }
                    (row.kind, d)
                })
                .collect::<Vec<_>>()
        })
    });
    move || {
        dots.get()
            .into_iter()
            .map(|(kind, d)| view! { <path class=format!("tl-dots k-{}", kind.as_str()) d=d></path> })
            .collect_view()
    }
}

/// Value labels that fit, above their markers. They follow every zoom:
/// the memo reads the layout through the store (defect 3: they stayed
/// where they were after "Fit all").
#[component]
pub fn Labels(tl: Tl) -> impl IntoView {
    let labels = Memo::new(move |_| {
        let (a, b) = tl.visible.get();
        if !tl.detail.get() {
            return Vec::new();
        }
        tl.with(|m| {
            let texts: Vec<Option<String>> = (a..b)
                .map(|k| m.shown_event(k).and_then(|i| marker_label(&m.events()[i])))
                .collect();
            let fit = m.labels_fit(a..b, |k| {
                texts[k - a]
                    .as_ref()
                    .map_or(0.0, |s| s.chars().count() as f64 * LABEL_PX + 4.0)
            });
            (a..b)
                .zip(texts)
                .zip(fit)
                .filter_map(|((k, text), fits)| {
                    let i = m.shown_event(k)?;
                    let e = &m.events()[i];
                    Some((i, m.x_at(k), m.lane_y(e.lane), text.filter(|_| fits)?))
                })
                .collect::<Vec<_>>()
        })
    });
    move || {
        labels
            .get()
            .into_iter()
            .map(|(i, x, y, text)| view! { <text class="ev-label" data-i=i x=x y=y - 13.0>{text}</text> })
            .collect_view()
    }
}

/// The selected event's line, the live clock's "now", and the brush.
#[component]
pub fn Cursors(tl: Tl) -> impl IntoView {
    let state = tl.state;
    let cursor = move || {
        let i = state.current.get()?;
        let h = tl.height.get();
        let x = tl.with(|m| m.x_of_event(i));
        Some(view! { <line class="tl-cursor" x1=x x2=x y1=AXIS_H y2=h></line> })
    };
    let now_line = move || {
        if !matches!(state.phase.get(), Phase::Running(Clock::Live)) {
            return None;
        }
        let h = tl.height.get();
        let now = state.now.get();
        let x = tl.with(|m| m.x_of_time(now));
        Some(view! { <line class="tl-now" x1=x x2=x y1="0" y2=h></line> })
    };
    let brush = move || {
        let (a, b) = tl.brush.get()?;
        let h = tl.height.get();
        Some(view! { <rect class="tl-brush" x=a.min(b) y="0" width=(b - a).abs() height=h></rect> })
    };
    view! { {cursor} {now_line} {brush} }
}

/// While a replay is on, a veil over everything after the selected event:
/// the run appears in the order it happened (each event has its own x, in
/// order, so "after" is "to the right").
#[component]
pub fn Ahead(tl: Tl, width: Memo<f64>) -> impl IntoView {
    let state = tl.state;
    move || {
        if !state.replaying.get() {
            return None;
        }
        let i = state.current.get()?;
        let h = tl.height.get();
        // Just past the selected marker (its half-width and ring).
        let x = tl.with(|m| m.x_of_event(i)) + 10.0;
        let w = (width.get() - x).max(0.0);
        Some(view! { <rect class="tl-ahead" x=x y="0" width=w height=h></rect> })
    }
}
