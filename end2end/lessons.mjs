// What the lesson specs (end2end/tests/lessons-*.spec.mjs) share: the two
// languages' labels, running a demo with "Instant" and reading its
// transcript, answering a predict question, and the tests every lesson page
// gets. A spec file holds only what is not a timeline: each lesson's
// headings, myth boxes and variants (knob values in the URL):
//
//   import { describeLessons } from "../lessons.mjs";
//
//   describeLessons([
//     {
//       slug: "break-and-cleanup",
//       myths: ["M23", "M27", "M28"],
//       variants: [{ query: "drop_now=1", demo: "cleanup" }],
//     },
//   ]);
//
// What the runs must record and which option of each predict question is
// right are written once, in the lessons: `cargo xtask test` runs every demo
// natively on the virtual clock (with its default knobs, with each
// question's case, and with each variant's knobs) and writes the result to
// target/e2e/expectations.json (lessons/src/bin/e2e-expectations.rs; the
// variants are listed from these specs by end2end/cases.mjs). For each
// lesson and each language this makes a suite for the page (its sections,
// demos, predict questions and myth boxes; each demo's default run, event
// for event; each predict question; no console errors) and one for each
// variant (its run; each question about its demo still graded on its case).

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gotoApp, launch, newPage } from "./lib.mjs";

/**
 * The two languages: the browser locale, and the texts the tests look for
 * (app/src/components/demo/strings.rs): the Instant button, the
 * transcript's label, and the demo's status line before the reader runs
 * anything (the knobs' run recorded on the virtual clock, at build time and
 * again when the wasm starts), after Reset, and after a run that finished on
 * the virtual clock (group 1 of `preview` and `finished` is the event count,
 * timer events included), or that stalled there (`stalled`, the same group:
 * the hang lesson 14 teaches).
 */
export const LANGS = {
  en: {
    locale: "en-US",
    instant: "Instant",
    transcript: "Transcript of the run",
    idle: "Not run yet.",
    preview: /^A run of the knobs above, recorded on the virtual clock: (\d+) events? up to t=\d+ ms\./,
    finished: /^Finished at t=\d+ ms, (\d+) events? \(virtual clock\)\.$/,
    stalled: /^Stuck at t=\d+ ms: nothing can wake the demo any more \((\d+) events?, virtual clock\)\.$/,
  },
  zh: {
    locale: "zh-CN",
    instant: "立即跑完",
    transcript: "运行记录",
    idle: "尚未运行。",
    preview: /^上面这组参数在虚拟时钟上的一次运行记录：共 (\d+) 个事件/,
    finished: /^在 t=\d+ 毫秒结束，共 (\d+) 个事件（虚拟时钟）。$/,
    stalled: /^在 t=\d+ 毫秒卡住：再也没有谁能唤醒它（共 (\d+) 个事件，虚拟时钟）。$/,
  },
};

/** The headings of a lesson page that adds none of its own (docs/authoring.md). */
export const DEFAULT_SECTIONS = ["see", "run", "what-happened", "python", "myths", "try"];

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
 * Presses Instant on a demo the reader has not run yet on this page, waits until
 * its status line says the run finished and its transcript lists as many
 * events as the status line counts, and returns those events, timers
 * included. Everything the run recorded is returned, so an expectation
 * compared with `deepEqual` fails on an event too many as well as on one
 * too few. A run that stops or hits the safety limit fails here. A run that
 * stalls is read like a finished one: its events must still equal the
 * native run's, which ends stalled only for a demo whose lesson teaches the
 * hang (`MAY_HANG` in lessons/tests/demos.rs).
 * @param {import("playwright-core").Locator} demo a `section.demo`
 * @param {keyof LANGS} lang
 * @returns {Promise<TranscriptEvent[]>}
 */
