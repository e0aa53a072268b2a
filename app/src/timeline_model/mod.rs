//! The timeline model: where every event of a run goes on screen. Lanes,
//! the time scale, ticks with readable labels, marker positions, waiting
//! spans (`pending` → the `wake` that ends it), "same instant" bands, axis
//! breaks, zoom and pan math, which events fall in a window, and what each
//! lane is doing at a step of a replay.
//!
//! Plain Rust with no Leptos and no DOM, tested natively; the view only
//! draws what this says. Everything a frame needs is `O(log n + k)` for `k`
//! visible things, and a whole re-layout (a zoom) is one `O(n)` pass, so a
//! 10,000-event run stays smooth. Not here: recording (the `trace` crate)
//! and scrolling or drawing (`components::demo::timeline`).
//!
//! # The horizontal axis: linear time, with two marked exceptions
//!
//! Between events at different milliseconds, distance is proportional to
//! time (`Δt · ms_px`): equal durations have equal lengths, and ticks at
//! round times are evenly spaced. Two things are not time, and both are
//! drawn as such:
//!
//! - **Same-millisecond bursts.** Demos do many things *at one instant*:
//!   at `t=200` lesson 4 wakes the stream, yields 1, runs the loop body,
//!   breaks, drops the stream and cleans up — eight events in 0 ms. Each
//!   event of a burst gets its own column ([`Scale::gap_px`] apart), in the
//!   order it happened, and the burst gets a band ([`Burst`]) so the reader
//!   sees "these happened at one instant"; the view also lists a burst's
//!   events in a row with their labels.
//! - **Axis breaks.** An idle gap of at least [`BREAK_MIN_MS`] that would be
//!   wider than [`BREAK_CAP_PX`] is drawn [`BREAK_CAP_PX`] wide, and a
//!   [`Break`] says how much time was skipped there.
//!
//! Replay therefore always moves rightwards, one column per step.
//!
//! # Hazard marks
//!
//! Two moments the timeline points out by itself, computed from the
//! recorded events only (so they work in every lesson's timeline):
//!
//! - **Snoozed** ([`Snooze`]): a lane was woken (`W`) and then not polled
//!   for [`SNOOZE_MS`] or more. Whoever should poll it was busy elsewhere
//!   (a loop body awaiting something slow while jobs sit in a
//!   `buffer_unordered`): the wake happened, the work did not.
//! - **Hang**: the run ended [`trace::Status::Stalled`], with no task ready
//!   and no timer pending, so nothing can ever wake it again. The recorder
//!   decides this on both clocks; the view draws it at the end of the run.

use std::ops::Range;

use trace::{Event, Kind, LaneId, Trace};

/// Height of the time axis strip at the top, px.
pub const AXIS_H: f64 = 28.0;
/// Height of one lane, px, while there are few (see [`lane_h`]).
pub const LANE_H: f64 = 44.0;

/// The height of one lane when there are `lanes`: tighter for many, so
/// that a panel pinned beside the text still fits a 900 px window (a
/// marker is 14 px and its label 12 px in any case).
pub fn lane_h(lanes: usize) -> f64 {
    match lanes {
        0..=4 => LANE_H,
        5 | 6 => 34.0,
        _ => 31.0,
    }
}
/// Room before the first event, px.
pub const PAD_LEFT: f64 = 20.0;
/// Room after the last event (for its label), px.
pub const PAD_RIGHT: f64 = 56.0;
/// Minimum distance between consecutive events at zoom 1 and above, px.
pub const MIN_GAP: f64 = 18.0;
/// Pixels per millisecond at zoom 1.
pub const BASE_MS_PX: f64 = 1.0;
/// Down to this zoom, events of one burst stay [`MIN_GAP`] apart.
pub const GAP_KEPT_ZOOM: f64 = 0.25;
/// The smallest zoom (a whole 10-minute run fits in ~60 px).
pub const MIN_ZOOM: f64 = 1e-4;
/// The largest zoom (1 ms = 2000 px: live runs' sub-millisecond gaps).
pub const MAX_ZOOM: f64 = 2000.0;
/// "Fit all" never zooms in further than this (20 px per ms).
pub const MAX_FIT_ZOOM: f64 = 20.0;
/// Idle gaps shorter than this (ms) are never compressed.
pub const BREAK_MIN_MS: f64 = 1000.0;
/// A long idle gap is drawn at most this wide (px), with a [`Break`].
pub const BREAK_CAP_PX: f64 = 160.0;

/// The horizontal scale: pixels per millisecond, and the minimum spacing
/// between consecutive events.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    /// Pixels per millisecond.
    pub ms_px: f64,
    /// Minimum distance between consecutive events, px.
    pub gap_px: f64,
}

impl Scale {
    /// The scale at zoom level `z` (1 = 1 px/ms with [`MIN_GAP`] spacing).
    /// Zooming in stretches time and keeps the spacing; zooming out shrinks
    /// time first and the spacing only below [`GAP_KEPT_ZOOM`], so a short
    /// run fitted to a narrow panel keeps its bursts readable and a long
    /// run can still be seen whole.
    pub fn at_zoom(z: f64) -> Scale {
        let z = clamp_zoom(z);
        Scale {
            ms_px: BASE_MS_PX * z,
            gap_px: MIN_GAP * (z / GAP_KEPT_ZOOM).min(1.0),
        }
    }

    /// The zoom level this scale was made from.
    pub fn zoom(self) -> f64 {
        self.ms_px / BASE_MS_PX
    }

    /// The distance between two consecutive shown events `dt` ms apart
    /// (`same_ms`: at the same whole millisecond, i.e. in one burst).
    /// Monotone in the zoom, so fitting can bisect.
    pub fn step(self, dt: f64, same_ms: bool) -> f64 {
        let px = dt.max(0.0) * self.ms_px;
        if same_ms {
            px.max(self.gap_px)
        } else if dt >= BREAK_MIN_MS {
            px.min(BREAK_CAP_PX)
        } else {
            px
        }
    }
}

