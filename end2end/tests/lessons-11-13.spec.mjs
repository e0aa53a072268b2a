// Lessons 11–13 in both languages: each page loads with its sections, demos
// and myth boxes; each demo, run with "Instant", lists in its transcript the
// event kinds of the default run in order, with the lanes and times the
// lesson talks about (buffer_unordered yields B, C, A at t100/250/300;
// buffered holds B back until t300; the abort leaves `gen` unpolled; page 3
// is never fetched); knob values given in the URL change the run the way the
// lesson says; and each predict question is judged from the recorded run.
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

// Timer events may be hidden by the "show timer events" box; the kinds
// compared below leave them out.
const TIMERS = new Set(["timer-set", "timer-clear"]);

/** `lane:kind@t` for the events of `lane` (or of every lane) of the given kinds. */
const pick = (events, { lane, kinds }) =>
  events
    .filter((e) => (lane === undefined || e.lane === lane) && (kinds === undefined || kinds.includes(e.kind)))
    .map((e) => `${e.lane}:${e.kind}@${e.t}`);

const LESSONS = [
  {
    slug: "concurrency-inside-a-stream",
    sections: ["see", "run", "what-happened", "buffered", "then", "join", "python", "myths", "try"],
    myths: ["M35"],
    demos: {
      // buffer_unordered(2), A300 B100 C150:
      // t0 P P W P P · t100 W W poll(B) R(B) B(B) P P · t250 W W poll(C) R(C) B(C) P · t300 W W poll(A) R(A) B(A) R∅ D
      jobs: {
        kinds: [
          "pending", "pending", "wake", "pending", "pending",
          "wake", "wake", "poll", "yield", "body", "pending", "pending",
          "wake", "wake", "poll", "yield", "body", "pending",
          "wake", "wake", "poll", "yield", "body", "end", "drop",
        ],
        check(events) {
          // Each result comes out the moment its job finishes.
          assert.deepEqual(pick(events, { lane: "results", kinds: ["yield"] }), [
            "results:yield@100", "results:yield@250", "results:yield@300",
          ]);
          assert.deepEqual(pick(events, { kinds: ["poll"] }), [
            "job B:poll@100", "job C:poll@250", "job A:poll@300",
          ]);
        },
      },
      // join!(collect g1 3×100, collect g2 3×50): C(g2) at t150, C(g1) at t300, then joined.
      join: {
        kinds: [
          "pending", "pending",
          "wake", "pending", "yield", "pending",
          "wake", "yield", "pending", "pending", "wake", "pending", "yield", "pending",
          "wake", "pending", "yield", "cleanup", "end", "drop",
          "wake", "yield", "pending",
          "wake", "yield", "cleanup", "end", "drop", "note",
        ],
        check(events) {
          assert.deepEqual(pick(events, { kinds: ["cleanup", "note"] }), [
            "g2:cleanup@150", "g1:cleanup@300", "main:note@300",
          ]);
        },
      },
    },
    predicts: { jobs: { held_back: 0 }, join: { when: 1 } },
    variants: [
      {
        // buffered(2): B finishes at t100 but is held back; A and B come out
        // at t300, and C only starts then (out at t450).
        query: "mode=buffered",
        demo: "jobs",
        kinds: [
          "pending", "pending", "wake", "pending", "pending",
          "wake", "wake", "poll", "pending",
          "wake", "wake", "poll", "yield", "body", "yield", "body", "pending", "wake", "pending", "pending",
          "wake", "wake", "poll", "yield", "body", "end", "drop",
        ],
        check(events) {
          assert.deepEqual(pick(events, { lane: "results", kinds: ["yield"] }), [
            "results:yield@300", "results:yield@300", "results:yield@450",
          ]);
          assert.deepEqual(pick(events, { kinds: ["poll"] }), [
            "job B:poll@100", "job A:poll@300", "job C:poll@450",
          ]);
          // At t100 the results stream answers Pending although B is done.
          assert.deepEqual(pick(events, { lane: "results", kinds: ["pending", "yield"] }).filter((s) => s.endsWith("@100")), [
            "results:pending@100",
          ]);
        },
        predict: ["held_back", 1],
      },
    ],
  },
  {
    slug: "cancelling-from-outside",
    sections: ["see", "run", "what-happened", "take-until", "python", "myths", "try"],
    myths: ["M32"],
    demos: {
      // … t200 W W R(1) R(1) B(1) P P · t250 cancel(abort) W R∅ D D T✕300 C(gen-state)
      abort: {
        kinds: [
          "pending", "pending",
          "wake", "wake", "yield", "yield", "body", "pending", "pending",
          "wake", "wake", "yield", "yield", "body", "pending", "pending",
          "cancel", "wake", "end", "drop", "drop", "cleanup",
        ],
        check(events) {
          // After the abort `gen` is never polled: only its drop and cleanup.
          assert.deepEqual(
            events.filter((e) => e.t === 250).map((e) => `${e.lane}:${e.kind}`),
            ["canceller:cancel", "abortable:wake", "abortable:end", "abortable:drop", "gen:drop", "gen:cleanup"],
          );
        },
      },
      // take_until(sleep(350)): readings at t100/200/300, R∅ at t350, the t400 reading never comes.
      take_until: {
        kinds: [
          "pending",
          "wake", "yield", "body", "pending",
          "wake", "yield", "body", "pending",
          "wake", "yield", "body", "pending",
          "wake", "end", "drop", "cleanup",
        ],
        check(events) {
          assert.deepEqual(pick(events, { kinds: ["body", "end"] }), [
            "main:body@100", "main:body@200", "main:body@300", "sensor:end@350",
          ]);
        },
      },
    },
    predicts: { abort: { inner: 1 }, take_until: { in_flight: 1 } },
    variants: [
      {
        // The stop timer was set first: at t300 it beats reading 2.
        query: "stop_at=300",
        demo: "take_until",
        kinds: [
          "pending",
          "wake", "yield", "body", "pending",
          "wake", "yield", "body", "pending",
          "wake", "end", "drop", "cleanup",
        ],
        check(events) {
          assert.deepEqual(pick(events, { kinds: ["end"] }), ["sensor:end@300"]);
        },
        predict: ["in_flight", 1],
      },
    ],
  },
  {
    slug: "capstone-pagination",
    sections: ["see", "run", "what-happened", "errors", "no-break", "python", "samples", "myths", "try", "learned"],
    myths: ["M28", "M33", "M36", "M37"],
    demos: {
      // t0 fetch p1 P P · t100 W W poll R(10) B R(11) B fetch p2 P P · t200 W W poll R(20) B break D C(session)
      pages: {
        kinds: [
          "note", "pending", "pending",
          "wake", "wake", "poll", "yield", "body", "yield", "body", "note", "pending", "pending",
          "wake", "wake", "poll", "yield", "body", "note", "drop", "cleanup",
        ],
        check(events) {
          // Two requests, none after the break; the session closes at t200.
          assert.deepEqual(pick(events, { lane: "api", kinds: ["note"] }), ["api:note@0", "api:note@100"]);
          assert.deepEqual(pick(events, { kinds: ["cleanup"] }), ["items:cleanup@200"]);
          assert.ok(events.every((e) => e.t <= 200), "nothing happens after t200");
        },
      },
    },
    predicts: { pages: { fetched: 1 } },
    variants: [
      {
        // Page 2 fails: the session is closed before the consumer sees the error.
        query: "error_at_page=2&break_after=0",
        demo: "pages",
        kinds: [
          "note", "pending", "pending",
          "wake", "wake", "poll", "yield", "body", "yield", "body", "note", "pending", "pending",
          "wake", "wake", "error", "cleanup", "error", "drop", "error",
        ],
        check(events) {
          assert.deepEqual(pick(events, { kinds: ["error", "cleanup"] }).filter((s) => s.endsWith("@200")), [
            "api:error@200", "items:cleanup@200", "items:error@200", "main:error@200",
          ]);
        },
        predict: ["fetched", 1],
      },
      {
        // A break inside the first page: page 2 is never requested.
        query: "break_after=1",
        demo: "pages",
        kinds: ["note", "pending", "pending", "wake", "wake", "poll", "yield", "body", "note", "drop", "cleanup"],
        check(events) {
          assert.deepEqual(pick(events, { lane: "api", kinds: ["note"] }), ["api:note@0"]);
        },
        predict: ["fetched", 0],
      },
    ],
  },
];

