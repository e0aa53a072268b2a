// Lessons 1–3 in both languages: each page loads with its sections and myth
// boxes, and each demo, run with "Instant", lists in its transcript the event
// kinds of the curriculum's default timeline, in order.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { gotoApp, launch, newPage } from "../lib.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const LANGS = {
  en: { locale: "en-US", instant: "Instant", transcript: "Transcript of the run" },
  zh: { locale: "zh-CN", instant: "立即跑完", transcript: "运行记录" },
};

// Timer events may be hidden by the "show timer events" box; they are not
// part of what these tests check.
const TIMERS = new Set(["timer-set", "timer-clear"]);

const ticker = (n) => Array(n).fill(["pending", "wake", "yield", "body"]).flat();

const LESSONS = [
  {
    slug: "what-async-for-calls",
    myths: ["M1", "M2", "M13"],
    demos: {
      // t0 R(0) B(0) R(1) B(1) R(2) B(2) R∅ exit D — no pending, no wake.
      calls: ["yield", "body", "yield", "body", "yield", "body", "end", "note", "drop"],
      // stream created · start iterating, then one step per poll.
      lazy: [
        "note", "note",
        "note", "yield", "note", "yield", "note", "yield",
        "end", "drop", "note",
      ],
    },
    forbidden: { calls: ["pending", "wake"] },
  },
  {
    slug: "protocol-by-hand",
    myths: ["M3", "M4", "M5", "M6", "M7", "M10", "M11"],
    demos: {
      // … t300 W R(2) B(2) R∅ exit D C
      ticker: [...ticker(3), "end", "note", "drop", "cleanup"],
    },
  },
  {
    slug: "async-generators",
    myths: ["M14", "M15", "M16", "M17", "M18", "M19", "M22"],
    demos: {
      // … t300 W R(2) B(2) C R∅ exit D: cleanup before the end
      unfold: [...ticker(3), "cleanup", "end", "note", "drop"],
    },
  },
];

const SECTIONS = ["see", "run", "what-happened", "python", "myths", "try"];

/**
 * The kinds listed in a demo's transcript (the list labelled "Transcript of
 * the run" / "运行记录"; the timeline has its own events), without timers.
 */
async function transcriptKinds(demo, lang) {
  const items = demo.locator(`[aria-label="${LANGS[lang].transcript}"] li[data-kind]`);
  const kinds = await items.evaluateAll((lis) => lis.map((li) => li.dataset.kind));
  return kinds.filter((k) => !TIMERS.has(k));
}

/** Presses Instant and waits until the transcript has `n` (non-timer) events. */
async function runInstant(page, demo, lang, n) {
  const button = demo.locator('button[data-action="instant"]');
  assert.equal((await button.innerText()).trim(), LANGS[lang].instant);
  await button.click();
  const deadline = Date.now() + 20_000;
  let kinds = [];
  while (Date.now() < deadline) {
    kinds = await transcriptKinds(demo, lang);
    if (kinds.length >= n) break;
    await page.waitForTimeout(100);
  }
  return kinds;
}

for (const lesson of LESSONS) {
  for (const lang of Object.keys(LANGS)) {
    describe(`${lang}/${lesson.slug}/`, () => {
      let context, page, errors;
      before(async () => {
        ({ context, page, errors } = await newPage(browser, { locale: LANGS[lang].locale }));
        await gotoApp(page, `${lang}/${lesson.slug}/`);
        await page.locator("section.demo").first().waitFor({ state: "attached", timeout: 30_000 });
      });
      after(async () => {
        await context?.close();
      });

      test("has the lesson's sections and myth boxes", async () => {
        for (const id of SECTIONS) {
          assert.equal(await page.locator(`[id="${id}"]`).count(), 1, `heading #${id}`);
        }
        const myths = await page.locator("aside.myth").evaluateAll((els) => els.map((e) => e.dataset.myth));
        assert.deepEqual(myths, lesson.myths);
      });

      for (const [id, expected] of Object.entries(lesson.demos)) {
        test(`demo ${id}: Instant records the default timeline's kinds in order`, async () => {
          const demo = page.locator(`section.demo[data-demo="${id}"]`);
          assert.equal(await demo.count(), 1, `one demo "${id}" on the page`);
          const kinds = await runInstant(page, demo, lang, expected.length);
          assert.deepEqual(kinds, expected);
          for (const k of lesson.forbidden?.[id] ?? []) {
            assert.ok(!kinds.includes(k), `no "${k}" event in ${id}`);
          }
        });
      }

      test("no console errors", () => {
        assert.deepEqual(errors, []);
      });
    });
  }
}
