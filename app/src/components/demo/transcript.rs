//! The transcript: an ordered list with one item per recorded event, in the
//! order they happened, for screen readers, for tests, and for anyone who
//! prefers reading to a picture. Each `<li>` carries `data-kind`
//! ([`trace::Kind::as_str`]), `data-t` (whole ms) and `data-lane` (the
//! lane's name).
//!
//! The list only ever grows during a run, so items are appended directly
//! (one DOM node per *new* event per frame) instead of re-diffing a
//! 10,000-item list; the current item is marked the same way, touching two
//! nodes per step. All text is set as text, never as HTML.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::fold::{Fold, Parts, Want};
use super::{now_ms, strings, DemoState, Phase, Said, Strings};
use trace::Event;

/// Items appended per frame.
const CHUNK: usize = 300;
/// Steps closer together than this (ms) count as fast stepping.
const MARK_MS: f64 = 120.0;

/// The sentence for an event: "t=200 ms — gen yielded 1".
pub fn line(t: &Strings, e: &Event, lane: &str) -> String {
    format!(
        "{} — {}",
        (t.at)(e.t_ms()),
        (t.sentence)(Said {
            lane,
            kind: e.kind,
            value: &e.value,
        })
    )
}

/// A transcript row: the code the lessons' text uses (`T+100`, `R(1)`,
/// `D`) heading it, then its sentence (a note is its own text, no code).
/// Both renderings of a row (the build's and the browser's fill) use it.
fn row(t: &Strings, e: &Event, lane: &str) -> (Option<String>, String) {
    let text = line(t, e, lane);
    if e.kind == trace::Kind::Note {
        (None, text)
    } else {
        (Some(e.short()), format!(" {text}"))
    }
}

/// At build time, the items the browser's fill would append (the same
/// markup): the page's transcript of the default run, readable without
/// JavaScript.
fn static_items(state: DemoState, t: &'static Strings) -> impl IntoView {
    state.record.with_untracked(|m| {
        let lanes = m.lanes();
        m.events()
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let lane = lanes.get(e.lane as usize).map_or("?", String::as_str);
                let (code, text) = row(t, e, lane);
                let code = code.map(|c| view! { <code class="tr-code">{c}</code> });
                view! {
                    <li data-kind=e.kind.as_str() data-t=e.t_ms().to_string() data-lane=lane.to_string() data-i=i.to_string()>
                        {code}
                        {text}
                    </li>
                }
            })
            .collect_view()
    })
}

// Appends the events the list does not have yet, at most `CHUNK` per
// frame, so a 10,000-event run never blocks a frame for long.
fn fill(
    state: DemoState,
    t: &'static Strings,
    list: NodeRef<html::Ol>,
    shown: StoredValue<(u64, usize)>,
    filling: StoredValue<bool>,
    behind: RwSignal<bool>,
    mark: impl Fn() + Copy + 'static,
) {
    let Some(Some(ol)) = list.try_get_untracked() else {
        return;
    };
    let run = state.record.id_untracked();
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (had_run, had) = shown.get_value();
    let from = if had_run == run {
        had
    } else {
        ol.set_text_content(None);
        0
    };
    let (to, total) = state.record.with_untracked(|m| {
        let lanes = m.lanes();
        let events = m.events();
        let to = events.len().min(from + CHUNK);
        let frag = doc.create_document_fragment();
        for (i, e) in events.iter().enumerate().take(to).skip(from) {
            let lane = lanes.get(e.lane as usize).map_or("?", String::as_str);
            let Ok(li) = doc.create_element("li") else {
                continue;
            };
            let _ = li.set_attribute("data-kind", e.kind.as_str());
            let _ = li.set_attribute("data-t", &e.t_ms().to_string());
            let _ = li.set_attribute("data-lane", lane);
            let _ = li.set_attribute("data-i", &i.to_string());
            let (code, text) = row(t, e, lane);
            if let Some(c) = code {
                if let Ok(code) = doc.create_element("code") {
                    code.set_class_name("tr-code");
                    code.set_text_content(Some(&c));
                    let _ = li.append_child(&code);
                }
            }
            let _ = li.append_with_str_1(&text);
            let _ = frag.append_child(&li);
        }
        let _ = ol.append_child(&frag);
        (to, events.len())
    });
    shown.set_value((run, to));
    mark();
    if to < total {
        behind.set(true);
        if !filling.get_value() {
            filling.set_value(true);
            request_animation_frame(move || {
                if filling.try_set_value(false).is_none() {
                    fill(state, t, list, shown, filling, behind, mark);
                }
            });
        }
    } else {
        behind.set(false);
    }
}

