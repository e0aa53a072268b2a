// A demanding reader's pass over the site, in the release build under its
// sub-path with the production CSP: odd spellings of addresses, hostile
// link values, half-typed knob values, fast clicking, leaving a page
// mid-run, keyboard-only use of a demo, and a 360 px phone. Each test here
// failed before the fix it guards (or guards a behaviour a fix relies on).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { builtLessonSlugs, gotoApp, launch, newPage, url, waitForApp } from "../lib.mjs";

const SLUGS = builtLessonSlugs();
const SLUG = "break-and-cleanup";
const HAS_SLUG = SLUGS.includes(SLUG);
/** The path the site is served under ("/lab/"). */
const P = new URL(url("")).pathname;

/** Chromium logs a page answered with 404.html as a console error; that is the host's fallback working. */
const DOCUMENT_404 = /^console: Failed to load resource: the server responded with a status of 404/;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/**
 * A fresh page; `fn` gets it and must leave no console errors, exceptions
 * or failed requests (a document answered by 404.html aside).
 */
async function withPage(options, fn) {
  const { context, page, errors } = await newPage(browser, options);
  try {
    await fn(page);
    assert.deepEqual(
      errors.filter((e) => !DOCUMENT_404.test(e)),
      [],
      "no console errors, exceptions or failed requests",
    );
  } finally {
    await context.close();
  }
}

/** The address relative to the site's base, with query and hash ("en/x/?n=3#y"). */
function rel(page) {
  const u = new URL(page.url());
  return (u.pathname + u.search + u.hash).slice(P.length);
}

const demoOf = (page, i = 0) => page.locator("section.demo").nth(i);
const button = (demo, action) => demo.locator(`[data-action=${action}]`);
const status = (demo) => demo.locator(".demo-status");
const waitStatus = (demo, re, timeout = 15_000) => status(demo).filter({ hasText: re }).waitFor({ timeout });
/** What has focus, as "action" for a panel button, "event N" for a timeline marker. */
const focused = (page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return "body";
    if (a.hasAttribute("data-i")) return `event ${a.getAttribute("data-i")}`;
    return a.getAttribute("data-action") ?? a.tagName.toLowerCase();
  });

/**
 * Counts the page's pending `setTimeout`s and its `requestAnimationFrame`
 * calls (installed before the app starts), so a test can see that nothing
 * keeps ticking after a page is left.
 */
async function watchTimers(context) {
  await context.addInitScript(() => {
    const pending = new Set();
    let frames = 0;
    const setT = window.setTimeout.bind(window);
    const clearT = window.clearTimeout.bind(window);
    const raf = window.requestAnimationFrame.bind(window);
    window.setTimeout = (f, ms, ...args) => {
      const id = setT(
        (...a) => {
          pending.delete(id);
          if (typeof f === "function") f(...a);
        },
        ms,
        ...args,
      );
      pending.add(id);
      return id;
    };
    window.clearTimeout = (id) => {
      pending.delete(id);
      clearT(id);
    };
    window.requestAnimationFrame = (f) => {
      frames++;
      return raf(f);
    };
    window.__labTimers = () => ({ pending: pending.size, frames });
  });
}

