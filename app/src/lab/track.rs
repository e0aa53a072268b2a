//! One source: its kind, and for a marble source the track (drag, click,
//! keys, touch), the selected item's fields and the marble text, both
//! ways; for a counter or an unfold, a read-only track and two numbers.

use lab::check::Place;
use lab::marbles::{self, FRAME_MS};
use lab::model::{source_name, End, Marble, Source};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::geometry::{self, span_ms};
use super::strings::strings;
use super::view::{Focus, Lab};

/// The id of the one paragraph that says how to use a track (every
/// track's `aria-describedby`).
pub const TRACK_HELP_ID: &str = "lab-track-help";

/// What a drag holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Grip {
    /// Marble `i`.
    Marble(usize),
    /// The end mark.
    End,
}

/// The editor of source `i`.
#[component]
pub fn SourceEditor(lab: Lab, i: usize) -> impl IntoView {
    let t = strings(lab.lang);
    let name = source_name(i as u8);
    let source = Memo::new(move |_| lab.pipeline.with(|p| p.sources.get(i).cloned()));
    let kind = Memo::new(move |_| match source.get() {
        Some(Source::Marbles { .. }) | None => 0,
        Some(Source::Counter { .. }) => 1,
        Some(Source::Unfold { .. }) => 2,
    });
    let set_kind = move |k: usize| {
        let s = match k {
            1 => Source::Counter {
                period_ms: 100,
                count: 3,
            },
            2 => Source::Unfold {
                delay_ms: 100,
                count: 3,
            },
            _ => Source::Marbles {
                items: vec![
                    Marble {
                        at_ms: 10,
                        value: 1,
                    },
                    Marble {
                        at_ms: 40,
                        value: 2,
                    },
                ],
                end: End::Complete { at_ms: 60 },
            },
        };
        lab.set_source(i, s);
    };
    let kind_id = format!("lab-kind-{i}");
    let error = move || lab.error_at(Place::Source(i as u8));
    view! {
        <div class="lab-source" data-src=i>
            <div class="lab-source-head">
                <h3>{(t.source)(name)}</h3>
                <label class="lab-field">
                <span>{t.source_kind}</span>
                <select
                    id=kind_id
                    class="lab-control"
                    on:change=move |ev| set_kind(event_target_value(&ev).parse().unwrap_or(0))
                    prop:value=move || kind.get().to_string()
                >
                    {t
                        .kinds
                        .iter()
                        .enumerate()
                        .map(|(k, label)| {
                            view! { <option value=k selected=move || { kind.get() == k }>{*label}</option> }
                        })
                        .collect_view()}
                </select>
                </label>
                {(i > 0)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="lab-button lab-remove-source"
                                on:click=move |_| lab.remove_source(i)
                            >
                                {(t.remove_source)(name)}
                            </button>
                        }
                    })}
            </div>
            {move || match kind.get() {
                0 => view! { <MarbleSource lab i /> }.into_any(),
                _ => view! { <NumberSource lab i /> }.into_any(),
            }}
            <p class="lab-error" aria-live="polite">{error}</p>
        </div>
    }
}

/// A counter's or an unfold's two numbers.
#[component]
fn NumberSource(lab: Lab, i: usize) -> impl IntoView {
    let t = strings(lab.lang);
    let values = move || match lab.pipeline.with(|p| p.sources.get(i).cloned()) {
        Some(Source::Counter { period_ms, count }) => (true, period_ms, count),
        Some(Source::Unfold { delay_ms, count }) => (false, delay_ms, count),
        _ => (true, 0, 0),
    };
    let set = move |which: usize, v: u32| {
        let s = match (values(), which) {
            ((true, _, c), 0) => Source::Counter {
                period_ms: v,
                count: c,
            },
            ((true, ms, _), _) => Source::Counter {
                period_ms: ms,
                count: v,
            },
            ((false, _, c), 0) => Source::Unfold {
                delay_ms: v,
                count: c,
            },
            ((false, ms, _), _) => Source::Unfold {
                delay_ms: ms,
                count: v,
            },
        };
        lab.set_source(i, s);
    };
    let (counter, ms, count) = values();
    let first = if counter { t.period } else { t.delay };
    view! {
        <FixedTrack lab i />
        <div class="lab-numbers">
            <NumberField label=first value=ms max=60_000 on_set=move |v| set(0, v) />
            <NumberField label=t.count value=count max=10_000 on_set=move |v| set(1, v) />
        </div>
    }
}

