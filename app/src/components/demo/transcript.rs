//! The transcript: an ordered list with one item per recorded event, in the
//! order they happened, for screen readers, for tests, and for anyone who
//! prefers reading to a picture. Each `<li>` carries `data-kind`
//! ([`trace::Kind::as_str`]), `data-t` (whole ms) and `data-lane` (the
//! lane's name).
//!
//! The list holds at most [`WINDOW`] rows, whatever the run's length: a
//! window of its events (each row keeps its event's index in `data-i`),
//! which moves to the current event when it leaves it, follows the newest
//! events of a live run with nothing selected, and is moved by the fold
//! rows ("⋯ 40000 earlier steps"), which count the events it leaves out.
//! A run of up to `WINDOW` events is listed whole, as the build writes it.
//! Rows are added and removed directly (appending at most `CHUNK` new
//! ones per frame) instead of re-diffing the list; the current item is
//! marked the same way, touching two nodes per step. All text is set as
//! text, never as HTML.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::fold::{Fold, Parts, Want};
use super::{now_ms, strings, DemoState, Phase, Said, Strings};
use trace::Event;

/// Items appended per frame as a run grows.
const CHUNK: usize = 300;
/// The most rows the list holds. Filling and laying out a list costs in
/// proportion to its rows (end2end/bench/lab.mjs: marking a row took
/// ~210 ms a step with 50,000 of them); 1,000 rows are a few ms, and are
/// far more than any lesson's run (the longest the end-to-end tests
/// compare is 70 events), so those are listed whole, unchanged.
pub(super) const WINDOW: usize = 1_000;

/// How the window of listed events should move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Move {
    /// Stay where it starts (growing up to `WINDOW` rows).
    Keep,
    /// The newest events (a live run with nothing selected).
    Newest,
    /// Contain this event (the current one), staying if it already does.
    Show(usize),
    /// The window before it (the earlier fold row).
    Up,
    /// The window after it.
    Down,
}

/// The events (`start..end`) the list holds for a run of `len` events,
/// given the window it held (`old`, none for a new run) and the move: all
/// of them up to `WINDOW`, else `WINDOW` of them.
fn place(len: usize, old: Option<(usize, usize)>, mv: Move) -> (usize, usize) {
    if len <= WINDOW {
        return (0, len);
    }
    let last = len - WINDOW;
    let at = |s: usize| {
        let s = s.min(last);
        (s, s + WINDOW)
    };
    let start = old.map_or(0, |(s, _)| s);
    match mv {
        Move::Newest => at(last),
        Move::Show(i) if i < len => match old {
            Some((s, e)) if s <= i && i < e => at(s),
            // A quarter of the window before it, the rest after.
            _ => at(i.saturating_sub(WINDOW / 4)),
        },
        Move::Show(_) | Move::Keep => at(start),
        Move::Up => at(start.saturating_sub(WINDOW)),
        Move::Down => at(start + WINDOW),
    }
}
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

/// The list's rows: what it holds and should hold.
#[derive(Clone, Copy)]
struct Rows {
    state: DemoState,
    t: &'static Strings,
    list: NodeRef<html::Ol>,
    /// (run id, first, end): the events whose rows the list holds.
    shown: StoredValue<(u64, usize, usize)>,
    /// The events it should hold (the window) for that run.
    win: StoredValue<(usize, usize)>,
    filling: StoredValue<bool>,
    behind: RwSignal<bool>,
    fold: Fold,
    /// The event whose row is marked current (none once it left the list).
    marked: StoredValue<Option<usize>>,
    /// The current event the window was last placed for: the window moves
    /// to the current event when it changes, not when a fold row moved
    /// the window away from it.
    placed: StoredValue<Option<usize>>,
}

impl Rows {
    /// The position in the list of event `i`'s row, if it is there.
    fn pos(self, i: usize) -> Option<u32> {
        let (_, s, e) = self.shown.get_value();
        (s <= i && i < e).then(|| (i - s) as u32)
    }

