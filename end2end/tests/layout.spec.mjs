// Where the demo panel's parts sit on the screen (issue 10, items 12 and 14):
// - at 1440 × 900 the panel pinned beside the text fits the window, and no
//   box inside it scrolls but the one the code and the transcript share as
//   tabs (only when the code or the run is longer than the room left);
// - the tabs are ARIA tabs the keyboard can use, in both languages;
// - at 390 × 844, while the reader goes through "What happened", the
//   timeline docks to the bottom of the window, and a step named in the text
//   selects a marker the reader can see, without the page moving.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { builtLessonSlugs, gotoApp, launch, newPage } from "../lib.mjs";

const SLUGS = builtLessonSlugs();
/** Lessons 4 and 11, and every other lesson in the build. */
const FIRST = ["break-and-cleanup", "concurrency-inside-a-stream"].filter((s) => SLUGS.includes(s));
const LESSONS = [...FIRST, ...SLUGS.filter((s) => !FIRST.includes(s))];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function withPage(options, fn) {
  const { context, page, errors } = await newPage(browser, options);
  try {
    await fn(page);
    assert.deepEqual(errors, [], "no console errors");
  } finally {
    await context.close();
  }
}

/**
 * For each pinned panel of the page: the boxes inside it (the slot itself
 * included) whose overflow is auto or scroll and whose content overflows,
 * as "class y|x client/scroll"; the panel's bottom and the window's height.
 */
function scrollAreas(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll(".segment.has-demo > .demo-slot")].map((slot) => {
      const areas = [];
      for (const el of [slot, ...slot.querySelectorAll("*")]) {
        const cs = getComputedStyle(el);
        const y = /auto|scroll/.test(cs.overflowY) && el.scrollHeight > el.clientHeight + 1;
        const x = /auto|scroll/.test(cs.overflowX) && el.scrollWidth > el.clientWidth + 1;
        if (!x && !y) continue;
        const name = (el.className?.baseVal ?? el.className).split(" ")[0] || el.tagName.toLowerCase();
        areas.push({
          name,
          shownTab: !!el.closest(".demo-tabpanel") && el.getClientRects().length > 0,
          what: `${name} ${y ? `y ${el.clientHeight}/${el.scrollHeight}` : ""}${x ? `x ${el.clientWidth}/${el.scrollWidth}` : ""}`,
        });
      }
      const header = document.querySelector(".site-header").getBoundingClientRect().bottom;
      return {
        demo: slot.dataset.demo,
        areas,
        height: slot.getBoundingClientRect().height,
        room: window.innerHeight - header,
      };
    }),
  );
}

/**
 * Panels whose timeline alone leaves the code | transcript area less than
 * its minimum at 1440 × 900: there the slot still scrolls (and nothing else
 * but the area). Lesson 16's `save` has eight lanes: its timeline is 542 px.
 */
const TOO_TALL = new Set([
  "streams-in-real-code save",
  // Lesson 15's demos: five lanes plus the hazard notes under the plot.
  "when-concurrency-stalls stall",
  "when-concurrency-stalls futurelock",
]);

describe("the pinned panel at 1440 × 900", { skip: LESSONS.length === 0 && "no lesson in the build" }, () => {
  for (const lang of ["en", "zh"]) {
    test(`fits the window; only the code | transcript area may scroll (${lang})`, async () => {
      await withPage({ viewport: { width: 1440, height: 900 }, locale: lang === "zh" ? "zh-CN" : "en-US" }, async (page) => {
        const found = [];
        for (const slug of LESSONS) {
          await gotoApp(page, `${lang}/${slug}/`);
          // The preview is fitted to the box once the box has its width.
          await page.waitForTimeout(150);
          for (const p of await scrollAreas(page)) {
            const where = `${slug} ${p.demo}`;
            const tooTall = TOO_TALL.has(where);
            if (p.height > p.room) found.push(`${where}: the panel is ${Math.round(p.height)} px, the window has ${Math.round(p.room)}`);
            const other = p.areas.filter((a) => !a.shownTab && !(tooTall && a.name === "demo-slot"));
            if (other.length) found.push(`${where}: ${other.map((a) => a.what).join(", ")}`);
            const inTabs = p.areas.filter((a) => a.shownTab).length;
            if (inTabs > 1) found.push(`${where}: ${inTabs} scroll areas in the tabs`);
          }
        }
        assert.deepEqual(found, [], `scroll areas nested in a pinned panel:\n  ${found.join("\n  ")}`);
      });
    });
  }

  test("code and transcript are ARIA tabs the keyboard can use", async (t) => {
    if (!FIRST.includes("break-and-cleanup")) return t.skip("lesson 4 is not in the build");
    await withPage({ viewport: { width: 1440, height: 900 } }, async (page) => {
      await gotoApp(page, "en/break-and-cleanup/");
      const demo = page.locator("section.demo").first();
      const tabs = demo.getByRole("tablist", { name: "Code or transcript" });
      const code = tabs.getByRole("tab", { name: "Code" });
      const transcript = tabs.getByRole("tab", { name: "Transcript" });
      assert.equal(await code.getAttribute("aria-selected"), "true");
      assert.equal(await transcript.getAttribute("tabindex"), "-1");
      assert.ok(await demo.locator(".demo-code-scroll").isVisible());
      assert.equal(await demo.locator("ol.transcript").isVisible(), false);
      // A step on the timeline lights its code line, in view in its box.
      await demo.locator(".tl-marks .ev[data-kind=drop]").first().click();
      const lit = demo.locator(".code-row.lit");
      await lit.waitFor();
      const inBox = (row, box) =>
        row.evaluate((r, b) => {
          const a = r.getBoundingClientRect();
          const c = document.querySelector(b).getBoundingClientRect();
          return a.top >= c.top - 1 && a.bottom <= c.bottom + 1;
        }, box);
      assert.ok(await inBox(lit, "section.demo .demo-code-scroll"), "the lit line is in view");
      // → switches (and focuses) the other tab; its row of that step is marked and in view.
      await code.focus();
      await page.keyboard.press("ArrowRight");
      assert.equal(await transcript.getAttribute("aria-selected"), "true");
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Transcript");
      const row = demo.locator("ol.transcript > li.current");
      await row.waitFor();
      assert.equal(await row.getAttribute("data-kind"), "drop");
      assert.ok(await inBox(row, "section.demo ol.transcript"), "the marked row is in view");
      assert.equal(await demo.locator(".demo-code-scroll").isVisible(), false);
      // Home / End; the arrows never turned the page.
      await page.keyboard.press("Home");
      assert.equal(await code.getAttribute("aria-selected"), "true");
      await page.keyboard.press("End");
      assert.equal(await transcript.getAttribute("aria-selected"), "true");
      assert.match(page.url(), /break-and-cleanup\/$/);
      // The Chinese page names them in Chinese.
      await gotoApp(page, "zh/break-and-cleanup/");
      const zh = page.locator("section.demo").first().getByRole("tablist", { name: "代码或运行记录" });
      assert.deepEqual(await zh.getByRole("tab").allTextContents(), ["代码", "运行记录"]);
    });
  });
});

