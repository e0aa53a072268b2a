// Benchmark (a measurement, not a test) of the Stream Lab with the 10,000-item
// pipeline (`lab::model::Pipeline::benchmark()`: a counter of 10,000 items,
// one per ms → map → filter → the loop; 100,006 events), in headless
// Chromium on the release build, at desktop and under the phone emulation of
// firstview.mjs (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, the CPU
// slowed 4×, a 390×844 viewport).
//
//   cargo xtask dist --bench --public-url /lab/ --out dist-bench
//   LAB_DIST=dist-bench node end2end/bench/lab.mjs [runs=3] [replay_s=5] [speed=4] [max_events]
//
// It opens /en/lab/?QUERY below (lab/src/url/tests.rs checks that this is
// `lab::url::to_query(&Pipeline::benchmark())` and that the Lab accepts it).
// A run stops at `trace::Limits::max_events` (50,000 by default: the Lab
// stops this pipeline at the safety limit, about its 5,000th item); with
// `max_events` (e.g. 200000) the address also carries `bench_events=N`,
// which a `--bench` build reads to raise that limit, and the run records
// all 100,006 events. LAB_PROFILES=desktop (or phone) runs one profile only.
// Then it measures:
// - `open_ms`: from navigation to the mounted app (the page records and lays
//   out the pipeline's preview run while it mounts, on the virtual clock);
// - `record_ms`: pressing Instant (the virtual-clock run) until its click
//   handler returns (the run recorded to its end and handed to the record;
//   the effects that draw it run after);
// - `done_ms`: pressing Instant until the status line says the run is done
//   with all 100,006 events;
// - `painted_ms`: pressing Instant until the first frame after that is
//   painted (the timeline drawn with the new run);
// - `transcript_ms`: pressing Instant until the transcript holds every event
//   (it fills a chunk per frame, in the background);
// - the replay (the Replay button, at `speed`, ×4 by default) for
//   `replay_s` seconds: the requestAnimationFrame intervals while it plays,
//   their median, p95 and max (ms), the fps (frames / seconds), the frames
//   dropped (intervals over 1.5 frames of 60 Hz count the frames they missed)
//   and how many events the replay stepped through.
// Prints each run as JSON, then a table of the medians over the runs.
import { chromium } from "playwright-core";
import path from "node:path";
import { CHROMIUM, CHROMIUM_ARGS, DIST } from "../lib.mjs";
import { startServer } from "../serve.mjs";

/** `lab::url::to_query(&lab::model::Pipeline::benchmark())`. */
const QUERY = "a=counter:1,10000&p=map:*3.filter:even";
const EVENTS = 100_006;

const runs = Number(process.argv[2] ?? 3);
const replaySeconds = Number(process.argv[3] ?? 5);
const speed = process.argv[4] ?? "4";
// The run's event limit (`trace::Limits::max_events`, 50,000 by default:
// the Lab stops this pipeline at about its 5,000th item). A `--bench` build
// reads `bench_events=N` from the address and records up to N events.
const maxEvents = process.argv[5] ? Number(process.argv[5]) : null;
const address = `en/lab/?${QUERY}${maxEvents ? `&bench_events=${maxEvents}` : ""}`;

const ALL_PROFILES = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: {
    viewport: { width: 390, height: 844 },
    network: { latency: 150, down: (1.6 * 1024 * 1024) / 8, up: (750 * 1024) / 8 },
    cpu: 4,
  },
};

// LAB_PROFILES=phone (or desktop) runs only that one.
const PROFILES = Object.fromEntries(
  Object.entries(ALL_PROFILES).filter(([k]) => (process.env.LAB_PROFILES ?? "desktop,phone").split(",").includes(k)),
);

