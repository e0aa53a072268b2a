// Lessons 4–7 in both languages: each page loads with its sections and myth
// boxes; each demo, run with "Instant", lists in its transcript the event
// kinds of the curriculum's default timeline, in order; knob values given in
// the URL change the run the way the lesson says; and each predict question
// is judged from the recorded run.
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

/** `P`, then `W R(x) B(x) P` for each of `n` items: a consumer waiting on a timer. */
const items = (n) => ["pending", ...Array(n).fill(["wake", "yield", "body", "pending"]).flat()];

const LESSONS = [
  {
    slug: "break-and-cleanup",
    myths: ["M23", "M27", "M28"],
    demos: {
      // t0 P · t100 W R(0) B(0) P · t200 W R(1) B(1) break after loop D C after scope
      cleanup: [...items(1), "wake", "yield", "body", "note", "note", "drop", "cleanup", "note"],
    },
    // predict id → the option the default run shows to be true
    predicts: { cleanup: { when: 1 } },
    variants: [
      {
        // drop(items) right after the loop: D C before `after loop`.
        query: "drop_now=1",
        demo: "cleanup",
        kinds: [...items(1), "wake", "yield", "body", "note", "drop", "cleanup", "note", "note"],
        predict: ["when", 0],
      },
    ],
  },
  {
    slug: "cancellation-is-dropping",
    myths: ["M24", "M25"],
    demos: {
      // t0 P · t100 W R(0) B(0) P · t200 W R(1) B(1) P · t250 deadline D C
      deadline: [...items(2), "note", "drop", "cleanup"],
      // … t200 W R(1) B(1) break D after scope sending goodbye · t250 C · t300 main done
      goodbye: [...items(1), "wake", "yield", "body", "note", "drop", "note", "note", "cleanup", "note"],
    },
    forbidden: { deadline: ["end"] },
    predicts: { deadline: { timer: 1 }, goodbye: { closed: 1 } },
    variants: [
      {
        // The goodbye outlasts main: the run ends, the close task is dropped,
        // and the socket's cleanup comes after `main done`.
        query: "goodbye=500",
        demo: "goodbye",
        kinds: [...items(1), "wake", "yield", "body", "note", "drop", "note", "note", "note", "cleanup"],
        predict: ["closed", 2],
      },
    ],
  },
  {
    slug: "errors",
    myths: ["M26", "M29", "M30"],
    demos: {
      // … t200 W R(Ok 1) B(1) P · t300 W C E(Err) D, then main reports the error
      fetch: [...items(2), "wake", "cleanup", "error", "drop", "error"],
      // take_while → [0,1], filter_map → [0,1,3], try_collect → Err
      swallow: [
        "yield", "yield", "error", "drop", "note",
        "yield", "yield", "error", "yield", "end", "drop", "note",
        "yield", "yield", "error", "drop", "note",
      ],
    },
    predicts: { fetch: { order: 0 } },
    variants: [],
  },
  {
    slug: "after-the-end",
    myths: ["M29"],
    demos: {
      // unfused: [1, 2] then [4, 5]
      fuse: ["yield", "yield", "end", "note", "yield", "yield", "end", "note", "drop"],
    },
    predicts: { fuse: { second: 2 } },
    variants: [
      {
        // fused: [1, 2], is_terminated = true, then [] without polling `flaky`.
        query: "fuse=1",
        demo: "fuse",
        kinds: ["yield", "yield", "end", "note", "note", "note", "drop"],
        predict: ["second", 0],
      },
    ],
  },
];

const SECTIONS = ["see", "run", "what-happened", "python", "myths", "try"];

/**
 * The kinds listed in a demo's transcript (the list labelled "Transcript of
 * the run" / "运行记录"; the timeline has its own events), without timers.
 */
async function transcriptKinds(demo, lang) {
  const lis = demo.locator(`[aria-label="${LANGS[lang].transcript}"] li[data-kind]`);
  const kinds = await lis.evaluateAll((els) => els.map((li) => li.dataset.kind));
  return kinds.filter((k) => !TIMERS.has(k));
}

/** Presses Instant and waits until the transcript has `n` (non-timer) events. */
async function runInstant(page, demo, lang, n) {
  await demo.getByRole("button", { name: LANGS[lang].instant, exact: true }).click();
  const deadline = Date.now() + 20_000;
  let kinds = [];
  while (Date.now() < deadline) {
    kinds = await transcriptKinds(demo, lang);
    if (kinds.length >= n) break;
    await page.waitForTimeout(100);
  }
  // A run that records more than expected must fail too: give it a moment.
  await page.waitForTimeout(200);
  return transcriptKinds(demo, lang);
}

/** Picks option `index` of a predict question and returns its verdict once it settles. */
async function pickAndJudge(page, demoId, predictId, index) {
  const box = page.locator(`section.predict[data-demo="${demoId}"][data-predict="${predictId}"]`);
  assert.equal(await box.count(), 1, `one predict "${demoId} ${predictId}" on the page`);
  await box.locator(`input[type="radio"][value="${index}"]`).check();
  const result = box.locator(".predict-result");
  const deadline = Date.now() + 10_000;
  let verdict = await result.getAttribute("data-verdict");
  while (Date.now() < deadline && !["right", "wrong", "undecided"].includes(verdict)) {
    await page.waitForTimeout(100);
    verdict = await result.getAttribute("data-verdict");
  }
  return verdict;
}

async function openLesson(lang, rel) {
  const opened = await newPage(browser, { locale: LANGS[lang].locale });
  await gotoApp(opened.page, rel);
  await opened.page.locator("section.demo").first().waitFor({ state: "attached", timeout: 30_000 });
  return opened;
}

for (const lesson of LESSONS) {
  for (const lang of Object.keys(LANGS)) {
    describe(`${lang}/${lesson.slug}/`, () => {
      let context, page, errors;
      before(async () => {
        ({ context, page, errors } = await openLesson(lang, `${lang}/${lesson.slug}/`));
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
        const demos = await page.locator("section.demo").evaluateAll((els) => els.map((e) => e.dataset.demo));
        assert.deepEqual(demos, Object.keys(lesson.demos));
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

      for (const [demoId, questions] of Object.entries(lesson.predicts)) {
        for (const [predictId, answer] of Object.entries(questions)) {
          test(`predict ${demoId} ${predictId}: the run shows option ${answer}`, async () => {
            // The demos above have run already; the verdict uses that trace.
            assert.equal(await pickAndJudge(page, demoId, predictId, answer), "right");
          });
        }
      }

      test("no console errors", () => {
        assert.deepEqual(errors, []);
      });
    });

    for (const v of lesson.variants) {
      describe(`${lang}/${lesson.slug}/?${v.query}`, () => {
        let context, page, errors;
        before(async () => {
          ({ context, page, errors } = await openLesson(lang, `${lang}/${lesson.slug}/?${v.query}`));
        });
        after(async () => {
          await context?.close();
        });

        test(`demo ${v.demo}: the knob from the URL changes the run`, async () => {
          const demo = page.locator(`section.demo[data-demo="${v.demo}"]`);
          const kinds = await runInstant(page, demo, lang, v.kinds.length);
          assert.deepEqual(kinds, v.kinds);
          const [predictId, answer] = v.predict;
          assert.equal(await pickAndJudge(page, v.demo, predictId, answer), "right");
        });

        test("no console errors", () => {
          assert.deepEqual(errors, []);
        });
      });
    }
  }
}
