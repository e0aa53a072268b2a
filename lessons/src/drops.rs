//! Where a dropped value died.
//!
//! A `D` (a traced stream or future dropped) or `C` (a `Guard`'s cleanup)
//! event carries the line that *made* the value: `Drop::drop` cannot be
//! `#[track_caller]`, so the recorder cannot know where the drop happened,
//! and it is not told. The lesson compiler reads each demo's source
//! (`lesson-compiler`'s `drops` module, at build time) and lists, for every
//! line that makes a traced value or a guard, the places where that value
//! can stop living: the end of a scope, `drop(x)`, the end of a statement
//! whose temporary holds it, a `?` or a `return`. [`Drops::resolve`] picks
//! the place a recorded event means from the events around it:
//!
//! 1. Dropped inside another traced value's drop (the events just before
//!    it are that `D` and its cleanups): the same place as that `D`.
//! 2. A `?` line just after an error came out on it; a `return None` /
//!    `return Err(…)` in a stream's closure when the stream's next result is
//!    `R∅` / an error.
//! 3. Otherwise the end of a scope or statement, among those whose
//!    `note`/`body`/`sleep`… lines that always run before it were all
//!    recorded, the first one after the latest such event in the same
//!    function (or, with none before, the last one before the next).
//!
//! If no single place is left, there is no answer (`None`); the tests in
//! `tests/drops.rs` require one for every drop of every demo at its default
//! knobs and at each knob's extremes, and check it against the order of the
//! events around it.

use trace::{Event, Kind};

use crate::registry::Demo;

/// Where the values of one demo file can be dropped.
#[derive(Debug)]
pub struct Drops {
    /// Per value-making line.
    pub made: &'static [Made],
    /// Lines whose calls record an event at that line (`note`, `body`,
    /// `sleep`, `.next()` …).
    pub anchors: &'static [u32],
    /// `(first, last)` lines of each function, closure and async block.
    pub bodies: &'static [(u32, u32)],
}

/// A line that makes a traced value or a guard, and where it can die.
#[derive(Debug)]
pub struct Made {
    /// The line of `traced(`, `traced_future(` or `Guard::new(`.
    pub line: u32,
    /// The places.
    pub sites: &'static [Site],
}

/// A place where a value can be dropped.
#[derive(Debug)]
pub struct Site {
    /// The file line.
    pub line: u32,
    /// How it ends the value there.
    pub kind: SiteKind,
    /// The value is inside another traced value there (it goes in that
    /// value's drop).
    pub via_traced: bool,
    /// Lines whose events always come before this place is reached.
    pub must_see: &'static [u32],
}

/// How a place ends a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SiteKind {
    /// The end of a scope or of a statement.
    End,
    /// A `?` that returned early.
    Try,
    /// A `return None` / `return Ok(None)` (the stream ends).
    ReturnEnd,
    /// A `return Err(…)` (the stream fails).
    ReturnError,
}

/// A drop event placed in the code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dropped {
    /// The line that made the value (the event's own line).
    pub made: u32,
    /// The line where it was dropped.
    pub line: u32,
}

mod generated {
    use super::{Drops, Made, Site, SiteKind};
    include!(concat!(env!("OUT_DIR"), "/drops.rs"));
}

/// The drop places of `demo`'s file.
pub fn of(demo: &Demo) -> Option<&'static Drops> {
    generated::DROPS
        .iter()
        .find(|(path, _)| *path == demo.path)
        .map(|(_, d)| d)
}

/// Whether the compiler's path of a source file (`file!()`: relative to the
/// crate or absolute) names the file at `repo_path`.
pub fn same_file(file: &str, repo_path: &str) -> bool {
    if file.is_empty() || repo_path.is_empty() {
        return false;
    }
    let norm = |s: &str| s.replace('\\', "/");
    let (file, repo_path) = (norm(file), norm(repo_path));
    file.ends_with(&repo_path) || repo_path.ends_with(&file)
}

