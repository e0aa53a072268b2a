// Selecting a drop (D) or a cleanup (C) lights the line where it happened,
// tagged "dropped here" / "cleaned up here", and marks the line that made
// the value — lesson 4 (`break` and cleanup) and lesson 1, in both
// languages. Before, a D lit the `next()` line (lesson 4: 34, lesson 1: 13).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { builtLessonSlugs, gotoApp, launch, newPage } from "../lib.mjs";

const BUILT = builtLessonSlugs();

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/**
 * Opens `rel`, runs its first demo on the virtual clock, selects the first
 * transcript item of `kind`, and returns the lit and the marked code rows.
 */
async function selectFirst(rel, kind) {
  const { context, page, errors } = await newPage(browser);
  try {
    await gotoApp(page, rel);
    const demo = page.locator("section.demo").first();
    await demo.waitFor();
    await demo.locator("[data-action=instant]").click();
    // Where the panel is pinned, the transcript is a tab beside the code's.
    const tab = (name) => demo.locator(`[role=tab][aria-controls$="-panel-${name}"]`);
    if (await tab("transcript").isVisible()) await tab("transcript").click();
    // A pinned panel shows the transcript's steps around the selection
    // only (the others are folded): the item is clicked where it is.
    const item = demo.locator(`ol.transcript > li[data-kind=${kind}]`).first();
    await item.waitFor({ state: "attached" });
    await item.dispatchEvent("click");
    if (await tab("code").isVisible()) await tab("code").click();
    const lit = demo.locator(".code-row.lit");
    await lit.waitFor();
    const row = async (loc) => ({
      line: Number(await loc.getAttribute("data-line")),
      tag: (await loc.locator(".code-tag").textContent()) ?? "",
    });
    const out = {
      lit: await row(lit),
      made: (await demo.locator(".code-row.made").count()) ? await row(demo.locator(".code-row.made")) : null,
    };
    assert.deepEqual(errors, [], "no console errors");
    return out;
  } finally {
    await context.close();
  }
}

describe("drop lines", () => {
  test("lesson 4: D lights the closing brace (45), marks traced(…) (33)", {
    skip: !BUILT.includes("break-and-cleanup") && "lesson 4 is not in the build",
  }, async () => {
    const d = await selectFirst("en/break-and-cleanup/", "drop");
    assert.deepEqual(d.lit, { line: 45, tag: "dropped here" });
    assert.deepEqual(d.made, { line: 33, tag: "made here" });
    const c = await selectFirst("zh/break-and-cleanup/", "cleanup");
    assert.deepEqual(c.lit, { line: 45, tag: "在此清理" });
    assert.deepEqual(c.made, { line: 50, tag: "在此创建" });
  });

  test("lesson 4 with drop_now: D lights drop(items) (42)", {
    skip: !BUILT.includes("break-and-cleanup") && "lesson 4 is not in the build",
  }, async () => {
    const d = await selectFirst("en/break-and-cleanup/?drop_now=on", "drop");
    assert.deepEqual(d.lit, { line: 42, tag: "dropped here" });
  });

  test("lesson 1: D lights the end of run (18), not the next() line (13)", {
    skip: !BUILT.includes("what-async-for-calls") && "lesson 1 is not in the build",
  }, async () => {
    const d = await selectFirst("en/what-async-for-calls/", "drop");
    assert.deepEqual(d.lit, { line: 18, tag: "dropped here" });
    assert.deepEqual(d.made, { line: 12, tag: "made here" });
  });
});
