// Lesson 15 in both languages: the page loads with its sections, demos and
// predict questions (it has no myth boxes); each demo, run with "Instant",
// records in its transcript exactly what its native run records, with the
// default knobs and with the knob values a variant puts in the URL
// (generated from the lessons into target/e2e/expectations.json); each
// predict question is graded on a run of its own case. The tests themselves
// are made by ../lessons.mjs; this file holds what is not a timeline, and
// the hazard marks the lesson is about: the futurelock's default run ends
// stalled, drawn as a hang and named in the "Hazards" note; its fixes do not.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { describeLessons } from "../lessons.mjs";
import { builtLessonSlugs, gotoApp, launch, newPage } from "../lib.mjs";

const SLUG = "when-concurrency-stalls";

const LESSONS = [
  {
    slug: SLUG,
    sections: [
      "see",
      "run",
      "what-happened",
      "fixes",
      "futurelock",
      "see-futurelock",
      "what-happened-futurelock",
      "futurelock-fixes",
      "bounded",
      "marks",
      "python",
      "try",
    ],
    myths: [],
    variants: [
      // A fetcher task polls the jobs: B is polled as soon as it is woken.
      { query: "fix=spawn", demo: "stall", caseDiffers: ["when_b"] },
      // The saves move into the stream: no snooze, the run ends at t400.
      { query: "fix=in_stream", demo: "stall", caseDiffers: ["when_b"] },
      // Each fix of the futurelock: job A is polled at t300 and lets go.
      { query: "fix=for_each_concurrent", demo: "futurelock", caseDiffers: ["at_t300"] },
      { query: "fix=spawn", demo: "futurelock", caseDiffers: ["at_t300"] },
    ],
  },
];

describeLessons(LESSONS);

// end2end/cases.mjs imports this file only to list the variants: no tests then.
const LIST_ONLY = process.env.LAB_LIST_VARIANTS === "1";
const BUILT = LIST_ONLY ? [] : builtLessonSlugs();

if (!LIST_ONLY) describe(
  "lesson 15's hazard marks",
  { skip: !BUILT.includes(SLUG) && "lesson 15 is not in the build" },
  () => {
    let browser;
    before(async () => {
      browser = await launch();
    });
    after(async () => {
      await browser?.close();
    });

    /** Instant on demo `id` of page `rel`: the hang and snooze marks, the notes, the legend. */
    async function marks(rel, id) {
      const { context, page, errors } = await newPage(browser);
      try {
        await gotoApp(page, rel);
        const demo = page.locator(`section.demo[data-demo=${id}]`);
        await demo.locator("[data-action=instant]").click();
        await demo.locator(".demo-status").filter({ hasText: /\d/ }).waitFor();
        const hang = await demo.locator(".tl-hang").count();
        const snoozes = await demo.locator(".tl-snooze[data-lane]").count();
        const hazards = await demo.locator(".tl-hazards").count();
        const notes = await demo.locator(".tl-hazards li").allTextContents();
        const legend = await demo
          .locator(".tl-legend li[data-hazard]")
          .evaluateAll((l) => l.map((x) => x.dataset.hazard));
        assert.deepEqual(errors, [], "no console errors");
        return { hang, snoozes, hazards, notes, legend };
      } finally {
        await context.close();
      }
    }

    test("the futurelock hangs: a hang mark and the Hazards note (en)", async () => {
      const r = await marks(`en/${SLUG}/`, "futurelock");
      assert.ok(r.hang > 0, "a .tl-hang mark");
      assert.equal(r.hazards, 1, "the .tl-hazards note");
      assert.ok(r.notes.length > 0, "the note says what happened");
      assert.ok(r.legend.includes("hang"), "the legend names the hang");
    });

    test("the futurelock hangs in Chinese too", async () => {
      const r = await marks(`zh/${SLUG}/`, "futurelock");
      assert.ok(r.hang > 0, "a .tl-hang mark");
      assert.equal(r.hazards, 1, "the .tl-hazards note");
    });

    test("a fix of the futurelock marks nothing", async () => {
      const r = await marks(`en/${SLUG}/?fix=for_each_concurrent`, "futurelock");
      assert.deepEqual(r, { hang: 0, snoozes: 0, hazards: 0, notes: [], legend: [] });
    });

    test("the stall snoozes job B, results and job C", async () => {
      const r = await marks(`en/${SLUG}/`, "stall");
      assert.equal(r.hang, 0);
      assert.equal(r.snoozes, 3);
      assert.equal(r.notes.length, 3);
      assert.match(r.notes.join("\n"), /job B was woken at t=150 ms but not polled until t=300 ms/);
      assert.match(r.notes.join("\n"), /job C was woken at t=200 ms but not polled until t=500 ms/);
      assert.deepEqual(r.legend, ["snooze"]);
    });
  },
);
