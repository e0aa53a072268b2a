//! A live demo: the demo's own code, its knobs, Run / Stop / Instant /
//! Replay, the timeline and the transcript. A panel keeps its knobs and last
//! run in [`crate::memory`] (so the language switch loses nothing) and runs
//! a predict question's case when asked through [`DemoRequests`].
//!
//! Data flows one way: knobs → [`lessons::Demo::run`] → a [`trace::Run`]
//! records events → [`crate::timeline_model::Timeline`] lays them out → the views
//! ([`timeline`], [`transcript`], [`code_panel`]) draw
//! them. A live run is read once per animation frame, never once per event,
//! so a burst of events costs one repaint.
//!
//! Not here: how events are recorded (the `trace` crate) or laid out
//! (`crate::timeline_model`); the page around the panel (`pages::lesson`).

#[cfg(feature = "bench")]
mod bench;
pub(crate) mod code_panel;
mod dock;
mod fold;
mod knob_panel;
pub mod predict;
mod record;
mod strings;
mod tabs;
pub mod timeline;
mod transcript;
mod url;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::memory::{use_memory, Memory, SavedRun};
use crate::timeline_model::KindSet;
use leptos::prelude::*;
use lessons::{Demo, KnobError, Knobs, Lang};
use trace::{Clock, Event, Kind, Run, Status};
use wasm_bindgen::JsCast;

pub use predict::{PredictBox, PredictText};
pub use strings::{strings, Said, Strings};
pub use url::{parse_query, with_params, QUERY_CHANGED};

use knob_panel::KnobPanel;
use record::Record;
use tabs::CodeAndTranscript;
use timeline::TimelineView;

/// What the page asks of a demo panel.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// Show these knob values and run them on the virtual clock (a predict
    /// question's "Run this case").
    Run(Knobs),
    /// Select the first step written this way (`R(0)`, `D`) in the panel's
    /// run (recorded at once with the knobs in the fields, if there is none):
    /// a step named in the text.
    Select(String),
}

