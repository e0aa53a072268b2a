// Pages that read at once (issue 12): every page is in the HTML before any
// script runs. With JavaScript off, every page of both languages is
// readable (its title, every heading, its code), each demo shows its code,
// its recorded default timeline and transcript and says what needs
// JavaScript, and every internal link and anchor leads somewhere real.
// With JavaScript on, the wasm takes over without moving the page.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { OTHER_PAGES, builtLessonSlugs, gotoApp, launch, newPage, url, waitForApp } from "../lib.mjs";

const SLUGS = builtLessonSlugs();
const P = new URL(url("")).pathname;
const PAGES = ["en", "zh"].flatMap((lang) => [
  `${lang}/`,
  ...OTHER_PAGES.map((p) => `${lang}/${p}/`),
  ...SLUGS.map((s) => `${lang}/${s}/`),
]);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe("with JavaScript off", () => {
  let context;
  let page;
  let errors;
  /** Pages fetched for the link check: path → the ids in it (null: not a page). */
  const fetched = new Map();
  before(async () => {
    ({ context, page, errors } = await newPage(browser, { javaScriptEnabled: false }));
  });
  after(async () => {
    await context?.close();
  });

  async function idsOf(pathname) {
    if (!fetched.has(pathname)) {
      const res = await context.request.get(new URL(pathname, url("")).href);
      const ids = res.ok() ? new Set([...(await res.text()).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])) : null;
      fetched.set(pathname, ids);
    }
    return fetched.get(pathname);
  }

  for (const rel of PAGES) {
    test(`${rel} reads, and its links lead somewhere`, async () => {
      errors.length = 0;
      const res = await page.goto(url(rel));
      assert.equal(res.status(), 200);
      assert.equal(await page.evaluate(() => document.body.hasAttribute("data-app-mounted")), false, "no script ran");
      const h1 = ((await page.locator("h1").first().textContent()) ?? "").trim();
      assert.ok(h1.length > 0, "a title");
      assert.ok(await page.locator("h1").first().isVisible());
      if (SLUGS.some((s) => rel.endsWith(`/${s}/`))) {
        const toc = await page.locator(".toc-headings a[data-heading]").evaluateAll((as) => as.map((a) => a.dataset.heading));
        assert.ok(toc.length >= 3, "the lesson's headings are listed");
        for (const id of toc) {
          const h = page.locator(`main [id="${id}"]`);
          assert.equal(await h.count(), 1, `heading #${id}`);
          assert.ok(await h.isVisible(), `heading #${id} is shown`);
        }
        assert.ok((await page.locator("main .prose pre.code").count()) > 0, "code blocks");
        const demos = page.locator("section.demo");
        for (let i = 0; i < (await demos.count()); i++) {
          const demo = demos.nth(i);
          const id = await demo.getAttribute("data-demo");
          assert.ok(await demo.locator(".demo-code pre").isVisible(), `${id}: its code`);
          assert.ok((await demo.locator("ol.transcript > li[data-kind]").count()) > 0, `${id}: its recorded transcript`);
          assert.ok((await demo.locator("svg.tl-svg .ev").count()) > 0, `${id}: its recorded timeline`);
          assert.ok(await demo.locator(".demo-needs-js").isVisible(), `${id}: says what needs JavaScript`);
          assert.equal(await demo.locator(".demo-controls").isVisible(), false, `${id}: no buttons that would do nothing`);
        }
        const lang = rel.slice(0, 2);
        const other = lang === "en" ? "zh" : "en";
        assert.equal(
          await page.locator("a.lang-switch").getAttribute("href"),
          `${P}${other}${rel.slice(2)}`,
          "the language link opens the same lesson",
        );
      }
      const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.href));
      for (const href of new Set(hrefs)) {
        const u = new URL(href);
        if (u.origin !== new URL(url("")).origin) continue;
        assert.ok(u.pathname.startsWith(P), `${href} stays under ${P}`);
        const ids = await idsOf(u.pathname);
        assert.ok(ids, `${href} leads to a page`);
        const anchor = decodeURIComponent(u.hash.slice(1));
        if (anchor) assert.ok(ids.has(anchor), `${href}: no #${anchor} there`);
      }
      // With JavaScript off, Chromium blocks the script preloads (reported
      // as "csp"): that is JavaScript being off, not a fault of the page.
      assert.deepEqual(
        errors.filter((e) => !/^request failed: .*\.js \(csp\)$/.test(e)),
        [],
      );
    });
  }

  test("the site root offers both languages", async () => {
    await page.goto(url(""));
    const links = await page.locator("main a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
    assert.deepEqual(links.sort(), [`${P}en/`, `${P}zh/`]);
  });
});

