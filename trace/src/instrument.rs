//! What demo code calls: [`traced`], [`traced_future`], [`sleep`], [`sleep_until`],
//! [`Guard`], [`note`], [`body`], [`error`], [`cancel`], [`spawn`],
//! [`now_ms`]. Each records into the run that is executing it and
//! captures the caller's line with `#[track_caller]`, so demo code reads like
//! ordinary async Rust.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::Future;
use std::panic::Location;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use futures::stream::{Next, Stream, StreamExt, TryNext, TryStream, TryStreamExt};

use crate::describe::Describe;
use crate::event::{Kind, LaneId, Loc};
use crate::run::{current, Clock, Ctx, SleepState, WakeRecorder};

/// Records `kind` on the current lane, at the line that called the
/// demo-side function, if a run is executing; `value` is only made then.
#[track_caller]
fn record_here(kind: Kind, value: impl FnOnce() -> Cow<'static, str>) {
    let loc = Loc::of(Location::caller());
    if let Some(ctx) = current() {
        ctx.record(kind, value(), loc);
    }
}

/// Records a free-text note on the current lane ("after loop", "break").
#[track_caller]
pub fn note(text: impl Into<Cow<'static, str>>) {
    record_here(Kind::Note, || text.into());
}

/// Records that the consumer's loop body handled `item`.
#[track_caller]
pub fn body(item: impl fmt::Display) {
    record_here(Kind::Body, || Cow::Owned(item.to_string()));
}

/// Records an error the demo observed (e.g. what `?` returned).
#[track_caller]
pub fn error(text: impl fmt::Display) {
    record_here(Kind::Error, || Cow::Owned(text.to_string()));
}

