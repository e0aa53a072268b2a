// The site shell, end to end, under its sub-path (/lab/ in `cargo xtask
// test`; nothing here assumes which) with the production CSP: the
// language redirect from the root, the language switch keeping the page and
// the reading position, deep links and reloads, not-found pages, previous /
// next and the arrow keys, the theme choice, progress, the error overlay, a
// keyboard-only walk to a demo's Run button, axe-core in both languages and
// both themes, and screenshots at 360 px and 1280 px (end2end/screenshots/).
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { ROOT, builtLessonSlugs, formatViolations, gotoApp, launch, newPage, runAxe, url, waitForApp } from "../lib.mjs";

const SLUGS = builtLessonSlugs();
/** The path the site is served under: "/lab/" (or "/" for a build at the root). */
const P = new URL(url("")).pathname;
/** The lesson the axe scan and the screenshots look at: lesson 4 if it is built. */
const SAMPLE = SLUGS.includes("break-and-cleanup") ? "break-and-cleanup" : SLUGS[0];
const SHOTS = path.join(ROOT, "end2end", "screenshots");

let browser;
/** The lessons in the site's order (from the home page's list). */
let ORDER = [];
before(async () => {
  browser = await launch();
  const { context, page } = await newPage(browser);
  await gotoApp(page, "en/");
  ORDER = await page.$$eval(".lesson-list a", (as) =>
    as.map((a) => new URL(a.href).pathname.split("/").filter(Boolean).at(-1)),
  );
  await context.close();
});
after(async () => {
  await browser?.close();
});

/** Chromium logs a page answered with 404 (a not-found route) as a console error. */
const DOCUMENT_404 = "console: Failed to load resource: the server responded with a status of 404 (Not Found)";

/**
 * A fresh page; `fn` gets it and must leave `errors` empty — except, with
 * `notFoundPages: n`, the console line for each of the n documents that the
 * server answered with 404.html on purpose.
 */
async function withPage(options, fn) {
  const { notFoundPages = 0, ...pageOptions } = options;
  const { context, page, errors } = await newPage(browser, pageOptions);
  try {
    await fn(page, errors);
    const expected404 = errors.filter((e) => e === DOCUMENT_404).length;
    assert.ok(expected404 <= notFoundPages, `404s: ${errors.join("\n")}`);
    assert.deepEqual(
      errors.filter((e) => e !== DOCUMENT_404),
      [],
      "no console errors, exceptions or failed requests",
    );
  } finally {
    await context.close();
  }
}

/** The path of the page's URL relative to the site base ("en/x/#y"). */
function rel(page) {
  const u = new URL(page.url());
  return (u.pathname + u.hash).slice(P.length);
}

/**
 * Waits until the page's URL, relative to the base, is `expected`, and (a
 * new page being a new document) until the wasm has brought it to life.
 */
async function waitForRel(page, expected) {
  await page.waitForURL((u) => (u.pathname + u.hash).slice(P.length) === expected, {
    timeout: 15_000,
  });
  await waitForApp(page, { timeout: 15_000 });
}

const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);
const h1 = (page) => page.locator("main h1").first().innerText();

function needLessons(t, n = 1) {
  if (SLUGS.length < n) {
    t.skip(`needs ${n} lesson page(s) in the build, has ${SLUGS.length}`);
    return false;
  }
  return true;
}

