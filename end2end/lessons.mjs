// What the lesson specs (end2end/tests/lessons-*.spec.mjs) share: the two
// languages' labels, running a demo with "Instant" and reading its
// transcript, answering a predict question, and the tests every lesson page
// gets. A spec file holds only its lessons' expectations:
//
//   import assert from "node:assert/strict";
//   import { describeLessons, pick } from "../lessons.mjs";
//
//   describeLessons([
//     {
//       slug: "break-and-cleanup",
//       myths: ["M23", "M27", "M28"],
//       demos: { cleanup: ["pending", "wake", "yield", "body", …] },
//       predicts: { cleanup: { when: 1 } },
//       variants: [{ query: "drop_now=1", demo: "cleanup", kinds: […], predict: ["when", 0] }],
//     },
//   ]);
//
// For each lesson and each language this makes a suite for the page (its
// sections, demos and myth boxes; each demo's default run; each predict
// question; no console errors) and one for each variant (the page opened with
// knob values in the URL).

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { gotoApp, launch, newPage } from "./lib.mjs";

/**
 * The two languages: the browser locale, and the texts the tests look for
 * (app/src/components/demo/strings.rs): the Instant button, the
 * transcript's label, and the demo's status line before a run and after a
 * run that finished on the virtual clock (its group 1 is the event count,
 * timer events included).
 */
export const LANGS = {
  en: {
    locale: "en-US",
    instant: "Instant",
    transcript: "Transcript of the run",
    idle: "Not run yet.",
    finished: /^Finished at t=\d+ ms, (\d+) events? \(virtual clock\)\.$/,
  },
  zh: {
    locale: "zh-CN",
    instant: "立即跑完",
    transcript: "运行记录",
    idle: "尚未运行。",
    finished: /^在 t=\d+ 毫秒结束，共 (\d+) 个事件（虚拟时钟）。$/,
  },
};

/** The headings of a lesson page that adds none of its own (docs/authoring.md). */
export const DEFAULT_SECTIONS = ["see", "run", "what-happened", "python", "myths", "try"];

/**
 * Timer events: the timeline may hide them ("show timer events"), and the
 * expectations leave them out.
 */
export const TIMERS = new Set(["timer-set", "timer-clear"]);

/** How long a run, the transcript or a verdict may take to appear. */
const TIMEOUT = 20_000;

/**
 * An event as the transcript lists it (each `<li>`'s `data-kind`, `data-t`
 * in whole ms and `data-lane`).
 * @typedef {{ kind: string, t: number, lane: string }} TranscriptEvent
 */

/**
 * The items of a demo's transcript (the list labelled "Transcript of the
 * run" / "运行记录"; the timeline has its own events).
 * @param {import("playwright-core").Locator} demo a `section.demo`
 * @param {keyof LANGS} lang
 */
function transcriptItems(demo, lang) {
  return demo.locator(`[aria-label="${LANGS[lang].transcript}"] li[data-kind]`);
}

/** @returns {Promise<TranscriptEvent[]>} every item of the list, timers too */
function readEvents(items) {
  return items.evaluateAll((lis) =>
    lis.map((li) => ({ kind: li.dataset.kind, t: Number(li.dataset.t), lane: li.dataset.lane })),
  );
}

/**
 * Presses Instant on a demo that has not run yet on this page, waits until
 * its status line says the run finished and its transcript lists as many
 * events as the status line counts, and returns those events without
 * timers. Everything the run recorded is returned, so an expectation
 * compared with `deepEqual` fails on an event too many as well as on one
 * too few. A run that stops, stalls or hits the safety limit fails here.
 * @param {import("playwright-core").Locator} demo a `section.demo`
 * @param {keyof LANGS} lang
 * @returns {Promise<TranscriptEvent[]>}
 */
export async function runInstant(demo, lang) {
  const { instant, idle, finished } = LANGS[lang];
  const status = demo.locator(".demo-status");
  const statusText = async () => ((await status.textContent()) ?? "").trim();
  // A status line left by an earlier run would say "finished" at once.
  assert.equal(await statusText(), idle, "the demo has not run yet on this page");
  await demo.getByRole("button", { name: instant, exact: true }).click();
  try {
    await status.filter({ hasText: finished }).waitFor({ timeout: TIMEOUT });
  } catch {
    assert.fail(`the run did not finish: the status line says "${await statusText()}"`);
  }
  const count = finished.exec(await statusText());
  assert.ok(count, "the status line still says the run finished");
  const n = Number(count[1]);
  // The transcript is filled a few hundred items per frame: wait for the last.
  const items = transcriptItems(demo, lang);
  if (n > 0) await items.nth(n - 1).waitFor({ state: "attached", timeout: TIMEOUT });
  const events = await readEvents(items);
  assert.equal(events.length, n, "the transcript lists the events the status line counts");
  return events.filter((e) => !TIMERS.has(e.kind));
}

/**
 * Picks option `index` of a predict question and returns its verdict
 * (`data-verdict`) once it is "right", "wrong" or "undecided", or what it
 * still is after the timeout.
 * @param {import("playwright-core").Page} page
 * @returns {Promise<string | null>}
 */
export async function pickAndJudge(page, demoId, predictId, index) {
  const box = page.locator(`section.predict[data-demo="${demoId}"][data-predict="${predictId}"]`);
  assert.equal(await box.count(), 1, `one predict "${demoId} ${predictId}" on the page`);
  await box.locator(`input[type="radio"][value="${index}"]`).check();
  const settled = ["right", "wrong", "undecided"].map((v) => `[data-verdict="${v}"]`).join(",");
  await box
    .locator(`.predict-result:is(${settled})`)
    .waitFor({ timeout: TIMEOUT })
    .catch(() => {});
  return box.locator(".predict-result").getAttribute("data-verdict");
}