/// The transcript of a demo panel.
#[component]
pub fn Transcript(
    /// The panel's shared state.
    state: DemoState,
) -> impl IntoView {
    let t = strings(state.lang);
    let list = NodeRef::<html::Ol>::new();
    // (run id, items appended) — what the list holds.
    let shown = StoredValue::new((u64::MAX, 0usize));
    let filling = StoredValue::new(false);
    let behind = RwSignal::new(false);
    let marked = StoredValue::new(None::<usize>);
    let above = NodeRef::<html::Button>::new();
    let below = NodeRef::<html::Button>::new();
    let fold = Fold::new(
        move || {
            let ol = list.try_get_untracked()??;
            Some(Parts {
                items: ol.children(),
                boxed: ol.into(),
                above: above.try_get_untracked()??.into(),
                below: below.try_get_untracked()??.into(),
            })
        },
        t.fold_steps_before,
        t.fold_steps_after,
    );
    fold.watch(|b| b.closest(".demo").ok().flatten());

    // Marks the current event's item and keeps it in view inside the list
    // (never scrolling the page).
    let mark_now = move || mark_current(state, list, marked, fold);

    // After items were appended: the mark, and the window (a live run with
    // nothing selected shows its newest steps).
    let after_fill = move || {
        mark_now();
        let running = matches!(state.phase.get_untracked(), Phase::Running(_));
        let count = shown.get_value().1;
        if running && state.current.get_untracked().is_none() && count > 0 {
            fold.fit(Want::Show {
                must: count - 1,
                also: None,
            });
        } else {
            fold.fit(Want::Refit);
        }
    };

    Effect::new(move |_| {
        state.record.len();
        let run = state.record.id();
        if list.get().is_some() {
            if shown.get_value().0 != run {
                marked.set_value(None);
            }
            fill(state, t, list, shown, filling, behind, after_fill);
        }
    });

    follow_steps(state, mark_now);

    // Clicking an item selects its event.
    let on_click = move |ev: web_sys::MouseEvent| {
        let Some(li) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("li[data-i]").ok().flatten())
        else {
            return;
        };
        if let Some(i) = li.get_attribute("data-i").and_then(|v| v.parse().ok()) {
            state.current.set(Some(i));
        }
    };

    view! {
        <div class="demo-transcript">
            <p class="demo-transcript-title" aria-hidden="true">{t.transcript}</p>
            <p class="demo-transcript-empty" hidden=move || !state.is_empty()>
                {t.transcript_empty}
            </p>
            <button type="button" class="fold-btn" data-fold="up" hidden node_ref=above on:click=move |_| fold.step(true)></button>
            <ol
                class="transcript"
                node_ref=list
                aria-label=t.transcript
                aria-busy=move || if behind.get() { "true" } else { "false" }
                tabindex="0"
                on:click=on_click
            >
                {crate::is_static().then(|| static_items(state, t))}
            </ol>
            <button type="button" class="fold-btn" data-fold="down" hidden node_ref=below on:click=move |_| fold.step(false)></button>
        </div>
    }
}

/// Marks the current event's item in the list and keeps it in view inside
/// the list (never scrolling the page), unfolding the window around it.
fn mark_current(
    state: DemoState,
    list: NodeRef<html::Ol>,
    marked: StoredValue<Option<usize>>,
    fold: Fold,
) {
    let (Some(Some(ol)), Some(cur)) = (list.try_get_untracked(), state.current.try_get_untracked())
    else {
        return;
    };
    let children = ol.children();
    if marked.get_value() == cur {
        return;
    }
    if let Some(prev) = marked.get_value().and_then(|i| children.item(i as u32)) {
        let _ = prev.class_list().remove_1("current");
        let _ = prev.remove_attribute("aria-current");
    }
    marked.set_value(None);
    let Some(i) = cur else { return };
    // Not appended yet: the fill marks it when it gets there.
    let Some(li) = children.item(i as u32) else {
        return;
    };
    let _ = li.class_list().add_1("current");
    let _ = li.set_attribute("aria-current", "true");
    marked.set_value(Some(i));
    fold.fit(Want::Show {
        must: i,
        also: None,
    });
    if let Ok(li) = li.dyn_into::<web_sys::HtmlElement>() {
        let (top, h) = (f64::from(li.offset_top()), f64::from(li.offset_height()));
        let (view_top, view_h) = (f64::from(ol.scroll_top()), f64::from(ol.client_height()));
        if top < view_top {
            ol.set_scroll_top(top as i32);
        } else if top + h > view_top + view_h {
            ol.set_scroll_top((top + h - view_h) as i32);
        }
    }
}

/// Stepping slowly, the mark follows each step (just before the next
/// frame's own layout, so reading the item's position forces no extra
/// one). Stepping fast (holding →, a replay at 60 frames a second), a
/// long list is not re-laid out every frame: the mark catches up once
/// the steps pause for `MARK_MS`.
fn follow_steps(state: DemoState, mark_now: impl Fn() + Copy + 'static) {
    let last_change = StoredValue::new(f64::NEG_INFINITY);
    let mark_gen = StoredValue::new(0u64);
    Effect::new(move |_| {
        state.current.track();
        let now = now_ms();
        let slow = now - last_change.get_value() >= MARK_MS;
        last_change.set_value(now);
        let gen = mark_gen.get_value().wrapping_add(1);
        mark_gen.set_value(gen);
        let mark_if_latest = move || {
            if mark_gen.try_get_value() == Some(gen) {
                mark_now();
            }
        };
        if slow {
            request_animation_frame(mark_if_latest);
        } else {
            set_timeout(
                mark_if_latest,
                std::time::Duration::from_millis(MARK_MS as u64),
            );
        }
    });
}
