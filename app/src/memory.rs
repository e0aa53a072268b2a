//! What the reader did during this visit that must outlive one page: each
//! demo's knob values and last finished run, and each predict question's
//! pick. The language switch (or any link) replaces the page; coming back to
//! a demo in either language finds it as the reader left it.
//!
//! Every page is its own document, so the store is written to the tab's
//! `sessionStorage` ([`encode`] / [`decode`], plain text) when the page is
//! left (`pagehide`) and read back by the next page. A reload starts fresh, except for what the address keeps
//! (knob values). Not here: reading progress (`progress`, which persists).

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
#[cfg(test)]
use lessons::Knobs;
use trace::{Clock, Status, Trace};

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

/// Where the store is kept in `sessionStorage`.
const KEY: &str = "lab.memory.v1";

/// A run longer than this is not kept across pages (the knobs are).
const MAX_KEPT_EVENTS: usize = 4000;

impl Memory {
    /// Writes the store to `sessionStorage`.
    fn save(self) {
        if let Some(text) = self.0.try_with_value(encode) {
            if let Some(s) = session() {
                let _ = s.set_item(KEY, &text);
            }
        }
    }
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Whether this document was opened by a reload (which starts fresh).
fn is_reload() -> bool {
    let Some(perf) = web_sys::window().and_then(|w| w.performance()) else {
        return false;
    };
    use wasm_bindgen::JsCast;
    perf.get_entries_by_type("navigation")
        .get(0)
        .dyn_into::<web_sys::PerformanceNavigationTiming>()
        .is_ok_and(|nav| nav.type_() == web_sys::NavigationType::Reload)
}

/// Provides the store: what earlier pages of this visit kept, unless this
/// page was reloaded (or is being rendered at build time).
pub fn provide_memory() {
    let inner = if crate::is_static() || is_reload() {
        Inner::default()
    } else {
        session()
            .and_then(|s| s.get_item(KEY).ok().flatten())
            .map(|t| decode(&t))
            .unwrap_or_default()
    };
    let memory = Memory(StoredValue::new_local(inner));
    provide_context(memory);
    // Written once, as the page is left (a link, the language switch, Back):
    // not on every keystroke in a knob field, which would encode every kept
    // run each time.
    if !crate::is_static() {
        std::mem::forget(window_event_listener_untyped("pagehide", move |_| {
            memory.save()
        }));
    }
}

/// The demo file paths and question ids the site has, as `'static` keys
/// (anything else read back is dropped).
fn known_demo(path: &str) -> Option<&'static lessons::Demo> {
    lessons::RUNTIME
        .iter()
        .flat_map(|l| l.demos)
        .find(|d| d.path == path)
}

