// The header's search field, brought to life. style/boot.js imports this
// module the first time the reader focuses the field (or presses / or
// Ctrl+K), so nothing of search loads before that; this module then loads
// Pagefind's script and index (pagefind/, written by `cargo xtask dist`:
// xtask/src/search.rs).
//
// - Results as the reader types: the page's own language first, then the
//   other, each under its label. One option per (page, heading): the lesson
//   and the heading, the matching words highlighted in context, and a link
//   to the heading's anchor.
// - The ARIA combobox pattern: the field keeps focus; ↓/↑ move the active
//   option (aria-activedescendant), Enter opens it, Esc closes the list (a
//   second Esc clears the field). A live region says how many results.
//
// Pagefind keeps one index per page language (en, zh-cn) and loads the
// page's own; the other is added with `mergeIndex(…, { language })`. That
// call skips an index whose path the primary's path starts with, so the
// same bundle is named by its absolute URL (the primary's is a path).
// The markup (and its strings, in data-t-*) is app/src/components/shell.rs.

const MAX_PER_LANG = 10;
const MAX_PER_PAGE = 3;
const DEBOUNCE_MS = 120;

const box = document.querySelector(".site-search");
const input = document.getElementById("site-search-input");
const panel = document.getElementById("site-search-panel");
const list = document.getElementById("site-search-results");
const status = panel && panel.querySelector(".site-search-status");
const none = panel && panel.querySelector(".site-search-none");

const pageLang = (document.documentElement.lang || "en").toLowerCase();
const ownCode = pageLang.startsWith("zh") ? "zh" : "en";
const otherCode = ownCode === "zh" ? "en" : "zh";
const otherIndex = otherCode === "zh" ? "zh-cn" : "en";

let pagefind = null; // the loaded module, once ready
let loading = null; // the promise that loads it
let seq = 0; // the latest query's number: older answers are dropped
let timer = 0;
let options = []; // the option elements, in list order
let active = -1;

if (box && input && panel && list && status && none && !box.dataset.ready) {
  box.dataset.ready = "";
  // While an input method composes (pinyin), wait for the characters.
  input.addEventListener("input", (e) => {
    if (!e.isComposing) schedule();
  });
  input.addEventListener("compositionend", schedule);
  input.addEventListener("keydown", onKey);
  input.addEventListener("focus", () => {
    if (input.value.trim()) schedule();
  });
  // Close when focus or a click goes elsewhere (a click on a result is a
  // link: it navigates first).
  document.addEventListener("pointerdown", (e) => {
    if (!box.contains(e.target)) close();
  });
  box.addEventListener("focusout", (e) => {
    if (!box.contains(e.relatedTarget)) close();
  });
  list.addEventListener("pointermove", (e) => {
    const opt = e.target.closest && e.target.closest('[role="option"]');
    if (opt) setActive(options.indexOf(opt), false);
  });
  load();
  if (input.value.trim()) schedule();
}

function t(key, values = {}) {
  let s = box.dataset["t" + key[0].toUpperCase() + key.slice(1)] || "";
  for (const [k, v] of Object.entries(values)) s = s.split("{" + k + "}").join(String(v));
  return s;
}

function load() {
  if (!loading) {
    loading = (async () => {
      const base = new URL("pagefind/", document.baseURI).href;
      const pf = await import(new URL("pagefind.js", base).href);
      await pf.options({ excerptLength: 24 });
      await pf.init();
      await pf.mergeIndex(base, { language: otherIndex });
      pagefind = pf;
      return pf;
    })();
    loading.catch(() => {});
  }
  return loading;
}

function schedule() {
  clearTimeout(timer);
  const q = input.value.trim();
  if (!q) {
    seq++;
    close();
    return;
  }
  timer = setTimeout(() => run(q), pagefind ? DEBOUNCE_MS : 0);
}

async function run(q) {
  const mine = ++seq;
  open();
  if (!pagefind) {
    say(t("loading"));
    try {
      await load();
    } catch (e) {
      if (mine === seq) say(t("failed"));
      console.warn("search: the index could not be loaded", e);
      return;
    }
    if (mine !== seq) return;
  }
  let pages;
  try {
    const found = await pagefind.search(q);
    if (mine !== seq || !found) return;
    // Pages of both languages come back in one ranked list; their data says
    // which language each is (by its path), so load a good many.
    pages = await Promise.all(found.results.slice(0, 2 * MAX_PER_LANG + 6).map((r) => r.data()));
  } catch (e) {
    if (mine === seq) say(t("failed"));
    console.warn("search: the search failed", e);
    return;
  }
  if (mine !== seq) return;
  show(q, group(pages, q));
}

