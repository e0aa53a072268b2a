// Runs in <head>, before the page is drawn (and before the wasm):
// - applies the saved theme, so a dark page never flashes light;
// - on the site root (`<html data-page="root">`), goes on to the reader's
//   language at once: the one they chose last, else any Chinese browser
//   language means Chinese, else English (app/src/paths.rs `detect_lang`);
// - if the wasm fails to start, says so above the page (which stays
//   readable: it is all in the HTML).
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
})();
