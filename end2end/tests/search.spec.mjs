// Search (issue 13), end to end, in both languages, under the site's
// sub-path: nothing of search loads before the field is first focused; the
// queries of the issue find their places — what each must find is read from
// the built pages themselves (the lesson whose title holds the words, the
// heading that names an API, the myth box with that id); results come in the
// page's language first, then the other, each under its label, with the
// matching words marked and a link to the heading whose section holds them;
// the keyboard alone finds and opens a result; a query with no results says
// so and points to the glossary and the lesson list; a phone in dark theme
// shows the list inside the screen; nothing logs an error.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { DIST, builtLessonSlugs, formatViolations, gotoApp, launch, newPage, runAxe, url } from "../lib.mjs";

const P = new URL(url("")).pathname;
const SLUGS = builtLessonSlugs();
const QUERIES = ["取消", "背压", "清理时机", "轮询", "唤醒", "poll_next", "buffer_unordered", "aclose", "take_until", "M23"];
const NAMES = { en: "English", zh: "中文" };
/** A page to search from in each language (any lesson does). */
const FROM = "iterable-vs-iterator";

/** The built page's HTML (of `lang`/`slug`), or "" if it is not built. */
function html(lang, slug) {
  try {
    return readFileSync(path.join(DIST, lang, slug, "index.html"), "utf8");
  } catch {
    return "";
  }
}

/** Plain text of an HTML fragment. */
function text(fragment) {
  return fragment
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/**
 * What the built pages say `q` must find in `lang`: the lessons whose title
 * holds it, `#id`s of headings whose text holds it, the myth box with that
 * id (its lesson's `#myths`) and the glossary terms whose name holds it.
 */
function expected(lang, q) {
  const lessons = [];
  const anchors = [];
  for (const slug of SLUGS) {
    const page = html(lang, slug);
    const h1 = page.match(/<h1[^>]*>([\s\S]*?)<\/h1>/);
    if (h1 && text(h1[1]).toLowerCase().includes(q.toLowerCase())) lessons.push(slug);
    for (const m of page.matchAll(/<h([23]) id="([^"]+)"[^>]*>([\s\S]*?)<\/h\1>/g)) {
      if (text(m[3]).includes(q)) anchors.push(`${slug}/#${m[2]}`);
    }
    if (/^M\d+$/.test(q) && page.includes(`data-myth="${q}"`)) anchors.push(`${slug}/#myths`);
  }
  for (const m of html(lang, "glossary").matchAll(/<div ([^>]*class="term"[^>]*)>/g)) {
    const id = m[1].match(/\bid="([^"]+)"/)?.[1];
    const name = m[1].match(/data-pagefind-title="([^"]+)"/)?.[1];
    if (id && name && text(name).toLowerCase().includes(q.toLowerCase())) anchors.push(`glossary/#${id}`);
  }
  return { lessons, anchors };
}

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Types `q` into the (focused) field and waits for the answer. */
async function search(page, q) {
  await page.fill("#site-search-input", q);
  // style/search.js marks the list with the query it answers.
  await page.waitForFunction((q) => document.getElementById("site-search-results").dataset.query === q, q, {
    timeout: 20_000,
  });
  return page.evaluate(() => ({
    status: document.querySelector(".site-search-status").textContent,
    groups: [...document.querySelectorAll("#site-search-results [role=group]")].map((g) => ({
      lang: g.dataset.lang,
      label: document.getElementById(g.getAttribute("aria-labelledby"))?.textContent,
      options: [...g.querySelectorAll("[role=option]")].map((o) => ({
        href: o.href,
        page: o.querySelector(".site-search-page")?.textContent ?? "",
        heading: o.querySelector(".site-search-heading")?.textContent ?? "",
        // Pagefind marks a word with the punctuation it ends in ("M23.").
        marks: [...o.querySelectorAll("mark")]
          .map((m) => m.textContent.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, ""))
          .filter(Boolean),
      })),
    })),
  }));
}

