//! What demo code calls: [`sleep`], [`traced`], [`Guard`], [`note`],
//! [`body`], [`spawn`]. Each records into the run that is executing it and
//! captures the caller's line with `#[track_caller]`, so demo code reads like
//! ordinary async Rust.

use std::borrow::Cow;
use std::fmt;
use std::future::Future;
use std::panic::Location;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use futures::stream::{Next, Stream, StreamExt, TryNext, TryStream, TryStreamExt};

use crate::event::{Kind, LaneId, Loc};
use crate::run::{current, Clock, Ctx, SleepState, WakeRecorder};

/// How an item shows up in the timeline: its kind (`yield`, or `error` for an
/// `Err`) and a short label.
pub trait Describe {
    /// The event kind and label for this item.
    fn describe(&self) -> (Kind, Cow<'static, str>);
}

macro_rules! describe_display {
    ($($t:ty),*) => {$(
        impl Describe for $t {
            fn describe(&self) -> (Kind, Cow<'static, str>) {
                (Kind::Yield, Cow::Owned(self.to_string()))
            }
        }
    )*};
}
describe_display!(
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    usize,
    isize,
    char,
    bool,
    String,
    &'static str
);

impl<T: Describe, E: fmt::Display> Describe for Result<T, E> {
    fn describe(&self) -> (Kind, Cow<'static, str>) {
        match self {
            Ok(v) => (Kind::Yield, Cow::Owned(format!("Ok({})", v.describe().1))),
            Err(e) => (Kind::Error, Cow::Owned(format!("Err({e})"))),
        }
    }
}

impl<A: Describe, B: Describe> Describe for (A, B) {
    fn describe(&self) -> (Kind, Cow<'static, str>) {
        (
            Kind::Yield,
            Cow::Owned(format!(
                "({}, {})",
                self.0.describe().1,
                self.1.describe().1
            )),
        )
    }
}

impl<T: Describe> Describe for Vec<T> {
    fn describe(&self) -> (Kind, Cow<'static, str>) {
        let items: Vec<_> = self.iter().map(|x| x.describe().1).collect();
        (Kind::Yield, Cow::Owned(format!("[{}]", items.join(", "))))
    }
}

fn with_ctx(f: impl FnOnce(&Rc<Ctx>)) {
    if let Some(ctx) = current() {
        f(&ctx);
    }
}

/// Records a free-text note on the current lane ("after loop", "break").
#[track_caller]
pub fn note(text: impl Into<Cow<'static, str>>) {
    let loc = Loc::of(Location::caller());
    let text = text.into();
    with_ctx(|ctx| ctx.record(Kind::Note, text, loc));
}

/// Records that the consumer's loop body handled `item`.
#[track_caller]
pub fn body(item: impl fmt::Display) {
    let loc = Loc::of(Location::caller());
    with_ctx(|ctx| ctx.record(Kind::Body, Cow::Owned(item.to_string()), loc));
}

/// Records an error the demo observed (e.g. what `?` returned).
#[track_caller]
pub fn error(text: impl fmt::Display) {
    let loc = Loc::of(Location::caller());
    with_ctx(|ctx| ctx.record(Kind::Error, Cow::Owned(text.to_string()), loc));
}

/// Records a cancellation the demo performs itself (an abort, a deadline).
#[track_caller]
pub fn cancel(text: impl Into<Cow<'static, str>>) {
    let loc = Loc::of(Location::caller());
    let text = text.into();
    with_ctx(|ctx| ctx.record(Kind::Cancel, text, loc));
}

/// The current time on the run's clock, in whole ms (0 outside a run).
pub fn now_ms() -> u64 {
    current().map_or(0, |ctx| ctx.now().round() as u64)
}

/// Spawns `fut` as a separate task on the current run, in its own lane
/// `name`. It is dropped when the run ends or is stopped.
#[track_caller]
pub fn spawn(name: impl Into<Cow<'static, str>>, fut: impl Future<Output = ()> + 'static) {
    let ctx = current().expect("spawn() is called from demo code, inside a run");
    let lane = ctx.lane(name.into());
    ctx.spawn(lane, Box::pin(fut));
}

/// A resource whose `Drop` is recorded as `cleanup` (on the lane whose code
/// drops it), like a connection closed by its destructor.
pub struct Guard {
    label: Cow<'static, str>,
    ctx: Weak<Ctx>,
    loc: Loc,
}

impl Guard {
    /// A resource called `label`. The cleanup event points at this line.
    #[track_caller]
    pub fn new(label: impl Into<Cow<'static, str>>) -> Guard {
        Guard {
            label: label.into(),
            ctx: current().map_or_else(Weak::new, |c| Rc::downgrade(&c)),
            loc: Loc::of(Location::caller()),
        }
    }

