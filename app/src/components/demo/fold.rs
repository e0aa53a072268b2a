//! Where the panel is pinned beside the text (wide screens), the code and
//! the transcript never scroll inside it: each shows the window of its
//! items (lines, steps) that fits the room the panel leaves, placed so the
//! selected event's items are in it, and folds the rest into two rows,
//! "⋯ 12 lines above" and "⋯ 8 more lines", buttons that move the window
//! by its own height. The page is the only scroll area.
//!
//! Everything is measured, not computed: a window is tried on the page and
//! grown or shrunk one item at a time until its box holds it without
//! overflowing (lines may wrap; transcript rows may take two lines). Only
//! the items shown are laid out, so a 10,000-step transcript costs no more
//! than a short one.
//!
//! Not pinned (narrow screens, the docked phone timeline) and without
//! JavaScript, nothing is folded: the markup the build writes is the
//! unfolded list, and style/demo.css hides items only inside a pinned
//! panel (`[data-folded]`, `.in-win`). The first window starts at the top,
//! so the lines in view do not move when the wasm takes over.

use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// A fold row's words for a count.
type Label = fn(usize) -> String;
/// Finds a fold's elements.
type FindParts = Rc<dyn Fn() -> Option<Parts>>;
/// Moves the items the box holds one window up (`true`) or down.
type MoreItems = Rc<dyn Fn(bool)>;

/// The elements a fold works on, found when needed.
pub struct Parts {
    /// The box that must hold its items without overflowing.
    pub boxed: HtmlElement,
    /// The items, in order (the lines' or the steps' elements).
    pub items: web_sys::HtmlCollection,
    /// The fold row above the window.
    pub above: HtmlElement,
    /// The fold row under it.
    pub below: HtmlElement,
}

/// What the window should do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Want {
    /// Show item `must`, and `also` if both fit (a drop's two lines).
    Show { must: usize, also: Option<usize> },
    /// Fit the room again (it changed), following the last `Show`.
    Refit,
    /// One window up (the row above was activated).
    Up,
    /// One window down.
    Down,
}

/// Which end of a window stays put while it is fitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Anchor {
    Top,
    Bottom,
    Around(usize),
}

/// One folded list: its window (`start..end`, `None` while unfolded) and
/// the last item asked for.
#[derive(Clone, Copy)]
pub struct Fold {
    win: StoredValue<Option<(usize, usize)>>,
    target: StoredValue<Option<(usize, Option<usize>)>>,
    /// The box's and the panel's heights when last fitted: a resize that
    /// the fitting itself caused is not a change of room.
    seen: StoredValue<(i32, i32, usize)>,
    parts: StoredValue<Option<FindParts>, LocalStorage>,
    labels: (Label, Label),
    /// Items the box does not hold at all, before and after its own (the
    /// transcript of a long run holds a window of its steps); the fold
    /// rows count them too, and at an end of the box move to them.
    beyond: StoredValue<(usize, usize)>,
    more: StoredValue<Option<MoreItems>, LocalStorage>,
}

/// Whether `el` is in a panel pinned beside the text (style/main.css: a
/// `.has-demo` slot from 1100 px).
fn pinned(el: &Element) -> bool {
    let wide = web_sys::window()
        .and_then(|w| w.match_media("(min-width: 1100px)").ok().flatten())
        .is_some_and(|m| m.matches());
    wide && el
        .closest(".has-demo > .demo-slot")
        .ok()
        .flatten()
        .is_some()
}

/// The heights of the box and of the panel around it (px), and the
/// number of items.
fn sizes(p: &Parts) -> (i32, i32, usize) {
    let el = &p.boxed;
    let panel = el
        .closest(".demo")
        .ok()
        .flatten()
        .map_or(0, |p| p.client_height());
    (el.client_height(), panel, p.items.length() as usize)
}

fn overflows(el: &HtmlElement) -> bool {
    el.scroll_height() > el.client_height() + 1
}

impl Fold {
    /// A fold whose rows say `above(n)` and `below(n)`; `parts` finds its
    /// elements (none before they are mounted).
    pub fn new(parts: impl Fn() -> Option<Parts> + 'static, above: Label, below: Label) -> Fold {
        Fold {
            win: StoredValue::new(None),
            target: StoredValue::new(None),
            seen: StoredValue::new((-1, -1, 0)),
            parts: StoredValue::new_local(Some(Rc::new(parts))),
            labels: (above, below),
            beyond: StoredValue::new((0, 0)),
            more: StoredValue::new_local(None),
        }
    }

    /// `f` brings the items before (`true`) or after the box's own into
    /// it when a fold row at its end is activated.
    pub fn on_more(self, f: impl Fn(bool) + 'static) {
        self.more.set_value(Some(Rc::new(f)));
    }