impl Default for Scale {
    fn default() -> Self {
        Scale::at_zoom(1.0)
    }
}

/// `z` limited to [`MIN_ZOOM`]`..=`[`MAX_ZOOM`] (and 1 if it is not a number).
pub fn clamp_zoom(z: f64) -> f64 {
    if z.is_nan() {
        1.0
    } else {
        z.clamp(MIN_ZOOM, MAX_ZOOM)
    }
}

/// Which kinds are drawn: a set of [`Kind`]s as a bit mask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindSet(u16);

impl KindSet {
    /// Every kind.
    pub const ALL: KindSet = KindSet((1 << Kind::ALL.len()) - 1);
    /// No kind.
    pub const NONE: KindSet = KindSet(0);

    /// Whether `kind` is in the set.
    pub const fn contains(self, kind: Kind) -> bool {
        self.0 & (1 << kind as u16) != 0
    }

    /// The set with `kind` added (`on`) or removed.
    #[must_use]
    pub const fn with(self, kind: Kind, on: bool) -> KindSet {
        if on {
            KindSet(self.0 | (1 << kind as u16))
        } else {
            KindSet(self.0 & !(1 << kind as u16))
        }
    }
}

impl Default for KindSet {
    fn default() -> Self {
        KindSet::ALL
    }
}

/// A wait: a lane returned `Pending` and stayed so until `to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// The lane that waited.
    pub lane: LaneId,
    /// Index (into the events) of the `pending` that started the wait.
    pub from: usize,
    /// Index of the event that ended it: the `wake`, or the lane's `drop`
    /// if it was dropped while waiting. `None`: still waiting at the end of
    /// the record.
    pub to: Option<usize>,
    /// True if a `wake` ended it (false: dropped while waiting, or open).
    pub woken: bool,
}

/// A wake is "snoozed" when the lane is not polled again for this long, ms.
/// Far above the live clock's jitter (a few ms) and, on the virtual clock,
/// any gap at all means the poller was elsewhere.
pub const SNOOZE_MS: f64 = 20.0;

/// A wake that waited: lane `lane` was woken by event `from` and was not
/// polled again until event `to` (a poll result, or its drop), at least
/// [`SNOOZE_MS`] later. `to: None`: still not polled at the end of the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Snooze {
    /// The lane that was woken.
    pub lane: LaneId,
    /// Index of the first `wake` since the lane's last poll.
    pub from: usize,
    /// Index of the poll result (or drop) that ended the wait.
    pub to: Option<usize>,
}

/// Events shown at the same whole millisecond, drawn as one band.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Burst {
    /// Positions (in the shown events) `from..to`.
    pub from: usize,
    /// One past the last position.
    pub to: usize,
    /// The shared time, whole ms.
    pub t_ms: i64,
}

/// A compressed idle gap: drawn [`BREAK_CAP_PX`] wide instead of its
/// length in time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Break {
    /// The shown position just after the gap (the gap is `k - 1 .. k`).
    pub k: usize,
    /// How much time the drawing leaves out, ms.
    pub skipped_ms: f64,
}

/// One tick of the time axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Time, ms.
    pub t: f64,
    /// Position, px.
    pub x: f64,
    /// Readable label: `"0 ms"`, `"250 ms"`, `"0.5 ms"`, `"2 s"`.
    pub label: String,
}

/// What a lane is doing at a point of a replay. Two families: the lanes
/// that drive (`main`, a spawned task: they run code and `.await`), and the
/// lanes that are driven (a traced stream or future: polled by a driver).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaneState {
    /// A task that has not run yet; a stream or future not polled yet.
    NotStarted,
    /// A driver running its own code (a note, setting a timer).
    Running,
    /// A driver running the body of its `while let … next().await` loop.
    LoopBody,
    /// A driver suspended in `.await` on a stream's `next()`.
    AwaitingNext,
    /// A driver suspended in `.await` on a future or a timer.
    Awaiting,
    /// A stream or future being polled (running its code).
    Polled,
    /// Returned `Pending`: suspended until something wakes it.
    Suspended,
    /// Woken; will be polled again.
    Woken,
    /// Yielded an item and is not running until `next()` polls it again.
    Yielded,
    /// Done: returned `Ready(None)` (a future: `Ready`), or a driver whose
    /// code has run to its end.
    Finished,
    /// Dropped.
    Dropped,
}

impl LaneState {
    /// A stable name for CSS and tests (`suspended`, `dropped` …).
    pub const fn as_str(self) -> &'static str {
        match self {
            LaneState::NotStarted => "not-started",
            LaneState::Running => "running",
            LaneState::LoopBody => "loop-body",
            LaneState::AwaitingNext => "awaiting-next",
            LaneState::Awaiting => "awaiting",
            LaneState::Polled => "polled",
            LaneState::Suspended => "suspended",
            LaneState::Woken => "woken",
            LaneState::Yielded => "yielded",
            LaneState::Finished => "finished",
            LaneState::Dropped => "dropped",
        }
    }
}

/// A place on the axis that survives a zoom: between two shown events (or
/// before the first / after the last), as a fraction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Anchor {
    /// No events yet: a time.
    Time(f64),
    /// `ms` before the first shown event.
    Before(f64),
    /// Between shown positions `k` and `k + 1`, `frac` of the way.
    Between(usize, f64),
    /// `ms` after the last shown event.
    After(f64),
}

/// Positions of the events of one kind on one lane, for drawing many
/// events at once as a single path (see [`Timeline::dots`]).
#[derive(Clone, Debug, PartialEq)]
pub struct DotRow {
    /// The lane.
    pub lane: LaneId,
    /// The kind.
    pub kind: Kind,
    /// Positions, px, at most one per bucket, ascending.
    pub xs: Vec<f64>,
}

