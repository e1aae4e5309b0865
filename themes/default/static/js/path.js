// Reading paths, on top of what the pages show without it (the path's steps in order, each
// step page's place and the way on): on a path's page, the steps read ticked with their
// dates, how many minutes are left and a link to go on where one left off; on a step page,
// "Mark as read". Progress is kept in this browser's localStorage only, per path id, each
// step under its page's path from the site's root, so the path page and the step page agree
// from file:// as from a host. Nothing is sent anywhere.
(function () {
  "use strict";

  var STORE_PREFIX = "trappa-lasvag:";
  var fill = window.trappaHelpers.fill;

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  // { read: { "trappan/kompetenstrappan.html": "2026-12-02T05:40:00.000Z", … } }
  function load(id) {
    try {
      var saved = JSON.parse(localStorage.getItem(STORE_PREFIX + id) || "{}");
      if (saved && saved.read && typeof saved.read === "object") return saved;
    } catch (e) {
      // unreadable progress (edited by hand?) or no storage: start afresh
    }
    return { read: {} };
  }

  // false when the browser does not let the page save.
  function store(id, progress) {
    try {
      if (Object.keys(progress.read).length) localStorage.setItem(STORE_PREFIX + id, JSON.stringify(progress));
      else localStorage.removeItem(STORE_PREFIX + id);
      return true;
    } catch (e) {
      return false;
    }
  }

  function day(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) return "";
    return date.toLocaleDateString(document.documentElement.lang || undefined, { year: "numeric", month: "long", day: "numeric" });
  }

  function strings(node) {
    return JSON.parse(node.getAttribute("data-strings"));
  }

  // ---- The path's page ----

  function showPath(section, t) {
    var progress = load(section.getAttribute("data-path"));
    var steps = all(section, "[data-step]");
    var read = 0, left = 0, last = -1;
    steps.forEach(function (step, i) {
      var when = progress.read[step.getAttribute("data-step")];
      step.classList.toggle("is-read", Boolean(when));
      step.querySelector("[data-step-state]").textContent = when ? fill(t.read_on, day(when)) : t.unread;
      if (when) {
        read += 1;
        last = i;
      } else {
        left += Number(step.getAttribute("data-minutes"));
      }
    });
    var status = section.querySelector("[data-path-progress]");
    status.textContent = read === steps.length ? fill(t.done, steps.length) : fill(t.progress, read, steps.length, left);
    status.hidden = false;
    // Where one left off: the first step not read after the last one read (a step skipped
    // on the way is still ticked off as not read in the list).
    var after = steps.slice(last + 1).concat(steps.slice(0, last + 1));
    var next = after.filter(function (step) { return !step.classList.contains("is-read"); })[0];
    var go = section.querySelector("[data-path-continue]");
    go.textContent = "";
    go.hidden = !(read && next);
    if (read && next) {
      var link = next.querySelector("a");
      var to = document.createElement("a");
      to.href = link.getAttribute("href");
      to.textContent = fill(t["continue"], link.textContent);
      go.appendChild(to);
    }
  }

  function setUpPath(section) {
    var t = strings(section), id = section.getAttribute("data-path");
    var actions = section.querySelector(".path-actions");
    actions.querySelector("[data-path-clear]").addEventListener("click", function () {
      store(id, { read: {} });
      showPath(section, t);
      section.querySelector("[data-path-progress]").textContent = t.cleared;
    });
    actions.hidden = false;
    showPath(section, t);
    // Marked in another tab of the same site: follow.
    window.addEventListener("storage", function (event) {
      if (event.key === null || event.key === STORE_PREFIX + id) showPath(section, t);
    });
  }

  // ---- A step page ----

  function setUpStep(nav) {
    var t = strings(nav), id = nav.getAttribute("data-path"), key = nav.getAttribute("data-step");
    var button = nav.querySelector("[data-path-mark]"), state = nav.querySelector("[data-path-mark-state]");
    function show() {
      var when = load(id).read[key];
      button.setAttribute("aria-pressed", when ? "true" : "false");
      state.textContent = when ? fill(t.read_on, day(when)) : "";
    }
    button.addEventListener("click", function () {
      var progress = load(id);
      if (progress.read[key]) delete progress.read[key];
      else progress.read[key] = new Date().toISOString();
      if (store(id, progress)) show();
      else state.textContent = t.storage_unavailable;
    });
    button.parentNode.hidden = false;
    show();
  }

  all(document, ".reading-path[data-path]").forEach(setUpPath);
  all(document, ".path-place[data-path]").forEach(setUpStep);
})();
