// Every panel pinned beside the text fits the window, and nothing inside
// it scrolls: the page is the only scroll area (every demo of every lesson,
// both languages, light and dark, as loaded and at the last step on either
// tab). One spec file per window size (pinned-1440.spec.mjs,
// pinned-1920.spec.mjs), so that each stays well inside the runner's
// per-file time limit on a slow machine.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { builtLessonSlugs, gotoApp, launch, withPage as withPageOf } from "./lib.mjs";

const SLUGS = builtLessonSlugs();
/** Lessons 4 and 11, and every other lesson in the build. */
const FIRST = ["break-and-cleanup", "concurrency-inside-a-stream"].filter((s) => SLUGS.includes(s));
const LESSONS = [...FIRST, ...SLUGS.filter((s) => !FIRST.includes(s))];

let browser;

/** `lib.mjs`'s `withPage` on this file's browser. */
const withPage = (options, fn) => withPageOf(browser, options, fn);

/**
 * For each pinned panel of the page: every element inside it (the slot
 * itself included) that is a scroll container (overflow auto or scroll)
 * whose content overflows, as "class y|x client/scroll"; the panel's
 * height and the window's room under the header.
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
        areas.push(`${name} ${y ? `y ${el.clientHeight}/${el.scrollHeight}` : ""}${x ? `x ${el.clientWidth}/${el.scrollWidth}` : ""}`);
      }
      const header = document.querySelector(".site-header").getBoundingClientRect().bottom;
      return {
        demo: slot.dataset.demo,
        areas,
        height: Math.max(slot.querySelector(".demo").getBoundingClientRect().height, slot.querySelector(".demo").scrollHeight),
        room: window.innerHeight - header,
      };
    }),
  );
}

/** What is wrong with the pinned panels of the page now, as lines. */
async function problems(page, slug, when) {
  const found = [];
  for (const p of await scrollAreas(page)) {
    const where = `${slug} ${p.demo} (${when})`;
    if (p.height > p.room) found.push(`${where}: the panel is ${Math.round(p.height)} px, the window has ${Math.round(p.room)}`);
    if (p.areas.length) found.push(`${where}: ${p.areas.join(", ")}`);
  }
  return found;
}

/** The tests for a window of size `viewport` ({ width, height }). */
export function pinnedPanelsFit(viewport) {
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
  describe("the pinned panels", { skip: LESSONS.length === 0 && "no lesson in the build" }, () => {
    for (const lang of ["en", "zh"]) {
      for (const colorScheme of ["light", "dark"]) {
        const size = `${viewport.width} × ${viewport.height}`;
        test(`fit the window at ${size}; nothing inside one scrolls, on either tab, at the first and the last step (${lang}, ${colorScheme})`, async () => {
          await withPage({ viewport, colorScheme, locale: lang === "zh" ? "zh-CN" : "en-US" }, async (page) => {
            const found = [];
            for (const slug of LESSONS) {
              await gotoApp(page, `${lang}/${slug}/`);
              // The preview is fitted to the box once the box has its width.
              await page.waitForTimeout(150);
              found.push(...(await problems(page, slug, "as loaded")));
              // Every panel on its transcript tab, at its last step.
              for (const demo of await page.locator(".segment.has-demo > .demo-slot section.demo").all()) {
                await demo.locator('[role=tab][aria-controls$="-panel-transcript"]').click();
                await demo.locator(".tl [data-action=last]").click();
              }
              await page.waitForTimeout(150);
              found.push(...(await problems(page, slug, "transcript, last step")));
              // And back on the code tab, still at the last step.
              for (const demo of await page.locator(".segment.has-demo > .demo-slot section.demo").all()) {
                await demo.locator('[role=tab][aria-controls$="-panel-code"]').click();
              }
              await page.waitForTimeout(150);
              found.push(...(await problems(page, slug, "code, last step")));
            }
            assert.deepEqual(found, [], `pinned panels that scroll inside or do not fit:\n  ${found.join("\n  ")}`);
          });
        });
      }
    }
  });
}
