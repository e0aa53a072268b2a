// Lesson 16 in both languages: the page loads with its sections, demos and
// predict questions (it has no myth boxes); each demo, run with "Instant",
// records in its transcript exactly what its native run records, with the
// default knobs and with the knob values a variant puts in the URL
// (generated from the lessons into target/e2e/expectations.json); each
// predict question is graded on a run of its own case. The tests themselves
// are made by ../lessons.mjs; this file holds what is not a timeline.
import { describeLessons } from "../lessons.mjs";

const LESSONS = [
  {
    slug: "streams-in-real-code",
    sections: [
      "returning",
      "impl-stream",
      "boxed",
      "send-static",
      "traits",
      "adapters",
      "try-stream",
      "try-stream-ext",
      "try-for-each-concurrent",
      "what-happened-save",
      "chunks",
      "select-all",
      "forward",
      "poll-next",
      "latest-waker",
      "never-block",
      "always-ready",
      "see",
      "what-happened",
      "budget",
      "size-hint",
      "language",
      "async-closures",
      "gen",
      "why-stream",
      "python",
      "try",
    ],
    myths: [],
    variants: [
      // `rows` steps aside every three rows: the stop signal comes out at
      // t150 instead of t500, so the question's case (the defaults) shows
      // another option than this run.
      { query: "yield_every=3", demo: "starve", caseDiffers: ["when"] },
      // A fair merge takes turns per poll: the signal comes out at t150 too.
      { query: "merge=select", demo: "starve", caseDiffers: ["when"] },
      // Room for every save: all six start at t0, and the rejection at t25
      // drops the five others.
      { query: "limit=8", demo: "save" },
    ],
  },
];

describeLessons(LESSONS);