/// The laid-out timeline of one run. Grows as events arrive ([`Timeline::push`]).
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    lanes: Vec<String>,
    events: Vec<Event>,
    filter: KindSet,
    scale: Scale,
    /// Indices of the shown events, ascending.
    shown: Vec<usize>,
    /// `x[k]` is the position of `events[shown[k]]`.
    x: Vec<f64>,
    /// For every event: how many shown events come before it.
    slot: Vec<usize>,
    spans: Vec<Span>,
    /// Per lane: indices into `spans`, in order.
    lane_spans: Vec<Vec<usize>>,
    /// Per lane: the span that is still open.
    open: Vec<Option<usize>>,
    bursts: Vec<Burst>,
    breaks: Vec<Break>,
    /// Per lane: the first `wake` since the lane was last polled.
    woken: Vec<Option<usize>>,
    /// The snoozes that ended, in the order they ended.
    snoozes: Vec<Snooze>,
}

impl Timeline {
    /// An empty timeline with these lanes, at `scale`, showing `filter`.
    pub fn new(lanes: Vec<String>, scale: Scale, filter: KindSet) -> Timeline {
        let mut t = Timeline {
            filter,
            scale,
            ..Timeline::default()
        };
        t.set_lanes(lanes);
        t
    }

    /// The whole of `trace`, laid out at `scale`.
    pub fn from_trace(trace: &Trace, scale: Scale, filter: KindSet) -> Timeline {
        let mut t = Timeline::new(trace.lanes.clone(), scale, filter);
        t.extend(trace.events.iter().cloned());
        t
    }

    /// Replaces the lane names (a live run adds lanes as it goes).
    pub fn set_lanes(&mut self, lanes: Vec<String>) {
        self.lanes = lanes;
        self.ensure_lane(self.lanes.len().saturating_sub(1) as LaneId);
    }

    fn ensure_lane(&mut self, lane: LaneId) {
        let n = (lane as usize + 1).max(self.lanes.len());
        if self.lane_spans.len() < n {
            self.lane_spans.resize_with(n, Vec::new);
            self.open.resize(n, None);
            self.woken.resize(n, None);
        }
        while self.lanes.len() < n {
            self.lanes.push(format!("lane {}", self.lanes.len()));
        }
    }

    /// Adds events that happened after the ones already here.
    pub fn extend(&mut self, events: impl IntoIterator<Item = Event>) {
        for e in events {
            self.push(e);
        }
    }

    /// Adds one event (amortised `O(1)`).
    pub fn push(&mut self, e: Event) {
        let i = self.events.len();
        self.ensure_lane(e.lane);
        self.track_span(i, &e);
        self.slot.push(self.shown.len());
        let show = self.filter.contains(e.kind);
        let t = e.t;
        self.events.push(e);
        if show {
            self.place(i, t);
        }
    }

    fn track_span(&mut self, i: usize, e: &Event) {
        let lane = e.lane as usize;
        match e.kind {
            // A second `Pending` while waiting (polled again, still not
            // ready) continues the same wait.
            Kind::Pending if self.open[lane].is_none() => {
                self.open[lane] = Some(self.spans.len());
                self.lane_spans[lane].push(self.spans.len());
                self.spans.push(Span {
                    lane: e.lane,
                    from: i,
                    to: None,
                    woken: false,
                });
            }
            Kind::Wake | Kind::Drop | Kind::End | Kind::Poll | Kind::Yield | Kind::Error => {
                // A poll result ends a wait too: a stream may be polled again
                // without a wake (a `select!` polling every branch).
                if let Some(s) = self.open[lane].take() {
                    self.spans[s].to = Some(i);
                    self.spans[s].woken = e.kind == Kind::Wake;
                }
            }
            _ => {}
        }
        match e.kind {
            Kind::Wake => {
                self.woken[lane].get_or_insert(i);
            }
            Kind::Pending | Kind::Drop | Kind::End | Kind::Poll | Kind::Yield | Kind::Error => {
                if let Some(w) = self.woken[lane].take() {
                    if e.t - self.events[w].t >= SNOOZE_MS {
                        self.snoozes.push(Snooze {
                            lane: e.lane,
                            from: w,
                            to: Some(i),
                        });
                    }
                }
            }
            _ => {}
        }
    }

    /// Every snooze of the record (see [`Snooze`]), the ones still open at
    /// time `now` included, ordered by their wake.
    pub fn snoozes(&self, now: f64) -> Vec<Snooze> {
        let mut all = self.snoozes.clone();
        for (lane, w) in self.woken.iter().enumerate() {
            if let Some(w) = *w {
                if now - self.events[w].t >= SNOOZE_MS {
                    all.push(Snooze {
                        lane: lane as LaneId,
                        from: w,
                        to: None,
                    });
                }
            }
        }
        all.sort_by_key(|s| s.from);
        all
    }

    /// The snooze event `i` starts or ends, if any (for the detail line).
    pub fn snooze_at(&self, i: usize, now: f64) -> Option<Snooze> {
        self.snoozes(now)
            .into_iter()
            .find(|s| s.from == i || s.to == Some(i))
    }

