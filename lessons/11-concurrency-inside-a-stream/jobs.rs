//! Lesson 11: several futures in flight inside one stream. `buffer_unordered`
//! yields each result as soon as its job finishes, `buffered` holds finished
//! results back to keep the input order, and `then` runs one job at a time.

use std::future::Future;

use crate::prelude::*;
use futures::stream::LocalBoxStream;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[
    Knob::choice(
        "mode",
        0,
        &["buffer_unordered", "buffered", "then"],
        "adapter",
        "适配器",
    ),
    Knob::int("n", 2, 1, 3, "jobs in flight", "最多同时进行的作业数"),
    Knob::ms("a", 300, 0, 2000, "job A takes", "作业 A 耗时"),
    Knob::ms("b", 100, 0, 2000, "job B takes", "作业 B 耗时"),
    Knob::ms("c", 150, 0, 2000, "job C takes", "作业 C 耗时"),
    Knob::ms("body_ms", 0, 0, 1000, "loop body takes", "循环体耗时"),
];

// ANCHOR: demo
pub async fn run(k: Knobs) {
    let n = k.u("n") as usize;
    let (a, b, c) = (k.u("a"), k.u("b"), k.u("c"));
    let body_ms = k.u("body_ms");
    let specs = [("A", a), ("B", b), ("C", c)];
    let jobs = stream::iter(specs).map(|(id, ms)| job(id, ms));
    let results: LocalBoxStream<'_, _> = match k.get("mode") {
        0 => jobs.buffer_unordered(n).boxed_local(),
        1 => jobs.buffered(n).boxed_local(),
        _ => jobs.then(|job| job).boxed_local(),
    };
    let mut results = traced("results", results);
    while let Some(name) = results.next().await {
        body(name);
        if body_ms > 0 {
            sleep(body_ms).await; // a loop body that waits
        }
    }
}

/// Each job has a lane of its own: you see which are in flight.
fn job(
    id: &'static str,
    ms: u64, // how long the job takes
) -> impl Future<Output = &'static str> {
    traced_future(format!("job {id}"), async move {
        sleep(ms).await;
        id
    })
}
// ANCHOR_END: demo