fn known_case(demo: &'static lessons::Demo, id: &str) -> Option<&'static str> {
    lessons::RUNTIME
        .iter()
        .find(|l| l.demos.iter().any(|d| std::ptr::eq(d, demo)))?
        .cases
        .iter()
        .find(|c| c.demo == demo.id && c.id == id)
        .map(|c| c.id)
}

/// The store as text: one line per knob set (`k`), run (`r`), event of a
/// run (`e`) and question (`p`), fields separated by `,`, each
/// percent-encoded.
fn encode(m: &Inner) -> String {
    use crate::paths::encode_query_part as enc;
    let mut out = String::new();
    let mut demos: Vec<_> = m.demos.iter().collect();
    demos.sort_by_key(|(p, _)| **p);
    for (path, d) in demos {
        let knobs: Vec<String> = d.knobs.iter().map(|k| enc(k)).collect();
        out.push_str(&format!("k,{},{}\n", enc(path), knobs.join(",")));
        let Some(run) = &d.run else { continue };
        if run.trace.events.len() > MAX_KEPT_EVENTS {
            continue;
        }
        let clock = match run.clock {
            Clock::Live => "live",
            Clock::Virtual => "virtual",
        };
        let lanes: Vec<String> = run.trace.lanes.iter().map(|l| enc(l)).collect();
        out.push_str(&format!(
            "r,{},{clock},{},{}\n",
            enc(path),
            run.trace.status.as_str(),
            lanes.join(",")
        ));
        for e in &run.trace.events {
            out.push_str(&format!(
                "e,{},{},{},{},{},{}\n",
                e.t,
                e.lane,
                e.kind.as_str(),
                enc(e.loc.file),
                e.loc.line,
                enc(&e.value)
            ));
        }
    }
    let mut predicts: Vec<_> = m.predicts.iter().collect();
    predicts.sort_by_key(|(k, _)| **k);
    for ((path, id), p) in predicts {
        let pick = p.pick.map_or_else(|| "-".to_string(), |i| i.to_string());
        out.push_str(&format!(
            "p,{},{},{pick},{}\n",
            enc(path),
            enc(id),
            u8::from(p.ran)
        ));
    }
    out
}

/// Reads [`encode`]'s text back; anything unknown or malformed is dropped
/// (the text may come from an older build of the site).
fn decode(text: &str) -> Inner {
    use crate::paths::decode_query_part as dec;
    let mut m = Inner::default();
    // The run being read: its demo, and the record so far.
    let mut run: Option<(&'static str, Clock, Trace)> = None;
    let mut files: HashMap<String, &'static str> = HashMap::new();
    let finish = |m: &mut Inner, run: &mut Option<(&'static str, Clock, Trace)>| {
        if let Some((path, clock, trace)) = run.take() {
            m.demos.entry(path).or_default().run = Some(SavedRun {
                trace: Arc::new(trace),
                clock,
            });
        }
    };
    for line in text.lines() {
        let f: Vec<&str> = line.split(',').collect();
        match f.as_slice() {
            ["k", path, knobs @ ..] => {
                finish(&mut m, &mut run);
                if let Some(d) = known_demo(&dec(path)) {
                    m.demos.entry(d.path).or_default().knobs =
                        knobs.iter().map(|k| dec(k)).collect();
                }
            }
            ["r", path, clock, status, lanes @ ..] => {
                finish(&mut m, &mut run);
                let clock = match *clock {
                    "live" => Clock::Live,
                    _ => Clock::Virtual,
                };
                if let (Some(d), Some(status)) = (known_demo(&dec(path)), Status::parse(status)) {
                    let trace = Trace {
                        lanes: lanes.iter().map(|l| dec(l)).collect(),
                        events: Vec::new(),
                        status,
                    };
                    run = Some((d.path, clock, trace));
                }
            }
            ["e", t, lane, kind, file, line, value] => {
                let Some((_, _, trace)) = run.as_mut() else {
                    continue;
                };
                let (Ok(t), Ok(lane), Some(kind), Ok(line)) = (
                    t.parse(),
                    lane.parse(),
                    trace::Kind::parse(kind),
                    line.parse(),
                ) else {
                    continue;
                };
                let file = dec(file);
                let len = files.len();
                let file: &'static str = match files.get(&file) {
                    Some(f) => f,
                    // Leaked once per distinct file (a handful per run).
                    None if len < 64 => {
                        let f: &'static str = Box::leak(file.clone().into_boxed_str());
                        files.insert(file, f);
                        f
                    }
                    None => "",
                };
                trace.events.push(trace::Event {
                    t,
                    lane,
                    kind,
                    value: dec(value).into(),
                    loc: trace::Loc { file, line },
                });
            }
            ["p", path, id, pick, ran] => {
                finish(&mut m, &mut run);
                let Some(d) = known_demo(&dec(path)) else {
                    continue;
                };
                let Some(id) = known_case(d, &dec(id)) else {
                    continue;
                };
                m.predicts.insert(
                    (d.path, id),
                    PredictMemory {
                        pick: pick.parse().ok(),
                        ran: *ran == "1",
                    },
                );
            }
            _ => {}
        }
    }
    finish(&mut m, &mut run);
    m
}

/// The store, if one was provided (browser tests may mount parts without it).
pub fn use_memory() -> Option<Memory> {
    use_context::<Memory>()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store written by one page is read back whole by the next.
    #[test]
    fn the_store_survives_a_page_change() {
        let l = &lessons::RUNTIME[3];
        let demo = &l.demos[0];
        let case = &l.cases[0];
        let knobs = Knobs::defaults(demo.knobs);
        let trace = trace::run_virtual((demo.run)(knobs));
        let mut m = Inner::default();
        m.demos.insert(
            demo.path,
            DemoMemory {
                knobs: vec!["5".into(), "a,b %\n".into(), String::new()],
                run: Some(SavedRun {
                    trace: Arc::new(trace.clone()),
                    clock: Clock::Live,
                }),
            },
        );
        m.predicts.insert(
            (demo.path, case.id),
            PredictMemory {
                pick: Some(2),
                ran: true,
            },
        );
        let back = decode(&encode(&m));
        let d = &back.demos[demo.path];
        assert_eq!(d.knobs, m.demos[demo.path].knobs);
        let run = d.run.as_ref().expect("the run is kept");
        assert_eq!(run.clock, Clock::Live);
        assert_eq!(run.trace.status, trace.status);
        assert_eq!(run.trace.lanes, trace.lanes);
        assert_eq!(run.trace.events.len(), trace.events.len());
        for (a, b) in run.trace.events.iter().zip(&trace.events) {
            assert_eq!(
                (a.t, a.lane, a.kind, &a.value, a.loc.line),
                (b.t, b.lane, b.kind, &b.value, b.loc.line)
            );
            assert_eq!(a.loc.file, b.loc.file);
        }
        assert_eq!(
            back.predicts[&(demo.path, case.id)],
            m.predicts[&(demo.path, case.id)]
        );
    }

    #[test]
    fn junk_and_unknown_demos_are_dropped() {
        let m = decode("k,nowhere.rs,1\nr,x\ne,1,2\np,a,b,c,d\n\u{0}garbage");
        assert!(m.demos.is_empty() && m.predicts.is_empty());
    }
}