/// Requests, from elsewhere on the page, to a demo panel (by demo id).
#[derive(Clone, Copy, Debug)]
pub struct DemoRequests(RwSignal<Option<(&'static str, Request, u64)>>);

impl DemoRequests {
    /// Asks the panel of `demo` to show `knobs` and run them at once.
    pub fn run(self, demo: &'static str, knobs: Knobs) {
        self.send(demo, Request::Run(knobs));
    }

    /// Asks the panel of `demo` to select the step `step`.
    pub fn select(self, demo: &'static str, step: String) {
        self.send(demo, Request::Select(step));
    }

    fn send(self, demo: &'static str, request: Request) {
        self.0.update(|r| {
            let n = r.as_ref().map_or(0, |(_, _, n)| n + 1);
            *r = Some((demo, request, n));
        });
    }
}

/// Makes the page's [`DemoRequests`] available to [`DemoPanel`] and
/// [`PredictBox`]. Call once per lesson page.
pub fn provide_demo_requests() {
    provide_context(DemoRequests(RwSignal::new(None)));
}

/// Where the panel's run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Nothing recorded.
    Idle,
    /// A run is going on this clock.
    Running(Clock),
    /// The last run ended, on this clock, this way.
    Done(Clock, Status),
    /// The run the panel shows before the reader runs anything: the knobs
    /// in the fields, recorded on the virtual clock (at build time, and
    /// again when the wasm arrives), ended this way.
    Preview(Status),
}

impl Phase {
    /// True while a run is going.
    pub fn is_running(self) -> bool {
        matches!(self, Phase::Running(_))
    }

    /// The clock and the end of a finished record (a preview included).
    pub fn finished(self) -> Option<(Clock, Status)> {
        match self {
            Phase::Done(c, s) => Some((c, s)),
            Phase::Preview(s) => Some((Clock::Virtual, s)),
            Phase::Idle | Phase::Running(_) => None,
        }
    }
}

/// What the parts of one demo panel share. Every field is a `Copy` handle,
/// private to this module and its parts (`code_panel`, `knob_panel`,
/// `timeline`, `transcript`, `bench`): nothing outside the panel reaches in.
#[derive(Clone, Copy)]
pub struct DemoState {
    /// The demo.
    demo: &'static Demo,
    /// The page language.
    lang: Lang,
    /// A number unique to this panel on the page (for element ids).
    uid: u64,
    /// The record of the current run, laid out (it notifies its readers).
    record: Record,
    /// The selected event (an index into the events), if any.
    current: RwSignal<Option<usize>>,
    /// The selected event's marker should take keyboard focus (it does,
    /// once drawn, and clears this).
    wants_focus: RwSignal<bool>,
    /// Where the run is.
    phase: RwSignal<Phase>,
    /// The live clock's reading (ms since the run started).
    now: RwSignal<f64>,
    /// Whether timer events are drawn.
    show_timers: RwSignal<bool>,
    /// A replay is playing or paused part-way: the events after the
    /// selected one are veiled, so they appear in order.
    replaying: RwSignal<bool>,
}

impl DemoState {
    fn new(demo: &'static Demo, lang: Lang) -> DemoState {
        static NEXT_UID: AtomicU64 = AtomicU64::new(1);
        DemoState {
            demo,
            lang,
            uid: NEXT_UID.fetch_add(1, Ordering::Relaxed),
            record: Record::new(),
            current: RwSignal::new(None),
            wants_focus: RwSignal::new(false),
            phase: RwSignal::new(Phase::Idle),
            now: RwSignal::new(0.0),
            show_timers: RwSignal::new(true),
            replaying: RwSignal::new(false),
        }
    }

    /// The kinds the timeline draws.
    pub fn filter(self) -> KindSet {
        let timers = self.show_timers.get_untracked();
        KindSet::ALL
            .with(Kind::TimerSet, timers)
            .with(Kind::TimerClear, timers)
    }

    /// Starts a new, empty record.
    fn clear(self) {
        self.record.restart(self.filter());
        self.current.set(None);
        self.now.set(0.0);
    }

    /// The number of events recorded (tracked).
    pub fn len(self) -> usize {
        self.record.len()
    }

    /// True if nothing is recorded (tracked).
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// Event `i`, cloned (not tracked).
    pub fn event(self, i: usize) -> Option<Event> {
        self.record.with_untracked(|m| m.events().get(i).cloned())
    }

    /// Selects event `i`; with `focus`, its marker also takes keyboard focus.
    pub fn select(self, i: usize, focus: bool) {
        if self.current.get_untracked() != Some(i) {
            self.current.set(Some(i));
        }
        if focus {
            self.focus_selected();
        }
    }

    /// Moves keyboard focus to the selected event's marker (once it is drawn).
    pub fn focus_selected(self) {
        self.wants_focus.set(true);
    }

    /// Selects the first, previous, next or last shown event.
    pub fn step(self, step: Step) {
        let cur = self.current.get_untracked();
        let next = self.record.with_untracked(|m| {
            let k = match step {
                Step::First => m.next_shown(None),
                Step::Last => m.prev_shown(None),
                Step::Next => m
                    .next_shown(cur)
                    .or_else(|| cur.and_then(|i| m.position_of(i))),
                Step::Prev => m
                    .prev_shown(cur)
                    .or_else(|| cur.and_then(|i| m.position_of(i)))
                    .or_else(|| m.next_shown(None)),
            };
            k.and_then(|k| m.shown_event(k))
        });
        if next.is_some() {
            self.current.set(next);
        }
    }

    /// The source row (in `demo.code`) an event points at.
    pub fn row_of(self, e: &Event) -> Option<usize> {
        if let Some(row) = hooked_row(e) {
            return row;
        }
        if e.loc.line == 0 || !same_file(e.loc.file, self.demo.path) {
            return None;
        }
        self.demo.row_of_line(e.loc.line)
    }
}

/// How a page maps an event to a code row, if not by its line (the Stream
/// Lab's generated code: by lane; see `lab::panel`).
pub type RowOf = fn(&Event) -> Option<usize>;

thread_local! {
    static ROW_OF: std::cell::Cell<Option<RowOf>> = const { std::cell::Cell::new(None) };
    static LIMITS: std::cell::Cell<Option<trace::Limits>> = const { std::cell::Cell::new(None) };
}

/// Makes every panel of this page created afterwards run with `limits`
/// instead of `trace`'s defaults (the Stream Lab: its pipelines may make
/// far more events than a lesson's demo).
pub fn set_run_limits(limits: trace::Limits) {
    LIMITS.with(|c| c.set(Some(limits)));
}

/// The limits [`set_run_limits`] set, else `trace`'s defaults.
fn page_limits() -> trace::Limits {
    LIMITS.with(std::cell::Cell::get).unwrap_or_default()
}

/// The row [`set_row_of`]'s function gives `e`, if this page set one.
pub fn hooked_row(e: &Event) -> Option<Option<usize>> {
    ROW_OF.with(std::cell::Cell::get).map(|row_of| row_of(e))
}

/// Makes every panel of this page map events to code rows with `f`.
pub fn set_row_of(f: RowOf) {
    ROW_OF.with(|c| c.set(Some(f)));
}

/// A replay step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The first shown event.
    First,
    /// The shown event before the current one.
    Prev,
    /// The shown event after the current one (the first, if none).
    Next,
    /// The last shown event.
    Last,
}

