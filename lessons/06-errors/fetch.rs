//! Lesson 6: errors travel as items. `try_unfold` makes a stream of
//! `Result`s, `try_next()?` hands the first `Err` to the caller, and the
//! stream is dropped on the way out.

use std::fmt;

use crate::prelude::*;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[
    Knob::int("n", 5, 1, 20, "items", "项数"),
    Knob::ms("delay", 100, 0, 2000, "delay per item", "每项耗时"),
    Knob::int("error_at", 2, 0, 20, "fail at item", "第几项出错"),
];

/// Consumes a fallible stream with `try_next()?` and reports what came back.
// ANCHOR: demo
pub async fn run(k: Knobs) {
    let (n, delay) = (k.u("n"), k.u("delay"));
    let error_at = k.u("error_at");
    match consume(n, delay, error_at).await {
        Ok(count) => note(format!("Ok({count})")),
        Err(e) => error(e), // what `?` handed back to us
    }
}

async fn consume(
    n: u64,
    delay: u64,
    error_at: u64,
) -> Result<u64, FetchError> {
    let mut items =
        traced("fetch", fetch_all(n, delay, error_at));
    let mut count = 0;
    while let Some(x) = items.try_next().await? {
        body(x);
        count += 1;
    }
    Ok(count)
}

fn fetch_all(
    n: u64,
    delay: u64,
    error_at: u64,
) -> impl Stream<Item = Result<u64, FetchError>> {
    let state = (0, Guard::new("conn"));
    stream::try_unfold(state, move |(i, conn)| async move {
        if i == n {
            return Ok(None);
        }
        sleep(delay).await;
        if i == error_at {
            // The stream fails: `conn` is dropped here.
            return Err(FetchError { item: i });
        }
        Ok(Some((i, (i + 1, conn))))
    })
}

#[derive(Debug)]
struct FetchError {
    item: u64,
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "fetching item {} failed", self.item)
    }
}
// ANCHOR_END: demo

/// "In what order do the connection's cleanup `C` and the `Err` item
/// arrive?" — 0: `C` before the `Err`, 1: the `Err` before `C`, 2: there is
/// no `Err` (the stream ends normally).
pub fn predict_order(t: &Trace) -> Option<usize> {
    let cleanup = t.position(|e| e.kind == Kind::Cleanup)?;
    let gen_err = t.position(|e| e.kind == Kind::Error && t.lane_name(e.lane) == "fetch");
    Some(match gen_err {
        Some(err) if cleanup < err => 0,
        Some(_) => 1,
        None => 2,
    })
}

#[cfg(test)]
mod tests {
    use super::{predict_order, run, KNOBS};
    use crate::testing::{no_timers, run_default, run_with};
    use trace::{Kind, Status};

    #[test]
    fn default_timeline_is_the_reference() {
        let t = run_default(KNOBS, run);
        assert_eq!(
            t.notation(no_timers),
            "t0 P · t100 W R(Ok(0)) B(0) P · t200 W R(Ok(1)) B(1) P · t300 W C(conn) \
             E(Err(fetching item 2 failed)) D E(fetching item 2 failed)"
        );
        assert_eq!(predict_order(&t), Some(0));
        // The stream is never polled after the `Err`: `?` returned at once.
        let err = t.position(|e| e.kind == Kind::Error).expect("an error");
        assert!(!t.events[err..].iter().any(|e| e.kind == Kind::Pending));
    }

    #[test]
    fn without_an_error_the_stream_ends_and_we_get_ok() {
        let t = run_with(KNOBS, run, &[("n", "2"), ("error_at", "9")]);
        assert_eq!(
            t.notation(no_timers),
            "t0 P · t100 W R(Ok(0)) B(0) P · t200 W R(Ok(1)) B(1) C(conn) R∅ D Ok(2)"
        );
        assert_eq!(predict_order(&t), Some(2));
    }

    #[test]
    fn error_at_beyond_n_reads_everything() {
        let t = run_with(KNOBS, run, &[("error_at", "9")]);
        assert!(
            t.notation(no_timers)
                .ends_with("t500 W R(Ok(4)) B(4) C(conn) R∅ D Ok(5)"),
            "{}",
            t.notation(no_timers)
        );
    }

    #[test]
    fn an_error_at_the_first_item_means_no_body_at_all() {
        let t = run_with(KNOBS, run, &[("error_at", "0")]);
        assert_eq!(
            t.notation(no_timers),
            "t0 P · t100 W C(conn) E(Err(fetching item 0 failed)) D E(fetching item 0 failed)"
        );
    }

    #[test]
    fn extreme_knobs_finish() {
        for pairs in [
            &[("n", "20"), ("delay", "0"), ("error_at", "20")][..],
            &[("n", "20"), ("delay", "2000"), ("error_at", "19")][..],
            &[("n", "1"), ("delay", "0"), ("error_at", "0")][..],
        ] {
            let t = run_with(KNOBS, run, pairs);
            assert_eq!(t.status, Status::Finished, "{pairs:?}");
            assert_eq!(t.values(Kind::Cleanup), vec!["conn"], "{pairs:?}");
            assert!(predict_order(&t).is_some(), "{pairs:?}");
        }
    }
}
