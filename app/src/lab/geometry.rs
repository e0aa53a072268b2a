//! Where a marble track puts things, and what a drag or a key does to a
//! track: plain functions of the model, tested natively.
//!
//! Every track of a pipeline shares one time axis ([`span_ms`]), so items
//! that arrive together line up across tracks. Positions are fractions of
//! the track's width (the page draws them as `left: N%`), and every time a
//! drag or a key makes is snapped to the frame of marble text
//! ([`FRAME_MS`]), so a track made on the page always prints as marble text
//! exactly.

use lab::marbles::{FRAME_MS, MAX_FRAMES};
use lab::model::{End, Marble, Pipeline, Source};

/// The latest time a track can hold (the last frame of marble text).
pub const MAX_MS: u32 = (MAX_FRAMES as u32 - 1) * FRAME_MS;

/// How far from a touch a marble or end mark can be and still be taken,
/// px: a 48 px wide target, above the 32 px a finger needs, however small
/// the marble is drawn. Among several in reach the nearest is taken.
pub const TOUCH_REACH_PX: f64 = 24.0;

/// The axis every track shares: the latest marble or end mark of any
/// marble track or the last item of a counter, plus room to drag past it
/// (a quarter more, at least 100 ms), rounded up to 100 ms; at least
/// 300 ms, at most [`MAX_MS`]. An unfold's times are not known before the
/// run, so it adds nothing.
pub fn span_ms(p: &Pipeline) -> u32 {
    let last = p
        .sources
        .iter()
        .filter_map(|s| match s {
            Source::Marbles { items, end } => Some(last_ms(items, *end)),
            Source::Counter { period_ms, count } => {
                Some(period_ms.saturating_mul(*count).min(MAX_MS))
            }
            Source::Unfold { .. } => None,
        })
        .max()
        .unwrap_or(0);
    let room = (last / 4).max(100);
    let span = (last + room).div_ceil(100) * 100;
    span.clamp(300, MAX_MS)
}

/// The latest thing on a track: its last marble or its end mark.
pub fn last_ms(items: &[Marble], end: End) -> u32 {
    let items = items.iter().map(|m| m.at_ms).max().unwrap_or(0);
    items.max(end_ms(end).unwrap_or(0))
}

/// When the end mark is, if there is one.
pub fn end_ms(end: End) -> Option<u32> {
    match end {
        End::Never => None,
        End::Complete { at_ms } | End::Error { at_ms } => Some(at_ms),
    }
}

/// `end` moved to `at_ms`.
pub fn end_at(end: End, at_ms: u32) -> End {
    match end {
        End::Never => End::Never,
        End::Complete { .. } => End::Complete { at_ms },
        End::Error { .. } => End::Error { at_ms },
    }
}

/// Where `ms` is on an axis of `span` ms, in percent of the track's width.
pub fn percent(ms: u32, span: u32) -> f64 {
    f64::from(ms.min(span)) * 100.0 / f64::from(span.max(1))
}