/// Whether the compiler's path of a demo file (`file!()`, relative to the
/// crate or absolute) names the demo file at `repo_path`.
fn same_file(file: &str, repo_path: &str) -> bool {
    let file = file.replace('\\', "/");
    let repo_path = repo_path.replace('\\', "/");
    if file.is_empty() || repo_path.is_empty() {
        return false;
    }
    file.ends_with(&repo_path) || repo_path.ends_with(&file)
}

/// Owns the panel's [`Run`] and moves its events into the record.
#[derive(Clone, Copy)]
struct Controller {
    state: DemoState,
    run: StoredValue<Option<Run>, LocalStorage>,
    /// Bumped per run: a frame loop of an older run stops itself.
    generation: StoredValue<u64>,
    memory: Option<Memory>,
    /// The event count the status line announces (throttled for screen readers).
    announced: RwSignal<usize>,
    announced_at: StoredValue<f64>,
    /// How many times slower than real time a live run goes.
    slowdown: StoredValue<f64>,
    /// The bounds of every run (the default, but for a benchmark build's
    /// `?bench_events=N`).
    limits: trace::Limits,
}

impl Controller {
    fn start(self, clock: Clock, knobs: Knobs) {
        self.discard();
        url::write_knobs(self.state.demo, &knobs);
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        self.state.clear();
        self.announced.set(0);
        let run = Run::with_limits(clock, self.limits);
        run.set_slowdown(self.slowdown.get_value());
        run.start((self.state.demo.run)(knobs));
        let clock = run.clock();
        if clock == Clock::Virtual {
            run.run_to_end();
        }
        self.run.set_value(Some(run));
        self.state.phase.set(Phase::Running(clock));
        if !self.flush() {
            self.frame_loop(generation);
        }
    }

    /// Reads new events once per animation frame until the run is done.
    fn frame_loop(self, generation: u64) {
        request_animation_frame(move || {
            if self.generation.try_get_value() != Some(generation) {
                return;
            }
            if !self.flush() {
                self.frame_loop(generation);
            }
        });
    }

    /// Moves the run's new events into the record; true once the run is
    /// done (or gone).
    fn flush(self) -> bool {
        let s = self.state;
        let Some(Some((new, lanes, status, now, clock))) = self.run.try_with_value(|r| {
            r.as_ref().map(|run| {
                let have = s.record.with_untracked(|m| m.events().len());
                let events = run.events();
                let new: Vec<Event> = events
                    .get(have..)
                    .map(<[Event]>::to_vec)
                    .unwrap_or_default();
                drop(events);
                (new, run.lanes(), run.status(), run.now(), run.clock())
            })
        }) else {
            return true;
        };
        s.record.extend(lanes, new);
        if clock == Clock::Live {
            s.now.set(now);
        }
        let count = s.record.with_untracked(|m| m.events().len());
        let t = now_ms();
        if status.is_done() || t - self.announced_at.get_value() > 1000.0 {
            self.announced_at.set_value(t);
            self.announced.set(count);
        }
        if status.is_done() {
            if let Some(memory) = self.memory {
                if let Some(Some(trace)) = self.run.try_with_value(|r| r.as_ref().map(Run::trace)) {
                    let trace = Arc::new(trace);
                    memory.set_run(s.demo.path, Some(SavedRun { trace, clock }));
                }
            }
            // The record has everything; the finished run holds nothing more.
            self.run.set_value(None);
            s.phase.set(Phase::Done(clock, status));
            return true;
        }
        false
    }

    /// Stops the run from outside (the Stop button): the drops and cleanups
    /// that causes are recorded and shown.
    fn stop(self) {
        let running = self
            .run
            .try_with_value(|r| r.as_ref().map(|run| run.stop()).is_some());
        if running == Some(true) {
            self.flush();
        }
    }

    /// Stops and forgets the current run without recording what that does
    /// (a new run is replacing it, or the page is going away).
    fn discard(self) {
        self.generation.try_update_value(|g| *g += 1);
        let run = self.run.try_update_value(Option::take).flatten();
        if let Some(run) = run {
            run.stop();
        }
    }

