//! What the reader did during this visit that must outlive one page: each
//! demo's knob values and last finished run, and each predict question's
//! pick. The language switch (or any link) replaces the page; coming back to
//! a demo in either language finds it as the reader left it.
//!
//! In memory only: a reload starts fresh, except for what the address keeps
//! (knob values). Not here: reading progress (`progress`, which persists).

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use trace::{Clock, Trace};

/// A demo as the reader left it.
#[derive(Clone, Debug, Default)]
pub struct DemoMemory {
    /// The text in each knob field, in the demo's knob order.
    pub knobs: Vec<String>,
    /// The last finished run.
    pub run: Option<SavedRun>,
}

/// A finished run: its whole record and the clock it ran on.
#[derive(Clone, Debug)]
pub struct SavedRun {
    /// The record.
    pub trace: Arc<Trace>,
    /// Live or virtual.
    pub clock: Clock,
}

/// A predict question as the reader left it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PredictMemory {
    /// The option picked.
    pub pick: Option<usize>,
    /// Whether the reader ran the question's case.
    pub ran: bool,
}

#[derive(Default)]
struct Inner {
    /// By demo file path (the same in both languages).
    demos: HashMap<&'static str, DemoMemory>,
    /// By (demo file path, question id).
    predicts: HashMap<(&'static str, &'static str), PredictMemory>,
}

/// The store; one per app, above the router.
#[derive(Clone, Copy)]
pub struct Memory(StoredValue<Inner, LocalStorage>);

impl Memory {
    /// The demo at `path`, if the reader used it.
    pub fn demo(self, path: &'static str) -> Option<DemoMemory> {
        self.0
            .try_with_value(|m| m.demos.get(path).cloned())
            .flatten()
    }

    /// Keeps the knob texts of the demo at `path`.
    pub fn set_knobs(self, path: &'static str, knobs: Vec<String>) {
        self.0
            .try_update_value(|m| m.demos.entry(path).or_default().knobs = knobs);
    }

    /// Keeps the last finished run of the demo at `path` (`None`: reset).
    pub fn set_run(self, path: &'static str, run: Option<SavedRun>) {
        self.0
            .try_update_value(|m| m.demos.entry(path).or_default().run = run);
    }

    /// The question `key` (demo path, id), if the reader answered it.
    pub fn predict(self, key: (&'static str, &'static str)) -> Option<PredictMemory> {
        self.0
            .try_with_value(|m| m.predicts.get(&key).copied())
            .flatten()
    }

    /// Keeps the state of question `key`.
    pub fn set_predict(self, key: (&'static str, &'static str), state: PredictMemory) {
        self.0.try_update_value(|m| {
            m.predicts.insert(key, state);
        });
    }
}

/// Provides the store (once, in `App`).
pub fn provide_memory() {
    provide_context(Memory(StoredValue::new_local(Inner::default())));
}

/// The store, if one was provided (browser tests may mount parts without it).
pub fn use_memory() -> Option<Memory> {
    use_context::<Memory>()
}
