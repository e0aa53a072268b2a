// Refreshes docs/screenshot.png (the README's picture of the home page) from
// the last end-to-end build: `cargo xtask test --only dist` makes it, then
// `node end2end/screenshot.mjs [path-relative-to-/lab/] [light|dark]`.
import path from "node:path";
import { ROOT, gotoApp, launch, newPage, url } from "./lib.mjs";

const [rel = "en/", scheme = "light"] = process.argv.slice(2);
const browser = await launch();
try {
  const { page, errors } = await newPage(browser, {
    colorScheme: scheme,
    viewport: { width: 1280, height: 800 },
  });
  await gotoApp(page, rel).catch(() => page.goto(url(rel), { waitUntil: "networkidle" }));
  await page.waitForLoadState("networkidle");
  const out = path.join(ROOT, "docs", "screenshot.png");
  await page.screenshot({ path: out });
  console.log(`wrote ${path.relative(ROOT, out)} from ${url(rel)}`);
  if (errors.length) console.log(`page errors:\n  ${errors.join("\n  ")}`);
} finally {
  await browser.close();
}
