// Helpers for the end-to-end tests (end2end/tests/*.spec.mjs, run by
// `cargo xtask test` with `node --test`).
//
//   import { test, after, before } from "node:test";
//   import assert from "node:assert/strict";
//   import { launch, newPage, url, gotoApp, runAxe } from "../lib.mjs";
//
//   let browser;
//   before(async () => { browser = await launch(); });
//   after(async () => { await browser?.close(); });
//
//   test("the Chinese home page", async () => {
//     const { page, errors, context } = await newPage(browser, { locale: "zh-CN" });
//     await gotoApp(page, "zh/");
//     ...
//     assert.deepEqual(errors, []);
//     await context.close();
//   });
//
// The site is the release build served under /lab/ by end2end/serve.mjs with
// the production Content-Security-Policy. `cargo xtask test` starts that
// server once and passes its URL in LAB_BASE_URL; a spec run on its own
// (`node --test end2end/tests/smoke.spec.mjs`) starts one in-process on the
// last build (`cargo xtask test --only dist` makes it).

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "./serve.mjs";

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The release build under test. */
export const DIST = process.env.LAB_DIST ?? path.join(ROOT, "target", "e2e", "dist");

/** Debian's Chromium (`apt-get install chromium`); Playwright never downloads a browser here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags that keep Chromium headless, offline and quiet on CI machines (see shared/toolchain.md). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

async function localServer() {
  const { url, server } = await startServer({ dir: DIST, prefix: "/lab/" });
  // Never keep a test process alive for the server's sake.
  server.unref();
  server.on("connection", (socket) => socket.unref());
  return url;
}

/** The site's base URL, ending in "/lab/", e.g. "http://127.0.0.1:41234/lab/". */
export const BASE_URL = process.env.LAB_BASE_URL ?? (await localServer());

/** An absolute URL for a path relative to the site's base: `url("en/")`. */
export function url(rel = "") {
  return new URL(rel.replace(/^\//, ""), BASE_URL).href;
}

/** Launches headless Chromium. Close it in an `after` hook. */
export function launch(options = {}) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
}

/**
 * Collects everything that should never happen on a working page: console
 * errors (CSP violations show up here too), uncaught exceptions, failed
 * requests and HTTP errors for the page's own resources.
 * @returns {string[]} filled as the page runs
 */
export function collectErrors(page) {
  const errors = [];
  // A page answered with an HTTP error (a deep link served 404.html, as
  // GitHub Pages does) makes Chromium log "Failed to load resource" for the
  // document itself: that is the host's fallback working, not a page error.
  const failedDocs = new Set();
  const isDocNoise = (text, where) => failedDocs.has(where) && text.startsWith("Failed to load resource");
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const where = msg.location()?.url ?? "";
    if (isDocNoise(msg.text(), where)) return;
    errors.push(`console: ${msg.text()}${where ? ` (${where})` : ""}`);
  });
  page.on("pageerror", (err) => errors.push(`exception: ${err.message}`));
  page.on("requestfailed", (req) =>
    errors.push(`request failed: ${req.url()} (${req.failure()?.errorText ?? "?"})`),
  );
  page.on("response", (res) => {
    if (res.status() < 400) return;
    if (res.request().resourceType() === "document") {
      failedDocs.add(res.url());
      // Drop the console line if it came first.
      for (let i = errors.length - 1; i >= 0; i--) {
        if (errors[i] === `console: Failed to load resource: the server responded with a status of ${res.status()} (${res.statusText()}) (${res.url()})`) {
          errors.splice(i, 1);
        }
      }
    } else {
      errors.push(`HTTP ${res.status()}: ${res.url()}`);
    }
  });
  return errors;
}

/**
 * A fresh browser context and page, with an error collector attached.
 * @param {import("playwright-core").Browser} browser
 * @param {{ locale?: string, colorScheme?: "light" | "dark", viewport?: { width: number, height: number },
 *           reducedMotion?: "reduce" | "no-preference", bypassCSP?: boolean, javaScriptEnabled?: boolean,
 *           serviceWorkers?: "allow" | "block" }} [options]
 * @returns {Promise<{ context: import("playwright-core").BrowserContext, page: import("playwright-core").Page, errors: string[] }>}
 */
export async function newPage(browser, options = {}) {
  const {
    locale = "en-US",
    colorScheme = "light",
    viewport = { width: 1280, height: 800 },
    reducedMotion = "no-preference",
    bypassCSP = false,
    javaScriptEnabled = true,
    // The offline worker is tested on its own (offline.spec.mjs); elsewhere
    // it would only add a background download of the whole site to every test.
    serviceWorkers = "block",
    // A phone: touch events and `pointer: coarse`.
    isMobile = false,
    hasTouch = false,
  } = options;
  const context = await browser.newContext({
    locale,
    colorScheme,
    viewport,
    reducedMotion,
    bypassCSP,
    javaScriptEnabled,
    serviceWorkers,
    isMobile,
    hasTouch,
  });
  const page = await context.newPage();
  const errors = collectErrors(page);
  return { context, page, errors };
}

/**
 * Runs `fn(page)` on a fresh page of `browser` (`newPage`'s options), then
 * requires that the page logged no console error, and closes its context.
 */
export async function withPage(browser, options, fn) {
  const { context, page, errors } = await newPage(browser, options);
  try {
    await fn(page);
    assert.deepEqual(errors, [], "no console errors");
  } finally {
    await context.close();
  }
}

/**
 * Waits until the wasm has brought the page to life (`<body
 * data-app-mounted>`): every page is a new document, so after each
 * navigation too.
 */
export async function waitForApp(page, { timeout = 30_000 } = {}) {
  await page.waitForSelector("body[data-app-mounted]", { state: "attached", timeout });
}

/**
 * Opens `rel` (relative to the base, e.g. "en/break-and-cleanup/") and waits
 * until the app has mounted (`<body data-app-mounted>`).
 */
export async function gotoApp(page, rel = "", { timeout = 30_000 } = {}) {
  const response = await page.goto(url(rel), { waitUntil: "load", timeout });
  await waitForApp(page, { timeout });
  return response;
}

let axeSource;

/**
 * Runs axe-core on the page and returns its violations (an empty array is a
 * pass). axe is evaluated through the DevTools protocol, which the page's
 * CSP does not govern, so no `bypassCSP` is needed.
 * @param {import("playwright-core").Page} page
 * @param {object} [options] axe.run options, e.g. `{ runOnly: ["wcag2a", "wcag2aa"] }`
 * @param {string} [selector] only check this part of the page
 */
export async function runAxe(page, options = {}, selector = undefined) {
  axeSource ??= readFileSync(path.join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.evaluate(axeSource);
  }
  const result = await page.evaluate(
    ([sel, opts]) => window.axe.run(sel ? document.querySelector(sel) : document, opts),
    [selector, options],
  );
  return result.violations;
}

/** Formats axe violations for an assertion message. */
export function formatViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`)
    .join("\n");
}

/** Pages of each language that are not lessons (their folders sit beside the lessons'). */
export const OTHER_PAGES = ["glossary", "lab"];

/** The lesson slugs that have pages in the build (its folders `en/<slug>/`), sorted. */
export function builtLessonSlugs() {
  try {
    return readdirSync(path.join(DIST, "en"), { withFileTypes: true })
      .filter((e) => e.isDirectory() && !OTHER_PAGES.includes(e.name))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}