describe("odd addresses", () => {
  test("odd spellings of a page open it and show its own address", async (t) => {
    if (!HAS_SLUG) return t.skip(`lesson ${SLUG} is not in the build`);
    const cases = [
      ["EN/", "en/"],
      ["en//", "en/"],
      ["en/index.html", "en/"],
      ["zh/index.html#lessons", "zh/#lessons"],
      [`Zh/${SLUG.toUpperCase()}/?n=3#myths`, `zh/${SLUG}/?n=3#myths`],
      [`en/${SLUG}/index.html?delay=50`, `en/${SLUG}/?delay=50`],
      [`en//${SLUG}//`, `en/${SLUG}/`],
    ];
    for (const [asked, shown] of cases) {
      await withPage({}, async (page) => {
        await gotoApp(page, asked);
        await page.waitForURL((u) => (u.pathname + u.search + u.hash).slice(P.length) === shown, { timeout: 10_000 })
          .catch(() => assert.fail(`${asked}: the address bar shows ${rel(page)}, not ${shown}`));
        const lang = shown.startsWith("zh") ? "zh-CN" : "en";
        assert.equal(await page.evaluate(() => document.documentElement.lang), lang, asked);
        assert.equal(await page.locator("[data-not-found]").count(), 0, `${asked} is not "not found"`);
        if (shown.includes(SLUG)) {
          assert.equal(await page.locator("main[data-lesson]").getAttribute("data-lesson"), SLUG, asked);
          // Nothing after the address change restarted the page: the knob from the link is kept.
          const n = shown.includes("n=3") ? "3" : "5";
          assert.equal(await demoOf(page).locator("input[name=n]").inputValue(), n, asked);
        }
        // The language switch leads to the same page in the other language.
        const other = await page.locator("a.lang-switch").getAttribute("href");
        const otherLang = lang === "en" ? "zh" : "en";
        assert.ok(other.startsWith(`${P}${otherLang}/${shown.includes(SLUG) ? `${SLUG}/` : ""}`), `${asked}: switch to ${other}`);
      });
    }
  });

  test("paths that name nothing stay not-found, in the language they name", async () => {
    for (const [asked, h1] of [
      [`en/${SLUG}/extra`, "Page not found"],
      ["en/%", "Page not found"],
      ["zh/%E4%B8%AD%E6%96%87/", "找不到这个页面"],
      ["en/<script>alert(1)<%2Fscript>/", "Page not found"],
    ]) {
      await withPage({}, async (page) => {
        await gotoApp(page, asked);
        assert.equal(await page.locator("h1").textContent(), h1, asked);
        assert.equal(await page.locator("main script, main b").count(), 0, "the path is shown as text");
      });
    }
  });

  test("hostile and repeated link values are ignored with notices; the demo still runs", async (t) => {
    if (!HAS_SLUG) return t.skip(`lesson ${SLUG} is not in the build`);
    await withPage({}, async (page) => {
      await gotoApp(page, `en/${SLUG}/?n=1e9&delay=-5&x=<script>&break_at=&n=%zz&drop_now=maybe&break_at=2&break_at=2`);
      const demo = demoOf(page);
      // The last value of a knob counts; a refused one is named as written.
      const notices = await demo.locator(".knob-notice").allTextContents();
      assert.deepEqual(
        notices.map((n) => /^The link set (\S*);/.exec(n)?.[1]),
        ["n=%zz", "delay=-5", "drop_now=maybe"],
        notices.join("\n"),
      );
      assert.match(notices[0], /ignored and the default kept\. Enter a whole number\.$/);
      assert.equal(await demo.locator("input[name=n]").inputValue(), "5");
      assert.equal(await demo.locator("input[name=delay]").inputValue(), "100");
      assert.equal(await demo.locator("input[name=break_at]").inputValue(), "2");
      await button(demo, "instant").click();
      await waitStatus(demo, /^Finished at t=300 ms/);
      // The run writes its own values back; the stranger's `x` is kept as written.
      const search = new URL(page.url()).search;
      assert.match(search, /n=5/);
      assert.match(search, /x=%3Cscript%3E/);
      assert.equal((search.match(/break_at=/g) ?? []).length, 1, search);
    });
  });
});

describe("knob fields", { skip: !HAS_SLUG && `lesson ${SLUG} is not in the build` }, () => {
  test("a half-typed value is left as typed: -3 and 2.5 are refused, not turned into 3 and 52", async () => {
    await withPage({}, async (page) => {
      await gotoApp(page, `en/${SLUG}/`);
      const demo = demoOf(page);
      const n = demo.locator("input[name=n]");
      const error = demo.locator("[data-knob=n] .knob-error");
      const typeInto = async (text) => {
        await n.click({ clickCount: 3 });
        await page.keyboard.press("Backspace");
        await page.keyboard.type(text);
      };
      for (const [typed, message] of [
        ["-3", "Enter a number from 1 to 20."],
        ["2.5", "Enter a whole number."],
        ["1e9", "Enter a whole number."],
        ["99999999999999999999", "Enter a whole number."],
      ]) {
        await typeInto(typed);
        assert.equal(await n.inputValue(), typed, `typed ${typed}`);
        assert.equal(await error.textContent(), message, `typed ${typed}`);
        assert.ok(await button(demo, "run").isDisabled(), `typed ${typed}`);
      }
      await typeInto("12");
      assert.equal(await n.inputValue(), "12");
      assert.equal(await error.textContent(), "");
      // The arrow keys step within the range, and bring a wrong value back into it.
      await typeInto("20");
      await n.press("ArrowUp");
      assert.equal(await n.inputValue(), "20");
      await typeInto("99");
      await n.press("ArrowDown");
      assert.equal(await n.inputValue(), "20");
      assert.equal(await error.textContent(), "");
      // Pasted text is taken as typed, spaces around it allowed.
      await n.click({ clickCount: 3 });
      await page.keyboard.insertText("7");
      await button(demo, "instant").click();
      await waitStatus(demo, /^Finished/);
      assert.match(new URL(page.url()).search, /^\?n=7&/);
    });
  });
});

