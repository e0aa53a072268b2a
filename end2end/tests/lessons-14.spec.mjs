// Lesson "Tokio's streams, and what select! loses" in both languages: the
// page loads with its sections, demos and predict questions (it has no myth
// boxes); each demo, run with "Instant", records in its transcript exactly
// what its native run records, with the default knobs and with the knob
// values a variant puts in the URL (generated from the lessons into
// target/e2e/expectations.json); each predict question is graded on a run of
// its own case. The tests themselves are made by ../lessons.mjs; this file
// holds what is not a timeline.
import { describeLessons } from "../lessons.mjs";

const LESSONS = [
  {
    slug: "tokio-select-and-cancel-safety",
    sections: [
      "tokio-select",
      "tokio-stream",
      "two-streamext",
      "stream-map",
      "capacity",
      "see-capacity",
      "what-happened-capacity",
      "cancel-safety",
      "see",
      "what-happened",
      "fix",
      "rule",
      "python",
      "try",
    ],
    myths: [],
    variants: [
      // The fix: one read_frame future per frame, polled again after each
      // tick, so frame 3 arrives whole; the question's case (the defaults)
      // shows the head dropped.
      { query: "read=pinned", demo: "frames", caseDiffers: ["half"] },
      // futures' channel: cap + 1 (one sender) items fit.
      { query: "channel=futures", demo: "capacity", caseDiffers: ["full"] },
      // Three senders: futures' channel holds 2 + 3.
      { query: "channel=futures&senders=3", demo: "capacity" },
    ],
  },
];

describeLessons(LESSONS);
