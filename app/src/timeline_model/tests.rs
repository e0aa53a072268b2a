//! Native tests of the timeline model: layout, spans, ticks, windowing, zoom.

use std::borrow::Cow;

use futures::stream::{self, Stream};
use trace::{body, note, run_virtual, sleep, traced, Guard, Loc};

use super::*;

/// `n` items, one every `delay` ms, holding a guard that cleans up on drop.
fn gen(n: u64, delay: u64) -> impl Stream<Item = u64> {
    stream::unfold((0, Guard::new("gen-state")), move |(i, g)| async move {
        if i == n {
            return None;
        }
        sleep(delay).await;
        Some((i, (i + 1, g)))
    })
}

/// Lesson 4 with its default knobs: `break` after the second item, so the
/// stream is dropped (and cleans up) at the end of its scope.
fn lesson4() -> Trace {
    run_virtual(async {
        {
            let mut s = traced("gen", gen(5, 100));
            while let Some(x) = s.next().await {
                body(x);
                if x == 1 {
                    note("break");
                    break;
                }
            }
            note("after loop");
        }
        note("after scope");
    })
}

fn ev(t: f64, lane: LaneId, kind: Kind) -> Event {
    Event {
        t,
        lane,
        kind,
        value: Cow::Borrowed(""),
        loc: Loc::UNKNOWN,
    }
}

fn lanes(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("l{i}")).collect()
}

/// A cheap deterministic pseudo-random sequence (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn random_events(n: usize, seed: u64) -> Vec<Event> {
    let mut r = Rng(seed);
    let mut t = 0.0;
    (0..n)
        .map(|_| {
            // Mostly bursts at the same ms, sometimes a jump of up to 300 ms.
            if r.next() % 4 == 0 {
                t += (r.next() % 300) as f64;
            }
            let kind = Kind::ALL[(r.next() % 13) as usize];
            ev(t, (r.next() % 3) as LaneId, kind)
        })
        .collect()
}

#[test]
fn sparse_events_are_placed_proportionally_to_time() {
    let mut tl = Timeline::new(lanes(1), Scale::at_zoom(1.0), KindSet::ALL);
    tl.extend([
        ev(0.0, 0, Kind::Note),
        ev(100.0, 0, Kind::Note),
        ev(300.0, 0, Kind::Note),
    ]);
    assert_eq!(tl.x_at(0), PAD_LEFT);
    assert_eq!(tl.x_at(1) - tl.x_at(0), 100.0);
    assert_eq!(tl.x_at(2) - tl.x_at(1), 200.0);
    tl.set_scale(Scale::at_zoom(2.0));
    assert_eq!(tl.x_at(2) - tl.x_at(1), 400.0);
}

#[test]
fn events_at_the_same_time_get_the_minimum_gap_in_order() {
    let t = lesson4();
    let tl = Timeline::from_trace(&t, Scale::at_zoom(1.0), KindSet::ALL);
    for k in 1..tl.shown_len() {
        let d = tl.x_at(k) - tl.x_at(k - 1);
        assert!(d >= MIN_GAP - 1e-9, "events {k}-1 and {k} are {d} px apart");
    }
    // The 100 ms wait is still 100 ms wide at zoom 1: from the last event
    // at t=0 to the first at t=100.
    let last0 = t.events.iter().rposition(|e| e.t_ms() == 0).expect("t=0");
    let first100 = t
        .events
        .iter()
        .position(|e| e.t_ms() == 100)
        .expect("t=100");
    assert_eq!(tl.x_of_event(first100) - tl.x_of_event(last0), 100.0);
}

#[test]
fn incremental_layout_equals_batch_layout() {
    let events = random_events(2_000, 7);
    let mut inc = Timeline::new(lanes(3), Scale::at_zoom(0.7), KindSet::ALL);
    for e in events.iter().cloned() {
        inc.push(e);
    }
    let mut batch = Timeline::new(lanes(3), Scale::at_zoom(3.0), KindSet::ALL);
    batch.extend(events.iter().cloned());
    batch.set_scale(Scale::at_zoom(0.7));
    assert_eq!(inc.x, batch.x);
    assert_eq!(inc.bursts(), batch.bursts());
    assert_eq!(inc.spans(), batch.spans());
}

