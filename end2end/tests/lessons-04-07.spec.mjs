// Lessons 4–7 in both languages: each page loads with its sections, demos,
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
    slug: "break-and-cleanup",
    myths: ["M23", "M27", "M28"],
    variants: [
      // drop(items) right after the loop: D C before `after loop`.
      { query: "drop_now=1", demo: "cleanup" },
      // The lesson's Try-this: the loop stops after the first item, and the
      // cleanup comes after `after loop`. The question's case (break_at = 9)
      // shows another option: its verdict must follow that case, not this run.
      { query: "break_at=0", demo: "cleanup", caseDiffers: ["when"] },
    ],
  },
  {
    slug: "cancellation-is-dropping",
    myths: ["M24", "M25"],
    variants: [
      // The goodbye outlasts main: the run ends, the close task is dropped,
      // and the socket's cleanup comes after `main done`.
      { query: "goodbye=500", demo: "goodbye" },
    ],
  },
  {
    slug: "errors",
    myths: ["M26", "M29", "M30"],
  },
  {
    slug: "after-the-end",
    myths: ["M29"],
    variants: [
      // fused: [1, 2], is_terminated = true, then [] without polling `flaky`.
      { query: "fuse=1", demo: "fuse" },
    ],
  },
];

describeLessons(LESSONS);
