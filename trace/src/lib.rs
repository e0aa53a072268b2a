//! Records what async Rust code really does — every `poll_next` and its
//! result, every wake, yield, drop and cleanup — with the demo line that
//! caused it, on a live browser clock or a deterministic virtual one.
//!
//! This crate knows nothing about how events are drawn (that is the app's
//! job) and nothing about lessons. Data flows one way: demo code → [`Run`]
//! → [`Trace`] / [`Event`]s → the app's timeline model (layout) → the view.
//!
//! ```
//! use futures::stream::{self, StreamExt};
//! use trace::{body, run_virtual, sleep, traced};
//!
//! let t = run_virtual(async {
//!     let mut s = traced("ticks", stream::iter(0..2).then(|i| async move {
//!         sleep(100).await;
//!         i
//!     }));
//!     while let Some(x) = s.next().await {
//!         body(x);
//!     }
//! });
//! assert_eq!(
//!     t.notation(|e| e.kind != trace::Kind::TimerSet),
//!     "t0 P · t100 W R(0) B(0) P · t200 W R(1) B(1) R∅ D"
//! );
//! ```

mod describe;
mod event;
mod instrument;
#[cfg(target_arch = "wasm32")]
mod live;
mod run;

pub use describe::Describe;
pub use event::{Event, Kind, LaneId, Loc};
pub use instrument::{
    body, cancel, error, note, now_ms, sleep, sleep_until, spawn, traced, traced_future, Guard,
    Sleep, Traced, TracedFuture,
};
pub use run::{run_virtual, Clock, Limits, Run, Status, Trace, MAIN_LANE};

#[cfg(test)]
mod tests;
