//! Lesson 14, second demo: Tokio's `mpsc::channel(cap)` holds exactly `cap`
//! messages; futures' `mpsc::channel(cap)` holds `cap` plus one per sender.
//! The consumer reads Tokio's receiver as a stream (`ReceiverStream`).

use tokio_stream::wrappers::ReceiverStream;

use crate::prelude::*;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[
    Knob::choice("channel", 0, &["tokio", "futures"], "channel", "信道"),
    Knob::int("cap", 2, 1, 4, "channel(cap)", "channel(cap)"),
    Knob::int("senders", 1, 1, 3, "senders", "发送端个数"),
];

// ANCHOR: demo
pub async fn run(k: Knobs) {
    let (cap, senders) = (k.u("cap") as usize, k.u("senders") as usize);
    let mut i = 0;
    if k.get("channel") == 0 {
        let (tx, rx) = tokio::sync::mpsc::channel(cap);
        for tx in vec![tx; senders] {
            while tx.try_send(i).is_ok() {
                note(format!("sent {i}"));
                i += 1;
            }
        } // each sender is dropped here: then the channel is closed
        note(format!("full after {i}"));
        read_all(ReceiverStream::new(rx)).await;
    } else {
        let (tx, rx) = futures::channel::mpsc::channel(cap);
        for mut tx in vec![tx; senders] {
            while tx.try_send(i).is_ok() {
                note(format!("sent {i}"));
                i += 1;
            }
        }
        note(format!("full after {i}"));
        read_all(rx).await;
    }
}

async fn read_all(rx: impl Stream<Item = u64>) {
    let mut items = traced("items", rx);
    while let Some(x) = items.next().await {
        body(x);
        sleep(50).await;
    }
}
// ANCHOR_END: demo

/// "How many `try_send`s succeed before the channel is full?" — 0: `cap`
/// (two); 1: `cap` + 1 (three); 2: another number.
pub fn predict_full(t: &Trace) -> Option<usize> {
    t.position(|e| e.kind == Kind::Note && e.value.starts_with("full after"))?;
    let sent = t
        .events
        .iter()
        .filter(|e| e.kind == Kind::Note && e.value.starts_with("sent "))
        .count();
    Some(match sent {
        2 => 0,
        3 => 1,
        _ => 2,
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
            "t0 sent 0 sent 1 full after 2 R(0) B(0) T+50 · t50 R(1) B(1) T+50 · t100 R∅ D"
        );
        assert_eq!(t.lanes, ["main", "items"]);
        assert_eq!(predict_full(&t), Some(0));
    }

    #[test]
    fn futures_channel_holds_one_more() {
        let t = run_with(KNOBS, run, &[("channel", "futures")]);
        assert_eq!(
            t.notation(|_| true),
            "t0 sent 0 sent 1 sent 2 full after 3 R(0) B(0) T+50 · t50 R(1) B(1) T+50 · \
             t100 R(2) B(2) T+50 · t150 R∅ D"
        );
        assert_eq!(predict_full(&t), Some(1));
    }

    #[test]
    fn tokio_holds_cap_futures_holds_cap_plus_senders() {
        for cap in 1..=4 {
            for senders in 1..=3 {
                let (c, s) = (cap.to_string(), senders.to_string());
                let full = |channel: &str| {
                    let t = run_with(
                        KNOBS,
                        run,
                        &[("channel", channel), ("cap", &c), ("senders", &s)],
                    );
                    assert_eq!(t.status, trace::Status::Finished);
                    t.values(Kind::Body).len()
                };
                assert_eq!(full("tokio"), cap);
                assert_eq!(full("futures"), cap + senders);
            }
        }
    }
}
