//! Lesson 9: a bounded channel between a producer task and a consumer.
//! The producer's `send(n).await` finishes only when there is room, so a
//! slow consumer holds the producer back (backpressure); `buf` sets how far
//! ahead the producer may get.

use crate::prelude::*;
use futures::channel::mpsc;
use futures::SinkExt;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[
    Knob::int("buf", 0, 0, 8, "channel buffer", "信道缓冲区"),
    Knob::int("items", 4, 1, 12, "items to send", "发送几项"),
    Knob::ms(
        "work",
        100,
        0,
        1000,
        "consumer time per item",
        "消费者每项耗时",
    ),
];

// ANCHOR: demo
pub async fn run(k: Knobs) {
    let buf = k.u("buf") as usize;
    let (items, work) = (k.u("items"), k.u("work"));
    let (mut tx, rx) = mpsc::channel::<u64>(buf);

    spawn("producer", async move {
        for n in 0..items {
            note(format!("send({n}) start"));
            if tx.send(n).await.is_err() {
                return; // the receiver is gone
            }
            note(format!("send({n}) done"));
        }
        drop(tx); // the last sender: the channel closes
        note("tx dropped");
    });

    let mut rx = traced("rx", rx); // a Receiver is a Stream
    while let Some(n) = rx.next().await {
        body(n);
        sleep(work).await; // a slow consumer
    }
    note("channel closed");
}
// ANCHOR_END: demo

/// "When does `send(2)` finish?" — 0: at once; 1, 2, 3: when the consumer
/// takes item 0, 1, 2 (the last item taken between its start and its end).
pub fn predict_send2(t: &Trace) -> Option<usize> {
    let rx = t.lanes.iter().position(|l| l == "rx")?;
    let at = |text: &str| {
        t.events
            .iter()
            .position(|e| e.kind == Kind::Note && e.value == text)
    };
    let (start, done) = (at("send(2) start")?, at("send(2) done")?);
    let taken = t.events[start..done]
        .iter()
        .rev()
        .find(|e| usize::from(e.lane) == rx && e.kind == Kind::Yield);
    match taken {
        None => Some(0),
        Some(e) => e.value.parse::<usize>().ok().map(|v| v + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{no_timers, run_default, run_with};

    fn run_knobs(buf: u64, items: u64, work: u64) -> Trace {
        let (b, i, w) = (buf.to_string(), items.to_string(), work.to_string());
        run_with(KNOBS, run, &[("buf", &b), ("items", &i), ("work", &w)])
    }

    fn pos(t: &Trace, text: &str) -> usize {
        t.events
            .iter()
            .position(|e| e.kind == Kind::Note && e.value == text)
            .unwrap_or_else(|| panic!("no note {text:?}"))
    }

    #[test]
    fn default_timeline_is_the_reference() {
        let t = run_default(KNOBS, run);
        assert_eq!(
            t.notation(no_timers),
            "t0 P send(0) start W R(0) B(0) send(0) done send(1) start \
             · t100 R(1) B(1) send(1) done send(2) start \
             · t200 R(2) B(2) send(2) done send(3) start \
             · t300 R(3) B(3) send(3) done tx dropped \
             · t400 R∅ channel closed D"
        );
        assert_eq!(t.lanes, ["main", "producer", "rx"]);
        // The producer's notes are in its own lane, the channel's in `rx`.
        let producer = t.events.iter().filter(|e| e.lane == 1);
        assert!(producer.clone().all(|e| e.kind == Kind::Note));
        assert_eq!(producer.count(), 9);
    }

    #[test]
    fn buf_1_lets_the_producer_get_one_item_ahead() {
        // reference-timelines.txt L9b
        let t = run_knobs(1, 4, 100);
        assert_eq!(
            t.notation(no_timers),
            "t0 P send(0) start W send(0) done send(1) start R(0) B(0) send(1) done send(2) start \
             · t100 R(1) B(1) send(2) done send(3) start \
             · t200 R(2) B(2) send(3) done tx dropped \
             · t300 R(3) B(3) \
             · t400 R∅ channel closed D"
        );
    }

    #[test]
    fn send_n_finishes_when_item_n_minus_buf_is_taken() {
        for buf in 0..=8u64 {
            for items in [1, 4, 12] {
                for work in [0, 100] {
                    let t = run_knobs(buf, items, work);
                    assert_eq!(t.status, trace::Status::Finished);
                    for n in 0..items {
                        let start = pos(&t, &format!("send({n}) start"));
                        let done = pos(&t, &format!("send({n}) done"));
                        let taken: Vec<&str> = t.events[start..done]
                            .iter()
                            .filter(|e| e.lane == 2 && e.kind == Kind::Yield)
                            .map(|e| e.value.as_ref())
                            .collect();
                        let ctx = format!("buf={buf} items={items} work={work} n={n}");
                        if n < buf {
                            assert!(taken.is_empty(), "{ctx}: {taken:?}");
                        } else {
                            let want = (n - buf).to_string();
                            assert_eq!(taken.last(), Some(&want.as_str()), "{ctx}");
                            // ... and it finishes right after that item is taken.
                            assert!(done > start, "{ctx}");
                        }
                    }
                    // Every item arrives, in order, and then the channel ends.
                    let got: Vec<String> = t
                        .values(Kind::Yield)
                        .iter()
                        .map(|s| s.to_string())
                        .collect();
                    let want: Vec<String> = (0..items).map(|i| i.to_string()).collect();
                    assert_eq!(got, want);
                    let end = t.events.iter().find(|e| e.kind == Kind::End).expect("R∅");
                    assert_eq!(end.t_ms(), (items * work) as i64);
                }
            }
        }
    }

    #[test]
    fn the_try_this_claims_hold() {
        // buf = 3, 4 items: every send is done at t0, and so is the drop of tx.
        let t = run_knobs(3, 4, 100);
        for e in t.events.iter().filter(|e| e.lane == 1) {
            assert_eq!(e.t_ms(), 0, "{e:?}");
        }
        assert_eq!(t.events.iter().filter(|e| e.lane == 1).count(), 9);
        // work = 0: everything at t0, producer and consumer take turns.
        let t = run_knobs(0, 4, 0);
        assert!(t.events.iter().all(|e| e.t_ms() == 0));
        assert_eq!(
            t.notation(no_timers),
            "t0 P send(0) start W R(0) B(0) send(0) done send(1) start R(1) B(1) \
             send(1) done send(2) start R(2) B(2) send(2) done send(3) start R(3) B(3) \
             send(3) done tx dropped R∅ channel closed D"
        );
    }

    #[test]
    fn predict_follows_the_trace() {
        assert_eq!(predict_send2(&run_default(KNOBS, run)), Some(3));
        assert_eq!(predict_send2(&run_knobs(1, 4, 100)), Some(2));
        assert_eq!(predict_send2(&run_knobs(2, 4, 100)), Some(1));
        assert_eq!(predict_send2(&run_knobs(3, 4, 100)), Some(0));
        assert_eq!(predict_send2(&run_knobs(0, 2, 100)), None);
    }
}