describe("when the wasm takes over", () => {
  const SLUG = SLUGS.includes("break-and-cleanup") ? "break-and-cleanup" : SLUGS[0];

  /** Holds the page's wasm back (a slow link); returns the function that lets it come. */
  async function holdWasm(page) {
    let release;
    const held = new Promise((r) => (release = r));
    await page.route("**/*.wasm", async (route) => {
      await held;
      await route.continue();
    });
    return release;
  }

  /** Records layout shifts from the start (before any of the page's scripts). */
  function observeShifts() {
    window.__shifts = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
    }).observe({ type: "layout-shift", buffered: true });
  }

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    test(`nothing moves (${viewport.width} px): layout shift ≤ 0.02`, async (t) => {
      if (!SLUG) return t.skip("no lesson in the build");
      const { context, page, errors } = await newPage(browser, { viewport });
      try {
        await page.addInitScript(observeShifts);
        await gotoApp(page, `en/${SLUG}/`);
        await page.waitForTimeout(500);
        const cls = await page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0));
        assert.ok(cls <= 0.02, `cumulative layout shift ${cls.toFixed(4)}`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }

  test("the reader's scroll position and focus are kept", async (t) => {
    if (!SLUG) return t.skip("no lesson in the build");
    const { context, page, errors } = await newPage(browser);
    try {
      // Hold the wasm back until the reader has scrolled and focused.
      const release = await holdWasm(page);
      await page.goto(url(`en/${SLUG}/`), { waitUntil: "domcontentloaded" });
      await page.locator("#what-happened").scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, 120));
      const link = page.locator("main .prose a[href]").nth(2);
      await link.focus();
      const before = await page.evaluate(() => [window.scrollY, document.activeElement?.outerHTML]);
      release();
      await waitForApp(page);
      await page.waitForTimeout(300);
      const now = await page.evaluate(() => [window.scrollY, document.activeElement?.outerHTML]);
      assert.ok(Math.abs(now[0] - before[0]) <= 1, `scrolled from ${before[0]} to ${now[0]}`);
      assert.equal(now[1], before[1], "the same element has focus");
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("what the reader did inside a demo and a question before the wasm came is kept", async (t) => {
    if (!SLUG) return t.skip("no lesson in the build");
    const { context, page, errors } = await newPage(browser);
    try {
      const release = await holdWasm(page);
      await page.goto(url(`en/${SLUG}/`), { waitUntil: "domcontentloaded" });
      // On a slow link: a knob typed, an answer chosen, and the keyboard
      // on the demo's Instant button, all in the page as built.
      const demo = page.locator("section.demo").first();
      const input = demo.locator(".knob input[type=number]").first();
      const name = await input.getAttribute("name");
      await input.fill("3");
      const predict = page.locator("section.predict").first();
      await predict.locator("input[type=radio]").first().check();
      await demo.locator("[data-action=instant]").focus();
      release();
      await waitForApp(page);
      const active = await page.evaluate(() => {
        const a = document.activeElement;
        return [a?.getAttribute("data-action"), !!a?.closest("section.demo")];
      });
      assert.deepEqual(active, ["instant", true], "the keyboard is still on Instant");
      assert.equal(await input.inputValue(), "3");
      // The component has the answer, not only the field: it asks for the run.
      await predict.locator(".predict-result[data-verdict=run]").waitFor({ timeout: 5_000 });
      // And the knob: Enter on the focused button runs with it.
      await page.keyboard.press("Enter");
      const href = await page.locator("a.lang-switch").getAttribute("href");
      assert.match(href, new RegExp(`[?&]${name}=3(&|#|$)`), href);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("after a knob change and Run, the language link carries the knobs as they are now", async (t) => {
    if (!SLUG) return t.skip("no lesson in the build");
    const { context, page, errors } = await newPage(browser);
    try {
      await gotoApp(page, `en/${SLUG}/`);
      const demo = page.locator("section.demo").first();
      const input = demo.locator(".knob input[type=number]").first();
      const name = await input.getAttribute("name");
      await input.fill("3");
      await demo.locator("[data-action=instant]").click();
      const href = await page.locator("a.lang-switch").getAttribute("href");
      assert.match(href, new RegExp(`^${P}zh/${SLUG}/\\?(.*&)?${name}=3(&|#|$)`), href);
      await page.locator("a.lang-switch").click();
      await waitForApp(page);
      assert.equal(await page.locator(`section.demo input[name="${name}"]`).first().inputValue(), "3");
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