    /// Shows a finished run kept from an earlier visit to this demo (in
    /// the other language, say) as if it had just ended.
    fn restore(self, saved: &SavedRun) {
        let s = self.state;
        s.clear();
        let trace = &saved.trace;
        s.record.extend(trace.lanes.clone(), trace.events.clone());
        self.announced.set(trace.events.len());
        s.phase.set(Phase::Done(saved.clock, trace.status));
    }

    /// Records `knobs` on the virtual clock and shows the run as finished,
    /// without touching the address or the memory: what a panel shows
    /// before the reader does anything (the same run at build time and in
    /// the browser, so the page does not change when the wasm arrives).
    fn preview(self, knobs: Knobs) {
        let run = Run::with_limits(Clock::Virtual, self.limits);
        run.start((self.state.demo.run)(knobs));
        run.run_to_end();
        let trace = Arc::new(run.trace());
        self.restore(&SavedRun {
            trace: Arc::clone(&trace),
            clock: Clock::Virtual,
        });
        self.state.phase.set(Phase::Preview(trace.status));
    }

    fn reset(self) {
        if let Some(memory) = self.memory {
            memory.set_run(self.state.demo.path, None);
        }
        self.discard();
        self.state.clear();
        self.announced.set(0);
        self.state.phase.set(Phase::Idle);
    }
}

