// Lessons 8–10 in both languages: each page loads with its sections, demos,
// predict questions and myth boxes; each demo, run with "Instant", records
// in its transcript exactly what its native run records, with the default
// knobs and with the knob values a variant puts in the URL (generated from
// the lessons into target/e2e/expectations.json); each predict question is
// graded on a run of its own case, whatever the reader ran before. The
// tests themselves are made by ../lessons.mjs; this file holds what is not
// a timeline.
import { describeLessons } from "../lessons.mjs";

const LESSONS = [
  {
    slug: "iterable-vs-iterator",
    sections: ["see", "run", "what-happened", "e0499", "take-while", "factory", "python", "myths", "try"],
    myths: ["M8", "M19", "M21"],
    variants: [
      // k = 3: item 3 goes into `first`; `rest` is [4, 5].
      { query: "k=3", demo: "reuse" },
    ],
  },
  {
    slug: "channels-and-backpressure",
    sections: ["see", "run", "what-happened", "capacity", "unbounded", "python", "myths", "try"],
    myths: ["M12", "M32"],
    variants: [
      // buf = 1: the producer is one item ahead (send(n) done when item n-1
      // is taken), the consumer's side is unchanged (R∅ at t400).
      { query: "buf=1", demo: "backpressure" },
    ],
  },
  {
    slug: "merging-and-timeouts",
    sections: [
      "see", "run", "run-merge", "run-timeout", "what-happened", "what-merge", "what-timeout",
      "select-macro", "python", "myths", "try",
    ],
    myths: ["M31"],
    variants: [
      // fast_ms = 60: fast ends at t180, after slow; its cleanup comes after the last item of slow.
      { query: "fast_ms=60", demo: "merge" },
      // timeout = 40: 2 + 7 + 2 timeouts, and item 1 still arrives at t400.
      { query: "timeout=40", demo: "timeout" },
    ],
  },
];

describeLessons(LESSONS);
