// Offline (issue 13): after one visit the whole site works with the network
// off — every page in both languages opens and every demo runs — and a new
// build replaces the cached one as a whole, offered as "Update ready".
// The worker is written by `cargo xtask dist` (xtask/offline.mjs).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { DIST, OTHER_PAGES, ROOT, builtLessonSlugs, launch, newPage, url, waitForApp } from "../lib.mjs";
import { startServer } from "../serve.mjs";

const SLUGS = builtLessonSlugs();
const HAS_WORKER = existsSync(path.join(DIST, "sw.js"));

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens `href` and waits until the wasm has brought it to life. */
async function open(page, href) {
  await page.goto(href, { waitUntil: "load" });
  await waitForApp(page, { timeout: 20_000 });
}

/** Waits for the quiet mark that says the site is cached. */
async function cached(page) {
  await page.locator("#offline-mark").waitFor({ timeout: 30_000 });
}

describe("offline", { skip: !HAS_WORKER && "the build has no sw.js (not made by cargo xtask dist)" }, () => {
  test("after one visit, every page of both languages opens and the demos run, with the network off", async () => {
    const { context, page, errors } = await newPage(browser, { serviceWorkers: "allow" });
    try {
      await open(page, url("en/"));
      await cached(page);
      assert.equal(await page.locator("#offline-mark").textContent(), "Available offline");
      await context.setOffline(true);
      const pages = ["en", "zh"].flatMap((l) => [`${l}/`, ...OTHER_PAGES.map((p) => `${l}/${p}/`), ...SLUGS.map((s) => `${l}/${s}/`)]);
      for (const rel of pages) {
        await open(page, url(rel));
        assert.ok(((await page.locator("h1").first().textContent()) ?? "").trim().length > 0, `${rel}: a title`);
      }
      // A demo, with knob values in the address, on the virtual clock and on live timers.
      const slug = SLUGS.includes("break-and-cleanup") ? "break-and-cleanup" : SLUGS[0];
      await open(page, url(`zh/${slug}/?n=3&delay=20`));
      assert.equal(await page.locator("#offline-mark").textContent(), "可离线阅读");
      const demo = page.locator("section.demo").first();
      await demo.locator("[data-action=instant]").click();
      await demo.locator(".demo-status").filter({ hasText: /虚拟时钟/ }).waitFor();
      await demo.locator("[data-action=run]").click();
      await demo.locator(".demo-status").filter({ hasText: /真实时钟|实时/ }).waitFor({ timeout: 20_000 });
      assert.ok((await demo.locator("ol.transcript > li").count()) > 0);
      // Search works offline too (its index is in the cache).
      const field = page.locator("#site-search-input");
      if (await field.count()) {
        await field.fill("取消");
        await page.locator(".site-search-option").first().waitFor({ timeout: 20_000 });
      }
      // An address that is not a page: the site's own not-found, offline too.
      await page.goto(url("en/no-such-page/"));
      await page.locator("[data-not-found]").waitFor();
      assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), []);
    } finally {
      await context.close();
    }
  });

  test("a new build is offered as an update, and after the reload only its files are served", async () => {
    // Serve a copy of the build, so it can be replaced.
    const dir = mkdtempSync(path.join(tmpdir(), "lab-offline-"));
    cpSync(DIST, dir, { recursive: true });
    const server = await startServer({ dir, prefix: "/lab/" });
    const { context, page, errors } = await newPage(browser, { serviceWorkers: "allow" });
    try {
      await open(page, `${server.url}en/`);
      await cached(page);
      await open(page, `${server.url}en/`);
      const before = await page.locator("h1").first().textContent();
      // A changed build: one page changes, and the worker is made again for it.
      const home = path.join(dir, "en", "index.html");
      writeFileSync(home, readFileSync(home, "utf8").replace(`>${before}</h1>`, ">New build</h1>"));
      execFileSync("node", [path.join(ROOT, "xtask", "offline.mjs"), dir, "/lab/"]);
      // Still the old build until the reader takes the update.
      await open(page, `${server.url}en/`);
      assert.equal(await page.locator("h1").first().textContent(), before, "no mix: the old build until reload");
      const bar = page.locator("#sw-update");
      await bar.waitFor({ timeout: 30_000 });
      assert.match(await bar.textContent(), /^Update ready — Reload$/);
      await Promise.all([page.waitForEvent("load"), bar.locator("button").click()]);
      await waitForApp(page);
      assert.equal(await page.locator("h1").first().textContent(), "New build");
      const caches = await page.evaluate(() => caches.keys());
      assert.equal(caches.length, 1, `one build in the cache: ${caches}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the worker, the manifest and the icons are where the pages say", async () => {
    const { context, page } = await newPage(browser);
    try {
      const res = await page.goto(url("en/"));
      assert.equal(res.status(), 200);
      const sw = await page.evaluate(() => document.documentElement.dataset.sw);
      assert.equal(sw, `${new URL(url("")).pathname}sw.js`);
      const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
      const manifest = await (await context.request.get(new URL(manifestHref, url("")).href)).json();
      assert.equal(manifest.scope, new URL(url("")).pathname);
      for (const icon of manifest.icons) {
        const r = await context.request.get(new URL(icon.src, url("")).href);
        assert.equal(r.status(), 200, icon.src);
      }
      assert.ok(await page.locator('meta[name="theme-color"]').count(), "a theme colour");
    } finally {
      await context.close();
    }
  });
});
