// The glossary, end to end, under the site's sub-path: both pages load and
// list every term of lessons/glossary.toml, the header and the home page
// link to them, a lesson's glossary link lands on its term (client-side and
// on a fresh load of the address), and axe finds nothing serious.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { ROOT, builtLessonSlugs, formatViolations, gotoApp, launch, newPage, runAxe, url } from "../lib.mjs";

/** The term ids, in the file's order. */
const IDS = [...readFileSync(path.join(ROOT, "lessons", "glossary.toml"), "utf8").matchAll(/^\[([a-z0-9-]+)\]\s*$/gm)].map(
  (m) => m[1],
);
/** The path the site is served under: "/lab/" in `cargo xtask test`. */
const P = new URL(url("")).pathname;
const LESSON = "what-async-for-calls";
const BUILT = builtLessonSlugs().includes(LESSON);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** True when the element's top is inside the viewport, below the sticky header. */
function inView(page, id) {
  return page.evaluate((id) => {
    const el = document.getElementById(id);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight / 2;
  }, id);
}

for (const [lang, title, locale] of [
  ["en", "Glossary", "en-US"],
  ["zh", "术语表", "zh-CN"],
]) {
  describe(`the ${lang} glossary`, () => {
    test("lists every term with both names, a definition and its lesson", async () => {
      const { context, page, errors } = await newPage(browser, { locale });
      await gotoApp(page, `${lang}/glossary/`);
      assert.equal(await page.locator("main h1").textContent(), title);
      assert.match(await page.title(), new RegExp(`^${title} · `));
      const terms = await page.$$eval(".glossary-list .term", (els) =>
        els.map((el) => ({
          id: el.id,
          name: el.querySelector("dfn")?.textContent ?? "",
          other: el.querySelector(".term-other")?.textContent ?? "",
          def: el.querySelector(".term-def")?.textContent ?? "",
          lesson: el.querySelector(".term-lesson a")?.getAttribute("href") ?? "",
        })),
      );
      assert.deepEqual(
        terms.map((t) => t.id),
        IDS,
      );
      for (const t of terms) {
        assert.ok(t.name && t.other && t.def.length > 20, JSON.stringify(t));
        assert.ok(t.lesson.startsWith(`${P}${lang}/`) && t.lesson.endsWith("/"), JSON.stringify(t));
      }
      const stream = terms.find((t) => t.id === "stream");
      assert.deepEqual(lang === "en" ? [stream.name, stream.other] : [stream.other, stream.name], [
        "stream (Stream)",
        "流",
      ]);
      const serious = (await runAxe(page)).filter((v) => ["serious", "critical"].includes(v.impact));
      assert.deepEqual(serious, [], formatViolations(serious));
      assert.deepEqual(errors, []);
      await context.close();
    });

    test("the header and the home page link to it", async () => {
      const { context, page, errors } = await newPage(browser, { locale });
      await gotoApp(page, `${lang}/`);
      assert.equal(await page.locator(".home-glossary a").getAttribute("href"), `${P}${lang}/glossary/`);
      await page.locator("header .nav-glossary").click();
      await page.waitForSelector(".glossary-list .term");
      assert.equal(new URL(page.url()).pathname, `${P}${lang}/glossary/`);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test("a term's address shows that term on a fresh load", async () => {
      const { context, page, errors } = await newPage(browser, { locale, viewport: { width: 390, height: 800 } });
      await gotoApp(page, `${lang}/glossary/#waker`);
      await page.waitForFunction(() => {
        const r = document.getElementById("waker")?.getBoundingClientRect();
        return r && r.top >= 0 && r.top < window.innerHeight / 2;
      });
      assert.ok(await inView(page, "waker"));
      assert.deepEqual(errors, []);
      await context.close();
    });

    test("a lesson's glossary link lands on its term", { skip: !BUILT && `${LESSON} is not built` }, async () => {
      const { context, page, errors } = await newPage(browser, { locale });
      await gotoApp(page, `${lang}/${LESSON}/`);
      const link = page.locator('.prose a[href$="/glossary/#poll"]').first();
      // Written `../glossary/#poll` in the lesson; the page resolves it under the base.
      assert.equal(await link.getAttribute("href"), `${P}${lang}/glossary/#poll`);
      await link.click();
      await page.waitForSelector(".glossary-list .term");
      const here = new URL(page.url());
      assert.equal(here.pathname + here.hash, `${P}${lang}/glossary/#poll`);
      await page.waitForFunction(() => {
        const r = document.getElementById("poll")?.getBoundingClientRect();
        return r && r.top >= 0 && r.top < window.innerHeight / 2;
      });
      assert.deepEqual(errors, []);
      await context.close();
    });
  });
}