/** The hits of each language: [{ page, heading, url, excerpt }]. */
function group(pages, q) {
  const named = (title) => Boolean(title) && title.toLowerCase().includes(q.toLowerCase());
  const by = { [ownCode]: [], [otherCode]: [] };
  // A page with a section or glossary term whose name starts with the
  // query (the term "取消" for 取消) comes first: its definition is what
  // was asked for, and ten lessons that mention it would crowd it out.
  const starts = (title) => Boolean(title) && title.toLowerCase().startsWith(q.toLowerCase());
  const defines = (page) => (page.sub_results || []).some((s) => starts(s.title));
  pages = pages
    .map((page, i) => ({ page, i, first: defines(page) ? 0 : 1 }))
    .sort((a, b) => a.first - b.first || a.i - b.i)
    .map((x) => x.page);
  for (const page of pages) {
    const url = new URL(page.url, document.baseURI);
    const lang = url.pathname.includes("/zh/") ? "zh" : "en";
    const hits = by[lang];
    if (hits.length >= MAX_PER_LANG) continue;
    const subs = (page.sub_results && page.sub_results.length ? page.sub_results : [page])
      // A section whose heading (or glossary term) names the query comes
      // first; then by the weight of the words found (Pagefind counts words
      // in headings more).
      .map((s, i) => ({ s, i, n: weight(s) + (named(s.title) ? 1e6 : 0) }))
      .sort((a, b) => b.n - a.n || a.i - b.i)
      .slice(0, MAX_PER_PAGE)
      .sort((a, b) => a.i - b.i);
    for (const { s } of subs) {
      if (hits.length >= MAX_PER_LANG) break;
      const target = new URL(s.url || page.url, document.baseURI);
      if (!target.hash) {
        // No heading before the words (a glossary term, a lesson's lead):
        // the nearest element with an id before the first match.
        const at = (s.locations || [])[0];
        const anchor = (page.anchors || [])
          .filter((a) => a.id && at !== undefined && a.location <= at)
          .pop();
        if (anchor) target.hash = anchor.id;
      }
      const heading = s.title && s.title !== page.meta.title ? s.title : "";
      hits.push({ page: page.meta.title, heading, url: target.href, excerpt: s.excerpt || page.excerpt || "" });
    }
  }
  return by;
}

function weight(sub) {
  const w = sub.weighted_locations;
  return w && w.length ? w.reduce((sum, l) => sum + (l.weight || 1), 0) : (sub.locations || []).length;
}

function show(q, by) {
  list.replaceChildren();
  options = [];
  active = -1;
  input.removeAttribute("aria-activedescendant");
  let n = 0;
  for (const code of [ownCode, otherCode]) {
    const hits = by[code];
    if (!hits.length) continue;
    const groupEl = document.createElement("div");
    groupEl.setAttribute("role", "group");
    groupEl.className = "site-search-group";
    groupEl.dataset.lang = code;
    const label = document.createElement("p");
    label.className = "site-search-lang";
    label.id = "site-search-lang-" + code;
    label.setAttribute("role", "presentation");
    label.textContent = code === ownCode ? t("own") : t("other");
    groupEl.setAttribute("aria-labelledby", label.id);
    groupEl.append(label);
    const ul = document.createElement("ul");
    ul.setAttribute("role", "presentation");
    for (const hit of hits) {
      // The option is the link itself (an option holding a link would nest
      // one control in another).
      const li = document.createElement("li");
      li.setAttribute("role", "presentation");
      const a = document.createElement("a");
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      a.id = "site-search-option-" + n++;
      a.className = "site-search-option";
      if (code !== ownCode) a.lang = code === "zh" ? "zh-CN" : "en";
      a.href = hit.url;
      a.tabIndex = -1;
      const where = document.createElement("span");
      where.className = "site-search-where";
      const page = document.createElement("span");
      page.className = "site-search-page";
      page.textContent = hit.page;
      where.append(page);
      if (hit.heading) {
        const h = document.createElement("span");
        h.className = "site-search-heading";
        h.textContent = hit.heading;
        where.append(h);
      }
      const ex = document.createElement("span");
      ex.className = "site-search-excerpt";
      ex.append(...highlighted(hit.excerpt));
      a.append(where, ex);
      li.append(a);
      ul.append(li);
      options.push(a);
    }
    groupEl.append(ul);
    list.append(groupEl);
  }
  none.hidden = n > 0;
  list.hidden = n === 0; // an empty listbox is no listbox
  // What the list now answers (the end-to-end tests wait for it).
  list.dataset.query = q;
  say(n === 0 ? t("none", { q }) : n === 1 ? t("one", { n }) : t("many", { n }));
}

/** Pagefind's excerpt (escaped text with <mark>) as nodes, nothing else let through. */
function highlighted(excerpt) {
  const nodes = [];
  const parts = excerpt.split(/(<mark>|<\/mark>)/);
  let marked = false;
  for (const part of parts) {
    if (part === "<mark>") marked = true;
    else if (part === "</mark>") marked = false;
    else if (part) {
      const text = document.createTextNode(decode(part));
      if (marked) {
        const m = document.createElement("mark");
        m.append(text);
        nodes.push(m);
      } else nodes.push(text);
    }
  }
  return nodes;
}

function decode(escaped) {
  return new DOMParser().parseFromString("<!doctype html><body>" + escaped, "text/html").body.textContent || "";
}

function say(text) {
  status.textContent = text;
}

function open() {
  panel.hidden = false;
  input.setAttribute("aria-expanded", "true");
}

function close() {
  clearTimeout(timer);
  panel.hidden = true;
  input.setAttribute("aria-expanded", "false");
  setActive(-1, false);
}

function setActive(i, scroll = true) {
  if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
  active = i;
  const opt = options[i];
  if (!opt) {
    input.removeAttribute("aria-activedescendant");
    return;
  }
  opt.setAttribute("aria-selected", "true");
  input.setAttribute("aria-activedescendant", opt.id);
  if (scroll) opt.scrollIntoView({ block: "nearest" });
}

function onKey(e) {
  if (e.isComposing) return; // an IME is still composing Chinese
  const isOpen = !panel.hidden;
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    if (!isOpen) {
      if (input.value.trim()) schedule();
      return;
    }
    if (!options.length) return;
    e.preventDefault();
    const step = e.key === "ArrowDown" ? 1 : -1;
    const next = active < 0 ? (step > 0 ? 0 : options.length - 1) : (active + step + options.length) % options.length;
    setActive(next);
  } else if (e.key === "Enter") {
    const opt = options[active] || (isOpen ? options[0] : null);
    if (!opt) return;
    e.preventDefault();
    const href = opt.href;
    close();
    location.assign(href);
  } else if (e.key === "Escape") {
    e.preventDefault();
    if (isOpen) close();
    else if (input.value) input.value = "";
    else input.blur();
  }
}