/// A labelled number field in `0..=max` that reports each valid value.
#[component]
pub fn NumberField(
    label: &'static str,
    value: u32,
    max: u32,
    #[prop(optional)] min: u32,
    on_set: impl Fn(u32) + 'static,
) -> impl IntoView {
    view! {
        <label class="lab-field">
            <span>{label}</span>
            <input
                type="number"
                inputmode="numeric"
                class="lab-control"
                min=min
                max=max
                step="1"
                value=value
                on:input=move |ev| {
                    if let Ok(v) = event_target_value(&ev).trim().parse::<u32>() {
                        if (min..=max).contains(&v) {
                            on_set(v);
                        }
                    }
                }
            />
        </label>
    }
}

/// A marble track, its selected item's fields and its marble text.
#[component]
fn MarbleSource(lab: Lab, i: usize) -> impl IntoView {
    let t = strings(lab.lang);
    let name = source_name(i as u8);
    let track = Memo::new(move |_| {
        lab.pipeline.with(|p| match p.sources.get(i) {
            Some(Source::Marbles { items, end }) => (items.clone(), *end),
            _ => (Vec::new(), End::Never),
        })
    });
    let span = Memo::new(move |_| lab.pipeline.with(span_ms));
    let end_kind = move || match track.get().1 {
        End::Complete { .. } => 0,
        End::Error { .. } => 1,
        End::Never => 2,
    };
    let set_end = move |k: usize| {
        let (items, end) = track.get_untracked();
        let at = geometry::end_ms(end)
            .unwrap_or_else(|| geometry::next_free_ms(&items).saturating_sub(FRAME_MS * 5));
        let at = at.max(items.last().map_or(0, |m| m.at_ms));
        let end = match k {
            0 => End::Complete { at_ms: at },
            1 => End::Error { at_ms: at },
            _ => End::Never,
        };
        lab.set_track(i, items, end);
    };
    let add = move |_| {
        let (items, end) = track.get_untracked();
        let (items, end, at) = geometry::add_marble(&items, end, geometry::next_free_ms(&items));
        lab.set_track(i, items, end);
        lab.selected.set(Some((i, at)));
        lab.focus.set(Some(Focus::Marble(i, at)));
    };
    let text_id = format!("lab-text-{i}");
    let end_id = format!("lab-end-{i}");
    view! {
        <Track lab i track span />
        <SelectedItem lab i track />
        <div class="lab-track-tools">
            <button type="button" class="lab-button lab-add-item" on:click=add>
                "+ "
                {t.add_item}
            </button>
            <label for=end_id.clone()>{t.ends_with}</label>
            <select
                id=end_id
                class="lab-control"
                on:change=move |ev| set_end(event_target_value(&ev).parse().unwrap_or(0))
                prop:value=move || end_kind().to_string()
            >
                {t
                    .ends
                    .iter()
                    .enumerate()
                    .map(|(k, l)| view! { <option value=k selected=move || { end_kind() == k }>{*l}</option> })
                    .collect_view()}
            </select>
        </div>
        <MarbleText lab i track name text_id />
    }
}