/// Records a cancellation the demo performs itself (an abort, a deadline).
#[track_caller]
pub fn cancel(text: impl Into<Cow<'static, str>>) {
    record_here(Kind::Cancel, || text.into());
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
    ctx.spawn(lane, Loc::of(Location::caller()), Box::pin(fut));
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
        fired: Cell::new(false),
        waker: RefCell::new(None),
        loc,
    });
    let now = ctx.now().round() as u64;
    let due = now + ms;
    ctx.record(Kind::TimerSet, Cow::Owned(ms.to_string()), loc);
    let key = (ctx.now_virtual() + ms, ctx.next_timer_seq());
    #[cfg(target_arch = "wasm32")]
    let mut live = None;
    // Every pending timer is in `ctx.timers` on both clocks: the virtual
    // clock fires them from there, and on either clock a run with no
    // timer left and no task ready can never be woken again (stalled).
    ctx.timers.borrow_mut().insert(key, state.clone());
    if ctx.clock() == Clock::Live {
        #[cfg(target_arch = "wasm32")]
        {
            let weak = Rc::downgrade(&ctx);
            let st = state.clone();
            let ms = u32::try_from(ctx.real_ms(ms)).unwrap_or(u32::MAX);
            live = Some(gloo_timers::callback::Timeout::new(ms, move || {
                if let Some(ctx) = weak.upgrade() {
                    ctx.timers.borrow_mut().remove(&key);
                    let _enter = crate::run::enter(&ctx);
                    st.fire(&ctx);
                }
            }));
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

/// A timer that is ready at `ms` on the current run's clock (ms since the
/// run started): [`sleep`] for the time left, or for 0 ms if `ms` has
/// passed. For items that arrive at fixed times (a marble source), whenever
/// they are asked for.
#[track_caller]
pub fn sleep_until(ms: u64) -> Sleep {
    sleep(ms.saturating_sub(now_ms()))
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

/// What a traced stream and a traced future share: the wrapped value, the
/// lane it records into, the demo line to blame for its events, and the
/// recording waker. It polls and drops the value "inside" its lane, so that
/// whatever the value's own code records (a timer, a nested stream's drop, a
/// cleanup) lands in that lane too.
struct Instrumented<T> {
    /// `None` once the value is dropped (a future releases it on completion).
    inner: Option<Pin<Box<T>>>,
    lane: LaneId,
    /// Where the wrapper was made, then the line of the latest `next()` or
    /// `try_next()`.
    site: Loc,
    /// Where the wrapper was made: its `drop` event names the value by this
    /// line (where the drop happened is not known at run time).
    made: Loc,
    /// The run it records into; a dangling `Weak` outside a run.
    ctx: Weak<Ctx>,
    waker: WakerCache,
}

impl<T> Instrumented<T> {
    /// Wraps `inner` in a lane called `name` of the current run (lane 0 and
    /// no recording outside a run). The site is the caller's line.
    #[track_caller]
    fn new(name: Cow<'static, str>, inner: T) -> Self {
        let site = Loc::of(Location::caller());
        let ctx = current();
        let lane = ctx.as_ref().map_or(0, |c| c.lane(name));
        Instrumented {
            inner: Some(Box::pin(inner)),
            lane,
            site,
            made: site,
            ctx: ctx.map_or_else(Weak::new, |c| Rc::downgrade(&c)),
            waker: WakerCache::default(),
        }
    }

    /// Polls the value with `poll`, inside its lane and with a waker that
    /// records `wake` there, then hands the result to `record`. If the run
    /// is gone the value is polled as it is and nothing is recorded. `None`
    /// if the value was already released.
    fn poll_in_lane<R>(
        &mut self,
        cx: &mut Context<'_>,
        poll: impl FnOnce(Pin<&mut T>, &mut Context<'_>) -> Poll<R>,
        record: impl FnOnce(&mut Self, &Ctx, &Poll<R>),
    ) -> Option<Poll<R>> {
        let inner = self.inner.as_mut()?;
        let Some(ctx) = self.ctx.upgrade() else {
            return Some(poll(inner.as_mut(), cx));
        };
        let waker = self.waker.get(ctx.id(), self.lane, cx.waker());
        ctx.push_lane(self.lane);
        ctx.push_site(self.site);
        let res = poll(inner.as_mut(), &mut Context::from_waker(waker));
        ctx.pop_site();
        ctx.pop_lane();
        record(self, &ctx, &res);
        Some(res)
    }

    /// Records `kind` with `value` on the lane, at the site.
    fn record(&self, ctx: &Ctx, kind: Kind, value: Cow<'static, str>) {
        ctx.record_on(self.lane, kind, value, self.site);
    }

    /// Drops the value inside its lane, so its cleanups show up there.
    fn release_in_lane(&mut self, ctx: &Ctx) {
        ctx.push_lane(self.lane);
        self.inner = None;
        ctx.pop_lane();
    }
}

impl<T> Drop for Instrumented<T> {
    /// A value still held (a stream, or a future that has not completed) is
    /// recorded as `drop` (at the line that made it), then released inside
    /// its lane.
    fn drop(&mut self) {
        if self.inner.is_none() {
            return;
        }
        if let Some(ctx) = self.ctx.upgrade() {
            ctx.record_on(self.lane, Kind::Drop, Cow::Borrowed(""), self.made);
            self.release_in_lane(&ctx);
        }
    }
}

/// A stream whose every `poll_next`, result, wake and drop is recorded in its
/// own lane. Create it with [`traced`].
pub struct Traced<S> {
    core: Instrumented<S>,
}

/// Wraps `stream` so that the timeline shows it in a lane called `name`.
#[track_caller]
pub fn traced<S: Stream>(name: impl Into<Cow<'static, str>>, stream: S) -> Traced<S> {
    Traced {
        core: Instrumented::new(name.into(), stream),
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
        self.core.site = Loc::of(Location::caller());
        StreamExt::next(self)
    }

    /// `TryStreamExt::try_next`, remembering the caller's line.
    #[track_caller]
    pub fn try_next(&mut self) -> TryNext<'_, Self>
    where
        Self: TryStream,
    {
        self.core.site = Loc::of(Location::caller());
        TryStreamExt::try_next(self)
    }

    /// The lane this stream records into.
    pub fn lane(&self) -> LaneId {
        self.core.lane
    }
}

impl<S> Stream for Traced<S>
where
    S: Stream,
    S::Item: Describe,
{
    type Item = S::Item;

    /// Records the result: `pending`, the item (`yield`, or `error` for an
    /// `Err`), or `end`. A wake its inner stream causes while polled is
    /// blamed on this stream's site.
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        let polled = self
            .get_mut()
            .core
            .poll_in_lane(cx, S::poll_next, |core, ctx, res| {
                let (kind, value) = match res {
                    Poll::Pending => (Kind::Pending, Cow::Borrowed("")),
                    Poll::Ready(Some(item)) => item.describe(),
                    Poll::Ready(None) => (Kind::End, Cow::Borrowed("")),
                };
                core.record(ctx, kind, value);
            });
        // Only the stream's own drop releases the value, so this never ends
        // a stream early.
        polled.unwrap_or(Poll::Ready(None))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.core
            .inner
            .as_ref()
            .map_or((0, Some(0)), |s| s.size_hint())
    }
}

impl<S> fmt::Debug for Traced<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Traced")
            .field("lane", &self.core.lane)
            .finish()
    }
}

/// A future whose polls are recorded in its own lane: `pending` while it
/// waits, `poll` with its output when it completes, `drop` if it is dropped
/// before completing (cancelled). Create it with [`traced_future`].
pub struct TracedFuture<F> {
    core: Instrumented<F>,
}

/// Wraps `fut` so that the timeline shows it in a lane called `name`.
#[track_caller]
pub fn traced_future<F: Future>(name: impl Into<Cow<'static, str>>, fut: F) -> TracedFuture<F> {
    TracedFuture {
        core: Instrumented::new(name.into(), fut),
    }
}

impl<F> Future for TracedFuture<F>
where
    F: Future,
    F::Output: Describe,
{
    type Output = F::Output;

    /// Records `pending`, or on completion the output (`poll`, or `error`
    /// for an `Err`) and then drops what the future owns, inside its lane.
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let polled = self
            .get_mut()
            .core
            .poll_in_lane(cx, F::poll, |core, ctx, res| match res {
                Poll::Pending => core.record(ctx, Kind::Pending, Cow::Borrowed("")),
                Poll::Ready(out) => {
                    let (kind, value) = out.describe();
                    let kind = if kind == Kind::Error {
                        Kind::Error
                    } else {
                        Kind::Poll
                    };
                    core.record(ctx, kind, value);
                    core.release_in_lane(ctx);
                }
            });
        let Some(res) = polled else {
            panic!("a TracedFuture was polled after it completed");
        };
        res
    }
}

impl<F> fmt::Debug for TracedFuture<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TracedFuture")
            .field("lane", &self.core.lane)
            .finish()
    }
}