#[test]
fn positions_never_decrease_and_bursts_group_equal_ms() {
    let tl = {
        let mut tl = Timeline::new(lanes(3), Scale::at_zoom(0.05), KindSet::ALL);
        tl.extend(random_events(3_000, 11));
        tl
    };
    assert!(tl.x.windows(2).all(|w| w[1] > w[0]));
    for b in tl.bursts() {
        assert!(b.to - b.from >= 2);
        for k in b.from..b.to {
            assert_eq!(tl.events[tl.shown[k]].t_ms(), b.t_ms);
        }
    }
    // Bursts are maximal: neighbours have other times.
    for w in tl.bursts().windows(2) {
        assert!(w[0].to <= w[1].from);
    }
}

#[test]
fn waiting_spans_pair_pending_with_the_wake_on_the_same_lane() {
    let mut tl = Timeline::new(lanes(2), Scale::default(), KindSet::ALL);
    tl.extend([
        ev(0.0, 1, Kind::Pending),   // 0: lane 1 waits
        ev(0.0, 0, Kind::Pending),   // 1: lane 0 waits
        ev(0.0, 1, Kind::Pending),   // 2: lane 1 polled again, still waiting
        ev(50.0, 0, Kind::Wake),     // 3: lane 0 woken
        ev(50.0, 0, Kind::Yield),    // 4
        ev(90.0, 1, Kind::Wake),     // 5: lane 1 woken
        ev(90.0, 1, Kind::Pending),  // 6: lane 1 waits again …
        ev(120.0, 1, Kind::Drop),    // 7: … and is dropped while waiting
        ev(130.0, 0, Kind::Pending), // 8: lane 0 waits forever
    ]);
    let s = tl.spans();
    assert_eq!(
        s,
        &[
            Span {
                lane: 1,
                from: 0,
                to: Some(5),
                woken: true
            },
            Span {
                lane: 0,
                from: 1,
                to: Some(3),
                woken: true
            },
            Span {
                lane: 1,
                from: 6,
                to: Some(7),
                woken: false
            },
            Span {
                lane: 0,
                from: 8,
                to: None,
                woken: false
            },
        ]
    );
    // An open span reaches the given end.
    assert_eq!(tl.span_x(&s[3], 999.0).1, 999.0);
    // Windowing finds exactly the overlapping ones.
    let (a, b) = (tl.x_of_event(3) + 1.0, tl.x_of_event(5) - 1.0);
    let inside: Vec<_> = tl
        .spans_in(a, b, tl.end_x())
        .iter()
        .map(|s| s.from)
        .collect();
    assert_eq!(inside, vec![0]);
}

#[test]
fn lesson4_spans_are_the_two_100ms_waits() {
    let t = lesson4();
    let tl = Timeline::from_trace(&t, Scale::default(), KindSet::ALL);
    let waits: Vec<(i64, i64)> = tl
        .spans()
        .iter()
        .map(|s| {
            (
                t.events[s.from].t_ms(),
                t.events[s.to.expect("woken")].t_ms(),
            )
        })
        .collect();
    assert_eq!(waits, vec![(0, 100), (100, 200)]);
    assert!(tl
        .spans()
        .iter()
        .all(|s| s.woken && t.lane_name(s.lane) == "gen"));
}

#[test]
fn ticks_are_round_readable_and_land_on_bursts() {
    let t = lesson4();
    let tl = Timeline::from_trace(&t, Scale::default(), KindSet::ALL);
    let ticks = tl.ticks(0.0, tl.width(), 60.0);
    let labels: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, vec!["0 ms", "100 ms", "200 ms"]);
    // The 100 ms tick sits at the first event at t=100.
    let first100 = t
        .events
        .iter()
        .position(|e| e.t_ms() == 100)
        .expect("t=100");
    assert_eq!(ticks[1].x, tl.x_of_event(first100));
    assert!(ticks.windows(2).all(|w| w[1].x - w[0].x >= 60.0));
}

#[test]
fn nice_steps_and_labels() {
    assert_eq!(nice_step(1.0), 1.0);
    assert_eq!(nice_step(1.3), 2.0);
    assert_eq!(nice_step(3.0), 5.0);
    assert_eq!(nice_step(60.0), 100.0);
    assert_eq!(nice_step(0.3), 0.5);
    assert_eq!(nice_step(f64::INFINITY), 1.0);
    assert_eq!(nice_step(-4.0), 1.0);
    assert_eq!(smaller_nice_step(100.0), 50.0);
    assert_eq!(smaller_nice_step(50.0), 20.0);
    assert_eq!(smaller_nice_step(20.0), 10.0);
    assert_eq!(smaller_nice_step(1.0), 0.5);
    assert_eq!(format_tick(250.0, 50.0), "250 ms");
    assert_eq!(format_tick(0.5, 0.5), "0.5 ms");
    assert_eq!(format_tick(0.25, 0.05), "0.25 ms");
    assert_eq!(format_tick(2000.0, 1000.0), "2 s");
    assert_eq!(format_tick(15_000.0, 5000.0), "15 s");
}

