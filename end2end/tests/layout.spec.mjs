// Where the demo panel's parts sit on the screen (issue 10, items 12 and 14):
// - (that every pinned panel fits the window: pinned-*.spec.mjs);
// - the code and the transcript show the window of lines or steps that
//   fits, around the selection; the rest is folded into rows ("⋯ 12 lines
//   above") that move the window, with the keyboard too;
// - the tabs are ARIA tabs the keyboard can use, in both languages;
// - at 390 × 844, while the reader goes through "What happened", the
//   timeline docks to the bottom of the window, and a step named in the text
//   selects a marker the reader can see, without the page moving.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { builtLessonSlugs, gotoApp, launch, withPage as withPageOf } from "../lib.mjs";

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

/** `lib.mjs`'s `withPage` on this file's browser. */
const withPage = (options, fn) => withPageOf(browser, options, fn);

describe("the pinned panels", { skip: LESSONS.length === 0 && "no lesson in the build" }, () => {
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

  /** The data-line of the code rows shown, first and last. */
  const shownLines = (demo) =>
    demo.locator(".code-row").evaluateAll((rows) => {
      const shown = rows.filter((r) => r.getClientRects().length > 0).map((r) => Number(r.dataset.line));
      return { first: shown[0], last: shown.at(-1), count: shown.length, of: rows.length };
    });

  test("the code shows the window of lines that fits; its fold rows move it, with the keyboard too", async (t) => {
    if (!FIRST.includes("break-and-cleanup")) return t.skip("lesson 4 is not in the build");
    await withPage({ viewport: { width: 1440, height: 900 } }, async (page) => {
      await gotoApp(page, "en/break-and-cleanup/");
      const demo = page.locator("section.demo[data-demo=cleanup]");
      const up = demo.locator(".demo-code .fold-btn[data-fold=up]");
      const down = demo.locator(".demo-code .fold-btn[data-fold=down]");
      await down.waitFor();
      // As loaded: the first lines, the rest folded under them.
      const start = await shownLines(demo);
      assert.ok(start.count >= 8 && start.count < start.of, `a window of the code: ${JSON.stringify(start)}`);
      assert.equal(await up.isVisible(), false);
      assert.equal(await down.textContent(), `${start.of - start.count} more lines`);
      assert.ok(await page.getByRole("button", { name: `${start.of - start.count} more lines` }).isVisible(), "named by its words");
      // Down, by the keyboard: the window moves by its height; focus stays on a fold row.
      await down.focus();
      await page.keyboard.press("Enter");
      const moved = await shownLines(demo);
      assert.equal(moved.first, start.last + 1, `the next window starts after the last line shown: ${JSON.stringify(moved)}`);
      assert.equal(await up.textContent(), `${moved.first - start.first} lines above`);
      const focused = await page.evaluate(() => document.activeElement?.className ?? "");
      assert.match(focused, /fold-btn|demo-code-scroll/, "focus stays in the code");
      // Up, by the pointer: back to the top.
      await up.click();
      assert.equal((await shownLines(demo)).first, start.first);
      assert.equal(await up.isVisible(), false);
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.fold ?? document.activeElement?.className), "down", "focus moved to the other row");
      // Selecting a late event on the timeline brings its line into the window:
      // the cleanup (C) lights line 45 and marks where the guard was made (50).
      await demo.locator(".tl-marks .ev[data-kind=cleanup]").last().click();
      const lit = demo.locator(".code-row.lit");
      await lit.waitFor();
      const litLine = Number(await lit.getAttribute("data-line"));
      const after = await shownLines(demo);
      assert.ok(after.first <= litLine && litLine <= after.last, `line ${litLine} in the window ${JSON.stringify(after)}`);
      // And where the guard was made (line 50), when the window can hold both.
      const made = Number(await demo.locator(".code-row.made").getAttribute("data-line"));
      const both = after.first <= made && made <= after.last;
      assert.ok(both || after.count <= Math.abs(made - litLine), `line ${made} too, if it fits: ${JSON.stringify(after)}`);
      // The Chinese page says it in Chinese.
      await gotoApp(page, "zh/break-and-cleanup/");
      const zh = page.locator("section.demo[data-demo=cleanup] .demo-code .fold-btn[data-fold=down]");
      await zh.waitFor();
      assert.match(await zh.textContent(), /^下方还有 \d+ 行$/);
    });
  });

  test("the transcript shows the steps around the selected one, folding the others", async (t) => {
    if (!FIRST.includes("concurrency-inside-a-stream")) return t.skip("lesson 11 is not in the build");
    await withPage({ viewport: { width: 1440, height: 900 } }, async (page) => {
      await gotoApp(page, "en/concurrency-inside-a-stream/");
      const demo = page.locator(".segment.has-demo > .demo-slot section.demo").first();
      await demo.locator('[role=tab][aria-controls$="-panel-transcript"]').click();
      const items = demo.locator("ol.transcript > li");
      const n = await items.count();
      await demo.locator(".tl [data-action=last]").click();
      const current = demo.locator("ol.transcript > li.current");
      await current.waitFor();
      assert.equal(Number(await current.getAttribute("data-i")), n - 1);
      const shown = await items.evaluateAll((lis) => lis.filter((li) => li.getClientRects().length > 0).map((li) => Number(li.dataset.i)));
      assert.ok(shown.includes(n - 1) && shown.length < n, `a window of the steps with the last: ${shown} of ${n}`);
      const earlier = demo.locator(".demo-transcript .fold-btn[data-fold=up]");
      assert.equal(await earlier.textContent(), `${shown[0]} earlier steps`);
      // The list keeps its numbers: the first step shown is numbered as itself.
      assert.equal(await demo.locator("ol.transcript").getAttribute("start"), String(shown[0] + 1));
      // Back one window, then the first step selected brings the window to the top.
      await earlier.click();
      const back = await items.evaluateAll((lis) => lis.filter((li) => li.getClientRects().length > 0).map((li) => Number(li.dataset.i)));
      assert.equal(back.at(-1), shown[0] - 1);
      await demo.locator(".tl [data-action=first]").click();
      await demo.locator("ol.transcript > li.current[data-i='0']").waitFor();
      assert.equal(await earlier.isVisible(), false);
    });
  });
});