describe("language", () => {
  for (const [locale, lang, title] of [
    ["zh-CN", "zh", "异步迭代实验室"],
    ["en-US", "en", "Async Iteration Lab"],
  ]) {
    test(`/ sends a ${locale} browser to /${lang}/`, async () => {
      await withPage({ locale }, async (page) => {
        await gotoApp(page, "");
        await waitForRel(page, `${lang}/`);
        assert.equal(await h1(page), title);
        assert.equal(await htmlLang(page), lang === "zh" ? "zh-CN" : "en");
        assert.equal(await page.title(), title);
      });
    });
  }

  test("a saved choice beats the browser's languages", async () => {
    await withPage({ locale: "en-US" }, async (page) => {
      await gotoApp(page, "en/");
      await page.locator("a.lang-switch").click();
      await waitForRel(page, "zh/");
      await gotoApp(page, "");
      await waitForRel(page, "zh/");
      assert.equal(await htmlLang(page), "zh-CN");
    });
  });

  test("the switch on a lesson opens the same lesson at the same heading", async (t) => {
    if (!needLessons(t)) return;
    const slug = SLUGS[0];
    await withPage({}, async (page) => {
      await gotoApp(page, `en/${slug}/`);
      const enTitle = await h1(page);
      const ids = await page.$$eval("main h2[id]", (hs) => hs.map((h) => h.id));
      assert.ok(ids.length >= 2, `lesson ${slug} has headings with ids`);
      const id = ids[Math.floor(ids.length / 2)];
      // Read down to that heading, as a reader would.
      await page.evaluate((id) => document.getElementById(id).scrollIntoView(), id);
      const sw = page.locator("a.lang-switch");
      await page.waitForFunction(
        (id) => document.querySelector("a.lang-switch").getAttribute("href").endsWith(`#${id}`),
        id,
      );
      await sw.click();
      await waitForRel(page, `zh/${slug}/#${id}`);
      assert.equal(await htmlLang(page), "zh-CN");
      assert.notEqual(await h1(page), enTitle, "the Chinese page has the Chinese title");
      assert.match(await page.title(), / · 异步迭代实验室$/);
      await page.waitForFunction((id) => {
        const top = document.getElementById(id)?.getBoundingClientRect().top;
        return top !== undefined && top >= -2 && top < 200;
      }, id);
      // And back: the Chinese page knows the position from its URL at once.
      assert.ok((await sw.getAttribute("href")).endsWith(`${P}en/${slug}/#${id}`));
      await sw.click();
      await waitForRel(page, `en/${slug}/#${id}`);
      assert.equal(await h1(page), enTitle);
      assert.match(await page.title(), / · Async Iteration Lab$/);
    });
  });

  test("the switch keeps the query (a demo's knob values)", async (t) => {
    if (!needLessons(t)) return;
    await withPage({}, async (page) => {
      await gotoApp(page, `en/${SLUGS[0]}/?n=3`);
      const href = await page.locator("a.lang-switch").getAttribute("href");
      assert.match(href, new RegExp(`^${P}zh/${SLUGS[0]}/\\?n=3(#.*)?$`));
    });
  });
});

describe("deep links and not found", () => {
  test("a reload of a deep link shows the same lesson", async (t) => {
    if (!needLessons(t)) return;
    const slug = SLUGS[SLUGS.length - 1];
    await withPage({ locale: "en-US" }, async (page) => {
      const res = await gotoApp(page, `zh/${slug}/`);
      assert.equal(res.status(), 200);
      const title = await h1(page);
      assert.match(await page.title(), new RegExp(`· 异步迭代实验室$`));
      await page.reload();
      await waitForApp(page);
      assert.equal(await h1(page), title);
      assert.equal(rel(page), `zh/${slug}/`);
      assert.equal(await htmlLang(page), "zh-CN");
    });
  });

  test("without the trailing slash a lesson still opens", async (t) => {
    if (!needLessons(t)) return;
    await withPage({}, async (page) => {
      await gotoApp(page, `en/${SLUGS[0]}`);
      assert.equal(await page.locator("main[data-lesson]").getAttribute("data-lesson"), SLUGS[0]);
    });
  });

  test("an unknown lesson shows not-found in the path's language", async () => {
    await withPage({ locale: "zh-CN", notFoundPages: 1 }, async (page) => {
      const res = await gotoApp(page, "en/no-such-lesson/");
      assert.equal(res.status(), 404);
      assert.equal(await h1(page), "Page not found");
      assert.equal(await htmlLang(page), "en");
      const home = page.locator("main a", { hasText: "Go to the lesson list" });
      assert.equal(await home.getAttribute("href"), `${P}en/`);
      // The other language's list is there for readers without JavaScript, hidden.
      assert.equal(await page.locator("main ol a:visible").count(), SLUGS.length);
      await home.click();
      await waitForRel(page, "en/");
    });
  });

  test("an unknown language shows not-found in the reader's language", async () => {
    await withPage({ locale: "zh-CN", notFoundPages: 1 }, async (page) => {
      await gotoApp(page, "fr/some/page/");
      assert.equal(await h1(page), "找不到这个页面");
      assert.equal(await htmlLang(page), "zh-CN");
      assert.ok((await page.locator("main").innerText()).includes(`${P}fr/some/page/`));
    });
  });
});