/// The track itself: the marbles and the end mark on the shared axis.
#[component]
fn Track(lab: Lab, i: usize, track: Memo<(Vec<Marble>, End)>, span: Memo<u32>) -> impl IntoView {
    let t = strings(lab.lang);
    let name = source_name(i as u8);
    // While dragging: what, where it was and where it is now (ms).
    let drag = RwSignal::new(None::<(Grip, u32, u32)>);
    let axis = NodeRef::<leptos::html::Div>::new();
    let fraction = move |x: f64| -> Option<f64> {
        let el = axis.get_untracked()?;
        let r = el.get_bounding_client_rect();
        (r.width() > 0.0).then(|| (x - r.left()) / r.width())
    };
    let commit = move |grip: Grip, ms: u32| {
        let (items, end) = track.get_untracked();
        match grip {
            Grip::Marble(m) => {
                let (items, at) = geometry::move_marble(&items, end, m, ms);
                lab.set_track(i, items, end);
                lab.selected.set(Some((i, at)));
                lab.focus.set(Some(Focus::Marble(i, at)));
            }
            Grip::End => {
                let end = geometry::move_end(&items, end, ms);
                lab.set_track(i, items, end);
                lab.focus.set(Some(Focus::End(i)));
            }
        }
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        let Some(el) = axis.get_untracked() else {
            return;
        };
        let r = el.get_bounding_client_rect();
        if r.width() <= 0.0 {
            return;
        }
        let x = f64::from(ev.client_x());
        let span_now = span.get_untracked();
        let ms = geometry::ms_at((x - r.left()) / r.width(), span_now);
        let on_mark = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.has_attribute("data-m") || el.class_list().contains("lab-end"));
        // Pressed on a mark: the nearest one, not the one drawn on top
        // (marbles a frame apart overlap). A finger also takes a mark
        // within reach of the touch; a mouse off every mark adds one.
        let reach = if on_mark {
            f64::INFINITY
        } else if ev.pointer_type() == "mouse" {
            -1.0
        } else {
            geometry::TOUCH_REACH_PX
        };
        let (items, end) = track.get_untracked();
        let mut marks: Vec<(Grip, u32)> = items
            .iter()
            .enumerate()
            .map(|(m, x)| (Grip::Marble(m), x.at_ms))
            .collect();
        marks.extend(geometry::end_ms(end).map(|at| (Grip::End, at)));
        let xs: Vec<f64> = marks
            .iter()
            .map(|&(_, at)| r.left() + r.width() * geometry::percent(at, span_now) / 100.0)
            .collect();
        match geometry::nearest(&xs, x, reach).map(|k| marks[k]) {
            Some((grip, at)) => {
                // The axis gets the pointer's moves, wherever it goes.
                let _ = el.set_pointer_capture(ev.pointer_id());
                drag.set(Some((grip, at, at)));
                if let Grip::Marble(m) = grip {
                    lab.selected.set(Some((i, m)));
                }
            }
            None => {
                // A click on an empty spot adds an item there.
                let (items, end, at) = geometry::add_marble(&items, end, ms);
                lab.set_track(i, items, end);
                lab.selected.set(Some((i, at)));
                lab.focus.set(Some(Focus::Marble(i, at)));
            }
        }
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some((grip, from, _)) = drag.get_untracked() else {
            return;
        };
        if let Some(f) = fraction(f64::from(ev.client_x())) {
            ev.prevent_default();
            drag.set(Some((grip, from, geometry::ms_at(f, span.get_untracked()))));
        }
    };
    let on_up = move |_: web_sys::PointerEvent| {
        if let Some((grip, from, ms)) = drag.get_untracked() {
            drag.set(None);
            // A click on a marble selects it; only a move changes the track.
            if ms != from {
                commit(grip, ms);
            }
        }
    };
    let on_cancel = move |_: web_sys::PointerEvent| drag.set(None);
    view! {
        <div
            class="lab-track"
            role="group"
            aria-label=(t.track_label)(name)
            aria-describedby=TRACK_HELP_ID
            // How many frames the axis has: a phone gives each room to drag.
            style=move || format!("--frames: {}", span.get() / FRAME_MS)
        >
            <span class="lab-track-name" aria-hidden="true">{name.to_string()}</span>
            <div class="lab-track-scroll">
            <div
                class="lab-axis"
                node_ref=axis
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_cancel
            >
                <span class="lab-line" aria-hidden="true"></span>
                {move || marble_views(lab, i, track, span, drag)}
                {move || end_view(lab, i, track, span, drag)}
            </div>
            <div class="lab-ticks" aria-hidden="true">{move || ticks(span.get())}</div>
            </div>
        </div>
    }
}

/// Where `grip` is drawn: where it is being dragged to, else `ms`.
fn at_of(drag: RwSignal<Option<(Grip, u32, u32)>>, grip: Grip, ms: u32) -> u32 {
    match drag.get() {
        Some((g, _, at)) if g == grip => at,
        _ => ms,
    }
}