#[test]
fn ticks_in_a_window_only() {
    let mut tl = Timeline::new(lanes(1), Scale::default(), KindSet::ALL);
    tl.extend((0..=100).map(|i| ev(i as f64 * 100.0, 0, Kind::Note)));
    let ticks = tl.ticks(2_000.0, 2_500.0, 80.0);
    assert!(!ticks.is_empty());
    assert!(ticks
        .iter()
        .all(|t| t.x >= 2_000.0 - 1e-9 && t.x <= 2_500.0 + 1e-9));
}

#[test]
fn time_and_position_are_inverse_between_events() {
    let mut tl = Timeline::new(lanes(1), Scale::at_zoom(1.5), KindSet::ALL);
    tl.extend([
        ev(0.0, 0, Kind::Note),
        ev(0.0, 0, Kind::Note),
        ev(400.0, 0, Kind::Note),
    ]);
    for t in [0.0, 10.0, 123.0, 399.0, 400.0, 600.0] {
        let x = tl.x_of_time(t);
        assert!((tl.time_at_x(x) - t).abs() < 1e-6, "t={t}");
    }
    // Inside the burst at t=0, every position reads as t=0.
    assert_eq!(tl.time_at_x(tl.x_at(1)), 0.0);
    // Before the first event time does not go negative.
    assert_eq!(tl.time_at_x(0.0), 0.0);
}

#[test]
fn visible_window_matches_a_brute_force_filter() {
    let mut tl = Timeline::new(lanes(3), Scale::at_zoom(0.3), KindSet::ALL);
    tl.extend(random_events(5_000, 3));
    let mut r = Rng(99);
    for _ in 0..200 {
        let a = (r.next() % (tl.width() as u64 + 200)) as f64 - 100.0;
        let b = a + (r.next() % 2_000) as f64;
        let got = tl.visible(a, b);
        let want: Vec<usize> = (0..tl.shown_len())
            .filter(|&k| tl.x_at(k) >= a && tl.x_at(k) <= b)
            .collect();
        assert_eq!(got.clone().collect::<Vec<_>>(), want);
        // Spans: the windowed query equals a brute-force overlap test.
        let end = tl.end_x();
        let mut got: Vec<usize> = tl.spans_in(a, b, end).iter().map(|s| s.from).collect();
        got.sort_unstable();
        let want: Vec<usize> = tl
            .spans()
            .iter()
            .filter(|s| {
                let (x0, x1) = tl.span_x(s, end);
                x1 >= a && x0 <= b
            })
            .map(|s| s.from)
            .collect();
        assert_eq!(got, want);
        let bursts = tl.bursts_in(a, b);
        let want = tl
            .bursts()
            .iter()
            .filter(|bu| {
                let (x0, x1) = tl.burst_x(bu);
                x1 >= a && x0 <= b
            })
            .count();
        assert_eq!(bursts.len(), want);
    }
}

#[test]
fn hiding_timer_events_closes_their_gaps() {
    let t = lesson4();
    let all = Timeline::from_trace(&t, Scale::default(), KindSet::ALL);
    let no_timers = KindSet::ALL
        .with(Kind::TimerSet, false)
        .with(Kind::TimerClear, false);
    let mut tl = all.clone();
    tl.set_filter(no_timers);
    let timers = t
        .events
        .iter()
        .filter(|e| matches!(e.kind, Kind::TimerSet | Kind::TimerClear))
        .count();
    assert!(timers > 0);
    assert_eq!(tl.shown_len(), all.shown_len() - timers);
    assert!(tl.width() < all.width());
    let ts = t.position(|e| e.kind == Kind::TimerSet).expect("a timer");
    assert_eq!(tl.position_of(ts), None);
    assert!(all.position_of(ts).is_some());
    // Stepping skips hidden events.
    let before = tl.prev_shown(Some(ts));
    let after = tl.next_shown(Some(ts)).expect("more after the timer");
    assert_eq!(before.map(|k| k + 1).unwrap_or(0), after);
}