/// `performance.now()`, or 0 outside a browser.
pub(crate) fn now_ms() -> f64 {
    if crate::is_static() {
        return 0.0;
    }
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The knob values in the fields: each knob's text, parsed.
fn parse_knobs(demo: &Demo, texts: &[RwSignal<String>]) -> Result<Knobs, ()> {
    let mut knobs = Knobs::defaults(demo.knobs);
    let mut ok = true;
    for (knob, text) in demo.knobs.iter().zip(texts) {
        match text.with(|t| knob.parse(t)) {
            Ok(v) => knobs.set(knob.name, v),
            Err(_) => ok = false,
        }
    }
    if ok {
        Ok(knobs)
    } else {
        Err(())
    }
}

/// The knob fields' first texts, and the notices for values in the address
/// that were refused (the default is kept). A knob the address names wins;
/// else what the reader left in the field (in either language); else the
/// default.
fn knob_fields(
    demo: &'static Demo,
    t: &'static Strings,
    query: &[(String, String)],
    remembered: Option<&crate::memory::DemoMemory>,
) -> (Vec<RwSignal<String>>, Vec<String>) {
    let (initial, url_errors) = url::knobs_from_query(demo, query);
    let notices = url_errors
        .iter()
        .map(|(name, value, err)| (t.url_ignored)(name, value, &(t.knob_error)(err)))
        .collect();
    let texts = demo
        .knobs
        .iter()
        .enumerate()
        .map(|(i, k)| {
            // Only a knob the address names (and whose value it took).
            let named = query.iter().any(|(n, _)| n == k.name)
                && !url_errors.iter().any(|(n, _, _)| *n == k.name);
            let from_url = initial.iter().find(|(n, _)| named && *n == k.name);
            let kept = remembered.and_then(|r| r.knobs.get(i));
            RwSignal::new(match (from_url, kept) {
                (Some((_, v)), _) => k.format(v),
                (None, Some(text)) => text.clone(),
                (None, None) => k.format(k.default),
            })
        })
        .collect();
    (texts, notices)
}

/// Answers the page's requests to this panel: a predict question's "Run
/// this case" (show its knobs and run them), a step named in the text
/// (select it, recording a run first if there is none).
fn answer_requests(
    ctl: Controller,
    texts: &[RwSignal<String>],
    knobs: Memo<Result<Knobs, ()>>,
    root: NodeRef<leptos::html::Section>,
) {
    let Some(requests) = use_context::<DemoRequests>() else {
        return;
    };
    let state = ctl.state;
    let demo = state.demo;
    let texts = texts.to_vec();
    Effect::watch(
        move || requests.0.get(),
        move |req, _, _| {
            let Some((id, request, _)) = req else { return };
            if *id != demo.id {
                return;
            }
            match request {
                Request::Run(knobs) => {
                    for (k, text) in demo.knobs.iter().zip(&texts) {
                        text.set(k.format(knobs.get(k.name)));
                    }
                    ctl.start(Clock::Virtual, knobs.clone());
                }
                Request::Select(step) => {
                    if state.is_empty() && !state.phase.get_untracked().is_running() {
                        if let Ok(k) = knobs.get_untracked() {
                            ctl.start(Clock::Virtual, k);
                        }
                    }
                    let found = state
                        .record
                        .with_untracked(|m| m.events().iter().position(|e| e.short() == *step));
                    if let Some(i) = found {
                        state.select(i, true);
                    }
                }
            }
            if let Some(el) = root.get_untracked() {
                dock::reveal(&el);
            }
        },
        false,
    );
}

/// The panel's status line: nothing run, running (events so far), the
/// preview, or how the run ended.
fn status_line(ctl: Controller, t: &'static Strings) -> impl Fn() -> String + Copy {
    let state = ctl.state;
    move || match state.phase.get() {
        Phase::Idle => t.status_idle.to_string(),
        Phase::Running(_) => (t.status_running)(ctl.announced.get()),
        Phase::Preview(_) => {
            let (n, end) = state
                .record
                .with_events(|m| (m.events().len(), m.events().last().map_or(0, Event::t_ms)));
            (t.status_preview)(end, n)
        }
        Phase::Done(clock, status) => {
            let (n, end) = state
                .record
                .with_events(|m| (m.events().len(), m.events().last().map_or(0, Event::t_ms)));
            let clock = match clock {
                Clock::Live => t.clock_live,
                Clock::Virtual => t.clock_virtual,
            };
            (t.status_done)(status, end, n, clock)
        }
    }
}

/// A live demo.
#[component]
pub fn DemoPanel(
    /// The demo to show.
    demo: &'static Demo,
    /// The page language.
    lang: Lang,
) -> impl IntoView {
    let t = strings(lang);
    let state = DemoState::new(demo, lang);

    let query = parse_query(&crate::use_here().search);
    let memory = use_memory();
    let remembered = memory.and_then(|m| m.demo(demo.path));
    let (texts, url_notices) = knob_fields(demo, t, &query, remembered.as_ref());
    if let Some(m) = memory {
        let texts = texts.clone();
        Effect::new(move |_| {
            m.set_knobs(demo.path, texts.iter().map(|t| t.get()).collect());
        });
    }
    let texts_for_memo = texts.clone();
    let knobs = Memo::new(move |_| parse_knobs(demo, &texts_for_memo));
    let errors: Vec<Memo<Option<KnobError>>> = demo
        .knobs
        .iter()
        .zip(&texts)
        .map(|(k, text)| {
            let text = *text;
            Memo::new(move |_| text.with(|t| k.parse(t).err()))
        })
        .collect();

    let ctl = Controller {
        state,
        run: StoredValue::new_local(None),
        generation: StoredValue::new(0),
        memory,
        announced: RwSignal::new(0),
        announced_at: StoredValue::new(0.0),
        slowdown: StoredValue::new(1.0),
        limits: run_limits(&query),
    };
    // Leaving the page stops the run: no timer of it fires afterwards.
    on_cleanup(move || ctl.discard());
    // A run kept from an earlier visit, else a run of the knobs in the
    // fields: the panel never starts empty, and at build time this is the
    // default run the page shows without JavaScript.
    match remembered.as_ref().and_then(|r| r.run.as_ref()) {
        Some(saved) => ctl.restore(saved),
        None => {
            if let Ok(k) = knobs.get_untracked() {
                ctl.preview(k);
            }
        }
    }
    let root = NodeRef::<leptos::html::Section>::new();
    answer_requests(ctl, &texts, knobs, root);
    // ×0.25 … ×4: a live run's slow motion (or fast forward), a replay's pace.
    let speed = RwSignal::new(1.0_f64);
    let invalid = move || knobs.with(Result::is_err);

    let status_text = status_line(ctl, t);

    // The lit code row: the selected event's line, or while running, the
    // newest event's.
    let lit_row = Memo::new(move |_| {
        let cur = state.current.get();
        let phase = state.phase.get();
        state.record.with_events(|m| {
            let i = match (cur, phase) {
                (Some(i), _) => Some(i),
                (None, Phase::Running(_)) => m.events().len().checked_sub(1),
                _ => None,
            }?;
            state.row_of(m.events().get(i)?)
        })
    });

    // Replay plays the record forward: the cursor moves from the first
    // event to the last at the chosen speed; any step key pauses it.
    let player = Player::new(state, speed);

    // The timeline benchmark's button (end2end/bench/timeline.mjs), only in
    // a build made for it (`cargo xtask dist --bench`).
    #[cfg(feature = "bench")]
    let bench = query
        .iter()
        .find(|(k, _)| k == "bench")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .filter(|n| (1..=200_000).contains(n));
    #[cfg(not(feature = "bench"))]
    let bench: Option<usize> = None;

    let status_id = format!("demo-{}-status", state.uid);
    view! {
        <section
            node_ref=root
            class="demo"
            data-demo=demo.id
            data-pagefind-ignore=""
            data-bench-uid=bench.map(|_| state.uid)
            aria-label=(t.panel_label)(demo.id)
            aria-busy=move || if state.phase.get().is_running() { "true" } else { "false" }
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                // A step key anywhere in the panel takes the cursor from a
                // playing replay at once.
                if player.playing.get_untracked()
                    && matches!(ev.key().as_str(), "ArrowLeft" | "ArrowRight" | "Home" | "End" | "PageUp" | "PageDown")
                {
                    player.pause();
                }
            }
            on:pointerdown=move |ev: web_sys::PointerEvent| {
                // So does picking a marker or a transcript row.
                let on_event = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|el| el.closest("[data-i]").ok().flatten())
                    .is_some();
                if on_event {
                    player.pause();
                }
            }
        >
            <KnobPanel state texts=texts.clone() errors=errors.clone() notices=url_notices />
            <Controls ctl knobs speed player />
            <p class="demo-controls-help">{t.controls_help}</p>
            {crate::is_static().then(|| view! {
                <noscript>
                    <p class="demo-needs-js">{t.needs_js}</p>
                </noscript>
            })}
            <p class="demo-knob-block" hidden=move || !invalid()>
                {t.fix_knobs}
            </p>
            <p class="demo-status" id=status_id role="status" aria-live="polite">
                {status_text}
            </p>
            <dock::Dock>
                <TimelineView state />
            </dock::Dock>
            // Last: where the panel is pinned, this area takes the height the
            // rest leaves, and its growing or shrinking moves nothing above it.
            <CodeAndTranscript state lit_row=lit_row.into() />
            {bench_button(state, bench)}
        </section>
    }
}

