// Lessons 8–10 in both languages: each page loads with its sections, demos
// and myth boxes; each demo, run with "Instant", lists in its transcript the
// event kinds of the default run in order, with the lanes and times the
// lesson talks about (one stream read in three parts and two fresh ones from
// a factory; the producer blocked in `send(n)` until the consumer takes item
// n; merged items in time order with each stream's cleanup when it ends; the
// stream untouched by per-item timeouts); knob values given in the URL change
// the run the way the lesson says; and each predict question is judged from
// the recorded run. The tests themselves are made by ../lessons.mjs; this
// file holds what these lessons expect.
import assert from "node:assert/strict";
import { describeLessons, pick, times } from "../lessons.mjs";

// Lesson 9, buf = 0: t0 P send(0) start W R(0) B(0) send(0) done send(1) start
// · t100 R(1) B(1) send(1) done send(2) start · … · t300 R(3) B(3) send(3) done
// tx dropped · t400 R∅ channel closed D
const BACKPRESSURE_BUF0 = [
  "pending", "note", "wake", "yield", "body", "note", "note",
  "yield", "body", "note", "note",
  "yield", "body", "note", "note",
  "yield", "body", "note", "note",
  "end", "note", "drop",
];

const LESSONS = [
  {
    slug: "iterable-vs-iterator",
    sections: ["see", "run", "what-happened", "e0499", "take-while", "factory", "python", "myths", "try"],
    myths: ["M8", "M19", "M21"],
    demos: {
      // t0 R(1) R(2) first · R(3) R(4) R(5) R∅ rest · R∅ D again · make() #1: R R R R∅ D one · make() #2: … two
      reuse: {
        kinds: [
          "yield", "yield", "note",
          "yield", "yield", "yield", "end", "note",
          "end", "drop", "note",
          "yield", "yield", "yield", "end", "drop", "note",
          "yield", "yield", "yield", "end", "drop", "note",
        ],
        check(events) {
          assert.ok(events.every((e) => e.t === 0), "stream::iter is always ready: everything at t0");
          // One stream, read in three parts: no item between `first` and `rest` is lost.
          assert.deepEqual(pick(events, { lane: "numbers" }), [
            "numbers:yield@0", "numbers:yield@0", "numbers:yield@0", "numbers:yield@0", "numbers:yield@0",
            "numbers:end@0", "numbers:end@0", "numbers:drop@0",
          ]);
          // The factory makes two fresh streams, each in its own lane.
          for (const lane of ["make() #1", "make() #2"]) {
            assert.equal(times(events, lane, "yield").length, 3, lane);
            assert.equal(times(events, lane, "end").length, 1, lane);
          }
        },
      },
    },
    predicts: { reuse: { item3: 1 } },
    variants: [
      {
        // k = 3: item 3 goes into `first`; `rest` is [4, 5].
        query: "k=3",
        demo: "reuse",
        kinds: [
          "yield", "yield", "yield", "note",
          "yield", "yield", "end", "note",
          "end", "drop", "note",
          "yield", "yield", "yield", "end", "drop", "note",
          "yield", "yield", "yield", "end", "drop", "note",
        ],
        // The question's own case (k = 2) decides, not the URL's knobs.
        predict: ["item3", 1],
      },
    ],
  },
  {
    slug: "channels-and-backpressure",
    sections: ["see", "run", "what-happened", "capacity", "unbounded", "python", "myths", "try"],
    myths: ["M12", "M32"],
    demos: {
      backpressure: {
        kinds: BACKPRESSURE_BUF0,
        check(events) {
          // The producer's lane: send(n) start … send(n) done, done only when
          // item n is taken (t0, t100, t200, t300), then tx dropped.
          assert.deepEqual(times(events, "producer", "note"), [0, 0, 0, 100, 100, 200, 200, 300, 300]);
          assert.ok(events.filter((e) => e.lane === "producer").every((e) => e.kind === "note"));
          // The receiver waits once, at t0; after that an item is always ready.
          assert.deepEqual(pick(events, { lane: "rx" }), [
            "rx:pending@0", "rx:wake@0", "rx:yield@0", "rx:yield@100", "rx:yield@200", "rx:yield@300",
            "rx:end@400", "rx:drop@400",
          ]);
          assert.deepEqual(times(events, "main", "body"), [0, 100, 200, 300]);
        },
      },
    },
    predicts: { backpressure: { send2: 3 } },
    variants: [
      {
        // buf = 1: the producer is one item ahead (send(n) done when item n-1
        // is taken), the consumer's side is unchanged (R∅ at t400).
        query: "buf=1",
        demo: "backpressure",
        kinds: [
          "pending", "note", "wake", "note", "note", "yield", "body", "note", "note",
          "yield", "body", "note", "note",
          "yield", "body", "note", "note",
          "yield", "body",
          "end", "note", "drop",
        ],
        check(events) {
          assert.deepEqual(times(events, "producer", "note"), [0, 0, 0, 0, 0, 100, 100, 200, 200]);
          assert.deepEqual(times(events, "rx", "end"), [400]);
        },
        // The question's own case (buf = 0) decides, not the URL's knobs.
        predict: ["send2", 3],
      },
    ],
  },
  {
    slug: "merging-and-timeouts",
    sections: [
      "see", "run", "run-merge", "run-timeout", "what-happened", "what-merge", "what-timeout",
      "select-macro", "python", "myths", "try",
    ],
    myths: ["M31"],
    demos: {
      // t0 P P · t30 W P R B P P · t50 W R B P P · t60 W P R B P P
      // · t90 W P R B C R∅ P · t100 W R B C R∅ end D D
      merge: {
        kinds: [
          "pending", "pending",
          "wake", "pending", "yield", "body", "pending", "pending",
          "wake", "yield", "body", "pending", "pending",
          "wake", "pending", "yield", "body", "pending", "pending",
          "wake", "pending", "yield", "body", "cleanup", "end", "pending",
          "wake", "yield", "body", "cleanup", "end", "note", "drop", "drop",
        ],
        check(events) {
          assert.deepEqual(times(events, "main", "body"), [30, 50, 60, 90, 100]);
          assert.deepEqual(pick(events, { lane: "fast", kinds: ["yield"] }), [
            "fast:yield@30", "fast:yield@60", "fast:yield@90",
          ]);
          assert.deepEqual(pick(events, { lane: "slow", kinds: ["yield"] }), ["slow:yield@50", "slow:yield@100"]);
          // Each stream is cleaned up when it ends; both objects are dropped with `merged`.
          assert.deepEqual(pick(events, { kinds: ["cleanup", "note", "drop"] }), [
            "fast:cleanup@90", "slow:cleanup@100", "main:note@100", "fast:drop@100", "slow:drop@100",
          ]);
        },
      },
      // t0 P · t100 W R B P · t220 P timeout P · t340 P timeout P · t400 W R B P · t500 W R B R∅ exhausted D
      timeout: {
        kinds: [
          "pending",
          "wake", "yield", "body", "pending",
          "pending", "note", "pending",
          "pending", "note", "pending",
          "wake", "yield", "body", "pending",
          "wake", "yield", "body", "end", "note", "drop",
        ],
        check(events) {
          assert.deepEqual(times(events, "main", "body"), [100, 400, 500]);
          assert.deepEqual(times(events, "main", "note"), [220, 340, 500]);
          // The timeouts drop only the next() future: the stream is dropped once, at the end.
          assert.deepEqual(pick(events, { lane: "gen", kinds: ["drop"] }), ["gen:drop@500"]);
        },
      },
    },
    predicts: { merge: { fast_cleanup: 0 }, timeout: { after_timeout: 2 } },
    variants: [
      {
        // fast_ms = 60: fast ends at t180, after slow; its cleanup comes after the last item of slow.
        query: "fast_ms=60",
        demo: "merge",
        kinds: [
          "pending", "pending",
          "wake", "yield", "body", "pending", "pending",
          "wake", "pending", "yield", "body", "pending", "pending",
          "wake", "yield", "body", "pending", "cleanup", "end",
          "wake", "yield", "body", "pending",
          "wake", "yield", "body", "cleanup", "end", "note", "drop", "drop",
        ],
        check(events) {
          assert.deepEqual(times(events, "main", "body"), [50, 60, 100, 120, 180]);
          assert.deepEqual(pick(events, { kinds: ["cleanup"] }), ["slow:cleanup@100", "fast:cleanup@180"]);
        },
        // The question's own case (the defaults) decides, not the URL's knobs.
        predict: ["fast_cleanup", 0],
      },
      {
        // timeout = 40: 2 + 7 + 2 timeouts, and item 1 still arrives at t400
        // (48 events: the count, not each kind, is checked).
        query: "timeout=40",
        demo: "timeout",
        check(events) {
          assert.deepEqual(times(events, "main", "body"), [100, 400, 500]);
          assert.equal(events.length, 48);
          assert.equal(times(events, "main", "note").length, 2 + 7 + 2 + 1);
          assert.deepEqual(pick(events, { lane: "gen", kinds: ["drop"] }), ["gen:drop@500"]);
        },
        predict: ["after_timeout", 2],
      },
    ],
  },
];

describeLessons(LESSONS);