#[test]
fn fit_zoom_fits_the_width_or_fills_it() {
    // A short run is stretched to fill the width.
    let t = lesson4();
    let mut tl = Timeline::from_trace(&t, Scale::default(), KindSet::ALL);
    let z = tl.fit_zoom(700.0);
    assert!(z > 1.0);
    tl.set_scale(Scale::at_zoom(z));
    assert!(tl.width() <= 700.0 + 1e-6, "{}", tl.width());
    assert!(tl.width() >= 690.0, "{}", tl.width());

    // 10,000 events are squeezed to fit.
    let mut big = Timeline::new(lanes(3), Scale::default(), KindSet::ALL);
    big.extend(random_events(10_000, 5));
    let z = big.fit_zoom(700.0);
    assert!(z < 1.0);
    big.set_scale(Scale::at_zoom(z));
    assert!((big.width() - 700.0).abs() < 1.0, "{}", big.width());

    // All events at one instant: nothing to stretch.
    let mut same = Timeline::new(lanes(1), Scale::default(), KindSet::ALL);
    same.extend((0..5).map(|_| ev(0.0, 0, Kind::Yield)));
    assert_eq!(same.fit_zoom(700.0), 1.0);
    assert_eq!(Timeline::default().fit_zoom(700.0), 1.0);
}

#[test]
fn zooming_keeps_an_anchor_in_place_between_the_same_events() {
    let mut tl = Timeline::new(lanes(2), Scale::default(), KindSet::ALL);
    tl.extend(random_events(500, 21));
    let x = tl.x_at(100) * 0.25 + tl.x_at(101) * 0.75;
    let a = tl.anchor(x);
    tl.set_scale(Scale::at_zoom(4.0));
    let x2 = tl.x_of_anchor(a);
    assert!(x2 >= tl.x_at(100) && x2 <= tl.x_at(101));
    assert!((tl.anchor(x2) == a) || matches!(tl.anchor(x2), Anchor::Between(100, _)));
}

#[test]
fn zoom_for_region_makes_the_region_fill_the_view() {
    let mut tl = Timeline::new(lanes(3), Scale::default(), KindSet::ALL);
    tl.extend(random_events(3_000, 8));
    let (xa, xb) = (tl.x_at(1_000), tl.x_at(1_040));
    let (a, b) = (tl.anchor(xa), tl.anchor(xb));
    let z = tl.zoom_for_region(xb, xa, 640.0);
    tl.set_scale(Scale::at_zoom(z));
    let w = tl.x_of_anchor(b) - tl.x_of_anchor(a);
    assert!((w - 640.0).abs() < 2.0, "region is {w} px wide");
}

#[test]
fn lane_states_follow_a_replay() {
    let t = lesson4();
    let tl = Timeline::from_trace(&t, Scale::default(), KindSet::ALL);
    let gen = t.lanes.iter().position(|l| l == "gen").expect("gen lane");
    let at = |i: usize| tl.lane_states_at(i, true)[gen];
    let main = |i: usize| tl.lane_states_at(i, true)[0];
    let first = |kind: Kind| t.position(|e| e.kind == kind).expect("in lesson 4");
    let (first_pending, first_wake, drop) =
        (first(Kind::Pending), first(Kind::Wake), first(Kind::Drop));
    // The first event is the timer the stream's first poll sets: `main`
    // is awaiting `next()`, not "not started" (defect 5).
    assert_eq!(t.events[0].kind, Kind::TimerSet);
    assert_eq!(at(0), LaneState::Polled);
    assert_eq!(main(0), LaneState::AwaitingNext);
    assert_eq!(at(first_pending), LaneState::Suspended);
    assert_eq!(main(first_pending), LaneState::AwaitingNext);
    assert_eq!(at(first_wake), LaneState::Woken);
    assert_eq!(t.events[first_wake + 1].kind, Kind::Yield);
    assert_eq!(at(first_wake + 1), LaneState::Yielded);
    let body = first(Kind::Body);
    assert_eq!(main(body), LaneState::LoopBody);
    // The next poll sets a timer: the stream is running again, main awaits.
    let next_timer = first_wake
        + t.events[first_wake..]
            .iter()
            .position(|e| e.kind == Kind::TimerSet)
            .expect("T+");
    assert_eq!(at(next_timer), LaneState::Polled);
    assert_eq!(main(next_timer), LaneState::AwaitingNext);
    // `break`, "after loop": main runs its own code; the drop at the end
    // of the scope is main's code too.
    let brk = t.position(|e| e.value == "break").expect("break");
    assert_eq!(main(brk), LaneState::Running);
    assert_eq!(at(drop), LaneState::Dropped);
    assert_eq!(main(drop), LaneState::Running);
    // The cleanup after the drop does not revive it; at the end of a run
    // that finished, main has finished.
    assert_eq!(at(t.events.len() - 1), LaneState::Dropped);
    assert_eq!(main(t.events.len() - 1), LaneState::Finished);
    assert_eq!(
        tl.lane_states_at(t.events.len() - 1, false)[0],
        LaneState::Running,
        "a run stopped mid-way: main was still running"
    );
    assert_eq!(tl.lane_states_at(usize::MAX, true).len(), t.lanes.len());
}

