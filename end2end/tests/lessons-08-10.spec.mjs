// Lessons 8–10 in both languages: each page loads with its sections, demos
// and myth boxes; each demo, run with "Instant", lists in its transcript the
// event kinds of the default run in order, with the lanes and times the
// lesson talks about (one stream read in three parts and two fresh ones from
// a factory; the producer blocked in `send(n)` until the consumer takes item
// n; merged items in time order with each stream's cleanup when it ends; the
// stream untouched by per-item timeouts); knob values given in the URL change
// the run the way the lesson says; and each predict question is judged from
// the recorded run.
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

/** The times of the events of `lane` and `kind`. */
const times = (events, lane, kind) => events.filter((e) => e.lane === lane && e.kind === kind).map((e) => e.t);

// Lesson 9, buf = 0: t0 P send(0) start W R(0) B(0) send(0) done send(1) start
// · t100 R(1) B(1) send(1) done send(2) start · … · t300 R(3) B(3) send(3) done
// tx dropped · t400 R∅ channel closed D
const BACKPRESSURE_BUF0 = [
  "pending", "note", "wake", "yield", "body", "note", "note",
  "yield", "body", "note", "note",
  "yield", "body", "note", "note",
  "yield", "body", "note", "note",
  "end", "note", "drop",
];

const LESSONS = [
  {
    slug: "iterable-vs-iterator",
    sections: ["see", "run", "what-happened", "e0499", "take-while", "factory", "python", "myths", "try"],
    myths: ["M8", "M19", "M21"],
    demos: {
      // t0 R(1) R(2) first · R(3) R(4) R(5) R∅ rest · R∅ D again · make() #1: R R R R∅ D one · make() #2: … two
      reuse: {
        kinds: [
          "yield", "yield", "note",
          "yield", "yield", "yield", "end", "note",
          "end", "drop", "note",
          "yield", "yield", "yield", "end", "drop", "note",
          "yield", "yield", "yield", "end", "drop", "note",
        ],
        check(events) {
          assert.ok(events.every((e) => e.t === 0), "stream::iter is always ready: everything at t0");
          // One stream, read in three parts: no item between `first` and `rest` is lost.
          assert.deepEqual(pick(events, { lane: "numbers" }), [
            "numbers:yield@0", "numbers:yield@0", "numbers:yield@0", "numbers:yield@0", "numbers:yield@0",
            "numbers:end@0", "numbers:end@0", "numbers:drop@0",
          ]);
          // The factory makes two fresh streams, each in its own lane.
          for (const lane of ["make() #1", "make() #2"]) {
            assert.equal(times(events, lane, "yield").length, 3, lane);
            assert.equal(times(events, lane, "end").length, 1, lane);
          }
        },
      },
    },
    predicts: { reuse: { item3: 1 } },
    variants: [
      {
        // k = 3: item 3 goes into `first`; `rest` is [4, 5].
        query: "k=3",
        demo: "reuse",
        kinds: [
          "yield", "yield", "yield", "note",
          "yield", "yield", "end", "note",
          "end", "drop", "note",
          "yield", "yield", "yield", "end", "drop", "note",
          "yield", "yield", "yield", "end", "drop", "note",
        ],
        check() {},
        predict: ["item3", 0],
      },
    ],
  },
  {
    slug: "channels-and-backpressure",
    sections: ["see", "run", "what-happened", "capacity", "unbounded", "python", "myths", "try"],
    myths: ["M12", "M32"],
    demos: {
      backpressure: {
        kinds: BACKPRESSURE_BUF0,
        check(events) {
          // The producer's lane: send(n) start … send(n) done, done only when
          // item n is taken (t0, t100, t200, t300), then tx dropped.
          assert.deepEqual(times(events, "producer", "note"), [0, 0, 0, 100, 100, 200, 200, 300, 300]);
          assert.ok(events.filter((e) => e.lane === "producer").every((e) => e.kind === "note"));
          // The receiver waits once, at t0; after that an item is always ready.
          assert.deepEqual(pick(events, { lane: "rx" }), [
            "rx:pending@0", "rx:wake@0", "rx:yield@0", "rx:yield@100", "rx:yield@200", "rx:yield@300",
            "rx:end@400", "rx:drop@400",
          ]);
          assert.deepEqual(times(events, "main", "body"), [0, 100, 200, 300]);
        },
      },
    },
    predicts: { backpressure: { send2: 3 } },
    variants: [
      {
        // buf = 1: the producer is one item ahead (send(n) done when item n-1
        // is taken), the consumer's side is unchanged (R∅ at t400).
        query: "buf=1",
        demo: "backpressure",
        kinds: [
          "pending", "note", "wake", "note", "note", "yield", "body", "note", "note",
          "yield", "body", "note", "note",
          "yield", "body", "note", "note",
          "yield", "body",
          "end", "note", "drop",
        ],
        check(events) {
          assert.deepEqual(times(events, "producer", "note"), [0, 0, 0, 0, 0, 100, 100, 200, 200]);
          assert.deepEqual(times(events, "rx", "end"), [400]);
        },
        predict: ["send2", 2],
      },
    ],
  },
  {
    slug: "merging-and-timeouts",
    sections: [
      "see", "run", "run-merge", "run-timeout", "what-happened", "what-merge", "what-timeout",
      "select-macro", "python", "myths", "try",
    ],
    myths: ["M31"],
    demos: {
      // t0 P P · t30 W P R B P P · t50 W R B P P · t60 W P R B P P
      // · t90 W P R B C R∅ P · t100 W R B C R∅ end D D
      merge: {
        kinds: [
          "pending", "pending",
          "wake", "pending", "yield", "body", "pending", "pending",
          "wake", "yield", "body", "pending", "pending",
          "wake", "pending", "yield", "body", "pending", "pending",
          "wake", "pending", "yield", "body", "cleanup", "end", "pending",
          "wake", "yield", "body", "cleanup", "end", "note", "drop", "drop",
        ],
        check(events) {
          assert.deepEqual(times(events, "main", "body"), [30, 50, 60, 90, 100]);
          assert.deepEqual(pick(events, { lane: "fast", kinds: ["yield"] }), [
            "fast:yield@30", "fast:yield@60", "fast:yield@90",
          ]);
          assert.deepEqual(pick(events, { lane: "slow", kinds: ["yield"] }), ["slow:yield@50", "slow:yield@100"]);
          // Each stream is cleaned up when it ends; both objects are dropped with `merged`.
          assert.deepEqual(pick(events, { kinds: ["cleanup", "note", "drop"] }), [
            "fast:cleanup@90", "slow:cleanup@100", "main:note@100", "fast:drop@100", "slow:drop@100",
          ]);
        },
      },
      // t0 P · t100 W R B P · t220 P timeout P · t340 P timeout P · t400 W R B P · t500 W R B R∅ exhausted D
      timeout: {
        kinds: [
          "pending",
          "wake", "yield", "body", "pending",
          "pending", "note", "pending",
          "pending", "note", "pending",
          "wake", "yield", "body", "pending",
          "wake", "yield", "body", "end", "note", "drop",
        ],
        check(events) {
          assert.deepEqual(times(events, "main", "body"), [100, 400, 500]);
          assert.deepEqual(times(events, "main", "note"), [220, 340, 500]);
          // The timeouts drop only the next() future: the stream is dropped once, at the end.
          assert.deepEqual(pick(events, { lane: "gen", kinds: ["drop"] }), ["gen:drop@500"]);
        },
      },
    },
    predicts: { merge: { fast_cleanup: 0 }, timeout: { after_timeout: 0 } },
    variants: [
      {
        // fast_ms = 60: fast ends at t180, after slow; its cleanup comes after the last item of slow.
        query: "fast_ms=60",
        demo: "merge",
        kinds: [
          "pending", "pending",
          "wake", "yield", "body", "pending", "pending",
          "wake", "pending", "yield", "body", "pending", "pending",
          "wake", "yield", "body", "pending", "cleanup", "end",
          "wake", "yield", "body", "pending",
          "wake", "yield", "body", "cleanup", "end", "note", "drop", "drop",
        ],
        check(events) {
          assert.deepEqual(times(events, "main", "body"), [50, 60, 100, 120, 180]);
          assert.deepEqual(pick(events, { kinds: ["cleanup"] }), ["slow:cleanup@100", "fast:cleanup@180"]);
        },
        predict: ["fast_cleanup", 1],
      },
      {
        // timeout = 40: 2 + 7 + 2 timeouts, and item 1 still arrives at t400.
        query: "timeout=40",
        demo: "timeout",
        kinds: null,
        events: 48,
        check(events) {
          assert.deepEqual(times(events, "main", "body"), [100, 400, 500]);
          assert.equal(events.length, 48);
          assert.equal(times(events, "main", "note").length, 2 + 7 + 2 + 1);
          assert.deepEqual(pick(events, { lane: "gen", kinds: ["drop"] }), ["gen:drop@500"]);
        },
        predict: ["after_timeout", 0],
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
  const button = demo.locator('button[data-action="instant"]');
  assert.equal((await button.innerText()).trim(), LANGS[lang].instant);
  await button.click();
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

/**
 * Runs a demo with Instant and checks its kinds (unless `expected.kinds` is
 * null: a long run, then `expected.events` says how many to wait for), then
 * its lanes and times.
 */
async function runAndCheck(page, lang, id, expected) {
  const demo = page.locator(`section.demo[data-demo="${id}"]`);
  assert.equal(await demo.count(), 1, `one demo "${id}" on the page`);
  const events = await runInstant(page, demo, lang, expected.kinds?.length ?? expected.events);
  if (expected.kinds) {
    assert.deepEqual(
      events.map((e) => e.kind),
      expected.kinds,
    );
  }
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
