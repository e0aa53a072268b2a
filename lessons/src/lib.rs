//! The lessons of the Async Iteration Lab.
//!
//! Each lesson is a folder `lessons/NN-slug/` with `en.md`, `zh.md` and one
//! `.rs` file per live demo. `build.rs` turns the Markdown into HTML on the
//! host (no Markdown parser or highlighter ships in the wasm) and generates
//! [`LESSONS`], including every demo file as a module of this crate — so the
//! code a reader sees is exactly the code that runs.
//!
//! The lessons' ```` ```rust ```` blocks are doc tests of this crate: the
//! generated code holds one `#[cfg(doctest)]` item per block, named after its
//! place (`generated::doctests::L04_en_md_line_57`), so
//! `cargo test -p lessons --doc` compiles each with rustdoc's own rules —
//! hidden `# ` lines, `compile_fail` with its error code (see
//! `.cargo/config.toml`). The content checks are in `tests/`.
//!
//! Not here: how pages are laid out or drawn (the `app` crate), or how runs
//! are recorded (the `trace` crate).

pub mod drops;
pub mod glossary;
pub mod knobs;
pub mod registry;

pub use knobs::{Knob, KnobError, KnobKind, Knobs};
pub use registry::{Block, Case, Demo, Heading, Lang, Lesson, LessonRuntime, Page, Predict};

/// What every demo file starts with: `use crate::prelude::*;`.
pub mod prelude {
    pub use crate::knobs::{Knob, Knobs};
    pub use futures::future::{self, Either, FutureExt};
    pub use futures::stream::{self, Stream, StreamExt, TryStreamExt};
    pub use trace::{
        body, cancel, error, note, now_ms, sleep, spawn, traced, traced_future, Event, Guard, Kind,
        Trace,
    };
}

mod generated {
    #![allow(missing_docs, clippy::all)]
    use crate::registry::*;
    include!(concat!(env!("OUT_DIR"), "/lessons.rs"));
}

pub use generated::{GLOSSARY, LESSONS, RUNTIME};
pub use glossary::Term;

/// Helpers for the demos' own tests.
#[doc(hidden)]
pub mod testing {
    use std::future::Future;

    use crate::knobs::{Knob, Knobs};
    use trace::{Event, Kind, Trace};

    /// Runs a demo with its default knobs on the virtual clock.
    pub fn run_default<F: Future<Output = ()> + 'static>(
        knobs: &[Knob],
        run: impl FnOnce(Knobs) -> F,
    ) -> Trace {
        trace::run_virtual(run(Knobs::defaults(knobs)))
    }

    /// Runs a demo with its defaults overridden by `pairs` (as from a URL).
    ///
    /// # Panics
    /// If a pair is not a valid value: tests pass valid ones.
    pub fn run_with<F: Future<Output = ()> + 'static>(
        knobs: &[Knob],
        run: impl FnOnce(Knobs) -> F,
        pairs: &[(&str, &str)],
    ) -> Trace {
        let (k, errors) = Knobs::from_pairs(knobs, pairs.iter().copied());
        assert!(errors.is_empty(), "bad knob values in a test: {errors:?}");
        trace::run_virtual(run(k))
    }

    /// The knob settings the whole-site tests try: the defaults, then each
    /// knob at each end of its range (named `name=value`).
    pub fn knob_extremes(knobs: &[Knob]) -> Vec<(String, Knobs)> {
        let mut out = vec![("default knobs".to_string(), Knobs::defaults(knobs))];
        for k in knobs {
            let (lo, hi) = match k.kind {
                crate::KnobKind::Int { min, max, .. } => (min, max),
                crate::KnobKind::Bool => (0, 1),
                crate::KnobKind::Choice(c) => (0, c.len() as i64 - 1),
            };
            for v in [lo, hi] {
                if v == k.default {
                    continue;
                }
                let mut set = Knobs::defaults(knobs);
                set.set(k.name, v);
                out.push((format!("{}={}", k.name, k.format(v)), set));
            }
        }
        out
    }

    /// A filter for [`Trace::notation`] that leaves out timer events.
    pub fn no_timers(e: &Event) -> bool {
        !matches!(e.kind, Kind::TimerSet | Kind::TimerClear)
    }
}

/// The lesson whose slug is `slug`.
pub fn by_slug(slug: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.slug == slug)
}