    /// How many items are not in the box at all, before and after its
    /// own; the rows count them (shown while there are any, folded or
    /// not).
    pub fn set_beyond(self, before: usize, after: usize) {
        self.beyond.set_value((before, after));
        if let Some(p) = self.parts() {
            match self.win.get_value() {
                Some((s, e)) => self.rows(&p, s, e),
                None => self.rows(&p, 0, p.items.length() as usize),
            }
        }
    }

    /// The box's first `k` items were removed: the window, kept in item
    /// positions, follows. (Items replaced need nothing: `apply` marks
    /// every item of a window.)
    pub fn shifted(self, k: usize) {
        let back = |i: usize| i.saturating_sub(k);
        self.win.update_value(|w| {
            *w = w.map(|(s, e)| (back(s), back(e)));
        });
        self.target.update_value(|t| {
            *t = t.map(|(m, a)| (back(m), a.map(back)));
        });
    }

    fn parts(self) -> Option<Parts> {
        let f = self.parts.try_get_value().flatten()?;
        f()
    }

    /// Fits the window to the room, as `want` asks. Does nothing while
    /// the box is not shown (a hidden tab: it is fitted when shown).
    pub fn fit(self, want: Want) {
        let Some(p) = self.parts() else { return };
        let n = p.items.length() as usize;
        if n == 0 || !pinned(&p.boxed) {
            self.unfold(&p);
            return;
        }
        let want = match want {
            Want::Show { must, also } => {
                self.target.set_value(Some((must, also)));
                want
            }
            Want::Up | Want::Down => {
                self.target.set_value(None);
                want
            }
            Want::Refit => match self.target.get_value() {
                Some((must, also)) => Want::Show { must, also },
                None => Want::Refit,
            },
        };
        // A hidden tab: fitted when shown (its box then changes size),
        // around what was asked for meanwhile.
        if p.boxed.client_height() == 0 {
            return;
        }
        if want == Want::Refit
            && self.win.get_value().is_some()
            && sizes(&p) == self.seen.get_value()
        {
            return;
        }
        let old = self.win.get_value().map(|(s, e)| (s.min(n - 1), e.min(n)));
        let (s, e, anchor) = match (want, old) {
            (Want::Show { must, also }, old) => {
                let must = must.min(n - 1);
                let also = also.filter(|&a| a < n && a.abs_diff(must) < 40);
                let lo = also.map_or(must, |a| a.min(must));
                let hi = also.map_or(must, |a| a.max(must));
                match old {
                    // Already in view: the window stays (fitted again).
                    Some((s, e)) if s <= lo && hi < e => (s, e, Anchor::Around(must)),
                    _ => (lo, hi + 1, Anchor::Around(must)),
                }
            }
            (Want::Up, Some((s, e))) if s > 0 => (s.saturating_sub(e - s), s, Anchor::Bottom),
            (Want::Down, Some((s, e))) if e < n => (e, (e + (e - s)).min(n), Anchor::Top),
            (_, Some((s, e))) => (s, e, Anchor::Top),
            (_, None) => (0, 1, Anchor::Top),
        };
        self.settle(&p, n, s, e, anchor);
        self.seen.set_value(sizes(&p));
    }

    /// Grows or shrinks `s..e` from the side the anchor allows until the
    /// box holds it and one more item would not fit.
    fn settle(self, p: &Parts, n: usize, mut s: usize, mut e: usize, anchor: Anchor) {
        self.apply(p, s, e);
        while overflows(&p.boxed) && e - s > 1 {
            let from_top = match anchor {
                Anchor::Top => false,
                Anchor::Bottom => true,
                Anchor::Around(m) => m.saturating_sub(s) > (e - 1).saturating_sub(m),
            };
            if from_top {
                s += 1;
            } else {
                e -= 1;
            }
            self.apply(p, s, e);
        }
        // Around the selection: two items below for one above, so it
        // sits a third of the way down.
        let mut turn = 0usize;
        let (mut up_ok, mut down_ok) = (s > 0, e < n);
        while up_ok || down_ok {
            let up = match anchor {
                Anchor::Bottom => up_ok,
                Anchor::Top => !down_ok,
                Anchor::Around(_) => (turn % 3 == 2 && up_ok) || !down_ok,
            };
            turn += 1;
            // A window moved up grows down (back over the lines it left)
            // only once it has reached the top, and the other way round.
            let back = match anchor {
                Anchor::Bottom => !up && s > 0,
                Anchor::Top => up && e < n,
                Anchor::Around(_) => false,
            };
            let (ts, te) = if up { (s - 1, e) } else { (s, e + 1) };
            if back {
                (up_ok, down_ok) = (up_ok && !up, down_ok && up);
                continue;
            }
            self.apply(p, ts, te);
            if overflows(&p.boxed) {
                self.apply(p, s, e);
                if up {
                    up_ok = false;
                } else {
                    down_ok = false;
                }
            } else {
                (s, e) = (ts, te);
                up_ok &= s > 0;
                down_ok &= e < n;
            }
        }
    }