/// The marbles of track `i`, as buttons.
fn marble_views(
    lab: Lab,
    i: usize,
    track: Memo<(Vec<Marble>, End)>,
    span: Memo<u32>,
    drag: RwSignal<Option<(Grip, u32, u32)>>,
) -> impl IntoView {
    let t = strings(lab.lang);
    let (items, _) = track.get();
    items
        .iter()
        .enumerate()
        .map(|(m, marble)| {
            let Marble { at_ms, value } = *marble;
            let left = move || {
                format!(
                    "left: {}%",
                    geometry::percent(at_of(drag, Grip::Marble(m), at_ms), span.get())
                )
            };
            view! {
                <button
                    type="button"
                    class="lab-marble"
                    class:selected=move || lab.selected.get() == Some((i, m))
                    class:dragging=move || drag.get().is_some_and(|(g, _, _)| g == Grip::Marble(m))
                    data-m=m
                    style=left
                    aria-label=(t.marble_label)(value, at_ms)
                    on:keydown=move |ev| marble_key(lab, i, m, track, &ev)
                    on:focus=move |_| lab.selected.set(Some((i, m)))
                >
                    {value_text(value)}
                </button>
            }
        })
        .collect_view()
}

/// The end mark of track `i` (`|` or `✕`), if it has one.
fn end_view(
    lab: Lab,
    i: usize,
    track: Memo<(Vec<Marble>, End)>,
    span: Memo<u32>,
    drag: RwSignal<Option<(Grip, u32, u32)>>,
) -> Option<impl IntoView> {
    let t = strings(lab.lang);
    let (_, end) = track.get();
    let at_ms = geometry::end_ms(end)?;
    let error = matches!(end, End::Error { .. });
    let left = move || {
        format!(
            "left: {}%",
            geometry::percent(at_of(drag, Grip::End, at_ms), span.get())
        )
    };
    let label = if error {
        (t.error_label)(at_ms)
    } else {
        (t.end_label)(at_ms)
    };
    Some(view! {
        <button
            type="button"
            class="lab-end"
            class:error=error
            style=left
            aria-label=label
            on:keydown=move |ev| end_key(lab, i, track, &ev)
        >
            {if error { "✕" } else { "|" }}
        </button>
    })
}

/// The time labels under a track of `span` ms.
fn ticks(span: u32) -> impl IntoView {
    let step = if span > 1500 { 500 } else { 100 };
    (0..=span / step)
        .map(|k| {
            let ms = k * step;
            let style = format!("left: {}%", geometry::percent(ms, span));
            view! { <span class="lab-tick" style=style>{ms}</span> }
        })
        .collect_view()
}

/// A counter's or an unfold's track, read-only (its two fields edit it):
/// a counter's items where the run makes them; an unfold's times depend
/// on its poller, so its track says what it does instead of drawing times
/// the run might not produce.
#[component]
fn FixedTrack(lab: Lab, i: usize) -> impl IntoView {
    let t = strings(lab.lang);
    let name = source_name(i as u8);
    let span = Memo::new(move |_| lab.pipeline.with(span_ms));
    let source = Memo::new(move |_| lab.pipeline.with(|p| p.sources.get(i).cloned()));
    let counter = Memo::new(move |_| match source.get() {
        Some(Source::Counter { period_ms, count }) => {
            Some(geometry::counter_items(period_ms, count, span.get()))
        }
        _ => None,
    });
    let marbles = move || {
        let span = span.get();
        counter.with(|c| {
            c.as_ref()
                .map(|(shown, _)| shown.clone())
                .unwrap_or_default()
                .into_iter()
                .map(|Marble { at_ms, value }| {
                    let style = format!("left: {}%", geometry::percent(at_ms, span));
                    view! {
                        <span class="lab-marble fixed" role="img" style=style aria-label=(t.marble_label)(value, at_ms)>
                            {value_text(value)}
                        </span>
                    }
                })
                .collect_view()
        })
    };
    let note = move || match source.get() {
        Some(Source::Counter { period_ms, count }) => {
            let later = counter.with(|c| c.as_ref().map_or(0, |(_, later)| *later));
            let mut s = (t.counter_note)(period_ms, count);
            if later > 0 {
                s.push(' ');
                s.push_str(&(t.not_drawn)(later));
            }
            s
        }
        Some(Source::Unfold { delay_ms, count }) => (t.unfold_note)(delay_ms, count),
        _ => String::new(),
    };
    let unfold = move || matches!(source.get(), Some(Source::Unfold { .. }));
    let note_id = format!("lab-note-{i}");
    view! {
        <div
            class="lab-track fixed"
            role="group"
            aria-label=(t.fixed_track_label)(name)
            aria-describedby=note_id.clone()
            style=move || format!("--frames: {}", span.get() / FRAME_MS)
        >
            <span class="lab-track-name" aria-hidden="true">{name.to_string()}</span>
            <div class="lab-track-scroll">
                <div class="lab-axis fixed" class:unknown=unfold>
                    <span class="lab-line" aria-hidden="true"></span>
                    {marbles}
                </div>
                <div class="lab-ticks" aria-hidden="true">{move || ticks(span.get())}</div>
            </div>
        </div>
        <p class="lab-track-note" id=note_id>{note}</p>
    }
}