describe("fast clicking and leaving", { skip: !HAS_SLUG && `lesson ${SLUG} is not in the build` }, () => {
  test("Run ten times fast, then Run, Instant, Stop, Replay, Reset in a burst: one clean record", async () => {
    await withPage({}, async (page) => {
      await gotoApp(page, `en/${SLUG}/?delay=50`);
      const demo = demoOf(page);
      for (let i = 0; i < 10; i++) await button(demo, "run").click();
      await waitStatus(demo, /^Finished at t=\d+ ms, 15 events \(live clock\)\.$/);
      assert.equal(await demo.locator("ol.transcript > li").count(), 15);
      await button(demo, "run").click();
      await button(demo, "instant").click();
      assert.ok(await button(demo, "stop").isDisabled(), "an instant run is over at once");
      await button(demo, "replay").click();
      await button(demo, "reset").click();
      await waitStatus(demo, /^Not run yet\.$/);
      await page.waitForTimeout(400);
      assert.equal(await demo.locator("ol.transcript > li").count(), 0, "no event of the replaced runs came in late");
      assert.equal(await demo.locator(".tl-marks .ev").count(), 0);
    });
  });

  for (const how of ["a link", "the back button", "the language switch"]) {
    test(`leaving mid-run by ${how} stops the run: no timer or frame loop keeps going`, async () => {
      await withPage({}, async (page) => {
        await watchTimers(page.context());
        const demo = demoOf(page);
        if (how === "the back button") {
          // Into the lesson within the app, so Back stays in this document.
          await gotoApp(page, "en/");
          await page.locator(`.lesson-list a[href$="/en/${SLUG}/"]`).first().focus();
          await page.keyboard.press("Enter");
          // A new page: its buttons are inert until its wasm has mounted.
          await page.waitForURL(new RegExp(`/en/${SLUG}/$`));
          await waitForApp(page);
          await demo.locator("input[name=delay]").fill("400");
        } else {
          await gotoApp(page, `en/${SLUG}/?delay=400&n=20`);
        }
        await button(demo, "run").click();
        await demo.locator("ol.transcript > li[data-kind=pending]").first().waitFor({ state: "attached" });
        assert.ok((await page.evaluate(() => window.__labTimers())).pending >= 1, "the run waits on a timer");
        if (how === "a link") await page.locator("nav.prev-next a[rel=next]").click();
        if (how === "the back button") await page.goBack();
        if (how === "the language switch") await page.locator("a.lang-switch").click();
        await page.waitForFunction(() => !document.querySelector("section.demo[aria-busy=true]"));
        await page.waitForTimeout(600);
        const a = await page.evaluate(() => window.__labTimers());
        await page.waitForTimeout(600);
        const b = await page.evaluate(() => window.__labTimers());
        assert.equal(b.pending, 0, "no timer of the old run is waiting");
        assert.ok(b.frames - a.frames <= 2, `no frame loop: ${b.frames - a.frames} frames in 600 ms`);
        if (how === "the back button") assert.equal(rel(page), "en/");
        // The same lesson in the other language starts from the knobs (a
        // recorded run of them; the stopped run is not kept), with the same knobs.
        if (how === "the language switch") {
          await waitForApp(page);
          assert.match(await status(demoOf(page)).textContent(), /^上面这组参数在虚拟时钟上的一次运行记录/);
          assert.match(rel(page), new RegExp(`^zh/${SLUG}/\\?delay=400&n=20`));
        }
      });
    });
  }
});