    /// Shows `s..e` (items outside it are touched only if they were shown) and the fold
    /// rows with their counts.
    fn apply(self, p: &Parts, s: usize, e: usize) {
        let n = p.items.length() as usize;
        let (os, oe) = self.win.get_value().unwrap_or((0, 0));
        let set = |i: usize, on: bool| {
            if let Some(el) = p.items.item(i as u32) {
                let _ = if on {
                    el.class_list().add_1("in-win")
                } else {
                    el.class_list().remove_1("in-win")
                };
            }
        };
        for i in os..oe.min(n) {
            if i < s || i >= e {
                set(i, false);
            }
        }
        // All of them: a list refilled (a new run) lost its marks.
        for i in s..e {
            set(i, true);
        }
        self.win.set_value(Some((s, e)));
        let _ = p.boxed.set_attribute("data-folded", "");
        self.rows(p, s, e);
    }

    /// The fold rows for the window `s..e` of the box's items (counting
    /// the items it does not hold), and the list's first number.
    fn rows(self, p: &Parts, s: usize, e: usize) {
        let n = p.items.length() as usize;
        let (before, after) = self.beyond.get_value();
        let first = s + before;
        if p.boxed.tag_name().eq_ignore_ascii_case("ol") {
            let _ = if first > 0 {
                p.boxed.set_attribute("start", &(first + 1).to_string())
            } else {
                p.boxed.remove_attribute("start")
            };
        }
        let row = |b: &HtmlElement, count: usize, label: Label| {
            b.set_hidden(count == 0);
            if count > 0 {
                b.set_text_content(Some(&label(count)));
            }
        };
        row(&p.above, first, self.labels.0);
        row(&p.below, n.saturating_sub(e) + after, self.labels.1);
    }

    fn unfold(self, p: &Parts) {
        if let Some((s, e)) = self.win.get_value() {
            for i in s..e {
                if let Some(el) = p.items.item(i as u32) {
                    let _ = el.class_list().remove_1("in-win");
                }
            }
        }
        self.win.set_value(None);
        let _ = p.boxed.remove_attribute("data-folded");
        self.rows(p, 0, p.items.length() as usize);
    }

    /// A fold row was activated: moves the window, and keeps the focus on
    /// the row if it is still there, else on the other row or the box.
    pub fn step(self, up: bool) {
        let Some(p) = self.parts() else { return };
        let n = p.items.length() as usize;
        let (s, e) = self.win.get_value().unwrap_or((0, n));
        let (before, after) = self.beyond.get_value();
        let more = self.more.try_get_value().flatten();
        match more {
            Some(more) if up && s == 0 && before > 0 => more(true),
            Some(more) if !up && e >= n && after > 0 => more(false),
            _ => self.fit(if up { Want::Up } else { Want::Down }),
        }
        let Some(p) = self.parts() else { return };
        let (this, other) = if up {
            (&p.above, &p.below)
        } else {
            (&p.below, &p.above)
        };
        if this.hidden() {
            let to = if other.hidden() { &p.boxed } else { other };
            let _ = to.focus();
        }
    }

    /// Fits again whenever the box or the panel around it changes size
    /// (a window resized, a tab shown, the timeline above grown).
    pub fn watch(self, panel_of: impl Fn(&HtmlElement) -> Option<Element> + 'static) {
        let observer = StoredValue::new_local(None::<web_sys::ResizeObserver>);
        let callback = StoredValue::new_local(None::<wasm_bindgen::closure::Closure<dyn Fn()>>);
        // An effect: never on the server, once in the browser, after mount.
        Effect::new(move |_| {
            let Some(p) = self.parts() else { return };
            let cb = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                request_animation_frame(move || self.fit(Want::Refit));
            });
            if let Ok(o) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
                o.observe(&p.boxed);
                if let Some(panel) = panel_of(&p.boxed) {
                    o.observe(&panel);
                }
                observer.set_value(Some(o));
                callback.set_value(Some(cb));
            }
            self.fit(Want::Refit);
        });
        on_cleanup(move || {
            if let Some(Some(o)) = observer.try_update_value(Option::take) {
                o.disconnect();
            }
            callback.try_update_value(Option::take);
        });
    }
}