export async function runInstant(demo, lang) {
  const { instant, preview, finished, stalled } = LANGS[lang];
  const ended = new RegExp(`${finished.source}|${stalled.source}`);
  const status = demo.locator(".demo-status");
  const statusText = async () => ((await status.textContent()) ?? "").trim();
  // A status line left by an earlier run would say "finished" at once.
  assert.match(await statusText(), preview, "the reader has not run the demo yet on this page");
  await demo.getByRole("button", { name: instant, exact: true }).click();
  try {
    await status.filter({ hasText: ended }).waitFor({ timeout: TIMEOUT });
  } catch {
    assert.fail(`the run did not finish: the status line says "${await statusText()}"`);
  }
  const count = finished.exec(await statusText()) ?? stalled.exec(await statusText());
  assert.ok(count, "the status line still says the run finished");
  const n = Number(count[1]);
  // The transcript is filled a few hundred items per frame: wait for the last.
  const items = transcriptItems(demo, lang);
  if (n > 0) await items.nth(n - 1).waitFor({ state: "attached", timeout: TIMEOUT });
  const events = await readEvents(items);
  assert.equal(events.length, n, "the transcript lists the events the status line counts");
  return events;
}

/**
 * Picks option `index` of a predict question, presses the box's own "Run
 * this case" button (the verdict comes from a run of the question's case,
 * whatever ran before), and returns the verdict (`data-verdict`) once it is
 * "right", "wrong" or "undecided", or what it still is after the timeout.
 * @param {import("playwright-core").Page} page
 * @returns {Promise<string | null>}
 */
export async function pickAndJudge(page, demoId, predictId, index) {
  const box = page.locator(`section.predict[data-demo="${demoId}"][data-predict="${predictId}"]`);
  assert.equal(await box.count(), 1, `one predict "${demoId} ${predictId}" on the page`);
  await box.locator(`input[type="radio"][value="${index}"]`).check();
  await box.locator("button.predict-run").click();
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

/**
 * Where `cargo xtask test` writes what the lessons' native runs record
 * (see the top of this file); `LAB_EXPECTATIONS` may name another file.
 */
export const EXPECTATIONS =
  process.env.LAB_EXPECTATIONS ??
  path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "target", "e2e", "expectations.json");

/**
 * One predict question of a page, as generated: its case (knob values; the
 * others at their defaults), how many options it has, the option a native
 * run of the case shows (`Predict::answer`), and that run.
 * @typedef {{ demo: string, id: string, case: Record<string, string>, options: number, answer: number | null,
 *   events: TranscriptEvent[] }} PredictExpectation
 */

/**
 * One lesson, as generated.
 * @typedef {object} LessonExpectations
 * @property {Record<string, string[]>} demos language → the demo ids in page order
 * @property {Record<string, TranscriptEvent[]>} runs demo id → its default run
 * @property {Record<string, PredictExpectation[]>} predicts language → the questions in page order
 * @property {Record<string, { events: TranscriptEvent[], answers: Record<string, number | null> }>} variants
 *   `demo?query` → the run with those knobs, and what each of the demo's predict checks says of that run
 */

let loaded;

/**
 * The generated expectations; throws, saying how to make them, if the file
 * is missing.
 * @returns {{ lessons: Record<string, LessonExpectations> }}
 */
export function expectations() {
  if (!loaded) {
    if (!existsSync(EXPECTATIONS)) {
      throw new Error(
        `${EXPECTATIONS} is missing: \`cargo xtask test --only e2e\` writes it before the end-to-end tests ` +
          "(by hand: node end2end/cases.mjs > target/e2e/variants.txt && " +
          `cargo run -q -p lessons --bin e2e-expectations -- ${EXPECTATIONS} target/e2e/variants.txt)`,
      );
    }
    loaded = JSON.parse(readFileSync(EXPECTATIONS, "utf8"));
  }
  return loaded;
}

/** Set by end2end/cases.mjs: `describeLessons` then only lists the variants. */
const LIST_VARIANTS = process.env.LAB_LIST_VARIANTS === "1";

/** In list mode, the variants of the imported specs, as `slug<TAB>demo<TAB>query` lines. */
export const listedVariants = [];

/** The case as the page shows it (`break_at = 9`), or null for the default knobs. */
export const caseText = (c) =>
  Object.keys(c).length ? Object.entries(c).map(([k, v]) => `${k} = ${v}`).join(", ") : null;

