//! Every drop (`D`) and cleanup (`C`) of every demo names the line where it
//! happened, not the line that made the value — and that line agrees with
//! the order of the recorded events around it.
//!
//! The runs are each demo's default knobs and each knob at both ends of its
//! range. For every `D`/`C`, [`lessons::drops`] must give one drop line, and
//! in the function that line is in, the nearest event recorded by the code
//! as it ran (a `note`, a `body`, a `next()`'s result) before the drop comes
//! from a line at or above it and the nearest one after from a line at or
//! below it (a `note` just before the closing brace
//! is recorded before `D`; one after the brace, after `D`).

use lessons::drops::{self, Dropped, Drops};
use lessons::testing::knob_extremes;
use lessons::{Demo, Knobs, LESSONS};
use trace::{Event, Kind, Trace};

fn demo(path_end: &str) -> &'static Demo {
    LESSONS
        .iter()
        .flat_map(|l| l.demos)
        .find(|d| d.path.ends_with(path_end))
        .unwrap_or_else(|| panic!("no demo {path_end}"))
}

fn run(d: &Demo, pairs: &[(&str, &str)]) -> Trace {
    let (k, errors) = Knobs::from_pairs(d.knobs, pairs.iter().copied());
    assert!(errors.is_empty(), "{errors:?}");
    trace::run_virtual((d.run)(k))
}

fn ours(d: &Demo, e: &Event) -> bool {
    matches!(e.kind, Kind::Drop | Kind::Cleanup) && drops::same_file(e.loc.file, d.path)
}

/// `(event text, made line, drop line)` of every `D`/`C` of a run.
fn placed(d: &Demo, t: &Trace) -> Vec<(String, u32, Option<u32>)> {
    let map = drops::of(d).expect("every demo has a drop map");
    t.events
        .iter()
        .enumerate()
        .filter(|(_, e)| ours(d, e))
        .map(|(i, e)| {
            let name = format!("{}@{}", e.short(), t.lane_name(e.lane));
            let r = map.resolve(d.path, &t.events, i);
            (name, e.loc.line, r.map(|r| r.line))
        })
        .collect()
}

fn drop_lines(d: &Demo, pairs: &[(&str, &str)]) -> Vec<(String, u32)> {
    placed(d, &run(d, pairs))
        .into_iter()
        .map(|(n, _, l)| (n, l.unwrap_or(0)))
        .collect()
}

/// The order check: around event `i`, dropped at `r.line`, the nearest
/// events from lines of the same function agree with that line.
fn agrees(map: &Drops, d: &Demo, events: &[Event], i: usize, r: Dropped) -> Result<(), String> {
    let body = map.body_of(r.line);
    // Events recorded by the code at their own line as it runs: notes,
    // loop bodies, and what a `next()` there returned. (A wake is recorded
    // when it fires; a timer's line may be an earlier turn of a loop.)
    let same_fn = |e: &&Event| {
        matches!(
            e.kind,
            Kind::Note | Kind::Body | Kind::Pending | Kind::Yield | Kind::End | Kind::Error
        ) && drops::same_file(e.loc.file, d.path)
            && map.anchors.contains(&e.loc.line)
            && map.body_of(e.loc.line) == body
    };
    if let Some(before) = events[..i].iter().rev().find(same_fn) {
        if before.loc.line > r.line {
            return Err(format!(
                "`{}` at line {} comes before the drop, which is placed above it at line {}",
                before.short(),
                before.loc.line,
                r.line
            ));
        }
    }
    if let Some(after) = events[i + 1..].iter().find(same_fn) {
        if after.loc.line < r.line {
            return Err(format!(
                "`{}` at line {} comes after the drop, which is placed below it at line {}",
                after.short(),
                after.loc.line,
                r.line
            ));
        }
    }
    Ok(())
}