/// The bounds of the panel's runs (the page's, see [`set_run_limits`]):
/// in a benchmark build, `?bench_events=N`
/// raises the event limit (end2end/bench/lab.mjs: the Lab's 10,000-item
/// pipeline makes 100,006 events, twice the default limit).
#[cfg(feature = "bench")]
fn run_limits(query: &[(String, String)]) -> trace::Limits {
    query
        .iter()
        .find(|(k, _)| k == "bench_events")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .filter(|n| (1..=1_000_000).contains(n))
        .map_or_else(page_limits, |max_events| trace::Limits {
            max_events,
            ..page_limits()
        })
}

#[cfg(not(feature = "bench"))]
fn run_limits(_: &[(String, String)]) -> trace::Limits {
    page_limits()
}

#[cfg(feature = "bench")]
fn bench_button(state: DemoState, n: Option<usize>) -> impl IntoView {
    n.map(|n| view! { <bench::BenchButton state n /> })
}

#[cfg(not(feature = "bench"))]
fn bench_button(_: DemoState, _: Option<usize>) -> impl IntoView {}

/// The run controls: Run, Stop, Instant, Replay / Pause, the speed, Reset.
#[component]
fn Controls(
    ctl: Controller,
    knobs: Memo<Result<Knobs, ()>>,
    speed: RwSignal<f64>,
    player: Player,
) -> impl IntoView {
    let state = ctl.state;
    let t = strings(state.lang);
    let start = move |clock: Clock| {
        if let Ok(k) = knobs.get_untracked() {
            ctl.slowdown.set_value(1.0 / speed.get_untracked());
            ctl.start(clock, k);
        }
    };
    let invalid = move || knobs.with(Result::is_err);
    let running = move || state.phase.get().is_running();
    let has_events = move || !state.is_empty();
    let replay = move |_| player.start();
    view! {
            <div
                class="demo-controls"
                role="group"
                aria-label=t.controls
                on:focusout=keep_focus_in_controls
            >
                <button
                    type="button"
                    class="btn btn-run"
                    data-action="run"
                    title=t.run_hint
                    disabled=invalid
                    on:click=move |_| start(Clock::Live)
                >
                    {icon(Icon::Run)}
                    {t.run}
                </button>
                <button
                    type="button"
                    class="btn btn-stop"
                    data-action="stop"
                    title=t.stop_hint
                    disabled=move || !running()
                    on:click=move |_| ctl.stop()
                >
                    {icon(Icon::Stop)}
                    {t.stop}
                </button>
                <button
                    type="button"
                    class="btn"
                    data-action="instant"
                    title=t.instant_hint
                    disabled=invalid
                    on:click=move |_| start(Clock::Virtual)
                >
                    {icon(Icon::Instant)}
                    {t.instant}
                </button>
                <button
                    type="button"
                    class="btn"
                    data-action="replay"
                    title=t.replay_hint
                    disabled=move || running() || !has_events()
                    on:click=replay
                    hidden=move || player.playing.get()
                >
                    {icon(Icon::Replay)}
                    {move || if player.resumable.get() { t.play } else { t.replay }}
                </button>
                <button
                    type="button"
                    class="btn"
                    data-action="pause"
                    hidden=move || !player.playing.get()
                    on:click=move |_| {
                        player.pause();
                        player.resumable.set(true);
                    }
                >
                    {t.pause}
                </button>
                <label class="demo-speed">
                    <span>{t.speed}</span>
                    <select
                        data-action="speed"
                        on:change=move |ev| {
                            if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                                speed.set(v);
                            }
                        }
                    >
                        {SPEEDS
                            .iter()
                            .map(|&(v, label)| view! { <option value=v.to_string() selected=v == 1.0>{label}</option> })
                            .collect_view()}
                    </select>
                </label>
                <button
                    type="button"
                    class="btn btn-quiet"
                    data-action="reset"
                    title=t.reset_hint
                    disabled=move || !has_events() && !running()
                    on:click=move |_| ctl.reset()
                >
                    {t.reset}
                </button>
            </div>
    }
}