    /// Moves the window as `mv` asks and brings the rows to it: removes
    /// the rows it left, and appends the events it gained, at most `CHUNK`
    /// per frame unless `all` (a jump shows its whole window at once), so
    /// a growing 10,000-event run never blocks a frame for long. `after`
    /// runs once the rows changed (the mark, the fold).
    fn fill(self, mv: Move, all: bool, after: impl Fn() + Copy + 'static) {
        let Some(Some(ol)) = self.list.try_get_untracked() else {
            return;
        };
        let run = self.state.record.id_untracked();
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let len = self.state.record.with_untracked(|m| m.events().len());
        let (had_run, mut from, mut to) = self.shown.get_value();
        let old = (had_run == run).then(|| self.win.get_value());
        let (s, e) = place(len, old, mv);
        self.win.set_value((s, e));
        if had_run != run || s < from || s > to {
            ol.set_text_content(None);
            (from, to) = (s, s);
        } else if s > from {
            for _ in from..s {
                if let Some(c) = ol.first_element_child() {
                    c.remove();
                }
            }
            self.fold.shifted(s - from);
            from = s;
        }
        while to > e {
            if let Some(c) = ol.last_element_child() {
                c.remove();
            }
            to -= 1;
        }
        let end = e.min(to + if all { WINDOW } else { CHUNK });
        self.state.record.with_untracked(|m| {
            let lanes = m.lanes();
            let frag = doc.create_document_fragment();
            for (i, e) in m.events().iter().enumerate().take(end).skip(to) {
                let lane = lanes.get(e.lane as usize).map_or("?", String::as_str);
                if let Some(li) = row_item(&doc, self.t, i, e, lane) {
                    let _ = frag.append_child(&li);
                }
            }
            let _ = ol.append_child(&frag);
        });
        self.shown.set_value((run, from, end));
        if self
            .marked
            .get_value()
            .is_some_and(|m| m < from || m >= end)
        {
            self.marked.set_value(None);
        }
        self.fold.set_beyond(from, len - e);
        after();
        if end < e {
            self.behind.set(true);
            if !self.filling.get_value() {
                self.filling.set_value(true);
                request_animation_frame(move || {
                    if self.filling.try_set_value(false).is_none() {
                        self.fill(Move::Keep, false, after);
                    }
                });
            }
        } else {
            self.behind.set(false);
        }
    }
}

/// The browser's row for event `i` (the same markup as `static_items`).
fn row_item(
    doc: &web_sys::Document,
    t: &Strings,
    i: usize,
    e: &Event,
    lane: &str,
) -> Option<web_sys::Element> {
    let li = doc.create_element("li").ok()?;
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
    Some(li)
}

