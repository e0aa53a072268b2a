//! Lesson 13 (capstone): a paginated API as one flat stream of items —
//! `try_unfold` fetches a page per step, `try_flatten` turns pages into
//! items — with a session whose cleanup is recorded. Pages are fetched only
//! when the consumer asks for more; after a `break`, none is.

use std::fmt;

use crate::prelude::*;
use trace::Traced;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[
    Knob::int("pages", 3, 1, 9, "pages", "页数"),
    Knob::int("per_page", 2, 1, 5, "items per page", "每页条目数"),
    Knob::ms("latency", 100, 0, 2000, "page latency", "每页请求耗时"),
    Knob::int(
        "break_after",
        3,
        0,
        50,
        "break after N items (0: never)",
        "处理 N 项后 break（0：不 break）",
    ),
    Knob::int(
        "error_at_page",
        0,
        0,
        9,
        "page that fails (0: none)",
        "出错的页（0：不出错）",
    ),
];

// ANCHOR: demo
pub async fn run(k: Knobs) {
    let api = Api {
        pages: k.u("pages"),
        per_page: k.u("per_page"),
        latency: k.u("latency"),
        error_at_page: k.u("error_at_page"),
    };
    let items = traced("items", paginate(api));
    if let Err(e) = consume(items, k.u("break_after")).await {
        error(e);
    }
}

async fn consume<S>(
    mut items: Traced<S>,
    break_after: u64, // 0: never
) -> Result<(), ApiError>
where
    S: Stream<Item = Result<u64, ApiError>>,
{
    let mut seen = 0;
    while let Some(item) = items.try_next().await? {
        body(item);
        seen += 1;
        if seen == break_after {
            note("break");
            break;
        }
    }
    Ok(())
} // `items` is dropped here, and the session with it

fn paginate(
    // A simulated HTTP API (below).
    api: Api,
) -> impl Stream<Item = Result<u64, ApiError>> {
    let init = (1, Guard::new("session"));
    stream::try_unfold(init, move |(page, session)| async move {
        if page > api.pages {
            return Ok(None); // drops the session: C(session)
        }
        let rows = traced_future("api", api.fetch(page)).await?;
        let items = stream::iter(rows.into_iter().map(Ok));
        Ok(Some((items, (page + 1, session))))
    })
    .try_flatten()
}
// ANCHOR_END: demo

/// The simulated API: `pages` pages of `per_page` items, each page taking
/// `latency` ms; page `error_at_page` fails.
#[derive(Clone, Copy)]
struct Api {
    pages: u64,
    per_page: u64,
    latency: u64,
    error_at_page: u64,
}

impl Api {
    /// Item `i` of page `p` is `10 * p + i` (item10, item11, item20 …).
    async fn fetch(self, page: u64) -> Result<Vec<u64>, ApiError> {
        note(format!("fetch p{page}"));
        sleep(self.latency).await;
        if page == self.error_at_page {
            return Err(ApiError { page });
        }
        Ok((0..self.per_page).map(|i| page * 10 + i).collect())
    }
}

/// A failed page request.
#[derive(Debug)]
pub struct ApiError {
    page: u64,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "page {} failed", self.page)
    }
}

