// Lessons 1–3 in both languages: each page loads with its sections, demos
// and myth boxes, and each demo, run with "Instant", lists in its transcript
// the event kinds of the curriculum's default timeline, in order. The tests
// themselves are made by ../lessons.mjs; this file holds what these lessons
// expect.
import { describeLessons } from "../lessons.mjs";

/** `P W R(x) B(x)` for each of `n` items: a consumer waiting on a timer, ready at once after each wake. */
const ticker = (n) => Array(n).fill(["pending", "wake", "yield", "body"]).flat();

const LESSONS = [
  {
    slug: "what-async-for-calls",
    myths: ["M1", "M2", "M13"],
    demos: {
      // t0 R(0) B(0) R(1) B(1) R(2) B(2) R∅ exit D — no pending, no wake.
      calls: ["yield", "body", "yield", "body", "yield", "body", "end", "note", "drop"],
      // stream created · start iterating, then one step per poll.
      lazy: [
        "note", "note",
        "note", "yield", "note", "yield", "note", "yield",
        "end", "drop", "note",
      ],
    },
    forbidden: { calls: ["pending", "wake"] },
  },
  {
    slug: "protocol-by-hand",
    myths: ["M3", "M4", "M5", "M6", "M7", "M10", "M11"],
    demos: {
      // … t300 W R(2) B(2) R∅ exit D C
      ticker: [...ticker(3), "end", "note", "drop", "cleanup"],
    },
  },
  {
    slug: "async-generators",
    myths: ["M14", "M15", "M16", "M17", "M18", "M19", "M22"],
    demos: {
      // … t300 W R(2) B(2) C R∅ exit D: cleanup before the end
      unfold: [...ticker(3), "cleanup", "end", "note", "drop"],
    },
  },
];

describeLessons(LESSONS);
