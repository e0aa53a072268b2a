//! The lessons of the Async Iteration Lab.
//!
//! Each lesson is a folder `lessons/NN-slug/` with `en.md`, `zh.md` and one
//! `.rs` file per live demo. `build.rs` turns the Markdown into HTML on the
//! host (no Markdown parser or highlighter ships in the wasm) and generates
//! [`LESSONS`], including every demo file as a module of this crate — so the
//! code a reader sees is exactly the code that runs.
//!
//! Not here: how pages are laid out or drawn (the `app` crate), or how runs
//! are recorded (the `trace` crate).

pub mod knobs;
pub mod registry;

pub use knobs::{Knob, KnobError, KnobKind, Knobs};
pub use registry::{Block, Demo, Heading, Lang, Lesson, Page, Predict};

/// What every demo file starts with: `use crate::prelude::*;`.
pub mod prelude {
    pub use crate::knobs::{Knob, Knobs};
    pub use futures::future::{self, Either, FutureExt};
    pub use futures::stream::{self, Stream, StreamExt, TryStreamExt};
    pub use trace::{
        body, cancel, error, note, now_ms, sleep, spawn, traced, Event, Guard, Kind, Trace,
    };
}

mod generated {
    #![allow(missing_docs, clippy::all)]
    use crate::registry::*;
    include!(concat!(env!("OUT_DIR"), "/lessons.rs"));
}

pub use generated::LESSONS;

/// The lesson whose slug is `slug`.
pub fn by_slug(slug: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.slug == slug)
}