describe("keyboard only", { skip: !HAS_SLUG && `lesson ${SLUG} is not in the build` }, () => {
  test("focus stays in the controls when Stop or Reset disables itself", async () => {
    await withPage({}, async (page) => {
      await gotoApp(page, `en/${SLUG}/?delay=300`);
      const demo = demoOf(page);
      await button(demo, "run").focus();
      await page.keyboard.press("Enter");
      await page.keyboard.press("Tab");
      assert.equal(await focused(page), "stop");
      await page.keyboard.press("Enter");
      await waitStatus(demo, /^Stopped/);
      await page.waitForFunction(() => document.activeElement?.getAttribute("data-action") === "replay", null, { timeout: 2_000 })
        .catch(async () => assert.fail(`after Stop, focus is on ${await focused(page)}`));
      // Replay steps with the keys; the detail line describes the focused marker.
      // (Replay plays forward from the first event; on a loaded machine a
      // frame may pass several events, so any marker will do.)
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.activeElement?.hasAttribute("data-i"));
      await page.keyboard.press("End");
      await page.waitForFunction((d) => /^\D*t=/.test(d.querySelector(".tl-detail-line")?.textContent ?? "") && !/Select an event/.test(d.querySelector(".tl-detail-line").textContent), await demo.elementHandle());
      // Reset disables itself: focus goes to Run.
      await button(demo, "reset").focus();
      await page.keyboard.press("Enter");
      await waitStatus(demo, /^Not run yet\.$/);
      await page.waitForFunction(() => document.activeElement?.getAttribute("data-action") === "run", null, { timeout: 2_000 })
        .catch(async () => assert.fail(`after Reset, focus is on ${await focused(page)}`));
      // A run that ends by itself while Stop has focus.
      await page.keyboard.press("Enter");
      await page.keyboard.press("Tab");
      assert.equal(await focused(page), "stop");
      await waitStatus(demo, /^Finished/);
      await page.waitForFunction(() => document.activeElement?.getAttribute("data-action") === "replay", null, { timeout: 2_000 })
        .catch(async () => assert.fail(`after the run ended, focus is on ${await focused(page)}`));
    });
  });
});

describe("a 360 × 740 phone", () => {
  for (const lang of ["en", "zh"]) {
    test(`no lesson scrolls sideways, whatever event is shown (${lang})`, async () => {
      await withPage({ viewport: { width: 360, height: 740 }, locale: lang === "zh" ? "zh-CN" : "en-US" }, async (page) => {
        for (const slug of SLUGS) {
          await gotoApp(page, `${lang}/${slug}/`);
          const overflow = () => page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
          assert.ok((await overflow()) <= 0, `${slug}: the page scrolls sideways by ${await overflow()} px`);
          const demos = page.locator("section.demo");
          for (let i = 0; i < (await demos.count()); i++) {
            const demo = demos.nth(i);
            await button(demo, "instant").click();
            await waitStatus(demo, /^(Finished|Stopped|Stuck) at|^在 t=/); // the run is over
            await button(demo, "replay").click();
            await page.waitForFunction(() => document.activeElement?.hasAttribute("data-i"));
            // The detail line describes the focused marker: at the start, in the middle, at the end.
            const n = await demo.locator(".tl-marks .ev").count();
            const steps = { Home: ["Home"], "the middle": Array(Math.min(Math.floor(n / 2), 40)).fill("ArrowRight"), End: ["End"] };
            // Focus follows the current marker even when it was out of view
            // (markers are drawn only in view: the marker appears a frame or
            // two after the jump), and the detail line fits on the phone.
            for (const [key, keys] of Object.entries(steps)) {
              for (const k of keys) await page.keyboard.press(k);
              await page.waitForFunction(
                (d) => d.contains(document.activeElement) && document.activeElement.hasAttribute("data-i"),
                await demo.elementHandle(),
                { timeout: 5_000 },
              ).catch(() => assert.fail(`${slug} demo ${i} at ${key}: focus left the timeline's markers`));
              const detail = demo.locator(".tl-detail-line");
              const over = await overflow();
              const tip = await detail.boundingBox();
              assert.ok(over <= 0, `${slug} demo ${i} at ${key}: the page scrolls sideways by ${over} px`);
              assert.ok(tip && tip.x >= 0 && tip.x + tip.width <= 360, `${slug} demo ${i} at ${key}: detail line ${JSON.stringify(tip)}`);
            }
          }
        }
      });
    });
  }
});