    /// Appends shown event `i` (at time `t`) to the layout.
    fn place(&mut self, i: usize, t: f64) {
        let k = self.shown.len();
        let x = match self.shown.last() {
            None => PAD_LEFT + t.max(0.0) * self.scale.ms_px,
            Some(&prev) => {
                let p = &self.events[prev];
                let dt = (t - p.t).max(0.0);
                let step = self.scale.step(dt, p.t_ms() == self.events[i].t_ms());
                let skipped = dt - step / self.scale.ms_px.max(f64::MIN_POSITIVE);
                if skipped > 0.5 {
                    self.breaks.push(Break {
                        k,
                        skipped_ms: skipped,
                    });
                }
                self.x[k - 1] + step
            }
        };
        self.shown.push(i);
        self.x.push(x);
        let t_ms = self.events[i].t_ms();
        match self.bursts.last_mut() {
            Some(b) if b.to == k && b.t_ms == t_ms => b.to = k + 1,
            _ => {
                if k > 0 && self.events[self.shown[k - 1]].t_ms() == t_ms {
                    self.bursts.push(Burst {
                        from: k - 1,
                        to: k + 1,
                        t_ms,
                    });
                }
            }
        }
    }

    /// Recomputes every position (after a change of scale or filter).
    fn relayout(&mut self) {
        self.shown.clear();
        self.x.clear();
        self.slot.clear();
        self.bursts.clear();
        self.breaks.clear();
        for i in 0..self.events.len() {
            self.slot.push(self.shown.len());
            if self.filter.contains(self.events[i].kind) {
                self.place(i, self.events[i].t);
            }
        }
    }

    /// Changes the scale (one `O(n)` pass).
    pub fn set_scale(&mut self, scale: Scale) {
        if scale != self.scale {
            self.scale = scale;
            self.relayout();
        }
    }

    /// Changes which kinds are drawn (one `O(n)` pass).
    pub fn set_filter(&mut self, filter: KindSet) {
        if filter != self.filter {
            self.filter = filter;
            self.relayout();
        }
    }

    /// The current scale.
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// The kinds drawn.
    pub fn filter(&self) -> KindSet {
        self.filter
    }

    /// Lane names by [`LaneId`].
    pub fn lanes(&self) -> &[String] {
        &self.lanes
    }

    /// Every event, shown or not, in the order they happened.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// How many events are shown.
    pub fn shown_len(&self) -> usize {
        self.shown.len()
    }

    /// The event index of shown position `k`.
    pub fn shown_event(&self, k: usize) -> Option<usize> {
        self.shown.get(k).copied()
    }

    /// The shown position of event `i`, if it is shown.
    pub fn position_of(&self, i: usize) -> Option<usize> {
        let k = *self.slot.get(i)?;
        (self.shown.get(k) == Some(&i)).then_some(k)
    }

    /// The position (px) of shown position `k`.
    pub fn x_at(&self, k: usize) -> f64 {
        self.x.get(k).copied().unwrap_or(PAD_LEFT)
    }

    /// The position (px) of event `i`; a hidden event sits where the next
    /// shown one does (or after the last).
    pub fn x_of_event(&self, i: usize) -> f64 {
        match self.slot.get(i) {
            Some(&k) if k < self.x.len() => self.x[k],
            _ => self.end_x(),
        }
    }

    /// The vertical centre of `lane`, px.
    pub fn lane_y(&self, lane: LaneId) -> f64 {
        let h = self.lane_h();
        AXIS_H + lane as f64 * h + h / 2.0
    }

    /// The height of one lane, px ([`lane_h`] of the lane count).
    pub fn lane_h(&self) -> f64 {
        lane_h(self.lanes.len())
    }

    /// Total height, px.
    pub fn height(&self) -> f64 {
        AXIS_H + self.lanes.len().max(1) as f64 * self.lane_h() + 4.0
    }

    /// The position of the last shown event (or the left padding).
    pub fn end_x(&self) -> f64 {
        self.x.last().copied().unwrap_or(PAD_LEFT)
    }

    /// Width of the laid-out content, px (the last event plus room for its
    /// label).
    pub fn width(&self) -> f64 {
        self.end_x() + PAD_RIGHT
    }

    fn shown_t(&self, k: usize) -> f64 {
        self.events[self.shown[k]].t
    }

    /// Where time `t` (ms) falls on the axis. Inside a burst it is the
    /// burst's first event; between events it is proportional to time.
    pub fn x_of_time(&self, t: f64) -> f64 {
        let n = self.shown.len();
        if n == 0 {
            return PAD_LEFT + t.max(0.0) * self.scale.ms_px;
        }
        let k = self.shown.partition_point(|&i| self.events[i].t < t);
        if k < n && self.shown_t(k) <= t {
            return self.x[k];
        }
        if k == 0 {
            return self.x[0] - (self.shown_t(0) - t) * self.scale.ms_px;
        }
        let (t0, x0) = (self.shown_t(k - 1), self.x[k - 1]);
        if k < n {
            // Proportional between the two events: linear time, or the
            // compressed width of a break.
            let (t1, x1) = (self.shown_t(k), self.x[k]);
            if t1 > t0 {
                (x0 + (t - t0) / (t1 - t0) * (x1 - x0)).min(x1)
            } else {
                x1
            }
        } else {
            x0 + (t - t0) * self.scale.ms_px
        }
    }

    /// The time (ms) at position `x`; the inverse of [`Timeline::x_of_time`]
    /// where time advances, and the burst's time inside a burst.
    pub fn time_at_x(&self, x: f64) -> f64 {
        let ms_px = self.scale.ms_px.max(f64::MIN_POSITIVE);
        let n = self.shown.len();
        if n == 0 {
            return ((x - PAD_LEFT) / ms_px).max(0.0);
        }
        let k = self.x.partition_point(|&xk| xk <= x);
        if k == 0 {
            return (self.shown_t(0) - (self.x[0] - x) / ms_px).max(0.0);
        }
        let (t0, x0) = (self.shown_t(k - 1), self.x[k - 1]);
        if k < n {
            let (t1, x1) = (self.shown_t(k), self.x[k]);
            if x1 > x0 && t1 > t0 {
                (t0 + (x - x0) / (x1 - x0) * (t1 - t0)).min(t1)
            } else {
                t0
            }
        } else {
            t0 + (x - x0) / ms_px
        }
    }

