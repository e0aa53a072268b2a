// Lessons 11–13 in both languages: each page loads with its sections, demos
// and myth boxes; each demo, run with "Instant", lists in its transcript the
// event kinds of the default run in order, with the lanes and times the
// lesson talks about (buffer_unordered yields B, C, A at t100/250/300;
// buffered holds B back until t300; the abort leaves `gen` unpolled; page 3
// is never fetched); knob values given in the URL change the run the way the
// lesson says; and each predict question is judged from the recorded run.
// The tests themselves are made by ../lessons.mjs; this file holds what
// these lessons expect.
import assert from "node:assert/strict";
import { describeLessons, pick } from "../lessons.mjs";

const LESSONS = [
  {
    slug: "concurrency-inside-a-stream",
    sections: ["see", "run", "what-happened", "buffered", "then", "join", "python", "myths", "try"],
    myths: ["M35"],
    demos: {
      // buffer_unordered(2), A300 B100 C150:
      // t0 P P W P P · t100 W W poll(B) R(B) B(B) P P · t250 W W poll(C) R(C) B(C) P · t300 W W poll(A) R(A) B(A) R∅ D
      jobs: {
        kinds: [
          "pending", "pending", "wake", "pending", "pending",
          "wake", "wake", "poll", "yield", "body", "pending", "pending",
          "wake", "wake", "poll", "yield", "body", "pending",
          "wake", "wake", "poll", "yield", "body", "end", "drop",
        ],
        check(events) {
          // Each result comes out the moment its job finishes.
          assert.deepEqual(pick(events, { lane: "results", kinds: ["yield"] }), [
            "results:yield@100", "results:yield@250", "results:yield@300",
          ]);
          assert.deepEqual(pick(events, { kinds: ["poll"] }), [
            "job B:poll@100", "job C:poll@250", "job A:poll@300",
          ]);
        },
      },
      // join!(collect g1 3×100, collect g2 3×50): C(g2) at t150, C(g1) at t300, then joined.
      join: {
        kinds: [
          "pending", "pending",
          "wake", "pending", "yield", "pending",
          "wake", "yield", "pending", "pending", "wake", "pending", "yield", "pending",
          "wake", "pending", "yield", "cleanup", "end", "drop",
          "wake", "yield", "pending",
          "wake", "yield", "cleanup", "end", "drop", "note",
        ],
        check(events) {
          assert.deepEqual(pick(events, { kinds: ["cleanup", "note"] }), [
            "g2:cleanup@150", "g1:cleanup@300", "main:note@300",
          ]);
        },
      },
    },
    predicts: { jobs: { held_back: 0 }, join: { when: 1 } },
    variants: [
      {
        // buffered(2): B finishes at t100 but is held back; A and B come out
        // at t300, and C only starts then (out at t450).
        query: "mode=buffered",
        demo: "jobs",
        kinds: [
          "pending", "pending", "wake", "pending", "pending",
          "wake", "wake", "poll", "pending",
          "wake", "wake", "poll", "yield", "body", "yield", "body", "pending", "wake", "pending", "pending",
          "wake", "wake", "poll", "yield", "body", "end", "drop",
        ],
        check(events) {
          assert.deepEqual(pick(events, { lane: "results", kinds: ["yield"] }), [
            "results:yield@300", "results:yield@300", "results:yield@450",
          ]);
          assert.deepEqual(pick(events, { kinds: ["poll"] }), [
            "job B:poll@100", "job A:poll@300", "job C:poll@450",
          ]);
          // At t100 the results stream answers Pending although B is done.
          assert.deepEqual(pick(events, { lane: "results", kinds: ["pending", "yield"] }).filter((s) => s.endsWith("@100")), [
            "results:pending@100",
          ]);
        },
        predict: ["held_back", 1],
      },
    ],
  },
  {
    slug: "cancelling-from-outside",
    sections: ["see", "run", "what-happened", "take-until", "python", "myths", "try"],
    myths: ["M32"],
    demos: {
      // … t200 W W R(1) R(1) B(1) P P · t250 cancel(abort) W R∅ D D T✕300 C(gen-state)
      abort: {
        kinds: [
          "pending", "pending",
          "wake", "wake", "yield", "yield", "body", "pending", "pending",
          "wake", "wake", "yield", "yield", "body", "pending", "pending",
          "cancel", "wake", "end", "drop", "drop", "cleanup",
        ],
        check(events) {
          // After the abort `gen` is never polled: only its drop and cleanup.
          assert.deepEqual(
            events.filter((e) => e.t === 250).map((e) => `${e.lane}:${e.kind}`),
            ["canceller:cancel", "abortable:wake", "abortable:end", "abortable:drop", "gen:drop", "gen:cleanup"],
          );
        },
      },
      // take_until(sleep(350)): readings at t100/200/300, R∅ at t350, the t400 reading never comes.
      take_until: {
        kinds: [
          "pending",
          "wake", "yield", "body", "pending",
          "wake", "yield", "body", "pending",
          "wake", "yield", "body", "pending",
          "wake", "end", "drop", "cleanup",
        ],
        check(events) {
          assert.deepEqual(pick(events, { kinds: ["body", "end"] }), [
            "main:body@100", "main:body@200", "main:body@300", "sensor:end@350",
          ]);
        },
      },
    },
    predicts: { abort: { inner: 1 }, take_until: { in_flight: 1 } },
    variants: [
      {
        // The stop timer was set first: at t300 it beats reading 2.
        query: "stop_at=300",
        demo: "take_until",
        kinds: [
          "pending",
          "wake", "yield", "body", "pending",
          "wake", "yield", "body", "pending",
          "wake", "end", "drop", "cleanup",
        ],
        check(events) {
          assert.deepEqual(pick(events, { kinds: ["end"] }), ["sensor:end@300"]);
        },
        predict: ["in_flight", 1],
      },
    ],
  },
  {
    slug: "capstone-pagination",
    sections: ["see", "run", "what-happened", "errors", "no-break", "python", "samples", "myths", "try", "learned"],
    myths: ["M28", "M33", "M36", "M37"],
    demos: {
      // t0 fetch p1 P P · t100 W W poll R(10) B R(11) B fetch p2 P P · t200 W W poll R(20) B break D C(session)
      pages: {
        kinds: [
          "note", "pending", "pending",
          "wake", "wake", "poll", "yield", "body", "yield", "body", "note", "pending", "pending",
          "wake", "wake", "poll", "yield", "body", "note", "drop", "cleanup",
        ],
        check(events) {
          // Two requests, none after the break; the session closes at t200.
          assert.deepEqual(pick(events, { lane: "api", kinds: ["note"] }), ["api:note@0", "api:note@100"]);
          assert.deepEqual(pick(events, { kinds: ["cleanup"] }), ["items:cleanup@200"]);
          assert.ok(events.every((e) => e.t <= 200), "nothing happens after t200");
        },
      },
    },
    predicts: { pages: { fetched: 1 } },
    variants: [
      {
        // Page 2 fails: the session is closed before the consumer sees the error.
        query: "error_at_page=2&break_after=0",
        demo: "pages",
        kinds: [
          "note", "pending", "pending",
          "wake", "wake", "poll", "yield", "body", "yield", "body", "note", "pending", "pending",
          "wake", "wake", "error", "cleanup", "error", "drop", "error",
        ],
        check(events) {
          assert.deepEqual(pick(events, { kinds: ["error", "cleanup"] }).filter((s) => s.endsWith("@200")), [
            "api:error@200", "items:cleanup@200", "items:error@200", "main:error@200",
          ]);
        },
        predict: ["fetched", 1],
      },
      {
        // A break inside the first page: page 2 is never requested.
        query: "break_after=1",
        demo: "pages",
        kinds: ["note", "pending", "pending", "wake", "wake", "poll", "yield", "body", "note", "drop", "cleanup"],
        check(events) {
          assert.deepEqual(pick(events, { lane: "api", kinds: ["note"] }), ["api:note@0"]);
        },
        predict: ["fetched", 0],
      },
    ],
  },
];

describeLessons(LESSONS);