/**
 * The text of the part of the page at `href` that its anchor starts: from
 * the heading (or the element with that id) to the next heading of the same
 * or a higher level; the whole `<main>` without an anchor. Demo panels and
 * other parts the index leaves out are left out here too.
 */
function sectionText(page, href) {
  return page.evaluate(async (href) => {
    const doc = new DOMParser().parseFromString(await (await fetch(href)).text(), "text/html");
    doc.querySelectorAll("[data-pagefind-ignore]").forEach((e) => e.remove());
    const id = decodeURIComponent(new URL(href).hash.slice(1));
    const main = doc.querySelector("main");
    if (!id) return main.textContent;
    const start = doc.getElementById(id);
    if (!start) return null;
    const level = /^H[1-6]$/.test(start.tagName) ? Number(start.tagName[1]) : 0;
    if (!level) return start.textContent;
    let out = "";
    const walker = doc.createTreeWalker(main, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    walker.currentNode = start;
    let node = start;
    while (node) {
      if (node !== start && node.nodeType === 1 && /^H[1-6]$/.test(node.tagName) && Number(node.tagName[1]) <= level) break;
      if (node.nodeType === 3) out += node.textContent;
      node = walker.nextNode();
    }
    return out;
  }, href);
}

test("the index holds the lessons' and the glossary's text, not their demos, nor the home, root and 404 pages", () => {
  let parts = 0;
  for (const lang of ["en", "zh"]) {
    for (const slug of [...SLUGS, "glossary"]) {
      const page = html(lang, slug);
      assert.match(page, /<main [^>]*data-pagefind-body/, `${lang}/${slug}/ is indexed`);
      for (const tag of page.match(/<(?:section|nav) [^>]*class="(?:demo|predict|prev-next)(?:\s[^"]*)?"[^>]*>/g) ?? []) {
        assert.match(tag, /data-pagefind-ignore/, `${lang}/${slug}/: ${tag}`);
        parts++;
      }
    }
    assert.doesNotMatch(readFileSync(path.join(DIST, lang, "index.html"), "utf8"), /data-pagefind-body/);
  }
  assert.ok(parts >= 2 * SLUGS.length, `demo panels, predict boxes and previous / next links found: ${parts}`);
  for (const file of ["index.html", "404.html"]) {
    assert.doesNotMatch(readFileSync(path.join(DIST, file), "utf8"), /data-pagefind-body/, file);
  }
});

