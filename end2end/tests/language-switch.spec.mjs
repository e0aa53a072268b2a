// Switching language keeps what the reader did on the page: each demo's knob
// values and its last finished run, and the predict questions they answered
// (issue: "switching language loses the reader's runs, knob changes and
// answered predictions"). The other language's page is the same lesson, so
// the same demo files; nothing is re-run, the record comes back as it was.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { builtLessonSlugs, gotoApp, launch, newPage, waitForApp } from "../lib.mjs";

const SLUG = "break-and-cleanup";
const BUILT = builtLessonSlugs().includes(SLUG);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const rows = (demo) =>
  demo.locator("ol.transcript > li").evaluateAll((lis) => lis.map((li) => `${li.dataset.kind}@${li.dataset.t}:${li.dataset.lane}`));

describe("the language switch", { skip: !BUILT && `lesson ${SLUG} is not in the build` }, () => {
  test("keeps knob values, the last run and answered predictions, both ways", async () => {
    const { context, page, errors } = await newPage(browser);
    try {
      await gotoApp(page, `en/${SLUG}/`);
      const demo = page.locator("section.demo[data-demo=cleanup]");
      await demo.waitFor();
      await demo.locator("input[name=break_at]").fill("3");
      await demo.locator("[data-action=instant]").click();
      await demo.locator(".demo-status").filter({ hasText: /^Finished/ }).waitFor();
      const run = await rows(demo);
      assert.ok(run.length > 0);
      const box = page.locator("section.predict[data-demo=cleanup]").first();
      await box.locator(".predict-options input").nth(1).check();
      await box.locator("button.predict-run").click();
      const verdict = await box.locator(".predict-result").getAttribute("data-verdict");
      assert.match(verdict, /^(right|wrong)$/);
      // The predict's own case replaced the panel's run: run ours again.
      await demo.locator("input[name=break_at]").fill("3");
      await demo.locator("[data-action=instant]").click();
      await demo.locator(".demo-status").filter({ hasText: /^Finished/ }).waitFor();
      const ours = await rows(demo);

      await page.locator("a.lang-switch").click();
      await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
      // A new page: its demos come to life when the wasm has started.
      await waitForApp(page);
      const zh = page.locator("section.demo[data-demo=cleanup]");
      await zh.waitFor();
      assert.equal(await zh.locator("input[name=break_at]").inputValue(), "3", "the knob value came along");
      assert.deepEqual(await rows(zh), ours, "the run came along, event for event");
      const zhBox = page.locator("section.predict[data-demo=cleanup]").first();
      assert.equal(await zhBox.locator(".predict-options input").nth(1).isChecked(), true, "the pick came along");
      assert.equal(await zhBox.locator(".predict-result").getAttribute("data-verdict"), verdict, "so did the verdict");

      // And back.
      await page.locator("a.lang-switch").click();
      await page.waitForFunction(() => document.documentElement.lang === "en");
      await waitForApp(page);
      const en = page.locator("section.demo[data-demo=cleanup]");
      await en.waitFor();
      assert.equal(await en.locator("input[name=break_at]").inputValue(), "3");
      assert.deepEqual(await rows(en), ours);
      assert.deepEqual(errors, [], "no console errors");
    } finally {
      await context.close();
    }
  });
});