/// The question's case is `mode=buffered` (answer 1; see
/// `buffered_holds_finished_b_back_until_a_is_done`). Options: 0 = `results`
/// yields B as soon as job B finishes; 1 = B is held back until A is done,
/// then yielded right after it; 2 = B comes out after C.
///
/// Decided by the order of events, not their times (a live run's clock
/// moves a little between events of the same instant).
pub fn predict_held_back(t: &Trace) -> Option<usize> {
    let lane = |name: &str| t.lanes.iter().position(|l| l == name);
    let (results, job_b) = (lane("results")?, lane("job B")?);
    let find = |lane: usize, kind: Kind, value: &str| {
        t.position(|e| usize::from(e.lane) == lane && e.kind == kind && e.value == value)
    };
    let b_done = find(job_b, Kind::Poll, "B")?;
    let b_yield = find(results, Kind::Yield, "B")?;
    let c_yield = find(results, Kind::Yield, "C");
    // The results lane's first event after job B finished.
    let next_result = t.events[b_done..]
        .iter()
        .position(|e| usize::from(e.lane) == results)
        .map(|i| b_done + i);
    Some(if next_result == Some(b_yield) {
        0
    } else if c_yield.is_some_and(|c| c < b_yield) {
        2
    } else {
        1
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{no_timers, run_default, run_with};

    /// When the results lane yielded each job, as `"B@100"`.
    fn yields(t: &Trace) -> Vec<String> {
        t.events
            .iter()
            .filter(|e| t.lane_name(e.lane) == "results" && e.kind == Kind::Yield)
            .map(|e| format!("{}@{}", e.value, e.t_ms()))
            .collect()
    }

    /// When each job's lane shows it finished.
    fn finished(t: &Trace) -> Vec<String> {
        t.events
            .iter()
            .filter(|e| e.kind == Kind::Poll)
            .map(|e| format!("{}@{}", e.value, e.t_ms()))
            .collect()
    }

    #[test]
    fn default_is_buffer_unordered_and_yields_each_job_as_it_finishes() {
        let t = run_default(KNOBS, run);
        assert_eq!(yields(&t), ["B@100", "C@250", "A@300"]);
        assert_eq!(finished(&t), ["B@100", "C@250", "A@300"]);
        assert_eq!(
            t.notation(|_| true),
            "t0 T+300 P T+100 P W P P · t100 W W poll(B) R(B) B(B) T+150 P P · \
             t250 W W poll(C) R(C) B(C) P · t300 W W poll(A) R(A) B(A) R∅ D"
        );
        assert_eq!(t.lanes, ["main", "results", "job A", "job B", "job C"]);
        assert_eq!(predict_held_back(&t), Some(0));
    }

    #[test]
    fn buffered_holds_finished_b_back_until_a_is_done() {
        let t = run_with(KNOBS, run, &[("mode", "buffered")]);
        assert_eq!(yields(&t), ["A@300", "B@300", "C@450"]);
        // B finished at t100, but C only starts at t300: a finished result
        // waiting in the buffer still takes one of the n places.
        assert_eq!(finished(&t), ["B@100", "A@300", "C@450"]);
        assert_eq!(
            t.notation(no_timers),
            "t0 P P W P P · t100 W W poll(B) P · t300 W W poll(A) R(A) B(A) R(B) B(B) P W P P · \
             t450 W W poll(C) R(C) B(C) R∅ D"
        );
        assert_eq!(predict_held_back(&t), Some(1));
    }

    #[test]
    fn then_runs_one_job_at_a_time() {
        let t = run_with(KNOBS, run, &[("mode", "then")]);
        assert_eq!(yields(&t), ["A@300", "B@400", "C@550"]);
        assert_eq!(
            t.notation(no_timers),
            "t0 P P · t300 W W poll(A) R(A) B(A) P P · t400 W W poll(B) R(B) B(B) P P · \
             t550 W W poll(C) R(C) B(C) R∅ D"
        );
        // B starts late, but once it finishes it is yielded at once.
        assert_eq!(predict_held_back(&t), Some(0));
    }

    #[test]
    fn n_1_makes_both_buffers_sequential_and_n_3_starts_all_at_once() {
        for mode in ["buffer_unordered", "buffered"] {
            let t = run_with(KNOBS, run, &[("mode", mode), ("n", "1")]);
            assert_eq!(yields(&t), ["A@300", "B@400", "C@550"], "{mode}");
        }
        let t = run_with(KNOBS, run, &[("n", "3")]);
        assert_eq!(yields(&t), ["B@100", "C@150", "A@300"]);
        let t = run_with(KNOBS, run, &[("mode", "buffered"), ("n", "3")]);
        assert_eq!(yields(&t), ["A@300", "B@300", "C@300"]);
    }

    #[test]
    fn when_a_is_quickest_buffered_holds_nothing_back() {
        let t = run_with(KNOBS, run, &[("mode", "buffered"), ("a", "50")]);
        assert_eq!(yields(&t), ["A@50", "B@100", "C@200"]);
        assert_eq!(predict_held_back(&t), Some(0));
    }

    #[test]
    fn a_slow_body_stalls_the_jobs_in_the_buffer() {
        // While the loop body waits, nobody polls `results`, so nothing in
        // the buffer runs: A's timer fires at t300 but A is polled only at
        // t350, and C, taken in at t350, starts only after A's body (t600).
        let t = run_with(KNOBS, run, &[("body_ms", "250")]);
        assert_eq!(yields(&t), ["B@100", "A@350", "C@750"]);
        assert_eq!(
            t.notation(|_| true),
            "t0 T+300 P T+100 P W P P · t100 W W poll(B) R(B) B(B) T+250 · t300 W W · \
             t350 poll(A) R(A) B(A) T+250 · t600 T+150 P W P P · \
             t750 W W poll(C) R(C) B(C) T+250 · t1000 R∅ D"
        );
    }

    #[test]
    fn a_slow_body_with_every_job_in_flight_only_delays_the_results() {
        let t = run_with(KNOBS, run, &[("body_ms", "250"), ("n", "3")]);
        assert_eq!(finished(&t), ["B@100", "C@350", "A@600"]);
        assert_eq!(yields(&t), ["B@100", "C@350", "A@600"]);
        let timers = |e: &Event| e.kind == Kind::TimerSet && t.lane_name(e.lane) != "main";
        assert_eq!(t.notation(timers), "t0 T+300 T+100 T+150");
    }

    #[test]
    fn predict_needs_a_run_that_got_far_enough() {
        assert_eq!(predict_held_back(&Trace::default()), None);
    }

    #[test]
    fn extreme_knobs_run_to_the_end() {
        for mode in ["buffer_unordered", "buffered", "then"] {
            for n in ["1", "3"] {
                for (a, b, c) in [
                    ("0", "0", "0"),
                    ("2000", "0", "2000"),
                    ("2000", "2000", "2000"),
                ] {
                    for body_ms in ["0", "1000"] {
                        let t = run_with(
                            KNOBS,
                            run,
                            &[
                                ("mode", mode),
                                ("n", n),
                                ("a", a),
                                ("b", b),
                                ("c", c),
                                ("body_ms", body_ms),
                            ],
                        );
                        assert_eq!(
                            t.status,
                            trace::Status::Finished,
                            "{mode} n={n} {a} {b} {c} {body_ms}"
                        );
                        assert_eq!(yields(&t).len(), 3);
                    }
                }
            }
        }
    }
}
