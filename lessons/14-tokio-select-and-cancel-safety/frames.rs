//! Lesson 14, first demo: a `tokio::select!` loop that re-creates a
//! two-step "read a whole frame" future every turn loses the half frame it
//! had read when the tick branch wins; created once and pinned, it keeps it.

use std::pin::pin;

use tokio::sync::mpsc;

use crate::prelude::*;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[
    Knob::choice(
        "read",
        0,
        &["per_turn", "pinned"],
        "a read_frame future",
        "read_frame future 的创建",
    ),
    Knob::int("frames", 3, 1, 6, "frames sent", "发送的帧数"),
    Knob::ms("every", 40, 10, 200, "one half every", "每半帧间隔"),
    Knob::ms("tick", 110, 20, 500, "tick every", "tick 间隔"),
];

// ANCHOR: demo
pub async fn run(k: Knobs) {
    let (tx, mut rx) = mpsc::channel(8);
    spawn("sender", send_halves(tx, k.u("frames"), k.u("every")));
    let mut ticks = pin!(ticker(k.u("tick")));
    if k.get("read") == 0 {
        // A new read_frame future on every turn of the loop.
        loop {
            let read = traced_future("read_frame", read_frame(&mut rx));
            tokio::select! {
                biased;
                frame = read => match frame {
                    Some(frame) => body(frame),
                    None => break,
                },
                _ = ticks.next() => note("tick"),
            }
        }
    } else {
        // One future per frame, created before the loop that waits for it.
        loop {
            let mut read = pin!(traced_future("read_frame", read_frame(&mut rx)));
            let frame = loop {
                tokio::select! {
                    biased;
                    frame = &mut read => break frame,
                    _ = ticks.next() => note("tick"),
                }
            };
            match frame {
                Some(frame) => body(frame),
                None => break,
            }
        }
    }
    note("end");
}

/// A frame is two messages: its head, then its tail.
async fn read_frame(rx: &mut mpsc::Receiver<String>) -> Option<String> {
    let head = rx.recv().await?;
    note(format!("head {head}"));
    let tail = rx.recv().await?;
    Some(format!("{head}+{tail}"))
}

async fn send_halves(tx: mpsc::Sender<String>, frames: u64, every: u64) {
    for i in 1..=frames {
        for half in ["a", "b"] {
            sleep(every).await;
            let _ = tx.send(format!("{i}{half}")).await;
        }
    }
} // `tx` is dropped: the channel closes

fn ticker(every: u64) -> impl Stream<Item = ()> {
    stream::unfold((), move |()| async move {
        sleep(every).await;
        Some(((), ()))
    })
}
// ANCHOR_END: demo