#[test]
fn lane_states_of_a_future_a_task_and_a_lazy_stream() {
    let mut tl = Timeline::new(lanes(4), Scale::default(), KindSet::ALL);
    tl.extend([
        ev(0.0, 1, Kind::Pending), // l1: a future
        ev(10.0, 1, Kind::Wake),
        ev(10.0, 1, Kind::Poll),
        ev(10.0, 2, Kind::Note), // l2: a task
        ev(10.0, 3, Kind::Drop), // l3: a stream never polled
    ]);
    let s = |i| tl.lane_states_at(i, false);
    assert_eq!(
        s(0)[0],
        LaneState::Awaiting,
        "awaiting a future, not next()"
    );
    assert_eq!(s(0)[2], LaneState::NotStarted);
    assert_eq!(s(0)[3], LaneState::NotStarted);
    assert_eq!(s(2)[1], LaneState::Finished);
    assert_eq!(s(3)[2], LaneState::Running);
    assert_eq!(s(4)[3], LaneState::Dropped);
}

#[test]
fn time_is_linear_between_bursts_and_long_gaps_are_marked_breaks() {
    // Lesson 11's complaint: ticks 0/100/200/400 ms at 100, 75 and 195 px.
    // Events 1 ms apart are 1 px apart at zoom 1 (no stretching), and
    // round ticks are evenly spaced.
    let mut tl = Timeline::new(lanes(1), Scale::at_zoom(1.0), KindSet::ALL);
    tl.extend([0.0, 1.0, 2.0, 3.0, 100.0, 250.0, 400.0].map(|t| ev(t, 0, Kind::Note)));
    assert_eq!(tl.x_at(1) - tl.x_at(0), 1.0);
    let ticks = tl.ticks(0.0, tl.width(), 60.0);
    let gaps: Vec<f64> = ticks.windows(2).map(|w| w[1].x - w[0].x).collect();
    assert!(gaps.iter().all(|g| (g - gaps[0]).abs() < 1e-6), "{ticks:?}");
    assert!(tl.breaks().is_empty());

    // Lesson 4 fitted to a narrow panel: ticks at one round step
    // (never 0, 150, 400 ms), whatever the bursts add.
    let t = lesson4();
    for w in [300.0, 460.0, 700.0, 1200.0] {
        let mut tl = Timeline::from_trace(&t, Scale::default(), KindSet::ALL);
        tl.set_scale(Scale::at_zoom(tl.fit_zoom(w)));
        let ticks = tl.ticks(0.0, tl.end_x() + 8.0, 80.0);
        let ts: Vec<f64> = ticks.iter().map(|k| k.t).collect();
        assert!(ts.len() >= 2, "{w}: {ts:?}");
        assert!(
            ts.windows(2).all(|p| p[1] - p[0] == ts[1] - ts[0]),
            "{w}: {ts:?}"
        );
        assert_eq!(ts[0], 0.0);
        assert_eq!(nice_step(ts[1] - ts[0]), ts[1] - ts[0], "{w}: {ts:?}");
    }

    // A 5 s idle gap is drawn BREAK_CAP_PX wide and says what it skipped.
    let mut tl = Timeline::new(lanes(1), Scale::at_zoom(1.0), KindSet::ALL);
    tl.extend([0.0, 100.0, 5100.0, 5200.0].map(|t| ev(t, 0, Kind::Note)));
    assert_eq!(tl.x_at(2) - tl.x_at(1), BREAK_CAP_PX);
    assert_eq!(tl.breaks().len(), 1);
    let b = tl.breaks()[0];
    assert_eq!(b.k, 2);
    assert!(
        (b.skipped_ms - (5000.0 - BREAK_CAP_PX)).abs() < 1e-9,
        "{b:?}"
    );
    assert_eq!(tl.breaks_in(tl.x_at(1), tl.x_at(2)).len(), 1);
    assert!(tl.breaks_in(tl.x_at(2) + 1.0, tl.x_at(3)).is_empty());
    // No tick inside the break; linear either side of it.
    let ticks = tl.ticks(0.0, tl.width(), 40.0);
    assert!(
        ticks.iter().all(|k| k.t <= 100.0 || k.t >= 5100.0),
        "{ticks:?}"
    );
    assert_eq!(tl.x_of_time(5150.0) - tl.x_of_time(5100.0), 50.0);
    // Fitting still bisects a monotone extent: the whole run fits.
    let z = tl.fit_zoom(600.0);
    tl.set_scale(Scale::at_zoom(z));
    assert!(
        tl.width() <= 600.0 + 1e-6 && tl.width() > 590.0,
        "{}",
        tl.width()
    );
}