    /// The shown positions whose marker lies in `x0..=x1`.
    pub fn visible(&self, x0: f64, x1: f64) -> Range<usize> {
        let a = self.x.partition_point(|&x| x < x0);
        let b = self.x.partition_point(|&x| x <= x1).max(a);
        a..b
    }

    /// The shown position nearest to `x` (ties go left).
    pub fn nearest(&self, x: f64) -> Option<usize> {
        let n = self.x.len();
        if n == 0 {
            return None;
        }
        let k = self.x.partition_point(|&xk| xk < x);
        if k == 0 {
            return Some(0);
        }
        if k == n {
            return Some(n - 1);
        }
        Some(if x - self.x[k - 1] <= self.x[k] - x {
            k - 1
        } else {
            k
        })
    }

    /// The shown position nearest to `x` among events on `lane`, within
    /// `max_px`.
    pub fn nearest_on_lane(&self, x: f64, lane: LaneId, max_px: f64) -> Option<usize> {
        let r = self.visible(x - max_px, x + max_px);
        r.filter(|&k| self.events[self.shown[k]].lane == lane)
            .min_by(|&a, &b| (self.x[a] - x).abs().total_cmp(&(self.x[b] - x).abs()))
    }

    /// Every wait, in the order they started.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// The x extent of `span`; an open span reaches `open_end_x` (e.g. the
    /// live clock's "now", or the end of the record).
    pub fn span_x(&self, span: &Span, open_end_x: f64) -> (f64, f64) {
        let x0 = self.x_of_event(span.from);
        let x1 = span.to.map_or(open_end_x, |i| self.x_of_event(i));
        (x0, x1.max(x0))
    }

    /// The spans that overlap `x0..=x1` (`O(log n + k)` per lane).
    pub fn spans_in(&self, x0: f64, x1: f64, open_end_x: f64) -> Vec<Span> {
        let mut out = Vec::new();
        for ids in &self.lane_spans {
            // Spans of one lane never overlap, so their ends ascend too.
            let first = ids.partition_point(|&s| self.span_x(&self.spans[s], open_end_x).1 < x0);
            for &s in &ids[first..] {
                let (a, _) = self.span_x(&self.spans[s], open_end_x);
                if a > x1 {
                    break;
                }
                out.push(self.spans[s]);
            }
        }
        out
    }

    /// The waits overlapping `x0..=x1` per lane, as `(start, end)` runs
    /// with waits less than `join_px` apart joined: thousands of waits
    /// drawn as one path per lane when zoomed far out.
    pub fn span_runs(
        &self,
        x0: f64,
        x1: f64,
        open_end_x: f64,
        join_px: f64,
    ) -> Vec<(LaneId, Vec<(f64, f64)>)> {
        let mut out: Vec<(LaneId, Vec<(f64, f64)>)> = Vec::new();
        for s in self.spans_in(x0, x1, open_end_x) {
            let (a, b) = self.span_x(&s, open_end_x);
            let runs = match out.iter_mut().find(|(l, _)| *l == s.lane) {
                Some((_, runs)) => runs,
                None => {
                    out.push((s.lane, Vec::new()));
                    &mut out.last_mut().expect("just pushed").1
                }
            };
            match runs.last_mut() {
                Some(last) if a - last.1 < join_px => last.1 = last.1.max(b),
                _ => runs.push((a, b)),
            }
        }
        out
    }

    /// Bursts (two or more shown events at the same whole ms).
    pub fn bursts(&self) -> &[Burst] {
        &self.bursts
    }

    /// The burst that shown position `k` is part of, if any.
    pub fn burst_at(&self, k: usize) -> Option<Burst> {
        let j = self.bursts.partition_point(|b| b.to <= k);
        self.bursts.get(j).filter(|b| b.from <= k).copied()
    }

    /// Every compressed idle gap, left to right.
    pub fn breaks(&self) -> &[Break] {
        &self.breaks
    }

    /// The x extent of break `b` (from the event before the gap to the one
    /// after).
    pub fn break_x(&self, b: &Break) -> (f64, f64) {
        (self.x_at(b.k.saturating_sub(1)), self.x_at(b.k))
    }

    /// The breaks that overlap `x0..=x1`.
    pub fn breaks_in(&self, x0: f64, x1: f64) -> &[Break] {
        let a = self.breaks.partition_point(|b| self.break_x(b).1 < x0);
        let b = self
            .breaks
            .partition_point(|b| self.break_x(b).0 <= x1)
            .max(a);
        &self.breaks[a..b]
    }

    /// Whether time `t` falls inside a compressed gap (no tick goes there:
    /// the axis is not linear inside it).
    fn in_break(&self, t: f64) -> bool {
        let j = self.breaks.partition_point(|b| self.shown_t(b.k) <= t);
        self.breaks
            .get(j)
            .is_some_and(|b| self.shown_t(b.k - 1) < t && t < self.shown_t(b.k))
    }

    /// The x extent of a burst's band.
    pub fn burst_x(&self, b: &Burst) -> (f64, f64) {
        let half = self.scale.gap_px / 2.0;
        (self.x_at(b.from) - half, self.x_at(b.to - 1) + half)
    }

    /// The bursts whose band overlaps `x0..=x1`.
    pub fn bursts_in(&self, x0: f64, x1: f64) -> &[Burst] {
        let a = self.bursts.partition_point(|b| self.burst_x(b).1 < x0);
        let b = self
            .bursts
            .partition_point(|b| self.burst_x(b).0 <= x1)
            .max(a);
        &self.bursts[a..b]
    }

