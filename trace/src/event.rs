//! The event model: one record per thing that happened in a demo run.
//!
//! This module only describes events; recording them is `run.rs`'s job and
//! drawing them is the app's.

use std::borrow::Cow;
use std::fmt;

/// What happened. The names (see [`Kind::as_str`]) are the `data-kind`
/// values of the transcript, so tests and CSS can rely on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A traced *future* was polled and returned `Ready` (its value is the label).
    Poll,
    /// `poll_next` returned `Poll::Pending`.
    Pending,
    /// Something called `wake()` on the waker a traced stream had handed out.
    Wake,
    /// `poll_next` returned `Ready(Some(item))`.
    Yield,
    /// `poll_next` returned `Ready(None)`: the stream ended.
    End,
    /// The consumer's loop body handled an item.
    Body,
    /// A traced stream or task was dropped.
    Drop,
    /// A resource's `Drop` ran (a [`crate::Guard`]).
    Cleanup,
    /// `poll_next` returned `Ready(Some(Err(..)))`, or the demo reported an error.
    Error,
    /// The run, or part of it, was cancelled (Stop button, abort, deadline).
    Cancel,
    /// A timer was created and will fire at `t + value` ms.
    TimerSet,
    /// A timer was dropped before it fired (its value says when it was due).
    TimerClear,
    /// Free text from the demo (`note("after loop")`).
    Note,
}

impl Kind {
    /// Every kind, in legend order.
    pub const ALL: [Kind; 13] = [
        Kind::Poll,
        Kind::Pending,
        Kind::Wake,
        Kind::Yield,
        Kind::End,
        Kind::Body,
        Kind::Drop,
        Kind::Cleanup,
        Kind::Error,
        Kind::Cancel,
        Kind::TimerSet,
        Kind::TimerClear,
        Kind::Note,
    ];

    /// The stable, kebab-case name used in `data-kind` attributes and CSS classes.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Poll => "poll",
            Kind::Pending => "pending",
            Kind::Wake => "wake",
            Kind::Yield => "yield",
            Kind::End => "end",
            Kind::Body => "body",
            Kind::Drop => "drop",
            Kind::Cleanup => "cleanup",
            Kind::Error => "error",
            Kind::Cancel => "cancel",
            Kind::TimerSet => "timer-set",
            Kind::TimerClear => "timer-clear",
            Kind::Note => "note",
        }
    }

    /// The short notation of `docs/notation.md` (`P`, `R(x)`, `W`, …), used by
    /// tests and by [`Event::short`].
    pub const fn symbol(self) -> &'static str {
        match self {
            Kind::Poll => "poll",
            Kind::Pending => "P",
            Kind::Wake => "W",
            Kind::Yield => "R",
            Kind::End => "R∅",
            Kind::Body => "B",
            Kind::Drop => "D",
            Kind::Cleanup => "C",
            Kind::Error => "E",
            Kind::Cancel => "cancel",
            Kind::TimerSet => "T+",
            Kind::TimerClear => "T✕",
            Kind::Note => "",
        }
    }

    /// Parses [`Kind::as_str`] back.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Index of a lane (an actor: a stream, a task, the consumer) in its run.
pub type LaneId = u16;

/// Where in the demo's source an event came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loc {
    /// The source file as the compiler saw it (often an absolute path).
    pub file: &'static str,
    /// 1-based line, 0 when unknown.
    pub line: u32,
}

impl Loc {
    /// No known location.
    pub const UNKNOWN: Loc = Loc { file: "", line: 0 };

    /// The location of a `#[track_caller]` function's caller.
    pub fn of(loc: &'static std::panic::Location<'static>) -> Loc {
        Loc {
            file: loc.file(),
            line: loc.line(),
        }
    }
}

/// One thing that happened.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Milliseconds on the run's clock since the run started.
    pub t: f64,
    /// Which actor it belongs to.
    pub lane: LaneId,
    /// What happened.
    pub kind: Kind,
    /// A short value: the item yielded, the note's text, the timer's delay…
    pub value: Cow<'static, str>,
    /// The demo line that caused it.
    pub loc: Loc,
}

impl Event {
    /// The event in the notation of `docs/notation.md`: `P`, `W`, `R(1)`, `B(1)`, `D`,
    /// `C`, `T+100`, `T✕300`, `R∅`, or a note's text.
    pub fn short(&self) -> String {
        match self.kind {
            Kind::Note => self.value.to_string(),
            _ if self.value.is_empty() => self.kind.symbol().to_string(),
            Kind::TimerSet | Kind::TimerClear => format!("{}{}", self.kind.symbol(), self.value),
            _ => format!("{}({})", self.kind.symbol(), self.value),
        }
    }

    /// The time as a whole number of milliseconds (what `data-t` shows).
    pub fn t_ms(&self) -> i64 {
        self.t.round() as i64
    }
}
