//! Lesson 15: a futurelock. The loop body waits for the database
//! connection, which a job inside `buffer_unordered` holds; that job can
//! only give it back when the stream is polled, and the stream is polled
//! only when the body is done. Nothing is left to wake anyone: the run
//! hangs. Each fix keeps the job polled while the body waits.

use std::future::Future;
use std::rc::Rc;

use crate::prelude::*;
use futures::channel::mpsc;
use futures::lock::Mutex;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[
    Knob::choice(
        "fix",
        0,
        &["none", "for_each_concurrent", "in_stream", "spawn"],
        "fix",
        "修复方式",
    ),
    Knob::ms(
        "a",
        300,
        10,
        2000,
        "job A's query takes",
        "作业 A 的查询耗时",
    ),
    Knob::ms(
        "b",
        100,
        0,
        2000,
        "job B (from the cache) takes",
        "作业 B（读缓存）耗时",
    ),
    Knob::ms("save_ms", 50, 0, 1000, "saving a row takes", "保存一行耗时"),
];

// ANCHOR: demo
pub async fn run(k: Knobs) {
    let (a, b, save_ms) = (k.u("a"), k.u("b"), k.u("save_ms"));
    let db = Rc::new(Mutex::new(Conn)); // one database connection
    let keys = [("A", Some(a)), ("B", None)]; // None: in the cache
    let for_jobs = db.clone();
    let lookups = stream::iter(keys).map(move |(id, query)| lookup(id, query, b, for_jobs.clone()));
    match k.get("fix") {
        0 => {
            let mut rows = traced("rows", lookups.buffer_unordered(2));
            while let Some(row) = rows.next().await {
                body(row);
                let conn = db.lock().await; // job A holds it
                save(&conn, save_ms).await;
            }
        }
        1 => {
            let db = &db;
            let rows = lookups.for_each_concurrent(2, |lookup| async move {
                let row = lookup.await;
                body(row);
                let conn = db.lock().await;
                save(&conn, save_ms).await;
            });
            rows.await;
        }
        2 => {
            let db = &db;
            let saved = lookups.map(|lookup| async move {
                let row = lookup.await;
                let conn = db.lock().await;
                save(&conn, save_ms).await;
                row
            });
            let mut rows = traced("rows", saved.buffer_unordered(2));
            while let Some(row) = rows.next().await {
                body(row); // saved: nothing slow left here
            }
        }
        _ => {
            let (tx, rx) = mpsc::unbounded();
            spawn("fetcher", async move {
                let mut rows = lookups.buffer_unordered(2);
                while let Some(row) = rows.next().await {
                    tx.unbounded_send(row).ok(); // never waits
                }
            });
            let mut rows = traced("rows", rx);
            while let Some(row) = rows.next().await {
                body(row);
                let conn = db.lock().await; // A gives it back
                save(&conn, save_ms).await;
            }
        }
    }
}

/// The database connection (a stand-in).
struct Conn;

/// Looks a key up: a query holds the connection while it runs; a cache
/// hit needs no connection.
fn lookup(
    id: &'static str,
    query: Option<u64>,
    cache_ms: u64,
    db: Rc<Mutex<Conn>>,
) -> impl Future<Output = &'static str> {
    traced_future(format!("job {id}"), async move {
        match query {
            Some(ms) => {
                let _conn = db.lock().await;
                sleep(ms).await; // the query, with the connection
            }
            None => sleep(cache_ms).await, // the cache
        }
        id
    })
}

async fn save(_conn: &Conn, ms: u64) {
    sleep(ms).await; // writes the row with the connection
}
// ANCHOR_END: demo