/// The question's case is the default knobs (answer 1). Options: 0 = only
/// page 1 is fetched; 1 = pages 1 and 2; 2 = page 3 (or
/// more) too, fetched ahead of the consumer.
pub fn predict_fetched(t: &Trace) -> Option<usize> {
    let fetched = t
        .events
        .iter()
        .filter(|e| e.kind == Kind::Note && e.value.starts_with("fetch p"))
        .count();
    match fetched {
        0 => None,
        1 => Some(0),
        2 => Some(1),
        _ => Some(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{no_timers, run_default, run_with};

    fn fetches(t: &Trace) -> Vec<&str> {
        t.values(Kind::Note)
            .into_iter()
            .filter(|v| v.starts_with("fetch"))
            .collect()
    }

    #[test]
    fn default_timeline_is_the_reference() {
        let t = run_default(KNOBS, run);
        assert_eq!(
            t.notation(no_timers),
            "t0 fetch p1 P P · t100 W W poll(Ok([10, 11])) R(Ok(10)) B(10) R(Ok(11)) B(11) fetch p2 P P · \
             t200 W W poll(Ok([20, 21])) R(Ok(20)) B(20) break D C(session)"
        );
        // The reference line: only the fetches, the items, the break and the cleanup.
        let story = |e: &Event| matches!(e.kind, Kind::Note | Kind::Body | Kind::Cleanup);
        assert_eq!(
            t.notation(story),
            "t0 fetch p1 · t100 B(10) B(11) fetch p2 · t200 B(20) break C(session)"
        );
        assert_eq!(t.lanes, ["main", "items", "api"]);
        assert_eq!(predict_fetched(&t), Some(1));
    }

    #[test]
    fn page_3_is_never_fetched_after_the_break() {
        let t = run_default(KNOBS, run);
        assert_eq!(fetches(&t), ["fetch p1", "fetch p2"]);
        // Nothing happens after the cleanup at t200: no request, no timer.
        let last = t.events.last().expect("events");
        assert_eq!((last.t_ms(), last.kind), (200, Kind::Cleanup));
        assert_eq!(t.status, trace::Status::Finished);
    }

    #[test]
    fn without_break_every_page_is_fetched_and_the_session_closes_before_the_end() {
        let t = run_with(KNOBS, run, &[("break_after", "0")]);
        assert_eq!(fetches(&t), ["fetch p1", "fetch p2", "fetch p3"]);
        assert!(t.notation(no_timers).ends_with(
            "t300 W W poll(Ok([30, 31])) R(Ok(30)) B(30) R(Ok(31)) B(31) C(session) R∅ D"
        ));
        assert_eq!(predict_fetched(&t), Some(2));
    }

    #[test]
    fn a_failing_page_cleans_up_before_the_consumer_sees_the_error() {
        let t = run_with(KNOBS, run, &[("error_at_page", "2"), ("break_after", "0")]);
        assert!(
            t.notation(no_timers).ends_with(
                "t200 W W E(Err(page 2 failed)) C(session) E(Err(page 2 failed)) D E(page 2 failed)"
            ),
            "{}",
            t.notation(no_timers)
        );
        assert_eq!(fetches(&t), ["fetch p1", "fetch p2"]);
    }

    #[test]
    fn a_break_inside_the_first_page_fetches_only_that_page() {
        let t = run_with(KNOBS, run, &[("break_after", "1")]);
        assert_eq!(fetches(&t), ["fetch p1"]);
        assert_eq!(t.values(Kind::Body), ["10"]);
        assert_eq!(predict_fetched(&t), Some(0));
    }

    #[test]
    fn a_break_at_the_last_item_of_a_page_does_not_fetch_the_next() {
        let t = run_with(KNOBS, run, &[("break_after", "2")]);
        assert_eq!(fetches(&t), ["fetch p1"]);
    }

    #[test]
    fn an_error_page_after_the_last_page_never_happens() {
        let t = run_with(KNOBS, run, &[("error_at_page", "9"), ("break_after", "0")]);
        assert!(t.values(Kind::Error).is_empty());
        assert_eq!(t.values(Kind::Body).len(), 6);
    }

    #[test]
    fn a_failing_first_page_yields_nothing() {
        let t = run_with(KNOBS, run, &[("error_at_page", "1")]);
        assert_eq!(
            t.notation(no_timers),
            "t0 fetch p1 P P · t100 W W E(Err(page 1 failed)) C(session) E(Err(page 1 failed)) D \
             E(page 1 failed)"
        );
        assert!(t.values(Kind::Body).is_empty());
    }

    #[test]
    fn a_break_in_the_middle_of_page_3_drops_its_other_items() {
        let t = run_with(KNOBS, run, &[("per_page", "5"), ("break_after", "12")]);
        assert_eq!(fetches(&t), ["fetch p1", "fetch p2", "fetch p3"]);
        let seen = t.values(Kind::Body);
        assert_eq!(seen.len(), 12);
        assert_eq!(seen.last(), Some(&"31"));
        assert!(t.notation(no_timers).ends_with("B(31) break D C(session)"));
    }

    #[test]
    fn zero_latency_keeps_the_order_at_t0() {
        let t = run_with(KNOBS, run, &[("latency", "0")]);
        let story = |e: &Event| matches!(e.kind, Kind::Note | Kind::Body | Kind::Cleanup);
        assert_eq!(
            t.notation(story),
            "t0 fetch p1 B(10) B(11) fetch p2 B(20) break C(session)"
        );
    }

    #[test]
    fn extreme_knobs_run_to_the_end() {
        for pages in ["1", "9"] {
            for per_page in ["1", "5"] {
                for latency in ["0", "2000"] {
                    for break_after in ["0", "1", "50"] {
                        for error_at_page in ["0", "1", "9"] {
                            let t = run_with(
                                KNOBS,
                                run,
                                &[
                                    ("pages", pages),
                                    ("per_page", per_page),
                                    ("latency", latency),
                                    ("break_after", break_after),
                                    ("error_at_page", error_at_page),
                                ],
                            );
                            assert_eq!(t.status, trace::Status::Finished);
                            assert_eq!(t.values(Kind::Cleanup), ["session"]);
                        }
                    }
                }
            }
        }
    }
}