#[test]
fn every_drop_of_every_demo_has_one_line_that_agrees_with_the_events() {
    let mut problems = Vec::new();
    let mut count = 0;
    for l in LESSONS {
        for d in l.demos {
            let Some(map) = drops::of(d) else {
                problems.push(format!("{}: no drop map", d.path));
                continue;
            };
            for (case, knobs) in knob_extremes(d.knobs) {
                let t = trace::run_virtual((d.run)(knobs));
                for (i, e) in t.events.iter().enumerate() {
                    if !ours(d, e) {
                        continue;
                    }
                    count += 1;
                    let at = format!(
                        "{} ({case}): event {i} `{}` in lane `{}`, made at line {}",
                        d.path,
                        e.short(),
                        t.lane_name(e.lane),
                        e.loc.line
                    );
                    match map.resolve(d.path, &t.events, i) {
                        None => problems.push(format!("{at}: no single drop line")),
                        Some(r) => {
                            if let Err(why) = agrees(map, d, &t.events, i, r) {
                                problems.push(format!("{at}: {why}"));
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(count > 100, "only {count} drops checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// The places named in the issue, and the ones the lessons' text points at.

#[test]
fn lesson_1_numbers_is_dropped_at_the_end_of_run() {
    let d = demo("01-what-async-for-calls/calls.rs");
    assert_eq!(drop_lines(d, &[]), [("D@numbers".to_string(), 18)]);
}

#[test]
fn lesson_2_the_ticker_and_its_guard_go_at_the_closing_brace() {
    let d = demo("02-protocol-by-hand/ticker.rs");
    assert_eq!(
        drop_lines(d, &[]),
        [
            ("D@ticker".to_string(), 26),
            ("C(ticker)@ticker".to_string(), 26)
        ]
    );
}

#[test]
fn lesson_3_the_state_goes_at_return_none() {
    let d = demo("03-async-generators/unfold.rs");
    assert_eq!(
        drop_lines(d, &[]),
        [
            ("C(gen-state)@gen".to_string(), 29),
            ("D@gen".to_string(), 21)
        ]
    );
}

#[test]
fn lesson_4_items_goes_at_the_end_of_its_scope_or_at_drop_items() {
    let d = demo("04-break-and-cleanup/cleanup.rs");
    let both = |line| {
        vec![
            ("D@gen".to_string(), line),
            ("C(gen-state)@gen".to_string(), line),
        ]
    };
    assert_eq!(drop_lines(d, &[]), both(45));
    assert_eq!(drop_lines(d, &[("drop_now", "on")]), both(42));
    // No break: the state goes at `return None`, the stream at the brace.
    assert_eq!(
        drop_lines(d, &[("break_at", "9")]),
        [
            ("C(gen-state)@gen".to_string(), 54),
            ("D@gen".to_string(), 45)
        ]
    );
}

#[test]
fn lesson_5_the_deadline_drops_the_work_at_drop_unfinished() {
    let d = demo("05-cancellation-is-dropping/deadline.rs");
    assert_eq!(
        drop_lines(d, &[]),
        [
            ("D@gen".to_string(), 24),
            ("C(gen-state)@gen".to_string(), 24)
        ]
    );
    // In time: the stream ends (`return None`), then `items` goes at the
    // end of `consume`.
    assert_eq!(
        drop_lines(d, &[("cancel_at", "5000")]),
        [
            ("C(gen-state)@gen".to_string(), 41),
            ("D@gen".to_string(), 35)
        ]
    );
}

#[test]
fn lesson_5_the_socket_closes_at_its_own_drop_later() {
    let d = demo("05-cancellation-is-dropping/goodbye.rs");
    let lines = drop_lines(d, &[]);
    assert_eq!(lines[0], ("D@gen".to_string(), 41));
    assert_eq!(lines.last(), Some(&("C(socket)@close".to_string(), 70)));
}

#[test]
fn lesson_6_an_error_drops_at_the_question_mark() {
    let d = demo("06-errors/fetch.rs");
    assert_eq!(
        drop_lines(d, &[]),
        [
            ("C(conn)@fetch".to_string(), 55),
            ("D@fetch".to_string(), 35)
        ]
    );
    assert_eq!(
        drop_lines(d, &[("error_at", "20")]),
        [
            ("C(conn)@fetch".to_string(), 50),
            ("D@fetch".to_string(), 40)
        ]
    );
}

#[test]
fn lesson_7_each_branch_drops_its_own_s() {
    let d = demo("07-after-the-end/fuse.rs");
    assert_eq!(drop_lines(d, &[]), [("D@flaky".to_string(), 33)]);
    assert_eq!(
        drop_lines(d, &[("fuse", "on")]),
        [("D@flaky".to_string(), 29)]
    );
}

#[test]
fn no_drop_is_placed_on_the_line_that_made_it() {
    // Today's bug, in one line: every D/C pointed at its `traced(` or
    // `Guard::new(` line.
    for l in LESSONS {
        for d in l.demos {
            for (name, made, line) in placed(d, &run(d, &[])) {
                assert_ne!(Some(made), line, "{}: {name}", d.path);
            }
        }
    }
}