/// The question's case is the default knobs (answer 1). Options: 0 = job A
/// finishes at its time and hands the connection over, so B is saved;
/// 1 = A's timer fires but nobody polls A, and the run hangs; 2 = the
/// waiting body makes A give the connection up (A is cancelled).
///
/// Decided by how the run ended and whether job A was ever polled to its
/// end, not by times.
pub fn predict_at_t300(t: &Trace) -> Option<usize> {
    let job_a = t.lanes.iter().position(|l| l == "job A")?;
    let on_a = |kind: Kind| {
        t.events
            .iter()
            .any(|e| usize::from(e.lane) == job_a && e.kind == kind)
    };
    Some(if t.status == trace::Status::Stalled {
        1
    } else if on_a(Kind::Poll) {
        0
    } else if on_a(Kind::Drop) {
        2
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{run_default, run_with};
    use trace::Status;

    /// When the loop (or the save) took each row (its `B`), as `"B@100"`.
    fn bodies(t: &Trace) -> Vec<String> {
        t.events
            .iter()
            .filter(|e| e.kind == Kind::Body)
            .map(|e| format!("{}@{}", e.value, e.t_ms()))
            .collect()
    }

    #[test]
    fn default_timeline_the_body_waits_for_a_connection_job_a_never_returns() {
        let t = run_default(KNOBS, run);
        assert_eq!(t.lanes, ["main", "rows", "job A", "job B"]);
        assert_eq!(t.status, Status::Stalled);
        assert_eq!(
            t.notation(|_| true),
            "t0 T+300 P T+100 P W P P · t100 W W poll(B) R(B) B(B) · t300 W W D D"
        );
        assert_eq!(bodies(&t), ["B@100"]);
        assert_eq!(predict_at_t300(&t), Some(1));
    }

    #[test]
    fn for_each_concurrent_keeps_polling_job_a() {
        let t = run_with(KNOBS, run, &[("fix", "for_each_concurrent")]);
        assert_eq!(t.status, Status::Finished);
        assert_eq!(
            t.notation(|_| true),
            "t0 T+300 P T+100 P · t100 W poll(B) B(B) · t300 W poll(A) B(A) T+50 · t350 T+50"
        );
        assert_eq!(bodies(&t), ["B@100", "A@300"]);
        assert_eq!(predict_at_t300(&t), Some(0));
    }

    #[test]
    fn the_save_moved_into_the_stream() {
        let t = run_with(KNOBS, run, &[("fix", "in_stream")]);
        assert_eq!(t.status, Status::Finished);
        assert_eq!(
            t.notation(|_| true),
            "t0 T+300 P T+100 P W P P · t100 W W poll(B) P · \
             t300 W W W poll(A) T+50 W P P P · t350 W W R(A) B(A) T+50 W P P P · \
             t400 W R(B) B(B) R∅ D"
        );
        assert_eq!(bodies(&t), ["A@350", "B@400"]);
        assert_eq!(predict_at_t300(&t), Some(0));
    }

    #[test]
    fn a_spawned_fetcher_polls_job_a_while_the_loop_waits() {
        let t = run_with(KNOBS, run, &[("fix", "spawn")]);
        assert_eq!(t.status, Status::Finished);
        assert_eq!(
            t.notation(|_| true),
            "t0 P T+300 P T+100 P · t100 W poll(B) W R(B) B(B) · t300 W poll(A) T+50 · \
             t350 R(A) B(A) T+50 · t400 R∅ D"
        );
        assert_eq!(bodies(&t), ["B@100", "A@350"]);
        assert_eq!(predict_at_t300(&t), Some(0));
    }

    #[test]
    fn no_hang_when_job_a_is_done_before_b_comes_out() {
        // A gives the connection back at t50, before the loop asks for it.
        let t = run_with(KNOBS, run, &[("a", "50")]);
        assert_eq!(t.status, Status::Finished);
        assert_eq!(bodies(&t), ["A@50", "B@100"]);
        assert_eq!(predict_at_t300(&t), Some(0));
        // Any query longer than the cache hit hangs, however long.
        let t = run_with(KNOBS, run, &[("a", "2000"), ("save_ms", "0")]);
        assert_eq!(t.status, Status::Stalled);
    }

    #[test]
    fn predict_needs_job_a() {
        assert_eq!(predict_at_t300(&Trace::default()), None);
    }
}