impl Drops {
    /// Where the value of event `i` (a `D` or `C` recorded from the file
    /// `path`) was dropped, if the events around it say.
    pub fn resolve(&self, path: &str, events: &[Event], i: usize) -> Option<Dropped> {
        let here = |q: &Event| q.loc.line != 0 && same_file(q.loc.file, path);
        let e = events.get(i)?;
        if !matches!(e.kind, Kind::Drop | Kind::Cleanup) || !here(e) {
            return None;
        }
        let made = self.made.iter().find(|m| m.line == e.loc.line)?;
        let found = |line: u32| {
            Some(Dropped {
                made: made.line,
                line,
            })
        };

        // 1. Released by an enclosing traced value's drop, just before.
        let mut j = i;
        while j > 0 {
            let q = &events[j - 1];
            if !matches!(q.kind, Kind::Drop | Kind::Cleanup | Kind::TimerClear) {
                break;
            }
            if q.kind == Kind::Drop {
                if !here(q) {
                    // A task's drop (the run was stopped): no line of code.
                    return None;
                }
                if let Some(outer) = self.resolve(path, events, j - 1) {
                    if made.sites.iter().any(|s| s.line == outer.line) {
                        return found(outer.line);
                    }
                }
            }
            j -= 1;
        }

        // 2. What the neighbouring results say: an error out of a `?`
        // line, the stream's end or error right after a `return`.
        let prev = events[..i]
            .iter()
            .rev()
            .find(|q| !matches!(q.kind, Kind::Cleanup | Kind::TimerClear));
        let next_on_lane = events[i + 1..].iter().find(|q| {
            q.lane == e.lane && !matches!(q.kind, Kind::Cleanup | Kind::TimerClear | Kind::Drop)
        });
        let shown = |s: &&Site| match s.kind {
            SiteKind::Try => {
                prev.is_some_and(|q| q.kind == Kind::Error && q.loc.line == s.line && here(q))
            }
            SiteKind::ReturnEnd => {
                e.kind == Kind::Cleanup && next_on_lane.is_some_and(|q| q.kind == Kind::End)
            }
            SiteKind::ReturnError => {
                e.kind == Kind::Cleanup && next_on_lane.is_some_and(|q| q.kind == Kind::Error)
            }
            SiteKind::End => false,
        };
        let mut pool: Vec<&Site> = made.sites.iter().filter(shown).collect();
        if pool.is_empty() {
            pool = made
                .sites
                .iter()
                .filter(|s| s.kind == SiteKind::End && !s.via_traced)
                .collect();
        }

        // 3. Places whose always-earlier events all happened …
        let seen = |line: u32| events[..i].iter().any(|q| q.loc.line == line && here(q));
        pool.retain(|s| s.must_see.iter().all(|&l| seen(l)));
        if let Some(line) = only_line(&pool) {
            return found(line);
        }
        // … and the first one after the latest event of the same function
        // (or the last one before the next event there).
        let anchor = |q: &&Event| here(q) && self.anchors.contains(&q.loc.line);
        let body = |line: u32| self.body_of(line);
        if let Some(q) = events[..i].iter().rev().filter(anchor).find(|q| {
            pool.iter()
                .any(|s| body(s.line) == body(q.loc.line) && s.line >= q.loc.line)
        }) {
            let line = pool
                .iter()
                .filter(|s| body(s.line) == body(q.loc.line) && s.line >= q.loc.line)
                .map(|s| s.line)
                .min()?;
            return found(line);
        }
        if let Some(q) = events[i + 1..].iter().filter(anchor).find(|q| {
            pool.iter()
                .any(|s| body(s.line) == body(q.loc.line) && s.line <= q.loc.line)
        }) {
            let line = pool
                .iter()
                .filter(|s| body(s.line) == body(q.loc.line) && s.line <= q.loc.line)
                .map(|s| s.line)
                .max()?;
            return found(line);
        }
        None
    }

    /// The innermost function, closure or async block holding `line`.
    pub fn body_of(&self, line: u32) -> Option<(u32, u32)> {
        self.bodies
            .iter()
            .filter(|(a, b)| *a <= line && line <= *b)
            .min_by_key(|(a, b)| b - a)
            .copied()
    }
}

/// The line all of `sites` share, if they share one.
fn only_line(sites: &[&Site]) -> Option<u32> {
    let first = sites.first()?.line;
    sites.iter().all(|s| s.line == first).then_some(first)
}
