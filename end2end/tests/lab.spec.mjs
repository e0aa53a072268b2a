// The Stream Lab (/en/lab/, /zh/lab/), end to end under the site's
// sub-path: the page as built (readable without JavaScript, with its own
// wasm and no other), a pipeline built with the keyboard only, a marble
// dragged with the mouse and by touch on a phone, a shared address, a broken one, and every preset
// run to its end in both languages.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { collectErrors, formatViolations, gotoApp, launch, newPage, runAxe, url } from "../lib.mjs";
import { LANGS, runInstant } from "../lessons.mjs";

/** The path the site is served under: "/lab/" in `cargo xtask test`. */
const P = new URL(url("")).pathname;
const TITLE = { en: "Stream Lab", zh: "实验台" };

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The Lab's demo panel. */
const panel = (page) => page.locator(".lab-run section.demo");

/** The `B(x)` marks of the transcript, in order. */
async function bodies(page) {
  return page.locator(`.lab-run li[data-kind="body"] .tr-code`).allTextContents();
}

/** The marble text field of source `i`. */
const marbleText = (page, i = 0) => page.locator(`#lab-text-${i}`);

/** Waits until the address's query is `query` (the Lab writes it on every edit). */
async function waitForQuery(page, query) {
  await page.waitForFunction((q) => decodeURIComponent(location.search) === q, query, { timeout: 10_000 });
}

for (const lang of ["en", "zh"]) {
  describe(`the ${lang} Lab`, () => {
    test("is one page with its own wasm; lesson pages do not load it", async () => {
      const { context, page, errors } = await newPage(browser, { locale: LANGS[lang].locale });
      const asked = [];
      page.on("request", (r) => asked.push(new URL(r.url()).pathname));
      await gotoApp(page, `${lang}/lab/`);
      assert.equal(await page.locator("main h1").textContent(), TITLE[lang]);
      assert.ok(asked.some((p) => /\/lab-[0-9a-f]+_bg\.wasm$/.test(p)), asked.join("\n"));
      assert.ok(!asked.some((p) => /\/app-[0-9a-f]+/.test(p)), "the Lab does not load the app's wasm");
      assert.equal(await page.locator(".lab-preset").count(), 6);
      assert.equal(await page.locator("header .nav-lab").getAttribute("href"), `${P}${lang}/lab/`);
      const serious = (await runAxe(page)).filter((v) => ["serious", "critical"].includes(v.impact));
      assert.deepEqual(serious, [], formatViolations(serious));

      asked.length = 0;
      await gotoApp(page, `${lang}/`);
      await page.locator("header .nav-lab").waitFor();
      assert.ok(!asked.some((p) => /\/lab-[0-9a-f]+/.test(p)), `the home page loads the Lab:\n${asked.join("\n")}`);
      const modulepreloads = await page.locator('link[rel="modulepreload"]').evaluateAll((ls) => ls.map((l) => l.href));
      assert.ok(!modulepreloads.some((h) => h.includes("/lab-")), modulepreloads.join("\n"));
      assert.deepEqual(errors, []);
      await context.close();
    });

    test("every preset runs to its end", async () => {
      const { context, page, errors } = await newPage(browser, { locale: LANGS[lang].locale });
      await gotoApp(page, `${lang}/lab/`);
      const links = await page.locator(".lab-preset-link").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      assert.equal(links.length, 6);
      for (const href of links) {
        assert.ok(href.startsWith(`${P}${lang}/lab/?`), href);
        await page.goto(new URL(href, url("")).href);
        await page.waitForSelector("body[data-app-mounted]", { state: "attached" });
        assert.equal(await page.locator(".lab-notice").isHidden(), true, `${href}: no notice`);
        assert.ok(!(await page.locator(".lab-verdict").getAttribute("class")).includes("blocked"), href);
        const events = await runInstant(panel(page), lang);
        assert.ok(events.length > 3, `${href}: ${events.length} events`);
        assert.ok(events.some((e) => e.kind === "yield"), href);
        // The address is the preset's, as written.
        assert.equal(new URL(page.url()).search, href.slice(href.indexOf("?")), href);
      }
      assert.deepEqual(errors, []);
      await context.close();
    });

    test("a broken address says why, in the page's language, and the page works", async () => {
      const { context, page, errors } = await newPage(browser, { locale: LANGS[lang].locale });
      await gotoApp(page, `${lang}/lab/?a=-1-2-(3&p=map:*2.nope`);
      const notice = page.locator(".lab-notice");
      await notice.waitFor();
      const text = await notice.textContent();
      assert.match(text, lang === "en" ? /^The pipeline in this address cannot run\./ : /^这个地址里的流水线无法运行。/);
      const events = await runInstant(panel(page), lang);
      assert.ok(events.length > 0);
      // The first edit replaces the broken address and the notice goes.
      await page.locator(`[data-src="0"] select`).first().selectOption("0");
      await waitForQuery(page, "?a=-1--2-|&p=map:sq&body=200");
      assert.equal(await notice.isHidden(), true);
      assert.deepEqual(errors, []);
      await context.close();
    });
  });
}