/// "At t220 the tick wins while `read_frame` holds `3a`: what becomes of
/// `3a`?" — 0: it stays in `read_frame` and frame 3 arrives whole; 1: it is
/// dropped with the future and never handled; 2: it goes back to the channel
/// and the next `read_frame` reads it again. `None` if no tick came while a
/// head was held.
pub fn predict_half(t: &Trace) -> Option<usize> {
    let lane = t.lanes.iter().position(|l| l == "read_frame")?;
    let on_lane = |e: &Event| usize::from(e.lane) == lane;
    // The first tick while a head is held: the head's note, no result since.
    let mut held: Option<&str> = None;
    let mut at = None;
    for (i, e) in t.events.iter().enumerate() {
        if on_lane(e) && e.kind == Kind::Note {
            held = e.value.strip_prefix("head ");
        } else if on_lane(e) && matches!(e.kind, Kind::Poll | Kind::Drop) {
            if e.kind == Kind::Drop && held.is_some() {
                at = Some(i);
                break;
            }
            held = None;
        } else if e.kind == Kind::Note && e.value == "tick" && held.is_some() {
            at = Some(i);
            break;
        }
    }
    let (at, head) = (at?, held?);
    let later = &t.events[at..];
    let read_again = later
        .iter()
        .any(|e| on_lane(e) && e.kind == Kind::Note && e.value.strip_prefix("head ") == Some(head));
    let handled = later
        .iter()
        .any(|e| e.kind == Kind::Body && e.value.split('+').any(|h| h == head));
    Some(if read_again {
        2
    } else if handled {
        0
    } else {
        1
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{run_default, run_with};

    #[test]
    fn default_timeline_is_the_reference() {
        let t = run_default(KNOBS, run);
        assert_eq!(
            t.notation(|_| true),
            "t0 P T+110 T+40 · t40 W T+40 head 1a P · t80 W T+40 poll(Some(1a+1b)) B(1a+1b) P · \
             t110 P D tick P T+110 · t120 W T+40 head 2a P · \
             t160 W T+40 poll(Some(2a+2b)) B(2a+2b) P · t200 W T+40 head 3a P · \
             t220 P D tick P T+110 · t240 W head 3b poll(None) end T✕330"
        );
        assert_eq!(t.lanes, ["main", "sender", "read_frame"]);
        assert_eq!(t.values(Kind::Body), ["1a+1b", "2a+2b"]);
        assert_eq!(predict_half(&t), Some(1));
    }

    #[test]
    fn pinned_timeline_keeps_the_half_frame() {
        let t = run_with(KNOBS, run, &[("read", "pinned")]);
        assert_eq!(
            t.notation(|_| true),
            "t0 P T+110 T+40 · t40 W T+40 head 1a P · t80 W T+40 poll(Some(1a+1b)) B(1a+1b) P · \
             t110 P tick P T+110 · t120 W T+40 head 2a P · \
             t160 W T+40 poll(Some(2a+2b)) B(2a+2b) P · t200 W T+40 head 3a P · \
             t220 P tick P T+110 · t240 W poll(Some(3a+3b)) B(3a+3b) poll(None) end T✕330"
        );
        assert_eq!(t.values(Kind::Body), ["1a+1b", "2a+2b", "3a+3b"]);
        assert_eq!(predict_half(&t), Some(0));
    }

    #[test]
    fn the_lost_half_is_dropped_with_its_future() {
        // At t220, in this order: read_frame polled (Pending), dropped while
        // it holds `3a`, then the tick's handler runs.
        let t = run_default(KNOBS, run);
        let at_220 = t.at_ms(220);
        assert_eq!(
            at_220,
            ["read_frame:P", "read_frame:D", "main:tick", "read_frame:P", "main:T+110"]
        );
        // The tail `3b` is read as a head, then the channel closes.
        assert_eq!(t.values(Kind::Note).last(), Some(&"end"));
    }

    #[test]
    fn no_tick_between_halves_loses_nothing() {
        // A tick slower than the whole run never fires while a head is held.
        let t = run_with(KNOBS, run, &[("tick", "500")]);
        assert_eq!(t.values(Kind::Body), ["1a+1b", "2a+2b", "3a+3b"]);
        assert_eq!(predict_half(&t), None);
        // Six frames, fast halves, frequent ticks: pinned loses none.
        let t = run_with(KNOBS, run, &[("read", "pinned"), ("frames", "6"), ("tick", "30")]);
        assert_eq!(t.values(Kind::Body).len(), 6);
        assert!(t.events.iter().all(|e| e.kind != Kind::Drop));
    }

    #[test]
    fn the_try_this_claims_hold() {
        // every = 10: the halves come 10 ms apart, no tick falls between.
        let t = run_with(KNOBS, run, &[("every", "10")]);
        assert_eq!(t.values(Kind::Body), ["1a+1b", "2a+2b", "3a+3b"]);
        // frames = 6, tick = 30: per_turn loses heads, pinned loses none.
        let t = run_with(KNOBS, run, &[("frames", "6"), ("tick", "30")]);
        let lost = t.values(Kind::Body).len();
        assert!(lost < 6, "{:?}", t.values(Kind::Body));
        assert_eq!(predict_half(&t), Some(1));
    }
}