/**
 * A fresh page in `lang`'s locale at `rel` (e.g. "en/errors/?fuse=1"), once
 * the app has mounted and drawn its first demo.
 * @param {import("playwright-core").Browser} browser
 * @param {keyof LANGS} lang
 * @param {string} rel
 */
export async function openLesson(browser, lang, rel) {
  const opened = await newPage(browser, { locale: LANGS[lang].locale });
  await gotoApp(opened.page, rel);
  await opened.page.locator("section.demo").first().waitFor({ state: "attached", timeout: 30_000 });
  return opened;
}

/** `lane:kind@t` for the events of `lane` (or of every lane) of the given kinds (or of all). */
export const pick = (events, { lane, kinds }) =>
  events
    .filter((e) => (lane === undefined || e.lane === lane) && (kinds === undefined || kinds.includes(e.kind)))
    .map((e) => `${e.lane}:${e.kind}@${e.t}`);

/** The times of the events of `lane` and `kind`. */
export const times = (events, lane, kind) => events.filter((e) => e.lane === lane && e.kind === kind).map((e) => e.t);

/**
 * What a demo's run must record: the kinds in order (timers left out), or
 * an object with those `kinds` (optional) and a `check` of the events'
 * lanes and times that throws on a mismatch.
 * @typedef {string[] | { kinds?: string[], check?: (events: TranscriptEvent[]) => void }} Expected
 */

/**
 * One lesson's expectations.
 * @typedef {object} LessonSpec
 * @property {string} slug the page's folder, e.g. "errors"
 * @property {string[]} [sections] heading ids; DEFAULT_SECTIONS if absent
 * @property {string[]} myths the myth boxes' ids, in order
 * @property {Record<string, Expected>} demos demo id → its default run, in page order
 * @property {Record<string, string[]>} [forbidden] demo id → kinds its default run never records
 * @property {Record<string, Record<string, number>>} [predicts] demo id → predict id → the option the
 *   default run shows to be true
 * @property {Array<{ query: string, demo: string, kinds?: string[], check?: (events: TranscriptEvent[]) => void,
 *   predict?: [string, number] }>} [variants] the page with knob values in the URL (`query`), the run
 *   of `demo` it gives, and [predict id, option] that run shows to be true
 */

/** Runs the demo `id` with Instant and checks what it recorded. */
async function runAndCheck(page, lang, id, expected, forbidden = []) {
  const demo = page.locator(`section.demo[data-demo="${id}"]`);
  assert.equal(await demo.count(), 1, `one demo "${id}" on the page`);
  const events = await runInstant(demo, lang);
  const { kinds, check } = Array.isArray(expected) ? { kinds: expected } : expected;
  if (kinds) {
    assert.deepEqual(
      events.map((e) => e.kind),
      kinds,
    );
  }
  for (const k of forbidden) {
    assert.ok(!events.some((e) => e.kind === k), `no "${k}" event in ${id}`);
  }
  check?.(events);
}

/**
 * A suite for one page opened fresh: `body` adds its tests (given a getter
 * for the page), and a last test checks that nothing went wrong in the
 * console meanwhile.
 */
function describePage(browser, lang, rel, body) {
  describe(rel, () => {
    let opened;
    before(async () => {
      opened = await openLesson(browser(), lang, rel);
    });
    after(async () => {
      await opened?.context.close();
    });
    body(() => opened.page);
    test("no console errors", () => {
      assert.deepEqual(opened.errors, []);
    });
  });
}

/**
 * The tests for `lessons`, in both languages: launches Chromium for the
 * spec file and, per lesson and language, makes the page's suite and one
 * suite per variant (see the top of this file).
 * @param {LessonSpec[]} lessons
 */
export function describeLessons(lessons) {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
  const getBrowser = () => browser;

  for (const lesson of lessons) {
    for (const lang of Object.keys(LANGS)) {
      describePage(getBrowser, lang, `${lang}/${lesson.slug}/`, (page) => {
        test("has the lesson's sections, demos and myth boxes", async () => {
          for (const id of lesson.sections ?? DEFAULT_SECTIONS) {
            assert.equal(await page().locator(`[id="${id}"]`).count(), 1, `heading #${id}`);
          }
          const myths = await page().locator("aside.myth").evaluateAll((els) => els.map((e) => e.dataset.myth));
          assert.deepEqual(myths, lesson.myths);
          const demos = await page().locator("section.demo").evaluateAll((els) => els.map((e) => e.dataset.demo));
          assert.deepEqual(demos, Object.keys(lesson.demos));
        });

        for (const [id, expected] of Object.entries(lesson.demos)) {
          test(`demo ${id}: Instant records the default run's events`, async () => {
            await runAndCheck(page(), lang, id, expected, lesson.forbidden?.[id]);
          });
        }

        for (const [demoId, questions] of Object.entries(lesson.predicts ?? {})) {
          for (const [predictId, answer] of Object.entries(questions)) {
            test(`predict ${demoId} ${predictId}: the run shows option ${answer}`, async () => {
              // The demos above have run already; the verdict uses that trace.
              assert.equal(await pickAndJudge(page(), demoId, predictId, answer), "right");
            });
          }
        }
      });

      for (const v of lesson.variants ?? []) {
        describePage(getBrowser, lang, `${lang}/${lesson.slug}/?${v.query}`, (page) => {
          test(`demo ${v.demo}: the knobs from the URL change the run`, async () => {
            await runAndCheck(page(), lang, v.demo, v);
            if (v.predict) {
              const [predictId, answer] = v.predict;
              assert.equal(await pickAndJudge(page(), v.demo, predictId, answer), "right");
            }
          });
        });
      }
    }
  }
}
