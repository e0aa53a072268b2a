// Lessons 4–7 in both languages: each page loads with its sections, demos
// and myth boxes; each demo, run with "Instant", lists in its transcript the
// event kinds of the curriculum's default timeline, in order; knob values
// given in the URL change the run the way the lesson says; and each predict
// question is judged from the recorded run. The tests themselves are made by
// ../lessons.mjs; this file holds what these lessons expect.
import { describeLessons } from "../lessons.mjs";

/** `P`, then `W R(x) B(x) P` for each of `n` items: a consumer waiting on a timer. */
const items = (n) => ["pending", ...Array(n).fill(["wake", "yield", "body", "pending"]).flat()];

const LESSONS = [
  {
    slug: "break-and-cleanup",
    myths: ["M23", "M27", "M28"],
    demos: {
      // t0 P · t100 W R(0) B(0) P · t200 W R(1) B(1) break after loop D C after scope
      cleanup: [...items(1), "wake", "yield", "body", "note", "note", "drop", "cleanup", "note"],
    },
    // predict id → the option the default run shows to be true
    predicts: { cleanup: { when: 1 } },
    variants: [
      {
        // drop(items) right after the loop: D C before `after loop`.
        query: "drop_now=1",
        demo: "cleanup",
        kinds: [...items(1), "wake", "yield", "body", "note", "drop", "cleanup", "note", "note"],
        predict: ["when", 0],
      },
    ],
  },
  {
    slug: "cancellation-is-dropping",
    myths: ["M24", "M25"],
    demos: {
      // t0 P · t100 W R(0) B(0) P · t200 W R(1) B(1) P · t250 deadline D C
      deadline: [...items(2), "note", "drop", "cleanup"],
      // … t200 W R(1) B(1) break D after scope sending goodbye · t250 C · t300 main done
      goodbye: [...items(1), "wake", "yield", "body", "note", "drop", "note", "note", "cleanup", "note"],
    },
    forbidden: { deadline: ["end"] },
    predicts: { deadline: { timer: 1 }, goodbye: { closed: 1 } },
    variants: [
      {
        // The goodbye outlasts main: the run ends, the close task is dropped,
        // and the socket's cleanup comes after `main done`.
        query: "goodbye=500",
        demo: "goodbye",
        kinds: [...items(1), "wake", "yield", "body", "note", "drop", "note", "note", "note", "cleanup"],
        predict: ["closed", 2],
      },
    ],
  },
  {
    slug: "errors",
    myths: ["M26", "M29", "M30"],
    demos: {
      // … t200 W R(Ok 1) B(1) P · t300 W C E(Err) D, then main reports the error
      fetch: [...items(2), "wake", "cleanup", "error", "drop", "error"],
      // take_while → [0,1], filter_map → [0,1,3], try_collect → Err
      swallow: [
        "yield", "yield", "error", "drop", "note",
        "yield", "yield", "error", "yield", "end", "drop", "note",
        "yield", "yield", "error", "drop", "note",
      ],
    },
    predicts: { fetch: { order: 0 } },
    variants: [],
  },
  {
    slug: "after-the-end",
    myths: ["M29"],
    demos: {
      // unfused: [1, 2] then [4, 5]
      fuse: ["yield", "yield", "end", "note", "yield", "yield", "end", "note", "drop"],
    },
    // The question's case is fuse=on: `flaky` is never polled again.
    predicts: { fuse: { second: 0 } },
    variants: [
      {
        // fused: [1, 2], is_terminated = true, then [] without polling `flaky`.
        query: "fuse=1",
        demo: "fuse",
        kinds: ["yield", "yield", "end", "note", "note", "note", "drop"],
        predict: ["second", 0],
      },
    ],
  },
];

describeLessons(LESSONS);