    /// Its label.
    pub fn label(&self) -> &str {
        &self.label
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(ctx) = self.ctx.upgrade() {
            let label = std::mem::take(&mut self.label);
            ctx.record(Kind::Cleanup, label, self.loc);
        }
    }
}

impl fmt::Debug for Guard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Guard").field(&self.label).finish()
    }
}

/// A timer future: ready `ms` milliseconds after it was *created* (like
/// `gloo_timers::future::TimeoutFuture`). Dropping it before then clears the
/// timer, and both are recorded (`timer-set`, `timer-clear`).
#[must_use = "a Sleep does nothing unless awaited"]
pub struct Sleep {
    state: Rc<SleepState>,
    ctx: Weak<Ctx>,
    key: (u64, u64),
    due: u64,
    #[cfg(target_arch = "wasm32")]
    _live: Option<gloo_timers::callback::Timeout>,
}

/// A timer of `ms` milliseconds on the current run's clock.
#[track_caller]
pub fn sleep(ms: u64) -> Sleep {
    let loc = Loc::of(Location::caller());
    let ctx = current().expect("sleep() is called from demo code, inside a run");
    let state = Rc::new(SleepState {
        fired: std::cell::Cell::new(false),
        waker: std::cell::RefCell::new(None),
        loc,
    });
    let now = ctx.now().round() as u64;
    let due = now + ms;
    ctx.record(Kind::TimerSet, Cow::Owned(ms.to_string()), loc);
    let key = (ctx.now_virtual() + ms, ctx.next_timer_seq());
    #[cfg(target_arch = "wasm32")]
    let mut live = None;
    match ctx.clock() {
        Clock::Virtual => {
            ctx.timers.borrow_mut().insert(key, state.clone());
        }
        Clock::Live => {
            #[cfg(target_arch = "wasm32")]
            {
                let weak = Rc::downgrade(&ctx);
                let st = state.clone();
                let ms = u32::try_from(ms).unwrap_or(u32::MAX);
                live = Some(gloo_timers::callback::Timeout::new(ms, move || {
                    if let Some(ctx) = weak.upgrade() {
                        let _enter = crate::run::enter(&ctx);
                        st.fire(&ctx);
                    }
                }));
            }
        }
    }
    Sleep {
        state,
        ctx: Rc::downgrade(&ctx),
        key,
        due,
        #[cfg(target_arch = "wasm32")]
        _live: live,
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.state.fired.get() {
            Poll::Ready(())
        } else {
            *self.state.waker.borrow_mut() = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if self.state.fired.get() {
            return;
        }
        if let Some(ctx) = self.ctx.upgrade() {
            ctx.timers.borrow_mut().remove(&self.key);
            ctx.record(
                Kind::TimerClear,
                Cow::Owned(self.due.to_string()),
                self.state.loc,
            );
        }
    }
}

/// The recording waker handed to a traced stream or future, kept while the
/// executor's waker stays the same (`will_wake`), so a poll does not
/// allocate one.
#[derive(Default)]
struct WakerCache(Option<(Waker, Waker)>);

impl WakerCache {
    /// A waker that records a `wake` on `lane`, then wakes `inner`.
    fn get(&mut self, run: u64, lane: LaneId, inner: &Waker) -> &Waker {
        if !matches!(&self.0, Some((cached, _)) if cached.will_wake(inner)) {
            self.0 = None;
        }
        &self
            .0
            .get_or_insert_with(|| {
                let recorder = futures::task::waker(Arc::new(WakeRecorder {
                    run,
                    lane,
                    inner: inner.clone(),
                }));
                (inner.clone(), recorder)
            })
            .1
    }
}

/// A stream whose every `poll_next`, result, wake and drop is recorded in its
/// own lane. Create it with [`traced`].
pub struct Traced<S> {
    inner: Option<Pin<Box<S>>>,
    lane: LaneId,
    site: Loc,
    ctx: Weak<Ctx>,
    waker: WakerCache,
}

/// Wraps `stream` so that the timeline shows it in a lane called `name`.
#[track_caller]
pub fn traced<S: Stream>(name: impl Into<Cow<'static, str>>, stream: S) -> Traced<S> {
    let site = Loc::of(Location::caller());
    let ctx = current();
    let lane = ctx.as_ref().map_or(0, |c| c.lane(name.into()));
    Traced {
        inner: Some(Box::pin(stream)),
        lane,
        site,
        ctx: ctx.map_or_else(Weak::new, |c| Rc::downgrade(&c)),
        waker: WakerCache::default(),
    }
}

impl<S: Stream> Traced<S>
where
    S::Item: Describe,
{
    /// `StreamExt::next`, remembering the caller's line for the polls it causes.
    // Inherent on purpose: it shadows `StreamExt::next` so demo code reads as
    // usual while `#[track_caller]` captures the line.
    #[allow(clippy::should_implement_trait)]
    #[track_caller]
    pub fn next(&mut self) -> Next<'_, Self> {
        self.site = Loc::of(Location::caller());
        StreamExt::next(self)
    }

    /// `TryStreamExt::try_next`, remembering the caller's line.
    #[track_caller]
    pub fn try_next(&mut self) -> TryNext<'_, Self>
    where
        Self: TryStream,
    {
        self.site = Loc::of(Location::caller());
        TryStreamExt::try_next(self)
    }

    /// The lane this stream records into.
    pub fn lane(&self) -> LaneId {
        self.lane
    }
}

