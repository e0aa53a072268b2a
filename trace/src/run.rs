//! A run: one execution of a demo future, with its own executor, clock and
//! event log.
//!
//! The executor is deliberately tiny and single-threaded: it polls tasks when
//! their wakers fire and nothing else, so what the timeline shows is what the
//! futures did, not what a scheduler decided. Two clocks drive its timers:
//!
//! * **virtual** ([`Clock::Virtual`]): time jumps straight to the next
//!   deadline; timers fire in deadline order, equal deadlines in creation
//!   order. Deterministic, used by native tests and the "instant" mode.
//! * **live** ([`Clock::Live`], wasm only): real browser timers
//!   (`gloo-timers`), timestamps from `performance.now()`.
//!
//! Demo code never names a clock: it calls [`crate::sleep`], [`crate::note`],
//! [`crate::traced`] … which find the run they belong to through a
//! thread-local that is set while the run polls or drops its tasks.

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::rc::{Rc, Weak};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use futures::future::LocalBoxFuture;
use futures::task::ArcWake;

use crate::event::{Event, Kind, LaneId, Loc};

/// Which clock drives a run's timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// Deterministic virtual time: runs to the end at once.
    Virtual,
    /// Real browser timers (only on `wasm32`).
    Live,
}

/// Where a run is in its life.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Status {
    /// Created, main future not started.
    #[default]
    Idle,
    /// Started and not finished.
    Running,
    /// The main future returned.
    Finished,
    /// Stopped from outside ([`Run::stop`]); its tasks were dropped.
    Stopped,
    /// Nothing could ever wake the main future again: no task was ready
    /// and no timer was pending, with the main future not done (a hang).
    Stalled,
    /// Hit [`Limits`]: too many events or too much virtual time.
    OverLimit,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 6] = [
        Status::Idle,
        Status::Running,
        Status::Finished,
        Status::Stopped,
        Status::Stalled,
        Status::OverLimit,
    ];

    /// True once nothing more will happen.
    pub fn is_done(self) -> bool {
        !matches!(self, Status::Idle | Status::Running)
    }

    /// A stable name (`finished`, `over-limit`), as [`crate::Kind::as_str`].
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Idle => "idle",
            Status::Running => "running",
            Status::Finished => "finished",
            Status::Stopped => "stopped",
            Status::Stalled => "stalled",
            Status::OverLimit => "over-limit",
        }
    }

    /// Parses [`Status::as_str`] back.
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Bounds that keep a runaway demo (or an odd knob value) from freezing the page.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Stop recording (and stop the run) after this many events.
    pub max_events: usize,
    /// Stop a virtual run whose clock passes this many ms.
    pub max_virtual_ms: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_events: 50_000,
            max_virtual_ms: 10 * 60 * 1000,
        }
    }
}

/// The lane every run starts with: the demo's main future (the consumer).
pub const MAIN_LANE: LaneId = 0;

struct Task {
    fut: Option<LocalBoxFuture<'static, ()>>,
    lane: LaneId,
    /// The line that spawned it (none for the main future): a wake its
    /// code causes outside any traced value is blamed there.
    site: Loc,
    waker: Waker,
}

pub(crate) struct SleepState {
    pub(crate) fired: Cell<bool>,
    pub(crate) waker: RefCell<Option<Waker>>,
    pub(crate) loc: Loc,
}

impl SleepState {
    /// The timer is due: remember it and wake whoever waits on it.
    pub(crate) fn fire(&self, ctx: &Ctx) {
        self.fired.set(true);
        let waker = self.waker.borrow_mut().take();
        if let Some(w) = waker {
            ctx.push_site(self.loc);
            w.wake();
            ctx.pop_site();
        }
    }
}

pub(crate) struct Ctx {
    id: u64,
    clock: Clock,
    limits: Limits,
    now_virtual: Cell<u64>,
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    start_live: Cell<f64>,
    /// How many times slower than real time a live run goes (1: real
    /// time). Its timers wait this much longer and its readings are divided
    /// by it, so the record shows the demo's own times either way.
    slowdown: Cell<f64>,
    events: RefCell<Vec<Event>>,
    lanes: RefCell<Vec<Cow<'static, str>>>,
    lane_stack: RefCell<Vec<LaneId>>,
    task_lane: Cell<LaneId>,
    /// The demo lines of the code running now, innermost last: a traced
    /// value's site while it is polled, a timer's `sleep` line while it
    /// fires. A wake is blamed on the innermost one (or on no line).
    sites: RefCell<Vec<Loc>>,
    tasks: RefCell<Vec<Option<Task>>>,
    ready: RefCell<VecDeque<usize>>,
    pub(crate) timers: RefCell<BTreeMap<(u64, u64), Rc<SleepState>>>,
    timer_seq: Cell<u64>,
    status: Cell<Status>,
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    scheduled: Cell<bool>,
    main_task: Cell<Option<usize>>,
}