/// The time at a fraction of the track's width (a pointer's position),
/// snapped to the nearest frame and kept on the axis.
pub fn ms_at(fraction: f64, span: u32) -> u32 {
    let fraction = if fraction.is_finite() {
        fraction.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let ms = fraction * f64::from(span);
    snap(ms.round() as u32).min(span.min(MAX_MS) / FRAME_MS * FRAME_MS)
}

/// `ms` on the nearest frame.
pub fn snap(ms: u32) -> u32 {
    (ms + FRAME_MS / 2) / FRAME_MS * FRAME_MS
}

/// `ms` moved by `frames` frames (negative: earlier), kept on `0..=MAX_MS`.
pub fn nudge(ms: u32, frames: i32) -> u32 {
    let to = i64::from(snap(ms)) + i64::from(frames) * i64::from(FRAME_MS);
    to.clamp(0, i64::from(MAX_MS)) as u32
}

/// A track with marble `i` moved to `at_ms` (no later than the end mark),
/// kept in time order; and where marble `i` now is in it. A marble that
/// meets others at the same time goes after them.
pub fn move_marble(items: &[Marble], end: End, i: usize, at_ms: u32) -> (Vec<Marble>, usize) {
    let mut items = items.to_vec();
    if i >= items.len() {
        return (items, i);
    }
    let latest = end_ms(end).unwrap_or(MAX_MS);
    let mut m = items.remove(i);
    m.at_ms = at_ms.min(latest);
    let at = items.partition_point(|o| o.at_ms <= m.at_ms);
    items.insert(at, m);
    (items, at)
}

/// The end mark moved to `at_ms`, but never before the last marble (text
/// cannot put items after the end).
pub fn move_end(items: &[Marble], end: End, at_ms: u32) -> End {
    let last = items.iter().map(|m| m.at_ms).max().unwrap_or(0);
    end_at(end, at_ms.max(last).min(MAX_MS))
}

/// A track with a new marble at `at_ms` (pushing the end mark later if it
/// was earlier) and its index. Its value is one more than the marble before
/// it (1 on an empty track), so a click makes `1, 2, 3 …`.
pub fn add_marble(items: &[Marble], end: End, at_ms: u32) -> (Vec<Marble>, End, usize) {
    let at_ms = at_ms.min(MAX_MS);
    let before = items.iter().rev().find(|m| m.at_ms <= at_ms);
    let value = before.map_or(1, |m| m.value.saturating_add(1));
    let mut items = items.to_vec();
    let i = items.partition_point(|o| o.at_ms <= at_ms);
    items.insert(i, Marble { at_ms, value });
    let end = match end_ms(end) {
        Some(e) if e < at_ms => end_at(end, at_ms),
        _ => end,
    };
    (items, end, i)
}

/// The time for a new marble added with a button: a frame after the last
/// marble (or at 100 ms on an empty track).
pub fn next_free_ms(items: &[Marble]) -> u32 {
    items
        .iter()
        .map(|m| m.at_ms)
        .max()
        .map_or(100, |last| nudge(last, 10))
}

/// Which of the points `xs` (px) a pointer at `x` takes: the nearest
/// within `reach` px, and of two as near the later one (the end mark comes
/// last and is drawn on top of a marble at its time).
pub fn nearest(xs: &[f64], x: f64, reach: f64) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (k, &p) in xs.iter().enumerate() {
        let d = (p - x).abs();
        if d <= reach && best.is_none_or(|(_, b)| d <= b) {
            best = Some((k, d));
        }
    }
    best.map(|(k, _)| k)
}

/// When a counter's items are ready, as `lab::run` makes them: item `k`
/// (value `k`, from 0) not before `(k + 1) × period` ms (all at 0 ms for
/// a period of 0), or later if nothing polls it by then. The ones up to
/// `span` ms (at most [`MAX_SHOWN`]), and how many come later.
pub fn counter_items(period_ms: u32, count: u32, span: u32) -> (Vec<Marble>, u32) {
    let shown: Vec<Marble> = (0..count)
        .map(|k| Marble {
            at_ms: period_ms.saturating_mul(k + 1),
            value: i64::from(k),
        })
        .take_while(|m| m.at_ms <= span)
        .take(MAX_SHOWN)
        .collect();
    let later = count - shown.len() as u32;
    (shown, later)
}

