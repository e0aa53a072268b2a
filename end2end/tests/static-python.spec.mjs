// The same build works on another plain static server — Python's
// `http.server`, which knows nothing of this site: no headers file, no
// fallback page. Every route must exist as a file, so a reload of a deep
// link works.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { DIST, builtLessonSlugs, launch, newPage } from "../lib.mjs";

let browser;
let server;
let dir;
let base;

before(async () => {
  // Serve the build as <tmp>/lab/, so it lives under /lab/ as it was built for.
  dir = mkdtempSync(path.join(tmpdir(), "lab-static-"));
  cpSync(DIST, path.join(dir, "lab"), { recursive: true });
  server = spawn("python3", ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", dir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  base = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`python3 -m http.server did not start: ${out}`)), 15_000);
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /port (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}/lab/`);
      }
    });
    server.on("error", (e) => reject(new Error(`cannot run python3: ${e.message}`)));
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("python3 -m http.server: a reload of a lesson's deep link works", async () => {
  const slug = builtLessonSlugs()[0];
  const deep = slug ? `en/${slug}/` : "en/";
  const { context, page, errors } = await newPage(browser);
  const first = await page.goto(base + deep, { waitUntil: "networkidle" });
  assert.equal(first.status(), 200, `${deep} is a file in the build`);
  const again = await page.reload({ waitUntil: "networkidle" });
  assert.equal(again.status(), 200);
  await page.getByText("Async Iteration Lab").first().waitFor({ state: "visible", timeout: 30_000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test("python3 -m http.server: the Chinese home page works", async () => {
  const { context, page, errors } = await newPage(browser, { locale: "zh-CN" });
  const res = await page.goto(base + "zh/", { waitUntil: "networkidle" });
  assert.equal(res.status(), 200);
  await page.getByText("异步迭代实验室").first().waitFor({ state: "visible", timeout: 30_000 });
  assert.deepEqual(errors, []);
  await context.close();
});