/// The transcript of a demo panel.
#[component]
pub fn Transcript(
    /// The panel's shared state.
    state: DemoState,
) -> impl IntoView {
    let t = strings(state.lang);
    let list = NodeRef::<html::Ol>::new();
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
    let rows = Rows {
        state,
        t,
        list,
        shown: StoredValue::new((u64::MAX, 0, 0)),
        win: StoredValue::new((0, 0)),
        filling: StoredValue::new(false),
        behind: RwSignal::new(false),
        fold,
        marked: StoredValue::new(None),
        placed: StoredValue::new(None),
    };
    let behind = rows.behind;

    // Marks the current event's item and keeps it in view inside the list
    // (never scrolling the page), moving the window to it if it left it.
    let mark_now = move || mark_current(rows, after_fill(rows));

    Effect::new(move |_| {
        state.record.len();
        let run = state.record.id();
        if list.get().is_some() {
            let new_run = rows.shown.get_value().0 != run;
            if new_run {
                rows.marked.set_value(None);
                rows.placed.set_value(None);
            }
            let running = matches!(state.phase.get_untracked(), Phase::Running(_));
            // A selected event moves the window when it changes (the
            // mark), not when the run grows: a fold row may have moved it.
            let mv = match state.current.get_untracked() {
                None if running => Move::Newest,
                Some(i) if new_run => Move::Show(i),
                _ => Move::Keep,
            };
            rows.fill(mv, false, after_fill(rows));
        }
    });

    // A fold row at an end of the list: the window before or after it.
    fold.on_more(move |up| {
        rows.fill(if up { Move::Up } else { Move::Down }, true, move || {
            mark_current(rows, || {});
        });
        let (s, e) = rows.win.get_value();
        let Some(Some(ol)) = list.try_get_untracked() else {
            return;
        };
        // The rows next to those it left are in view.
        ol.set_scroll_top(if up { ol.scroll_height() } else { 0 });
        let edge = if up { e - s - 1 } else { 0 };
        fold.fit(Want::Show {
            must: edge,
            also: None,
        });
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

/// After rows were added or removed: the mark, and the fold's window (a
/// live run with nothing selected shows its newest steps).
fn after_fill(rows: Rows) -> impl Fn() + Copy + 'static {
    move || {
        mark_current(rows, || {});
        let state = rows.state;
        let running = matches!(state.phase.get_untracked(), Phase::Running(_));
        let count = rows
            .list
            .try_get_untracked()
            .flatten()
            .map_or(0, |ol| ol.child_element_count());
        if running && state.current.get_untracked().is_none() && count > 0 {
            rows.fold.fit(Want::Show {
                must: count as usize - 1,
                also: None,
            });
        } else {
            rows.fold.fit(Want::Refit);
        }
    }
}

/// Marks the current event's item in the list and keeps it in view inside
/// the list (never scrolling the page), unfolding the window around it.
/// An event outside the listed window moves the window to it first (then
/// `after` runs, as after any fill).
fn mark_current(rows: Rows, after: impl Fn() + Copy + 'static) {
    let (list, state, fold, marked) = (rows.list, rows.state, rows.fold, rows.marked);
    let (Some(Some(ol)), Some(cur)) = (list.try_get_untracked(), state.current.try_get_untracked())
    else {
        return;
    };
    let children = ol.children();
    let len = state.record.with_untracked(|m| m.events().len());
    // Placed once it is recorded (a live run may not have it yet).
    if rows.placed.get_value() != cur && cur.is_none_or(|i| i < len) {
        rows.placed.set_value(cur);
        let (s, e) = rows.win.get_value();
        if let Some(i) = cur.filter(|&i| !(s <= i && i < e)) {
            rows.fill(Move::Show(i), true, after);
            return;
        }
    }
    if marked.get_value() == cur {
        return;
    }
    if let Some(prev) = marked.get_value().and_then(|i| children.item(rows.pos(i)?)) {
        let _ = prev.class_list().remove_1("current");
        let _ = prev.remove_attribute("aria-current");
    }
    marked.set_value(None);
    let Some(i) = cur else { return };
    // Not appended yet: the fill marks it when it gets there.
    let Some((li, at)) = rows.pos(i).and_then(|p| Some((children.item(p)?, p))) else {
        return;
    };
    let _ = li.class_list().add_1("current");
    let _ = li.set_attribute("aria-current", "true");
    marked.set_value(Some(i));
    fold.fit(Want::Show {
        must: at as usize,
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

#[cfg(test)]
mod tests {
    use super::{place, Move, WINDOW};

    const MOVES: [Move; 4] = [Move::Keep, Move::Newest, Move::Up, Move::Down];

    #[test]
    fn a_run_of_up_to_a_window_is_listed_whole_whatever_the_move() {
        for len in [0, 1, 70, WINDOW - 1, WINDOW] {
            for old in [None, Some((0, len / 2)), Some((0, len))] {
                for mv in MOVES
                    .into_iter()
                    .chain([Move::Show(0), Move::Show(len / 2)])
                {
                    assert_eq!(place(len, old, mv), (0, len), "{len} {old:?} {mv:?}");
                }
            }
        }
    }

    #[test]
    fn a_long_run_lists_a_window_of_it() {
        let len = 100_006;
        // Nothing selected: the first events; a live run: the newest.
        assert_eq!(place(len, None, Move::Keep), (0, WINDOW));
        assert_eq!(place(len, None, Move::Newest), (len - WINDOW, len));
        // A window that grew with the run fills up to WINDOW rows and stays.
        assert_eq!(place(len, Some((0, 700)), Move::Keep), (0, WINDOW));
        assert_eq!(place(len, Some((5_000, 6_000)), Move::Keep), (5_000, 6_000));
    }

    #[test]
    fn the_window_moves_to_the_current_event_only_when_it_left_it() {
        let len = 100_006;
        let w = Some((0, WINDOW));
        assert_eq!(place(len, w, Move::Show(0)), (0, WINDOW));
        assert_eq!(place(len, w, Move::Show(WINDOW - 1)), (0, WINDOW));
        // Left it: a quarter of a window before it, the rest after.
        assert_eq!(
            place(len, w, Move::Show(WINDOW)),
            (WINDOW - WINDOW / 4, 2 * WINDOW - WINDOW / 4)
        );
        assert_eq!(
            place(len, w, Move::Show(50_000)),
            (50_000 - WINDOW / 4, 50_000 - WINDOW / 4 + WINDOW)
        );
        // Near the ends it stays inside the run.
        assert_eq!(place(len, w, Move::Show(len - 1)), (len - WINDOW, len));
        assert_eq!(
            place(len, Some((len - WINDOW, len)), Move::Show(10)),
            (0, WINDOW)
        );
        // An event not recorded yet does not move it.
        assert_eq!(
            place(len, Some((7, 7 + WINDOW)), Move::Show(len)),
            (7, 7 + WINDOW)
        );
    }

    #[test]
    fn the_fold_rows_move_the_window_by_a_window() {
        let len = 2_500;
        assert_eq!(
            place(len, Some((0, WINDOW)), Move::Down),
            (WINDOW, 2 * WINDOW)
        );
        assert_eq!(
            place(len, Some((WINDOW, 2 * WINDOW)), Move::Down),
            (len - WINDOW, len)
        );
        assert_eq!(
            place(len, Some((len - WINDOW, len)), Move::Down),
            (len - WINDOW, len)
        );
        assert_eq!(
            place(len, Some((len - WINDOW, len)), Move::Up),
            (len - 2 * WINDOW, len - WINDOW)
        );
        assert_eq!(place(len, Some((300, 300 + WINDOW)), Move::Up), (0, WINDOW));
        assert_eq!(place(len, Some((0, WINDOW)), Move::Up), (0, WINDOW));
    }

    #[test]
    fn every_window_is_full_inside_the_run_and_holds_the_event_asked_for() {
        for len in [WINDOW + 1, 3 * WINDOW + 7, 100_006] {
            for start in [0, 1, WINDOW / 2, len - WINDOW - 1, len - WINDOW] {
                let old = Some((start, start + WINDOW));
                for i in [0, start, start + WINDOW, len / 2, len - 1].map(|i| i.min(len - 1)) {
                    let (s, e) = place(len, old, Move::Show(i));
                    assert!(s <= i && i < e, "{len} {start} {i}: {s}..{e}");
                    assert!(e == s + WINDOW && e <= len, "{len} {start} {i}: {s}..{e}");
                }
                for mv in MOVES {
                    let (s, e) = place(len, old, mv);
                    assert!(
                        e == s + WINDOW && e <= len,
                        "{len} {start} {mv:?}: {s}..{e}"
                    );
                }
            }
        }
    }
}