describe("the timeline's room (item 14)", { skip: !SLUGS.includes("break-and-cleanup") && "lesson 4 is not in the build" }, () => {
  /** Sizes of the first demo's markers, labels and plot, after a run. */
  async function sizes(page) {
    await gotoApp(page, "en/break-and-cleanup/");
    const demo = page.locator("section.demo").first();
    await demo.locator("[data-action=instant]").click();
    await demo.locator(".tl .ev").first().waitFor();
    await page.waitForTimeout(150);
    return demo.evaluate((d) => {
      const box = (el) => el.getBoundingClientRect();
      return {
        marks: [...d.querySelectorAll(".tl .ev .mk")].map((m) => ({ kind: m.parentElement.dataset.kind, w: box(m).width, h: box(m).height })),
        rings: [...d.querySelectorAll(".tl .ev .ring")].map((r) => Math.min(box(r).width, box(r).height)),
        labels: [...d.querySelectorAll(".tl .ev-label")].map((l) => parseFloat(getComputedStyle(l).fontSize)),
        plot: box(d.querySelector(".tl-scroll")).width,
      };
    });
  }

  test("markers are 14 px or more and labels 12 px or more on a desktop; the plot is wider on a wider window", async () => {
    let plots = [];
    for (const viewport of [{ width: 1440, height: 900 }, { width: 1920, height: 1080 }]) {
      await withPage({ viewport }, async (page) => {
        const s = await sizes(page);
        assert.ok(s.marks.length > 5, `${s.marks.length} markers`);
        const small = s.marks.filter((m) => Math.max(m.w, m.h) < 14);
        assert.deepEqual(small, [], `markers under 14 px at ${viewport.width}`);
        // Every kind's shape is at least the square's size (a native test
        // in app/src/components/demo/timeline/shapes.rs); the square is here.
        assert.ok(s.marks.some((m) => m.kind === "pending"), "a pending marker");
        assert.ok(s.labels.length > 0, "labels");
        assert.deepEqual(s.labels.filter((f) => f < 12), [], `labels under 12 px at ${viewport.width}`);
        plots.push(s.plot);
      });
    }
    assert.ok(plots[1] > plots[0] + 100, `the plot is ${plots[0]} px at 1440 and ${plots[1]} px at 1920`);
  });

  test("a finger's target on a marker is 32 px or more on a phone", async () => {
    await withPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, async (page) => {
      const s = await sizes(page);
      assert.ok(s.rings.length > 5, `${s.rings.length} markers`);
      assert.deepEqual(s.rings.filter((r) => r < 31.5), [], "marker targets under 32 px");
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

describe("the header on a phone", () => {
  // Every part of the header inside the window and none on another; the
  // site's name either whole (in two lines from 480 px down) or, where the
  // room left is too narrow for it, the logo alone, with the name kept for
  // screen readers. Whole at 390 px in both languages, and in Chinese at
  // 360 px, the usual width of a phone in China.
  const WHOLE = new Set(["en 480", "zh 480", "en 390", "zh 390", "zh 360"]);
  const CASES = [480, 414, 390, 375, 360, 320].flatMap((width) =>
    ["en", "zh"].map((lang) => [lang, width, WHOLE.has(`${lang} ${width}`)]),
  );
  for (const [lang, width, shown] of CASES) {
    test(`${lang} at ${width} px: the name is ${shown ? "whole" : "whole or the logo"}, and the header fits`, async () => {
      await withPage({ viewport: { width, height: 700 }, isMobile: true, hasTouch: true }, async (page) => {
        const slug = SLUGS[0];
        await gotoApp(page, slug ? `${lang}/${slug}/` : `${lang}/`);
        const m = await page.evaluate(() => {
          const name = document.querySelector(".site-name");
          const text = name.querySelector(".site-name-text");
          const lines = [...name.querySelectorAll(".site-name-line")];
          const parts = [...document.querySelectorAll(".site-header-inner > *, .site-nav > *, .site-logo")].filter(
            (e) => e.getBoundingClientRect().width > 0,
          );
          return {
            cut: [text, ...lines].filter((l) => l.scrollWidth > l.clientWidth + 1).map((l) => l.textContent),
            textShown: text.getBoundingClientRect().width > 1,
            logoShown: name.querySelector(".site-logo").getBoundingClientRect().width > 1,
            label: name.textContent.replace(/⟳/g, "").trim(),
            overlaps: parts.flatMap((a, i) =>
              parts.slice(i + 1).flatMap((b) => {
                const [p, q] = [a, b].map((e) => e.getBoundingClientRect());
                const overlap = Math.min(p.right, q.right) - Math.max(p.left, q.left);
                return overlap > 0.5 && !a.contains(b) && !b.contains(a) ? [`${a.className} / ${b.className}`] : [];
              }),
            ),
            outside: parts.filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5).map((e) => e.className),
            pageWide: document.documentElement.scrollWidth,
          };
        });
        assert.deepEqual(m.outside, [], "every part of the header is inside the window");
        assert.deepEqual(m.overlaps, [], "no two parts of the header overlap");
        assert.ok(m.pageWide <= width, `the page is ${m.pageWide} px wide`);
        assert.equal(m.label, lang === "en" ? "Async Iteration Lab" : "异步迭代实验室");
        if (shown || m.textShown) {
          assert.ok(m.textShown, "the name is shown");
          assert.deepEqual(m.cut, [], "no line of the name is cut");
        } else {
          assert.ok(m.logoShown, `the logo shows where the name does not: ${JSON.stringify(m)}`);
        }
      });
    });
  }
});
