//! Lesson 5, variant: `Drop` cannot `.await`. A connection that must send a
//! goodbye before it closes can only *start* that work from `drop`, as a
//! spawned task that finishes later — or never, if the program ends first.

use crate::prelude::*;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[
    Knob::ms(
        "goodbye",
        50,
        0,
        1000,
        "time to send the goodbye",
        "发送告别消息耗时",
    ),
    Knob::ms(
        "linger",
        100,
        0,
        1000,
        "main keeps running for",
        "main 随后继续运行",
    ),
];

/// Breaks out of a loop whose stream owns a `Conn`; its `Drop` spawns the async goodbye.
// ANCHOR: demo
pub async fn run(k: Knobs) {
    let (goodbye, linger) = (k.u("goodbye"), k.u("linger"));
    {
        let conn = Conn::open(goodbye);
        let mut items = traced("gen", numbers(conn));
        while let Some(x) = items.next().await {
            body(x);
            if x == 1 {
                note("break");
                break;
            }
        }
    } // `items` is dropped here, and with it the `Conn`
    note("after scope");
    sleep(linger).await;
    note("main done");
}

struct Conn {
    socket: Option<Guard>,
    goodbye_ms: u64,
}

impl Conn {
    fn open(goodbye_ms: u64) -> Conn {
        Conn {
            socket: Some(Guard::new("socket")),
            goodbye_ms,
        }
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        // A plain `fn`: `drop` cannot `.await` the goodbye.
        // All it can do is start a task that finishes later.
        let socket = self.socket.take();
        let ms = self.goodbye_ms;
        spawn("close", async move {
            note("sending goodbye");
            sleep(ms).await;
            drop(socket); // the socket closes only now
        });
    }
}

fn numbers(conn: Conn) -> impl Stream<Item = u64> {
    stream::unfold((0, conn), |(i, conn)| async move {
        sleep(100).await;
        Some((i, (i + 1, conn)))
    })
}
// ANCHOR_END: demo

/// "Where does the socket's cleanup `C` land?" — 0: before `after scope`,
/// 1: after `after scope` but before `main done`, 2: after `main done` (the
/// run ended first and dropped the unfinished close task).
pub fn predict_closed(t: &Trace) -> Option<usize> {
    let cleanup = t.position(|e| e.kind == Kind::Cleanup)?;
    let note_at = |text: &str| t.position(|e| e.kind == Kind::Note && e.value == text);
    let after_scope = note_at("after scope")?;
    Some(if cleanup < after_scope {
        0
    } else if note_at("main done").is_some_and(|done| cleanup < done) {
        1
    } else {
        2
    })
}

#[cfg(test)]
mod tests {
    use super::{predict_closed, run, KNOBS};
    use crate::testing::{run_default, run_with};
    use trace::{Kind, Status};

    #[test]
    fn default_timeline_matches_the_reference() {
        let t = run_default(KNOBS, run);
        assert_eq!(
            t.notation(|_| true),
            "t0 T+100 P · t100 W R(0) B(0) T+100 P · t200 W R(1) B(1) break D after scope T+100 \
             sending goodbye T+50 · t250 C(socket) · t300 main done"
        );
        // The goodbye runs in its own lane, after `drop` has returned.
        let close = t.position(|e| e.kind == Kind::Cleanup).expect("a cleanup");
        assert_eq!(t.lane_name(t.events[close].lane), "close");
        assert_eq!(predict_closed(&t), Some(1));
    }

    #[test]
    fn if_main_ends_first_the_goodbye_never_finishes() {
        // The close task is dropped with the run: the socket's `Drop` still
        // runs (synchronously), but the goodbye's timer is cleared unfired.
        let t = run_with(KNOBS, run, &[("goodbye", "500"), ("linger", "100")]);
        assert_eq!(
            t.notation(|_| true),
            "t0 T+100 P · t100 W R(0) B(0) T+100 P · t200 W R(1) B(1) break D after scope T+100 \
             sending goodbye T+500 · t300 main done T✕700 C(socket)"
        );
        assert_eq!(t.status, Status::Finished);
        assert_eq!(predict_closed(&t), Some(2));
    }

    #[test]
    fn extreme_knobs_finish() {
        for (goodbye, linger) in [("0", "0"), ("1000", "0"), ("0", "1000"), ("1000", "1000")] {
            let t = run_with(KNOBS, run, &[("goodbye", goodbye), ("linger", linger)]);
            assert_eq!(t.status, Status::Finished, "{goodbye} {linger}");
            assert_eq!(t.values(Kind::Cleanup), vec!["socket"]);
            assert!(predict_closed(&t).is_some());
        }
    }
}