/**
 * The browser's run equals the native one, event for event (kind, time,
 * lane; timers included). A mismatch names the first event that differs.
 * @param {TranscriptEvent[]} actual
 * @param {TranscriptEvent[]} expected
 */
export function assertSameRun(actual, expected) {
  const show = (e) => (e ? `${e.lane}:${e.kind}@${e.t}` : "nothing");
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    const [a, e] = [actual[i], expected[i]];
    if (!a || !e || a.kind !== e.kind || a.t !== e.t || a.lane !== e.lane) {
      assert.fail(
        `event ${i}: the page recorded ${show(a)}, the native run ${show(e)} ` +
          `(${actual.length} events on the page, ${expected.length} natively)`,
      );
    }
  }
}

/**
 * Waits until the transcript of `demo` lists `expected` (a run started
 * from elsewhere, e.g. a predict box's "Run this case"), then compares.
 * @param {import("playwright-core").Locator} demo a `section.demo`
 */
export async function waitForRun(demo, lang, expected) {
  const items = transcriptItems(demo, lang);
  const same = (a) =>
    a.length === expected.length &&
    a.every((e, i) => e.kind === expected[i].kind && e.t === expected[i].t && e.lane === expected[i].lane);
  const until = Date.now() + TIMEOUT;
  let events = await readEvents(items);
  while (!same(events) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    events = await readEvents(items);
  }
  assertSameRun(events, expected);
}

/** Runs the demo `id` with Instant and compares it with the native run. */
async function runAndCompare(page, lang, id, expected, { built = false } = {}) {
  const demo = page.locator(`section.demo[data-demo="${id}"]`);
  assert.equal(await demo.count(), 1, `one demo "${id}" on the page`);
  const got = await runInstant(demo, lang);
  assertSameRun(got, expected);
  if (built) {
    assert.deepEqual(
      await builtTranscript(page, id),
      got,
      "the page as built (before any script) holds the run Instant records in the browser",
    );
  }
}

/**
 * The transcript of demo `id` in the page's HTML as the server sends it:
 * the default run, recorded when the site was built.
 * @returns {Promise<TranscriptEvent[]>}
 */