/// A value as a marble shows it.
fn value_text(v: i64) -> String {
    v.to_string()
}

/// Keys on a marble: ←/→ move it a frame (Shift: ten), +/− change its
/// value, Delete or Backspace removes it.
fn marble_key(
    lab: Lab,
    i: usize,
    m: usize,
    track: Memo<(Vec<Marble>, End)>,
    ev: &web_sys::KeyboardEvent,
) {
    let (mut items, end) = track.get_untracked();
    let Some(marble) = items.get(m).copied() else {
        return;
    };
    let frames = if ev.shift_key() { 10 } else { 1 };
    match ev.key().as_str() {
        "ArrowLeft" | "ArrowRight" => {
            let d = if ev.key() == "ArrowLeft" {
                -frames
            } else {
                frames
            };
            let (items, at) =
                geometry::move_marble(&items, end, m, geometry::nudge(marble.at_ms, d));
            lab.set_track(i, items, end);
            lab.selected.set(Some((i, at)));
            lab.focus.set(Some(Focus::Marble(i, at)));
        }
        "+" | "=" | "-" | "_" => {
            let d = if matches!(ev.key().as_str(), "-" | "_") {
                -1
            } else {
                1
            };
            items[m].value =
                (marble.value + d).clamp(-lab::check::MAX_VALUE, lab::check::MAX_VALUE);
            lab.set_track(i, items, end);
            lab.focus.set(Some(Focus::Marble(i, m)));
        }
        "Delete" | "Backspace" => {
            items.remove(m);
            let next = m.min(items.len().saturating_sub(1));
            let empty = items.is_empty();
            lab.set_track(i, items, end);
            lab.selected.set((!empty).then_some((i, next)));
            lab.focus.set((!empty).then_some(Focus::Marble(i, next)));
        }
        _ => return,
    }
    ev.prevent_default();
}

/// Keys on the end mark: ←/→ move it a frame (Shift: ten).
fn end_key(lab: Lab, i: usize, track: Memo<(Vec<Marble>, End)>, ev: &web_sys::KeyboardEvent) {
    let (items, end) = track.get_untracked();
    let Some(at) = geometry::end_ms(end) else {
        return;
    };
    let frames = if ev.shift_key() { 10 } else { 1 };
    let d = match ev.key().as_str() {
        "ArrowLeft" => -frames,
        "ArrowRight" => frames,
        _ => return,
    };
    ev.prevent_default();
    let end = geometry::move_end(&items, end, geometry::nudge(at, d));
    lab.set_track(i, items, end);
    lab.focus.set(Some(Focus::End(i)));
}

