// Runs before the app: applies the saved (or system) theme so the page does
// not flash, and shows a readable message if the app fails to start.
(function () {
  try {
    var t = localStorage.getItem("lab.theme");
    if (t === "dark" || t === "light") document.documentElement.dataset.theme = t;
  } catch (e) {}
  window.addEventListener("error", function (ev) {
    var s = document.getElementById("boot-status");
    if (s && !document.querySelector("[data-app-mounted]")) {
      s.textContent = "The app could not start. 页面未能启动。 (" + (ev.message || "error") + ")";
    }
  });
})();