describe("a phone at 390 × 844", { skip: !SLUGS.includes("break-and-cleanup") && "lesson 4 is not in the build" }, () => {
  for (const colorScheme of ["light", "dark"]) {
    test(`the timeline stays in view through "What happened"; a step named there selects a visible marker (${colorScheme})`, async () => {
      await withPage({ viewport: { width: 390, height: 844 }, colorScheme, reducedMotion: "reduce" }, async (page) => {
        await gotoApp(page, "en/break-and-cleanup/");
        const heading = page.locator("#what-happened");
        const docY = () => heading.evaluate((h) => h.getBoundingClientRect().top + window.scrollY);
        const before = await docY();
        await heading.evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 70));
        // Into the list of steps, a little further down.
        await page.evaluate(() => window.scrollBy(0, 200));
        await page.waitForTimeout(300);
        const demo = page.locator("section.demo[data-demo=cleanup]");
        const tl = demo.locator(".tl");
        const inWindow = (loc) =>
          loc.evaluate((el) => {
            const r = el.getBoundingClientRect();
            return { top: Math.round(r.top), bottom: Math.round(r.bottom), h: window.innerHeight };
          });
        const box = await inWindow(tl);
        assert.ok(box.top >= 0 && box.bottom <= box.h && box.bottom - box.top > 100, `the timeline is in the window: ${JSON.stringify(box)}`);
        // Within a layout unit (1/64 px): the place keeps its height.
        const moved = (await docY()) - before;
        assert.ok(Math.abs(moved) < 0.1, `docking moved the page by ${moved} px`);
        // Compact: no legend, no key hint.
        assert.equal(await demo.locator(".tl-legend").isVisible(), false);
        // A step code in the text, in view, selects its marker, in view in the docked plot.
        const link = page.locator(".prose .step-link[data-demo=cleanup][data-step='R(0)']").first();
        // A third of the way down the window, above the docked timeline.
        await link.evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 250));
        await page.waitForTimeout(150);
        const scrolled = await page.evaluate(() => window.scrollY);
        await link.click();
        const marker = demo.locator(".tl-marks .ev.current");
        await marker.waitFor();
        assert.equal(await marker.getAttribute("data-kind"), "yield");
        const m = await marker.evaluate((el) => {
          const r = el.getBoundingClientRect();
          const s = el.closest(".tl-scroll").getBoundingClientRect();
          return {
            inPlot: r.left >= s.left - 1 && r.right <= s.right + 1 && r.top >= s.top - 1 && r.bottom <= s.bottom + 1,
            inWindow: r.top >= 0 && r.bottom <= window.innerHeight,
          };
        });
        assert.deepEqual(m, { inPlot: true, inWindow: true }, "the selected marker is visible");
        assert.equal(await page.evaluate(() => window.scrollY), scrolled, "the page stayed where the reader reads");
        // Previous / next step, 32 px tap targets at least.
        const next = demo.locator(".tl [data-action=next]");
        const size = await next.evaluate((el) => el.getBoundingClientRect().height);
        assert.ok(size >= 32, `next is ${size} px tall`);
        await next.click();
        // R(0), then the loop body runs with it: B(0).
        assert.match(await demo.locator(".tl-detail-line").textContent(), /^B\(0\) /);
      });
    });
  }

  test("the timeline goes back to its place when its segment has gone by", async () => {
    await withPage({ viewport: { width: 390, height: 844 } }, async (page) => {
      await gotoApp(page, "en/break-and-cleanup/");
      await page.locator("#what-happened").evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY));
      await page.waitForTimeout(200);
      const docked = () => page.locator("section.demo[data-demo=cleanup] .tl-dock").evaluate((d) => d.hasAttribute("data-docked"));
      assert.equal(await docked(), true);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForTimeout(200);
      assert.equal(await docked(), false, "undocked at the end of the page");
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(200);
      assert.equal(await docked(), false, "undocked at the top");
    });
  });
});