#[test]
fn a_burst_is_found_from_any_of_its_events() {
    let t = lesson4();
    let tl = Timeline::from_trace(&t, Scale::default(), KindSet::ALL);
    let after = t.position(|e| e.value == "after loop").expect("note");
    let k = tl.position_of(after).expect("shown");
    let b = tl.burst_at(k).expect("in the t=200 burst");
    assert_eq!(b.t_ms, 200);
    let codes: Vec<String> = (b.from..b.to)
        .map(|k| t.events[tl.shown_event(k).expect("shown")].short())
        .filter(|s| !s.starts_with('T'))
        .collect();
    assert_eq!(
        codes.join(" "),
        "W R(1) B(1) break after loop D C(gen-state) after scope"
    );
    assert_eq!(tl.burst_at(0).map(|b| b.t_ms), Some(0));
    let lone = Timeline::from_trace(&t, Scale::default(), KindSet::NONE);
    assert_eq!(lone.burst_at(0), None);
}

#[test]
fn dots_keep_at_most_one_event_per_bucket() {
    let mut tl = Timeline::new(lanes(3), Scale::default(), KindSet::ALL);
    tl.extend(random_events(10_000, 13));
    tl.set_scale(Scale::at_zoom(tl.fit_zoom(800.0)));
    let rows = tl.dots(0..tl.shown_len(), 2.0);
    let total: usize = rows.iter().map(|r| r.xs.len()).sum();
    // At most one per 2 px, per lane and kind.
    assert!(total <= 3 * 13 * (800 / 2 + 1), "{total}");
    for r in &rows {
        assert!(r
            .xs
            .windows(2)
            .all(|w| (w[1] / 2.0).floor() > (w[0] / 2.0).floor()));
    }
    // Every (lane, kind) that has events in range has a row.
    let pairs: std::collections::HashSet<(LaneId, Kind)> =
        tl.events().iter().map(|e| (e.lane, e.kind)).collect();
    assert_eq!(rows.len(), pairs.len());
}

#[test]
fn labels_never_overlap_on_a_lane() {
    let mut tl = Timeline::new(lanes(1), Scale::default(), KindSet::ALL);
    tl.extend((0..10).map(|_| ev(0.0, 0, Kind::Yield)));
    // 30 px labels on 18 px columns: every other one fits.
    let fit = tl.labels_fit(0..10, |_| 30.0);
    assert_eq!(
        fit,
        vec![true, false, true, false, true, false, true, false, true, false]
    );
    // No label: nothing to fit.
    assert!(tl.labels_fit(0..3, |_| 0.0).iter().all(|f| !f));
}

#[test]
fn nearest_and_stepping() {
    let mut tl = Timeline::new(lanes(2), Scale::default(), KindSet::ALL);
    tl.extend([
        ev(0.0, 0, Kind::Note),
        ev(100.0, 1, Kind::Note),
        ev(200.0, 0, Kind::Note),
    ]);
    assert_eq!(tl.nearest(-50.0), Some(0));
    assert_eq!(tl.nearest(tl.x_at(1) - 10.0), Some(1));
    assert_eq!(tl.nearest(1e9), Some(2));
    assert_eq!(tl.nearest_on_lane(tl.x_at(1), 0, 30.0), None);
    assert_eq!(tl.nearest_on_lane(tl.x_at(1), 1, 30.0), Some(1));
    assert_eq!(tl.next_shown(None), Some(0));
    assert_eq!(tl.next_shown(Some(2)), None);
    assert_eq!(tl.prev_shown(None), Some(2));
    assert_eq!(tl.prev_shown(Some(0)), None);
    assert_eq!(Timeline::default().nearest(3.0), None);
}