for (const [lang, locale] of [
  ["en", "en-US"],
  ["zh", "zh-CN"],
]) {
  const other = lang === "en" ? "zh" : "en";
  describe(`search from a ${lang} page`, { skip: !SLUGS.includes(FROM) && "the lesson is not built" }, () => {
    let context;
    let page;
    let errors;
    const requests = [];
    before(async () => {
      ({ context, page, errors } = await newPage(browser, { locale }));
      page.on("request", (r) => requests.push(r.url()));
      await gotoApp(page, `${lang}/${FROM}/`);
    });
    after(async () => {
      await context?.close();
    });

    test("nothing of search loads before the field is focused", async () => {
      const early = requests.filter((u) => u.includes("/pagefind/") || u.endsWith("/search.js"));
      assert.deepEqual(early, []);
      assert.equal(await page.getAttribute("#site-search-input", "aria-expanded"), "false");
      assert.equal(await page.isVisible("#site-search-panel"), false);
    });

    test("/ focuses the field and loads search", async () => {
      await page.locator("main h1").click();
      await page.keyboard.press("/");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "site-search-input");
      await page.waitForFunction(() => document.querySelector(".site-search[data-ready]"));
      assert.ok(requests.some((u) => u.endsWith(`${P}search.js`)), "search.js was loaded");
    });

    for (const q of QUERIES) {
      test(`"${q}" finds its lessons and headings`, async () => {
        const { status, groups } = await search(page, q);
        assert.ok(groups.length > 0, `no results for ${q}: ${status}`);
        const n = groups.reduce((sum, g) => sum + g.options.length, 0);
        assert.ok(status.includes(String(n)), `the count (${status}) says ${n}`);
        // Own language first, then the other; each labelled by its name.
        assert.deepEqual(
          groups.map((g) => g.lang),
          [lang, other].filter((l) => groups.some((g) => g.lang === l)),
        );
        for (const g of groups) {
          assert.equal(g.label, NAMES[g.lang]);
          for (const o of g.options) {
            assert.ok(new URL(o.href).pathname.startsWith(`${P}${g.lang}/`), `${o.href} is a ${g.lang} page`);
            assert.ok(o.page.length > 0, `${o.href} names its page`);
          }
        }
        // What the pages say the query must find, in each language that has it.
        const chinese = /\p{Script=Han}/u.test(q);
        for (const l of chinese ? ["zh"] : ["en", "zh"]) {
          const want = expected(l, q);
          const g = groups.find((g) => g.lang === l);
          assert.ok(g, `${q}: no ${l} results`);
          const paths = g.options.map((o) => new URL(o.href).pathname.slice(P.length + l.length + 1) + new URL(o.href).hash);
          for (const slug of want.lessons) {
            assert.ok(paths.some((p) => p.startsWith(`${slug}/`)), `${q} should find lesson ${l}/${slug}: ${paths.join(" ")}`);
          }
          // Ten results a language, three a page: every glossary term
          // named by the query and every lesson titled with it must be
          // there, and of the headings that name it, at least one (all of
          // them only while the site was small enough for all to fit).
          const terms = want.anchors.filter((a) => a.startsWith("glossary/"));
          for (const anchor of terms) {
            assert.ok(paths.includes(anchor), `${q} should find ${l}/${anchor}: ${paths.join(" ")}`);
          }
          const headings = want.anchors.filter((a) => !a.startsWith("glossary/"));
          if (headings.length > 0) {
            assert.ok(
              headings.some((a) => paths.includes(a)),
              `${q} should find one of ${headings.join(" ")} in ${l}: ${paths.join(" ")}`,
            );
          }
        }
        // The first result of each language: its words are marked, and the
        // section its link opens holds them.
        for (const g of groups) {
          const first = g.options[0];
          assert.ok(first.marks.length > 0, `${first.href} marks the words it matched`);
          const section = (await sectionText(page, first.href))?.toLowerCase();
          assert.ok(section, `${first.href} leads to an element that exists`);
          for (const m of first.marks) {
            assert.ok(section.includes(m.toLowerCase()), `"${m}" is in the section ${first.href} opens`);
          }
          if (!chinese) {
            assert.ok(first.marks.some((m) => m.toLowerCase().includes(q.toLowerCase())), `${q} is marked in ${first.href}`);
          } else {
            // Chinese has no spaces: the query's words (as a segmenter
            // finds them) are all in the section.
            const words = [...new Intl.Segmenter("zh", { granularity: "word" }).segment(q)].map((w) => w.segment);
            for (const w of words) assert.ok(section.includes(w), `"${w}" (of ${q}) is in the section ${first.href} opens`);
          }
        }
      });
    }

    test("a query with no results says so and points to the glossary and the lessons", async () => {
      // Characters no page has (a Latin nonsense word is no good: the Chinese
      // index is searched character by character and finds a lone "q").
      const q = "龘靐齉";
      const { status, groups } = await search(page, q);
      assert.equal(groups.length, 0);
      const none = await page.getAttribute(".site-search", "data-t-none");
      assert.equal(status, none.replace("{q}", q));
      assert.ok(await page.isVisible(".site-search-none"));
      const links = await page.$$eval(".site-search-none a", (as) => as.map((a) => new URL(a.href).pathname + new URL(a.href).hash));
      assert.deepEqual(links, [`${P}${lang}/glossary/`, `${P}${lang}/#lessons`]);
    });

    test("Esc closes the list; Ctrl+K focuses the field again", async () => {
      await search(page, "aclose");
      assert.ok(await page.isVisible("#site-search-panel"));
      await page.keyboard.press("Escape");
      assert.equal(await page.isVisible("#site-search-panel"), false);
      assert.equal(await page.getAttribute("#site-search-input", "aria-expanded"), "false");
      await page.locator("main h1").click();
      await page.keyboard.press("Control+k");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "site-search-input");
    });

    test("axe finds nothing serious in the field and its results", async () => {
      await page.focus("#site-search-input");
      await search(page, "poll_next");
      const violations = (await runAxe(page, { runOnly: ["wcag2a", "wcag2aa"] }, ".site-search")).filter(
        (v) => v.impact === "serious" || v.impact === "critical",
      );
      assert.deepEqual(violations, [], formatViolations(violations));
    });

    test("no console errors", () => {
      assert.deepEqual(errors, []);
    });
  });

  test(`keyboard only (${lang}): /, type, ↓ ↓ ↑, Enter lands on the heading`, { skip: !SLUGS.includes(FROM) }, async () => {
    const { context, page, errors } = await newPage(browser, { locale });
    try {
      await gotoApp(page, `${lang}/${FROM}/`);
      await page.keyboard.press("/");
      await page.keyboard.type("take_until");
      await page.waitForSelector("#site-search-results [role=option]", { timeout: 20_000 });
      await page.waitForFunction(() => document.getElementById("site-search-input").value === "take_until");
      const active = () =>
        page.evaluate(() => {
          const id = document.getElementById("site-search-input").getAttribute("aria-activedescendant");
          const el = id && document.getElementById(id);
          return el ? { id, href: el.href, selected: el.getAttribute("aria-selected") } : null;
        });
      assert.equal(await active(), null);
      await page.keyboard.press("ArrowDown");
      const first = await active();
      assert.equal(first.selected, "true");
      await page.keyboard.press("ArrowDown");
      assert.notEqual((await active()).id, first.id);
      await page.keyboard.press("ArrowUp");
      assert.deepEqual(await active(), first);
      assert.ok(new URL(first.href).pathname.startsWith(`${P}${lang}/`), "the first result is in the page's language");
      // On to the first result that links to a heading (the first may be a
      // lesson's lead, which has none).
      let current = first;
      for (let i = 0; i < 10 && !new URL(current.href).hash; i++) {
        await page.keyboard.press("ArrowDown");
        current = await active();
      }
      const target = new URL(current.href);
      assert.ok(target.hash, "a result links to a heading");
      await Promise.all([page.waitForURL((u) => u.href === target.href, { timeout: 20_000 }), page.keyboard.press("Enter")]);
      await page.waitForLoadState("load");
      const id = decodeURIComponent(target.hash.slice(1));
      await page.waitForFunction(
        (id) => {
          const r = document.getElementById(id)?.getBoundingClientRect();
          return r && r.top >= 0 && r.top < window.innerHeight / 2;
        },
        id,
        { timeout: 10_000 },
      );
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

describe("on a 360 px phone in dark theme", () => {
  test("the results fit the screen, and axe finds nothing serious in them", { skip: !SLUGS.includes(FROM) }, async () => {
    const { context, page, errors } = await newPage(browser, {
      locale: "zh-CN",
      colorScheme: "dark",
      viewport: { width: 360, height: 740 },
    });
    try {
      await gotoApp(page, `zh/${FROM}/`);
      await page.tap?.("#site-search-input").catch(() => {});
      await page.focus("#site-search-input");
      const { groups } = await search(page, "唤醒");
      assert.ok(groups.length > 0);
      const box = await page.locator("#site-search-panel").boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 360, `the panel (${box.x}..${box.x + box.width}) is inside 360 px`);
      const field = await page.locator("#site-search-input").boundingBox();
      assert.ok(field.width >= 200, `the focused field takes the header's row (${field.width} px)`);
      const violations = (await runAxe(page, { runOnly: ["wcag2a", "wcag2aa"] }, ".site-search")).filter(
        (v) => v.impact === "serious" || v.impact === "critical",
      );
      assert.deepEqual(violations, [], formatViolations(violations));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
