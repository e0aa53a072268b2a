// Runs in <head>, before the page is drawn (and before the wasm):
// - applies the saved theme, so a dark page never flashes light;
// - on the site root (`<html data-page="root">`), goes on to the reader's
//   language at once: the one they chose last, else any Chinese browser
//   language means Chinese, else English (app/src/paths.rs `detect_lang`);
// - if the wasm fails to start, says so above the page (which stays
//   readable: it is all in the HTML);
// - in a deployed build (`<html data-sw>`, written by xtask/offline.mjs;
//   never under `cargo xtask serve`), registers the offline worker, marks
//   the footer "Available offline" once the site is cached, and offers
//   "Update ready — reload" when a new build is waiting.
(function () {
  var root = document.documentElement;
  function saved(key) {
    try {
      return localStorage.getItem(key);
    } catch (e) {
      return null;
    }
  }
  var t = saved("lab.theme");
  if (t === "dark" || t === "light") root.dataset.theme = t;
  // The browser's bar takes the page's colour (app/src/theme.rs keeps it
  // in step when the reader switches theme).
  var dark = t === "dark" || (t !== "light" && window.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches);
  var meta = document.createElement("meta");
  meta.name = "theme-color";
  meta.content = dark ? "#141619" : "#fbfaf7";
  document.head.appendChild(meta);

  if (root.dataset.page === "root") {
    var lang = saved("lab.lang");
    if (lang !== "zh" && lang !== "en") {
      var tags = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
      lang = "en";
      for (var i = 0; i < tags.length; i++) {
        if (/^zh(?:[-_]|$)/i.test(String(tags[i]).trim())) {
          lang = "zh";
          break;
        }
      }
    }
    location.replace(new URL(lang + "/", document.baseURI).href + location.hash);
    return;
  }

  if (root.dataset.sw && "serviceWorker" in navigator) offline(root.dataset.sw);

  window.addEventListener("error", function (ev) {
    if (document.querySelector("[data-app-mounted]") || !document.body) return;
    var s = document.getElementById("boot-status");
    if (!s) {
      s = document.createElement("p");
      s.id = "boot-status";
      s.className = "boot-status";
      s.setAttribute("role", "status");
      document.body.insertBefore(s, document.body.firstChild);
    }
    s.textContent =
      "The demos could not start; the lessons can still be read. 演示未能启动，课程内容仍可阅读。 (" +
      (ev.message || "error") +
      ")";
  });

  function zh() {
    return (root.lang || "").indexOf("zh") === 0;
  }

  function offline(url) {
    var reloading = false;
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (reloading) location.reload();
    });
    function offer(reg) {
      if (!reg.waiting || !navigator.serviceWorker.controller || document.getElementById("sw-update")) return;
      var bar = document.createElement("div");
      bar.id = "sw-update";
      bar.className = "sw-update";
      bar.setAttribute("role", "status");
      var text = document.createElement("span");
      text.textContent = zh() ? "更新已就绪" : "Update ready";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.textContent = zh() ? "重新加载" : "Reload";
      button.addEventListener("click", function () {
        reloading = true;
        if (reg.waiting) reg.waiting.postMessage("skip-waiting");
        else location.reload();
      });
      bar.appendChild(text);
      bar.appendChild(document.createTextNode(" — "));
      bar.appendChild(button);
      document.body.appendChild(bar);
    }
    function mark() {
      var footer = document.querySelector(".site-footer p");
      if (!footer || document.getElementById("offline-mark")) return;
      var m = document.createElement("span");
      m.id = "offline-mark";
      m.className = "offline-mark";
      m.textContent = zh() ? "可离线阅读" : "Available offline";
      footer.appendChild(document.createTextNode(" "));
      footer.appendChild(m);
    }
    window.addEventListener("load", function () {
      navigator.serviceWorker
        .register(url)
        .then(function (reg) {
          offer(reg);
          reg.addEventListener("updatefound", function () {
            var w = reg.installing;
            if (!w) return;
            w.addEventListener("statechange", function () {
              if (w.state === "installed") offer(reg);
            });
          });
          return navigator.serviceWorker.ready;
        })
        .then(mark)
        .catch(function () {});
    });
  }
})();

// The header's search field: style/search.js (and the Pagefind index) load
// only when the reader first focuses it; / (outside a text field) and
// Ctrl+K (⌘K) focus it. Separate from the above so that it runs on every
// page that has the field.
(function () {
  function field() {
    return document.getElementById("site-search-input");
  }
  var started = false;
  function start() {
    if (started) return;
    started = true;
    import(new URL("search.js", document.baseURI).href).catch(function (e) {
      started = false;
      var s = document.querySelector(".site-search-status");
      var box = document.querySelector(".site-search");
      if (s && box) s.textContent = box.getAttribute("data-t-failed") || "";
      console.warn("search: search.js could not be loaded", e);
    });
  }
  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  document.addEventListener("keydown", function (e) {
    var f = field();
    if (!f || e.defaultPrevented || e.altKey) return;
    var slash = e.key === "/" && !e.ctrlKey && !e.metaKey && !typing(e.target);
    var k = (e.key === "k" || e.key === "K") && (e.ctrlKey || e.metaKey) && !e.shiftKey;
    if (!slash && !k) return;
    e.preventDefault();
    f.focus();
    f.select();
  });
  document.addEventListener("focusin", function (e) {
    if (e.target && e.target.id === "site-search-input") start();
  });
})();
