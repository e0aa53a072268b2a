// The live demo panel on a real lesson page (lesson 4, `break` and cleanup),
// in the release build under its sub-path with the production CSP: the
// instant run's transcript, a live run with the same kinds, Stop mid-run,
// knob errors, a malformed link value, keyboard replay, the predict box,
// both languages, a 360 px phone, and axe-core on the panel in both themes.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { expectations, waitForRun } from "../lessons.mjs";
import { builtLessonSlugs, formatViolations, gotoApp, launch, newPage, runAxe } from "../lib.mjs";

const SLUG = "break-and-cleanup";
const BUILT = builtLessonSlugs().includes(SLUG);

/**
 * Lesson 4 as its native run records it (target/e2e/expectations.json,
 * generated from the lesson by `cargo xtask test`): the default run, timers
 * included (n=5, delay=100, break_at=1: 15 events, the last at t200), and
 * the predict question about it with its case (break_at = 9).
 */
const LESSON = expectations().lessons[SLUG];
const DEFAULT_RUN = LESSON?.runs.cleanup ?? [];
const DEFAULT_KINDS = DEFAULT_RUN.map((e) => e.kind);
const DEFAULT_TIMES = DEFAULT_RUN.map((e) => e.t);
const END = DEFAULT_TIMES.at(-1);
const QUESTION = LESSON?.predicts.en.find((q) => q.demo === "cleanup");
/** A live step may be this much later than the virtual one (timers fire late on busy machines). */
const LATE_MS = 60;
/** … or this much earlier (`data-t` is rounded to whole ms). */
const EARLY_MS = 2;
const ATTEMPTS = 5;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens lesson 4 (`lang`, optional query) on a fresh page; `fn` gets the page and its first demo. */
async function withDemo(options, fn) {
  const { lang = "en", query = "", ...pageOptions } = options;
  const { context, page, errors } = await newPage(browser, pageOptions);
  try {
    await gotoApp(page, `${lang}/${SLUG}/${query}`);
    const demo = page.locator("section.demo").first();
    await demo.waitFor();
    await fn(page, demo, errors);
    assert.deepEqual(errors, [], "no console errors");
  } finally {
    await context.close();
  }
}

/** The transcript as [{ kind, t, lane, text }]. */
function transcript(demo) {
  return demo.locator("ol.transcript > li").evaluateAll((lis) =>
    lis.map((li) => ({
      kind: li.dataset.kind,
      t: Number(li.dataset.t),
      lane: li.dataset.lane,
      text: li.textContent,
    })),
  );
}

const status = (demo) => demo.locator(".demo-status");

async function waitStatus(demo, re, timeout = 15_000) {
  await status(demo).filter({ hasText: re }).waitFor({ timeout });
}