#[test]
fn marker_labels_are_short() {
    let mut e = ev(0.0, 0, Kind::Yield);
    e.value = Cow::Borrowed("1");
    assert_eq!(marker_label(&e).as_deref(), Some("1"));
    e.kind = Kind::Note;
    e.value = Cow::Borrowed("a rather long note");
    assert_eq!(marker_label(&e).as_deref(), Some("a rather …"));
    e.kind = Kind::Pending;
    assert_eq!(marker_label(&e), None);
    e.kind = Kind::TimerSet;
    e.value = Cow::Borrowed("100");
    assert_eq!(marker_label(&e).as_deref(), Some("+100"));
}

#[test]
fn malformed_inputs_never_panic() {
    let mut tl = Timeline::new(Vec::new(), Scale::at_zoom(f64::NAN), KindSet::NONE);
    // An event on a lane the list does not name gets a lane of its own.
    tl.push(ev(f64::NAN, 5, Kind::Yield));
    tl.push(ev(-3.0, 1, Kind::Pending));
    assert_eq!(tl.lanes().len(), 6);
    assert_eq!(tl.shown_len(), 0);
    let _ = tl.ticks(f64::NEG_INFINITY, f64::INFINITY, 0.0);
    let _ = tl.visible(f64::NAN, f64::NAN);
    let _ = tl.time_at_x(f64::NAN);
    let _ = tl.lane_states_at(100, true);
    tl.set_filter(KindSet::ALL);
    assert_eq!(tl.shown_len(), 2);
    let _ = tl.ticks(0.0, 1e12, 1.0);
}

#[test]
fn span_runs_join_close_waits_per_lane() {
    let mut tl = Timeline::new(lanes(2), Scale::default(), KindSet::ALL);
    tl.extend([
        ev(0.0, 0, Kind::Pending),
        ev(100.0, 0, Kind::Wake),
        ev(100.0, 0, Kind::Pending), // 18 px later (one gap): a new wait
        ev(200.0, 0, Kind::Wake),
        ev(200.0, 1, Kind::Pending),
        ev(900.0, 1, Kind::Wake),
    ]);
    // Joined when less than 20 px apart: lane 0 is one run, lane 1 another.
    let runs = tl.span_runs(0.0, 1e9, tl.end_x(), 20.0);
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0].0, 0);
    assert_eq!(runs[0].1, vec![(tl.x_of_event(0), tl.x_of_event(3))]);
    assert_eq!(runs[1].1, vec![(tl.x_of_event(4), tl.x_of_event(5))]);
    // Kept apart when the join distance is smaller than the gap.
    let runs = tl.span_runs(0.0, 1e9, tl.end_x(), 1.0);
    assert_eq!(runs[0].1.len(), 2);
}

#[test]
fn ticks_follow_the_stretched_axis_when_zoomed_out() {
    // 3,000 events, 5 per ms: zoomed to fit 500 px, spacing (not time)
    // makes the width; ticks still come every ~72 px, on round times.
    let mut tl = Timeline::new(lanes(1), Scale::default(), KindSet::ALL);
    tl.extend((0..3_000).map(|i| ev((i / 5) as f64, 0, Kind::Note)));
    tl.set_scale(Scale::at_zoom(tl.fit_zoom(500.0)));
    let ticks = tl.ticks(0.0, tl.width(), 72.0);
    assert!(ticks.len() >= 4, "{ticks:?}");
    assert!(ticks.windows(2).all(|w| w[1].x - w[0].x >= 72.0));
    assert!(ticks.iter().all(|t| t.label.ends_with(" ms")), "{ticks:?}");
}

/// A lesson's demo run on the virtual clock with these knobs.
fn demo_run(slug: &str, id: &str, pairs: &[(&str, &str)]) -> Trace {
    let d = lessons::RUNTIME
        .iter()
        .find(|l| l.slug == slug)
        .and_then(|l| l.demo(id))
        .expect("the demo exists");
    let (k, errors) = lessons::Knobs::from_pairs(d.knobs, pairs.iter().copied());
    assert!(errors.is_empty(), "{errors:?}");
    trace::run_virtual((d.run)(k))
}

/// `lane@wake-time→poll-time` of every snooze.
fn snoozes(t: &Trace) -> Vec<String> {
    let tl = Timeline::from_trace(t, Scale::default(), KindSet::ALL);
    let end = t.events.last().map_or(0.0, |e| e.t);
    tl.snoozes(end)
        .iter()
        .map(|s| {
            let to =
                s.to.map_or("…".to_string(), |i| t.events[i].t_ms().to_string());
            format!("{}@{}→{to}", t.lane_name(s.lane), t.events[s.from].t_ms())
        })
        .collect()
}