impl<S> Stream for Traced<S>
where
    S: Stream,
    S::Item: Describe,
{
    type Item = S::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        let this = self.get_mut();
        let Some(inner) = this.inner.as_mut() else {
            return Poll::Ready(None);
        };
        let Some(ctx) = this.ctx.upgrade() else {
            return inner.as_mut().poll_next(cx);
        };
        let waker = this.waker.get(ctx.id(), this.lane, cx.waker());
        ctx.push_lane(this.lane);
        let res = inner.as_mut().poll_next(&mut Context::from_waker(waker));
        ctx.pop_lane();
        ctx.cause.set(this.site);
        let (kind, value) = match &res {
            Poll::Pending => (Kind::Pending, Cow::Borrowed("")),
            Poll::Ready(Some(item)) => item.describe(),
            Poll::Ready(None) => (Kind::End, Cow::Borrowed("")),
        };
        ctx.record_on(this.lane, kind, value, this.site);
        res
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.as_ref().map_or((0, Some(0)), |s| s.size_hint())
    }
}

impl<S> Drop for Traced<S> {
    fn drop(&mut self) {
        let Some(inner) = self.inner.take() else {
            return;
        };
        match self.ctx.upgrade() {
            Some(ctx) => {
                ctx.record_on(self.lane, Kind::Drop, Cow::Borrowed(""), self.site);
                // Whatever the stream owns is dropped "inside" its lane, so
                // its cleanups show up there.
                ctx.push_lane(self.lane);
                drop(inner);
                ctx.pop_lane();
            }
            None => drop(inner),
        }
    }
}

impl<S> fmt::Debug for Traced<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Traced").field("lane", &self.lane).finish()
    }
}

/// A future whose polls are recorded in its own lane: `pending` while it
/// waits, `poll` with its output when it completes, `drop` if it is dropped
/// before completing (cancelled). Create it with [`traced_future`].
pub struct TracedFuture<F> {
    inner: Option<Pin<Box<F>>>,
    lane: LaneId,
    site: Loc,
    ctx: Weak<Ctx>,
    waker: WakerCache,
}

/// Wraps `fut` so that the timeline shows it in a lane called `name`.
#[track_caller]
pub fn traced_future<F: Future>(name: impl Into<Cow<'static, str>>, fut: F) -> TracedFuture<F> {
    let site = Loc::of(Location::caller());
    let ctx = current();
    let lane = ctx.as_ref().map_or(0, |c| c.lane(name.into()));
    TracedFuture {
        inner: Some(Box::pin(fut)),
        lane,
        site,
        ctx: ctx.map_or_else(Weak::new, |c| Rc::downgrade(&c)),
        waker: WakerCache::default(),
    }
}

impl<F> Future for TracedFuture<F>
where
    F: Future,
    F::Output: Describe,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.get_mut();
        let Some(inner) = this.inner.as_mut() else {
            panic!("a TracedFuture was polled after it completed");
        };
        let Some(ctx) = this.ctx.upgrade() else {
            return inner.as_mut().poll(cx);
        };
        let waker = this.waker.get(ctx.id(), this.lane, cx.waker());
        ctx.push_lane(this.lane);
        let res = inner.as_mut().poll(&mut Context::from_waker(waker));
        ctx.pop_lane();
        match &res {
            Poll::Pending => ctx.record_on(this.lane, Kind::Pending, Cow::Borrowed(""), this.site),
            Poll::Ready(out) => {
                let (kind, value) = out.describe();
                let kind = if kind == Kind::Error {
                    Kind::Error
                } else {
                    Kind::Poll
                };
                ctx.record_on(this.lane, kind, value, this.site);
                // Completed: drop what it owns now, inside its lane.
                ctx.push_lane(this.lane);
                this.inner = None;
                ctx.pop_lane();
            }
        }
        res
    }
}

impl<F> Drop for TracedFuture<F> {
    fn drop(&mut self) {
        let Some(inner) = self.inner.take() else {
            return;
        };
        match self.ctx.upgrade() {
            Some(ctx) => {
                ctx.record_on(self.lane, Kind::Drop, Cow::Borrowed(""), self.site);
                ctx.push_lane(self.lane);
                drop(inner);
                ctx.pop_lane();
            }
            None => drop(inner),
        }
    }
}

impl Describe for () {
    fn describe(&self) -> (Kind, Cow<'static, str>) {
        (Kind::Yield, Cow::Borrowed("()"))
    }
}
