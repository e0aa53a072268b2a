// Lessons 1–3 in both languages: each page loads with its sections, demos,
// predict questions and myth boxes; each demo, run with "Instant", records
// in its transcript exactly what its native run records (generated from the
// lessons into target/e2e/expectations.json); each predict question is
// graded on a run of its own case. The tests themselves are made by
// ../lessons.mjs; this file holds what is not a timeline.
import { describeLessons } from "../lessons.mjs";

const LESSONS = [
  {
    slug: "what-async-for-calls",
    myths: ["M1", "M2", "M9", "M13"],
  },
  {
    slug: "protocol-by-hand",
    myths: ["M3", "M4", "M5", "M6", "M7", "M10", "M11"],
  },
  {
    slug: "async-generators",
    myths: ["M14", "M15", "M16", "M17", "M18", "M19", "M22", "M20"],
  },
];

describeLessons(LESSONS);