/**
 * The events listed in a demo's transcript (the list labelled "Transcript of
 * the run" / "运行记录"), without timers: `{ kind, t, lane }`.
 */
async function transcriptEvents(demo, lang) {
  const lis = demo.locator(`[aria-label="${LANGS[lang].transcript}"] li[data-kind]`);
  const events = await lis.evaluateAll((els) =>
    els.map((li) => ({ kind: li.dataset.kind, t: Number(li.dataset.t), lane: li.dataset.lane })),
  );
  return events.filter((e) => !TIMERS.has(e.kind));
}

/** Presses Instant and waits until the transcript has `n` (non-timer) events. */
async function runInstant(page, demo, lang, n) {
  await demo.getByRole("button", { name: LANGS[lang].instant, exact: true }).click();
  const deadline = Date.now() + 20_000;
  let events = [];
  while (Date.now() < deadline) {
    events = await transcriptEvents(demo, lang);
    if (events.length >= n) break;
    await page.waitForTimeout(100);
  }
  // A run that records more than expected must fail too: give it a moment.
  await page.waitForTimeout(200);
  return transcriptEvents(demo, lang);
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

/** Runs a demo with Instant and checks its kinds, then its lanes and times. */
async function runAndCheck(page, lang, id, expected) {
  const demo = page.locator(`section.demo[data-demo="${id}"]`);
  assert.equal(await demo.count(), 1, `one demo "${id}" on the page`);
  const events = await runInstant(page, demo, lang, expected.kinds.length);
  assert.deepEqual(
    events.map((e) => e.kind),
    expected.kinds,
  );
  expected.check(events);
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

      test("has the lesson's sections, demos and myth boxes", async () => {
        for (const id of lesson.sections) {
          assert.equal(await page.locator(`[id="${id}"]`).count(), 1, `heading #${id}`);
        }
        const myths = await page.locator("aside.myth").evaluateAll((els) => els.map((e) => e.dataset.myth));
        assert.deepEqual(myths, lesson.myths);
        const demos = await page.locator("section.demo").evaluateAll((els) => els.map((e) => e.dataset.demo));
        assert.deepEqual(demos, Object.keys(lesson.demos));
      });

      for (const [id, expected] of Object.entries(lesson.demos)) {
        test(`demo ${id}: Instant records the default run's events`, async () => {
          await runAndCheck(page, lang, id, expected);
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

        test(`demo ${v.demo}: the knobs from the URL change the run`, async () => {
          await runAndCheck(page, lang, v.demo, v);
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