/// The speeds a reader can pick, with their labels.
const SPEEDS: [(f64, &str); 5] = [
    (0.25, "×0.25"),
    (0.5, "×0.5"),
    (1.0, "×1"),
    (2.0, "×2"),
    (4.0, "×4"),
];

/// Plays a finished record forward: the selected event moves from the first
/// to the last, waiting between two events as long as the run did (at the
/// chosen speed; at least a beat, so a burst of one millisecond can be
/// followed, and at most a second, so an idle gap does not stall it).
#[derive(Clone, Copy)]
struct Player {
    state: DemoState,
    speed: RwSignal<f64>,
    /// Whether the replay is moving.
    playing: RwSignal<bool>,
    /// Paused part-way by the Pause button: Play goes on from there.
    resumable: RwSignal<bool>,
    /// Bumped per start/pause: a pending step of an older replay does nothing.
    generation: StoredValue<u64>,
    /// The event the replay selected last: if the selection is elsewhere,
    /// the reader stepped (or clicked a marker) and the replay stops.
    last: StoredValue<Option<usize>>,
}

impl Player {
    /// A beat between two steps at ×1, in ms.
    const MIN_STEP_MS: f64 = 180.0;
    const MAX_STEP_MS: f64 = 1000.0;

    fn new(state: DemoState, speed: RwSignal<f64>) -> Player {
        let p = Player {
            state,
            speed,
            playing: RwSignal::new(false),
            resumable: RwSignal::new(false),
            generation: StoredValue::new(0),
            last: StoredValue::new(None),
        };
        // A step key, a new run or Reset takes the cursor: the replay stops.
        Effect::watch(
            move || (state.record.id(), state.phase.get()),
            move |_, _, _| {
                p.pause();
                p.resumable.set(false);
            },
            false,
        );
        // The events ahead of the cursor are veiled while the replay is on.
        Effect::new(move |_| {
            let on = p.playing.get() || p.resumable.get();
            if state.replaying.get_untracked() != on {
                state.replaying.set(on);
            }
        });
        on_cleanup(move || p.pause());
        p
    }

    /// Plays from the first event, or on from where Pause left it.
    fn start(self) {
        if !self.resumable.get_untracked() || self.state.current.get_untracked().is_none() {
            self.state.step(Step::First);
        }
        self.resumable.set(false);
        self.state.focus_selected();
        self.last.set_value(self.state.current.get_untracked());
        self.playing.set(true);
        let g = self.generation.get_value() + 1;
        self.generation.set_value(g);
        self.schedule(g);
    }

    fn pause(self) {
        self.generation.try_update_value(|g| *g += 1);
        if self.playing.try_get_untracked() == Some(true) {
            self.playing.set(false);
        }
    }

