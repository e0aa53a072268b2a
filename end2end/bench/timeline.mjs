// Benchmark (a measurement, not a test) of the timeline in headless
// Chromium, on the release build: lays out and renders a recorded run of N
// events, fits it, and replays through it one event per frame, using the
// demo panel's hidden `?bench=N` button (app/src/components/demo/bench.rs).
//
//   cargo xtask dist --bench --public-url /lab/ --out target/bench/dist
//   LAB_DIST=target/bench/dist node end2end/bench/timeline.mjs [N=10000] [runs=3]
//
// (The button is only in a `--bench` build.) LAB_BASE_URL picks a running
// server instead. Prints each
// run's report as JSON, then the median of each number.
import { builtLessonSlugs, gotoApp, launch, newPage } from "../lib.mjs";

const n = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 3);
const slug = builtLessonSlugs().includes("break-and-cleanup") ? "break-and-cleanup" : builtLessonSlugs()[0];
if (!slug) {
  console.error("no lesson in the build: run `cargo xtask test --only dist` first");
  process.exit(1);
}

const browser = await launch();
const reports = [];
try {
  for (let i = 0; i < runs; i++) {
    const { context, page, errors } = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    await gotoApp(page, `en/${slug}/?bench=${n}`);
    const demo = page.locator("section.demo").first();
    await demo.locator("[data-action=bench]").click();
    const out = demo.locator(".bench-result");
    await page.waitForFunction((el) => el.textContent.length > 0, await out.elementHandle(), {
      timeout: 180_000,
    });
    const report = JSON.parse(await out.textContent());
    console.log(JSON.stringify(report));
    if (errors.length) console.error(errors.join("\n"));
    reports.push(report);
    await context.close();
  }
} finally {
  await browser.close();
}

/** The median of `path` ("a.b") over the reports. */
function median(path) {
  const xs = reports.map((r) => path.split(".").reduce((o, k) => o?.[k], r)).sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)];
}
const keys = [
  "layout_ms",
  "first_render_ms",
  "markers_in_dom",
  "transcript_complete_ms",
  "replay_zoom1.mean_ms",
  "replay_zoom1.p95_ms",
  "replay_zoom1.max_ms",
  "fit_all_render_ms",
  "replay_fit_all.mean_ms",
  "replay_fit_all.p95_ms",
  "replay_fit_all.max_ms",
];
console.log(`median of ${reports.length} runs, ${n} events, lesson ${slug}:`);
for (const k of keys) console.log(`  ${k.padEnd(24)} ${median(k)}`);