describe("demo panel", { skip: !BUILT && `lesson ${SLUG} is not in the build` }, () => {
  test("Instant: the transcript lists the recorded events in order", async () => {
    await withDemo({}, async (page, demo) => {
      // Before the reader runs anything, the panel shows the default run,
      // recorded on the virtual clock (the page was built with it).
      await assert.doesNotReject(
        status(demo)
          .filter({ hasText: new RegExp(`^A run of the knobs above, recorded on the virtual clock: ${DEFAULT_RUN.length} events up to t=${END} ms\\.`) })
          .waitFor(),
      );
      await demo.locator("[data-action=instant]").click();
      await waitStatus(demo, new RegExp(`^Finished at t=${END} ms, ${DEFAULT_RUN.length} events \\(virtual clock\\)\\.$`));
      const t = await transcript(demo);
      assert.deepEqual(t.map((e) => e.kind), DEFAULT_KINDS);
      assert.deepEqual(t.map((e) => e.t), DEFAULT_TIMES);
      assert.equal(t[3].text, "R(0) t=100 ms — gen yielded 0");
      assert.equal(t[3].lane, "gen");
      assert.equal(t[14].text, "t=200 ms — main: after scope");
      assert.equal(await demo.locator("ol.transcript").getAttribute("aria-label"), "Transcript of the run");
      // One marker per event on the timeline, and the knobs in the address bar.
      assert.equal(await demo.locator(".tl-marks .ev").count(), 15);
      assert.match(new URL(page.url()).search, /^\?n=5&delay=100&break_at=1&drop_now=0$/);
    });
  });

  test("Run: a live run records the same kinds, at about the same times", async () => {
    await withDemo({}, async (page, demo) => {
      // A busy machine now and then holds a timer back far longer than
      // LATE_MS: a run with a late step is run again (ATTEMPTS in all).
      // Early steps and a wrong order fail at once.
      const late = [];
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        await demo.locator("[data-action=run]").click();
        await waitStatus(demo, /^Running/, 5_000);
        await waitStatus(demo, new RegExp(`^Finished at t=\\d+ ms, ${DEFAULT_RUN.length} events \\(live clock\\)\\.$`));
        const t = await transcript(demo);
        assert.deepEqual(t.map((e) => e.kind), DEFAULT_KINDS);
        let miss = null;
        for (let i = 1; i < t.length; i++) {
          const live = t[i].t - t[i - 1].t;
          const virt = DEFAULT_TIMES[i] - DEFAULT_TIMES[i - 1];
          const step = `event ${i} (${t[i].kind}): live step ${live} ms, virtual ${virt} ms`;
          assert.ok(live >= virt - EARLY_MS, `${step}: early`);
          if (miss === null && live > virt + LATE_MS) miss = step;
        }
        if (miss === null) return;
        late.push(miss);
      }
      assert.fail(`a step was late in each of ${ATTEMPTS} live runs:\n${late.join("\n")}`);
    });
  });

  test("Stop mid-run records the cancel, the drops and the cleanup", async () => {
    await withDemo({ query: "?delay=1500" }, async (page, demo) => {
      await demo.locator("[data-action=run]").click();
      await demo.locator("ol.transcript > li[data-kind=pending]").first().waitFor({ state: "attached" });
      await demo.locator("[data-action=stop]").click();
      await waitStatus(demo, /^Stopped at t=\d+ ms/);
      const kinds = (await transcript(demo)).map((e) => e.kind);
      const at = (k) => kinds.indexOf(k);
      assert.ok(at("cancel") >= 0, kinds.join(" "));
      assert.ok(at("cancel") < at("drop") && at("drop") < at("cleanup"), kinds.join(" "));
      assert.ok(kinds.includes("timer-clear"), "the pending timer is cleared");
      assert.ok(await demo.locator("[data-action=stop]").isDisabled());
      // Nothing is recorded after the stop.
      const n = kinds.length;
      await page.waitForTimeout(1_800);
      assert.equal((await transcript(demo)).length, n);
    });
  });

  test("an out-of-range knob shows a message and disables Run", async () => {
    await withDemo({}, async (page, demo) => {
      const n = demo.locator("input[name=n]");
      await n.fill("99");
      const message = demo.locator("[data-knob=n] .knob-error");
      await assert.doesNotReject(message.filter({ hasText: "Enter a number from 1 to 20." }).waitFor());
      assert.equal(await n.getAttribute("aria-invalid"), "true");
      assert.ok(await demo.locator("[data-action=run]").isDisabled());
      assert.ok(await demo.locator("[data-action=instant]").isDisabled());
      await n.fill("3");
      await demo.locator("[data-action=run]:not([disabled])").waitFor();
      assert.equal(await message.textContent(), "");
    });
  });

  test("a malformed value in the link is ignored with a notice, as text", async () => {
    await withDemo({ query: "?n=%3Cb%3Eabc%3C%2Fb%3E&delay=50" }, async (page, demo) => {
      const notice = demo.locator(".knob-notice");
      await notice.waitFor();
      assert.match(await notice.textContent(), /n=<b>abc<\/b>.*ignored.*Enter a whole number\./);
      assert.equal(await demo.locator(".knob-notice b").count(), 0, "never rendered as HTML");
      assert.equal(await demo.locator("input[name=n]").inputValue(), "5");
      assert.equal(await demo.locator("input[name=delay]").inputValue(), "50");
      await demo.locator("[data-action=instant]").click();
      await waitStatus(demo, /^Finished at t=100 ms, 15 events/);
    });
  });

  test("keyboard replay: Replay, ← → Home End, with the line and the lane states lit", async () => {
    await withDemo({}, async (page, demo) => {
      await demo.locator("[data-action=instant]").click();
      await waitStatus(demo, /^Finished/);
      const path = new URL(page.url()).pathname;
      await demo.locator("[data-action=replay]").click();
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute("data-i"));
      await page.waitForFunction(() => document.activeElement?.getAttribute("data-i") === "0");
      // Replay plays forward by itself; a step key takes over.
      await page.keyboard.press("Home");
      await page.waitForFunction(() => document.activeElement?.getAttribute("data-i") === "0");
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      await page.waitForFunction(() => document.activeElement?.getAttribute("data-i") === "3");
      // Event 3 is gen yielding 0: its transcript item and its code line are lit.
      const current = demo.locator("ol.transcript > li.current");
      // Fast key presses: the transcript's mark catches up once they pause
      // (in its tab, behind the code's where the panel is pinned).
      await demo.locator("ol.transcript > li.current[data-i='3']").waitFor({ state: "attached", timeout: 2_000 });
      assert.equal(await current.getAttribute("data-i"), "3");
      assert.equal(await current.getAttribute("aria-current"), "true");
      assert.match(await demo.locator(".code-row.lit").textContent(), /items\.next\(\)\.await/);
      assert.equal(await demo.locator(".tl-step-of").textContent(), "Event 4 of 15");
      assert.equal(
        await demo.locator(".tl-lane[data-lane=gen] .tl-lane-state").textContent(),
        "yielded; idle until polled",
      );
      // Defect 5: main is awaiting the stream, not "not started".
      await page.keyboard.press("ArrowLeft");
      assert.equal(
        await demo.locator(".tl-lane[data-lane=main] .tl-lane-state").textContent(),
        "awaiting next()",
      );
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("End");
      await page.waitForFunction(() => document.activeElement?.getAttribute("data-i") === "14");
      await page.keyboard.press("Home");
      await page.waitForFunction(() => document.activeElement?.getAttribute("data-i") === "0");
      await page.keyboard.press("ArrowLeft");
      assert.equal(await focused(), "0");
      // The arrows stepped the timeline; they did not turn the page.
      assert.equal(new URL(page.url()).pathname, path);
      // The stepper buttons step too.
      await demo.locator("[data-action=next]").click();
      assert.equal(await demo.locator(".tl-step-of").textContent(), "Event 2 of 15");
    });
  });

  test("the detail line beside the plot says the selected event's time, kind, value and line", async () => {
    await withDemo({}, async (page, demo) => {
      await demo.locator("[data-action=instant]").click();
      await waitStatus(demo, /^Finished/);
      await demo.locator(".tl-marks .ev[data-kind=cleanup]").click();
      const line = demo.locator(".tl-detail-line");
      assert.equal(await line.getAttribute("aria-live"), "polite");
      assert.match(await line.textContent(), /C\(gen-state\).*t=200 ms — gen: cleanup of gen-state ran.*line \d+/);
      // Its millisecond's events, in order, each with its code.
      const chips = await demo.locator(".tl-burst-row .tl-chip").allTextContents();
      assert.ok(chips.join(" ").includes("“after loop” D C(gen-state) “after scope”"), chips.join(" "));
      // Stepping moves the line along (it never describes an old event).
      await demo.locator("[data-action=prev]").click();
      assert.match(await line.textContent(), /^D t=200 ms — gen was dropped/);
      // The legend gives each shape the code the text uses.
      assert.equal(await demo.locator(".tl-legend li[data-kind=timer-set] .tl-code").textContent(), "T+n");
    });
  });

  test("the predict box grades the pick on a run of the question's own case", async () => {
    // break_at=0 (the lesson's Try-this) shows another option than the
    // question's case (break_at = 9): the panel's run must not decide.
    await withDemo({ query: "?break_at=0" }, async (page, demo) => {
      assert.ok(QUESTION, "lesson 4 has a predict question about `cleanup`");
      const box = page.locator(`section.predict[data-demo=cleanup][data-predict="${QUESTION.id}"]`);
      const result = box.locator(".predict-result");
      assert.equal(await result.getAttribute("data-verdict"), "pick");
      const wrong = (QUESTION.answer + 1) % QUESTION.options;
      await box.locator("input[type=radio]").nth(wrong).check();
      assert.equal(await result.getAttribute("data-verdict"), "run");
      // A run with other knobs does not grade the question…
      await demo.locator("[data-action=instant]").click();
      await waitStatus(demo, /^Finished/);
      assert.equal(await result.getAttribute("data-verdict"), "run");
      // …its own "Run this case" does, and shows that run in the panel.
      await box.locator("button.predict-run").click();
      await box.locator(".predict-result[data-verdict=wrong]").waitFor();
      await box.locator("input[type=radio]").nth(QUESTION.answer).check();
      await box.locator(".predict-result[data-verdict=right]").waitFor();
      await waitForRun(demo, "en", QUESTION.events);
    });
  });

  test("the Chinese page speaks Chinese", async () => {
    await withDemo({ lang: "zh", locale: "zh-CN" }, async (page, demo) => {
      await demo.locator("[data-action=instant]").click();
      await waitStatus(demo, new RegExp(`^在 t=${END} 毫秒结束，共 ${DEFAULT_RUN.length} 个事件（虚拟时钟）。$`));
      const t = await transcript(demo);
      assert.deepEqual(t.map((e) => e.kind), DEFAULT_KINDS);
      assert.equal(t[3].text, "R(0) t=100 毫秒 — gen 产出 0");
      assert.equal(t[14].text, "t=200 毫秒 — main 记录：after scope");
      assert.equal(await demo.locator("ol.transcript").getAttribute("aria-label"), "运行记录");
    });
  });

  test("on a 360 px phone the panel fits; the timeline scrolls inside its box", async () => {
    await withDemo({ viewport: { width: 360, height: 780 }, query: "?delay=2000" }, async (page, demo) => {
      await demo.locator("[data-action=instant]").click();
      await waitStatus(demo, /^Finished/);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
      const box = () => demo.locator(".tl-scroll").evaluate((el) => ({
        client: el.clientWidth,
        scroll: el.scrollWidth,
      }));
      // After the run the whole run is in view; zoomed in, it scrolls inside its box.
      const whole = await box();
      assert.ok(whole.scroll <= whole.client + 1, `the run is not in view: ${JSON.stringify(whole)}`);
      await demo.locator("[data-action=zoom-in]").click();
      await demo.locator("[data-action=zoom-in]").click();
      await page.waitForFunction((el) => el.scrollWidth > el.clientWidth, await demo.locator(".tl-scroll").elementHandle());
      const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow2 <= 0, `zoomed in, the page scrolls sideways by ${overflow2} px`);
    });
  });

  for (const colorScheme of ["light", "dark"]) {
    test(`axe finds no WCAG A/AA problems in the panel (${colorScheme})`, async () => {
      await withDemo({ colorScheme }, async (page, demo) => {
        await demo.locator("[data-action=instant]").click();
        await waitStatus(demo, /^Finished/);
        await demo.locator("[data-action=replay]").click();
        const violations = await runAxe(
          page,
          { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } },
          "section.demo",
        );
        assert.equal(violations.length, 0, formatViolations(violations));
      });
    });
  }
});