    /// Axis ticks for the window `x0..=x1`, at least `min_px` apart, on
    /// round times (1, 2 or 5 × 10ⁿ ms).
    ///
    /// The step is the one the scale asks for. Zoomed far out, though, the
    /// minimum spacing of bursts (not time) makes most of the width, and
    /// that step can leave a window with a tick or two; then finer round
    /// steps are tried, down to what the window's real pixels-per-ms
    /// allows, until ticks come on average within 2.5 × `min_px`. Ticks
    /// the stretching left closer than `min_px` are dropped.
    pub fn ticks(&self, x0: f64, x1: f64, min_px: f64) -> Vec<Tick> {
        let r = self.visible(x0, x1);
        let mut px_per_ms = self.scale.ms_px;
        if r.len() >= 2 {
            let (a, b) = (r.start, r.end - 1);
            let dt = self.shown_t(b) - self.shown_t(a);
            if dt > 0.0 {
                px_per_ms = px_per_ms.max((self.x[b] - self.x[a]) / dt);
            }
        }
        let finest = nice_step(min_px / px_per_ms.max(f64::MIN_POSITIVE));
        let mut step = nice_step(min_px / self.scale.ms_px.max(f64::MIN_POSITIVE));
        let mut ticks = self.ticks_every(x0, x1, min_px, step);
        loop {
            let sparse = match (ticks.first(), ticks.last()) {
                (Some(a), Some(b)) if ticks.len() >= 2 => {
                    (b.x - a.x) / (ticks.len() - 1) as f64 > 2.5 * min_px
                }
                _ => true,
            };
            let finer = smaller_nice_step(step);
            if !sparse || finer < finest * (1.0 - 1e-9) {
                return ticks;
            }
            // A finer step only if it keeps every tick: ticks at irregular
            // round times (0, 150, 400 ms) would read as a non-linear axis.
            // (Past the last event, where a live run's clock goes on, ticks
            // too close are dropped as before.)
            let within = self.ticks_every(x0, x1.min(self.end_x()), 0.0, finer);
            if within.windows(2).any(|w| w[1].x - w[0].x < min_px) {
                return ticks;
            }
            (ticks, step) = (self.ticks_every(x0, x1, min_px, finer), finer);
        }
    }

    fn ticks_every(&self, x0: f64, x1: f64, min_px: f64, step: f64) -> Vec<Tick> {
        let t0 = self.time_at_x(x0.max(0.0)).max(0.0);
        let t1 = self.time_at_x(x1);
        let first = (t0 / step).ceil() as i64;
        let last = (t1 / step).floor() as i64;
        let mut out: Vec<Tick> = Vec::new();
        // The cap guards against a window far wider than the run.
        for i in first..=last.min(first.saturating_add(2_000)) {
            let t = i as f64 * step;
            if self.in_break(t) {
                continue;
            }
            let x = self.x_of_time(t);
            if out.last().is_some_and(|p| x - p.x < min_px) {
                continue;
            }
            out.push(Tick {
                t,
                x,
                label: format_tick(t, step),
            });
        }
        out
    }

    /// The zoom at which the whole run fits in `avail_px` (the view's
    /// width): zoomed in until it fills the width (at most
    /// [`MAX_FIT_ZOOM`]), or out until it fits.
    pub fn fit_zoom(&self, avail_px: f64) -> f64 {
        let avail = (avail_px - PAD_LEFT - PAD_RIGHT).max(1.0);
        let n = self.shown.len();
        if n < 2 {
            return 1.0;
        }
        let total = |z: f64| self.extent(0, n - 1, Scale::at_zoom(z));
        if self.shown_t(n - 1) - self.shown_t(0) <= 0.0 && total(1.0) <= avail {
            return 1.0;
        }
        if total(MAX_FIT_ZOOM) <= avail {
            return MAX_FIT_ZOOM;
        }
        if total(MIN_ZOOM) >= avail {
            return MIN_ZOOM;
        }
        // The extent grows with the zoom (see `Scale::step`).
        bisect(MIN_ZOOM, MAX_FIT_ZOOM, |z| total(z) <= avail)
    }

    /// Distance between shown positions `a <= b` at `scale`, without
    /// laying anything out.
    fn extent(&self, a: usize, b: usize, scale: Scale) -> f64 {
        (a + 1..=b)
            .map(|k| {
                let (p, e) = (&self.events[self.shown[k - 1]], &self.events[self.shown[k]]);
                scale.step(e.t - p.t, p.t_ms() == e.t_ms())
            })
            .sum()
    }

    /// Where `x` is, in terms that survive a zoom.
    pub fn anchor(&self, x: f64) -> Anchor {
        let n = self.x.len();
        let ms_px = self.scale.ms_px.max(f64::MIN_POSITIVE);
        if n == 0 {
            return Anchor::Time((x - PAD_LEFT) / ms_px);
        }
        if x < self.x[0] {
            return Anchor::Before((self.x[0] - x) / ms_px);
        }
        let k = self.x.partition_point(|&xk| xk <= x) - 1;
        if k + 1 >= n {
            return Anchor::After((x - self.x[n - 1]) / ms_px);
        }
        let w = self.x[k + 1] - self.x[k];
        Anchor::Between(k, if w > 0.0 { (x - self.x[k]) / w } else { 0.0 })
    }

    /// Where `anchor` is now.
    pub fn x_of_anchor(&self, anchor: Anchor) -> f64 {
        self.x_of_anchor_at(anchor, self.scale)
    }

    fn x_of_anchor_at(&self, anchor: Anchor, scale: Scale) -> f64 {
        let n = self.x.len();
        match anchor {
            Anchor::Time(t) => PAD_LEFT + t * scale.ms_px,
            Anchor::Before(ms) => self.x_at(0) - ms * scale.ms_px,
            Anchor::After(ms) => self.x_at(n.saturating_sub(1)) + ms * scale.ms_px,
            Anchor::Between(k, f) => {
                let a = self.x_at(k);
                a + f * (self.x_at(k + 1) - a)
            }
        }
    }