const server = await startServer({ dir: path.resolve(DIST), prefix: "/lab/", gzip: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

/** A page with the profile's emulation, its console errors collected. */
async function profilePage(profile) {
  const context = await browser.newContext({ viewport: profile.viewport, locale: "en-US", serviceWorkers: "block" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(`exception: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  const cdp = await context.newCDPSession(page);
  if (profile.network) {
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: profile.network.latency,
      downloadThroughput: profile.network.down,
      uploadThroughput: profile.network.up,
    });
  }
  if (profile.cpu) await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
  return { context, page, errors, cdp };
}

/** In the page: press Instant and time the run up to its painted frame and the whole transcript. */
function pressInstant() {
  const demo = document.querySelector(".lab-run section.demo");
  const status = demo.querySelector(".demo-status");
  const button = demo.querySelector("button[data-action=instant]");
  // "Finished at t=… ms, N events (…)." or "Stopped at the safety limit …".
  const done = () => /^(Finished|Stopped) at/.test(status.textContent.trim());
  return new Promise((resolve, reject) => {
    const out = {};
    let t0;
    const finish = () => {
      requestAnimationFrame(() =>
        setTimeout(() => {
          out.painted_ms = performance.now() - t0;
          // The transcript fills a chunk per frame; wait until it is whole.
          const poll = () => {
            const busy = demo.querySelector("ol.transcript[aria-busy=true]");
            if (busy && performance.now() - t0 < 300_000) return requestAnimationFrame(poll);
            out.transcript_ms = performance.now() - t0;
            out.transcript_items = demo.querySelectorAll("ol.transcript > li").length;
            out.markers_in_dom = demo.querySelectorAll(".tl-marks .ev").length;
            const text = status.textContent.trim();
            out.events = Number(text.match(/(\d+) events/)?.[1] ?? 0);
            out.status = text.startsWith("Finished") ? "finished" : text.includes("safety limit") ? "over limit" : "stopped";
            resolve(out);
          };
          poll();
        }, 0),
      );
    };
    // The status line says "done" again after the run: watch for the new text.
    const before = status.textContent;
    const obs = new MutationObserver(() => {
      if (out.done_ms === undefined && status.textContent !== before && done()) {
        out.done_ms = performance.now() - t0;
        obs.disconnect();
        finish();
      }
    });
    obs.observe(status, { subtree: true, childList: true, characterData: true });
    t0 = performance.now();
    button.click();
    out.record_ms = performance.now() - t0;
    if (done() && status.textContent !== before) {
      out.done_ms = out.record_ms;
      obs.disconnect();
      finish();
    }
    setTimeout(() => reject(new Error(`no "done" status: ${status.textContent}`)), 300_000);
  });
}

/** In the page: play the replay for `seconds`, timing every animation frame. */
function timeReplay([seconds, speed]) {
  const demo = document.querySelector(".lab-run section.demo");
  const select = demo.querySelector("select[data-action=speed]");
  select.value = speed;
  select.dispatchEvent(new Event("change", { bubbles: true }));
  return new Promise((resolve) => {
    const frames = [];
    let last;
    let t0;
    // "Event i of n" under the timeline.
    const step = () => Number(demo.querySelector(".tl-step-of")?.textContent.match(/\d+/)?.[0] ?? 0);
    const tick = (t) => {
      if (last !== undefined) frames.push(t - last);
      last = t;
      if (t - t0 < seconds * 1000) return requestAnimationFrame(tick);
      const playing = !demo.querySelector("button[data-action=pause]").hidden;
      const stepsAfter = step();
      demo.querySelector("button[data-action=pause]").click();
      resolve({ frames, playing, steps: stepsAfter - 1 /* the replay starts at event 1 */ });
    };
    requestAnimationFrame((t) => {
      demo.querySelector("button[data-action=replay]").click();
      t0 = t;
      last = undefined;
      requestAnimationFrame(tick);
    });
  });
}

function frameStats(frames) {
  const v = [...frames].sort((a, b) => a - b);
  const at = (q) => v[Math.min(v.length - 1, Math.floor(v.length * q))];
  const total = frames.reduce((s, x) => s + x, 0);
  const period = 1000 / 60;
  const dropped = frames.reduce((s, x) => s + (x > 1.5 * period ? Math.round(x / period) - 1 : 0), 0);
  return {
    frames: v.length,
    fps: Number(((v.length * 1000) / total).toFixed(1)),
    median_ms: Number(at(0.5).toFixed(1)),
    p95_ms: Number(at(0.95).toFixed(1)),
    max_ms: Number(v[v.length - 1].toFixed(1)),
    dropped,
  };
}

const results = {};
try {
  for (const [name, profile] of Object.entries(PROFILES)) {
    results[name] = [];
    for (let i = 0; i < runs; i++) {
      const { context, page, errors } = await profilePage(profile);
      const t = Date.now();
      await page.goto(`${server.url}${address}`, { waitUntil: "load", timeout: 300_000 });
      await page.waitForSelector("body[data-app-mounted]", { state: "attached", timeout: 300_000 });
      const open_ms = Date.now() - t;
      const notice = await page.locator(".lab-notice").evaluate((el) => (el.hidden ? null : el.textContent));
      if (notice) throw new Error(`the Lab refused the benchmark's address: ${notice}`);
      const run = await page.evaluate(pressInstant);
      await page.waitForTimeout(500);
      const replay = await page.evaluate(timeReplay, [replaySeconds, speed]);
      const report = { open_ms, ...run, replay: { ...frameStats(replay.frames), playing: replay.playing, steps: replay.steps } };
      for (const k of ["record_ms", "done_ms", "painted_ms", "transcript_ms"]) report[k] = Math.round(report[k]);
      console.log(name, JSON.stringify(report));
      if (errors.length) console.error(errors.join("\n"));
      results[name].push(report);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const get = (r, k) => k.split(".").reduce((o, p) => o?.[p], r);
const rows = [
  ["events", "events recorded"],
  ["open_ms", "open (load + preview run), ms"],
  ["record_ms", "Instant: click handler returns, ms"],
  ["done_ms", "Instant: status says done, ms"],
  ["painted_ms", "Instant: frame painted, ms"],
  ["transcript_ms", "Instant: transcript complete, ms"],
  ["replay.fps", `replay ×${speed}: fps`],
  ["replay.median_ms", `replay ×${speed}: median frame, ms`],
  ["replay.p95_ms", `replay ×${speed}: p95 frame, ms`],
  ["replay.max_ms", `replay ×${speed}: max frame, ms`],
  ["replay.dropped", `replay ×${speed}: frames dropped`],
  ["replay.frames", `replay ×${speed}: frames in ${replaySeconds} s`],
];
const names = Object.keys(results);
console.log(`\nmedian of ${runs} runs, /${address} (${EVENTS} events to the end)`);
console.log(`the run: ${names.map((n) => `${n} ${results[n][0]?.status}`).join(", ")}`);
console.log(`| ${"".padEnd(34)} | ${names.map((n) => n.padStart(8)).join(" | ")} |`);
console.log(`|${"-".repeat(36)}|${names.map(() => "-".repeat(10)).join("|")}|`);
for (const [k, label] of rows) {
  console.log(`| ${label.padEnd(34)} | ${names.map((n) => String(median(results[n].map((r) => get(r, k)))).padStart(8)).join(" | ")} |`);
}
