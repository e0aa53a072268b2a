//! Lesson 15: a slow loop body snoozes the jobs inside `buffer_unordered`:
//! their timers fire, their wakes arrive, and nobody polls them until the
//! body asks for the next item. Spawning the jobs' driver, or moving the
//! slow work into the stream, keeps them moving.

use std::future::Future;

use crate::prelude::*;
use futures::channel::mpsc;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[
    Knob::choice("fix", 0, &["none", "spawn", "in_stream"], "fix", "修复方式"),
    Knob::ms(
        "save_ms",
        200,
        0,
        1000,
        "saving a result takes",
        "保存一个结果耗时",
    ),
    Knob::ms("a", 100, 0, 2000, "job A takes", "作业 A 耗时"),
    Knob::ms("b", 150, 0, 2000, "job B takes", "作业 B 耗时"),
    Knob::ms("c", 200, 0, 2000, "job C takes", "作业 C 耗时"),
];

// ANCHOR: demo
pub async fn run(k: Knobs) {
    let save_ms = k.u("save_ms");
    let specs = [("A", k.u("a")), ("B", k.u("b")), ("C", k.u("c"))];
    let jobs = stream::iter(specs).map(|(id, ms)| fetch(id, ms));
    match k.get("fix") {
        0 => {
            let mut results = traced("results", jobs.buffer_unordered(3));
            while let Some(page) = results.next().await {
                save(page, save_ms).await; // the jobs wait meanwhile
            }
        }
        1 => {
            let (tx, rx) = mpsc::unbounded();
            spawn("fetcher", async move {
                let mut pages = jobs.buffer_unordered(3);
                while let Some(page) = pages.next().await {
                    tx.unbounded_send(page).ok();
                }
            });
            let mut results = traced("results", rx);
            while let Some(page) = results.next().await {
                save(page, save_ms).await; // the fetcher goes on
            }
        }
        _ => {
            let saved = jobs.map(|job| async move {
                let page = job.await;
                save(page, save_ms).await;
                page
            });
            let mut results = traced("results", saved.buffer_unordered(3));
            while let Some(page) = results.next().await {
                note(format!("{page} saved"));
            }
        }
    }
}

/// Each job has a lane of its own, as in lesson 11.
fn fetch(id: &'static str, ms: u64) -> impl Future<Output = &'static str> {
    traced_future(format!("job {id}"), async move {
        sleep(ms).await;
        id
    })
}

async fn save(page: &str, ms: u64) {
    body(page);
    sleep(ms).await; // e.g. write it to disk
}
// ANCHOR_END: demo

/// The question's case is the default knobs (answer 1). Options: 0 = job
/// B is polled when its timer fires (t150); 1 = when the loop asks for
/// the next item, after saving A (t300); 2 = only after C (t500).
///
/// Decided as the timeline's snooze mark is: was job B polled within
/// 20 ms of its wake (a live clock moves a little between events of one
/// instant)? If not, did C's result come out first?
pub fn predict_when_b(t: &Trace) -> Option<usize> {
    let job_b = t.lanes.iter().position(|l| l == "job B")?;
    let on_b = |kind: Kind| {
        t.events
            .iter()
            .find(|e| usize::from(e.lane) == job_b && e.kind == kind)
    };
    let (woken, polled) = (on_b(Kind::Wake)?, on_b(Kind::Poll)?);
    let c_first = t
        .events
        .iter()
        .take_while(|e| !std::ptr::eq(*e, polled))
        .any(|e| e.kind == Kind::Body && e.value == "C");
    Some(if polled.t - woken.t < 20.0 {
        0
    } else if c_first {
        2
    } else {
        1
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{run_default, run_with};

    /// When each job's lane shows it finished, as `"B@150"`.
    fn finished(t: &Trace) -> Vec<String> {
        t.events
            .iter()
            .filter(|e| e.kind == Kind::Poll)
            .map(|e| format!("{}@{}", e.value, e.t_ms()))
            .collect()
    }

    #[test]
    fn default_timeline_the_jobs_wait_for_the_loop_body() {
        let t = run_default(KNOBS, run);
        assert_eq!(t.lanes, ["main", "results", "job A", "job B", "job C"]);
        assert_eq!(
            t.notation(|_| true),
            "t0 T+100 P T+150 P T+200 P W P P · t100 W W poll(A) R(A) B(A) T+200 · \
             t150 W W · t200 W · t300 poll(B) R(B) B(B) T+200 · t500 poll(C) R(C) B(C) T+200 · \
             t700 R∅ D"
        );
        assert_eq!(finished(&t), ["A@100", "B@300", "C@500"]);
        assert_eq!(predict_when_b(&t), Some(1));
    }

    #[test]
    fn a_spawned_fetcher_finishes_every_job_on_time() {
        let t = run_with(KNOBS, run, &[("fix", "spawn")]);
        assert_eq!(
            t.notation(|_| true),
            "t0 P T+100 P T+150 P T+200 P · t100 W poll(A) W R(A) B(A) T+200 · \
             t150 W poll(B) · t200 W poll(C) · t300 R(B) B(B) T+200 · t500 R(C) B(C) T+200 · \
             t700 R∅ D"
        );
        assert_eq!(finished(&t), ["A@100", "B@150", "C@200"]);
        assert_eq!(predict_when_b(&t), Some(0));
    }

    #[test]
    fn saving_inside_the_stream_runs_the_saves_side_by_side() {
        let t = run_with(KNOBS, run, &[("fix", "in_stream")]);
        assert_eq!(
            t.notation(|_| true),
            "t0 T+100 P T+150 P T+200 P W P P · t100 W W poll(A) B(A) T+200 P · \
             t150 W W poll(B) B(B) T+200 P · t200 W W poll(C) B(C) T+200 P · \
             t300 W R(A) A saved P · t350 W R(B) B saved P · t400 W R(C) C saved R∅ D"
        );
        assert_eq!(finished(&t), ["A@100", "B@150", "C@200"]);
        assert_eq!(predict_when_b(&t), Some(0));
    }

    #[test]
    fn a_job_woken_later_can_be_polled_first() {
        // B (250 ms) and C (200 ms) both finish during A's save; the
        // adapter's queue of woken jobs hands out C first.
        let t = run_with(KNOBS, run, &[("b", "250")]);
        assert_eq!(finished(&t), ["A@100", "C@300", "B@500"]);
        assert_eq!(predict_when_b(&t), Some(2));
    }
}
