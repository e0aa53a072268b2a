//! The demo's own source, as highlighted at build time, with line numbers;
//! the line that caused the selected (or, while running, the newest) event
//! is lit. For a drop (`D`) or a cleanup (`C`), that is the line where the
//! value was dropped (found by [`lessons::drops`]), tagged "dropped here",
//! and the line that made it is marked "made here".
//!
//! The HTML of each line is trusted: `lesson-compiler` made it from the demo
//! file at compile time. Nothing the reader or the URL supplies reaches it.

use leptos::html;
use leptos::prelude::*;
use lessons::{Demo, Lang};
use trace::{Event, Kind};

use super::fold::{Fold, Parts, Want};
use super::{strings, DemoState, Phase};

/// The rows a placed drop or cleanup lights: where the value was made (if
/// that line is shown) and where it was dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DropRows {
    /// The row of the line that made the value.
    pub made: Option<usize>,
    /// The row of the line where it was dropped.
    pub dropped: usize,
    /// `Drop` or `Cleanup`.
    pub kind: Kind,
}

/// The rows for event `i` if it is a `D` or `C` whose drop line is known
/// and shown.
pub fn drop_rows(demo: &Demo, events: &[Event], i: usize) -> Option<DropRows> {
    let e = events.get(i)?;
    let placed = lessons::drops::of(demo)?.resolve(demo.path, events, i)?;
    Some(DropRows {
        made: demo.row_of_line(placed.made),
        dropped: demo.row_of_line(placed.line)?,
        kind: e.kind,
    })
}

/// The file line to name for event `i` (in the timeline's detail line and
/// labels): where a placed drop or cleanup happened, else the event's own
/// line, if it is shown.
pub fn named_line(demo: &Demo, events: &[Event], i: usize) -> Option<u32> {
    if let Some(r) = drop_rows(demo, events, i) {
        return Some(demo.first_line + r.dropped as u32);
    }
    let e = events.get(i)?;
    if let Some(row) = super::hooked_row(e) {
        return row.map(|r| demo.first_line + r as u32);
    }
    let shown = e.loc.line != 0
        && lessons::drops::same_file(e.loc.file, demo.path)
        && demo.row_of_line(e.loc.line).is_some();
    shown.then_some(e.loc.line)
}

/// The tags beside a placed drop's two lines.
fn tags(lang: Lang, kind: Kind) -> (&'static str, &'static str) {
    match (lang, kind) {
        (Lang::En, Kind::Cleanup) => ("made here", "cleaned up here"),
        (Lang::En, _) => ("made here", "dropped here"),
        (Lang::Zh, Kind::Cleanup) => ("在此创建", "在此清理"),
        (Lang::Zh, _) => ("在此创建", "在此丢弃"),
    }
}

