//! The panel's record: the run laid out as a [`Timeline`], in one small
//! store that tells its readers by itself when it changes.
//!
//! Readers say what they depend on by the method they read through:
//! [`Record::with`] (events and positions: what is drawn), [`Record::with_events`]
//! (only what was recorded: counts, lanes, the transcript), [`Record::id`]
//! (which record this is: views that append start over when it changes).
//! Writers change it only through the intents below (`restart`, `extend`,
//! `relayout`), and each one notifies exactly the readers it affects. No
//! view bumps a counter or calls `track()` by hand.

use leptos::prelude::*;
use trace::Event;

use crate::timeline_model::{KindSet, Scale, Timeline};

/// The record of one demo panel. `Copy`: a handle to the store.
#[derive(Clone, Copy)]
pub struct Record {
    model: StoredValue<Timeline>,
    /// Which record this is: counts the restarts (not a signal: read
    /// through [`Record::id`], which tracks `restarted`).
    id: StoredValue<u64>,
    /// Events were added (or the record restarted).
    recorded: Trigger,
    /// Positions changed: scale, filter (or the record restarted).
    moved: Trigger,
    /// A new, empty record replaced the old one.
    restarted: Trigger,
}

impl Record {
    /// An empty record with one lane, `main`.
    pub fn new() -> Record {
        Record {
            model: StoredValue::new(Timeline::new(
                vec!["main".to_string()],
                Scale::default(),
                KindSet::ALL,
            )),
            id: StoredValue::new(0),
            recorded: Trigger::new(),
            moved: Trigger::new(),
            restarted: Trigger::new(),
        }
    }

    /// Reads the laid-out record; the reader runs again when events are
    /// added or positions change.
    pub fn with<R>(self, f: impl FnOnce(&Timeline) -> R) -> R {
        self.recorded.track();
        self.moved.track();
        self.model.with_value(f)
    }

    /// Reads what was recorded; the reader runs again when events are
    /// added (not when the view zooms).
    pub fn with_events<R>(self, f: impl FnOnce(&Timeline) -> R) -> R {
        self.recorded.track();
        self.model.with_value(f)
    }

    /// Reads without depending on it.
    pub fn with_untracked<R>(self, f: impl FnOnce(&Timeline) -> R) -> R {
        self.model.with_value(f)
    }

    /// Which record this is; the reader runs again when a new one starts.
    pub fn id(self) -> u64 {
        self.restarted.track();
        self.id.get_value()
    }

    /// Which record this is, without depending on it.
    pub fn id_untracked(self) -> u64 {
        self.id.try_get_value().unwrap_or(0)
    }

    /// The number of events recorded (tracked like [`Record::with_events`]).
    pub fn len(self) -> usize {
        self.with_events(|m| m.events().len())
    }

    /// Replaces the record with an empty one that keeps the scale and
    /// draws the kinds in `filter`.
    pub fn restart(self, filter: KindSet) {
        let scale = self.model.with_value(Timeline::scale);
        self.model
            .set_value(Timeline::new(vec!["main".to_string()], scale, filter));
        self.id.update_value(|n| *n += 1);
        self.restarted.notify();
        self.recorded.notify();
        self.moved.notify();
    }

    /// Adds events (and the lanes known so far, if they changed).
    pub fn extend(self, lanes: Vec<String>, events: Vec<Event>) {
        if events.is_empty() {
            return;
        }
        self.model.update_value(|m| {
            if lanes.len() != m.lanes().len() {
                m.set_lanes(lanes);
            }
            m.extend(events);
        });
        self.recorded.notify();
    }

    /// Changes how the record is laid out (scale, filter); `None` if the
    /// panel is gone.
    pub fn relayout<R>(self, f: impl FnOnce(&mut Timeline) -> R) -> Option<R> {
        let r = self.model.try_update_value(f);
        if r.is_some() {
            self.moved.notify();
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use trace::{Kind, Loc};

    fn event(t: f64) -> Event {
        Event {
            t,
            lane: 0,
            kind: Kind::Poll,
            value: "".into(),
            loc: Loc::UNKNOWN,
        }
    }

    /// Each intent reaches the readers that depend on it, and only those
    /// (a memo re-runs only when something it read has notified).
    #[test]
    fn readers_hear_what_they_read() {
        let owner = Owner::new();
        owner.set();
        let rec = Record::new();
        let runs = StoredValue::new((0, 0, 0));
        let drawn = Memo::new(move |_| {
            runs.update_value(|r| r.0 += 1);
            rec.with(|m| (m.events().len(), m.scale().zoom().to_bits()))
        });
        let counted = Memo::new(move |_| {
            runs.update_value(|r| r.1 += 1);
            rec.len()
        });
        let which = Memo::new(move |_| {
            runs.update_value(|r| r.2 += 1);
            rec.id()
        });
        let read = move || {
            let _ = (drawn.get(), counted.get(), which.get());
            runs.get_value()
        };
        assert_eq!(read(), (1, 1, 1));
        rec.extend(vec!["main".into()], vec![event(0.0), event(1.0)]);
        assert_eq!(read(), (2, 2, 1));
        assert_eq!(counted.get(), 2);
        rec.extend(vec!["main".into()], Vec::new());
        assert_eq!(read(), (2, 2, 1), "nothing added, nobody told");
        rec.relayout(|m| m.set_scale(Scale::at_zoom(2.0)));
        assert_eq!(read(), (3, 2, 1));
        rec.restart(KindSet::ALL);
        assert_eq!(read(), (4, 3, 2));
        assert_eq!((counted.get(), which.get()), (0, 1));
        assert_eq!(
            rec.with_untracked(|m| m.scale().zoom()),
            2.0,
            "a restart keeps the zoom"
        );
    }
}