/// The most items a counter's track draws (more would be one smudge).
pub const MAX_SHOWN: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;
    use lab::marbles::{parse, print};

    fn track(text: &str) -> (Vec<Marble>, End) {
        parse(text).expect("marble text")
    }

    #[test]
    fn the_axis_covers_every_track_with_room_to_drag() {
        let mut p = crate::lab::address::first_preset();
        let (items, end) = track("-1--2|");
        p.sources = vec![Source::Marbles { items, end }];
        assert_eq!(span_ms(&p), 300, "the least span");
        let (items, end) = track("---------------------------------------------------1|");
        p.sources.push(Source::Marbles { items, end });
        assert_eq!(span_ms(&p), 700, "510 ms + 127 ms room, rounded up");
        p.sources = vec![Source::Counter {
            period_ms: 10,
            count: 3,
        }];
        assert_eq!(span_ms(&p), 300);
        p.sources.push(Source::Counter {
            period_ms: 200,
            count: 4,
        });
        assert_eq!(
            span_ms(&p),
            1000,
            "the counter's last item at 800 ms, + 200 ms room"
        );
        p.sources[1] = Source::Counter {
            period_ms: 100,
            count: 10_000,
        };
        assert_eq!(span_ms(&p), MAX_MS, "never past the last frame");
        p.sources[1] = Source::Unfold {
            delay_ms: 1000,
            count: 9,
        };
        assert_eq!(span_ms(&p), 300, "an unfold's times come from the run");
    }

    #[test]
    fn a_counter_is_drawn_where_the_run_makes_its_items() {
        let (shown, later) = counter_items(100, 3, 300);
        let at: Vec<(u32, i64)> = shown.iter().map(|m| (m.at_ms, m.value)).collect();
        assert_eq!(at, [(100, 0), (200, 1), (300, 2)]);
        assert_eq!(later, 0);
        let (shown, later) = counter_items(100, 10, 450);
        assert_eq!((shown.len(), later), (4, 6));
        let (shown, later) = counter_items(0, 5, 300);
        assert!(shown.iter().all(|m| m.at_ms == 0));
        assert_eq!((shown.len(), later), (5, 0));
        let (shown, later) = counter_items(10, 10_000, MAX_MS);
        assert_eq!(
            (shown.len() as u32, later),
            (MAX_SHOWN as u32, 10_000 - MAX_SHOWN as u32)
        );
        assert_eq!(counter_items(u32::MAX, 3, MAX_MS), (Vec::new(), 3));
    }

    #[test]
    fn a_touch_takes_the_nearest_mark_in_reach() {
        let xs = [100.0, 110.0, 200.0];
        assert_eq!(
            nearest(&xs, 103.0, TOUCH_REACH_PX),
            Some(0),
            "not the one drawn on top"
        );
        assert_eq!(nearest(&xs, 107.0, TOUCH_REACH_PX), Some(1));
        assert_eq!(
            nearest(&xs, 105.0, TOUCH_REACH_PX),
            Some(1),
            "a tie: the later"
        );
        assert_eq!(
            nearest(&xs, 223.0, TOUCH_REACH_PX),
            Some(2),
            "23 px off still takes it"
        );
        assert_eq!(
            nearest(&xs, 225.0, TOUCH_REACH_PX),
            None,
            "out of reach: an empty spot"
        );
        assert_eq!(nearest(&[], 0.0, f64::INFINITY), None);
    }

    #[test]
    fn positions_and_pointer_times_agree_on_frames() {
        assert_eq!(percent(150, 300), 50.0);
        assert_eq!(percent(900, 300), 100.0);
        assert_eq!(ms_at(0.5, 300), 150);
        assert_eq!(ms_at(0.51, 300), 150, "153 ms snaps to 150");
        assert_eq!(ms_at(0.52, 300), 160, "156 ms snaps to 160");
        assert_eq!(ms_at(-1.0, 300), 0);
        assert_eq!(ms_at(2.0, 300), 300);
        assert_eq!(ms_at(f64::NAN, 300), 0);
        for f in 0..=100 {
            let ms = ms_at(f64::from(f) / 100.0, 470);
            assert_eq!(ms % FRAME_MS, 0);
            assert!(ms <= 470);
        }
    }

    #[test]
    fn keys_move_by_frames_and_stay_on_the_axis() {
        assert_eq!(nudge(40, 1), 50);
        assert_eq!(nudge(40, -10), 0);
        assert_eq!(nudge(43, 0), 40);
        assert_eq!(nudge(MAX_MS, 10), MAX_MS);
    }

    #[test]
    fn a_moved_marble_keeps_time_order_and_the_end_mark() {
        let (items, end) = track("-1-2-3|");
        let (moved, at) = move_marble(&items, end, 0, 50);
        assert_eq!(print(&moved, end), "---2-(3,1)|");
        assert_eq!(at, 2, "after the marble already at 50 ms");
        let (moved, at) = move_marble(&items, end, 2, 0);
        assert_eq!(print(&moved, end), "31-2--|");
        assert_eq!(at, 0);
        let (moved, _) = move_marble(&items, end, 0, 500);
        assert_eq!(print(&moved, end), "---2-3(1|)", "not past the end");
        assert_eq!(move_end(&items, end, 10), End::Complete { at_ms: 50 });
        assert_eq!(move_end(&items, end, 90), End::Complete { at_ms: 90 });
        let (items, end) = track("-1-✕");
        assert_eq!(move_end(&items, end, 70), End::Error { at_ms: 70 });
        assert!(lab::marbles::printable(&moved, End::Complete { at_ms: 60 }));
    }

    #[test]
    fn clicks_add_the_next_value_and_push_the_end() {
        let (items, end) = track("-1---5|");
        let (added, end2, i) = add_marble(&items, end, 30);
        assert_eq!((print(&added, end2), i), ("-1-2-5|".to_string(), 1));
        let (added, end2, i) = add_marble(&items, end, 90);
        assert_eq!((print(&added, end2), i), ("-1---5---(6|)".to_string(), 2));
        let (added, end2, _) = add_marble(&[], End::Never, 0);
        assert_eq!(print(&added, end2), "1");
        assert_eq!(next_free_ms(&items), 150);
        assert_eq!(next_free_ms(&[]), 100);
    }
}