/// The selected item's value and time, and a button to remove it.
#[component]
fn SelectedItem(lab: Lab, i: usize, track: Memo<(Vec<Marble>, End)>) -> impl IntoView {
    let t = strings(lab.lang);
    let chosen = Memo::new(move |_| match lab.selected.get() {
        Some((s, m)) if s == i => track.with(|t| t.0.get(m).copied().map(|x| (m, x))),
        _ => None,
    });
    move || {
        let (m, marble) = chosen.get()?;
        let set = move |value: Option<i64>, at: Option<u32>| {
            let (mut items, end) = track.get_untracked();
            let Some(x) = items.get_mut(m) else { return };
            if let Some(v) = value {
                x.value = v;
                lab.set_track(i, items, end);
            } else if let Some(at) = at {
                let (items, k) = geometry::move_marble(&items, end, m, geometry::snap(at));
                lab.set_track(i, items, end);
                lab.selected.set(Some((i, k)));
            }
        };
        let remove = move |_| {
            let (mut items, end) = track.get_untracked();
            if m < items.len() {
                items.remove(m);
                lab.set_track(i, items, end);
                lab.selected.set(None);
            }
        };
        Some(view! {
            <div class="lab-item" role="group" aria-label=(t.item)(m + 1)>
                <span class="lab-item-name">{(t.item)(m + 1)}</span>
                <label class="lab-field">
                    <span>{t.value}</span>
                    <input
                        type="number"
                        class="lab-control"
                        step="1"
                        value=marble.value
                        on:change=move |ev| {
                            if let Ok(v) = event_target_value(&ev).trim().parse::<i64>() {
                                set(Some(v.clamp(-lab::check::MAX_VALUE, lab::check::MAX_VALUE)), None);
                            }
                        }
                    />
                </label>
                <label class="lab-field">
                    <span>{t.time_ms}</span>
                    <input
                        type="number"
                        class="lab-control"
                        step=FRAME_MS
                        min="0"
                        max=geometry::MAX_MS
                        value=marble.at_ms
                        on:change=move |ev| {
                            if let Ok(v) = event_target_value(&ev).trim().parse::<u32>() {
                                set(None, Some(v.min(geometry::MAX_MS)));
                            }
                        }
                    />
                </label>
                <button type="button" class="lab-button" on:click=remove>
                    {t.remove_item}
                </button>
            </div>
        })
    }
}

/// The track as marble text, editable: a valid text replaces the track,
/// an invalid one is kept as typed with its error beside it; a change made
/// on the track rewrites the text.
#[component]
fn MarbleText(
    lab: Lab,
    i: usize,
    track: Memo<(Vec<Marble>, End)>,
    name: char,
    text_id: String,
) -> impl IntoView {
    let t = strings(lab.lang);
    let zh = lab.lang == lessons::Lang::Zh;
    let text = RwSignal::new(track.with_untracked(|(items, end)| marbles::print(items, *end)));
    let error = RwSignal::new(None::<String>);
    let field = NodeRef::<leptos::html::Input>::new();
    Effect::watch(
        move || track.get(),
        move |(items, end), _, _| {
            // Only when the text means something else: a half-typed text
            // that still reads as this track is left alone.
            let same =
                text.with_untracked(|s| marbles::parse(s).ok()) == Some((items.clone(), *end));
            if !same {
                let s = marbles::print(items, *end);
                if let Some(input) = field.get_untracked() {
                    input.set_value(&s);
                }
                text.set(s);
                error.set(None);
            }
        },
        false,
    );
    let err_id = format!("{text_id}-error");
    view! {
        <div class="lab-text">
            <label for=text_id.clone()>{t.marble_text} " " <code>{name.to_string()}</code></label>
            <input
                node_ref=field
                id=text_id
                class="lab-control lab-marble-text"
                type="text"
                spellcheck="false"
                autocomplete="off"
                translate="no"
                value=text.get_untracked()
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=err_id.clone()
                on:input=move |ev| {
                    let s = event_target_value(&ev);
                    match marbles::parse(&s) {
                        Ok((items, end)) => {
                            error.set(None);
                            text.set(s);
                            lab.set_track(i, items, end);
                        }
                        Err(e) => {
                            error.set(Some(e.message(zh)));
                            text.set(s);
                        }
                    }
                }
            />
            <span class="lab-error" id=err_id aria-live="polite">{move || error.get()}</span>
        </div>
    }
}