#[test]
fn a_slow_loop_body_snoozes_the_woken_jobs_of_lesson_11() {
    // The default: every wake is answered by a poll at the same instant.
    let t = demo_run("concurrency-inside-a-stream", "jobs", &[]);
    assert_eq!(snoozes(&t), Vec::<String>::new());
    // The body waits 250 ms: job A's timer fires at t300 while the body
    // of B runs, and nobody polls A (or `results`) until t350.
    let t = demo_run("concurrency-inside-a-stream", "jobs", &[("body_ms", "250")]);
    assert_eq!(snoozes(&t), ["job A@300→350", "results@300→350"]);
}

#[test]
fn a_wake_answered_in_time_is_no_snooze_and_an_unanswered_one_stays_open() {
    let mut tl = Timeline::new(
        vec!["main".into(), "s".into()],
        Scale::default(),
        KindSet::ALL,
    );
    tl.extend([
        ev(0.0, 1, Kind::Pending),
        ev(100.0, 1, Kind::Wake),
        ev(100.0, 1, Kind::Yield),
        ev(100.0, 1, Kind::Pending),
        ev(200.0, 1, Kind::Wake),
        ev(205.0, 1, Kind::Wake),
    ]);
    assert_eq!(tl.snoozes(210.0), [], "10 ms is not a snooze yet");
    assert_eq!(
        tl.snoozes(230.0),
        [Snooze {
            lane: 1,
            from: 4,
            to: None
        }],
        "open from the first wake"
    );
    tl.push(ev(260.0, 1, Kind::Yield));
    assert_eq!(
        tl.snoozes(300.0),
        [Snooze {
            lane: 1,
            from: 4,
            to: Some(6)
        }]
    );
    assert_eq!(
        tl.snooze_at(6, 300.0),
        Some(Snooze {
            lane: 1,
            from: 4,
            to: Some(6)
        })
    );
    assert_eq!(tl.snooze_at(2, 300.0), None);
}

#[test]
fn lesson_15_marks_the_stall_and_the_futurelock_and_not_their_fixes() {
    let slug = "when-concurrency-stalls";
    // A slow save: B and C finish while A is saved, and wait, woken.
    let t = demo_run(slug, "stall", &[]);
    assert_eq!(t.status, trace::Status::Finished);
    assert_eq!(
        snoozes(&t),
        ["job B@150→300", "results@150→300", "job C@200→500"]
    );
    for fix in ["spawn", "in_stream"] {
        let t = demo_run(slug, "stall", &[("fix", fix)]);
        assert_eq!(t.status, trace::Status::Finished, "{fix}");
        assert_eq!(snoozes(&t), Vec::<String>::new(), "{fix}");
    }
    let t = demo_run(slug, "stall", &[("save_ms", "0")]);
    assert_eq!(snoozes(&t), Vec::<String>::new());
    // The loop waits for the connection job A holds: A's wake at t300
    // reaches a task that never polls it again, and the run hangs then.
    let t = demo_run(slug, "futurelock", &[]);
    assert_eq!(t.status, trace::Status::Stalled);
    assert_eq!(t.events.last().map(|e| e.t_ms()), Some(300));
    assert_eq!(snoozes(&t), Vec::<String>::new());
    for fix in ["for_each_concurrent", "in_stream", "spawn"] {
        let t = demo_run(slug, "futurelock", &[("fix", fix)]);
        assert_eq!(t.status, trace::Status::Finished, "{fix}");
        assert_eq!(snoozes(&t), Vec::<String>::new(), "{fix}");
    }
    let t = demo_run(slug, "futurelock", &[("a", "50")]);
    assert_eq!(t.status, trace::Status::Finished);
}

/// The lessons that teach a hazard, whose default runs show one.
const HAZARD_DEMOS: &[&str] = &["stall", "futurelock"];

/// The marks are rare by construction: no other demo's default run snoozes
/// or hangs (each wake is answered at once on the virtual clock), so a mark
/// on a lesson's timeline always means something.
#[test]
fn default_runs_show_no_hazard_unless_their_lesson_teaches_it() {
    for l in lessons::RUNTIME {
        for d in l.demos {
            if HAZARD_DEMOS.contains(&d.id) {
                continue;
            }
            let t = trace::run_virtual((d.run)(lessons::Knobs::defaults(d.knobs)));
            assert_eq!(t.status, trace::Status::Finished, "{} {}", l.slug, d.id);
            assert_eq!(snoozes(&t), Vec::<String>::new(), "{} {}", l.slug, d.id);
        }
    }
}