    /// Distance between two anchors at `scale`, without re-laying out.
    fn anchor_distance(&self, a: Anchor, b: Anchor, scale: Scale) -> f64 {
        // Positions relative to shown position 0 at `scale`.
        let rel = |an: Anchor| -> f64 {
            let n = self.x.len();
            match an {
                Anchor::Time(t) => t * scale.ms_px,
                Anchor::Before(ms) => -ms * scale.ms_px,
                Anchor::After(ms) => self.extent(0, n.saturating_sub(1), scale) + ms * scale.ms_px,
                Anchor::Between(k, f) => {
                    let a = self.extent(0, k, scale);
                    a + f * self.extent(k, k + 1, scale)
                }
            }
        };
        rel(b) - rel(a)
    }

    /// The zoom at which the region between content positions `xa` and
    /// `xb` fills `avail_px`.
    pub fn zoom_for_region(&self, xa: f64, xb: f64, avail_px: f64) -> f64 {
        let (xa, xb) = if xa <= xb { (xa, xb) } else { (xb, xa) };
        let (a, b) = (self.anchor(xa), self.anchor(xb));
        let d = |z: f64| self.anchor_distance(a, b, Scale::at_zoom(z));
        if d(MAX_ZOOM) <= avail_px {
            return MAX_ZOOM;
        }
        if d(MIN_ZOOM) >= avail_px {
            return MIN_ZOOM;
        }
        bisect(MIN_ZOOM, MAX_ZOOM, |z| d(z) <= avail_px)
    }

    /// What every lane is doing just after event `upto` (an index into the
    /// events) happened. `finished`: the run ran to its end (so at its last
    /// event the drivers are done, not still awaiting).
    ///
    /// A lane that ever returns a poll result (`P`, `R`, `R∅`, a future's
    /// `Ready`), or is only ever dropped, is *driven*; the others (`main`,
    /// spawned tasks) *drive*. A driver is running while the current event
    /// is its own; otherwise it is suspended in an `.await`: on `next()`
    /// when a stream ran since its own last event, else on a future or a
    /// timer.
    pub fn lane_states_at(&self, upto: usize, finished: bool) -> Vec<LaneState> {
        let n = self.lanes.len();
        let mut driven = vec![false; n];
        let mut future = vec![false; n];
        for e in &self.events {
            let l = e.lane as usize;
            match e.kind {
                Kind::Pending | Kind::Yield | Kind::End => driven[l] = true,
                Kind::Poll => {
                    driven[l] = true;
                    future[l] = true;
                }
                _ => {}
            }
        }
        // Only dropped or cleaned up (a stream never polled: lazy).
        let mut only_dropped = vec![None; n];
        for e in &self.events {
            let lazy = matches!(e.kind, Kind::Drop | Kind::Cleanup) && e.value != "task";
            let l = &mut only_dropped[e.lane as usize];
            *l = Some(l.unwrap_or(true) && lazy);
        }
        let only_dropped: Vec<bool> = only_dropped.into_iter().map(|l| l == Some(true)).collect();
        let upto = upto.min(self.events.len().saturating_sub(1));
        let mut states = vec![LaneState::NotStarted; n];
        // Per lane: the index of its last event so far; and the driven
        // lane that most recently did something, and when.
        let mut last_own: Vec<Option<(usize, Kind)>> = vec![None; n];
        let mut last_driven: Option<(usize, usize)> = None;
        for (i, e) in self.events.iter().enumerate().take(upto + 1) {
            let l = e.lane as usize;
            last_own[l] = Some((i, e.kind));
            if driven[l] || only_dropped[l] {
                // Drops, cleanups and cleared timers run in the driver's
                // own code (the end of a scope): it is not suspended.
                if !matches!(e.kind, Kind::Drop | Kind::Cleanup | Kind::TimerClear) {
                    last_driven = Some((i, l));
                }
                states[l] = match (e.kind, states[l]) {
                    (_, LaneState::Dropped) | (Kind::Drop, _) => LaneState::Dropped,
                    (Kind::End | Kind::Poll, _) => LaneState::Finished,
                    (Kind::Pending, _) => LaneState::Suspended,
                    (Kind::Yield | Kind::Error, _) => LaneState::Yielded,
                    (Kind::Wake, _) => LaneState::Woken,
                    // A timer cleared or a cleanup run as it is dropped does
                    // not change whether it is waiting or done.
                    (Kind::TimerClear | Kind::Cleanup, st) if st != LaneState::NotStarted => st,
                    (_, LaneState::Finished) => LaneState::Finished,
                    _ => LaneState::Polled,
                };
            }
        }
        let at_end = finished && upto + 1 >= self.events.len();
        for l in 0..n {
            if driven[l] || only_dropped[l] {
                continue;
            }
            states[l] = match last_own[l] {
                // `main` runs from the start; a task only once it has.
                None if l == 0 && !self.events.is_empty() => self.awaiting(last_driven, &future),
                None => LaneState::NotStarted,
                Some((_, Kind::Drop)) => LaneState::Dropped,
                _ if at_end => LaneState::Finished,
                Some((i, kind)) if i == upto => match kind {
                    Kind::Body => LaneState::LoopBody,
                    Kind::Wake => LaneState::Woken,
                    _ => LaneState::Running,
                },
                Some((i, kind)) => match last_driven {
                    Some((j, _)) if j > i => self.awaiting(last_driven, &future),
                    _ => match kind {
                        Kind::Body => LaneState::LoopBody,
                        Kind::TimerSet => LaneState::Awaiting,
                        Kind::Wake => LaneState::Woken,
                        _ => LaneState::Running,
                    },
                },
            };
        }
        states
    }