test("a shared address opens its pipeline; the run is the pipeline's", async () => {
  const { context, page, errors } = await newPage(browser);
  await gotoApp(page, "en/lab/?a=-1-2-3|&p=map:*2.take:2&body=50");
  assert.equal(await marbleText(page).inputValue(), "-1-2-3|");
  assert.deepEqual(await page.locator(".lab-stage-name").allTextContents(), [".map()", ".take()"]);
  assert.match(await page.locator(".lab-run .demo-code").textContent(), /\.take\(2\)/);
  await runInstant(panel(page), "en");
  assert.deepEqual(await bodies(page), ["B(2)", "B(4)"]);
  // A step lights the line of its lane's stage in the generated code.
  await panel(page).getByRole("button", { name: "Next event" }).click();
  const lit = panel(page).locator(".demo-code .code-row.lit");
  await lit.waitFor({ state: "attached" });
  assert.match(await lit.textContent(), /let (a|mut a|s|mut s) = traced\(|while let/);
  assert.equal(decodeURIComponent(new URL(page.url()).search), "?a=-1-2-3|&p=map:*2.take:2&body=50");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a lesson's demo links to the preset that takes it up, in the page's language", async () => {
  const { context, page, errors } = await newPage(browser, { locale: LANGS.zh.locale });
  await gotoApp(page, "zh/break-and-cleanup/");
  const link = page.locator('section.demo[data-demo="cleanup"] .demo-lab-link');
  assert.equal(await link.count(), 1);
  assert.equal(await link.getAttribute("href"), `${P}zh/lab/?a=counter:100,5&break=2`);
  // Demos no preset takes up have no link.
  await gotoApp(page, "zh/errors/");
  assert.equal(await page.locator(".demo-lab-link").count(), 0);
  await gotoApp(page, "zh/break-and-cleanup/");
  await link.click();
  await page.waitForURL(/\/zh\/lab\//);
  await page.waitForSelector("body[data-app-mounted]", { state: "attached" });
  assert.equal(await page.locator(".lab-notice").isHidden(), true);
  const events = await runInstant(panel(page), "zh");
  assert.ok(events.some((e) => e.kind === "drop"), "the preset's stream is dropped after the break");
  assert.deepEqual(errors, []);
  await context.close();
});

test("zoomed out, the cursor is one marker that follows the selection, keeps the focus and is marked current", async () => {
  const { context, page, errors } = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await gotoApp(page, "en/lab/?a=counter:1,2000&p=map:*3.filter:even");
  await panel(page).locator("[data-action=instant]").click();
  await panel(page).locator(".demo-status").filter({ hasText: /^Finished at/ }).waitFor();
  const markers = () =>
    page.evaluate(() =>
      [...document.querySelectorAll(".lab-run .tl-marks .ev")].map((e) => ({
        i: e.getAttribute("data-i"),
        current: e.classList.contains("current"),
        focused: document.activeElement === e,
        label: e.getAttribute("aria-label"),
      })),
    );
  assert.equal((await markers()).length, 1, "zoomed out: the cursor alone");
  await page.locator(".lab-run .tl-marks .ev").first().focus();
  const seen = [];
  for (const key of ["ArrowRight", "ArrowRight", "End"]) {
    await page.keyboard.press(key);
    await page.waitForTimeout(100);
    const [m, ...more] = await markers();
    assert.deepEqual(more, [], `after ${key}: one marker`);
    assert.ok(m.current && m.focused, `after ${key}: ${JSON.stringify(m)}`);
    seen.push(m);
  }
  assert.deepEqual(seen.slice(0, 2).map((m) => m.i), ["1", "2"]);
  assert.ok(Number(seen[2].i) > 20000, "End: the last event");
  assert.notEqual(seen[0].label, seen[1].label, "the label follows the event");
  assert.match(seen[2].label, /dropped/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a pipeline built with the keyboard only runs", async () => {
  const { context, page, errors } = await newPage(browser);
  await gotoApp(page, "en/lab/?a=-1-2-3|");
  // A marble: one frame later, then its value up by one.
  const first = page.locator('[data-src="0"] [data-m="0"]');
  await first.focus();
  await page.keyboard.press("ArrowRight");
  await waitForQuery(page, "?a=--12-3|");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), "item 1 at 20 ms");
  await page.keyboard.press("+");
  await waitForQuery(page, "?a=--22-3|");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), "item 2 at 20 ms");
  // Ten frames later: no further than the end mark.
  await page.keyboard.press("Shift+ArrowRight");
  await waitForQuery(page, "?a=---2-3(2|)");
  await page.keyboard.press("Delete");
  await waitForQuery(page, "?a=---2-3|");
  assert.equal(await marbleText(page).inputValue(), "---2-3|");
  // An adapter from the menu: its name typed into the closed list (which
  // only chooses), then Tab to Add and Enter.
  const add = page.locator(".lab-add-stage select");
  await add.focus();
  await page.keyboard.type("map");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Add");
  await page.keyboard.press("Enter");
  await waitForQuery(page, "?a=---2-3|&p=map:*2");
  // Its closure: the menu's next option (x % k) by the arrow key.
  const closure = page.locator('[data-stage="0"] select');
  await closure.focus();
  await page.keyboard.press("ArrowDown");
  await waitForQuery(page, "?a=---2-3|&p=map:mod2");
  // Run it: Instant, with Enter.
  const instant = panel(page).getByRole("button", { name: "Instant", exact: true });
  await instant.focus();
  await page.keyboard.press("Enter");
  await panel(page).locator(".demo-status").filter({ hasText: /^Finished/ }).waitFor();
  assert.deepEqual(await bodies(page), ["B(0)", "B(1)"]);
  // The code is the pipeline's, and each stage's line is lit from its events.
  assert.match(await page.locator(".lab-run .demo-code").textContent(), /\.map\(\|x\| x % 2\)/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a marble dragged with the mouse moves on the frame grid", async () => {
  const { context, page, errors } = await newPage(browser);
  await gotoApp(page, "en/lab/?a=-1-2-3|");
  const axis = page.locator('[data-src="0"] .lab-axis');
  await axis.scrollIntoViewIfNeeded();
  const box = await axis.boundingBox();
  const marble = page.locator('[data-src="0"] [data-m="0"]');
  const m = await marble.boundingBox();
  await page.mouse.move(m.x + m.width / 2, m.y + m.height / 2);
  await page.mouse.down();
  // The axis spans 300 ms: 40% of it is 120 ms; the end mark (60 ms) stops it.
  for (const f of [0.1, 0.2, 0.4]) {
    await page.mouse.move(box.x + box.width * f, box.y + box.height / 2, { steps: 3 });
  }
  await page.mouse.up();
  await waitForQuery(page, "?a=---2-3(1|)");
  assert.equal(await marbleText(page).inputValue(), "---2-3(1|)");
  // The end mark drags too, and then the marble can go further.
  const end = page.locator('[data-src="0"] .lab-end');
  const e = await end.boundingBox();
  await page.mouse.move(e.x + e.width / 2, e.y + e.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await waitForQuery(page, "?a=---2-31--------|");
  // A click on an empty spot adds the next value there.
  await page.mouse.click(box.x + box.width * 0.9, box.y + box.height / 2);
  await waitForQuery(page, `?a=---2-31${"-".repeat(20)}(2|)`);
  const events = await runInstant(panel(page), "en");
  assert.ok(events.length > 0);
  assert.deepEqual(await bodies(page), ["B(2)", "B(3)", "B(1)", "B(2)"]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("on a phone the tracks stack and a finger drags the nearest marble, without scrolling the page", async () => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: "en-US",
    serviceWorkers: "block",
  });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await gotoApp(page, "en/lab/?a=12----3-----|&b=counter:50,3&c=unfold:100,3&p=select:b.select:c");
  // One column: the three tracks one under another, then the adapters,
  // and nothing wider than the screen.
  const tracks = await page.locator(".lab-track").evaluateAll((ts) =>
    ts.map((t) => t.getBoundingClientRect()).map((r) => [r.top, r.bottom, r.left, r.right]),
  );
  assert.equal(tracks.length, 3);
  for (let k = 1; k < tracks.length; k++) assert.ok(tracks[k][0] >= tracks[k - 1][1], JSON.stringify(tracks));
  assert.ok(tracks.every(([, , l, r]) => l >= 0 && r <= 390), JSON.stringify(tracks));
  const sources = await page.locator(".lab-sources").boundingBox();
  const chain = await page.locator(".lab-chain").boundingBox();
  assert.ok(chain.y >= sources.y + sources.height - 1, "the adapters come under the sources");
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth));
  // The counter's items are drawn where the run makes them, read-only.
  assert.deepEqual(
    await page.locator('[data-src="1"] .lab-marble').evaluateAll((ms) => ms.map((m) => m.getAttribute("aria-label"))),
    ["item 0 at 50 ms", "item 1 at 100 ms", "item 2 at 150 ms"],
  );
  assert.equal(await page.locator('[data-src="1"] button.lab-marble, [data-src="2"] .lab-marble').count(), 0);

  const axis = page.locator('[data-src="0"] .lab-axis');
  await axis.scrollIntoViewIfNeeded();
  const box = await axis.boundingBox();
  // The axis spans 300 ms (the end mark at 120 ms, the counter's last item at 150 ms, and room).
  const at = (ms) => box.x + (box.width * ms) / 300;
  const y = box.y + box.height / 2;
  const size = await page.locator('[data-src="0"] [data-m="2"]').boundingBox();
  assert.ok(size.width >= 32 && size.height >= 32, `a marble for a finger: ${size.width}×${size.height}`);
  const cdp = await context.newCDPSession(page);
  const touch = (type, x = 0, yy = 0) =>
    cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x, y: yy }] });
  const still = () => page.evaluate(() => [scrollX, scrollY, visualViewport.scale]);
  /** A finger down at `x0`, sliding to `x1` and 40 px up (a page would scroll), then lifted. */
  async function drag(x0, x1) {
    const before = await still();
    await touch("touchStart", x0, y);
    for (let k = 1; k <= 8; k++) await touch("touchMove", x0 + ((x1 - x0) * k) / 8, y - 5 * k);
    assert.equal(await page.locator('[data-src="0"] .lab-marble.dragging').count(), 1, "a marble follows the finger");
    await touch("touchEnd");
    assert.deepEqual(await still(), before, "the page neither scrolls nor zooms");
  }
  // 20 px beside the marble at 60 ms (off its drawn edge) still takes it.
  await drag(at(60) - 20, at(90));
  await waitForQuery(page, "?a=12-------3--|&b=counter:50,3&c=unfold:100,3&p=select:b.select:c");
  // The marbles at 0 and 10 ms overlap (the later one on top): a finger on
  // the first takes the first.
  await drag(at(0), at(50));
  await waitForQuery(page, "?a=-2---1---3--|&b=counter:50,3&c=unfold:100,3&p=select:b.select:c");
  assert.equal(await marbleText(page).inputValue(), "-2---1---3--|");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the marble text and the track edit each other; a bad text says why", async () => {
  const { context, page, errors } = await newPage(browser, { locale: "zh-CN" });
  await gotoApp(page, "zh/lab/?a=-1-2-3|");
  const field = marbleText(page);
  await field.fill("-5--6|");
  await waitForQuery(page, "?a=-5--6|");
  assert.equal(await page.locator('[data-src="0"] .lab-marble').count(), 2);
  assert.equal(await page.locator('[data-src="0"] [data-m="1"]').getAttribute("aria-label"), "40 毫秒处的数据项 6");
  await field.fill("-5--(6");
  const error = page.locator("#lab-text-0-error");
  await error.filter({ hasText: /\S/ }).waitFor();
  assert.match(await error.textContent(), /[\u4e00-\u9fff]/, "the error is in Chinese");
  // The track keeps the last text that read.
  assert.equal(await page.locator('[data-src="0"] .lab-marble').count(), 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test("with JavaScript off the Lab page is readable", async () => {
  for (const lang of ["en", "zh"]) {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false, locale: LANGS[lang].locale });
    await page.goto(url(`${lang}/lab/`));
    assert.equal(await page.locator("main h1").textContent(), TITLE[lang]);
    assert.ok(await page.locator(".lab-needs-js").isVisible());
    assert.ok(await page.locator(".lab-preset-link").first().isVisible());
    assert.ok((await page.locator(".lab-run .code-row").count()) > 5);
    assert.ok((await page.locator(".lab-run li[data-kind]").count()) > 5);
    assert.equal(await page.locator(".lab-editor").isVisible(), false, "no controls that do nothing");
    await context.close();
  }
});

test("the language link keeps the pipeline", async () => {
  const { context, page, errors } = await newPage(browser);
  await gotoApp(page, "en/lab/?a=-1-2|");
  await marbleText(page).fill("-7-8|");
  await waitForQuery(page, "?a=-7-8|");
  await page.locator("header .lang-switch").click();
  await page.waitForURL(/\/zh\/lab\//);
  await page.waitForSelector("body[data-app-mounted]", { state: "attached" });
  assert.equal(await page.locator("main h1").textContent(), TITLE.zh);
  assert.equal(await marbleText(page).inputValue(), "-7-8|");
  assert.deepEqual(errors, []);
  await context.close();
});