    /// Waits as long as the gap to the next event, then steps.
    fn schedule(self, g: u64) {
        let s = self.state;
        let gap = s.record.with_untracked(|m| {
            let cur = s.current.get_untracked()?;
            let events = m.events();
            let now = events.get(cur)?.t;
            let next = events.get(cur + 1)?.t;
            Some(next - now)
        });
        let Some(gap) = gap else {
            self.playing.set(false);
            return;
        };
        let wait = gap.clamp(Self::MIN_STEP_MS, Self::MAX_STEP_MS) / self.speed.get_untracked();
        set_timeout(
            move || {
                if self.generation.try_get_value() != Some(g) {
                    return;
                }
                let before = s.current.get_untracked();
                if before != self.last.get_value() {
                    // The reader took the cursor.
                    self.pause();
                    return;
                }
                s.step(Step::Next);
                self.last.set_value(s.current.get_untracked());
                s.focus_selected();
                if s.current.get_untracked() == before {
                    self.playing.set(false);
                } else {
                    self.schedule(g);
                }
            },
            std::time::Duration::from_millis(wait.round() as u64),
        );
    }
}

/// Keeps keyboard focus among the panel's buttons when the focused one is
/// disabled under it — Stop once the run ends (or is stopped), Reset once
/// pressed. The browser would drop focus to the page's start, and the next
/// Tab would begin there. Focus goes to Replay after Stop, otherwise to Run,
/// or else to the first button still enabled.
fn keep_focus_in_controls(ev: web_sys::FocusEvent) {
    let Some(button) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    // Focus moved somewhere on purpose, or the button is still usable.
    if ev.related_target().is_some() || !button.has_attribute("disabled") {
        return;
    }
    let Some(group) = button.parent_element() else {
        return;
    };
    let prefer: [&str; 2] = match button.get_attribute("data-action").as_deref() {
        Some("stop") => ["replay", "run"],
        _ => ["run", "replay"],
    };
    request_animation_frame(move || {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        // Only if nothing else took focus meanwhile (and the panel is still
        // on the page).
        let lost = match doc.active_element() {
            None => true,
            Some(a) => a == button || doc.body().is_some_and(|b| *b == a),
        };
        if !lost || !group.is_connected() {
            return;
        }
        let target = prefer
            .iter()
            .map(|a| format!("button[data-action={a}]:not([disabled])"))
            .chain(std::iter::once("button:not([disabled])".to_string()))
            .find_map(|sel| group.query_selector(&sel).ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(target) = target {
            let _ = target.focus();
        }
    });
}

/// The small pictures on the panel's buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Icon {
    /// ▶
    Run,
    /// ■
    Stop,
    /// ▶▶
    Instant,
    /// ↺
    Replay,
    /// |◀
    First,
    /// ◀
    Prev,
    /// ▶
    Next,
    /// ▶|
    Last,
}

/// A 16 px icon in the text colour, hidden from screen readers (the button
/// says what it does in words). SVG rather than symbol characters: fonts
/// on phones and CI machines lack ⏮ and ⏭.
pub fn icon(which: Icon) -> impl IntoView {
    let d = match which {
        Icon::Run | Icon::Next => "M4.5 2.5l9 5.5-9 5.5z",
        Icon::Stop => "M3.5 3.5h9v9h-9z",
        Icon::Instant => "M1.5 3l6.5 5-6.5 5zM8 3l6.5 5L8 13z",
        Icon::Replay => "M8 2.2a5.8 5.8 0 1 1-5.5 4l1.9.6A3.8 3.8 0 1 0 8 4.2v2.3L4.6 3.3 8 0z",
        Icon::First => "M2.5 2.5h2v11h-2zM13.5 2.5v11L5.5 8z",
        Icon::Prev => "M11.5 2.5v11L2.5 8z",
        Icon::Last => "M11.5 2.5h2v11h-2zM2.5 2.5l8 5.5-8 5.5z",
    };
    view! {
        <svg class="icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d=d></path>
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::same_file;

    #[test]
    fn demo_files_are_recognised_however_the_compiler_spelled_them() {
        let repo = "lessons/04-break-and-cleanup/cleanup.rs";
        assert!(same_file(
            "/work/main/lessons/04-break-and-cleanup/cleanup.rs",
            repo
        ));
        assert!(same_file("04-break-and-cleanup/cleanup.rs", repo));
        assert!(same_file("lessons\\04-break-and-cleanup\\cleanup.rs", repo));
        assert!(!same_file("trace/src/instrument.rs", repo));
        assert!(!same_file("", repo));
    }
}
