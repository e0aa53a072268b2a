//! Lesson 16: `try_for_each_concurrent` saves up to `limit` rows at once and
//! stops at the first error, dropping the saves still in flight.

use std::future::Future;

use crate::prelude::*;

/// The knobs of this demo.
pub const KNOBS: &[Knob] = &[
    Knob::int("n", 6, 1, 8, "rows", "行数"),
    Knob::int("limit", 3, 1, 8, "saves at once", "同时保存的行数"),
    Knob::ms("save_ms", 100, 0, 1000, "a save takes", "每次保存耗时"),
    Knob::int(
        "reject",
        4,
        0,
        8,
        "row the server rejects (≥ n: none)",
        "被服务器拒绝的行（≥ 行数：没有）",
    ),
];

// ANCHOR: demo
pub async fn run(k: Knobs) {
    let (n, limit) = (k.u("n"), k.u("limit") as usize);
    let (save_ms, reject) = (k.u("save_ms"), k.u("reject"));
    let rows = traced("rows", stream::iter(0..n)).map(Ok);
    let saved = rows
        .try_for_each_concurrent(limit, |row| save(row, save_ms, reject))
        .await;
    match saved {
        Ok(()) => note("all saved"),
        Err(e) => error(e),
    }
}

/// Each save has a lane of its own: you see which are in flight.
fn save(
    row: u64,
    ms: u64,     // how long a save takes
    reject: u64, // the row the server says no to
) -> impl Future<Output = Result<(), String>> {
    traced_future(format!("save {row}"), async move {
        if row == reject {
            sleep(ms / 4).await; // a "no" comes back sooner
            return Err(format!("row {row} rejected"));
        }
        sleep(ms).await;
        Ok(())
    })
}
// ANCHOR_END: demo

/// The question's case is the default knobs (answer 1). Options: 0 = the
/// saves still in flight finish first, then the error comes out; 1 = they are
/// dropped unfinished and the error comes out at once; 2 = the error waits
/// until every other row is saved.
pub fn predict_cancelled(t: &Trace) -> Option<usize> {
    let err = t.position(|e| e.kind == Kind::Error && t.lane_name(e.lane) == "main")?;
    let on = |e: &Event, prefix: &str| t.lane_name(e.lane).starts_with(prefix);
    let before = &t.events[..err];
    let dropped_saves = before.iter().any(|e| e.kind == Kind::Drop && on(e, "save "));
    let rows_ran_out = before.iter().any(|e| e.kind == Kind::End && on(e, "rows"));
    Some(if dropped_saves {
        1
    } else if rows_ran_out {
        2
    } else {
        0
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{no_timers, run_default, run_with};

    #[test]
    fn default_timeline_the_rejection_drops_the_saves_in_flight() {
        let t = run_default(KNOBS, run);
        assert_eq!(
            t.lanes,
            ["main", "rows", "save 0", "save 1", "save 2", "save 3", "save 4", "save 5"]
        );
        assert_eq!(
            t.notation(|_| true),
            "t0 R(0) T+100 P R(1) T+100 P R(2) T+100 P · \
             t100 W poll(Ok(())) R(3) T+100 P W poll(Ok(())) R(4) T+25 P W poll(Ok(())) R(5) T+100 P · \
             t125 W E(Err(row 4 rejected)) D D T✕200 D T✕200 E(row 4 rejected)"
        );
        // Who dropped what at t125: the stream of rows first, then the two
        // saves still in flight, before the error reaches `main`.
        let at_125: Vec<String> = t
            .events
            .iter()
            .filter(|e| e.t_ms() == 125 && e.kind == Kind::Drop)
            .map(|e| t.lane_name(e.lane).to_string())
            .collect();
        assert_eq!(at_125, ["rows", "save 5", "save 3"]);
        assert_eq!(predict_cancelled(&t), Some(1));
    }

    #[test]
    fn without_a_rejection_every_row_is_saved() {
        let t = run_with(KNOBS, run, &[("reject", "8")]);
        assert_eq!(
            t.notation(no_timers),
            "t0 R(0) P R(1) P R(2) P · \
             t100 W poll(Ok(())) R(3) P W poll(Ok(())) R(4) P W poll(Ok(())) R(5) P · \
             t200 W poll(Ok(())) R∅ D W poll(Ok(())) W poll(Ok(())) all saved"
        );
        assert_eq!(predict_cancelled(&t), None);
    }

    #[test]
    fn the_try_this_settings() {
        // One at a time: nothing else is in flight when row 4 is rejected.
        let t = run_with(KNOBS, run, &[("limit", "1")]);
        assert_eq!(
            t.notation(|_| true),
            "t0 R(0) T+100 P · t100 W poll(Ok(())) R(1) T+100 P · t200 W poll(Ok(())) R(2) T+100 P · \
             t300 W poll(Ok(())) R(3) T+100 P · t400 W poll(Ok(())) R(4) T+25 P · \
             t425 W E(Err(row 4 rejected)) D E(row 4 rejected)"
        );
        assert_eq!(predict_cancelled(&t), Some(0));
        // Room for all: every row is taken at t0 and `rows` ends there; the
        // rejection at t25 drops the five other saves.
        let t = run_with(KNOBS, run, &[("limit", "8")]);
        assert_eq!(
            t.notation(|_| true),
            "t0 R(0) T+100 P R(1) T+100 P R(2) T+100 P R(3) T+100 P R(4) T+25 P R(5) T+100 P R∅ D · \
             t25 W E(Err(row 4 rejected)) D T✕100 D T✕100 D T✕100 D T✕100 D T✕100 E(row 4 rejected)"
        );
        assert_eq!(predict_cancelled(&t), Some(1));
    }

    #[test]
    fn predict_needs_an_error() {
        assert_eq!(predict_cancelled(&Trace::default()), None);
    }
}