/// The code panel of a demo.
#[component]
pub fn CodePanel(
    /// The panel's shared state.
    state: DemoState,
    /// The row of `demo.code` to light, if any.
    lit_row: Signal<Option<usize>>,
) -> impl IntoView {
    let demo = state.demo;
    let t = strings(state.lang);
    let lab_href = crate::paths::lab_preset_href(crate::use_site().base, state.lang, demo);
    let scroller = NodeRef::<html::Div>::new();
    let listing = NodeRef::<html::Code>::new();
    let above = NodeRef::<html::Button>::new();
    let below = NodeRef::<html::Button>::new();
    let fold = Fold::new(
        move || {
            Some(Parts {
                boxed: scroller.try_get_untracked()??.into(),
                items: listing.try_get_untracked()??.children(),
                above: above.try_get_untracked()??.into(),
                below: below.try_get_untracked()??.into(),
            })
        },
        t.fold_lines_above,
        t.fold_lines_below,
    );
    fold.watch(|b| b.closest(".demo").ok().flatten());

    // A drop or cleanup lights the line where it happened, not the line
    // that made the value (which its event carries).
    let placed = Memo::new(move |_| {
        let cur = state.current.get();
        let phase = state.phase.get();
        state.record.with_events(|m| {
            let events = m.events();
            let i = match (cur, phase) {
                (Some(i), _) => Some(i),
                (None, Phase::Running(_)) => events.len().checked_sub(1),
                _ => None,
            }?;
            drop_rows(demo, events, i)
        })
    });
    let lit_row = Signal::derive(move || match placed.get() {
        Some(p) => Some(p.dropped),
        None => lit_row.get(),
    });
    let lang = state.lang;
    let tag = move |row: usize| {
        let p = placed.get()?;
        let (made, dropped) = tags(lang, p.kind);
        if p.dropped == row {
            Some(dropped)
        } else if p.made == Some(row) {
            Some(made)
        } else {
            None
        }
    };

    // Keep the lit row in view inside the panel's own scroll box, without
    // scrolling the page (no `scrollIntoView`). Measured just before the
    // next frame's layout, so the read does not force an extra one.
    Effect::new(move |_| {
        let Some(row) = lit_row.get() else { return };
        let also = placed.get().and_then(|p| p.made);
        request_animation_frame(move || {
            fold.fit(Want::Show { must: row, also });
            let Some(Some(box_)) = scroller.try_get_untracked() else {
                return;
            };
            let Ok(Some(el)) = box_.query_selector(&format!("[data-row=\"{row}\"]")) else {
                return;
            };
            let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) else {
                return;
            };
            let (top, h) = (f64::from(el.offset_top()), f64::from(el.offset_height()));
            let (view_top, view_h) = (
                f64::from(box_.scroll_top()),
                f64::from(box_.client_height()),
            );
            if top < view_top + h {
                box_.set_scroll_top((top - h).max(0.0) as i32);
            } else if top + h > view_top + view_h - h {
                box_.set_scroll_top((top + 2.0 * h - view_h) as i32);
            }
        });
    });

    let rows = demo
        .code
        .iter()
        .enumerate()
        .map(|(row, html)| {
            let line = demo.first_line as usize + row;
            view! {
                <span
                    class="code-row"
                    class:lit=move || lit_row.get() == Some(row)
                    class:made=move || placed.get().is_some_and(|p| p.made == Some(row) && p.dropped != row)
                    data-row=row
                    data-line=line
                >
                    <span class="code-ln" aria-hidden="true">{line}</span>
                    <span class="code-src" inner_html=*html></span>
                    {move || tag(row).map(|text| view! { <span class="code-tag">{text}</span> })}
                    "\n"
                </span>
            }
        })
        .collect_view();

    view! {
        <div class="demo-code">
            <div class="demo-code-head">
                <span class="demo-code-title">{t.code}</span>
                <span class="demo-code-path">{demo.path}</span>
                {lab_href.map(|href| view! {
                    <a class="demo-lab-link" href=href title=t.open_in_lab_title>{t.open_in_lab}</a>
                })}
            </div>
            <button type="button" class="fold-btn" data-fold="up" hidden node_ref=above on:click=move |_| fold.step(true)></button>
            <div
                class="demo-code-scroll"
                node_ref=scroller
                tabindex="0"
                role="region"
                aria-label=(t.code_label)(demo.path)
            >
                <pre class="code"><code node_ref=listing>{rows}</code></pre>
            </div>
            <button type="button" class="fold-btn" data-fold="down" hidden node_ref=below on:click=move |_| fold.step(false)></button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{drop_rows, DropRows};
    use lessons::{Demo, Knobs, LESSONS};
    use trace::Kind;

    fn demo(slug: &str) -> &'static Demo {
        &lessons::by_slug(slug).expect("the lesson exists").demos[0]
    }

    /// `(kind, made line, lit line)` of every placed D/C in a default run.
    fn lit_lines(d: &Demo, pairs: &[(&str, &str)]) -> Vec<(Kind, Option<u32>, u32)> {
        let (k, errors) = Knobs::from_pairs(d.knobs, pairs.iter().copied());
        assert!(errors.is_empty());
        let t = trace::run_virtual((d.run)(k));
        let line = |row: usize| d.first_line + row as u32;
        (0..t.events.len())
            .filter_map(|i| drop_rows(d, &t.events, i))
            .map(
                |DropRows {
                     made,
                     dropped,
                     kind,
                 }| (kind, made.map(line), line(dropped)),
            )
            .collect()
    }

    #[test]
    fn a_drop_lights_where_it_happened_and_marks_where_it_was_made() {
        // The cases: lesson 1 lit line 13 (the `next()` line) while
        // line 17 says "`numbers` is dropped here"; lesson 4 lit 34, not 45;
        // lesson 2 lit 21, not 25-26; lesson 5 lit 32, not `drop(unfinished)`.
        let d = demo("what-async-for-calls");
        assert_eq!(d.id, "calls");
        assert_eq!(lit_lines(d, &[]), [(Kind::Drop, Some(12), 18)]);
        let d = demo("break-and-cleanup");
        assert_eq!(
            lit_lines(d, &[]),
            [(Kind::Drop, Some(33), 45), (Kind::Cleanup, Some(50), 45)]
        );
        assert_eq!(
            lit_lines(d, &[("drop_now", "on")]),
            [(Kind::Drop, Some(33), 42), (Kind::Cleanup, Some(50), 42)]
        );
        let d = demo("protocol-by-hand");
        assert_eq!(
            lit_lines(d, &[]),
            [(Kind::Drop, Some(20), 26), (Kind::Cleanup, Some(40), 26)]
        );
        let d = demo("cancellation-is-dropping");
        assert_eq!(d.id, "deadline");
        assert_eq!(
            lit_lines(d, &[]),
            [(Kind::Drop, Some(31), 24), (Kind::Cleanup, Some(38), 24)]
        );
    }

    #[test]
    fn the_timeline_names_the_drop_line_and_other_events_their_own() {
        let d = demo("break-and-cleanup");
        let t = trace::run_virtual((d.run)(Knobs::defaults(d.knobs)));
        let at = |kind: Kind| t.events.iter().position(|e| e.kind == kind).unwrap();
        assert_eq!(super::named_line(d, &t.events, at(Kind::Drop)), Some(45));
        assert_eq!(super::named_line(d, &t.events, at(Kind::Cleanup)), Some(45));
        assert_eq!(super::named_line(d, &t.events, at(Kind::Body)), Some(35));
    }

    #[test]
    fn every_drop_on_the_site_lights_a_shown_line() {
        for l in LESSONS {
            for d in l.demos {
                let t = trace::run_virtual((d.run)(Knobs::defaults(d.knobs)));
                for (i, e) in t.events.iter().enumerate() {
                    if matches!(e.kind, Kind::Drop | Kind::Cleanup) {
                        assert!(
                            drop_rows(d, &t.events, i).is_some(),
                            "{} event {i} {}",
                            d.path,
                            e.short()
                        );
                    }
                }
            }
        }
    }
}