    /// A driver suspended while `last_driven` (event, lane) ran.
    fn awaiting(&self, last_driven: Option<(usize, usize)>, future: &[bool]) -> LaneState {
        match last_driven {
            Some((_, l)) if future.get(l) == Some(&true) => LaneState::Awaiting,
            _ => LaneState::AwaitingNext,
        }
    }

    /// The shown events of `range` grouped by lane and kind, keeping at most
    /// one per `bucket_px` (for drawing thousands of events as a few paths
    /// when zoomed far out).
    pub fn dots(&self, range: Range<usize>, bucket_px: f64) -> Vec<DotRow> {
        let bucket_px = bucket_px.max(0.01);
        let nk = Kind::ALL.len();
        let mut rows: Vec<Option<(f64, Vec<f64>)>> = vec![None; self.lanes.len() * nk];
        for k in range.start..range.end.min(self.shown.len()) {
            let e = &self.events[self.shown[k]];
            let slot = e.lane as usize * nk + e.kind as usize;
            let b = (self.x[k] / bucket_px).floor();
            match rows.get_mut(slot) {
                Some(Some((last, xs))) if b > *last => {
                    *last = b;
                    xs.push(self.x[k]);
                }
                Some(Some(_)) => {}
                Some(r) => *r = Some((b, vec![self.x[k]])),
                None => {}
            }
        }
        rows.into_iter()
            .enumerate()
            .filter_map(|(slot, r)| {
                r.map(|(_, xs)| DotRow {
                    lane: (slot / nk) as LaneId,
                    kind: Kind::ALL[slot % nk],
                    xs,
                })
            })
            .collect()
    }

    /// For the shown positions of `range`, whether each one's label fits:
    /// labels (`width(k)` px wide, centred on the marker) are kept greedily
    /// left to right per lane, never overlapping.
    pub fn labels_fit(&self, range: Range<usize>, width: impl Fn(usize) -> f64) -> Vec<bool> {
        let mut right = vec![f64::NEG_INFINITY; self.lanes.len()];
        range
            .map(|k| {
                let lane = self.events[self.shown[k]].lane as usize;
                let w = width(k);
                let left = self.x[k] - w / 2.0;
                match right.get_mut(lane) {
                    Some(r) if w > 0.0 && left >= *r + 3.0 => {
                        *r = self.x[k] + w / 2.0;
                        true
                    }
                    _ => false,
                }
            })
            .collect()
    }

    /// The shown position after event `i` (or the first, if `None`).
    pub fn next_shown(&self, i: Option<usize>) -> Option<usize> {
        let k = match i {
            None => 0,
            Some(i) => match self.position_of(i) {
                Some(k) => k + 1,
                None => *self.slot.get(i)?,
            },
        };
        (k < self.shown.len()).then_some(k)
    }

    /// The shown position before event `i` (or the last, if `None`).
    pub fn prev_shown(&self, i: Option<usize>) -> Option<usize> {
        let k = match i {
            None => self.shown.len(),
            Some(i) => *self.slot.get(i)?,
        };
        k.checked_sub(1)
    }
}

/// Finds the largest `z` in `lo..=hi` with `ok(z)`, for `ok` true at `lo`
/// and false at `hi` and monotone between (geometric bisection).
fn bisect(mut lo: f64, mut hi: f64, ok: impl Fn(f64) -> bool) -> f64 {
    for _ in 0..48 {
        let mid = (lo * hi).sqrt();
        if ok(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi / lo < 1.0005 {
            break;
        }
    }
    lo
}

/// The smallest round step (1, 2 or 5 × 10ⁿ ms) of at least `raw` ms.
pub fn nice_step(raw: f64) -> f64 {
    let raw = if raw.is_finite() && raw > 0.0 {
        raw.clamp(0.001, 1e9)
    } else {
        1.0
    };
    let p = 10f64.powf(raw.log10().floor());
    for m in [1.0, 2.0, 5.0, 10.0] {
        if m * p >= raw * (1.0 - 1e-9) {
            return m * p;
        }
    }
    10.0 * p
}

/// The next round step below `step` (5 → 2 → 1 → 0.5 …).
fn smaller_nice_step(step: f64) -> f64 {
    let p = 10f64.powf(step.log10().floor());
    let m = (step / p).round();
    if m >= 5.0 {
        2.0 * p
    } else if m >= 2.0 {
        p
    } else {
        0.5 * p
    }
}

/// A tick label for `t` on an axis of `step` ms: ms below a second
/// (`"250 ms"`, `"0.5 ms"`), seconds from a one-second step up (`"2 s"`).
pub fn format_tick(t: f64, step: f64) -> String {
    if step >= 1000.0 {
        let s = t / 1000.0;
        let decimals = decimals_for(step / 1000.0);
        format!("{s:.decimals$} s")
    } else {
        let decimals = decimals_for(step);
        format!("{t:.decimals$} ms")
    }
}

fn decimals_for(step: f64) -> usize {
    if step >= 1.0 {
        0
    } else {
        (-step.log10().floor()).clamp(0.0, 6.0) as usize
    }
}

/// A short label drawn beside a marker: the value for yields, bodies,
/// errors, cleanups and notes (truncated), `+100` for a timer; `None` for
/// kinds that read on their own (`P`, `W`, `D` …).
pub fn marker_label(e: &Event) -> Option<String> {
    const MAX: usize = 10;
    let v: &str = &e.value;
    let text = match e.kind {
        Kind::Yield | Kind::Body | Kind::Error | Kind::Cleanup | Kind::Note | Kind::Poll
            if !v.is_empty() =>
        {
            v.to_string()
        }
        Kind::TimerSet => format!("+{v}"),
        _ => return None,
    };
    if text.chars().count() > MAX {
        let mut s: String = text.chars().take(MAX - 1).collect();
        s.push('…');
        Some(s)
    } else {
        Some(text)
    }
}

#[cfg(test)]
mod tests;
