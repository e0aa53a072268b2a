// Hazard marks (docs/notation.md, "Hazard marks"): the timeline computes
// them from the recorded events. Lesson 11 with a slow loop body
// (`body_ms=250`) snoozes job A and `results` from t300 to t350; with the
// default knobs nothing is marked. Both languages; the words under the plot
// say the same as the bands on it.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { builtLessonSlugs, gotoApp, launch, newPage } from "../lib.mjs";

const BUILT = builtLessonSlugs();
const SLUG = "concurrency-inside-a-stream";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function instant(rel) {
  const { context, page, errors } = await newPage(browser);
  try {
    await gotoApp(page, rel);
    const demo = page.locator("section.demo[data-demo=jobs]");
    await demo.locator("[data-action=instant]").click();
    await demo.locator(".demo-status").filter({ hasText: /\d/ }).waitFor();
    const bands = await demo
      .locator(".tl-snooze[data-lane]")
      .evaluateAll((gs) => gs.map((g) => g.querySelector("text")?.textContent ?? ""));
    const notes = await demo.locator(".tl-hazards li").allTextContents();
    const legend = await demo.locator(".tl-legend li[data-hazard]").evaluateAll((l) => l.map((x) => x.dataset.hazard));
    assert.deepEqual(errors, [], "no console errors");
    return { bands, notes, legend };
  } finally {
    await context.close();
  }
}

describe("hazard marks", { skip: !BUILT.includes(SLUG) && "lesson 11 is not in the build" }, () => {
  test("the default run of lesson 11 marks nothing", async () => {
    const r = await instant(`en/${SLUG}/`);
    assert.deepEqual(r, { bands: [], notes: [], legend: [] });
  });

  test("a slow loop body snoozes job A and results, in words too (en)", async () => {
    const r = await instant(`en/${SLUG}/?body_ms=250`);
    assert.deepEqual(r.bands, ["snoozed 50 ms", "snoozed 50 ms"]);
    assert.equal(r.notes.length, 2);
    assert.match(r.notes.join("\n"), /job A was woken at t=300 ms but not polled until t=350 ms/);
    assert.match(r.notes.join("\n"), /results was woken at t=300 ms/);
    assert.deepEqual(r.legend, ["snooze"]);
  });

  test("the same in Chinese", async () => {
    const r = await instant(`zh/${SLUG}/?body_ms=250`);
    assert.deepEqual(r.bands, ["唤醒后 50 毫秒未被轮询", "唤醒后 50 毫秒未被轮询"]);
    assert.match(r.notes.join("\n"), /job A 在 t=300 毫秒被唤醒，却直到 t=350 毫秒才被轮询/);
  });
});
