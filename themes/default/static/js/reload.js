// Live reload for `trappa serve` (only pages built by serve load this file).
// Listens to the preview server's events: reloads the page keeping the scroll position,
// swaps stylesheets when only CSS changed, and shows content errors in an overlay that
// disappears when the error is fixed. Its text comes from the page's language table, as
// data attributes of its own script element.
(function () {
  "use strict";
  var strings = document.currentScript ? document.currentScript.dataset : {};
  var SCROLL_KEY = "trappa-serve-scroll:" + location.pathname;

  var saved = sessionStorage.getItem(SCROLL_KEY);
  if (saved !== null) {
    sessionStorage.removeItem(SCROLL_KEY);
    window.addEventListener("load", function () {
      window.scrollTo(0, parseInt(saved, 10) || 0);
    });
  }

  function reload() {
    sessionStorage.setItem(SCROLL_KEY, String(window.scrollY));
    location.reload();
  }

  function swapStylesheets() {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("v", String(Date.now()));
      link.href = url.toString();
    });
  }

  function overlay() {
    var box = document.getElementById("trappa-error-overlay");
    if (!box) {
      box = document.createElement("div");
      box.id = "trappa-error-overlay";
      box.className = "trappa-error-overlay";
      box.setAttribute("role", "alertdialog");
      box.setAttribute("aria-labelledby", "trappa-error-title");
      var title = document.createElement("p");
      title.id = "trappa-error-title";
      title.className = "trappa-error-title";
      title.textContent = strings.errorsTitle || "";
      var about = document.createElement("p");
      about.className = "trappa-error-about";
      about.textContent = strings.errorsLanguage || "";
      // The messages are English whatever the site's language: a screen reader reads them so.
      var text = document.createElement("pre");
      text.className = "trappa-error-text";
      text.setAttribute("lang", "en");
      box.appendChild(title);
      box.appendChild(about);
      box.appendChild(text);
      document.body.appendChild(box);
    }
    return box;
  }

  function clearOverlay() {
    var box = document.getElementById("trappa-error-overlay");
    if (box) box.remove();
  }

  if (!window.EventSource) return;
  var source = new EventSource("/__trappa/events");
  var broken = false;
  // Says when the page listens, for whoever must know that a save now will reach it
  // (a save during the reload itself has no page yet to tell).
  source.addEventListener("open", function () {
    document.documentElement.setAttribute("data-live-reload", "listening");
  });
  source.addEventListener("reload", function () {
    clearOverlay();
    reload();
  });
  source.addEventListener("css", function () {
    if (broken) {
      reload();
    } else {
      swapStylesheets();
    }
  });
  source.addEventListener("build-error", function (event) {
    broken = true;
    overlay().querySelector("pre").textContent = event.data;
  });
})();