thread_local! {
    static CURRENT: RefCell<Option<Rc<Ctx>>> = const { RefCell::new(None) };
    static RUNS: RefCell<Vec<(u64, Weak<Ctx>)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

/// Makes `ctx` the current run until the guard is dropped.
pub(crate) struct Enter(Option<Rc<Ctx>>);

impl Drop for Enter {
    fn drop(&mut self) {
        let prev = self.0.take();
        CURRENT.with(|c| *c.borrow_mut() = prev);
    }
}

pub(crate) fn enter(ctx: &Rc<Ctx>) -> Enter {
    Enter(CURRENT.with(|c| c.borrow_mut().replace(ctx.clone())))
}

/// The run whose code is executing now, if any.
pub(crate) fn current() -> Option<Rc<Ctx>> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Finds a run by id (wakers only carry ids, so that they stay `Send + Sync`).
fn with_run(id: u64, f: impl FnOnce(&Rc<Ctx>)) {
    let ctx = RUNS.with(|r| {
        r.borrow()
            .iter()
            .find(|(i, _)| *i == id)
            .and_then(|(_, w)| w.upgrade())
    });
    if let Some(ctx) = ctx {
        f(&ctx);
    }
}

struct TaskWaker {
    run: u64,
    task: usize,
}

impl ArcWake for TaskWaker {
    fn wake_by_ref(arc_self: &Arc<Self>) {
        let task = arc_self.task;
        with_run(arc_self.run, |ctx| ctx.wake_task(task));
    }
}

/// A waker that records a `wake` on a lane, then passes the wake on.
pub(crate) struct WakeRecorder {
    pub(crate) run: u64,
    pub(crate) lane: LaneId,
    pub(crate) inner: Waker,
}

impl ArcWake for WakeRecorder {
    fn wake_by_ref(arc_self: &Arc<Self>) {
        with_run(arc_self.run, |ctx| {
            let loc = ctx.current_site();
            ctx.record_on(arc_self.lane, Kind::Wake, Cow::Borrowed(""), loc);
        });
        arc_self.inner.wake_by_ref();
    }
}

impl Ctx {
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    /// `loc` is the demo line running now, until [`Ctx::pop_site`].
    pub(crate) fn push_site(&self, loc: Loc) {
        self.sites.borrow_mut().push(loc);
    }

    pub(crate) fn pop_site(&self) {
        self.sites.borrow_mut().pop();
    }

    /// The innermost demo line running now ([`Loc::UNKNOWN`] if none).
    pub(crate) fn current_site(&self) -> Loc {
        self.sites.borrow().last().copied().unwrap_or(Loc::UNKNOWN)
    }

    pub(crate) fn clock(&self) -> Clock {
        self.clock
    }

    /// Milliseconds since the run started.
    pub(crate) fn now(&self) -> f64 {
        match self.clock {
            Clock::Virtual => self.now_virtual.get() as f64,
            Clock::Live => self.live_now(),
        }
    }

    pub(crate) fn now_virtual(&self) -> u64 {
        self.now_virtual.get()
    }

    #[cfg(target_arch = "wasm32")]
    fn live_now(&self) -> f64 {
        (crate::live::performance_now() - self.start_live.get()) / self.slowdown.get()
    }

    /// Real milliseconds for `ms` of the demo's time (see `slowdown`).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn real_ms(&self, ms: u64) -> u64 {
        (ms as f64 * self.slowdown.get()).round() as u64
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn live_now(&self) -> f64 {
        self.now_virtual.get() as f64
    }

    pub(crate) fn next_timer_seq(&self) -> u64 {
        let s = self.timer_seq.get();
        self.timer_seq.set(s + 1);
        s
    }

    /// The lane of the code running now: the innermost traced stream being
    /// polled, else the task being polled.
    pub(crate) fn current_lane(&self) -> LaneId {
        self.lane_stack
            .borrow()
            .last()
            .copied()
            .unwrap_or_else(|| self.task_lane.get())
    }

    pub(crate) fn push_lane(&self, lane: LaneId) {
        self.lane_stack.borrow_mut().push(lane);
    }

    pub(crate) fn pop_lane(&self) {
        self.lane_stack.borrow_mut().pop();
    }

    /// The lane called `name`, created on first use.
    pub(crate) fn lane(&self, name: Cow<'static, str>) -> LaneId {
        let mut lanes = self.lanes.borrow_mut();
        if let Some(i) = lanes.iter().position(|l| *l == name) {
            return i as LaneId;
        }
        lanes.push(name);
        (lanes.len() - 1) as LaneId
    }

    pub(crate) fn record(&self, kind: Kind, value: Cow<'static, str>, loc: Loc) {
        self.record_on(self.current_lane(), kind, value, loc);
    }

    pub(crate) fn record_on(&self, lane: LaneId, kind: Kind, value: Cow<'static, str>, loc: Loc) {
        {
            let mut events = self.events.borrow_mut();
            if events.len() >= self.limits.max_events {
                if self.status.get() == Status::Running {
                    self.status.set(Status::OverLimit);
                }
                return;
            }
            events.push(Event {
                t: self.now(),
                lane,
                kind,
                value,
                loc,
            });
        }
    }

    pub(crate) fn spawn(
        self: &Rc<Self>,
        lane: LaneId,
        site: Loc,
        fut: LocalBoxFuture<'static, ()>,
    ) -> usize {
        let id = self.tasks.borrow().len();
        let waker = futures::task::waker(Arc::new(TaskWaker {
            run: self.id,
            task: id,
        }));
        self.tasks.borrow_mut().push(Some(Task {
            fut: Some(fut),
            lane,
            site,
            waker,
        }));
        self.wake_task(id);
        id
    }

    fn wake_task(&self, task: usize) {
        if self.status.get().is_done() {
            return;
        }
        self.ready.borrow_mut().push_back(task);
        #[cfg(target_arch = "wasm32")]
        if self.clock == Clock::Live
            && !self.scheduled.get()
            && self.status.get() == Status::Running
        {
            self.scheduled.set(true);
            let id = self.id;
            wasm_bindgen_futures::spawn_local(async move {
                with_run(id, |ctx| {
                    ctx.scheduled.set(false);
                    ctx.drain();
                });
            });
        }
    }

    /// Polls every task that has been woken, until none is left.
    pub(crate) fn drain(self: &Rc<Self>) {
        loop {
            if self.status.get() != Status::Running {
                break;
            }
            let next = self.ready.borrow_mut().pop_front();
            let Some(id) = next else { break };
            self.poll_task(id);
        }
        if self.status.get() == Status::OverLimit {
            self.finish(Status::OverLimit);
        }
        // A live run waits for its timers; with none left and nothing
        // ready, nothing can wake it (the virtual clock finds this in
        // `run_until`).
        if self.clock == Clock::Live
            && self.status.get() == Status::Running
            && self.ready.borrow().is_empty()
            && self.timers.borrow().is_empty()
        {
            self.finish(Status::Stalled);
        }
    }

    fn poll_task(self: &Rc<Self>, id: usize) {
        let taken = {
            let mut tasks = self.tasks.borrow_mut();
            match tasks.get_mut(id).and_then(Option::as_mut) {
                Some(task) => task
                    .fut
                    .take()
                    .map(|f| (f, task.lane, task.site, task.waker.clone())),
                None => None,
            }
        };
        let Some((mut fut, lane, site, waker)) = taken else {
            return;
        };
        let _enter = enter(self);
        let prev_lane = self.task_lane.replace(lane);
        self.push_site(site);
        let res = fut.as_mut().poll(&mut Context::from_waker(&waker));
        self.pop_site();
        self.task_lane.set(prev_lane);
        match res {
            Poll::Pending => {
                if let Some(Some(task)) = self.tasks.borrow_mut().get_mut(id) {
                    task.fut = Some(fut);
                }
            }
            Poll::Ready(()) => {
                drop(fut);
                if let Some(slot) = self.tasks.borrow_mut().get_mut(id) {
                    *slot = None;
                }
                if self.main_task.get() == Some(id) {
                    self.finish(Status::Finished);
                }
            }
        }
    }

    /// Drops every task that is left (main first), recording what that drop
    /// causes, and settles the run's status.
    fn finish(self: &Rc<Self>, status: Status) {
        let _enter = enter(self);
        // Dropping a task can spawn another (a `Drop` that schedules async
        // cleanup); those are dropped too, a bounded number of rounds.
        for _ in 0..16 {
            let tasks: Vec<Task> = std::mem::take(&mut *self.tasks.borrow_mut())
                .into_iter()
                .flatten()
                .collect();
            if tasks.is_empty() {
                break;
            }
            for task in tasks {
                if let Some(fut) = task.fut {
                    let prev = self.task_lane.replace(task.lane);
                    if status == Status::Stopped {
                        self.record_on(task.lane, Kind::Drop, Cow::Borrowed("task"), Loc::UNKNOWN);
                    }
                    drop(fut);
                    self.task_lane.set(prev);
                }
            }
        }
        self.ready.borrow_mut().clear();
        if !self.status.get().is_done() || status == Status::Stopped {
            self.status.set(status);
        }
    }
}

/// One execution of a demo. Dropping a running `Run` stops it.
pub struct Run {
    ctx: Rc<Ctx>,
}

impl Run {
    /// A new, idle run on `clock` with default [`Limits`].
    pub fn new(clock: Clock) -> Run {
        Run::with_limits(clock, Limits::default())
    }

    /// A new, idle run with explicit limits.
    pub fn with_limits(clock: Clock, limits: Limits) -> Run {
        let id = NEXT_ID.with(|n| {
            let id = n.get();
            n.set(id + 1);
            id
        });
        let clock = if cfg!(target_arch = "wasm32") {
            clock
        } else {
            // There are no browser timers natively; a live run there would
            // never fire, so it runs on virtual time instead.
            Clock::Virtual
        };
        let ctx = Rc::new(Ctx {
            id,
            clock,
            limits,
            now_virtual: Cell::new(0),
            start_live: Cell::new(0.0),
            slowdown: Cell::new(1.0),
            events: RefCell::new(Vec::new()),
            lanes: RefCell::new(vec![Cow::Borrowed("main")]),
            lane_stack: RefCell::new(Vec::new()),
            task_lane: Cell::new(MAIN_LANE),
            sites: RefCell::new(Vec::new()),
            tasks: RefCell::new(Vec::new()),
            ready: RefCell::new(VecDeque::new()),
            timers: RefCell::new(BTreeMap::new()),
            timer_seq: Cell::new(0),
            status: Cell::new(Status::Idle),
            scheduled: Cell::new(false),
            main_task: Cell::new(None),
        });
        RUNS.with(|r| {
            let mut r = r.borrow_mut();
            r.retain(|(_, w)| w.strong_count() > 0);
            r.push((id, Rc::downgrade(&ctx)));
        });
        Run { ctx }
    }

    /// Which clock this run uses (always `Virtual` off the browser).
    pub fn clock(&self) -> Clock {
        self.ctx.clock
    }

    /// Starts `main`. On the live clock it begins at once (in a microtask);
    /// on the virtual clock call [`Run::run_to_end`].
    pub fn start(&self, main: impl Future<Output = ()> + 'static) {
        if self.ctx.status.get() != Status::Idle {
            return;
        }
        #[cfg(target_arch = "wasm32")]
        self.ctx.start_live.set(crate::live::performance_now());
        self.ctx.status.set(Status::Running);
        let id = self.ctx.spawn(MAIN_LANE, Loc::UNKNOWN, Box::pin(main));
        self.ctx.main_task.set(Some(id));
        if self.ctx.clock == Clock::Live {
            self.ctx.drain();
        }
    }

    /// Makes a live run go `factor` times slower than real time (e.g. 4: a
    /// 100 ms sleep waits 400 ms), to watch it in slow motion. The recorded
    /// times stay the demo's own (divided back by `factor`). Call before
    /// [`Run::start`]; no effect on the virtual clock. Factors outside
    /// 0.1–20 are clamped.
    pub fn set_slowdown(&self, factor: f64) {
        let f = if factor.is_finite() {
            factor.clamp(0.1, 20.0)
        } else {
            1.0
        };
        self.ctx.slowdown.set(f);
    }

    /// Runs a virtual-clock run until its main future returns (or nothing
    /// can wake it any more, or it hits its limits).
    pub fn run_to_end(&self) -> Status {
        self.run_until(u64::MAX)
    }

    /// Runs a virtual-clock run until its clock reaches `ms` (timers due
    /// later stay pending) or it ends, whichever comes first.
    pub fn run_until(&self, ms: u64) -> Status {
        if self.ctx.clock != Clock::Virtual {
            return self.status();
        }
        let ctx = &self.ctx;
        loop {
            ctx.drain();
            if ctx.status.get() != Status::Running {
                break;
            }
            let next_deadline = ctx.timers.borrow().first_key_value().map(|(k, _)| k.0);
            let Some(deadline) = next_deadline else {
                ctx.finish(Status::Stalled);
                break;
            };
            if deadline > ms {
                ctx.now_virtual.set(ms.max(ctx.now_virtual.get()));
                break;
            }
            if deadline > ctx.limits.max_virtual_ms {
                ctx.finish(Status::OverLimit);
                break;
            }
            let Some((_, timer)) = ctx.timers.borrow_mut().pop_first() else {
                break;
            };
            ctx.now_virtual.set(deadline.max(ctx.now_virtual.get()));
            let _enter = enter(ctx);
            timer.fire(ctx);
        }
        self.status()
    }

    /// Stops the run from outside: records a `cancel`, then drops every task
    /// (recording each drop and every cleanup it causes). No timer of the
    /// run fires afterwards. Does nothing if the run is already done.
    pub fn stop(&self) {
        let ctx = &self.ctx;
        if ctx.status.get().is_done() {
            return;
        }
        if ctx.status.get() == Status::Running {
            ctx.record_on(
                MAIN_LANE,
                Kind::Cancel,
                Cow::Borrowed("stopped"),
                Loc::UNKNOWN,
            );
        }
        ctx.status.set(Status::Stopped);
        ctx.finish(Status::Stopped);
        ctx.timers.borrow_mut().clear();
    }

    /// Where the run is.
    pub fn status(&self) -> Status {
        self.ctx.status.get()
    }

    /// The events so far, in the order they happened.
    pub fn events(&self) -> Ref<'_, [Event]> {
        Ref::map(self.ctx.events.borrow(), |v| v.as_slice())
    }

    /// How many events have been recorded.
    pub fn event_count(&self) -> usize {
        self.ctx.events.borrow().len()
    }

    /// The lanes' names, indexed by [`LaneId`].
    pub fn lanes(&self) -> Vec<String> {
        self.ctx
            .lanes
            .borrow()
            .iter()
            .map(|l| l.to_string())
            .collect()
    }

    /// The clock's reading now (ms since start).
    pub fn now(&self) -> f64 {
        self.ctx.now()
    }

    /// A snapshot of the lanes and events.
    pub fn trace(&self) -> Trace {
        Trace {
            lanes: self.lanes(),
            events: self.ctx.events.borrow().clone(),
            status: self.status(),
        }
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Runs `main` on a fresh virtual clock to the end and returns its trace.
pub fn run_virtual(main: impl Future<Output = ()> + 'static) -> Trace {
    let run = Run::new(Clock::Virtual);
    run.start(main);
    run.run_to_end();
    run.trace()
}

/// A finished (or stopped) run's record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace {
    /// Lane names by [`LaneId`].
    pub lanes: Vec<String>,
    /// Events in the order they happened.
    pub events: Vec<Event>,
    /// How the run ended.
    pub status: Status,
}

impl Trace {
    /// The name of `lane`.
    pub fn lane_name(&self, lane: LaneId) -> &str {
        self.lanes.get(lane as usize).map_or("?", String::as_str)
    }

    /// The trace in the notation of `docs/notation.md`: events at the same time
    /// are grouped after `tN`, groups separated by ` · `, e.g.
    /// `t0 P · t100 W R(0) B(0) P`. Only events for which `keep` is true count.
    pub fn notation(&self, keep: impl Fn(&Event) -> bool) -> String {
        let mut out = String::new();
        let mut last_t: Option<i64> = None;
        for e in self.events.iter().filter(|e| keep(e)) {
            let t = e.t_ms();
            if last_t != Some(t) {
                if last_t.is_some() {
                    out.push_str(" · ");
                }
                out.push_str(&format!("t{t}"));
                last_t = Some(t);
            }
            out.push(' ');
            out.push_str(&e.short());
        }
        out
    }

    /// The events of one kind, as their values.
    pub fn values(&self, kind: Kind) -> Vec<&str> {
        self.events
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.value.as_ref())
            .collect()
    }

    /// The events of the whole millisecond `ms`, in order, each as
    /// `lane:code` (`read_frame:D`, `main:tick`): what tests assert about
    /// one instant.
    pub fn at_ms(&self, ms: i64) -> Vec<String> {
        self.events
            .iter()
            .filter(|e| e.t_ms() == ms)
            .map(|e| format!("{}:{}", self.lane_name(e.lane), e.short()))
            .collect()
    }

    /// Position of the first event matching `f`.
    pub fn position(&self, f: impl Fn(&Event) -> bool) -> Option<usize> {
        self.events.iter().position(f)
    }
}