describe("moving around", () => {
  test("previous / next links and the ← → keys", async (t) => {
    if (!needLessons(t, 3)) return;
    assert.deepEqual([...ORDER].sort(), SLUGS, "the home page lists every built lesson");
    const [a, b, c] = ORDER;
    await withPage({}, async (page) => {
      await gotoApp(page, `en/${b}/`);
      const prev = page.locator("nav.prev-next a[rel=prev]");
      const next = page.locator("nav.prev-next a[rel=next]");
      assert.equal(await prev.getAttribute("href"), `${P}en/${a}/`);
      assert.equal(await next.getAttribute("href"), `${P}en/${c}/`);
      const nextTitle = await next.locator(".prev-next-title").innerText();
      await next.click();
      await waitForRel(page, `en/${c}/`);
      assert.ok(nextTitle.includes(await h1(page)), `"${nextTitle}" names the next lesson`);
      assert.equal(await page.evaluate(() => window.scrollY), 0, "a new lesson starts at the top");

      await page.keyboard.press("ArrowLeft");
      await waitForRel(page, `en/${b}/`);
      await page.keyboard.press("ArrowLeft");
      await waitForRel(page, `en/${a}/`);
      await page.keyboard.press("ArrowRight");
      await waitForRel(page, `en/${b}/`);

      // Not while typing.
      await page.evaluate(() => {
        const input = document.createElement("input");
        input.id = "typing";
        document.querySelector("main").prepend(input);
      });
      await page.focus("#typing");
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowLeft");
      await page.waitForTimeout(300);
      assert.equal(rel(page), `en/${b}/`);
      // Nor with a modifier (browser shortcuts), nor when a widget took the key.
      await page.evaluate(() => document.activeElement.blur());
      await page.keyboard.press("Control+ArrowRight");
      await page.evaluate(() => {
        document.addEventListener("keydown", (e) => e.preventDefault(), { once: true, capture: true });
      });
      await page.keyboard.press("ArrowRight");
      await page.waitForTimeout(300);
      assert.equal(rel(page), `en/${b}/`);
    });
  });

  test("arrow keys inside a demo or a code box never leave the lesson", async (t) => {
    if (!needLessons(t)) return;
    await withPage({}, async (page) => {
      const b = ORDER[1];
      await gotoApp(page, `en/${b}/`);
      const demo = page.locator("section.demo").first();
      await demo.locator("[data-action=instant]").click();
      await demo.locator("ol.transcript > li").first().waitFor({ state: "attached" });
      // Every focusable place in the panel, and a code block in the text.
      const places = [
        "section.demo .code-panel, section.demo pre",
        // Code | Transcript tabs where the panel is pinned (→ ← → leaves the transcript's shown).
        "section.demo [role=tab][aria-selected=true]",
        "section.demo ol.transcript",
        "section.demo [data-action=instant]",
        "section.demo .knob input",
        ".prose pre.code",
      ];
      for (const sel of places) {
        const el = page.locator(sel).first();
        if ((await el.count()) === 0) continue;
        await el.evaluate((e) => {
          if (!e.hasAttribute("tabindex") && !e.matches("button, input")) e.setAttribute("tabindex", "-1");
          e.focus();
        });
        for (const key of ["ArrowRight", "ArrowLeft", "ArrowRight"]) await page.keyboard.press(key);
        await page.waitForTimeout(150);
        assert.equal(rel(page), `en/${b}/`, `arrows with focus in ${sel} stay on the lesson`);
      }
      assert.ok((await demo.locator("ol.transcript > li").count()) > 0, "the run is still there");
    });
  });

  test("the first and last lessons link back to the list", async (t) => {
    if (!needLessons(t)) return;
    await withPage({}, async (page) => {
      const [first, last] = [ORDER[0], ORDER.at(-1)];
      await gotoApp(page, `en/${first}/`);
      assert.equal(await page.locator("nav.prev-next a[rel=prev]").count(), 0);
      assert.equal(await page.locator("nav.prev-next a.to-list").first().getAttribute("href"), `${P}en/`);
      await page.keyboard.press("ArrowLeft");
      await page.waitForTimeout(300);
      assert.equal(rel(page), `en/${first}/`, "← on the first lesson stays");
      await gotoApp(page, `en/${last}/`);
      assert.equal(await page.locator("nav.prev-next a[rel=next]").count(), 0);
      assert.equal(await page.locator("nav.prev-next a.to-list").last().getAttribute("href"), `${P}en/`);
    });
  });

  test("contents: a menu on phones, a sidebar on wide screens", async (t) => {
    if (!needLessons(t)) return;
    await withPage({ viewport: { width: 360, height: 800 } }, async (page) => {
      await gotoApp(page, `zh/${SLUGS[0]}/`);
      // Far down the lesson: the menu is in the sticky header, one tap away.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
      const button = page.locator("header button.toc-toggle");
      const panel = page.locator("nav#toc-panel");
      assert.equal(await panel.isVisible(), false);
      assert.equal(await button.getAttribute("aria-expanded"), "false");
      await button.click();
      assert.equal(await panel.isVisible(), true);
      assert.equal(await button.getAttribute("aria-expanded"), "true");
      await page.waitForFunction(() => document.activeElement?.closest("#toc-panel"));
      const current = panel.locator('a[aria-current="page"]');
      assert.equal(await current.count(), 1, "the lesson list marks this lesson");
      await page.keyboard.press("Escape");
      assert.equal(await panel.isVisible(), false);
      assert.equal(await page.evaluate(() => document.activeElement.id), "toc-button");
      // Tabbing out of the drawer closes it.
      await button.click();
      await page.waitForFunction(() => document.activeElement?.closest("#toc-panel"));
      await page.keyboard.press("Shift+Tab");
      assert.equal(await panel.isVisible(), false, "Shift+Tab out of the drawer closes it");
      // A heading link jumps there and closes the drawer.
      await button.click();
      const link = panel.locator(".toc-headings a").nth(1);
      const id = (await link.getAttribute("href")).split("#")[1];
      await link.click();
      assert.equal(await panel.isVisible(), false);
      await page.waitForFunction((id) => location.hash === `#${id}`, id);
      const top = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, id);
      const header = await page.evaluate(() => document.querySelector(".site-header").getBoundingClientRect().bottom);
      assert.ok(top >= header - 1 && top < header + 60, `heading ${top}px lands just under the header (${header}px)`);
    });
    await withPage({ viewport: { width: 1500, height: 900 } }, async (page) => {
      await gotoApp(page, `en/${SLUGS[0]}/`);
      assert.equal(await page.locator("button.toc-toggle").isVisible(), false);
      assert.equal(await page.locator("#toc-panel").isVisible(), true);
    });
  });

  test("visited lessons and the resume link are remembered, and can be cleared", async (t) => {
    if (!needLessons(t)) return;
    const slug = SLUGS[0];
    await withPage({}, async (page) => {
      await gotoApp(page, "en/");
      assert.equal(await page.locator(".lesson-item.visited").count(), 0);
      assert.equal(await page.locator(".resume").count(), 0);
      await gotoApp(page, `en/${slug}/`);
      const id = await page.$eval("main h2[id]", (h) => h.id);
      await page.evaluate((id) => document.getElementById(id).scrollIntoView(), id);
      await page.waitForFunction(
        (id) => (localStorage.getItem("lab.last") ?? "").endsWith(`#${id}`),
        id,
      );
      await gotoApp(page, "en/");
      assert.equal(await page.locator(".lesson-item.visited").count(), 1);
      const resume = page.locator(".resume a");
      assert.equal(await resume.getAttribute("href"), `${P}en/${slug}/#${id}`);
      await page.getByRole("button", { name: "Clear my progress" }).click();
      assert.equal(await page.locator(".lesson-item.visited").count(), 0);
      assert.equal(await page.locator(".resume").count(), 0);
      await page.getByText("Your progress has been cleared.").waitFor();
      await page.reload();
      await waitForApp(page);
      assert.equal(await page.locator(".lesson-item.visited").count(), 0);
    });
  });

  test("a broken localStorage does not break the site", async (t) => {
    if (!needLessons(t)) return;
    const { context, page, errors } = await newPage(browser);
    await context.addInitScript(() => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("denied", "SecurityError");
        },
      });
    });
    try {
      await gotoApp(page, "");
      await waitForRel(page, "en/");
      await page.locator("button.theme-toggle").click();
      await gotoApp(page, `en/${SLUGS[0]}/`);
      assert.equal(await page.locator("#app-error").count(), 0);
      assert.ok((await h1(page)).length > 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

describe("themes", () => {
  test("the theme follows the system until chosen, and the choice survives a reload", async () => {
    await withPage({ colorScheme: "dark" }, async (page) => {
      await gotoApp(page, "en/");
      const theme = () => page.evaluate(() => document.documentElement.dataset.theme ?? "system");
      const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(await theme(), "system");
      const darkBg = await bg();
      const toggle = page.locator("button.theme-toggle");
      await toggle.click();
      assert.equal(await theme(), "light");
      assert.notEqual(await bg(), darkBg, "light colours in a dark system");
      assert.match(await toggle.innerText(), /Light/);
      await page.reload();
      await waitForApp(page);
      assert.equal(await theme(), "light");
      assert.match(await toggle.innerText(), /Light/);
      await toggle.click();
      assert.equal(await theme(), "dark");
      await toggle.click();
      assert.equal(await theme(), "system");
      await page.reload();
      await waitForApp(page);
      assert.equal(await theme(), "system");
      assert.equal(await bg(), darkBg);
    });
  });
});

describe("errors", () => {
  test("a crash of the wasm shows a message with a Reload button", async () => {
    const { context, page } = await newPage(browser, { locale: "zh-CN" });
    try {
      await gotoApp(page, "zh/");
      // What a trap that is not a panic (e.g. a stack overflow) looks like.
      await page.evaluate(() =>
        window.dispatchEvent(new ErrorEvent("error", { error: new WebAssembly.RuntimeError("unreachable") })),
      );
      const overlay = page.locator("#app-error");
      await overlay.waitFor();
      assert.equal(await overlay.getAttribute("role"), "alert");
      const text = await overlay.innerText();
      assert.ok(text.indexOf("页面出错了") < text.indexOf("Something went wrong"), "Chinese first on a Chinese page");
      const reload = overlay.getByRole("button", { name: /重新加载.*Reload/ });
      assert.ok(await reload.evaluate((b) => b === document.activeElement), "the button has the focus");
      await Promise.all([page.waitForNavigation(), reload.click()]);
      await waitForApp(page);
      assert.equal(await page.locator("#app-error").count(), 0);
      assert.equal(new URL(page.url()).pathname, `${P}zh/`);
    } finally {
      await context.close();
    }
  });
});

describe("keyboard", () => {
  test("skip link, then Tab from the home page to a lesson's Run button", async (t) => {
    if (!needLessons(t)) return;
    await withPage({}, async (page) => {
      await gotoApp(page, "en/");
      const active = () =>
        page.evaluate(() => {
          const e = document.activeElement;
          return {
            tag: e.tagName,
            text: (e.innerText ?? "").trim(),
            label: e.getAttribute("aria-label") ?? "",
            inList: !!e.closest(".lesson-list"),
            id: e.id,
          };
        });
      await page.keyboard.press("Tab");
      assert.equal((await active()).text, "Skip to content");
      assert.ok(await page.locator(".skip-link").isVisible(), "the skip link shows when focused");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.activeElement?.id === "main" || location.hash === "#main");
      // Tab to the first lesson in the list.
      let found = false;
      for (let i = 0; i < 40 && !found; i++) {
        await page.keyboard.press("Tab");
        found = (await active()).inList;
      }
      assert.ok(found, "a lesson link is reachable with Tab");
      await page.keyboard.press("Enter");
      await page.waitForSelector("main[data-lesson]");
      const runButton = page.getByRole("button", { name: "Run", exact: true }).first();
      await runButton.waitFor();
      let run = false;
      for (let i = 0; i < 150 && !run; i++) {
        await page.keyboard.press("Tab");
        run = await runButton.evaluate((b) => b === document.activeElement);
      }
      assert.ok(run, "the demo's Run button is reachable with Tab");
      const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(ring, "none", "focus is visible");
    });
  });
});

describe("accessibility and screenshots", () => {
  for (const lang of ["en", "zh"]) {
    for (const colorScheme of ["light", "dark"]) {
      test(`axe: no serious or critical violations (${lang}, ${colorScheme})`, async () => {
        const options = { colorScheme, locale: lang === "zh" ? "zh-CN" : "en-US", notFoundPages: 1 };
        await withPage(options, async (page) => {
          const pages = [`${lang}/`, ...(SAMPLE ? [`${lang}/${SAMPLE}/`] : []), `${lang}/missing/`];
          for (const p of pages) {
            await gotoApp(page, p);
            const serious = (await runAxe(page)).filter((v) => ["serious", "critical"].includes(v.impact));
            assert.deepEqual(serious, [], `${p}:\n${formatViolations(serious)}`);
          }
          // The contents menu, open, on a phone.
          if (SAMPLE) {
            await page.setViewportSize({ width: 360, height: 800 });
            await gotoApp(page, `${lang}/${SAMPLE}/`);
            await page.locator("button.toc-toggle").click();
            const serious = (await runAxe(page)).filter((v) => ["serious", "critical"].includes(v.impact));
            assert.deepEqual(serious, [], `open contents:\n${formatViolations(serious)}`);
          }
        });
      });
    }
  }

  test("screenshots at 360 px and 1280 px", async () => {
    mkdirSync(SHOTS, { recursive: true });
    for (const width of [360, 1280]) {
      for (const colorScheme of ["light", "dark"]) {
        for (const lang of ["en", "zh"]) {
          await withPage({ colorScheme, viewport: { width, height: 900 } }, async (page) => {
            const targets = [["home", `${lang}/`]];
            if (SAMPLE) targets.push(["lesson", `${lang}/${SAMPLE}/`]);
            for (const [name, p] of targets) {
              await gotoApp(page, p);
              const file = path.join(SHOTS, `${name}-${lang}-${colorScheme}-${width}.png`);
              await page.screenshot({ path: file, fullPage: false });
              // Nothing wider than the screen: no sideways scrolling on a phone.
              const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
              assert.ok(overflow <= 0, `${p} at ${width}px is ${overflow}px too wide`);
            }
          });
        }
      }
    }
  });
});
