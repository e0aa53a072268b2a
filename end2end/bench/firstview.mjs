// Benchmark (a measurement, not a test) of a lesson page's first view on a
// phone-like link, in headless Chromium with the DevTools protocol's
// emulation: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, the CPU
// slowed 4×, files sent gzipped (as GitHub Pages sends them), cold cache.
//
//   cargo xtask test --only dist            # the release build for /lab/
//   node end2end/bench/firstview.mjs [lesson-slug] [loads=5] [lang=en]
//
// For each cold load it reports, in ms from the start of navigation:
// - `text`: the first contentful paint (the lesson's text, which is in the
//   HTML, is what the page paints first);
// - `lcp`: the largest contentful paint;
// - `run`: when the first demo's Run button works (the wasm has mounted
//   the page's islands: `body[data-app-mounted]`);
// - `cls`: the cumulative layout shift up to 1 s after that (the wasm
//   taking over must not move the page);
// - `bytes`: everything transferred before `run` (compressed);
// - `next_text`, `next_run`: the same two for the next lesson, opened by its
//   link from a page loaded before (a full page load with the scripts, the
//   styles and the wasm in the browser's cache, as a reader moving on has
//   them; `next_bytes` is what that load transferred).
// Then the median of each. LAB_DIST picks another build.
import { chromium } from "playwright-core";
import path from "node:path";
import { CHROMIUM, CHROMIUM_ARGS, DIST, builtLessonSlugs } from "../lib.mjs";
import { startServer } from "../serve.mjs";

const slug = process.argv[2] ?? (builtLessonSlugs().includes("break-and-cleanup") ? "break-and-cleanup" : builtLessonSlugs()[0]);
const loads = Number(process.argv[3] ?? 5);
const lang = process.argv[4] ?? "en";
if (!slug) {
  console.error("no lesson in the build: run `cargo xtask test --only dist` first");
  process.exit(1);
}

const server = await startServer({ dir: path.resolve(DIST), prefix: "/lab/", gzip: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

/** Installed before the page's own scripts: records paints, shifts and the mount. */
function observe() {
  window.__fv = { fcp: null, lcp: null, mounted: null, shifts: [] };
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (e.name === "first-contentful-paint") window.__fv.fcp = e.startTime;
  }).observe({ type: "paint", buffered: true });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__fv.lcp = e.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (!e.hadRecentInput) window.__fv.shifts.push([e.startTime, e.value]);
  }).observe({ type: "layout-shift", buffered: true });
  new MutationObserver((_, obs) => {
    if (document.body?.hasAttribute("data-app-mounted")) {
      window.__fv.mounted = performance.now();
      obs.disconnect();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-app-mounted"] });
}

/** A phone-like page: slow link, slow CPU; the cache off for a cold load. */
async function phonePage(cold) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: lang === "zh" ? "zh-CN" : "en-US" });
  const page = await context.newPage();
  await page.addInitScript(observe);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: cold });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  const counter = { bytes: 0 };
  cdp.on("Network.loadingFinished", (e) => (counter.bytes += e.encodedDataLength));
  return { context, page, counter };
}

const reports = [];
try {
  for (let i = 0; i < loads; i++) {
    const { context, page, counter } = await phonePage(true);
    await page.goto(`${server.url}${lang}/${slug}/`, { waitUntil: "load", timeout: 120_000 });
    await page.waitForFunction(() => window.__fv.mounted !== null, null, { timeout: 120_000 });
    const beforeRun = counter.bytes;
    await page.waitForTimeout(1000);
    const fv = await page.evaluate(() => window.__fv);
    const report = {
      text: Math.round(fv.fcp),
      lcp: Math.round(fv.lcp),
      run: Math.round(fv.mounted),
      cls: Number(fv.shifts.reduce((s, [, v]) => s + v, 0).toFixed(4)),
      bytes: beforeRun,
    };
    await context.close();

    // Moving on: the next lesson by its link, with the site in the cache.
    const warm = await phonePage(false);
    await warm.page.goto(`${server.url}${lang}/${slug}/`, { waitUntil: "load", timeout: 120_000 });
    await warm.page.waitForFunction(() => window.__fv.mounted !== null, null, { timeout: 120_000 });
    const next = warm.page.locator("nav.prev-next a[rel=next]");
    if (await next.count()) {
      warm.counter.bytes = 0;
      await Promise.all([warm.page.waitForEvent("load", { timeout: 120_000 }), next.click()]);
      await warm.page.waitForFunction(() => window.__fv.mounted !== null, null, { timeout: 120_000 });
      const nv = await warm.page.evaluate(() => window.__fv);
      report.next_text = Math.round(nv.fcp);
      report.next_run = Math.round(nv.mounted);
      report.next_bytes = warm.counter.bytes;
    }
    await warm.context.close();
    console.log(JSON.stringify(report));
    reports.push(report);
  }
} finally {
  await browser.close();
  await server.close();
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const summary = Object.fromEntries(Object.keys(reports[0]).map((k) => [k, median(reports.map((r) => r[k]))]));
console.log(`median of ${loads} cold loads of /lab/${lang}/${slug}/:`, JSON.stringify(summary));