export async function builtTranscript(page, id) {
  return page.evaluate(async (id) => {
    const html = await (await fetch(location.pathname)).text();
    const doc = new DOMParser().parseFromString(html, "text/html");
    const demo = doc.querySelector(`section.demo[data-demo="${id}"]`);
    if (!demo) return null;
    return [...demo.querySelectorAll("ol.transcript li[data-kind]")].map((li) => ({
      kind: li.dataset.kind,
      t: Number(li.dataset.t),
      lane: li.dataset.lane,
    }));
  }, id);
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
 * One lesson's part of a spec: what is not a run or an answer.
 * @typedef {object} LessonSpec
 * @property {string} slug the page's folder, e.g. "errors"
 * @property {string[]} [sections] heading ids; DEFAULT_SECTIONS if absent
 * @property {string[]} myths the myth boxes' ids, in order
 * @property {Array<{ query: string, demo: string, caseDiffers?: string[] }>} [variants] the page
 *   with knob values in the URL (`query`, no escapes) and the demo they change; `caseDiffers`
 *   names predict questions whose case shows another option than this run does (the test
 *   then also proves that the question is graded on its case, not on the last run)
 */

/**
 * The tests for `lessons`, in both languages: launches Chromium for the
 * spec file and, per lesson and language, makes the page's suite and one
 * suite per variant (see the top of this file).
 * @param {LessonSpec[]} lessons
 */
export function describeLessons(lessons) {
  if (LIST_VARIANTS) {
    for (const l of lessons) {
      for (const v of l.variants ?? []) listedVariants.push(`${l.slug}\t${v.demo}\t${v.query}`);
    }
    return;
  }
  let data;
  try {
    data = expectations();
  } catch (e) {
    test("the expectations are generated", () => {
      throw e;
    });
    return;
  }
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
  const getBrowser = () => browser;

  for (const lesson of lessons) {
    const want = data.lessons[lesson.slug];
    if (!want) {
      test(`${lesson.slug}: the expectations know the lesson`, () => {
        assert.fail(`no lesson "${lesson.slug}" in ${EXPECTATIONS}`);
      });
      continue;
    }
    for (const lang of Object.keys(LANGS)) {
      const demoIds = want.demos[lang];
      const predicts = want.predicts[lang];
      describePage(getBrowser, lang, `${lang}/${lesson.slug}/`, (page) => {
        test("has the lesson's sections, demos and myth boxes", async () => {
          for (const id of lesson.sections ?? DEFAULT_SECTIONS) {
            assert.equal(await page().locator(`[id="${id}"]`).count(), 1, `heading #${id}`);
          }
          const myths = await page().locator("aside.myth").evaluateAll((els) => els.map((e) => e.dataset.myth));
          assert.deepEqual(myths, lesson.myths);
          const demos = await page().locator("section.demo").evaluateAll((els) => els.map((e) => e.dataset.demo));
          assert.deepEqual(demos, demoIds, "the demos of the compiled page, in order");
          const boxes = await page()
            .locator("section.predict")
            .evaluateAll((els) => els.map((e) => `${e.dataset.demo} ${e.dataset.predict}`));
          assert.deepEqual(boxes, predicts.map((q) => `${q.demo} ${q.id}`), "the predict questions, in order");
        });

        for (const id of new Set(demoIds)) {
          test(`demo ${id}: Instant records the native default run, event for event, as the built page shows it`, async () => {
            await runAndCompare(page(), lang, id, want.runs[id], { built: true });
          });
        }

        for (const q of predicts) {
          const shown = caseText(q.case);
          test(`predict ${q.demo} ${q.id} (case: ${shown ?? "default knobs"}): option ${q.answer} is right`, async () => {
            assert.ok(Number.isInteger(q.answer), "a native run of the case tells the answer");
            const box = page().locator(`section.predict[data-demo="${q.demo}"][data-predict="${q.id}"]`);
            const caseLine = ((await box.locator(".predict-case").textContent()) ?? "").trim();
            if (shown) assert.ok(caseLine.includes(shown), `the box shows its case "${shown}": "${caseLine}"`);
            if (q.options > 1) {
              const wrong = (q.answer + 1) % q.options;
              assert.equal(await pickAndJudge(page(), q.demo, q.id, wrong), "wrong", `option ${wrong}`);
            }
            assert.equal(await pickAndJudge(page(), q.demo, q.id, q.answer), "right", `option ${q.answer}`);
            // "Run this case" also shows the case's run in the demo panel.
            await waitForRun(page().locator(`section.demo[data-demo="${q.demo}"]`), lang, q.events);
          });
        }
      });

      for (const v of lesson.variants ?? []) {
        const key = `${v.demo}?${v.query}`;
        describePage(getBrowser, lang, `${lang}/${lesson.slug}/?${v.query}`, (page) => {
          const got = want.variants[key];
          test(`demo ${v.demo}: Instant records the native run with these knobs, event for event`, async () => {
            assert.ok(got, `no run for "${key}" in ${EXPECTATIONS}: cargo xtask test makes it from the specs`);
            await runAndCompare(page(), lang, v.demo, got.events);
          });
          for (const q of predicts.filter((p) => p.demo === v.demo)) {
            test(`predict ${q.id}: graded on its own case (${caseText(q.case) ?? "default knobs"}), not on this run`, async () => {
              const other = got?.answers[q.id];
              if (v.caseDiffers?.includes(q.id)) {
                assert.ok(
                  Number.isInteger(other) && other !== q.answer,
                  `this run shows option ${other}, the case option ${q.answer}: they must differ`,
                );
              }
              if (Number.isInteger(other) && other !== q.answer) {
                const verdict = await pickAndJudge(page(), q.demo, q.id, other);
                assert.equal(verdict, "wrong", `option ${other}, which this run shows`);
              }
              assert.equal(await pickAndJudge(page(), q.demo, q.id, q.answer), "right", `option ${q.answer}`);
            });
          }
        });
      }
    }
  }
}
