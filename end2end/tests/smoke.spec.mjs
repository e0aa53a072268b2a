// The site loads under the sub-path, with the production CSP, and shows its
// title in both languages without a single console error.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { BASE_URL, builtLessonSlugs, launch, newPage, url } from "../lib.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens `rel`, waits for `text` to be visible and the network to settle. */
async function open(rel, text, options = {}) {
  const { context, page, errors } = await newPage(browser, options);
  const response = await page.goto(url(rel), { waitUntil: "networkidle" });
  await page.getByText(text).first().waitFor({ state: "visible", timeout: 30_000 });
  return { context, page, errors, response };
}

test("the home page under /lab/ shows the title with no console errors", async () => {
  const { context, page, errors, response } = await open("", "Async Iteration Lab");
  assert.equal(response.status(), 200);
  assert.ok(BASE_URL.endsWith("/lab/"), `served under /lab/: ${BASE_URL}`);
  const csp = response.headers()["content-security-policy"] ?? "";
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, "served with the strict CSP");
  assert.match(await page.title(), /Async Iteration Lab/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the Chinese home page shows the Chinese title", async () => {
  const { context, errors, response } = await open("zh/", "异步迭代实验室", { locale: "zh-CN" });
  assert.equal(response.status(), 200);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a lesson's deep link and a reload load the app", async (t) => {
  const slug = builtLessonSlugs()[0];
  if (!slug) return t.skip("no lesson has pages yet");
  const { context, page, errors, response } = await open(`en/${slug}/`, "Async Iteration Lab");
  assert.equal(response.status(), 200, "a real file, not a fallback");
  const reload = await page.reload({ waitUntil: "networkidle" });
  assert.equal(reload.status(), 200);
  await page.getByText("Async Iteration Lab").first().waitFor({ state: "visible" });
  assert.deepEqual(errors, []);
  await context.close();
});

test("an unknown path gets 404.html, which still starts the app", async () => {
  const { context, errors, response } = await open("no/such/page/", "Async Iteration Lab");
  assert.equal(response.status(), 404);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the page has no inline script (the CSP forbids them)", async () => {
  const res = await fetch(url(""));
  const html = await res.text();
  const inline = [...html.matchAll(/<script\b([^>]*)>/g)].filter((m) => !/\bsrc=/.test(m[1]));
  assert.deepEqual(inline.map((m) => m[0]), []);
  assert.match(html, /<meta http-equiv="Content-Security-Policy"/);
});
