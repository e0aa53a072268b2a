// Lessons 11–13 in both languages: each page loads with its sections, demos,
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
    slug: "concurrency-inside-a-stream",
    sections: ["see", "run", "what-happened", "buffered", "then", "slow-body", "join", "python", "gather", "cpu", "myths", "try"],
    myths: ["M34", "M35"],
    variants: [
      // buffered(2): B finishes at t100 but is held back; A and B come out
      // at t300, and C only starts then (out at t450).
      { query: "mode=buffered", demo: "jobs" },
      // A slow loop body stalls the jobs in the buffer (A polled at t350, C
      // started at t600); B still comes out at once, unlike the question's
      // case (mode=buffered).
      { query: "body_ms=250", demo: "jobs", caseDiffers: ["held_back"] },
    ],
  },
  {
    slug: "cancelling-from-outside",
    sections: ["see", "run", "what-happened", "take-until", "python", "myths", "try"],
    myths: ["M32"],
    variants: [
      // The stop timer was set first: at t300 it beats reading 2.
      { query: "stop_at=300", demo: "take_until" },
    ],
  },
  {
    slug: "capstone-pagination",
    sections: ["see", "run", "what-happened", "errors", "no-break", "python", "samples", "myths", "try", "learned"],
    myths: ["M28", "M33", "M36", "M37"],
    variants: [
      // Page 2 fails: the session is closed before the consumer sees the error.
      { query: "error_at_page=2&break_after=0", demo: "pages" },
      // A break inside the first page: page 2 is never requested.
      // The question's case (the default knobs) shows another option: its verdict
      // must follow that case, not this run.
      { query: "break_after=1", demo: "pages", caseDiffers: ["fetched"] },
    ],
  },
];

describeLessons(LESSONS);
